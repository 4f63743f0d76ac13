"""Write scan results as JSON (the machine contract of shared/DESIGN.md) or CSV, safely.

Every report file is written to a temporary file beside the target with owner-only permissions and
then renamed into place, so no half-written report is ever left behind and no other user can read it.
"""

from __future__ import annotations

import csv
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd

from . import __version__
from .cells import csv_text
from .pipeline import ScanResult

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
FORMATS = ("xlsx", "json", "csv")


def output_format(path: Path) -> str:
    """Return the report format chosen by the file's suffix (xlsx, json or csv)."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: the report must end in .xlsx, .json or .csv")
    return suffix


def write_report(result: ScanResult, path: Path) -> None:
    """Write the report in the format its suffix asks for."""
    fmt = output_format(path)
    if fmt == "json":
        write_json(result, path)
    elif fmt == "csv":
        write_csv(result, path)
    else:
        from .workbook import write_xlsx

        write_xlsx(result, path)


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
    """The JSON header: tool, version, regulator, totals and sources."""
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


def write_json(result: ScanResult, path: Path) -> None:
    """Write the JSON contract, streaming the items so memory does not double."""
    header = json.dumps(summary(result), ensure_ascii=False)[:-1]
    # A lone surrogate (which some JSON decoders let through) cannot be encoded as UTF-8: it becomes "?"
    # rather than aborting the whole report.
    with private_file(path, "w", errors="replace") as out:
        out.write(header + ', "items": [')
        for number, record in enumerate(iter_records(result.items)):
            out.write(("\n" if number == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
        out.write("\n]}\n")


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


@contextmanager
def private_file(path: Path, mode: str, **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` (mode 0600) and move it into place only on success."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or Path("."))
    try:
        os.chmod(tmp, 0o600)
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def write_privately(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` with a private binary temp file, then move it to ``path`` (for the workbook)."""
    with private_file(path, "wb") as handle:
        write(handle)


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
