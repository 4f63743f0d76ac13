"""Benchmark: parse a generated Facebook posts file of 200,000 posts; report items/s and peak memory.

    python benchmarks/facebook_posts.py                      # 200k posts, compared with 50k
    python benchmarks/facebook_posts.py --posts 100000 --compare 10000

The posts are written the way Facebook writes them (2024 layout, one
``your_posts__check_ins__photos_and_videos_1.json``, every non-ASCII character as its UTF-8 bytes in
``\\u00XX`` escapes), with a realistic mix: status updates, photos with EXIF GPS, shared links, re-shared
posts and check-ins. Each size is parsed in a fresh process, so its peak RSS (``resource.getrusage``) is
its own: streaming means the larger file should need no more memory than the smaller one.
Parse only: no rules, no report.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from measuring import in_fresh_process, parse_figures  # noqa: E402

POSTS_FILE = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
START = 1_262_304_000  # 2010-01-01

WORDS = (
    "Lovely walk along the canal this morning with the dog, the café by the lock does a cracking "
    "bacon roll. Mae'r tŷ yn dawel heddiw. Zażółć gęślą jaźń! Thinking of everyone doing the 10k on "
    "Sunday 🏃‍♀️ Birthday cake number three this week 🎂 who is counting. Rain again ☔ typical bank "
    "holiday. New episode of the podcast is up, thoughts welcome. 没有啊 😂 so proud of my sister 🎓"
).split()


def meta_json(value: object) -> str:
    """Serialise like Facebook: ASCII only, each UTF-8 byte of a non-ASCII character as \\u00XX."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(c if c.isascii() else "".join(f"\\u{b:04x}" for b in c.encode()) for c in text)


def fake_post(rng: random.Random, n: int) -> dict:
    """One post record of a realistic kind."""
    timestamp = START + n * 1_500 + rng.randrange(1_000)
    text = " ".join(rng.choices(WORDS, k=rng.randint(4, 40)))
    post: dict = {"timestamp": timestamp, "data": [{"post": text}], "title": "Jo Example updated her status."}
    roll = rng.random()
    if roll < 0.30:
        post["attachments"] = [{"data": [{"media": photo(rng, n, timestamp, text)}]}]
        post["title"] = "Jo Example added a new photo."
    elif roll < 0.40:
        link = {
            "url": f"https://www.example.org/news/{n}",
            "name": "Council sets out plans",
            "source": "example.org",
        }
        post["attachments"] = [{"data": [{"external_context": link}]}]
        post["title"] = "Jo Example shared a link."
    elif roll < 0.45:
        post["attachments"] = [{"data": [{"external_context": {"url": ""}}]}]
        post["title"] = "Jo Example shared a post."
    elif roll < 0.50:
        place = {
            "name": "Tŷ Coffi",
            "coordinate": {"latitude": 53.28, "longitude": -3.83},
            "address": "Stryd Fawr",
        }
        post["attachments"] = [{"data": [{"place": place}]}]
        post["data"] = []
        post["title"] = "Jo Example was at Tŷ Coffi."
    if rng.random() < 0.1:
        post.setdefault("data", []).append({"update_timestamp": timestamp + 600})
    return post


def photo(rng: random.Random, n: int, timestamp: int, caption: str) -> dict:
    exif: dict = {"upload_ip": "203.0.113.24", "taken_timestamp": timestamp - 300}
    if rng.random() < 0.5:
        exif |= {"latitude": round(53 + rng.random(), 6), "longitude": round(-2 - rng.random(), 6)}
    return {
        "uri": f"your_facebook_activity/posts/media/Mobileuploads_Ab12/{n}_n.jpg",
        "creation_timestamp": timestamp - 10,
        "media_metadata": {"photo_metadata": {"exif_data": [exif]}},
        "title": "Mobile uploads",
        "description": caption,
    }


def write_export(target: Path, posts: int, seed: int = 20240229) -> int:
    """Write a zip holding one posts file of ``posts`` records, streaming; return its uncompressed size."""
    rng = random.Random(seed)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(POSTS_FILE, "w", force_zip64=True) as member:
            member.write(b"[\n")
            for n in range(posts):
                member.write((("," if n else "") + meta_json(fake_post(rng, n)) + "\n").encode("ascii"))
            member.write(b"]\n")
        return archive.getinfo(POSTS_FILE).file_size


def measure(posts: int, folder: Path) -> dict:
    """Generate an export of ``posts`` posts and parse it in a fresh Python process."""
    target = folder / f"facebook-{posts}.zip"
    size = write_export(target, posts)
    result = in_fresh_process(__file__, "--child", str(target))
    return {"posts": posts, "json_bytes": size, "zip_bytes": target.stat().st_size, **result}


def main() -> None:
    """Run the benchmark and print one line per size."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=200_000, help="posts in the main run (default 200,000)")
    parser.add_argument(
        "--compare", type=int, default=50_000, help="posts in the smaller run (default 50,000)"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        from parsers import facebook

        print(json.dumps(parse_figures(args.child, facebook)))
        return
    with tempfile.TemporaryDirectory() as folder:
        runs = [measure(n, Path(folder)) for n in (args.compare, args.posts)]
    for run in runs:
        mib = run["json_bytes"] / 2**20
        print(
            f"{run['posts']:>9,} posts  {mib:7.1f} MiB JSON ({run['zip_bytes'] / 2**20:5.1f} MiB zipped)"
            f"  {run['items']:>9,} items in {run['seconds']:6.2f} s"
            f" = {run['items_per_s']:8,} items/s, {mib / run['seconds']:5.1f} MiB/s"
            f"  peak RSS {run['peak_rss_mb']:6.1f} MiB"
            f" ({run['rss_before_mb']:.1f} after imports)"
            + (f"  PROBLEMS: {run['problems']}" if run["problems"] else "")
        )
    small, large = runs
    growth = large["peak_rss_mb"] - small["peak_rss_mb"]
    print(f"peak RSS grew {growth:+.1f} MiB for {large['posts'] / small['posts']:.0f}x the posts")


if __name__ == "__main__":
    main()
