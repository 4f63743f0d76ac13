"""A lone data file given as an export (Bluesky's ``repo.car``): an archive of one member, its own name."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

# Files that are a whole export on their own.
SINGLE_FILE_SUFFIXES = (".car",)


class SingleFileContainer:
    """The file itself, as the only member of its archive."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def open(self, real_name: str) -> BinaryIO:
        return open(real_name, "rb")

    def close(self) -> None:
        pass
