"""Read social media export archives into normalised items.

Each platform is a module that satisfies ``base.Platform`` (``name``, ``label``, ``detect``, ``refusal``,
``iter_items``) and reads its files through ``base.read_member``. ``PLATFORMS`` is the one registry:
adding a platform is one module and one entry here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import bluesky, linkedin, mastodon, reddit, tiktok, twitter
from .archive import Archive, open_archive
from .base import Platform
from .copies import drop_identical
from .errors import ArchiveError, DataFileError
from .meta import facebook, instagram, threads
from .models import KIND_LABELS, KINDS, Detection, FileLog, Item, ReadLog
from .single_file import SINGLE_FILE_SUFFIXES
from .tarball import TAR_SUFFIXES

PLATFORMS: tuple[Platform, ...] = (  # type: ignore[assignment]
    twitter,
    facebook,
    instagram,
    threads,
    linkedin,
    tiktok,
    reddit,
    bluesky,
    mastodon,
)

__all__ = [
    "KIND_LABELS",
    "KINDS",
    "PLATFORMS",
    "Archive",
    "ArchiveError",
    "DataFileError",
    "Detection",
    "Export",
    "FileLog",
    "Item",
    "Platform",
    "ReadLog",
    "detect",
    "iter_items",
    "open_archive",
    "open_exports",
]


@dataclass
class Export:
    """One export to scan: its archive and what was recognised in it."""

    archive: Archive
    detections: list[Detection]
    copies: list[str] = field(default_factory=list)  # identical exports also given, read only once


def detect(archive: Archive) -> list[Detection]:
    """Return what each registered platform recognises in ``archive`` (usually one)."""
    found = []
    for platform in PLATFORMS:
        detection = platform.detect(archive)
        if detection is not None:
            found.append(detection)
    return found


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield the items of one recognised platform in ``archive``."""
    yield from platform(detection.platform).iter_items(
        archive, detection, log, include_messages=include_messages
    )


def platform(name: str) -> Platform:
    """Return the registered platform called ``name`` (an Item's ``platform`` value)."""
    for registered in PLATFORMS:
        if registered.name == name:
            return registered
    raise ValueError(f"no platform called {name!r}")


def open_exports(
    paths: Sequence[Path | str],
) -> tuple[list[Export], list[tuple[Path, ArchiveError]]]:
    """Open every export found in ``paths``; return them, and (path, error) for paths that are not exports.

    A path may be an export (zip or folder) or a folder that holds several exports (one level down).
    Several parts of one export given together (same platform and layout, no file in common) are merged
    into one archive, as large Facebook downloads come in several zips. The same export given twice is
    opened once, the others listed in its ``copies``.
    """
    found: list[tuple[Path, Export]] = []
    errors: list[tuple[Path, ArchiveError]] = []
    for path in map(Path, paths):
        try:
            archive = open_archive(path)
        except ArchiveError as exc:
            errors.append((path, exc))
            continue
        detections = _detect_or_refuse(path, archive, errors)
        if detections is None:
            continue
        if detections:
            found.append((path, Export(archive, detections)))
            continue
        unreadable: list[tuple[Path, ArchiveError]] = []
        children = _child_exports(path, unreadable) if path.is_dir() else []
        errors.extend(unreadable)
        if children:
            archive.close()
            found.extend(children)
        else:
            if not unreadable:
                errors.append((path, ArchiveError(unrecognised_message(archive))))
            archive.close()
    return _merge_parts(drop_identical(found)), errors


# Files that may be a whole export: zips, Mastodon's tar.gz, Bluesky's repo.car.
_EXPORT_SUFFIXES = (".zip", *TAR_SUFFIXES, *SINGLE_FILE_SUFFIXES)


def _child_exports(folder: Path, errors: list[tuple[Path, ArchiveError]]) -> list[tuple[Path, Export]]:
    """Open the exports one level down in ``folder``; what cannot be read goes to ``errors``."""
    children = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        errors.append(
            (folder, ArchiveError(f"{folder}: cannot be listed ({exc.strerror}); check its permissions"))
        )
        return []
    for child in entries:
        exportable = child.name.lower().endswith(_EXPORT_SUFFIXES) or _is_dir(child)
        if not exportable or child.name.startswith("."):
            continue
        try:
            archive = open_archive(child)
        except ArchiveError as exc:
            errors.append((child, exc))
            continue
        detections = _detect_or_refuse(child, archive, errors)
        if detections:
            children.append((child, Export(archive, detections)))
        elif detections is not None:
            if child.suffix.lower() == ".zip":  # a stray folder is common; a stray zip may be a mistake
                errors.append((child, ArchiveError(unrecognised_message(archive))))
            archive.close()
    return children


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return True  # opening it will say what is wrong


def _detect_or_refuse(
    path: Path, archive: Archive, errors: list[tuple[Path, ArchiveError]]
) -> list[Detection] | None:
    """Return what the parsers recognise; None, with the archive closed and the error kept, for an export
    that a parser recognises but must refuse (its HTML format)."""
    detections = detect(archive)
    if detections:
        return detections
    message = _refusal(archive)
    if message:
        archive.close()
        errors.append((path, ArchiveError(message)))
        return None
    return []


def _refusal(archive: Archive) -> str | None:
    """Ask each platform whether ``archive`` is its export in a form it must refuse (HTML)."""
    for registered in PLATFORMS:
        message = registered.refusal(archive)
        if message:
            return message
    return None


def _merge_parts(found: list[tuple[Path, Export]]) -> list[Export]:
    """Merge exports that are parts of one download: same platform and layout, disjoint data files."""
    merged: list[tuple[list[Path], Export]] = []
    for path, export in found:
        key = [(d.platform, d.generation) for d in export.detections]
        files = {f for d in export.detections for f in d.files}
        for paths, other in merged:
            other_files = {f for d in other.detections for f in d.files}
            if [(d.platform, d.generation) for d in other.detections] == key and not files & other_files:
                other.archive.close()
                export.archive.close()
                paths.append(path)
                archive = open_archive(paths)
                other.archive, other.detections = archive, detect(archive)
                break
        else:
            merged.append(([path], export))
    return [export for _, export in merged]


def unrecognised_message(archive: Archive) -> str:
    """Explain why ``archive`` is not a readable export and what to do instead."""
    message = _refusal(archive)
    if message:
        return message
    names = archive.names()
    nested = _nesting_message(archive.label, names)
    if nested:
        return nested
    html = [n for n in names if n.lower().endswith((".html", ".htm"))]
    data = [n for n in names if n.lower().endswith(".json") or (n.endswith(".js") and "assets/" not in n)]
    if html and not data:
        return (
            f"{archive.label}: this is an HTML-format export, which cannot be read reliably; request a new "
            "download in JSON format (Facebook: Download your information > Format: JSON; Instagram: "
            "Download your information > Format: JSON)"
        )
    return (
        f"{archive.label}: not {_labels()} export (none of their data files were found); give the .zip "
        "you downloaded, or the folder it unzipped into"
    )


def _nesting_message(label: str, names: list[str]) -> str | None:
    """Explain an export that is one step further in: a zip inside the zip, or a second wrapper folder."""
    zips = [n for n in names if n.lower().endswith(".zip")]
    if zips and len(zips) * 2 >= len(names):
        inner = ", ".join(zips[:3]) + (" …" if len(zips) > 3 else "")
        return f"{label}: this holds another zip ({inner}): unzip it and give the zip inside instead"
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        return (
            f"{label}: the export is inside two folders (the second is {tops.pop()}/): give the innermost "
            "folder, the one that holds the export's own files"
        )
    return None


def _labels() -> str:
    """ "a Facebook, Instagram, Threads or X (Twitter)": the registered platforms, for messages."""
    labels = sorted(registered.label for registered in PLATFORMS)
    listed = f"{', '.join(labels[:-1])} or {labels[-1]}" if len(labels) > 1 else labels[0]
    return ("an " if listed[0] in "AEIOU" else "a ") + listed
