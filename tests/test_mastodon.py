"""Mastodon: account archives as tar.gz, zip or folder, from a real zip-era archive and the sample."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES, problems, zip_folder
from mastodon_writer import ACTOR, SAMPLE_ACTIVITIES, note, sample_members, write_tar_gz
from typer.testing import CliRunner

from audit.cli import app
from parsers import ArchiveError, ReadLog, mastodon, open_archive, open_exports
from parsers.html_text import html_to_text
from parsers.models import Item

LEASK = FIXTURES / "mastodon" / "leask"


def read(path: Path, include_messages: bool = False) -> tuple[list[Item], ReadLog]:
    with open_archive(path) as archive:
        detection = mastodon.detect(archive)
        assert detection is not None
        log = ReadLog(archive.label)
        return list(mastodon.iter_items(archive, detection, log, include_messages=include_messages)), log


def test_a_real_archive_is_read_item_for_item() -> None:
    # outbox.json: 17 Create + 1 Announce (totalItems says 1454: the account's count, not the file's);
    # likes.json 3 URIs, bookmarks.json 1; actor.json a name, a bio and four fields.
    items, log = read(LEASK)
    assert not problems(log)
    assert {f.file: f.items for f in log.files} == {
        "outbox.json": 18,
        "actor.json": 6,
        "likes.json": 3,
        "bookmarks.json": 1,
    }
    outbox = [item for item in items if item.source.startswith("outbox.json#")]
    assert Counter(item.kind for item in outbox) == {"post": 9, "reply": 8, "share": 1}
    assert all(item.audience == "public" and item.created_at.endswith("Z") for item in outbox)
    (boost,) = [item for item in outbox if item.kind == "share"]
    assert boost.author == "@momok@mastodon.social" and boost.text == ""
    assert boost.url == "https://mastodon.social/users/momok/statuses/109578863124755185"
    first = outbox[0]
    assert (first.text, first.url) == ("Hello, World!", "https://mastodon.world/@Leask/109577455028088577")
    assert first.created_at == "2022-12-26T01:47:52Z"
    # A mention keeps its @name; a link shortened with invisible spans becomes its whole address.
    assert any(item.text.startswith("@josh_rm ") for item in outbox)
    assert any(
        item.text.startswith("https://www.bbc.com/news/science-environment-64051171 ") for item in outbox
    )
    assert sum(item.media for item in outbox) == 7
    profile = {item.text for item in items if item.kind == "profile"}
    assert "Blog: https://leaskh.com" in profile and "break the wall or bring the war" in profile
    likes = [item for item in items if item.kind == "like"]
    assert [item.author for item in likes] == [
        "@imogenarmada@sigmoid.social",
        None,  # a /objects/<uuid> URI does not name its author
        "@ajax_lee@techhub.social",
        "@Leask@mastodon.world",
    ]
    assert all(item.created_at is None for item in likes)


def test_the_sample_is_mapped_field_by_field() -> None:
    items, log = read(SAMPLES / "mastodon")
    assert not problems(log)
    by_source = {item.source: item for item in items}
    warned = by_source["outbox.json#1"]
    assert warned.text.startswith("work rant\n\nOur team manager")  # the content warning comes first
    assert by_source["outbox.json#2"].kind == "reply"
    assert by_source["outbox.json#3"].kind == "post"  # a reply to one's own post continues a thread
    night = by_source["outbox.json#4"]
    assert (
        night.audience == "followers"
        and night.media == 1
        and night.text.endswith("\nMe and the girls at the bar")
    )
    assert by_source["outbox.json#5"].audience == "unlisted"
    assert by_source["outbox.json#5"].text.startswith("Cocktail-making class for Mum's birthday")
    assert by_source["outbox.json#7"].text == "Best biscuit for supervision?\nHobnob\nCustard cream\nBourbon"
    assert by_source["outbox.json#8"].kind == "media" and by_source["outbox.json#8"].text == ""
    assert "outbox.json#9" not in by_source  # a direct message, not asked for
    assert by_source["outbox.json#10"].text == (
        "Good read on the new guidance: https://example.org/social-work/new-guidance-2023"
    )
    assert by_source["actor.json#field-2"].text == "Website: https://jo.example.com"
    assert (
        by_source["actor.json#summary"].text
        == "Social worker in Northwick. Tea, fells, terrible puns.\nViews my own."
    )
    assert by_source["bookmarks.json#0"].audience == "private (bookmark)"


def test_direct_messages_are_read_only_when_asked() -> None:
    items, _ = read(SAMPLES / "mastodon", include_messages=True)
    (message,) = [item for item in items if item.kind == "message"]
    assert message.audience == "direct" and message.text.startswith("@sam_example can you text me")
    assert len(items) == len(read(SAMPLES / "mastodon")[0]) + 1


@pytest.mark.parametrize("form", ["tar.gz", "zip", "folder"])
def test_every_container_gives_the_same_items(form: str, tmp_path: Path) -> None:
    files = {**sample_members(), "media_attachments/files/000/000/005/original/0.png": b"\x89PNG fake"}
    if form == "tar.gz":
        path = write_tar_gz(
            tmp_path / "archive-20230701120000-0123456789abcdef0123456789abcdef.tar.gz", files
        )
    elif form == "zip":
        path = tmp_path / "archive-20250701120000-0123456789abcdef0123456789abcdef.zip"
        with zipfile.ZipFile(path, "w") as zipped:
            for member, data in files.items():
                zipped.writestr(member, data)
    else:
        path = tmp_path / "archive"
        for member, data in files.items():
            (path / member).parent.mkdir(parents=True, exist_ok=True)
            (path / member).write_bytes(data)
    items, log = read(path)
    assert not problems(log) and items == read(SAMPLES / "mastodon")[0]
    with open_archive(path) as archive:
        assert mastodon.detect(archive).generation == form  # type: ignore[union-attr]


def test_a_tar_gz_in_a_folder_of_exports_is_found(tmp_path: Path) -> None:
    write_tar_gz(tmp_path / "archive-20230701120000-abc.tar.gz", sample_members())
    zip_folder(SAMPLES / "twitter", tmp_path / "twitter-2024.zip")
    exports, errors = open_exports([tmp_path])
    assert not errors
    assert sorted(d.platform for e in exports for d in e.detections) == ["mastodon", "twitter"]
    for export in exports:
        export.archive.close()


def test_a_tar_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = tmp_path / "archive-bomb.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for member, data in sample_members().items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        info = tarfile.TarInfo("media_attachments/files/zeros.bin")
        info.size = 64 << 20
        tar.addfile(info, io.BytesIO(bytes(info.size)))
    assert path.stat().st_size < 200_000
    with pytest.raises(ArchiveError, match="tar bomb"):
        open_archive(path)


def test_a_cut_short_tar_gz_is_damaged_or_loses_only_its_last_file(tmp_path: Path) -> None:
    whole = write_tar_gz(tmp_path / "whole.tar.gz", sample_members()).read_bytes()
    cut = tmp_path / "archive-cut.tar.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ArchiveError, match="damaged or incomplete"):
        open_archive(cut)


def test_a_damaged_member_of_a_tar_gz_is_one_problem(tmp_path: Path) -> None:
    files = sample_members()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        for member, data in files.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    data = bytearray(raw.getvalue())
    second = data.find(b'{"id":"https://care.example/users/jo_example/statuses/110000000000000002/')
    data[second] = ord("}")  # outbox.json's JSON breaks after its first item; the tar is whole
    path = tmp_path / "archive-broken.tar.gz"
    path.write_bytes(gzip.compress(bytes(data)))
    items, log = read(path)
    (problem,) = problems(log)
    assert problem.startswith("outbox.json: ") and problem.endswith("the 1 item before the problem was kept")
    assert {f.file: f.items for f in log.files if f.file != "outbox.json"} == {
        "actor.json": 5,
        "likes.json": 2,
        "bookmarks.json": 1,
    }


def test_a_direct_only_thread_of_ones_own_is_still_messages(tmp_path: Path) -> None:
    first = note(
        1, "2024-01-01T10:00:00Z", "<p>hi</p>", visibility="direct", mentions=["https://x.example/users/a"]
    )
    second = note(
        2,
        "2024-01-01T10:05:00Z",
        "<p>again</p>",
        visibility="direct",
        reply_to=f"{ACTOR}/statuses/1",
        mentions=["https://x.example/users/a"],
    )
    files = sample_members()
    outbox = json.loads(files["outbox.json"])
    outbox["orderedItems"] = [first, second]
    files["outbox.json"] = json.dumps(outbox).encode()
    items, _ = read(write_tar_gz(tmp_path / "a.tar.gz", files), include_messages=True)
    assert [item.kind for item in items if item.source.startswith("outbox")] == ["message", "message"]


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>one</p><p>two<br>three</p>", "one\n\ntwo\nthree"),
        ("<p>fish &amp; chips &lt;3</p>", "fish & chips <3"),
        ('<p><a href="https://x.example/tags/nhs" class="mention hashtag">#<span>NHS</span></a></p>', "#NHS"),
        ("plain &amp; simple", "plain & simple"),
        (None, ""),
    ],
)
def test_html_becomes_the_text_a_person_reads(markup: str | None, text: str) -> None:
    assert html_to_text(markup) == text


def test_detect_names_the_layout_and_a_scan_flags_the_sample(tmp_path: Path) -> None:
    archive = write_tar_gz(tmp_path / "archive-20230701120000-abc.tar.gz", sample_members())
    result = CliRunner().invoke(app, ["detect", str(archive)])
    assert result.exit_code == 0 and "platform:   mastodon" in result.output and "tar.gz" in result.output
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["scan", str(archive), "-o", str(report)])
    assert result.exit_code == 0, result.output
    flagged = {item["source"] for item in json.loads(report.read_text())["items"]}
    assert {"outbox.json#1", "outbox.json#2", "outbox.json#4", "actor.json#field-1"} <= flagged
    assert not flagged & {"outbox.json#0", "outbox.json#3", "outbox.json#5", "outbox.json#7"}  # the traps
    assert len(SAMPLE_ACTIVITIES) == 11


@pytest.mark.parametrize(
    ("files", "says"),
    [
        (
            {"following_accounts.csv": b"Account address\n", "bookmarks.csv": b"https://x.example/1\n"},
            "these are Mastodon's CSV lists",
        ),
        ({"outbox.json": b'{"orderedItems": []}'}, "outbox.json without actor.json"),
    ],
    ids=["csv-lists", "outbox-alone"],
)
def test_a_download_without_posts_is_refused_with_what_to_request(
    files: dict[str, bytes], says: str, tmp_path: Path
) -> None:
    folder = tmp_path / "mastodon-download"
    folder.mkdir()
    for member, data in files.items():
        (folder / member).write_bytes(data)
    exports, errors = open_exports([folder])
    assert not exports
    ((_, error),) = errors
    assert str(error).startswith(f"mastodon-download: {says}") and ".tar.gz" in str(error)


def test_csv_lists_beside_other_exports_do_not_hide_them(tmp_path: Path) -> None:
    (tmp_path / "bookmarks.csv").write_text("https://x.example/1\n")
    write_tar_gz(tmp_path / "archive-20230701120000-abc.tar.gz", sample_members())
    exports, errors = open_exports([tmp_path])
    assert not errors and [d.platform for e in exports for d in e.detections] == ["mastodon"]
    for export in exports:
        export.archive.close()


def test_a_status_without_addressing_is_a_post_of_unknown_audience(tmp_path: Path) -> None:
    status = note(1, "2024-01-01T10:00:00Z", "<p>no addressing</p>")
    for addressed in (status, status["object"]):
        del addressed["to"], addressed["cc"]
    files = sample_members()
    outbox = json.loads(files["outbox.json"])
    outbox["orderedItems"] = [status]
    files["outbox.json"] = json.dumps(outbox).encode()
    items, _ = read(write_tar_gz(tmp_path / "a.tar.gz", files))
    (post,) = [item for item in items if item.source.startswith("outbox")]
    assert (post.kind, post.audience, post.text) == ("post", None, "no addressing")
