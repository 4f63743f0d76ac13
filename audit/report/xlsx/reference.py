"""The reference sheets: Rules, Standards, How to delete and Read log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import tzinfo
from typing import Any

import pandas as pd

from parsers import PLATFORMS
from rules import CATEGORIES, CATEGORY_LABELS

from ...pipeline import ScanResult
from ...places import with_nearest_town
from .book import PLATFORM_LABELS, Column, tally

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
    Column("Edition", "edition", 30),
    Column("In force", "period", 22),
    Column("Cited for", "applies", 26),
    Column("How the number was checked", "verification", 34),
    Column("Where to read it", "url", 40, link=True, wrap=False),
    Column("Items flagged in this category", "flagged", 14),
)
HOW_TO_COLUMNS = (
    Column("Platform", "platform", 16),
    Column("To do this", "task", 34),
    Column("Steps", "steps", 100),
)
PHOTO_COLUMNS = (
    Column("Date", "created_at", 16),
    Column("Platform", "platform", 12),
    Column("Archive", "archive", 22, wrap=False),
    Column("Photo or video file", "media_path", 50, wrap=False),
    Column("Where in the archive", "source", 40, wrap=False),
    Column("Place", "location", 36),
    Column("Checked? Notes", "notes", 36, editable=True),
)
# With --thumbnails: the preview second, beside the date, where it is seen before scrolling.
PREVIEW_COLUMN = Column("Preview", "thumbnail", 18, picture=True)
PHOTO_COLUMNS_WITH_PREVIEW = (PHOTO_COLUMNS[0], PREVIEW_COLUMN, *PHOTO_COLUMNS[1:])
READ_LOG_COLUMNS = (
    Column("Archive", "archive", 26),
    Column("File", "file", 46),
    Column("Items read", "items", 11),
    Column("Problems", "problems", 80),
)


def rule_rows(result: ScanResult, flagged: pd.DataFrame) -> Iterator[dict[str, Any]]:
    fired = tally(flagged, "rules")
    standards = result.engine.standards
    model = result.engine.model
    for rule in result.engine.all_rules:
        row = {
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
        if model is not None and rule.id.startswith("MODEL-"):
            # the model's severity and confidence are set per item, from its probabilities
            row["severity"] = row["confidence"] = "Per item"
            row["rationale"] += " " + model.measured_line(rule.category)
        yield row


def standard_rows(result: ScanResult, flagged: pd.DataFrame) -> Iterator[dict[str, Any]]:
    in_category = tally(flagged, "categories")
    standards = result.engine.standards
    for category in CATEGORIES:
        for clause in standards.by_category.get(category, ()):  # both editions, as old posts cite both
            edition = clause.edition
            yield {
                "category": CATEGORY_LABELS.get(category, category),
                "label": clause.label,
                "summary": clause.summary,
                "edition": f"{edition.title} ({edition.edition})" if edition else "",
                "period": (edition.period or "guidance, no edition dates") if edition else "",
                "applies": clause.applies,
                "verification": clause.verification,
                "url": clause.url,
                "flagged": in_category.get(category, 0),
            }


def photo_rows(result: ScanResult, zone: tzinfo) -> Iterator[dict[str, Any]]:
    """The photos and videos with no text: when, which file, where from, any EXIF place, any preview."""
    photos = result.photos
    if photos is None:
        return
    for row in photos.itertuples(index=False):
        when = None if pd.isna(row.created_at) else row.created_at.tz_convert(zone).tz_localize(None)
        location = row.location if isinstance(row.location, str) and row.location else None
        paths = getattr(row, "media_paths", ())
        yield {
            "media_path": "\n".join(paths) if isinstance(paths, tuple) and paths else None,
            # the JPEG, or why there is none ("not in the archive", "a video: open it yourself", …)
            "thumbnail": getattr(row, "thumbnail", None) or getattr(row, "thumbnail_note", None),
            "created_at": None if when is None else when.to_pydatetime(),
            "platform": PLATFORM_LABELS.get(row.platform, row.platform),
            "archive": row.archive,
            "source": row.source,
            "location": with_nearest_town(location) if location else None,
        }


def read_log_rows(result: ScanResult) -> Iterator[dict[str, Any]]:
    for source in result.sources:
        yield {
            "archive": source.archive,
            "file": source.file,
            "items": source.items,
            "problems": "\n".join(source.problems),
        }


def how_to_rows() -> Iterator[dict[str, Any]]:
    rows = [
        *(("Any platform", task, steps) for task, steps in FIRST_STEPS),
        *((platform.label, task, steps) for platform in PLATFORMS for task, steps in platform.deletion_steps),
        *(("Any platform", task, steps) for task, steps in LAST_STEPS),
    ]
    for platform, task, steps in rows:
        yield {"platform": platform, "task": task, "steps": steps}


# (task, steps) that hold on every platform, before and after each platform's own ``deletion_steps``.
# Menus change, so the first rows say what to search for in the platform's help when a step does not match.
FIRST_STEPS: tuple[tuple[str, str], ...] = (
    (
        "Before you start",
        "Work down the Review sheet from the top. Record each Decision as you go, so you can stop and pick "
        "up later. Menu names change often: if a step below does not match what you see, search the "
        'platform\'s help centre for the task (for example "delete a post").',
    ),
    (
        "Know what deleting does not do",
        "Deleting removes the item from the platform, but not copies others made: screenshots, quotes, "
        "shares, replies that quote you, web archives or search results. Search engines usually drop a "
        "deleted page after a while; Google's 'Remove outdated content' tool can speed this up.",
    ),
)
LAST_STEPS: tuple[tuple[str, str], ...] = (
    (
        "When you have finished",
        "Delete this workbook and your export downloads, and empty the recycle bin. Review your privacy "
        "settings once a year; keep work and personal accounts apart.",
    ),
)
