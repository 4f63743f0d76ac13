"""Score the rules, the learned model, or both, on a labelled set of posts and print the table.

    python benchmarks/detection_quality.py [--dev PATH] [--detector rules|model|both|all] [--errors]

The set (``shared/eval/dev_posts.jsonl``, found beside the repository by default) holds posts labelled
flag / categories / severity, with notes starting "Trap:" for posts a naive matcher would wrongly flag.
Posts are fed to the engine as the parsers would produce them: a photo caption is a post, an X retweet
("RT @x: ...") is a share by x without the prefix. Reported:

- precision, recall and F1 of the item-level flag (an item is flagged at severity low or above);
- recall per category: of the posts labelled with a category, the share flagged with that category
  (and, in brackets, flagged at all);
- the share of traps flagged;
- severity agreement on true positives: exact, and within one level.

Targets (issue 3, rules): precision >= 0.90, recall >= 0.85, traps flagged <= 5 %, every category >= 0.70.
Targets (issue 16, model alone): F1 >= 0.85, precision >= 0.88, traps flagged <= 5 %, confidentiality
recall >= 0.85. ``--dev`` may name another labelled file in the same format (e.g. a fresh hold-out);
only figures are printed unless ``--errors`` is given, which prints posts and is for the dev set only.
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

DEFAULT_DEV = ROOT.parent / "shared" / "eval" / "dev_posts.jsonl"
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
    """Run the engine over the posts and compute the figures."""
    frame = items_frame([as_item(r) for r in rows])
    results = engine.evaluate(frame)
    found = {frame.at[i, "item_id"]: results.loc[i] for i in results.index}
    tp = fp = fn = 0
    traps = trapped = 0
    by_category: Counter[str] = Counter()
    strict: Counter[str] = Counter()
    lenient: Counter[str] = Counter()
    exact = near = 0
    errors = []
    for row in rows:
        result = found.get(row["id"])
        flagged = result is not None
        if row["note"].startswith("Trap:"):
            traps += 1
            trapped += flagged
        if row["flag"] and flagged:
            tp += 1
            level = result["severity"]
            exact += level == row["severity"]
            near += abs(_LEVELS.index(level) - _LEVELS.index(row["severity"])) <= 1
        elif flagged:
            fp += 1
        elif row["flag"]:
            fn += 1
        for category in row["categories"]:
            by_category[category] += 1
            lenient[category] += flagged
            strict[category] += flagged and category in result["categories"]
        if flagged != row["flag"] or (flagged and not set(row["categories"]) <= set(result["categories"])):
            errors.append((row, result))
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
        "traps": traps,
        "traps_flagged": trapped,
        "categories": {c: (by_category[c], strict[c], lenient[c]) for c in CATEGORIES if by_category[c]},
        "severity_exact": exact / tp if tp else 0.0,
        "severity_near": near / tp if tp else 0.0,
        "errors": errors,
    }


def print_table(figures: dict) -> None:
    """Print the scores as a plain-text table."""
    trap_share = figures["traps_flagged"] / figures["traps"] if figures["traps"] else 0.0
    print(f"posts: {figures['items']}   TP {figures['tp']}  FP {figures['fp']}  FN {figures['fn']}")
    print(f"{'measure':<28}{'value':>8}{'target':>10}")
    for name, value, target in (
        ("precision", figures["precision"], ">= 0.90"),
        ("recall", figures["recall"], ">= 0.85"),
        ("F1", figures["f1"], ""),
        (f"traps flagged ({figures['traps_flagged']}/{figures['traps']})", trap_share, "<= 0.05"),
        ("severity agreement (exact)", figures["severity_exact"], ""),
        ("severity agreement (±1)", figures["severity_near"], ""),
    ):
        print(f"{name:<28}{value:>8.3f}{target:>10}")
    print(f"\n{'category':<18}{'posts':>6}{'recall':>8}{'(flagged at all)':>18}")
    for category, (total, strict, lenient) in figures["categories"].items():
        mark = "" if strict / total >= 0.70 else "  < 0.70"
        print(f"{category:<18}{total:>6}{strict / total:>8.2f}{lenient / total:>18.2f}{mark}")


def print_errors(errors: list) -> None:
    """List missed posts, false alarms and missing categories (for tuning; prints the posts' text)."""
    for row, result in errors:
        got = "-" if result is None else f"{result['severity']} {result['categories']} {result['rules']}"
        want = f"{row['severity']} {row['categories']}" if row["flag"] else "not flagged"
        print(f"{row['id']} want {want} | got {got}\n    {row['text'][:160]!r}")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="labelled JSON Lines file")
    parser.add_argument("--regulator", default="hcpc")
    parser.add_argument("--detector", choices=["rules", "model", "both", "all"], default="rules")
    parser.add_argument(
        "--model-dir", type=Path, default=MODEL_DIR, help="a model other than the shipped one"
    )
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    if not args.dev.is_file():
        sys.exit(f"{args.dev}: not found (give --dev PATH)")
    rows = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    detectors = ["rules", "model", "both"] if args.detector == "all" else [args.detector]
    for detector in detectors:
        if len(detectors) > 1:
            print(f"\n== {detector} ==")
        figures = score(rows, engine_for(detector, args.regulator, args.model_dir))
        print_table(figures)
        if args.errors:
            print()
            print_errors(figures["errors"])


if __name__ == "__main__":
    main()
