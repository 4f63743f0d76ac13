"""Facebook "Download Your Information" exports in JSON, every layout since 2018.

Layouts (shared/reference/export-formats.md §2.1), told apart by the top-level folder:

* **2018** (2018 - 2021): one folder per category at the root: ``posts/your_posts_1.json``,
  ``comments/comments.json`` (later ``comments_and_reactions/``), ``likes_and_reactions/``,
  ``photos_and_videos/album/N.json`` (later ``posts/album/N.json``), ``groups/``, ``pages/``,
  ``messages/inbox/<thread>/message_N.json``, ``profile_information/profile_information.json``
  (``{"profile": {...}}``).
* **2022** (2022 - 2023): the activity moved under ``your_activity_across_facebook/`` and the posts file
  became ``posts/your_posts__check_ins__photos_and_videos_N.json``; the profile moved to
  ``personal_information/profile_information/profile_information.json`` (``{"profile_v2": {...}}``).
* **2024** (2024 onwards): the same under ``your_facebook_activity/``; some newer files describe records
  as ``label_values`` lists (``posts_on_other_pages_and_profiles.json``, ``likes_and_reactions.json``).

Folders moved between layouts, so files are recognised by the tail of their path and their name
(``comments_and_reactions/comments.json`` under any activity folder), never by the full path. Numbered
parts (``_1`` … ``_N``, ``message_10.json`` after ``message_9.json``) are read in numeric order. Large
downloads come as several zips; a part that holds only photos is still recognised as Facebook so that
the parts can be read together as one export.

File shapes vary (§2.13): a bare list of records, an object wrapping one list (``{"comments_v2": [...]}``),
a single object (an album, the profile, a Messenger thread) or, in 2018 group files, lists nested in
objects. Records are streamed with ijson. Every string is Latin-1-escaped UTF-8 ("mojibake") and is
repaired (``meta.common.clean``) before it is stripped.

Records become items in ``facebook_activity`` (posts, comments, reactions) and ``facebook_profile``
(groups and pages as ``membership`` items, albums, photos, profile fields). Messenger threads are read
only when asked for, and only the messages the account holder sent: "me" is the profile's name, else the
participant that one-to-one threads are not titled after (``meta.messenger``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..archive import Archive
from ..base import natural_key, read_member
from ..models import Detection, Item, ReadLog
from ..text import iso_from_epoch, iso_from_epoch_ms
from .common import clean, html_export_message, iter_records, synthetic_id
from .facebook_activity import PLATFORM, Context, Role, activity_items
from .facebook_profile import album_items, media_items, membership_items, profile_items
from .messenger import attachments, group_threads, infer_owner, thread_people

name = PLATFORM  # the Platform contract (parsers.base)
label = "Facebook"
# (task, steps) for the How to delete sheet: our own summary of the platform's settings as they were in
# 2025 (the sheet's first rows say what to do when a menu has changed).
deletion_steps: tuple[tuple[str, str], ...] = (
    (
        "Delete or edit a post",
        "On the post, select ⋯ and choose Delete (or Move to trash) or Edit post. Shared posts are your "
        "posts and are removed the same way.",
    ),
    (
        "Delete many posts at once",
        "Open your profile, select ⋯ > Activity log (or Settings & privacy > Activity log), then Your "
        "activity across Facebook > Posts. Filter by date, tick the posts and choose Trash or Archive. "
        "Items in Trash are deleted after 30 days; empty the Trash to delete them now. Archived posts are "
        "hidden from everyone but you.",
    ),
    (
        "Delete or edit a comment",
        "In the Activity log, open Comments (under Interactions or Your activity), find the comment and "
        "use ⋯ to delete it, or go to the post and use ⋯ beside your comment to edit or delete it.",
    ),
    (
        "Remove likes and reactions",
        "In the Activity log, open Likes and reactions (under Interactions), then use ⋯ beside an item "
        "and choose Unlike or Remove reaction.",
    ),
    (
        "Change who can see one post",
        "On the post, select ⋯ > Edit audience and choose Friends or Only me. Posts in a group follow the "
        "group's setting: delete them or ask the group's admins.",
    ),
    (
        "Limit who sees all your past posts",
        "Settings & privacy > Settings > Privacy (or Audience and visibility > Posts) > Limit the "
        "audience for posts you've shared with friends of friends or Public > Limit past posts. Your old "
        "public posts become visible to friends only. People tagged in a post, and their friends, may "
        "still see it.",
    ),
)

GENERATIONS = {
    "2018": "Facebook download, 2018-2021 (category folders: posts/your_posts_1.json)",
    "2022": "Facebook download, 2022-2023 (your_activity_across_facebook/)",
    "2024": "Facebook download, 2024 onwards (your_facebook_activity/)",
}
_ACTIVITY_FOLDERS = {"your_activity_across_facebook": "2022", "your_facebook_activity": "2024"}

# Top-level folders that only Facebook downloads have: any member under one marks a Facebook export,
# even a part of a multi-zip download that holds nothing but photos.
_FACEBOOK_ONLY_TOPS = frozenset(
    {
        *_ACTIVITY_FOLDERS,
        "photos_and_videos",
        "likes_and_reactions",
        "comments_and_reactions",
        "profile_information",
        "apps_and_websites_off_of_facebook",
    }
)
# Top-level folders under which the data files below may sit (2018 categories, later activity folders).
_DATA_TOPS = frozenset(
    {
        *_FACEBOOK_ONLY_TOPS,
        "personal_information",
        "posts",
        "comments",
        "groups",
        "pages",
        "messages",
    }
)
# Instagram has messages/inbox/<thread>/message_1.json too: with these, a messages folder is not ours.
_INSTAGRAM_TOPS = frozenset(
    {"your_instagram_activity", "content", "media", "apps_and_websites_off_of_instagram"}
)


def _role(name: str, tail: str, *wrappers: str, kind: str = "post", audience: str | None = None) -> Role:
    return Role(name, re.compile(r"(?:^|/)" + tail + r"$"), wrappers, kind, audience)


_PART = r"(?:_\d+)?\.json"
_ROLES = (
    _role("profile", r"profile_information/profile_information\.json", kind="profile"),
    # "status_updates" wrapped the earliest 2018 posts files; later ones are bare lists.
    _role("posts", r"posts/your_posts(?:__check_ins__photos_and_videos)?" + _PART, "status_updates"),
    _role("timeline posts", r"posts/posts_on_other_pages_and_profiles" + _PART),
    _role(
        "group posts",
        r"groups/(?:group_posts_and_comments|your_posts_in_groups|your_posts_and_comments_in_groups)\.json",
        "group_posts_v2",
        "group_posts",
        audience="group",
    ),
    _role(
        "comments", r"comments(?:_and_reactions)?/comments" + _PART, "comments_v2", "comments", kind="comment"
    ),
    _role(
        "group comments",
        r"groups/your_comments_in_groups\.json",
        "group_comments_v2",
        "group_comments",
        kind="comment",
        audience="group",
    ),
    _role(
        "reactions",
        r"(?:likes|comments)_and_reactions/(?:posts_and_comments|likes_and_reactions(?:_\d+)?)\.json",
        "reactions_v2",
        "reactions",
        kind="like",
    ),
    _role(
        "groups joined",
        r"groups/your_group_membership_activity\.json",
        "groups_joined_v2",
        "groups_joined",
        kind="membership",
    ),
    _role(
        "pages",
        r"(?:pages/(?:pages_you've_liked|pages_you_follow|pages_and_profiles_you_follow)|likes_and_reactions/pages)"
        r"\.json",
        "page_likes_v2",
        "page_likes",
        "pages_followed_v2",
        "pages_followed",
        kind="membership",
    ),
    _role("albums", r"(?:posts|photos_and_videos)/album/\d+\.json", kind="media"),
    _role(
        "photos and videos",
        r"(?:posts|photos_and_videos)/(?:your_uncategorized_photos|your_videos)\.json",
        "other_photos_v2",
        "other_photos",
        "videos_v2",
        "videos",
        kind="media",
    ),
)
_MESSAGES = _role(
    "messages",
    r"messages/(?:inbox|archived_threads|filtered_threads|message_requests|e2ee_cutover|legacy_threads)"
    r"/[^/]+/message" + _PART,
    "messages",
    kind="message",
)


# --- detection ------------------------------------------------------------------------------------


def detect(archive: Archive) -> Detection | None:
    """Recognise a Facebook export (in JSON format) from its file names alone."""
    names = archive.names()
    if refusal(archive):
        return None
    generation = _layout(names)
    if generation is None:
        return None
    files = _classify(names)
    return Detection(
        PLATFORM,
        generation,
        GENERATIONS[generation],
        [name for role in _ROLES for name in files.get(role.name, ())],
        files.get(_MESSAGES.name, []),
    )


def refusal(archive: Archive) -> str | None:
    """Return the "request JSON" message when ``archive`` is a Facebook export in HTML format."""
    if _layout([_as_json(n) for n in archive.names()]) is None:
        return None
    return html_export_message(archive, "Facebook")


def _layout(names: list[str]) -> str | None:
    """Return the layout generation when ``names`` look like a Facebook export, else None."""
    tops = {name.split("/", 1)[0] for name in names if "/" in name}
    for folder, generation in _ACTIVITY_FOLDERS.items():
        if folder in tops:
            return generation
    if tops & _FACEBOOK_ONLY_TOPS:
        return "2018"
    files = _classify(names)
    if any(role.name in files for role in _ROLES):
        return "2018"
    if _MESSAGES.name in files and not tops & _INSTAGRAM_TOPS:
        return "2018"
    return None


def _classify(names: Iterable[str]) -> dict[str, list[str]]:
    """Group the data files by role, each role's files in natural order (``_2`` before ``_10``)."""
    files: dict[str, list[str]] = defaultdict(list)
    for name in names:
        if name.split("/", 1)[0] not in _DATA_TOPS:
            continue
        for role in (*_ROLES, _MESSAGES):
            if role.pattern.search(name):
                files[role.name].append(name)
                break
    return {role: sorted(found, key=natural_key) for role, found in files.items()}


def _as_json(name: str) -> str:
    return name[: -len(".html")] + ".json" if name.endswith(".html") else name


# --- reading ----------------------------------------------------------------------------------------

# Turns one record into the items it holds (none for another person's post).
Reader = Callable[[dict, str, Role, Context], Iterator[Item]]
_READERS: dict[str, Reader] = {
    "profile": profile_items,
    "albums": album_items,
    "photos and videos": media_items,
    "groups joined": membership_items,
    "pages": membership_items,
}


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield every post, comment, share, like, membership and profile field (and sent messages if asked)."""
    files = _classify(detection.files)
    ctx = Context()
    if files.get("albums") or files.get("photos and videos"):
        ctx.seen_media = set()
    for role in _ROLES:
        for member in files.get(role.name, ()):
            yield from _read_file(archive, member, log, role, ctx, _READERS.get(role.name, activity_items))
    threads = detection.message_files
    if include_messages:
        yield from _iter_messages(archive, threads, log, ctx)
    if not files and not (include_messages and threads):
        log.problem("", _nothing_to_read(archive, bool(threads)))


def _nothing_to_read(archive: Archive, has_messages: bool) -> str:
    if has_messages:
        return (
            f"{archive.label}: this Facebook export holds only Messenger conversations, which are read "
            "only with --include-messages"
        )
    return (
        f"{archive.label}: this part of a Facebook download holds no posts or other data files (only "
        "photos and videos); give every part of the download together"
    )


def _read_file(
    archive: Archive, member: str, log: ReadLog, role: Role, ctx: Context, reader: Reader
) -> Iterator[Item]:
    """Run a reader over every record of one file (through the shared loop, which logs it)."""

    def convert(record: dict | None, source: str) -> Iterator[Item] | None:
        return None if record is None else reader(record, source, role, ctx)

    yield from read_member(archive, member, log, convert, records=_records(archive, member, role))


def _records(archive: Archive, member: str, role: Role) -> Iterator[dict | None]:
    """Yield the records of a file, streaming; None for a value that holds no record (it is skipped)."""
    for value in iter_records(archive, member, role.wrappers):
        found = False
        for record in _find_records(value, _RECORD_KEYS[role.kind]):
            found = True
            yield record
        if not found:
            yield None


# A record of each kind has at least one of these keys; anything else is a wrapper to look inside
# (2018 group files nest their lists in objects) or something we do not know.
_ACTIVITY_KEYS = frozenset({"timestamp", "data", "attachments", "title", "label_values"})
_RECORD_KEYS: dict[str, frozenset[str]] = {
    "post": _ACTIVITY_KEYS,
    "comment": _ACTIVITY_KEYS,
    "like": _ACTIVITY_KEYS,
    "membership": frozenset({"name", "title", "data", "label_values"}),
    "media": frozenset({"uri", "photos"}),
    "message": frozenset({"sender_name", "timestamp_ms"}),
    "profile": frozenset({"profile_v2", "profile"}),
}
_NESTING = 3


def _find_records(value: Any, keys: frozenset[str], depth: int = _NESTING) -> Iterator[dict]:
    if isinstance(value, dict):
        if keys.intersection(value):
            yield value
            return
        children: Iterable[Any] = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return
    if depth > 0:
        for child in children:
            yield from _find_records(child, keys, depth - 1)


# --- Messenger ----------------------------------------------------------------------------------------


def _iter_messages(archive: Archive, names: list[str], log: ReadLog, ctx: Context) -> Iterator[Item]:
    """Yield the messages the account holder sent, thread by thread, each thread's parts in order."""
    threads = group_threads(names)
    if not threads:
        return
    ctx.owner = ctx.owner or infer_owner(archive, threads)
    if ctx.owner is None:
        log.problem(
            names[0],
            f"{len(names):,} Messenger files were not read: your name could not be found "
            "(profile_information.json is missing and the conversations do not show it), so your own "
            "messages cannot be told from other people's",
        )
        return
    for parts in threads.values():
        people = thread_people(archive, parts[0], title=False)[0]
        audience = f"group chat ({len(people)} people)" if len(people) > 2 else "direct message"
        role = Role(_MESSAGES.name, _MESSAGES.pattern, _MESSAGES.wrappers, "message", audience)
        for member in parts:
            yield from _read_file(archive, member, log, role, ctx, _message_items)


def _message_items(record: dict, source: str, role: Role, ctx: Context) -> Iterator[Item]:
    if clean(record.get("sender_name")) != ctx.owner:
        return
    media = attachments(record)
    share = record.get("share") if isinstance(record.get("share"), dict) else {}
    text = clean(record.get("content")) or clean(share.get("share_text")) or ""
    link = clean(share.get("link"))
    if not text and not media and not link:
        return  # calls, unsent messages and other events with nothing written or sent
    timestamp = record.get("timestamp_ms")
    yield Item(
        PLATFORM,
        synthetic_id(source, timestamp, text),
        "message",
        iso_from_epoch_ms(timestamp) if timestamp else iso_from_epoch(record.get("timestamp")),
        text,
        url=link,
        media=media,
        audience=role.audience,
        source=source,
    )
