"""The packages name kinds, categories and formats once each, and agree where they meet."""

from pathlib import Path

import pytest

from audit.report import OutputFormat, suffixes
from parsers import KIND_LABELS, KINDS
from rules import CATEGORIES, CATEGORY_LABELS, ITEM_KINDS


def test_rules_and_parsers_know_the_same_item_kinds() -> None:
    assert ITEM_KINDS == KINDS
    assert list(KIND_LABELS) == list(KINDS)


def test_every_category_has_a_label() -> None:
    assert list(CATEGORY_LABELS) == list(CATEGORIES)


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_output_format_has_a_writer(fmt: OutputFormat) -> None:
    assert callable(fmt.writer())
    assert OutputFormat.of(Path(f"report{fmt.suffix.upper()}")) is fmt


def test_an_unknown_suffix_names_the_formats() -> None:
    with pytest.raises(ValueError, match=r"report.pdf: the report must end in \.xlsx, \.json or \.csv"):
        OutputFormat.of(Path("report.pdf"))
    assert suffixes() == ".xlsx, .json or .csv"
