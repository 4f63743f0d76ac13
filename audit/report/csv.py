"""The CSV report, made to open well in Excel: one row per kept item with the JSON item fields.

- It starts with a UTF-8 byte-order mark, so Excel on Windows reads emoji and Welsh letters ("Tŷ")
  rightly when the file is double-clicked (without it, Excel guesses an old Windows code page).
- ``created_at`` is the local time as "YYYY-MM-DD HH:MM:SS", which Excel reads as a date and time; the
  JSON report keeps UTC.
- Lists are joined with "; ".
- A text that a spreadsheet could run as a formula (starting with = + - @, a tab or a return) gets a
  leading apostrophe. CSV has no way to mark a field as text, so, unlike the workbook (which stores
  such cells as text and shows no apostrophe), the apostrophe stays visible: the price of safety.
"""

from __future__ import annotations

import csv
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cells import csv_text
from .dates import CSV_FORMAT, local_time, local_zone
from .files import private_file
from .records import ITEM_FIELDS, iter_records

if TYPE_CHECKING:
    from ..pipeline import ScanResult

BYTE_ORDER_MARK = "\ufeff"


def write_csv(result: ScanResult, path: Path) -> None:
    """Write one row per kept item with the JSON item fields, for Excel (see the module's notes)."""
    zone = local_zone()
    with private_file(path, "w", newline="") as out:
        out.write(BYTE_ORDER_MARK)
        writer = csv.writer(out)
        writer.writerow(ITEM_FIELDS)
        for record in iter_records(result.items):
            record["created_at"] = _csv_time(record["created_at"], zone)
            writer.writerow([_csv_value(record[name]) for name in ITEM_FIELDS])


def _csv_time(iso: str | None, zone: tzinfo) -> str | None:
    moment = local_time(iso, zone)
    return moment.strftime(CSV_FORMAT) if moment else iso


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    return csv_text(str(value))
