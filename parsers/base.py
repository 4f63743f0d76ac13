"""The platform contract, and the one per-file reading loop every platform uses.

A platform is a module that satisfies ``Platform`` (its ``name``, ``label``, ``detect``, ``refusal`` and
``iter_items`` at module level) and is listed once in ``parsers.PLATFORMS``. Its ``iter_items`` names the
member files to read and hands each to ``read_member`` with a converter that turns one record into items;
the loop owns everything that can go wrong with a file (a damaged zip member, broken or empty JSON,
records of an unexpected shape) so that one bad file is one listed problem and never stops the scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from .archive import Archive
from .errors import ArchiveError, DataFileError
from .jsonstream import iter_json, load_json
from .models import Detection, Item, ReadLog


class Platform(Protocol):
    """What a platform module provides (module-level names; see ``parsers.twitter`` for one)."""

    name: str  # the Item.platform value, e.g. "twitter"
    label: str  # how people know it, e.g. "X (Twitter)"
    deletion_steps: tuple[tuple[str, str], ...]  # (task, steps) for the workbook's How to delete sheet

    def detect(self, archive: Archive) -> Detection | None:
        """Recognise the platform's export from file names alone; None when it is not one."""
        ...

    def refusal(self, archive: Archive) -> str | None:
        """Say why an export of this platform cannot be read (an HTML-format download), else None."""
        ...

    def iter_items(
        self, archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
    ) -> Iterator[Item]:
        """Yield the items of the files ``detection`` found, streaming, logging every file read."""
        ...


# Turns one record of a data file into an Item, several Items, or None when it is not in the shape the
# platform uses (counted and reported as skipped). An empty result is a record with nothing to keep.
Convert = Callable[[Any, str], "Item | Iterable[Item] | None"]

# Raised by a converter that meets a field of an unexpected type: the record is skipped, not the file.
_RECORD_ERRORS = (AttributeError, TypeError, ValueError, KeyError, IndexError)


@dataclass
class Tally:
    """What ``read_member`` read from one file."""

    records: int = 0
    items: int = 0
    skipped: int = 0
    complete: bool = True  # False when the file could not be read to its end


def read_member(
    archive: Archive,
    name: str,
    log: ReadLog,
    convert: Convert,
    *,
    records: Iterable[Any] | None = None,
    source: str | None = None,
) -> Generator[Item, None, Tally]:
    """Stream the records of member ``name`` through ``convert``; log its item count and any problem.

    ``records`` (default: the JSON array of the file) must be lazy, a generator, so that its errors
    surface here. Each record's source is ``source`` (default ``"<name>#"``) followed by its index. A
    damaged member, broken or empty JSON becomes one problem for the file, keeping the items before it;
    records of the wrong shape are counted in one more. Returns the tally (``yield from``'s value).
    """
    entry = log.file(name)
    prefix = source if source is not None else name + "#"
    count = skipped = items = damaged = 0
    complete = True
    repairs = archive.repairs
    try:
        for count, record in enumerate(iter_json(archive, name) if records is None else records, 1):
            try:
                result = convert(record, prefix + str(count - 1))
                if result is not None and result.__class__ is not Item:
                    result = list(result)  # type: ignore[arg-type]
            except _RECORD_ERRORS:
                result = None
            if result is None:
                skipped += 1
            elif result.__class__ is Item:
                items += 1
                if name in repairs and _REPLACED in _visible(result):  # type: ignore[arg-type]
                    damaged += 1
                yield result  # type: ignore[misc]
            else:
                if name in repairs:
                    damaged += sum(_REPLACED in _visible(item) for item in result)  # type: ignore[union-attr]
                items += len(result)  # type: ignore[arg-type]
                yield from result  # type: ignore[misc]
    except (DataFileError, ArchiveError) as exc:
        entry.problems.append(_kept(str(exc), items))
        complete = False
    finally:
        entry.items += items
    if skipped:
        entry.problems.append(f"{name}: {plural(skipped, 'record')} not in the expected shape, skipped")
    if name in repairs:
        entry.problems.append(_repaired(name, damaged, repairs[name]))
    return Tally(count, items, skipped, complete)


_REPLACED = "\ufffd"  # what jsonstream puts in place of invalid UTF-8 and unpaired surrogates


def _visible(item: Item) -> str:
    return f"{item.text}\x1f{item.author or ''}\x1f{item.location or ''}"


def _repaired(name: str, damaged: int, characters: int) -> str:
    if not damaged:
        what = plural(characters, "damaged character")
        return f"{name}: {what} (invalid UTF-8 or a broken \\u escape) replaced"
    return (
        f"{name}: {plural(damaged, 'item')} had damaged characters (invalid UTF-8 or a broken \\u escape), "
        f"shown as {_REPLACED}; the rest of their text was read"
    )


def load_member(archive: Archive, name: str, log: ReadLog, consequence: str = "") -> Any | None:
    """Return the whole JSON value of a small member (an account, a manifest); None, logged, if unreadable.

    ``consequence`` says what the scan does without the file ("month counts were not checked").
    """
    log.file(name)
    try:
        with archive.open(name) as raw:
            return load_json(raw, name)
    except (DataFileError, ArchiveError) as exc:
        log.problem(name, f"{exc}; {consequence}" if consequence else str(exc))
    return None


def _kept(message: str, items: int) -> str:
    if not items:
        return message
    if items == 1:
        return f"{message}; the 1 item before the problem was kept"
    return f"{message}; the {items:,} items before the problem were kept"


# --- small helpers every platform shares ------------------------------------------------------------


def plural(number: int, noun: str) -> str:
    """Return "1 record", "2,000 records"."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def unique(values: Iterable[str | None]) -> list[str]:
    """Return the non-empty values, first occurrence kept, in order."""
    return list(dict.fromkeys(v for v in values if v))


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> list[Any]:
    """Sort key for numbered parts: ``x.js`` < ``x-part2.js`` < ``x-part10.js``; ``_9`` < ``_10``.

    The extension is left out so that an unnumbered first part sorts before its numbered siblings.
    """
    stem = name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name
    return [int(chunk) if chunk.isdigit() else chunk for chunk in _DIGITS.split(stem)]


def point(latitude: Any, longitude: Any) -> str | None:
    """Return "lat,lon" as the export wrote them; None when missing, invalid or 0,0 (used for "none")."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if (lat == 0 and lon == 0) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return f"{latitude},{longitude}"
