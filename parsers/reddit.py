"""Reddit's data request download: a zip of flat CSV files (reddit.com/settings/data-request).

One layout is known (see shared/reference/export-formats-more.md §5): ``posts.csv``
(``id, permalink, date, ip, subreddit, gildings, title, url, body``), ``comments.csv`` (``…, link, parent,
body, media``), ``post_votes.csv``/``comment_votes.csv`` (``id, permalink, direction``),
``subscribed_subreddits.csv`` and friends (``subreddit``), ``drafts.csv``, ``messages.csv``/
``messages_archive.csv`` (``…, from, to, subject, body``) and ``chat_history.csv``. Dates read
``2019-03-02 21:14:05 UTC``. Bodies are Markdown, multi-line and quoted. Large tables may come split
as ``<name>_1.csv``, ``<name>_2.csv``. A comment whose ``parent`` is a ``t1_`` fullname answers another
comment (a reply). Upvotes are likes; downvotes, saved and hidden items are not the user's words.

The username is not written beside posts or comments; for messages it comes from ``statistics.csv``
(``account name``) or else from the one name in every message row, and messages are read only when
asked for, and only those the account holder sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from .archive import Archive
from .base import natural_key, read_member
from .csvrows import header, iter_rows
from .errors import ArchiveError, DataFileError
from .meta.common import synthetic_id
from .models import Detection, Item, ReadLog

name = "reddit"  # the Platform contract (parsers.base)
label = "Reddit"

# (task, steps) for the workbook's How to delete sheet: our own summary of Reddit's site in 2025.
deletion_steps: tuple[tuple[str, str], ...] = (
    (
        "Delete or edit a post or comment",
        "Open it with the Link column, select the ⋯ (More) menu under it and choose Delete (or Edit, to "
        "change a text post or a comment). Your profile's Posts and Comments tabs list them all. Deleting "
        "removes your name and the text, but replies by others stay; edit the words away first if they "
        "were quoted.",
    ),
    (
        "Take back an upvote",
        "Open the post or comment (Link column) and select the highlighted up arrow again. Votes are not "
        "shown to others, so this matters less than your own words.",
    ),
    (
        "Leave or stop moderating a community",
        "Open the community (Link column) and select Joined > Leave. To stop moderating, open its Mod Tools "
        "> Moderators and choose Leave as mod.",
    ),
)

GENERATION = ("gdpr", "Reddit data request (posts.csv, comments.csv … at the top of the zip)")

# Dataset (file name without a part number) -> the columns its header must have, in reading order.
_CONTENT = {
    "posts": ("id", "permalink", "title", "body"),
    "comments": ("id", "permalink", "body"),
    "drafts": ("id", "title", "body"),
    "post_votes": ("id", "permalink", "direction"),
    "comment_votes": ("id", "permalink", "direction"),
    "subscribed_subreddits": ("subreddit",),
    "moderated_subreddits": ("subreddit",),
    "approved_submitter_subreddits": ("subreddit",),
}
_MESSAGES = {
    "messages": ("id", "from", "to", "body"),
    "messages_archive": ("id", "from", "to", "body"),
    "chat_history": ("username", "message"),
}
# Files only Reddit writes; posts.csv, comments.csv and messages.csv are Reddit's when their header says so.
_OWN_NAMES = frozenset(_CONTENT) - {"posts", "comments", "drafts"} | {
    "post_headers",
    "comment_headers",
    "saved_posts",
    "saved_comments",
    "hidden_posts",
    "checkfile",
    "chat_history",
}
_SHARED_NAMES = frozenset({"posts", "comments", "drafts", "messages", "messages_archive"})
_PART = re.compile(r"_\d+$")
_DELETED = frozenset({"[deleted]", "[removed]"})


def detect(archive: Archive) -> Detection | None:
    """Recognise a Reddit download from its file names (and the header of names others use too)."""
    sets, own = _datasets(archive)
    if not own:
        return None
    files = [n for key in _CONTENT for n in sets.get(key, ())]
    messages = [n for key in _MESSAGES for n in sets.get(key, ())]
    if not files and not messages:
        return None
    files[:0] = sets.get("statistics", [])
    return Detection(name, GENERATION[0], GENERATION[1], files, messages)


def refusal(archive: Archive) -> str | None:
    """Reddit downloads come in one format only: nothing to refuse."""
    return None


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield every post, comment, draft, upvote and subreddit (and, if asked, the messages you sent)."""
    ctx = _Context()
    for member in detection.files:
        key = _dataset(member)
        if key == "statistics":
            rows = iter_rows(archive, member, ("statistic", "value"))
            yield from read_member(archive, member, log, partial(_statistic, ctx=ctx), records=rows)
        elif key in _CONTENT:
            rows = iter_rows(archive, member, _CONTENT[key])
            yield from read_member(archive, member, log, _CONVERTERS[key], records=rows)
    if not include_messages or not detection.message_files:
        return
    me = ctx.username or _correspondent(archive, detection.message_files)
    for member in detection.message_files:
        if me is None:
            log.problem(
                member,
                f"{member}: statistics.csv is missing and no one name is in every message, so your own "
                "messages cannot be told from other people's; messages were not read",
            )
            continue
        key = _dataset(member)
        convert = partial(_chat if key == "chat_history" else _message, me=me.casefold())
        rows = iter_rows(archive, member, _MESSAGES[key])
        yield from read_member(archive, member, log, convert, records=rows)


@dataclass
class _Context:
    username: str | None = None


# --- converters ---------------------------------------------------------------------------------


def _post(row: dict[str, str], source: str) -> Item | None:
    """A post: its title, then its Markdown body (a link post has the link instead)."""
    if not row.get("id"):
        return None
    title, body = _words(row.get("title")), _words(row.get("body"))
    link = (row.get("url") or "").strip()
    if not body and link and link != _absolute(row.get("permalink")):
        body = link
    return Item(
        name,
        "t3_" + row["id"].strip().removeprefix("t3_"),
        "post",
        reddit_time(row.get("date")),
        "\n\n".join(part for part in (title, body) if part),
        url=_absolute(row.get("permalink")),
        audience=_subreddit(row.get("subreddit")),
        source=source,
    )


def _comment(row: dict[str, str], source: str) -> Item | None:
    """A comment; a reply when its parent is another comment (``t1_…``)."""
    if not row.get("id"):
        return None
    parent = (row.get("parent") or "").strip()
    media = (row.get("media") or "").strip()
    return Item(
        name,
        "t1_" + row["id"].strip().removeprefix("t1_"),
        "reply" if parent.startswith("t1_") else "comment",
        reddit_time(row.get("date")),
        _words(row.get("body")),
        url=_absolute(row.get("permalink")),
        media=1 if media else 0,
        audience=_subreddit(row.get("subreddit")),
        source=source,
    )


def _draft(row: dict[str, str], source: str) -> Item | None:
    if not row.get("id"):
        return None
    text = "\n\n".join(part for part in (_words(row.get("title")), _words(row.get("body"))) if part)
    return Item(
        name,
        f"draft-{row['id']}",
        "post",
        reddit_time(row.get("modified") or row.get("created")),
        text,
        audience="; ".join(filter(None, ("draft, never posted", _subreddit(row.get("subreddit"))))),
        source=source,
    )


def _vote(row: dict[str, str], source: str) -> Item | list[Item] | None:
    """An upvote is a like; down, none and removed votes are not."""
    direction = (row.get("direction") or "").strip().lower()
    if not row.get("id") or not direction:
        return None
    if direction != "up":
        return []
    return Item(
        name, f"vote-{row['id']}", "like", None, "", url=_absolute(row.get("permalink")), source=source
    )


def _membership(row: dict[str, str], source: str, role: str | None) -> Item | None:
    subreddit = (row.get("subreddit") or "").strip()
    if not subreddit:
        return None
    return Item(
        name,
        f"{source.split('#')[0]}:{subreddit.lower()}",
        "membership",
        None,
        _subreddit(subreddit) or subreddit,
        url=f"https://www.reddit.com/r/{subreddit.removeprefix('r/')}/",
        audience=role,
        source=source,
    )


def _statistic(row: dict[str, str], source: str, ctx: _Context) -> list[Item] | None:
    """statistics.csv gives the account name (needed to tell your messages apart); it holds no items."""
    if "statistic" not in row:
        return None
    if row["statistic"].strip().lower() in ("account name", "username") and row.get("value", "").strip():
        ctx.username = row["value"].strip().removeprefix("u/")
    return []


def _message(row: dict[str, str], source: str, me: str) -> Item | list[Item] | None:
    """A private message the account holder sent (received ones are other people's words)."""
    if not row.get("id"):
        return None
    if (row.get("from") or "").strip().removeprefix("u/").casefold() != me:
        return []
    subject, body = _words(row.get("subject")), _words(row.get("body"))
    return Item(
        name,
        f"t4_{row['id']}",
        "message",
        reddit_time(row.get("date")),
        f"{subject}\n{body}" if subject and not subject.lower().startswith("re:") else body,
        url=_absolute(row.get("permalink")),
        audience="private message",
        source=source,
    )


def _chat(row: dict[str, str], source: str, me: str) -> Item | list[Item] | None:
    """A chat message the account holder sent."""
    if "username" not in row:
        return None
    if row["username"].strip().casefold() != me:
        return []
    return Item(
        name,
        row.get("messageid") or synthetic_id(source, row.get("createdat"), row["message"]),
        "message",
        reddit_time(row.get("createdat")),
        _words(row.get("message")),
        audience=_subreddit(row.get("subreddit")) or "chat",
        source=source,
    )


_CONVERTERS: dict[str, Callable[[Any, str], Any]] = {
    "posts": _post,
    "comments": _comment,
    "drafts": _draft,
    "post_votes": _vote,
    "comment_votes": _vote,
    "subscribed_subreddits": partial(_membership, role=None),
    "moderated_subreddits": partial(_membership, role="moderator"),
    "approved_submitter_subreddits": partial(_membership, role="approved submitter"),
}


# --- helpers --------------------------------------------------------------------------------------


def reddit_time(value: str | None) -> str | None:
    """``2019-03-02 21:14:05 UTC`` (or ISO with a T, or without the zone) -> ``2019-03-02T21:14:05Z``."""
    value = (value or "").strip()
    if len(value) < 19 or value[4] != "-" or value[10] not in " T" or not value[:4].isdigit():
        return None
    rest = value[19:].strip().removeprefix(".").lstrip("0123456789").strip()
    if rest not in ("", "UTC", "Z", "+00:00", "+0000"):
        return None
    return f"{value[:10]}T{value[11:19]}Z"


def _words(value: str | None) -> str:
    """The text, without Reddit's placeholders for deleted and removed text."""
    text = (value or "").strip()
    return "" if text in _DELETED else text


def _absolute(permalink: str | None) -> str | None:
    link = (permalink or "").strip()
    if not link:
        return None
    return "https://www.reddit.com" + link if link.startswith("/") else link


def _subreddit(value: str | None) -> str | None:
    sub = (value or "").strip()
    return None if not sub else sub if sub.startswith(("r/", "u/")) else f"r/{sub}"


def _correspondent(archive: Archive, members: list[str]) -> str | None:
    """The one name found in every message (as sender or recipient): the account holder."""
    common: set[str] | None = None
    for member in members:
        if _dataset(member) == "chat_history":
            continue
        try:
            for row in iter_rows(archive, member, _MESSAGES["messages"]):
                names = {(row.get(k) or "").strip().removeprefix("u/") for k in ("from", "to")} - {""}
                common = names if common is None else common & names
                if not common:
                    return None
        except (DataFileError, ArchiveError):
            continue  # the read below reports the file
    return next(iter(common)) if common and len(common) == 1 else None


def _dataset(member: str) -> str | None:
    """``comments_2.csv`` -> "comments"; None for anything but a CSV at the top of the zip."""
    if "/" in member or not member.lower().endswith(".csv"):
        return None
    return _PART.sub("", member[:-4].lower())


def _datasets(archive: Archive) -> tuple[dict[str, list[str]], bool]:
    """Group top-level CSVs by dataset, parts in order; and whether any name or header is Reddit's own.

    LinkedIn also writes ``comments.csv`` and ``messages.csv``: those names count only with Reddit's
    header, and one whose header cannot be read (a damaged file) is kept but proves nothing.
    """
    sets: dict[str, list[str]] = {}
    own = False
    for member in archive.names():
        key = _dataset(member)
        if key is None:
            continue
        if key in _SHARED_NAMES:
            columns = set(header(archive, member))
            if columns and not {"permalink", "title"} & columns:
                continue
            own = own or bool(columns) and key in ("posts", "comments")
        else:
            own = own or key in _OWN_NAMES
        sets.setdefault(key, []).append(member)
    for parts in sets.values():
        parts.sort(key=natural_key)
    return sets, own
