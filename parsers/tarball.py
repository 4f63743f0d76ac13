"""Read-only access to a ``.tar.gz`` export (Mastodon's account archive), streamed, never extracted.

A gzip stream has no index, so listing the members reads the archive once, and opening a member seeks
to it (decompressing from the start when it lies behind). Members are checked as they are listed: one
that would inflate far beyond the archive's own size (a tar bomb), or a total beyond any export, is
refused before a byte of it is decompressed.
"""

from __future__ import annotations

import tarfile
import zlib
from pathlib import Path
from typing import BinaryIO

from .errors import ArchiveError

TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")


def is_tarball(path: Path) -> bool:
    """True when ``path`` is a tar archive, compressed or not (checked by content, not by name)."""
    try:
        return tarfile.is_tarfile(path)
    except (OSError, EOFError, zlib.error):
        return False


class TarContainer:
    """One tar archive: ``members`` lists its regular files, ``open`` streams one of them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.tar = tarfile.open(path, "r:*")
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            raise ArchiveError(_damaged(path, exc)) from None

    def members(self, max_ratio: int, min_bytes: int, max_total: int) -> dict[str, int]:
        """Return {member name: size} of the regular files; ArchiveError for a bomb or a damaged archive.

        A member is refused when it is bigger than ``min_bytes`` and than ``max_ratio`` times the
        archive's size on disk, or when all members together exceed ``max_total``.
        """
        on_disk = self.path.stat().st_size
        sizes: dict[str, int] = {}
        total = 0
        try:
            while (info := self.tar.next()) is not None:  # next() checks the header before skipping data
                total += info.size
                if (info.size > min_bytes and info.size > max_ratio * on_disk) or total > max_total:
                    self.close()
                    raise ArchiveError(
                        f"{self.path.name}: refusing {info.name}: it would inflate to {info.size:,} bytes "
                        f"from an archive of {on_disk:,} (a tar bomb?); if this really is your export, "
                        "unpack it yourself and give the folder"
                    )
                if info.isreg():
                    sizes[info.name] = info.size
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            self.close()
            raise ArchiveError(_damaged(self.path, exc)) from None
        return sizes

    def open(self, real_name: str) -> BinaryIO:
        try:
            stream = self.tar.extractfile(real_name)
        except (tarfile.TarError, KeyError, EOFError, zlib.error) as exc:
            raise OSError(f"cannot be found or read in the archive ({exc})") from None
        if stream is None:
            raise OSError("not a regular file")
        return stream  # type: ignore[return-value]

    def close(self) -> None:
        self.tar.close()


def _damaged(path: Path, exc: BaseException) -> str:
    return f"{path.name}: this archive is damaged or incomplete ({exc}); download the export again"
