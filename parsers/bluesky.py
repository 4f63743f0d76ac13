"""Bluesky: the account repository that "Export my data" saves as ``repo.car`` (see export-formats-more §3).

The export is one CAR file (``repo.car`` from the app, ``<handle>.<timestamp>.car`` from Bluesky's
``goat`` tool), given alone or inside a zip or folder. Its root block is the signed commit
``{did, version, data, …}``; ``data`` points at a Merkle Search Tree whose entries map
``<collection>/<rkey>`` keys (each stored as "the first ``p`` bytes of the previous key, then ``k``")
to record CIDs. Blocks come in any order, and older (version 2) exports also carry blocks that are no
longer in the repository (deleted records, old commits), so the tree is walked from the root: only what
is reachable is the user's current content.

Memory stays small by reading the file twice: the first pass keeps the commit and the tree nodes
(recognised by their first bytes and kept encoded; records are not decoded), the second decodes only
the records the tree reaches in the collections read here. What is held is an index of about 0.3 KB a record
(51 MB peak at 100,000 records, benchmarks/bluesky_repo.py), never the records themselves.

Records: posts (``reply`` marks replies; a ``record`` embed is a quote; link facets give the full
address of links that the text shortens, as UTF-8 byte offsets), likes and reposts (only the subject's
``at://`` URI: the liked post's author is the DID in it), the profile, lists and feeds the user named
and described, and the 2022-23 ``vote`` records (up = like).
The handle is not in the repository, so links use the DID: ``https://bsky.app/profile/<did>/post/<rkey>``.
``createdAt`` is chosen by the client: ``Z`` or offsets, no fraction up to nanoseconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from . import car
from .archive import Archive
from .base import read_member
from .errors import DataFileError
from .models import Detection, Item, ReadLog
from .text import iso_from_text

name = "bluesky"  # the Platform contract (parsers.base)
label = "Bluesky"
# (task, steps) for the How to delete sheet: our own summary of the app's settings as they were in 2025.
deletion_steps: tuple[tuple[str, str], ...] = (
    (
        "Delete a post or reply",
        "Open the post, select the ⋯ menu and choose Delete post. Bluesky posts cannot be edited: delete "
        "and post again if you want to keep a corrected version.",
    ),
    (
        "Undo a like or a repost",
        "Select the heart again to remove a like; select the repost arrows and choose Undo repost.",
    ),
    (
        "Edit your profile, lists and feeds",
        "Profile > Edit profile changes your display name and description; a list or feed you made is "
        "edited or deleted from its own page (⋯ menu).",
    ),
    (
        "Remember what Bluesky cannot hide",
        "Everything in a Bluesky account is public, and other services may already have copied it: "
        "deleting removes it from Bluesky, not from every copy.",
    ),
)

_POST = "app.bsky.feed.post"
_READ = frozenset(  # collections read; follows, blocks, gates and other apps' records are not content
    (_POST, "app.bsky.feed.like", "app.bsky.feed.repost", "app.bsky.feed.vote", "app.bsky.actor.profile")
    + ("app.bsky.graph.list", "app.bsky.feed.generator")
)
_ARCHIVES = (".zip", ".tar.gz", ".tgz", ".tar")
_DATA_FILES = (".json", ".js", ".csv", ".car", ".jsonl", ".html")
_MST_NODE = b"\xa2\x61e"  # a DAG-CBOR map of two keys whose first is "e": {"e": [...], "l": ...}
_APP = "https://bsky.app/profile/"
_PAGES = {_POST: "post", "app.bsky.feed.generator": "feed", "app.bsky.graph.list": "lists"}  # bsky.app paths


def detect(archive: Archive) -> Detection | None:
    """Recognise a Bluesky repository export: a ``.car`` file, alone or in a zip or folder."""
    names = archive.names()
    files = [member for member in names if member.lower().endswith(".car") and "/" not in member]
    if not files or _among_other_exports(names):
        return None
    return Detection(name, "repo-car", "Bluesky repository export (repo.car: a CAR of your records)", files)


def refusal(archive: Archive) -> str | None:
    """Explain Bluesky's other download, which holds no posts: the chat export (chat.jsonl)."""
    names = archive.names()
    if "chat.jsonl" in names and not _among_other_exports(names):
        return (
            f"{archive.label}: chat.jsonl is Bluesky's chat download, which holds only messages and is not "
            "read; in the app choose Settings > Account > Export my data > Download profile data, and give "
            "the repo.car it saves"
        )
    return None


def _among_other_exports(names: list[str]) -> bool:
    """True for a folder that holds other exports too (archives, or subfolders of data files): each of
    its exports, the .car among them, is then found on its own. Blobs saved beside the .car (files named
    by their CID, no extension) do not count."""
    return any(
        member.lower().endswith(_ARCHIVES) or ("/" in member and member.lower().endswith(_DATA_FILES))
        for member in names
    )


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield every post, reply, repost, like, profile field, list and feed in each repository file.

    Chats are a separate download (chat.jsonl) of an undocumented format, and are not read.
    """
    for member in detection.files:
        repo = _Repository(member)
        records = _records(archive, member, repo, log)
        yield from read_member(archive, member, log, partial(_convert, repo=repo), records=records)


class _Repository:
    """What the first pass learned about one repository file."""

    def __init__(self, member: str) -> None:
        self.member = member
        self.did = ""


def _records(archive: Archive, member: str, repo: _Repository, log: ReadLog) -> Iterator[Any]:
    """Yield (key, record) for every record in the current repository, reading the file twice."""
    before = archive.bytes_read
    with archive.open(member) as raw:
        stream = car.buffered(raw)
        roots = car.read_roots(stream, member)
        commit, nodes = None, {}
        for cid, body in car.iter_blocks(stream, member):
            if cid == roots[0]:
                commit = _decoded(body, member, "its signed commit")
            elif body[:3] == _MST_NODE:
                nodes[cid] = bytes(body)  # kept encoded (a third of the memory), decoded once in the walk
    did = commit.get("did") if isinstance(commit, dict) else None
    if not isinstance(did, str) or not did.startswith("did:") or "data" not in commit:  # type: ignore[operator]
        raise DataFileError(
            f"{member}: not a Bluesky repository (its root is not a signed commit with a DID); give the "
            "repo.car that Bluesky's 'Export my data' saved"
        )
    repo.did = did
    archive.bytes_read = before  # progress counts the file once: the second pass reads it again
    try:
        wanted, also, missing = _walk(commit["data"], nodes)
    except (KeyError, TypeError, AttributeError, ValueError):
        raise DataFileError(f"{member}: the record tree is damaged; export your data again") from None
    del nodes
    with archive.open(member) as raw:
        stream = car.buffered(raw)
        car.read_roots(stream, member)
        for cid, body in car.iter_blocks(stream, member):
            key = wanted.pop(cid, None)
            if key:
                try:
                    record = car.decode(body)
                except ValueError:
                    record = None  # counted as a record not in the expected shape
                for same in (key, *also.pop(cid, ())):
                    yield same, record
    missing += len(wanted) + sum(len(keys) for cid, keys in also.items() if cid in wanted)
    if missing:
        log.problem(
            member,
            f"{member}: {missing:,} records or parts of the record tree are missing from the file; "
            "export your data again",
        )


def _decoded(body: memoryview, member: str, what: str) -> Any:
    try:
        return car.decode(body)
    except ValueError:
        raise DataFileError(f"{member}: {what} cannot be decoded; the file is damaged") from None


def _walk(root: bytes, nodes: dict[bytes, bytes]) -> tuple[dict[bytes, str], dict[bytes, list[str]], int]:
    """Walk the record tree from ``root``: {record CID: key} for the collections read, {record CID: more
    keys} for identical records under several keys (rare: a list, not one per record, keeps memory
    low), and how many tree nodes are missing."""
    wanted: dict[bytes, str] = {}
    also: dict[bytes, list[str]] = {}
    missing = 0
    stack = [root]
    while stack:
        body = nodes.pop(stack.pop(), None)
        node = car.decode(body) if body is not None else None
        if not isinstance(node, dict):
            missing += 1
            continue
        key = b""
        for entry in node.get("e") or ():
            key = key[: entry["p"]] + entry["k"]
            if entry.get("t"):
                stack.append(entry["t"])
            text = key.decode("utf-8", "replace")
            if text.split("/", 1)[0] in _READ:
                if entry["v"] in wanted:
                    also.setdefault(entry["v"], []).append(text)
                else:
                    wanted[entry["v"]] = text
        if node.get("l"):
            stack.append(node["l"])
    return wanted, also, missing


# --- records to items -------------------------------------------------------------------------------


def _convert(pair: tuple[str, Any], source: str, repo: _Repository) -> Item | list[Item] | None:
    """Turn one (key, record) into items; None when the record is not the shape its collection has."""
    key, record = pair
    if not isinstance(record, dict):
        return None
    collection = key.split("/", 1)[0]
    uri = f"at://{repo.did}/{key}"
    source = f"{repo.member}#{key}"
    created = iso_from_text(record.get("createdAt"))
    if collection == _POST:
        return _post(record, uri, created, source, repo.did)
    if collection in ("app.bsky.feed.like", "app.bsky.feed.repost", "app.bsky.feed.vote"):
        if collection.endswith("vote") and record.get("direction") != "up":
            return []  # a 2022-23 down vote: not a like
        subject = record["subject"]["uri"]
        kind = "share" if collection.endswith("repost") else "like"
        return Item(name, uri, kind, created, "", _did_of(subject), record_url(subject), source=source)
    if collection == "app.bsky.actor.profile":
        return _profile(record, uri, created, source, repo.did)
    title = record.get("name") or record.get("displayName")  # a list's name, a feed's display name
    words = "\n".join(filter(None, (title, record.get("description"))))
    return [Item(name, uri, "post", created, words, url=record_url(uri), source=source)]


def _post(record: dict, uri: str, created: str | None, source: str, did: str) -> Item:
    text = _expand_links(record.get("text") or "", record.get("facets"))
    embed = record.get("embed") or {}
    media = embed.get("media") or embed  # recordWithMedia holds its images or video under "media"
    images = media.get("images") or []
    alts = [image.get("alt") for image in images if isinstance(image, dict)]
    external = (media.get("external") or {}).get("uri")
    if external and external not in text:
        alts.append(external)
    text = "\n".join(filter(None, (text, *alts)))
    count = len(images) + (1 if "video" in media else 0)
    quoted = (embed.get("record") or {}).get("record", embed.get("record")) or {}
    kind = "post"
    if isinstance(quoted, dict) and quoted.get("uri"):
        kind = "share"
    elif record.get("reply"):
        parent = record["reply"].get("parent") or {}
        kind = "post" if _did_of(parent.get("uri")) == did else "reply"  # a thread of one's own is posts
    if not text and count:
        kind = "media"
    return Item(name, uri, kind, created, text, url=record_url(uri), media=count, source=source)


def _profile(record: dict, uri: str, created: str | None, source: str, did: str) -> list[Item]:
    fields = (("displayName", "name"), ("description", "description"))
    return [
        Item(name, f"{uri}#{field}", "profile", created, record[key], url=_APP + did, source=source)
        for key, field in fields
        if isinstance(record.get(key), str) and record[key].strip()
    ]


def _expand_links(text: str, facets: Any) -> str:
    """Put each link facet's full address in place of the shortened text it covers (UTF-8 byte offsets)."""
    if not facets or not text:
        return text
    links = []
    for facet in facets:
        for feature in facet.get("features") or ():
            if feature.get("$type") == "app.bsky.richtext.facet#link" and feature.get("uri"):
                index = facet["index"]
                links.append((index["byteStart"], index["byteEnd"], feature["uri"]))
    if not links:
        return text
    data = text.encode("utf-8")
    for start, end, link in sorted(links, reverse=True):  # from the end, so earlier offsets stay valid
        if 0 <= start <= end <= len(data):
            data = data[:start] + link.encode("utf-8") + data[end:]
    return data.decode("utf-8", "replace")


def _did_of(uri: Any) -> str | None:
    """Return the DID in ``at://<did>/<collection>/<rkey>``; None for anything else."""
    if not isinstance(uri, str) or not uri.startswith("at://did:"):
        return None
    return uri[5:].split("/", 1)[0]


def record_url(uri: Any) -> str | None:
    """Return the bsky.app address of a post's, feed's or list's ``at://`` URI; None for other records."""
    if not isinstance(uri, str) or not uri.startswith("at://"):
        return None
    parts = uri[5:].split("/")
    if len(parts) != 3 or parts[1] not in _PAGES:
        return None
    return f"{_APP}{parts[0]}/{_PAGES[parts[1]]}/{parts[2]}"
