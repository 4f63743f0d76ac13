"""Time the learned detector, and the rules with and without it, over synthetic tweets.

    python benchmarks/model_speed.py [--items 10000 --items 200000] [--chunk 20000] [--threads N]

Texts come from ``rules_speed.generate`` (everyday UK tweets with some care-work words, lexicon terms
and contact details). Each size runs in its own process, so peak RSS is its own, and measures over
chunks of the pipeline's size:

* ``model``   — ``Detector.judge`` alone (first stage + encoder), with the share the encoder read;
* ``rules``   — ``Engine.evaluate`` with the rules alone (``--no-model``);
* ``both``    — ``Engine.evaluate`` with the rules and the model (the default scan's judging step);
* ``encoder`` — the encoder on every text, no first stage (10k items only: it is the slow path).

Figures are items per wall-clock second (the encoder uses every core it is given) and CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def child(mode: str, count: int, chunk: int, threads: int | None) -> dict:
    """Run one measurement in this process."""
    import pandas as pd
    from rules_speed import generate

    from rules import Engine
    from rules.model import Detector

    texts = generate(count, seed=7)
    detector = Detector(threads=threads) if mode != "rules" else None
    engine = None
    if mode in ("rules", "both"):
        engine = Engine.load(model=False)
        if mode == "both":
            engine = Engine(engine.rules, engine.standards, engine.lexicon, model=detector)
    flagged = 0
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, count, chunk):
        part = texts[start : start + chunk]
        if engine is not None:
            frame = pd.DataFrame({"text": part, "kind": ["post"] * len(part)})
            flagged += len(engine.evaluate(frame))
        elif mode == "model":
            flagged += sum(v is not None for v in detector.judge(part))
        else:
            probs = detector.probabilities(part, cascade=False)
            flagged += int((probs[:, 0] >= detector.thresholds["flag"]).sum())
    seconds = time.perf_counter() - started
    return {
        "mode": mode,
        "items": count,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "items_per_s": round(count / seconds),
        "flagged": flagged,
        "read": round(detector.read / count, 3) if detector else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, action="append", help="texts (repeatable); default 10k and 200k")
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument("--threads", type=int, default=None, help="encoder threads (default: up to 4)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.chunk, args.threads)))
        return
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(
        f"{'items':>9} {'mode':>8} {'wall s':>7} {'CPU s':>7} {'items/s':>8} {'read':>6} {'flagged':>8} "
        f"{'RSS MB':>7}"
    )
    for count in args.items or [10_000, 200_000]:
        modes = ["model", "rules", "both"] + (["encoder"] if count <= 20_000 else [])
        for mode in modes:
            command = [sys.executable, __file__, "--child", mode, str(count), "--chunk", str(args.chunk)]
            if args.threads:
                command += ["--threads", str(args.threads)]
            row = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
            read = "" if row["read"] is None else f"{row['read']:.0%}"
            print(
                f"{count:>9,} {mode:>8} {row['seconds']:>7} {row['cpu_seconds']:>7} {row['items_per_s']:>8,} "
                f"{read:>6} {row['flagged']:>8,} {row['peak_rss_mb']:>7}",
                flush=True,
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
