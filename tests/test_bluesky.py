"""Bluesky: repository exports (repo.car) read from the real CARs of two projects and the sample."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from car_writer import SAMPLE, SAMPLE_DID, car_bytes, encode, repository_blocks, write_repository
from conftest import FIXTURES, SAMPLES, problems
from typer.testing import CliRunner

from audit.cli import app
from parsers import ReadLog, bluesky, open_archive, open_exports
from parsers.models import Item

CARS = FIXTURES / "bluesky"


def read(path: Path) -> tuple[list[Item], ReadLog]:
    with open_archive(path) as archive:
        detection = bluesky.detect(archive)
        assert detection is not None
        log = ReadLog(archive.label)
        return list(bluesky.iter_items(archive, detection, log)), log


def collections(items: list[Item]) -> Counter[str]:
    return Counter(item.source.split("#", 1)[1].split("/", 1)[0] for item in items)


def test_a_modern_repository_is_read_record_for_record() -> None:
    # SOURCES.md: 610 posts, 2,312 likes, 175 reposts in calabro.car (commit version 3), one list and
    # one feed, and ~40 other apps' collections, follows and blocks that are not content.
    items, log = read(CARS / "shrike" / "calabro.car")
    assert not problems(log)
    assert collections(items) == {
        "app.bsky.feed.post": 610,
        "app.bsky.feed.like": 2312,
        "app.bsky.feed.repost": 175,
        "app.bsky.actor.profile": 2,  # display name and description
        "app.bsky.graph.list": 1,
        "app.bsky.feed.generator": 1,
    }
    kinds = Counter(item.kind for item in items if "/app.bsky.feed.post/" in item.item_id)
    assert kinds == {"reply": 361, "post": 215, "share": 32, "media": 2}  # 32 quotes; 2 images alone
    assert {item.kind for item in items if "feed.repost" in item.item_id} == {"share"}
    assert all(item.created_at and item.created_at.endswith("Z") for item in items)
    did = "did:plc:4uz2445cjiw7w4nobfgnu35f"
    posts = [item for item in items if "/app.bsky.feed.post/" in item.item_id]
    assert all(
        item.url == f"https://bsky.app/profile/{did}/post/{item.item_id.rsplit('/', 1)[1]}" for item in posts
    )
    likes = [item for item in items if item.kind == "like"]
    assert all(item.author and item.author.startswith("did:") and item.text == "" for item in likes)
    assert all(item.url and item.url.startswith("https://bsky.app/profile/did:") for item in likes)
    assert sum(item.media for item in posts) > 30


def test_an_old_repository_is_read_from_its_tree_not_its_stray_blocks() -> None:
    # paul_staging (commit version 2) holds 215 blocks no longer in the repository, among them 54 legacy
    # votes; its current tree has 101 posts, 60 likes, 15 reposts, 8 follows and the profile.
    items, log = read(CARS / "indigo" / "paul_staging.repo.car")
    assert not problems(log)
    assert collections(items) == {
        "app.bsky.feed.post": 101,
        "app.bsky.feed.like": 60,
        "app.bsky.feed.repost": 15,
        "app.bsky.actor.profile": 2,
    }
    assert len({item.item_id for item in items}) == len(items)


def test_a_repository_of_follows_only_gives_no_items_and_no_problem() -> None:
    items, log = read(CARS / "indigo" / "greenground.repo.car")
    assert items == [] and not problems(log) and [f.file for f in log.files] == ["greenground.repo.car"]


def test_the_sample_is_mapped_field_by_field() -> None:
    items, log = read(SAMPLES / "bluesky")
    assert not problems(log)
    by_key = {item.source.split("#", 1)[1]: item for item in items}
    assert len(SAMPLE) == 11 and len(items) == 11  # the profile gives two items, the follow none
    assert by_key["app.bsky.feed.post/3kaaaaaaaab2a"].created_at == "2023-10-12T16:42:09Z"  # +01:00
    assert by_key["app.bsky.feed.post/3kaaaaaaaaf2a"].created_at == "2024-03-15T19:02:00Z"  # nanoseconds
    assert by_key["app.bsky.feed.post/3kaaaaaaaag2a"].created_at == "2024-04-02T15:00:00Z"  # -07:00
    reply = by_key["app.bsky.feed.post/3kaaaaaaaae2a"]
    assert reply.kind == "reply" and reply.text.startswith("@sam-example.bsky.social totally")
    photo = by_key["app.bsky.feed.post/3kaaaaaaaaf2a"]
    assert photo.media == 1 and photo.text.endswith("\nOrange sky over fields")  # alt text is read
    quote = by_key["app.bsky.feed.post/3kaaaaaaaag2a"]
    assert quote.kind == "share" and quote.author is None
    assert quote.text == "Worth a read: https://example.org/news/care-funding-explained"  # the facet's link
    repost = by_key["app.bsky.feed.repost/3kaaaaaaaah2a"]
    assert repost.kind == "share" and repost.author == "did:plc:samplenewspage00000000000"
    assert repost.url == "https://bsky.app/profile/did:plc:samplenewspage00000000000/post/3knewsother22"
    assert by_key["app.bsky.feed.post/3kaaaaaaaaa2a"].url == (
        f"https://bsky.app/profile/{SAMPLE_DID}/post/3kaaaaaaaaa2a"
    )
    profile = sorted(item.text for item in items if item.kind == "profile")
    assert profile[0] == "Jo Example" and profile[1].startswith("Social work student")


def test_a_thread_of_ones_own_posts_is_posts_not_replies(tmp_path: Path) -> None:
    own = {"uri": f"at://{SAMPLE_DID}/app.bsky.feed.post/3kaaaaaaaaa2a", "cid": "x"}
    record = {
        "$type": "app.bsky.feed.post",
        "text": "and part two",
        "createdAt": "2024-01-01T10:00:00Z",
        "reply": {"root": own, "parent": own},
    }
    items, _ = read(write_repository(tmp_path / "repo.car", SAMPLE_DID, [("app.bsky.feed.post/3kz", record)]))
    assert [item.kind for item in items] == ["post"]


def test_identical_records_under_two_keys_are_both_read(tmp_path: Path) -> None:
    like = {
        "$type": "app.bsky.feed.like",
        "subject": SAMPLE[9][1]["subject"],
        "createdAt": "2024-01-01T00:00:00Z",
    }
    records = [("app.bsky.feed.like/3kone", like), ("app.bsky.feed.like/3ktwo", dict(like))]
    items, log = read(write_repository(tmp_path / "repo.car", SAMPLE_DID, records))
    assert sorted(item.item_id.rsplit("/", 1)[1] for item in items) == ["3kone", "3ktwo"] and not problems(
        log
    )


@pytest.mark.parametrize("form", ["bare file", "zip", "folder"])
def test_the_car_is_found_alone_in_a_zip_or_in_a_folder(form: str, tmp_path: Path) -> None:
    car = (SAMPLES / "bluesky" / "repo.car").read_bytes()
    if form == "bare file":
        path = tmp_path / "jo-example.bsky.social.20250101120000.car"
        path.write_bytes(car)
    elif form == "zip":
        path = tmp_path / "export.zip"
        with zipfile.ZipFile(path, "w") as zipped:
            zipped.writestr("repo.car", car)
    else:
        path = tmp_path / "downloads" / "bluesky"
        path.mkdir(parents=True)
        (path / "repo.car").write_bytes(car)
        path = path.parent
    exports, errors = open_exports([path])
    assert not errors and [d.platform for e in exports for d in e.detections] == ["bluesky"]
    for export in exports:
        export.archive.close()


def test_blobs_saved_beside_the_car_do_not_hide_it(tmp_path: Path) -> None:
    path = tmp_path / "bluesky.zip"
    with zipfile.ZipFile(path, "w") as zipped:
        zipped.writestr("repo.car", (SAMPLES / "bluesky" / "repo.car").read_bytes())
        zipped.writestr("jo-example.bsky.social_blobs/bafkreigh2akiscaildc", b"\x89PNG fake")
    exports, errors = open_exports([path])
    assert not errors and [d.files for e in exports for d in e.detections] == [["repo.car"]]
    for export in exports:
        export.archive.close()


def test_a_car_beside_other_exports_in_a_folder_is_found(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES / "twitter", tmp_path / "twitter")
    (tmp_path / "jo.car").write_bytes((SAMPLES / "bluesky" / "repo.car").read_bytes())
    exports, errors = open_exports([tmp_path])
    assert not errors
    assert {e.archive.label: e.detections[0].platform for e in exports} == {
        "jo.car": "bluesky",
        "twitter": "twitter",
    }
    for export in exports:
        export.archive.close()


def test_missing_records_are_one_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    root, blocks = repository_blocks(SAMPLE_DID, SAMPLE)
    first_post = encode(SAMPLE[1][1])
    kept = [(cid, body) for cid, body in blocks if body != first_post]
    path = tmp_path / "repo.car"
    path.write_bytes(car_bytes(root, kept))
    items, log = read(path)
    assert len(items) == len(SAMPLE) - 1
    assert problems(log) == [
        "repo.car: 1 records or parts of the record tree are missing from the file; export your data again"
    ]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "the file is empty"),
        (b" \n", "the file is empty"),
        (b"PK\x03\x04 a zip renamed", "not a CAR file"),
        ("ipfs", "not a Bluesky repository"),
        ("cut", "ends in the middle of a block"),
    ],
)
def test_a_file_that_is_not_a_repository_is_one_problem(
    content: bytes | str, says: str, tmp_path: Path
) -> None:
    if content == "ipfs":  # a CAR whose root is an ordinary block, not a signed commit
        body = encode({"hello": "world"})
        root, _ = repository_blocks(SAMPLE_DID, [])
        from car_writer import cid_of

        content = car_bytes(cid_of(body), [(cid_of(body), body)])
    elif content == "cut":
        content = (SAMPLES / "bluesky" / "repo.car").read_bytes()[:-7]
    path = tmp_path / "repo.car"
    path.write_bytes(content)  # type: ignore[arg-type]
    items, log = read(path)
    assert items == []
    (problem,) = problems(log)
    assert problem.startswith("repo.car: ") and says in problem


def test_detect_names_the_platform_and_layout() -> None:
    result = CliRunner().invoke(app, ["detect", str(SAMPLES / "bluesky")])
    assert result.exit_code == 0
    assert "platform:   bluesky" in result.output and "repo-car" in result.output


def test_a_scan_flags_the_sample_and_spares_its_traps(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["scan", str(SAMPLES / "bluesky"), "-o", str(report)])
    assert result.exit_code == 0, result.output
    flagged = {item["source"].split("#")[1] for item in json.loads(report.read_text())["items"]}
    assert "app.bsky.feed.post/3kaaaaaaaab2a" in flagged  # a home visit naming a family and a child
    assert "app.bsky.feed.post/3kaaaaaaaae2a" in flagged  # contempt for service users
    for trap in ("3kaaaaaaaac2a", "3kaaaaaaaad2a", "3kaaaaaaaaf2a"):  # killing it, training, Scunthorpe
        assert f"app.bsky.feed.post/{trap}" not in flagged


def test_the_chat_download_alone_is_refused_with_what_to_download_instead(tmp_path: Path) -> None:
    folder = tmp_path / "bluesky-chat"
    folder.mkdir()
    (folder / "chat.jsonl").write_text('{"text": "hi"}\n')
    exports, errors = open_exports([folder])
    assert not exports
    ((_, error),) = errors
    assert str(error).startswith("bluesky-chat: chat.jsonl is Bluesky's chat download") and "repo.car" in str(
        error
    )


def test_the_file_counts_once_towards_progress_though_it_is_read_twice() -> None:
    with open_archive(SAMPLES / "bluesky") as archive:
        detection = bluesky.detect(archive)
        assert detection is not None
        list(bluesky.iter_items(archive, detection, ReadLog(archive.label)))
        assert archive.bytes_read == archive.size("repo.car")


def test_link_facets_count_utf8_bytes_not_characters(tmp_path: Path) -> None:
    text = "Café ☕ read: nhs.example/guid... and more"
    start = len("Café ☕ read: ".encode())  # 16 bytes for 13 characters
    end = start + len(b"nhs.example/guid...")
    link = {"$type": "app.bsky.richtext.facet#link", "uri": "https://nhs.example/guidance/2024"}
    record = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "createdAt": "2024-05-01T12:00:00Z",
        "facets": [{"index": {"byteStart": start, "byteEnd": end}, "features": [link]}],
    }
    items, _ = read(write_repository(tmp_path / "repo.car", SAMPLE_DID, [("app.bsky.feed.post/3kx", record)]))
    assert [item.text for item in items] == ["Café ☕ read: https://nhs.example/guidance/2024 and more"]
