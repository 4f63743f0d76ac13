"""Write the review workbook (.xlsx): the file a person opens, decides on, and acts from.

Sheets, in order: Summary (what was read, counts, a chart, how to use the file, a privacy notice),
Review (one row per flagged item with a Decision drop-down, continued on "Review (2)", … past the row
limit), All items (only with ``--all``), Rules, Standards, How to delete, Read log.

openpyxl's write-only mode keeps memory flat, but it has sharp edges (shared/reference/io-bench.md §4):
- one exception inside ``append`` corrupts the sheet for good, so every value first goes through
  ``_cell``, which turns anything into a safe cell and cannot fail on content;
- a string starting with "=" becomes a formula and "#N/A" an error value unless the cell is forced to
  text, so every string cell is;
- column widths and frozen panes count only when set before the first row;
- it does not check Excel's row limit, so long tables are split across continuation sheets here.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from copy import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rules import CATEGORIES, SEVERITIES

from . import __version__
from .cells import cell_value, is_formula_like
from .export import iter_records, write_privately
from .frames import sort_for_review
from .pipeline import ScanResult

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_ROWS = 1_048_575  # Excel's row limit, minus the header row
HYPERLINK_LIMIT = 65_530  # Excel drops the links past this many on one sheet
URL_LIMIT = 2_079  # the longest link address Excel accepts
DECISIONS = ("Keep", "Delete", "Edit", "Make private", "Not a concern")
NOTHING_FLAGGED = "Nothing was flagged for review."
LINE_HEIGHT = 15  # points: one line of the default 11-point font
MAX_LINES = 15  # taller rows make the sheet hard to scan; the whole text shows when the cell is selected
CHARS_PER_WIDTH = 1.1  # characters of ordinary text per unit of column width (a unit is one "0")
PRINT_FIT_WIDTH = (
    300  # tables up to this total width print one page wide; wider ones (Review) would be unreadable
)
_WEB_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)

PLATFORM_LABELS = {
    "twitter": "X (Twitter)",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "threads": "Threads",
}
CATEGORY_LABELS = {
    "confidentiality": "Confidentiality",
    "discrimination": "Discrimination",
    "offensive": "Offensive language",
    "harassment": "Harassment or threats",
    "sexual": "Sexual content",
    "substances": "Alcohol, drugs or illegal acts",
    "workplace": "Workplace venting",
    "boundaries": "Professional boundaries",
    "misinformation": "Misinformation",
    "personal_info": "Personal information",
    "location": "Location",
    "promotion": "Misleading promotion",
}
KIND_LABELS = {
    "post": "Posts",
    "reply": "Replies",
    "comment": "Comments",
    "share": "Shares and reposts",
    "like": "Likes and reactions",
    "message": "Messages",
    "profile": "Profile details",
    "membership": "Groups and pages joined",
    "media": "Photos and videos with no text",
}

_TOP = Alignment(vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
_SEVERITY_FILLS = {"High": "F8CBAD", "Medium": "FFE699", "Low": "FFF2CC", "Info": "DDEBF7"}
_DECIDED_FILL = "C6EFCE"


@dataclass(frozen=True)
class Style:
    """A named cell style: each workbook registers it once, and cells only point at it."""

    name: str
    alignment: Alignment = _TOP
    font: Font | None = None
    fill: PatternFill | None = None

    def named(self) -> NamedStyle:
        """A fresh openpyxl NamedStyle (each workbook binds its own)."""
        return NamedStyle(self.name, font=self.font, fill=self.fill, alignment=self.alignment)


PLAIN = Style("social-audit plain")
WRAPPED = Style("social-audit wrapped", _WRAP)
HEADER = Style("social-audit header", _WRAP, _BOLD, _HEADER_FILL)
HEADING = Style("social-audit heading", _TOP, Font(bold=True, size=13))
TITLE = Style("social-audit title", _TOP, Font(bold=True, size=16))
WARNING = Style("social-audit warning", _TOP, Font(bold=True, color="C00000"))
LABEL = Style("social-audit label", _TOP, _BOLD)
VALUE = Style("social-audit value", Alignment(horizontal="left", vertical="top"))  # numbers in line with text
LINK = Style("social-audit link", _TOP, Font(color="0563C1", underline="single"))
STYLES = (PLAIN, WRAPPED, HEADER, HEADING, TITLE, WARNING, LABEL, VALUE, LINK)


class _Book(Workbook):
    """A write-only workbook with our named styles registered, each kept as a ready style array.

    Styling a cell is then one copy of that array: setting fonts and alignments (or even a style name)
    cell by cell costs openpyxl look-ups and hashes, a fifth of the writing time of a large Review sheet.
    """

    def __init__(self) -> None:
        super().__init__(write_only=True)
        self.style_arrays: dict[str, Any] = {}  # style name -> openpyxl StyleArray
        for style in STYLES:
            named = style.named()
            self.add_named_style(named)
            self.style_arrays[style.name] = named.as_tuple()


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: its header, the record field it shows, and its width."""

    header: str
    field: str
    width: float
    link: bool = False  # show the value as a clickable web link when it is one
    wrap: bool = True  # False for paths and addresses: cut off at the column's edge, not wrapped


REVIEW_COLUMNS = (
    Column("Priority", "severity", 10),
    Column("Confidence", "confidence", 11),
    Column("Categories", "categories", 22),
    Column("Date (UTC)", "created_at", 18),
    Column("Platform", "platform", 12),
    Column("Kind", "kind", 10),
    Column("Text", "text", 60),
    Column("Why flagged", "why", 45),
    Column("Standards cited", "standards", 30),
    Column("Suggested action", "action", 13),
    Column("Decision", "decision", 15),
    Column("Notes", "notes", 30),
    Column("Link", "url", 30, link=True, wrap=False),
    Column("Where in the archive", "source", 26, wrap=False),
    Column("Original author", "author", 16),
    Column("Audience", "audience", 18),
    Column("Location", "location", 18),
    Column("Media files", "media", 8),
    Column("Rules", "rules", 12),
    Column("Item id", "item_id", 21, wrap=False),
)
RULE_COLUMNS = (
    Column("Rule", "id", 10),
    Column("Name", "name", 26),
    Column("What it flags", "title", 36),
    Column("Category", "category", 20),
    Column("Severity", "severity", 10),
    Column("Confidence", "confidence", 11),
    Column("Why it matters", "rationale", 60),
    Column("What to do", "guidance", 50),
    Column("Clauses cited", "clauses", 30),
    Column("Items flagged", "flagged", 10),
)
STANDARD_COLUMNS = (
    Column("Category", "category", 24),
    Column("Clause", "label", 30),
    Column("What it asks (in our words)", "summary", 70),
    Column("Number confirmed", "confirmed", 14),
    Column("Where to read it", "url", 40, link=True, wrap=False),
    Column("Items flagged in this category", "flagged", 14),
)
HOW_TO_COLUMNS = (
    Column("Platform", "platform", 16),
    Column("To do this", "task", 34),
    Column("Steps", "steps", 100),
)
READ_LOG_COLUMNS = (
    Column("Archive", "archive", 26),
    Column("File", "file", 46),
    Column("Items read", "items", 11),
    Column("Problems", "problems", 80),
)


def write_xlsx(result: ScanResult, path: Path, *, max_rows: int = MAX_ROWS) -> None:
    """Write the workbook to ``path`` atomically with owner-only permissions.

    ``max_rows`` is the number of data rows per sheet before a continuation sheet starts (Excel's
    limit by default; tests pass a small one).
    """
    if max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    book = _Book()
    try:
        _write_sheets(book, result, max_rows)
        # Saved in memory first (it is compressed: about 200 bytes a row), so a full disk while writing
        # the report fails cleanly, with openpyxl finished and nothing half-written on disk.
        packed = io.BytesIO()
        book.save(packed)
    except BaseException:
        _discard(book)
        raise
    write_privately(path, lambda handle: handle.write(packed.getbuffer()))


def _write_sheets(book: _Book, result: ScanResult, max_rows: int) -> None:
    flagged = review_items(result.items)
    review_titles = part_titles("Review", len(flagged), max_rows)
    _summary_sheet(book, result, flagged, review_titles)
    _table(book, "Review", REVIEW_COLUMNS, _item_rows(flagged), max_rows, _finish_review, NOTHING_FLAGGED)
    if result.options.all_items:
        _table(book, "All items", REVIEW_COLUMNS, _item_rows(result.items), max_rows, _finish_review)
    _table(book, "Rules", RULE_COLUMNS, _rule_rows(result, flagged), max_rows)
    _table(book, "Standards", STANDARD_COLUMNS, _standard_rows(result, flagged), max_rows)
    _table(book, "How to delete", HOW_TO_COLUMNS, _how_to_rows(), max_rows)
    _table(book, "Read log", READ_LOG_COLUMNS, _read_log_rows(result), max_rows)


def _discard(book: _Book) -> None:
    """Stop the sheet writers of a workbook that failed and delete their temporary files (post text)."""
    for sheet in book.worksheets:
        with suppress(Exception):
            if not sheet.closed:
                sheet.close()
        with suppress(Exception):
            sheet._writer.cleanup()


def review_items(items: pd.DataFrame) -> pd.DataFrame:
    """Return the flagged rows of ``items``: most severe first, then oldest first, undated last."""
    is_flagged = items["severity"].notna()
    return sort_for_review(items if is_flagged.all() else items[is_flagged])


def part_titles(title: str, rows: int, max_rows: int) -> list[str]:
    """Return the sheet titles a table of ``rows`` rows needs: "Review", "Review (2)", …"""
    parts = max(1, math.ceil(rows / max_rows))
    return [title] + [f"{title} ({number})" for number in range(2, parts + 1)]


# Cells ------------------------------------------------------------------------------------------------


def _cell(sheet: WriteOnlyWorksheet, value: Any, style: Style = PLAIN) -> WriteOnlyCell | None:
    """Turn any value into a cell that cannot break the sheet (None for an empty cell)."""
    value = cell_value(value)
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell._style = copy(sheet.parent.style_arrays[style.name])  # first: it is the cell's whole format
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula or an error value, whatever the text starts with
        if is_formula_like(value):
            cell.quotePrefix = True  # and Excel keeps it as text when the cell is edited
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    return cell


def _link_cell(sheet: WriteOnlyWorksheet, url: Any) -> WriteOnlyCell | None:
    """A clickable cell for a web address; anything else (file:, javascript:, too long) stays text."""
    text = cell_value(url)
    if not is_web_link(text):
        return _cell(sheet, text)
    cell = _cell(sheet, text, LINK)
    cell.hyperlink = text
    return cell


def is_web_link(text: Any) -> bool:
    """True for an http(s) address with no spaces or control characters that Excel can open."""
    return isinstance(text, str) and len(text) <= URL_LIMIT and _WEB_LINK.fullmatch(text) is not None


# Table sheets -----------------------------------------------------------------------------------------

Finish = Callable[["WriteOnlyWorksheet", int], None]


def _table(
    book: _Book,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[dict[str, Any]],
    max_rows: int,
    finish: Finish | None = None,
    empty: str | None = None,
) -> None:
    """Write ``rows`` under a header, starting a continuation sheet every ``max_rows`` rows.

    ``finish`` adds what depends on the row count (drop-downs, colours); ``empty`` is a line to show
    under the header when there are no rows at all.
    """
    sheet: WriteOnlyWorksheet | None = None
    count = links = part = 0
    widths = _wrap_widths(columns)
    for row in rows:
        if sheet is None or count == max_rows:
            if sheet is not None:
                _close_table(sheet, columns, count, finish)
            part += 1
            sheet = _table_sheet(book, title if part == 1 else f"{title} ({part})", columns)
            count = links = 0
        cells = []
        for column in columns:
            value = row.get(column.field)
            if value is None:
                cell = None
            elif column.link and links < HYPERLINK_LIMIT:
                cell = _link_cell(sheet, value)
                links += cell is not None and cell.hyperlink is not None
            else:
                cell = _cell(sheet, value, WRAPPED if column.wrap else PLAIN)
            cells.append(cell)
        _append_sized(sheet, count + 2, cells, widths)
        count += 1
    if sheet is None:
        sheet = _table_sheet(book, title, columns)
        if empty:
            sheet.append([_cell(sheet, empty)])
    _close_table(sheet, columns, count, finish)


def _table_sheet(book: _Book, title: str, columns: Sequence[Column]) -> WriteOnlyWorksheet:
    sheet = book.create_sheet(title)
    # Widths and frozen panes are ignored once a row is written (write-only mode).
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    _print_landscape(sheet, fit_width=sum(column.width for column in columns) <= PRINT_FIT_WIDTH)
    sheet.print_title_rows = "1:1"
    header = [_cell(sheet, column.header, HEADER) for column in columns]
    _append_sized(sheet, 1, header, [column.width for column in columns])
    return sheet


def _print_landscape(sheet: WriteOnlyWorksheet, fit_width: bool) -> None:
    sheet.page_setup.orientation = "landscape"
    if fit_width:  # shrink to one page wide, as many pages long as it takes
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToHeight = 0


def _wrap_widths(columns: Sequence[Column]) -> list[float | None]:
    return [column.width if column.wrap else None for column in columns]


def _append_sized(
    sheet: WriteOnlyWorksheet, number: int, cells: list[WriteOnlyCell | None], widths: Sequence[float | None]
) -> None:
    """Append row ``number`` tall enough for its wrapped text (``widths``: None where a cell never wraps).

    Neither Excel nor LibreOffice grows rows to fit wrapped text when it opens a file, so the height
    is estimated here from the text's length in each column's width.
    """
    pairs = zip(cells, widths, strict=False)
    lines = max((_lines(cell.value, width) for cell, width in pairs if cell is not None and width), default=1)
    if lines > 1:
        sheet.row_dimensions[number].height = min(lines, MAX_LINES) * LINE_HEIGHT
    sheet.append(cells)
    sheet.row_dimensions.pop(number, None)  # written already: keep memory flat on long sheets


def _lines(value: Any, width: float) -> int:
    """How many lines ``value`` takes wrapped in a column ``width`` characters wide."""
    if not isinstance(value, str):
        return 1
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    if len(value) <= per_line and "\n" not in value:
        return 1
    return sum(max(1, math.ceil(len(line) / per_line)) for line in value.split("\n"))


def _close_table(
    sheet: WriteOnlyWorksheet, columns: Sequence[Column], count: int, finish: Finish | None
) -> None:
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    if finish is not None:
        finish(sheet, count)


def _finish_review(sheet: WriteOnlyWorksheet, count: int) -> None:
    """Add the Decision drop-down and the colours (by priority, and green once decided)."""
    if count == 0:
        return
    fields = [column.field for column in REVIEW_COLUMNS]
    priority = get_column_letter(fields.index("severity") + 1)
    decision = get_column_letter(fields.index("decision") + 1)
    last_row = count + 1
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(DECISIONS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Decision",
        error="Choose one of: " + ", ".join(DECISIONS) + " (or leave it empty).",
    )
    choices.add(f"{decision}2:{decision}{last_row}")
    sheet.data_validations.append(choices)
    rules = sheet.conditional_formatting
    rules.add(f"{decision}2:{decision}{last_row}", _fill_rule(f"LEN(${decision}2)>0", _DECIDED_FILL))
    whole_rows = f"A2:{get_column_letter(len(REVIEW_COLUMNS))}{last_row}"
    for label, colour in _SEVERITY_FILLS.items():
        rules.add(whole_rows, _fill_rule(f'${priority}2="{label}"', colour))


def _fill_rule(formula: str, colour: str) -> FormulaRule:
    fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    return FormulaRule(formula=[formula], fill=fill, stopIfTrue=True)


# Rows of each table -----------------------------------------------------------------------------------


def _item_rows(items: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The items as Review rows: the export record, shown for people (the JSON keeps raw values)."""
    for record in iter_records(items):
        yield {field: _SHOWN.get(field, _as_is)(value) if value else None for field, value in record.items()}


def _as_is(value: Any) -> Any:
    return value


def _capitalised(value: Any) -> str:
    return str(value).capitalize()


def _utc_time(iso: str) -> datetime | str:
    """A naive UTC datetime Excel can sort and filter, from "YYYY-MM-DDTHH:MM:SSZ"."""
    try:
        return datetime.fromisoformat(iso.removesuffix("Z"))
    except (AttributeError, ValueError):
        return iso


_SHOWN: dict[str, Callable[[Any], Any]] = {
    "severity": _capitalised,
    "confidence": _capitalised,
    "action": _capitalised,
    "platform": lambda platform: PLATFORM_LABELS.get(platform, platform),
    "categories": lambda categories: ", ".join(CATEGORY_LABELS.get(c, c) for c in categories),
    "rules": ", ".join,
    "created_at": _utc_time,
}


def _rule_rows(result: ScanResult, flagged: pd.DataFrame) -> Iterator[dict[str, Any]]:
    fired = _tally(flagged, "rules")
    standards = result.engine.standards
    for rule in result.engine.rules:
        yield {
            "id": rule.id,
            "name": rule.name,
            "title": rule.title,
            "category": CATEGORY_LABELS.get(rule.category, rule.category),
            "severity": rule.severity.capitalize(),
            "confidence": rule.confidence.capitalize(),
            "rationale": " ".join(rule.rationale.split()),
            "guidance": " ".join(rule.guidance.split()),
            "clauses": "\n".join(clause.label for clause in standards.cite(rule.category)),
            "flagged": fired.get(rule.id, 0),
        }


def _standard_rows(result: ScanResult, flagged: pd.DataFrame) -> Iterator[dict[str, Any]]:
    in_category = _tally(flagged, "categories")
    standards = result.engine.standards
    for category in CATEGORIES:
        for clause in standards.cite(category):
            yield {
                "category": CATEGORY_LABELS.get(category, category),
                "label": clause.label,
                "summary": clause.summary,
                "confirmed": "Yes" if clause.confirmed else "No: check the number in the regulator's text",
                "url": clause.url,
                "flagged": in_category.get(category, 0),
            }


def _read_log_rows(result: ScanResult) -> Iterator[dict[str, Any]]:
    for source in result.sources:
        yield {
            "archive": source.archive,
            "file": source.file,
            "items": source.items,
            "problems": "\n".join(source.problems),
        }


def _how_to_rows() -> Iterator[dict[str, Any]]:
    for platform, task, steps in HOW_TO_DELETE:
        yield {"platform": platform, "task": task, "steps": steps}


def _tally(items: pd.DataFrame, list_column: str) -> dict[str, int]:
    """Count the items each value of a list column appears in, e.g. rule id -> flagged items."""
    if items.empty:
        return {}
    return items[list_column].explode().dropna().value_counts().to_dict()


# Summary ----------------------------------------------------------------------------------------------


class _Lines:
    """A free-form write-only sheet that counts its rows, so tables and the chart know where they are."""

    def __init__(self, book: _Book, title: str, widths: Sequence[float]) -> None:
        self.sheet = book.create_sheet(title)
        for index, width in enumerate(widths, 1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        _print_landscape(self.sheet, fit_width=True)
        self.widths = widths
        self.row = 0

    def add(self, values: Sequence[Any] = (), style: Style = PLAIN, first: Style | None = None) -> int:
        """Append one row (``first`` styles its first cell) and return its row number."""
        cells = [
            _cell(self.sheet, value, first if index == 0 and first else style)
            for index, value in enumerate(values)
        ]
        self.row += 1
        _append_sized(self.sheet, self.row, cells, self.widths if style.alignment.wrap_text else ())
        return self.row

    def heading(self, text: str) -> None:
        """Leave a blank row, then a section heading."""
        self.add()
        self.add([text], HEADING)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> tuple[int, int]:
        """Append a header and rows; return the header's row number and the last row's."""
        top = self.add(header, HEADER)
        for row in rows:
            self.add(row, VALUE)
        return top, self.row


def _summary_sheet(book: _Book, result: ScanResult, flagged: pd.DataFrame, review_titles: list[str]) -> None:
    sheet = _Lines(book, "Summary", [46] + [15] * 13)
    standards = result.engine.standards
    written = datetime.now(UTC)
    sheet.add(["social-audit review report"], TITLE)
    sheet.add(
        [
            f"Written {written.day} {written:%B %Y at %H:%M} UTC by social-audit {__version__}, "
            f"against the standards of the {standards.name}."
        ]
    )
    sheet.heading("Keep this file private")
    for line in PRIVACY_NOTICE:
        sheet.add([line], first=WARNING if line is PRIVACY_NOTICE[0] else PLAIN)
    sheet.heading("At a glance")
    for label, value in _at_a_glance(result, flagged, review_titles):
        sheet.add([label, value], VALUE, first=LABEL)
    sheet.heading("What was read")
    sheet.table(["Archive", "Platform", "Files read", "Items", "Problems", "Layout"], _archive_rows(result))
    sheet.heading("Items read, by platform")
    sheet.table(
        ["Platform", "Items"],
        ((PLATFORM_LABELS.get(p, p), n) for p, n in result.totals["by_platform"].items()),
    )
    sheet.heading("Items read, by kind")
    sheet.table(["Kind", "Items"], ((KIND_LABELS.get(k, k), n) for k, n in result.totals["by_kind"].items()))
    sheet.heading("Flagged items by category and priority")
    sheet.add(["An item flagged in two categories is counted in each; the last row counts each item once."])
    sheet.table(["Category", *(s.capitalize() for s in reversed(SEVERITIES)), "All"], _category_rows(flagged))
    sheet.heading("Flagged items by year and category")
    _year_chart(sheet, flagged)
    sheet.heading("Rules that fired most")
    sheet.table(["Rule", "Items", "What it flags (category)"], _top_rule_rows(result, flagged))
    sheet.heading("How to use this workbook")
    for line in HOW_TO_USE:
        sheet.add([line])
    sheet.heading("Priority and confidence")
    for line in PRIORITY_NOTES:
        sheet.add([line])


def _at_a_glance(
    result: ScanResult, flagged: pd.DataFrame, review_titles: list[str]
) -> list[tuple[str, Any]]:
    totals = result.totals
    options = result.options
    standards = result.engine.standards
    media = totals["by_kind"].get("media", 0)
    problems = sum(len(source.problems) for source in result.sources)
    where = " and ".join(f"'{t}'" for t in review_titles)
    rows: list[tuple[str, Any]] = [
        ("Items read", totals["items"]),
        ("Items flagged for review", len(flagged)),
        ("", f"They are listed on the {where} sheet{'s' if len(review_titles) > 1 else ''}."),
        ("Photos and videos with no text", media),
        ("", "The tool cannot check pictures: look through these yourself." if media else "None."),
        ("Dates of the items read", _date_range(result.first, result.last)),
        ("Regulator", f"{standards.name} ({standards.document})"),
        ("", standards.url),
        ("Dates checked", _date_filter(options.since, options.until)),
        (
            "Direct messages",
            "checked (the messages you sent)"
            if options.include_messages
            else "not checked (scan with --include-messages to check the messages you sent)",
        ),
        ("Problems while reading", f"{problems}: see the Read log sheet" if problems else "none"),
    ]
    return rows


def _date_range(first: pd.Timestamp | None, last: pd.Timestamp | None) -> str:
    if first is None or last is None:
        return "no dated items"
    return f"{_day(first)} to {_day(last)}"


def _day(moment: Any) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _date_filter(since: Any, until: Any) -> str:
    if since is None and until is None:
        return "all dates"
    parts = [f"from {_day(since)}" if since else "", f"to {_day(until)}" if until else ""]
    return " ".join(p for p in parts if p) + " (items without a date are always included)"


def _archive_rows(result: ScanResult) -> Iterator[list[Any]]:
    files: dict[str, int] = {}
    items: dict[str, int] = {}
    problems: dict[str, int] = {}
    for source in result.sources:
        files[source.archive] = files.get(source.archive, 0) + (1 if source.file else 0)
        items[source.archive] = items.get(source.archive, 0) + source.items
        problems[source.archive] = problems.get(source.archive, 0) + len(source.problems)
    recognised = set()
    for label, detections in result.exports:
        recognised.add(label)
        for detection in detections:
            platform = PLATFORM_LABELS.get(detection.platform, detection.platform)
            counts = [files.get(label, 0), items.get(label, 0), problems.get(label, 0)]
            yield [label, platform, *counts, detection.description]
    for label in problems:
        if label not in recognised:
            yield [label, "could not be read", 0, 0, problems[label], "see the Read log sheet"]


def _category_rows(flagged: pd.DataFrame) -> Iterator[list[Any]]:
    levels = list(reversed(SEVERITIES))
    pairs = flagged[["severity", "categories"]].explode("categories")
    counts = pairs.groupby(["categories", "severity"]).size().to_dict() if len(pairs) else {}
    for category, label in CATEGORY_LABELS.items():
        row = [counts.get((category, level), 0) for level in levels]
        yield [label, *row, sum(row)]
    by_level = flagged["severity"].value_counts().to_dict()
    row = [by_level.get(level, 0) for level in levels]
    yield ["Any category (items)", *row, sum(row)]


def _year_chart(sheet: _Lines, flagged: pd.DataFrame) -> None:
    """A table of flagged items by year and category, and a stacked bar chart drawn from it."""
    if flagged.empty:
        sheet.add(["Nothing was flagged."])
        return
    pairs = pd.DataFrame({"year": flagged["created_at"].dt.year, "category": flagged["categories"]}).explode(
        "category"
    )
    pairs["year"] = pairs["year"].map(lambda y: "Undated" if pd.isna(y) else str(int(y)))
    table = pd.crosstab(pairs["year"], pairs["category"])
    dated = sorted(int(year) for year in table.index if year != "Undated")
    years = [str(year) for year in range(dated[0], dated[-1] + 1)] if dated else []  # quiet years too
    years += ["Undated"] if "Undated" in table.index else []
    table = table.reindex(years, fill_value=0)
    categories = [c for c in CATEGORY_LABELS if c in table.columns]
    categories += sorted(c for c in table.columns if c not in CATEGORY_LABELS)  # from extra rule packs
    rows = ([year, *(int(table.at[year, c]) for c in categories)] for year in years)
    top, bottom = sheet.table(["Year", *(CATEGORY_LABELS.get(c, c) for c in categories)], rows)
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "Flagged items by year and category"
    chart.y_axis.title = "Items"
    chart.x_axis.title = "Year"
    # openpyxl 3.1 marks axes as deleted unless told otherwise, and Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = 24, 9  # centimetres
    data = Reference(sheet.sheet, min_col=2, max_col=1 + len(categories), min_row=top, max_row=bottom)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet.sheet, min_col=1, min_row=top + 1, max_row=bottom))
    sheet.sheet.add_chart(chart, f"A{bottom + 2}")
    for _ in range(_CHART_ROWS):  # keep the rows under the chart empty
        sheet.add()


_CHART_ROWS = 19  # 9 cm at the default row height of 15 points, plus a margin


def _top_rule_rows(result: ScanResult, flagged: pd.DataFrame, limit: int = 10) -> Iterator[list[Any]]:
    fired = _tally(flagged, "rules")
    rules = {rule.id: rule for rule in result.engine.rules}
    for rule_id, count in sorted(fired.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]:
        rule = rules.get(rule_id)
        what = f"{rule.title} ({CATEGORY_LABELS.get(rule.category, rule.category)})" if rule else None
        yield [rule_id, count, what]


# Words ------------------------------------------------------------------------------------------------

PRIVACY_NOTICE = (
    "This workbook holds your posts and messages, and other people's names, words and details too.",
    "Keep it on a device only you use. Do not email it, upload it to cloud storage or share it.",
    "It was made on this computer: social-audit sends nothing over the internet.",
    "When you have finished, delete this file and the export archives you downloaded, then empty the "
    "recycle bin.",
)

HOW_TO_USE = (
    "1. Open the Review sheet. The most serious items come first, and within each priority the oldest.",
    "2. Read the text, then 'Why flagged'. The tool only flags what might be a problem: you know the "
    "context, so you decide.",
    "3. Pick a Decision from the drop-down (Keep, Delete, Edit, Make private or Not a concern) and add "
    "Notes if useful; the cell turns green.",
    "4. Open the item with its Link, or find it in your download with 'Where in the archive'.",
    "5. The How to delete sheet says how to delete, edit or hide items on each platform.",
    "6. Use the filter buttons in the header row to see one priority, category or platform at a time.",
    "7. The Rules sheet explains every rule; the Standards sheet lists the clauses cited, in our own words.",
    "8. If you are unsure about an item, ask your tutor, manager, union or professional body before you act.",
)

PRIORITY_NOTES = (
    "Priority is how serious the item could be if the flag is right: High, Medium, Low or Info.",
    "Confidence is how sure the match is: Low means read it carefully, it may well be harmless.",
    "Suggested action is a starting point only: Delete for serious items, Edit where a change would do.",
)

# (platform, task, steps): our own summary of each platform's settings, as they were in 2025. Menus
# change, so the first rows say what to search for in the platform's help when a step does not match.
HOW_TO_DELETE: tuple[tuple[str, str, str], ...] = (
    (
        "Any platform",
        "Before you start",
        "Work down the Review sheet from the top. Record each Decision as you go, so you can stop and pick "
        "up later. Menu names change often: if a step below does not match what you see, search the "
        'platform\'s help centre for the task (for example "delete a post").',
    ),
    (
        "Any platform",
        "Know what deleting does not do",
        "Deleting removes the item from the platform, but not copies others made: screenshots, quotes, "
        "shares, replies that quote you, web archives or search results. Search engines usually drop a "
        "deleted page after a while; Google's 'Remove outdated content' tool can speed this up.",
    ),
    (
        "X (Twitter)",
        "Delete a post or reply",
        "Open the post (the Link column takes you there), select the ⋯ (More) menu on it, choose Delete "
        "and confirm. Replies are posts and are deleted the same way. X has no way to delete posts in bulk; "
        "services that offer it need access to your account, so weigh that before using one.",
    ),
    (
        "X (Twitter)",
        "Edit a post",
        "Old posts cannot be edited (X only allows a short edit window after posting, and only on paid "
        "plans). Delete the post and, if you still want to say it, post a new version.",
    ),
    (
        "X (Twitter)",
        "Undo a repost (retweet) or a quote",
        "Open the original post, select the Repost button (shown in green when you have reposted) and "
        "choose Undo repost. A quote post is your own post: delete it as above.",
    ),
    (
        "X (Twitter)",
        "Remove a like",
        "Open the liked post (the Link column) and select the heart again so it is no longer filled. Your "
        "likes are also listed on the Likes tab of your profile.",
    ),
    (
        "X (Twitter)",
        "Limit who sees your past posts",
        "Settings and privacy > Privacy and safety > Audience and tagging > Protect your posts. Only your "
        "followers will then see your posts, old ones included; remove followers you do not know. Copies "
        "already made elsewhere are not affected.",
    ),
    (
        "X (Twitter)",
        "Direct messages",
        "Deleting a message or a conversation removes it for you only: the other person keeps their copy.",
    ),
    (
        "Facebook",
        "Delete or edit a post",
        "On the post, select ⋯ and choose Delete (or Move to trash) or Edit post. Shared posts are your "
        "posts and are removed the same way.",
    ),
    (
        "Facebook",
        "Delete many posts at once",
        "Open your profile, select ⋯ > Activity log (or Settings & privacy > Activity log), then Your "
        "activity across Facebook > Posts. Filter by date, tick the posts and choose Trash or Archive. "
        "Items in Trash are deleted after 30 days; empty the Trash to delete them now. Archived posts are "
        "hidden from everyone but you.",
    ),
    (
        "Facebook",
        "Delete or edit a comment",
        "In the Activity log, open Comments (under Interactions or Your activity), find the comment and "
        "use ⋯ to delete it, or go to the post and use ⋯ beside your comment to edit or delete it.",
    ),
    (
        "Facebook",
        "Remove likes and reactions",
        "In the Activity log, open Likes and reactions (under Interactions), then use ⋯ beside an item "
        "and choose Unlike or Remove reaction.",
    ),
    (
        "Facebook",
        "Change who can see one post",
        "On the post, select ⋯ > Edit audience and choose Friends or Only me. Posts in a group follow the "
        "group's setting: delete them or ask the group's admins.",
    ),
    (
        "Facebook",
        "Limit who sees all your past posts",
        "Settings & privacy > Settings > Privacy (or Audience and visibility > Posts) > Limit the "
        "audience for posts you've shared with friends of friends or Public > Limit past posts. Your old "
        "public posts become visible to friends only. People tagged in a post, and their friends, may "
        "still see it.",
    ),
    (
        "Instagram",
        "Delete, archive or edit a post",
        "Open the post, select ⋯ and choose Delete, Archive (hidden from everyone but you, and reversible) "
        "or Edit to change the caption or location.",
    ),
    (
        "Instagram",
        "Delete many posts, comments or likes at once",
        "Profile > menu > Your activity. Under Photos and videos (posts, reels) or Interactions (comments, "
        "likes), choose Select, tick the items (Sort and filter narrows them by date) and choose Delete, "
        "Archive or Unlike.",
    ),
    (
        "Instagram",
        "Make deletion final",
        "Deleted posts stay in Your activity > Recently deleted for about 30 days; delete them there to "
        "remove them at once.",
    ),
    (
        "Instagram",
        "Limit who sees your past posts",
        "Settings > Account privacy > Private account. Only followers you approve will see your posts, old "
        "ones included; remove followers you do not know.",
    ),
    (
        "Threads",
        "Delete or edit a post or reply",
        "On the post, select ⋯ and choose Delete. Editing is only possible for a short time after posting: "
        "for older posts, delete them and post again if you wish.",
    ),
    (
        "Threads",
        "Remove a like or a repost",
        "Select the heart again to remove a like; select the repost button and choose Remove to undo a "
        "repost.",
    ),
    (
        "Threads",
        "Limit who sees your past posts",
        "Settings > Privacy > Private profile. Only followers you approve will see your posts and replies.",
    ),
    (
        "Any platform",
        "When you have finished",
        "Delete this workbook and your export downloads, and empty the recycle bin. Review your privacy "
        "settings once a year; keep work and personal accounts apart.",
    ),
)
