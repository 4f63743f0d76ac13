"""The reference sheets: Rules, Standards, How to delete and Read log."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from rules import CATEGORIES, CATEGORY_LABELS

from ...pipeline import ScanResult
from .book import Column, tally

RULE_COLUMNS = (
    Column("Rule", "id", 10),
    Column("Name", "name", 26),
    Column("What it flags", "title", 36),
    Column("Category", "category", 20),
    Column("Severity", "severity", 10),
    Column("Confidence", "confidence", 11),
    Column("Why it matters", "rationale", 60),
    Column("What to do", "guidance", 50),
    Column("Clauses cited", "clauses", 30),
    Column("Items flagged", "flagged", 10),
)
STANDARD_COLUMNS = (
    Column("Category", "category", 24),
    Column("Clause", "label", 30),
    Column("What it asks (in our words)", "summary", 70),
    Column("Number confirmed", "confirmed", 14),
    Column("Where to read it", "url", 40, link=True, wrap=False),
    Column("Items flagged in this category", "flagged", 14),
)
HOW_TO_COLUMNS = (
    Column("Platform", "platform", 16),
    Column("To do this", "task", 34),
    Column("Steps", "steps", 100),
)
READ_LOG_COLUMNS = (
    Column("Archive", "archive", 26),
    Column("File", "file", 46),
    Column("Items read", "items", 11),
    Column("Problems", "problems", 80),
)


def rule_rows(result: ScanResult, flagged: pd.DataFrame) -> Iterator[dict[str, Any]]:
    fired = tally(flagged, "rules")
    standards = result.engine.standards
    for rule in result.engine.rules:
        yield {
            "id": rule.id,
            "name": rule.name,
            "title": rule.title,
            "category": CATEGORY_LABELS.get(rule.category, rule.category),
            "severity": rule.severity.capitalize(),
            "confidence": rule.confidence.capitalize(),
            "rationale": " ".join(rule.rationale.split()),
            "guidance": " ".join(rule.guidance.split()),
            "clauses": "\n".join(clause.label for clause in standards.cite(rule.category)),
            "flagged": fired.get(rule.id, 0),
        }


def standard_rows(result: ScanResult, flagged: pd.DataFrame) -> Iterator[dict[str, Any]]:
    in_category = tally(flagged, "categories")
    standards = result.engine.standards
    for category in CATEGORIES:
        for clause in standards.cite(category):
            yield {
                "category": CATEGORY_LABELS.get(category, category),
                "label": clause.label,
                "summary": clause.summary,
                "confirmed": "Yes" if clause.confirmed else "No: check the number in the regulator's text",
                "url": clause.url,
                "flagged": in_category.get(category, 0),
            }


def read_log_rows(result: ScanResult) -> Iterator[dict[str, Any]]:
    for source in result.sources:
        yield {
            "archive": source.archive,
            "file": source.file,
            "items": source.items,
            "problems": "\n".join(source.problems),
        }


def how_to_rows() -> Iterator[dict[str, Any]]:
    for platform, task, steps in HOW_TO_DELETE:
        yield {"platform": platform, "task": task, "steps": steps}


# (platform, task, steps): our own summary of each platform's settings, as they were in 2025. Menus
# change, so the first rows say what to search for in the platform's help when a step does not match.
HOW_TO_DELETE: tuple[tuple[str, str, str], ...] = (
    (
        "Any platform",
        "Before you start",
        "Work down the Review sheet from the top. Record each Decision as you go, so you can stop and pick "
        "up later. Menu names change often: if a step below does not match what you see, search the "
        'platform\'s help centre for the task (for example "delete a post").',
    ),
    (
        "Any platform",
        "Know what deleting does not do",
        "Deleting removes the item from the platform, but not copies others made: screenshots, quotes, "
        "shares, replies that quote you, web archives or search results. Search engines usually drop a "
        "deleted page after a while; Google's 'Remove outdated content' tool can speed this up.",
    ),
    (
        "X (Twitter)",
        "Delete a post or reply",
        "Open the post (the Link column takes you there), select the ⋯ (More) menu on it, choose Delete "
        "and confirm. Replies are posts and are deleted the same way. X has no way to delete posts in bulk; "
        "services that offer it need access to your account, so weigh that before using one.",
    ),
    (
        "X (Twitter)",
        "Edit a post",
        "Old posts cannot be edited (X only allows a short edit window after posting, and only on paid "
        "plans). Delete the post and, if you still want to say it, post a new version.",
    ),
    (
        "X (Twitter)",
        "Undo a repost (retweet) or a quote",
        "Open the original post, select the Repost button (shown in green when you have reposted) and "
        "choose Undo repost. A quote post is your own post: delete it as above.",
    ),
    (
        "X (Twitter)",
        "Remove a like",
        "Open the liked post (the Link column) and select the heart again so it is no longer filled. Your "
        "likes are also listed on the Likes tab of your profile.",
    ),
    (
        "X (Twitter)",
        "Limit who sees your past posts",
        "Settings and privacy > Privacy and safety > Audience and tagging > Protect your posts. Only your "
        "followers will then see your posts, old ones included; remove followers you do not know. Copies "
        "already made elsewhere are not affected.",
    ),
    (
        "X (Twitter)",
        "Direct messages",
        "Deleting a message or a conversation removes it for you only: the other person keeps their copy.",
    ),
    (
        "Facebook",
        "Delete or edit a post",
        "On the post, select ⋯ and choose Delete (or Move to trash) or Edit post. Shared posts are your "
        "posts and are removed the same way.",
    ),
    (
        "Facebook",
        "Delete many posts at once",
        "Open your profile, select ⋯ > Activity log (or Settings & privacy > Activity log), then Your "
        "activity across Facebook > Posts. Filter by date, tick the posts and choose Trash or Archive. "
        "Items in Trash are deleted after 30 days; empty the Trash to delete them now. Archived posts are "
        "hidden from everyone but you.",
    ),
    (
        "Facebook",
        "Delete or edit a comment",
        "In the Activity log, open Comments (under Interactions or Your activity), find the comment and "
        "use ⋯ to delete it, or go to the post and use ⋯ beside your comment to edit or delete it.",
    ),
    (
        "Facebook",
        "Remove likes and reactions",
        "In the Activity log, open Likes and reactions (under Interactions), then use ⋯ beside an item "
        "and choose Unlike or Remove reaction.",
    ),
    (
        "Facebook",
        "Change who can see one post",
        "On the post, select ⋯ > Edit audience and choose Friends or Only me. Posts in a group follow the "
        "group's setting: delete them or ask the group's admins.",
    ),
    (
        "Facebook",
        "Limit who sees all your past posts",
        "Settings & privacy > Settings > Privacy (or Audience and visibility > Posts) > Limit the "
        "audience for posts you've shared with friends of friends or Public > Limit past posts. Your old "
        "public posts become visible to friends only. People tagged in a post, and their friends, may "
        "still see it.",
    ),
    (
        "Instagram",
        "Delete, archive or edit a post",
        "Open the post, select ⋯ and choose Delete, Archive (hidden from everyone but you, and reversible) "
        "or Edit to change the caption or location.",
    ),
    (
        "Instagram",
        "Delete many posts, comments or likes at once",
        "Profile > menu > Your activity. Under Photos and videos (posts, reels) or Interactions (comments, "
        "likes), choose Select, tick the items (Sort and filter narrows them by date) and choose Delete, "
        "Archive or Unlike.",
    ),
    (
        "Instagram",
        "Make deletion final",
        "Deleted posts stay in Your activity > Recently deleted for about 30 days; delete them there to "
        "remove them at once.",
    ),
    (
        "Instagram",
        "Limit who sees your past posts",
        "Settings > Account privacy > Private account. Only followers you approve will see your posts, old "
        "ones included; remove followers you do not know.",
    ),
    (
        "Threads",
        "Delete or edit a post or reply",
        "On the post, select ⋯ and choose Delete. Editing is only possible for a short time after posting: "
        "for older posts, delete them and post again if you wish.",
    ),
    (
        "Threads",
        "Remove a like or a repost",
        "Select the heart again to remove a like; select the repost button and choose Remove to undo a "
        "repost.",
    ),
    (
        "Threads",
        "Limit who sees your past posts",
        "Settings > Privacy > Private profile. Only followers you approve will see your posts and replies.",
    ),
    (
        "Any platform",
        "When you have finished",
        "Delete this workbook and your export downloads, and empty the recycle bin. Review your privacy "
        "settings once a year; keep work and personal accounts apart.",
    ),
)
