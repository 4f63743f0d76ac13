"""The library entry point: read exports, build item frames chunk by chunk, apply rules, keep results.

Memory is bounded by the number of flagged items (every item only with ``all_items``): each chunk of
items becomes a frame, is judged, and all but its flagged rows are dropped before the next is read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from itertools import islice
from pathlib import Path

import pandas as pd

from parsers import (
    ArchiveError,
    Detection,
    Export,
    FileLog,
    Item,
    ReadLog,
    iter_items,
    open_exports,
)
from rules import DEFAULT_REGULATOR, Engine

from .actions import suggest_actions
from .decisions import Changes, EarlierReport, carry_over
from .frames import empty_report_frame, items_frame, sort_for_review
from .thumbnails import Thumbnailer, skip_summary, with_thumbnails

CHUNK_SIZE = 20_000


PHOTO_COLUMNS = ["platform", "created_at", "location", "source", "media_paths"]


class NothingReadError(ArchiveError):
    """No input could be read at all. ``messages`` holds one line per input that failed."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class ScanOptions:
    """Choices for one scan (the CLI's options)."""

    regulator: str = DEFAULT_REGULATOR
    since: date | None = None  # keep items on or after this day (UTC); undated items are always kept
    until: date | None = None  # keep items on or before this day (UTC)
    include_messages: bool = False
    all_items: bool = False  # keep every item in the result, not just the flagged ones
    extra_packs: list[Path] = field(default_factory=list)
    select: list[str] = field(default_factory=list)  # rule ids, names, prefixes or categories to run
    ignore: list[str] = field(default_factory=list)  # ... and to leave out
    min_severity: str = "low"  # report items at or above this ("info" adds "check the image yourself")
    allow_file: Path | None = None  # phrases never flagged, one a line
    watch_file: Path | None = None  # names that must not appear (rules/watchlist.py documents the format)
    chunk_size: int = CHUNK_SIZE
    model: bool = False  # also run the learned detector (off by default: it flags many ordinary posts)
    thumbnails: bool = False  # embed small previews of the photos with no text (needs Pillow)
    earlier: EarlierReport | None = None  # an earlier report's items and decisions, to carry over


@dataclass
class ScanResult:
    """What a scan found: the kept items with their results, totals, and the log of every file read."""

    items: pd.DataFrame  # REPORT_COLUMNS, flagged items (or all), by severity then date
    totals: dict
    sources: list[FileLog]
    exports: list[tuple[str, list[Detection]]]  # archive label, what was recognised in it
    engine: Engine
    options: ScanOptions
    first: pd.Timestamp | None = None  # date of the oldest dated item read (after --since/--until)
    last: pd.Timestamp | None = None  # date of the newest
    photos: pd.DataFrame | None = None  # photos and videos with no text, for the person to look at
    changes: Changes | None = None  # what changed since the earlier report (None without one)

    @property
    def regulator(self) -> str:
        return self.engine.standards.regulator


Progress = Callable[[int, int], None]  # (bytes read so far, bytes to read in all)


def run(
    paths: Sequence[Path | str],
    options: ScanOptions | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan the exports at ``paths`` and return the findings.

    Raises NothingReadError when no path is a readable export or no item could be read and something
    went wrong, and RuleError for a bad rule pack or regulator.
    """
    options = options or ScanOptions()
    engine = Engine.load(
        options.regulator,
        options.extra_packs,
        select=options.select,
        ignore=options.ignore,
        allow_file=options.allow_file,
        watch_file=options.watch_file,
        min_severity=options.min_severity,
        model=options.model,
    )
    exports, errors = open_exports(paths)
    sources = [FileLog(path.name, "", 0, [str(error)]) for path, error in errors]
    if not exports:
        raise NothingReadError([str(error) for _, error in errors])
    total_bytes = sum(_bytes_to_read(export, options) for export in exports)
    if progress:  # the bar shows its full length at once, not "0/?" until the first chunk is read
        progress(0, total_bytes)
    counts: Counter[tuple[str, str]] = Counter()
    overlap = _Overlap(exports)
    kept: list[pd.DataFrame] = []
    photos: list[pd.DataFrame] = []
    # Made while each export is open (it is closed after reading); only the small JPEGs are kept.
    thumbnailer = Thumbnailer() if options.thumbnails else None
    flagged = 0
    first = last = None
    try:
        for export in exports:
            log = ReadLog(export.archive.label)
            for problem in export.archive.problems:
                log.problem("", problem)
            for copy in export.copies:
                log.problem("", f"{copy}: the same export as {export.archive.label}, so it was read once")
            if export.archive.duplicates:
                log.problem(
                    "",
                    f"{len(export.archive.duplicates):,} files are in several parts; the first copy was read",
                )
            for detection in export.detections:
                items = iter_items(export.archive, detection, log, include_messages=options.include_messages)
                items = overlap.unseen(detection.platform, items)
                for chunk in _chunks(items, options.chunk_size):
                    frame = items_frame(chunk)
                    if options.earlier is not None:
                        options.earlier.see(frame)  # before --since/--until: outside them is not gone
                    frame = _within(frame, options.since, options.until)
                    counts.update(zip(frame["platform"], frame["kind"], strict=True))
                    media = frame["kind"] == "media"
                    if media.any():  # listed whether flagged or not: the rules cannot see pictures
                        found = frame.loc[media, PHOTO_COLUMNS].assign(archive=export.archive.label)
                        if thumbnailer is not None:
                            found = with_thumbnails(found, export.archive, thumbnailer)
                        photos.append(found)
                    first, last = _widen(first, last, frame["created_at"])
                    results = engine.evaluate(frame)
                    flagged += len(results)
                    if options.all_items:
                        kept.append(frame.join(results))
                    elif len(results):
                        kept.append(frame.loc[results.index].join(results))
                    if progress:
                        progress(sum(e.archive.bytes_read for e in exports), total_bytes)
            if overlap.merged:
                merged = f"{overlap.merged:,} items were also in an export read before; each was counted once"
                log.problem("", merged)
            overlap.next_export()
            sources.extend(log.files)
    finally:
        for export in exports:
            export.archive.close()
    if progress:
        progress(total_bytes, total_bytes)
    if thumbnailer is not None and thumbnailer.skipped:
        note = f"photos with no thumbnail: {skip_summary(thumbnailer.skipped)}"
        sources.append(FileLog("", "Photos to check", thumbnailer.made, [note]))
    total = sum(counts.values())
    several = len({s.archive for s in sources}) > 1
    problems = [f"{s.archive}: {p}" if several and s.file else p for s in sources for p in s.problems]
    if total == 0 and problems:
        raise NothingReadError(problems)
    totals = {
        "items": total,
        "flagged": flagged,
        "by_platform": _tally(counts, 0),
        "by_kind": _tally(counts, 1),
    }
    exported = [(e.archive.label, e.detections) for e in exports]
    items, changes = carry_over(suggest_actions(_sorted(kept)), options.earlier)
    return ScanResult(
        items, totals, sources, exported, engine, options, first, last, _photos(photos), changes
    )


class _Overlap:
    """Items with the same platform and id in two exports (overlapping downloads) are kept once.

    Ids are remembered only for platforms found in more than one export.
    """

    def __init__(self, exports: Sequence[Export]) -> None:
        platforms = Counter(p for e in exports for p in {d.platform for d in e.detections})
        self._seen: dict[str, set[str]] = {p: set() for p, n in platforms.items() if n > 1}
        self._new: dict[str, set[str]] = {p: set() for p in self._seen}
        self.merged = 0  # items of the current export already read from an earlier one

    def unseen(self, platform: str, items: Iterable[Item]) -> Iterable[Item]:
        """Pass ``items`` on, leaving out those an earlier export gave."""
        seen = self._seen.get(platform)
        if seen is None:
            return items
        return self._filter(items, seen, self._new[platform])

    def _filter(self, items: Iterable[Item], seen: set[str], new: set[str]) -> Iterator[Item]:
        for item in items:
            if item.item_id in seen:
                self.merged += 1
                continue
            new.add(item.item_id)
            yield item

    def next_export(self) -> None:
        """Remember the ids of the export just read, for the ones after it."""
        for platform, new in self._new.items():
            self._seen[platform] |= new
            new.clear()
        self.merged = 0


def _widen(first: pd.Timestamp | None, last: pd.Timestamp | None, dates: pd.Series) -> tuple:
    """Extend the [first, last] date range with a chunk's dates (NaT ignored)."""
    low, high = dates.min(), dates.max()
    if pd.notna(low):
        first = low if first is None else min(first, low)
        last = high if last is None else max(last, high)
    return first, last


def _bytes_to_read(export: Export, options: ScanOptions) -> int:
    names = {n for d in export.detections for n in d.files}
    if options.include_messages:
        names.update(n for d in export.detections for n in d.message_files)
    return sum(export.archive.size(n) for n in names if n in export.archive)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _within(frame: pd.DataFrame, since: date | None, until: date | None) -> pd.DataFrame:
    """Keep the rows dated within [since, until] (whole UTC days) and every undated row."""
    if since is None and until is None:
        return frame
    dates = frame["created_at"]
    keep = dates.isna()
    inside = pd.Series(True, index=frame.index)
    if since is not None:
        inside &= dates >= pd.Timestamp(datetime.combine(since, time.min, UTC))
    if until is not None:
        inside &= dates <= pd.Timestamp(datetime.combine(until, time.max, UTC))
    return frame[keep | inside]


def _tally(counts: Counter[tuple[str, str]], position: int) -> dict[str, int]:
    tally: Counter[str] = Counter()
    for key, count in counts.items():
        tally[key[position]] += count
    return dict(tally.most_common())


def _photos(found: list[pd.DataFrame]) -> pd.DataFrame:
    """The photos and videos with no text, oldest first, undated last."""
    frames = [f for f in found if len(f)]
    if not frames:
        return pd.DataFrame(columns=[*PHOTO_COLUMNS, "archive"])
    photos = pd.concat(frames, ignore_index=True)
    return photos.sort_values("created_at", kind="stable", na_position="last").reset_index(drop=True)


def _sorted(kept: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate the kept chunks; most severe first, then oldest first, undated last."""
    frames = [f for f in kept if len(f)]
    if not frames:
        return empty_report_frame()
    return sort_for_review(pd.concat(frames, ignore_index=True)).reset_index(drop=True)
