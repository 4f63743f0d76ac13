"""Apply rules to chunks of items and turn the hits into one result per flagged item.

The result columns (RESULT_COLUMNS) are part of the output contract: severity is the highest of the
rules that fired, confidence the highest among those rules, and every rule adds a plain-English line
to ``why``. Standards are the chosen regulator's clauses for the categories that fired.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .loader import default_pack_paths, load_packs
from .matchers import Matcher, build_matcher
from .model import CONFIDENCE_RANK, SEVERITY_RANK, Rule
from .standards import DEFAULT_REGULATOR, Standards, load_standards

RESULT_COLUMNS = ["severity", "confidence", "categories", "rules", "why", "standards", "action"]


@dataclass(frozen=True)
class Hit:
    """One rule firing on one item."""

    row: int  # position in the chunk
    rule: Rule
    evidence: str

    @property
    def why(self) -> str:
        return f"{self.rule.title}: '{self.evidence}'"


class Engine:
    """A compiled set of rules plus the regulator whose clauses are cited."""

    def __init__(self, rules: Sequence[Rule], standards: Standards) -> None:
        self.rules = list(rules)
        self.standards = standards
        self._matchers: list[tuple[Rule, Matcher]] = [(rule, build_matcher(rule)) for rule in self.rules]

    @classmethod
    def load(
        cls,
        regulator: str = DEFAULT_REGULATOR,
        extra_packs: Iterable[Path] = (),
    ) -> Engine:
        """Build the engine from the shipped packs plus ``extra_packs``."""
        rules = load_packs([*default_pack_paths(), *extra_packs])
        return cls(rules, load_standards(regulator))

    def hits(self, texts: Sequence[str], kinds: Sequence[str]) -> Iterator[Hit]:
        """Yield every hit of every rule over a chunk of texts (with their item kinds)."""
        for rule, matcher in self._matchers:
            for row, evidence in matcher.find(texts, kinds):
                yield Hit(row, rule, evidence)

    def evaluate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Return RESULT_COLUMNS for the flagged rows of ``frame`` (same index), and no other rows."""
        texts = frame["text"].tolist()
        kinds = frame["kind"].tolist()
        by_row: dict[int, list[Hit]] = {}
        for hit in self.hits(texts, kinds):
            by_row.setdefault(hit.row, []).append(hit)
        rows = sorted(by_row)
        records = [self._result(by_row[row], kinds[row]) for row in rows]
        return pd.DataFrame(records, index=frame.index[rows], columns=RESULT_COLUMNS)

    def check(self, text: str, kind: str = "post") -> list[Hit]:
        """Return the hits for a single text (used by rule examples and `social-audit rules`)."""
        return list(self.hits([text], [kind]))

    def _result(self, hits: list[Hit], kind: str) -> tuple:
        top = max(hits, key=lambda h: (SEVERITY_RANK[h.rule.severity], CONFIDENCE_RANK[h.rule.confidence]))
        categories = list(dict.fromkeys(h.rule.category for h in hits))
        standards = list(dict.fromkeys(c.label for cat in categories for c in self.standards.cite(cat)))
        return (
            top.rule.severity,
            top.rule.confidence,
            categories,
            list(dict.fromkeys(h.rule.id for h in hits)),
            list(dict.fromkeys(h.why for h in hits)),
            standards,
            suggest_action(top.rule.severity, kind),
        )


def suggest_action(severity: str, kind: str) -> str:
    """Suggest what to do: delete what is serious, edit what can be fixed, otherwise review."""
    if severity == "high":
        return "delete"
    if severity == "medium":
        return "delete" if kind in ("share", "like") else "edit"
    return "review"
