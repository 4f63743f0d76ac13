"""Facebook "Download Your Information" exports in JSON, every layout since 2018.

Layouts (shared/reference/export-formats.md §2.1), told apart by the top-level folder:

* **2018** (2018 - 2021): one folder per category at the root: ``posts/your_posts_1.json``,
  ``comments/comments.json`` (later ``comments_and_reactions/``), ``likes_and_reactions/``,
  ``photos_and_videos/album/N.json`` (later ``posts/album/N.json``), ``groups/``, ``pages/``,
  ``messages/inbox/<thread>/message_N.json``, ``profile_information/profile_information.json``
  (``{"profile": {...}}``).
* **2022** (2022 - 2023): the activity moved under ``your_activity_across_facebook/`` and the posts file
  became ``posts/your_posts__check_ins__photos_and_videos_N.json``; the profile moved to
  ``personal_information/profile_information/profile_information.json`` (``{"profile_v2": {...}}``).
* **2024** (2024 onwards): the same under ``your_facebook_activity/``; some newer files describe records
  as ``label_values`` lists (``posts_on_other_pages_and_profiles.json``, ``likes_and_reactions.json``).

Folders moved between layouts, so files are recognised by the tail of their path and their name
(``comments_and_reactions/comments.json`` under any activity folder), never by the full path. Numbered
parts (``_1`` … ``_N``, ``message_10.json`` after ``message_9.json``) are read in numeric order. Large
downloads come as several zips; a part that holds only photos is still recognised as Facebook so that
the parts can be read together as one export.

File shapes vary (§2.13): a bare list of records, an object wrapping one list (``{"comments_v2": [...]}``),
a single object (an album, the profile, a Messenger thread) or, in 2018 group files, lists nested in
objects. Records are streamed with ijson. Every string is Latin-1-escaped UTF-8 ("mojibake") and is
repaired with ``text.fix_meta`` as it is kept.

Records and kinds. A post record is ``{"timestamp", "data": [{"post": text}], "attachments": [{"data":
[{<kind>: {...}}]}], "title"}``; attachment kinds: ``media`` (caption in ``description``, EXIF GPS in
``media_metadata.photo_metadata.exif_data[]`` or, in 2018, a flat ``photo_metadata``), ``external_context``
(a shared link: ``url`` and its ``name``; ``url == ""`` is a re-shared Facebook post), ``place`` (a check-in),
``event``, ``life_event``, ``note``, ``name`` (a shared group or page), ``text`` (an app's post). Comments
carry ``data[].comment{comment, author, group?}``, reactions ``data[].reaction{reaction, actor}``.

Posts have no ids, no links and no audience. Titles ("Jo commented on Sam's post.") are written in the
account's language, so kinds come from structure: an ``external_context`` or shared ``name`` makes a
``share``, a comment record a ``comment``, a reaction a ``like``, a photo with no words at all ``media``.
English titles are used only as a hint for whose post or timeline an item was on (``audience``) and whose
post was shared or liked (``author``); a title is kept as the text only when it is the only text there is.
Other people's posts on the user's timeline are not the user's words and are not read.

Groups joined and pages liked or followed are ``membership`` items (the name is the text); profile fields
(city, hometown, websites, contact details, work) are ``profile`` items. Album photos already attached to a
post are not repeated. Messenger threads are read only when asked for, and only the messages the account
holder sent: "me" is the profile's name, else the participant that one-to-one threads are not titled after.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import ijson

from .archive import Archive
from .errors import DataFileError
from .jsonstream import JSONBytes
from .meta import html_export_message, iter_records, label_map, synthetic_id
from .models import Detection, Item, ReadLog
from .text import fix_meta, iso_from_epoch, iso_from_epoch_ms

PLATFORM = "facebook"

GENERATIONS = {
    "2018": "Facebook download, 2018-2021 (category folders: posts/your_posts_1.json)",
    "2022": "Facebook download, 2022-2023 (your_activity_across_facebook/)",
    "2024": "Facebook download, 2024 onwards (your_facebook_activity/)",
}
_ACTIVITY_FOLDERS = {"your_activity_across_facebook": "2022", "your_facebook_activity": "2024"}

# Top-level folders that only Facebook downloads have: any member under one marks a Facebook export,
# even a part of a multi-zip download that holds nothing but photos.
_FACEBOOK_ONLY_TOPS = frozenset(
    {
        *_ACTIVITY_FOLDERS,
        "photos_and_videos",
        "likes_and_reactions",
        "comments_and_reactions",
        "profile_information",
        "apps_and_websites_off_of_facebook",
    }
)
# Top-level folders under which the data files below may sit (2018 categories, later activity folders).
_DATA_TOPS = frozenset(
    {
        *_FACEBOOK_ONLY_TOPS,
        "personal_information",
        "posts",
        "comments",
        "groups",
        "pages",
        "messages",
    }
)
# Instagram has messages/inbox/<thread>/message_1.json too: with these, a messages folder is not ours.
_INSTAGRAM_TOPS = frozenset(
    {"your_instagram_activity", "content", "media", "apps_and_websites_off_of_instagram"}
)


@dataclass(frozen=True)
class _Role:
    """A kind of data file: how to recognise it by its path tail, and how its records are wrapped."""

    name: str
    pattern: re.Pattern[str]
    wrappers: tuple[str, ...] = ()
    kind: str = "post"  # what the file holds: which keys make a record, the kind of a label_values one
    audience: str | None = None  # where every item of the file was posted, when the file says so


def _role(name: str, tail: str, *wrappers: str, kind: str = "post", audience: str | None = None) -> _Role:
    return _Role(name, re.compile(r"(?:^|/)" + tail + r"$"), wrappers, kind, audience)


_PART = r"(?:_\d+)?\.json"
_ROLES = (
    _role("profile", r"profile_information/profile_information\.json", kind="profile"),
    # "status_updates" wrapped the earliest 2018 posts files; later ones are bare lists.
    _role("posts", r"posts/your_posts(?:__check_ins__photos_and_videos)?" + _PART, "status_updates"),
    _role("timeline posts", r"posts/posts_on_other_pages_and_profiles" + _PART),
    _role(
        "group posts",
        r"groups/(?:group_posts_and_comments|your_posts_in_groups|your_posts_and_comments_in_groups)\.json",
        "group_posts_v2",
        "group_posts",
        audience="group",
    ),
    _role(
        "comments", r"comments(?:_and_reactions)?/comments" + _PART, "comments_v2", "comments", kind="comment"
    ),
    _role(
        "group comments",
        r"groups/your_comments_in_groups\.json",
        "group_comments_v2",
        "group_comments",
        kind="comment",
        audience="group",
    ),
    _role(
        "reactions",
        r"(?:likes|comments)_and_reactions/(?:posts_and_comments|likes_and_reactions(?:_\d+)?)\.json",
        "reactions_v2",
        "reactions",
        kind="like",
    ),
    _role(
        "groups joined",
        r"groups/your_group_membership_activity\.json",
        "groups_joined_v2",
        "groups_joined",
        kind="membership",
    ),
    _role(
        "pages",
        r"(?:pages/(?:pages_you've_liked|pages_you_follow|pages_and_profiles_you_follow)|likes_and_reactions/pages)"
        r"\.json",
        "page_likes_v2",
        "page_likes",
        "pages_followed_v2",
        "pages_followed",
        kind="membership",
    ),
    _role("albums", r"(?:posts|photos_and_videos)/album/\d+\.json", kind="media"),
    _role(
        "photos and videos",
        r"(?:posts|photos_and_videos)/(?:your_uncategorized_photos|your_videos)\.json",
        "other_photos_v2",
        "other_photos",
        "videos_v2",
        "videos",
        kind="media",
    ),
)
_MESSAGES = _role(
    "messages",
    r"messages/(?:inbox|archived_threads|filtered_threads|message_requests|e2ee_cutover|legacy_threads)"
    r"/[^/]+/message" + _PART,
    "messages",
    kind="message",
)


# --- detection ------------------------------------------------------------------------------------


def detect(archive: Archive) -> Detection | None:
    """Recognise a Facebook export (in JSON format) from its file names alone."""
    names = archive.names()
    if html_export(archive):
        return None
    generation = _layout(names)
    if generation is None:
        return None
    files = _classify(names)
    return Detection(
        PLATFORM,
        generation,
        GENERATIONS[generation],
        [name for role in _ROLES for name in files.get(role.name, ())],
        files.get(_MESSAGES.name, []),
    )


def html_export(archive: Archive) -> str | None:
    """Return the "request JSON" message when ``archive`` is a Facebook export in HTML format."""
    if _layout([_as_json(n) for n in archive.names()]) is None:
        return None
    return html_export_message(archive, "Facebook")


def _layout(names: list[str]) -> str | None:
    """Return the layout generation when ``names`` look like a Facebook export, else None."""
    tops = {name.split("/", 1)[0] for name in names if "/" in name}
    for folder, generation in _ACTIVITY_FOLDERS.items():
        if folder in tops:
            return generation
    if tops & _FACEBOOK_ONLY_TOPS:
        return "2018"
    files = _classify(names)
    if any(role.name in files for role in _ROLES):
        return "2018"
    if _MESSAGES.name in files and not tops & _INSTAGRAM_TOPS:
        return "2018"
    return None


def _classify(names: Iterable[str]) -> dict[str, list[str]]:
    """Group the data files by role, each role's files in natural order (``_2`` before ``_10``)."""
    files: dict[str, list[str]] = defaultdict(list)
    for name in names:
        if name.split("/", 1)[0] not in _DATA_TOPS:
            continue
        for role in (*_ROLES, _MESSAGES):
            if role.pattern.search(name):
                files[role.name].append(name)
                break
    return {role: sorted(found, key=_natural) for role, found in files.items()}


def _natural(name: str) -> list[Any]:
    return [int(chunk) if chunk.isdigit() else chunk for chunk in re.split(r"(\d+)", name)]


def _as_json(name: str) -> str:
    return name[: -len(".html")] + ".json" if name.endswith(".html") else name


# --- reading ----------------------------------------------------------------------------------------


@dataclass
class _Context:
    """What the readers of one export share."""

    owner: str | None = None  # the account holder's display name, from the profile
    seen_media: set[str] | None = None  # media already attached to posts, when albums are to be read


@dataclass
class _Tally:
    skipped: int = 0


Reader = Callable[[dict, str, _Role, _Context], Iterator[Item]]


def iter_items(archive: Archive, log: ReadLog, *, include_messages: bool = False) -> Iterator[Item]:
    """Yield every post, comment, share, like, membership and profile field (and sent messages if asked)."""
    names = archive.names()
    if _layout(names) is None:
        return
    files = _classify(names)
    ctx = _Context()
    if files.get("albums") or files.get("photos and videos"):
        ctx.seen_media = set()
    readers: dict[str, Reader] = {
        "profile": _profile_items,
        "albums": _album_items,
        "photos and videos": _media_items,
        "groups joined": _membership_items,
        "pages": _membership_items,
    }
    for role in _ROLES:
        for name in files.get(role.name, ()):
            yield from _read_file(archive, name, log, role, ctx, readers.get(role.name, _activity_items))
    threads = files.get(_MESSAGES.name, [])
    if include_messages:
        yield from _iter_messages(archive, threads, log, ctx)
    if not any(role.name in files for role in _ROLES) and not (include_messages and threads):
        log.problem("", _nothing_to_read(archive, bool(threads)))


def _nothing_to_read(archive: Archive, has_messages: bool) -> str:
    if has_messages:
        return (
            f"{archive.label}: this Facebook export holds only Messenger conversations, which are read "
            "only with --include-messages"
        )
    return (
        f"{archive.label}: this part of a Facebook download holds no posts or other data files (only "
        "photos and videos); give every part of the download together"
    )


def _read_file(
    archive: Archive, name: str, log: ReadLog, role: _Role, ctx: _Context, reader: Reader
) -> Iterator[Item]:
    """Run a reader over every record of one file, logging its item count and any problem."""
    entry = log.file(name)
    tally = _Tally()
    try:
        for index, record in enumerate(_records(archive, name, role, tally)):
            for item in reader(record, f"{name}#{index}", role, ctx):
                entry.items += 1
                yield item
    except DataFileError as exc:
        entry.problems.append(f"{exc}; the {entry.items:,} items before the problem were kept")
    if tally.skipped:
        entries = "1 entry was" if tally.skipped == 1 else f"{tally.skipped:,} entries were"
        entry.problems.append(
            f"{name}: {entries} not in the shape Facebook uses for {role.name} and could not be read"
        )


def _records(archive: Archive, name: str, role: _Role, tally: _Tally) -> Iterator[dict]:
    """Yield the records of a file, streaming; values that hold no record are counted as skipped."""
    for value in iter_records(archive, name, role.wrappers):
        found = False
        for record in _find_records(value, _RECORD_KEYS[role.kind]):
            found = True
            yield record
        if not found:
            tally.skipped += 1


# A record of each kind has at least one of these keys; anything else is a wrapper to look inside
# (2018 group files nest their lists in objects) or something we do not know.
_ACTIVITY_KEYS = frozenset({"timestamp", "data", "attachments", "title", "label_values"})
_RECORD_KEYS: dict[str, frozenset[str]] = {
    "post": _ACTIVITY_KEYS,
    "comment": _ACTIVITY_KEYS,
    "like": _ACTIVITY_KEYS,
    "membership": frozenset({"name", "title", "data", "label_values"}),
    "media": frozenset({"uri", "photos"}),
    "message": frozenset({"sender_name", "timestamp_ms"}),
    "profile": frozenset({"profile_v2", "profile"}),
}
_NESTING = 3


def _find_records(value: Any, keys: frozenset[str], depth: int = _NESTING) -> Iterator[dict]:
    if isinstance(value, dict):
        if keys.intersection(value):
            yield value
            return
        children: Iterable[Any] = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return
    if depth > 0:
        for child in children:
            yield from _find_records(child, keys, depth - 1)


# --- posts, comments, reactions ------------------------------------------------------------------


@dataclass
class _Content:
    """What a record's data and attachments hold, gathered once."""

    words: list[str] = field(default_factory=list)  # typed by the user: posts, captions, notes
    labels: list[str] = field(default_factory=list)  # named things: link titles, events, life events
    urls: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    uris: list[str] = field(default_factory=list)
    media: int = 0
    shared: bool = False
    publisher: str | None = None  # who published a shared link (external_context.source)

    def text(self) -> str:
        return "\n".join(_unique(self.words + self.labels))


def _activity_items(record: dict, source: str, role: _Role, ctx: _Context) -> Iterator[Item]:
    item = (
        _label_values_item(record, source, role)
        if "label_values" in record
        else _activity_item(record, source, role, ctx)
    )
    if item is not None:
        yield item


def _activity_item(record: dict, source: str, role: _Role, ctx: _Context) -> Item | None:
    """Normalise a post, comment or reaction record of any layout."""
    title = _text(record.get("title"))
    entries = [e for e in _list(record.get("data")) if isinstance(e, dict)]
    comment = next((e["comment"] for e in entries if isinstance(e.get("comment"), dict)), None)
    reaction = next((e["reaction"] for e in entries if isinstance(e.get("reaction"), dict)), None)
    content = _content(record, entries)
    if ctx.seen_media is not None and role.name in ("posts", "group posts"):
        ctx.seen_media.update(content.uris)
    if comment is not None:
        content.words.insert(0, _text(comment.get("comment")) or "")
    timestamp = record.get("timestamp") or (comment or {}).get("timestamp")
    hint = _title_hint(title)
    author = audience = None
    if comment is not None:
        kind = "comment"
        group = _text(comment.get("group"))
        audience = f"group: {group}" if group else _comment_audience(hint) or role.audience or title
    elif reaction is not None:
        kind, author = "like", hint.owner if hint else None
    else:
        kind = _post_kind(content)
        if kind == "share" and hint and hint.verb == "shared":
            author = hint.owner
        elif kind == "share":
            author = content.publisher
        audience = _post_audience(hint, title, role)
    # The title is the only text of a check-in or a like; a comment's title is already its audience.
    text = content.text() or (title if kind != "comment" else None) or ""
    if not text and not content.media:
        return None
    return _item(
        kind,
        source,
        timestamp,
        text,
        author=author,
        url=content.urls[0] if content.urls else None,
        location="; ".join(_unique(content.places)) or None,
        media=content.media,
        audience=audience,
    )


def _item(kind: str, source: str, timestamp: Any, text: str, **fields: Any) -> Item:
    """Build an item of a record that has no id: the id is a hash of where it is, its time and text."""
    return Item(
        PLATFORM,
        synthetic_id(source, timestamp, text),
        kind,
        iso_from_epoch(timestamp),
        text,
        **fields,
        source=source,
    )


def _post_kind(content: _Content) -> str:
    if content.shared:
        return "share"
    if content.media and not content.words and not content.labels:
        return "media"
    return "post"


def _content(record: dict, entries: list[dict]) -> _Content:
    content = _Content()
    for entry in entries:
        post = _text(entry.get("post"))
        if post:
            content.words.append(post)
    for group in _list(record.get("attachments")):
        for attachment in _list(group.get("data") if isinstance(group, dict) else None):
            if isinstance(attachment, dict):
                for key, value in attachment.items():
                    _add_attachment(content, key, value)
    return content


def _add_attachment(content: _Content, key: str, value: Any) -> None:
    """Add one attachment (``{"media": {...}}``, ``{"place": {...}}``, …) to what a record holds."""
    if key == "media" and isinstance(value, dict):
        _add_media(content, value)
    elif key == "external_context" and isinstance(value, dict):
        content.shared = True  # a link, or (url "") a re-shared Facebook post
        _append(content.urls, _text(value.get("url")))
        _append(content.labels, _text(value.get("name")))
        content.publisher = _text(value.get("source")) or content.publisher
    elif key == "place" and isinstance(value, dict):
        _append(content.places, _place(value))
    elif key == "name" and isinstance(value, str):  # a shared group or page
        content.shared = True
        _append(content.labels, _text(value))
    elif key == "text" and isinstance(value, str):  # an app's post, as the app wrote it
        _append(content.words, _text(value))
    elif key == "note" and isinstance(value, dict):
        _append(content.words, _text(value.get("title")))
        _append(content.words, _text(value.get("text")))
        for medium in _list(value.get("media")):
            if isinstance(medium, dict):
                _add_media(content, medium)
    elif isinstance(value, dict):  # event, life_event, fundraiser, for_sale_item, …: keep their names
        for name_key in ("title", "name", "description"):
            _append(content.labels, _text(value.get(name_key)))
        if isinstance(value.get("place"), dict):
            _append(content.places, _place(value["place"]))
        for medium in _list(value.get("photos")):
            if isinstance(medium, dict):
                _add_media(content, medium)


def _add_media(content: _Content, medium: dict) -> None:
    content.media += 1
    _append(content.words, _text(medium.get("description")))
    _append(content.places, _exif_location(medium))
    uri = medium.get("uri")
    if isinstance(uri, str):
        content.uris.append(uri)


def _label_values_item(record: dict, source: str, role: _Role) -> Item | None:
    """Normalise a 2024+ ``label_values`` record (posts on others' profiles, reactions).

    Labels follow the account's language; the English ones name the parts, otherwise every string
    that is not a link becomes the text.
    """
    entries = record.get("label_values")
    flat = label_map(entries)
    strings = _unique(_text(value) for value in _label_strings(entries))
    links = [value for value in strings if value.startswith(("http://", "https://"))]
    message = _text(flat.get("Message")) or _text(flat.get("Text")) or _text(flat.get("Post"))
    target = _text(flat.get("Target")) or _text(flat.get("Name"))
    text = message or target or "\n".join(v for v in strings if v not in links)
    media = len(_list(record.get("media")))
    if not text and not media:
        return None
    kind = role.kind if role.kind in ("post", "like", "comment") else "post"
    author = target if kind == "like" else None
    audience = f"post on {target}'s timeline" if kind == "post" and message and target else role.audience
    return _item(
        kind,
        source,
        record.get("timestamp"),
        text,
        author=author,
        url=links[0] if links else None,
        media=media,
        audience=audience,
    )


def _label_strings(entries: Any) -> Iterator[str]:
    """Yield every value and link of a label_values tree, nested ``dict`` and ``vec`` ones included."""
    for entry in _list(entries):
        if not isinstance(entry, dict):
            continue
        for key in ("value", "href"):
            if isinstance(entry.get(key), str):
                yield entry[key]
        yield from _label_strings(entry.get("dict"))
        for element in _list(entry.get("vec")):
            if isinstance(element, dict):
                yield from _label_strings(element["dict"] if "dict" in element else [element])


# --- English title hints ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hint:
    verb: str  # "commented on", "replied to", "shared", "likes", "wrote on", "to", …
    owner: str | None  # whose post, comment or timeline; None for the user's own
    thing: str  # "post", "photo", "comment", "timeline", …


# Titles name the counterpart only in prose, in the account's language. These English patterns are a
# hint for audience and author, never used to decide a kind: "Jo commented on Sam's post.", "Jo replied
# to his own comment.", "Jo likes Sam's photo.", "Jo shared Sam's post.", "Jo wrote on Sam's timeline.",
# "Jo shared a link to Sam's timeline.".
_VERBS = r"commented on|replied to|reacted(?: \S+)? to|likes|liked|shared|wrote on|posted on|to"
# The owner never starts with an article: "shared a link to Sam's timeline" is "to" Sam's timeline.
_TARGET = re.compile(
    rf"\b(?P<verb>{_VERBS}) (?P<owner>(?!an? |the ).+?)(?:'s|’s|'|’) (?P<thing>[a-z]+(?: [a-z]+)?)\.?$"
)
_OWN = re.compile(rf"\b(?P<verb>{_VERBS}) (?:his|her|their|your) own (?P<thing>[a-z]+(?: [a-z]+)?)\.?$")
_IN_GROUP = re.compile(r" (?:posted|shared an? [a-z]+|commented on an? [a-z]+) in (?P<group>.+?)\.?$")


def _title_hint(title: str | None) -> _Hint | None:
    if not title or not ("'" in title or "’" in title or " own " in title):
        return None  # most titles ("Jo updated her status.") name nobody: skip the regular expressions
    match = _TARGET.search(title)
    if match:
        return _Hint(match["verb"], match["owner"], match["thing"])
    match = _OWN.search(title)
    if match:
        return _Hint(match["verb"], None, match["thing"])
    return None


def _comment_audience(hint: _Hint | None) -> str | None:
    if hint is None or hint.verb not in ("commented on", "replied to"):
        return None
    action = "reply to" if hint.verb == "replied to" else "comment on"
    return f"{action} {hint.owner}'s {hint.thing}" if hint.owner else f"{action} own {hint.thing}"


def _post_audience(hint: _Hint | None, title: str | None, role: _Role) -> str | None:
    if role.audience == "group":
        match = _IN_GROUP.search(title or "")
        return f"group: {match['group']}" if match else "group"
    if hint and hint.owner and hint.thing in ("timeline", "wall", "profile"):
        return f"post on {hint.owner}'s timeline"
    return role.audience


# --- memberships, media, profile ------------------------------------------------------------------


def _membership_items(record: dict, source: str, role: _Role, ctx: _Context) -> Iterator[Item]:
    """A group joined or a page liked or followed: the group or page name is the text."""
    entries = [e for e in _list(record.get("data")) if isinstance(e, dict)]
    name = (
        _text(record.get("name"))
        or next((_text(e.get("name")) for e in entries if _text(e.get("name"))), None)
        or _text(label_map(record.get("label_values")).get("Name"))
        or _text(record.get("title"))
    )
    if not name:
        return
    url = _text(record.get("url"))
    yield _item(
        "membership",
        source,
        record.get("timestamp"),
        name,
        url=url if url and url.startswith("http") else None,
    )


def _album_items(record: dict, source: str, role: _Role, ctx: _Context) -> Iterator[Item]:
    """Photos of an album (``{"name", "photos": [...], "cover_photo"}``) not already posted.

    The cover photo is one of the album's photos, so it is not read on its own.
    """
    if "photos" not in record:
        yield from _media_items(record, source, role, ctx)
        return
    album = _text(record.get("name"))
    name = source.rsplit("#", 1)[0]
    for index, photo in enumerate(_list(record.get("photos"))):
        if isinstance(photo, dict):
            item = _photo_item(photo, f"{name}#{index}", f"album: {album}" if album else None, ctx)
            if item is not None:
                yield item


def _media_items(record: dict, source: str, role: _Role, ctx: _Context) -> Iterator[Item]:
    """One photo or video of ``your_uncategorized_photos.json`` or ``your_videos.json``."""
    item = _photo_item(record, source, None, ctx)
    if item is not None:
        yield item


def _photo_item(photo: dict, source: str, audience: str | None, ctx: _Context) -> Item | None:
    uri = photo.get("uri")
    if ctx.seen_media is not None and uri in ctx.seen_media:
        return None  # already read as part of the post it was attached to
    caption = _text(photo.get("description")) or ""
    timestamp = photo.get("creation_timestamp")
    return Item(
        PLATFORM,
        synthetic_id(source, timestamp, uri),
        "post" if caption else "media",
        iso_from_epoch(timestamp),
        caption,
        location=_exif_location(photo),
        media=1,
        audience=audience,
        source=source,
    )


def _profile_items(record: dict, source: str, role: _Role, ctx: _Context) -> Iterator[Item]:
    """Profile fields another person could see, and the groups and pages the old profile lists.

    ``source`` names the field (``profile_information.json#current_city``) rather than a record index.
    """
    profile = record.get("profile_v2") or record.get("profile")
    if not isinstance(profile, dict):
        return
    name = source.rsplit("#", 1)[0]
    names = profile.get("name")
    ctx.owner = _text(names.get("full_name")) if isinstance(names, dict) else None
    url = _text(profile.get("profile_uri"))
    for key, text, timestamp in _profile_fields(profile):
        yield Item(
            PLATFORM,
            f"profile-{key}",
            "profile",
            iso_from_epoch(timestamp),
            text,
            url=url,
            location=text if key in ("current_city", "hometown") else None,
            source=f"{name}#{key}",
        )
    for key, text, timestamp, audience in _profile_memberships(profile):
        yield Item(
            PLATFORM,
            synthetic_id(name, key, text),
            "membership",
            iso_from_epoch(timestamp),
            text,
            audience=audience,
            source=f"{name}#{key}",
        )


def _profile_fields(profile: dict) -> Iterator[tuple[str, str, Any]]:
    """Yield (field key, text, timestamp) for each field of the profile worth a look."""
    for key in ("about_me", "intro_bio", "bio"):
        value = profile.get(key)
        text = _text(value) or (
            _text(value.get("text") or value.get("value")) if isinstance(value, dict) else None
        )
        if text:
            yield key, text, None
    for key in ("current_city", "hometown"):
        value = profile.get(key)
        text = _text(value.get("name")) if isinstance(value, dict) else None
        if text:
            yield key, text, value.get("timestamp")
    for index, site in enumerate(_list(profile.get("websites"))):
        text = _text(site.get("address") if isinstance(site, dict) else site)
        if text:
            yield f"website-{index}", text, None
    emails = profile.get("emails")
    for index, email in enumerate(_list(emails.get("emails") if isinstance(emails, dict) else emails)):
        text = _text(email)
        if text:
            yield f"email-{index}", text, None
    for index, phone in enumerate(_list(profile.get("phone_numbers"))):
        text = _text(phone.get("phone_number") if isinstance(phone, dict) else phone)
        if text:
            yield f"phone-{index}", text, None
    for index, job in enumerate(_list(profile.get("work_experiences"))):
        if isinstance(job, dict):
            text = ", ".join(_unique(_text(job.get(k)) for k in ("title", "employer", "location")))
            if text:
                yield f"work-{index}", text, job.get("start_timestamp")


def _profile_memberships(profile: dict) -> Iterator[tuple[str, str, Any, str | None]]:
    """Yield the groups and the liked pages (by category) that 2018-2020 profiles list."""
    for index, group in enumerate(_list(profile.get("groups"))):
        text = _text(group.get("name")) if isinstance(group, dict) else None
        if text:
            yield f"group-{index}", text, group.get("timestamp"), None
    for index, category in enumerate(_list(profile.get("pages"))):
        if not isinstance(category, dict):
            continue
        label = _text(category.get("name"))
        audience = f"profile: {label}" if label else None
        times = _list(category.get("timestamps"))
        for number, page in enumerate(_list(category.get("pages"))):
            text = _text(page)
            if text:
                yield f"page-{index}.{number}", text, times[number] if number < len(times) else None, audience


# --- Messenger ----------------------------------------------------------------------------------------


def _iter_messages(archive: Archive, names: list[str], log: ReadLog, ctx: _Context) -> Iterator[Item]:
    """Yield the messages the account holder sent, thread by thread, each thread's parts in order."""
    threads: dict[str, list[str]] = defaultdict(list)
    for name in names:
        threads[name.rsplit("/", 1)[0]].append(name)
    if not threads:
        return
    ctx.owner = ctx.owner or _infer_owner(archive, threads)
    if ctx.owner is None:
        log.problem(
            names[0],
            f"{len(names):,} Messenger files were not read: your name could not be found "
            "(profile_information.json is missing and the conversations do not show it), so your own "
            "messages cannot be told from other people's",
        )
        return
    for parts in threads.values():
        people = _thread_people(archive, parts[0], title=False)[0]
        audience = f"group chat ({len(people)} people)" if len(people) > 2 else "direct message"
        role = _Role(_MESSAGES.name, _MESSAGES.pattern, _MESSAGES.wrappers, "message", audience)
        for name in parts:
            yield from _read_file(archive, name, log, role, ctx, _message_items)


def _message_items(record: dict, source: str, role: _Role, ctx: _Context) -> Iterator[Item]:
    if _text(record.get("sender_name")) != ctx.owner:
        return
    media = sum(len(_list(record.get(key))) for key in ("photos", "videos", "gifs", "audio_files", "files"))
    media += 1 if isinstance(record.get("sticker"), dict) else 0
    share = record.get("share") if isinstance(record.get("share"), dict) else {}
    text = _text(record.get("content")) or _text(share.get("share_text")) or ""
    link = _text(share.get("link"))
    if not text and not media and not link:
        return  # calls, unsent messages and other events with nothing written or sent
    timestamp = record.get("timestamp_ms")
    yield Item(
        PLATFORM,
        synthetic_id(source, timestamp, text),
        "message",
        iso_from_epoch_ms(timestamp) if timestamp else iso_from_epoch(record.get("timestamp")),
        text,
        url=link,
        media=media,
        audience=role.audience,
        source=source,
    )


def _infer_owner(archive: Archive, threads: dict[str, list[str]]) -> str | None:
    """Find "me" without a profile: a one-to-one thread is titled after the other person.

    Ties are broken by the number of threads a name is in; a tie on both means we cannot tell.
    """
    titled: Counter[str] = Counter()
    present: Counter[str] = Counter()
    for parts in threads.values():
        people, title = _thread_people(archive, parts[0], title=True)
        present.update(set(people))
        if len(people) == 2 and title in people:
            titled.update(p for p in people if p != title)
    ranked = sorted(present, key=lambda p: (titled[p], present[p]), reverse=True)
    if not ranked:
        return None
    best = (titled[ranked[0]], present[ranked[0]])
    if len(ranked) > 1 and (titled[ranked[1]], present[ranked[1]]) == best:
        return None
    return ranked[0]


def _thread_people(archive: Archive, name: str, *, title: bool) -> tuple[list[str], str | None]:
    """Return a thread file's participant names and, if asked, its title (which comes after the messages).

    Reads no further than needed; a broken file gives what was read before the break.
    """
    people: list[str] = []
    found_title = None
    try:
        with archive.open(name) as raw:
            for prefix, event, value in ijson.parse(JSONBytes(raw, name)):
                if prefix == "participants.item.name" and isinstance(value, str):
                    people.append(fix_meta(value.strip()))
                elif prefix == "participants" and event == "end_array" and not title:
                    break
                elif prefix == "title" and isinstance(value, str):
                    found_title = fix_meta(value.strip())
                    break
    except (DataFileError, ijson.JSONError):
        pass  # the problem is reported when the messages are read
    return people, found_title


# --- small helpers -------------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    """Return a repaired, stripped string, or None for anything else or an empty string."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return fix_meta(value) if value else None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _append(values: list[str], value: str | None) -> None:
    if value:
        values.append(value)


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _place(place: dict) -> str | None:
    """Return "name, address (lat,lon)" for a check-in place, leaving out what it does not have."""
    label = ", ".join(_unique([_text(place.get("name")), _text(place.get("address"))]))
    coordinate = place.get("coordinate")
    point = (
        _point(coordinate.get("latitude"), coordinate.get("longitude"))
        if isinstance(coordinate, dict)
        else None
    )
    if label and point:
        return f"{label} ({point})"
    return label or point


def _exif_location(medium: dict) -> str | None:
    """Return "lat,lon" from a photo's or video's EXIF data, wherever the layout put it."""
    metadata = medium.get("media_metadata")
    blocks: list[Any] = [medium]  # the oldest exports put the fields on the media object itself
    if isinstance(metadata, dict):
        for key in ("photo_metadata", "video_metadata"):
            block = metadata.get(key)
            if isinstance(block, dict):
                blocks.append(block)  # 2018-2019: a flat object
                blocks.extend(_list(block.get("exif_data")))  # 2020 on: a list of objects
    for block in blocks:
        if isinstance(block, dict):
            point = _point(block.get("latitude"), block.get("longitude"))
            if point:
                return point
    return None


def _point(latitude: Any, longitude: Any) -> str | None:
    """Return "lat,lon", or None when missing, invalid or 0,0 (which Meta writes for "none")."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if (lat == 0 and lon == 0) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return f"{latitude},{longitude}"
