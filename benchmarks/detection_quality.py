"""Score the rules, the learned model, or both, on a labelled set of posts; print aggregate figures only.

    python benchmarks/detection_quality.py [--posts PATH] [--detector rules|model|both|all] [--regulator hcpc]

The set (default ``shared/eval/dev_posts.jsonl``, found beside the repository; ``--posts`` takes another
file of the same schema, such as a fresh hold-out) holds posts labelled flag / categories / severity, with
notes starting "Trap:" for posts a naive matcher would wrongly flag. The script prints figures only, never
a post's text or id: evaluation sets stay out of sight of whoever writes the rules.
Posts are fed to the engine as the parsers would produce them: a photo caption is a post, an X retweet
("RT @x: ...") is a share by x without the prefix. Reported:

- precision, recall and F1 of the item-level flag (an item is flagged at severity low or above);
- recall per category: of the posts labelled with a category, the share flagged with that category
  (and, in brackets, flagged at all); precision per category: of the posts flagged with a category,
  the share labelled with it;
- the share of traps flagged (the trap false-positive rate), of the other unflagged ("ordinary") posts
  flagged, and false alarms flagged high;
- with the model, the share of posts its first stage passed to the encoder (what the scan's speed
  depends on);
- severity agreement on true positives: exact, and within one level.

Targets (issue 15, rules alone on a fresh hold-out): precision >= 0.95, recall >= 0.80.
Targets (issue 16, model alone): F1 >= 0.85, precision >= 0.88, traps flagged <= 5 %, confidentiality
recall >= 0.85.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audit.frames import items_frame  # noqa: E402
from parsers.models import Item  # noqa: E402
from rules import CATEGORIES, Engine, load_standards  # noqa: E402
from rules.model import MODEL_DIR, load_detector  # noqa: E402

# beside the main checkout (../shared) or beside a worktree's parent folder (../../shared)
DEFAULT_DEV = (
    next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if (p / "eval").is_dir()),
        ROOT.parent / "shared",
    )
    / "eval"
    / "dev_posts.jsonl"
)
_RETWEET = re.compile(r"^RT @(\w+):\s*")
_LEVELS = ["none", "low", "medium", "high"]


def as_item(row: dict) -> Item:
    """The Item a parser would yield for one labelled post."""
    kind, text, author = row["kind"], row["text"], None
    if kind == "caption":
        kind = "post"
    retweet = _RETWEET.match(text)
    if retweet:
        kind, author, text = "share", retweet.group(1), text[retweet.end() :]
    created = f"{row['year']}-06-01T12:00:00Z"
    return Item(row["platform"], row["id"], kind, created, text, author=author, source=f"dev#{row['id']}")


def engine_for(detector: str, regulator: str = "hcpc", model_dir: Path = MODEL_DIR) -> Engine:
    """The engine for ``rules`` (the rules alone), ``model`` (the model alone) or ``both``."""
    if detector == "rules":
        return Engine.load(regulator)
    model = load_detector(model_dir)
    if detector == "model":
        return Engine([], load_standards(regulator), model=model)
    engine = Engine.load(regulator, model=False)
    return Engine(engine.rules, engine.standards, engine.lexicon, model=model)


def score(rows: list[dict], engine: Engine) -> dict:
    """Run the engine over the posts and compute the figures (aggregates only)."""
    frame = items_frame([as_item(r) for r in rows])
    read_before = engine.model.read if engine.model is not None else 0
    results = engine.evaluate(frame)
    found = {frame.at[i, "item_id"]: results.loc[i] for i in results.index}
    tp = fp = fn = 0
    traps = trapped = ordinary = ordinary_flagged = false_high = 0
    labelled: Counter[str] = Counter()  # posts labelled with the category
    hit: Counter[str] = Counter()  # ... and flagged with it
    lenient: Counter[str] = Counter()  # ... and flagged at all
    claimed: Counter[str] = Counter()  # posts flagged with the category
    right: Counter[str] = Counter()  # ... and labelled with it
    exact = near = 0
    for row in rows:
        result = found.get(row["id"])
        flagged = result is not None
        got = set(result["categories"]) if flagged else set()
        if row["note"].startswith("Trap:"):
            traps += 1
            trapped += flagged
        elif not row["flag"]:
            ordinary += 1
            ordinary_flagged += flagged
        if row["flag"] and flagged:
            tp += 1
            level = result["severity"]
            exact += level == row["severity"]
            near += abs(_LEVELS.index(level) - _LEVELS.index(row["severity"])) <= 1
        elif flagged:
            fp += 1
            false_high += result["severity"] == "high"
        elif row["flag"]:
            fn += 1
        for category in row["categories"]:
            labelled[category] += 1
            lenient[category] += flagged
            hit[category] += category in got
        for category in got:
            claimed[category] += 1
            right[category] += category in row["categories"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "items": len(rows),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "false_high": false_high,
        "traps": traps,
        "traps_flagged": trapped,
        "ordinary": ordinary,
        "ordinary_flagged": ordinary_flagged,
        "categories": {
            c: (labelled[c], hit[c], lenient[c], claimed[c], right[c])
            for c in CATEGORIES
            if labelled[c] or claimed[c]
        },
        "severity_exact": exact / tp if tp else 0.0,
        "severity_near": near / tp if tp else 0.0,
        # texts the model's encoder read (the first stage let them through); None without the model
        "encoder_read": engine.model.read - read_before if engine.model is not None else None,
    }


def print_table(figures: dict) -> None:
    """Print the scores as a plain-text table."""
    trap_share = figures["traps_flagged"] / figures["traps"] if figures["traps"] else 0.0
    ordinary_share = figures["ordinary_flagged"] / figures["ordinary"] if figures["ordinary"] else 0.0
    print(f"posts: {figures['items']}   TP {figures['tp']}  FP {figures['fp']}  FN {figures['fn']}")
    print(f"{'measure':<30}{'value':>8}")
    for name, value in (
        ("precision", figures["precision"]),
        ("recall", figures["recall"]),
        ("F1", figures["f1"]),
        (f"traps flagged ({figures['traps_flagged']}/{figures['traps']})", trap_share),
        (f"ordinary flagged ({figures['ordinary_flagged']}/{figures['ordinary']})", ordinary_share),
        ("severity agreement (exact)", figures["severity_exact"]),
        ("severity agreement (±1)", figures["severity_near"]),
    ):
        print(f"{name:<30}{value:>8.3f}")
    print(f"{'false alarms flagged high':<30}{figures['false_high']:>8}")
    if figures["encoder_read"] is not None:
        print(f"{'read by the encoder':<30}{figures['encoder_read'] / figures['items']:>8.3f}")
    print(f"\n{'category':<18}{'posts':>6}{'recall':>8}{'(any flag)':>11}{'flagged':>9}{'precision':>11}")
    for category, (total, strict, lenient, claimed, right) in figures["categories"].items():
        recall = f"{strict / total:.2f}" if total else "-"
        any_flag = f"{lenient / total:.2f}" if total else "-"
        precision = f"{right / claimed:.2f}" if claimed else "-"
        print(f"{category:<18}{total:>6}{recall:>8}{any_flag:>11}{claimed:>9}{precision:>11}")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=Path, default=DEFAULT_DEV, help="labelled JSON Lines file")
    parser.add_argument("--regulator", default="hcpc")
    parser.add_argument("--detector", choices=["rules", "model", "both", "all"], default="rules")
    parser.add_argument(
        "--model-dir", type=Path, default=MODEL_DIR, help="a model other than the shipped one"
    )
    args = parser.parse_args()
    if not args.posts.is_file():
        sys.exit(f"{args.posts}: not found (give --posts PATH)")
    rows = [json.loads(line) for line in args.posts.read_text(encoding="utf-8").splitlines() if line.strip()]
    detectors = ["rules", "model", "both"] if args.detector == "all" else [args.detector]
    for detector in detectors:
        if len(detectors) > 1:
            print(f"\n== {detector} ==")
        print_table(score(rows, engine_for(detector, args.regulator, args.model_dir)))


if __name__ == "__main__":
    main()
