"""CAR v1 files (content-addressable archives, how an atproto repository is exported), read as a stream.

A CAR is a varint length and a DAG-CBOR header ``{version: 1, roots: [CID]}``, then blocks, each a
varint length followed by the block's CID and its DAG-CBOR body. Only the framing is ours; bodies are
decoded by ``libipld`` (Rust, made for IPLD and atproto), which returns CID links as raw CID bytes,
the same bytes as the CIDs read here, so links can be looked up directly.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

import libipld

from .errors import DataFileError

# atproto limits a record to 1 MiB; anything far larger is not a repository export.
MAX_BLOCK_BYTES = 8 << 20
_CID_V0 = b"\x12\x20"  # a bare sha2-256 multihash: the 34-byte CIDv0 of older IPFS CARs


def read_roots(stream: BinaryIO, name: str) -> list[bytes]:
    """Read the CAR header from the start of ``stream`` (buffered); return its root CIDs (raw bytes)."""
    if not stream.peek(64)[:64].strip():  # type: ignore[attr-defined]
        raise DataFileError(f"{name}: the file is empty; export your data again")
    length = _varint(stream, name)
    if length is None or not 0 < length <= MAX_BLOCK_BYTES:
        raise DataFileError(f"{name}: not a CAR file (a Bluesky repository export); {_ASK}")
    try:
        header = libipld.decode_dag_cbor(_exactly(stream, length, name))
    except (ValueError, DataFileError):
        raise DataFileError(f"{name}: not a CAR file (a Bluesky repository export); {_ASK}") from None
    roots = header.get("roots") if isinstance(header, dict) else None
    if header.get("version") != 1 or not isinstance(roots, list) or not roots:  # type: ignore[union-attr]
        raise DataFileError(f"{name}: not a version 1 CAR file with a root; {_ASK}")
    return roots


def iter_blocks(stream: BinaryIO, name: str) -> Iterator[tuple[bytes, memoryview]]:
    """Yield (CID, undecoded body) for every block after the header, in file order."""
    while (length := _varint(stream, name)) is not None:
        if not 0 < length <= MAX_BLOCK_BYTES:
            raise DataFileError(f"{name}: a block of {length:,} bytes is not a repository record; {_ASK}")
        block = memoryview(_exactly(stream, length, name))
        cut = _cid_length(block, name)
        yield bytes(block[:cut]), block[cut:]


def decode(body: memoryview | bytes) -> Any:
    """Decode one DAG-CBOR body (ValueError when it is not DAG-CBOR)."""
    return libipld.decode_dag_cbor(bytes(body))


def buffered(raw: BinaryIO) -> BinaryIO:
    """Wrap a member stream for the many small reads of the framing."""
    return io.BufferedReader(raw, 1 << 16)  # type: ignore[arg-type, return-value]


_ASK = "give the repo.car that Bluesky's 'Export my data' saved, unchanged"


def _varint(stream: BinaryIO, name: str) -> int | None:
    """Read an unsigned LEB128 varint; None at the clean end of the file."""
    value = shift = 0
    while True:
        byte = stream.read(1)
        if not byte:
            if shift:
                raise DataFileError(f"{name}: the file ends inside a block length; download the export again")
            return None
        value |= (byte[0] & 0x7F) << shift
        if byte[0] < 0x80:
            return value
        shift += 7
        if shift > 63:
            raise DataFileError(f"{name}: a block length is not a number; the file is not a CAR export")


def _exactly(stream: BinaryIO, length: int, name: str) -> bytes:
    data = stream.read(length)
    if len(data) != length:
        raise DataFileError(f"{name}: the file ends in the middle of a block; download the export again")
    return data


def _cid_length(block: memoryview, name: str) -> int:
    """Return how many bytes of ``block`` its CID takes (CIDv0, or CIDv1: version, codec, multihash)."""
    if block[0] == 1 and block[1] < 0x80 and block[2:4] == _CID_V0:
        return 36  # CIDv1, a one-byte codec, sha2-256: every block of an atproto repository
    if block[:2] == _CID_V0:
        return 34
    offset = 0
    for _ in range(3):  # version, codec, multihash code
        offset = _skip_varint(block, offset, name)
    digest_start = _skip_varint(block, offset, name)
    size, shift = 0, 0
    for byte in block[offset:digest_start]:
        size |= (byte & 0x7F) << shift
        shift += 7
    end = digest_start + size
    if end > len(block):
        raise DataFileError(f"{name}: a block's CID is cut short; the file is damaged")
    return end


def _skip_varint(block: memoryview, offset: int, name: str) -> int:
    for index in range(offset, min(offset + 10, len(block))):
        if block[index] < 0x80:
            return index + 1
    raise DataFileError(f"{name}: a block's CID is damaged; the file is not a CAR export")
