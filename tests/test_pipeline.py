"""The library entry point end to end on the sample exports."""

from __future__ import annotations

from conftest import SAMPLES

from audit.pipeline import ScanOptions, run


def test_sample_exports_scan_end_to_end() -> None:
    result = run([SAMPLES], ScanOptions())
    by_platform = result.totals["by_platform"]
    assert by_platform["twitter"] >= 30 and by_platform["facebook"] >= 30 and by_platform["instagram"] >= 20
    assert sum(by_platform.values()) == result.totals["items"]
    assert result.totals["flagged"] == len(result.items) > 0
    assert "PINF001" in {rule for rules in result.items["rules"] for rule in rules}
    assert all(not s.problems for s in result.sources)


def test_date_range_covers_every_dated_item_not_just_flagged_ones() -> None:
    result = run([SAMPLES], ScanOptions())
    assert result.first is not None and result.first.year == 2012  # the Grailbird sample's first tweet
    assert result.last is not None and result.last.year == 2025
