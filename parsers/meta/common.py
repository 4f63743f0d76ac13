"""What every Meta export shares: record shapes, mojibake repair, text cleaning, EXIF positions.

Meta's JSON files come in a few top-level shapes (export-formats.md §2.13): a bare list of records, an
object whose one key wraps the list (``{"comments_v2": [...]}``), or a single object (an album, a
profile, a message thread — or, in some Instagram exports, one post where a list is usual). Every
string is Latin-1-escaped UTF-8 ("mojibake") and must be repaired, keys included when they are
localised, and repaired before any whitespace is stripped. Newer files describe records as
``label_values`` lists. Posts have no ids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

import ijson

from ..archive import Archive
from ..base import point
from ..errors import DataFileError
from ..jsonstream import JSONBytes, describe_json_error, iter_json, load_json

_MOJIBAKE_LEFT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")


def fix_meta(text: str) -> str:
    """Repair Meta's mojibake: UTF-8 bytes that the export wrote as one ``\\u00XX`` escape each.

    Facebook, Instagram, Threads and Messenger JSON all do this, so "é" arrives as "Ã©". Re-encoding
    as Latin-1 (not CP-1252, which would break bytes 0x80-0x9F) gives the original bytes back. Text that
    is already right is left alone: it either holds a character above U+00FF, or its Latin-1 bytes are
    not valid UTF-8. A second pass runs only when the result still looks like mojibake, for posts that
    were already mangled when written. Call it before any strip: the escaped bytes 0x85 and 0xA0 (the
    last byte of 💅, of "à") are whitespace to ``str.strip``.
    """
    if text.isascii():
        return text
    for _ in range(2):
        try:
            repaired = text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
        if repaired == text or not _MOJIBAKE_LEFT.search(repaired):
            return repaired
        text = repaired
    return text


def clean(value: Any) -> str | None:
    """Return a string value repaired, then stripped; None for anything else or an empty string."""
    if not isinstance(value, str):
        return None
    return fix_meta(value).strip() or None


def repair(value: Any) -> Any:
    """Return ``value`` with every string (and every dict key) repaired from Meta's mojibake.

    Walks with a stack, not recursion, so that no depth of nesting in a file can crash it.
    """
    if not isinstance(value, dict | list):
        return fix_meta(value) if isinstance(value, str) else value
    pending: list[tuple[Any, Any]] = []
    root = _repaired_copy(value, pending)
    while pending:
        source, target = pending.pop()
        if isinstance(source, dict):
            for key, child in source.items():
                target[fix_meta(key) if isinstance(key, str) else key] = _repaired_copy(child, pending)
        else:
            target.extend(_repaired_copy(child, pending) for child in source)
    return root


def _repaired_copy(value: Any, pending: list[tuple[Any, Any]]) -> Any:
    """Return a repaired string, or an empty container queued in ``pending`` to be filled."""
    if isinstance(value, str):
        return fix_meta(value)
    if isinstance(value, dict | list):
        container: Any = {} if isinstance(value, dict) else []
        pending.append((value, container))
        return container
    return value


def iter_records(archive: Archive, name: str, wrappers: Iterable[str] = ()) -> Iterator[Any]:
    """Yield the records of a Meta JSON file, streaming, whatever its top-level shape.

    A bare list yields its items; an object with one of the ``wrappers`` keys holding a list yields
    that list's items; any other object is yielded whole, as one record. Records are not repaired
    (call ``repair``). Raises DataFileError, after the records before the problem, on broken JSON.
    """
    prefix = _records_prefix(archive, name, frozenset(wrappers))
    if prefix is None:
        with archive.open(name) as raw:
            yield load_json(raw, name)
    else:
        yield from iter_json(archive, name, prefix)


def _records_prefix(archive: Archive, name: str, wrappers: frozenset[str]) -> str | None:
    """Find where the records are: "item", "<wrapper>.item", or None for a single object.

    Looks only as far as needed: the wrapper key comes first in real files, so this reads a few bytes.
    """
    with archive.open(name) as raw:
        events = ijson.parse(JSONBytes(raw, name, clean=True), use_float=True)
        key = None
        try:
            _, event, _ = next(events)  # JSONBytes has made sure the file starts with [ or {
            if event == "start_array":
                return "item"
            for prefix, event, value in events:
                if prefix == "" and event == "map_key":
                    key = value
                elif event == "start_array" and prefix in wrappers and prefix == key:
                    return f"{prefix}.item"
        except StopIteration:
            raise DataFileError(f"{name}: the file is empty") from None
        except ijson.JSONError as exc:
            raise DataFileError(f"{name}: {describe_json_error(exc)}") from None
    return None


def label_map(entries: Any) -> dict[str, Any]:
    """Flatten a ``label_values`` list into {label: value}; nested ``dict``/``vec`` lists are flattened too.

    An entry's value is its ``value``, else its ``href``, else the flattened nested entries (a dict for
    ``dict``, a list of dicts for ``vec``). Labels are localised: prefer structure over label text.
    Walks with a stack, not recursion, so that no depth of nesting can crash it.
    """
    root: dict[str, Any] = {}
    pending: list[tuple[Any, dict[str, Any]]] = [(entries, root)]
    while pending:
        level, flat = pending.pop()
        for entry in level if isinstance(level, list) else ():
            if not isinstance(entry, dict):
                continue
            label = entry.get("label")
            if "value" in entry:
                value: Any = entry["value"]
            elif "href" in entry:
                value = entry["href"]
            elif isinstance(entry.get("dict"), list):
                value = {}
                pending.append((entry["dict"], value))
            elif isinstance(entry.get("vec"), list):
                value = []
                for element in entry["vec"]:
                    if isinstance(element, dict):
                        nested: dict[str, Any] = {}
                        pending.append((element.get("dict"), nested))
                        value.append(nested)
                    else:
                        value.append(element)
            else:
                continue
            if isinstance(label, str):
                flat.setdefault(label, value)
    return root


def synthetic_id(*parts: object) -> str:
    """A stable id for records the export gives none (hash of source, time and text)."""
    digest = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def archive_paths(uris: Iterable[Any]) -> tuple[str, ...]:
    """The media ``uri``s that name files of the export (relative to its root); web addresses left out."""
    paths = []
    for uri in uris:
        if isinstance(uri, str) and uri.strip() and "://" not in uri:
            paths.append(uri.strip().replace("\\", "/").lstrip("/"))
    return tuple(paths)


def exif_point(medium: dict) -> str | None:
    """Return "lat,lon" from a photo's or video's EXIF data, wherever the layout put it (0,0 is none)."""
    metadata = medium.get("media_metadata")
    blocks: list[Any] = [medium]  # the oldest exports put the fields on the media object itself
    if isinstance(metadata, dict):
        for key in ("photo_metadata", "video_metadata"):
            block = metadata.get(key)
            if isinstance(block, dict):
                blocks.append(block)  # 2018-2019: a flat object
                exif = block.get("exif_data")
                blocks.extend(exif if isinstance(exif, list) else ())  # 2020 on: a list of objects
    for block in blocks:
        if isinstance(block, dict):
            found = point(block.get("latitude"), block.get("longitude"))
            if found:
                return found
    return None


def html_export_message(archive: Archive, platform: str) -> str | None:
    """Return the "request JSON" message when ``archive`` is a Meta export in HTML format, else None."""
    names = archive.names()
    has_json = any(n.endswith(".json") for n in names)
    has_html = any(n.endswith((".html", ".htm")) for n in names)
    if has_html and not has_json:
        return (
            f"{archive.label}: this {platform} export is in HTML format, which cannot be read reliably; "
            f"request a new download in JSON format ({platform}: Accounts Centre > Your information and "
            "permissions > Download your information > Format: JSON)"
        )
    return None
