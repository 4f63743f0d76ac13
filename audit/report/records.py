"""The report's records: each kept item as plain values in one field order, and the report header.

The JSON, the CSV and the Review sheet all read items through ``iter_records``, so they carry the same
fields with the same values.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import __version__

if TYPE_CHECKING:
    from ..pipeline import ScanResult

# The keys of shared/DESIGN.md's contract come first, unchanged; then the other item columns the Review
# sheet shows, and the two columns the person fills in while reviewing (empty in a new report), so the
# JSON, the CSV and the Review sheet carry the same fields.
CONTRACT_FIELDS = [
    "platform", "item_id", "kind", "created_at", "text", "author", "url", "location", "source",
    "severity", "confidence", "categories", "rules", "why", "standards", "action",
]  # fmt: skip
# Decisions carried over from an earlier report (audit/decisions.py): since_last_audit is "new",
# "still there" or "edited"; decided_on the day a decision was first seen; identity the key that
# recognises an item in a later export.
REVIEW_FIELDS = ["decision", "notes", "decided_on", "since_last_audit"]
ITEM_FIELDS = [*CONTRACT_FIELDS, "media", "audience", *REVIEW_FIELDS, "identity"]
LIST_FIELDS = ("categories", "rules", "why", "standards")


def iter_records(items: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Yield each kept item as a dict of plain JSON values, in ITEM_FIELDS order."""
    for row in items.itertuples(index=False):
        values = row._asdict()
        yield {name: _plain(name, values.get(name)) for name in ITEM_FIELDS}


def _plain(name: str, value: Any) -> Any:
    if name in LIST_FIELDS:
        return list(value) if isinstance(value, (list, tuple)) else []
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def summary(result: ScanResult) -> dict[str, Any]:
    """The report header: tool, version, regulator, totals, sources, and when and what was read."""
    return {
        "tool": "social-audit",
        "version": __version__,
        "regulator": result.regulator,
        "totals": result.totals,
        "sources": [
            {"archive": s.archive, "file": s.file, "items": s.items, "problems": list(s.problems)}
            for s in result.sources
        ],
        "audit": audit_facts(result),
    }


def audit_facts(result: ScanResult) -> dict[str, Any]:
    """When the report was written and the dates and numbers of what was read (no text, no names).

    A tutor's record (audit/record.py) is built from these and the items' categories and decisions.
    """
    return {
        "written": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "first": _plain("created_at", result.first),
        "last": _plain("created_at", result.last),
        "exports": len(result.exports),
        "items": result.totals["items"],
        "flagged": result.totals["flagged"],
        "by_platform": result.totals["by_platform"],
        "since": result.options.since.isoformat() if result.options.since else None,
        "until": result.options.until.isoformat() if result.options.until else None,
        "messages_checked": result.options.include_messages,
    }
