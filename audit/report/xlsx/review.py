"""The Review sheet: one row per flagged item, with a Decision drop-down, coloured by priority."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from datetime import UTC, tzinfo
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rules import CATEGORY_LABELS
from rules.standards import Standards

from ...actions import DECISIONS, action_note, decision_choices
from ...places import with_nearest_town
from ..dates import local_time
from ..records import iter_records
from .book import DECIDED_FILL, PLATFORM_LABELS, SEVERITY_FILLS, Column, fill_rule

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_CHOICE_RANGES = 2_000  # past this many row ranges per choice list, every row offers every choice
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
    Column("Since last audit", "since_last_audit", 12),
    Column("Decided on", "decided_on", 11),
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
    Column("Item key", "identity", 24, wrap=False),  # finds the item in the next export (decisions.py)
)


def review_frozen_columns() -> int:
    """How many columns stay in view when scrolling right: up to and including the text."""
    return [column.field for column in REVIEW_COLUMNS].index("text") + 1


def review_printed_columns() -> int:
    """How many columns a printout shows: up to Notes (all twenty would print too small to read)."""
    return [column.field for column in REVIEW_COLUMNS].index("notes") + 1


class ReviewRows:
    """The Review rows, remembering each written row's Decision choices for its sheet's drop-downs.

    ``table`` writes the rows in order and then finishes each sheet with its row count, so the choices
    of a sheet's rows are the first ``count`` remembered.
    """

    def __init__(self, items: pd.DataFrame, standards: Standards | None = None, zone: tzinfo = UTC) -> None:
        self._items = items
        self._shown = (standards, zone)  # as item_rows takes them
        self._choices: deque[tuple[str, ...]] = deque()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        rows = item_rows(self._items, *self._shown)
        for record, row in zip(iter_records(self._items), rows, strict=True):
            self._choices.append(_choices_of(record))
            if record["action"]:
                category = record["categories"][0] if record["categories"] else ""
                note = action_note(
                    record["platform"], record["kind"], record["action"], record["severity"], category
                )
                row["action"] = f"{row['action']} ({note})" if note else row["action"]
            yield row

    def finish(self, sheet: WriteOnlyWorksheet, count: int) -> None:
        """Finish a sheet of ``count`` rows: drop-downs fitting each row, and the colours."""
        finish_review(sheet, count, [self._choices.popleft() for _ in range(count)])


def _choices_of(record: dict[str, Any]) -> tuple[str, ...]:
    return decision_choices(record["platform"], record["kind"], record["source"], record["author"])


def finish_review(
    sheet: WriteOnlyWorksheet, count: int, choices: list[tuple[str, ...]] | None = None
) -> None:
    """Add the Decision drop-downs and the colours (by priority, and the whole row green once decided).

    ``choices`` holds each row's Decision choices; without it every row offers every choice.
    """
    if count == 0:
        return
    fields = [column.field for column in REVIEW_COLUMNS]
    priority = get_column_letter(fields.index("severity") + 1)
    decision = get_column_letter(fields.index("decision") + 1)
    last_row = count + 1
    for offered, ranges in _choice_ranges(choices or [DECISIONS] * count):
        drop_down = DataValidation(
            type="list",
            formula1='"' + ",".join(offered) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Decision",
            error="Choose one of: " + ", ".join(offered) + " (or leave it empty).",
        )
        for first, last in ranges:
            drop_down.add(f"{decision}{first}:{decision}{last}")
        sheet.data_validations.append(drop_down)
    rules = sheet.conditional_formatting
    whole_rows = f"A2:{get_column_letter(len(REVIEW_COLUMNS))}{last_row}"
    # Added first, so it wins over the priority colours (the priority stays readable as a word).
    rules.add(whole_rows, fill_rule(f"LEN(${decision}2)>0", DECIDED_FILL))
    for label, colour in SEVERITY_FILLS.items():
        rules.add(whole_rows, fill_rule(f'${priority}2="{label}"', colour))


def _choice_ranges(choices: list[tuple[str, ...]]) -> list[tuple[tuple[str, ...], list[tuple[int, int]]]]:
    """Group rows (sheet row 2 onwards) by their choices into runs: [(choices, [(first, last), …]), …]."""
    runs: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for row, offered in enumerate(choices, 2):
        spans = runs.setdefault(offered, [])
        if spans and spans[-1][1] == row - 1:
            spans[-1] = (spans[-1][0], row)
        else:
            spans.append((row, row))
    if sum(len(spans) for spans in runs.values()) > MAX_CHOICE_RANGES:  # too scattered for Excel to load fast
        return [(DECISIONS, [(2, len(choices) + 1)])]
    return list(runs.items())


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
    "since_last_audit": _capitalised,
    "location": with_nearest_town,
}
