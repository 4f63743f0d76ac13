"""Times for people: the items' UTC times shown in the computer's own time zone (tzlocal).

Spreadsheets have no time zones, so the workbook and the CSV hold local wall-clock times (what the
person saw when they posted) and say which zone; the JSON report keeps UTC.
"""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, tzinfo

import tzlocal

CSV_FORMAT = "%Y-%m-%d %H:%M:%S"  # a form Excel reads as a date and time whatever its language


def local_zone() -> tzinfo:
    """The computer's time zone (the TZ variable when set), or UTC when it cannot be told."""
    try:
        with warnings.catch_warnings():  # tzlocal warns when TZ and the system disagree: TZ wins
            warnings.simplefilter("ignore")
            return tzlocal.reload_localzone()  # read afresh: TZ may have changed since the last report
    except Exception:  # a broken zone setting must not stop the report
        return UTC


def spoken_date(day: date) -> str:
    """A date as people write it in the UK: "3 March 2026" (a datetime gives its day)."""
    return f"{day.day} {day:%B %Y}"


def zone_name(zone: tzinfo) -> str:
    """A name for ``zone`` to show people, e.g. "Europe/London"."""
    return str(getattr(zone, "key", None) or zone)


def local_time(iso: str | None, zone: tzinfo) -> datetime | None:
    """A naive local datetime from the report's "YYYY-MM-DDTHH:MM:SSZ" (None when missing or bad)."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).replace(tzinfo=None)
