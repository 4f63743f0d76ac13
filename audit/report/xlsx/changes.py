"""The Summary sheet's "Since the last audit" lines: what changed since the report decisions came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...pipeline import ScanResult


def change_lines(result: ScanResult) -> list[str]:
    """Lines saying what changed since the earlier report (none when there was no earlier report)."""
    changes = result.changes
    if changes is None:
        return []
    lines = [
        f"Compared with {' and '.join(changes.earlier_files)}: {changes.line()}.",
        f"{changes.still_there:,} flagged items are still there as they were, {changes.edited:,} were "
        f"edited, and {changes.gone:,} listed last time are no longer in the export.",
        f"{changes.carried:,} decisions and notes were carried over into the Decision and Notes columns.",
    ]
    if still := changes.still_there_line(result.last):
        lines.append(still)
    return lines
