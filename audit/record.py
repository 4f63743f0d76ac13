"""A record of an audit for a tutor or practice educator: what was read, flagged and decided, no posts.

``social-audit record REPORT -o record.xlsx`` turns a report (workbook, JSON or CSV) into one printable
sheet: the dates of the audit, what was read (platforms, dates, counts), how many items were flagged per
category and priority, what was decided (counts per decision), what remains, and a box for a short
reflection. It holds no post text and no one else's names: only counts, dates, platform and category
names, so it can be shared to support the reflective conversation the regulators' guidance encourages.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from rules import CATEGORY_LABELS, SEVERITIES, RuleError, load_standards

from .actions import ALREADY_DELETED, DECISIONS, KEEP, NOT_A_CONCERN
from .decisions import DecisionsError, canonical_decision, day_of, identity, report_rows
from .report.dates import spoken_date
from .report.files import write_privately
from .report.xlsx import AUDIT_FACT_PREFIX
from .report.xlsx.book import PLATFORM_LABELS

LEVELS = [level for level in reversed(SEVERITIES) if level != "info"]  # high first
UNDECIDED = "Not yet decided"
# Decisions that need nothing more done on the platform.
SETTLED = frozenset({KEEP, NOT_A_CONCERN, ALREADY_DELETED})
REFLECTION_ROWS = 14
WIDTHS = (34, 12, 12, 12, 12, 12)  # columns A-F: fits A4 portrait at about 100 %

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=15)
_HEADING = Font(bold=True, size=12)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LINE = Border(bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass
class Audit:
    """What a report says about an audit, without any post text or names."""

    report: str
    facts: dict[str, Any] = field(default_factory=dict)  # audit_facts of the report, when it kept them
    regulator: str | None = None
    flagged: Counter[tuple[str, str]] = field(default_factory=Counter)  # (category label, level) -> items
    flagged_items: int = 0
    by_level: Counter[str] = field(default_factory=Counter)
    decisions: Counter[str] = field(default_factory=Counter)  # decision (or UNDECIDED) -> items
    still_there: int = 0  # items decided on at an earlier audit and still in this export
    decided_days: list[date] = field(default_factory=list)  # the day of each dated decision


def read_audit(path: Path) -> Audit:
    """Read the counts a record needs from a report; DecisionsError when it cannot be read."""
    path = Path(path)
    audit = Audit(path.name)
    audit.facts, audit.regulator = _facts(path)
    seen: set[str] = set()
    for row in report_rows(path):
        level = str(row.get("severity") or "").strip().lower()
        platform, kind = str(row.get("platform") or ""), str(row.get("kind") or "")
        if level not in LEVELS or not platform or not kind:
            continue  # an unflagged item (--all), or a line that is not an item
        key = str(row.get("identity") or "") or identity(
            platform, str(row.get("item_id") or ""), kind, row.get("created_at"), row.get("text")
        )
        if key in seen:  # the same item on the Review and All items sheets
            continue
        seen.add(key)
        audit.flagged_items += 1
        audit.by_level[level] += 1
        for label in _category_labels(row.get("categories")):
            audit.flagged[(label, level)] += 1
        decision = canonical_decision(row.get("decision"))
        audit.decisions[decision if decision in DECISIONS else (UNDECIDED if not decision else "Other")] += 1
        if decision and (day := day_of(row.get("decided_on"))):
            audit.decided_days.append(day)
        since = str(row.get("since_last_audit") or "").strip().lower()
        audit.still_there += bool(decision) and decision not in SETTLED and since in ("still there", "edited")
    return audit


def write_record(audit: Audit, path: Path, today: date | None = None) -> None:
    """Write the one-sheet record (owner-only, atomically), set to print on one or two A4 pages."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Record"
    for letter, width in zip("ABCDEF", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    lines = _Lines(sheet)
    _fill(lines, audit, today or datetime.now(UTC).date())
    _print_setup(sheet, lines.row)
    write_privately(Path(path), book.save)


def _fill(lines: _Lines, audit: Audit, today: date) -> None:
    facts = audit.facts
    lines.add(["Social media audit: a record for reflection"], _TITLE)
    lines.add(["For a tutor or practice educator. It holds no post text and no other people's names."])
    lines.add()
    for label in ("Name", "Programme or registration"):
        lines.add([label], _BOLD)
        for letter in "BCDEF":
            lines.sheet[f"{letter}{lines.row}"].border = _LINE
    lines.heading("The audit")
    standards = _regulator_name(audit.regulator)
    rows = [
        ("Report written", _when(facts.get("written"))),
        ("This record made", _day(today)),
        (
            "Decisions made",
            _range(min(audit.decided_days, default=None), max(audit.decided_days, default=None)),
        ),
        ("Standards", standards),
        ("Exports read", facts.get("exports")),
        ("Items read", facts.get("items")),
        ("Dates of the items read", _range(facts.get("first"), facts.get("last"))),
        ("Items read by platform", _platforms(facts.get("by_platform"))),
        ("Dates checked", _range(facts.get("since"), facts.get("until"), open_ended=True)),
        ("Direct messages", _messages(facts.get("messages_checked"))),
    ]
    for label, value in rows:
        lines.add([label, "not recorded in this report" if value in (None, "") else value], first=_BOLD)
        lines.sheet.merge_cells(f"B{lines.row}:F{lines.row}")
    lines.heading("What was flagged")
    lines.add(["An item flagged in two categories is counted in each; the last row counts each item once."])
    lines.add(["Category", *(level.capitalize() for level in LEVELS), "All"], header=True)
    categories = sorted({label for label, _ in audit.flagged}, key=_category_order)
    for label in categories:
        counts = [audit.flagged[(label, level)] for level in LEVELS]
        lines.add([label, *counts, sum(counts)])
    totals = [audit.by_level[level] for level in LEVELS]
    lines.add(["Items flagged", *totals, audit.flagged_items], _BOLD)
    lines.heading("What was decided")
    lines.add(["Decision", "Items"], header=True)
    for decision in [*DECISIONS, "Other", UNDECIDED]:
        if audit.decisions[decision]:
            lines.add([decision, audit.decisions[decision]])
    lines.heading("What remains")
    for line in _remains(audit):
        lines.add([line], wrap=True)
    lines.heading("Reflection")
    lines.add(["What I found, what I changed and why, and what I will do differently."], wrap=True)
    top = lines.row + 1
    lines.row += REFLECTION_ROWS
    lines.sheet.merge_cells(f"A{top}:F{lines.row}")
    corner = lines.sheet[f"A{top}"]
    corner.alignment = _WRAP
    for row in lines.sheet.iter_rows(min_row=top, max_row=lines.row, max_col=len(WIDTHS)):
        for cell in row:
            cell.border = _BOX


def _remains(audit: Audit) -> list[str]:
    undecided = audit.decisions[UNDECIDED]
    to_act = sum(n for d, n in audit.decisions.items() if d not in SETTLED and d != UNDECIDED)
    lines = [
        f"{undecided:,} flagged item{'s' if undecided != 1 else ''} not yet decided.",
        f"{to_act:,} decided item{'s' if to_act != 1 else ''} to act on (delete, edit, make private, unlike, "
        "undo a repost or leave a group); a scan of a newer export shows which are done.",
    ]
    if audit.still_there:
        lines.append(f"{audit.still_there:,} of them were decided at an earlier audit and were still there.")
    return lines


class _Lines:
    """Rows appended one after another on the record sheet."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 0

    def add(
        self,
        values: Iterable[Any] = (),
        font: Font | None = None,
        *,
        first: Font | None = None,
        header: bool = False,
        wrap: bool = False,
    ) -> None:
        self.row += 1
        for column, value in enumerate(values, 1):
            cell = self.sheet.cell(self.row, column, value)
            cell.font = (first if column == 1 and first else font) or Font()
            cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=wrap)
            if header:
                cell.font, cell.fill = _BOLD, _HEADER_FILL
        if wrap:  # a long line spans the sheet's width, two lines tall
            self.sheet.merge_cells(f"A{self.row}:F{self.row}")
            self.sheet.row_dimensions[self.row].height = 30

    def heading(self, text: str) -> None:
        self.add()
        self.add([text], _HEADING)


def _print_setup(sheet: Worksheet, last_row: int) -> None:
    """Print on A4 portrait, one page wide and at most two pages long."""
    sheet.print_area = f"A1:F{last_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 2
    sheet.print_options.horizontalCentered = True


def _facts(path: Path) -> tuple[dict[str, Any], str | None]:
    """The report's audit facts and regulator, from a JSON header or workbook properties ({} if none)."""
    try:
        if path.suffix.lower() == ".json":
            return _json_header(path, "audit") or {}, _json_header(path, "regulator")
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True)
            try:
                facts = {
                    prop.name.removeprefix(AUDIT_FACT_PREFIX): json.loads(prop.value)
                    for prop in book.custom_doc_props
                    if prop.name.startswith(AUDIT_FACT_PREFIX) and isinstance(prop.value, str)
                }
            finally:
                book.close()
            return facts, facts.pop("regulator", None)
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        raise DecisionsError(f"{path.name}: cannot be read ({type(exc).__name__})") from None
    return {}, None


def _json_header(path: Path, key: str) -> Any:
    """A header value of a JSON report, read lazily: it comes before the items, so they are not read."""
    import ijson

    with open(path, "rb") as handle:
        try:
            return next(ijson.items(handle, key, use_float=True), None)
        except ijson.JSONError:
            return None


_LABEL_ORDER = list(CATEGORY_LABELS.values())


def _category_order(label: str) -> int:
    return _LABEL_ORDER.index(label) if label in _LABEL_ORDER else len(_LABEL_ORDER)


def _category_labels(value: Any) -> list[str]:
    """Category labels from a JSON list of ids, a CSV "a; b" or a workbook cell of labels "A, B"."""
    if isinstance(value, list):
        return [CATEGORY_LABELS.get(c, c) for c in value]
    text = str(value or "")
    if ";" in text or text.strip() in CATEGORY_LABELS:
        return [CATEGORY_LABELS.get(c.strip(), c.strip()) for c in text.split(";") if c.strip()]
    found = []
    for label in sorted(_LABEL_ORDER, key=len, reverse=True):  # labels may hold commas themselves
        if label in text:
            found.append(label)
            text = text.replace(label, "")
    return found


def _regulator_name(regulator: str | None) -> str | None:
    if not regulator:
        return None
    try:
        standards = load_standards(regulator)
    except RuleError:
        return regulator
    return f"{standards.name} ({standards.document})"


def _platforms(by_platform: Any) -> str | None:
    if not isinstance(by_platform, dict):
        return None
    return ", ".join(f"{PLATFORM_LABELS.get(p, p)} {n:,}" for p, n in by_platform.items())


def _messages(checked: Any) -> str | None:
    if checked is None:
        return None
    return "the messages sent were checked" if checked else "not checked"


def _range(first: Any, last: Any, *, open_ended: bool = False) -> str | None:
    if first is None and last is None:
        return "all dates" if open_ended else None
    parts = [f"from {_day(first)}" if first else "", f"to {_day(last)}" if last else ""]
    return " ".join(p for p in parts if p)


def _when(value: Any) -> str | None:
    return _day(value) if value else None


def _day(value: Any) -> str:
    moment = value if isinstance(value, date) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return spoken_date(moment)
