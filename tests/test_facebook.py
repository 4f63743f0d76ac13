"""The Facebook parser: real fixtures, the three layouts, mojibake, split downloads, HTML and broken files."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES, problems, zip_folder

from audit.cli import app
from audit.pipeline import NothingReadError, ScanOptions, run
from parsers import Item, ReadLog, facebook, open_archive, open_exports

FB = FIXTURES / "facebook"
TARDIGRDE = FB / "tardigrde" / "export"
CHAT_ANALYTICS = FB / "chat-analytics" / "export"
ADDSHORE_2018 = FB / "addshore" / "layout-2018"
ADDSHORE_2021 = FB / "addshore" / "layout-2021"
SYNTHETIC = {layout: FB / f"synthetic-{layout}" for layout in ("2018", "2022", "2024")}
SAMPLE = SAMPLES / "facebook"
ALL_TREES = [TARDIGRDE, CHAT_ANALYTICS, ADDSHORE_2018, ADDSHORE_2021, *SYNTHETIC.values(), SAMPLE]

POSTS_2024 = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
COMMENTS_2024 = "your_facebook_activity/comments_and_reactions/comments.json"


def meta_json(value: object) -> bytes:
    """Serialise like Facebook: ASCII only, each UTF-8 byte of a non-ASCII character as its own \\u00XX."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(c if c.isascii() else "".join(f"\\u{b:04x}" for b in c.encode()) for c in text).encode()


def write_tree(root: Path, files: dict[str, bytes | str | object]) -> Path:
    """Write an export tree: bytes and str as they are, anything else as Facebook-style JSON."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode()
        path.write_bytes(content if isinstance(content, bytes) else meta_json(content))
    return root


def read(paths: Path | list[Path], include_messages: bool = False) -> tuple[list[Item], ReadLog]:
    """Read one export with the Facebook parser; return its items and the log."""
    with open_archive(paths) as archive:
        log = ReadLog(archive.label)
        detection = facebook.detect(archive)
        if detection is None:
            return [], log
        return list(facebook.iter_items(archive, detection, log, include_messages=include_messages)), log


def by_source(items: list[Item]) -> dict[str, Item]:
    return {item.source: item for item in items}


def post(text: str, timestamp: int = 1_600_000_000, **extra: object) -> dict:
    return {
        "timestamp": timestamp,
        "data": [{"post": text}],
        "title": "Alex Example updated his status.",
        **extra,
    }


# --- real fixtures ------------------------------------------------------------------------------------


def test_tardigrde_messenger_threads_give_only_the_owners_messages() -> None:
    items, log = read(TARDIGRDE, include_messages=True)
    messages = [i for i in items if i.kind == "message"]
    per_file = {
        e.file.removeprefix("messages/inbox/"): e.items for e in log.files if e.file.startswith("messages/")
    }
    assert per_file == {
        "benedekelek_s4f65sdg/message_1.json": 2,
        "foobar_n5fd6gG50h/message_1.json": 9,
        "marathon_sffsfid76/message_1.json": 3,
        "teflonmusk_fsd454f/message_1.json": 3,
        "teflonmuskfoobarandjohndoe_sf5d4f56sd_gf/message_1.json": 1,
        "tokehal_sdf7fs9d876/message_1.json": 3,
        "tokehal_sdf7fs9d876/message_2.json": 1,
        "tokehalfoobardonaldduckand2others_safsdf_fdf3/message_1.json": 0,
    }
    assert len(messages) == 22
    texts = {i.text for i in messages}
    assert {"OUT! ❤", "Lorem lorim.. foo bar 😡😡😡", "You named the group marathon.", "older stuff"} <= texts
    assert "zup" not in texts and "Whats up!" not in texts  # other people's words
    sources = [i.source for i in messages if "tokehal_sdf7fs9d876" in i.source]
    assert sources[-1].endswith("message_2.json#1")  # message_2 after message_1
    marathon = [i for i in messages if "marathon" in i.source]
    assert {i.audience for i in marathon} == {"group chat (4 people)"}
    photo = by_source(messages)["messages/inbox/foobar_n5fd6gG50h/message_1.json#2"]
    assert (photo.text, photo.media, photo.created_at) == ("", 1, "2020-04-25T21:42:08Z")
    assert not problems(log)


def test_tardigrde_profile_fields_groups_and_pages_are_repaired() -> None:
    items, log = read(TARDIGRDE)
    assert Counter(i.kind for i in items) == {"profile": 4, "membership": 2 + 23}
    fields = {i.item_id: i for i in items if i.kind == "profile"}
    assert {k: f.text for k, f in fields.items()} == {
        "profile-current_city": "Budapest, Hunagary",
        "profile-hometown": "Budapest",
        "profile-email-0": "mock@mail.com",
        "profile-phone-0": "+36208884455",
    }
    assert fields["profile-current_city"].location == "Budapest, Hunagary"
    assert fields["profile-current_city"].url == "https://www.facebook.com/habakkuk"
    pages = {i.text: i.audience for i in items if i.kind == "membership"}
    assert pages["Geci ronda vegán kaják"] == "profile: Other"
    assert pages["Chase & Status"] == "profile: Music"
    activity = next(t for t in pages if t.startswith("Bírom"))
    assert "mondják" in activity and "utálják" in activity and "Ã" not in activity
    group = by_source(items)["profile_information/profile_information.json#group-0"]
    assert (group.text, group.created_at) == (
        "this IS flavortown. I know exactly where the fuck I am.",
        "2020-02-26T15:50:45Z",
    )
    assert [e.file for e in log.files] == [
        "profile_information/profile_information.json"
    ]  # no messages unasked


def test_chat_analytics_thread_with_bom_infers_the_owner_from_the_title() -> None:
    items, log = read(CHAT_ANALYTICS, include_messages=True)
    assert [(i.text, i.media) for i in items] == [
        ("Whats up!", 0),
        ("you what", 0),
        ("", 1),  # a file
        ("", 1),  # a sticker
        ("", 1),  # a photo
    ]
    assert items[0].created_at == "2014-11-05T00:34:41Z"
    assert {i.audience for i in items} == {"direct message"}
    assert not problems(log)


def test_messages_only_export_read_without_the_flag_says_why_nothing_was_read() -> None:
    with pytest.raises(NothingReadError, match="only Messenger conversations.*--include-messages"):
        run([CHAT_ANALYTICS])


@pytest.mark.parametrize("tree", [ADDSHORE_2018, ADDSHORE_2021], ids=["photos_and_videos", "posts"])
def test_addshore_album_photos_keep_their_exif_coordinates(tree: Path) -> None:
    items, log = read(tree)
    assert [(i.kind, i.location, i.audience, i.created_at) for i in items] == [
        ("media", "29.925027777778,-90.088072222222", "album: Album 2015", "2015-07-21T04:57:37Z"),
        ("media", None, "album: Album 2015", "2015-07-21T04:57:27Z"),
        ("media", "29.925027777778,-90.088072222222", "album: Album 1 JSON", "2015-07-21T04:57:37Z"),
        ("media", None, "album: Album 1 JSON", "2015-07-21T04:57:27Z"),
    ]
    assert all(i.media == 1 and i.text == "" for i in items)
    assert not problems(log)


@pytest.mark.parametrize("tree", ALL_TREES, ids=lambda p: p.relative_to(p.parents[2]).as_posix())
def test_zip_and_folder_give_the_same_items(tree: Path, zipped: Callable[..., Path]) -> None:
    folder_items, _ = read(tree, include_messages=True)
    zip_items, _ = read(zipped(tree, wrapper="facebook-jo-2024-01-31-Ab12Cd34"), include_messages=True)
    assert folder_items and zip_items == folder_items
    assert len({i.item_id for i in folder_items}) == len(folder_items)


# --- the three layouts, written from the spec -----------------------------------------------------


@pytest.mark.parametrize(
    ("tree", "generation"),
    [
        (SYNTHETIC["2018"], "2018"),
        (SYNTHETIC["2022"], "2022"),
        (SYNTHETIC["2024"], "2024"),
        (SAMPLE, "2024"),
        (TARDIGRDE, "2018"),
        (ADDSHORE_2021, "2018"),
    ],
)
def test_detect_names_the_layout(tree: Path, generation: str) -> None:
    with open_archive(tree) as archive:
        detection = facebook.detect(archive)
    assert detection is not None and detection.generation == generation


def test_layout_2018_category_folders() -> None:
    items, log = read(SYNTHETIC["2018"], include_messages=True)
    got = {
        s.split("/", 1)[1] if s.startswith(("posts/", "comments/")) else s: i
        for s, i in by_source(items).items()
    }
    status = got["your_posts_1.json#0"]
    assert (status.kind, status.text, status.created_at) == (
        "post",
        "Zażółć gęślą jaźń — testing my Polish keyboard",
        "2019-06-01T09:30:00Z",
    )
    photo = got["your_posts_1.json#1"]
    assert (photo.kind, photo.text, photo.media, photo.location) == (
        "post",
        "Sunset over the canal",
        1,
        "53.4808,-2.2426",
    )
    assert got["your_posts_1.json#2"].audience == "post on Sam Jones's timeline"
    link = got["your_posts_1.json#3"]
    assert (link.kind, link.text, link.url, link.author) == (
        "share",
        "Worth a read\nCouncil budget cuts explained",
        "https://www.bbc.co.uk/news/example-123",
        "bbc.co.uk",
    )
    checkin = got["your_posts_1.json#4"]
    assert (checkin.kind, checkin.text) == (
        "post",
        "Alex Example was at Café Nero.",
    )  # the title is the only text
    assert checkin.location == "Café Nero, 1 Example Street, London (51.5007,-0.1246)"
    bare_photo = got["your_posts_1.json#5"]
    assert (bare_photo.kind, bare_photo.text, bare_photo.media) == (
        "media",
        "Alex Example added a new photo.",
        1,
    )
    assert got["your_posts_2.json#0"].text == "First post from my new phone 😀"
    assert [(c.text, c.audience) for s, c in got.items() if s.startswith("comments.json")] == [
        ("Congratulations! 🎉", "comment on Sam Jones's post"),
        ("Fixed the link, sorry", "reply to own comment"),
        ("Count me in for Saturday", "group: Northwick Allotments"),
    ]
    likes = [i for i in items if i.kind == "like"]
    assert [(i.author, i.text) for i in likes] == [
        ("Sam Jones", "Alex Example likes Sam Jones's post."),
        ("Northwick Daily", "Alex Example reacted to Northwick Daily's photo."),
    ]
    in_group = [i for i in items if i.source.startswith("groups/your_posts_and_comments_in_groups.json")]
    assert [(i.kind, i.text, i.audience) for i in in_group] == [
        ("post", "Spare courgettes by the shed, help yourselves", "group: Northwick Allotments"),
        ("comment", "Thanks Jamie!", "group: Northwick Allotments"),
    ]
    memberships = [i.text for i in items if i.kind == "membership"]
    assert memberships == [
        "Northwick Allotments",  # profile groups
        "Super Furry Animals",  # profile pages
        "Alex Example became a member of Northwick Allotments.",  # no name but the title
        "Northwick Food Bank",
        "Łódź Jazz Club",
    ]
    albums = [i for i in items if i.source.startswith("photos_and_videos/")]
    assert [(i.source, i.kind, i.text, i.location) for i in albums] == [
        ("photos_and_videos/album/0.json#1", "post", "Allotment haul", None),  # 0,0 means no location
        ("photos_and_videos/your_videos.json#0", "post", "First attempt at a cartwheel", None),
    ]  # album photos 0 and 2 were attached to posts already
    messages = [(i.text, i.media, i.url) for i in items if i.kind == "message"]
    assert messages == [
        ("See you at 7?", 0, None),
        ("", 1, None),
        ("This one?", 0, "https://www.example.org/quiz-night"),
    ]
    profile = {i.item_id: i.text for i in items if i.kind == "profile"}
    assert profile == {
        "profile-current_city": "Manchester, United Kingdom",
        "profile-hometown": "Caernarfon",
        "profile-website-0": "https://alex.example.com/",
        "profile-email-0": "alex.example@example.com",
        "profile-phone-0": "+447700900123",
    }
    assert len(items) == 29 and not problems(log)


def test_layout_2022_kinds_come_from_structure_not_french_titles() -> None:
    items, log = read(SYNTHETIC["2022"], include_messages=True)
    posts = [i for i in items if "/posts/your_posts__" in i.source]
    assert [(i.kind, i.text) for i in posts] == [
        ("post", "Mae'r dŵr yn oer ond mae'r tŷ yn gynnes"),
        ("post", "خوش آمدید"),
        ("share", "这个很有意思"),  # a re-shared post: external_context with an empty url
        ("post", "A commencé un nouveau travail chez Cyngor Caerdydd"),  # a life event
        ("post", "Alex Example voyageait de Aéroport de Cardiff à Aeropuerto de Málaga."),
        ("post", "Going!\nCaerdydd Pride 2022"),
        ("post", "Reading list\n1. Middlemarch\n2. Un Nos Ola Leuad"),  # a note
        ("share", "Ffrindiau'r Parc"),  # a shared group
        ("post", "Llongyfarchiadau! 🎉🏴󠁧󠁢󠁷󠁬󠁳󠁿"),
    ]
    assert posts[1].location == "51.4816,-3.1791" and posts[1].media == 1
    assert posts[2].url is None and posts[2].author is None
    assert (
        posts[4].location == "Aéroport de Cardiff (51.3967,-3.3433); Aeropuerto de Málaga (36.6749,-4.4991)"
    )
    comments = [i for i in items if i.kind == "comment"]
    assert [(i.text, i.media, i.url, i.audience) for i in comments] == [
        ("Félicitations !", 0, None, "Alex Example a commenté la publication de Sam Jones."),
        ("", 1, None, "Alex Example a commenté la photo de Sam Jones."),  # a sticker
        (
            "lol",
            0,
            "https://media.tenor.com/example.gif",
            "Alex Example a répondu au commentaire de Sam Jones.",
        ),
        ("Diolch!", 0, None, "group: Cymdeithas Hanes Lleol"),
    ]
    group_post = next(i for i in items if "group_posts_and_comments" in i.source)
    assert (group_post.kind, group_post.audience, group_post.url) == (
        "share",
        "group",
        "https://example.org/hanes-lleol",
    )
    like = next(i for i in items if i.kind == "like")
    assert (like.text, like.author) == ("Alex Example a réagi à la publication de Sam Jones.", None)
    assert [i.text for i in items if i.kind == "membership"] == [
        "Cymdeithas Hanes Lleol",
        "Ysgol Gymraeg Aberdâr",
        "Amgueddfa Cymru",
    ]
    media = [
        (i.kind, i.text, i.location)
        for i in items
        if i.source.split("/")[2] in ("album", "your_uncategorized_photos.json#0", "your_videos.json#0")
    ]
    assert media == [
        ("media", "", "51.6214,-3.9436"),
        ("post", "Pwll nofio", "51.5,-3.2"),
        ("media", "", None),
    ]
    messages = [(i.text, i.audience) for i in items if i.kind == "message"]
    assert messages == [
        ("Fi!", "group chat (3 people)"),
        ("À demain ?", "direct message"),
        ("Older message", "direct message"),
    ]
    work = next(i for i in items if i.item_id == "profile-work-0")
    assert (work.text, work.created_at) == ("Gweithiwr Cymdeithasol, Cyngor Caerdydd", "2022-09-01T12:00:00Z")
    assert len(items) == 26 and not problems(log)


def test_layout_2024_label_values_and_both_reaction_shapes() -> None:
    items, log = read(SYNTHETIC["2024"])
    got = by_source(items)
    other = "your_facebook_activity/posts/posts_on_other_pages_and_profiles.json"
    assert (got[f"{other}#0"].text, got[f"{other}#0"].audience) == (
        "Lovely to see everyone at the open day",
        "post on Northwick Community Centre's timeline",
    )
    welsh = got[f"{other}#1"]  # labels in another language: every string that is not a link is kept
    assert (welsh.text, welsh.url) == (
        "Diolch am y croeso\nCanolfan Gymunedol",
        "https://www.facebook.com/permalink.php?story_fbid=1",
    )
    assert got[f"{POSTS_2024}#0"].text == "Dw i'n caru Caerdydd ❤️"
    link = got[f"{POSTS_2024}#1"]
    assert (link.kind, link.author, link.audience) == ("share", "example.com", "post on Sam Jones's timeline")
    reshared = got[f"{POSTS_2024}#2"]
    assert (reshared.kind, reshared.author, reshared.text) == (
        "share",
        "Northwick Council",
        "Alex Example shared Northwick Council's post.",
    )
    album_post = got[f"{POSTS_2024}#3"]
    assert (album_post.text, album_post.media, album_post.location) == (
        "New job, new city\nDay one\nDay two",
        2,
        "53.4084,-2.9916",
    )
    reactions = "your_facebook_activity/comments_and_reactions/likes_and_reactions"
    assert (got[f"{reactions}_1.json#0"].author, got[f"{reactions}_1.json#0"].kind) == ("Sam Jones", "like")
    newest = got[f"{reactions}_2.json#0"]
    assert (newest.kind, newest.text, newest.author, newest.url, newest.created_at) == (
        "like",
        "Northwick Community Centre",
        "Northwick Community Centre",
        "https://www.facebook.com/northwickcc/posts/1",
        "2025-01-05T12:00:00Z",
    )
    assert got[f"{COMMENTS_2024}#0"].audience == "reply to Sam Jones's comment"
    assert Counter(i.kind for i in items) == {
        "post": 4,
        "share": 2,
        "comment": 1,
        "like": 2,
        "membership": 2,
        "profile": 2,
    }
    assert not problems(log)


def test_2024_messenger_e2ee_cutover_threads_are_read() -> None:
    items, _ = read(SYNTHETIC["2024"], include_messages=True)
    assert [(i.text, i.created_at) for i in items if i.kind == "message"] == [
        ("Blwyddyn newydd dda!", "2024-01-01T00:01:00Z")
    ]


def test_numbered_parts_are_read_in_numeric_order(tmp_path: Path) -> None:
    posts = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_{}.json"
    thread = "your_facebook_activity/messages/inbox/sam_123/message_{}.json"
    files: dict[str, object] = {posts.format(n): [post(f"part {n}")] for n in (1, 2, 10)}
    files |= {
        thread.format(n): {
            "participants": [{"name": "Sam"}, {"name": "Alex"}],
            "messages": [],
            "title": "Sam",
        }
        for n in (10, 9, 1)
    }
    with open_archive(write_tree(tmp_path / "export", files)) as archive:
        detection = facebook.detect(archive)
    assert detection is not None
    assert detection.files == [posts.format(n) for n in (1, 2, 10)]
    assert detection.message_files == [thread.format(n) for n in (1, 9, 10)]
    items, _ = read(tmp_path / "export")
    assert [i.text for i in items] == ["part 1", "part 2", "part 10"]


def test_other_platforms_and_folders_of_exports_are_not_claimed(tmp_path: Path) -> None:
    instagram = write_tree(
        tmp_path / "instagram",
        {
            "content/posts_1.json": [],
            "messages/inbox/sam_123/message_1.json": {"participants": [], "messages": []},
        },
    )
    for tree in (SAMPLES / "twitter", SAMPLES, instagram):
        with open_archive(tree) as archive:
            assert facebook.detect(archive) is None, tree


# --- several zips of one download, HTML downloads -----------------------------------------------


def test_a_download_split_over_two_zips_reads_as_one(tmp_path: Path) -> None:
    part1 = shutil.copytree(SYNTHETIC["2024"], tmp_path / "part1")
    photo = "your_facebook_activity/posts/media/Timelinephotos_q1w2e3/70001_n.jpg"
    part2 = write_tree(
        tmp_path / "part2",
        {
            photo: b"\xff\xd8\xff\xe0 not really a photo",
            "your_facebook_activity/posts/media/Timelinephotos_q1w2e3/70002_n.jpg": b"\xff\xd8\xff\xe0",
            "your_facebook_activity/posts/album/0.json": {
                "name": "Timeline photos",
                "photos": [
                    {"uri": photo, "creation_timestamp": 1725872400},
                    {
                        "uri": "your_facebook_activity/posts/media/Timelinephotos_q1w2e3/70003_n.jpg",
                        "creation_timestamp": 1725872500,
                    },
                ],
            },
        },
    )
    media_only = write_tree(
        tmp_path / "part3", {"your_facebook_activity/posts/media/other/1.jpg": b"\xff\xd8"}
    )
    zips = [
        zip_folder(folder, tmp_path / f"facebook-alex-2025-02-20-Xy12Zw34-{n}.zip", wrapper="facebook-alex")
        for n, folder in enumerate((part1, part2, media_only), start=1)
    ]
    exports, errors = open_exports(zips)
    assert not errors and len(exports) == 1
    assert exports[0].archive.label.count(" + ") == 2
    for export in exports:
        export.archive.close()
    result = run(zips, ScanOptions(all_items=True))
    by_file = Counter(result.items["source"].str.rsplit("#", n=1).str[0])
    assert by_file["your_facebook_activity/posts/album/0.json"] == 1  # the other photo is in a post
    assert result.totals["items"] == 13 + 1  # the 2024 tree, and one album photo
    assert not [p for s in result.sources for p in s.problems]


def test_a_media_only_part_given_alone_says_to_give_every_part(tmp_path: Path) -> None:
    media_only = write_tree(tmp_path / "part2", {"your_facebook_activity/posts/media/a/1.jpg": b"\xff\xd8"})
    with pytest.raises(
        NothingReadError, match="only\\s+photos and videos\\); give every part of the download"
    ):
        run([media_only])


HTML_TREES = {
    "2024": {
        "start_here.html": "<html></html>",
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html": "<html></html>",
        "personal_information/profile_information/profile_information.html": "<html></html>",
        "your_facebook_activity/posts/media/a/1.jpg": b"\xff\xd8",
    },
    "2018": {
        "index.html": "<html></html>",
        "posts/your_posts_1.html": "<html></html>",
        "messages/inbox/sam_1/message_1.html": "<p>",
    },
}


@pytest.mark.parametrize("layout", HTML_TREES)
def test_an_html_download_is_refused_with_one_line_saying_how_to_get_json(
    layout: str, tmp_path: Path, runner, zipped: Callable[..., Path]
) -> None:
    tree = write_tree(tmp_path / "facebook-html", HTML_TREES[layout])
    for target in (tree, zipped(tree)):
        result = runner.invoke(app, ["scan", str(target), "-o", str(tmp_path / "r.json")])
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "HTML format" in lines[0] and "Format: JSON" in lines[0]
        assert target.name in lines[0]
    assert not (tmp_path / "r.json").exists()


def test_an_html_download_beside_a_readable_export_is_listed_and_the_scan_goes_on(tmp_path: Path) -> None:
    html = write_tree(tmp_path / "exports" / "facebook-html", HTML_TREES["2024"])
    shutil.copytree(SYNTHETIC["2024"], tmp_path / "exports" / "facebook-json")
    result = run([html.parent], ScanOptions())
    assert result.totals["by_platform"] == {"facebook": 13}
    assert any("facebook-html" in p and "HTML format" in p for s in result.sources for p in s.problems)


# --- broken input --------------------------------------------------------------------------------


def test_truncated_posts_keep_the_items_before_the_break_and_other_files_are_read(tmp_path: Path) -> None:
    complete = meta_json([post(f"Post number {n} ✓", 1_600_000_000 + n) for n in range(5)])
    cut = complete[: complete.index(b"Post number 3")]
    comments = {"comments_v2": [{"timestamp": 1, "data": [{"comment": {"comment": "Still here"}}]}]}
    tree = write_tree(tmp_path / "x", {POSTS_2024: cut, COMMENTS_2024: comments})
    items, log = read(tree)
    assert [i.text for i in items] == ["Post number 0 ✓", "Post number 1 ✓", "Post number 2 ✓", "Still here"]
    (entry,) = [e for e in log.files if e.file == POSTS_2024]
    assert entry.items == 3
    assert entry.problems == [
        f"{POSTS_2024}: the file ends early (an incomplete download or a damaged zip?); "
        "the 3 items before the problem were kept"
    ]
    assert "Post number" not in " ".join(problems(log))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"unexpected": {"shape": 1}}, "1 record not in the expected shape, skipped"),
        (
            [post("kept"), 42, "text", post("kept too")],
            "2 records not in the expected shape, skipped",
        ),
        (b"", "the file is empty"),
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", "not a JSON data file"),
    ],
    ids=["dict-not-list", "junk-records", "empty", "web-page"],
)
def test_unreadable_posts_are_listed_and_nothing_else_is_lost(
    tmp_path: Path, content: object, message: str
) -> None:
    comments = {"comments_v2": [{"timestamp": 1_600_000_000, "data": [{"comment": {"comment": "Fine"}}]}]}
    items, log = read(write_tree(tmp_path / "x", {POSTS_2024: content, COMMENTS_2024: comments}))
    assert "Fine" in [i.text for i in items]
    (entry,) = [e for e in log.files if e.file == POSTS_2024]
    assert len(entry.problems) == 1 and message in entry.problems[0] and POSTS_2024 in entry.problems[0]
    assert entry.items == (2 if isinstance(content, list) else 0)


def test_a_wrapper_holding_an_object_instead_of_a_list_is_a_listed_problem(tmp_path: Path) -> None:
    tree = write_tree(
        tmp_path / "x", {COMMENTS_2024: {"comments_v2": {"not": "a list"}}, POSTS_2024: [post("ok")]}
    )
    items, log = read(tree)
    assert [i.text for i in items] == ["ok"]
    assert problems(log) == [f"{COMMENTS_2024}: 1 record not in the expected shape, skipped"]


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    items, log = read(
        write_tree(tmp_path / "x", {POSTS_2024: b"\xef\xbb\xbf" + meta_json([post("Bore da ☀️")])})
    )
    assert [i.text for i in items] == ["Bore da ☀️"] and not problems(log)


def test_missing_files_are_not_problems_and_no_data_placeholders_are_ignored(tmp_path: Path) -> None:
    tree = write_tree(
        tmp_path / "x",
        {COMMENTS_2024: {"comments_v2": []}, "your_facebook_activity/posts/no-data.txt": "No data"},
    )
    items, log = read(tree)
    assert items == [] and not problems(log)
    assert [e.file for e in log.files] == [COMMENTS_2024]


def test_messages_without_a_profile_or_a_clear_owner_are_not_guessed(tmp_path: Path) -> None:
    thread = {
        "participants": [{"name": "Sam"}, {"name": "Alex"}, {"name": "Kim"}],
        "messages": [{"sender_name": "Sam", "timestamp_ms": 1_600_000_000_000, "content": "hi"}],
        "title": "Planning",
    }
    tree = write_tree(tmp_path / "x", {"messages/inbox/planning_1/message_1.json": thread})
    items, log = read(tree, include_messages=True)
    assert items == []
    assert problems(log) == [
        "1 Messenger files were not read: your name could not be found (profile_information.json is missing "
        "and the conversations do not show it), so your own messages cannot be told from other people's"
    ]


# --- encoding -------------------------------------------------------------------------------------

TEXTS = {
    "welsh": "Mae'r dŵr yn oer ond mae'r tŷ'n gynnes",
    "polish": "Zażółć gęślą jaźń, Łódź",
    "urdu": "آج موسم بہت اچھا ہے",
    "chinese": "没有啊，我们明天见",
    "emoji": "Llongyfarchiadau 🎉👍🏽😠 🏴󠁧󠁢󠁷󠁬󠁳󠁿 – “quoted”",
    # Escaped, the last byte of 💅 is U+0085 and of "à" U+00A0: whitespace to str.strip, so a strip
    # before the repair cut them off. Repair comes first.
    "ends-in-nail-polish": "Nails done for the graduation 💅",
    "ends-in-a-grave": "Rendez-vous au café, on se voit là",
}


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_mojibake_is_repaired_in_posts_comments_names_and_titles(tmp_path: Path, text: str) -> None:
    files = {
        POSTS_2024: [post(text), {"timestamp": 1, "data": [], "title": text}],
        COMMENTS_2024: {
            "comments_v2": [{"timestamp": 1, "data": [{"comment": {"comment": text, "group": text}}]}]
        },
        "your_facebook_activity/pages/pages_you've_liked.json": {
            "page_likes_v2": [{"name": text, "timestamp": 1}]
        },
    }
    tree = write_tree(tmp_path / "x", files)
    assert all(b.isascii() for b in (tree / POSTS_2024).read_bytes().decode())
    items, _ = read(tree)
    assert [i.text for i in items] == [text, text, text, text]
    assert items[2].audience == f"group: {text}"


def test_messenger_names_ending_in_a_whitespace_byte_still_match_the_owner(tmp_path: Path) -> None:
    me, friend = "Jo Exampleà", "Sam Friend 💅"
    thread = {
        "participants": [{"name": friend}, {"name": me}],
        "messages": [
            {"sender_name": me, "timestamp_ms": 1_600_000_000_000, "content": "Mine 💅"},
            {"sender_name": friend, "timestamp_ms": 1_600_000_100_000, "content": "Theirs"},
        ],
        "title": friend,
    }
    items, log = read(
        write_tree(tmp_path / "x", {"messages/inbox/sam_1/message_1.json": thread}), include_messages=True
    )
    assert [i.text for i in items] == ["Mine 💅"] and not problems(log)


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped", "raw-utf8"])
def test_text_that_is_already_correct_is_left_alone(tmp_path: Path, ascii_only: bool) -> None:
    texts = ["café in Tŷ Newydd 😀", "naïve résumé", "Ã is a letter too"]
    raw = json.dumps([post(t) for t in texts], ensure_ascii=ascii_only).encode()
    items, _ = read(write_tree(tmp_path / "x", {POSTS_2024: raw}))
    assert [i.text for i in items] == texts


# --- the sample export and the command line ------------------------------------------------------


def test_sample_export_is_written_exactly_as_facebook_encodes_text() -> None:
    files = sorted(SAMPLE.rglob("*.json"))
    assert len(files) >= 10
    for path in files:
        raw = path.read_bytes()
        assert raw.isascii(), path
    posts = (SAMPLE / POSTS_2024).read_text()
    assert "T\\u00c5\\u00b7 Coffi" in posts  # ŷ as its two UTF-8 bytes
    items, log = read(SAMPLE, include_messages=True)
    assert not problems(log)
    checkin = next(i for i in items if i.text == "Jo Example was at Tŷ Coffi.")
    assert checkin.location == "Tŷ Coffi, Stryd Fawr, Conwy (53.2808,-3.8291)"
    assert Counter(i.kind for i in items) == {
        "post": 15,
        "share": 2,
        "comment": 4,
        "like": 2,
        "membership": 4,
        "profile": 3,
        "media": 1,
        "message": 1,
    }


def test_scan_of_the_sample_flags_the_breaches_and_not_the_traps(tmp_path: Path, runner) -> None:
    report = tmp_path / "report.json"
    # the rules' verdicts on the sample (the learned detector is tested in test_model.py)
    result = runner.invoke(app, ["scan", str(SAMPLE), "-o", str(report), "--all", "-q", "--no-model"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(report.read_text())
    assert data["totals"]["by_platform"] == {"facebook": 31}  # the message needs --include-messages
    flagged = {
        i["text"][:25]: set(i["categories"]) for i in data["items"] if i["severity"] not in (None, "info")
    }
    assert flagged == {
        "Long day. Court first thi": {"confidentiality"},  # a court case, a street, a mother
        "Say it louder. Time they ": {"discrimination"},  # a shared "go back where they came from"
        "Third duty shift this wee": {"workplace"},  # "worst team I've ever worked in"
        "Lost a blue scarf at the ": {"personal_info"},  # an email address
        "Absolutely smashed at Lea": {"substances"},
        "": {"location", "confidentiality"},  # a photo with GPS and no text
        "Front door finally painte": {"location"},  # a geotagged photo of home
        "Jo Example was at Tŷ Coff": {"location"},  # a check-in
    }
    assert data["sources"] and all(not s["problems"] for s in data["sources"])


def test_detect_command_lists_the_layout_and_the_message_files(runner) -> None:
    result = runner.invoke(app, ["detect", str(SYNTHETIC["2022"])])
    assert result.exit_code == 0
    assert "platform:   facebook" in result.stdout
    assert "layout:     2022: Facebook download, 2022-2023 (your_activity_across_facebook/)" in result.stdout
    assert "with --include-messages, also 3 message file(s)" in result.stdout
