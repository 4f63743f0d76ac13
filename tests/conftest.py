"""Shared fixtures: paths to sample exports and real fixtures, zipping folders at test time, the CLI."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parsers import Item, ReadLog, detect, iter_items, open_archive

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_exports"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def zip_folder(folder: Path, target: Path, wrapper: str | None = None) -> Path:
    """Zip every file under ``folder`` into ``target`` (optionally inside one wrapper folder)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                archive.write(path, f"{wrapper}/{name}" if wrapper else name)
    return target


def read_export(
    path: Path | list[Path], platform: str, include_messages: bool = False
) -> tuple[list[Item], ReadLog]:
    """Read an export that holds ``platform`` alone, as a scan would; return its items and read log."""
    with open_archive(path) as archive:
        (detection,) = detect(archive)
        assert detection.platform == platform
        log = ReadLog(archive.label)
        items = list(iter_items(archive, detection, log, include_messages=include_messages))
    return items, log


def problems(log: ReadLog) -> list[str]:
    """Every problem the read log holds, from all its files."""
    return [p for entry in log.files for p in entry.problems]


@pytest.fixture
def zipped(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that zips a folder into tmp_path, as a platform's download would be."""

    def make(folder: Path, name: str | None = None, wrapper: str | None = None) -> Path:
        return zip_folder(folder, tmp_path / (name or f"{folder.name}.zip"), wrapper)

    return make


@pytest.fixture(autouse=True)
def uk_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports show times in the computer's zone: tests fix it to the UK's (a test may set another)."""
    monkeypatch.setenv("TZ", "Europe/London")


@pytest.fixture(autouse=True)
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the per-user settings folder at tmp_path, so no test reads or writes the real one."""
    folder = tmp_path / "user-config"
    monkeypatch.setenv("SOCIAL_AUDIT_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
