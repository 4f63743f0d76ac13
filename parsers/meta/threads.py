"""Threads posts, replies and likes, from the Threads folder of a Meta "Download your information" export.

Threads (``your_instagram_activity/threads/``, or ``threads/`` at the export's root) has the
Instagram post shape: ``threads_and_replies.json`` wraps ``text_post_app_text_posts``, a text-only
thread has one media item with ``"uri": ""``, and ``text_app_post.is_reply`` marks replies;
``liked_threads.json`` holds likes in Instagram's shape. HTML-format downloads are refused by Instagram.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Archive
from ..models import Detection, Item, ReadLog
from .instagram_records import Context, Dataset, data_file, like_items, post_items, read_dataset

name = "threads"  # the Platform contract (parsers.base)
label = "Threads"
# (task, steps) for the How to delete sheet: our own summary of the platform's settings as they were in
# 2025 (the sheet's first rows say what to do when a menu has changed).
deletion_steps: tuple[tuple[str, str], ...] = (
    (
        "Delete or edit a post or reply",
        "On the post, select ⋯ and choose Delete. Editing is only possible for a short time after posting: "
        "for older posts, delete them and post again if you wish.",
    ),
    (
        "Remove a like or a repost",
        "Select the heart again to remove a like; select the repost button and choose Remove to undo a "
        "repost.",
    ),
    (
        "Limit who sees your past posts",
        "Settings > Privacy > Private profile. Only followers you approve will see your posts and replies.",
    ),
)

_FOLDER = r"^(?:your_instagram_activity/)?threads/"
_DATASETS: tuple[Dataset, ...] = (
    data_file(
        _FOLDER + r"threads_and_replies\.json$",
        post_items,
        "text_post_app_text_posts",
        platform=name,
        marks_replies=True,
    ),
    data_file(
        _FOLDER + r"liked_threads\.json$",
        like_items,
        "text_post_app_media_likes",
        label="post",
        platform=name,
    ),
)


def detect(archive: Archive) -> Detection | None:
    """Recognise the Threads data files of an export from their names alone."""
    files = [member for dataset in _DATASETS for member in archive.names() if dataset.pattern.search(member)]
    if not files:
        return None
    return Detection(name, "threads", "Threads, in a Meta download (threads/threads_and_replies.json)", files)


def refusal(archive: Archive) -> str | None:
    """Threads comes inside Instagram's download, whose HTML format Instagram's refusal explains."""
    return None


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield every Threads post, reply and like (Threads exports hold no messages)."""
    ctx = Context()
    for dataset in _DATASETS:
        for member in detection.files:
            if dataset.pattern.search(member):
                yield from read_dataset(archive, member, dataset, log, ctx)
