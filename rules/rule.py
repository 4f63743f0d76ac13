"""Rules as data: the Rule record, its severity and confidence scales, and the fixed categories."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


# Severity is the impact if the flag is right; confidence is how sure the match is (bandit's two axes).
class Severity(StrEnum):
    """How serious an item could be if the flag is right, lowest first ("info" is a note, not a flag)."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Confidence(StrEnum):
    """How sure a match is, lowest first."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


SEVERITIES = tuple(Severity)
CONFIDENCES = tuple(Confidence)
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

# Category -> how a person reads it (report headings and filters).
CATEGORY_LABELS = {
    "confidentiality": "Confidentiality",
    "discrimination": "Discrimination",
    "offensive": "Offensive language",
    "harassment": "Harassment or threats",
    "sexual": "Sexual content",
    "substances": "Alcohol, drugs or illegal acts",
    "workplace": "Workplace venting",
    "boundaries": "Professional boundaries",
    "misinformation": "Misinformation",
    "personal_info": "Personal information",
    "location": "Location",
    "promotion": "Misleading promotion",
}

# The item kinds a rule may be limited to: the same vocabulary as parsers.KINDS (a test checks this;
# rules never import parsers).
ITEM_KINDS = ("post", "reply", "comment", "share", "like", "message", "profile", "membership", "media")


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
