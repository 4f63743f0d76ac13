"""Make untrusted text safe to put in a spreadsheet cell or a CSV field.

Posts are written by anyone, so a report must never turn one into a formula (``=HYPERLINK(…)``),
break the file with characters XML forbids, or lose text silently to Excel's cell limit.
"""

from __future__ import annotations

import re

# C0 controls other than tab/newline/CR, lone surrogates and the two non-characters: all illegal in XML.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"  # shown as �, so the user sees that something was there
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CELL_LIMIT = 32_767  # Excel's maximum characters in one cell
TRUNCATED = " […truncated: the full text is in the JSON output]"


def clean(text: str) -> str:
    """Replace the characters an XML file (so an .xlsx) cannot hold with a visible marker."""
    return _ILLEGAL.sub(REPLACEMENT, text)


def cell_text(text: str) -> str:
    """Text for an .xlsx cell: cleaned, and cut to Excel's limit with a marker saying so."""
    text = clean(text)
    if len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - len(TRUNCATED)] + TRUNCATED
    return text


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """Text for a CSV field: cleaned, and prefixed with ' when it could start a formula (OWASP)."""
    text = clean(text)
    return "'" + text if is_formula_like(text) else text
