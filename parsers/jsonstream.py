"""Streaming JSON for export data files, with the wrappers the platforms put around them.

X/Twitter data files are JavaScript: ``window.YTD.tweets.part0 = [ … ]`` (Grailbird:
``Grailbird.data.tweets_2014_05 =`` and ``var tweet_index =``). Meta files are JSON, sometimes with a
UTF-8 byte-order mark. ``JSONBytes`` hands ijson just the JSON value, never reading the file whole.

Raw control characters are invalid inside JSON strings, yet some exports contain them; the C parser
stops at the first one. Outside strings the only legal ones are whitespace, so mapping all of 0x00-0x1F
to a space is safe everywhere. It costs about 7% of the parse, so it is done only when needed: a file
that fails to parse is read again with the mapping, skipping the values already delivered.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

import ijson

from . import fastjson
from .errors import DataFileError

if TYPE_CHECKING:
    from .archive import Archive

_CONTROL_TO_SPACE = bytes.maketrans(bytes(range(32)), b" " * 32)
_BOM = b"\xef\xbb\xbf"
_PREFIX_LIMIT = 4096  # the assignment prefix always sits in the first line


class JSONBytes:
    """A read()-only byte stream over the JSON value of a data file (see the module docstring).

    With ``clean`` set, raw control characters become spaces.
    """

    def __init__(self, raw: BinaryIO, name: str, clean: bool = False) -> None:
        self._raw = raw
        self._name = name
        self._table = _CONTROL_TO_SPACE if clean else None
        self._started = False

    def read(self, n: int = -1) -> bytes:
        if n == 0:  # ijson probes the stream type with read(0)
            return b""
        if not self._started:
            self._started = True
            return self._first_chunk(n)
        chunk = self._raw.read(n)
        return chunk.translate(self._table) if self._table else chunk

    def _first_chunk(self, n: int) -> bytes:
        head = b""
        while len(head) < _PREFIX_LIMIT:
            chunk = self._raw.read(max(n, _PREFIX_LIMIT) if n > 0 else _PREFIX_LIMIT)
            if not chunk:
                break
            head += chunk
        if not head.strip():
            raise DataFileError(f"{self._name}: the file is empty")
        start = _value_start(head)
        if start < 0:
            raise DataFileError(
                f"{self._name}: not a JSON data file (it should start with JSON, or in X archives with a "
                "line such as 'window.YTD.tweets.part0 = ['); check that it came from the platform's "
                "download, not a web page or an edited copy"
            )
        head = head[start:]
        return head.translate(self._table) if self._table else head


def _value_start(head: bytes) -> int:
    """Return the offset of the JSON value in ``head``, after any BOM and ``name =`` prefix; -1 if none."""
    offset = len(_BOM) if head.startswith(_BOM) else 0
    stripped = len(head) - len(head[offset:].lstrip())
    if head[stripped : stripped + 1] in (b"[", b"{"):
        return stripped
    eq = head.find(b"=", offset, _PREFIX_LIMIT)
    if eq < 0:
        return -1
    rest = head[eq + 1 :]
    value = eq + 1 + len(rest) - len(rest.lstrip())
    return value if head[value : value + 1] in (b"[", b"{") else -1


def iter_json(archive: Archive, name: str, prefix: str = "item") -> Iterator[Any]:
    """Yield the values at ``prefix`` (ijson syntax) of member ``name``, streaming.

    Numbers come back as int or float. Errors surface as DataFileError (ijson's message, first line
    only, so no file content leaks into logs) after every value before the break has been yielded.
    Record lists are decoded by ``fastjson`` when it can be sure of them; it stops where it cannot,
    and the streaming parser reads on from there.
    """
    delivered = 0
    if fastjson.supports(prefix):
        counted = archive.bytes_read
        with archive.open(name) as raw:
            finished, delivered = yield from fastjson.records(JSONBytes(raw, name), prefix)
        if finished:
            return
        archive.bytes_read = counted  # the streaming parser reads the file again from its start
    clean = False
    while True:
        with archive.open(name) as raw:
            try:
                for index, value in enumerate(
                    ijson.items(JSONBytes(raw, name, clean), prefix, use_float=True)
                ):
                    if index >= delivered:
                        delivered += 1
                        yield value
                return
            except ijson.JSONError as exc:
                if clean or "premature EOF" in str(exc):
                    raise DataFileError(f"{name}: {describe_json_error(exc)}") from None
        clean = True  # perhaps raw control characters: read again without them


def load_json(raw: BinaryIO, name: str) -> Any:
    """Return the whole JSON value of a small data file (account.js, manifest.js, a profile)."""
    try:
        for value in ijson.items(JSONBytes(raw, name, clean=True), "", use_float=True):
            return value
    except ijson.JSONError as exc:
        raise DataFileError(f"{name}: {describe_json_error(exc)}") from None
    raise DataFileError(f"{name}: the file is empty")


def describe_json_error(exc: Exception) -> str:
    """Turn an ijson error into a short message without any of the file's text."""
    text = str(exc)
    if "premature EOF" in text or "Incomplete JSON" in text:
        return "the file ends early (an incomplete download or a damaged zip?)"
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return f"invalid JSON ({first.strip()})"
