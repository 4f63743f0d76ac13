"""The TikTok parser on real JSON downloads of 2022 and 2024, the sample export, renamed sections and TXT."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from conftest import FIXTURES, SAMPLES, problems, read_export

from parsers import Item, ReadLog, detect, open_archive, unrecognised_message
from parsers.tiktok import tiktok_time

TIKTOK = FIXTURES / "tiktok"


def read(path: Path, include_messages: bool = False) -> tuple[list[Item], ReadLog]:
    """Read a TikTok export that should read without a problem."""
    items, log = read_export(path, "tiktok", include_messages)
    assert not problems(log)
    return items, log


def test_the_2024_download_gives_videos_comments_likes_shares_and_follows() -> None:
    items, log = read(TIKTOK / "what-if", include_messages=True)
    assert {f.file: f.items for f in log.files} == {"user_data_tiktok.json": 48}
    # 20 likes + 4 favourites; 6 follows + 6 hashtags; 5 shares; 2 comments; 1 video and 2 recently
    # deleted ones, all without captions, and one place review without text; the username (empty bio).
    assert Counter(i.kind for i in items) == {
        "like": 24,
        "membership": 12,
        "share": 5,
        "media": 4,
        "comment": 2,
        "profile": 1,
    }
    comments = [i for i in items if i.kind == "comment"]
    assert [(c.text, c.created_at) for c in comments] == [
        ("so cute 🥺", "2024-11-24T08:55:16Z"),
        ("beautiful", "2024-11-20T15:23:50Z"),
    ]
    like = next(i for i in items if i.kind == "like" and not i.text)
    assert like.item_id == "like-7442045703922142486"
    assert like.url == "https://www.tiktokv.com/share/video/7442045703922142486/"
    videos = [i for i in items if i.kind == "media" and i.media]
    assert len(videos) == 3 and not any(v.url for v in videos)  # signed links that expire are not kept
    assert sum(1 for v in videos if v.audience and "deleted 2024-12-13" in v.audience) == 2
    assert len({i.item_id for i in items}) == len(items)


def test_the_2022_download_reads_videolink_likes_and_comments_typed_in_live_streams() -> None:
    items, log = read(TIKTOK / "hudi")
    assert {f.file: f.items for f in log.files} == {"user_data.json": 108}
    assert Counter(i.kind for i in items) == {
        "like": 58,
        "membership": 44,
        "comment": 3,
        "share": 2,
        "profile": 1,
    }
    live = [i for i in items if i.audience == "live stream"]
    assert len(live) == 3 and all(i.url and i.url.startswith("https://vm.tiktok.com/") for i in live)
    assert live[1].created_at == "2022-04-19T17:38:07Z"
    # 4,368 watched videos are not items.
    assert not [i for i in items if i.url and "7102120490868673798" in i.url and i.kind != "like"]


def test_the_sample_keeps_only_the_messages_sent_and_only_when_asked() -> None:
    items, _ = read(SAMPLES / "tiktok")
    assert Counter(i.kind for i in items) == {
        "like": 3,
        "membership": 2,
        "share": 1,
        "comment": 4,
        "post": 3,
        "media": 1,
        "profile": 2,
    }
    assert not [i for i in items if i.kind == "message"]
    by_text = {i.text: i for i in items}
    assert by_text["First day of uni! Social work here I come #socialworkstudent"].location == "Leeds"
    assert by_text["Great pub quiz, friendly staff."].location == "The Dick Turpin"
    assert by_text["Student social worker 🎓 | Leeds | views my own"].item_id == "profile-bio"
    with_messages, _ = read(SAMPLES / "tiktok", include_messages=True)
    messages = [i for i in with_messages if i.kind == "message"]
    assert [m.text for m in messages] == ["Text me on 07700 900782 about the rota, not on here"]


def test_the_2025_names_and_keys_in_any_case_are_read(tmp_path: Path) -> None:
    data = {
        "Your Activity": {
            "Like List": {
                "ItemFavoriteList": [
                    {"date": "2025-02-01 10:00:00", "link": "https://www.tiktokv.com/share/video/1/"}
                ]
            },
            "Following": {"Following": [{"Date": "2025-01-01 09:00:00", "UserName": "someone"}]},
        },
        "Post": {
            "Posts": {
                "VideoList": [{"Date": "2025-03-01 12:00:00", "Link": "", "Title": "New year, new me"}]
            },
            "Recently Deleted Posts": {"PostList": None},
        },
        "Direct Message": {
            "Direct Messages": {
                "ChatHistory": {
                    "Chat History with pal:": [
                        {"Date": "2025-03-02 08:00:00", "From": "me_2025", "Content": "sent"},
                        {"Date": "2025-03-02 08:01:00", "From": "pal", "Content": "received"},
                    ]
                }
            }
        },
        "Location Review": {
            "Location Reviews": {
                "ReviewsList": [{"PlaceName": "Café", "Date": "2025-03-03 10:00:00", "ReviewText": "Lovely"}]
            }
        },
        "Profile": {"Profile Info": {"ProfileMap": {"userName": "me_2025", "bioDescription": "N/A"}}},
    }
    folder = tmp_path / "TikTok_Data_1740000000"
    folder.mkdir()
    (folder / "user_data_tiktok.json").write_text(json.dumps(data), encoding="utf-8")
    items, _ = read(folder, include_messages=True)
    assert [(i.kind, i.text) for i in items] == [
        ("like", ""),
        ("membership", "@someone"),
        ("post", "New year, new me"),
        ("message", "sent"),
        ("comment", "Lovely"),
        ("profile", "me_2025"),
    ]


def test_a_user_data_json_of_another_app_is_not_taken(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "user_data.json").write_text('{"account": {"name": "x"}, "settings": {}}', encoding="utf-8")
    with open_archive(folder) as archive:
        assert detect(archive) == []


def test_the_txt_download_is_refused_asking_for_json(tmp_path: Path) -> None:
    folder = tmp_path / "TikTok_Data_1700000000" / "Tiktok"
    for name in ("Activity/Like List.txt", "Activity/Browsing History.txt", "Comments/Comments.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(
            "Date: 2023-01-01 10:00:00\nLink: https://www.tiktokv.com/share/video/1/\n\n"
        )
    with open_archive(tmp_path / "TikTok_Data_1700000000") as archive:
        assert detect(archive) == []
        message = unrecognised_message(archive)
    assert "TXT" in message and "JSON" in message


def test_a_file_cut_short_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    text = (SAMPLES / "tiktok" / "user_data_tiktok.json").read_text(encoding="utf-8")
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "user_data_tiktok.json").write_text(text[: text.index('"Comment"') + 200], encoding="utf-8")
    for include_messages in (False, True):  # the read-ahead for the username must not add a problem
        items, log = read_export(folder, "tiktok", include_messages)
        assert len(items) == 6  # everything in "Activity", which comes before the cut
        (problem,) = log.files[0].problems
        assert problem.startswith("user_data_tiktok.json: the file ends early")


def test_dates_are_utc_iso() -> None:
    assert tiktok_time("2024-11-24 08:53:18") == "2024-11-24T08:53:18Z"
    assert tiktok_time("2022-07-15 22:14:44 UTC") == "2022-07-15T22:14:44Z"
    assert tiktok_time("N/A") is None and tiktok_time(None) is None
