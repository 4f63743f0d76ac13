"""The JSON report: the machine-readable contract of shared/DESIGN.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .files import private_file
from .records import iter_records, summary

if TYPE_CHECKING:
    from ..pipeline import ScanResult


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
