"""Benchmark: parse a generated Instagram ``posts_1.json`` of many posts, zipped as Instagram ships it.

Reports items per second and peak RSS for parsing alone (``parsers.meta.instagram.iter_items``, no rules,
no report), each size measured in a fresh process, so that peak RSS is that size's own. Comparing the
sizes shows whether memory grows with the file (it should not: the posts are streamed).

    python benchmarks/instagram_posts.py                  # 50k and 200k posts
    python benchmarks/instagram_posts.py 10000 100000     # other sizes

Generated zips are kept in benchmarks/out/ (git-ignored) and reused.
"""

from __future__ import annotations

import json
import random
import sys
import time
import zipfile
from pathlib import Path

from measuring import in_fresh_process, parse_figures

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
MEMBER = "your_instagram_activity/media/posts_1.json"
WORDS = (
    "walk hills café tea placement team supervision weekend garden bake-off crème brûlée Northwick "
    "sunset 🌅 🥾 ☕ 🎉 lovely friends training new notebook music gig rain 🌧️ coffee books"
).split()


def caption(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30)))


def medium(rng: random.Random, stamp: int, title: str) -> dict:
    exif: dict = {"device_id": "android-5f0c9e1a2b3c4d5e", "source_type": "4"}
    if rng.random() < 0.2:
        exif.update(latitude=round(rng.uniform(50, 58), 6), longitude=round(rng.uniform(-5, 1), 6))
    name = f"{rng.getrandbits(48)}_n_{rng.getrandbits(56)}.jpg"
    return {
        "uri": f"media/posts/{time.strftime('%Y%m', time.gmtime(stamp))}/{name}",
        "creation_timestamp": stamp,
        "media_metadata": {"photo_metadata": {"exif_data": [exif]}},
        "title": title,
        "cross_post_source": {"source_app": "FB"},
        "backup_uri": f"https://scontent.example-cdn.net/v/t51/{name}?oe=6600AAAA",
    }


def post(rng: random.Random, index: int) -> dict:
    """A single-photo post (70%) or a carousel of 2-6 photos, with Meta's mojibake."""
    stamp = 1420070400 + index * 600
    text = caption(rng).encode("utf-8").decode("latin-1")
    if rng.random() < 0.7:
        return {"media": [medium(rng, stamp, text)]}
    media = [medium(rng, stamp - 2, "") for _ in range(rng.randint(2, 6))]
    return {"media": media, "title": text, "creation_timestamp": stamp}


def generate(count: int) -> Path:
    """Write (once) a zip holding a posts_1.json of ``count`` posts, pretty-printed as Meta does."""
    target = OUT / f"instagram-{count}.zip"
    if target.exists():
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count)
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(MEMBER, "w", force_zip64=True) as raw:
            raw.write(b"[\n")
            for index in range(count):
                text = json.dumps(post(rng, index), indent=2, ensure_ascii=True)
                raw.write(("  " + text.replace("\n", "\n  ")).encode("ascii"))
                raw.write(b",\n" if index < count - 1 else b"\n")
            raw.write(b"]\n")
    partial.rename(target)
    return target


def measure(path: Path) -> dict:
    """Parse every item of the export at ``path`` (run in a fresh process); return the figures."""
    from parsers import instagram

    return parse_figures(path, instagram, sizes=(MEMBER,))


def main(counts: list[int]) -> None:
    for count in counts:
        path = generate(count)
        figures = in_fresh_process(__file__, "--measure", str(path))
        zip_mb = round(path.stat().st_size / 1e6, 1)
        print(
            f"{count:>8,} posts  json {figures['member_mb'][MEMBER]:>6} MB  zip {zip_mb:>5} MB  "
            f"{figures['seconds']:>6} s  {figures['items_per_s']:>7,} items/s  "
            f"peak RSS {figures['peak_rss_mb']:>6} MB  problems: {len(figures['problems'])}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(Path(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [50_000, 200_000])
