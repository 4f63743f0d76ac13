"""Write Mastodon account archives in the server's layout: for the sample export, tests and benchmarks.

The shapes follow Mastodon's backup writer as the real archive in tests/fixtures/mastodon/leask shows
them: ActivityPub JSON on one line, ``Create``/``Note`` and ``Announce`` activities, collections of
status URIs, a ``Person`` with ``PropertyValue`` fields.

    python tests/mastodon_writer.py     # rewrite sample_exports/mastodon/ from the SAMPLE below
"""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SERVER = "https://care.example"
ACTOR = f"{SERVER}/users/jo_example"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
FOLLOWERS = f"{ACTOR}/followers"
CONTEXT = ["https://www.w3.org/ns/activitystreams", {"sensitive": "as:sensitive"}]


def note(
    status_id: int,
    when: str,
    html: str,
    *,
    visibility: str = "public",
    warning: str | None = None,
    reply_to: str | None = None,
    mentions: Iterable[str] = (),
    media: Iterable[str | None] = (),
    poll: Iterable[str] = (),
) -> dict:
    """A ``Create`` activity of one status, addressed as ``visibility`` says."""
    mentions = list(mentions)
    to, cc = {
        "public": ([PUBLIC], [FOLLOWERS, *mentions]),
        "unlisted": ([FOLLOWERS], [PUBLIC, *mentions]),
        "followers": ([FOLLOWERS], mentions),
        "direct": (mentions, []),
    }[visibility]
    uri = f"{ACTOR}/statuses/{status_id}"
    obj: dict[str, Any] = {
        "id": uri,
        "type": "Question" if poll else "Note",
        "summary": warning,
        "inReplyTo": reply_to,
        "published": when,
        "url": f"{SERVER}/@jo_example/{status_id}",
        "attributedTo": ACTOR,
        "to": to,
        "cc": cc,
        "sensitive": warning is not None,
        "content": html,
        "contentMap": {"en": html},
        "attachment": [
            {
                "type": "Document",
                "mediaType": "image/png",
                "url": f"/system/media_attachments/files/000/000/{status_id % 1000:03d}/original/{n}.png",
                "name": alt,
                "blurhash": "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
                "width": 640,
                "height": 480,
            }
            for n, alt in enumerate(media)
        ],
        "tag": [{"type": "Mention", "href": m, "name": "@" + m.rsplit("/", 1)[1]} for m in mentions],
    }
    if poll:
        obj["oneOf"] = [
            {"type": "Note", "name": choice, "replies": {"type": "Collection", "totalItems": 0}}
            for choice in poll
        ]
    return {
        "id": f"{uri}/activity",
        "type": "Create",
        "actor": ACTOR,
        "published": when,
        "to": to,
        "cc": cc,
        "object": obj,
    }


def announce(status_id: int, when: str, boosted: str) -> dict:
    """An ``Announce`` (boost) of the status at ``boosted``."""
    return {
        "id": f"{ACTOR}/statuses/{status_id}/activity",
        "type": "Announce",
        "actor": ACTOR,
        "published": when,
        "to": [PUBLIC],
        "cc": [boosted.split("/statuses/")[0], FOLLOWERS],
        "object": boosted,
    }


def actor(name: str, bio_html: str, fields: Iterable[tuple[str, str]]) -> dict:
    """The ``Person`` of actor.json, with its profile fields."""
    return {
        "@context": CONTEXT,
        "id": ACTOR,
        "type": "Person",
        "outbox": "outbox.json",
        "preferredUsername": "jo_example",
        "name": name,
        "summary": bio_html,
        "url": f"{SERVER}/@jo_example",
        "published": "2022-11-07T00:00:00Z",
        "attachment": [{"type": "PropertyValue", "name": k, "value": v} for k, v in fields],
        "icon": {"type": "Image", "mediaType": "image/png", "url": "avatar.png"},
        "likes": "likes.json",
        "bookmarks": "bookmarks.json",
    }


def collection(collection_id: str, items: list, total: bool = False) -> dict:
    """An ``OrderedCollection`` (``totalItems`` as the tar.gz era wrote it for likes and bookmarks)."""
    body: dict[str, Any] = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": collection_id,
        "type": "OrderedCollection",
    }
    if total:
        body["totalItems"] = len(items)
    body["orderedItems"] = items
    return body


def members(activities: list[dict], person: dict, likes: list[str], bookmarks: list[str]) -> dict[str, bytes]:
    """The archive's JSON members, each on one line as the server writes them."""
    outbox = collection("outbox.json", activities)
    outbox["totalItems"] = len(activities) + 250  # the account's status count, not the file's
    return {
        name: json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        for name, value in (
            ("outbox.json", outbox),
            ("actor.json", person),
            ("likes.json", collection("likes.json", likes)),
            ("bookmarks.json", collection("bookmarks.json", bookmarks)),
        )
    }


def write_tar_gz(path: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` as a gzip-compressed tar, as Mastodon's tar.gz archives are."""
    with tarfile.open(path, "w:gz") as tar:
        for member, data in files.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


# --- the sample export: Jo Example, the invented social worker of every sample ------------------------

SAM = "https://social.example/users/sam_example"
SAMPLE_ACTIVITIES = [
    note(
        110000000000000001,
        "2022-11-08T19:04:12Z",
        "<p>Hello Mastodon! Portfolio submitted, placement starts Monday 🎉</p>",
    ),
    note(
        110000000000000002,
        "2022-12-02T22:41:03Z",
        "<p>Our team manager is a useless cow and everyone knows it</p>",
        warning="work rant",
    ),
    note(
        110000000000000003,
        "2023-01-14T18:20:45Z",
        '<p><span class="h-card"><a href="https://social.example/@sam_example" class="u-url mention">'
        "@<span>sam_example</span></a></span> ha yes, the Pike family on Alder Street again, their 15yo "
        "was excluded this week</p>",
        reply_to=f"{SAM}/statuses/98765",
        mentions=[SAM],
    ),
    note(
        110000000000000004,
        "2023-01-14T18:25:00Z",
        "<p>(and yes I have done my safeguarding training refresher this month)</p>",
        reply_to=f"{ACTOR}/statuses/110000000000000003",
    ),
    note(
        110000000000000005,
        "2023-02-25T23:58:31Z",
        "<p>Absolutely wasted, sixth round of shots 🥃🥃</p>",
        visibility="followers",
        media=["Me and the girls at the bar"],
    ),
    note(
        110000000000000006,
        "2023-03-18T20:02:00Z",
        "<p>Cocktail-making class for Mum&#39;s birthday at the Dick Turpin, killing it 🍸</p>",
        visibility="unlisted",
    ),
    announce(110000000000000007, "2023-04-01T09:00:00Z", f"{SAM}/statuses/99001"),
    note(
        110000000000000008,
        "2023-04-19T12:30:00Z",
        "<p>Best biscuit for supervision?</p>",
        poll=["Hobnob", "Custard cream", "Bourbon"],
    ),
    note(110000000000000009, "2023-05-06T14:00:00Z", "", media=[None]),
    note(
        110000000000000010,
        "2023-05-09T20:15:00Z",
        '<p><span class="h-card"><a href="https://social.example/@sam_example" class="u-url mention">'
        "@<span>sam_example</span></a></span> can you text me on 07700 900461 about Friday</p>",
        visibility="direct",
        mentions=[SAM],
    ),
    note(
        110000000000000011,
        "2023-06-10T08:00:00Z",
        "<p>Good read on the new guidance: <a href="
        '"https://example.org/social-work/new-guidance-2023" rel="nofollow noopener" target="_blank">'
        '<span class="invisible">https://</span><span class="ellipsis">example.org/social-work/new-'
        '</span><span class="invisible">guidance-2023</span></a></p>',
    ),
]
SAMPLE_ACTOR = actor(
    "Jo Example",
    "<p>Social worker in Northwick. Tea, fells, terrible puns.<br>Views my own.</p>",
    [
        ("Pronouns", "she/her"),
        ("Email", "jo.example@example.com"),
        (
            "Website",
            '<a href="https://jo.example.com" rel="me"><span class="invisible">https://</span>'
            '<span class="">jo.example.com</span></a>',
        ),
    ],
)
SAMPLE_LIKES = [f"{SAM}/statuses/99002", "https://other.example/objects/5f1c7a52-0d0e-4a57-9d3f-2b2f1f0e9e11"]
SAMPLE_BOOKMARKS = [f"{SAM}/statuses/99003"]


def sample_members() -> dict[str, bytes]:
    """The sample archive's JSON members."""
    return members(SAMPLE_ACTIVITIES, SAMPLE_ACTOR, SAMPLE_LIKES, SAMPLE_BOOKMARKS)


if __name__ == "__main__":
    folder = ROOT / "sample_exports" / "mastodon"
    folder.mkdir(exist_ok=True)
    for member, data in sample_members().items():
        (folder / member).write_bytes(data)
    print(f"wrote {folder.relative_to(ROOT)}/")
