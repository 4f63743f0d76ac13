"""What a re-scan with an earlier report costs: noting which earlier items are still in the export.

Run: python benchmarks/reaudit.py [--items N] [--decided N]

Builds N synthetic X posts and N Facebook posts (in the pipeline's 20k chunks) and an earlier report
of the given number of decided items of each platform, then times ``EarlierReport.see`` over every
chunk (what ``run`` adds per chunk when decisions are carried over) and ``carry_over`` on the flagged
items. Prints microseconds per item read.
"""

from __future__ import annotations

import argparse
import time

from audit.decisions import Earlier, EarlierReport, carry_over, identity
from audit.frames import items_frame
from parsers import Item

CHUNK = 20_000


def items(platform: str, count: int) -> list[Item]:
    made = []
    for number in range(count):
        when = (
            f"20{10 + number % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}T{number % 24:02d}:00:00Z"
        )
        text = f"post {number} about the weekend, the weather and the match on Saturday"
        made.append(Item(platform, str(10**18 + number), "post", when, text, source=f"f.json#{number}"))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--decided", type=int, default=2_000)
    args = parser.parse_args()
    for platform in ("twitter", "facebook"):
        made = items(platform, args.items)
        frames = [items_frame(made[start : start + CHUNK]) for start in range(0, len(made), CHUNK)]
        earlier = EarlierReport()
        step = max(1, args.items // args.decided)
        for item in made[::step][: args.decided]:
            key = identity(item.platform, item.item_id, item.kind, item.created_at, item.text)
            moment = (item.platform, item.kind, item.created_at)
            earlier.items[key] = Earlier(key, moment, item.text.casefold(), "Delete", None, None)
        started = time.perf_counter()
        for frame in frames:
            earlier.see(frame)
        seen = time.perf_counter() - started
        flagged = frames[0].head(5_000)
        started = time.perf_counter()
        carry_over(flagged, earlier)
        carried = time.perf_counter() - started
        per_item = seen / args.items * 1e6
        print(
            f"{platform}: see {seen:.2f} s for {args.items:,} items ({per_item:.1f} µs an item), "
            f"{len(earlier.seen):,} earlier items found; carry_over on 5,000 flagged items {carried:.2f} s"
        )


if __name__ == "__main__":
    main()
