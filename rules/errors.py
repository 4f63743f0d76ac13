"""Errors in rule packs and standards files."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


class RuleError(Exception):
    """A rule pack or standards file is invalid. The message names the file, the rule id and the field."""


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """Read a TOML file (``what`` it is, for the message), turning any failure into a RuleError."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read the {what} ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{Path(path).name}: not valid TOML ({exc})") from None
