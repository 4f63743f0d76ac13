"""--jobs: chunks judged in worker processes give the same report, byte for byte, as one process."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES

from audit import parallel, pipeline
from audit.cli import app
from audit.decisions import read_earlier
from audit.pipeline import ScanOptions, run
from audit.report.json import write_json
from parsers import fastjson


def _report(paths: list[Path], out: Path, **options: object) -> tuple[bytes, int]:
    """The JSON report (--all) of a scan with these options, bar its timestamp; how many workers judged it."""
    result = run(paths, ScanOptions(all_items=True, **options))  # type: ignore[arg-type]
    write_json(result, out)
    return _untimed(out.read_bytes()), result.workers


def _untimed(report: bytes) -> bytes:
    """The report without the time it was written, the one thing that may differ between two scans."""
    stamped, count = re.subn(rb'"written": "[0-9T:Z-]+"', b'"written": ""', report, count=1)
    assert count == 1
    return stamped


@pytest.fixture
def parallel_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_FROM_BYTES", 0)  # the samples are far smaller than the limit


def _generated_archive(target: Path, copies: int) -> Path:
    """An X archive of the sample tweets repeated ``copies`` times, with new ids and dates."""
    source = (SAMPLES / "twitter" / "data" / "tweets.js").read_text(encoding="utf-8")
    records = json.loads(source[source.index("[") :])
    tweets = []
    for copy in range(copies):
        for number, record in enumerate(records):
            tweet = dict(record["tweet"])
            tweet["id_str"] = tweet["id"] = str(1_500_000_000_000_000_000 + copy * 1000 + number)
            tweet["created_at"] = f"Mon Mar {copy % 28 + 1:02d} 10:{number % 60:02d}:00 +0000 2021"
            tweets.append({"tweet": tweet})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        body = json.dumps(tweets, indent=2, separators=(",", " : "), ensure_ascii=False)
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = " + body)
    return target


@pytest.mark.usefixtures("parallel_always")
def test_the_photos_without_text_are_the_same_with_two_jobs() -> None:
    one = run([SAMPLES], ScanOptions(jobs=1, chunk_size=7, min_severity="info"))
    two = run([SAMPLES], ScanOptions(jobs=2, chunk_size=7, min_severity="info"))
    assert two.workers == 2 and len(one.photos) > 0
    pd.testing.assert_frame_equal(one.photos, two.photos)


@pytest.mark.usefixtures("parallel_always")
def test_sample_exports_give_the_same_report_with_two_jobs(tmp_path: Path) -> None:
    one, workers_one = _report([SAMPLES], tmp_path / "1.json", jobs=1, chunk_size=7)
    two, workers_two = _report([SAMPLES], tmp_path / "2.json", jobs=2, chunk_size=7)
    assert (workers_one, workers_two) == (0, 2)
    assert one == two
    assert json.loads(one)["totals"]["flagged"] > 0


@pytest.mark.usefixtures("parallel_always")
def test_a_generated_archive_gives_the_same_report_with_two_jobs_and_either_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = _generated_archive(tmp_path / "x.zip", copies=150)
    options = {"chunk_size": 97, "since": None}
    one, _ = _report([archive], tmp_path / "1.json", jobs=1, **options)
    two, workers = _report([archive], tmp_path / "2.json", jobs=2, **options)
    assert workers == 2 and one == two
    with monkeypatch.context() as patch:
        patch.setattr(fastjson, "supports", lambda prefix: False)
        streamed, _ = _report([archive], tmp_path / "3.json", jobs=2, **options)
    assert streamed == one
    report = json.loads(one)
    assert report["totals"]["items"] == len(report["items"]) > 1000
    assert 0 < report["totals"]["flagged"] < report["totals"]["items"]


@pytest.mark.usefixtures("parallel_always")
def test_the_cli_takes_jobs(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"{jobs}.json"
        result = runner.invoke(
            app, ["scan", str(SAMPLES / "twitter"), "--all", "-q", "--jobs", jobs, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        outputs.append(_untimed(out.read_bytes()))
    assert outputs[0] == outputs[1]
    bad = runner.invoke(
        app, ["scan", str(SAMPLES / "twitter"), "--jobs", "0", "-o", str(tmp_path / "x.json")]
    )
    assert bad.exit_code == 2 and re.search(r"--jobs", bad.output)


def test_the_chunk_size_changes_nothing(tmp_path: Path) -> None:
    archive = _generated_archive(tmp_path / "x.zip", copies=30)
    small, _ = _report([archive, SAMPLES], tmp_path / "1.json", jobs=1, chunk_size=7)
    large, _ = _report([archive, SAMPLES], tmp_path / "2.json", jobs=1, chunk_size=1000)
    assert small == large


@pytest.mark.usefixtures("parallel_always")
def test_an_earlier_report_is_carried_over_the_same_with_two_jobs(tmp_path: Path) -> None:
    archive = _generated_archive(tmp_path / "x.zip", copies=40)
    earlier = tmp_path / "earlier.json"
    write_json(run([archive, SAMPLES], ScanOptions(jobs=1, chunk_size=50)), earlier)
    gone = _generated_archive(tmp_path / "fewer.zip", copies=20)  # half the tweets since deleted
    reports = []
    for jobs in (1, 2):
        options = ScanOptions(jobs=jobs, chunk_size=50, earlier=read_earlier(earlier))
        result = run([gone, SAMPLES], options)
        assert result.changes is not None and result.workers == (2 if jobs == 2 else 0)
        reports.append((_untimed(_written(result, tmp_path / f"{jobs}.json")), result.changes))
    assert reports[0] == reports[1]
    assert reports[0][1].gone  # the deleted tweets were noticed


def _written(result: object, path: Path) -> bytes:
    write_json(result, path)  # type: ignore[arg-type]
    return path.read_bytes()


def test_small_exports_are_judged_in_this_process(tmp_path: Path) -> None:
    _, workers = _report([SAMPLES], tmp_path / "r.json", jobs=2)
    assert workers == 0


def _broken(state: object, columns: list, archive: str) -> None:
    raise RuntimeError(f"judging failed in process {os.getpid()}")


@pytest.mark.usefixtures("parallel_always")
def test_an_error_in_a_worker_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "judge", _broken)
    with pytest.raises(RuntimeError, match="judging failed in process") as raised:
        run([SAMPLES], ScanOptions(jobs=2, chunk_size=50))
    assert str(os.getpid()) not in str(raised.value)


def _state_and_task(state: object, number: int) -> tuple[object, int, int]:
    assert parallel.thread_budget() == max(1, parallel.cores() // 2)  # a worker's share of the cores
    return state, number, os.getpid()


def _worker_pid() -> str:
    return f"built in {os.getpid()}"


@pytest.mark.parametrize("shared", ["from the main process", None])
def test_workers_use_the_shared_state_or_build_their_own(shared: str | None) -> None:
    results = list(
        parallel.ordered_map(
            _state_and_task, ((n,) for n in range(40)), state=shared, setup=_worker_pid, jobs=2
        )
    )
    assert [number for _, number, _ in results] == list(range(40))  # in order
    assert all(pid != os.getpid() for _, _, pid in results)
    if shared:
        assert {state for state, _, _ in results} == {shared}
    else:  # each worker built its own, in its own process
        assert {state for state, _, _ in results} == {f"built in {pid}" for _, _, pid in results}
    assert parallel.thread_budget() == parallel.cores()  # outside a worker: every core
