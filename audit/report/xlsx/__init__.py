"""Write the review workbook (.xlsx): the file a person opens, decides on, and acts from.

Sheets, in order: Summary (what was read, counts, a chart, how to use the file, a privacy notice),
Review (one row per flagged item with a Decision drop-down, continued on "Review (2)", … past the row
limit), All items (only with ``--all``), Photos to check, Rules, Standards, How to delete, Read log.

The building blocks (styles, safe cells, tables split at the row limit) are in ``book``; each sheet
has its own module.
"""

from __future__ import annotations

import io
import json
import math
from contextlib import suppress
from pathlib import Path

import pandas as pd

from ...frames import sort_for_review
from ...pipeline import ScanResult
from ..dates import local_zone
from ..files import write_privately
from ..records import audit_facts
from .book import MAX_ROWS, Book, table
from .reference import (
    HOW_TO_COLUMNS,
    PHOTO_COLUMNS,
    PHOTO_COLUMNS_WITH_PREVIEW,
    READ_LOG_COLUMNS,
    RULE_COLUMNS,
    STANDARD_COLUMNS,
    how_to_rows,
    photo_rows,
    read_log_rows,
    rule_rows,
    standard_rows,
)
from .review import (
    NOTHING_FLAGGED,
    REVIEW_COLUMNS,
    ReviewRows,
    review_frozen_columns,
    review_printed_columns,
)
from .summary import summary_sheet

PHOTOS_SHEET = "Photos to check"
NO_PHOTOS = "No photos or videos without text were read."


def write_xlsx(result: ScanResult, path: Path, *, max_rows: int = MAX_ROWS) -> None:
    """Write the workbook to ``path`` atomically with owner-only permissions.

    ``max_rows`` is the number of data rows per sheet before a continuation sheet starts (Excel's
    limit by default; tests pass a small one). Times are shown in the computer's time zone.
    """
    if max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    book = Book()
    try:
        _write_sheets(book, result, max_rows)
        store_audit_facts(book, result)
        # Saved in memory first (it is compressed: about 200 bytes a row), so a full disk while writing
        # the report fails cleanly, with openpyxl finished and nothing half-written on disk.
        packed = io.BytesIO()
        book.save(packed)
    except BaseException:
        _discard(book)
        raise
    write_privately(path, lambda handle: handle.write(packed.getbuffer()))


def _write_sheets(book: Book, result: ScanResult, max_rows: int) -> None:
    flagged = review_items(result.items)
    review_titles = part_titles("Review", len(flagged), max_rows)
    zone = local_zone()
    summary_sheet(book, result, flagged, review_titles, zone)
    frozen, printed = review_frozen_columns(), review_printed_columns()
    standards = result.engine.standards
    review = ReviewRows(flagged, standards, zone)
    table(book, "Review", REVIEW_COLUMNS, review, max_rows, review.finish, NOTHING_FLAGGED, frozen, printed)
    if result.options.all_items:
        everything = ReviewRows(result.items, standards, zone)
        table(
            book, "All items", REVIEW_COLUMNS, everything, max_rows, everything.finish, None, frozen, printed
        )
    photo_columns = PHOTO_COLUMNS_WITH_PREVIEW if result.options.thumbnails else PHOTO_COLUMNS
    table(book, PHOTOS_SHEET, photo_columns, photo_rows(result, zone), max_rows, empty=NO_PHOTOS)
    table(book, "Rules", RULE_COLUMNS, rule_rows(result, flagged), max_rows)
    table(book, "Standards", STANDARD_COLUMNS, standard_rows(result, flagged), max_rows)
    table(book, "How to delete", HOW_TO_COLUMNS, how_to_rows(), max_rows)
    table(book, "Read log", READ_LOG_COLUMNS, read_log_rows(result), max_rows)


AUDIT_FACT_PREFIX = "social-audit "  # document properties "social-audit written", … (`social-audit record`)


def store_audit_facts(book: Book, result: ScanResult) -> None:
    """Keep the audit's dates and counts as document properties, for a later tutor's record.

    One short property per fact (as JSON): Excel keeps a property's text to 255 characters.
    """
    from openpyxl.packaging.custom import StringProperty

    for name, value in {"regulator": result.regulator, **audit_facts(result)}.items():
        book.custom_doc_props.append(StringProperty(name=AUDIT_FACT_PREFIX + name, value=json.dumps(value)))


def _discard(book: Book) -> None:
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
