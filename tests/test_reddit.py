"""The Reddit parser on its one real file, the synthetic sample export, split tables and messages."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from conftest import FIXTURES, SAMPLES, problems, read_export

from parsers import Item, ReadLog, detect, open_archive
from parsers.reddit import reddit_time


def read(path: Path, include_messages: bool = False) -> tuple[list[Item], ReadLog]:
    return read_export(path, "reddit", include_messages)


def test_the_real_subscribed_subreddits_file_gives_seven_memberships() -> None:
    items, log = read(FIXTURES / "reddit" / "hudi")
    assert not problems(log)
    assert [i.text for i in items] == [
        "r/elex",
        "r/headturners",
        "r/UFOs",
        "r/Art",
        "r/worldofgothic",
        "r/smartcontracts",
        "r/impressionsgames",
    ]
    assert {i.kind for i in items} == {"membership"} and items[2].url == "https://www.reddit.com/r/UFOs/"


def test_the_sample_gives_posts_comments_replies_upvotes_and_subreddits() -> None:
    items, log = read(SAMPLES / "reddit")
    assert not problems(log)
    counts = {f.file: f.items for f in log.files}
    assert counts == {
        "statistics.csv": 0,
        "posts.csv": 3,
        "comments.csv": 3,
        "post_votes.csv": 1,  # up only: down and removed are not likes
        "comment_votes.csv": 1,
        "subscribed_subreddits.csv": 3,
        "moderated_subreddits.csv": 1,
    }
    rant, link, deleted = items[:3]
    assert rant.item_id == "t3_1a2b3c" and rant.created_at == "2023-11-20T22:14:05Z"
    assert rant.text.startswith(
        "Is it just me or is our duty team falling apart?\n\nLong rant, sorry.\n\nMy manager"
    )
    assert '"we all have to do more with less"' in rant.text
    assert (
        rant.url == "https://www.reddit.com/r/socialwork/comments/1a2b3c/" and rant.audience == "r/socialwork"
    )
    assert link.text == "Best cocktail bar near Scunthorpe station?\n\nhttps://www.example.org/cocktails"
    assert deleted.text == "Placement question"  # the [deleted] body is not text
    kinds = Counter(i.kind for i in items)
    assert kinds == {"post": 3, "comment": 2, "reply": 1, "like": 2, "membership": 4}
    assert next(i for i in items if i.kind == "reply").item_id == "t1_k4d5e6"
    assert next(i for i in items if i.audience == "moderator").text == "r/LeedsSocialWorkStudents"


def test_only_the_messages_sent_are_read_and_only_when_asked() -> None:
    items, log = read(SAMPLES / "reddit", include_messages=True)
    assert not problems(log)
    messages = [i for i in items if i.kind == "message"]
    assert [(m.text, m.created_at) for m in messages] == [
        ("rota\nCan you call me on 07700 900123 before the duty meeting?", "2023-11-21T08:00:00Z"),
        ("Drinks on Friday?", "2023-11-22T19:00:00Z"),
    ]


def test_without_statistics_the_sender_is_the_one_name_in_every_message(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(SAMPLES / "reddit", folder)
    (folder / "statistics.csv").unlink()
    with (folder / "messages.csv").open("a", encoding="utf-8") as out:
        out.write(
            "2abcd3,https://www.reddit.com/message/messages/2abcd3,,2023-12-01 10:00:00 UTC,,alex_madeup,"
            "jo_example_sw,hello,Hi Jo\n"
        )
    items, log = read(folder, include_messages=True)
    assert not problems(log)
    assert [i.text for i in items if i.kind == "message"][0].startswith("rota\n")
    # With one correspondent only, both names are in every message: nothing is guessed.
    (folder / "messages.csv").write_text(
        (SAMPLES / "reddit" / "messages.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    items, log = read(folder, include_messages=True)
    assert not [i for i in items if i.kind == "message"]
    assert len(problems(log)) == 2 and "messages were not read" in problems(log)[0]


def test_split_tables_are_read_in_order_and_linkedin_files_are_not_taken(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    head = "id,permalink,date,ip,subreddit,gildings,link,parent,body,media\n"
    for part, number in (("comments_10.csv", 10), ("comments_2.csv", 2)):
        (folder / part).write_text(
            head + f"c{number},/r/x/comments/p/comment/c{number}/,2020-01-01 00:00:00 UTC,,x,0,,t3_p,"
            f"part {number},\n",
            encoding="utf-8",
        )
    items, _ = read(folder)
    assert [i.text for i in items] == ["part 2", "part 10"]
    assert items[0].url == "https://www.reddit.com/r/x/comments/p/comment/c2/"
    linkedin = tmp_path / "linkedin"
    linkedin.mkdir()
    shutil.copy(FIXTURES / "linkedin" / "sanand0" / "Comments.csv", linkedin / "Comments.csv")
    with open_archive(linkedin) as archive:
        assert [d.platform for d in detect(archive)] == ["linkedin"]


def test_dates_are_utc_iso() -> None:
    assert reddit_time("2019-03-02 21:14:05 UTC") == "2019-03-02T21:14:05Z"
    assert reddit_time("2019-03-02T21:14:05Z") == "2019-03-02T21:14:05Z"
    assert reddit_time("2019-03-02 21:14:05 +0100") is None
    assert reddit_time("registration ip") is None and reddit_time("") is None
