"""Benchmark: write the review workbook for N flagged items (default 50,000) and report time and memory.

Run from the repository root:  .venv/bin/python benchmarks/workbook.py [--rows 50000] [--all]

The items are synthetic but shaped like real ones: post texts of 20-600 characters with emoji, accents,
line breaks, @mentions and the odd formula-like or control character; one to three categories, reasons
and clauses each; real-looking X ids and links. The target (issue 4) is 50,000 rows in 20 s or less with
memory that does not grow with the writing. Peak RSS is the whole process (the frame of items included);
"writer overhead" is the peak minus the RSS just before writing.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.frames import items_frame  # noqa: E402
from audit.pipeline import ScanOptions, ScanResult  # noqa: E402
from audit.report.xlsx import review_items, write_xlsx  # noqa: E402
from parsers import Detection, FileLog, Item  # noqa: E402
from rules import CATEGORIES, Engine  # noqa: E402

WORDS = (
    "shift rota team meeting placement supervision visit weekend coffee train late early tired brilliant "
    "rubbish honestly café naïve résumé lovely manager office deadline course essay lecture library "
    "home estate school walk park match pub birthday holiday beach rain sunshine traffic bus"
).split()
EXTRAS = ["😀", "🎉", "👩‍⚕️", "🇬🇧", "#fridayfeeling", "@jo_example_sw", "&amp;", "\n", "=1+1", "\x0b"]
SEVERITIES = ["high", "medium", "low"]


def synthetic_text(rng: random.Random) -> str:
    """A post of 20-600 characters made of everyday words and the odd awkward character."""
    length = min(600, int(rng.expovariate(1 / 140)) + 20)
    words: list[str] = []
    while sum(map(len, words)) + len(words) < length:
        words.append(rng.choice(EXTRAS) if rng.random() < 0.05 else rng.choice(WORDS))
    return " ".join(words)[:length]


def synthetic_result(rows: int, engine: Engine, all_items: bool) -> ScanResult:
    """A ScanResult holding ``rows`` flagged X posts spread over 2009-2025."""
    rng = random.Random(4)
    categories = list(CATEGORIES)
    items, results = [], []
    for number in range(rows):
        when = f"{rng.randint(2009, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T12:34:56Z"
        status = str(1_100_000_000_000_000_000 + number)
        items.append(
            Item(
                "twitter",
                status,
                rng.choice(["post", "post", "reply", "share"]),
                when,
                synthetic_text(rng),
                url=f"https://x.com/jo_example_sw/status/{status}",
                source=f"data/tweets.js#{number}",
            )
        )
        chosen = rng.sample(categories, rng.choice([1, 1, 1, 2, 3]))
        results.append(
            {
                "severity": rng.choice(SEVERITIES),
                "confidence": rng.choice(["high", "medium", "low"]),
                "categories": chosen,
                "rules": [f"{CATEGORIES[c]}{rng.randint(1, 20):03d}" for c in chosen],
                "why": [
                    f"{c.replace('_', ' ')} term '{rng.choice(WORDS)}' near '{rng.choice(WORDS)}'"
                    for c in chosen
                ],
                "standards": [clause.label for c in chosen for clause in engine.standards.cite(c)],
                "action": rng.choice(["delete", "edit", "review"]),
            }
        )
    frame = items_frame(items)
    for column in ("severity", "confidence", "categories", "rules", "why", "standards", "action"):
        frame[column] = [result[column] for result in results]
    frame = review_items(frame).reset_index(drop=True)  # sorted, as the pipeline returns them
    dates = frame["created_at"]
    totals = {"items": rows, "flagged": rows, "by_platform": {"twitter": rows}, "by_kind": {}}
    detection = Detection(
        "twitter", "current", "X archive, 2022 onwards (data/tweets.js)", ["data/tweets.js"]
    )
    return ScanResult(
        frame,
        totals,
        [FileLog("twitter.zip", "data/tweets.js", rows, [])],
        [("twitter.zip", [detection])],
        engine,
        ScanOptions(all_items=all_items),
        dates.min(),
        dates.max(),
    )


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Build the items, write the workbook, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--all", action="store_true", help="also write the All items sheet")
    args = parser.parse_args()
    started = time.perf_counter()
    result = synthetic_result(args.rows, Engine.load(), args.all)
    built = time.perf_counter() - started
    before = rss_mb()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.xlsx"
        started = time.perf_counter()
        cpu = time.process_time()
        write_xlsx(result, path)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        size = path.stat().st_size
    peak = rss_mb()
    print(f"rows: {args.rows:,}{' (+ All items sheet)' if args.all else ''}")
    print(f"items built in {built:.1f} s; mean text {result.items['text'].str.len().mean():.0f} chars")
    print(f"workbook written in {seconds:.1f} s wall, {cpu:.1f} s CPU ({args.rows / seconds:,.0f} rows/s)")
    print(f"file size {size / 1e6:.1f} MB")
    print(f"peak RSS {peak:.0f} MB; before writing {before:.0f} MB; writer overhead {peak - before:.0f} MB")
    print(f"pandas {pd.__version__}, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
