"""Benchmark: parse and scan a synthetic X archive of N tweets, against a bare ijson pass.

    python benchmarks/x_archive.py --tweets 100000 --tweets 1000000

For each size it writes (once, then reuses) ``benchmarks/out/x-<N>.zip`` in the current layout
(``data/tweets.js`` pretty-printed like X's writer, every number a string, ``edit_info``, entities, emoji,
``&amp;``, replies and retweets), then runs three measurements, each in a fresh process so that peak RSS is
its own:

* ``bare``  — ``ijson.items(…, "item")`` over ``data/tweets.js`` from the zip, prefix skipped, nothing kept;
* ``parse`` — ``parsers.iter_items`` over the same zip (every tweet normalised into an Item), nothing kept;
* ``scan``  — ``audit.pipeline.run`` with the default rules, then the JSON report of the flagged items.

It prints, for the fastest of ``--repeat`` interleaved runs, wall and CPU seconds, items/s and MB/s of
``tweets.js`` (uncompressed) per CPU second (steadier than wall time on a shared machine), peak RSS, and
parse/bare as a ratio of CPU time.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))

WORDS = (
    "team shift tea walk rain weekend garden home train bus coffee class essay placement family dog "
    "football match quiz pub café naïve rota meeting lunch kids school holiday beach film book music "
    "gym run cake birthday party news today tonight tomorrow great awful lovely busy tired happy"
).split()
EMOJI = ["😂", "❤️", "🎉", "👍", "☕", "🌧️", "👨‍👩‍👧", "🇬🇧", "🙄", "💪"]
DOMAINS = ["example.org/news", "example.com/blog/post", "bbc.co.uk/news/uk-1234", "example.net/a/b"]


def tweet_text(rnd: random.Random, index: int) -> str:
    words = rnd.choices(WORDS, k=rnd.randint(12, 22))
    if rnd.random() < 0.3:
        words.insert(rnd.randrange(len(words)), rnd.choice(EMOJI))
    if rnd.random() < 0.1:
        words.insert(rnd.randrange(len(words)), "&amp;")
    if rnd.random() < 0.02:  # a few that the default rules flag
        words.append(f"email me on person{index}@example.com")
    return " ".join(words).capitalize()


def tweet(rnd: random.Random, index: int, when: datetime) -> dict:
    tweet_id = str(1_100_000_000_000_000_000 + index * 7919)
    text = tweet_text(rnd, index)
    entities: dict = {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []}
    if rnd.random() < 0.3:
        tag = rnd.choice(WORDS)
        text += f" #{tag}"
        entities["hashtags"].append({"text": tag, "indices": ["0", str(len(tag) + 1)]})
    reply = rnd.random() < 0.4
    if reply:
        text = "@friend_of_mine " + text
        entities["user_mentions"].append(
            {
                "name": "A Friend",
                "screen_name": "friend_of_mine",
                "indices": ["0", "15"],
                "id_str": "2233",
                "id": "2233",
            }
        )
    if rnd.random() < 0.25:
        short = f"https://t.co/{index:010d}"
        text += " " + short
        target = "https://" + rnd.choice(DOMAINS)
        entities["urls"].append(
            {"url": short, "expanded_url": target, "display_url": target[8:30], "indices": ["0", "23"]}
        )
    if rnd.random() < 0.08:
        text = "RT @someone_else: " + text[:120] + "…"
    body = {
        "edit_info": {
            "initial": {
                "editTweetIds": [tweet_id],
                "editableUntil": (when + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "editsRemaining": "5",
                "isEditEligible": False,
            }
        },
        "retweeted": False,
        "source": '<a href="http://twitter.com/download/android" rel="nofollow">Twitter for Android</a>',
        "entities": entities,
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(rnd.randrange(50)),
        "id_str": tweet_id,
        "truncated": False,
        "retweet_count": "0",
        "id": tweet_id,
        "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"),
        "favorited": False,
        "full_text": text,
        "lang": "en",
    }
    if reply:
        body.update(
            in_reply_to_status_id_str=str(int(tweet_id) - 5),
            in_reply_to_status_id=str(int(tweet_id) - 5),
            in_reply_to_user_id="2233",
            in_reply_to_user_id_str="2233",
            in_reply_to_screen_name="friend_of_mine",
        )
    return {"tweet": body}


def make_archive(count: int) -> Path:
    """Write benchmarks/out/x-<count>.zip (once) and return its path."""
    path = OUT / f"x-{count}.zip"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(count)
    start = datetime(2010, 1, 1, tzinfo=UTC)
    step = timedelta(minutes=(16 * 365 * 24 * 60) // count)
    partial = path.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        account = [{"account": {"username": "bench_user", "accountId": "42", "createdVia": "web"}}]
        archive.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(account, indent=2))
        with archive.open("data/tweets.js", "w", force_zip64=True) as out:
            out.write(b"window.YTD.tweets.part0 = [ ")
            for index in range(count):
                record = json.dumps(
                    tweet(rnd, index, start + step * index), indent=2, separators=(",", " : ")
                )
                out.write((", " if index else "").encode() + record.encode("utf-8"))
            out.write(b" ]")
    partial.rename(path)
    return path


class _PrefixSkipper:
    """The minimum a bare ijson pass needs: skip 'window.YTD… = ' and pass the rest through."""

    def __init__(self, raw) -> None:  # type: ignore[no-untyped-def]
        self.raw, self.started = raw, False

    def read(self, n: int = -1) -> bytes:
        if n == 0:
            return b""
        if not self.started:
            self.started = True
            head = self.raw.read(65536)
            return head[head.index(b"[", head.index(b"=")) :]
        return self.raw.read(n)


def child(mode: str, path: Path) -> dict:
    """Run one measurement in this process and return its figures."""
    started, cpu_started = time.perf_counter(), time.process_time()
    count = flagged = 0
    if mode == "bare":
        import ijson

        with zipfile.ZipFile(path) as archive, archive.open("data/tweets.js") as raw:
            for _ in ijson.items(_PrefixSkipper(raw), "item"):
                count += 1
    elif mode == "parse":
        from parsers import ReadLog, detect, iter_items, open_archive

        with open_archive(path) as archive:
            for detection in detect(archive):
                for _ in iter_items(archive, detection, ReadLog(archive.label)):
                    count += 1
    else:
        from audit.pipeline import ScanOptions, run
        from audit.report.json import write_json

        result = run([path], ScanOptions())
        with tempfile.TemporaryDirectory() as folder:
            write_json(result, Path(folder) / "report.json")
        count, flagged = result.totals["items"], result.totals["flagged"]
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo("data/tweets.js").file_size
    return {
        "mode": mode,
        "items": count,
        "flagged": flagged,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "items_per_s": round(count / cpu),
        "mb_per_s": round(size / cpu / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "tweets_js_mb": round(size / 1e6, 1),
    }


def measure(mode: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--tweets", type=int, action="append", help="archive size (repeatable); default 100000"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per mode, interleaved; the fastest is shown"
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "ZIP"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return
    import ijson

    print(f"python {sys.version.split()[0]}, ijson backend {ijson.backend}")
    header = (
        f"{'tweets':>9} {'mode':>6} {'wall s':>7} {'CPU s':>6} {'items/s':>9} {'MB/s':>6} "
        f"{'peak RSS MB':>12} {'flagged':>8}"
    )
    print(header)
    for count in args.tweets or [100_000]:
        path = make_archive(count)
        runs: dict[str, list[dict]] = {"bare": [], "parse": [], "scan": []}
        for _ in range(args.repeat):  # interleaved, so a busy moment on the machine hits every mode alike
            for mode, results in runs.items():
                results.append(measure(mode, path))
        rows = {mode: min(results, key=lambda r: r["cpu_seconds"]) for mode, results in runs.items()}
        for mode, row in rows.items():
            print(
                f"{count:>9,} {mode:>6} {row['seconds']:>7} {row['cpu_seconds']:>6} {row['items_per_s']:>9,} "
                f"{row['mb_per_s']:>6} "
                f"{row['peak_rss_mb']:>12} {row['flagged']:>8,}"
            )
        ratio = rows["parse"]["cpu_seconds"] / rows["bare"]["cpu_seconds"]
        print(f"{'':>9} parse/bare CPU time ratio {ratio:.2f} (tweets.js {rows['bare']['tweets_js_mb']} MB)")


if __name__ == "__main__":
    main()
