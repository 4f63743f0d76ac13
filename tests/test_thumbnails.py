"""Media files' archive paths, the Photos to check sheet that shows them, and ``scan --thumbnails``."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLES
from PIL import Image
from typer.testing import CliRunner

from audit import thumbnails
from audit.cli import app
from audit.pipeline import ScanOptions, run
from audit.report.xlsx import write_xlsx
from audit.thumbnails import Thumbnailer
from parsers import open_archive

FACEBOOK_PHOTO = "your_facebook_activity/posts/media/Timelinephotos_Jx7Kp2Qm/311122334455668_1029384757_n.jpg"


def media_paths(folder: Path) -> dict[str, tuple[str, ...]]:
    """Item id -> media paths, for every item of a sample export that names media files."""
    items = run([folder], ScanOptions(all_items=True)).items
    return {row.item_id: row.media_paths for row in items.itertuples() if row.media_paths}


def sheet_rows(path: Path) -> tuple[list[dict], list]:
    sheet = openpyxl.load_workbook(path)["Photos to check"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]], sheet._images


# Paths ------------------------------------------------------------------------------------------------


def test_x_items_name_the_files_the_archive_holds_in_tweets_media(zipped) -> None:
    paths = media_paths(zipped(SAMPLES / "twitter", wrapper="twitter-2024-05-01-abc"))
    # the wrapper folder is not part of the name; only files the archive really has are named
    assert paths == {"1367146807817533035": ("data/tweets_media/1367146807817533035-F18259423.jpg",)}


def test_meta_and_mastodon_items_name_their_uris_relative_to_the_export_root() -> None:
    facebook = media_paths(SAMPLES / "facebook")
    assert (FACEBOOK_PHOTO,) in facebook.values()
    instagram = media_paths(SAMPLES / "instagram")
    carousel = [p for p in instagram.values() if len(p) > 1]
    assert carousel and all(p.startswith("media/posts/") for p in carousel[0])
    assert not any(p.endswith((".srt", ".vtt")) for paths in instagram.values() for p in paths)
    mastodon = media_paths(SAMPLES / "mastodon")
    assert ("media_attachments/files/000/000/009/original/0.png",) in mastodon.values()


def test_the_json_contract_does_not_grow(tmp_path: Path) -> None:
    from audit.report.records import ITEM_FIELDS

    assert "media_paths" not in ITEM_FIELDS


# The sheet ------------------------------------------------------------------------------------------


def test_photos_sheet_names_each_file_without_thumbnails(tmp_path: Path) -> None:
    write_xlsx(run([SAMPLES / "facebook"], ScanOptions()), tmp_path / "r.xlsx")
    rows, images = sheet_rows(tmp_path / "r.xlsx")
    assert [row["Photo or video file"] for row in rows] == [FACEBOOK_PHOTO]
    assert "Preview" not in rows[0] and images == []


def test_thumbnails_are_drawn_beside_the_photo_read_from_the_zip(zipped, tmp_path: Path) -> None:
    exports = [zipped(SAMPLES / "facebook"), zipped(SAMPLES / "instagram")]
    result = run(exports, ScanOptions(thumbnails=True))
    write_xlsx(result, tmp_path / "r.xlsx")
    rows, images = sheet_rows(tmp_path / "r.xlsx")
    facebook = next(i for i, row in enumerate(rows) if row["Platform"] == "Facebook")
    assert len(images) == 1
    anchor = images[0].anchor._from
    assert (anchor.row, anchor.col) == (facebook + 1, 1)  # 0-based: its own row, the Preview column
    preview = Image.open(io.BytesIO(images[0]._data()))
    assert preview.format == "JPEG" and max(preview.size) <= thumbnails.THUMBNAIL_PIXELS
    assert rows[facebook]["Preview"] is None  # the picture, not words
    height = (
        openpyxl.load_workbook(tmp_path / "r.xlsx")["Photos to check"].row_dimensions[facebook + 2].height
    )
    assert height >= preview.size[1] * 0.75  # the row is tall enough to show it (points, 96 dpi)
    # the Instagram photos are named but not in the sample: each says so, and the Read log counts them
    instagram = [row for row in rows if row["Platform"] == "Instagram"]
    assert instagram and all(row["Preview"] == thumbnails.MISSING for row in instagram)
    note = next(s for s in result.sources if s.file == "Photos to check")
    assert note.items == 1 and note.problems == [
        f"photos with no thumbnail: {len(instagram)} not in the archive"
    ]


# Bad images -----------------------------------------------------------------------------------------


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_bad_files_are_skipped_with_a_reason_never_a_crash(tmp_path: Path) -> None:
    stub = (SAMPLES / "twitter/data/tweets_media/1367146807817533035-F18259423.jpg").read_bytes()
    members = {
        "media/good.png": png(Image.new("RGBA", (400, 200), (200, 30, 30, 128))),
        "media/cut.jpg": stub,  # a JPEG header and nothing after it
        "media/notes.jpg": b"these are not the pixels you are looking for",
        "media/clip.mp4": b"\x00\x00\x00\x18ftypmp42",
        "media/bomb.png": png(Image.new("1", (12_000, 12_000))),  # tiny file, 144 million pixels decoded
    }
    with zipfile.ZipFile(tmp_path / "export.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    maker = Thumbnailer(limit=2)
    with open_archive(tmp_path / "export.zip") as archive:
        got = {name: maker.thumbnail(archive, (name,)) for name in [*members, "media/gone.jpg"]}
        second = maker.thumbnail(archive, ("media/good.png",))
        third = maker.thumbnail(archive, ("media/good.png",))
    picture, reason = got.pop("media/good.png")
    assert reason is None and Image.open(io.BytesIO(picture)).size == (120, 60)  # shrunk, alpha flattened
    assert {name: reason for name, (_, reason) in got.items()} == {
        "media/cut.jpg": thumbnails.NOT_IMAGE,
        "media/notes.jpg": thumbnails.NOT_IMAGE,
        "media/clip.mp4": thumbnails.VIDEO,
        "media/bomb.png": thumbnails.TOO_LARGE,
        "media/gone.jpg": thumbnails.MISSING,
    }
    assert all(data is None for data, _ in got.values())
    assert second[0] is not None and third == (None, thumbnails.LIMIT)  # at most ``limit`` are kept
    assert maker.made == 2 and sum(maker.skipped.values()) == 6


def test_thumbnails_without_pillow_say_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)  # import PIL now fails, as when it is not installed
    monkeypatch.setitem(sys.modules, "PIL.Image", None)
    result = CliRunner().invoke(
        app, ["scan", str(SAMPLES / "facebook"), "-o", str(tmp_path / "r.xlsx"), "--thumbnails", "-q"]
    )
    assert result.exit_code != 0
    assert "pip install 'social-audit[thumbnails]'" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()
