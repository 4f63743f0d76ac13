"""Matcher kinds: the code behind the rules. A rule's ``[rule.match]`` table picks one by ``kind``.

Every matcher works on a whole chunk of items at once (one DataFrame of up to tens of thousands of
rows) and yields ``(row position, evidence)`` pairs; evidence is the words that matched, shown to the
user in the "why" column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from .errors import RuleError
from .model import Rule


class Matcher(Protocol):
    """What every matcher kind provides."""

    def find(self, texts: Sequence[str], kinds: Sequence[str]) -> Iterator[tuple[int, str]]:
        """Yield (row, evidence) for each text the rule fires on."""
        ...


# Validators confirm a pattern match (a checksum, a plausible value); named in TOML as `validator`.
VALIDATORS: dict[str, Callable[[str], bool]] = {}


class PatternMatcher:
    """A regular expression, optionally behind a cheap literal prefilter and a validator."""

    def __init__(self, rule: Rule) -> None:
        spec = rule.match
        try:
            flags = re.IGNORECASE if spec.get("ignore_case", True) else 0
            self.regex = re.compile(spec["pattern"], flags)
        except (KeyError, TypeError, re.error) as exc:
            raise RuleError(f"{rule.pack}: {rule.id}: match.pattern: {exc}") from None
        self.requires = spec.get("requires")  # a literal every match contains, e.g. "@"
        validator = spec.get("validator")
        if validator is not None and validator not in VALIDATORS:
            raise RuleError(f"{rule.pack}: {rule.id}: match.validator: unknown validator {validator!r}")
        self.validator = VALIDATORS.get(validator) if validator else None
        self.kinds = set(rule.kinds)

    def find(self, texts: Sequence[str], kinds: Sequence[str]) -> Iterator[tuple[int, str]]:
        requires, kinds_allowed = self.requires, self.kinds
        for row, text in enumerate(texts):
            if not text or (requires and requires not in text):
                continue
            if kinds_allowed and kinds[row] not in kinds_allowed:
                continue
            for match in self.regex.finditer(text):
                if self.validator is None or self.validator(match.group(0)):
                    yield row, match.group(0)
                    break


MATCHER_KINDS: dict[str, Callable[[Rule], Matcher]] = {
    "pattern": PatternMatcher,
}


def build_matcher(rule: Rule) -> Matcher:
    """Compile the matcher a rule asks for."""
    kind = rule.match.get("kind")
    if kind not in MATCHER_KINDS:
        raise RuleError(
            f"{rule.pack}: {rule.id}: match.kind: {kind!r} is not one of {', '.join(MATCHER_KINDS)}"
        )
    return MATCHER_KINDS[kind](rule)
