"""Instagram's and Threads' records into items, and the loop over one data file of either.

Comments and personal information use ``string_map_data``, whose keys follow the account's language
(``Comment`` / ``Opmerking``): the entry holding only a ``timestamp`` is the time, and the first and
second ``value`` entries are the comment and the post owner unless a known key name says otherwise.
Likes (``string_list_data``: owner in ``title``, link, time and the reaction inside; 2025+:
``label_values``) name the liked item's owner (the author) and link (the url); their text is the
liked caption when the export gives it, else the reaction recorded ("👍"), else empty. Every string is
Meta mojibake, repaired before it is stripped. Timestamps are Unix seconds; 0 means none, and values
before Instagram's launch (October 2010: redacted or cut short) are left empty and counted in the file's
problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

import ijson

from ..archive import Archive
from ..base import plural, read_member
from ..errors import DataFileError
from ..jsonstream import JSONBytes, describe_json_error, iter_json
from ..models import Item, ReadLog
from ..text import iso_from_epoch
from .common import archive_paths, clean, exif_point, iter_records, repair, synthetic_id
from .messenger import attachments

PLATFORM = "instagram"

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


# --- reading one data file ----------------------------------------------------------------------


@dataclass
class Context:
    """What one export tells about its owner, gathered while reading."""

    username: str | None = None
    me: set[str] = field(default_factory=set)  # casefolded names that mean the account holder
    seen_media: set[str] = field(default_factory=set)  # first media file of each reel/IGTV/other post


@dataclass
class Reading:
    """The state of reading one member file: its dataset, and counts of what went wrong."""

    dataset: Dataset
    ctx: Context
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
        media_paths: tuple[str, ...] = (),
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
            media_paths,
        )


Reader = Callable[[Any, str, Reading], "list[Item] | None"]  # (record, source, reading); None = bad shape


@dataclass(frozen=True)
class Dataset:
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
    marks_replies: bool = False  # Threads: a post whose media says ``is_reply`` is a reply


def data_file(regex: str, read: Reader, *wrappers: str, **options: Any) -> Dataset:
    """Describe one kind of data file (see ``Dataset``)."""
    return Dataset(re.compile(regex), read, wrappers, **options)


def read_dataset(archive: Archive, name: str, dataset: Dataset, log: ReadLog, ctx: Context) -> Iterator[Item]:
    """Run a dataset's reader over every record of one member (the shared loop logs items and problems)."""
    reading = Reading(dataset, ctx)
    source = f"{name}#{dataset.prefix.split('.')[0]}." if dataset.prefix else None
    yield from read_member(
        archive,
        name,
        log,
        partial(dataset.read, reading=reading),
        records=_records(archive, name, dataset),
        source=source,
    )
    if reading.undated:
        log.problem(
            name,
            f"{name}: {plural(reading.undated, 'date')} that cannot be right (before Instagram began, "
            "or cut short) left empty",
        )


def _records(archive: Archive, name: str, dataset: Dataset) -> Iterator[Any]:
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


def post_items(record: Any, source: str, reading: Reading) -> list[Item] | None:
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
    text = as_text(record.get("title")) or next(
        (t for t in map(as_text, (m.get("title") for m in media)) if t), ""
    )
    files = sum(1 for uri in uris if not uri.lower().endswith(_SIDECARS))
    if not text and not files:
        return []  # an empty record (a deleted story's shell, a text thread with no text)
    created_at = reading.time(record.get("creation_timestamp") or first.get("creation_timestamp"))
    kind = "post" if text else "media"
    if dataset.marks_replies and text and any(_is_reply(m) for m in media):
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
            media_paths=archive_paths(uri for uri in uris if not uri.lower().endswith(_SIDECARS)),
        )
    ]


def _is_reply(medium: dict) -> bool:
    post = medium.get("text_app_post")
    return isinstance(post, dict) and post.get("is_reply") is True


def _exif_location(media: list[dict]) -> str | None:
    """Return "lat,lon" from the first media item whose EXIF has a real position (0,0 means none)."""
    return next((found for found in map(exif_point, media) if found), None)


def media_2018_items(record: Any, source: str, reading: Reading) -> list[Item] | None:
    """A 2018 ``media.json`` photo or video: ``{"caption", "taken_at", "location"?, "path"}``."""
    if not isinstance(record, dict) or not ("path" in record or "caption" in record):
        return None
    text = as_text(record.get("caption"))
    return [
        reading.item(
            source,
            "post" if text else "media",
            reading.text_time(record.get("taken_at")),
            text,
            location=as_text(record.get("location")) or None,
            media=1 if record.get("path") else 0,
            audience=reading.dataset.label,
            media_paths=archive_paths([record.get("path")]),
        )
    ]


# --- comments ---------------------------------------------------------------------------------------


def comment_items(record: Any, source: str, reading: Reading) -> list[Item] | None:
    """A comment: ``string_map_data`` (2020+, localised keys) or a 2018 ``[time, text, owner]``."""
    if isinstance(record, list) and len(record) >= 2:
        created_at = reading.text_time(record[0])
        text, owner = as_text(record[1]), as_text(record[2]) if len(record) > 2 else ""
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
            return as_text(entry.get("value"))
    values = [e.get("value") for e in fields.values() if isinstance(e, dict) and "value" in e]
    return as_text(values[position]) if len(values) > position else ""


# --- likes --------------------------------------------------------------------------------------------


def like_items(record: Any, source: str, reading: Reading) -> list[Item] | None:
    """A like: ``string_list_data`` (owner in ``title``), ``label_values`` (2025+), 2018 ``[time, owner]``."""
    caption = ""
    if isinstance(record, list) and len(record) >= 2:
        created_at, owner, url = reading.text_time(record[0]), as_text(record[1]), None
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
        owner, url = as_text(record.get("title")), as_text(entry.get("href")) or None
        caption = as_text(entry.get("value"))  # the reaction recorded, e.g. "👍"
    else:
        return None
    label = reading.dataset.label
    audience = None if label == "post" else (f"{owner}'s {label}" if owner else f"a {label}")
    return [
        reading.item(source, "like", created_at, caption, author=owner or None, url=url, audience=audience)
    ]


def _entries(entries: object) -> Iterator[dict]:
    """Every entry of a ``label_values`` tree, depth first (the owner nests in ``dict``/``vec`` lists).

    A stack of iterators, not recursion, so that no depth of nesting can crash it.
    """
    levels: list[Iterator[Any]] = [iter(entries if isinstance(entries, list) else ())]
    while levels:
        entry = next(levels[-1], _END)
        if entry is _END:
            levels.pop()
        elif isinstance(entry, dict):
            yield entry
            for key in ("vec", "dict"):  # pushed last, read first: "dict" before "vec", as written
                nested = entry.get(key)
                if isinstance(nested, list):
                    levels.append(iter(nested))


_END = object()


def _labelled(entries: object, keys: Collection[str]) -> str:
    """The first non-empty value in a ``label_values`` tree whose label is one of ``keys``."""
    values = (as_text(e.get("value")) for e in _entries(entries) if as_text(e.get("label")) in keys)
    return next((value for value in values if value), "")


# --- profile ------------------------------------------------------------------------------------------


def profile_items(record: Any, source: str, reading: Reading) -> list[Item] | None:
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
    return next((as_text(value) for key, value in fields.items() if key in keys and as_text(value)), "")


# --- direct messages --------------------------------------------------------------------------------


def message_items(record: Any, source: str, reading: Reading) -> list[Item] | None:
    """One message of a Messenger-style thread file; kept only when the account holder sent it."""
    if not isinstance(record, dict) or "sender_name" not in record:
        return None
    if as_text(record.get("sender_name")).casefold() not in reading.ctx.me:
        return []
    text = as_text(record.get("content"))
    share = record.get("share")
    if not text and isinstance(share, dict):
        text = as_text(share.get("link"))
    attached = attachments(record)
    if not text and not attached:
        return []
    created_at = reading.time(_seconds(record.get("timestamp_ms")))
    return [reading.item(source, "message", created_at, text, media=attached, audience="direct message")]


def conversation_2018_items(record: Any, source: str, reading: Reading) -> list[Item] | None:
    """One conversation of a 2018 ``messages.json``: ``{"participants", "conversation": [...]}``."""
    messages = record.get("conversation") if isinstance(record, dict) else None
    if not isinstance(messages, list):
        return None
    items = []
    for number, message in enumerate(messages):
        if not isinstance(message, dict) or as_text(message.get("sender")).casefold() not in reading.ctx.me:
            continue
        text = as_text(message.get("text"))
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


def as_text(value: object) -> str:
    """A repaired, stripped string; "" for anything that is not a string."""
    return clean(value) or ""
