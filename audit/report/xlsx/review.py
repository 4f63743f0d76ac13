"""The Review sheet: one row per flagged item, with a Decision drop-down, coloured by priority."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, tzinfo
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rules import CATEGORY_LABELS
from rules.standards import Standards

from ...places import with_nearest_town
from ..dates import local_time
from ..records import iter_records
from .book import DECIDED_FILL, PLATFORM_LABELS, SEVERITY_FILLS, Column, fill_rule

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

DECISIONS = ("Keep", "Delete", "Edit", "Make private", "Not a concern")
NOTHING_FLAGGED = "Nothing was flagged for review."

# What a person decides from comes first, and the header and everything up to the text stay frozen while
# scrolling, so Decision and Notes are on screen beside the post on a laptop; the details follow.
REVIEW_COLUMNS = (
    Column("Priority", "severity", 9),
    Column("Date", "created_at", 16),
    Column("Platform", "platform", 12),
    Column("Kind", "kind", 9),
    Column("Text", "text", 50),
    Column("Why flagged", "why", 40),
    Column("Decision", "decision", 14, editable=True),
    Column("Notes", "notes", 30, editable=True),
    Column("Suggested action", "action", 12),
    Column("Confidence", "confidence", 11),
    Column("Categories", "categories", 22),
    Column("Standards cited", "standards", 50, sets_height=False),
    Column("Link", "url", 30, link=True, wrap=False),
    Column("Where in the archive", "source", 26, wrap=False),
    Column("Original author", "author", 16),
    Column("Audience", "audience", 18),
    Column("Location", "location", 18),
    Column("Media files", "media", 8),
    Column("Rules", "rules", 12),
    Column("Item id", "item_id", 21, wrap=False),
)


def review_frozen_columns() -> int:
    """How many columns stay in view when scrolling right: up to and including the text."""
    return [column.field for column in REVIEW_COLUMNS].index("text") + 1


def review_printed_columns() -> int:
    """How many columns a printout shows: up to Notes (all twenty would print too small to read)."""
    return [column.field for column in REVIEW_COLUMNS].index("notes") + 1


def finish_review(sheet: WriteOnlyWorksheet, count: int) -> None:
    """Add the Decision drop-down and the colours (by priority, and the whole row green once decided)."""
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
    whole_rows = f"A2:{get_column_letter(len(REVIEW_COLUMNS))}{last_row}"
    # Added first, so it wins over the priority colours (the priority stays readable as a word).
    rules.add(whole_rows, fill_rule(f"LEN(${decision}2)>0", DECIDED_FILL))
    for label, colour in SEVERITY_FILLS.items():
        rules.add(whole_rows, fill_rule(f'${priority}2="{label}"', colour))


def item_rows(
    items: pd.DataFrame, standards: Standards | None = None, zone: tzinfo = UTC
) -> Iterator[dict[str, Any]]:
    """The items as Review rows: the export record, shown for people (the JSON keeps raw values).

    Dates are real spreadsheet dates in ``zone``; each clause cited is followed by its short paraphrase
    from ``standards`` (the Standards sheet has the links); the JSON and CSV keep the bare citations.
    """
    summaries: dict[tuple[str, ...], dict[str, str]] = {}  # by the item's categories: few distinct sets
    for record in iter_records(items):
        row = {field: _SHOWN.get(field, _as_is)(value) if value else None for field, value in record.items()}
        if row["created_at"]:
            row["created_at"] = local_time(row["created_at"], zone) or row["created_at"]  # bad: as written
        if row["standards"] and standards is not None:
            categories = tuple(record["categories"])
            if categories not in summaries:
                summaries[categories] = clause_summaries(standards, categories)
            known = summaries[categories]
            row["standards"] = "\n".join(
                f"{label}: {known[label]}" if label in known else label for label in record["standards"]
            )
        yield row


def clause_summaries(standards: Standards, categories: tuple[str, ...]) -> dict[str, str]:
    """Citation label -> paraphrase for the clauses ``categories`` cite (the first, as the engine does:
    one guidance heading may be paraphrased differently for two categories)."""
    summaries: dict[str, str] = {}
    for category in categories:
        for clause in standards.by_category.get(category, ()):  # every edition: the item's date chose
            summaries.setdefault(clause.label, clause.brief)
    return summaries


def _as_is(value: Any) -> Any:
    return value


def _capitalised(value: Any) -> str:
    return str(value).capitalize()


_SHOWN: dict[str, Callable[[Any], Any]] = {
    "severity": _capitalised,
    "confidence": _capitalised,
    "action": _capitalised,
    "platform": lambda platform: PLATFORM_LABELS.get(platform, platform),
    "categories": lambda categories: ", ".join(CATEGORY_LABELS.get(c, c) for c in categories),
    "rules": ", ".join,
    "location": with_nearest_town,
}
