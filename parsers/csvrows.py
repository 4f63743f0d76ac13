"""Read the CSV files of LinkedIn and Reddit exports row by row, whatever their encoding and quoting.

A member is decoded as a text stream, never read whole: UTF-8 with or without a byte-order mark, or
UTF-16 with one (LinkedIn's 2018 ``Shares.csv``, which is also tab-separated). Quoted fields may span
lines. Rows come back as dicts keyed by the header's column names folded to lower case without spaces
(``Share Commentary`` and ``ShareCommentary`` are both ``sharecommentary``), so that one converter
serves every generation of a file. Lines before the header (LinkedIn's ``Notes:`` paragraph) are
skipped by naming a column the header must have.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

from .errors import ArchiveError, DataFileError

if TYPE_CHECKING:
    from .archive import Archive

# A long article or message is one field; the csv module's default cap (128 KiB) would stop the file.
csv.field_size_limit(min(sys.maxsize, 1 << 30))

_PREAMBLE_ROWS = 20  # a header further down than this is not the file we were looking for


def column(name: str) -> str:
    """Fold a header's column name to the key rows use: lower case, no spaces, BOM or underscores."""
    return name.replace("\ufeff", "").replace(" ", "").replace("_", "").strip().lower()


def iter_rows(
    archive: Archive, name: str, required: Iterable[str] = (), *, backslash_escapes: bool = False
) -> Iterator[dict[str, str]]:
    """Yield each data row of member ``name`` as {column: value}, streaming.

    The header is the first row holding every ``required`` column (folded with ``column``). A row
    longer than the header (mis-split by a stray quote) is yielded empty, for its converter to skip;
    a shorter one is padded. A file that is not valid UTF-8 is read again as Windows-1252 (some
    spreadsheet programs save it so), from the row where decoding failed. Raises DataFileError for an
    empty file, a missing header or a malformed CSV, after every row before the problem.
    """
    wanted = {column(c) for c in required}
    delivered = 0
    fallback = False
    while True:
        with archive.open(name) as raw:
            text = _text_stream(raw, name, "cp1252" if fallback else None)
            reader = csv.reader(text, _dialect(text), escapechar="\\" if backslash_escapes else None)
            try:
                for index, row in enumerate(_records(reader, _header(reader, wanted, name))):
                    if index >= delivered:
                        delivered += 1
                        yield row
                return
            except UnicodeDecodeError:
                if fallback or text.encoding == "utf-16":
                    raise DataFileError(f"{name}: not readable as text (unknown encoding)") from None
            except csv.Error as exc:
                raise DataFileError(f"{name}: not a readable CSV file ({exc})") from None
        fallback = True


def _records(reader: Iterator[list[str]], header: list[str]) -> Iterator[dict[str, str]]:
    width = len(header)
    for row in reader:
        if not row or (len(row) == 1 and not row[0]):
            continue  # a blank line between records
        if len(row) > width:
            yield {}
            continue
        if len(row) < width:
            row += [""] * (width - len(row))
        yield dict(zip(header, row, strict=True))


def header(archive: Archive, name: str) -> list[str]:
    """Return the folded column names of member ``name``'s first row; [] when it cannot be read."""
    try:
        with archive.open(name) as raw:
            text = _text_stream(raw, name, errors="replace")  # a stray byte further on is the read's concern
            first = next(csv.reader(text, _dialect(text)), [])
    except (DataFileError, ArchiveError, UnicodeDecodeError, csv.Error, OSError):
        return []
    return [column(c) for c in first]


def _text_stream(
    raw: BinaryIO, name: str, encoding: str | None = None, errors: str = "strict"
) -> io.TextIOWrapper:
    """Wrap ``raw`` in a text stream of ``encoding``, else of the one its first bytes announce (UTF-8)."""
    buffered = io.BufferedReader(raw)  # type: ignore[arg-type]
    head = buffered.peek(4096)
    if not head.strip():
        raise DataFileError(f"{name}: the file is empty")
    if encoding:
        return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    return io.TextIOWrapper(buffered, encoding="utf-16" if utf16 else "utf-8-sig", errors=errors, newline="")


def _dialect(text: io.TextIOWrapper) -> type[csv.Dialect]:
    """Tab-separated when the header line has tabs and no commas (LinkedIn 2018), else comma-separated."""
    first = text.buffer.peek(4096)  # type: ignore[attr-defined]
    try:
        line = first.decode(text.encoding, errors="ignore").split("\n", 1)[0]
    except LookupError:
        line = ""
    return csv.excel_tab if "\t" in line and "," not in line else csv.excel


def _header(reader: Iterator[list[str]], wanted: set[str], name: str) -> list[str]:
    for number, row in enumerate(reader):
        folded = [column(c) for c in row]
        if wanted <= set(folded) and any(folded):
            return folded
        if number >= _PREAMBLE_ROWS:
            break
    if not wanted:
        raise DataFileError(f"{name}: the file is empty")
    raise DataFileError(f"{name}: no header row with the expected columns; is this the export's own file?")
