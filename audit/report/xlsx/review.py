"""The Review sheet: one row per flagged item, with a Decision drop-down, coloured by priority."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rules import CATEGORY_LABELS

from ..records import iter_records
from .book import DECIDED_FILL, PLATFORM_LABELS, SEVERITY_FILLS, Column, fill_rule

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

DECISIONS = ("Keep", "Delete", "Edit", "Make private", "Not a concern")
NOTHING_FLAGGED = "Nothing was flagged for review."

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


def finish_review(sheet: WriteOnlyWorksheet, count: int) -> None:
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
    rules.add(f"{decision}2:{decision}{last_row}", fill_rule(f"LEN(${decision}2)>0", DECIDED_FILL))
    whole_rows = f"A2:{get_column_letter(len(REVIEW_COLUMNS))}{last_row}"
    for label, colour in SEVERITY_FILLS.items():
        rules.add(whole_rows, fill_rule(f'${priority}2="{label}"', colour))


def item_rows(items: pd.DataFrame) -> Iterator[dict[str, Any]]:
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
