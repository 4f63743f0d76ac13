"""What a person can do about each item, on its platform: the Decision choices and the suggested action.

The platforms differ: X cannot make one post private (only the whole account) and lets no one edit a
post after the first hour; Facebook sets an audience per post; Instagram archives a post (hidden from
everyone else) rather than making it private; TikTok sets a video to "Only me"; LinkedIn, Reddit and
Mastodon let a post be edited but not hidden (Bluesky allows neither); comments take the audience of
the post they are on.
An item the export itself marks as deleted (X's deleted-tweets.js, Instagram's recently deleted) needs
no action but checking that it is gone. These are the platforms' abilities, so they live here, beside
the report, not in the rules that judge what an item says.
"""

from __future__ import annotations

import pandas as pd

KEEP, DELETE, EDIT, MAKE_PRIVATE, NOT_A_CONCERN = "Keep", "Delete", "Edit", "Make private", "Not a concern"
UNLIKE, UNDO_REPOST, LEAVE_GROUP, ALREADY_DELETED = "Unlike", "Undo repost", "Leave group", "Already deleted"
# Every Decision a report accepts, in drop-down order.
DECISIONS = (
    KEEP, DELETE, EDIT, MAKE_PRIVATE, NOT_A_CONCERN, UNLIKE, UNDO_REPOST, LEAVE_GROUP, ALREADY_DELETED
)  # fmt: skip

# Platforms where a post's audience can be set one post at a time ("Make private"; Instagram: archive).
_PRIVATE_PER_POST = frozenset({"facebook", "instagram", "tiktok"})
# Platforms that let a post be edited at any time (X and Threads allow it only minutes after posting).
_EDITABLE = frozenset({"facebook", "instagram", "linkedin", "reddit", "mastodon"})
# ... and where comments cannot be edited, only deleted.
_COMMENTS_FIXED = frozenset({"instagram", "tiktok"})
# Memberships that are groups or communities (left), rather than pages or people followed (unliked).
_GROUP_SOURCES = ("group", "subreddit")
# Export files that hold items already deleted on the platform.
_DELETED_SOURCES = ("deleted-tweets", "deleted-tweet", "deleted-note-tweet", "recently_deleted")


def is_already_deleted(source: str | None) -> bool:
    """True when the export lists the item among those already deleted."""
    return bool(source) and any(marker in source for marker in _DELETED_SOURCES)


def decision_choices(platform: str, kind: str, source: str | None = None, author: str | None = None) -> tuple:
    """The Decision choices that fit an item on its platform, in drop-down order."""
    if is_already_deleted(source):
        return (ALREADY_DELETED, KEEP, NOT_A_CONCERN)
    if kind == "like":
        return (UNLIKE, KEEP, NOT_A_CONCERN)
    if kind == "membership":
        leave = LEAVE_GROUP if any(word in (source or "") for word in _GROUP_SOURCES) else UNLIKE
        return (leave, KEEP, NOT_A_CONCERN)
    if kind == "share" and _is_repost(platform, author):
        return (UNDO_REPOST, KEEP, NOT_A_CONCERN)
    if kind == "message":
        return (DELETE, KEEP, NOT_A_CONCERN)  # deleting a sent message removes one's own copy only
    if kind == "profile":
        return (
            (EDIT, MAKE_PRIVATE, KEEP, NOT_A_CONCERN)
            if platform == "facebook"
            else (EDIT, KEEP, NOT_A_CONCERN)
        )
    choices = [KEEP, DELETE]
    if platform in _EDITABLE and not (platform in _COMMENTS_FIXED and kind == "comment"):
        choices.append(EDIT)
    if platform in _PRIVATE_PER_POST and kind in ("post", "share", "media"):
        choices.append(MAKE_PRIVATE)
    choices.append(NOT_A_CONCERN)
    return tuple(choices)


def suggest_action(
    platform: str,
    kind: str,
    severity: str,
    category: str = "",
    source: str | None = None,
    author: str | None = None,
) -> str:
    """The action to suggest (lower case, one of the item's Decision choices): the most fitting fix."""
    choices = decision_choices(platform, kind, source, author)
    first = choices[0]
    if first in (ALREADY_DELETED, UNLIKE, LEAVE_GROUP, UNDO_REPOST):
        return first.lower()
    if DELETE not in choices:  # a profile field: edited or hidden, not deleted
        hide = category in ("location", "personal_info") and MAKE_PRIVATE in choices
        return MAKE_PRIVATE.lower() if hide else first.lower()
    if kind == "message" or severity == "high" or kind == "share":
        return DELETE.lower()
    if category in ("location", "personal_info") and MAKE_PRIVATE in choices:
        return MAKE_PRIVATE.lower()
    if EDIT in choices:
        return EDIT.lower()
    # Nothing milder is possible here (X: no editing, no private posts): deleting is the fix.
    return DELETE.lower()


def action_note(platform: str, kind: str, action: str, severity: str = "", category: str = "") -> str | None:
    """What the platform cannot do that a milder fix would need, or how to do what is suggested."""
    label = _LABELS.get(platform, platform.capitalize())
    if action == ALREADY_DELETED.lower():
        return "the export lists it as deleted; check that it is gone"
    if action == MAKE_PRIVATE.lower():
        return _HOW_PRIVATE.get(platform)
    own_words = kind in ("post", "reply", "comment", "media", "share")
    if action != DELETE.lower() or not own_words or severity == "high" or platform in _PRIVATE_PER_POST:
        return None
    if category in ("location", "personal_info"):
        whole = ", only the whole account" if platform in ("twitter", "threads") else ""
        return f"{label} cannot make one post private{whole}"
    if platform not in _EDITABLE and kind != "share":
        return f"{label} does not let an old post be edited"
    return None


_LABELS = {"twitter": "X", "linkedin": "LinkedIn", "tiktok": "TikTok"}
_HOW_PRIVATE = {
    "facebook": "set its audience to Only me",
    "instagram": "Archive it, so only you see it",
    "tiktok": "set the video to Only me",
}


def _is_repost(platform: str, author: str | None) -> bool:
    """A share of someone else's words as they were (X retweet, Threads repost), not one's own post."""
    return platform in ("twitter", "threads", "linkedin", "tiktok", "bluesky", "mastodon") and bool(author)


def suggest_actions(items: pd.DataFrame) -> pd.DataFrame:
    """Set each flagged item's ``action`` for its platform (unflagged rows keep none)."""
    if not len(items):
        return items
    columns = (
        items[name].tolist() for name in ("platform", "kind", "severity", "categories", "source", "author")
    )
    items = items.copy()
    items["action"] = [
        suggest_action(platform, kind, severity, categories[0] if categories else "", source, author)
        if isinstance(severity, str)
        else None
        for platform, kind, severity, categories, source, author in zip(*columns, strict=True)
    ]
    return items
