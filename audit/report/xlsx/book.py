"""The workbook's building blocks: named styles, safe cells, and table sheets that split at Excel's limits.

openpyxl's write-only mode keeps memory flat, but it has sharp edges (shared/reference/io-bench.md §4):
- one exception inside ``append`` corrupts the sheet for good, so every value first goes through
  ``cell``, which turns anything into a safe cell and cannot fail on content;
- a string starting with "=" becomes a formula and "#N/A" an error value unless the cell is forced to
  text, so every string cell is;
- column widths and frozen panes count only when set before the first row;
- it does not check Excel's row limit, so long tables are split across continuation sheets here.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zipfile import ZIP_DEFLATED, ZipFile

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from parsers import PLATFORMS

from ..cells import cell_value, is_formula_like

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_ROWS = 1_048_575  # Excel's row limit, minus the header row
HYPERLINK_LIMIT = 65_530  # Excel drops the links past this many on one sheet
URL_LIMIT = 2_079  # the longest link address Excel accepts
PAPER_A4 = 9  # the paper size code for A4 in a sheet's page setup
DATE_FORMAT = "dd/mm/yyyy hh:mm"  # UK order; a real date, so sorting and filtering by date work
LINE_HEIGHT = 15  # points: one line of the default 11-point font
MAX_LINES = 15  # taller rows make the sheet hard to scan; the whole text shows when the cell is selected
POINTS_PER_PIXEL = 0.75  # row heights are in points; images in pixels at 96 dpi
PICTURE_MARGIN = 4  # points below a thumbnail, so that it does not touch the next row
CHARS_PER_WIDTH = 1.1  # characters of ordinary text per unit of column width (a unit is one "0")
_WEB_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)

PLATFORM_LABELS = {platform.name: platform.label for platform in PLATFORMS}  # each platform's own label

_TOP = Alignment(vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
SEVERITY_FILLS = {"High": "F8CBAD", "Medium": "FFE699", "Low": "FFF2CC", "Info": "DDEBF7"}
DECIDED_FILL = "C6EFCE"


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


class _Writer(ExcelWriter):
    """openpyxl's writer, giving each chart its alt text (openpyxl only names charts "Chart 1", …)."""

    def write_worksheet(self, ws: Any) -> None:
        super().write_worksheet(ws)
        drawing = ws._drawing
        plain_frame = drawing._chart_frame

        def described_frame(idx: int) -> Any:
            frame = plain_frame(idx)
            chart = drawing.charts[idx - 1]  # openpyxl numbers the charts first, from 1
            frame.nvGraphicFramePr.cNvPr.descr = getattr(chart, ALT_TEXT, None)
            return frame

        drawing._chart_frame = described_frame


ALT_TEXT = "alt_text"  # the attribute a chart's alt text is kept in until the book is saved


def describe(chart: Any, text: str) -> None:
    """Give ``chart`` alt text, read out by screen readers in place of the picture."""
    setattr(chart, ALT_TEXT, text)


class Book(Workbook):
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

    def save(self, filename: Any) -> None:
        """Save as openpyxl's ``save_workbook`` does, through the writer that keeps the alt text."""
        if not self.worksheets:
            self.create_sheet()
        with ZipFile(filename, "w", ZIP_DEFLATED, allowZip64=True) as archive:
            self.properties.modified = datetime.now(UTC).replace(tzinfo=None)
            _Writer(self, archive).save()


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: its header, the record field it shows, and its width."""

    header: str
    field: str
    width: float
    link: bool = False  # show the value as a clickable web link when it is one
    wrap: bool = True  # False for paths and addresses: cut off at the column's edge, not wrapped
    editable: bool = False  # the person types here: empty cells are styled so typed text wraps at the top
    sets_height: bool = (
        True  # False: wraps within the height the other columns need (shown whole when selected)
    )
    picture: bool = False  # a value of bytes is an image (a thumbnail) drawn in the cell; text stays text


# Cells ------------------------------------------------------------------------------------------------


def safe_cell(sheet: WriteOnlyWorksheet, value: Any, style: Style = PLAIN) -> WriteOnlyCell | None:
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
        cell.number_format = DATE_FORMAT
    return cell


def blank_cell(sheet: WriteOnlyWorksheet, style: Style = WRAPPED) -> WriteOnlyCell:
    """An empty cell that already has ``style``, for what the person types in."""
    cell = WriteOnlyCell(sheet, value=None)
    cell._style = copy(sheet.parent.style_arrays[style.name])
    return cell


def link_cell(sheet: WriteOnlyWorksheet, url: Any) -> WriteOnlyCell | None:
    """A clickable cell for a web address; anything else (file:, javascript:, too long) stays text."""
    text = cell_value(url)
    if not is_web_link(text):
        return safe_cell(sheet, text)
    cell = safe_cell(sheet, text, LINK)
    cell.hyperlink = text
    return cell


def is_web_link(text: Any) -> bool:
    """True for an http(s) address with no spaces or control characters that Excel can open."""
    return isinstance(text, str) and len(text) <= URL_LIMIT and _WEB_LINK.fullmatch(text) is not None


# Table sheets -----------------------------------------------------------------------------------------

Finish = Callable[["WriteOnlyWorksheet", int], None]


def table(
    book: Book,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[dict[str, Any]],
    max_rows: int,
    finish: Finish | None = None,
    empty: str | None = None,
    frozen_columns: int = 0,
    printed_columns: int | None = None,
) -> None:
    """Write ``rows`` under a header, starting a continuation sheet every ``max_rows`` rows.

    ``finish`` adds what depends on the row count (drop-downs, colours); ``empty`` is a line to show
    under the header when there are no rows at all; ``frozen_columns`` stay in view when scrolling right;
    ``printed_columns`` (all by default) are the first columns a printout shows, one page wide.
    """
    sheet: WriteOnlyWorksheet | None = None
    count = links = part = 0
    widths = wrap_widths(columns)
    letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
    for row in rows:
        if sheet is None or count == max_rows:
            if sheet is not None:
                close_table(sheet, columns, count, finish, printed_columns)
            part += 1
            sheet = table_sheet(book, title if part == 1 else f"{title} ({part})", columns, frozen_columns)
            count = links = 0
        cells = []
        height = None
        for column, letter in zip(columns, letters, strict=True):
            value = row.get(column.field)
            if column.picture and isinstance(value, bytes):
                height = picture_cell(sheet, value, f"{letter}{count + 2}")
                cell = None
            elif value is None:
                cell = blank_cell(sheet) if column.editable else None
            elif column.link and links < HYPERLINK_LIMIT:
                cell = link_cell(sheet, value)
                links += cell is not None and cell.hyperlink is not None
            else:
                cell = safe_cell(sheet, value, WRAPPED if column.wrap else PLAIN)
            cells.append(cell)
        append_sized(sheet, count + 2, cells, widths, height)
        count += 1
    if sheet is None:
        sheet = table_sheet(book, title, columns, frozen_columns)
        if empty:
            sheet.append([safe_cell(sheet, empty)])
    close_table(sheet, columns, count, finish, printed_columns)


def table_sheet(
    book: Book, title: str, columns: Sequence[Column], frozen_columns: int = 0
) -> WriteOnlyWorksheet:
    sheet = book.create_sheet(title)
    # Widths and frozen panes are ignored once a row is written (write-only mode).
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}2"  # the header row, and those columns
    print_setup(sheet, landscape=True)
    sheet.print_title_rows = "1:1"  # the header row on every printed page
    header = [safe_cell(sheet, column.header, HEADER) for column in columns]
    append_sized(sheet, 1, header, [column.width for column in columns])
    return sheet


def print_setup(sheet: WriteOnlyWorksheet, landscape: bool, pages_tall: int = 0) -> None:
    """Print one page wide (and at most ``pages_tall`` pages long; 0: as long as it takes), with the
    sheet's name at the top and "Page 2 of 9" at the bottom of each page."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # before the first row (write-only mode)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = pages_tall
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4  # inches
    sheet.oddHeader.center.text = "social-audit: &A"
    sheet.oddFooter.left.text = "Private: holds your posts"
    sheet.oddFooter.right.text = "Page &P of &N"


def wrap_widths(columns: Sequence[Column]) -> list[float | None]:
    return [column.width if column.wrap and column.sets_height else None for column in columns]


def append_sized(
    sheet: WriteOnlyWorksheet,
    number: int,
    cells: list[WriteOnlyCell | None],
    widths: Sequence[float | None],
    min_height: float | None = None,
) -> None:
    """Append row ``number`` tall enough for its wrapped text (``widths``: None where a cell never wraps).

    Neither Excel nor LibreOffice grows rows to fit wrapped text when it opens a file, so the height
    is estimated here from the text's length in each column's width.
    """
    pairs = zip(cells, widths, strict=False)
    lines = max(
        (line_count(cell.value, width) for cell, width in pairs if cell is not None and width), default=1
    )
    height = min(lines, MAX_LINES) * LINE_HEIGHT if lines > 1 else None
    if min_height is not None:
        height = max(height or 0, min_height)
    if height is not None:
        sheet.row_dimensions[number].height = height
    sheet.append(cells)
    sheet.row_dimensions.pop(number, None)  # written already: keep memory flat on long sheets


def picture_cell(sheet: WriteOnlyWorksheet, data: bytes, anchor: str) -> float:
    """Draw the image ``data`` (a small JPEG or PNG) at cell ``anchor``; return the row height it needs."""
    from openpyxl.drawing.image import Image  # needs Pillow, which only --thumbnails brings

    picture = Image(io.BytesIO(data))
    sheet.add_image(picture, anchor)
    return picture.height * POINTS_PER_PIXEL + PICTURE_MARGIN


def line_count(value: Any, width: float) -> int:
    """How many lines ``value`` takes wrapped in a column ``width`` characters wide."""
    if not isinstance(value, str):
        return 1
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    if len(value) <= per_line and "\n" not in value:
        return 1
    return sum(max(1, math.ceil(len(line) / per_line)) for line in value.split("\n"))


def close_table(
    sheet: WriteOnlyWorksheet,
    columns: Sequence[Column],
    count: int,
    finish: Finish | None,
    printed_columns: int | None = None,
) -> None:
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    if printed_columns:
        sheet.print_area = f"A1:{get_column_letter(printed_columns)}{max(count, 1) + 1}"
    if finish is not None:
        finish(sheet, count)


def fill_rule(formula: str, colour: str) -> FormulaRule:
    fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    return FormulaRule(formula=[formula], fill=fill, stopIfTrue=True)


def tally(items: pd.DataFrame, list_column: str) -> dict[str, int]:
    """Count the items each value of a list column appears in, e.g. rule id -> flagged items."""
    if items.empty:
        return {}
    return items[list_column].explode().dropna().value_counts().to_dict()


class Lines:
    """A free-form write-only sheet that counts its rows, so tables and the chart know where they are."""

    def __init__(self, book: Book, title: str, widths: Sequence[float]) -> None:
        self.sheet = book.create_sheet(title)
        for index, width in enumerate(widths, 1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        print_setup(self.sheet, landscape=False, pages_tall=2)
        self.widths = widths
        self.row = 0

    def add(self, values: Sequence[Any] = (), style: Style = PLAIN, first: Style | None = None) -> int:
        """Append one row (``first`` styles its first cell) and return its row number."""
        cells = [
            safe_cell(self.sheet, value, first if index == 0 and first else style)
            for index, value in enumerate(values)
        ]
        self.row += 1
        append_sized(self.sheet, self.row, cells, self.widths if style.alignment.wrap_text else ())
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
