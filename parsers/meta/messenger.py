"""Messenger conversations, as both Facebook and Instagram exports hold them.

A thread is a folder ``messages/<box>/<thread>/`` of ``message_1.json``, ``message_2.json`` …, each
``{"participants": [{"name"}], "messages": [{"sender_name", "timestamp_ms", "content", "photos", …}],
"title"}``. Only the messages the account holder sent are theirs to review, so "me" must be known: from
the profile, else inferred from the threads (a one-to-one thread is titled after the other person).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import ijson

from ..archive import Archive
from ..base import natural_key
from ..errors import DataFileError
from ..jsonstream import JSONBytes
from .common import clean

_ATTACHMENTS = ("photos", "videos", "gifs", "audio_files", "files")


def group_threads(names: Iterable[str]) -> dict[str, list[str]]:
    """Group message files by thread folder, each thread's parts in numeric order."""
    threads: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names, key=natural_key):
        threads[name.rsplit("/", 1)[0]].append(name)
    return dict(threads)


def attachments(record: dict) -> int:
    """The number of files a message sent: photos, videos, GIFs, voice clips, files and a sticker."""
    count = sum(len(v) for v in (record.get(k) for k in _ATTACHMENTS) if isinstance(v, list))
    return count + (1 if isinstance(record.get("sticker"), dict) else 0)


def infer_owner(archive: Archive, threads: dict[str, list[str]]) -> str | None:
    """Find "me" without a profile: a one-to-one thread is titled after the other person.

    Ties are broken by the number of threads a name is in; a tie on both means we cannot tell.
    """
    titled: Counter[str] = Counter()
    present: Counter[str] = Counter()
    for parts in threads.values():
        people, title = thread_people(archive, parts[0], title=True)
        present.update(set(people))
        if len(people) == 2 and title in people:
            titled.update(p for p in people if p != title)
    ranked = sorted(present, key=lambda p: (titled[p], present[p]), reverse=True)
    if not ranked:
        return None
    best = (titled[ranked[0]], present[ranked[0]])
    if len(ranked) > 1 and (titled[ranked[1]], present[ranked[1]]) == best:
        return None
    return ranked[0]


def thread_people(archive: Archive, name: str, *, title: bool) -> tuple[list[str], str | None]:
    """Return a thread file's participant names and, if asked, its title (which comes after the messages).

    Reads no further than needed; a broken file gives what was read before the break.
    """
    people: list[str] = []
    found_title = None
    try:
        with archive.open(name) as raw:
            for prefix, event, value in ijson.parse(JSONBytes(raw, name)):
                if prefix == "participants.item.name" and isinstance(value, str):
                    people.append(clean(value) or "")
                elif prefix == "participants" and event == "end_array" and not title:
                    break
                elif prefix == "title" and isinstance(value, str):
                    found_title = clean(value)
                    break
    except (DataFileError, ijson.JSONError):
        pass  # the problem is reported when the messages are read
    return people, found_title
