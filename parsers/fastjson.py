"""Fast decoding of the big record lists: item-sized byte ranges decoded with orjson.

The data files that grow large (tweets, likes, Facebook posts and comments, Instagram media) are
pretty-printed lists of records, and every record ends on a line of its own at the indentation it
started at (``\\n}`` in X archives, ``\\n  }`` in Meta's). A raw newline cannot be inside a JSON string,
so those lines are the only places a record can end. The bytes between such ends are decoded with
orjson in batches, wrapped in brackets; when every batch decodes and only a comma lies between them, the
file is exactly that list of records, because JSON can be parsed only one way.

Anything else ends the fast path: a compact or unusual layout, a record longer than ``MAX_RECORD``, text
orjson refuses (invalid UTF-8, surrogate escapes, raw control characters, deep nesting), integers too
large for the streaming parser, or anything after the list. ``jsonstream.iter_json`` then reads the file
again with the streaming parser, skipping the records already delivered, so that its repairs, limits and
messages apply. Correctness never depends on this module: it either gives exactly the streaming parser's
records or stops.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Generator
from typing import Any, Protocol

import orjson

READ_SIZE = 1 << 20  # bytes asked of the stream at a time
MAX_RECORD = 8 << 20  # a record longer than this is left to the streaming parser

_WS = b" \t\r\n"  # JSON's whitespace (bytes.strip() would also take \x0b and \x0c)
_NOT_SPACE = re.compile(rb"[^ \t\r\n]")
_KEY_LIST = re.compile(rb'\{[ \t\r\n]*"([^"\\]*)"[ \t\r\n]*:[ \t\r\n]*\[')
# An integer of 19 digits or more may be past the streaming parser's 64-bit limit, where it fails but
# orjson gives a number. Such a number follows ":", "," or "[" (then whitespace, perhaps "-"): with
# whitespace dropped, digits mapped to "0", those three to ":" and the rest to "x", it shows as
# ":000…" at C speed. Ids in quotes and links to posts do not match; digits inside text sometimes can,
# which only means the slower path.
_DIGIT_SHAPES = bytes(
    0x30 if 0x30 <= b <= 0x39 else 0x3A if b in b":,[" else 0x2D if b == 0x2D else 0x78 for b in range(256)
)
_LONG_INTEGERS = (b":" + b"0" * 19, b":-" + b"0" * 19)


class ByteStream(Protocol):
    def read(self, n: int = -1) -> bytes: ...


class _Stop(Exception):
    """The fast path cannot be sure of what follows; the streaming parser takes over."""


def supports(prefix: str) -> bool:
    """Whether ``prefix`` (ijson syntax) is one this module reads: ``item`` or ``<key>.item``."""
    return prefix == "item" or (prefix.endswith(".item") and prefix.count(".") == 1)


def records(stream: ByteStream, prefix: str) -> Generator[Any, None, tuple[bool, int]]:
    """Yield the records at ``prefix`` of the JSON value ``stream`` holds.

    Returns (finished, delivered): finished is True when the whole value was read and checked; when it
    is False, the first ``delivered`` records were yielded and the streaming parser must do the rest.
    """
    reader = _Reader(stream)
    delivered = 0
    try:
        pos = reader.list_start(prefix)
        indent = reader.indent(pos)
        if indent is None:  # an empty list
            reader.check_tail(reader.buffer.index(b"]", pos) + 1, closing=prefix != "item")
            return True, 0
        needle = b"\n" + indent + b"}"
        while True:
            end, separator = reader.batch_end(pos, needle)
            batch = reader.decode(pos, end)
            delivered += len(batch)
            yield from batch
            if reader.buffer[separator] == 0x5D:  # "]": the list is over
                reader.check_tail(separator + 1, closing=prefix != "item")
                return True, delivered
            pos = reader.consume(separator + 1)
    except _Stop:
        return False, delivered


class _Reader:
    """The buffered bytes of one stream and the checks made on them."""

    def __init__(self, stream: ByteStream) -> None:
        self._stream = stream
        self.buffer = b""
        self._eof = False

    def more(self) -> None:
        """Append the next read to the buffer; stop at the end or on any error (the fallback reports it)."""
        if self._eof:
            raise _Stop
        try:
            chunk = self._stream.read(READ_SIZE)
        except Exception:
            raise _Stop from None
        if not chunk:
            self._eof = True
        self.buffer += chunk

    def list_start(self, prefix: str) -> int:
        """Return the offset just after the ``[`` of the list ``prefix`` names."""
        while len(self.buffer) < 64 and not self._eof:
            self.more()
        head = self.buffer.lstrip(_WS)
        skipped = len(self.buffer) - len(head)
        if prefix == "item":
            if head[:1] != b"[":
                raise _Stop
            return skipped + 1
        match = _KEY_LIST.match(head)
        if not match or match.group(1) != prefix[: -len(".item")].encode():
            raise _Stop  # the list is not the object's first key, or the key has escapes
        return skipped + match.end()

    def indent(self, pos: int) -> bytes | None:
        """Return the indentation of the line where the first record starts; None for an empty list."""
        start = self.skip_space(pos)
        if self.buffer[start] == 0x5D:
            return None
        if self.buffer[start] != 0x7B:  # records that are not objects: left to the streaming parser
            raise _Stop
        line = self.buffer.rfind(b"\n", 0, start) + 1
        text = self.buffer[line:start]
        return text[: len(text) - len(text.lstrip(b" \t"))]

    def batch_end(self, pos: int, needle: bytes) -> tuple[int, int]:
        """Return (end, separator): the last record end in the buffer and the ``,`` or ``]`` after it.

        Reads more until a record end is followed by its separator.
        """
        while True:
            found = self.buffer.rfind(needle, pos)
            while found >= 0:
                end = found + len(needle)
                after = _NOT_SPACE.search(self.buffer, end)
                if after:
                    if after.group() not in b",]":
                        raise _Stop  # a line at the record's indentation that does not end it
                    return end, after.start()
                found = self.buffer.rfind(needle, pos, found + len(needle) - 1)
            if len(self.buffer) - pos > MAX_RECORD:
                raise _Stop
            self.more()

    def decode(self, pos: int, end: int) -> list[Any]:
        """Decode the records in buffer[pos:end] as one list; stop on anything orjson refuses."""
        view = memoryview(self.buffer)[pos:end]
        wrapped = b"".join((b"[", view, b"]"))
        shapes = wrapped.translate(_DIGIT_SHAPES, _WS)
        if any(shapes.find(number) >= 0 for number in _LONG_INTEGERS):
            raise _Stop
        collecting = gc.isenabled()
        gc.disable()  # the new objects all survive; scanning them while they are built is wasted work
        try:
            return orjson.loads(wrapped)
        except orjson.JSONDecodeError:
            raise _Stop from None
        finally:
            if collecting:
                gc.enable()

    def consume(self, pos: int) -> int:
        """Drop the bytes before ``pos``; return the new offset of what followed."""
        self.buffer = self.buffer[pos:]
        return 0

    def skip_space(self, pos: int) -> int:
        """Return the offset of the first byte at or after ``pos`` that is not whitespace, reading on."""
        while not (found := _NOT_SPACE.search(self.buffer, pos)):
            self.more()
        return found.start()

    def check_tail(self, pos: int, closing: bool) -> None:
        """Make sure only whitespace (and the ``}`` of a wrapping object) follows the list."""
        while not self._eof:
            if len(self.buffer) - pos > 4096:
                raise _Stop
            self.more()
        if self.buffer[pos:].strip(_WS) != (b"}" if closing else b""):
            raise _Stop
