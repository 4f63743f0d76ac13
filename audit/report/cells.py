"""Make untrusted text safe to put in a spreadsheet cell or a CSV field.

Posts are written by anyone, so a report must never turn one into a formula (``=HYPERLINK(…)``),
break the file with characters XML forbids, or lose text silently to Excel's cell limit.
"""

from __future__ import annotations

import math
import numbers
import re
from datetime import UTC, datetime

import pandas as pd

# C0 controls other than tab/newline/CR, lone surrogates and the two non-characters: all illegal in XML.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"  # shown as �, so the user sees that something was there
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32_767  # Excel's maximum characters in one cell
EXACT_DIGITS = 15  # Excel keeps 15 significant digits: longer whole numbers are written as text
FIRST_YEAR = 1900  # Excel shows no date before 1900
TRUNCATED = " […cut: a cell holds at most 32,767 characters; a .json report keeps the whole text]"


def clean(text: str) -> str:
    """Replace the characters an XML file (so an .xlsx) cannot hold with a visible marker."""
    return _ILLEGAL.sub(REPLACEMENT, text)


def cell_text(text: str) -> str:
    """Text for an .xlsx cell: cleaned, line ends made LF, and cut to Excel's limit with a marker."""
    # XML turns a raw CR into LF when the file is read, so write what every reader will see.
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - len(TRUNCATED)] + TRUNCATED
    return text


def cell_value(value: object) -> str | int | float | datetime | None:
    """Map any value to one an .xlsx cell holds without error or loss (None means an empty cell)."""
    if isinstance(value, str):
        return cell_text(value) or None
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return cell_text("\n".join(map(str, value))) or None
    if _missing(value):
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, numbers.Integral):
        value = int(value)
        return value if len(str(abs(value))) <= EXACT_DIGITS else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else cell_text(str(value))
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # Excel has no time zones: times are shown in UTC
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value if value.year >= FIRST_YEAR else value.isoformat(sep=" ")
    return cell_text(str(value)) or None


def _missing(value: object) -> bool:
    """True for NaN, NaT and pd.NA (which openpyxl would reject or write as a bad number)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """Text for a CSV field: cleaned, and prefixed with ' when it could start a formula (OWASP)."""
    text = clean(text)
    return "'" + text if is_formula_like(text) else text
