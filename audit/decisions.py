"""Re-audit without losing work: item identity across exports, decisions carried over, what changed.

Identity (``identity``): an item's key is the platform's own id where the export gives one (X, Bluesky,
Mastodon; Reddit, LinkedIn and TikTok for most items), and otherwise a hash of platform, kind, time and
normalised text (Facebook, Instagram, Threads: their exports give no ids, and the parsers' ids depend on
where a record sits in the file, which changes between exports). An item whose text was edited since
then therefore gets a new key; it is recognised as "edited" when exactly one earlier item had the same
platform, kind and time.

Decisions and Notes are read from an earlier report (workbook, JSON or CSV) by ``read_earlier``, matched
to the new items by key, and written into the new report with the day each was first seen.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from .actions import DECISIONS, DELETE
from .report.dates import spoken_date

# The shape of each platform's own ids, as the parsers give them: X's, Bluesky's and Mastodon's for every
# item; Reddit's fullnames
# (t1_…, t3_…) and draft ids; LinkedIn's activity and TikTok's video ids (long numbers). A parser's
# synthetic id (16 hex digits, from the record's position in its file) never has these shapes.
OWN_IDS = {
    "twitter": re.compile(r".+"),
    "bluesky": re.compile(r".+"),  # at:// record URIs
    "mastodon": re.compile(r".+"),  # ActivityPub ids (URLs)
    "reddit": re.compile(r"(?:t\d_|draft-)\w+"),
    "linkedin": re.compile(r"\d{17,}"),
    "tiktok": re.compile(r"\d{17,}"),
}
TEXT_PREFIX = 1000  # characters of normalised text in the key: a spreadsheet cell may have cut a long post

NEW, STILL_THERE, EDITED = "new", "still there", "edited"
_SPACES = re.compile(r"\s+")
_MOMENT = "%Y-%m-%dT%H:%M:%SZ"
_MOMENT_SHAPE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_NOT_IN_CELLS = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff\ufffd]")


class DecisionsError(Exception):
    """An earlier report cannot be read (one line, naming the file)."""


# Identity ---------------------------------------------------------------------------------------------


def identity(
    platform: str,
    item_id: str | None,
    kind: str,
    created_at: Any,
    text: str | None,
    author: str | None = None,
) -> str:
    """The item's key across exports: the platform's id where it has one, else platform, kind, time, text."""
    own = OWN_IDS.get(platform)
    if own is not None and item_id and own.fullmatch(str(item_id)):
        return f"{platform}:{item_id}"
    moment = _moment(created_at)
    parts = (moment, normalised(text)[:TEXT_PREFIX], normalised(author))
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    # The time is kept readable in the key, so a later scan can tell an edited item by it.
    return f"{platform}:{kind}:{moment.replace('-', '').replace(':', '')}:{digest}"


def normalised(text: Any) -> str:
    """Text as compared across exports: Unicode-normalised, case-folded, spaces collapsed, no controls."""
    if not isinstance(text, str):
        return ""
    text = _NOT_IN_CELLS.sub(" ", unicodedata.normalize("NFKC", text))  # a workbook cell replaced these
    return " ".join(text.split()).casefold()


def identities(frame: pd.DataFrame) -> list[str]:
    """The key of every row of an item frame."""
    columns = [frame[name].tolist() for name in ("platform", "item_id", "kind", "text", "author")]
    columns.insert(3, moments(frame["created_at"]))
    return [identity(*row) for row in zip(*columns, strict=True)]


def moments(dates: pd.Series) -> list[str]:
    """Each time as _moment gives it, at once for a frame's column (per value only when not datetimes)."""
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        return dates.dt.tz_convert(UTC).dt.strftime(_MOMENT).fillna("").tolist()
    return [_moment(value) for value in dates.tolist()]


def _moment(value: Any) -> str:
    """A time as "YYYY-MM-DDTHH:MM:SSZ" in UTC whatever form it came in ("" when missing)."""
    if isinstance(value, str) and _MOMENT_SHAPE.fullmatch(value):
        return value  # already "YYYY-MM-DDTHH:MM:SSZ" (what the frames and reports hold)
    if value is None or value == "" or (not isinstance(value, str) and pd.isna(value)):
        return ""
    try:
        moment = pd.Timestamp(value)
    except (ValueError, TypeError):
        return str(value)
    moment = moment.tz_localize(UTC) if moment.tzinfo is None else moment.tz_convert(UTC)
    return moment.strftime(_MOMENT)


# Earlier decisions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Earlier:
    """One item of an earlier report: its decision and notes as typed, and what it looked like."""

    key: str
    moment: tuple[str, str, str] | None  # (platform, kind, time), to recognise the item once edited
    text: str  # normalised, to tell an edited item from one still as it was
    decision: str | None
    notes: str | None
    decided_on: date | None


Moment = tuple[str, str, int | None]  # platform, kind, seconds since 1970


@dataclass
class EarlierReport:
    """The items of earlier reports, by key, and where they came from."""

    files: list[Path] = field(default_factory=list)
    items: dict[str, Earlier] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # keys (and moments) still present in the new export
    _moment_keys: tuple[set[Moment], set[tuple[str, ...]]] | None = field(default=None, repr=False)
    _seen_moments: set[Moment] = field(default_factory=set, repr=False)

    @property
    def decided(self) -> list[Earlier]:
        return [item for item in self.items.values() if item.decision or item.notes]

    def add(self, other: EarlierReport) -> None:
        """Take in another report's items; a decision in ``other`` wins over one read before."""
        self.files.extend(other.files)
        for key, item in other.items.items():
            mine = self.items.get(key)
            if mine is None or item.decision or item.notes or not (mine.decision or mine.notes):
                self.items[key] = item
        self._moment_keys = None

    def see(self, frame: pd.DataFrame) -> None:
        """Note which earlier items are still in the export (called with every chunk read).

        Times are compared as whole seconds and keys hashed only for rows whose platform, kind and
        time an earlier item has: a large export is mostly items no report listed.
        """
        if not self.items or not len(frame):
            return
        dated, undated = self._moments()
        columns = (frame["platform"].tolist(), frame["item_id"].tolist(), frame["kind"].tolist())
        rows = []
        values = zip(*columns, _seconds(frame["created_at"]), strict=True)
        for row, (platform, item_id, kind, second) in enumerate(values):
            own = OWN_IDS.get(platform)
            if own is not None and item_id and own.fullmatch(item_id):
                key = f"{platform}:{item_id}"
                if key in self.items:
                    self.seen.add(key)
            elif (platform, kind, second) in dated or (second is None and (platform, kind) in undated):
                rows.append(row)
            if second is not None and (platform, kind, second) in dated:
                self._seen_moments.add((platform, kind, second))
        if rows:
            self.seen.update(set(identities(frame.iloc[rows])) & self.items.keys())

    def _moments(self) -> tuple[set[Moment], set[tuple[str, ...]]]:
        """The earlier items' (platform, kind, time in seconds), and (platform, kind) of the undated ones."""
        if self._moment_keys is None:
            dated = {_second_of(i.moment) for i in self.items.values() if i.moment}
            undated = {tuple(i.key.split(":")[:2]) for i in self.items.values() if not i.moment}
            self._moment_keys = (dated, undated)
        return self._moment_keys

    def still_present(self, item: Earlier) -> bool:
        """True when the item, or one at its platform, kind and time, was seen in the new export."""
        return item.key in self.seen or (
            item.moment is not None and _second_of(item.moment) in self._seen_moments
        )


def _seconds(dates: pd.Series) -> list[int | None]:
    """Each time as whole seconds since 1970 (None when missing)."""
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        values = dates.dt.tz_convert(None).to_numpy(dtype="datetime64[s]").astype("int64").tolist()
        return [
            None if missing else value for value, missing in zip(values, dates.isna().tolist(), strict=True)
        ]
    return [_second_of(("", "", _moment(value)))[2] for value in dates.tolist()]


def _second_of(moment: tuple[str, str, str]) -> Moment:
    """(platform, kind, "YYYY-MM-DDTHH:MM:SSZ") as (platform, kind, seconds since 1970)."""
    platform, kind, when = moment
    if not when:
        return platform, kind, None
    return platform, kind, int(datetime.strptime(when, _MOMENT).replace(tzinfo=UTC).timestamp())


def read_earlier(path: Path) -> EarlierReport:
    """Read the items, decisions and notes of an earlier report (.xlsx, .json or .csv).

    Raises DecisionsError when the file cannot be read or is not a social-audit report.
    """
    path = Path(path)
    written = _day_written(path)
    report = EarlierReport([path])
    for row in report_rows(path):
        item = _earlier(row, written)
        if item is not None:
            report.add(EarlierReport([], {item.key: item}))
    report.files = [path]
    return report


def report_rows(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the item rows of a report (.xlsx, .json or .csv) as {field: value} with the report's field names.

    Raises DecisionsError when the file cannot be read or is not a social-audit report.
    """
    path = Path(path)
    readers = {".xlsx": _xlsx_rows, ".json": _json_rows, ".csv": _csv_rows}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise DecisionsError(f"{path.name}: decisions can be read from a .xlsx, .json or .csv report")
    try:
        yield from reader(path)
    except DecisionsError:
        raise
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, csv.Error) as exc:
        raise DecisionsError(f"{path.name}: cannot be read ({type(exc).__name__}: {_reason(exc)})") from None


def canonical_decision(typed: Any) -> str | None:
    """The decision as one of DECISIONS when it is one, whatever its case and spaces; else as typed."""
    if typed is None:
        return None
    text = _SPACES.sub(" ", str(typed)).strip()
    if not text:
        return None
    return _DECISION_BY_NAME.get(text.casefold(), text)


_DECISION_BY_NAME = {choice.casefold(): choice for choice in DECISIONS}


def _earlier(row: dict[str, Any], written: date) -> Earlier | None:
    platform = _platform(row.get("platform"))
    kind = str(row.get("kind") or "").strip().lower()
    if not platform or not kind:
        return None
    when = _report_moment(row.get("created_at"))
    key = str(row.get("identity") or "").strip() or identity(
        platform, _text(row.get("item_id")), kind, when, row.get("text"), row.get("author")
    )
    decision = canonical_decision(row.get("decision"))
    notes = _text(row.get("notes"))
    decided_on = day_of(row.get("decided_on")) or (written if decision else None)
    moment = _key_moment(key) or when
    return Earlier(
        key,
        (platform, kind, moment) if moment else None,
        normalised(row.get("text")),
        decision,
        notes,
        decided_on,
    )


def _key_moment(key: str) -> str:
    """The time a content key holds ("platform:kind:YYYYMMDDTHHMMSSZ:digest"), as _moment gives it."""
    parts = key.split(":")
    if len(parts) != 4 or len(parts[2]) != 16:
        return ""
    when = parts[2]
    return f"{when[:4]}-{when[4:6]}-{when[6:8]}T{when[9:11]}:{when[11:13]}:{when[13:15]}Z"


def _report_moment(value: Any) -> str:
    """A report's time as _moment gives it: the workbook and the CSV show local times, the JSON UTC."""
    if isinstance(value, str) and value.strip() and not value.strip().endswith(("Z", "+00:00")):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return _moment(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        from .report.dates import local_zone  # the zone the report was written in, on this computer

        value = value.replace(tzinfo=local_zone())
    return _moment(value)


def _platform(value: Any) -> str:
    from .report.xlsx.book import PLATFORM_LABELS  # the workbook shows labels ("X (Twitter)")

    text = str(value or "").strip()
    by_label = {label.casefold(): name for name, label in PLATFORM_LABELS.items()}
    return by_label.get(text.casefold(), text.lower())


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def day_of(value: Any) -> date | None:
    """The day a cell or field holds (a date, a datetime or ISO text), or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10]) if value else None
    except ValueError:
        return None


def _day_written(path: Path) -> date:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    except OSError as exc:
        raise DecisionsError(f"{path.name}: cannot be read ({_reason(exc)})") from None


def _reason(exc: BaseException) -> str:
    return (
        getattr(exc, "strerror", None) or str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    )


# Readers: each yields rows as {field: value} with the report's field names.


def _header_fields() -> dict[str, str]:
    """Header text (normalised) -> field, for the workbook's columns and the raw field names."""
    from .report.records import ITEM_FIELDS
    from .report.xlsx.review import REVIEW_COLUMNS

    fields = {name.casefold(): name for name in ITEM_FIELDS}
    fields.update({normalised(column.header): column.field for column in REVIEW_COLUMNS})
    return fields


def _xlsx_rows(path: Path) -> Iterator[dict[str, Any]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    headers = _header_fields()
    found = False
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            for top in rows:  # the header is the first row that names a Decision column
                fields = [headers.get(normalised(cell)) if isinstance(cell, str) else None for cell in top]
                if "decision" in fields:
                    break
            else:
                continue
            if "identity" not in fields and "item_id" not in fields and "text" not in fields:
                continue
            found = True
            for values in rows:
                row = {name: value for name, value in zip(fields, values, strict=False) if name}
                if any(value is not None for value in row.values()):
                    yield row
    finally:
        book.close()
    if not found:
        raise DecisionsError(
            f"{path.name}: has no sheet with a Decision column; it is not a social-audit report"
        )


def _json_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The items of a JSON report, streamed (a report with --all can hold a million items)."""
    import ijson

    with open(path, "rb") as handle:
        if not _JSON_REPORT.match(handle.read(200)):  # the writer puts "tool" first
            raise DecisionsError(f"{path.name}: is not a social-audit JSON report")
        handle.seek(0)
        try:
            for item in ijson.items(handle, "items.item", use_float=True):
                if isinstance(item, dict):
                    yield item
        except ijson.JSONError as exc:
            raise DecisionsError(f"{path.name}: cannot be read (not complete JSON: {exc})") from None


_JSON_REPORT = re.compile(rb'\s*\{\s*"tool"\s*:\s*"social-audit"')


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "decision" not in reader.fieldnames:
            raise DecisionsError(f"{path.name}: has no decision column; it is not a social-audit CSV report")
        for row in reader:
            yield {name: _uncsv(value) for name, value in row.items() if name}


def _uncsv(value: str | None) -> str | None:
    """Undo the CSV writer's guard against formulas (a leading ' before =, +, -, @)."""
    if value and value[0] == "'" and value[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return value[1:]
    return value or None


# Carrying decisions over ------------------------------------------------------------------------------


@dataclass
class Changes:
    """What changed since the earlier report: counts for the terminal and the Summary sheet."""

    earlier_files: list[str]
    new: int = 0
    still_there: int = 0
    edited: int = 0
    carried: int = 0  # decisions or notes written into the new report
    chose_delete: int = 0  # earlier items decided Delete
    delete_gone: int = 0  # ... that are no longer in the export
    delete_still: list[date | None] = field(default_factory=list)  # ... still there: the day each was decided
    gone: int = 0  # earlier items no longer in the export, whatever was decided
    left_out: int = 0  # decisions on items still in the export that this report does not list

    def line(self) -> str:
        """One sentence: "12 new items flagged; 40 of 52 you chose to delete are gone; 12 still there"."""
        parts = [f"{self.new:,} new item{'s' if self.new != 1 else ''} flagged"]
        if self.edited:
            parts.append(f"{self.edited:,} edited")
        if self.chose_delete:
            still = len(self.delete_still)
            parts.append(f"{self.delete_gone:,} of {self.chose_delete:,} you chose to delete are gone")
            parts.append(f"{still:,} still there")
        return "; ".join(parts)

    def still_there_line(self, export_date: Any = None) -> str | None:
        """Call out the items decided Delete that are still in the export, or None."""
        if not self.delete_still:
            return None
        days = sorted(d for d in self.delete_still if d)
        when = (
            f" on {spoken_date(days[0])}" + (f" to {spoken_date(days[-1])}" if days[-1] != days[0] else "")
            if days
            else ""
        )
        newest = ""
        if export_date is not None:
            newest = f" (items up to {spoken_date(pd.Timestamp(export_date).date())})"
        count = len(self.delete_still)
        return (
            f"You chose Delete{when} for {count:,} item{'s' if count != 1 else ''} still in this export"
            f"{newest}: see 'Still there' in the Since last audit column."
        )


def carry_over(items: pd.DataFrame, earlier: EarlierReport | None, today: date | None = None) -> tuple:
    """Add identity, since_last_audit, decision, notes and decided_on to ``items``; return (items, Changes).

    Changes is None when there was no earlier report.
    """
    items = items.copy()
    keys = identities(items) if len(items) else []
    items["identity"] = keys
    if earlier is None or not earlier.items:
        for name in ("since_last_audit", "decision", "notes", "decided_on"):
            items[name] = None
        return items, None
    changes = Changes([path.name for path in earlier.files])
    by_moment = Counter(item.moment for item in earlier.items.values() if item.moment)
    moments = {
        item.moment: item for item in earlier.items.values() if item.moment and by_moment[item.moment] == 1
    }
    placed: set[str] = set()
    since, decision, notes, decided_on = [], [], [], []
    rows = zip(keys, items["platform"], items["kind"], items["created_at"], items["text"], strict=True)
    for key, platform, kind, created_at, text in rows:
        match, state = earlier.items.get(key), STILL_THERE
        if match is not None and match.text[:TEXT_PREFIX] != normalised(text)[:TEXT_PREFIX]:
            state = EDITED
        if match is None:
            moment = _moment(created_at)
            match = moments.get((platform, kind, moment)) if moment else None
            state = EDITED if match is not None else NEW
        since.append(state)
        changes.new += state == NEW
        changes.still_there += state == STILL_THERE
        changes.edited += state == EDITED
        if match is not None:
            placed.add(match.key)
            changes.carried += bool(match.decision or match.notes)
        decision.append(match.decision if match else None)
        notes.append(match.notes if match else None)
        decided_on.append(match.decided_on.isoformat() if match and match.decided_on else None)
        if match is not None and match.decision == DELETE:
            changes.chose_delete += 1
            changes.delete_still.append(match.decided_on)
    items["since_last_audit"] = since
    items["decision"] = decision
    items["notes"] = notes
    items["decided_on"] = decided_on
    for item in earlier.items.values():
        if item.key in placed:
            continue
        present = earlier.still_present(item)
        changes.gone += not present
        if item.decision == DELETE:
            changes.chose_delete += 1
            if present:
                changes.delete_still.append(item.decided_on)
            else:
                changes.delete_gone += 1
        if present and (item.decision or item.notes):
            changes.left_out += 1
    return items, changes


def keep_previous(path: Path) -> Path:
    """Rename ``path`` to "<name> (previous)<suffix>" (or "(previous 2)", …); return the new path."""
    path = Path(path)
    for number in range(1, 1000):
        label = "previous" if number == 1 else f"previous {number}"
        target = path.with_name(f"{path.stem} ({label}){path.suffix}")
        if not target.exists():
            os.replace(path, target)
            return target
    raise DecisionsError(f"{path.name}: too many earlier copies beside it; move some away")


def decision_counts(decisions: Iterable[Any]) -> Counter[str]:
    """Count decisions by choice ("" for undecided), normalising case and spaces."""
    return Counter(canonical_decision(d) or "" for d in decisions)


# The report file on disk: never lose a decision ---------------------------------------------------------


@dataclass
class Before:
    """The decisions known before a scan, and whether the report about to be replaced must be kept."""

    earlier: EarlierReport | None
    output: Path
    unreadable: str | None = None  # why the existing report could not be read (it is then kept)


def read_before(output: Path, decisions_file: Path | None = None) -> Before:
    """Read ``decisions_file`` (DecisionsError when it cannot be) and the existing report at ``output``.

    An existing report that cannot be read is not an error: it is noted, and ``keep_if_needed`` keeps it.
    """
    earlier = read_earlier(decisions_file) if decisions_file is not None else None
    before = Before(earlier, Path(output))
    if not before.output.is_file() or (decisions_file is not None and _same_file(decisions_file, output)):
        return before
    try:
        existing = read_earlier(before.output)
    except DecisionsError as exc:
        before.unreadable = str(exc)
        return before
    if earlier is None:
        before.earlier = existing
    else:
        earlier.add(existing)  # the report being replaced is the newer: its decisions win
    return before


def keep_if_needed(before: Before, changes: Changes | None) -> Path | None:
    """Keep the report about to be replaced as "… (previous)" when any of its work would be lost.

    That is when it could not be read, or when it holds decisions on items still in the export that
    the new report does not list (narrower dates or rules). Returns the kept file's path, or None.
    """
    if not before.output.is_file():  # a folder of that name is left alone (writing fails)
        return None
    lost = (
        changes is not None
        and changes.left_out
        and before.output in (before.earlier.files if before.earlier else [])
    )
    if before.unreadable is None and not lost:
        return None
    return keep_previous(before.output)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return Path(one).resolve() == Path(other).resolve()
    except OSError:
        return False
