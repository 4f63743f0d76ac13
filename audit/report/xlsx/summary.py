"""The Summary sheet: what was read, what was flagged by category, year and rule, and how to use the file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from typing import Any

import pandas as pd
from openpyxl.chart import BarChart, Reference

from parsers import KIND_LABELS
from rules import CATEGORY_LABELS, SEVERITIES

from ... import __version__
from ...pipeline import ScanResult
from ..dates import spoken_date, zone_name
from .book import LABEL, PLAIN, PLATFORM_LABELS, TITLE, VALUE, WARNING, Book, Lines, describe, tally
from .changes import change_lines


def summary_sheet(
    book: Book, result: ScanResult, flagged: pd.DataFrame, review_titles: list[str], zone: tzinfo = UTC
) -> None:
    sheet = Lines(book, "Summary", [46] + [15] * 13)
    standards = result.engine.standards
    written = datetime.now(zone)
    sheet.add(["social-audit review report"], TITLE)
    sheet.add(
        [
            f"Written {written.day} {written:%B %Y at %H:%M} ({zone_name(zone)} time) by social-audit "
            f"{__version__}, "
            f"against the standards of the {standards.name}."
        ]
    )
    sheet.heading("How to use this workbook")
    for line in HOW_TO_USE:
        sheet.add([line])
    sheet.heading("Keep this file private")
    for line in PRIVACY_NOTICE:
        sheet.add([line], first=WARNING if line is PRIVACY_NOTICE[0] else PLAIN)
    sheet.heading("At a glance")
    for label, value in _at_a_glance(result, flagged, review_titles, zone):
        sheet.add([label, value], VALUE, first=LABEL)
    if changed := change_lines(result):
        sheet.heading("Since the last audit")
        for line in changed:
            sheet.add([line])
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
    _year_chart(sheet, flagged, zone)
    sheet.heading("Rules that fired most")
    sheet.table(["Rule", "Items", "What it flags (category)"], _top_rule_rows(result, flagged))
    sheet.heading("Priority, confidence and the other sheets")
    for line in PRIORITY_NOTES:
        sheet.add([line])


def _at_a_glance(
    result: ScanResult, flagged: pd.DataFrame, review_titles: list[str], zone: tzinfo
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
        (
            "",
            "The tool cannot check pictures: look through them yourself. They are listed on the "
            "'Photos to check' sheet."
            if media
            else "None.",
        ),
        ("Dates of the items read", _date_range(result.first, result.last, zone)),
        ("Times are shown in", f"{zone_name(zone)} time (this computer's time zone)"),
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


def _date_range(first: pd.Timestamp | None, last: pd.Timestamp | None, zone: tzinfo) -> str:
    if first is None or last is None:
        return "no dated items"
    return f"{spoken_date(first.astimezone(zone))} to {spoken_date(last.astimezone(zone))}"


def _date_filter(since: Any, until: Any) -> str:
    if since is None and until is None:
        return "all dates"
    parts = [f"from {spoken_date(since)}" if since else "", f"to {spoken_date(until)}" if until else ""]
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


def _year_chart(sheet: Lines, flagged: pd.DataFrame, zone: tzinfo) -> None:
    """A table of flagged items by year and category, and a stacked bar chart drawn from it."""
    if flagged.empty:
        sheet.add(["Nothing was flagged."])
        return
    years = flagged["created_at"].dt.tz_convert(zone).dt.year
    pairs = pd.DataFrame({"year": years, "category": flagged["categories"]}).explode("category")
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
    per_year = ", ".join(f"{year}: {int(table.loc[year, categories].sum())}" for year in years)
    describe(
        chart,
        "Bar chart of the items flagged each year, each bar split by category (an item in two categories "
        f"counts in each). Flags per year: {per_year}. The table above the chart gives the same numbers.",
    )
    sheet.sheet.add_chart(chart, f"A{bottom + 2}")
    for _ in range(_CHART_ROWS):  # keep the rows under the chart empty
        sheet.add()


_CHART_ROWS = 19  # 9 cm at the default row height of 15 points, plus a margin


def _top_rule_rows(result: ScanResult, flagged: pd.DataFrame, limit: int = 10) -> Iterator[list[Any]]:
    fired = tally(flagged, "rules")
    rules = {rule.id: rule for rule in result.engine.all_rules}
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
    "2. Read the Text, then 'Why flagged'. The tool only flags what might be a problem: you know the "
    "context, so you decide.",
    "3. Choose a Decision from the drop-down (Keep, Delete, Edit, Make private or Not a concern) and add "
    "Notes if useful: the row turns green.",
    "4. To act on it, open the item with its Link; the How to delete sheet says how on each platform.",
    "5. Unsure about an item? Ask your tutor, manager, union or professional body before you act.",
)

PRIORITY_NOTES = (
    "Priority is how serious the item could be if the flag is right: High, Medium, Low or Info.",
    "Confidence is how sure the match is: Low means read it carefully, it may well be harmless.",
    "Suggested action is a starting point only: Delete for serious items, Edit where a change would do.",
    "The filter buttons in each header row show one priority, category or platform at a time.",
    "No link? 'Where in the archive' says where the item is in your download.",
    "The Rules sheet explains every rule; the Standards sheet lists the clauses cited, in our own words.",
)
