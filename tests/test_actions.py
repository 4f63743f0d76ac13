"""Decision choices and suggested actions that fit each item on its platform."""

from __future__ import annotations

import itertools
from pathlib import Path

import openpyxl
from conftest import SAMPLES

from audit.actions import DECISIONS, action_note, decision_choices, suggest_action
from audit.pipeline import run
from audit.report import write_report
from parsers import KINDS

PLATFORMS = (
    "twitter",
    "facebook",
    "instagram",
    "threads",
    "linkedin",
    "tiktok",
    "reddit",
    "bluesky",
    "mastodon",
)
SOURCES = (
    "data/tweets.js#1",
    "data/deleted-tweets.js#0",
    "your_instagram_activity/content/recently_deleted_content.json#0",
    "your_facebook_activity/groups/your_group_membership_activity.json#0",
    "your_facebook_activity/pages/pages_you've_liked.json#0",
)


def test_a_tweet_already_deleted_is_never_to_delete() -> None:
    source = "data/deleted-tweets.js#0"
    assert suggest_action("twitter", "post", "high", "confidentiality", source) == "already deleted"
    assert decision_choices("twitter", "post", source)[0] == "Already deleted"
    assert "Delete" not in decision_choices("twitter", "post", source)


def test_x_cannot_make_one_post_private_or_edit_an_old_one() -> None:
    for category in ("location", "personal_info", "offensive"):
        for severity in ("low", "medium"):
            assert suggest_action("twitter", "post", severity, category, "data/tweets.js#3") == "delete"
    assert decision_choices("twitter", "post") == ("Keep", "Delete", "Not a concern")
    assert decision_choices("threads", "post") == ("Keep", "Delete", "Not a concern")


def test_facebook_and_instagram_posts_can_be_hidden_or_edited() -> None:
    assert suggest_action("facebook", "post", "medium", "location") == "make private"
    assert suggest_action("instagram", "post", "low", "personal_info") == "make private"
    assert suggest_action("facebook", "post", "medium", "offensive") == "edit"
    assert suggest_action("facebook", "post", "high", "offensive") == "delete"
    assert "Edit" not in decision_choices("instagram", "comment")  # Instagram comments cannot be edited
    assert "Make private" not in decision_choices("facebook", "comment")  # a comment has its post's audience


def test_likes_reposts_and_groups_get_their_own_undo() -> None:
    assert suggest_action("twitter", "like", "medium", "discrimination") == "unlike"
    assert suggest_action("twitter", "share", "high", "discrimination", author="someone") == "undo repost"
    assert suggest_action("twitter", "share", "high", "discrimination", author=None) == "delete"  # a quote
    assert suggest_action("facebook", "share", "medium", "misinformation", author="someone") == "delete"
    groups = "your_facebook_activity/groups/your_group_membership_activity.json#0"
    assert suggest_action("facebook", "membership", "low", "promotion", groups) == "leave group"
    pages = "your_facebook_activity/pages/pages_you've_liked.json#0"
    assert suggest_action("facebook", "membership", "low", "promotion", pages) == "unlike"


def test_every_suggestion_is_one_of_the_items_own_decision_choices() -> None:
    for platform, kind, source, author, severity, category in itertools.product(
        PLATFORMS, KINDS, SOURCES, (None, "someone"), ("low", "medium", "high"), ("location", "offensive")
    ):
        choices = decision_choices(platform, kind, source, author)
        assert set(choices) <= set(DECISIONS)
        assert len(set(choices)) == len(choices)
        suggested = suggest_action(platform, kind, severity, category, source, author)
        assert suggested != "review"
        assert suggested in {choice.lower() for choice in choices}, (platform, kind, source, author)


def test_the_sample_exports_get_actions_their_platforms_allow() -> None:
    items = run([SAMPLES]).items
    assert len(items) > 10
    for row in items.itertuples():
        choices = decision_choices(row.platform, row.kind, row.source, row.author)
        assert row.action in {choice.lower() for choice in choices}
    deleted = items[items["source"].str.contains("deleted-tweets")]
    assert len(deleted) and set(deleted["action"]) == {"already deleted"}
    x_posts = items[(items["platform"] == "twitter") & (items["kind"] == "post")]
    assert "make private" not in set(x_posts["action"])


def test_the_suggestion_says_what_the_platform_cannot_do() -> None:
    assert action_note("twitter", "post", "delete", "medium", "location") == (
        "X cannot make one post private, only the whole account"
    )
    assert (
        action_note("twitter", "reply", "delete", "low", "offensive")
        == "X does not let an old post be edited"
    )
    assert action_note("twitter", "post", "delete", "high", "offensive") is None  # deleting is the fix anyway
    assert action_note("instagram", "post", "make private") == "Archive it, so only you see it"
    assert "deleted" in action_note("twitter", "post", "already deleted")
    assert action_note("facebook", "post", "edit", "medium", "offensive") is None


def test_the_review_sheet_shows_the_note_beside_the_suggestion(tmp_path: Path) -> None:
    report = tmp_path / "r.xlsx"
    write_report(run([SAMPLES / "twitter"]), report)
    sheet = openpyxl.load_workbook(report)["Review"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    shown = {row["Suggested action"] for row in rows}
    assert "Already deleted (the export lists it as deleted; check that it is gone)" in shown
    assert any(s.startswith("Delete (X ") for s in shown)
    assert not any(s.startswith(("Review", "Make private")) for s in shown)
