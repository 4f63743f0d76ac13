"""Facebook's groups and pages, albums and photos, and profile fields: records into items.

Groups joined and pages liked or followed are ``membership`` items (the name is the text); profile fields
(city, hometown, websites, contact details, work) are ``profile`` items. Album photos already attached to a
post are not repeated.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..base import unique
from ..models import Item
from ..text import iso_from_epoch
from .common import archive_paths, clean, exif_point, label_map, synthetic_id
from .facebook_activity import PLATFORM, Context, Role, as_list, record_item


def membership_items(record: dict, source: str, role: Role, ctx: Context) -> Iterator[Item]:
    """A group joined or a page liked or followed: the group or page name is the text."""
    entries = [e for e in as_list(record.get("data")) if isinstance(e, dict)]
    name = (
        clean(record.get("name"))
        or next((clean(e.get("name")) for e in entries if clean(e.get("name"))), None)
        or clean(label_map(record.get("label_values")).get("Name"))
        or clean(record.get("title"))
    )
    if not name:
        return
    url = clean(record.get("url"))
    yield record_item(
        "membership",
        source,
        record.get("timestamp"),
        name,
        url=url if url and url.startswith("http") else None,
    )


def album_items(record: dict, source: str, role: Role, ctx: Context) -> Iterator[Item]:
    """Photos of an album (``{"name", "photos": [...], "cover_photo"}``) not already posted.

    The cover photo is one of the album's photos, so it is not read on its own.
    """
    if "photos" not in record:
        yield from media_items(record, source, role, ctx)
        return
    album = clean(record.get("name"))
    name = source.rsplit("#", 1)[0]
    for index, photo in enumerate(as_list(record.get("photos"))):
        if isinstance(photo, dict):
            item = _photo_item(photo, f"{name}#{index}", f"album: {album}" if album else None, ctx)
            if item is not None:
                yield item


def media_items(record: dict, source: str, role: Role, ctx: Context) -> Iterator[Item]:
    """One photo or video of ``your_uncategorized_photos.json`` or ``your_videos.json``."""
    item = _photo_item(record, source, None, ctx)
    if item is not None:
        yield item


def _photo_item(photo: dict, source: str, audience: str | None, ctx: Context) -> Item | None:
    uri = photo.get("uri")
    if ctx.seen_media is not None and uri in ctx.seen_media:
        return None  # already read as part of the post it was attached to
    caption = clean(photo.get("description")) or ""
    timestamp = photo.get("creation_timestamp")
    return Item(
        PLATFORM,
        synthetic_id(source, timestamp, uri),
        "post" if caption else "media",
        iso_from_epoch(timestamp),
        caption,
        location=exif_point(photo),
        media=1,
        audience=audience,
        media_paths=archive_paths([uri]),
        source=source,
    )


def profile_items(record: dict, source: str, role: Role, ctx: Context) -> Iterator[Item]:
    """Profile fields another person could see, and the groups and pages the old profile lists.

    ``source`` names the field (``profile_information.json#current_city``) rather than a record index.
    """
    profile = record.get("profile_v2") or record.get("profile")
    if not isinstance(profile, dict):
        return
    name = source.rsplit("#", 1)[0]
    names = profile.get("name")
    ctx.owner = clean(names.get("full_name")) if isinstance(names, dict) else None
    url = clean(profile.get("profile_uri"))
    for key, text, timestamp in _profile_fields(profile):
        yield Item(
            PLATFORM,
            f"profile-{key}",
            "profile",
            iso_from_epoch(timestamp),
            text,
            url=url,
            location=text if key in ("current_city", "hometown") else None,
            source=f"{name}#{key}",
        )
    for key, text, timestamp, audience in _profile_memberships(profile):
        yield Item(
            PLATFORM,
            synthetic_id(name, key, text),
            "membership",
            iso_from_epoch(timestamp),
            text,
            audience=audience,
            source=f"{name}#{key}",
        )


def _profile_fields(profile: dict) -> Iterator[tuple[str, str, Any]]:
    """Yield (field key, text, timestamp) for each field of the profile worth a look."""
    for key in ("about_me", "intro_bio", "bio"):
        value = profile.get(key)
        text = clean(value) or (
            clean(value.get("text") or value.get("value")) if isinstance(value, dict) else None
        )
        if text:
            yield key, text, None
    for key in ("current_city", "hometown"):
        value = profile.get(key)
        text = clean(value.get("name")) if isinstance(value, dict) else None
        if text:
            yield key, text, value.get("timestamp")
    for index, site in enumerate(as_list(profile.get("websites"))):
        text = clean(site.get("address") if isinstance(site, dict) else site)
        if text:
            yield f"website-{index}", text, None
    emails = profile.get("emails")
    for index, email in enumerate(as_list(emails.get("emails") if isinstance(emails, dict) else emails)):
        text = clean(email)
        if text:
            yield f"email-{index}", text, None
    for index, phone in enumerate(as_list(profile.get("phone_numbers"))):
        text = clean(phone.get("phone_number") if isinstance(phone, dict) else phone)
        if text:
            yield f"phone-{index}", text, None
    for index, job in enumerate(as_list(profile.get("work_experiences"))):
        if isinstance(job, dict):
            text = ", ".join(unique(clean(job.get(k)) for k in ("title", "employer", "location")))
            if text:
                yield f"work-{index}", text, job.get("start_timestamp")


def _profile_memberships(profile: dict) -> Iterator[tuple[str, str, Any, str | None]]:
    """Yield the groups and the liked pages (by category) that 2018-2020 profiles list."""
    for index, group in enumerate(as_list(profile.get("groups"))):
        text = clean(group.get("name")) if isinstance(group, dict) else None
        if text:
            yield f"group-{index}", text, group.get("timestamp"), None
    for index, category in enumerate(as_list(profile.get("pages"))):
        if not isinstance(category, dict):
            continue
        label = clean(category.get("name"))
        audience = f"profile: {label}" if label else None
        times = as_list(category.get("timestamps"))
        for number, page in enumerate(as_list(category.get("pages"))):
            text = clean(page)
            if text:
                yield f"page-{index}.{number}", text, times[number] if number < len(times) else None, audience
