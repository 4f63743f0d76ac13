"""Streaming JSON for export data files, with the wrappers the platforms put around them.

X/Twitter data files are JavaScript: ``window.YTD.tweets.part0 = [ … ]`` (Grailbird:
``Grailbird.data.tweets_2014_05 =`` and ``var tweet_index =``), sometimes with a ``;`` after the value.
Meta files are JSON, sometimes with a UTF-8 byte-order mark. ``JSONBytes`` hands ijson just the JSON
value, never reading the file whole.

Raw control characters are invalid inside JSON strings, yet some exports contain them; the C parser
stops at the first one. Outside strings the only legal ones are whitespace, so mapping all of 0x00-0x1F
to a space is safe everywhere. It costs about 7% of the parse, so it is done only when needed: a file
that fails to parse is read again with the mapping, skipping the values already delivered. The repair
of invalid UTF-8 (below) is likewise left to that second reading in ``iter_json``.

Damaged and hostile files are defused in the byte stream, so that every platform is protected alike:
invalid UTF-8 bytes and unpaired surrogate escapes (``\\udc8d``) become U+FFFD, visibly, and the rest of
the file is read; nesting deeper than ``MAX_DEPTH`` stops the file there, because ijson's memory grows
with the square of the depth (a 200 KB file of brackets could take gigabytes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

import ijson

from . import fastjson
from .errors import DataFileError

if TYPE_CHECKING:
    from .archive import Archive

MAX_DEPTH = 64  # real exports nest about 20 levels at most

_CONTROL_TO_SPACE = bytes.maketrans(bytes(range(32)), b" " * 32)
_BOM = b"\xef\xbb\xbf"
_PREFIX_LIMIT = 4096  # the assignment prefix always sits in the first line
_TRAILER = b"; \t\r\n"  # what may follow the value (``…];`` in X archives)


class JSONBytes:
    """A read()-only byte stream over the JSON value of a data file (see the module docstring).

    With ``clean`` set, raw control characters become spaces. Unpaired surrogate escapes, and with
    ``repair`` (the default) invalid UTF-8 bytes, become U+FFFD, counted in ``repairs``. ``top`` is the
    value's first byte once read.
    """

    def __init__(self, raw: BinaryIO, name: str, clean: bool = False, repair: bool = True) -> None:
        self._raw = raw
        self._name = name
        self._table = _CONTROL_TO_SPACE if clean else None
        self._repair = repair
        self._started = False
        self._utf8 = _UTF8Repair()
        self._escapes = _SurrogateRepair()
        self._depth = _DepthGuard(MAX_DEPTH)
        self._trailer = b""  # trailing ';' and whitespace, held back until the end shows they are last
        self._stop: DataFileError | None = None
        self._note = getattr(raw, "note_repairs", None)  # archive members count repairs per file
        self.top = b""
        self.start = 0  # byte range of the JSON value last handed to the parser, for error positions
        self.end = 0

    @property
    def repairs(self) -> int:
        return self._utf8.repairs + self._escapes.repairs

    def where(self) -> str:
        """Say where in the file the parser was when it failed (a byte range; never content)."""
        if self.end <= self.start:
            return f"at byte {self.end:,}"
        return f"between bytes {self.start:,} and {self.end:,}"

    def read(self, n: int = -1) -> bytes:
        if n == 0:  # ijson probes the stream type with read(0)
            return b""
        while True:
            if self._stop is not None:
                raise self._stop
            if not self._started:
                self._started = True
                chunk = self._first_chunk(n)
            else:
                chunk = self._raw.read(n)
            data = self._filter(chunk) if chunk else self._finish()
            if data or not chunk:
                self.start, self.end = self.end, self.end + len(data)
                return data

    def _filter(self, chunk: bytes) -> bytes:
        if self._table:
            chunk = chunk.translate(self._table)
        before = self.repairs
        chunk = self._escapes.feed(self._utf8.feed(chunk) if self._repair else chunk)
        if self.repairs != before and self._note:
            self._note(self.repairs)
        data = self._trailer + self._guard(chunk)
        kept = data.rstrip(_TRAILER)
        self._trailer = data[len(kept) :]
        return kept

    def _finish(self) -> bytes:
        before = self.repairs
        data = self._escapes.feed(self._utf8.flush()) + self._escapes.flush()
        if self.repairs != before and self._note:
            self._note(self.repairs)
        data = self._guard(data)
        kept = (self._trailer + data).rstrip(_TRAILER)
        self._trailer = b""
        return kept

    def _guard(self, data: bytes) -> bytes:
        cut = self._depth.scan(data)
        if cut is None:
            return data
        self._stop = DataFileError(
            f"{self._name}: nested more than {MAX_DEPTH} levels deep at byte {self.end + cut:,}, which no "
            "export is; the rest of the file was not read (a damaged or crafted file?)"
        )
        return data[:cut]

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
        self.top = head[:1]
        return head


class _UTF8Repair:
    """Pass valid UTF-8 through untouched; replace invalid bytes with U+FFFD, counting them.

    A character split between two reads is held back until it is complete.
    """

    def __init__(self) -> None:
        self._carry = b""
        self.repairs = 0

    def feed(self, chunk: bytes) -> bytes:
        data = self._carry + chunk if self._carry else chunk
        if data.isascii():
            self._carry = b""
            return data
        end = _complete_utf8(data)
        body, self._carry = data[:end], data[end:]
        return self._checked(body)

    def flush(self) -> bytes:
        body, self._carry = self._carry, b""
        return self._checked(body)

    def _checked(self, body: bytes) -> bytes:
        try:
            body.decode("utf-8")
            return body
        except UnicodeDecodeError:
            text = body.decode("utf-8", "replace")
            self.repairs += text.count("\ufffd") - body.count("\ufffd".encode())
            return text.encode("utf-8")


def _complete_utf8(data: bytes) -> int:
    """Return where a UTF-8 character cut off at the end of ``data`` starts (len(data) if none is)."""
    for back in range(1, min(3, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 == 0x80:  # a continuation byte: look further back for the lead
            continue
        if byte >= 0xC0:
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(data) - back if needed > back else len(data)
        return len(data)
    return len(data)


# A \u escape of a surrogate (high: D800-DBFF, low: DC00-DFFF). Real exports rarely have any, so each is
# looked at in Python: is its backslash not itself escaped, and is a high one followed by its low one?
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_PAIR = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_HIGH_SURROGATE = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}")
_LOW_SURROGATE = re.compile(rb"\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_ESCAPE_SPAN = 12  # len(rb"\ud83d\ude00"): an escape this close to the end cannot be judged yet


class _SurrogateRepair:
    """Replace unpaired surrogate escapes with ``\\ufffd``, which the C parser cannot decode.

    The last few bytes are held back when they hold a backslash, so that an escape split between reads
    is seen whole.
    """

    def __init__(self) -> None:
        self._carry = b""
        self._escaped = False  # the carry's first byte is a backslash escaped by the last byte sent
        self.repairs = 0

    def feed(self, chunk: bytes) -> bytes:
        data = self._carry + chunk
        hold = data.find(b"\\", max(len(data) - _ESCAPE_SPAN + 1, 0))
        if hold < 0:
            hold = len(data)
        if hold >= 6 and _HIGH_SURROGATE.match(data, hold - 6):
            hold -= 6  # perhaps the high half of a pair whose low half is held: keep them together
        body, self._carry = data[:hold], data[hold:]
        skip = 1 if self._escaped and body else 0
        sent = self._fixed(body, skip)
        run = len(body) - max(skip, len(body.rstrip(b"\\")))
        self._escaped = bool(run % 2) if body else self._escaped
        return sent

    def flush(self) -> bytes:
        body, self._carry = self._carry, b""
        return self._fixed(body, 1 if self._escaped and body else 0)

    def _fixed(self, body: bytes, skip: int) -> bytes:
        if b"\\ud" not in body and b"\\uD" not in body:
            return body
        if not skip and b"\\\\u" not in body:  # then every \u starts an escape: drop the pairs, look again
            unpaired = _PAIR.sub(b"", body)
            if b"\\ud" not in unpaired and b"\\uD" not in unpaired:
                return body
        pieces: list[bytes] = []
        done = paired = 0
        for match in _SURROGATE.finditer(body, skip):
            at = match.start()
            if at < paired:
                continue  # the low half of a pair kept whole
            run = at
            while run > skip and body[run - 1] == 0x5C:
                run -= 1
            if (at - run) % 2:
                continue  # an escaped backslash followed by "ud...": text, not an escape
            if _HIGH_SURROGATE.match(body, at) and _LOW_SURROGATE.match(body, at + 6):
                paired = at + 12
                continue
            pieces += (body[done:at], b"\\ufffd")
            done = at + 6
            self.repairs += 1
        return b"".join((*pieces, body[done:])) if pieces else body


_STRUCTURE_ONLY = bytes(b for b in range(256) if b not in b'[]{}"')
_STRUCTURE_AND_ESCAPES = bytes(b for b in range(256) if b not in b'[]{}"\\/bfnrtu')  # an escape's 2nd byte
_TO_PARENS = bytes.maketrans(b"[{]}", b"(())")


class _DepthGuard:
    """Track the nesting depth of a JSON byte stream without parsing it, and find where it passes a limit.

    Per read, with C-speed bytes operations only: keep the brackets, quotes and escapes; drop the escapes
    that could hide a quote; drop the strings; count the brackets left. Only a read that might pass the
    limit is walked byte by byte to find the exact place.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.depth = 0
        self.in_string = False
        self.escaped = False  # inside a string, the last byte was an escaping backslash

    def scan(self, data: bytes) -> int | None:
        """Consume ``data``; return the offset of the bracket that passes the limit, or None."""
        if not data:
            return None
        start = 1 if self.escaped else 0
        body = data[start:] if start else data
        if b"\\" in body:
            # Every backslash is followed by the byte it escapes, which is kept; backslashes pair up from
            # the left within a string, so these replaces drop exactly the escapes that could hide a quote.
            kept = body.translate(None, _STRUCTURE_AND_ESCAPES).replace(b"\\\\", b"").replace(b'\\"', b"")
            body = kept.translate(None, _STRUCTURE_ONLY)
        else:
            body = body.translate(None, _STRUCTURE_ONLY)
        in_string = self.in_string != bool(body.count(b'"') % 2)
        # From outside any string: two adjacent quotes close and open nothing between them, so dropping
        # them keeps every bracket on its side; usually no quote is left and nothing needs splitting.
        plain = (b'"' + body if self.in_string else body).replace(b'""', b"")
        outside = b"".join(plain.split(b'"')[0::2]) if b'"' in plain else plain
        escaped = in_string and bool((len(data) - max(start, len(data.rstrip(b"\\")))) % 2)
        opens = outside.count(b"[") + outside.count(b"{")
        end = self.depth + 2 * opens - len(outside)
        if self.depth + opens <= self.limit or self._bounded(outside, end):
            self.depth, self.in_string, self.escaped = end, in_string, escaped
            return None
        return self.walk(data)

    def _bounded(self, skeleton: bytes, end: int) -> bool:
        """Whether the deepest point of ``skeleton`` surely stays within the limit (an upper bound)."""
        pairs = skeleton.translate(_TO_PARENS)
        for height in range(self.limit + 1):
            shorter = pairs.replace(b"()", b"")
            if len(shorter) == len(pairs):
                return max(self.depth, end) + height <= self.limit
            pairs = shorter
        return False

    def walk(self, data: bytes) -> int | None:
        """The exact byte-by-byte scan (rarely needed: only reads that may pass the limit)."""
        depth, in_string, escaped = self.depth, self.in_string, self.escaped
        for offset, byte in enumerate(data):
            if in_string:
                if escaped:
                    escaped = False
                elif byte == 0x5C:  # backslash
                    escaped = True
                elif byte == 0x22:
                    in_string = False
            elif byte == 0x22:
                in_string = True
            elif byte in (0x5B, 0x7B):
                depth += 1
                if depth > self.limit:
                    return offset
            elif byte in (0x5D, 0x7D):
                depth -= 1
        self.depth, self.in_string, self.escaped = depth, in_string, escaped
        return None


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

    Numbers come back as int or float. Errors surface as DataFileError (the kind of problem and where,
    never the file's content) after every value before the break has been yielded. A file whose top
    level is not the container ``prefix`` reads from (an object where a list is expected) is an error.
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
            stream = JSONBytes(raw, name, clean, repair=clean)
            try:
                for index, value in enumerate(ijson.items(stream, prefix, use_float=True)):
                    if index >= delivered:
                        delivered += 1
                        yield value
            except ijson.JSONError as exc:
                if clean or "premature EOF" in str(exc):
                    raise DataFileError(f"{name}: {_located(exc, stream)}") from None
                clean = True  # perhaps raw control characters or damaged text: read again, repairing
                continue
            except UnicodeError:  # a lone surrogate escape; after repair impossible, but never show text
                if clean:
                    raise DataFileError(f"{name}: text that cannot be decoded {stream.where()}") from None
                clean = True
                continue
        _check_top(stream.top, prefix, name)
        return


def _check_top(top: bytes, prefix: str, name: str) -> None:
    """Raise when the file's top level is not what ``prefix`` reads from (a list for "item...")."""
    wanted = b"[" if prefix.split(".", 1)[0] == "item" else b"{"
    if prefix and top and top != wanted:
        found, expected = ("an object", "a list") if wanted == b"[" else ("a list", "an object")
        raise DataFileError(
            f"{name}: the file holds {found} where {expected} of records was expected, so nothing in it "
            "was read; check that it came from the platform's download"
        )


def load_json(raw: BinaryIO, name: str) -> Any:
    """Return the whole JSON value of a small data file (account.js, manifest.js, a profile)."""
    stream = JSONBytes(raw, name, clean=True)
    try:
        for value in ijson.items(stream, "", use_float=True):
            return value
    except ijson.JSONError as exc:
        raise DataFileError(f"{name}: {_located(exc, stream)}") from None
    except UnicodeError:
        raise DataFileError(f"{name}: text that cannot be decoded {stream.where()}") from None
    raise DataFileError(f"{name}: the file is empty")


# What the parser's message says -> the kind of problem, in our words. The parser's own message quotes
# the file around the error, so none of it is ever shown.
_ENDS_EARLY = "the file ends early (an incomplete download or a damaged zip?)"
_KINDS = (
    ("premature EOF", _ENDS_EARLY),
    ("Incomplete JSON", _ENDS_EARLY),
    ("trailing garbage", "invalid JSON (more text after the end of the data)"),
    ("UTF8", "invalid JSON (bytes that are not UTF-8 text)"),
    ("lexical error", "invalid JSON (a character that is not allowed there)"),
    ("parse error", "invalid JSON (the structure is broken)"),
)


def _located(exc: Exception, stream: JSONBytes) -> str:
    """The kind of problem and, unless the file simply ends early, where it is."""
    kind = describe_json_error(exc)
    return kind if kind == _ENDS_EARLY else f"{kind} {stream.where()}"


def describe_json_error(exc: Exception) -> str:
    """Turn an ijson error into the kind of problem, without any of the file's text."""
    text = str(exc)
    for marker, kind in _KINDS:
        if marker in text:
            return kind
    return "invalid JSON"
