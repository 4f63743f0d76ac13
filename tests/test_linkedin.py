"""The LinkedIn parser on a real 2025 and a real 2021 archive, the sample export, and its odd encodings."""

from __future__ import annotations

import codecs
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES, problems, read_export

from parsers import Item, ReadLog, detect, open_archive, unrecognised_message
from parsers.linkedin import linkedin_time

LINKEDIN = FIXTURES / "linkedin"


def read(path: Path, include_messages: bool = False) -> tuple[list[Item], ReadLog]:
    """Read a LinkedIn export that should read without a problem."""
    items, log = read_export(path, "linkedin", include_messages)
    assert not problems(log)
    return items, log


def test_the_2025_archive_gives_every_share_and_comment() -> None:
    items, log = read(LINKEDIN / "sanand0")
    counts = {f.file: f.items for f in log.files}
    # 202 rows in Shares.csv; 323 comments (a reader without backslash escapes would split 348 rows).
    assert counts == {"Shares.csv": 202, "Comments.csv": 323}
    assert Counter(i.kind for i in items) == {"post": 188, "share": 14, "comment": 323}
    assert all(i.created_at and i.created_at.endswith("Z") for i in items)
    first = items[0]
    assert first.item_id == "7345821826846990338" and first.created_at == "2025-07-01T14:33:22Z"
    assert first.url == "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7345821826846990338"
    # Every line's extra quotes are gone; the genuine ones in the second post stay.
    assert first.text.startswith("I'm off for a 10-day Vipassana meditation program.\n\n𝗪𝗛𝗔𝗧?")
    assert not any(line.startswith('"') or line.endswith('"') for line in first.text.splitlines())
    assert items[1].text.startswith(
        "If someone asked me, \"What's changed this year in LLMs\", here's my list:\n"
    )
    assert sum(1 for i in items if i.audience == "a LinkedIn group") == 1
    escaped = [i for i in items if i.kind == "comment" and '"' in i.text]
    assert escaped and not any("\\" in i.text for i in escaped)


def test_the_2021_archive_gives_reactions_follows_profile_and_its_own_dates() -> None:
    items, log = read(LINKEDIN / "hudi", include_messages=True)
    counts = {f.file: f.items for f in log.files}
    assert counts == {
        "Profile.csv": 4,
        "Reactions.csv": 3,
        "Votes.csv": 1,
        "Rich Media.csv": 0,  # two pointer rows, no uploads
        "Company Follows.csv": 12,
        "Member_Follows.csv": 1,
        # The one sent message names its sender "Davide" while Profile.csv says "Davide Mock" (the
        # publisher masked names by hand): it is not taken as the account holder's.
        "messages.csv": 0,
        "Invitations.csv": 0,  # the outgoing invitation has no note
    }
    by_id = {i.item_id: i for i in items}
    assert by_id["profile-headline"].text == "Software Developer"
    assert by_id["profile-location"].location == "Torino"
    assert by_id["profile-website"].text == "https://github.com/DavideMock"
    companies = [i for i in items if i.source.startswith("Company Follows.csv")]
    assert companies[0].created_at == "2021-09-28T09:08:27Z"
    assert "AGS S.p.A." in {i.text for i in companies}  # zero-width spaces removed
    assert {i.text for i in items if i.kind == "like"} == {
        "Reacted: Love",
        "Reacted: Like",
        "Voted in a poll: 1",
    }


def test_the_sample_export_reads_every_kind_and_only_the_messages_sent() -> None:
    items, _ = read(SAMPLES / "linkedin", include_messages=True)
    kinds = Counter(i.kind for i in items)
    assert kinds == {
        "profile": 5,
        "post": 4,
        "share": 1,
        "comment": 3,
        "like": 2,
        "media": 2,
        "membership": 3,
        "message": 2,
    }
    messages = [i for i in items if i.kind == "message"]
    assert {m.audience for m in messages} == {"direct message", "invitation to connect"}
    assert not any("lips are sealed" in m.text for m in messages)
    uploads = [i for i in items if i.kind == "media"]
    assert [u.created_at for u in uploads] == ["2024-06-20T09:11:00Z", "2025-03-14T17:02:00Z"]
    assert not [i for i in read(SAMPLES / "linkedin")[0] if i.kind == "message"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-07-01 14:33:22", "2025-07-01T14:33:22Z"),
        ("2021-11-17 18:14:58 UTC", "2021-11-17T18:14:58Z"),
        ("2017/06/08 08:15:44 UTC", "2017-06-08T08:15:44Z"),
        ("Tue Sep 28 09:08:27 UTC 2021", "2021-09-28T09:08:27Z"),
        ("11/16/21, 9:40 AM", "2021-11-16T09:40:00Z"),
        ("8/4/21, 5:49 PM", "2021-08-04T17:49:00Z"),
        ("17 Nov 2021", "2021-11-17T00:00:00Z"),
        ("", None),
        ("yesterday", None),
    ],
)
def test_every_date_format_becomes_utc_iso(value: str, expected: str | None) -> None:
    assert linkedin_time(value) == expected


def write_2018(folder: Path) -> Path:
    """A 2018 archive: UTF-16LE tab-separated Shares.csv, Messages.csv with Direction, an article."""
    folder.mkdir()
    rows = [
        [
            "Date",
            "Share Title",
            "Share Description",
            "Share Link",
            "Share Commentary",
            "Shared URL",
            "Media URL",
            "Type",
            "Visibility",
        ],
        [
            "2017/06/08 08:15:44 UTC",
            "",
            "",
            "https://www.linkedin.com/feed/update/urn:li:activity:6278000000000000001",
            "Line one\nline two, with a comma",
            "",
            "",
            "Homepage",
            "Public",
        ],
        [
            "2016/01/02 10:00:00 UTC",
            "Council news",
            "A link",
            "https://www.linkedin.com/feed/update/urn:li:activity:6087000000000000002",
            "",
            "https://www.example.org/",
            "",
            "Homepage",
            "Connections",
        ],
    ]
    text = "\r\n".join("\t".join('"' + v.replace('"', '""') + '"' for v in row) for row in rows) + "\r\n"
    (folder / "Shares.csv").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (folder / "Messages.csv").write_text(
        "From,To,Date,Subject,Content,Direction,Folder\n"
        'Jo Example,Sam Invented,"10/16/18, 8:36 AM",Hello,"It&rsquo;s me&nbsp;again",OUTGOING,INBOX\n'
        'Sam Invented,Jo Example,"10/16/18, 9:00 AM",Re: Hello,Hi,INCOMING,INBOX\n',
        encoding="utf-8",
    )
    (folder / "Articles").mkdir()
    (folder / "Articles" / "2018-03-01 10:00:00.html").write_text(
        '<html><head><title>x</title></head><body><h1><a href="https://www.linkedin.com/pulse/edit/1">My '
        'first article</a></h1><p class="created">Created on 2018-03-01 10:00</p><p class="published">'
        "Not published yet</p><div><p>Working with families &amp; carers.</p><p>Second paragraph.</p></div>"
        "</body></html>",
        encoding="utf-8",
    )
    return folder


def test_the_2018_generation_utf16_tabs_messages_with_direction_and_an_article(tmp_path: Path) -> None:
    items, log = read(write_2018(tmp_path / "Complete_LinkedInDataExport_11-04-2018"), include_messages=True)
    with open_archive(tmp_path / "Complete_LinkedInDataExport_11-04-2018") as archive:
        assert detect(archive)[0].generation == "csv-2018"
    post, share, article, message = items
    assert (post.kind, post.text, post.created_at, post.audience) == (
        "post",
        "Line one\nline two, with a comma",
        "2017-06-08T08:15:44Z",
        "public",
    )
    assert share.kind == "share" and share.text == "Council news A link https://www.example.org/"
    assert article.text == "My first article\nWorking with families & carers.\nSecond paragraph."
    assert (
        article.url == "https://www.linkedin.com/pulse/edit/1"
        and article.created_at == "2018-03-01T10:00:00Z"
    )
    assert (message.text, message.created_at) == ("Hello\nIt’s me again", "2018-10-16T08:36:00Z")


def test_the_quick_basic_archive_is_refused_saying_what_to_request(tmp_path: Path) -> None:
    basic = tmp_path / "Basic_LinkedInDataExport_05-12-2026"
    basic.mkdir()
    (basic / "Profile.csv").write_text(
        (LINKEDIN / "hudi" / "Profile.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (basic / "Connections.csv").write_text(
        (LINKEDIN / "hudi" / "Connections.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with open_archive(basic) as archive:
        assert detect(archive) == []
        message = unrecognised_message(archive)
    assert "no posts" in message and "Download larger data archive" in message


def test_a_bom_a_suffixed_name_and_a_notes_preamble_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Comments_10893976.csv").write_bytes(
        codecs.BOM_UTF8
        + b'Date,Link,Message\n2026-01-02 03:04:05,https://www.linkedin.com/feed/update/x,"Two\nlines"\n'
    )
    (folder / "Member_Follows.csv").write_text(
        'Notes:\n"Some people may be missing."\n\nDate,Status,FullName\n'
        "2026-01-01 00:00:00,Active,Alex Madeup\n"
        "2026-01-01 00:00:00,Inactive,Chris Nobody\n",
        encoding="utf-8",
    )
    items, _ = read(folder)
    assert [(i.kind, i.text) for i in items] == [("comment", "Two\nlines"), ("membership", "Alex Madeup")]


def test_a_row_split_by_a_stray_quote_is_skipped_and_reported(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Reactions.csv").write_text(
        "Date,Type,Link\n2021-01-01 00:00:00,LIKE,https://x\n2021-01-02 00:00:00,LIKE,https://y,extra\n",
        encoding="utf-8",
    )
    items, log = read_export(folder, "linkedin")
    assert len(items) == 1
    assert log.files[0].problems == ["Reactions.csv: 1 record not in the expected shape, skipped"]


def test_a_file_saved_as_windows_1252_is_read_from_where_utf8_failed(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    rows = [
        f"2024-01-{day:02d} 10:00:00,https://www.linkedin.com/feed/update/x{day},Plain comment {day}\n"
        for day in range(1, 20)
    ]
    rows.append("2024-01-20 10:00:00,https://www.linkedin.com/feed/update/y,Café at the Tŷ\n")
    content = "Date,Link,Message\n" + "".join(rows)
    (folder / "Comments.csv").write_bytes(content.replace("Tŷ", "Ty").encode("cp1252"))
    items, _ = read(folder)
    assert len(items) == 20 and items[-1].text == "Café at the Ty"
    assert [i.text for i in items[:2]] == ["Plain comment 1", "Plain comment 2"]


def test_instant_reposts_and_hashtag_follows_of_newer_archives(tmp_path: Path) -> None:
    folder = tmp_path / "Complete_LinkedInDataExport_05-12-2026"
    folder.mkdir()
    (folder / "InstantReposts_10893976.csv").write_text(
        "Date,Link\n2026-04-01 09:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7440000000000000001\n",
        encoding="utf-8",
    )
    (folder / "Hashtag_Follows_10893976.csv").write_text(
        "HashTag,CreatedTime,LastModifiedTime,State\n"
        "socialwork,2025-01-02 03:04:05,2025-01-02 03:04:05,FOLLOW\n"
        "oldtopic,2024-01-01 00:00:00,2024-06-01 00:00:00,UNFOLLOW\n",
        encoding="utf-8",
    )
    items, _ = read(folder)
    assert [(i.kind, i.item_id, i.text) for i in items[:1]] == [("share", "7440000000000000001", "")]
    assert [(i.kind, i.text, i.created_at) for i in items[1:]] == [
        ("membership", "#socialwork", "2025-01-02T03:04:05Z")
    ]
