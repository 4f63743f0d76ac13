"""Recognise the same export given twice (``x.zip`` and ``x (1).zip``, or a zip and the folder it
unzipped to), so that it is read once and nothing is counted twice.

Two exports are the same when their data files have the same names and the same bytes. Names and sizes
are compared first; only exports that agree on those are read to compare a hash of their content.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ArchiveError, DataFileError

if TYPE_CHECKING:
    from . import Export

_BLOCK = 1 << 20


def drop_identical(found: list[tuple[Path, Export]]) -> list[tuple[Path, Export]]:
    """Keep one of each set of identical exports, the shortest-named (``x.zip`` over ``x (1).zip``); the
    others are closed and named in its ``copies``."""
    kept: list[tuple[Path, Export]] = []
    digests: dict[int, bytes | None] = {}
    for path, export in found:
        for index, (first_path, first) in enumerate(kept):
            if _layout(first) == _layout(export) and _digest(first, digests) == _digest(export, digests):
                if len(path.name) < len(first_path.name):
                    kept[index] = (path, export)
                    path, export, first_path, first = first_path, first, path, export
                first.copies.extend([path.name or str(path), *export.copies])
                export.archive.close()
                break
        else:
            kept.append((path, export))
    return kept


def _layout(export: Export) -> tuple:
    """The export's platforms, data file names and sizes: cheap, and enough to tell most exports apart."""
    archive = export.archive
    names = sorted({n for d in export.detections for n in (*d.files, *d.message_files) if n in archive})
    return tuple(d.platform for d in export.detections), tuple((n, archive.size(n)) for n in names)


def _digest(export: Export, cache: dict[int, bytes | None]) -> bytes | None:
    """A hash of every data file's name and bytes (None when one cannot be read: never the same)."""
    if id(export) in cache:
        return cache[id(export)]
    archive = export.archive
    digest = hashlib.sha256()
    try:
        for name, _ in _layout(export)[1]:
            digest.update(name.encode() + b"\0")
            with archive.open(name) as member:
                while block := member.read(_BLOCK):
                    digest.update(block)
        result: bytes | None = digest.digest()
    except (DataFileError, ArchiveError):
        result = None
    archive.bytes_read = 0  # hashing is not progress through the scan
    cache[id(export)] = result
    return result
