"""The fast record decoder gives exactly what the streaming parser gives, or hands over to it."""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from conftest import FIXTURES, SAMPLES

from parsers import fastjson, open_archive
from parsers.errors import DataFileError
from parsers.jsonstream import JSONBytes, iter_json

REAL_FIXTURES = Path("/work/shared/real-fixtures")


class _OneFile:
    """The part of an Archive that iter_json uses, over bytes in memory."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.bytes_read = 0

    def open(self, name: str) -> BinaryIO:

        return io.BytesIO(self.data)


def _outcome(archive: Any, name: str, prefix: str) -> tuple[list[Any], str | None]:
    """Every value iter_json yields, and the message of the error it ends with (None if none)."""
    values: list[Any] = []
    try:
        for value in iter_json(archive, name, prefix):
            values.append(value)
    except DataFileError as exc:
        return values, str(exc)
    return values, None


def _both(archive: Any, name: str, prefix: str, monkeypatch: pytest.MonkeyPatch) -> tuple:
    fast = _outcome(archive, name, prefix)
    with monkeypatch.context() as patch:
        patch.setattr(fastjson, "supports", lambda prefix: False)
        slow = _outcome(archive, name, prefix)
    return fast, slow


def _finished(data: bytes, prefix: str = "item") -> tuple[bool, int]:
    """Run the fast decoder alone: (did it read the whole value, records delivered)."""

    generator = fastjson.records(JSONBytes(io.BytesIO(data), "test.json"), prefix)
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value


# --- every JSON data file of the fixtures and sample exports ----------------------------------------


def _data_files() -> Iterator[tuple[str, Any, str]]:
    """(label, archive, member) for every JSON or JS file under the fixture and sample folders and zips."""
    roots = [SAMPLES, FIXTURES] + ([REAL_FIXTURES] if REAL_FIXTURES.is_dir() else [])
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix == ".zip":
                archive = open_archive(path)
                for name in archive.names():
                    if name.endswith((".json", ".js")):
                        yield f"{path.relative_to(root.parent)}:{name}", archive, name
            elif path.is_file() and (path.suffix in (".json", ".js") or ".json_" in path.name):
                yield str(path.relative_to(root.parent)), _OneFile(path.read_bytes()), path.name


def _prefixes(data: bytes) -> list[str]:
    """The record-list prefixes of a file: "item" for a list, "<key>.item" for each list in an object."""
    try:
        text = data.decode("utf-8-sig")
        value = json.loads(text[text.index("=") + 1 :] if text.lstrip()[:1] not in "[{" else text)
    except (ValueError, UnicodeDecodeError):
        return ["item"]
    if isinstance(value, list):
        return ["item"]
    if isinstance(value, dict):
        return [f"{key}.item" for key, inner in value.items() if isinstance(inner, list) and "." not in key]
    return []


def _read(archive: Any, name: str) -> bytes:
    with archive.open(name) as raw:
        return raw.read()


DATA_FILES = list(_data_files())


def test_fixtures_give_the_same_records_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    checked = finished = 0
    for label, archive, name in DATA_FILES:
        data = _read(archive, name)
        for prefix in _prefixes(data):
            fast, slow = _both(archive, name, prefix, monkeypatch)
            assert fast == slow, f"{label} at {prefix}"
            checked += 1
            finished += _finished(data, prefix)[0]
    # The fast path must actually have read most of them, or this test would compare the fallback twice.
    assert checked > 150
    assert finished > checked // 2


@pytest.mark.parametrize(
    ("folder", "member", "prefix"),
    [
        ("twitter", "data/tweets.js", "item"),
        ("twitter", "data/like.js", "item"),
        ("facebook", "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", "item"),
        ("facebook", "your_facebook_activity/comments_and_reactions/comments.json", "comments_v2.item"),
        ("instagram", "your_instagram_activity/media/posts_1.json", "item"),
    ],
)
def test_the_big_files_of_each_platform_take_the_fast_path(folder: str, member: str, prefix: str) -> None:
    path = SAMPLES / folder / member
    finished, delivered = _finished(path.read_bytes(), prefix)
    assert finished
    assert delivered == len(_outcome(_OneFile(path.read_bytes()), member, prefix)[0]) > 0


# --- layouts and damage the fast path must not get wrong -------------------------------------------

RECORDS = [
    {"id": "1", "text": "plain words", "n": 3, "tags": ["a", "b"], "nested": {"deep": [{"x": 1.5}]}},
    {"id": "2", "text": 'brackets } ] { [ and "quotes" and \\ and a newline escape \\n}', "n": -0.0},
    {"id": "3", "text": "café 😂 \u2028 naïve", "empty": {}, "none": None, "yes": True},
]


def _pretty(records: list[Any], indent: int = 2, head: str = "") -> bytes:
    return (head + json.dumps(records, indent=indent, ensure_ascii=False)).encode()


# The inner object closes at the records' indentation, followed by a comma, like a record's end.
MISLEADING = b'[\n  {\n    "a": {\n  },\n    "c": 1\n  },\n  {\n    "b": 2\n  }\n]'

CASES = {
    "pretty list": (_pretty(RECORDS), "item", True),
    "X layout": (
        b"window.YTD.tweets.part0 = [ "
        + b", ".join(json.dumps({"tweet": r}, indent=2, separators=(",", " : ")).encode() for r in RECORDS)
        + b" ]",
        "item",
        True,
    ),
    "CRLF line ends": (_pretty(RECORDS).replace(b"\n", b"\r\n"), "item", True),
    "tab indents": (_pretty(RECORDS).replace(b"  ", b"\t"), "item", True),
    "byte-order mark": (b"\xef\xbb\xbf" + _pretty(RECORDS), "item", True),
    "wrapped list": (
        json.dumps({"comments_v2": RECORDS}, indent=2, ensure_ascii=False).encode(),
        "comments_v2.item",
        True,
    ),
    "empty list": (b"[]", "item", True),
    "empty list on lines": (b"[\n\n]\n", "item", True),
    "compact list": (json.dumps(RECORDS).encode(), "item", False),
    "list of numbers": (b"[\n  1,\n  2\n]", "item", False),
    "wrapped list not first": (
        json.dumps({"other": 1, "comments_v2": RECORDS}, indent=2).encode(),
        "comments_v2.item",
        False,
    ),
    "wrapped list with more keys after": (
        json.dumps({"comments_v2": RECORDS[:1], "x": [1], "comments_v2 ": []}, indent=2).encode(),
        "comments_v2.item",
        False,
    ),
    "the same key twice": (
        b'{\n  "v": [\n    {\n      "a": 1\n    }\n  ],\n  "v": [\n    {\n      "a": 2\n    }\n  ]\n}',
        "v.item",
        False,
    ),
    "trailing comma": (_pretty(RECORDS)[:-2] + b",\n]", "item", False),
    "text after the list": (_pretty(RECORDS) + b"\n[]", "item", False),
    "trailing semicolon": (_pretty(RECORDS, head="window.YTD.like.part0 = ") + b";\n", "item", None),
    "truncated": (_pretty(RECORDS)[:-40], "item", False),
    "raw control character": (_pretty(RECORDS).replace(b"plain words", b"plain\x01words"), "item", False),
    "raw control character late": (_pretty(RECORDS).replace("naïve".encode(), b"na\x1bve"), "item", False),
    "unpaired surrogate escape": (_pretty(RECORDS).replace(b"plain", b"\\ud83d plain"), "item", None),
    "invalid UTF-8": (_pretty(RECORDS).replace("café".encode(), b"caf\xe9"), "item", None),
    "integer past 64 bits": (
        _pretty(RECORDS).replace(b'"n": 3', b'"n": 18446744073709551616'),
        "item",
        False,
    ),
    "integer near the 64-bit limit": (
        _pretty(RECORDS).replace(b'"n": 3', b'"n": 9223372036854775808'),
        "item",
        False,
    ),
    "a line at record indentation inside a record": (MISLEADING, "item", True),  # the last one is right
    "object where a list is expected": (json.dumps({"a": RECORDS}, indent=2).encode(), "item", False),
    "not JSON": (b"<html>\n</html>", "item", False),
    "empty file": (b"", "item", False),
}


@pytest.mark.parametrize("case", CASES)
def test_each_layout_gives_the_streaming_parser_result(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data, prefix, fast_to_the_end = CASES[case]
    fast, slow = _both(_OneFile(data), "test.json", prefix, monkeypatch)
    assert fast == slow
    if fast_to_the_end is not None:  # None: it depends on what JSONBytes repairs before either parser
        assert _finished(data, prefix)[0] is fast_to_the_end


def test_nesting_deeper_than_orjson_takes_goes_to_the_streaming_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _pretty([RECORDS[0], {"deep": "HERE"}, RECORDS[1]]).replace(b'"HERE"', b"[" * 1500 + b"]" * 1500)
    assert not _finished(data)[0]  # orjson refuses past 1024 levels (and JSONBytes may stop sooner)
    fast, slow = _both(_OneFile(data), "test.json", "item", monkeypatch)
    assert len(fast[0]) == len(slow[0]) and fast[1] == slow[1]
    for one, other in zip(fast[0], slow[0], strict=True):  # == would recurse too deep on the deep one
        assert _depth(one) == _depth(other) and (_depth(one) > 500 or one == other)


def _depth(value: Any) -> int:
    """Nesting depth of lists and dicts, without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return deepest


def test_a_record_longer_than_the_read_ahead_goes_to_the_streaming_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    big = [{"text": "x" * 10_000}, *RECORDS]
    data = _pretty(big)
    monkeypatch.setattr(fastjson, "READ_SIZE", 1024)
    monkeypatch.setattr(fastjson, "MAX_RECORD", 4096)
    assert _finished(data) == (False, 0)
    fast, slow = _both(_OneFile(data), "test.json", "item", monkeypatch)
    assert fast == slow and len(fast[0]) == 4


def test_small_reads_split_records_anywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastjson, "READ_SIZE", 7)
    data = _pretty(RECORDS * 20)
    assert _finished(data) == (True, 60)
    assert _outcome(_OneFile(data), "test.json", "item") == (RECORDS * 20, None)


def test_a_misleading_line_read_on_its_own_stops_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastjson, "READ_SIZE", 1)
    data = b'[\n  {\n    "filler": "' + b"x" * 5000 + b'"\n  },' + MISLEADING[1:]  # past the first read
    assert _finished(data) == (False, 1)
    expected = [{"filler": "x" * 5000}, {"a": {}, "c": 1}, {"b": 2}]
    assert _outcome(_OneFile(data), "test.json", "item") == (expected, None)


def test_a_break_after_some_records_keeps_them_and_reports_the_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _pretty(RECORDS * 400)
    cut = data[: len(data) * 2 // 3]
    finished, delivered = _finished(cut)
    assert not finished and delivered > 0  # the fast path delivered the records it was sure of
    fast, slow = _both(_OneFile(cut), "test.json", "item", monkeypatch)
    assert fast == slow
    assert fast[1] == "test.json: the file ends early (an incomplete download or a damaged zip?)"


def test_random_layouts_and_damage_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(13)
    for _ in range(150):
        records = [rnd.choice(RECORDS) | {"i": i} for i in range(rnd.randint(0, 6))]
        data = json.dumps(
            records, indent=rnd.choice([None, 1, 2, 4]), ensure_ascii=rnd.random() < 0.5
        ).encode()
        if rnd.random() < 0.5 and data:
            at = rnd.randrange(len(data))
            data = data[:at] + rnd.choice([b"", b"\x00", b"}", b"\n}", b",", b"\xff", b'"']) + data[at + 1 :]
        fast, slow = _both(_OneFile(data), "test.json", "item", monkeypatch)
        assert fast == slow, data


def test_zip_members_stream_through_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/tweets.js", _pretty([{"tweet": r} for r in RECORDS * 300], head="x = "))
    monkeypatch.setattr(fastjson, "READ_SIZE", 4096)
    with open_archive(target) as archive:
        fast, slow = _both(archive, "data/tweets.js", "item", monkeypatch)
    assert fast == slow and len(fast[0]) == 900 and fast[1] is None
