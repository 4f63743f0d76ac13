"""Time the full default rule set over the texts of a synthetic 1M-tweet archive.

    python benchmarks/rules_speed.py [--items 1000000] [--chunk 20000] [--watch 200] [--no-freeze]

The corpus is generated here (no file is written): tweets of about 100 characters built from everyday
UK phrases, with @handles that look like real ones (~40 %), hashtags (~30 %), links (~20 %), emoji
(~30 %), dates, some care-work vocabulary (5 %), a small share of lexicon terms (3 %, a third of them
disguised: f*ck, sh1t, spaced letters) and contact details (phones, emails, postcodes, ~0.5 % each), so
the matchers have real work to do. Offensive words are drawn from the lexicon files at run time.

Frames are built first (that is the pipeline's job); the figure is ``Engine.evaluate`` over chunks of the
pipeline's size, as items per second, with the flagged share, peak RSS and the machine's load average.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from rules import Engine  # noqa: E402
from rules.lexicon import load_lexicon  # noqa: E402
from rules.watchlist import Watchlist  # noqa: E402

OPENERS = [
    "Just got back from", "Can't believe", "Honestly", "Anyone else think", "So tired after", "Loving",
    "Finally finished", "Quick reminder that", "Best thing about today:", "Not gonna lie,",
    "Big shout out to", "Cannot wait for", "Why is it that", "Note to self:", "Throwback to",
    "Morning all,", "Evening folks,",
]  # fmt: skip
MIDDLES = [
    "the match at the weekend", "a long walk along the canal", "the new series on telly",
    "my nan's birthday tea", "the queue at Tesco", "the rain in Cardiff", "the bus being late again",
    "my first marathon", "the school run", "a brew and a biscuit", "the Six Nations", "my driving test",
    "the allotment", "a curry with the girls", "the gym at 6am", "the train to Leeds",
    "our team meeting", "my essay deadline", "the dog walk in the park", "a day at the beach",
    "the pub quiz", "Bake Off", "my new trainers", "the roadworks on the A470",
]  # fmt: skip
CARE = [
    "supervision this afternoon", "the training day", "a home visit", "the case conference",
    "my caseload", "the ward round", "the care home fete", "the placement handbook",
    "the new referral form", "my shift",
]  # fmt: skip
ENDINGS = [
    "lol", "haha", "so happy", "what a day", "never again", "10/10", "can't wait", "love it",
    "send help", "x", "xx", "!!!", "...", "tbh", "ngl", "fair play", "cracking", "gutted", "buzzing",
    "proper lush",
]  # fmt: skip
EMOJI = ["😂", "😍", "🙌", "🎉", "☕", "🐶", "🌧️", "🏴󠁧󠁢󠁷󠁬󠁳󠁿", "👩‍⚕️", "💚", "🙃", "😭", "🔥", "👍🏽", "🍕"]
HASHTAGS = ["#socialwork", "#nhs", "#tbt", "#mondaymotivation", "#cymru", "#fridayfeeling", "#uni", "#ot"]
CONTACTS = [
    "ring me on 07912 345678", "email jo.bloggs@example.co.uk", "parcel to CF10 1AA",
    "call 029 2087 0000", "NHS no 943 476 5919", "car BD21 XKR", "at 12 Bramble Close",
]  # fmt: skip


HANDLE_PARTS = ["sarah", "jones", "cardiff", "mike", "nurse", "sw", "team", "jo", "dai", "bex", "official",
                "news", "lfc", "mam", "the", "real", "uk", "cymru", "rhys", "em", "sam", "kate"]  # fmt: skip


def _handle(rng: random.Random) -> str:
    """A plausible @handle: one or two words, sometimes an underscore, sometimes two digits."""
    handle = rng.choice(HANDLE_PARTS)
    if rng.random() < 0.6:
        handle += rng.choice(["", "_"]) + rng.choice(HANDLE_PARTS)
    if rng.random() < 0.3:
        handle += str(rng.randrange(10, 100))
    return "@" + handle


def _disguise(word: str, rng: random.Random) -> str:
    if len(word) < 4 or " " in word:
        return word
    style = rng.randrange(3)
    if style == 0:
        return word[0] + "*" * (len(word) - 2) + word[-1]
    if style == 1:
        return word.replace("i", "1").replace("o", "0").replace("a", "@")
    return " ".join(word)


def generate(count: int, seed: int) -> list[str]:
    """Return ``count`` varied synthetic tweets."""
    rng = random.Random(seed)
    lexicon = load_lexicon()
    terms = sorted(
        w for name in ("swear_strong", "slur", "drink_heavy", "drug_hard", "sexual_explicit", "threat")
        for w in lexicon.classes[name].words
    )  # fmt: skip
    texts = []
    for _ in range(count):
        parts = [rng.choice(OPENERS), rng.choice(CARE if rng.random() < 0.05 else MIDDLES)]
        if rng.random() < 0.75:
            parts += ["and", rng.choice(MIDDLES), rng.choice(OPENERS).lower(), rng.choice(MIDDLES)]
        parts.append(rng.choice(ENDINGS))
        roll = rng.random()
        if roll < 0.03:
            term = rng.choice(terms)
            parts.insert(rng.randrange(1, len(parts)), _disguise(term, rng) if roll < 0.01 else term)
        elif roll < 0.065:
            parts.append(rng.choice(CONTACTS))
        if rng.random() < 0.4:
            parts.insert(0, _handle(rng))
        if rng.random() < 0.3:
            parts.append(rng.choice(HASHTAGS))
        if rng.random() < 0.2:
            parts.append(f"https://t.co/{rng.randrange(16**10):010x}")
        if rng.random() < 0.3:
            parts.append(rng.choice(EMOJI) * rng.randint(1, 3))
        if rng.random() < 0.15:
            parts.append(f"{rng.randint(1, 31)}/{rng.randint(1, 12)}/{rng.randint(2009, 2025)}")
        texts.append(" ".join(parts)[:280])
    return texts


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument("--watch", type=int, default=0, help="also load a watch list of N names")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-freeze", action="store_true", help="leave the corpus to the garbage collector")
    args = parser.parse_args()

    started = time.perf_counter()
    texts = generate(args.items, args.seed)
    print(f"generated {len(texts):,} tweets in {time.perf_counter() - started:.1f} s "
          f"(mean {sum(map(len, texts)) / len(texts):.0f} chars)")  # fmt: skip
    frames = []
    for start in range(0, len(texts), args.chunk):
        part = texts[start : start + args.chunk]
        frames.append(
            pd.DataFrame({"text": part, "kind": "post", "author": None, "location": None, "media": 0})
        )
    watchlist = None
    if args.watch:
        rng = random.Random(args.seed)
        first = [
            "Jayden",
            "Sian",
            "Gareth",
            "Olivia",
            "Mohammed",
            "Chloe",
            "Rhys",
            "Amelia",
            "Dylan",
            "Ffion",
        ]
        last = ["Jones", "Evans", "Price", "Khan", "Williams", "Hughes", "Davies", "Morgan", "Patel", "Lewis"]
        names = sorted({f"{rng.choice(first)} {rng.choice(last)}" for _ in range(args.watch)})
        watchlist = Watchlist.from_names({"people": names})
    engine = Engine.load() if watchlist is None else Engine.load(watchlist=watchlist)
    print(f"rules: {len(engine.rules)}   chunks of {args.chunk:,}   watch list: {args.watch} names")

    # The corpus and its frames stay in memory here, unlike in a streaming scan where only the current
    # chunk does; Python's garbage collector would walk them again and again. Freezing what exists now
    # (corpus, frames, engine) keeps the figure about the rules. --no-freeze shows the raw figure.
    if not args.no_freeze:
        gc.collect()
        gc.freeze()
    flagged = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for frame in frames:
        flagged += len(engine.evaluate(frame))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    frozen = "" if args.no_freeze else " (set-up objects frozen out of the garbage collector)"
    print(f"evaluated {len(texts):,} items in {elapsed:.1f} s: {len(texts) / elapsed:,.0f} items/s{frozen}")
    # CPU time is steadier than wall time on a machine other work shares
    print(f"CPU time {cpu:.1f} s: {len(texts) / cpu:,.0f} items per CPU-second")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"flagged {flagged:,} ({flagged / len(texts):.1%})   peak RSS {rss:,.0f} MB   "
          f"load average {load} on {os.cpu_count()} CPUs")  # fmt: skip


if __name__ == "__main__":
    main()
