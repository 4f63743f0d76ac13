"""Write report files safely: owner-only permissions, and never a half-written file left behind.

Every report is written to a temporary file beside the target (mode 0600) and renamed into place only
when complete, so a full disk or an interrupted scan leaves no partial file holding someone's posts.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


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


def unwritable(path: Path) -> str | None:
    """Say why a report cannot be written at ``path`` (checked before a long scan), or None if it can."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        return "it is a folder; give a file name, e.g. report.xlsx"
    if not folder.is_dir():
        return f"there is no folder {folder}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is not writable"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    return None


def write_privately(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` with a private binary temp file, then move it to ``path`` (for the workbook)."""
    with private_file(path, "wb") as handle:
        write(handle)


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
