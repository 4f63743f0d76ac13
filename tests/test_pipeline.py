"""The library entry point end to end on the sample exports."""

from __future__ import annotations

from conftest import SAMPLES

from audit.pipeline import ScanOptions, run


def test_sample_exports_scan_end_to_end() -> None:
    result = run([SAMPLES], ScanOptions())
    assert result.totals["by_platform"]["twitter"] == result.totals["items"] >= 30
    assert result.totals["flagged"] == len(result.items) > 0
    assert "PINF001" in {rule for rules in result.items["rules"] for rule in rules}
    assert all(not s.problems for s in result.sources)
