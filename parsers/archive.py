"""Read-only access to an export, whether it is a zip, an unzipped folder, or several zips of one export
(also a tar such as Mastodon's ``.tar.gz``, see ``tarball``, or a lone ``.car``, see ``single_file``).

Members are opened as binary streams and never extracted to disk. Names are POSIX paths relative to the
export root: a single wrapper folder that the user (or the platform) put around the export is removed, so
``twitter-2024-05-01-abc/data/tweets.js`` and ``data/tweets.js`` are the same member.

Zips are checked before use: encrypted zips and zip bombs (members that would inflate far beyond what any
export does) are refused, because we would otherwise spend minutes inflating an attacker's file.
"""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .errors import ArchiveError, DataFileError
from .single_file import SINGLE_FILE_SUFFIXES, SingleFileContainer
from .tarball import TarContainer, is_tarball

# A lone top-level folder with one of these names is part of the export layout, not a wrapper to strip.
KNOWN_TOP_FOLDERS = frozenset(
    {
        "data",  # X/Twitter
        "your_facebook_activity",
        "your_activity_across_facebook",
        "your_instagram_activity",
        "personal_information",
        "posts",
        "photos_and_videos",
        "comments",
        "comments_and_reactions",
        "messages",
        "content",
        "media",
        "profile_information",
        "likes_and_reactions",
        "groups",
        "connections",
    }
)
_JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")

# JSON in real exports deflates about 10:1; media hardly at all. Anything far beyond is hostile.
BOMB_RATIO = 200
BOMB_MIN_BYTES = 16 << 20
MAX_TOTAL_BYTES = 256 << 30


class _Member(NamedTuple):
    container: _Container
    real_name: str
    size: int


class _ZipContainer:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ArchiveError(
                f"{path.name}: this zip is damaged or incomplete ({exc}); download the export again"
            ) from None

    def open(self, real_name: str) -> BinaryIO:
        return self.zip.open(real_name)  # type: ignore[return-value]

    def close(self) -> None:
        self.zip.close()


class _DirContainer:
    def __init__(self, path: Path) -> None:
        self.path = path

    def open(self, real_name: str) -> BinaryIO:
        return open(real_name, "rb")

    def close(self) -> None:
        pass


_Container = _ZipContainer | _DirContainer | TarContainer | SingleFileContainer


class _CountingReader(io.RawIOBase):
    """A binary stream that adds every byte read to the archive's running total (for progress).

    ``read`` passes the underlying chunks through without copying: parsers read 64 KiB at a time and
    need no buffering layer of ours on top of zipfile's.
    """

    def __init__(self, raw: BinaryIO, archive: Archive, name: str) -> None:
        self._raw = raw
        self._archive = archive
        self._name = name

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._raw.read(size)
        # bad CRC, cut-off deflate or gzip data, a tar member cut short
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, tarfile.TarError) as exc:
            raise DataFileError(
                f"{self._name}: damaged inside the zip ({exc}); download the export again"
            ) from None
        self._archive.bytes_read += len(data)
        return data

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


class Archive:
    """One export as a tree of members gathered from one or more zips or folders."""

    def __init__(self, label: str, paths: Sequence[Path]) -> None:
        self.label = label
        self.paths = list(paths)
        self.bytes_read = 0
        self.duplicates: list[str] = []  # names found in more than one part (the first copy wins)
        self._members: dict[str, _Member] = {}
        self._names: list[str] | None = None
        self._containers: list[_Container] = []

    def _add(self, container: _Container, members: dict[str, _Member]) -> None:
        self._containers.append(container)
        self._names = None
        for name, member in members.items():
            if name in self._members:
                self.duplicates.append(name)
            else:
                self._members[name] = member

    def names(self) -> list[str]:
        """Return every member name, sorted (computed once: every parser's detect asks for it)."""
        if self._names is None:
            self._names = sorted(self._members)
        return self._names

    def __contains__(self, name: object) -> bool:
        return name in self._members

    def size(self, name: str) -> int:
        """Return the uncompressed size of member ``name`` in bytes."""
        return self._members[name].size

    def open(self, name: str) -> BinaryIO:
        """Open member ``name`` as a binary stream; DataFileError when the member cannot be opened."""
        member = self._members[name]
        try:
            raw = member.container.open(member.real_name)
        except (OSError, zipfile.BadZipFile, RuntimeError, ValueError) as exc:  # e.g. a bad local header
            # One damaged member is a problem of that file, not of the export: the others are still read.
            if isinstance(member.container, (_DirContainer, SingleFileContainer)):
                raise DataFileError(f"{name}: cannot be read ({exc}); check the file's permissions") from None
            raise DataFileError(
                f"{name}: damaged inside the zip ({exc}); download the export again"
            ) from None
        return _CountingReader(raw, self, name)  # type: ignore[return-value]

    def close(self) -> None:
        """Close every underlying zip file."""
        for container in self._containers:
            container.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_archive(paths: Path | str | Sequence[Path | str]) -> Archive:
    """Open one export from a zip, a folder, or several zips/folders that together hold one export.

    Raises ArchiveError with a message that names the path and says what to do.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    resolved = [Path(p) for p in paths]
    if not resolved:
        raise ArchiveError("no input given: name the .zip you downloaded, or the folder it unzips to")
    archive = Archive(" + ".join(p.name or str(p) for p in resolved), resolved)
    try:
        for path in resolved:
            container, members = _open_one(path)
            archive._add(container, members)
    except ArchiveError:
        archive.close()
        raise
    return archive


def _open_one(path: Path) -> tuple[_Container, dict[str, _Member]]:
    if not path.exists():
        raise ArchiveError(f"{path}: no such file or folder")
    if path.is_dir():
        container: _Container = _DirContainer(path)
        members = _strip_wrapper(_dir_members(container))
        if not members:
            raise ArchiveError(f"{path.name}: the folder is empty; give the folder your export unzipped into")
        return container, members
    if path.suffix.lower() in SINGLE_FILE_SUFFIXES:
        container = SingleFileContainer(path)
        return container, {path.name: _Member(container, str(path), path.stat().st_size)}
    if not zipfile.is_zipfile(path) and is_tarball(path):
        return _open_tarball(path)
    if not zipfile.is_zipfile(path):
        if path.suffix.lower() == ".zip":
            raise ArchiveError(f"{path.name}: this .zip is damaged or incomplete; download the export again")
        raise ArchiveError(
            f"{path.name}: not a zip file or folder; give the .zip you downloaded from the platform "
            "(or the folder it unzips to)"
        )
    container = _ZipContainer(path)
    members = _strip_wrapper(_zip_members(container))
    if not members:
        container.close()
        raise ArchiveError(f"{path.name}: the zip is empty; download the export again")
    return container, members


def _open_tarball(path: Path) -> tuple[TarContainer, dict[str, _Member]]:
    """Open a tar (Mastodon's .tar.gz), bounded like a zip: bombs refused, nothing extracted."""
    container = TarContainer(path)
    sizes = container.members(BOMB_RATIO, BOMB_MIN_BYTES, MAX_TOTAL_BYTES)
    kept = {name: size for name, size in sizes.items() if not _is_junk(name)}
    members = _strip_wrapper({_normalise(n): _Member(container, n, size) for n, size in kept.items()})
    if not members:
        container.close()
        raise ArchiveError(f"{path.name}: the archive is empty; download the export again")
    return container, members


def _zip_members(container: _ZipContainer) -> dict[str, _Member]:
    name = container.path.name
    members: dict[str, _Member] = {}
    total = 0
    for info in container.zip.infolist():
        if info.is_dir() or _is_junk(info.filename):
            continue
        if info.flag_bits & 0x1:
            container.close()
            raise ArchiveError(
                f"{name}: the zip is password-protected (encrypted); unzip it with its password and "
                "give social-audit the folder instead"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        total += info.file_size
        if (info.file_size > BOMB_MIN_BYTES and ratio > BOMB_RATIO) or total > MAX_TOTAL_BYTES:
            container.close()
            raise ArchiveError(
                f"{name}: refusing {info.filename}: it would inflate to {info.file_size:,} bytes "
                f"from {info.compress_size:,} (a zip bomb?); if this really is your export, unzip it "
                "yourself and give the folder"
            )
        members[_normalise(info.filename)] = _Member(container, info.filename, info.file_size)
    return members


def _dir_members(container: _DirContainer) -> dict[str, _Member]:
    root = container.path
    members: dict[str, _Member] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__MACOSX")
        for filename in filenames:
            full = os.path.join(dirpath, filename)
            if os.path.islink(full) or filename in _JUNK:
                continue
            rel = Path(full).relative_to(root).as_posix()
            members[rel] = _Member(container, full, os.path.getsize(full))
    return members


def _normalise(name: str) -> str:
    name = name.replace("\\", "/")
    while name.startswith(("./", "/")):
        name = name[2:] if name.startswith("./") else name[1:]
    return name


def _is_junk(name: str) -> bool:
    return name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1] in _JUNK


def _strip_wrapper(members: dict[str, _Member]) -> dict[str, _Member]:
    """Drop a single top-level folder that wraps the whole export (unless it is a layout folder)."""
    tops = {name.split("/", 1)[0] for name in members}
    if len(tops) != 1 or not all("/" in name for name in members):
        return members
    (top,) = tops
    if top in KNOWN_TOP_FOLDERS:
        return members
    cut = len(top) + 1
    return {name[cut:]: member for name, member in members.items()}
