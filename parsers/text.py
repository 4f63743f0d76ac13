"""Time helpers shared by the platform parsers (Meta's mojibake repair is in ``parsers.meta.common``)."""

from __future__ import annotations

import time


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
