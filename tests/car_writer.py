"""Write atproto repositories as CAR files, as Bluesky's "Export my data" does: for tests and benchmarks.

A minimal DAG-CBOR encoder (maps with keys in length-then-byte order, CID links as tag 42), a record
tree of nodes ``{l, e: [{p, k, v, t}]}`` built over the sorted keys, and the CAR framing. The commit is
not signed (``sig`` is zero bytes): readers of an export have no key to check it against.

    python tests/car_writer.py     # rewrite sample_exports/bluesky/repo.car from SAMPLE below
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class Link(bytes):
    """A CID, encoded as a link (tag 42) rather than as bytes."""


def cid_of(body: bytes) -> Link:
    """CIDv1, dag-cbor codec, sha2-256: the CIDs atproto uses."""
    return Link(b"\x01\x71\x12\x20" + hashlib.sha256(body).digest())


def encode(value: Any) -> bytes:
    """Encode ``value`` as DAG-CBOR."""
    if value is None:
        return b"\xf6"
    if value is True or value is False:
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, Link):
        return b"\xd8\x2a" + _head(2, len(value) + 1) + b"\x00" + value
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list | tuple):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (len(k.encode()), k.encode()))
        return _head(5, len(keys)) + b"".join(encode(k) + encode(value[k]) for k in keys)
    raise TypeError(type(value))


def _head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    for code, size, fmt in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I"), (27, 8, ">Q")):
        if number < 1 << (8 * size):
            return bytes([major << 5 | code]) + struct.pack(fmt, number)
    raise ValueError(number)


def varint(number: int) -> bytes:
    out = bytearray()
    while True:
        byte, number = number & 0x7F, number >> 7
        out.append(byte | (0x80 if number else 0))
        if not number:
            return bytes(out)


def _tree(entries: list[tuple[bytes, Link]], blocks: list[tuple[Link, bytes]], fanout: int) -> Link | None:
    """Store the tree node(s) over sorted (key, record CID) in ``blocks``; return the top node's CID."""
    if not entries:
        return None
    if len(entries) <= fanout:
        left, separators = None, [(key, cid, None) for key, cid in entries]
    else:
        step = fanout + 1
        seps = list(range(fanout, len(entries), step))
        left = _tree(entries[: seps[0]], blocks, fanout)
        separators = []
        for n, index in enumerate(seps):
            end = seps[n + 1] if n + 1 < len(seps) else len(entries)
            key, cid = entries[index]
            separators.append((key, cid, _tree(entries[index + 1 : end], blocks, fanout)))
    node_entries, previous = [], b""
    for key, cid, right in separators:
        shared = 0
        while shared < min(len(key), len(previous)) and key[shared] == previous[shared]:
            shared += 1
        node_entries.append({"p": shared, "k": key[shared:], "v": cid, "t": right})
        previous = key
    body = encode({"e": node_entries, "l": left})
    link = cid_of(body)
    blocks.append((link, body))
    return link


def repository_blocks(
    did: str, records: Iterable[tuple[str, dict]], fanout: int = 16
) -> tuple[Link, list[tuple[Link, bytes]]]:
    """Return the commit CID and every block (records, tree nodes, commit) of a repository."""
    blocks: list[tuple[Link, bytes]] = []
    entries = []
    for key, record in records:
        body = encode(record)
        link = cid_of(body)
        blocks.append((link, body))
        entries.append((key.encode(), link))
    entries.sort()
    data = _tree(entries, blocks, fanout)
    commit = encode({"did": did, "version": 3, "data": data, "rev": "3lsample2222", "prev": None, "sig": b""})
    root = cid_of(commit)
    blocks.append((root, commit))
    return root, blocks


def car_bytes(root: Link, blocks: Iterable[tuple[Link, bytes]]) -> bytes:
    """Frame blocks as a CAR v1 file whose root is ``root``."""
    header = encode({"version": 1, "roots": [root]})
    out = [varint(len(header)), header]
    for link, body in blocks:
        out += [varint(len(link) + len(body)), link, body]
    return b"".join(out)


def write_repository(path: Path, did: str, records: Iterable[tuple[str, dict]]) -> Path:
    """Write a whole repository to ``path`` (blocks in the order records, tree, commit)."""
    root, blocks = repository_blocks(did, records)
    path.write_bytes(car_bytes(root, blocks))
    return path


# --- the sample export: Jo Example, the invented social worker of every sample ------------------------

SAMPLE_DID = "did:plc:samplejoexample00000000000"
_FRIEND = "did:plc:samplesamfriend0000000000"
_PAGE = "did:plc:samplenewspage00000000000"


def _post(text: str, when: str, **extra: Any) -> dict:
    return {"$type": "app.bsky.feed.post", "text": text, "createdAt": when, "langs": ["en"], **extra}


def _ref(did: str, rkey: str) -> dict:
    return {"uri": f"at://{did}/app.bsky.feed.post/{rkey}", "cid": "bafyreisample"}


SAMPLE: list[tuple[str, dict]] = [
    (
        "app.bsky.actor.profile/self",
        {
            "$type": "app.bsky.actor.profile",
            "displayName": "Jo Example",
            "description": "Social work student, Northwick. Tea, fells and terrible puns. Views my own.",
            "createdAt": "2023-09-02T18:04:11.000Z",
        },
    ),
    (
        "app.bsky.feed.post/3kaaaaaaaaa2a",
        _post("First day on placement tomorrow, nervous but excited!", "2023-09-03T20:15:00.120Z"),
    ),
    (
        "app.bsky.feed.post/3kaaaaaaaab2a",
        _post(
            "Home visit today to the Pike family on Alder Street, the 15yo was off school again. Exhausting.",
            "2023-10-12T17:42:09+01:00",
        ),
    ),
    (
        "app.bsky.feed.post/3kaaaaaaaac2a",
        _post(
            "Absolutely killing it at the pub quiz tonight 🍻",
            "2023-11-24T22:05:31.5Z",
        ),
    ),
    (
        "app.bsky.feed.post/3kaaaaaaaad2a",
        _post(
            "Great safeguarding training today, learnt a lot about spotting exploitation early.",
            "2024-01-18T16:30:00Z",
        ),
    ),
    (
        "app.bsky.feed.post/3kaaaaaaaae2a",
        _post(
            "@sam-example.bsky.social totally, some service users are just scroungers tbh",
            "2024-02-07T21:10:44.031Z",
            reply={"root": _ref(_FRIEND, "3kfriendroot2a"), "parent": _ref(_FRIEND, "3kfriendroot2a")},
        ),
    ),
    (
        "app.bsky.feed.post/3kaaaaaaaaf2a",
        _post(
            "Sunset over Scunthorpe on the drive back from uni",
            "2024-03-15T19:02:00.000000000Z",
            embed={
                "$type": "app.bsky.embed.images",
                "images": [
                    {"alt": "Orange sky over fields", "image": {"$type": "blob", "mimeType": "image/png"}}
                ],
            },
        ),
    ),
    (
        "app.bsky.feed.post/3kaaaaaaaag2a",
        _post(
            "Worth a read: example.org/news/care-fu...",
            "2024-04-02T08:00:00-07:00",
            facets=[
                {
                    "index": {"byteStart": 14, "byteEnd": 41},
                    "features": [
                        {
                            "$type": "app.bsky.richtext.facet#link",
                            "uri": "https://example.org/news/care-funding-explained",
                        }
                    ],
                }
            ],
            embed={"$type": "app.bsky.embed.record", "record": _ref(_PAGE, "3knewsstory22")},
        ),
    ),
    (
        "app.bsky.feed.repost/3kaaaaaaaah2a",
        {
            "$type": "app.bsky.feed.repost",
            "subject": _ref(_PAGE, "3knewsother22"),
            "createdAt": "2024-04-03T09:12:00.000Z",
        },
    ),
    (
        "app.bsky.feed.like/3kaaaaaaaai2a",
        {
            "$type": "app.bsky.feed.like",
            "subject": _ref(_FRIEND, "3kfriendroot2a"),
            "createdAt": "2024-02-07T21:09:00.000Z",
        },
    ),
    (
        "app.bsky.graph.follow/3kaaaaaaaaj2a",
        {"$type": "app.bsky.graph.follow", "subject": _FRIEND, "createdAt": "2023-09-02T18:10:00.000Z"},
    ),
]


if __name__ == "__main__":
    target = write_repository(ROOT / "sample_exports" / "bluesky" / "repo.car", SAMPLE_DID, SAMPLE)
    print(f"wrote {target.relative_to(ROOT)}")
