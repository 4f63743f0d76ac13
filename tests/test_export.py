"""The JSON contract and the CSV: same fields as the Review sheet, injection-safe, private, atomic."""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from test_workbook import FORMULA_TEXTS, FullDisk, flagged, scan_result, unflagged

from audit.report import write_report
from audit.report.csv import write_csv
from audit.report.json import write_json
from audit.report.records import CONTRACT_FIELDS, ITEM_FIELDS


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:  # as Excel reads it: the mark says UTF-8
        return list(csv.DictReader(handle))


def test_json_keeps_the_design_contract_and_adds_the_review_fields(tmp_path: Path) -> None:
    result = scan_result([flagged(1, "Email me on jo@example.com", audience="friends", media=2)])
    write_json(result, tmp_path / "r.json")
    report = read_json(tmp_path / "r.json")
    assert list(report) == ["tool", "version", "regulator", "totals", "sources", "audit", "items"]
    assert report["audit"]["items"] == 1 and report["audit"]["exports"] == len(result.exports)
    assert report["regulator"] == "hcpc"
    assert report["totals"] == {
        "items": 1,
        "flagged": 1,
        "by_platform": {"twitter": 1},
        "by_kind": {"post": 1},
    }
    assert report["sources"] == [
        {"archive": "twitter-2024.zip", "file": "data/tweets.js", "items": 1, "problems": []}
    ]
    (item,) = report["items"]
    assert CONTRACT_FIELDS == [
        "platform", "item_id", "kind", "created_at", "text", "author", "url", "location", "source",
        "severity", "confidence", "categories", "rules", "why", "standards", "action",
    ]  # fmt: skip
    assert (
        list(item)
        == ITEM_FIELDS
        == [
            *CONTRACT_FIELDS,
            "media",
            "audience",
            "decision",
            "notes",
            "decided_on",
            "since_last_audit",
            "identity",
        ]
    )
    assert item["item_id"] == "1100000000000000001"
    assert item["created_at"] == "2019-03-02T21:14:05Z"
    assert item["categories"] == ["personal_info"] and item["rules"] == ["PINF001"]
    assert item["media"] == 2 and item["audience"] == "friends"
    assert item["author"] is None and item["decision"] is None and item["notes"] is None


def test_json_with_all_items_holds_unflagged_items_with_empty_results(tmp_path: Path) -> None:
    result = scan_result([flagged(1, "jo@example.com"), unflagged(2, "Sunny")], all_items=True)
    write_json(result, tmp_path / "r.json")
    quiet = read_json(tmp_path / "r.json")["items"][1]
    assert quiet["text"] == "Sunny"
    assert quiet["severity"] is None and quiet["categories"] == [] and quiet["why"] == []


def test_json_keeps_control_characters_and_survives_a_lone_surrogate(tmp_path: Path) -> None:
    write_json(scan_result([flagged(1, "esc\x1b tab\t broken \ud83d emoji 😀")]), tmp_path / "r.json")
    (item,) = read_json(tmp_path / "r.json")["items"]
    assert item["text"] == "esc\x1b tab\t broken ? emoji 😀"


def test_csv_has_the_same_fields_and_neutralises_formulas(tmp_path: Path) -> None:
    rows = [flagged(n, text) for n, text in enumerate(FORMULA_TEXTS, 1)]
    rows.append(flagged(99, "plain, with a comma\nand a second line", author="@someone"))
    write_csv(scan_result(rows), tmp_path / "r.csv")
    records = read_csv(tmp_path / "r.csv")
    assert list(records[0]) == ITEM_FIELDS
    texts = [record["text"] for record in records]
    assert texts[:6] == ["'" + text for text in FORMULA_TEXTS[:6]]  # = + - @ tab: shown, never run
    assert texts[6:8] == ["#N/A", "'="]
    assert texts[8] == "plain, with a comma\nand a second line"
    assert records[8]["author"] == "'@someone"
    assert records[0]["categories"] == "personal_info"
    assert records[0]["why"] == "Email address in a public item: 'jo1@example.com'"
    assert records[0]["decision"] == "" and records[0]["media"] == "0"


def test_csv_opens_in_excel_with_its_accents_emoji_and_local_dates(tmp_path: Path) -> None:
    rows = [
        flagged(1, "Noson dda o Dŷ Ddewi 🎉", when="2021-07-01T22:30:00Z"),
        flagged(2, "winter", when="2021-01-15T09:05:00Z"),
        flagged(3, "undated", when=None),
    ]
    write_csv(scan_result(rows), tmp_path / "r.csv")
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfplatform,")  # the byte-order mark Excel needs to read UTF-8
    records = read_csv(tmp_path / "r.csv")
    assert records[0]["text"] == "Noson dda o Dŷ Ddewi 🎉"
    # Local time (the tests run in Europe/London), in a form Excel reads as a date and time.
    assert [r["created_at"] for r in records] == ["2021-07-01 23:30:00", "2021-01-15 09:05:00", ""]
    assert read_json_after(tmp_path, rows)["items"][0]["created_at"] == "2021-07-01T22:30:00Z"  # JSON: UTC


def read_json_after(tmp_path: Path, rows: list[Any]) -> dict[str, Any]:
    write_json(scan_result(rows), tmp_path / "r.json")
    return read_json(tmp_path / "r.json")


def test_csv_carriage_return_and_control_characters(tmp_path: Path) -> None:
    write_csv(scan_result([flagged(1, "\r=1+1"), flagged(2, "bell\x07")]), tmp_path / "r.csv")
    records = read_csv(tmp_path / "r.csv")
    assert records[0]["text"] == "'\r=1+1"
    assert records[1]["text"] == "bell\ufffd"


@pytest.mark.parametrize("name", ["r.json", "r.csv", "r.xlsx"])
def test_every_report_is_owner_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("older report", encoding="utf-8")
    path.chmod(0o644)
    write_report(scan_result([flagged(1, "x")]), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() != b"older report"


@pytest.mark.parametrize("name", ["r.json", "r.csv"])
def test_a_full_disk_leaves_the_previous_report_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / name
    path.write_text("the previous report", encoding="utf-8")
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k), room=2_000))
    with pytest.raises(OSError, match="No space"):
        write_report(scan_result([flagged(n, "a fairly long post " * 20) for n in range(1, 50)]), path)
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert path.read_text(encoding="utf-8") == "the previous report"


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.xlsx, \.json or \.csv"):
        write_report(scan_result([flagged(1, "x")]), tmp_path / "report.txt")
    assert list(tmp_path.iterdir()) == []
