"""Benchmark: parse a generated Bluesky ``repo.car`` of many records, as "Export my data" saves it.

Reports items per CPU second and peak RSS for parsing alone (``parsers.bluesky.iter_items``: both passes
over the CAR, no rules, no report), each size measured in a fresh process, so that peak RSS is that
size's own. The mix follows a real repository: posts (a third of them replies, some with images and
alt text, some with link facets), likes, reposts, and follows (walked but not read).

    python benchmarks/bluesky_repo.py                  # 20k and 100k records
    python benchmarks/bluesky_repo.py 10000 500000     # other sizes

Generated files are kept in benchmarks/out/ (git-ignored) and reused.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "tests"))
from car_writer import car_bytes, repository_blocks  # noqa: E402
from measuring import parse_figures, sizes_main  # noqa: E402

DID = "did:plc:benchmarkjoexample0000000"
WORDS = (
    "walk hills café tea placement team supervision weekend garden bake-off crème brûlée Northwick "
    "sunset 🌅 🥾 ☕ 🎉 lovely friends training new notebook music gig rain 🌧️ coffee books"
).split()
_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def rkey(index: int) -> str:
    """A TID-like record key (13 base-32 characters), increasing with ``index``."""
    value, chars = 0x3000000000000 + index * 7919, []
    for _ in range(13):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def record(rng: random.Random, index: int) -> tuple[str, dict]:
    when = time.strftime("%Y-%m-%dT%H:%M:%S.123Z", time.gmtime(1672531200 + index * 300))
    other = f"at://did:plc:other{rng.randrange(500):021d}/app.bsky.feed.post/{rkey(rng.randrange(10**6))}"
    roll = rng.random()
    if roll < 0.45:
        return f"app.bsky.feed.like/{rkey(index)}", {
            "$type": "app.bsky.feed.like",
            "subject": {"uri": other, "cid": "bafyreib"},
            "createdAt": when,
        }
    if roll < 0.55:
        return f"app.bsky.feed.repost/{rkey(index)}", {
            "$type": "app.bsky.feed.repost",
            "subject": {"uri": other, "cid": "bafyreib"},
            "createdAt": when,
        }
    if roll < 0.60:
        return f"app.bsky.graph.follow/{rkey(index)}", {
            "$type": "app.bsky.graph.follow",
            "subject": other[5:].split("/")[0],
            "createdAt": when,
        }
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 40)))
    post: dict = {"$type": "app.bsky.feed.post", "text": text, "createdAt": when, "langs": ["en"]}
    if rng.random() < 0.35:
        post["reply"] = {"root": {"uri": other, "cid": "b"}, "parent": {"uri": other, "cid": "b"}}
    if rng.random() < 0.15:
        post["embed"] = {
            "$type": "app.bsky.embed.images",
            "images": [{"alt": "a photo of " + rng.choice(WORDS), "image": {"$type": "blob"}}],
        }
    if rng.random() < 0.1:
        post["text"] += " example.org/a/long/li..."
        end = len(post["text"].encode())
        post["facets"] = [
            {
                "index": {"byteStart": end - 24, "byteEnd": end},
                "features": [
                    {"$type": "app.bsky.richtext.facet#link", "uri": "https://example.org/a/long/link"}
                ],
            }
        ]
    return f"app.bsky.feed.post/{rkey(index)}", post


def generate(count: int) -> Path:
    """Write (once) a repository of ``count`` records, blocks shuffled as real exports have them."""
    target = OUT / f"bluesky-{count}.car"
    if target.exists():
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count)
    root, blocks = repository_blocks(DID, (record(rng, index) for index in range(count)))
    rng.shuffle(blocks)
    target.with_suffix(".partial").write_bytes(car_bytes(root, blocks))
    target.with_suffix(".partial").rename(target)
    return target


def measure(path: Path) -> dict:
    """Parse every item of the repository at ``path`` (run in a fresh process); return the figures."""
    from parsers import bluesky

    return parse_figures(path, bluesky)


def line(count: int, path: Path, figures: dict) -> str:
    """One size's figures, as printed."""
    return (
        f"{count:>8,} records  car {path.stat().st_size / 1e6:>6.1f} MB  {figures['items']:>8,} items  "
        f"{figures['seconds']:>6} s ({figures['cpu_seconds']} CPU s)  "
        f"{figures['items_per_cpu_s']:>7,} items/CPU s  "
        f"peak RSS {figures['peak_rss_mb']:>6} MB  problems: {len(figures['problems'])}"
    )


if __name__ == "__main__":
    sizes_main(__file__, generate, measure, line, [20_000, 100_000])
