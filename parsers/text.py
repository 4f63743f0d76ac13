"""Small text and time helpers shared by the platform parsers."""

from __future__ import annotations

import re
import time

_MOJIBAKE_LEFT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]")


def fix_meta(text: str) -> str:
    """Repair Meta's mojibake: UTF-8 bytes that the export wrote as one ``\\u00XX`` escape each.

    Facebook, Instagram, Threads and Messenger JSON all do this, so "é" arrives as "Ã©". Re-encoding
    as Latin-1 (not CP-1252, which would break bytes 0x80-0x9F) gives the original bytes back. Text that
    is already right is left alone: it either holds a character above U+00FF, or its Latin-1 bytes are
    not valid UTF-8. A second pass runs only when the result still looks like mojibake, for posts that
    were already mangled when written.
    """
    if text.isascii():
        return text
    for _ in range(2):
        try:
            repaired = text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
        if repaired == text or not _MOJIBAKE_LEFT.search(repaired):
            return repaired
        text = repaired
    return text


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
