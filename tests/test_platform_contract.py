"""The platform contract, run over every registered platform.

A new platform is covered by adding its sample export to SAMPLE_OF: its sample must be read cleanly, no
other platform may claim it, and one damaged or empty file in it must cost only that file.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, zip_folder
from typer.testing import CliRunner

from audit.cli import app
from parsers import KINDS, PLATFORMS, Platform, ReadLog, open_archive
from parsers.models import Item

# The sample exports of each registered platform, the first one damaged below (Threads comes inside
# Meta's Instagram download).
SAMPLES_OF = {
    "twitter": ("twitter", "twitter-2014"),
    "facebook": ("facebook",),
    "instagram": ("instagram",),
    "threads": ("instagram",),
    "linkedin": ("linkedin",),
    "tiktok": ("tiktok",),
    "reddit": ("reddit",),
    "bluesky": ("bluesky",),
    "mastodon": ("mastodon",),
}
DAMAGES = ("bad local header", "bad CRC", "truncated deflate", "empty file", "0-byte file")


def ids(platform: Platform) -> str:
    return platform.name


def read(platform: Platform, path: Path) -> tuple[list[Item], ReadLog]:
    with open_archive(path) as archive:
        detection = platform.detect(archive)
        assert detection is not None, f"{platform.name} does not recognise {path.name}"
        log = ReadLog(archive.label)
        return list(platform.iter_items(archive, detection, log)), log


def test_every_registered_platform_has_a_sample() -> None:
    assert sorted(SAMPLES_OF) == sorted(p.name for p in PLATFORMS)
    assert len({p.name for p in PLATFORMS}) == len(PLATFORMS) and all(p.label for p in PLATFORMS)
    for platform in PLATFORMS:  # the workbook's How to delete sheet has the platform's own steps
        assert platform.deletion_steps and all(task and steps for task, steps in platform.deletion_steps)


@pytest.mark.parametrize(
    ("platform", "sample"), [(p, s) for p in PLATFORMS for s in SAMPLES_OF[p.name]], ids=str
)
def test_the_sample_is_read_cleanly(platform: Platform, sample: str) -> None:
    items, log = read(platform, SAMPLES / sample)
    assert items and {i.platform for i in items} == {platform.name}
    assert {i.kind for i in items} <= set(KINDS)
    assert not [p for f in log.files for p in f.problems]
    assert sum(f.items for f in log.files) == len(items)


@pytest.mark.parametrize("platform", PLATFORMS, ids=ids)
def test_no_other_sample_is_taken_for_this_platform(platform: Platform) -> None:
    own = SAMPLES_OF[platform.name]
    others = [p for p in sorted(SAMPLES.iterdir()) if p.is_dir() and p.name not in own]
    assert len(others) >= len(SAMPLES_OF) - 2
    for sample in others:
        with open_archive(sample) as archive:
            assert platform.detect(archive) is None, sample.name
            assert platform.refusal(archive) is None, sample.name


def damage(path: Path, member: str, how: str) -> None:
    """Damage ``member`` of the zip at ``path`` in place, as a bad download or disk would."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zipped:
        info = zipped.getinfo(member)
        content = zipped.read(member)
    local = info.header_offset
    start = local + 30 + len(info.filename.encode()) + len(info.extra)
    if how == "bad local header":
        data[local : local + 4] = b"XXXX"
    elif how == "bad CRC":
        name = info.filename.encode()
        central = data.find(b"PK\x01\x02")  # the central directory entry that zipfile checks against
        while data[central + 46 : central + 46 + len(name)] != name or data[central + 28] != len(name) & 255:
            central = data.find(b"PK\x01\x02", central + 4)
        data[central + 16 : central + 20] = struct.pack("<I", info.CRC ^ 0xFFFF)
    elif how == "truncated deflate":
        data[start + info.compress_size // 2 : start + info.compress_size] = bytes(
            info.compress_size - info.compress_size // 2
        )
    else:
        replace_member(path, member, b"  \n" if how == "empty file" else b"")
        return
    assert content
    path.write_bytes(bytes(data))


def replace_member(path: Path, member: str, content: bytes) -> None:
    with zipfile.ZipFile(path) as zipped:
        members = [(i, zipped.read(i)) for i in zipped.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for info, data in members:
            zipped.writestr(info.filename, content if info.filename == member else data)


@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("platform", PLATFORMS, ids=ids)
def test_one_damaged_file_is_one_problem_and_every_other_file_is_read(
    platform: Platform, how: str, tmp_path: Path
) -> None:
    sample = SAMPLES / SAMPLES_OF[platform.name][0]
    _, clean_log = read(platform, sample)
    counts = {f.file: f.items for f in clean_log.files}
    member = max(counts, key=lambda name: counts[name])  # the file that gives the most items
    archive = zip_folder(sample, tmp_path / "export.zip")
    damage(archive, member, how)

    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["scan", str(archive), "--all", "-o", str(report)])
    if len(counts) == 1 and result.exit_code == 2:  # one-file exports (TikTok, Bluesky): nothing read
        assert member in result.output and ("damaged" in result.output or "empty" in result.output)
        assert result.output.strip().splitlines() == [result.output.strip()]  # one line
        return
    assert result.exit_code == 0, result.output
    sources = json.loads(report.read_text(encoding="utf-8"))["sources"]
    (damaged,) = [s for s in sources if s["file"] == member]
    assert len(damaged["problems"]) == 1 and damaged["problems"][0].startswith(member + ":")
    assert damaged["items"] < counts[member]
    others = {s["file"]: s["items"] for s in sources if s["file"] in counts and s["file"] != member}
    assert others.keys() == counts.keys() - {member}
    # At least as many: album photos already posted are kept from the album when their post is lost.
    assert all(others[name] >= counts[name] for name in others)
    assert not [p for s in sources if s["file"] != member for p in s["problems"]]
