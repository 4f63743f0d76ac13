"""Write scan results: one writer per output format, chosen by the report file's suffix.

Adding a format is one module here with a ``write_<format>(result, path)`` function and one
``OutputFormat`` entry; the CLI takes its suffix check and help from the enum.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..pipeline import ScanResult


class OutputFormat(StrEnum):
    """The report formats, named by their file suffix."""

    XLSX = "xlsx"  # the review workbook, for people
    JSON = "json"  # the machine contract (shared/DESIGN.md)
    CSV = "csv"  # one row per item, for spreadsheets and scripts

    @property
    def suffix(self) -> str:
        """The file suffix, with its dot."""
        return f".{self.value}"

    @classmethod
    def of(cls, path: Path) -> OutputFormat:
        """Return the format that ``path``'s suffix asks for; ValueError for any other suffix."""
        try:
            return cls(Path(path).suffix.lower().lstrip("."))
        except ValueError:
            raise ValueError(f"{Path(path).name}: the report must end in {suffixes()}") from None

    def writer(self) -> Callable[[ScanResult, Path], None]:
        """The function that writes this format (its module is imported only when used)."""
        return getattr(import_module(f"{__name__}.{self.value}"), f"write_{self.value}")


def suffixes() -> str:
    """The accepted suffixes for messages and help, e.g. ".xlsx, .json or .csv"."""
    names = [fmt.suffix for fmt in OutputFormat]
    return ", ".join(names[:-1]) + " or " + names[-1]


def write_report(result: ScanResult, path: Path) -> None:
    """Write the report in the format its suffix asks for."""
    OutputFormat.of(path).writer()(result, path)
