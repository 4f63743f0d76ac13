"""Rules as data: the Rule record, its severity and confidence scales, and the fixed categories."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Severity is the impact if the flag is right; confidence is how sure the match is (bandit's two axes).
SEVERITIES = ("info", "low", "medium", "high")
CONFIDENCES = ("low", "medium", "high")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
CONFIDENCE_RANK = {name: rank for rank, name in enumerate(CONFIDENCES)}

# Category -> rule id prefix (shared/DESIGN.md). Ids are prefix + 3 digits and are never reused.
CATEGORIES = {
    "confidentiality": "CONF",
    "discrimination": "DISC",
    "offensive": "OFFN",
    "harassment": "HARM",
    "sexual": "SEXL",
    "substances": "SUBS",
    "workplace": "WORK",
    "boundaries": "BNDY",
    "misinformation": "MISI",
    "personal_info": "PINF",
    "location": "LOCN",
    "promotion": "PROM",
}

ACTIONS = ("delete", "edit", "make private", "review")


@dataclass(frozen=True)
class Example:
    """A text the rule must (flag=True) or must not (flag=False) fire on; the test suite runs them."""

    text: str
    flag: bool
    kind: str = "post"
    author: str | None = None  # whose words a share or like holds
    location: str | None = None
    media: int = 0
    watch: tuple[str, ...] = ()  # watch-list names ("people" section) the example runs with


@dataclass(frozen=True)
class Rule:
    """One rule of a pack. ``match`` holds the matcher kind and its settings, as written in TOML."""

    id: str
    name: str
    title: str
    category: str
    severity: str
    confidence: str
    rationale: str
    guidance: str
    match: dict[str, Any]
    examples: tuple[Example, ...] = ()
    kinds: tuple[str, ...] = ()  # item kinds the rule applies to; empty means all
    pack: str = ""  # file the rule came from
    extra: dict[str, Any] = field(default_factory=dict)
