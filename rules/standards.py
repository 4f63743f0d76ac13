"""Clauses of each regulator's standards, per category, from ``rules/standards/<regulator>.toml``.

Every clause carries whether its number was confirmed against the regulator's text (see
shared/reference/standards.md); unconfirmed numbers are labelled as such wherever they are shown.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import RuleError
from .model import CATEGORIES

DEFAULT_REGULATOR = "hcpc"


@dataclass(frozen=True)
class Clause:
    """One citable clause (or guidance section) of a regulator's standards."""

    regulator: str
    document: str  # short name of the code, e.g. "HCPC SCPE 2024"
    number: str  # "5.1", "§5", or "guidance"
    summary: str  # this project's own paraphrase
    url: str
    confirmed: bool

    @property
    def label(self) -> str:
        """The citation as shown to users, e.g. "HCPC SCPE 2024 5.1" or "… 9.2 (number unconfirmed)"."""
        text = f"{self.document} {self.number}"
        return text if self.confirmed else f"{text} (number unconfirmed)"


@dataclass(frozen=True)
class Standards:
    """A regulator's code and the clauses to cite for each category."""

    regulator: str
    name: str  # "Health and Care Professions Council"
    document: str
    url: str
    by_category: dict[str, tuple[Clause, ...]]

    def cite(self, category: str) -> tuple[Clause, ...]:
        """Return the clauses for ``category`` (empty when the regulator has none)."""
        return self.by_category.get(category, ())


def regulators() -> list[str]:
    """Return the regulators with a standards file, e.g. ["hcpc", "swe", ...]."""
    folder = resources.files("rules") / "standards"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_standards(regulator: str = DEFAULT_REGULATOR) -> Standards:
    """Load and check the standards file of ``regulator``."""
    known = regulators()
    if regulator not in known:
        raise RuleError(f"unknown regulator {regulator!r}; choose one of {', '.join(known)}")
    path = Path(str(resources.files("rules") / "standards" / f"{regulator}.toml"))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path.name}: not valid TOML ({exc})") from None
    for key in ("name", "document", "url"):
        if not isinstance(data.get(key), str):
            raise RuleError(f"{path.name}: {key}: missing or not a string")
    by_category: dict[str, list[Clause]] = {}
    for number, entry in enumerate(data.get("clause", []), 1):
        where = f"{path.name}: clause #{number}"
        if entry.get("category") not in CATEGORIES:
            raise RuleError(f"{where}: category: {entry.get('category')!r} is not a known category")
        for key in ("number", "summary"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise RuleError(f"{where}: {key}: missing or empty")
        if not isinstance(entry.get("confirmed"), bool):
            raise RuleError(f"{where}: confirmed: must be true or false")
        clause = Clause(
            regulator,
            data["document"],
            entry["number"],
            " ".join(entry["summary"].split()),
            entry.get("url", data["url"]),
            entry["confirmed"],
        )
        by_category.setdefault(entry["category"], []).append(clause)
    return Standards(
        regulator,
        data["name"],
        data["document"],
        data["url"],
        {category: tuple(clauses) for category, clauses in by_category.items()},
    )
