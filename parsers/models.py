"""The normalised item every parser yields, and the log of what was read.

Parsers normalise and never judge: an Item holds what the export says, in one shape for every platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

KINDS = ("post", "reply", "comment", "share", "like", "message", "profile", "membership", "media")
# Kind -> how a person reads a count of them (report headings).
KIND_LABELS = {
    "post": "Posts",
    "reply": "Replies",
    "comment": "Comments",
    "share": "Shares and reposts",
    "like": "Likes and reactions",
    "message": "Messages",
    "profile": "Profile details",
    "membership": "Groups and pages joined",
    "media": "Photos and videos with no text",
}


class Item(NamedTuple):
    """One post, comment, share, like, message or profile field, as the columns of the item frame.

    A NamedTuple (not a dataclass) because the pipeline transposes chunks of a million of these with
    ``zip(*chunk)``, which only tuples make cheap.
    """

    platform: str
    item_id: str  # the platform's id as a string (X ids exceed 2**53), else a stable synthetic key
    kind: str  # one of KINDS
    created_at: str | None  # ISO 8601 UTC, "2019-03-02T21:14:05Z"; None when the export has no date
    text: str
    author: str | None = None  # whose words these are when not the user's (shares, likes)
    url: str | None = None
    location: str | None = None  # place name and/or "lat,lon"
    media: int = 0  # number of attached media files
    audience: str | None = None  # visibility, when the export says
    source: str = ""  # "<archive member>#<index>", e.g. "data/tweets.js#1432"
    # Members of the export holding the attached media, when the export names them (the Photos sheet's
    # paths and thumbnails); relative to the export root, like ``source``. Last, so that older positional
    # constructions stay valid.
    media_paths: tuple[str, ...] = ()


@dataclass
class FileLog:
    """What happened to one member file: how many items it gave and what went wrong."""

    archive: str
    file: str
    items: int = 0
    problems: list[str] = field(default_factory=list)


class ReadLog:
    """Collects a FileLog per file read from one export. Holds counts and messages, never post text."""

    def __init__(self, archive: str) -> None:
        self.archive = archive
        self._files: dict[str, FileLog] = {}

    def file(self, name: str) -> FileLog:
        """Return the log entry for member ``name``, creating it on first use."""
        entry = self._files.get(name)
        if entry is None:
            entry = self._files[name] = FileLog(self.archive, name)
        return entry

    def problem(self, name: str, message: str) -> None:
        """Record a problem with member ``name`` (or with the archive itself when name is "")."""
        self.file(name).problems.append(message)

    @property
    def files(self) -> list[FileLog]:
        """Every file logged so far, in the order first seen."""
        return list(self._files.values())


@dataclass
class Detection:
    """What a parser recognised in an archive: the layout generation and the files it will read."""

    platform: str
    generation: str  # a short id, e.g. "current" or "grailbird"
    description: str  # one line for people, e.g. "X archive, 2022 onwards (data/tweets.js)"
    files: list[str] = field(default_factory=list)  # members read on every scan
    message_files: list[str] = field(default_factory=list)  # read only with --include-messages
