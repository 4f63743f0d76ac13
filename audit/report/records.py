"""The report's records: each kept item as plain values in one field order, and the report header.

The JSON, the CSV and the Review sheet all read items through ``iter_records``, so they carry the same
fields with the same values.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
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
REVIEW_FIELDS = ["decision", "notes"]
ITEM_FIELDS = [*CONTRACT_FIELDS, "media", "audience", *REVIEW_FIELDS]
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
    """The report header: tool, version, regulator, totals and sources."""
    return {
        "tool": "social-audit",
        "version": __version__,
        "regulator": result.regulator,
        "totals": result.totals,
        "sources": [
            {"archive": s.archive, "file": s.file, "items": s.items, "problems": list(s.problems)}
            for s in result.sources
        ],
    }
