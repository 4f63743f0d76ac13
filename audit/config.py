"""The per-user settings file: the regulator a person chose on their first run, kept for the next ones.

It lives in the platform's config folder (platformdirs: ``~/.config/social-audit/config.toml`` on
Linux) and holds nothing but choices; no post text or file name is ever written to it.
"""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path

import platformdirs

APP_NAME = "social-audit"
CONFIG_DIR_VARIABLE = "SOCIAL_AUDIT_CONFIG_DIR"  # overrides the folder (tests, portable installs)

log = logging.getLogger(__name__)


def config_path() -> Path:
    """Where the settings file is (it may not exist yet)."""
    folder = os.environ.get(CONFIG_DIR_VARIABLE)
    return (Path(folder) if folder else platformdirs.user_config_path(APP_NAME)) / "config.toml"


def saved_regulator(known: list[str]) -> str | None:
    """The regulator saved by an earlier run, or None (no file, unreadable, or no longer known)."""
    path = config_path()
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("%s: cannot read the saved settings (%s); delete the file to start again", path, exc)
        return None
    regulator = settings.get("regulator")
    return regulator if isinstance(regulator, str) and regulator in known else None


def save_regulator(regulator: str) -> Path:
    """Save ``regulator`` as the choice for later runs and return the settings file's path."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'# social-audit settings. `social-audit regulator` changes the choice.\nregulator = "{regulator}"\n',
        encoding="utf-8",
    )
    return path
