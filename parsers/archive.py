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
import stat
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

# JSON in real exports deflates about 10:1; media hardly at all. Anything far beyond is hostile: one
# member that inflates 200-fold, or members that together would inflate to more than 50 times the zip
# (a bomb split into many members each too small to stand out), beyond an allowance for small exports.
BOMB_RATIO = 200
BOMB_MIN_BYTES = 16 << 20
TOTAL_RATIO = 50
TOTAL_ALLOWANCE = 256 << 20
MAX_TOTAL_BYTES = 256 << 30
REREADS = 4  # a member may be read more than once (a peek at its start, a second pass): bytes inflated


def inflate_limit(zip_size: int) -> int:
    """The most that all members of a zip of ``zip_size`` bytes may declare they inflate to."""
    return min(TOTAL_RATIO * zip_size + TOTAL_ALLOWANCE, MAX_TOTAL_BYTES)


class _Member(NamedTuple):
    container: _Container
    real_name: str
    size: int


class _ZipContainer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.inflated = 0  # bytes read from all members, checked against REREADS times the limit
        self.limit = REREADS * inflate_limit(path.stat().st_size)
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
        self.problems: list[str] = []  # subfolders that could not be listed

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

    def __init__(self, raw: BinaryIO, archive: Archive, name: str, member: _Member) -> None:
        self._raw = raw
        self._archive = archive
        self._name = name
        self._member = member
        self._read = 0

    def readable(self) -> bool:
        return True

    def note_repairs(self, count: int) -> None:
        """Record that ``count`` damaged characters were replaced while reading this member (jsonstream)."""
        repairs = self._archive.repairs
        repairs[self._name] = max(repairs.get(self._name, 0), count)  # a file may be read twice

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._raw.read(size)
        # bad CRC, cut-off deflate or gzip data, a tar member cut short
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, tarfile.TarError) as exc:
            raise DataFileError(
                f"{self._name}: damaged inside the zip ({exc}); download the export again"
            ) from None
        self._archive.bytes_read += len(data)
        self._read += len(data)
        if self._read > self._member.size:
            raise DataFileError(
                f"{self._name}: holds more than its declared size of {self._member.size:,} bytes (a crafted "
                "or damaged zip, or a file that changed during the scan?); the rest of it was not read"
            )
        container = self._member.container
        if isinstance(container, _ZipContainer):
            container.inflated += len(data)
            if container.inflated > container.limit:
                raise DataFileError(
                    f"{self._name}: {container.path.name} has inflated to {container.inflated:,} bytes, far "
                    "more than an export of its size holds (a zip bomb?); the rest was not read"
                )
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
        self.repairs: dict[str, int] = {}  # member -> damaged characters replaced with U+FFFD
        self.problems: list[str] = []  # what could not be read of the export itself (unlistable folders)
        self._members: dict[str, _Member] = {}
        self._names: list[str] | None = None
        self._containers: list[_Container] = []

    def _add(self, container: _Container, members: dict[str, _Member]) -> None:
        self._containers.append(container)
        self.problems.extend(getattr(container, "problems", ()))
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
                reason = (
                    getattr(exc, "strerror", None) or "unreadable"
                )  # not str(exc): it holds the full path
                raise DataFileError(
                    f"{name}: cannot be read ({reason}); check the file's permissions"
                ) from None
            raise DataFileError(
                f"{name}: damaged inside the zip ({exc}); download the export again"
            ) from None
        return _CountingReader(raw, self, name, member)  # type: ignore[return-value]

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
    try:
        return _open_path(path)
    except OSError as exc:  # e.g. a folder on the way that the user may not enter
        raise ArchiveError(
            f"{path}: cannot be read ({exc.strerror or 'unreadable'}); check its permissions"
        ) from None


def _open_path(path: Path) -> tuple[_Container, dict[str, _Member]]:
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
    limit = inflate_limit(path.stat().st_size)  # bombs split into many members too
    sizes = container.members(BOMB_RATIO, BOMB_MIN_BYTES, limit)
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
    limit = inflate_limit(container.path.stat().st_size)
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
    if total > limit:
        container.close()
        raise ArchiveError(
            f"{name}: refusing it: its {len(members):,} files would inflate to {total:,} bytes from a "
            f"{container.path.stat().st_size:,}-byte zip, far more than any export (a zip bomb?); if this "
            "really is your export, unzip it yourself and give the folder"
        )
    return members


def _dir_members(container: _DirContainer) -> dict[str, _Member]:
    """Every plain file under the folder; folders and files that cannot be listed go to its problems."""
    root = container.path
    members: dict[str, _Member] = {}

    def unlisted(error: OSError) -> None:
        path = Path(error.filename or root)
        where = path.relative_to(root).as_posix() if path.is_relative_to(root) and path != root else path.name
        container.problems.append(
            f"{where}: cannot be opened ({error.strerror or 'unreadable'}), so what is in it was not read; "
            "check its permissions"
        )

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted):
        dirnames[:] = sorted(d for d in dirnames if d != "__MACOSX")
        for filename in filenames:
            full = os.path.join(dirpath, filename)
            if filename in _JUNK:
                continue
            try:
                info = os.lstat(full)
            except OSError as exc:
                unlisted(exc)
                continue
            if stat.S_ISREG(info.st_mode):  # not a link, pipe or device (a pipe would block the scan)
                members[Path(full).relative_to(root).as_posix()] = _Member(container, full, info.st_size)
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
