"""Benchmark: parse a generated Mastodon account archive (``archive-….tar.gz``) of many activities.

Reports items per CPU second and peak RSS for parsing alone (``parsers.mastodon.iter_items``: the tar
listed, ``outbox.json`` streamed out of the gzip, HTML turned into text; no rules, no report), each size
measured in a fresh process, so that peak RSS is that size's own. Nine items in ten are statuses (HTML
paragraphs, mentions, links shortened by invisible spans, some content warnings, alt text, replies and
boosts), one in ten favourites.

    python benchmarks/mastodon_archive.py                  # 20k and 100k items
    python benchmarks/mastodon_archive.py 10000 500000     # other sizes

Generated archives are kept in benchmarks/out/ (git-ignored) and reused.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "tests"))
from mastodon_writer import SAMPLE_ACTOR, announce, members, note, write_tar_gz  # noqa: E402
from measuring import parse_figures, sizes_main  # noqa: E402

WORDS = (
    "walk hills café tea placement team supervision weekend garden bake-off crème brûlée Northwick "
    "sunset 🌅 🥾 ☕ 🎉 lovely friends training new notebook music gig rain 🌧️ coffee books &amp; &lt;3"
).split()
MENTION = (
    '<span class="h-card"><a href="https://social.example/@sam_example" class="u-url mention">'
    "@<span>sam_example</span></a></span> "
)
LINK = (
    '<a href="https://example.org/news/a-rather-long-address-2024" rel="nofollow noopener" target="_blank">'
    '<span class="invisible">https://</span><span class="ellipsis">example.org/news/a-rather-</span>'
    '<span class="invisible">long-address-2024</span></a>'
)


def activity(rng: random.Random, index: int) -> dict:
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1668000000 + index * 300))
    status = 110000000000000000 + index
    if rng.random() < 0.1:
        return announce(status, when, f"https://social.example/users/u{rng.randrange(500)}/statuses/{index}")
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 40)))
    reply = rng.random() < 0.3
    html = f"<p>{MENTION if reply else ''}{words}</p>"
    if rng.random() < 0.2:
        html += f"<p>{LINK}</p>"
    return note(
        status,
        when,
        html,
        warning="work" if rng.random() < 0.05 else None,
        reply_to="https://social.example/users/sam_example/statuses/1" if reply else None,
        media=["a photo of " + rng.choice(WORDS)] if rng.random() < 0.15 else (),
    )


def generate(count: int) -> Path:
    """Write (once) an archive of ``count`` items: 90% outbox activities, 10% favourites."""
    target = OUT / f"mastodon-{count}.tar.gz"
    if target.exists():
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count)
    statuses = count * 9 // 10
    activities = [activity(rng, index) for index in range(statuses)]
    likes = [f"https://social.example/users/u{n % 500}/statuses/{n}" for n in range(count - statuses)]
    partial = target.with_suffix(".partial")
    write_tar_gz(partial, members(activities, SAMPLE_ACTOR, likes, []))
    partial.rename(target)
    return target


def measure(path: Path) -> dict:
    """Parse every item of the archive at ``path`` (run in a fresh process); return the figures."""
    from parsers import mastodon

    return parse_figures(path, mastodon, sizes=("outbox.json",))


def line(count: int, path: Path, figures: dict) -> str:
    """One size's figures, as printed."""
    return (
        f"{count:>8,} items  outbox {figures['member_mb']['outbox.json']:>6} MB  "
        f"tar.gz {path.stat().st_size / 1e6:>5.1f} MB  "
        f"{figures['items']:>8,} read  {figures['seconds']:>6} s ({figures['cpu_seconds']} CPU s)  "
        f"{figures['items_per_cpu_s']:>7,} items/CPU s  peak RSS {figures['peak_rss_mb']:>6} MB  "
        f"problems: {len(figures['problems'])}"
    )


if __name__ == "__main__":
    sizes_main(__file__, generate, measure, line, [20_000, 100_000])
