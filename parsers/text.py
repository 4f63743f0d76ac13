"""Time helpers shared by the platform parsers (Meta's mojibake repair is in ``parsers.meta.common``)."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime


def iso_from_epoch(seconds: float | int | str | None) -> str | None:
    """Return "YYYY-MM-DDTHH:MM:SSZ" for Unix seconds; None for missing, zero or nonsense values."""
    try:
        value = float(seconds)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not 86400 <= value < 32503680000:  # 1970-01-02 .. year 3000: outside is a placeholder or garbage
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(value))


def iso_from_epoch_ms(milliseconds: float | int | str | None) -> str | None:
    """Return the ISO UTC time for Unix milliseconds (Messenger's ``timestamp_ms``)."""
    try:
        return iso_from_epoch(float(milliseconds) / 1000)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# "2025-01-27T14:28:06.346Z", "…06+00:00", "…06.123456789-07:00", "2023-04-01 10:00:00", "…T10:00Z"
_ISO = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)(:\d\d)?(?:[.,]\d+)?\s*(Z|UTC|[+-]\d\d:?\d\d)?", re.I)


def iso_from_text(value: object) -> str | None:
    """Return the ISO UTC time of an ISO 8601 text in any of its variants; None if it is not one.

    Offsets are converted to UTC; a time without a zone is taken as UTC; fractions (even nanoseconds,
    which ``datetime`` cannot hold) are dropped.
    """
    if not isinstance(value, str):
        return None
    if (
        value[-1:] == "Z"
        and value[10:11] == "T"
        and (len(value) == 20 or (len(value) == 24 and value[19] == "."))
    ):
        return value[:19] + "Z"  # the common "2025-01-27T14:28:06.346Z" (Bluesky), "…:06Z" (Mastodon)
    match = _ISO.fullmatch(value.strip())
    if not match:
        return None
    day, clock, seconds, zone = match.groups()
    zone = "+00:00" if zone is None or zone.upper() in ("Z", "UTC") else zone
    try:
        moment = datetime.fromisoformat(f"{day}T{clock}{seconds or ':00'}{zone}")
    except ValueError:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
