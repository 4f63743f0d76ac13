"""The library entry point end to end on the sample exports."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES
from typer.testing import CliRunner

from audit.cli import app
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


# Rules options end to end (issue 3): --select, --ignore, --allow, --min-severity, --watch, --rules.


def _scan_json(runner: CliRunner, tmp_path: Path, *options: str) -> dict:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["scan", str(SAMPLES / "twitter"), "-o", str(out), "-q", *options])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def _rule_ids(report: dict) -> set[str]:
    return {rule for item in report["items"] for rule in item["rules"]}


def test_cli_select_and_ignore_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    everything = _scan_json(runner, tmp_path)
    assert {"PINF001", "CONF001", "LOCN001", "SUBS004"} <= _rule_ids(everything)
    only = _scan_json(runner, tmp_path, "--select", "PINF001,LOCN")
    assert _rule_ids(only) == {"PINF001", "LOCN001", "LOCN002"}
    assert only["totals"]["flagged"] == len(only["items"]) < everything["totals"]["flagged"]
    without = _scan_json(runner, tmp_path, "--ignore", "location", "--ignore", "PINF001")
    assert not _rule_ids(without) & {"PINF001", "LOCN001", "LOCN002"}
    assert "CONF001" in _rule_ids(without)


def test_cli_min_severity_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    high = _scan_json(runner, tmp_path, "--min-severity", "high")
    assert high["items"] and {item["severity"] for item in high["items"]} == {"high"}
    default = _scan_json(runner, tmp_path)
    assert high["totals"]["flagged"] < default["totals"]["flagged"]
    assert "info" not in {item["severity"] for item in default["items"]}


def test_cli_allow_list_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    allow = tmp_path / "allow.txt"
    allow.write_text("jo.example.sw@example.com\n", encoding="utf-8")
    default = _scan_json(runner, tmp_path)
    allowed = _scan_json(runner, tmp_path, "--allow", str(allow))
    assert "PINF001" in _rule_ids(default) and "PINF001" not in _rule_ids(allowed)
    assert allowed["totals"]["flagged"] == default["totals"]["flagged"] - 1


def test_cli_watch_list_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    watch = tmp_path / "watch.txt"
    watch.write_text("[places]\nHillcrest estate\n", encoding="utf-8")
    report = _scan_json(runner, tmp_path, "--watch", str(watch), "--select", "CONF007")
    assert [item["rules"] for item in report["items"]] == [["CONF007"]]
    assert "(on your watch list)" in report["items"][0]["why"][0]


def test_run_passes_rule_options_to_the_engine() -> None:
    # the samples' contact details are flagged medium; their drinking posts only low
    result = run([SAMPLES], ScanOptions(select=["PINF", "SUBS"], min_severity="medium"))
    assert {r.id[:4] for r in result.engine.rules} == {"PINF", "SUBS"}
    assert set(result.items["severity"]) <= {"medium", "high"}
    assert result.totals["flagged"] == len(result.items) >= 1


def test_progress_knows_its_total_before_reading_starts() -> None:
    calls: list[tuple[int, int]] = []
    run([SAMPLES], ScanOptions(chunk_size=5), lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert total > 10_000  # bytes of the files a scan reads
    assert calls[0] == (0, total)  # the bar has its length from the start, not "0/?"
    assert calls[-1] == (total, total) and len(calls) > 3
