"""Every rule's own examples, and the catalogue's promises: ids, metadata, examples, categories."""

from __future__ import annotations

from functools import cache

import pytest

from rules import CATEGORIES, Engine
from rules.loader import default_pack_paths, load_packs
from rules.rule import Example, Rule
from rules.watchlist import SECTIONS, Watchlist

RULES = load_packs(default_pack_paths())


def _watchlist(names: tuple[str, ...]) -> Watchlist | None:
    """Example watch lists are "Name" (people) or "section: Name"."""
    if not names:
        return None
    sections: dict[str, list[str]] = {}
    for entry in names:
        section, _, name = entry.rpartition(":")
        sections.setdefault(section.strip() if section.strip() in SECTIONS else "people", []).append(
            name.strip()
        )
    return Watchlist.from_names(sections)


@cache
def engine_for(names: tuple[str, ...]) -> Engine:
    return Engine.load(watchlist=_watchlist(names))


def fires(rule: Rule, example: Example) -> bool:
    """Whether ``rule`` flags the example (a finding demoted to a note by context does not count)."""
    hits = engine_for(example.watch).check(
        example.text, example.kind, author=example.author, location=example.location, media=example.media
    )
    return any(h.rule.id == rule.id and (h.severity != "info" or rule.severity == "info") for h in hits)


CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{number}")
    for rule in RULES
    for number, example in enumerate(rule.examples, 1)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule: Rule, example: Example) -> None:
    assert fires(rule, example) is example.flag


def test_every_category_has_several_rules() -> None:
    counts = {category: sum(r.category == category for r in RULES) for category in CATEGORIES}
    assert all(count >= 3 for count in counts.values()), counts


def test_rule_ids_names_and_metadata() -> None:
    assert len({r.id for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.id[:4] == CATEGORIES[rule.category]
        assert len(rule.rationale) > 60 and len(rule.guidance) > 10, rule.id
        assert any(e.flag for e in rule.examples) and any(not e.flag for e in rule.examples), rule.id


def test_every_example_test_id_is_unique_and_readable() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert "CONF001-1" in ids and "PINF001-2" in ids
