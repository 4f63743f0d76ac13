"""Benchmark: parse generated LinkedIn, TikTok and Reddit exports of 100,000 items: items/s and peak RSS.

    python benchmarks/csv_and_tiktok.py                          # all three, 100k items each
    python benchmarks/csv_and_tiktok.py --platform reddit --items 200000

Each export is written the way the platform writes it: LinkedIn's ``Shares.csv`` (multi-line posts with
every line wrapped in extra quotes) and ``Comments.csv`` (backslash-escaped quotes); Reddit's
``posts.csv`` and ``comments.csv`` (multi-line Markdown bodies); TikTok's ``user_data_tiktok.json``
with the items spread over videos, comments, likes and follows, plus a watch history as long again that
is skipped. Each is parsed in a fresh process so that its peak RSS (``resource.getrusage``) is its own.
Parse only: no rules, no report.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from measuring import in_fresh_process, parse_figures  # noqa: E402

WORDS = (
    "Lovely walk along the canal this morning, the café by the lock does a cracking bacon roll. "
    "Mae'r tŷ yn dawel heddiw. Thinking of everyone doing the 10k on Sunday 🏃‍♀️ so proud of the team "
    'at the "Practice Educators" day, great session on supervision. New podcast episode is up, '
    "thoughts welcome"
).split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(5, 30)))


def stamp(n: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(1_262_304_000 + n * 1_500))


def write_linkedin(zipped: zipfile.ZipFile, items: int, rng: random.Random) -> None:
    half = items // 2
    with zipped.open("Shares.csv", "w", force_zip64=True) as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"])
        for n in range(half):
            lines = [sentence(rng) for _ in range(rng.randint(1, 4))]
            if len(lines) > 1:  # LinkedIn's own habit: every line of a multi-line post in its own quotes
                lines = [lines[0] + '"', *('"' + line + '"' for line in lines[1:-1]), '"' + lines[-1]]
            link = f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{7000000000000000000 + n}"
            writer.writerow([stamp(n), link, "\n".join(lines), "", "", "MEMBER_NETWORK"])
        out.flush()
        out.detach()
    with zipped.open("Comments.csv", "w", force_zip64=True) as raw:
        raw.write(b"Date,Link,Message\n")
        for n in range(items - half):
            text = sentence(rng).replace('"', '\\"')
            link = f"https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{7100000000000000000 + n}"
            raw.write(f'{stamp(n)},{link},"{text}"\n'.encode())


def write_reddit(zipped: zipfile.ZipFile, items: int, rng: random.Random) -> None:
    half = items // 2
    for name, count, header in (
        (
            "posts.csv",
            half,
            ["id", "permalink", "date", "ip", "subreddit", "gildings", "title", "url", "body"],
        ),
        (
            "comments.csv",
            items - half,
            ["id", "permalink", "date", "ip", "subreddit", "gildings", "link", "parent", "body", "media"],
        ),
    ):
        with zipped.open(name, "w", force_zip64=True) as raw:
            out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            for n in range(count):
                body = "\n\n".join(sentence(rng) for _ in range(rng.randint(1, 3)))
                link = f"https://www.reddit.com/r/socialwork/comments/p{n:x}/"
                date = stamp(n) + " UTC"
                if name == "posts.csv":
                    writer.writerow([f"p{n:x}", link, date, "", "socialwork", "0", sentence(rng), link, body])
                else:
                    parent = f"t1_c{n - 1:x}" if n % 3 else f"t3_p{n:x}"
                    writer.writerow(
                        [
                            f"c{n:x}",
                            link + f"comment/c{n:x}/",
                            date,
                            "",
                            "socialwork",
                            "0",
                            link,
                            parent,
                            body,
                            "",
                        ]
                    )
            out.flush()
            out.detach()


def write_tiktok(zipped: zipfile.ZipFile, items: int, rng: random.Random) -> None:
    """Write the JSON piece by piece: building it whole here would count against the parser's peak RSS."""
    quarter = items // 4

    def video(n: int) -> dict:
        link = f"https://v16.example/video/{n}?signed"
        return {
            "Date": stamp(n),
            "Link": link,
            "Likes": str(n % 90),
            "WhoCanView": "Everyone",
            "Sound": "original sound",
            "Location": "",
            "Title": sentence(rng),
            "AddYoursText": "N/A",
        }

    lists = {
        ("Activity", "Following List", "Following"): lambda n: {"Date": stamp(n), "UserName": f"user{n}"},
        ("Activity", "Like List", "ItemFavoriteList"): lambda n: {
            "date": stamp(n),
            "link": f"https://www.tiktokv.com/share/video/{7200000000000000000 + n}/",
        },
        ("Activity", "Video Browsing History", "VideoList"): lambda n: {
            "Date": stamp(n),
            "Link": f"https://www.tiktokv.com/share/video/{7300000000000000000 + n}/",
        },
        ("Comment", "Comments", "CommentsList"): lambda n: {
            "date": stamp(n),
            "comment": sentence(rng),
            "photo": "N/A",
            "url": "",
        },
        ("Video", "Videos", "VideoList"): video,
    }
    counts = {"Following": items - 3 * quarter, "VideoList": quarter}
    with zipped.open("user_data_tiktok.json", "w", force_zip64=True) as raw:
        raw.write(b"{")
        section = None
        for number, ((top, sub, key), make) in enumerate(lists.items()):
            if top != section:
                raw.write(("}}," if section else "").encode() + json.dumps(top).encode() + b": {")
                section = top
            elif number:
                raw.write(b"},")
            count = items if sub == "Video Browsing History" else counts.get(key, quarter)
            raw.write(json.dumps(sub).encode() + b": {" + json.dumps(key).encode() + b": [\n")
            for n in range(count):
                raw.write(
                    ("," if n else "").encode() + json.dumps(make(n), ensure_ascii=False).encode() + b"\n"
                )
            raw.write(b"]")
        profile = {
            "Profile Information": {"ProfileMap": {"userName": "jo_example_sw", "bioDescription": "Hi"}}
        }
        raw.write(b'}}, "Profile": ' + json.dumps(profile).encode() + b"}")


WRITERS = {"linkedin": write_linkedin, "reddit": write_reddit, "tiktok": write_tiktok}


def measure(platform: str, items: int, folder: Path) -> dict:
    target = folder / f"{platform}-{items}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zipped:
        WRITERS[platform](zipped, items, random.Random(20240229))
        size = sum(info.file_size for info in zipped.infolist())
    return {"platform": platform, "bytes": size, **in_fresh_process(__file__, "--child", str(target))}


def main() -> None:
    """Run the benchmark and print one line per platform."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--platform", choices=sorted(WRITERS), action="append", help="default: all three")
    parser.add_argument("--items", type=int, default=100_000, help="items per export (default 100,000)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(parse_figures(args.child)))
        return
    with tempfile.TemporaryDirectory() as folder:
        for platform in args.platform or sorted(WRITERS):
            run = measure(platform, args.items, Path(folder))
            mib = run["bytes"] / 2**20
            print(
                f"{platform:<9} {run['items']:>9,} items  {mib:7.1f} MiB  in {run['seconds']:6.2f} s"
                f" = {run['items_per_s']:8,} items/s"
                f"  peak RSS {run['peak_rss_mb']:6.1f} MiB"
                f" ({run['rss_before_mb']:.1f} after imports)"
                + (f"  PROBLEMS: {run['problems']}" if run["problems"] else ""),
                flush=True,
            )


if __name__ == "__main__":
    main()
