"""Write the review workbook (.xlsx) with openpyxl in write-only mode, every cell made safe first.

In write-only mode one exception inside ``append`` corrupts the sheet, so values are cleaned before
they are appended, never after; strings are forced to text cells so no post becomes a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from .cells import cell_text, is_formula_like
from .export import iter_records, summary, write_privately
from .pipeline import ScanResult

MAX_ROWS = 1_048_575  # Excel's row limit, minus the header
REVIEW_COLUMNS = [
    ("Priority", "severity", 10),
    ("Categories", "categories", 18),
    ("Date (UTC)", "created_at", 20),
    ("Platform", "platform", 10),
    ("Kind", "kind", 10),
    ("Text", "text", 60),
    ("Why flagged", "why", 45),
    ("Standards", "standards", 28),
    ("Suggested action", "action", 14),
    ("Link", "url", 30),
    ("Where in the archive", "source", 28),
    ("Item id", "item_id", 22),
]


def write_xlsx(result: ScanResult, path: Path) -> None:
    """Write the workbook to ``path`` atomically with owner-only permissions."""
    book = Workbook(write_only=True)
    _summary_sheet(book, result)
    _review_sheet(book, result)
    _read_log_sheet(book, result)

    def save(handle: IO[bytes]) -> None:
        book.save(handle)

    write_privately(path, save)


def _cell(sheet: Any, value: Any, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, list):
        value = "\n".join(map(str, value))
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=cell_text(value))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if is_formula_like(value):
            cell.quotePrefix = True
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def _rows(sheet: Any, rows: Iterable[list[Any]]) -> None:
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _summary_sheet(book: Workbook, result: ScanResult) -> None:
    sheet = book.create_sheet("Summary")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 70
    head = summary(result)
    totals = head["totals"]
    rows: list[list[Any]] = [
        ["social-audit report", f"version {head['version']}"],
        ["Regulator", f"{result.engine.standards.name} ({result.engine.standards.document})"],
        ["Items read", totals["items"]],
        ["Items flagged", totals["flagged"]],
    ]
    rows += [[f"Items on {platform}", count] for platform, count in totals["by_platform"].items()]
    rows += [[f"Items of kind {kind}", count] for kind, count in totals["by_kind"].items()]
    rows += [
        [],
        [
            "Privacy",
            "This file holds your posts and other people's. Keep it private and delete it when you have "
            "finished your review.",
        ],
        [
            "How to use",
            "Work down the Review sheet: each row says why it was flagged. The tool flags; you decide.",
        ],
    ]
    _rows(sheet, rows)


def _review_sheet(book: Workbook, result: ScanResult) -> None:
    sheet = book.create_sheet("Review")
    for index, (_, _, width) in enumerate(REVIEW_COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"  # must be set before the first append in write-only mode
    sheet.append([_cell(sheet, title, bold=True) for title, _, _ in REVIEW_COLUMNS])
    for number, record in enumerate(iter_records(result.items)):
        if number >= MAX_ROWS:
            break
        sheet.append([_cell(sheet, record[key]) for _, key, _ in REVIEW_COLUMNS])
    sheet.auto_filter.ref = (
        f"A1:{chr(ord('A') + len(REVIEW_COLUMNS) - 1)}{min(len(result.items), MAX_ROWS) + 1}"
    )


def _read_log_sheet(book: Workbook, result: ScanResult) -> None:
    sheet = book.create_sheet("Read log")
    sheet.append([_cell(sheet, title, bold=True) for title in ("Archive", "File", "Items", "Problems")])
    _rows(sheet, ([s.archive, s.file, s.items, s.problems] for s in result.sources))
