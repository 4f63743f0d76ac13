"""The library entry point: read exports, build item frames chunk by chunk, apply rules, keep results.

Memory is bounded by the number of flagged items (every item only with ``all_items``): each chunk of
items becomes a frame, is judged, and all but its flagged rows are dropped before the next is read.
With several jobs, exports large enough to pay for it are read here while worker processes judge the
chunks (``judge``, everything done to a chunk after it is read); the results are the same, in the same
order.
"""

from __future__ import annotations

import gc
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import partial
from itertools import islice
from pathlib import Path
from typing import NamedTuple

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

from . import parallel
from .actions import suggest_actions
from .decisions import Changes, EarlierReport, carry_over
from .frames import columns_frame, empty_report_frame, item_columns, sort_for_review
from .thumbnails import Thumbnailer, skip_summary, with_thumbnails

# Judging a chunk takes about 6 KB a row beside the rows themselves (spots, views, frames): 5,000 rows
# keep a worker near 70 MB (120 MB at 10,000), with no measurable cost in speed.
CHUNK_SIZE = 5_000
# Below this many bytes of data files, starting workers costs more than they save (a chunk of 5,000
# tweets is about 6 MB of JSON, and the work overlaps only from the second chunk on).
PARALLEL_FROM_BYTES = 64 * 2**20

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
    thumbnails: bool = False  # embed small previews of the photos with no text (needs Pillow)
    earlier: EarlierReport | None = None  # an earlier report's items and decisions, to carry over
    model: bool = True  # run the learned detector beside the rules (False: the rules alone, --no-model)
    jobs: int | None = None  # processes judging chunks; None: one per core; 1: this process alone


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
    workers: int = 0  # worker processes that judged the chunks (0: this process did)

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
    engine = load_engine(options)
    exports, errors = open_exports(paths)
    sources = [FileLog(path.name, "", 0, [str(error)]) for path, error in errors]
    if not exports:
        raise NothingReadError([str(error) for _, error in errors])
    total_bytes = sum(_bytes_to_read(export, options) for export in exports)
    if progress:  # the bar shows its full length at once, not "0/?" until the first chunk is read
        progress(0, total_bytes)
    jobs = _jobs(options.jobs, total_bytes)
    counts: Counter[tuple[str, str]] = Counter()
    kept: list[pd.DataFrame] = []
    photos: list[pd.DataFrame] = []
    # Made while each export is open (it is closed after reading); only the small JPEGs are kept.
    thumbnailer = Thumbnailer() if options.thumbnails else None
    flagged = 0
    first = last = None
    logs: list[ReadLog] = []
    overlap = _Overlap(exports)
    sent: deque[Export] = deque()  # the export of each chunk sent to be judged, in order
    chunks = (
        (item_columns(chunk), export.archive.label)
        for chunk, export in _read_chunks(exports, options, logs, sent, overlap)
    )
    if jobs > 1:
        # Forked workers share the loaded engine, but a learned detector's thread pool does not survive
        # a fork: with one loaded, each worker loads its own (with its share of the cores).
        shared = (engine, options) if getattr(engine, "model", None) is None else None
        judged = parallel.ordered_map(
            judge, chunks, state=shared, setup=partial(_worker_state, options), jobs=jobs
        )
    else:
        judged = (judge((engine, options), *chunk) for chunk in chunks)
    gc.freeze()  # the engine and everything loaded so far lives to the end: no collection need scan it
    try:
        for result in judged:
            counts.update(result.counts)
            if result.first is not None:
                first, last = _widen(first, last, pd.Series([result.first, result.last]))
            flagged += result.flagged
            if result.kept is not None:
                kept.append(result.kept)
            export = sent.popleft()
            if result.photos is not None:
                found = result.photos
                if thumbnailer is not None:
                    found = with_thumbnails(found, export.archive, thumbnailer)
                photos.append(found)
            if progress:
                progress(sum(e.archive.bytes_read for e in exports), total_bytes)
    finally:
        gc.unfreeze()
        for export in exports:
            export.archive.close()
    sources.extend(file for log in logs for file in log.files)
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
    workers = jobs if jobs > 1 else 0
    return ScanResult(
        items, totals, sources, exported, engine, options, first, last, _photos(photos), changes, workers
    )


def load_engine(options: ScanOptions) -> Engine:
    """Build the rules engine the options ask for."""
    return Engine.load(
        options.regulator,
        options.extra_packs,
        select=options.select,
        ignore=options.ignore,
        allow_file=options.allow_file,
        watch_file=options.watch_file,
        min_severity=options.min_severity,
        model=options.model,
    )


class Judged(NamedTuple):
    """What ``judge`` makes of one chunk."""

    kept: pd.DataFrame | None  # the rows to keep (flagged, or all), with their results
    photos: pd.DataFrame | None  # the photos and videos with no text (PHOTO_COLUMNS and the archive)
    flagged: int
    counts: Counter[tuple[str, str]]  # (platform, kind) of every row within the dates
    first: pd.Timestamp | None  # oldest and newest date in the chunk
    last: pd.Timestamp | None


def judge(state: tuple[Engine, ScanOptions], columns: list[list], archive: str) -> Judged:
    """Everything done to a chunk of items after it is read: frame, date range, rules, rows kept.

    ``archive`` is the label of the export the chunk came from.
    With several jobs this runs in a worker process, so per-chunk work belongs here.
    """
    engine, options = state
    frame = _within(columns_frame(columns), options.since, options.until)
    first, last = _widen(None, None, frame["created_at"])
    media = frame["kind"] == "media"
    # listed whether flagged or not: the rules cannot see pictures
    photos = frame.loc[media, PHOTO_COLUMNS].assign(archive=archive) if media.any() else None
    results = engine.evaluate(frame)
    if options.all_items:
        kept = frame.join(results)
    else:
        kept = frame.loc[results.index].join(results) if len(results) else None
    counts = Counter(zip(frame["platform"], frame["kind"], strict=True))
    return Judged(kept, photos, len(results), counts, first, last)


def _worker_state(options: ScanOptions) -> tuple[Engine, ScanOptions]:
    """The state a spawned worker builds for itself (forked workers inherit the main process's)."""
    return load_engine(options), options


def _jobs(requested: int | None, total_bytes: int) -> int:
    """How many worker processes to judge with; 1 means this process alone."""
    jobs = requested if requested is not None else parallel.cores()
    return jobs if jobs > 1 and total_bytes >= PARALLEL_FROM_BYTES else 1


def _read_chunks(
    exports: list[Export],
    options: ScanOptions,
    logs: list[ReadLog],
    sent: deque[Export],
    overlap: _Overlap,
) -> Iterator[tuple[list[Item], Export]]:
    """Read every export in turn, in chunks of items, each with its export (also added to ``sent``).

    Each export's log goes to ``logs``. An earlier report sees every chunk here, in this process, before
    --since/--until: items outside them are not gone.
    """
    for export in exports:
        log = ReadLog(export.archive.label)
        logs.append(log)
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
                if options.earlier is not None:
                    options.earlier.see(columns_frame(item_columns(chunk)))
                sent.append(export)
                yield chunk, export
        if overlap.merged:
            merged = f"{overlap.merged:,} items were also in an export read before; each was counted once"
            log.problem("", merged)
        overlap.next_export()


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


def _sorted(kept: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate the kept chunks; most severe first, then oldest first, undated last."""
    frames = [f for f in kept if len(f)]
    if not frames:
        return empty_report_frame()
    return sort_for_review(pd.concat(frames, ignore_index=True)).reset_index(drop=True)


def _photos(found: list[pd.DataFrame]) -> pd.DataFrame:
    """The photos and videos with no text, oldest first, undated last."""
    frames = [f for f in found if len(f)]
    if not frames:
        return pd.DataFrame(columns=[*PHOTO_COLUMNS, "archive"])
    photos = pd.concat(frames, ignore_index=True)
    return photos.sort_values("created_at", kind="stable", na_position="last").reset_index(drop=True)


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
