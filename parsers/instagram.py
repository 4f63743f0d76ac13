"""Instagram "Download your information" JSON exports since 2018, and the Threads posts inside them.

Layouts (shared/reference/export-formats.md §3.1; paths relative to the export root):

* **2018-flat** (2018 - late 2020): ``media.json`` ``{"photos": [...], "videos": [...]}`` with
  ``caption``, ``taken_at`` (ISO text, no zone: read as UTC), ``location`` (a place name) and ``path``;
  ``comments.json`` ``{"media_comments": [[time, text, owner], ...], "live_comments": [...]}``;
  ``likes.json`` ``{"media_likes": [[time, owner], ...], "comment_likes": [...]}``; ``profile.json``
  (``biography``, ``website``, ``username``, ``name``); ``messages.json`` (a list of conversations).
* **2020-content** (Dec 2020 - 2023): category folders at the root: ``content/posts_1.json``,
  ``content/{stories,reels,archived_posts,…}.json``, ``comments/post_comments[_N].json``,
  ``likes/liked_posts.json``, ``account_information/personal_information.json`` (2022:
  ``personal_information/personal_information.json``), ``messages/inbox/<thread>/message_N.json``.
* **2023-activity** (late 2023 - 2025): the same files under ``your_instagram_activity/`` and
  ``personal_information/personal_information/personal_information.json``; Threads in
  ``your_instagram_activity/threads/``.
* **2025-media** (2025 onwards): ``your_instagram_activity/content/`` renamed ``…/media/``.

Numbered part files (``posts_1``, ``posts_2`` … ``posts_10``) are read in numeric order.

Records (§3.2-3.7). Feed posts are a list of ``{"media": [...], "title", "creation_timestamp"}``: a
carousel's caption and time sit at post level, a single photo's in ``media[0]`` (``title``,
``creation_timestamp``); ``media`` may be one object instead of a list, and one export holds a whole
``posts_1.json`` that is a single post object. Stories and profile photos are media items directly.
Reels, IGTV, archived and recently deleted posts are post-shaped, each file wrapped in one key
(``ig_reels_media`` …). Location exists only as EXIF ``latitude``/``longitude`` in
``media_metadata``; 0,0 means none. A post with no caption is kind ``media``. A reel or IGTV video can
be listed again in ``posts_1.json`` (the instagram-to-bluesky files do); it is kept once, as the
reel (same first media file).

Comments and personal information use ``string_map_data``, whose keys follow the account's language
(``Comment`` / ``Opmerking``): the entry holding only a ``timestamp`` is the time, and the first and
second ``value`` entries are the comment and the post owner unless a known key name says otherwise.
Likes (``string_list_data``: owner in ``title``, link, time and the reaction inside; 2025+:
``label_values``) name the liked item's owner (the author) and link (the url); their text is the
liked caption when the export gives it, else the reaction recorded ("👍"), else empty. Threads posts
(``text_post_app_text_posts``) have the post shape; a text-only thread has one media item with
``"uri": ""``; ``text_app_post.is_reply`` marks replies. They are items of platform ``threads``.

Every string is Meta mojibake and is repaired with ``parsers.meta.repair``. Timestamps are Unix
seconds; 0 means none, and values before Instagram's launch (October 2010: redacted or cut short, as
in some published test exports) are left empty and counted in the file's problems. Direct messages
are read only when asked for, and only those the account holder sent ("me" is the name or username
in the personal information, or the username in the download's name ``instagram-<user>-<date>-…``).
HTML-format exports are recognised and refused with a message saying how to request JSON.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ijson

from .archive import Archive
from .errors import ArchiveError, DataFileError
from .jsonstream import JSONBytes, describe_json_error, iter_json
from .meta import html_export_message, iter_records, repair, synthetic_id
from .models import Detection, Item, ReadLog
from .text import iso_from_epoch

PLATFORM = "instagram"
THREADS = "threads"

GENERATIONS = {
    "2018-flat": "Instagram data download, 2018-2020 (media.json and comments.json at the top level)",
    "2020-content": "Instagram Download your information, 2020-2023 (content/posts_1.json)",
    "2023-activity": "Instagram Download your information, 2023-2025 (your_instagram_activity/content/)",
    "2025-media": "Instagram Download your information, 2025 onwards (your_instagram_activity/media/)",
}

# Instagram opened on 6 October 2010: an earlier time is a placeholder or a redacted, cut-short value.
EARLIEST = 1286323200

# Key names seen in real exports, for the few fields that structure alone cannot tell apart.
COMMENT_KEYS = frozenset({"Comment", "Opmerking"})
OWNER_KEYS = frozenset({"Media Owner", "Media-eigenaar"})
USERNAME_KEYS = frozenset({"Username", "Gebruikersnaam", "Author", "username"})
NAME_KEYS = frozenset({"Name", "Naam", "name"})
BIO_KEYS = frozenset({"Bio", "Biography", "biography"})
WEBSITE_KEYS = frozenset({"Website", "website"})
CAPTION_KEYS = frozenset({"Caption"})

_SIDECARS = (".srt", ".vtt")  # subtitle files listed beside videos: not media of their own
_PART = re.compile(r"_(\d+)\.json$")
_ZIP_NAME = re.compile(r"^instagram-(?P<user>[A-Za-z0-9._]{1,30})-\d{4}-\d{1,2}-\d{1,2}-", re.IGNORECASE)

_ACTIVITY = r"^(?:your_instagram_activity/)?"
_CONTENT = _ACTIVITY + r"(?:content|media)/"


# --- the data files: where they are and how to read them ----------------------------------------


@dataclass
class _Context:
    """What one export tells about its owner, gathered while reading."""

    username: str | None = None
    me: set[str] = field(default_factory=set)  # casefolded names that mean the account holder
    seen_media: set[str] = field(default_factory=set)  # first media file of each reel/IGTV/other post


@dataclass
class _Reading:
    """The state of reading one member file: its dataset, and counts of what went wrong."""

    dataset: _Dataset
    ctx: _Context
    skipped: int = 0
    undated: int = 0

    def time(self, value: object) -> str | None:
        """Return ISO UTC for Unix seconds; None for 0/missing, counting values that cannot be right."""
        if value in (None, 0, "", "0"):
            return None
        try:
            seconds = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            seconds = 0.0
        iso = iso_from_epoch(seconds) if seconds >= EARLIEST else None
        if iso is None:
            self.undated += 1
        return iso

    def text_time(self, value: object) -> str | None:
        """Return ISO UTC for the 2018 exports' ISO-like text times (no zone given: UTC assumed)."""
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            self.undated += 1
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return self.time(moment.timestamp())

    def item(
        self,
        source: str,
        kind: str,
        created_at: str | None,
        text: str,
        *,
        author: str | None = None,
        url: str | None = None,
        location: str | None = None,
        media: int = 0,
        audience: str | None = None,
        item_id: str | None = None,
    ) -> Item:
        """Build an Item of this file's platform, with a synthetic id unless one is given."""
        return Item(
            self.dataset.platform,
            item_id or synthetic_id(source, created_at, text, author, url),
            kind,
            created_at,
            text,
            author,
            url,
            location,
            media,
            audience,
            source,
        )


Reader = Callable[[Any, str, _Reading], "list[Item] | None"]  # (record, source, reading); None = bad shape


@dataclass(frozen=True)
class _Dataset:
    """One kind of data file: a pattern on member names, how its records are wrapped, and a reader.

    ``wrappers`` are the keys that may wrap the record list (read with ``meta.iter_records``);
    ``prefix`` instead streams one list of a 2018 file that holds several. ``label`` says what the
    records are or are on ("reel", "story", "comment"), for the audience column.
    """

    pattern: re.Pattern[str]
    read: Reader
    wrappers: tuple[str, ...] = ()
    prefix: str | None = None
    label: str | None = None
    platform: str = PLATFORM
    messages: bool = False
    remembers_media: bool = False  # reels, IGTV, other media: note their media files ...
    skips_seen_media: bool = False  # ... so that feed posts listing the same file are not kept twice


def _dataset(regex: str, read: Reader, *wrappers: str, **options: Any) -> _Dataset:
    return _Dataset(re.compile(regex), read, wrappers, **options)


def _datasets() -> tuple[_Dataset, ...]:
    """Every data file read, in reading order.

    The profile comes first (it says who "me" is), and reels and other media before the feed posts
    that may list them again.
    """
    post, comment, like = _post_items, _comment_items, _like_items
    own_media = {"remembers_media": True}
    feed = {"skips_seen_media": True}
    return (
        _dataset(
            r"^(?:personal_information|account_information)/(?:personal_information/)?personal_information\.json$",
            _profile_items,
            "profile_user",
        ),
        _dataset(r"^profile\.json$", _profile_items),
        _dataset(_CONTENT + r"reels\.json$", post, "ig_reels_media", label="reel", **own_media),
        _dataset(_CONTENT + r"igtv_videos\.json$", post, "ig_igtv_media", label="IGTV video", **own_media),
        _dataset(
            _CONTENT + r"other_content\.json$", post, "ig_other_media", label="other media", **own_media
        ),
        _dataset(_CONTENT + r"posts_\d+\.json$", post, **feed),
        _dataset(
            _CONTENT + r"archived_posts\.json$",
            post,
            "ig_archived_post_media",
            label="archived (hidden from your profile)",
            **feed,
        ),
        _dataset(_CONTENT + r"stories\.json$", post, "ig_stories", label="story"),
        _dataset(_CONTENT + r"profile_photos\.json$", post, "ig_profile_picture", label="profile photo"),
        _dataset(
            _CONTENT + r"recently_deleted_content\.json$",
            post,
            "ig_recently_deleted_media",
            label="recently deleted",
        ),
        _dataset(r"^media\.json$", _media_2018_items, prefix="photos.item"),
        _dataset(r"^media\.json$", _media_2018_items, prefix="videos.item"),
        _dataset(r"^media\.json$", _media_2018_items, prefix="stories.item", label="story"),
        _dataset(r"^media\.json$", _media_2018_items, prefix="profile.item", label="profile photo"),
        _dataset(
            _ACTIVITY + r"threads/threads_and_replies\.json$",
            post,
            "text_post_app_text_posts",
            platform=THREADS,
        ),
        _dataset(
            _ACTIVITY + r"comments/post_comments(?:_\d+)?\.json$",
            comment,
            "comments_media_comments",
            label="post",
        ),
        _dataset(
            _ACTIVITY + r"comments/reels_comments(?:_\d+)?\.json$",
            comment,
            "comments_reels_comments",
            label="reel",
        ),
        _dataset(r"^comments\.json$", comment, prefix="media_comments.item", label="post"),
        _dataset(r"^comments\.json$", comment, prefix="live_comments.item", label="live video"),
        _dataset(_ACTIVITY + r"likes/liked_posts(?:_\d+)?\.json$", like, "likes_media_likes", label="post"),
        _dataset(
            _ACTIVITY + r"likes/liked_comments(?:_\d+)?\.json$", like, "likes_comment_likes", label="comment"
        ),
        _dataset(
            _ACTIVITY + r"story_sticker_interactions/story_likes\.json$",
            like,
            "story_activities_story_likes",
            label="story",
        ),
        _dataset(r"^likes\.json$", like, prefix="media_likes.item", label="post"),
        _dataset(r"^likes\.json$", like, prefix="comment_likes.item", label="comment"),
        _dataset(
            _ACTIVITY + r"threads/liked_threads\.json$",
            like,
            "text_post_app_media_likes",
            label="post",
            platform=THREADS,
        ),
        _dataset(
            _ACTIVITY + r"messages/(?:inbox|message_requests)/[^/]+/message_\d+\.json$",
            _message_items,
            "messages",
            messages=True,
        ),
        _dataset(r"^messages\.json$", _conversation_2018_items, messages=True),
    )


# --- detection ------------------------------------------------------------------------------------


def detect(archive: Archive) -> Detection | None:
    """Recognise an Instagram export (any JSON layout since 2018) from its file names alone."""
    names = archive.names()
    plan = _plan(names)
    if not _is_instagram(plan):
        return None
    generation = _generation(names)
    files = _unique(name for dataset, name in plan if not dataset.messages)
    message_files = _unique(name for dataset, name in plan if dataset.messages)
    return Detection(PLATFORM, generation, GENERATIONS[generation], files, message_files)


def html_export(archive: Archive) -> str | None:
    """Return the "request JSON" message when ``archive`` is an Instagram export in HTML format."""
    as_json = [n[: -len(".html")] + ".json" for n in archive.names() if n.endswith(".html")]
    if _is_instagram(_plan(as_json)):
        return html_export_message(archive, "Instagram")
    return None


def _plan(names: Iterable[str]) -> list[tuple[_Dataset, str]]:
    """Pair every data file with its dataset, in reading order (part files numerically)."""
    datasets = _DATASETS
    found = []
    for name in names:
        for order, dataset in enumerate(datasets):
            if dataset.pattern.search(name):
                found.append((order, name.rsplit("/", 1)[0], _part_number(name), name, dataset))
    found.sort(key=lambda entry: entry[:4])
    return [(dataset, name) for *_, name, dataset in found]


def _is_instagram(plan: list[tuple[_Dataset, str]]) -> bool:
    """True when the files found are Instagram's own, not names that other exports share.

    Message folders alone (Facebook's Messenger uses the same) are not enough unless under
    ``your_instagram_activity/``; 2018's top-level files have generic names, so ``media.json`` or two
    of them together are needed.
    """
    top_level = {name for _, name in plan if "/" not in name}
    if "media.json" in top_level or len(top_level) >= 2:
        return True
    return any(
        "/" in name and (not dataset.messages or name.startswith("your_instagram_activity/"))
        for dataset, name in plan
    )


def _generation(names: list[str]) -> str:
    activity = [n for n in names if n.startswith("your_instagram_activity/")]
    if any(n.startswith("your_instagram_activity/media/") and n.endswith(".json") for n in activity):
        return "2025-media"
    if activity:
        return "2023-activity"
    if {"media.json", "comments.json", "likes.json", "profile.json", "messages.json"} & set(names):
        return "2018-flat"
    return "2020-content"


def _part_number(name: str) -> int:
    match = _PART.search(name)
    return int(match[1]) if match else 0


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


# --- reading --------------------------------------------------------------------------------------


def iter_items(archive: Archive, log: ReadLog, *, include_messages: bool = False) -> Iterator[Item]:
    """Yield every post, story, reel, comment, like and profile field (and, if asked, sent messages)."""
    plan = _plan(archive.names())
    if not _is_instagram(plan):
        return
    ctx = _Context(me=_me_from_download_name(archive))
    for dataset, name in plan:
        if not dataset.messages:
            yield from _read_file(archive, name, dataset, log, ctx)
    if not include_messages:
        return
    message_files = [(dataset, name) for dataset, name in plan if dataset.messages]
    if message_files and not ctx.me:
        log.problem(
            message_files[0][1],
            f"{_count(len(message_files), 'message file')} not read: neither the personal information "
            "nor the download's name says who you are, so your own messages cannot be told from other "
            "people's",
        )
        return
    for dataset, name in message_files:
        yield from _read_file(archive, name, dataset, log, ctx)


def _read_file(archive: Archive, name: str, dataset: _Dataset, log: ReadLog, ctx: _Context) -> Iterator[Item]:
    """Run a dataset's reader over every record of one member, logging items and problems."""
    entry = log.file(name)
    reading = _Reading(dataset, ctx)
    before = entry.items
    try:
        for index, record in enumerate(_records(archive, name, dataset)):
            source = f"{name}#{dataset.prefix.split('.')[0]}.{index}" if dataset.prefix else f"{name}#{index}"
            items = dataset.read(record, source, reading)
            if items is None:
                reading.skipped += 1
                continue
            for item in items:
                entry.items += 1
                yield item
    except DataFileError as exc:
        kept = entry.items - before
        entry.problems.append(f"{exc}; the {kept:,} items before the problem were kept" if kept else str(exc))
    except ArchiveError as exc:
        entry.problems.append(str(exc))
    if reading.skipped:
        entry.problems.append(
            f"{name}: {_count(reading.skipped, 'record')} not in the expected shape, skipped"
        )
    if reading.undated:
        entry.problems.append(
            f"{name}: {_count(reading.undated, 'date')} that cannot be right (before Instagram began, "
            "or cut short) left empty"
        )


def _records(archive: Archive, name: str, dataset: _Dataset) -> Iterator[Any]:
    """Stream the records of one member: its wrapped or bare list, or one list of a 2018 file."""
    if dataset.prefix is None:
        return iter_records(archive, name, dataset.wrappers)
    return _prefixed_records(archive, name, dataset.prefix)


def _prefixed_records(archive: Archive, name: str, prefix: str) -> Iterator[Any]:
    """Yield the items of one list in a 2018 file, after checking the file is a JSON object at all."""
    with archive.open(name) as raw:
        try:
            first = next(ijson.parse(JSONBytes(raw, name)), None)
        except ijson.JSONError as exc:
            raise DataFileError(f"{name}: {describe_json_error(exc)}") from None
    if first is None or first[1] != "start_map":
        raise DataFileError(f"{name}: expected a JSON object holding lists of records")
    yield from iter_json(archive, name, prefix)


# --- posts, reels, stories and other media -------------------------------------------------------


def _post_items(record: Any, source: str, reading: _Reading) -> list[Item] | None:
    """A post-shaped record (``{"media": [...], "title"?}``) or a bare media item (stories)."""
    if not isinstance(record, dict):
        return None
    media = record.get("media", [record] if "uri" in record else None)
    if isinstance(media, dict):  # one media object where a list is usual
        media = [media]
    if not isinstance(media, list):
        return None
    media = [m for m in media if isinstance(m, dict)]
    first = media[0] if media else {}
    uris = [m["uri"] for m in media if isinstance(m.get("uri"), str) and m["uri"]]
    dataset, ctx = reading.dataset, reading.ctx
    if uris and dataset.remembers_media:
        ctx.seen_media.add(uris[0])
    elif uris and dataset.skips_seen_media and uris[0] in ctx.seen_media:
        return []
    text = _text(record.get("title")) or next(
        (t for t in map(_text, (m.get("title") for m in media)) if t), ""
    )
    files = sum(1 for uri in uris if not uri.lower().endswith(_SIDECARS))
    if not text and not files:
        return []  # an empty record (a deleted story's shell, a text thread with no text)
    created_at = reading.time(record.get("creation_timestamp") or first.get("creation_timestamp"))
    kind = "post" if text else "media"
    if dataset.platform == THREADS and text and any(_is_reply(m) for m in media):
        kind = "reply"
    return [
        reading.item(
            source,
            kind,
            created_at,
            text,
            location=_exif_location(media),
            media=files,
            audience=dataset.label,
        )
    ]


def _is_reply(medium: dict) -> bool:
    post = medium.get("text_app_post")
    return isinstance(post, dict) and post.get("is_reply") is True


def _exif_location(media: list[dict]) -> str | None:
    """Return "lat,lon" from the first media item whose EXIF has a real position (0,0 means none)."""
    for medium in media:
        metadata = medium.get("media_metadata")
        for kind in ("photo_metadata", "video_metadata"):
            section = metadata.get(kind) if isinstance(metadata, dict) else None
            exif = section.get("exif_data") if isinstance(section, dict) else None
            for entry in exif if isinstance(exif, list) else ():
                point = _point(entry)
                if point:
                    return point
    return None


def _point(exif: object) -> str | None:
    if not isinstance(exif, dict):
        return None
    try:
        lat, lon = float(exif["latitude"]), float(exif["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if (lat, lon) == (0.0, 0.0) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return f"{exif['latitude']},{exif['longitude']}"


def _media_2018_items(record: Any, source: str, reading: _Reading) -> list[Item] | None:
    """A 2018 ``media.json`` photo or video: ``{"caption", "taken_at", "location"?, "path"}``."""
    if not isinstance(record, dict) or not ("path" in record or "caption" in record):
        return None
    text = _text(record.get("caption"))
    return [
        reading.item(
            source,
            "post" if text else "media",
            reading.text_time(record.get("taken_at")),
            text,
            location=_text(record.get("location")) or None,
            media=1 if record.get("path") else 0,
            audience=reading.dataset.label,
        )
    ]


# --- comments ---------------------------------------------------------------------------------------


def _comment_items(record: Any, source: str, reading: _Reading) -> list[Item] | None:
    """A comment: ``string_map_data`` (2020+, localised keys) or a 2018 ``[time, text, owner]``."""
    if isinstance(record, list) and len(record) >= 2:
        created_at = reading.text_time(record[0])
        text, owner = _text(record[1]), _text(record[2]) if len(record) > 2 else ""
    elif isinstance(record, dict) and isinstance(record.get("string_map_data"), dict):
        fields = repair(record["string_map_data"])
        created_at = reading.time(_map_time(fields))
        text = _map_value(fields, COMMENT_KEYS, 0)
        owner = _map_value(fields, OWNER_KEYS, 1)
    else:
        return None
    if not text:
        return None  # Instagram has no empty comments: this record is not one
    whose = f"{owner}'s {reading.dataset.label}" if owner else f"a {reading.dataset.label}"
    return [reading.item(source, "comment", created_at, text, audience=f"comment on {whose}")]


def _map_time(fields: dict) -> object:
    """The time of a ``string_map_data`` record: the entry that holds a timestamp and no value."""
    entries = [e for e in fields.values() if isinstance(e, dict)]
    for entry in entries:
        if "value" not in entry and entry.get("timestamp"):
            return entry["timestamp"]
    return next((e["timestamp"] for e in entries if e.get("timestamp")), None)


def _map_value(fields: dict, keys: frozenset[str], position: int) -> str:
    """A ``string_map_data`` value by known key name, else by its position among the value entries."""
    for key, entry in fields.items():
        if key in keys and isinstance(entry, dict):
            return _text(entry.get("value"))
    values = [e.get("value") for e in fields.values() if isinstance(e, dict) and "value" in e]
    return _text(values[position]) if len(values) > position else ""


# --- likes --------------------------------------------------------------------------------------------


def _like_items(record: Any, source: str, reading: _Reading) -> list[Item] | None:
    """A like: ``string_list_data`` (owner in ``title``), ``label_values`` (2025+), 2018 ``[time, owner]``."""
    caption = ""
    if isinstance(record, list) and len(record) >= 2:
        created_at, owner, url = reading.text_time(record[0]), _text(record[1]), None
    elif isinstance(record, dict) and isinstance(record.get("label_values"), list):
        entries = repair(record["label_values"])
        created_at = reading.time(record.get("timestamp"))
        links = (e.get(k) for e in _entries(entries) for k in ("href", "value"))
        url = next((link for link in links if isinstance(link, str) and link.startswith("http")), None)
        owner = _labelled(entries, USERNAME_KEYS) or _labelled(entries, NAME_KEYS)
        caption = _labelled(entries, CAPTION_KEYS)
    elif isinstance(record, dict) and ("string_list_data" in record or "title" in record):
        data = record.get("string_list_data")
        entry = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else {}
        created_at = reading.time(entry.get("timestamp"))
        owner, url = _text(record.get("title")), _text(entry.get("href")) or None
        caption = _text(entry.get("value"))  # the reaction recorded, e.g. "👍"
    else:
        return None
    label = reading.dataset.label
    audience = None if label == "post" else (f"{owner}'s {label}" if owner else f"a {label}")
    return [
        reading.item(source, "like", created_at, caption, author=owner or None, url=url, audience=audience)
    ]


def _entries(entries: object) -> Iterator[dict]:
    """Every entry of a ``label_values`` tree, depth first (the owner nests in ``dict``/``vec`` lists)."""
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict):
            yield entry
            yield from _entries(entry.get("dict"))
            yield from _entries(entry.get("vec"))


def _labelled(entries: object, keys: Collection[str]) -> str:
    """The first non-empty value in a ``label_values`` tree whose label is one of ``keys``."""
    values = (_text(e.get("value")) for e in _entries(entries) if _text(e.get("label")) in keys)
    return next((value for value in values if value), "")


# --- profile ------------------------------------------------------------------------------------------


def _profile_items(record: Any, source: str, reading: _Reading) -> list[Item] | None:
    """Bio and website, as ``profile`` items; the username and name tell whose messages are whose."""
    if not isinstance(record, dict):
        return None
    if isinstance(record.get("string_map_data"), dict):
        fields = {
            k: v.get("value") for k, v in repair(record["string_map_data"]).items() if isinstance(v, dict)
        }
    elif {"username", "biography", "name"} & record.keys():  # 2018 profile.json: a flat object
        fields = repair(record)
    else:
        return None
    ctx = reading.ctx
    username = _first(fields, USERNAME_KEYS)
    name = _first(fields, NAME_KEYS)
    ctx.username = ctx.username or username or None
    ctx.me.update(n.casefold() for n in (username, name) if n)
    url = f"https://www.instagram.com/{ctx.username}/" if ctx.username else None
    items = []
    for field_name, keys in (("bio", BIO_KEYS), ("website", WEBSITE_KEYS)):
        value = _first(fields, keys)
        if value:
            items.append(
                reading.item(source, "profile", None, value, url=url, item_id=f"profile-{field_name}")
            )
    return items


def _first(fields: dict, keys: Collection[str]) -> str:
    """The first non-empty value among ``fields`` whose key is one of ``keys``."""
    return next((_text(value) for key, value in fields.items() if key in keys and _text(value)), "")


def _me_from_download_name(archive: Archive) -> set[str]:
    """The username in the download's name (``instagram-<user>-<YYYY-MM-DD>-<code>.zip``), if kept."""
    me = set()
    for path in archive.paths:
        match = _ZIP_NAME.match(Path(path).name)
        if match:
            me.add(match["user"].casefold())
    return me


# --- direct messages --------------------------------------------------------------------------------


def _message_items(record: Any, source: str, reading: _Reading) -> list[Item] | None:
    """One message of a Messenger-style thread file; kept only when the account holder sent it."""
    if not isinstance(record, dict) or "sender_name" not in record:
        return None
    if _text(record.get("sender_name")).casefold() not in reading.ctx.me:
        return []
    text = _text(record.get("content"))
    share = record.get("share")
    if not text and isinstance(share, dict):
        text = _text(share.get("link"))
    lists = (record.get(k) for k in ("photos", "videos", "audio_files", "files", "gifs"))
    attached = sum(len(v) for v in lists if isinstance(v, list))
    if not text and not attached:
        return []
    created_at = reading.time(_seconds(record.get("timestamp_ms")))
    return [reading.item(source, "message", created_at, text, media=attached, audience="direct message")]


def _conversation_2018_items(record: Any, source: str, reading: _Reading) -> list[Item] | None:
    """One conversation of a 2018 ``messages.json``: ``{"participants", "conversation": [...]}``."""
    messages = record.get("conversation") if isinstance(record, dict) else None
    if not isinstance(messages, list):
        return None
    items = []
    for number, message in enumerate(messages):
        if not isinstance(message, dict) or _text(message.get("sender")).casefold() not in reading.ctx.me:
            continue
        text = _text(message.get("text"))
        attached = 1 if message.get("media_url") or message.get("media") else 0
        if text or attached:
            created_at = reading.text_time(message.get("created_at"))
            items.append(
                reading.item(
                    f"{source}.{number}",
                    "message",
                    created_at,
                    text,
                    media=attached,
                    audience="direct message",
                )
            )
    return items


def _seconds(milliseconds: object) -> float | None:
    try:
        return float(milliseconds) / 1000  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# --- helpers --------------------------------------------------------------------------------------


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _text(value: object) -> str:
    """A repaired, stripped string; "" for anything that is not a string."""
    return repair(value).strip() if isinstance(value, str) else ""


_DATASETS = _datasets()
