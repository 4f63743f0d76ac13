"""The Instagram and Threads parser: real published exports, synthetic exports of every layout, bad input."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES, zip_folder

from audit.cli import app
from audit.pipeline import NothingReadError, ScanOptions, run
from parsers import Item, ReadLog, detect, instagram, iter_items, open_archive, open_exports

IG = FIXTURES / "instagram"
SYNTHETIC = IG / "synthetic"
WHAT_IF = IG / "what-if" / "IG_public_test_file.zip"
DDP_ZIP = IG / "ddp-inspector" / "instagram_2022_09_26.zip"
BLUESKY = IG / "instagram-to-bluesky"
SAMPLE = SAMPLES / "instagram"


def read(path: Path, include_messages: bool = False) -> tuple[list[Item], ReadLog]:
    """Every item of one export (Instagram's and the Threads posts in it), and the log of what was read."""
    with open_archive(path) as archive:
        log = ReadLog(archive.label)
        items = [
            item
            for detection in detect(archive)
            for item in iter_items(archive, detection, log, include_messages=include_messages)
        ]
    return items, log


def problems(log: ReadLog) -> dict[str, list[str]]:
    return {f.file: f.problems for f in log.files if f.problems}


def by_source(items: list[Item]) -> dict[str, Item]:
    return {item.source: item for item in items}


def extract(zip_path: Path, target: Path) -> Path:
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(target)
    return target


def copy_tree(folder: Path, tmp_path: Path, name: str = "export") -> Path:
    return Path(shutil.copytree(folder, tmp_path / name))


# --- real exports: what-if-horizon (2025 download, your_instagram_activity/content/ layout) ---------


def test_what_if_export_is_detected_from_names_with_its_data_and_message_files() -> None:
    with open_archive(WHAT_IF) as archive:
        detection = instagram.detect(archive)
    assert detection is not None
    assert (detection.platform, detection.generation) == ("instagram", "2023-activity")
    assert detection.files == [
        "personal_information/personal_information/personal_information.json",
        "your_instagram_activity/content/posts_1.json",
        "your_instagram_activity/content/stories.json",
        "your_instagram_activity/content/profile_photos.json",
        "your_instagram_activity/content/recently_deleted_content.json",
        "your_instagram_activity/comments/post_comments_1.json",
        "your_instagram_activity/likes/liked_posts.json",
        "your_instagram_activity/story_sticker_interactions/story_likes.json",
    ]
    assert len(detection.message_files) == 6
    assert detection.message_files[0] == "your_instagram_activity/messages/inbox/username/message_1.json"


def test_what_if_export_items_per_file_and_kind() -> None:
    items, log = read(WHAT_IF)
    assert {f.file: f.items for f in log.files} == {
        "personal_information/personal_information/personal_information.json": 0,  # no bio or website
        "your_instagram_activity/content/posts_1.json": 1,
        "your_instagram_activity/content/stories.json": 4,
        "your_instagram_activity/content/profile_photos.json": 1,
        "your_instagram_activity/content/recently_deleted_content.json": 0,  # one empty record
        "your_instagram_activity/comments/post_comments_1.json": 3,
        "your_instagram_activity/likes/liked_posts.json": 3,
        "your_instagram_activity/story_sticker_interactions/story_likes.json": 3,
    }
    assert Counter(i.kind for i in items) == {"like": 6, "media": 5, "comment": 3, "post": 1}
    assert {i.platform for i in items} == {"instagram"}
    assert len({i.item_id for i in items}) == len(items)


def test_what_if_posts_file_that_is_one_object_gives_the_carousel_post() -> None:
    items, _ = read(WHAT_IF)
    post = by_source(items)["your_instagram_activity/content/posts_1.json#0"]
    # Caption and time at post level; three media items, one of them with a cut-short timestamp.
    assert (post.kind, post.text, post.created_at, post.media) == ("post", "bla", "2024-07-19T16:54:34Z", 3)
    assert post.location is None and post.audience is None


def test_what_if_cut_short_timestamps_are_left_empty_and_reported() -> None:
    items, log = read(WHAT_IF)
    found = by_source(items)
    assert found["your_instagram_activity/comments/post_comments_1.json#1"].created_at is None  # 1726806
    assert (
        found["your_instagram_activity/comments/post_comments_1.json#2"].created_at == "2024-09-16T06:31:47Z"
    )
    story_likes = [i for i in items if i.source.startswith("your_instagram_activity/story_sticker")]
    assert [i.created_at for i in story_likes] == [None, None, None]
    assert problems(log) == {
        "your_instagram_activity/comments/post_comments_1.json": [
            "your_instagram_activity/comments/post_comments_1.json: 1 date that cannot be right "
            "(before Instagram began, or cut short) left empty"
        ],
        "your_instagram_activity/story_sticker_interactions/story_likes.json": [
            "your_instagram_activity/story_sticker_interactions/story_likes.json: 3 dates that cannot be "
            "right (before Instagram began, or cut short) left empty"
        ],
    }


def test_what_if_comments_likes_and_stories_fields() -> None:
    items, _ = read(WHAT_IF)
    comments = [i for i in items if i.kind == "comment"]
    assert [(c.text, c.audience) for c in comments] == [
        ("bla", "comment on a post"),  # empty "Media Owner"
        ("blabla", "comment on blabla's post"),
        ("BSC", "comment on BSC's post"),
    ]
    likes = [i for i in items if i.source.startswith("your_instagram_activity/likes/")]
    # The reaction is stored as Meta mojibake ("\u00f0\u009f\u0091\u008d") and comes out repaired.
    assert [(li.text, li.author, li.url, li.created_at) for li in likes] == [
        ("👍", "test", "https://www.", "2024-03-23T20:24:21Z"),
        ("👍", "test", "https://www/", "2024-03-11T17:00:33Z"),
        ("👍", "test", "https://www/", "2024-02-20T07:45:39Z"),
    ]
    story_likes = [i for i in items if i.source.startswith("your_instagram_activity/story_sticker")]
    assert {(i.kind, i.author, i.audience, i.text) for i in story_likes} == {
        ("like", "hola", "hola's story", "")
    }
    stories = [i for i in items if i.audience == "story"]
    assert [(s.kind, s.text, s.media) for s in stories] == [("media", "", 1)] * 4
    assert stories[0].created_at == "2024-03-31T09:11:52Z"


def test_what_if_messages_are_read_only_when_asked_and_only_the_owners() -> None:
    items, log = read(WHAT_IF, include_messages=True)
    # "me" is "bla" (personal information); every message in the export is from someone else.
    assert [i for i in items if i.kind == "message"] == []
    assert sum(1 for f in log.files if "/messages/" in f.file) == 6
    assert problems(log).keys() == {
        "your_instagram_activity/comments/post_comments_1.json",
        "your_instagram_activity/story_sticker_interactions/story_likes.json",
    }
    without, _ = read(WHAT_IF)
    assert without == items


def test_what_if_zip_and_extracted_folder_give_the_same_items(tmp_path: Path) -> None:
    folder = extract(WHAT_IF, tmp_path / "IG_public_test_file")
    assert read(folder, include_messages=True)[0] == read(WHAT_IF, include_messages=True)[0]


# --- real exports: d3i ddp-inspector (2022 layout, every member 0 bytes) ----------------------------


def test_ddp_inspector_2022_layout_is_recognised_by_names_and_every_empty_file_is_reported() -> None:
    with open_archive(DDP_ZIP) as archive:  # the zip wraps everything in "instagram/"
        detection = instagram.detect(archive)
    assert detection is not None and detection.generation == "2020-content"
    assert detection.files == [
        "personal_information/personal_information.json",
        "content/reels.json",
        "content/stories.json",
        "content/profile_photos.json",
        "content/recently_deleted_content.json",
        "comments/post_comments.json",
        "likes/liked_posts.json",
    ]
    items, log = read(DDP_ZIP)
    assert items == []
    assert problems(log) == {name: [f"{name}: the file is empty"] for name in detection.files}


def test_ddp_inspector_localised_interest_files_are_not_taken_for_content(tmp_path: Path) -> None:
    """ads_interests.json keys its records "Interesse" (Dutch); neither it nor your_topics is content."""
    folder = extract(DDP_ZIP, tmp_path / "export")
    shutil.copytree(IG / "ddp-inspector" / "interests-2022", folder / "instagram", dirs_exist_ok=True)
    with open_archive(folder) as archive:
        detection = instagram.detect(archive)
        assert "information_about_you/ads_interests.json" in archive.names()
    assert detection is not None
    assert not [n for n in detection.files if "interest" in n or "topics" in n]
    items, log = read(folder)
    assert items == [] and all(p[0].endswith("the file is empty") for p in problems(log).values())


def test_ddp_inspector_scan_exits_2_listing_each_empty_file(runner, tmp_path: Path) -> None:
    with pytest.raises(NothingReadError) as raised:
        run([DDP_ZIP], ScanOptions())
    assert len(raised.value.messages) == 7
    result = runner.invoke(app, ["scan", str(DDP_ZIP), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert "content/stories.json: the file is empty" in result.stderr
    assert not (tmp_path / "r.json").exists()


# --- real exports: instagram-to-bluesky (2024-2025 posts_1.json and reels.json content) ---------------


def test_bluesky_single_photo_post_has_its_caption_at_post_level() -> None:
    items, log = read(BLUESKY / "test_image")
    assert [(i.kind, i.text, i.created_at, i.media) for i in items] == [
        ("post", "A great rainy day lunch\n#italiansub", "2024-08-04T19:52:37Z", 1)
    ]
    assert problems(log) == {}
    assert {f.file: f.items for f in log.files}["your_instagram_activity/media/reels.json"] == 0


def test_bluesky_carousel_counts_every_media_file() -> None:
    items, _ = read(BLUESKY / "test_images")
    assert len(items) == 1
    assert items[0].text.startswith("A lil flower garden update:\n\nDalia is in full bloom")
    assert (items[0].media, items[0].created_at) == (5, "2022-07-26T21:45:55Z")


def test_bluesky_video_caption_in_media_title_with_exif_location_and_reel_listed_once() -> None:
    items, log = read(BLUESKY / "test_video")
    # The same video is in reels.json and posts_1.json: it is kept once, as the reel.
    assert [(i.kind, i.text, i.location, i.media, i.audience, i.source) for i in items] == [
        (
            "post",
            "Pokemon test video",
            "53.141186112,11.038734576",
            1,
            "reel",
            "your_instagram_activity/media/reels.json#0",
        )
    ]
    assert items[0].created_at == "2016-03-23T11:32:16Z"
    assert {f.file: f.items for f in log.files} == {
        "your_instagram_activity/media/reels.json": 1,
        "your_instagram_activity/media/posts_1.json": 0,
    }


def test_bluesky_mixed_media_carousel_of_photos_and_videos() -> None:
    items, _ = read(BLUESKY / "test_mixed_media")
    assert [(i.text, i.media, i.created_at) for i in items] == [
        (
            "What an incredible weekend day trip to celebrate Momma Olga's birthday.",
            10,
            "2024-07-07T20:35:31Z",
        )
    ]


# --- synthetic exports of each layout --------------------------------------------------------------


def summary(items: list[Item]) -> list[tuple]:
    return [
        (i.platform, i.kind, i.created_at, i.text, i.author, i.location, i.media, i.audience) for i in items
    ]


def test_layout_2018_flat_files() -> None:
    folder = SYNTHETIC / "layout-2018"
    with open_archive(folder) as archive:
        detection = instagram.detect(archive)
    assert detection is not None and detection.generation == "2018-flat"
    assert detection.files == ["profile.json", "media.json", "comments.json", "likes.json"]
    assert detection.message_files == ["messages.json"]
    items, log = read(folder, include_messages=True)
    assert summary(items) == [
        ("instagram", "profile", None, "Social work student 🌿 Northwick", None, None, 0, None),
        (
            "instagram",
            "post",
            "2018-07-14T09:12:33Z",
            "Summer in Northwick 🌞",
            None,
            "Northwick Park",
            1,
            None,
        ),
        ("instagram", "media", "2018-08-01T18:00:00Z", "", None, None, 1, None),
        (
            "instagram",
            "post",
            "2018-09-02T20:30:00Z",
            "Jazz in the park 🎷 café au lait",
            None,
            None,
            1,
            None,
        ),
        (
            "instagram",
            "comment",
            "2018-07-14T09:20:01Z",
            "Gorgeous! 😍",
            None,
            None,
            0,
            "comment on sam_k_example's post",
        ),
        (
            "instagram",
            "comment",
            "2018-07-15T10:00:00Z",
            "Naïve question: is that the new bridge?",
            None,
            None,
            0,
            "comment on northwick_walks's post",
        ),
        (
            "instagram",
            "comment",
            "2018-10-01T19:00:00Z",
            "Hello from Northwick 👋",
            None,
            None,
            0,
            "comment on priya.example's live video",
        ),
        ("instagram", "like", "2018-07-16T08:00:00Z", "", "sam_k_example", None, 0, None),
        ("instagram", "like", "2018-07-17T08:00:00Z", "", "northwick_walks", None, 0, None),
        (
            "instagram",
            "like",
            "2018-07-18T08:00:00Z",
            "",
            "priya.example",
            None,
            0,
            "priya.example's comment",
        ),
        ("instagram", "message", "2018-09-01T10:05:00Z", "Go on then 🍺", None, None, 0, "direct message"),
        (
            "instagram",
            "message",
            "2018-09-02T11:00:00Z",
            "Notes from Tuesday attached",
            None,
            None,
            0,
            "direct message",
        ),
        ("instagram", "message", "2018-09-02T11:00:05Z", "", None, None, 1, "direct message"),
    ]
    assert [i.source for i in items[1:4]] == [
        "media.json#photos.0",
        "media.json#photos.1",
        "media.json#videos.0",
    ]
    assert problems(log) == {}


def test_layout_2020_content_folder_parts_in_numeric_order_and_reel_kept_once() -> None:
    folder = SYNTHETIC / "layout-2020"
    items, log = read(folder, include_messages=True)
    found = by_source(items)
    posts = [i.source for i in items if i.source.startswith("content/posts_")]
    assert posts == ["content/posts_1.json#0", "content/posts_2.json#0", "content/posts_10.json#0"]
    assert "content/posts_1.json#1" not in found  # the reel listed again among the posts
    assert (found["content/reels.json#0"].text, found["content/reels.json#0"].audience) == (
        "Reel: bake-off practice 🍰",
        "reel",
    )
    assert found["content/igtv_videos.json#0"].audience == "IGTV video"
    assert found["content/archived_posts.json#0"].audience == "archived (hidden from your profile)"
    # A story video and its subtitle side-car: one media item, the .srt is not media of its own.
    assert [(i.kind, i.text, i.media) for i in items if i.audience == "story"] == [
        ("post", "Morning 🌅", 1),
        ("media", "", 1),
    ]
    assert found["comments/post_comments.json#0"].text == "Lovely 😊"  # old {"comments_media_comments": …}
    assert found["likes/liked_comments.json#0"].audience == "priya.example's comment"
    assert found["account_information/personal_information.json#0"].text == "Newly qualified social worker 🎓"
    messages = [(i.text, i.source) for i in items if i.kind == "message"]
    assert messages == [
        ("Running late, sorry!", "messages/inbox/samk_4455667788/message_1.json#0"),
        ("See you at training", "messages/inbox/samk_4455667788/message_2.json#0"),
    ]
    assert problems(log) == {
        "comments/post_comments.json": [
            "comments/post_comments.json: 1 record not in the expected shape, skipped"
        ]
    }
    assert Counter(i.kind for i in items) == {
        "post": 7,
        "media": 1,
        "comment": 2,
        "like": 2,
        "profile": 1,
        "message": 2,
    }


def test_layout_2023_localised_keys_single_media_object_and_threads() -> None:
    items, log = read(SYNTHETIC / "layout-2023", include_messages=True)
    found = by_source(items)
    act = "your_instagram_activity/"
    herfst = found[act + "content/posts_1.json#0"]  # "media" is one object, not a list
    assert (herfst.text, herfst.location, herfst.media) == ("Herfst in Northwick 🍂", "52.3702,4.8952", 1)
    assert found[act + "content/posts_1.json#1"].media == 2
    assert found[act + "content/other_content.json#0"].audience == "other media"
    # One empty record then a real one: only the real one is an item, and the index is kept.
    deleted = [i for i in items if i.audience == "recently deleted"]
    assert [(d.text, d.source) for d in deleted] == [
        ("Deleted: rough day", act + "content/recently_deleted_content.json#1")
    ]
    # Dutch keys (known), French keys (unknown: read by structure), both mojibake-encoded.
    assert (
        found[act + "comments/post_comments_1.json#0"].text,
        found[act + "comments/post_comments_1.json#0"].audience,
    ) == (
        "Wat een mooie foto! 😍",
        "comment on sam_k_example's post",
    )
    french = found[act + "comments/post_comments_2.json#0"]
    assert (french.text, french.audience, french.created_at) == (
        "Très réussi, bravo",
        "comment on priya.example's post",
        "2023-12-07T10:00:00Z",
    )
    threads = [(i.platform, i.kind, i.text, i.media) for i in items if i.platform == "threads"]
    assert threads == [
        ("threads", "post", "Hello Threads 👋", 0),
        ("threads", "reply", "@sam_k_example ha, exactly", 0),
        ("threads", "media", "", 1),
        ("threads", "like", "👍", 0),
    ]
    # "me" is the Dutch "Naam" (mojibake "Jo Exämple"), matched against the repaired sender name.
    assert [i.text for i in items if i.kind == "message"] == ["Thanks for today"]
    assert found["personal_information/personal_information/personal_information.json#0"].text == (
        "Maatschappelijk werker 🌿"
    )
    assert problems(log) == {}


def test_layout_2025_media_folder_and_label_values_likes() -> None:
    folder = SYNTHETIC / "layout-2025"
    with open_archive(folder) as archive:
        assert instagram.detect(archive).generation == "2025-media"
    items, log = read(folder)
    assert [(i.kind, i.text, i.author, i.url, i.audience) for i in items] == [
        ("post", "Spring at last 🌷", None, None, None),
        (
            "like",
            "Spring lambs at Northwick farm 🐑",
            "northwick_farm",
            "https://www.instagram.com/p/DEx4mpl3G/",
            None,
        ),
        ("like", "", "priya.example", None, "priya.example's story"),
    ]
    assert problems(log) == {}


@pytest.mark.parametrize("layout", ["layout-2018", "layout-2020", "layout-2023", "layout-2025"])
def test_every_layout_reads_the_same_zipped_as_unzipped(layout: str, zipped) -> None:
    folder = SYNTHETIC / layout
    archive = zipped(folder, f"{layout}.zip", wrapper=f"instagram-jo_example_sw-2025-03-14-{layout[-4:]}AbCd")
    assert read(archive, include_messages=True)[0] == read(folder, include_messages=True)[0]


# --- the sample export (2025 layout) ---------------------------------------------------------------


def test_sample_export_items() -> None:
    items, log = read(SAMPLE, include_messages=True)
    assert problems(log) == {}
    assert Counter((i.platform, i.kind) for i in items) == {
        ("instagram", "post"): 14,
        ("instagram", "media"): 3,
        ("instagram", "comment"): 5,
        ("instagram", "like"): 3,
        ("instagram", "profile"): 2,
        ("instagram", "message"): 1,
        ("threads", "post"): 1,
        ("threads", "reply"): 1,
        ("threads", "like"): 1,
    }
    found = {i.text: i for i in items}
    carousel = found[
        "Graduation day! 🎓 BA Social Work, done. Thank you to everyone who got me here — especially Mum"
    ]
    assert (carousel.media, carousel.created_at) == (3, "2018-07-13T15:20:44Z")
    assert found["Sunday walk up Northwick Hill 🥾 legs are jelly"].location == "53.5123456,-2.1987654"
    untitled = [i for i in items if i.kind == "media" and i.audience is None]
    assert [(u.location, u.media) for u in untitled] == [(None, 1)]  # EXIF 0,0 is no location
    assert "Cocktail masterclass for Mum's birthday 🍸 crème brûlée martini… surprisingly good" in found
    bio = found["Social worker in Northwick 🌿 tea, hills & far too many books. Views my own."]
    assert (bio.kind, bio.item_id, bio.url) == (
        "profile",
        "profile-bio",
        "https://www.instagram.com/jo_example_sw/",
    )
    assert [i.text for i in items if i.kind == "message"] == [
        "Can you swap Thursday's duty? I'll bring cake 🍰"
    ]


def test_sample_export_scan_flags_the_email_post_and_keeps_traps(tmp_path: Path, runner) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(out), "--all"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["totals"]["by_platform"] == {"instagram": 27, "threads": 3}
    flagged = [i for i in report["items"] if i["rules"]]
    assert [(i["platform"], i["rules"]) for i in flagged if "jo.example.sw@example.com" in i["text"]] == [
        ("instagram", ["PINF001"])
    ]
    trap = next(i for i in report["items"] if i["text"].startswith("Scunthorpe away day"))
    assert trap["rules"] == []


def test_detect_command_names_the_layout(runner) -> None:
    result = runner.invoke(app, ["detect", str(SAMPLE)])
    assert result.exit_code == 0
    assert "platform:   instagram" in result.stdout
    assert "layout:     2025-media: Instagram Download your information, 2025 onwards" in result.stdout
    assert "with --include-messages, also 1 message file(s)" in result.stdout


# --- who "me" is for direct messages ----------------------------------------------------------------


def test_messages_need_to_know_who_me_is(tmp_path: Path, zipped) -> None:
    folder = copy_tree(SYNTHETIC / "layout-2020", tmp_path)
    (folder / "account_information" / "personal_information.json").unlink()
    items, log = read(folder, include_messages=True)
    assert not [i for i in items if i.kind == "message"]
    assert problems(log)["messages/inbox/samk_4455667788/message_1.json"] == [
        "2 message files not read: neither the personal information nor the download's name says who "
        "you are, so your own messages cannot be told from other people's"
    ]
    # Named as Instagram names its downloads, the username in the name says who "me" is.
    thread = folder / "messages" / "inbox" / "samk_4455667788" / "message_2.json"
    thread.write_text(thread.read_text().replace('"Jo Example"', '"jo_example_sw"'))
    archive = zipped(folder, "instagram-jo_example_sw-2021-04-01-AbCdEf12.zip")
    items, log = read(archive, include_messages=True)
    assert [i.text for i in items if i.kind == "message"] == ["See you at training"]
    assert problems(log).keys() == {"comments/post_comments.json"}


# --- detection boundaries and HTML exports ----------------------------------------------------------


def test_other_exports_are_not_taken_for_instagram(tmp_path: Path) -> None:
    messenger = tmp_path / "messenger"  # Facebook's 2020 layout has the same message folders
    (messenger / "messages" / "inbox" / "ola_1").mkdir(parents=True)
    (messenger / "messages" / "inbox" / "ola_1" / "message_1.json").write_text('{"messages": []}')
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "profile.json").write_text("{}")
    for folder in (messenger, lone, SAMPLES / "twitter"):
        with open_archive(folder) as archive:
            assert instagram.detect(archive) is None
            assert instagram.refusal(archive) is None


def test_html_export_is_refused_with_the_request_json_message(runner, tmp_path: Path, zipped) -> None:
    archive = zipped(SYNTHETIC / "html-2024", "instagram-jo_example_sw-2024-05-01-Html0001.zip")
    exports, errors = open_exports([archive])
    assert exports == []
    message = str(errors[0][1])
    assert message == (
        "instagram-jo_example_sw-2024-05-01-Html0001.zip: this Instagram export is in HTML format, which "
        "cannot be read reliably; request a new download in JSON format (Instagram: Accounts Centre > "
        "Your information and permissions > Download your information > Format: JSON)"
    )
    for command in (["scan", str(archive), "-o", str(tmp_path / "r.json")], ["detect", str(archive)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert result.stderr.strip().splitlines() == [f"social-audit: error: {message}"]


# --- bad input: one broken file never loses the others ----------------------------------------------


def test_truncated_posts_file_keeps_the_posts_before_the_break(tmp_path: Path) -> None:
    folder = copy_tree(SAMPLE, tmp_path)
    posts = folder / "your_instagram_activity" / "media" / "posts_1.json"
    data = posts.read_bytes()
    posts.write_bytes(data[: data.index(b"Sunday walk up")])  # cut inside the third post
    items, log = read(folder)
    kept = [i.source for i in items if "posts_1.json" in i.source]
    assert kept == [
        "your_instagram_activity/media/posts_1.json#0",
        "your_instagram_activity/media/posts_1.json#1",
    ]
    assert problems(log) == {
        "your_instagram_activity/media/posts_1.json": [
            "your_instagram_activity/media/posts_1.json: the file ends early (an incomplete download or a "
            "damaged zip?); the 2 items before the problem were kept"
        ]
    }
    assert len(items) == len(read(SAMPLE)[0]) - 9  # every other file still read


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b'"posts"', "not a JSON data file"),
        (b"<html><body>posts</body></html>", "not a JSON data file"),
        (b'[1, 2, {"media": 5}, {"title": "no media"}]', "4 records not in the expected shape, skipped"),
        (b'{"title": "an object that is not a post"}', "1 record not in the expected shape, skipped"),
        (b'[{"media": [{"uri": "a.jpg", "title": "ok"}]}, }', "invalid JSON"),
    ],
)
def test_bad_posts_file_is_reported_and_other_files_still_read(
    tmp_path: Path, content: bytes, message: str
) -> None:
    folder = copy_tree(SYNTHETIC / "layout-2023", tmp_path)
    (folder / "your_instagram_activity" / "content" / "posts_1.json").write_bytes(content)
    items, log = read(folder)
    reported = problems(log)
    assert list(reported) == ["your_instagram_activity/content/posts_1.json"]
    assert len(reported["your_instagram_activity/content/posts_1.json"]) == 1
    assert message in reported["your_instagram_activity/content/posts_1.json"][0]
    assert len([i for i in items if "content/posts_1.json" in i.source]) == (1 if "invalid" in message else 0)
    assert len(items) == len(read(SYNTHETIC / "layout-2023")[0]) - 2 + (1 if "invalid" in message else 0)


def test_2018_file_of_the_wrong_shape_is_reported(tmp_path: Path) -> None:
    folder = copy_tree(SYNTHETIC / "layout-2018", tmp_path)
    (folder / "media.json").write_text('[{"caption": "a list, not the expected object"}]')
    items, log = read(folder)
    assert not [i for i in items if i.source.startswith("media.json")]
    assert set(problems(log)["media.json"]) == {"media.json: expected a JSON object holding lists of records"}
    assert [i.kind for i in items].count("comment") == 3


def test_damaged_zip_member_is_reported_and_other_members_read(tmp_path: Path) -> None:
    archive = zip_folder(SYNTHETIC / "layout-2025", tmp_path / "export.zip")
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zipped_file:
        info = zipped_file.getinfo("your_instagram_activity/media/posts_1.json")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 20 : start + 40] = bytes(20)  # corrupt the compressed bytes of one member
    archive.write_bytes(bytes(data))
    items, log = read(archive)
    ((name, (message,)),) = problems(log).items()
    assert name == "your_instagram_activity/media/posts_1.json"
    assert message.startswith(f"{name}: damaged inside the zip") and "download the export again" in message
    assert [i.kind for i in items] == ["like", "like"]


def test_pipeline_reads_instagram_alongside_x(tmp_path: Path) -> None:
    result = run([SAMPLE, SAMPLES / "twitter"], ScanOptions())
    assert result.totals["by_platform"]["instagram"] == 27
    assert result.totals["by_platform"]["threads"] == 3
    assert result.totals["by_platform"]["twitter"] > 0
    assert [d.platform for _, detections in result.exports for d in detections] == [
        "instagram",
        "threads",
        "twitter",
    ]
    with open_archive(SAMPLE) as archive:
        assert [d.platform for d in detect(archive)] == ["instagram", "threads"]


def test_odd_values_inside_records_are_tolerated(tmp_path: Path) -> None:
    folder = copy_tree(SYNTHETIC / "layout-2023", tmp_path)
    act = folder / "your_instagram_activity"
    (act / "comments" / "post_comments_1.json").write_text(
        json.dumps(
            [
                {"string_map_data": {"Comment": "not an entry", "Time": {"timestamp": "soon"}}},
                {"string_map_data": {"Opmerking": {"value": 42}, "Tijd": {"timestamp": [1]}}},
                {"string_map_data": {"Comment": {"value": "kept"}, "Time": {"timestamp": 1700000000.5}}},
            ]
        )
    )
    (act / "threads" / "liked_threads.json").write_text(
        json.dumps(
            {
                "text_post_app_media_likes": [
                    {"label_values": [{"label": ["a list"], "value": "x"}, {"label": "Owner", "dict": "no"}]},
                    {"title": 7, "string_list_data": "not a list"},
                ]
            }
        )
    )
    (act / "messages" / "inbox" / "sam_99" / "message_1.json").write_text(
        json.dumps(
            {"messages": [{"sender_name": "Jo Exämple", "content": "hi", "photos": 5, "timestamp_ms": "x"}]}
        )
    )
    items, log = read(folder, include_messages=True)
    comments = [(i.text, i.created_at) for i in items if "post_comments_1" in i.source]
    assert comments == [("kept", "2023-11-14T22:13:20Z")]
    likes = [(i.text, i.author, i.url) for i in items if i.kind == "like"]
    assert likes == [("", None, None), ("", None, None)]
    assert [(i.text, i.media, i.created_at) for i in items if i.kind == "message"] == [("hi", 0, None)]
    assert problems(log) == {
        "your_instagram_activity/comments/post_comments_1.json": [
            "your_instagram_activity/comments/post_comments_1.json: 2 records not in the expected shape, "
            "skipped",
            "your_instagram_activity/comments/post_comments_1.json: 2 dates that cannot be right (before "
            "Instagram began, or cut short) left empty",
        ]
    }
