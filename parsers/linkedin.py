"""LinkedIn "Get a copy of your data": a zip of CSV files (and ``Articles/`` HTML), every generation.

Generations (see shared/reference/export-formats-more.md §1):

* **2018**: names with spaces; ``Shares.csv`` is UTF-16 with a BOM, tab-separated, columns
  ``Date, Share Title, … Share Commentary, Shared URL, Media URL, Type, Visibility``, dates
  ``2017/06/08 08:15:44 UTC``; ``Articles/<date time>.html``.
* **2021**: mixed names (``messages.csv``, ``Rich Media.csv``, ``Member_Follows.csv``); ``Connections.csv``
  starts with a ``Notes:`` paragraph.
* **2025 onwards**: ``Shares.csv`` ``Date, ShareLink, ShareCommentary, SharedUrl, MediaUrl, Visibility``;
  complete archives may suffix names with a member id or counter (``Comments_10893976.csv``).

Names are matched case-insensitively with spaces or underscores and an optional ``_<digits>`` suffix;
columns are matched folded (``csvrows.column``), so the 2018 and 2025 ``Shares.csv`` share one converter.
Two quoting rules live in one export: ``Shares.csv`` wraps every line of a multi-line commentary in an
extra pair of quotes (undone by ``_unwrap_lines``), ``Comments.csv`` escapes quotes with a backslash.
Each file writes its dates its own way (``linkedin_time`` reads them all, as UTC).
Reposts without words are rows of ``Shares.csv`` with no commentary, or (newer) ``InstantReposts.csv``.
The quick first archive LinkedIn sends ("Basic") holds no posts, comments or reactions and is refused
with a message.
Messages (and invitation notes) are read only when asked for, and only those the account holder sent.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from .archive import Archive
from .base import read_member
from .csvrows import header, iter_rows
from .errors import ArchiveError, DataFileError
from .meta.common import synthetic_id
from .models import Detection, Item, ReadLog

name = "linkedin"  # the Platform contract (parsers.base)
label = "LinkedIn"

# (task, steps) for the workbook's How to delete sheet: our own summary of LinkedIn's settings in 2025.
deletion_steps: tuple[tuple[str, str], ...] = (
    (
        "Delete or edit a post",
        "Open the post (the Link column takes you there), select the ⋯ (More) menu at its top right and "
        "choose Delete post, or Edit post to change the words; edits show an 'Edited' mark. A repost "
        "with no words of your own is undone from the same menu. Your posts are also listed under Me > "
        "View profile > Activity > Posts.",
    ),
    (
        "Delete or edit a comment",
        "LinkedIn links to the post a comment is under, not to the comment: open the post, find your "
        "comment, select its ⋯ menu and choose Delete or Edit. Your comments are listed under Me > View "
        "profile > Activity > Comments.",
    ),
    (
        "Remove a reaction",
        "Open the post (Link column) and select your reaction (the highlighted Like, Celebrate, Support …) "
        "once more to take it back. Activity > Reactions on your profile lists them.",
    ),
    (
        "Change your profile, follows and groups",
        "Edit the headline, About text, location and websites with the pencil icons on your profile. "
        "Unfollow companies and people from their pages (Following > Unfollow); leave a group from its page "
        "(⋯ > Leave this group). Articles are deleted from their own ⋯ menu.",
    ),
)

GENERATIONS = {
    "csv": "LinkedIn data archive (Shares.csv, Comments.csv, Reactions.csv …)",
    "csv-2018": "LinkedIn data archive, 2018 (UTF-16 tab-separated Shares.csv, Articles/)",
}

# Folded file name (see _dataset) -> the columns its header must have.
_CONTENT = {
    "shares": ("date", "sharecommentary"),
    "comments": ("date", "link", "message"),
    "reactions": ("date", "type", "link"),
    "votes": ("date", "link", "optiontext"),
    "instantreposts": ("link",),
    "richmedia": (),
    "companyfollows": ("organization",),
    "memberfollows": ("fullname",),
    "hashtagfollows": (),
    "groups": (),
}
_PROFILE = {"profile": ("firstname", "lastname", "headline")}
_MESSAGES = {
    "messages": ("from", "date", "content"),
    "guidemessages": ("from", "date", "content"),
    "learningroleplaymessages": ("from", "date", "content"),
    "learningcoachmessages": ("from", "date", "content"),
    "invitations": ("from", "to", "message", "direction"),
}
# Files only LinkedIn writes: with these but no content file, the archive is the quick "Basic" one.
_BASIC = {"profile", "connections", "invitations", "registration", "emailaddresses", "phonenumbers"}
_ARTICLE = re.compile(r"^Articles/(?:Articles/)?[^/]+\.html?$", re.IGNORECASE)
_SUFFIX = re.compile(r"_\d+$")
_ENDED = frozenset({"inactive", "unfollowed", "unfollow", "removed", "left", "deleted", "blocked"})

_REACTIONS = {
    "LIKE": "Like",
    "PRAISE": "Celebrate",
    "APPRECIATION": "Support",
    "EMPATHY": "Love",
    "INTEREST": "Insightful",
    "ENTERTAINMENT": "Funny",
    "MAYBE": "Curious",
}


def detect(archive: Archive) -> Detection | None:
    """Recognise a LinkedIn archive from its file names (and, for names other exports share, a header)."""
    sets = _datasets(archive)
    content = [n for key in _CONTENT for n in sets.get(key, ())]
    articles = [n for n in archive.names() if _ARTICLE.match(n)]
    if not content and not articles:
        return None
    files = [*(n for key in _PROFILE for n in sets.get(key, ())), *content, *articles]
    messages = [n for key in _MESSAGES for n in sets.get(key, ())]
    utf16 = any(_is_utf16(archive, n) for n in sets.get("shares", ()))
    generation = "csv-2018" if utf16 or articles else "csv"
    return Detection(name, generation, GENERATIONS[generation], files, messages)


def refusal(archive: Archive) -> str | None:
    """Refuse LinkedIn's quick first archive: it has your profile and contacts but none of your posts."""
    sets = _datasets(archive)
    if not (_BASIC & sets.keys()) or any(key in sets for key in _CONTENT):
        return None
    return (
        f"{archive.label}: this LinkedIn download is the quick first archive, which holds no posts, comments "
        "or reactions; use the second one LinkedIn e-mails within about a day "
        "(Complete_LinkedInDataExport_….zip), or request it: Me > Settings & Privacy > Data privacy > Get a "
        "copy of your data > tick 'Download larger data archive', then Request archive"
    )


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield every share, comment, reaction, upload, article, follow and profile field (and sent messages)."""
    ctx = _Context()
    for member in detection.files:
        if _ARTICLE.match(member):
            yield from read_member(archive, member, log, _article, records=_whole(archive, member))
            continue
        key = _dataset(member)
        if key in _PROFILE:
            convert: Callable[[Any, str], Any] = partial(_profile, ctx=ctx)
            yield from _read(archive, member, log, convert, _PROFILE[key])
        elif key in _CONTENT:
            yield from _read(archive, member, log, _CONVERTERS[key], _CONTENT[key], key == "comments")
    if not include_messages:
        return
    for member in detection.message_files:
        key = _dataset(member)
        if key == "invitations":
            yield from _read(archive, member, log, _invitation, _MESSAGES[key])
        elif ctx.names or "direction" in header(archive, member):  # 2018 says which way each went
            yield from _read(archive, member, log, partial(_message, ctx=ctx), _MESSAGES[key])
        else:
            log.problem(
                member,
                f"{member}: Profile.csv is missing, so your own messages cannot be told from other "
                "people's; messages were not read",
            )


@dataclass
class _Context:
    names: frozenset[str] = frozenset()  # the account holder's name as messages write it, folded


def _read(
    archive: Archive,
    member: str,
    log: ReadLog,
    convert: Callable[[Any, str], Any],
    required: tuple[str, ...],
    backslash_escapes: bool = False,
) -> Iterator[Item]:
    rows = iter_rows(archive, member, required, backslash_escapes=backslash_escapes)
    yield from read_member(archive, member, log, convert, records=rows)


# --- converters ---------------------------------------------------------------------------------


def _share(row: dict[str, str], source: str) -> Item | None:
    """A post, or a repost (no words of the user's own: the link it shared is the text)."""
    if "date" not in row:
        return None
    link = row.get("sharelink") or ""
    text = _unwrap_lines(row.get("sharecommentary") or "")
    shared = (row.get("sharedurl") or "").strip()
    kind = "post" if text.strip() else "share"
    if kind == "share":
        text = " ".join(v for v in (row.get("sharetitle"), row.get("sharedescription"), shared) if v)
    urn = _urn(link)
    audience = _audience(row.get("visibility"))
    if ":groupPost:" in urn:
        audience = "a LinkedIn group"
    return Item(
        name,
        _urn_id(urn) or synthetic_id(source, row["date"], text),
        kind,
        linkedin_time(row["date"]),
        text.strip(),
        url=link or None,
        media=1 if (row.get("mediaurl") or "").strip() else 0,
        audience=audience,
        source=source,
    )


def _comment(row: dict[str, str], source: str) -> Item | None:
    """A comment or reply: LinkedIn gives the post it is under (Link), not the comment itself."""
    if "message" not in row:
        return None
    text = row["message"].strip()
    return Item(
        name,
        synthetic_id("comment", row["date"], row["link"], text),
        "comment",
        linkedin_time(row["date"]),
        text,
        url=row["link"] or None,
        source=source,
    )


def _reaction(row: dict[str, str], source: str) -> Item | None:
    if "type" not in row:
        return None
    reaction = _REACTIONS.get(row["type"].strip().upper(), row["type"].strip().capitalize())
    return _like("reaction", row, f"Reacted: {reaction}", source)


def _vote(row: dict[str, str], source: str) -> Item | None:
    if "optiontext" not in row:
        return None
    return _like("vote", row, f"Voted in a poll: {row['optiontext'].strip()}", source)


def _like(what: str, row: dict[str, str], text: str, source: str) -> Item:
    """A reaction or a poll vote: a like of the linked post, in the words the export gives."""
    return Item(
        name,
        synthetic_id(what, row["date"], row["link"]),
        "like",
        linkedin_time(row["date"]),
        text,
        url=row["link"] or None,
        source=source,
    )


def _instant_repost(row: dict[str, str], source: str) -> Item | None:
    """A repost made without words of the user's own (``InstantReposts.csv``): whose post is not said."""
    link = (row.get("link") or "").strip()
    if not link:
        return None
    urn = _urn(link)
    return Item(
        name,
        _urn_id(urn) or synthetic_id("repost", link),
        "share",
        linkedin_time(row.get("date") or row.get("createdtime")),
        "",
        url=link,
        source=source,
    )


_UPLOADED = re.compile(r"\bon ([A-Z][a-z]+ \d{1,2}, \d{4}) at (\d{1,2}:\d{2} [AP]M)")


def _rich_media(row: dict[str, str], source: str) -> list[Item] | None:
    """An upload ("You uploaded a feed photo on May 29, 2025 at 5:45 PM (GMT)"); 2021 rows only point."""
    when = row.get("date/time") or row.get("datetime")
    if when is None:
        return [] if "type" in row else None  # 2021: "Video content can be downloaded at" and a link
    moment = _UPLOADED.search(when)
    created = _parse(f"{moment[1]} {moment[2]}", "%B %d, %Y %I:%M %p") if moment else None
    description = (row.get("mediadescription") or "").strip()
    text = "" if description in ("", "-") else description
    link = (row.get("medialink") or "").strip()
    return [
        Item(
            name,
            synthetic_id("media", when, link),
            "media",
            created,
            text,
            url=link or None,
            media=1,
            audience=when.split(" on ", 1)[0].replace("You uploaded ", "").strip() or None,
            source=source,
        )
    ]


def _follow(row: dict[str, str], source: str) -> list[Item] | None:
    """A company, person, hashtag or group followed or joined: the first column that names it."""
    named = _first(row, ("organization", "fullname", "hashtag", "name", "groupname", "title", "group"))
    if not named:
        return None
    when = _first(row, ("followedon", "date", "createdtime", "joinedon", "createdon", "startedon"))
    status = (row.get("status") or row.get("state") or "").strip().lower()
    if status in _ENDED:
        return []  # unfollowed or left: nothing to keep
    text = named.replace("\u200b", "")
    if "hashtag" in row and not text.startswith("#"):
        text = "#" + text
    item_id = synthetic_id("follow", source.split("#")[0], text)
    return [Item(name, item_id, "membership", linkedin_time(when), text, source=source)]


def _profile(row: dict[str, str], source: str, ctx: _Context) -> list[Item] | None:
    first, last, maiden = (row.get(k, "").strip() for k in ("firstname", "lastname", "maidenname"))
    ctx.names = frozenset(_fold(f"{first} {other}") for other in (last, maiden) if first and other)
    items = []
    for field, text, location in (
        ("headline", row.get("headline"), None),
        ("summary", row.get("summary"), None),
        ("location", row.get("geolocation"), row.get("geolocation")),
        ("website", _websites(row.get("websites")), None),
        ("twitter", (row.get("twitterhandles") or "").strip("[] "), None),
    ):
        text = (text or "").strip()
        if text:
            items.append(
                Item(
                    name,
                    f"profile-{field}",
                    "profile",
                    None,
                    text,
                    location=text if location else None,
                    source=source,
                )
            )
    return items


def _message(row: dict[str, str], source: str, ctx: _Context) -> Item | list[Item] | None:
    """A message the account holder sent (FOLDER says INBOX both ways, so the sender's name decides)."""
    if "content" not in row:
        return None
    if "direction" in row:  # 2018: INCOMING or OUTGOING
        sent = row["direction"].strip().upper() == "OUTGOING"
    else:
        sent = _fold(row["from"]) in ctx.names
    if not sent or (row.get("ismessagedraft") or "").strip().lower() in ("true", "yes"):
        return []
    text = _plain(row["content"])
    subject = (row.get("subject") or "").strip()
    if subject and subject != (row.get("conversationtitle") or "").strip():
        text = f"{subject}\n{text}" if text else subject
    return Item(
        name,
        synthetic_id("message", row.get("conversationid"), row["date"], text),
        "message",
        linkedin_time(row["date"]),
        text,
        audience="direct message",
        source=source,
    )


def _invitation(row: dict[str, str], source: str) -> Item | list[Item] | None:
    """An invitation to connect that the account holder sent with a note of their own."""
    if "direction" not in row:
        return None
    text = (row.get("message") or "").strip()
    if row["direction"].strip().upper() != "OUTGOING" or not text:
        return []
    return Item(
        name,
        synthetic_id("invitation", row.get("sentat"), row.get("to"), text),
        "message",
        linkedin_time(row.get("sentat")),
        text,
        audience="invitation to connect",
        source=source,
    )


def _article(page: str, source: str) -> Item | None:
    """A long-form article: its title, and its body as plain text."""
    reader = _ArticleText()
    reader.feed(page)
    reader.close()
    text = "\n".join(part for part in (reader.title.strip(), reader.body()) if part)
    created = _CREATED.search(page)
    return Item(
        name,
        synthetic_id("article", source, reader.title),
        "post",
        linkedin_time(created[1]) if created else None,
        text,
        url=reader.link,
        audience="article",
        source=source,
    )


_CONVERTERS: dict[str, Callable[[Any, str], Any]] = {
    "shares": _share,
    "comments": _comment,
    "reactions": _reaction,
    "votes": _vote,
    "instantreposts": _instant_repost,
    "richmedia": _rich_media,
    "companyfollows": _follow,
    "memberfollows": _follow,
    "hashtagfollows": _follow,
    "groups": _follow,
}


# --- text ---------------------------------------------------------------------------------------


def _unwrap_lines(text: str) -> str:
    """Undo Shares.csv's extra quotes around every line of a multi-line commentary.

    After CSV decoding the first line ends with a stray quote, middle lines start and end with one and
    the last starts with one. Only when every line fits is one quote taken off at each of those places,
    so genuine quotes survive.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    middle = lines[1:-1]
    fits = (
        lines[0].endswith('"')
        and lines[-1].startswith('"')
        and all(len(line) >= 2 and line[0] == line[-1] == '"' for line in middle)
    )
    if not fits:
        return text
    return "\n".join([lines[0][:-1], *(line[1:-1] for line in middle), lines[-1][1:]])


def _plain(text: str) -> str:
    """Message text as people read it: the 2018 archive kept HTML entities and some tags."""
    if "<" in text or "&" in text:
        text = html.unescape(re.sub(r"<br\s*/?>|</p>", "\n", text, flags=re.IGNORECASE))
        text = re.sub(r"<[^>]+>", "", text)
    return text.replace("\xa0", " ").strip()


def _websites(value: str | None) -> str:
    """``[PORTFOLIO:https://a,PERSONAL:https://b]`` -> "https://a https://b"."""
    if not value:
        return ""
    urls = re.findall(r"https?://[^\s,\]]+", value)
    return " ".join(urls) if urls else value.strip("[] ")


_CREATED = re.compile(r'class="created"[^>]*>\s*Created on\s*([0-9-]+ [0-9:]+)', re.IGNORECASE)


class _ArticleText(HTMLParser):
    """Collect an article page's title (its h1, which links to the editor) and its body text."""

    _BLOCKS = frozenset({"p", "li", "h2", "h3", "h4", "div", "blockquote", "pre", "tr"})
    _VOID = frozenset({"br", "img", "hr", "meta", "link", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.link: str | None = None
        self._parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hidden): the elements we are inside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            self._parts.append("\n" if tag == "br" else "")
            return
        values = dict(attrs)
        hidden = tag in ("head", "title", "script", "style") or values.get("class") in (
            "created",
            "published",
        )
        self._open.append((tag, hidden))
        if tag == "a" and self._inside("h1") and values.get("href"):
            self.link = values["href"]
        if tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        if tag in self._BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if any(hidden for _, hidden in self._open):
            return
        if self._inside("h1"):
            self.title += data
        else:
            self._parts.append(data)

    def _inside(self, tag: str) -> bool:
        return any(open_tag == tag for open_tag, _ in self._open)

    def body(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self._parts).split("\n"))
        return "\n".join(line for line in lines if line)


# --- dates ----------------------------------------------------------------------------------------


def linkedin_time(value: str | None) -> str | None:
    """Return ISO UTC "…Z" for any date a LinkedIn file writes; None for an empty or unknown one.

    ``2025-07-01 14:33:22`` (no zone: UTC), ``2021-11-17 18:14:58 UTC``, ``2017/06/08 08:15:44 UTC``,
    ``Tue Sep 28 09:08:27 UTC 2021``, ``11/16/21, 9:40 AM`` (always month first) and ``17 Nov 2021``.
    """
    value = (value or "").strip()
    if not value:
        return None
    if len(value) >= 19 and value[4] in "-/" and value[10] == " ":
        return f"{value[:4]}-{value[5:7]}-{value[8:10]}T{value[11:19]}Z"
    for layout in (
        "%a %b %d %H:%M:%S UTC %Y",
        "%m/%d/%y, %I:%M %p",
        "%d %b %Y",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d",
    ):
        found = _parse(value, layout)
        if found:
            return found
    return None


def _parse(value: str, layout: str) -> str | None:
    try:
        moment = datetime.strptime(value, layout)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- helpers --------------------------------------------------------------------------------------


def _dataset(member: str) -> str | None:
    """``Rich Media.csv``, ``Rich_Media.csv``, ``Comments_10893976.csv`` -> "richmedia", "comments".

    Only CSVs at the top of the archive count: LinkedIn puts nothing else there.
    """
    if "/" in member or not member.lower().endswith(".csv"):
        return None
    return _SUFFIX.sub("", member[:-4].strip()).replace(" ", "").replace("_", "").lower()


def _datasets(archive: Archive) -> dict[str, list[str]]:
    """Group the archive's top-level CSVs by folded name.

    Reddit writes a ``comments.csv`` and ``messages.csv`` too: those two names count only without
    Reddit's ``permalink`` column, and only with some other LinkedIn file when their header cannot be
    read (a damaged file is then reported by the read, not taken for an export of its own).
    """
    sets: dict[str, list[str]] = {}
    unsure: dict[str, list[str]] = {}
    for member in archive.names():
        key = _dataset(member)
        if key is None or key not in _CONTENT.keys() | _PROFILE.keys() | _MESSAGES.keys() | _BASIC:
            continue
        if key in ("comments", "messages"):
            columns = header(archive, member)
            if "permalink" in columns:
                continue
            if not columns:
                unsure.setdefault(key, []).append(member)
                continue
        sets.setdefault(key, []).append(member)
    if sets:
        for key, members in unsure.items():
            sets.setdefault(key, []).extend(members)
    return sets


def _is_utf16(archive: Archive, member: str) -> bool:
    try:
        with archive.open(member) as raw:
            return raw.read(2) in (b"\xff\xfe", b"\xfe\xff")
    except (DataFileError, ArchiveError):
        return False


def _whole(archive: Archive, member: str) -> Iterator[str]:
    """Yield an article page as one record (pages are small; HTML has no records to stream)."""
    with archive.open(member) as raw:
        data = raw.read()
    yield data.decode("utf-8", errors="replace")


def _urn(link: str) -> str:
    """The decoded URN of a feed link: ``urn:li:share:7345…``, ``urn:li:groupPost:123-456``."""
    return unquote(link.rsplit("/feed/update/", 1)[-1].split("?", 1)[0]) if "/feed/update/" in link else ""


def _urn_id(urn: str) -> str | None:
    return urn.rsplit(":", 1)[-1] or None if urn.startswith("urn:li:") else None


def _audience(visibility: str | None) -> str | None:
    value = (visibility or "").strip().upper()
    return {"MEMBER_NETWORK": "connections", "CONNECTIONS": "connections", "PUBLIC": "public"}.get(
        value, value.lower() or None
    )


def _first(row: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = (row.get(key) or "").strip()
        if value:
            return value
    return None


def _fold(person: str) -> str:
    return " ".join(person.replace("\u200b", "").split()).casefold()
