"""Instagram "Download your information" JSON exports since 2018.

Layouts (shared/reference/export-formats.md §3.1; paths relative to the export root):

* **2018-flat** (2018 - late 2020): ``media.json`` ``{"photos": [...], "videos": [...]}`` with
  ``caption``, ``taken_at`` (ISO text, no zone: read as UTC), ``location`` (a place name) and ``path``;
  ``comments.json`` ``{"media_comments": [[time, text, owner], ...], "live_comments": [...]}``;
  ``likes.json`` ``{"media_likes": [[time, owner], ...], "comment_likes": [...]}``; ``profile.json``
  (``biography``, ``website``, ``username``, ``name``); ``messages.json`` (a list of conversations).
* **2020-content** (Dec 2020 - 2023): category folders at the root: ``content/posts_1.json``,
  ``content/{stories,reels,archived_posts,…}.json``, ``comments/post_comments[_N].json``,
  ``likes/liked_posts.json``, ``account_information/personal_information.json`` (2022:
  ``personal_information/personal_information.json``), ``messages/inbox/<thread>/message_N.json``.
* **2023-activity** (late 2023 - 2025): the same files under ``your_instagram_activity/`` and
  ``personal_information/personal_information/personal_information.json``; Threads in
  ``your_instagram_activity/threads/``.
* **2025-media** (2025 onwards): ``your_instagram_activity/content/`` renamed ``…/media/``.

Numbered part files (``posts_1``, ``posts_2`` … ``posts_10``) are read in numeric order.

Records (§3.2-3.7). Feed posts are a list of ``{"media": [...], "title", "creation_timestamp"}``: a
carousel's caption and time sit at post level, a single photo's in ``media[0]`` (``title``,
``creation_timestamp``); ``media`` may be one object instead of a list, and one export holds a whole
``posts_1.json`` that is a single post object. Stories and profile photos are media items directly.
Reels, IGTV, archived and recently deleted posts are post-shaped, each file wrapped in one key
(``ig_reels_media`` …). Location exists only as EXIF ``latitude``/``longitude`` in
``media_metadata``; 0,0 means none. A post with no caption is kind ``media``. A reel or IGTV video can
be listed again in ``posts_1.json`` (the instagram-to-bluesky files do); it is kept once, as the
reel (same first media file).

Records become items in ``meta.instagram_records`` (comments, likes and profile fields described there).
Threads posts (``threads/threads_and_replies.json``) sit in the same download but are read by
``meta.threads``, as platform ``threads``.

Every string is Meta mojibake and is repaired before it is stripped. Timestamps are Unix
seconds; 0 means none, and values before Instagram's launch (October 2010: redacted or cut short, as
in some published test exports) are left empty and counted in the file's problems. Direct messages
are read only when asked for, and only those the account holder sent ("me" is the name or username
in the personal information, or the username in the download's name ``instagram-<user>-<date>-…``).
HTML-format exports are recognised and refused with a message saying how to request JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..archive import Archive
from ..base import natural_key, plural, unique
from ..models import Detection, Item, ReadLog
from .common import html_export_message
from .instagram_records import (
    PLATFORM,
    Context,
    Dataset,
    comment_items,
    conversation_2018_items,
    data_file,
    like_items,
    media_2018_items,
    message_items,
    post_items,
    profile_items,
    read_dataset,
)

name = PLATFORM  # the Platform contract (parsers.base)
label = "Instagram"
# (task, steps) for the How to delete sheet: our own summary of the platform's settings as they were in
# 2025 (the sheet's first rows say what to do when a menu has changed).
deletion_steps: tuple[tuple[str, str], ...] = (
    (
        "Delete, archive or edit a post",
        "Open the post, select ⋯ and choose Delete, Archive (hidden from everyone but you, and reversible) "
        "or Edit to change the caption or location.",
    ),
    (
        "Delete many posts, comments or likes at once",
        "Profile > menu > Your activity. Under Photos and videos (posts, reels) or Interactions (comments, "
        "likes), choose Select, tick the items (Sort and filter narrows them by date) and choose Delete, "
        "Archive or Unlike.",
    ),
    (
        "Make deletion final",
        "Deleted posts stay in Your activity > Recently deleted for about 30 days; delete them there to "
        "remove them at once.",
    ),
    (
        "Limit who sees your past posts",
        "Settings > Account privacy > Private account. Only followers you approve will see your posts, old "
        "ones included; remove followers you do not know.",
    ),
)

GENERATIONS = {
    "2018-flat": "Instagram data download, 2018-2020 (media.json and comments.json at the top level)",
    "2020-content": "Instagram Download your information, 2020-2023 (content/posts_1.json)",
    "2023-activity": "Instagram Download your information, 2023-2025 (your_instagram_activity/content/)",
    "2025-media": "Instagram Download your information, 2025 onwards (your_instagram_activity/media/)",
}


_ZIP_NAME = re.compile(r"^instagram-(?P<user>[A-Za-z0-9._]{1,30})-\d{4}-\d{1,2}-\d{1,2}-", re.IGNORECASE)

_ACTIVITY = r"^(?:your_instagram_activity/)?"
_CONTENT = _ACTIVITY + r"(?:content|media)/"


def _datasets() -> tuple[Dataset, ...]:
    """Every data file read, in reading order.

    The profile comes first (it says who "me" is), and reels and other media before the feed posts
    that may list them again.
    """
    post, comment, like = post_items, comment_items, like_items
    own_media = {"remembers_media": True}
    feed = {"skips_seen_media": True}
    return (
        data_file(
            r"^(?:personal_information|account_information)/(?:personal_information/)?personal_information\.json$",
            profile_items,
            "profile_user",
        ),
        data_file(r"^profile\.json$", profile_items),
        data_file(_CONTENT + r"reels\.json$", post, "ig_reels_media", label="reel", **own_media),
        data_file(_CONTENT + r"igtv_videos\.json$", post, "ig_igtv_media", label="IGTV video", **own_media),
        data_file(
            _CONTENT + r"other_content\.json$", post, "ig_other_media", label="other media", **own_media
        ),
        data_file(_CONTENT + r"posts_\d+\.json$", post, **feed),
        data_file(
            _CONTENT + r"archived_posts\.json$",
            post,
            "ig_archived_post_media",
            label="archived (hidden from your profile)",
            **feed,
        ),
        data_file(_CONTENT + r"stories\.json$", post, "ig_stories", label="story"),
        data_file(_CONTENT + r"profile_photos\.json$", post, "ig_profile_picture", label="profile photo"),
        data_file(
            _CONTENT + r"recently_deleted_content\.json$",
            post,
            "ig_recently_deleted_media",
            label="recently deleted",
        ),
        data_file(r"^media\.json$", media_2018_items, prefix="photos.item"),
        data_file(r"^media\.json$", media_2018_items, prefix="videos.item"),
        data_file(r"^media\.json$", media_2018_items, prefix="stories.item", label="story"),
        data_file(r"^media\.json$", media_2018_items, prefix="profile.item", label="profile photo"),
        data_file(
            _ACTIVITY + r"comments/post_comments(?:_\d+)?\.json$",
            comment,
            "comments_media_comments",
            label="post",
        ),
        data_file(
            _ACTIVITY + r"comments/reels_comments(?:_\d+)?\.json$",
            comment,
            "comments_reels_comments",
            label="reel",
        ),
        data_file(r"^comments\.json$", comment, prefix="media_comments.item", label="post"),
        data_file(r"^comments\.json$", comment, prefix="live_comments.item", label="live video"),
        data_file(_ACTIVITY + r"likes/liked_posts(?:_\d+)?\.json$", like, "likes_media_likes", label="post"),
        data_file(
            _ACTIVITY + r"likes/liked_comments(?:_\d+)?\.json$", like, "likes_comment_likes", label="comment"
        ),
        data_file(
            _ACTIVITY + r"story_sticker_interactions/story_likes\.json$",
            like,
            "story_activities_story_likes",
            label="story",
        ),
        data_file(r"^likes\.json$", like, prefix="media_likes.item", label="post"),
        data_file(r"^likes\.json$", like, prefix="comment_likes.item", label="comment"),
        data_file(
            _ACTIVITY + r"messages/(?:inbox|message_requests)/[^/]+/message_\d+\.json$",
            message_items,
            "messages",
            messages=True,
        ),
        data_file(r"^messages\.json$", conversation_2018_items, messages=True),
    )


# --- detection ------------------------------------------------------------------------------------


def detect(archive: Archive) -> Detection | None:
    """Recognise an Instagram export (any JSON layout since 2018) from its file names alone."""
    names = archive.names()
    plan = _plan(names)
    if not _is_instagram(plan):
        return None
    generation = _generation(names)
    files = unique(name for dataset, name in plan if not dataset.messages)
    message_files = unique(name for dataset, name in plan if dataset.messages)
    return Detection(PLATFORM, generation, GENERATIONS[generation], files, message_files)


def refusal(archive: Archive) -> str | None:
    """Return the "request JSON" message when ``archive`` is an Instagram export in HTML format."""
    as_json = [n[: -len(".html")] + ".json" for n in archive.names() if n.endswith(".html")]
    if _is_instagram(_plan(as_json)):
        return html_export_message(archive, "Instagram")
    return None


def _plan(names: Iterable[str]) -> list[tuple[Dataset, str]]:
    """Pair every data file with its dataset, in reading order (part files numerically)."""
    datasets = _DATASETS
    found = []
    for name in names:
        for order, dataset in enumerate(datasets):
            if dataset.pattern.search(name):
                found.append((order, name.rsplit("/", 1)[0], natural_key(name), name, dataset))
    found.sort(key=lambda entry: entry[:3])
    return [(dataset, member) for *_, member, dataset in found]


def _is_instagram(plan: list[tuple[Dataset, str]]) -> bool:
    """True when the files found are Instagram's own, not names that other exports share.

    Message folders alone (Facebook's Messenger uses the same) are not enough unless under
    ``your_instagram_activity/``; 2018's top-level files have generic names, so ``media.json`` or two
    of them together are needed.
    """
    top_level = {name for _, name in plan if "/" not in name}
    if "media.json" in top_level or len(top_level) >= 2:
        return True
    return any(
        "/" in name and (not dataset.messages or name.startswith("your_instagram_activity/"))
        for dataset, name in plan
    )


def _generation(names: list[str]) -> str:
    activity = [n for n in names if n.startswith("your_instagram_activity/")]
    if any(n.startswith("your_instagram_activity/media/") and n.endswith(".json") for n in activity):
        return "2025-media"
    if activity:
        return "2023-activity"
    if {"media.json", "comments.json", "likes.json", "profile.json", "messages.json"} & set(names):
        return "2018-flat"
    return "2020-content"


# --- reading --------------------------------------------------------------------------------------


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield every post, story, reel, comment, like and profile field (and, if asked, sent messages)."""
    plan = _plan([*detection.files, *detection.message_files])
    ctx = Context(me=_me_from_download_name(archive))
    for dataset, member in plan:
        if not dataset.messages:
            yield from read_dataset(archive, member, dataset, log, ctx)
    if not include_messages:
        return
    message_files = [(dataset, member) for dataset, member in plan if dataset.messages]
    if message_files and not ctx.me:
        log.problem(
            message_files[0][1],
            f"{plural(len(message_files), 'message file')} not read: neither the personal information "
            "nor the download's name says who you are, so your own messages cannot be told from other "
            "people's",
        )
        return
    for dataset, member in message_files:
        yield from read_dataset(archive, member, dataset, log, ctx)


def _me_from_download_name(archive: Archive) -> set[str]:
    """The username in the download's name (``instagram-<user>-<YYYY-MM-DD>-<code>.zip``), if kept."""
    me = set()
    for path in archive.paths:
        match = _ZIP_NAME.match(Path(path).name)
        if match:
            me.add(match["user"].casefold())
    return me


_DATASETS = _datasets()
