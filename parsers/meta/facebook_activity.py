"""Facebook's posts, comments and reactions: one record of any layout into an item.

A post record is ``{"timestamp", "data": [{"post": text}], "attachments": [{"data": [{<kind>: {...}}]}],
"title"}``; attachment kinds: ``media`` (caption in ``description``, EXIF GPS in
``media_metadata.photo_metadata.exif_data[]`` or, in 2018, a flat ``photo_metadata``), ``external_context``
(a shared link: ``url`` and its ``name``; ``url == ""`` is a re-shared Facebook post), ``place`` (a check-in),
``event``, ``life_event``, ``note``, ``name`` (a shared group or page), ``text`` (an app's post). Comments
carry ``data[].comment{comment, author, group?}``, reactions ``data[].reaction{reaction, actor}``.

Posts have no ids, no links and no audience. Titles ("Jo commented on Sam's post.") are written in the
account's language, so kinds come from structure: an ``external_context`` or shared ``name`` makes a
``share``, a comment record a ``comment``, a reaction a ``like``, a photo with no words at all ``media``.
English titles are used only as a hint for whose post or timeline an item was on (``audience``) and whose
post was shared or liked (``author``); a title is kept as the text only when it is the only text there is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..base import point, unique
from ..models import Item
from ..text import iso_from_epoch
from .common import archive_paths, clean, exif_point, label_map, synthetic_id

PLATFORM = "facebook"


@dataclass(frozen=True)
class Role:
    """A kind of data file: how to recognise it by its path tail, and how its records are wrapped."""

    name: str
    pattern: re.Pattern[str]
    wrappers: tuple[str, ...] = ()
    kind: str = "post"  # what the file holds: which keys make a record, the kind of a label_values one
    audience: str | None = None  # where every item of the file was posted, when the file says so


@dataclass
class Context:
    """What the readers of one export share."""

    owner: str | None = None  # the account holder's display name, from the profile
    seen_media: set[str] | None = None  # media already attached to posts, when albums are to be read


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
        return "\n".join(unique(self.words + self.labels))


def activity_items(record: dict, source: str, role: Role, ctx: Context) -> Iterator[Item]:
    item = (
        _label_values_item(record, source, role)
        if "label_values" in record
        else _activity_item(record, source, role, ctx)
    )
    if item is not None:
        yield item


def _activity_item(record: dict, source: str, role: Role, ctx: Context) -> Item | None:
    """Normalise a post, comment or reaction record of any layout."""
    title = clean(record.get("title"))
    entries = [e for e in as_list(record.get("data")) if isinstance(e, dict)]
    comment = next((e["comment"] for e in entries if isinstance(e.get("comment"), dict)), None)
    reaction = next((e["reaction"] for e in entries if isinstance(e.get("reaction"), dict)), None)
    content = _content(record, entries)
    if ctx.seen_media is not None and role.name in ("posts", "group posts"):
        ctx.seen_media.update(content.uris)
    if comment is not None:
        content.words.insert(0, clean(comment.get("comment")) or "")
    timestamp = record.get("timestamp") or (comment or {}).get("timestamp")
    hint = _title_hint(title)
    author = audience = None
    if comment is not None:
        kind = "comment"
        group = clean(comment.get("group"))
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
    return record_item(
        kind,
        source,
        timestamp,
        text,
        author=author,
        url=content.urls[0] if content.urls else None,
        location="; ".join(unique(content.places)) or None,
        media=content.media,
        audience=audience,
        media_paths=archive_paths(content.uris),
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
        post = clean(entry.get("post"))
        if post:
            content.words.append(post)
    for group in as_list(record.get("attachments")):
        for attachment in as_list(group.get("data") if isinstance(group, dict) else None):
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
        append(content.urls, clean(value.get("url")))
        append(content.labels, clean(value.get("name")))
        content.publisher = clean(value.get("source")) or content.publisher
    elif key == "place" and isinstance(value, dict):
        append(content.places, _place(value))
    elif key == "name" and isinstance(value, str):  # a shared group or page
        content.shared = True
        append(content.labels, clean(value))
    elif key == "text" and isinstance(value, str):  # an app's post, as the app wrote it
        append(content.words, clean(value))
    elif key == "note" and isinstance(value, dict):
        append(content.words, clean(value.get("title")))
        append(content.words, clean(value.get("text")))
        for medium in as_list(value.get("media")):
            if isinstance(medium, dict):
                _add_media(content, medium)
    elif isinstance(value, dict):  # event, life_event, fundraiser, for_sale_item, …: keep their names
        for name_key in ("title", "name", "description"):
            append(content.labels, clean(value.get(name_key)))
        if isinstance(value.get("place"), dict):
            append(content.places, _place(value["place"]))
        for medium in as_list(value.get("photos")):
            if isinstance(medium, dict):
                _add_media(content, medium)


def _add_media(content: _Content, medium: dict) -> None:
    content.media += 1
    append(content.words, clean(medium.get("description")))
    append(content.places, exif_point(medium))
    uri = medium.get("uri")
    if isinstance(uri, str):
        content.uris.append(uri)


def _label_values_item(record: dict, source: str, role: Role) -> Item | None:
    """Normalise a 2024+ ``label_values`` record (posts on others' profiles, reactions).

    Labels follow the account's language; the English ones name the parts, otherwise every string
    that is not a link becomes the text.
    """
    entries = record.get("label_values")
    flat = label_map(entries)
    strings = unique(clean(value) for value in _label_strings(entries))
    links = [value for value in strings if value.startswith(("http://", "https://"))]
    message = clean(flat.get("Message")) or clean(flat.get("Text")) or clean(flat.get("Post"))
    target = clean(flat.get("Target")) or clean(flat.get("Name"))
    text = message or target or "\n".join(v for v in strings if v not in links)
    media = len(as_list(record.get("media")))
    if not text and not media:
        return None
    kind = role.kind if role.kind in ("post", "like", "comment") else "post"
    author = target if kind == "like" else None
    audience = f"post on {target}'s timeline" if kind == "post" and message and target else role.audience
    return record_item(
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
    """Yield every value and link of a label_values tree, nested ``dict`` and ``vec`` ones included.

    A stack of iterators, not recursion, so that no depth of nesting can crash it.
    """
    levels: list[Iterator[Any]] = [iter(as_list(entries))]
    while levels:
        entry = next(levels[-1], _END)
        if entry is _END:
            levels.pop()
            continue
        if not isinstance(entry, dict):
            continue
        for key in ("value", "href"):
            if isinstance(entry.get(key), str):
                yield entry[key]
        nested = [as_list(entry.get("dict"))]
        nested += [
            as_list(element["dict"] if "dict" in element else [element])
            for element in as_list(entry.get("vec"))
            if isinstance(element, dict)
        ]
        levels.extend(iter(level) for level in reversed(nested))  # the first is read first


_END = object()


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


def _post_audience(hint: _Hint | None, title: str | None, role: Role) -> str | None:
    if role.audience == "group":
        match = _IN_GROUP.search(title or "")
        return f"group: {match['group']}" if match else "group"
    if hint and hint.owner and hint.thing in ("timeline", "wall", "profile"):
        return f"post on {hint.owner}'s timeline"
    return role.audience


def record_item(kind: str, source: str, timestamp: Any, text: str, **fields: Any) -> Item:
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


def as_list(value: Any) -> list:
    """Return ``value`` when it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def append(values: list[str], value: str | None) -> None:
    """Append ``value`` unless it is empty."""
    if value:
        values.append(value)


def _place(place: dict) -> str | None:
    """Return "name, address (lat,lon)" for a check-in place, leaving out what it does not have."""
    label = ", ".join(unique([clean(place.get("name")), clean(place.get("address"))]))
    coordinate = place.get("coordinate")
    where = (
        point(coordinate.get("latitude"), coordinate.get("longitude"))
        if isinstance(coordinate, dict)
        else None
    )
    if label and where:
        return f"{label} ({where})"
    return label or where
