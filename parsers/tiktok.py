"""TikTok "Download your data" in JSON: one ``user_data_tiktok.json`` (``user_data.json`` until 2022).

The file is one object of sections, sub-sections and lists (see shared/reference/export-formats-more.md
§2). Names hold spaces and were renamed over the years (``Video > Videos`` became ``Post > Posts``,
``Activity`` became ``Your Activity``, ``Poi Review`` became ``Location Review`` …), and keys change case
between sections (``Date``/``date``, ``Link``/``link``/``VideoLink``). So each list is found by its last
two names, compared case-insensitively (``videos > videolist`` or ``posts > videolist``), whatever the
section around it, and record keys are read case-insensitively. The file is streamed in one pass,
building only the records of the lists read; the watch history, often most of the file, is skipped.
Empty values come as null, ``{}``, ``""``, ``"N/A"`` or ``"None"``. Dates ``2024-11-24 08:53:18`` have
no zone (UTC; login rows add `` UTC``).

The TXT download (a folder of ``Like List.txt``, ``Comments.txt`` …) is refused with a message asking
for JSON. Direct messages are read only when asked for, and only those the account holder sent (``From``
is a username, compared with the profile's ``userName``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import ijson
from ijson.common import ObjectBuilder

from .archive import Archive
from .base import read_member
from .errors import DataFileError
from .jsonstream import JSONBytes, describe_json_error
from .meta.common import synthetic_id
from .models import Detection, Item, ReadLog

name = "tiktok"  # the Platform contract (parsers.base)
label = "TikTok"

# (task, steps) for the workbook's How to delete sheet: our own summary of TikTok's app in 2025.
deletion_steps: tuple[tuple[str, str], ...] = (
    (
        "Delete a video or make it private",
        "TikTok's download gives no lasting link to your own videos: find the video on your profile by its "
        "date and caption, open it, tap ⋯ (or the share arrow) and choose Delete, or Privacy settings > Who "
        "can watch this video > Only you to hide it. Recently deleted videos stay restorable for 30 days in "
        "Settings and privacy > Activity centre (or Recently deleted) and can be deleted for good there.",
    ),
    (
        "Delete a comment",
        "Open the video you commented on, press and hold your comment and choose Delete. The download does "
        "not say which video a comment was on, so search by its date in Settings and privacy > Activity "
        "centre > Comment history where your app has it. Comments typed during live streams cannot be "
        "deleted after the stream.",
    ),
    (
        "Remove likes, favourites and follows",
        "Open the video (Link column) and tap the heart again, or the bookmark for a favourite. Make the "
        "Liked tab private with Settings and privacy > Privacy > Liked videos > Only me. Unfollow accounts "
        "from their profile (Following > Unfollow).",
    ),
    (
        "Change your profile or a place review",
        "Edit profile changes your bio, name and linked Instagram or YouTube accounts. Place reviews are "
        "edited or deleted from the place's page (your review > ⋯).",
    ),
)

GENERATIONS = {
    "json-2022": "TikTok data download in JSON, until 2022 (user_data.json)",
    "json": "TikTok data download in JSON, 2023 onwards (user_data_tiktok.json)",
}

# (sub-section, list) in lower case -> what its records are. Lists hold records; maps hold records
# keyed by a chat partner or a live room; a profile map is one record.
_LISTS = {
    ("videos", "videolist"): "video",
    ("posts", "videolist"): "video",
    ("recentlydeletedposts", "postlist"): "deleted",
    ("recently deleted posts", "postlist"): "deleted",
    ("comments", "commentslist"): "comment",
    ("like list", "itemfavoritelist"): "like",
    ("favorite videos", "favoritevideolist"): "favourite",
    ("share history", "sharehistorylist"): "shared",
    ("hashtag", "hashtaglist"): "hashtag",
    ("favorite hashtags", "favoritehashtaglist"): "hashtag",
    ("following list", "following"): "following",
    ("following", "following"): "following",
    ("poi review", "reviewslist"): "review",
    ("location reviews", "reviewslist"): "review",
    ("chat history", "chathistory"): "chat",
    ("direct messages", "chathistory"): "chat",
    ("watch live history", "watchlivemap"): "live",
    ("profile information", "profilemap"): "profile",
    ("profile info", "profilemap"): "profile",
}
_MESSAGE_TAGS = frozenset({"chat"})
_WHOLE = frozenset({"profile"})  # the object itself is the record, not its members
_EMPTY = frozenset({"", "n/a", "none", "null"})
_JSON_NAMES = re.compile(r"^user_data(?:_tiktok)?\.json$", re.IGNORECASE)  # at the top of the zip
_TXT_NAMES = frozenset(
    {
        "like list.txt",
        "browsing history.txt",
        "video browsing history.txt",
        "favorite videos.txt",
        "comments.txt",
        "post.txt",
        "videos.txt",
        "chat history.txt",
        "direct messages.txt",
        "profile info.txt",
        "profile information.txt",
        "share history.txt",
        "searches.txt",
        "search history.txt",
        "following.txt",
        "follower.txt",
        "login history.txt",
        "watch live history.txt",
    }
)
_VIDEO_ID = re.compile(r"/(?:share/)?video/(\d+)")
_SECTIONS = (
    b'"Activity"',
    b'"Your Activity"',
    b'"Profile"',
    b'"Video"',
    b'"Post"',
    b'"Comment"',
    b'"Tiktok Live"',
)


def detect(archive: Archive) -> Detection | None:
    """Recognise TikTok's JSON: ``user_data_tiktok.json``, or ``user_data.json`` with TikTok's sections."""
    for member in archive.names():
        if not _JSON_NAMES.match(member):
            continue
        if member.lower().endswith("_tiktok.json"):
            return Detection(name, "json", GENERATIONS["json"], [member])
        if _has_sections(archive, member):  # many apps write a user_data.json
            return Detection(name, "json-2022", GENERATIONS["json-2022"], [member])
    return None


def refusal(archive: Archive) -> str | None:
    """Refuse the TXT download: its loose ``Key: value`` blocks cannot be read reliably."""
    found = {n.rsplit("/", 1)[-1].lower() for n in archive.names()} & _TXT_NAMES
    if len(found) < 2 or any(_JSON_NAMES.match(n) for n in archive.names()):
        return None
    return (
        f"{archive.label}: this is TikTok's TXT download, which cannot be read reliably; request a new one "
        "in JSON: Profile > ☰ > Settings and privacy > Account > Download your data > choose 'JSON' as the "
        "file format (and 'All data'), then Request data"
    )


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield own videos (and recently deleted ones), comments, live and place comments, likes, favourites,
    shares, hashtags, follows and profile fields (and, if asked, the direct messages you sent)."""
    for member in detection.files:
        ctx = _Context(include_messages=include_messages)
        if include_messages:
            try:
                ctx.username = _username(archive, member)
            except DataFileError:
                pass  # the read below reports the file once; its messages cannot be told apart
            else:
                if ctx.username is None:
                    log.problem(
                        member,
                        f"{member}: the profile's userName is missing, so your own messages cannot be "
                        "told from other people's; messages were not read",
                    )
        yield from read_member(
            archive, member, log, partial(_record, ctx=ctx), records=_records(archive, member, ctx)
        )


@dataclass
class _Context:
    include_messages: bool = False
    username: str | None = None


# --- streaming ------------------------------------------------------------------------------------


def _records(archive: Archive, member: str, ctx: _Context) -> Iterator[tuple[str, str | None, Any]]:
    """Yield (what, key, record) for every record of the lists read, in one streaming pass.

    ``key`` is the map key for records kept in maps (a chat partner, a live room), else None.
    """
    wanted = {
        path: tag
        for path, tag in _LISTS.items()
        if tag not in _MESSAGE_TAGS or (ctx.include_messages and ctx.username)
    }
    with archive.open(member) as raw:
        events = ijson.parse(JSONBytes(raw, member, clean=True), use_float=True)
        try:
            yield from _walk(events, wanted)
        except ijson.JSONError as exc:
            raise DataFileError(f"{member}: {describe_json_error(exc)}") from None


def _walk(
    events: Iterator[tuple[str, str, Any]], wanted: dict[tuple[str, str], str]
) -> Iterator[tuple[str, str | None, Any]]:
    container: str | None = None  # the prefix of the list or map being read
    tag = ""
    key: str | None = None
    builder: ObjectBuilder | None = None
    depth = 0
    for prefix, event, value in events:
        if builder is not None:
            builder.event(event, value)
            if event in ("start_map", "start_array"):
                depth += 1
            elif event in ("end_map", "end_array"):
                depth -= 1
                if depth == 0:
                    yield tag, key, builder.value
                    builder = None
                    if container is None:  # a whole-object record (the profile)
                        tag = ""
            continue
        if container is not None:
            if prefix == container:
                if event == "map_key":
                    key = value
                elif event in ("end_map", "end_array"):
                    container = None
                continue
            if event in ("start_map", "start_array"):
                builder, depth = ObjectBuilder(), 1
                builder.event(event, value)
            else:
                yield tag, key, value
            continue
        if event in ("start_map", "start_array") and prefix.count(".") == 2:
            found = wanted.get(tuple(prefix.lower().split(".")[1:]))  # type: ignore[arg-type]
            if found is None:
                continue
            tag, key = found, None
            if found in _WHOLE:
                builder, depth = ObjectBuilder(), 1
                builder.event(event, value)
            else:
                container = prefix


def _username(archive: Archive, member: str) -> str | None:
    """Read ahead for the profile's userName (the profile comes after the messages in the file)."""
    for tag, _, record in _records(archive, member, _Context()):
        if tag == "profile" and isinstance(record, dict):
            return _text(_lower(record).get("username"))
    return None


def _has_sections(archive: Archive, member: str) -> bool:
    try:
        with archive.open(member) as raw:
            head = raw.read(4096)
    except (DataFileError, OSError):
        return False
    return (
        sum(section in head for section in _SECTIONS) >= 1 and head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"{"
    )


# --- converters -----------------------------------------------------------------------------------


def _record(record: tuple[str, str | None, Any], source: str, ctx: _Context) -> Item | list[Item] | None:
    tag, key, value = record
    if tag == "profile":
        return _profile(value, source)
    if tag == "live":
        return _live(key, value, source)
    if tag == "chat":
        return _chat(key, value, source, ctx)
    if not isinstance(value, dict):
        return None
    return _CONVERTERS[tag](_lower(value), source)


def _video(row: dict[str, Any], source: str, deleted: bool = False) -> Item | None:
    """An own video: a post with its caption, or media when it has none."""
    date = _text(row.get("date"))
    if date is None:
        return None
    caption = _text(row.get("title")) or ""
    extra = _text(row.get("addyourstext"))
    text = "\n".join(part for part in (caption, extra) if part)
    link = _text(row.get("link"))
    audience = _text(row.get("whocanview"))
    if deleted:
        audience = "; ".join(
            filter(None, (audience, f"deleted {tiktok_time(row.get('datedeleted')) or ''}".strip()))
        )
    return Item(
        name,
        _video_id(link) or synthetic_id("video", date, caption),
        "post" if text else "media",
        tiktok_time(date),
        text,
        url=link if link and _VIDEO_ID.search(link) else None,  # own videos' links are signed and expire
        location=_text(row.get("location")),
        media=1,
        audience=audience,
        source=source,
    )


def _comment(row: dict[str, Any], source: str) -> Item | list[Item] | None:
    text = _text(row.get("comment"))
    if text is None:
        return [] if "comment" in row else None
    url = _text(row.get("url"))
    return Item(
        name,
        synthetic_id("comment", row.get("date"), text),
        "comment",
        tiktok_time(row.get("date")),
        text,
        url=url,
        media=1 if _text(row.get("photo")) else 0,
        source=source,
    )


def _like(row: dict[str, Any], source: str, favourite: bool = False) -> Item | None:
    link = _text(row.get("link")) or _text(row.get("videolink"))
    if link is None:
        return None
    video = _video_id(link)
    return Item(
        name,
        f"{'favourite' if favourite else 'like'}-{video or synthetic_id(link)}",
        "like",
        tiktok_time(row.get("date")),
        "Added to favourites" if favourite else "",
        url=link,
        source=source,
    )


def _shared(row: dict[str, Any], source: str) -> Item | None:
    """A video or profile sent to someone outside TikTok (``Method``: whatsapp, chat_head …)."""
    link = _text(row.get("link"))
    if link is None and _text(row.get("sharedcontent")) is None:
        return None
    what = (_text(row.get("sharedcontent")) or "content").replace("_", " ")
    method = _text(row.get("method"))
    return Item(
        name,
        synthetic_id("share", row.get("date"), link, method),
        "share",
        tiktok_time(row.get("date")),
        f"Shared ({what}{' via ' + method.replace('_', ' ') if method else ''})",
        url=link,
        source=source,
    )


def _hashtag(row: dict[str, Any], source: str) -> Item | None:
    tag = _text(row.get("hashtagname")) or _text(row.get("hashtag")) or _text(row.get("name"))
    if tag is None:
        return None
    return Item(
        name,
        f"hashtag-{tag.lower()}",
        "membership",
        None,
        "#" + tag.lstrip("#"),
        url=_text(row.get("hashtaglink")),
        audience="hashtag",
        source=source,
    )


def _following(row: dict[str, Any], source: str) -> Item | None:
    user = _text(row.get("username"))
    if user is None:
        return None
    return Item(
        name,
        synthetic_id("following", user.lower(), row.get("date")),
        "membership",
        tiktok_time(row.get("date")),
        "@" + user.lstrip("@"),
        url=f"https://www.tiktok.com/@{user.lstrip('@')}",
        audience="account followed",
        source=source,
    )


def _review(row: dict[str, Any], source: str) -> Item | None:
    """A review of a place: public text of the user's own, with the place as its location."""
    place = _text(row.get("placename"))
    if place is None and "reviewtext" not in row:
        return None
    text = _text(row.get("reviewtext")) or ""
    rating = _text(row.get("rating"))
    return Item(
        name,
        synthetic_id("review", row.get("date"), place, text),
        "comment" if text else "media",
        tiktok_time(row.get("date")),
        text or (f"Rated {rating}" if rating else ""),
        location=place,
        audience="place review",
        source=source,
    )


def _profile(value: Any, source: str) -> list[Item] | None:
    if not isinstance(value, dict):
        return None
    row = _lower(value)
    user = _text(row.get("username"))
    url = f"https://www.tiktok.com/@{user}" if user else None
    items = []
    for field, text in (
        ("bio", _text(row.get("biodescription"))),
        ("username", user),
        *(
            (k.removesuffix("link"), _text(row.get(k)))
            for k in ("instagramlink", "youtubelink", "lemon8link")
        ),
    ):
        if text:
            items.append(Item(name, f"profile-{field}", "profile", None, text, url=url, source=source))
    return items


def _live(room: str | None, value: Any, source: str) -> list[Item] | None:
    """The comments typed while watching a live stream (2025 onwards; earlier rooms have none)."""
    if not isinstance(value, dict):
        return None
    row = _lower(value)
    link = _text(row.get("link"))
    items = []
    for number, comment in enumerate(row.get("comments") or ()):
        comment = _lower(comment) if isinstance(comment, dict) else {}
        text = _text(comment.get("commentcontent"))
        if text:
            items.append(
                Item(
                    name,
                    synthetic_id("live", room, number, text),
                    "comment",
                    tiktok_time(comment.get("commenttime")),
                    text,
                    url=link,
                    audience="live stream",
                    source=f"{source}.{number}",
                )
            )
    return items


def _chat(partner: str | None, value: Any, source: str, ctx: _Context) -> list[Item] | None:
    """The messages the account holder sent in one conversation."""
    if not isinstance(value, list):
        return None if value else []
    me = (ctx.username or "").casefold()
    items = []
    for number, message in enumerate(value):
        row = _lower(message) if isinstance(message, dict) else {}
        text = _text(row.get("content"))
        if text and (_text(row.get("from")) or "").casefold() == me:
            items.append(
                Item(
                    name,
                    synthetic_id("chat", partner, row.get("date"), text),
                    "message",
                    tiktok_time(row.get("date")),
                    text,
                    audience="direct message",
                    source=f"{source}.{number}",
                )
            )
    return items


_CONVERTERS = {
    "video": _video,
    "deleted": partial(_video, deleted=True),
    "comment": _comment,
    "like": _like,
    "favourite": partial(_like, favourite=True),
    "shared": _shared,
    "hashtag": _hashtag,
    "following": _following,
    "review": _review,
}


# --- helpers --------------------------------------------------------------------------------------


def tiktok_time(value: Any) -> str | None:
    """``2024-11-24 08:53:18`` (UTC, sometimes with `` UTC`` after it) -> ``2024-11-24T08:53:18Z``."""
    if not isinstance(value, str) or len(value) < 19 or value[4] != "-" or value[10] not in " T":
        return None
    rest = value[19:].strip()
    if rest not in ("", "UTC", "Z") or not value[:4].isdigit():
        return None
    return f"{value[:10]}T{value[11:19]}Z"


def _text(value: Any) -> str | None:
    """A value as text; None for TikTok's many ways of writing nothing."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return None if text.lower() in _EMPTY else text


def _lower(record: dict) -> dict[str, Any]:
    return {k.lower().replace(" ", ""): v for k, v in record.items() if isinstance(k, str)}


def _video_id(link: str | None) -> str | None:
    found = _VIDEO_ID.search(link or "")
    return found[1] if found else None
