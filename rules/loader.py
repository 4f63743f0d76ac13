"""Load rule packs (TOML) and check every field, so a bad pack fails at start with a precise message."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RuleError, read_toml
from .rule import CATEGORIES, CONFIDENCES, ITEM_KINDS, SEVERITIES, Example, Rule

_ID = re.compile(r"^[A-Z]{4}\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REQUIRED = (
    "id",
    "name",
    "title",
    "category",
    "severity",
    "confidence",
    "rationale",
    "guidance",
    "match",
)
_OPTIONAL = ("example", "kinds")


def default_pack_paths() -> list[Path]:
    """Return the rule packs shipped with the package, in name order."""
    folder = resources.files("rules") / "packs"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


def load_packs(paths: Iterable[Path]) -> list[Rule]:
    """Load and validate every pack; rule ids and names must be unique across all of them."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in paths:
        for rule in load_pack(path):
            for key in (rule.id, rule.name):
                if key in seen:
                    raise RuleError(f"{path.name}: {rule.id}: {key!r} is already used in {seen[key]}")
                seen[key] = path.name
            rules.append(rule)
    return rules


def load_pack(path: Path) -> list[Rule]:
    """Load one TOML pack: a list of ``[[rule]]`` tables."""
    data = read_toml(path, "rule pack")
    unknown = set(data) - {"rule"}
    if unknown:
        raise RuleError(f"{Path(path).name}: unknown top-level key(s) {sorted(unknown)}; expected [[rule]]")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise RuleError(f"{Path(path).name}: 'rule' must be an array of tables ([[rule]])")
    return [_rule(Path(path).name, index, entry) for index, entry in enumerate(entries)]


_EXAMPLE_KEYS = {"text", "flag", "kind", "author", "location", "media", "watch"}


def _example(fail: Callable[[str, str], RuleError], number: int, example: Any) -> Example:
    where = f"example #{number}"
    if not isinstance(example, dict) or not isinstance(example.get("text"), str):
        raise fail(where, "needs a 'text' string")
    if not isinstance(example.get("flag"), bool):
        raise fail(where, "needs 'flag = true' or 'flag = false'")
    unknown = set(example) - _EXAMPLE_KEYS
    if unknown:
        raise fail(where, f"unknown field {sorted(unknown)[0]!r}")
    kind = example.get("kind", "post")
    if kind not in ITEM_KINDS:
        raise fail(where, f"kind {kind!r} is not an item kind")
    watch = example.get("watch", [])
    if not isinstance(watch, list) or not all(isinstance(w, str) for w in watch):
        raise fail(where, "watch must be a list of names")
    return Example(
        example["text"],
        example["flag"],
        kind,
        example.get("author"),
        example.get("location"),
        int(example.get("media", 0)),
        tuple(watch),
    )


def _rule(pack: str, index: int, entry: Any) -> Rule:
    rule_id = entry.get("id") if isinstance(entry, dict) else None
    where = f"{pack}: {rule_id if isinstance(rule_id, str) else f'rule #{index + 1}'}"

    def fail(field: str, problem: str) -> RuleError:
        return RuleError(f"{where}: {field}: {problem}")

    if not isinstance(entry, dict):
        raise fail("rule", "must be a table")
    for key in _REQUIRED:
        if key not in entry:
            raise fail(key, "missing")
    unknown = set(entry) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise fail(sorted(unknown)[0], "unknown field")
    for key in _REQUIRED[:-1]:
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise fail(key, "must be a non-empty string")
    if not _ID.match(entry["id"]):
        raise fail("id", f"{entry['id']!r} is not a 4-letter prefix and 3 digits (e.g. CONF001)")
    if entry["category"] not in CATEGORIES:
        raise fail("category", f"{entry['category']!r} is not one of {', '.join(CATEGORIES)}")
    prefix = CATEGORIES[entry["category"]]
    if not entry["id"].startswith(prefix):
        raise fail("id", f"rules of category {entry['category']} use the prefix {prefix}")
    if not _NAME.match(entry["name"]):
        raise fail("name", f"{entry['name']!r} is not kebab-case")
    if entry["severity"] not in SEVERITIES:
        raise fail("severity", f"{entry['severity']!r} is not one of {'|'.join(SEVERITIES)}")
    if entry["confidence"] not in CONFIDENCES:
        raise fail("confidence", f"{entry['confidence']!r} is not one of {'|'.join(CONFIDENCES)}")
    match = entry["match"]
    if not isinstance(match, dict) or not isinstance(match.get("kind"), str):
        raise fail("match", "must be a table with a 'kind'")
    kinds = entry.get("kinds", [])
    if not isinstance(kinds, list) or any(k not in ITEM_KINDS for k in kinds):
        raise fail("kinds", f"must be a list of item kinds ({', '.join(ITEM_KINDS)})")
    examples = [_example(fail, number, example) for number, example in enumerate(entry.get("example", []), 1)]
    if not any(e.flag for e in examples) or all(e.flag for e in examples):
        raise fail("example", "needs at least one positive (flag = true) and one negative example")
    return Rule(
        id=entry["id"],
        name=entry["name"],
        title=entry["title"].strip(),
        category=entry["category"],
        severity=entry["severity"],
        confidence=entry["confidence"],
        rationale=" ".join(entry["rationale"].split()),
        guidance=" ".join(entry["guidance"].split()),
        match=dict(match),
        examples=tuple(examples),
        kinds=tuple(kinds),
        pack=pack,
    )
