"""Damaged and crafted inputs (issue 10): each test builds the input and checks what is read and said."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from pathlib import Path

import pytest
from conftest import SAMPLES

from parsers import Item, ReadLog, detect, iter_items, open_archive
from parsers.jsonstream import MAX_DEPTH
from parsers.meta.common import label_map, repair
from parsers.meta.facebook_activity import _label_strings
from parsers.meta.instagram_records import _entries

TWEETS = "data/tweets.js"
FB_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
IG_POSTS = "your_instagram_activity/media/posts_1.json"
THREADS = "your_instagram_activity/threads/threads_and_replies.json"

# (sample export, the data file to damage, the platform whose items it holds)
PLATFORM_FILES = [
    ("twitter", TWEETS, "twitter"),
    ("facebook", FB_POSTS, "facebook"),
    ("instagram", IG_POSTS, "instagram"),
    ("instagram", THREADS, "threads"),
]


def copy_sample(tmp_path: Path, sample: str) -> Path:
    return Path(shutil.copytree(SAMPLES / sample, tmp_path / sample))


def read(path: Path | list[Path]) -> tuple[list[Item], ReadLog]:
    """Read every platform recognised in one export; return its items and read log."""
    with open_archive(path) as archive:
        log = ReadLog(archive.label)
        items = [i for d in detect(archive) for i in iter_items(archive, d, log)]
    return items, log


def problems_of(log: ReadLog, name: str) -> list[str]:
    return [p for entry in log.files if entry.file == name for p in entry.problems]


def with_last_record(content: bytes, record: bytes) -> bytes:
    """Add ``record`` after the last record of the file's (first-level or wrapped) list."""
    end = content.rindex(b"]")
    return content[:end].rstrip() + b",\n" + record + b"\n" + content[end:]


def sources_from(items: list[Item], name: str) -> list[Item]:
    return [i for i in items if i.source.startswith(name + "#")]


# --- 1. deep nesting ------------------------------------------------------------------------------


@pytest.mark.parametrize(("sample", "name", "platform"), PLATFORM_FILES)
def test_deep_nesting_is_a_problem_of_its_file_and_keeps_the_records_before(
    tmp_path: Path, sample: str, name: str, platform: str
) -> None:
    folder = copy_sample(tmp_path, sample)
    path = folder / name
    good_items, _ = read(folder)
    expected = len(sources_from(good_items, name))
    assert expected > 0
    depth = 20_000  # ijson alone would need about 1 GB for this; the file is 40 KB
    path.write_bytes(with_last_record(path.read_bytes(), b"[" * depth + b"]" * depth))

    tracemalloc.start()
    try:
        items, log = read(folder)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert len(sources_from(items, name)) == expected
    assert len(items) == len(good_items)  # the other files are read as before
    (problem,) = [p for p in problems_of(log, name) if "nested" in p]
    assert problem.startswith(f"{name}: nested more than {MAX_DEPTH} levels deep at byte ")
    assert peak < 40 << 20


def test_memory_stays_flat_as_nesting_deepens(tmp_path: Path) -> None:
    """A 5,000-deep and a 40,000-deep file take the same memory (ijson alone: 160 MB and 4 GB)."""
    peaks = []
    for depth in (5_000, 40_000):
        folder = tmp_path / str(depth) / "data"
        folder.mkdir(parents=True)
        (folder / "tweets.js").write_bytes(b"window.YTD.tweets.part0 = " + b"[" * depth + b"]" * depth)
        tracemalloc.start()
        try:
            items, log = read(folder.parent)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert items == [] and any("nested more than" in p for p in problems_of(log, TWEETS))
    assert peaks[1] < peaks[0] + (1 << 20)


def test_nesting_within_the_limit_is_read(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path, "twitter")
    path = folder / TWEETS
    deep = b'{"x":' * (MAX_DEPTH - 3) + b"1" + b"}" * (MAX_DEPTH - 3)  # inside the array: MAX_DEPTH - 2 deep
    path.write_bytes(with_last_record(path.read_bytes(), deep))
    _, log = read(folder)
    assert not any("nested" in p for p in problems_of(log, TWEETS))


def test_brackets_inside_text_do_not_count_as_nesting(tmp_path: Path) -> None:
    folder = copy_sample(tmp_path, "twitter")
    path = folder / TWEETS
    text = '[[[{{{\\"' * 200  # brackets and escaped quotes in a tweet's text
    when = "Sat Feb 18 19:45:15 +0000 2023"
    record = json.dumps({"tweet": {"id_str": "99", "full_text": text, "created_at": when}})
    path.write_bytes(with_last_record(path.read_bytes(), record.encode()))
    items, log = read(folder)
    assert any(i.item_id == "99" and i.text == text for i in items)
    assert not any("nested" in p for p in problems_of(log, TWEETS))


# --- 2. no recursion on the data's depth ----------------------------------------------------------


def test_meta_repair_and_label_maps_do_not_recurse() -> None:
    depth = 50_000  # far past Python's recursion limit
    value: object = "caf\u00c3\u00a9"
    for _ in range(depth):
        value = {"k\u00c3\u00a9": [value]}
    repaired = repair(value)
    for _ in range(depth):
        repaired = repaired["ké"][0]  # type: ignore[index]
    assert repaired == "café"

    entries: list = [{"label": "Name", "value": "Jo"}]
    for _ in range(depth):
        entries = [{"label": "Nested", "dict": entries}]
    flat = label_map(entries)
    for _ in range(depth):
        flat = flat["Nested"]
    assert flat == {"Name": "Jo"}
    assert list(_label_strings(entries)) == ["Jo"]
    assert len(list(_entries(entries))) == depth + 1


def test_label_walks_keep_their_order() -> None:
    tree = [
        {"label": "A", "value": "1", "dict": [{"label": "B", "value": "2"}], "vec": [{"value": "3"}]},
        {"label": "C", "vec": [{"dict": [{"label": "D", "href": "4"}]}]},
    ]
    assert list(_label_strings(tree)) == ["1", "2", "3", "4"]
    assert [e.get("label") for e in _entries(tree)] == ["A", "B", None, "C", None, "D"]
    assert label_map(tree) == {"A": "1", "C": [{"D": "4"}]}


# --- 3, 4. lone surrogates and invalid UTF-8 --------------------------------------------------------


def tweets_file(texts: list[bytes]) -> bytes:
    """A tweets.js whose tweets have these (already JSON-escaped) texts, ids 1, 2, 3 …"""
    records = [
        b'{"tweet": {"id_str": "%d", "created_at": "Sat Feb 18 19:45:15 +0000 2023", "full_text": "%s"}}'
        % (n, text)
        for n, text in enumerate(texts, 1)
    ]
    return b"window.YTD.tweets.part0 = [\n" + b",\n".join(records) + b"\n]"


def x_export(tmp_path: Path, tweets: bytes, name: str = "x") -> Path:
    folder = tmp_path / name / "data"
    folder.mkdir(parents=True)
    (folder / "tweets.js").write_bytes(tweets)
    return folder.parent


@pytest.mark.parametrize(
    "damage",
    [
        b"caf\\udc8d and more",  # a lone low surrogate escape
        b"caf\\ud83d and more",  # a lone high one
        b"caf\xff\xfe and more",  # bytes that are not UTF-8
        b"caf\xc3 and more",  # a character cut short
        b"caf\xed\xb2\x8d and more",  # a surrogate encoded as UTF-8 (CESU-8)
    ],
)
def test_damaged_characters_are_replaced_visibly_and_every_tweet_read(tmp_path: Path, damage: bytes) -> None:
    texts = [b"tweet number %d" % n for n in range(39)]
    texts[9] = damage
    items, log = read(x_export(tmp_path, tweets_file(texts)))
    assert len(items) == 39
    damaged = next(i for i in items if i.item_id == "10")
    assert damaged.text.startswith("caf\ufffd") and damaged.text.endswith(" and more")
    assert problems_of(log, TWEETS) == [
        f"{TWEETS}: 1 item had damaged characters (invalid UTF-8 or a broken \\u escape), shown as \ufffd; "
        "the rest of their text was read"
    ]


def test_proper_surrogate_pairs_and_escaped_backslashes_are_left_alone(tmp_path: Path) -> None:
    texts = [b"smile \\ud83d\\ude00", b"a path C:\\\\udc8d", b"\\u00e9t\\u00e9"]
    items, log = read(x_export(tmp_path, tweets_file(texts)))
    assert [i.text for i in items] == ["smile \U0001f600", "a path C:\\udc8d", "été"]
    assert problems_of(log, TWEETS) == []


def test_a_surrogate_pair_at_the_end_of_a_read_stays_whole(tmp_path: Path) -> None:
    for tail in (b"\\ud83d\\ude00", b'\\ud83d\\ude00\\"', b"\\ud83d\\ud83d\\ude00"):
        items, _ = read(x_export(tmp_path / str(len(tail)), tweets_file([b"one", b"smile " + tail])))
        assert items[-1].text.startswith("smile ") and "\U0001f600" in items[-1].text


def test_repairs_are_counted_per_item(tmp_path: Path) -> None:
    texts = [b"ok"] * 10
    texts[2] = b"\xff\xff twice in one"
    texts[7] = b"\\udc00 once"
    _, log = read(x_export(tmp_path, tweets_file(texts)))
    assert problems_of(log, TWEETS)[0].startswith(f"{TWEETS}: 2 items had damaged characters")


# --- 6 and the trailing semicolon: the file's top-level shape ---------------------------------------


def test_an_object_where_the_list_should_be_is_a_problem(tmp_path: Path) -> None:
    tweets = b'window.YTD.tweets.part0 = {"tweet": {"id_str": "1", "full_text": "hello"}}'
    items, log = read(x_export(tmp_path, tweets))
    assert items == []
    (problem,) = problems_of(log, TWEETS)
    assert problem.startswith(f"{TWEETS}: the file holds an object where a list of records was expected")


def test_a_semicolon_after_the_array_is_accepted(tmp_path: Path) -> None:
    items, log = read(x_export(tmp_path, tweets_file([b"one", b"two"]) + b";\n"))
    assert len(items) == 2
    assert problems_of(log, TWEETS) == []


def test_text_after_the_array_is_still_a_problem(tmp_path: Path) -> None:
    items, log = read(x_export(tmp_path, tweets_file([b"one", b"two"]) + b";\nalert(1);\n"))
    (problem,) = problems_of(log, TWEETS)
    assert "invalid JSON (more text after the end of the data) between bytes" in problem


# --- 5. no content in any message ----------------------------------------------------------------


SECRET = b"QuokkaZebra"  # distinctive text placed inside or beside each damage


def damaged_exports(tmp_path: Path) -> list[Path]:
    """An X export and a Facebook export whose data files are damaged in every way, around SECRET."""
    x = x_export(tmp_path, tweets_file([b"fine", SECRET + b" \xff " + SECRET, SECRET + b"\\udc8d"]))
    data = x / "data"
    like = b'window.YTD.like.part0 = [{"like": {"tweetId": "1", "fullText": "' + SECRET + b'"}} ' + SECRET
    (data / "like.js").write_bytes(like + b"]")
    deleted = b'window.YTD.deleted_tweets.part0 = [{"tweet": {"full_text": "' + SECRET + b"\x00\x01 " + SECRET
    (data / "deleted-tweets.js").write_bytes(deleted)
    (data / "community-tweet.js").write_bytes(
        b'window.YTD.community_tweet.part0 = [{"a": "' + SECRET + b'", "b": ' + b"[" * 100 + SECRET
    )
    fb = copy_sample(tmp_path, "facebook")
    posts = b'[{"data": [{"post": "' + SECRET + b'"}], "timestamp": 1600000000} ' + SECRET + b" }"
    (fb / FB_POSTS).write_bytes(posts)
    comments = fb / "your_facebook_activity/comments_and_reactions/comments.json"
    comments.write_bytes(b'{"comments_v2": [{"data": "' + SECRET + b'\\x41"}]}')
    return [x, fb]


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_no_text_of_a_damaged_file_reaches_any_message(runner, tmp_path: Path, suffix: str) -> None:
    from audit.cli import app

    report = tmp_path / f"report{suffix}"
    result = runner.invoke(app, ["scan", *map(str, damaged_exports(tmp_path)), "-o", str(report)])
    assert result.exit_code == 0, result.output
    secret = SECRET.decode()
    assert secret not in result.output
    if suffix == ".json":
        sources = json.loads(report.read_text())["sources"]
        listed = [p for s in sources for p in s["problems"]]
        assert secret not in json.dumps(sources)
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(report, read_only=True)["Read log"]
        cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
        listed = [c for c in cells if ": " in c]
        assert not any(secret in c for c in cells)
    assert len(listed) >= 6  # every damaged file is listed, by name
    names = ("tweets.js", "like.js", "community-tweet.js", "deleted-tweets.js", FB_POSTS, "comments.json")
    for name in names:
        assert any(name in p for p in listed), name


# --- 8-11. folders, unreadable files and paths ----------------------------------------------------


def scan_json(runner, tmp_path: Path, *paths: Path) -> tuple[int, str, list[dict]]:
    from audit.cli import app

    report = tmp_path / "report.json"
    result = runner.invoke(app, ["scan", *map(str, paths), "-o", str(report), "-q"])
    sources = json.loads(report.read_text())["sources"] if report.exists() else []
    return result.exit_code, result.output, sources


def zip_of(folder: Path, target: Path) -> Path:
    from conftest import zip_folder

    return zip_folder(folder, target)


def test_a_damaged_zip_in_a_folder_of_exports_is_listed(runner, tmp_path: Path) -> None:
    from audit.cli import app

    exports = tmp_path / "downloads"
    exports.mkdir()
    zip_of(SAMPLES / "twitter", exports / "twitter.zip")
    (exports / "facebook.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 200)  # cut off after its first header
    (exports / "holiday-photos.zip").write_bytes(
        zip_of(SAMPLES / "twitter" / "data" / "tweets_media", tmp_path / "p.zip").read_bytes()
    )
    code, output, sources = scan_json(runner, tmp_path, exports)
    assert code == 0
    listed = {s["archive"]: s["problems"] for s in sources if s["file"] == ""}
    assert "damaged or incomplete" in listed["facebook.zip"][0]
    assert "not a" in listed["holiday-photos.zip"][0]
    assert sum(s["items"] for s in sources) > 0  # the good export was read
    detected = runner.invoke(app, ["detect", str(exports)])
    assert detected.exit_code == 0 and "facebook.zip: this .zip is damaged" in detected.output


def test_an_unreadable_file_is_a_problem_of_that_file_only(runner, tmp_path: Path, monkeypatch) -> None:
    import builtins

    import parsers.archive

    folder = copy_sample(tmp_path, "twitter")
    real_open = builtins.open

    def refusing(path, *args, **kwargs):  # as chmod 000 would, for a user who is not root
        if str(path).endswith("like.js"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(parsers.archive, "open", refusing, raising=False)
    code, _, sources = scan_json(runner, tmp_path, folder)
    assert code == 0
    (like,) = [s for s in sources if s["file"] == "data/like.js"]
    assert like["problems"] == [
        "data/like.js: cannot be read (Permission denied); check the file's permissions"
    ]
    assert any(s["file"] == TWEETS and s["items"] > 0 for s in sources)


def test_an_unreadable_subfolder_is_listed(runner, tmp_path: Path, monkeypatch) -> None:
    import os

    from audit.cli import app

    folder = copy_sample(tmp_path, "instagram")
    locked = folder / "your_instagram_activity" / "messages"
    real_scandir = os.scandir

    def refusing(path=".", *args):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", refusing)
    code, _, sources = scan_json(runner, tmp_path, folder)
    assert code == 0
    (entry,) = [s for s in sources if s["file"] == "" and s["problems"]]
    assert entry["problems"] == [
        "your_instagram_activity/messages: cannot be opened (Permission denied), so what is in it was "
        "not read; check its permissions"
    ]
    detected = runner.invoke(app, ["detect", str(folder)])
    assert "problem:    your_instagram_activity/messages: cannot be opened" in detected.output


@pytest.mark.parametrize("command", ["scan", "detect"])
def test_an_unreadable_input_path_is_one_line(runner, tmp_path: Path, monkeypatch, command: str) -> None:
    import pathlib

    from audit.cli import app

    hidden = tmp_path / "locked" / "twitter.zip"
    real_stat = pathlib.Path.stat

    def refusing(self, *args, **kwargs):  # a path inside a folder the user may not enter
        if self == hidden:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "stat", refusing)
    result = runner.invoke(
        app, [command, str(hidden), *(["-o", str(tmp_path / "r.json")] if command == "scan" else [])]
    )
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"social-audit: error: {hidden}: cannot be read (Permission denied); check its permissions"
    )


# --- 12. zip bombs split into many members --------------------------------------------------------


def test_a_zip_bomb_split_into_many_members_is_refused(runner, tmp_path: Path) -> None:
    import zipfile

    from parsers import ArchiveError

    bomb = tmp_path / "bomb.zip"
    zeros = b"\0" * (8 << 20)  # each member well under the one-member limit
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(48):
            archive.writestr(f"data/tweets-part{n}.js", zeros)
    assert bomb.stat().st_size < 1 << 20  # 384 MiB declared
    with pytest.raises(ArchiveError, match=r"would inflate to 402,653,184 bytes .* \(a zip bomb\?\)"):
        open_archive(bomb)
    code, output, _ = scan_json(runner, tmp_path, bomb)
    assert code == 2 and output.count("\n") == 1 and "zip bomb" in output


def test_an_export_with_photos_is_not_mistaken_for_a_bomb(tmp_path: Path) -> None:
    import os
    import zipfile

    from conftest import zip_folder

    export = zip_folder(SAMPLES / "twitter", tmp_path / "x.zip")
    with zipfile.ZipFile(export, "a") as archive:  # photos hardly compress, so they count at their size
        archive.writestr("data/tweets_media/big.jpg", os.urandom(8 << 20), zipfile.ZIP_STORED)
    items, _ = read(export)
    assert items


def test_a_member_that_grows_past_its_listed_size_stops_there(tmp_path: Path) -> None:
    folder = x_export(tmp_path, tweets_file([b"one", b"two"]))
    with open_archive(folder) as archive:
        (folder / TWEETS).write_bytes(
            tweets_file([b"one", b"two"] + [b"more"] * 10_000)
        )  # grows after listing
        log = ReadLog(archive.label)
        items = [i for d in detect(archive) for i in iter_items(archive, d, log)]
    (problem,) = problems_of(log, TWEETS)
    assert problem.startswith(f"{TWEETS}: holds more than its declared size of ")
    assert len(items) < 10_000


# --- 7. the same export twice, and overlapping exports ----------------------------------------------


def item_total(sources: list[dict]) -> int:
    return sum(s["items"] for s in sources)


def test_the_same_zip_given_twice_or_copied_is_read_once(runner, tmp_path: Path) -> None:
    from audit.cli import app

    once = tmp_path / "once"
    once.mkdir()
    zip_of(SAMPLES / "twitter", once / "twitter.zip")
    _, _, single = scan_json(runner, once, once / "twitter.zip")

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    first = zip_of(SAMPLES / "twitter", downloads / "twitter.zip")
    shutil.copy(first, downloads / "twitter (1).zip")
    unzipped = shutil.copytree(SAMPLES / "twitter", tmp_path / "twitter-unzipped")
    for given in ([first, first], [downloads], [first, unzipped]):
        code, _, sources = scan_json(runner, tmp_path, *given)
        assert code == 0
        assert item_total(sources) == item_total(single)
        notes = [p for s in sources for p in s["problems"] if "the same export as" in p]
        assert len(notes) == 1 and notes[0].endswith("the same export as twitter.zip, so it was read once")
    detected = runner.invoke(app, ["detect", str(downloads)])
    assert "same as:    twitter (1).zip (read once)" in detected.output


def test_a_different_export_of_the_same_size_is_not_a_copy(runner, tmp_path: Path) -> None:
    one = x_export(tmp_path, tweets_file([b"first one"]), "one")
    two = x_export(tmp_path, tweets_file([b"other one"]), "two")
    code, _, sources = scan_json(runner, tmp_path, one, two)
    assert code == 0 and item_total(sources) == 2
    assert not any("same export" in p for s in sources for p in s["problems"])


def test_overlapping_exports_count_each_item_once(runner, tmp_path: Path) -> None:
    older = x_export(tmp_path, tweets_file([b"one", b"two", b"three"]), "older")
    tweets = tweets_file([b"one", b"two", b"three", b"four", b"five"])
    newer = x_export(tmp_path, tweets, "newer")
    report = tmp_path / "all.json"
    from audit.cli import app

    result = runner.invoke(app, ["scan", str(older), str(newer), "--all", "-o", str(report), "-q"])
    assert result.exit_code == 0
    data = json.loads(report.read_text())
    assert data["totals"]["items"] == 5
    assert sorted(i["item_id"] for i in data["items"]) == ["1", "2", "3", "4", "5"]
    notes = [p for s in data["sources"] for p in s["problems"]]
    assert notes == ["3 items were also in an export read before; each was counted once"]


# --- also: the report path, nested exports, several archives, Ctrl-C ---------------------------------


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("missing/report.xlsx", "there is no folder"),
        ("a-folder.xlsx", "it is a folder"),
    ],
)
def test_a_report_path_that_cannot_be_written_is_refused_before_reading(
    runner, tmp_path: Path, monkeypatch, target: str, reason: str
) -> None:
    import audit.cli
    from audit.cli import app

    (tmp_path / "a-folder.xlsx").mkdir()
    monkeypatch.setattr(audit.cli, "run", lambda *a, **k: pytest.fail("the scan started"))
    result = runner.invoke(app, ["scan", str(SAMPLES / "twitter"), "-o", str(tmp_path / target)])
    assert result.exit_code == 2
    assert (
        result.output.count("\n") == 1
        and reason in result.output
        and "cannot write the report" in result.output
    )


def test_a_read_only_folder_for_the_report_is_refused_before_reading(
    runner, tmp_path: Path, monkeypatch
) -> None:
    import os

    import audit.cli
    from audit.cli import app

    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if Path(path) == tmp_path else real_access(path, mode)
    )
    monkeypatch.setattr(audit.cli, "run", lambda *a, **k: pytest.fail("the scan started"))
    result = runner.invoke(app, ["scan", str(SAMPLES / "twitter"), "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2 and f"the folder {tmp_path} is not writable" in result.output


def test_a_zip_inside_the_zip_is_explained(runner, tmp_path: Path) -> None:
    import zipfile

    from audit.cli import app

    inner = zip_of(SAMPLES / "twitter", tmp_path / "twitter-2024.zip")
    outer = tmp_path / "download.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, "twitter-2024.zip")
    result = runner.invoke(app, ["scan", str(outer), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert result.output == (
        "social-audit: error: download.zip: this holds another zip (twitter-2024.zip): unzip it and give the "
        "zip inside instead\n"
    )


def test_an_export_wrapped_in_two_folders_is_explained(runner, tmp_path: Path) -> None:
    from conftest import zip_folder

    from audit.cli import app

    twice = tmp_path / "twice"
    shutil.copytree(SAMPLES / "twitter", twice / "twitter-2024")
    wrapped = zip_folder(twice, tmp_path / "wrapped.zip", wrapper="Downloads")
    result = runner.invoke(app, ["scan", str(wrapped), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert "wrapped.zip: the export is inside two folders (the second is twitter-2024/)" in result.output


def test_problems_name_their_archive_when_several_are_scanned(runner, tmp_path: Path) -> None:
    from audit.cli import app

    one = x_export(tmp_path, b"window.YTD.tweets.part0 = [", "one")
    two = x_export(tmp_path, b"window.YTD.tweets.part0 = {}", "two")
    result = runner.invoke(app, ["scan", str(one), str(two), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0].startswith("social-audit: error: one: data/tweets.js: the file ends early")
    assert lines[1].startswith("social-audit: error: two: data/tweets.js: the file holds an object")


def test_ctrl_c_exits_130_and_writes_nothing(runner, tmp_path: Path, monkeypatch) -> None:
    import audit.cli
    from audit.cli import app

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(audit.cli, "run", interrupted)
    report = tmp_path / "r.xlsx"
    result = runner.invoke(app, ["scan", str(SAMPLES / "twitter"), "-o", str(report)])
    assert result.exit_code == 130
    assert result.output == "social-audit: Stopped; no report written\n"
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_writing_leaves_no_file(runner, tmp_path: Path, monkeypatch) -> None:
    import audit.cli
    from audit.cli import app
    from audit.report.files import private_file

    def interrupted_write(result, output):
        with private_file(output, "w") as handle:
            handle.write("half a report")
            raise KeyboardInterrupt

    monkeypatch.setattr(audit.cli, "write_report", interrupted_write)
    result = runner.invoke(app, ["scan", str(SAMPLES / "twitter"), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 130 and result.output == "social-audit: Stopped; no report written\n"
    assert list(tmp_path.iterdir()) == []


def test_a_tar_bomb_split_into_many_members_is_refused(tmp_path: Path, monkeypatch) -> None:
    import io
    import tarfile

    import parsers.archive
    from parsers import ArchiveError

    monkeypatch.setattr(parsers.archive, "TOTAL_ALLOWANCE", 16 << 20)  # a smaller bomb, the same check
    bomb = tmp_path / "archive-bomb.tar.gz"
    zeros = b"\0" * (1 << 20)
    with tarfile.open(bomb, "w:gz") as archive:
        for n in range(48):
            info = tarfile.TarInfo(f"outbox-{n}.json")
            info.size = len(zeros)
            archive.addfile(info, io.BytesIO(zeros))
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(ArchiveError, match="tar bomb"):
        open_archive(bomb)
