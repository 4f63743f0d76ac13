"""The CSV report: one row per kept item with the JSON item fields; lists joined with "; "."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cells import csv_text
from .files import private_file
from .records import ITEM_FIELDS, iter_records

if TYPE_CHECKING:
    from ..pipeline import ScanResult


def write_csv(result: ScanResult, path: Path) -> None:
    """Write one row per kept item with the JSON item fields; lists are joined with "; "."""
    with private_file(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(ITEM_FIELDS)
        for record in iter_records(result.items):
            writer.writerow([_csv_value(record[name]) for name in ITEM_FIELDS])


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    return csv_text(str(value))
