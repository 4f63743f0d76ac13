"""The review workbook, read back with openpyxl: sheets, headers, drop-down, links, order, chart, safety."""

from __future__ import annotations

import gc
import json
import os
import re
import stat
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from conftest import SAMPLES
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from audit.frames import items_frame
from audit.pipeline import ScanOptions, ScanResult, run
from audit.report import xlsx
from audit.report.cells import CELL_LIMIT, TRUNCATED, cell_value
from audit.report.csv import write_csv
from audit.report.json import write_json
from audit.report.records import CONTRACT_FIELDS, ITEM_FIELDS
from audit.report.xlsx import book as workbook
from audit.report.xlsx import write_xlsx
from audit.report.xlsx.reference import STANDARD_COLUMNS
from audit.report.xlsx.review import DECISIONS, REVIEW_COLUMNS
from parsers import Detection, FileLog, Item
from rules import RESULT_COLUMNS, Engine

SHEETS = ["Summary", "Review", "Photos to check", "Rules", "Standards", "How to delete", "Read log"]
REVIEW_HEADERS = [column.header for column in REVIEW_COLUMNS]


def flagged(
    number: int,
    text: str,
    *,
    severity: str = "medium",
    categories: tuple[str, ...] = ("personal_info",),
    when: str | None = "2019-03-02T21:14:05Z",
    **fields: Any,
) -> tuple[Item, dict[str, Any]]:
    """One flagged X post and its rule results, as the pipeline would hold them."""
    item = Item(
        platform="twitter",
        item_id=str(1_100_000_000_000_000_000 + number),  # real X ids exceed 2**53
        kind="post",
        created_at=when,
        text=text,
        url=f"https://x.com/jo_example_sw/status/{number}",
        source=f"data/tweets.js#{number}",
    )._replace(**fields)
    results = {
        "severity": severity,
        "confidence": "high",
        "categories": list(categories),
        "rules": ["PINF001"],
        "why": [f"Email address in a public item: 'jo{number}@example.com'"],
        "standards": ["HCPC SCPE 2024 2.10"],
        "action": "edit",
    }
    return item, results


def unflagged(number: int, text: str, when: str | None = "2020-01-01T09:00:00Z") -> tuple[Item, None]:
    item = Item("twitter", str(number), "post", when, text, source=f"data/tweets.js#{number}")
    return item, None


def scan_result(
    rows: list[tuple[Item, dict[str, Any] | None]],
    *,
    all_items: bool = False,
    sources: list[FileLog] | None = None,
) -> ScanResult:
    """A ScanResult over hand-made items, with the real engine (rules and HCPC standards)."""
    frame = items_frame([item for item, _ in rows])
    for column in RESULT_COLUMNS:
        frame[column] = [results[column] if results else None for _, results in rows]
    kinds = Counter(item.kind for item, _ in rows)
    totals = {
        "items": len(rows),
        "flagged": sum(1 for _, results in rows if results),
        "by_platform": {"twitter": len(rows)},
        "by_kind": dict(kinds.most_common()),
    }
    sources = sources or [FileLog("twitter-2024.zip", "data/tweets.js", len(rows), [])]
    detection = Detection(
        "twitter", "current", "X archive, 2022 onwards (data/tweets.js)", ["data/tweets.js"]
    )
    dates = frame["created_at"].dropna()
    first, last = (dates.min(), dates.max()) if len(dates) else (None, None)
    options = ScanOptions(all_items=all_items)
    return ScanResult(
        frame, totals, sources, [("twitter-2024.zip", [detection])], Engine.load(), options, first, last
    )


def written(result: ScanResult, tmp_path: Path, **kwargs: Any) -> openpyxl.Workbook:
    path = tmp_path / "report.xlsx"
    write_xlsx(result, path, **kwargs)
    return openpyxl.load_workbook(path)


def table(sheet: Any) -> list[dict[str, Any]]:
    """The sheet's rows below the header, as dicts keyed by header."""
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def review_cell(sheet: Any, row: int, header: str) -> Any:
    return sheet.cell(row=row, column=REVIEW_HEADERS.index(header) + 1)


# The whole workbook ----------------------------------------------------------------------------------


def test_sample_exports_give_every_sheet_with_flagged_rows(tmp_path: Path) -> None:
    result = run([SAMPLES], ScanOptions(model=False))  # the rules alone; test_model.py adds the model
    book = written(result, tmp_path)
    assert book.sheetnames == SHEETS
    review = table(book["Review"])
    assert len(review) == result.totals["flagged"] == len(result.items)
    assert review[0]["Priority"] == "High"  # most severe first
    email = next(row for row in review if row["Rules"] == "PINF001" and row["Platform"] == "X (Twitter)")
    assert email["Categories"] == "Personal information"
    # the sample post predates the 2024 edition, so the 2016 one is cited after it
    clauses = result.engine.standards.cite("personal_info", date(2024, 1, 1))
    assert clauses[0].label.startswith("HCPC") and clauses[-1].label.startswith("HCPC SCPE 2016")
    # Each clause's number with its short paraphrase, one a line (the Standards sheet has the links).
    assert email["Standards cited"] == "\n".join(f"{c.label}: {c.brief}" for c in clauses)
    first = email["Standards cited"].splitlines()[0]
    assert len(first) > len(clauses[0].label) + 20
    assert email["Where in the archive"].startswith("data/tweets")
    assert email["Decision"] is None and email["Notes"] is None


def test_all_items_sheet_only_with_all(tmp_path: Path) -> None:
    rows = [flagged(1, "Email me on jo@example.com"), unflagged(2, "Lovely walk by the river today")]
    assert "All items" not in written(scan_result(rows), tmp_path).sheetnames
    book = written(scan_result(rows, all_items=True), tmp_path)
    assert book.sheetnames == ["Summary", "Review", "All items", *SHEETS[2:]]
    assert len(table(book["Review"])) == 1
    everything = table(book["All items"])
    assert [row["Text"] for row in everything] == [
        "Email me on jo@example.com",
        "Lovely walk by the river today",
    ]
    assert everything[1]["Priority"] is None


def test_review_headers_are_the_json_and_csv_fields(tmp_path: Path) -> None:
    result = scan_result([flagged(1, "Call me on jo@example.com")])
    book = written(result, tmp_path)
    header = [cell.value for cell in book["Review"][1]]
    assert header == REVIEW_HEADERS
    assert sorted(column.field for column in REVIEW_COLUMNS) == sorted(ITEM_FIELDS)
    write_json(result, tmp_path / "report.json")
    write_csv(result, tmp_path / "report.csv")
    item = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["items"][0]
    assert list(item) == ITEM_FIELDS
    assert list(item)[: len(CONTRACT_FIELDS)] == CONTRACT_FIELDS  # DESIGN.md's keys first, unchanged
    csv_header = (tmp_path / "report.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert csv_header.split(",") == ITEM_FIELDS


def test_review_is_sorted_by_priority_then_oldest_first_undated_last(tmp_path: Path) -> None:
    rows = [
        flagged(1, "low 2018", severity="low", when="2018-05-01T10:00:00Z"),
        flagged(2, "high undated", severity="high", when=None),
        flagged(3, "medium 2016", severity="medium", when="2016-01-01T10:00:00Z"),
        flagged(4, "high 2021", severity="high", when="2021-07-01T10:00:00Z"),
        flagged(5, "high 2012", severity="high", when="2012-02-03T04:05:06Z"),
        flagged(6, "info 2010", severity="info", when="2010-01-01T00:00:00Z"),
    ]
    review = table(written(scan_result(rows), tmp_path)["Review"])
    assert [row["Text"] for row in review] == [
        "high 2012",
        "high 2021",
        "high undated",
        "medium 2016",
        "low 2018",
        "info 2010",
    ]
    assert [row["Priority"] for row in review] == ["High", "High", "High", "Medium", "Low", "Info"]
    assert review[0]["Date"] == datetime(2012, 2, 3, 4, 5, 6)  # a real date Excel can filter (GMT)
    assert review[1]["Date"] == datetime(2021, 7, 1, 11, 0)  # 10:00 UTC is 11:00 in British Summer Time
    assert review[2]["Date"] is None


def test_review_layout_frozen_header_filter_wrap_widths_and_colours(tmp_path: Path) -> None:
    rows = [flagged(n, f"post {n}", severity=s) for n, s in enumerate(["high", "medium", "low"], 1)]
    sheet = written(scan_result(rows), tmp_path)["Review"]
    # What a person decides from first; the details (links, ids, source, standards) after Notes.
    assert REVIEW_HEADERS[:8] == [
        "Priority", "Date", "Platform", "Kind", "Text", "Why flagged", "Decision", "Notes"
    ]  # fmt: skip
    assert REVIEW_HEADERS.index("Standards cited") > REVIEW_HEADERS.index("Notes")
    assert REVIEW_HEADERS[-2:] == ["Item id", "Item key"]
    assert sheet.freeze_panes == "F2"  # the header row and the columns up to the text stay in view
    # Decision and Notes end within a laptop screen (a width unit is about 7 pixels; 1,366 px wide).
    widths = [column.width for column in REVIEW_COLUMNS]
    assert sum(widths[: REVIEW_HEADERS.index("Decision") + 1]) * 7 < 1_100
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(REVIEW_COLUMNS))}4"
    text = review_cell(sheet, 2, "Text")
    assert text.alignment.wrap_text and text.alignment.vertical == "top"
    for header in ("Decision", "Notes"):  # empty, but what the person types wraps at the top
        typed_into = review_cell(sheet, 2, header)
        assert typed_into.value is None
        assert typed_into.alignment.wrap_text and typed_into.alignment.vertical == "top"
    assert sheet.cell(row=1, column=1).font.bold
    assert sheet.column_dimensions["E"].width == 50  # Text
    assert review_cell(sheet, 2, "Date").number_format == "dd/mm/yyyy hh:mm"  # UK order
    formulas = {
        rule.formula[0]: (str(ranges.sqref), rule.dxf.fill.fgColor.rgb)
        for ranges in sheet.conditional_formatting
        for rule in ranges.rules
    }
    whole_rows = f"A2:{get_column_letter(len(REVIEW_COLUMNS))}4"
    assert formulas['$A2="High"'] == (whole_rows, "00F8CBAD")
    assert formulas['$A2="Medium"'][0] == formulas['$A2="Low"'][0] == whole_rows
    assert formulas["LEN($G2)>0"] == (whole_rows, "00C6EFCE")  # a decided row turns green, all of it
    priorities = {
        rule.formula[0]: rule.priority for ranges in sheet.conditional_formatting for rule in ranges.rules
    }
    assert priorities["LEN($G2)>0"] < min(priorities[f'$A2="{p}"'] for p in ("High", "Medium", "Low"))


def test_rows_are_tall_enough_for_their_wrapped_text(tmp_path: Path) -> None:
    rows = [
        flagged(1, "short"),
        flagged(2, "about three lines of text in a sixty-wide column " * 3),
        flagged(3, "line\n" * 40),  # capped, so one post cannot fill the screen
    ]
    sheet = written(scan_result(rows), tmp_path)["Review"]
    heights = {review_cell(sheet, r, "Text").value[:5]: sheet.row_dimensions[r].height for r in (2, 3, 4)}
    # "short" is two lines tall for its reason ("Email address in a public item: …", 50 characters).
    assert heights == {"short": 30, "about": 45, "line\n": workbook.MAX_LINES * workbook.LINE_HEIGHT}


def test_decision_column_has_the_drop_down_on_every_row(tmp_path: Path) -> None:
    rows = [flagged(n, f"post {n}") for n in range(1, 6)]
    sheet = written(scan_result(rows), tmp_path)["Review"]
    assert review_cell(sheet, 1, "Decision").column_letter == "G"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    # An X post can be neither edited later nor made private on its own: those are not offered.
    assert validation.formula1 == '"Keep,Delete,Not a concern"'
    assert DECISIONS[:5] == ("Keep", "Delete", "Edit", "Make private", "Not a concern")
    assert str(validation.sqref) == "G2:G6"
    assert validation.allow_blank and validation.showErrorMessage


def test_each_row_offers_the_decisions_its_platform_allows(tmp_path: Path) -> None:
    rows = [
        flagged(1, "an X post", severity="high"),
        flagged(2, "a Facebook post", platform="facebook", source="your_posts_1.json#2"),
        flagged(3, "a like", kind="like", when=None),
        flagged(4, "a retweet", kind="share", author="someone"),
        flagged(5, "gone already", source="data/deleted-tweets.js#0"),
        flagged(6, "another X post", severity="high"),
    ]
    sheet = written(scan_result(rows), tmp_path)["Review"]
    row_of = {review_cell(sheet, r, "Text").value: r for r in range(2, 8)}
    offered = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            for row in range(cells.min_row, cells.max_row + 1):
                offered[row] = validation.formula1.strip('"').split(",")
    assert (
        offered[row_of["an X post"]]
        == offered[row_of["another X post"]]
        == ["Keep", "Delete", "Not a concern"]
    )
    assert offered[row_of["a Facebook post"]] == ["Keep", "Delete", "Edit", "Make private", "Not a concern"]
    assert offered[row_of["a like"]][0] == "Unlike"
    assert offered[row_of["a retweet"]][0] == "Undo repost"
    assert offered[row_of["gone already"]][0] == "Already deleted"


def test_links_are_clickable_only_for_web_addresses(tmp_path: Path) -> None:
    rows = [
        flagged(1, "web", url="https://x.com/jo_example_sw/status/1"),
        flagged(2, "script", url="javascript:alert(1)"),
        flagged(3, "file", url="file:///etc/passwd"),
        flagged(4, "none", url=None),
        flagged(5, "spaces", url="https://x.com/a b"),
    ]
    sheet = written(scan_result(rows), tmp_path)["Review"]
    links = {review_cell(sheet, r, "Text").value: review_cell(sheet, r, "Link") for r in range(2, 7)}
    assert links["web"].hyperlink.target == "https://x.com/jo_example_sw/status/1"
    assert links["web"].value == "https://x.com/jo_example_sw/status/1"
    assert links["script"].hyperlink is None and links["script"].value == "javascript:alert(1)"
    assert links["file"].hyperlink is None
    assert links["spaces"].hyperlink is None
    assert links["none"].value is None


def test_links_stop_at_excels_limit_per_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "HYPERLINK_LIMIT", 2)
    sheet = written(scan_result([flagged(n, f"post {n}") for n in range(1, 5)]), tmp_path)["Review"]
    cells = [review_cell(sheet, r, "Link") for r in range(2, 6)]
    assert [cell.hyperlink is not None for cell in cells] == [True, True, False, False]
    assert cells[3].value == "https://x.com/jo_example_sw/status/4"  # still shown, as text


# Summary ------------------------------------------------------------------------------------------------


def summary_rows(sheet: Any) -> list[list[Any]]:
    return [[v for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]


def section(rows: list[list[Any]], heading: str) -> list[list[Any]]:
    """The rows after ``heading`` up to the next blank row."""
    start = rows.index([heading]) + 1
    end = next(i for i in range(start, len(rows)) if not rows[i])
    return rows[start:end]


def test_summary_counts_categories_by_priority_and_charts_them_by_year(tmp_path: Path) -> None:
    rows = [
        flagged(1, "a", severity="high", categories=("confidentiality",), when="2015-06-01T08:00:00Z"),
        flagged(
            2, "b", severity="high", categories=("confidentiality", "workplace"), when="2015-09-01T08:00:00Z"
        ),
        flagged(3, "c", severity="low", categories=("workplace",), when="2019-01-01T08:00:00Z"),
        flagged(4, "d", severity="medium", categories=("personal_info",), when=None),
        unflagged(5, "e"),
        (Item("twitter", "6", "media", "2016-01-01T00:00:00Z", "", media=1), None),
    ]
    sheet = written(scan_result(rows), tmp_path)["Summary"]
    lines = summary_rows(sheet)
    glance = dict(tuple(row) for row in section(lines, "At a glance") if len(row) == 2)
    assert glance["Items read"] == 6
    assert glance["Items flagged for review"] == 4
    assert glance["Photos and videos with no text"] == 1
    assert glance["Dates of the items read"] == "1 June 2015 to 1 January 2020"
    assert glance["Regulator"] == "Health and Care Professions Council (HCPC SCPE 2024)"
    by_category = {row[0]: row[1:] for row in section(lines, "Flagged items by category and priority")[2:]}
    assert by_category["Confidentiality"] == [2, 0, 0, 0, 2]  # High, Medium, Low, Info, All
    assert by_category["Workplace venting"] == [1, 0, 1, 0, 2]
    assert by_category["Personal information"] == [0, 1, 0, 0, 1]
    assert by_category["Misinformation"] == [0, 0, 0, 0, 0]
    assert by_category["Any category (items)"] == [2, 1, 1, 0, 4]
    years = section(lines, "Flagged items by year and category")
    assert years[0] == ["Year", "Confidentiality", "Workplace venting", "Personal information"]
    assert years[1:] == [
        ["2015", 2, 1, 0],
        ["2016", 0, 0, 0],  # years with nothing flagged still show, so the chart's time axis is true
        ["2017", 0, 0, 0],
        ["2018", 0, 0, 0],
        ["2019", 0, 1, 0],
        ["Undated", 0, 0, 1],
    ]
    (chart,) = sheet._charts
    assert chart.grouping == "stacked"
    top = next(number for number, row in enumerate(sheet.iter_rows(values_only=True), 1) if row[0] == "Year")
    assert [series.tx.strRef.f for series in chart.series] == [f"'Summary'!{c}{top}" for c in "BCD"]
    assert chart.series[0].val.numRef.f == f"'Summary'!$B${top + 1}:$B${top + 6}"
    assert chart.series[0].cat.numRef.f == f"'Summary'!$A${top + 1}:$A${top + 6}"


def test_summary_has_privacy_notice_how_to_use_and_top_rules(tmp_path: Path) -> None:
    lines = summary_rows(written(scan_result([flagged(1, "x"), flagged(2, "y")]), tmp_path)["Summary"])
    privacy = " ".join(row[0] for row in section(lines, "Keep this file private"))
    assert "other people's" in privacy and "delete this file" in privacy
    steps = [row[0] for row in section(lines, "How to use this workbook")]
    assert len(steps) == 5 and steps[0].startswith("1. Open the Review sheet") and "Decision" in steps[2]
    # The instructions are the first thing on the sheet, after the title line.
    assert lines.index(["How to use this workbook"]) < 5
    assert lines.index(["How to use this workbook"]) < lines.index(["Keep this file private"])
    assert section(lines, "Rules that fired most")[1] == [
        "PINF001",
        2,
        "Email address in a public item (Personal information)",
    ]


def test_summary_states_the_options_used(tmp_path: Path) -> None:
    result = scan_result([flagged(1, "x")])
    result.options.since, result.options.until = date(2019, 1, 1), date(2020, 6, 30)
    result.options.include_messages = True
    glance = dict(
        tuple(r)
        for r in section(summary_rows(written(result, tmp_path)["Summary"]), "At a glance")
        if len(r) == 2
    )
    assert (
        glance["Dates checked"]
        == "from 1 January 2019 to 30 June 2020 (items without a date are always included)"
    )
    assert glance["Direct messages"] == "checked (the messages you sent)"
    assert glance["Problems while reading"] == "none"


def test_nothing_flagged_gives_an_empty_review_and_no_chart(tmp_path: Path) -> None:
    book = written(scan_result([unflagged(1, "A quiet day")]), tmp_path)
    assert table(book["Review"]) == [
        dict.fromkeys(REVIEW_HEADERS) | {"Priority": "Nothing was flagged for review."}
    ]
    assert not book["Review"].data_validations.dataValidation
    assert not book["Summary"]._charts


# Other sheets -------------------------------------------------------------------------------------------


def test_rules_standards_and_how_to_delete_sheets(tmp_path: Path) -> None:
    result = scan_result([flagged(1, "x"), flagged(2, "y")])
    book = written(result, tmp_path)
    rules = table(book["Rules"])
    assert [row["Rule"] for row in rules] == [rule.id for rule in result.engine.rules]
    pinf = next(row for row in rules if row["Rule"] == "PINF001")
    cited = "\n".join(clause.label for clause in result.engine.standards.cite("personal_info"))
    assert pinf["Items flagged"] == 2 and pinf["Clauses cited"] == cited
    assert "\n" not in pinf["Why it matters"]  # TOML's hard wraps are joined
    standards = table(book["Standards"])
    clauses = [c for cat in result.engine.standards.by_category.values() for c in cat]
    assert len(standards) == len(clauses)
    assert not any(row["Clause"].startswith("HCPC SCPE 2024 9.2") for row in standards)  # unverified
    old = next(row for row in standards if row["Clause"] == "HCPC SCPE 2016 9.2")
    assert (old["In force"], old["Cited for"]) == (
        "26 January 2016 to 31 August 2024",
        "posts made before 1 September 2024 (the edition in force until then)",
    )
    assert old["How the number was checked"] == "Verified in the regulator's own text"
    quoted = next(row for row in standards if row["Clause"] == "HCPC SCPE 2016 2.7")
    assert quoted["How the number was checked"].startswith("Secondary: seen word for word in a union's guide")
    personal = next(row for row in standards if row["Category"] == "Personal information")
    assert personal["Items flagged in this category"] == 2
    assert (personal["Clause"], personal["In force"]) == (
        "HCPC social media guidance 2024: Top tips",
        "guidance, no edition dates",
    )
    link = book["Standards"].cell(
        row=2, column=[c.header for c in STANDARD_COLUMNS].index("Where to read it") + 1
    )
    assert link.hyperlink.target.startswith("https://www.hcpc-uk.org/")
    how_to = table(book["How to delete"])
    platforms = {row["Platform"] for row in how_to}
    assert {"X (Twitter)", "Facebook", "Instagram", "Threads"} <= platforms
    tasks = " ".join(row["To do this"].lower() for row in how_to)
    for task in ("delete a post", "comment", "like", "repost", "limit who sees"):
        assert task in tasks


def test_read_log_lists_every_file_and_unreadable_inputs(tmp_path: Path) -> None:
    junk = tmp_path / "holiday.txt"
    junk.write_text("not an export", encoding="utf-8")
    result = run([SAMPLES / "twitter", junk], ScanOptions())
    book = written(result, tmp_path)
    log = table(book["Read log"])
    assert len(log) == len(result.sources)
    assert {"Archive": "twitter", "File": "data/tweets.js", "Items read": 10, "Problems": None} in log
    unreadable = next(row for row in log if row["Archive"] == "holiday.txt")
    assert unreadable["File"] is None and unreadable["Items read"] == 0
    assert "holiday.txt" in unreadable["Problems"]
    read = section(summary_rows(book["Summary"]), "What was read")
    assert ["holiday.txt", "could not be read", 0, 0, 1, "see the Read log sheet"] in read
    layouts = [row[-1] for row in read]
    assert "X archive, 2022 onwards (data/tweets.js)" in layouts


# Safety -------------------------------------------------------------------------------------------------

FORMULA_TEXTS = [
    "=1+1",
    '=HYPERLINK("http://evil.example/","click me")',
    "+44 7700 900123 is my new number",
    "-5 degrees on the walk to work",
    "@jo_example_sw see you at team meeting",
    "\tindented note to self",
    "#N/A",
    "=",
]


def test_formula_leading_texts_are_stored_as_text_unchanged(tmp_path: Path) -> None:
    rows = [flagged(n, text) for n, text in enumerate(FORMULA_TEXTS, 1)]
    sheet = written(scan_result(rows), tmp_path)["Review"]
    cells = [review_cell(sheet, row, "Text") for row in range(2, 2 + len(FORMULA_TEXTS))]
    assert [cell.value for cell in cells] == FORMULA_TEXTS
    assert all(cell.data_type == "s" for cell in cells)
    assert all(cell.quotePrefix for cell in cells[:6])


def test_carriage_return_first_is_text_and_becomes_a_line_break(tmp_path: Path) -> None:
    sheet = written(scan_result([flagged(1, "\r=SUM(A1:A9)\r\nsecond line")]), tmp_path)["Review"]
    cell = review_cell(sheet, 2, "Text")
    assert cell.data_type == "s" and cell.value == "\n=SUM(A1:A9)\nsecond line"


def test_control_characters_are_replaced_visibly(tmp_path: Path) -> None:
    text = "bell\x07 vt\x0b esc\x1b nul\x00 nonchar\ufffe lone\ud83d tab\tnewline\nend"
    path = tmp_path / "report.xlsx"
    write_xlsx(scan_result([flagged(1, text)]), path)
    cell = review_cell(openpyxl.load_workbook(path)["Review"], 2, "Text")
    assert cell.value == "bell\ufffd vt\ufffd esc\ufffd nul\ufffd nonchar\ufffd lone\ufffd tab\tnewline\nend"


def test_a_40000_character_post_is_cut_with_a_marker_and_kept_whole_in_json(tmp_path: Path) -> None:
    text = ("Very long note-tweet about the placement rota. " * 900)[:40_000]
    result = scan_result([flagged(1, text)])
    cell = review_cell(written(result, tmp_path)["Review"], 2, "Text")
    assert len(cell.value) == CELL_LIMIT
    assert cell.value.endswith(TRUNCATED)
    assert cell.value.startswith(text[:1000])
    write_json(result, tmp_path / "report.json")
    item = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["items"][0]
    assert item["text"] == text


def test_continuation_sheets_past_the_row_limit(tmp_path: Path) -> None:
    rows = [flagged(n, f"post {n}", when=f"2019-03-{n:02d}T10:00:00Z") for n in range(1, 8)]
    book = written(scan_result(rows), tmp_path, max_rows=3)
    assert book.sheetnames[:4] == ["Summary", "Review", "Review (2)", "Review (3)"]
    parts = [table(book[name]) for name in ("Review", "Review (2)", "Review (3)")]
    assert [[row["Text"] for row in part] for part in parts] == [
        ["post 1", "post 2", "post 3"],
        ["post 4", "post 5", "post 6"],
        ["post 7"],
    ]
    last = book["Review (3)"]
    assert [cell.value for cell in last[1]] == REVIEW_HEADERS
    assert (
        last.freeze_panes == "F2" and last.auto_filter.ref == f"A1:{get_column_letter(len(REVIEW_COLUMNS))}2"
    )
    assert str(last.data_validations.dataValidation[0].sqref) == "G2"
    glance = section(summary_rows(book["Summary"]), "At a glance")
    assert ["They are listed on the 'Review' and 'Review (2)' and 'Review (3)' sheets."] in glance


def test_workbook_is_owner_only_and_replaces_an_older_report(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"old report")
    path.chmod(0o644)
    write_xlsx(scan_result([flagged(1, "x")]), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert openpyxl.load_workbook(path).sheetnames == SHEETS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


class FullDisk:
    """A file that fails like a full disk once ``room`` bytes have been written."""

    def __init__(self, handle: Any, room: int) -> None:
        self.handle, self.room = handle, room

    def write(self, data: bytes) -> int:
        self.room -= len(data)
        if self.room < 0:
            raise OSError(28, "No space left on device")
        return self.handle.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def test_failed_write_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k), room=4_000))
    rows = [flagged(n, f"post {n} " * 40) for n in range(1, 200)]
    path = tmp_path / "report.xlsx"
    with pytest.raises(OSError, match="No space"):
        write_xlsx(scan_result(rows), path)
    assert list(tmp_path.iterdir()) == []
    path.write_bytes(b"the previous report")
    with pytest.raises(OSError, match="No space"):
        write_xlsx(scan_result(rows), path)
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
    assert path.read_bytes() == b"the previous report"


def test_an_error_while_building_cleans_up_openpyxl_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_rows() -> Iterator[dict[str, Any]]:
        yield {"platform": "X (Twitter)", "task": "Delete a post", "steps": "…"}
        raise RuntimeError("bug while writing a row")

    monkeypatch.setattr(xlsx, "how_to_rows", broken_rows)
    with pytest.raises(RuntimeError, match="bug while writing"):
        write_xlsx(scan_result([flagged(n, f"post {n}") for n in range(1, 20)]), tmp_path / "report.xlsx")
    gc.collect()  # an unclosed openpyxl sheet would complain here (a warning, so an error under pytest)
    assert ALL_TEMP_FILES == []  # the sheets' temporary XML (post text) is gone
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (float("nan"), None),
        (pd.NaT, None),
        (pd.NA, None),
        ("", None),
        (float("inf"), "inf"),
        (1_100_000_000_000_000_001, "1100000000000000001"),  # beyond Excel's 15 digits: text
        (123_456_789_012_345, 123_456_789_012_345),
        (True, "Yes"),
        (pd.Timestamp("2019-03-02T21:14:05Z"), datetime(2019, 3, 2, 21, 14, 5)),
        (datetime(1899, 12, 31, 23, 0), "1899-12-31 23:00:00"),
        (["why one", "why two"], "why one\nwhy two"),
        ({"odd": "value"}, "{'odd': 'value'}"),
    ],
)
def test_cell_value_maps_anything_to_a_safe_cell_value(value: Any, expected: Any) -> None:
    assert cell_value(value) == expected


def test_unusual_values_do_not_break_the_sheet(tmp_path: Path) -> None:
    rows = [flagged(1, "x", location="51.5,-0.1", audience="group: Night shift \x1b crew", author="=cmd")]
    sheet = written(scan_result(rows), tmp_path)["Review"]
    assert review_cell(sheet, 2, "Audience").value == "group: Night shift \ufffd crew"
    assert review_cell(sheet, 2, "Original author").value == "=cmd"
    assert review_cell(sheet, 2, "Item id").value == "1100000000000000001"


def test_review_prints_one_page_wide_with_its_header_on_every_page(tmp_path: Path) -> None:
    book = written(scan_result([flagged(n, f"post {n}") for n in range(1, 4)]), tmp_path)
    review = book["Review"]
    assert review.page_setup.orientation == "landscape" and review.page_setup.paperSize == 9  # A4
    assert review.sheet_properties.pageSetUpPr.fitToPage
    assert (review.page_setup.fitToWidth, review.page_setup.fitToHeight) == (1, 0)  # one page wide
    assert review.print_title_rows == "$1:$1"  # the header repeats on every page
    # The columns a person decides from are printed (all twenty would be too small to read).
    assert review.print_area == "'Review'!$A$1:$H$4"
    assert REVIEW_HEADERS[7] == "Notes"
    assert review.oddHeader.center.text == "social-audit: &A"  # the sheet's name
    assert review.oddFooter.right.text == "Page &P of &N"
    summary = book["Summary"]
    assert summary.page_setup.orientation == "portrait"
    assert (summary.page_setup.fitToWidth, summary.page_setup.fitToHeight) == (1, 2)  # one or two pages
    rules = book["Rules"]
    assert rules.sheet_properties.pageSetUpPr.fitToPage and rules.page_setup.fitToWidth == 1
    assert not rules.print_area  # every column of the narrower sheets


def test_each_citation_shows_its_paraphrase_and_json_keeps_the_bare_number(tmp_path: Path) -> None:
    standards = Engine.load().standards
    # The paraphrase for the item's category (one clause may be explained differently per category).
    current = next(c for c in standards.cite("personal_info") if not c.guidance)
    older = next(c for c in standards.by_category["personal_info"] if not c.current)  # the 2016 edition
    item, results = flagged(1, "Email me on jo@example.com", when="2019-03-02T21:14:05Z")
    results["standards"] = [current.label, older.label, "HCPC SCPE 2024 99.9"]
    result = scan_result([(item, results)])
    cell = review_cell(written(result, tmp_path)["Review"], 2, "Standards cited")
    assert cell.value.splitlines() == [
        f"{current.label}: {current.brief}",
        f"{older.label}: {older.brief}",
        "HCPC SCPE 2024 99.9",  # a label the standards do not know is shown as it is
    ]
    assert cell.alignment.wrap_text
    write_json(result, tmp_path / "report.json")
    item_json = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["items"][0]
    assert item_json["standards"] == results["standards"]  # the contract keeps the bare citations


def test_dates_are_shown_in_the_computers_time_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    rows = [flagged(1, "late post", when="2019-01-01T03:30:00Z"), flagged(2, "undated", when=None)]
    book = written(scan_result(rows), tmp_path)
    review = {row["Text"]: row["Date"] for row in table(book["Review"])}
    assert review == {"late post": datetime(2018, 12, 31, 22, 30), "undated": None}  # the evening before
    glance = dict(row[:2] for row in summary_rows(book["Summary"]) if len(row) >= 2)
    assert glance["Times are shown in"].startswith("America/New_York time")
    assert glance["Dates of the items read"] == "31 December 2018 to 31 December 2018"
    year_table = section(summary_rows(book["Summary"]), "Flagged items by year and category")
    assert [row[0] for row in year_table[1:]] == ["2018", "Undated"]  # the local year


def test_review_location_names_the_nearest_town_and_json_keeps_the_point(tmp_path: Path) -> None:
    rows = [flagged(1, "at the match", location="51.4816,-3.1791"), flagged(2, "no place")]
    result = scan_result(rows)
    sheet = written(result, tmp_path)["Review"]
    places = {review_cell(sheet, r, "Text").value: review_cell(sheet, r, "Location").value for r in (2, 3)}
    assert places == {"at the match": "51.4816,-3.1791 (near Cardiff)", "no place": None}
    write_json(result, tmp_path / "report.json")
    item = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["items"][0]
    assert item["location"] == "51.4816,-3.1791"  # the contract keeps the raw point


def test_photos_with_no_text_are_listed_whether_flagged_or_not(tmp_path: Path) -> None:
    result = run([SAMPLES], ScanOptions())  # default options: media items are not flagged
    media = result.totals["by_kind"]["media"]
    assert media >= 7  # the X, Facebook and Instagram samples hold 7; newer platforms' samples add more
    book = written(result, tmp_path)
    photos = table(book["Photos to check"])
    assert len(photos) == media
    assert [row["Date"] for row in photos] == sorted(row["Date"] for row in photos)  # oldest first
    album = next(row for row in photos if row["Platform"] == "Facebook")
    assert album["Date"] == datetime(2020, 8, 1, 8, 45)  # 07:45 UTC, in British Summer Time
    assert album["Archive"] == "facebook"
    assert album["Where in the archive"] == "your_facebook_activity/posts/album/0.json#1"
    assert album["Place"] == "53.5389,-2.1207 (near Oldham)"  # the EXIF place, with its town
    assert {row["Platform"] for row in photos} >= {"Instagram", "Facebook"}
    glance = summary_rows(book["Summary"])
    assert any("'Photos to check' sheet" in " ".join(map(str, row)) for row in glance)


def test_no_photos_gives_a_sheet_that_says_so(tmp_path: Path) -> None:
    sheet = written(scan_result([flagged(1, "jo@example.com")]), tmp_path)["Photos to check"]
    assert list(sheet.iter_rows(values_only=True))[1][0] == "No photos or videos without text were read."


# Accessibility ----------------------------------------------------------------------------------------


def test_the_chart_has_alt_text_with_its_numbers(tmp_path: Path) -> None:
    rows = [
        flagged(1, "a", categories=("confidentiality",), when="2015-06-01T08:00:00Z"),
        flagged(2, "b", categories=("confidentiality", "personal_info"), when="2017-06-01T08:00:00Z"),
    ]
    path = tmp_path / "report.xlsx"
    write_xlsx(scan_result(rows), path)
    with zipfile.ZipFile(path) as archive:
        drawing = archive.read("xl/drawings/drawing1.xml").decode("utf-8")
    (alt,) = re.findall(r'<cNvPr [^>]*descr="([^"]*)"', drawing)
    assert alt.startswith("Bar chart of the items flagged each year")
    assert "Flags per year: 2015: 1, 2016: 0, 2017: 2." in alt  # what the bars show, in words


def test_no_meaning_is_carried_by_colour_alone(tmp_path: Path) -> None:
    rows = [flagged(n, f"post {n}", severity=s) for n, s in enumerate(["high", "medium", "low", "info"], 1)]
    book = written(scan_result(rows), tmp_path)
    for sheet in book.worksheets:
        # Every coloured cell holds words (headers, headings); no cell is a colour swatch with no text.
        for row in sheet.iter_rows():
            for cell in row:
                if cell.fill is not None and cell.fill.fill_type == "solid":
                    assert cell.value not in (None, ""), (sheet.title, cell.coordinate)
        # Each colour rule keys on a column whose cells say the same thing in words.
        for ranges in sheet.conditional_formatting:
            for rule in ranges.rules:
                column = re.search(r"\$([A-Z]+)2", rule.formula[0])[1]
                header = sheet[f"{column}1"].value
                assert header in {"Priority", "Decision"}, (sheet.title, rule.formula)
                if header == "Priority":
                    label = re.search(r'="(\w+)"', rule.formula[0])[1]
                    shown = [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)]
                    assert label in shown  # the colour's meaning is written in the Priority cell
    review = table(book["Review"])
    assert [row["Priority"] for row in review] == [
        "High",
        "Medium",
        "Low",
        "Info",
    ]  # the word beside the colour
