"""The X/Twitter parser on real archives of every generation, synthetic layouts and broken files."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES, read_export, zip_folder

from parsers import Item, ReadLog, detect, open_archive
from parsers.twitter import x_time

X = FIXTURES / "x-twitter"


def read(path: Path | list[Path], include_messages: bool = False) -> tuple[list[Item], ReadLog]:
    """Parse one export with the X parser; return its items and read log."""
    return read_export(path, "twitter", include_messages)


def problems(log: ReadLog) -> dict[str, list[str]]:
    return {entry.file: entry.problems for entry in log.files if entry.problems}


def ytd(name: str, records: list) -> str:
    return f"window.YTD.{name}.part0 = " + json.dumps(records, indent=2, separators=(",", " : "))


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def tweet(tweet_id: str, text: str, when: str = "Sat Feb 18 19:45:15 +0000 2023", **extra: object) -> dict:
    entities = {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []}
    return {
        "id_str": tweet_id,
        "id": tweet_id,
        "created_at": when,
        "full_text": text,
        "entities": entities,
        **extra,
    }


# --- real archives ------------------------------------------------------------------------------


def test_grailbird_zip_from_perkeep() -> None:
    items, log = read(X / "perkeep" / "camlistore_test.zip")
    assert [i.item_id for i in items] == ["727367542772133888", "727366997390946304"]
    first = items[0]
    assert first.created_at == "2016-05-03T05:21:50Z"
    assert first.kind == "post"
    # HTML entities unescaped, \/ escapes decoded, t.co expanded
    assert first.text.startswith("& <> . $ % ^ * && /\\/\\()! @Camlistore")
    assert first.text.endswith("https://github.com/camlistore/camlistore/issues/476")
    assert first.url == "https://x.com/camlistore_test/status/727367542772133888"
    assert first.source == "data/js/tweets/2016_05.js#0"
    assert not problems(log)


def test_grailbird_icco_months_match_the_index_and_keep_retweets_whole() -> None:
    items, log = read(X / "icco")
    by_file = Counter(i.source.split("#")[0] for i in items)
    assert by_file == {"data/js/tweets/2007_04.js": 88, "data/js/tweets/2017_02.js": 71}
    kinds = Counter(i.kind for i in items)
    assert kinds == {"post": 119, "share": 28, "reply": 12}
    retweets = [i for i in items if i.author]
    assert len(retweets) == 26  # every retweeted_status; the other 2 shares are quote tweets
    assert all(not i.text.startswith("RT @") for i in retweets)
    first_retweet = next(i for i in items if i.item_id == "836758430098546689")
    assert first_retweet.author == "bangbangcon"
    # a tweet dated just after midnight sits in the previous month's file; kept with its own date
    assert next(i for i in items if i.item_id == "45850682").created_at == "2007-05-01T00:00:00Z"
    assert sum(i.media for i in items) == 11
    # the trimmed copy lacks most months: one problem says so, the two present months match the index
    (message,) = problems(log)["data/js/tweet_index.js"]
    assert "131 months" in message and "18,400 tweets" in message
    assert set(problems(log)) == {"data/js/tweet_index.js"}


def test_grailbird_trailing_comma_keeps_the_tweet_and_reports_the_file() -> None:
    items, log = read(X / "glennjones")
    assert [i.text for i in items] == ["This is a test tweet in a test archieve file"]
    assert items[0].url == "https://x.com/glennjones/status/406054311244746752"
    (found,) = problems(log)["data/js/tweets/2013_11.js"]  # one problem: no count check on a broken file
    assert "invalid JSON" in found and "the 1 item before the problem was kept" in found


def test_current_layout_from_community_archive_with_edit_info() -> None:
    items, log = read(X / "community-archive")
    tweets = [i for i in items if i.source.startswith("data/tweets.js")]
    assert len(tweets) == 7
    assert Counter(i.kind for i in tweets) == {"reply": 4, "post": 3}
    # a reply to the account's own tweet is a thread, so a post
    assert next(i for i in tweets if i.item_id == "1627031510963441664").kind == "post"
    assert next(i for i in tweets if i.item_id == "1627019761950375936").media == 4
    assert all(i.url.startswith("https://x.com/exGenesis/status/") for i in tweets)
    profile = {i.item_id: i for i in items if i.kind == "profile"}
    assert profile["profile-bio"].text == "negentropy"
    assert profile["profile-location"].location == "Porto, Portugal"
    assert not problems(log)


def test_manifest_2022_counts_are_checked_against_what_was_read() -> None:
    items, log = read(X / "leask")
    likes = [i for i in items if i.kind == "like"]
    assert len(likes) == 12
    assert likes[0].created_at is None and likes[0].author is None
    assert likes[0].text == "@LeaskH 智能的？Wahoo snap应该就能满足大部分人的需求"
    assert likes[0].url == "https://twitter.com/i/web/status/1574594572801359872"
    found = problems(log)
    assert "manifest.js says 1,552 records but 12 were read" in found["data/like.js"][0]
    # the trimmed copy lacks the tweets: the manifest names each missing part
    assert "57,261 records" in found["data/tweets.js"][0]
    assert "35,933 records" in found["data/tweets-part1.js"][0]
    assert profile_urls(items) == {"https://x.com/LeaskH"}


def profile_urls(items: list[Item]) -> set[str | None]:
    return {i.url for i in items if i.kind == "profile"}


def test_gdpr_v1_files_at_the_root_are_recognised() -> None:
    with open_archive(X / "dogsheep") as archive:
        (detection,) = detect(archive)
    assert detection.generation == "gdpr-v1"
    assert detection.files == ["account.js"]


# --- synthetic layouts written from the spec -----------------------------------------------------


def test_gdpr_v1_bare_tweets_in_parts(tmp_path: Path) -> None:
    account = [{"account": {"username": "jo_example_sw", "accountId": "42"}}]
    write(
        tmp_path,
        {
            "account.js": ytd("account", account),
            "tweet.js": ytd("tweet", [tweet("100", "first", "Mon Jun 03 10:00:00 +0000 2019")]),
            "tweet-part1.js": ytd("tweet", [tweet("101", "second"), tweet("102", "third")]).replace(
                "part0", "part1"
            ),
            "README.txt": "archive readme",
        },
    )
    items, log = read(tmp_path)
    with open_archive(tmp_path) as archive:
        assert detect(archive)[0].generation == "gdpr-v1"
    assert [i.item_id for i in items] == ["100", "101", "102"]
    assert items[0].created_at == "2019-06-03T10:00:00Z"
    assert items[1].source == "tweet-part1.js#0"
    assert items[0].url == "https://x.com/jo_example_sw/status/100"


def test_gdpr_v2_wrapped_tweets_under_data(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "data/account.js": ytd("account", [{"account": {"username": "jo", "accountId": "42"}}]),
            "data/tweet.js": ytd("tweet", [{"tweet": tweet("200", "wrapped")}]),
            "Your archive.html": "<html></html>",
        },
    )
    items, _ = read(tmp_path)
    with open_archive(tmp_path) as archive:
        assert detect(archive)[0].generation == "gdpr-v2"
    assert [(i.item_id, i.text) for i in items] == [("200", "wrapped")]


def test_current_sample_reads_every_dataset() -> None:
    items, log = read(SAMPLES / "twitter", include_messages=True)
    by_file = Counter(i.source.split("#")[0] for i in items)
    assert by_file == {
        "data/tweets.js": 10,
        "data/tweets-part1.js": 7,
        "data/community-tweet.js": 1,
        "data/deleted-tweets.js": 1,
        "data/like.js": 3,
        "data/profile.js": 3,
        "data/direct-messages.js": 1,  # only the message the account holder sent
    }
    assert not problems(log)
    kinds = {i.text[:20]: i.kind for i in items if i.kind != "like"}
    assert kinds["This. Read it before"] == "share"  # quote tweet: the user's words, a status link
    assert kinds["@sam_k_example my te"] == "reply"
    assert kinds["1. Supervision is yo"] == "post"  # reply to self: a thread
    retweet = next(i for i in items if i.author)
    assert retweet.kind == "share" and retweet.author == "loud_opinions_x"
    assert not retweet.text.startswith("RT @")
    message = next(i for i in items if i.kind == "message")
    assert message.audience == "direct message" and message.url is None


def test_long_post_text_comes_from_note_tweet() -> None:
    items, _ = read(SAMPLES / "twitter")
    long_post = next(i for i in items if i.text.startswith("Three years qualified"))
    assert long_post.text.endswith("Here is to the next three.")
    assert "…" not in long_post.text
    assert not any(i.item_id.startswith("note-") for i in items)  # matched, so not emitted twice


def test_unmatched_note_tweet_is_still_read(tmp_path: Path) -> None:
    note = {
        "noteTweet": {
            "noteTweetId": "777",
            "createdAt": "2024-02-08T08:01:15.000Z",
            "core": {"text": "A long post whose shortened tweet is not in the archive.", "urls": []},
        }
    }
    write(
        tmp_path,
        {
            "data/tweets.js": ytd("tweets", [{"tweet": tweet("1", "unrelated")}]),
            "data/note-tweet.js": ytd("note_tweet", [note]),
        },
    )
    items, _ = read(tmp_path)
    orphan = next(i for i in items if i.item_id == "note-777")
    assert orphan.kind == "post" and orphan.created_at == "2024-02-08T08:01:15Z"
    assert orphan.source == "data/note-tweet.js#0"


def test_deleted_tweets_keep_their_kind_and_say_where_they_came_from() -> None:
    items, _ = read(SAMPLES / "twitter")
    (deleted,) = [i for i in items if "deleted-tweets.js" in i.source]
    assert deleted.kind == "post" and deleted.source == "data/deleted-tweets.js#0"


def test_messages_only_when_asked() -> None:
    items, _ = read(SAMPLES / "twitter")
    assert not [i for i in items if i.kind == "message"]


def test_messages_without_account_are_skipped_with_a_problem(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES / "twitter", tmp_path / "x")
    for name in ("account.js", "manifest.js"):
        (tmp_path / "x" / "data" / name).unlink()
    items, log = read(tmp_path / "x", include_messages=True)
    assert not [i for i in items if i.kind == "message"]
    assert "cannot be told" in problems(log)["data/direct-messages.js"][0]
    tweets = [i for i in items if i.source.startswith("data/tweets")]
    assert all(i.url.startswith("https://x.com/i/web/status/") for i in tweets)  # no handle known


def test_media_links_removed_and_place_kept() -> None:
    items, _ = read(SAMPLES / "twitter")
    quiz = next(i for i in items if i.text.startswith("Quiz night"))
    assert quiz.media == 1 and "t.co" not in quiz.text
    away = next(i for i in items if i.text.startswith("Off to Majorca"))
    assert away.location == "Northwick, England"


def test_photo_without_text_is_media_like_other_platforms(tmp_path: Path) -> None:
    def photo(tweet_id: str, text: str, **extra: object) -> dict:
        medium = {"url": f"https://t.co/p{tweet_id}", "media_url_https": "https://pbs.twimg.com/media/x.jpg"}
        record = tweet(tweet_id, text, extended_entities={"media": [medium]}, **extra)
        record["entities"]["media"] = [medium]
        return {"tweet": record}

    write(
        tmp_path,
        {
            "data/account.js": ytd("account", [{"account": {"username": "jo", "accountId": "42"}}]),
            "data/tweets.js": ytd(
                "tweets",
                [
                    photo("301", "https://t.co/p301"),
                    photo("302", "Sunset over the fells https://t.co/p302"),
                    photo(
                        "303",
                        "@sam https://t.co/p303",
                        in_reply_to_status_id_str="9",
                        in_reply_to_user_id_str="7",
                    ),
                ],
            ),
            "data/tweets_media/301-x.jpg": b"\xff\xd8\xff\xe0 not a real photo",
        },
    )
    items, log = read(tmp_path)
    assert not problems(log)
    by_id = {i.item_id: i for i in items}
    alone = by_id["301"]
    assert (alone.kind, alone.text, alone.media) == ("media", "", 1)
    assert alone.media_paths == ("data/tweets_media/301-x.jpg",)
    assert (by_id["302"].kind, by_id["302"].text) == ("post", "Sunset over the fells")
    assert by_id["303"].kind == "reply"  # a reply stays a reply, as on Mastodon


def test_geotag_coordinates_from_grailbird() -> None:
    items, _ = read(SAMPLES / "twitter-2014")
    walk = next(i for i in items if i.text.startswith("Penistone"))
    assert walk.location == "53.5254,-1.6296"
    assert walk.text.endswith("🥾")  # a surrogate-pair escape decoded to one character


def test_zip_folder_and_wrapped_zip_give_identical_items(tmp_path: Path) -> None:
    folder_items, _ = read(SAMPLES / "twitter")
    zipped_items, _ = read(zip_folder(SAMPLES / "twitter", tmp_path / "plain.zip"))
    wrapped = zip_folder(SAMPLES / "twitter", tmp_path / "wrapped.zip", wrapper="twitter-2025-11-02-ab12")
    wrapped_items, _ = read(wrapped)
    assert folder_items == zipped_items == wrapped_items


def test_export_split_over_two_zips_reads_as_one(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(SAMPLES / "twitter", first)
    second.joinpath("data").mkdir(parents=True)
    shutil.move(first / "data" / "tweets-part1.js", second / "data" / "tweets-part1.js")
    parts = [zip_folder(first, tmp_path / "x-1.zip"), zip_folder(second, tmp_path / "x-2.zip")]
    items, log = read(parts)
    assert Counter(i.source.split("#")[0] for i in items)["data/tweets-part1.js"] == 7
    assert not problems(log)


def test_part_files_are_read_in_numeric_order(tmp_path: Path) -> None:
    files = {"data/tweets.js": ytd("tweets", [{"tweet": tweet("0", "part 0")}])}
    for part in (1, 2, 10):
        files[f"data/tweets-part{part}.js"] = ytd("tweets", [{"tweet": tweet(str(part), f"part {part}")}])
    items, _ = read(write(tmp_path, files))
    assert [i.item_id for i in items] == ["0", "1", "2", "10"]


# --- broken and odd files -----------------------------------------------------------------------


def test_truncated_tweets_file_keeps_items_before_the_break_and_other_files(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES / "twitter", tmp_path / "x")
    path = tmp_path / "x" / "data" / "tweets.js"
    text = path.read_text(encoding="utf-8")
    cut = text.index('"tweet"', text.index('"tweet"', text.index('"tweet"') + 1) + 1)
    path.write_text(text[:cut], encoding="utf-8")  # two whole tweets, then the download stops
    items, log = read(zip_folder(tmp_path / "x", tmp_path / "x.zip"))
    assert Counter(i.source.split("#")[0] for i in items)["data/tweets.js"] == 2
    (found,) = problems(log)["data/tweets.js"]  # one problem: the manifest's count adds nothing to it
    assert "ends early" in found and "the 2 items before the problem were kept" in found
    assert len([i for i in items if i.kind == "like"]) == 3  # the rest of the archive is still read


def test_js_file_without_prefix_is_read_as_plain_json(tmp_path: Path) -> None:
    write(tmp_path, {"data/tweets.js": json.dumps([{"tweet": tweet("5", "no prefix")}])})
    items, log = read(tmp_path)
    assert [i.text for i in items] == ["no prefix"]
    assert not problems(log)


def test_js_file_that_is_not_data_is_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "data/tweets.js": "console.log('this is not an archive file');\n",
            "data/like.js": ytd("like", [{"like": {"tweetId": "9", "fullText": "liked"}}]),
        },
    )
    items, log = read(tmp_path)
    assert [i.kind for i in items] == ["like"]
    assert "not a JSON data file" in problems(log)["data/tweets.js"][0]


def test_bom_and_raw_control_characters_are_tolerated(tmp_path: Path) -> None:
    body = ytd("tweets", [{"tweet": tweet("6", "tab\there")}]).replace("\\t", "\t")
    write(tmp_path, {"data/tweets.js": b"\xef\xbb\xbf" + body.encode("utf-8")})
    items, log = read(tmp_path)
    assert [i.text for i in items] == ["tab here"]
    assert not problems(log)


def test_records_of_the_wrong_shape_are_counted_not_fatal(tmp_path: Path) -> None:
    records = [{"tweet": tweet("7", "good")}, "junk", {"tweet": {"full_text": "no id"}}]
    items, log = read(write(tmp_path, {"data/tweets.js": ytd("tweets", records)}))
    assert [i.item_id for i in items] == ["7"]
    assert "2 records not in the expected shape, skipped" in problems(log)["data/tweets.js"][0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sat Feb 18 19:45:15 +0000 2023", "2023-02-18T19:45:15Z"),
        ("2016-05-03 05:21:50 +0000", "2016-05-03T05:21:50Z"),
        ("2023-09-05T18:02:44.918Z", "2023-09-05T18:02:44Z"),
        ("Sat Feb 18 20:45:15 +0100 2023", "2023-02-18T19:45:15Z"),
        ("yesterday", None),
        (None, None),
    ],
)
def test_x_time_formats(value: str | None, expected: str | None) -> None:
    assert x_time(value) == expected


def test_member_damaged_inside_the_zip_is_reported_not_raised(tmp_path: Path) -> None:
    path = zip_folder(SAMPLES / "twitter", tmp_path / "x.zip")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("data/tweets.js")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 200, start + 260):  # corrupt deflate data in the middle of tweets.js
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    items, log = read(path)
    assert "damaged inside the zip" in problems(log)["data/tweets.js"][0]
    assert len([i for i in items if i.kind == "like"]) == 3  # other files still read
