"""X/Twitter archives, every generation since 2012.

Generations (see shared/reference/export-formats.md §1):

* **grailbird** (Dec 2012 - 2019, "Tweet archive"; read by ``twitter_grailbird``):
  ``data/js/tweets/YYYY_MM.js``, each ``Grailbird.data.tweets_YYYY_MM =`` + an array of API-v1.1 tweets
  (``text``, numeric ``id`` beyond 2**53 so always ``id_str``, ``created_at`` like
  ``2014-05-30 13:15:14 +0000``, native retweets carry the whole original in ``retweeted_status``).
  ``data/js/tweet_index.js`` lists every month with its count; ``data/js/user_details.js`` gives the
  handle. ``tweets.csv`` at the root is the fallback.
* **gdpr-v1** (2018 - early 2020): ``tweet.js`` at the zip root, ``window.YTD.tweet.part0 = [ {...} ]``
  with bare tweet objects; every number is a string.
* **gdpr-v2** (2020 - 2022): the same files under ``data/``, each tweet wrapped as ``{"tweet": {...}}``,
  plus ``data/manifest.js`` (``window.__THAR_CONFIG``) listing every file and its item count.
* **current** (late 2022 onwards): ``data/tweets.js`` (plural) with ``edit_info``; long posts' full text
  in ``note-tweet.js``; ``community-tweet.js``; ``deleted-tweets.js``.

Every dataset may be split into ``x.js``, ``x-part1.js``, ``x-part2.js`` … (about 100 MB each, not in
date order); all parts are read, and the manifest's counts are checked against what was read.

Kinds: retweets (``RT @handle: `` is the only signal in GDPR archives) become ``share`` with the
retweeted handle as author; quote tweets (a status link in ``entities.urls``) are ``share`` in the
user's own words; replies to other accounts are ``reply``; replies to oneself (threads) are ``post``.
Likes have no date in any archive and only the liked text. Deleted tweets keep their kind; their
``source`` names ``deleted-tweets.js``. Direct messages are read only when asked for, and only the
messages the account holder sent.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from .archive import Archive
from .base import load_member, natural_key, plural, read_member
from .models import Detection, Item, ReadLog

PLATFORM = "twitter"
name = PLATFORM  # the Platform contract (parsers.base)
label = "X (Twitter)"
# (task, steps) for the How to delete sheet: our own summary of the platform's settings as they were in
# 2025 (the sheet's first rows say what to do when a menu has changed).
deletion_steps: tuple[tuple[str, str], ...] = (
    (
        "Delete a post or reply",
        "Open the post (the Link column takes you there), select the ⋯ (More) menu on it, choose Delete "
        "and confirm. Replies are posts and are deleted the same way. X has no way to delete posts in bulk; "
        "services that offer it need access to your account, so weigh that before using one.",
    ),
    (
        "Edit a post",
        "Old posts cannot be edited (X only allows a short edit window after posting, and only on paid "
        "plans). Delete the post and, if you still want to say it, post a new version.",
    ),
    (
        "Undo a repost (retweet) or a quote",
        "Open the original post, select the Repost button (shown in green when you have reposted) and "
        "choose Undo repost. A quote post is your own post: delete it as above.",
    ),
    (
        "Remove a like",
        "Open the liked post (the Link column) and select the heart again so it is no longer filled. Your "
        "likes are also listed on the Likes tab of your profile.",
    ),
    (
        "Limit who sees your past posts",
        "Settings and privacy > Privacy and safety > Audience and tagging > Protect your posts. Only your "
        "followers will then see your posts, old ones included; remove followers you do not know. Copies "
        "already made elsewhere are not affected.",
    ),
    (
        "Direct messages",
        "Deleting a message or a conversation removes it for you only: the other person keeps their copy.",
    ),
)

GENERATIONS = {
    "grailbird": "Tweet archive, 2012-2019 (Grailbird: data/js/tweets/YYYY_MM.js)",
    "gdpr-v1": "Your Twitter data, 2018-2020 (tweet.js at the top level, bare tweets)",
    "gdpr-v2": 'Your Twitter data, 2020-2022 (data/tweet.js, tweets wrapped in {"tweet": …})',
    "current": "X archive, 2022 onwards (data/tweets.js)",
}

# "data/tweets-part2.js" -> stem "tweets", part "2". YTD files sit at the top (gdpr-v1) or in data/
# (later); anything else (assets/js/ of the offline viewer, media folders, other exports) is not data.
_YTD_NAME = re.compile(r"^(?:data/)?(?P<stem>[a-z][a-z0-9-]*?)(?:-part(?P<part>\d+))?\.js$")
_GRAILBIRD_MONTH = re.compile(r"^data/js/tweets/\d{4}_\d{2}\.js$")
_RETWEET = re.compile(r"RT @(\w{1,15}):? ?")
_STATUS_URL = re.compile(r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w{1,15}/status(?:es)?/(\d+)")
_LEADING_MENTIONS = re.compile(r"^(?:@\w{1,15}\s+)+")
_SPACES = re.compile(r"\s+")
_MONTHS = {m: f"{i:02d}" for i, m in enumerate(calendar.month_abbr) if m}
_DAYS: dict[str, str] = {}  # "Feb 18 +0000 2023" -> "2023-02-18T", filled as tweets are read
_new_item = tuple.__new__  # builds an Item without NamedTuple's Python-level __new__: 3x cheaper per tweet

TWEET_STEMS = ("tweets", "tweet")
NOTE_STEMS = ("note-tweet",)
DELETED_NOTE_STEMS = ("deleted-note-tweet",)
COMMUNITY_STEMS = ("community-tweet",)
DELETED_STEMS = ("deleted-tweets", "deleted-tweet")
LIKE_STEMS = ("like",)
PROFILE_STEMS = ("profile",)
MESSAGE_STEMS = (
    "direct-messages",
    "direct-message",
    "direct-messages-group",
    "direct-message-group",
)


def detect(archive: Archive) -> Detection | None:
    """Recognise an X/Twitter archive from its file names alone."""
    names = archive.names()
    months = sorted(n for n in names if _GRAILBIRD_MONTH.search(n))
    if months or _find(names, "data/js/tweet_index.js") or "tweets.csv" in names:
        files = [
            n
            for n in (
                _find(names, "data/js/user_details.js"),
                _find(names, "data/js/tweet_index.js"),
            )
            if n
        ]
        if not months and "tweets.csv" in names:
            files.append("tweets.csv")
        return Detection(PLATFORM, "grailbird", GENERATIONS["grailbird"], files + months)

    sets = _datasets(names)
    tweets = _parts(sets, TWEET_STEMS)
    if not tweets and not ({"account", "manifest"} & sets.keys()):
        return None
    if any(n.rsplit("/", 1)[-1].startswith("tweets") for n in tweets) or "note-tweet" in sets:
        generation = "current"
    elif all("/" not in name for parts in sets.values() for name in parts):
        generation = "gdpr-v1"  # v1 put its files at the top of the zip, later ones under data/
    else:
        generation = "gdpr-v2"
    files = [
        *_parts(sets, ("manifest",)),
        *_parts(sets, ("account",)),
        *_parts(sets, PROFILE_STEMS),
        *_parts(sets, NOTE_STEMS),
        *_parts(sets, DELETED_NOTE_STEMS),
        *tweets,
        *_parts(sets, COMMUNITY_STEMS),
        *_parts(sets, DELETED_STEMS),
        *_parts(sets, LIKE_STEMS),
    ]
    return Detection(PLATFORM, generation, GENERATIONS[generation], files, _parts(sets, MESSAGE_STEMS))


def refusal(archive: Archive) -> str | None:
    """X archives have no HTML-only format to refuse: the viewer's HTML always comes with the data."""
    return None


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield every post, reply, share, like and profile field (and, if asked, sent messages)."""
    if detection.generation == "grailbird":
        from .twitter_grailbird import iter_grailbird  # here, not at the top: that module imports this one

        yield from iter_grailbird(archive, detection, log)
        return
    sets = _datasets([*detection.files, *detection.message_files])
    ctx = _Context()
    expected = _read_manifest(archive, sets, log, ctx)
    _read_account(archive, sets, log, ctx)
    ctx.notes = _NoteIndex(_read_notes(archive, _parts(sets, NOTE_STEMS), log))
    ctx.deleted_notes = _NoteIndex(_read_notes(archive, _parts(sets, DELETED_NOTE_STEMS), log))

    ctx.url_prefix = _url_prefix(ctx.username)
    ctx.media_files = _media_files(archive)
    converters: list[tuple[tuple[str, ...], Convert]] = [
        (PROFILE_STEMS, partial(_profile_record, ctx=ctx)),
        (TWEET_STEMS, partial(_tweet_record, ctx=ctx, notes=ctx.notes or None)),
        (COMMUNITY_STEMS, partial(_tweet_record, ctx=ctx, notes=ctx.notes or None)),
        (DELETED_STEMS, partial(_tweet_record, ctx=ctx, notes=ctx.deleted_notes or None)),
        (LIKE_STEMS, _like_record),
    ]
    if include_messages and ctx.account_id:
        converters.append((MESSAGE_STEMS, partial(_message_record, ctx=ctx)))
    elif include_messages:
        for name in _parts(sets, MESSAGE_STEMS):
            log.problem(
                name,
                f"{name}: account.js is missing, so your own messages cannot be told from "
                "other people's; messages were not read",
            )
    for stems, convert in converters:
        for name in _parts(sets, stems):
            tally = yield from read_member(archive, name, log, convert)
            if tally.complete:  # a file cut short is already one problem; its count says nothing more
                _check_count(log, name, tally.records, expected.get(name))
    for index, source in ((ctx.notes, "note-tweet"), (ctx.deleted_notes, "deleted-note-tweet")):
        yield from index.orphans(ctx, source)
    _check_manifest_complete(archive, sets, expected, log, include_messages)


# --- context shared by the readers of one archive -------------------------------------------------


@dataclass
class _Context:
    username: str | None = None
    account_id: str | None = None
    notes: _NoteIndex = field(default_factory=lambda: _NoteIndex([]))
    deleted_notes: _NoteIndex = field(default_factory=lambda: _NoteIndex([]))
    url_prefix: str = "https://x.com/i/web/status/"
    media_files: dict[str, tuple[str, ...]] = field(default_factory=dict)  # tweet id -> its media members


def _url_prefix(username: str | None) -> str:
    """Status links use the handle at export time; old tweets written under another handle still resolve."""
    return f"https://x.com/{username}/status/" if username else "https://x.com/i/web/status/"


Convert = Callable[[Any, str], "Item | list[Item] | None"]


def _check_count(log: ReadLog, name: str, records: int, expected: tuple[int, str] | None) -> None:
    """Report a file whose record count differs from what the archive says it holds.

    ``expected`` is (count, the file that states it: manifest.js or tweet_index.js).
    """
    if expected is not None and records != expected[0]:
        log.problem(
            name,
            f"{name}: {expected[1]} says {plural(expected[0], 'record')} but {records:,} were read; "
            "the archive may be incomplete (download it again)",
        )


# --- account, manifest ------------------------------------------------------------------------------


def _read_manifest(archive: Archive, sets: dict, log: ReadLog, ctx: _Context) -> dict[str, tuple[int, str]]:
    """Read manifest.js (when present): the handle, and the expected record count of every file."""
    expected: dict[str, tuple[int, str]] = {}
    for name in _parts(sets, ("manifest",)):
        manifest = load_member(archive, name, log, "file counts were not checked")
        if manifest is None:
            continue
        if not isinstance(manifest, dict):
            log.problem(name, f"{name}: not the expected object; file counts were not checked")
            continue
        user = manifest.get("userInfo") or {}
        ctx.username = ctx.username or _str(user.get("userName"))
        ctx.account_id = ctx.account_id or _str(user.get("accountId"))
        members = set(archive.names())
        for dataset in (manifest.get("dataTypes") or {}).values():
            for entry in (dataset or {}).get("files") or ():
                file_name, count = _str(entry.get("fileName")), _str(entry.get("count"))
                if file_name and count and count.isdigit():
                    expected[_resolve(file_name, members)] = (int(count), "manifest.js")
    return expected


def _check_manifest_complete(
    archive: Archive, sets: dict, expected: dict[str, tuple[int, str]], log: ReadLog, include_messages: bool
) -> None:
    """Report files the manifest lists (with items) that the archive lacks: the missing-part bug."""
    wanted = {
        *TWEET_STEMS,
        *NOTE_STEMS,
        *COMMUNITY_STEMS,
        *DELETED_STEMS,
        *LIKE_STEMS,
        *PROFILE_STEMS,
    }
    if include_messages:
        wanted.update(MESSAGE_STEMS)
    members = set(archive.names())
    for name, (count, _) in expected.items():
        match = _YTD_NAME.match(name)
        if count and match and match["stem"] in wanted and name not in members:
            log.problem(
                name,
                f"{name}: manifest.js lists this file with {count:,} records but it is not in the "
                "archive; give every part of the download, or download the archive again",
            )


def _read_account(archive: Archive, sets: dict, log: ReadLog, ctx: _Context) -> None:
    for name in _parts(sets, ("account",)):
        records = load_member(archive, name, log, "links to posts will use x.com/i/web/status/ instead")
        for record in records if isinstance(records, list) else [records]:
            account = _unwrap(record, "account")
            if isinstance(account, dict):
                ctx.username = _str(account.get("username")) or ctx.username
                ctx.account_id = _str(account.get("accountId")) or ctx.account_id


# --- tweets -----------------------------------------------------------------------------------------


def _tweet_record(record: Any, source: str, ctx: _Context, notes: _NoteIndex | None) -> Item | None:
    tweet = record.get("tweet", record) if record.__class__ is dict else None
    item = _tweet_item(tweet, source, ctx.url_prefix, ctx.account_id, notes) if tweet else None
    if item is not None and item.media and ctx.media_files:
        paths = ctx.media_files.get(item.item_id)
        if paths:
            item = item._replace(media_paths=paths)
    return item


_MEDIA_FILE = re.compile(r"(?:[^/]+/)*[a-z_]+_media/(\d+)-[^/]+")  # data/tweets_media/<tweet id>-<name>


def _media_files(archive: Archive) -> dict[str, tuple[str, ...]]:
    """Index the media files the archive holds (tweets_media/, deleted_tweets_media/, …) by tweet id."""
    found: dict[str, list[str]] = {}
    for name in archive.names():
        if "_media/" in name:
            match = _MEDIA_FILE.fullmatch(name)
            if match:
                found.setdefault(match[1], []).append(name)
    return {tweet_id: tuple(names) for tweet_id, names in found.items()}


_NO_ENTITIES: dict = {}


def _tweet_item(
    tweet: dict, source: str, url_prefix: str, account_id: str | None, notes: _NoteIndex | None
) -> Item | None:
    """Normalise one tweet object of any generation into an Item; None when it has no id.

    This runs once per tweet in archives of a million, so it avoids helper calls on the common path.
    """
    get = tweet.get
    tweet_id = get("id_str")
    if not tweet_id:
        tweet_id = get("id")
        if tweet_id is None:
            return None
        tweet_id = str(tweet_id)
    text = get("full_text") or get("text") or ""
    created_at = x_time(get("created_at"))
    entities = get("entities") or _NO_ENTITIES
    author = None
    kind = "post"

    # Optional keys are tested with `in` (cheaper than .get) since most tweets lack them.
    if "retweeted_status" in tweet:  # Grailbird keeps the whole retweeted tweet
        original = tweet["retweeted_status"]
        kind, text = "share", original.get("text") or original.get("full_text") or text
        author = _str((original.get("user") or _NO_ENTITIES).get("screen_name"))
        entities = original.get("entities") or entities
    elif text.startswith("RT @"):
        match = _RETWEET.match(text)
        if match:
            kind, author, text = "share", match[1], text[match.end() :]
    elif notes and "…" in text[-40:]:
        text = notes.full_text(text, created_at) or text

    urls = entities.get("urls")
    if urls:
        text, quoted = _expand_links(text, urls)
        if kind == "post" and quoted and quoted != tweet_id:
            kind = "share"
    if kind == "post" and ("in_reply_to_status_id_str" in tweet or "in_reply_to_status_id" in tweet):
        if get("in_reply_to_status_id_str") or get("in_reply_to_status_id"):
            reply_to = get("in_reply_to_user_id_str") or get("in_reply_to_user_id")
            kind = "post" if account_id and str(reply_to) == account_id else "reply"
    if "extended_entities" in tweet:
        media = tweet["extended_entities"].get("media") or entities.get("media") or ()
    else:
        media = entities.get("media") or ()
    for medium in media:
        short = medium.get("url")
        if short:
            text = text.replace(short, "").rstrip()
    if "&" in text:
        text = unescape(text)
    if media and kind == "post" and not text.strip():  # a photo or video alone: "Photos to check" lists it
        kind = "media"
    location = _location(tweet) if ("geo" in tweet or "place" in tweet or "coordinates" in tweet) else None
    return _new_item(
        Item,
        (
            PLATFORM,
            tweet_id,
            kind,
            created_at,
            text,
            author,
            url_prefix + tweet_id,
            location,
            len(media),
            None,
            source,
            (),  # media_paths: filled in by _tweet_record from the archive's media folders
        ),
    )


def _expand_links(text: str, urls: Iterable[Any]) -> tuple[str, str | None]:
    """Replace t.co links by their targets; return the text and the id of a quoted tweet, if any."""
    quoted = None
    for link in urls:
        if not isinstance(link, dict):
            continue
        short, target = link.get("url"), link.get("expanded_url") or link.get("expanded")
        if short and target:
            text = text.replace(short, target)
            match = _STATUS_URL.match(target) if "/status" in target else None
            if match:
                quoted = match[1]
    return text, quoted


def _location(tweet: dict) -> str | None:
    """Return "place (lat,lon)" from a tweet's place, geo or coordinates, when it has any."""
    place = tweet.get("place")
    name = _str(place.get("full_name") or place.get("name")) if isinstance(place, dict) else None
    point = None
    geo = tweet.get("geo")
    if isinstance(geo, dict) and len(geo.get("coordinates") or ()) == 2:
        lat, lon = geo["coordinates"]
        point = f"{lat},{lon}"
    coordinates = tweet.get("coordinates")
    if point is None and isinstance(coordinates, dict) and len(coordinates.get("coordinates") or ()) == 2:
        lon, lat = coordinates["coordinates"]  # GeoJSON order
        point = f"{lat},{lon}"
    if name and point:
        return f"{name} ({point})"
    return name or point


# --- long posts (note-tweet.js) ------------------------------------------------------------------


@dataclass
class _Note:
    note_id: str
    created_at: str | None
    epoch: int | None
    text: str
    source: str
    used: bool = False


def _read_notes(archive: Archive, names: list[str], log: ReadLog) -> list[_Note]:
    """Read note-tweet.js files: the full text of posts over 280 characters."""
    notes: list[_Note] = []
    for name in names:
        for _ in read_member(archive, name, log, partial(_note_record, notes=notes)):
            pass  # notes are not items of their own: they complete the tweets read later
    return notes


def _note_record(record: Any, source: str, notes: list[_Note]) -> list[Item] | None:
    note = _unwrap(record, "noteTweet")
    core = note.get("core") if isinstance(note, dict) else None
    if not isinstance(core, dict) or not isinstance(core.get("text"), str):
        return None
    text = core["text"]
    for link in core.get("urls") or ():
        if isinstance(link, dict) and link.get("shortUrl") and link.get("expandedUrl"):
            text = text.replace(link["shortUrl"], link["expandedUrl"])
    created = x_time(note.get("createdAt"))
    note_id = _str(note.get("noteTweetId")) or source.rsplit("#", 1)[1]
    notes.append(_Note(note_id, created, _epoch(created), unescape(text), source))
    return []


class _NoteIndex:
    """Finds the note tweet that holds the full text of a shortened tweet.

    The note carries no tweet id. Its ``createdAt`` matches the tweet's time to within a second or
    two, and its text starts with the tweet's text minus the reply @-mentions and the final "…".
    """

    def __init__(self, notes: list[_Note]) -> None:
        self._by_second: dict[int, list[_Note]] = {}
        self._notes = notes
        for note in notes:
            if note.epoch is not None:
                self._by_second.setdefault(note.epoch, []).append(note)

    def __bool__(self) -> bool:
        return bool(self._notes)

    def full_text(self, text: str, created_at: str | None) -> str | None:
        epoch = _epoch(created_at)
        if epoch is None:
            return None
        candidates = [n for s in range(epoch - 2, epoch + 3) for n in self._by_second.get(s, ())]
        mentions = _LEADING_MENTIONS.match(text)
        body = text[mentions.end() :] if mentions else text
        key = _SPACES.sub(" ", unescape(body.rsplit("…", 1)[0].split("http")[0])).strip()
        for note in candidates:
            if not note.used and _SPACES.sub(" ", note.text).startswith(key):
                note.used = True
                return (mentions.group(0) if mentions else "") + note.text
        return None

    def orphans(self, ctx: _Context, source: str) -> Iterator[Item]:
        """Yield the notes no tweet claimed, so that no text in the archive goes unread."""
        for note in self._notes:
            if not note.used:
                yield Item(
                    PLATFORM,
                    f"note-{note.note_id}",
                    "post",
                    note.created_at,
                    note.text,
                    source=note.source,
                )


# --- likes, profile, messages -------------------------------------------------------------------


def _like_record(record: Any, source: str) -> Item | None:
    like = _unwrap(record, "like")
    tweet_id = _str(like.get("tweetId"))
    if not tweet_id:
        return None
    text = like.get("fullText") or ""  # absent for tweets no longer available
    url = _str(like.get("expandedUrl")) or f"https://x.com/i/web/status/{tweet_id}"
    return Item(PLATFORM, f"like-{tweet_id}", "like", None, unescape(text), url=url, source=source)


def _profile_record(record: Any, source: str, ctx: _Context) -> list[Item] | None:
    description = _unwrap(record, "profile").get("description")
    if not isinstance(description, dict):
        return None
    url = f"https://x.com/{ctx.username}" if ctx.username else None
    items = []
    for field_name in ("bio", "location", "website"):
        value = _str(description.get(field_name))
        if value:
            location = value if field_name == "location" else None
            items.append(
                Item(
                    PLATFORM,
                    f"profile-{field_name}",
                    "profile",
                    None,
                    unescape(value),
                    url=url,
                    location=location,
                    source=source,
                )
            )
    return items


def _message_record(record: Any, source: str, ctx: _Context) -> list[Item] | None:
    """The messages the account holder sent in one conversation (others' messages are not theirs)."""
    messages = _unwrap(record, "dmConversation").get("messages")
    if not isinstance(messages, list):
        return None
    items = []
    for number, event in enumerate(messages):
        message = event.get("messageCreate") if isinstance(event, dict) else None
        if not isinstance(message, dict) or _str(message.get("senderId")) != ctx.account_id:
            continue
        text, _ = _expand_links(message.get("text") or "", message.get("urls") or ())
        items.append(
            Item(
                PLATFORM,
                _str(message.get("id")) or f"{source}.{number}",
                "message",
                x_time(message.get("createdAt")),
                unescape(text),
                media=len(message.get("mediaUrls") or ()),
                audience="direct message",
                source=f"{source}.{number}",
            )
        )
    return items


# --- helpers --------------------------------------------------------------------------------------


def x_time(value: object) -> str | None:
    """Return ISO "YYYY-MM-DDTHH:MM:SSZ" for any X timestamp format; None if it cannot be read.

    The common shapes are sliced rather than parsed, and the date part of the usual one is cached:
    this runs once per tweet in million-tweet archives.
    """
    if not isinstance(value, str):
        return None
    day = _DAYS.get(value[4:10] + value[19:])  # "Sat Feb 18 19:45:15 +0000 2023": "Feb 18 +0000 2023"
    if day:
        return day + value[11:19] + "Z"
    if len(value) == 30 and value[19:26] == " +0000 " and value[4:7] in _MONTHS:
        day = _DAYS[value[4:10] + value[19:]] = f"{value[26:30]}-{_MONTHS[value[4:7]]}-{value[8:10]}T"
        return day + value[11:19] + "Z"
    if len(value) == 25 and value[19:] == " +0000" and value[4] == "-":  # "2016-05-03 05:21:50 +0000"
        return f"{value[:10]}T{value[11:19]}Z"
    if len(value) >= 20 and value[10] == "T" and value.endswith("Z"):  # "2023-09-05T18:02:44.918Z"
        return value[:19] + "Z"
    for layout in ("%a %b %d %H:%M:%S %z %Y", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            moment = datetime.strptime(value, layout)
        except ValueError:
            continue
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def unescape(text: str) -> str:
    """Undo X's HTML escaping: &amp; &lt; &gt; cheaply, anything rarer with html.unescape."""
    if "&" in text.replace("&amp;", "").replace("&lt;", "").replace("&gt;", ""):
        return html.unescape(text)  # a rarer entity (&quot; &#39; …): let the full decoder do it all
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _epoch(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        fields = (iso[:4], iso[5:7], iso[8:10], iso[11:13], iso[14:16], iso[17:19])
        return calendar.timegm(tuple(int(f) for f in fields))
    except ValueError:
        return None


def _unwrap(record: Any, key: str) -> Any:
    """Return ``record[key]`` for wrapped records ({"tweet": {...}}), else the record itself."""
    if isinstance(record, dict) and len(record) == 1 and key in record:
        return record[key]
    return record


def _str(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _find(names: Iterable[str], wanted: str) -> str | None:
    return wanted if wanted in names else None


def _resolve(file_name: str, members: set[str]) -> str:
    """Map a path written inside the archive (manifest, tweet_index) onto the member name we use."""
    file_name = file_name.lstrip("./")
    if file_name in members:
        return file_name
    for member in members:
        if member.endswith("/" + file_name):
            return member
    return file_name


def _datasets(names: Iterable[str]) -> dict[str, list[str]]:
    """Group YTD data files by dataset stem: {"tweets": ["data/tweets.js", "data/tweets-part1.js"]}."""
    sets: dict[str, list[str]] = {}
    for name in names:
        match = _YTD_NAME.match(name)
        if match:
            sets.setdefault(match["stem"], []).append(name)
    return sets


def _parts(sets: dict[str, list[str]], stems: Iterable[str]) -> list[str]:
    """Return the files of the given datasets, each dataset's parts in numeric order."""
    return [name for stem in stems for name in sorted(sets.get(stem, ()), key=natural_key)]
