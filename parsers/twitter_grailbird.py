"""X/Twitter's Grailbird "Tweet archive" (2012-2019) and its tweets.csv fallback.

``data/js/tweets/YYYY_MM.js`` holds a month of API-v1.1 tweets, read by ``twitter``'s tweet reader;
``data/js/tweet_index.js`` gives each month's count, ``data/js/user_details.js`` the handle. When the
data/js folder is missing, ``tweets.csv`` at the root is read instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from functools import partial

from .archive import Archive
from .base import load_member, plural, read_member
from .errors import DataFileError
from .models import Detection, Item, ReadLog
from .twitter import (
    _GRAILBIRD_MONTH,
    _RETWEET,
    PLATFORM,
    _check_count,
    _Context,
    _find,
    _resolve,
    _str,
    _tweet_record,
    _url_prefix,
    unescape,
    x_time,
)


def iter_grailbird(archive: Archive, detection: Detection, log: ReadLog) -> Iterator[Item]:
    """Yield every tweet of a Grailbird archive, checking each month's count against tweet_index.js."""
    names = archive.names()
    ctx = _Context()
    details_name = _find(names, "data/js/user_details.js")
    details = load_member(archive, details_name, log) if details_name else None
    if isinstance(details, dict):
        ctx.username = _str(details.get("screen_name"))
        ctx.account_id = _str(details.get("id_str")) or _str(details.get("id"))
    ctx.url_prefix = _url_prefix(ctx.username)
    expected = _grailbird_index(archive, names, log)
    months = [n for n in detection.files if _GRAILBIRD_MONTH.search(n)]
    convert = partial(_tweet_record, ctx=ctx, notes=None)
    for name in months:
        tally = yield from read_member(archive, name, log, convert)
        count = expected.pop(name, None)
        if tally.complete:  # a file cut short is already one problem; its count says nothing more
            _check_count(log, name, tally.records, count)
    missing = sorted((name, count) for name, (count, _) in expected.items() if count)
    if missing:
        first, last = (name.rsplit("/", 1)[-1][:-3] for name in (missing[0][0], missing[-1][0]))
        tweets = sum(count for _, count in missing)
        log.problem(
            "data/js/tweet_index.js",
            f"data/js/tweet_index.js lists {plural(len(missing), 'month')} ({plural(tweets, 'tweet')}, "
            f"{first} to {last}) whose files are not in the archive; download the archive again",
        )
    if not months and "tweets.csv" in names:
        yield from _iter_tweets_csv(archive, log, ctx)


def _grailbird_index(archive: Archive, names: list[str], log: ReadLog) -> dict[str, tuple[int, str]]:
    index_name = _find(names, "data/js/tweet_index.js")
    if not index_name:
        return {}
    months = load_member(archive, index_name, log, "month counts were not checked")
    members = set(names)
    expected = {}
    for month in months if isinstance(months, list) else ():
        file_name, count = _str((month or {}).get("file_name")), (month or {}).get("tweet_count")
        if file_name and isinstance(count, int):
            expected[_resolve(file_name, members)] = (count, "tweet_index.js")
    return expected


def _iter_tweets_csv(archive: Archive, log: ReadLog, ctx: _Context) -> Iterator[Item]:
    """Read Grailbird's tweets.csv, for archives whose data/js folder is missing."""
    name = "tweets.csv"
    yield from read_member(archive, name, log, partial(_csv_row, ctx=ctx), records=_csv_rows(archive, name))


def _csv_rows(archive: Archive, name: str) -> Iterator[dict[str, str]]:
    try:
        with archive.open(name) as raw:
            yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(f"{name}: not a readable CSV file ({type(exc).__name__})") from None


def _csv_row(row: dict[str, str], source: str, ctx: _Context) -> Item | None:
    tweet_id = (row.get("tweet_id") or "").strip()
    if not tweet_id.isdigit():
        return None
    text = row.get("text") or ""
    kind, author = "post", None
    if row.get("retweeted_status_id"):
        match = _RETWEET.match(text)
        kind, author, text = (
            "share",
            match[1] if match else None,
            text[match.end() :] if match else text,
        )
    elif row.get("in_reply_to_status_id"):
        kind = "post" if row.get("in_reply_to_user_id") == ctx.account_id else "reply"
    return Item(
        PLATFORM,
        tweet_id,
        kind,
        x_time(row.get("timestamp")),
        unescape(text),
        author,
        ctx.url_prefix + tweet_id,
        source=source,
    )
