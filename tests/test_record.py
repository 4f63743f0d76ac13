"""The tutor's record: counts and dates from any report, no post text or names, printable on A4."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import openpyxl
from test_decisions import decided_march, june_export, march_export, scan  # noqa: F401 (a fixture)
from typer.testing import CliRunner

from audit.cli import app


def record(runner: CliRunner, report: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["record", str(report), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def cells(path: Path) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(path)["Record"]
    return [[v for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]


def section(rows: list[list[Any]], heading: str, end: str) -> list[list[Any]]:
    start = rows.index([heading])
    return [row for row in rows[start + 1 : rows.index([end], start)] if row]


def test_the_record_counts_what_was_flagged_and_decided_without_any_post_text(
    tmp_path: Path,
    runner: CliRunner,
    decided_march: Path,  # noqa: F811
) -> None:
    out = tmp_path / "record.xlsx"
    code, err = record(runner, decided_march, out)
    assert code == 0, err
    rows = cells(out)
    review = openpyxl.load_workbook(decided_march)["Review"]
    header = [c.value for c in review[1]]
    items = [dict(zip(header, row, strict=True)) for row in review.iter_rows(min_row=2, values_only=True)]
    decided = section(rows, "What was decided", "What remains")
    assert decided == [
        ["Decision", "Items"],
        ["Delete", 3],
        ["Edit", 1],
        ["Make private", 1],
        ["Not yet decided", len(items) - 5],
    ]
    flagged = section(rows, "What was flagged", "What was decided")
    assert flagged[-1] == ["Items flagged", *_levels(items), len(items)]
    glance = {row[0]: row[1] for row in section(rows, "The audit", "What was flagged")}
    assert glance["Items read"] > len(items) and glance["Exports read"] == 2
    assert glance["Items read by platform"].startswith(("X (Twitter)", "Facebook"))
    assert glance["Dates of the items read"].startswith("from ")
    everything = " ".join(str(v) for row in rows for v in row)
    for item in items:  # no post text, no author, no link, not even a note typed by the person
        for column in ("Text", "Original author", "Link", "Notes", "Why flagged", "Location"):
            value = item[column]
            if isinstance(value, str) and len(value) > 3:
                assert value not in everything, column
    assert "@" not in everything
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_record_prints_on_at_most_two_a4_pages(tmp_path: Path, runner: CliRunner) -> None:
    report, out = tmp_path / "r.xlsx", tmp_path / "record.xlsx"
    assert scan(runner, *march_export(tmp_path / "m"), "-o", report, "-q")[0] == 0
    assert record(runner, report, out)[0] == 0
    sheet = openpyxl.load_workbook(out)["Record"]
    setup = sheet.page_setup
    assert sheet.print_area == f"'Record'!$A$1:$F${sheet.max_row}"
    assert (int(setup.paperSize), setup.orientation) == (9, "portrait")  # 9: A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert setup.fitToWidth == 1 and 1 <= setup.fitToHeight <= 2
    # Even unscaled it is short: rows (15 pt, taller where set) fill under two A4 pages of about 750 pt.
    height = sum(sheet.row_dimensions[r].height or 15 for r in range(1, sheet.max_row + 1))
    assert height < 2 * 750
    assert sum(sheet.column_dimensions[c].width for c in "ABCDEF") < 100  # one page wide at 100 %
    reflection = [str(r) for r in sheet.merged_cells.ranges if r.max_row - r.min_row >= 10]
    assert reflection and reflection[0].startswith("A")  # the box to write in


def test_the_record_from_the_json_or_csv_report_says_the_same(tmp_path: Path, runner: CliRunner) -> None:
    june = june_export(tmp_path / "june")
    as_xlsx, as_json, as_csv = (tmp_path / f"r.{s}" for s in ("xlsx", "json", "csv"))
    for report in (as_xlsx, as_json, as_csv):
        assert scan(runner, *june, "-o", report, "-q")[0] == 0
        assert record(runner, report, report.with_name(f"record-{report.suffix[1:]}.xlsx"))[0] == 0
    from_xlsx, from_json, from_csv = (cells(tmp_path / f"record-{s}.xlsx") for s in ("xlsx", "json", "csv"))
    # Only the dates the record was made and the report written may differ (same day here).
    assert from_xlsx == from_json
    counted = section(from_xlsx, "What was flagged", "What remains")
    assert section(from_csv, "What was flagged", "What remains") == counted
    glance = {row[0]: row[1] for row in section(from_csv, "The audit", "What was flagged")}
    assert glance["Items read"] == "not recorded in this report"  # a CSV holds the items only
    header = json.loads(as_json.read_text(encoding="utf-8"))["audit"]
    assert header["items"] == glance_of(from_json)["Items read"] and header["exports"] == 2


def glance_of(rows: list[list[Any]]) -> dict[str, Any]:
    return {row[0]: row[1] for row in section(rows, "The audit", "What was flagged")}


def test_a_record_of_something_that_is_not_a_report_is_a_one_line_error(
    tmp_path: Path, runner: CliRunner
) -> None:
    other = tmp_path / "budget.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Budget", "Amount"])
    book.save(other)
    code, err = record(runner, other, tmp_path / "record.xlsx")
    assert code == 2 and "budget.xlsx" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "record.xlsx").exists()
    code, err = record(runner, other, tmp_path / "record.pdf")
    assert code == 2 and "must end in .xlsx" in err
    code, err = record(runner, other, other)
    assert code == 2 and other.exists()


def _levels(items: list[dict[str, Any]]) -> list[int]:
    priorities = [item["Priority"] for item in items]
    return [priorities.count(level) for level in ("High", "Medium", "Low")]


def test_after_a_second_audit_the_record_dates_the_decisions_and_counts_what_is_still_there(
    tmp_path: Path,
    runner: CliRunner,
    decided_march: Path,  # noqa: F811
) -> None:
    assert scan(runner, *june_export(tmp_path / "june"), "-o", decided_march, "-q")[0] == 0
    out = tmp_path / "record.xlsx"
    assert record(runner, decided_march, out)[0] == 0
    rows = cells(out)
    assert glance_of(rows)["Decisions made"] == "from 3 March 2026 to 3 March 2026"
    remains = [row[0] for row in section(rows, "What remains", "Reflection")]
    # Majorca (Delete), the court post (Delete, edited) and the shifts tweet (Edit, edited) are still there.
    assert "3 of them were decided at an earlier audit and were still there." in remains
