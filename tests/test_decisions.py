"""Re-audit: item keys across exports, decisions carried over from edited reports, what changed, no work lost.

Two exports of the same account are built from the sample layouts: "March" is the samples as they are;
"June" is the same account three months later, with a tweet and a Facebook post deleted, one of each
edited, one tweet added, and the Facebook posts file written in another order (which changes every
record's position in it, so the parsers' own Facebook ids).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from conftest import SAMPLES
from typer.testing import CliRunner

from audit.cli import app
from audit.decisions import (
    DecisionsError,
    canonical_decision,
    identity,
    keep_previous,
    read_earlier,
)

FB_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
HOME_VISIT = "Home visit this morning, 15yo lad"  # deleted by June
SHIFTS = "Swapping shifts this weekend?"  # edited by June (same tweet id)
MAJORCA = "Off to Majorca for a fortnight"  # still there in June
COURT = "Long day. Court first thing"  # a Facebook post edited by June (same time)
SCARF = "Lost a blue scarf"  # a Facebook post deleted by June
FRONT_DOOR = "Front door finally painted"  # a Facebook post still there, at another position
NEW_TWEET = "New rota contact: email jo.rota.example@example.com before Friday please"
MARCH_DAY = date(2026, 3, 3)


# Building the two exports ----------------------------------------------------------------------------


def march_export(root: Path) -> list[Path]:
    for name in ("twitter", "facebook"):
        shutil.copytree(SAMPLES / name, root / name)
    return [root / "twitter", root / "facebook"]


def june_export(root: Path) -> list[Path]:
    paths = march_export(root)
    tweets_file = root / "twitter/data/tweets.js"
    prefix, _, body = tweets_file.read_text(encoding="utf-8").partition("=")
    tweets = json.loads(body)
    tweets = [t for t in tweets if not t["tweet"]["full_text"].startswith(HOME_VISIT)]
    for entry in tweets:
        tweet = entry["tweet"]
        if tweet["full_text"].startswith(SHIFTS):
            tweet["full_text"] += " (rota sorted by Friday)"
    added = json.loads(json.dumps(tweets[0]))
    added["tweet"].update(
        id="1800000000000000001",
        id_str="1800000000000000001",
        created_at="Mon May 04 09:15:00 +0000 2026",
        full_text=NEW_TWEET,
    )
    added["tweet"]["entities"]["hashtags"] = []
    tweets.append(added)
    tweets_file.write_text(prefix + "= " + json.dumps(tweets, indent=1), encoding="utf-8")
    posts_file = root / "facebook" / FB_POSTS
    posts = json.loads(posts_file.read_text(encoding="utf-8"))
    posts = [p for p in posts if not _fb_text(p).startswith(SCARF)]
    for post in posts:
        if _fb_text(post).startswith(COURT):
            post["data"][0]["post"] = _fb_text(post) + " Sorted now."
    posts_file.write_text(json.dumps(posts[::-1], indent=1), encoding="utf-8")
    return paths


def _fb_text(post: dict[str, Any]) -> str:
    return next((d["post"] for d in post.get("data", []) if "post" in d), "")


# Reading and editing a workbook as a person would ------------------------------------------------------


def review_table(path: Path, sheet: str = "Review") -> list[dict[str, Any]]:
    rows = openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def row_with(rows: list[dict[str, Any]], start: str) -> dict[str, Any]:
    (row,) = [r for r in rows if (r["Text"] or "").startswith(start)]
    return row


def type_in(path: Path, typed: dict[str, tuple[str | None, str | None]], sheet: str = "Review") -> None:
    """Type decisions and notes into the rows whose text starts so, then save, as in Excel."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    header = [cell.value for cell in ws[1]]
    text, decision, notes = (header.index(h) + 1 for h in ("Text", "Decision", "Notes"))
    for row in range(2, ws.max_row + 1):
        for start, (chosen, note) in typed.items():
            if (ws.cell(row, text).value or "").startswith(start):
                ws.cell(row, decision).value = chosen
                ws.cell(row, notes).value = note
    book.save(path)


def scan(runner: CliRunner, *args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["scan", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def dated(path: Path, day: date) -> None:
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()
    os.utime(path, (moment, moment))


@pytest.fixture
def decided_march(tmp_path: Path, runner: CliRunner) -> Path:
    """The March report, with decisions typed by hand (odd case and spaces) and saved on 3 March."""
    report = tmp_path / "report.xlsx"
    code, err = scan(runner, *march_export(tmp_path / "march"), "-o", report, "-q")
    assert code == 0, err
    type_in(
        report,
        {
            HOME_VISIT: ("Delete", None),
            SHIFTS: ("edit", "take the email out"),
            MAJORCA: (" delete ", None),
            COURT: ("DELETE", "court is identifying"),
            SCARF: ("Make Private", None),
            FRONT_DOOR: (None, "house number visible? check the photo"),
        },
    )
    dated(report, MARCH_DAY)
    return report


# 1. Identity -------------------------------------------------------------------------------------------


def test_identity_uses_the_platforms_own_id_where_there_is_one() -> None:
    one = identity("twitter", "796467616151243892", "post", "2016-11-09T21:40:52Z", "Home visit")
    assert one == "twitter:796467616151243892"
    assert identity("twitter", "796467616151243892", "post", None, "edited text") == one


def test_own_ids_are_recognised_by_their_shape_and_synthetic_ones_are_not() -> None:
    assert identity("reddit", "t3_abc12", "post", None, "x") == "reddit:t3_abc12"
    assert identity("tiktok", "7312345678901234567", "post", None, "x") == "tiktok:7312345678901234567"
    # A parser's synthetic id (16 hex digits, from the record's place in its file) is not used.
    synthetic = identity("tiktok", "1234567890123456", "comment", "2024-01-02T03:04:05Z", "nice one")
    assert synthetic.startswith("tiktok:comment:")
    assert synthetic == identity("tiktok", "9e107d9d372bb682", "comment", "2024-01-02T03:04:05Z", "Nice  one")


def test_identity_elsewhere_is_time_kind_and_text_whatever_the_position_case_and_spaces() -> None:
    text = "Proud to have finished my award"
    key = identity("facebook", "a1b2", "post", "2025-03-08T19:12:00Z", text)
    same = [
        identity("facebook", "ffff", "post", "2025-03-08T19:12:00Z", "proud to have  finished my award "),
        identity("facebook", "a1b2", "post", pd.Timestamp("2025-03-08 19:12", tz="UTC"), text),
        identity(
            "facebook", "a1b2", "post", datetime(2025, 3, 8, 19, 12), "Proud to have\nfinished my award"
        ),
    ]
    assert same == [key] * 3
    different = [
        identity("facebook", "a1b2", "comment", "2025-03-08T19:12:00Z", "Proud to have finished my award"),
        identity("facebook", "a1b2", "post", "2025-03-08T19:12:01Z", "Proud to have finished my award"),
        identity("facebook", "a1b2", "post", "2025-03-08T19:12:00Z", "Proud to have finished my degree"),
        identity("instagram", "a1b2", "post", "2025-03-08T19:12:00Z", "Proud to have finished my award"),
    ]
    assert key not in different and len(set(different)) == 4


def test_the_same_items_in_a_later_export_have_the_same_keys(tmp_path: Path) -> None:
    from audit.pipeline import ScanOptions, run

    march = run(march_export(tmp_path / "march"), ScanOptions(all_items=True)).items
    june = run(june_export(tmp_path / "june"), ScanOptions(all_items=True)).items
    front_door = [items[items["text"].str.startswith(FRONT_DOOR)].iloc[0] for items in (march, june)]
    assert front_door[0]["source"] != front_door[1]["source"]  # another position in the file ...
    assert front_door[0]["identity"] == front_door[1]["identity"]  # ... the same key
    # Gone: a deleted tweet and post, and the edited Facebook post's old text (an edited tweet keeps its id).
    assert len(set(march["identity"]) - set(june["identity"])) == 3
    court = june[june["text"].str.startswith(COURT)].iloc[0]["identity"]
    assert set(june["identity"]) - set(march["identity"]) == {"twitter:1800000000000000001", court}


# 2 and 3. Decisions survive; what changed --------------------------------------------------------------


def test_a_second_scan_to_the_same_workbook_keeps_every_decision(
    tmp_path: Path, runner: CliRunner, decided_march: Path
) -> None:
    code, err = scan(runner, *june_export(tmp_path / "june"), "-o", decided_march)
    assert code == 0, err
    rows = review_table(decided_march)
    majorca, shifts, court, door = (row_with(rows, t) for t in (MAJORCA, SHIFTS, COURT, FRONT_DOOR))
    assert (majorca["Decision"], majorca["Since last audit"], majorca["Decided on"]) == (
        "Delete", "Still there", "2026-03-03",
    )  # fmt: skip
    assert (shifts["Decision"], shifts["Notes"], shifts["Since last audit"]) == (
        "Edit", "take the email out", "Edited",
    )  # fmt: skip
    assert (court["Decision"], court["Notes"], court["Since last audit"]) == (
        "Delete", "court is identifying", "Edited",
    )  # fmt: skip
    assert (door["Decision"], door["Notes"], door["Since last audit"]) == (
        None, "house number visible? check the photo", "Still there",
    )  # fmt: skip
    assert row_with(rows, NEW_TWEET)["Since last audit"] == "New"
    assert row_with(rows, NEW_TWEET)["Decision"] is None
    assert not [r for r in rows if (r["Text"] or "").startswith((HOME_VISIT, SCARF))]
    # Delete chosen on three items: the home visit is gone; Majorca and the (edited) court post are not.
    assert "1 new item flagged; 2 edited; 1 of 3 you chose to delete are gone; 2 still there" in err
    assert "You chose Delete on 3 March 2026 for 2 items still in this export" in err
    assert "carried over" in err
    assert not (tmp_path / "report (previous).xlsx").exists()  # nothing was lost, so nothing kept aside
    summary = [row[0] for row in openpyxl.load_workbook(decided_march)["Summary"].iter_rows(values_only=True)]
    assert "Since the last audit" in summary
    assert any(line and "1 of 3 you chose to delete are gone; 2 still there" in line for line in summary)


def test_decisions_are_found_by_header_on_a_renamed_sheet_with_columns_moved(
    tmp_path: Path, decided_march: Path
) -> None:
    book = openpyxl.load_workbook(decided_march)
    sheet = book["Review"]
    sheet.title = "Review (2)"
    sheet.insert_cols(1, 2)  # two columns of the person's own in front
    sheet["A1"], sheet["B1"] = "My ref", "Done?"
    for row in sheet.iter_rows(min_row=1, max_row=1):
        for cell in row:
            if cell.value == "Decision":
                cell.value = "  decision "  # a header retyped
    book.save(decided_march)
    dated(decided_march, MARCH_DAY)
    earlier = read_earlier(decided_march)
    decided = {item.decision for item in earlier.decided}
    assert decided == {"Delete", "Edit", "Make private", None}
    assert all(item.decided_on == MARCH_DAY for item in earlier.decided if item.decision)


def test_decisions_carry_through_json_and_csv_reports(
    tmp_path: Path, runner: CliRunner, decided_march: Path
) -> None:
    june = june_export(tmp_path / "june")
    as_json = tmp_path / "june.json"
    code, err = scan(runner, *june, "-o", as_json, "--decisions", decided_march, "-q")
    assert code == 0, err
    items = json.loads(as_json.read_text(encoding="utf-8"))["items"]
    by_text = {item["text"][:20]: item for item in items}
    assert by_text[MAJORCA[:20]]["decision"] == "Delete"
    assert by_text[MAJORCA[:20]]["decided_on"] == "2026-03-03"
    assert by_text[SHIFTS[:20]]["since_last_audit"] == "edited"
    assert by_text[NEW_TWEET[:20]]["since_last_audit"] == "new"
    as_csv = tmp_path / "june.csv"
    code, err = scan(runner, *june, "-o", as_csv, "--decisions", as_json, "-q")
    assert code == 0, err
    earlier = read_earlier(as_csv)
    assert sorted(filter(None, (i.notes for i in earlier.items.values()))) == [
        "court is identifying", "house number visible? check the photo", "take the email out",
    ]  # fmt: skip
    # And from the CSV into a workbook again.
    again = tmp_path / "again.xlsx"
    code, err = scan(runner, *june, "-o", again, "--decisions", as_csv, "-q")
    assert code == 0, err
    assert row_with(review_table(again), COURT)["Decision"] == "Delete"


def test_a_report_that_cannot_be_read_is_kept_aside_and_the_user_told(
    tmp_path: Path, runner: CliRunner
) -> None:
    report = tmp_path / "report.xlsx"
    report.write_bytes(b"not really a workbook: half-synced from a cloud drive")
    code, err = scan(runner, *march_export(tmp_path / "march"), "-o", report, "-q")
    assert code == 0, err
    kept = tmp_path / "report (previous).xlsx"
    assert kept.read_bytes() == b"not really a workbook: half-synced from a cloud drive"
    assert "could not be read" in err and "report (previous).xlsx" in err
    assert review_table(report)  # the new report is written beside it
    # A second failure never overwrites the first copy kept.
    report.write_bytes(b"garbage again")
    code, err = scan(runner, *march_export(tmp_path / "march2"), "-o", report, "-q")
    assert code == 0 and (tmp_path / "report (previous 2).xlsx").read_bytes() == b"garbage again"
    assert kept.read_bytes().startswith(b"not really")


def test_a_workbook_locked_by_another_program_is_kept_aside(
    tmp_path: Path, runner: CliRunner, decided_march: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(openpyxl, "load_workbook", locked)
    before = decided_march.read_bytes()
    code, err = scan(runner, *june_export(tmp_path / "june"), "-o", decided_march, "-q")
    assert code == 0, err
    assert (tmp_path / "report (previous).xlsx").read_bytes() == before
    assert "Permission denied" in err


def test_someone_elses_spreadsheet_at_the_report_path_is_not_overwritten(
    tmp_path: Path, runner: CliRunner
) -> None:
    report = tmp_path / "report.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Budget", "Amount"])
    book.save(report)
    code, err = scan(runner, *march_export(tmp_path / "march"), "-o", report, "-q")
    assert code == 0, err
    assert openpyxl.load_workbook(tmp_path / "report (previous).xlsx").active["A1"].value == "Budget"


def test_decisions_on_items_this_report_leaves_out_keep_the_old_report(
    tmp_path: Path, runner: CliRunner, decided_march: Path
) -> None:
    # Majorca (2018) is decided but falls before --since: it is still in the export, so not "gone".
    code, err = scan(runner, *june_export(tmp_path / "june"), "-o", decided_march, "--since", "2019-01-01")
    assert code == 0, err
    assert (tmp_path / "report (previous).xlsx").exists()
    assert "decisions are on items this report does not list" in err
    assert "0 of 1 you chose to delete are gone" not in err


def test_a_bad_decisions_file_is_a_one_line_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    code, err = scan(
        runner, *march_export(tmp_path / "march"), "--decisions", notes, "-o", tmp_path / "r.json"
    )
    assert code == 2 and "notes.txt" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r.json").exists()


def test_decisions_typed_by_hand_are_recognised_whatever_their_case_and_spaces() -> None:
    assert canonical_decision("delete ") == "Delete"
    assert canonical_decision("  MAKE   private") == "Make private"
    assert canonical_decision("not a concern") == "Not a concern"
    assert canonical_decision("undo Repost") == "Undo repost"
    assert canonical_decision("ask my tutor") == "ask my tutor"  # kept as typed, never dropped
    assert canonical_decision("  ") is None and canonical_decision(None) is None


def test_keep_previous_finds_a_free_name(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text("1")
    (tmp_path / "r (previous).json").write_text("0")
    assert keep_previous(report).name == "r (previous 2).json"
    with pytest.raises(DecisionsError):
        read_earlier(tmp_path / "r (previous 2).json")  # "1" is not a social-audit report


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_by_libreoffice_keeps_its_decisions(tmp_path: Path, decided_march: Path) -> None:
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(decided_march)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    earlier = read_earlier(out / decided_march.name)
    assert {item.decision for item in earlier.decided} == {"Delete", "Edit", "Make private", None}
    assert sum(1 for item in earlier.decided if item.notes) == 3


@pytest.fixture
def in_new_york(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports written and read on a computer whose clock is not on UTC (the workbook shows local times)."""
    monkeypatch.setenv("TZ", "America/New_York")


def test_without_the_item_key_column_items_are_found_by_their_id_date_and_text(
    in_new_york: None, decided_march: Path
) -> None:
    with_keys = {item.key: item.decision for item in read_earlier(decided_march).decided}
    book = openpyxl.load_workbook(decided_march)
    sheet = book["Review"]
    header = [cell.value for cell in sheet[1]]
    sheet.delete_cols(header.index("Item key") + 1)  # the person deleted a column they did not need
    book.save(decided_march)
    without = {item.key: item.decision for item in read_earlier(decided_march).decided}
    assert without == with_keys
    assert any(key.startswith("facebook:post:") for key in without)


def test_a_cut_off_json_report_is_kept_aside(tmp_path: Path, runner: CliRunner) -> None:
    report = tmp_path / "report.json"
    code, err = scan(runner, *march_export(tmp_path / "march"), "-o", report, "-q")
    assert code == 0, err
    cut = report.read_bytes()[: report.stat().st_size // 2]  # a copy interrupted half-way
    report.write_bytes(cut)
    code, err = scan(runner, *march_export(tmp_path / "march2"), "-o", report, "-q")
    assert code == 0, err
    assert (tmp_path / "report (previous).json").read_bytes() == cut
    assert "not complete JSON" in err
    assert json.loads(report.read_text(encoding="utf-8"))["tool"] == "social-audit"
