"""The item frame: one row per item, with the columns of shared/DESIGN.md, built chunk by chunk."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from parsers import Item
from rules import RESULT_COLUMNS, SEVERITIES

ITEM_COLUMNS: list[str] = list(Item._fields)
REPORT_COLUMNS: list[str] = [*ITEM_COLUMNS, *RESULT_COLUMNS, "action"]  # action: audit/actions.py


def items_frame(items: Sequence[Item]) -> pd.DataFrame:
    """Build a frame from a chunk of items; ``created_at`` becomes a tz-aware UTC timestamp."""
    if not items:
        return empty_items_frame()
    frame = pd.DataFrame(dict(zip(ITEM_COLUMNS, map(list, zip(*items, strict=True)), strict=True)))
    frame["created_at"] = pd.to_datetime(frame["created_at"], format="ISO8601", utc=True, errors="coerce")
    frame["media"] = frame["media"].astype("int64")
    return frame


_REVIEW_RANK = {name: -rank for rank, name in enumerate(SEVERITIES)}  # high first


def sort_for_review(items: pd.DataFrame) -> pd.DataFrame:
    """Order rows for review: most severe first, then oldest first; undated and unflagged rows last.

    Returns ``items`` itself (no copy) when it is already in that order.
    """
    keys = pd.DataFrame({"rank": items["severity"].map(_REVIEW_RANK), "date": items["created_at"]})
    order = keys.sort_values(["rank", "date"], na_position="last", kind="stable").index
    return items if order.equals(items.index) else items.loc[order]


def empty_items_frame() -> pd.DataFrame:
    """An empty item frame with the right columns and dtypes."""
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in ITEM_COLUMNS})
    frame["created_at"] = pd.Series(dtype="datetime64[ns, UTC]")
    frame["media"] = pd.Series(dtype="int64")
    return frame


def empty_report_frame() -> pd.DataFrame:
    """An empty frame with the item and result columns."""
    frame = empty_items_frame()
    for column in [*RESULT_COLUMNS, "action"]:
        frame[column] = pd.Series(dtype=object)
    return frame
