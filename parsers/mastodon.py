"""Mastodon: the account archive of Preferences > Import and export > Data export (export-formats-more §4).

The archive is ``archive-<YYYYMMDDHHMMSS>-<hex>.tar.gz`` (from 2018) or ``.zip`` (later servers), read
without extracting either. Its members are ActivityPub JSON at the top level:

* ``outbox.json``: an ``OrderedCollection`` whose ``orderedItems`` are the account's activities (one
  line, megabytes long: streamed). ``Create`` wraps a ``Note`` (a poll is a ``Question``) with HTML
  ``content``, a content warning in ``summary``, ``inReplyTo``, ``attachment`` (alt text in ``name``)
  and the addressing that gives its visibility: ``#Public`` in ``to`` is public, in ``cc`` unlisted, the
  followers collection alone followers-only, mentioned people alone a direct message. ``Announce`` is a
  boost whose ``object`` is only the boosted status's URI. ``totalItems`` counts the account's statuses,
  not the items in the file.
* ``likes.json``, ``bookmarks.json``: collections of status URIs only (no dates, no text).
* ``actor.json``: the ``Person``: display ``name``, HTML bio in ``summary``, profile fields as
  ``PropertyValue`` attachments (HTML values), the profile ``url``.

Other ActivityPub servers that write the same files (Pleroma, Akkoma) are read the same way. Direct
messages are read only when asked for; the outbox holds only the account's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Any

from .archive import Archive
from .base import load_member, read_member
from .html_text import html_to_text
from .jsonstream import iter_json
from .models import Detection, Item, ReadLog
from .text import iso_from_text

name = "mastodon"  # the Platform contract (parsers.base)
label = "Mastodon"
# (task, steps) for the How to delete sheet: our own summary of the web interface as it was in 2025.
deletion_steps: tuple[tuple[str, str], ...] = (
    (
        "Delete or edit a post",
        "On the post, select ⋯ and choose Delete (or Edit, on servers from version 4.0). Your server "
        "asks the servers your followers are on to delete their copies too, but cannot make sure they do.",
    ),
    (
        "Delete old posts automatically",
        "Preferences > Automated post deletion: choose an age (e.g. 1 year) and which posts to keep "
        "(pinned, with media, with many boosts).",
    ),
    (
        "Undo a boost, favourite or bookmark",
        "Select the boost, star or bookmark button on the post again.",
    ),
    (
        "Edit your profile",
        "Preferences > Public profile: display name, bio and the extra fields (website, pronouns, "
        "contact details) are changed there.",
    ),
)

_FILES = ("outbox.json", "actor.json", "likes.json", "bookmarks.json")  # in the tar.gz's own order
# The CSV downloads on the same page (follows, lists, mutes, blocks, bookmarks): no posts in them.
_CSV_LISTS = {
    "following_accounts.csv",
    "lists.csv",
    "muted_accounts.csv",
    "blocked_accounts.csv",
    "blocked_domains.csv",
    "bookmarks.csv",
}
_PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
_NOTE_TYPES = {"Note", "Question", "Article", "Page"}
_ACCOUNT = re.compile(r"^https?://([^/]+)/(?:users/|@)([^/@]+)")  # …/users/jo/statuses/1, …/@jo/1


def detect(archive: Archive) -> Detection | None:
    """Recognise a Mastodon archive: ``outbox.json`` and ``actor.json`` at the top level."""
    names = set(archive.names())
    if not {"outbox.json", "actor.json"} <= names:
        return None
    container = archive.paths[0].name.lower() if len(archive.paths) == 1 else ""
    if container.endswith((".tar.gz", ".tgz", ".tar")):
        generation, shape = "tar.gz", "archive-….tar.gz, 2018 on"
    elif container.endswith(".zip"):
        generation, shape = "zip", "archive-….zip, later servers"
    else:
        generation, shape = "folder", "unpacked"
    files = [member for member in _FILES if member in names]
    return Detection(name, generation, f"Mastodon account archive ({shape}): outbox.json, actor.json", files)


def refusal(archive: Archive) -> str | None:
    """Explain a Mastodon download that holds no posts: the CSV lists, or an outbox without its archive."""
    names = set(archive.names())
    if "outbox.json" in names and "actor.json" not in names:
        return (
            f"{archive.label}: outbox.json without actor.json is only part of a Mastodon archive; give the "
            "whole archive-….tar.gz or .zip your server made"
        )
    if names & _CSV_LISTS and all(member.lower().endswith(".csv") and "/" not in member for member in names):
        return (
            f"{archive.label}: these are Mastodon's CSV lists (follows, blocks, mutes, bookmarks), which "
            "hold none of your posts; on your server choose Preferences > Import and export > Data export > "
            "Request your archive, and give the archive-….tar.gz or .zip it makes"
        )
    return None


def iter_items(
    archive: Archive, detection: Detection, log: ReadLog, *, include_messages: bool = False
) -> Iterator[Item]:
    """Yield every post, reply, boost, favourite, bookmark and profile field (and, if asked, direct
    messages)."""
    for member in detection.files:
        if member == "actor.json":
            yield from _profile(archive, member, log)
            continue
        if member == "outbox.json":
            convert = partial(_activity, include_messages=include_messages)
        else:
            convert = partial(_saved, kind_of=member.removesuffix(".json").rstrip("s"))
        records = iter_json(archive, member, "orderedItems.item")
        yield from read_member(archive, member, log, convert, records=records)


# --- outbox -----------------------------------------------------------------------------------------


def _activity(activity: dict, source: str, include_messages: bool) -> Item | list[Item] | None:
    kind_of = activity["type"]
    if kind_of == "Announce":
        boosted = activity["object"]
        uri = boosted.get("id") if isinstance(boosted, dict) else boosted
        return Item(
            name,
            activity["id"],
            "share",
            iso_from_text(activity.get("published")),
            "",
            author_of(uri),
            uri,
            audience=_audience(activity),
            source=source,
        )
    if kind_of != "Create":
        return []  # e.g. a stray Delete or Update: nothing the account wrote is lost by skipping it
    note = activity["object"]
    if note["type"] not in _NOTE_TYPES:
        return None
    audience = _audience(note)
    if audience == "direct" and not include_messages:
        return []
    text = html_to_text(note.get("content"))
    options = note.get("oneOf") or note.get("anyOf") or ()  # a poll's choices
    alts = [medium.get("name") for medium in note.get("attachment") or () if isinstance(medium, dict)]
    text = "\n".join(filter(None, (text, *(o.get("name") for o in options), *alts)))
    warning = note.get("summary")
    if warning:
        text = f"{html_to_text(warning)}\n\n{text}" if text else html_to_text(warning)
    media = len(note.get("attachment") or ())
    kind = "post"
    if audience == "direct":
        kind = "message"
    elif note.get("inReplyTo"):
        reply_to = note["inReplyTo"]
        reply_to = reply_to.get("id") if isinstance(reply_to, dict) else reply_to
        own = str(activity.get("actor") or note.get("attributedTo") or "")
        kind = "post" if own and str(reply_to).startswith(own + "/") else "reply"  # own thread: posts
    elif not text and media:
        kind = "media"
    return Item(
        name,
        note["id"],
        kind,
        iso_from_text(note.get("published") or activity.get("published")),
        text,
        url=note.get("url") if isinstance(note.get("url"), str) else note["id"],
        media=media,
        audience=audience,
        source=source,
        media_paths=_media_paths(note.get("attachment")),
    )


def _media_paths(attachments: Any) -> tuple[str, ...]:
    """Attachment files as archive members: the url ``/system/media_attachments/…`` is stored as
    ``media_attachments/…``; full web addresses (media kept on another server) are left out."""
    paths = []
    for medium in attachments if isinstance(attachments, list) else ():
        url = medium.get("url") if isinstance(medium, dict) else None
        if isinstance(url, str) and url.startswith("/"):
            paths.append(url.removeprefix("/system/").lstrip("/"))
    return tuple(paths)


def _audience(addressed: dict) -> str | None:
    """Visibility from ActivityPub addressing: public, unlisted, followers or direct; None if not given."""
    to, cc = _addresses(addressed.get("to")), _addresses(addressed.get("cc"))
    if not to and not cc:
        return None  # no addressing at all: not evidence of a private message
    if to & _PUBLIC:
        return "public"
    if cc & _PUBLIC:
        return "unlisted"
    if any(address.endswith("/followers") for address in to):
        return "followers"
    return "direct"


def _addresses(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    return {address for address in value or () if isinstance(address, str)}


# --- likes, bookmarks, profile ----------------------------------------------------------------------


def _saved(uri: Any, source: str, kind_of: str) -> Item | None:
    """A favourite (``like``) or a bookmark: only the status URI is kept, so no date and no text."""
    if not isinstance(uri, str) or not uri:
        return None
    audience = "private (bookmark)" if kind_of == "bookmark" else None
    return Item(
        name, f"{kind_of}:{uri}", "like", None, "", author_of(uri), uri, audience=audience, source=source
    )


def _profile(archive: Archive, member: str, log: ReadLog) -> Iterator[Item]:
    actor = load_member(archive, member, log, "the profile was not read")
    if actor is None:
        return
    if not isinstance(actor, dict):
        log.problem(member, f"{member}: not the account's profile (an object was expected); it was not read")
        return
    url = actor.get("url") if isinstance(actor.get("url"), str) else actor.get("id")
    fields: list[tuple[str, Any, str]] = [
        ("name", actor.get("name"), ""),
        ("summary", actor.get("summary"), ""),
    ]
    for index, field in enumerate(actor.get("attachment") or ()):
        if isinstance(field, dict) and field.get("type") == "PropertyValue":  # "Website", "Pronouns", …
            fields.append((f"field-{index}", field.get("value"), html_to_text(field.get("name"))))
    items = []
    for key, value, heading in fields:
        text = html_to_text(value) if isinstance(value, str) else ""
        if text:
            text = f"{heading}: {text}" if heading else text
            items.append(
                Item(name, f"profile-{key}", "profile", None, text, url=url, source=f"{member}#{key}")
            )
    log.file(member).items += len(items)
    yield from items


def author_of(uri: Any) -> str | None:
    """Return ``@name@server`` for a Mastodon-style status URI; None when the URI does not say."""
    match = _ACCOUNT.match(uri) if isinstance(uri, str) else None
    return f"@{match[2]}@{match[1]}" if match else None
