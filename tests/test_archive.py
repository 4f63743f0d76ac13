"""The archive layer: zips and folders alike, wrapper folders, several parts, and hostile or broken input."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, zip_folder

from parsers import ArchiveError, open_archive, open_exports
from parsers.jsonstream import iter_json


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def make_encrypted_zip(path: Path) -> Path:
    """A zip whose entry says "encrypted" (general purpose flag bit 0), as password-protected zips do."""
    data = bytearray(make_zip(path, {"data/tweets.js": b"[]"}).read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + flag_offset
        data[at] |= 0x1
    path.write_bytes(bytes(data))
    return path


def test_zip_and_folder_hold_the_same_members_and_bytes(tmp_path: Path) -> None:
    folder = SAMPLES / "twitter"
    with open_archive(folder) as plain, open_archive(zip_folder(folder, tmp_path / "x.zip")) as packed:
        assert plain.names() == packed.names()
        for name in plain.names():
            with plain.open(name) as a, packed.open(name) as b:
                assert a.read() == b.read()
            assert plain.size(name) == packed.size(name)


def test_a_lone_wrapper_folder_is_stripped_but_a_layout_folder_is_not(tmp_path: Path) -> None:
    wrapped = make_zip(tmp_path / "w.zip", {"twitter-2024-01-01-abc/data/tweets.js": b"[]"})
    layout = make_zip(tmp_path / "l.zip", {"data/js/tweets/2014_02.js": b"[]"})
    with open_archive(wrapped) as a, open_archive(layout) as b:
        assert a.names() == ["data/tweets.js"]
        assert b.names() == ["data/js/tweets/2014_02.js"]


def test_mac_junk_and_directory_entries_are_ignored(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "m.zip",
        {"data/": b"", "data/tweets.js": b"[]", "__MACOSX/data/._tweets.js": b"x", "data/.DS_Store": b"x"},
    )
    with open_archive(path) as archive:
        assert archive.names() == ["data/tweets.js"]


def test_members_are_streams_and_reads_are_counted(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "s.zip", {"data/tweets.js": b"window.YTD.tweets.part0 = [1, 2, 3]"})
    with open_archive(path) as archive:
        assert list(iter_json(archive, "data/tweets.js")) == [1, 2, 3]
        assert archive.bytes_read == archive.size("data/tweets.js")


def test_several_zips_form_one_tree_and_the_first_copy_wins(tmp_path: Path) -> None:
    one = make_zip(tmp_path / "1.zip", {"x/a.json": b"1", "x/same.json": b"first"})
    two = make_zip(tmp_path / "2.zip", {"x/b.json": b"2", "x/same.json": b"second"})
    with open_archive([one, two]) as archive:
        assert archive.names() == ["a.json", "b.json", "same.json"]
        with archive.open("same.json") as stream:
            assert stream.read() == b"first"
        assert archive.duplicates == ["same.json"]
        assert archive.label == "1.zip + 2.zip"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.with_suffix(".txt").write_text("hello") and p.with_suffix(".txt"),
            "not a zip file or folder",
        ),
        (lambda p: p.write_bytes(b"PK\x03\x04 this is not really a zip") and p, "damaged or incomplete"),
        (lambda p: make_zip(p, {}), "the zip is empty"),
        (make_encrypted_zip, "password-protected"),
        (lambda p: p.parent.joinpath("nothing-here"), "no such file or folder"),
    ],
    ids=["text-file", "damaged-zip", "empty-zip", "encrypted-zip", "missing"],
)
def test_unusable_inputs_are_refused_with_the_file_named(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path / "export.zip")
    with pytest.raises(ArchiveError) as caught:
        open_archive(path)
    assert message in str(caught.value)
    assert path.name in str(caught.value)


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ArchiveError, match="the folder is empty"):
        open_archive(tmp_path / "empty")


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = make_zip(tmp_path / "bomb.zip", {"data/tweets.js": b"\0" * (20 << 20)})
    assert bomb.stat().st_size < 100_000
    with pytest.raises(ArchiveError, match="zip bomb"):
        open_archive(bomb)


def test_folder_without_an_export_names_the_problem(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "shopping.txt").write_text("milk")
    exports, errors = open_exports([tmp_path / "notes"])
    assert not exports
    ((path, error),) = errors
    assert path == tmp_path / "notes"
    assert "export (none of their data files were found)" in str(error)


def test_html_only_export_asks_for_json(tmp_path: Path) -> None:
    folder = tmp_path / "facebook-jo-2024"
    (folder / "your_facebook_activity" / "posts").mkdir(parents=True)
    (folder / "start_here.html").write_text("<html></html>")
    (folder / "your_facebook_activity" / "posts" / "your_posts_1.html").write_text("<html></html>")
    exports, errors = open_exports([folder])
    assert not exports
    assert "in HTML format" in str(errors[0][1]) and "Format: JSON" in str(errors[0][1])


def test_folder_of_exports_is_scanned_one_level_down() -> None:
    exports, errors = open_exports([SAMPLES])
    labels = sorted(e.archive.label for e in exports)
    assert {"twitter", "twitter-2014"} <= set(labels)
    assert not errors
    for export in exports:
        export.archive.close()


def test_two_snapshots_of_one_account_stay_separate(tmp_path: Path) -> None:
    first = zip_folder(SAMPLES / "twitter", tmp_path / "2024.zip")
    later = shutil.copytree(SAMPLES / "twitter", tmp_path / "2025")
    with (later / "data" / "like.js").open("ab") as likes:
        likes.write(b"\n")  # a year on, something has changed (identical snapshots are read once)
    second = zip_folder(later, tmp_path / "2025.zip")
    exports, _ = open_exports([first, second])
    assert [e.archive.label for e in exports] == ["2024.zip", "2025.zip"]
    for export in exports:
        export.archive.close()


def test_zip_member_read_is_streamed_not_loaded(tmp_path: Path) -> None:
    body = (
        b"window.YTD.tweets.part0 = ["
        + b",".join(b'{"tweet": {"id_str": "%d"}}' % i for i in range(20000))
        + b"]"
    )
    path = make_zip(tmp_path / "big.zip", {"data/tweets.js": body})
    with open_archive(path) as archive:
        values = iter_json(archive, "data/tweets.js")
        next(values)
        assert archive.bytes_read < len(body) / 2  # the first record arrives before the file is read
