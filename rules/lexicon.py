"""Term classes: named lists of words and phrases, read from ``rules/lexicons/*.toml``.

A lexicon file holds any number of classes and, optionally, suppressing phrases::

    [class.swear_strong]
    label = "strong swear word"        # shown in the report: "strong swear word 'f*ck'"
    disguise = true                    # also match disguised spellings (view 2, see rules.normalise)
    terms = ["shit(e|ty|s)", "fuck*"]  # (a|b) alternatives, (s) optional, {4-9} numbers, * = any ending
    names = false                      # true: skip a match written with a capital (Charlie, Dick)
    patterns = ['\\b\\d{1,2} ?yo\\b']  # regular expressions over view 1 (see below)
    cased = false                      # true: patterns need capitals (Mr Hughes) and read them

    [suppress]
    phrases = ["scunthorpe", "spotted dick"]  # a match inside one of these is dropped

Patterns are for classes that qualify a match (ages, places, names): those are looked up only in the
items a rule is already considering. A class that starts rules (an anchor) should use terms, with
``{a-b}`` ranges for numbers, because its patterns would have to scan every item.

Terms are matched on word boundaries against view 1 (lower-cased), so ``class`` never matches inside
``classic`` and ``cunt`` never inside ``Scunthorpe``. Apostrophes and hyphens are optional in the text
(``can't``/``cant``, ``k-hole``/``khole``/``k hole``). Classes are referenced from rule packs by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import RuleError, read_toml
from .normalise import plain

_GROUP = re.compile(r"\(([^()]*)\)")
_RANGE = re.compile(r"\{(\d+)-(\d+)\}")
_CLASS_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_CLASS_KEYS = {"label", "terms", "disguise", "names", "patterns", "cased", "note"}


@dataclass
class TermClass:
    """A named set of terms (and regular expressions) that rules refer to."""

    name: str
    label: str
    words: set[str] = field(default_factory=set)  # exact words and phrases, normalised like view 1
    stems: set[str] = field(default_factory=set)  # "fuck*": the stem plus any letters
    spaced: set[str] = field(default_factory=set)  # "f u c k", "f.u.c.k": generated for disguise classes
    pattern: re.Pattern[str] | None = None  # the class's regular expressions as one alternation
    disguise: bool = False
    names: bool = False
    cased: bool = False  # patterns read the text with its capitals, and only texts that have capitals
    needs_digit: bool = False  # every pattern needs a digit: texts without one are not searched
    source: str = ""


@dataclass
class Lexicon:
    """Every term class and suppressing phrase, from the shipped files plus any extra ones."""

    classes: dict[str, TermClass] = field(default_factory=dict)
    suppress: set[str] = field(default_factory=set)

    def add_file(self, path: Path) -> None:
        """Read one lexicon file into this lexicon."""
        name = Path(path).name
        data = read_toml(path, "lexicon")
        unknown = set(data) - {"class", "suppress", "source"}
        if unknown:
            raise RuleError(f"{name}: unknown top-level key(s) {sorted(unknown)}")
        for class_name, entry in data.get("class", {}).items():
            self.add_class(_term_class(name, class_name, entry))
        phrases = data.get("suppress", {}).get("phrases", [])
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise RuleError(f"{name}: suppress.phrases: must be a list of strings")
        for phrase in phrases:
            self.suppress.update(expand(phrase))

    def add_class(self, term_class: TermClass) -> None:
        """Add a class; names are unique across all lexicon files."""
        if term_class.name in self.classes:
            raise RuleError(
                f"{term_class.source}: class {term_class.name!r} is already defined in "
                f"{self.classes[term_class.name].source}"
            )
        self.classes[term_class.name] = term_class


def default_lexicon_paths() -> list[Path]:
    """Return the lexicon files shipped with the package, in name order."""
    folder = resources.files("rules") / "lexicons"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


def load_lexicon(paths: Iterable[Path] | None = None) -> Lexicon:
    """Load the shipped lexicon files (or ``paths``)."""
    lexicon = Lexicon()
    for path in default_lexicon_paths() if paths is None else paths:
        lexicon.add_file(path)
    return lexicon


def inline_class(name: str, label: str, terms: list[str], source: str) -> TermClass:
    """Build a class from terms written directly in a rule pack (``match.words``)."""
    return _term_class(source, name, {"label": label, "terms": terms}, check_name=False)


def expand(term: str) -> list[str]:
    """Expand ``(a|b)`` alternatives, ``(s)`` optional parts and ``{4-20}`` number ranges; add apostrophe-
    and hyphen-free forms."""
    term = _RANGE.sub(lambda m: "(" + "|".join(str(n) for n in range(int(m[1]), int(m[2]) + 1)) + ")", term)
    forms = [term]
    while any("(" in form for form in forms):
        expanded = []
        for form in forms:
            match = _GROUP.search(form)
            if match is None:
                raise ValueError(f"unbalanced parentheses in {term!r}")
            body = match.group(1)
            options = body.split("|") if "|" in body else ["", body]
            expanded.extend(form[: match.start()] + option + form[match.end() :] for option in options)
        forms = expanded
    variants: list[str] = []
    for form in forms:
        form = plain(form)
        variants.append(form)
        if "'" in form:
            variants.append(form.replace("'", ""))
        if "-" in form.strip("-"):
            variants.extend([form.replace("-", " "), form.replace("-", "")])
    return list(dict.fromkeys(v for v in variants if v.strip("*")))


def spaced_forms(word: str) -> list[str]:
    """Spelled-out forms of a word of four or more letters: "f u c k", "f.u.c.k", "f-u-c-k"."""
    if len(word) < 4 or not word.isalpha():
        return []
    return [separator.join(word) for separator in (" ", ".", "-")]


def _term_class(source: str, class_name: str, entry: object, check_name: bool = True) -> TermClass:
    where = f"{source}: class {class_name}"
    if check_name and not _CLASS_NAME.match(class_name):
        raise RuleError(f"{where}: the name must be lower_snake_case")
    if not isinstance(entry, dict):
        raise RuleError(f"{where}: must be a table")
    unknown = set(entry) - _CLASS_KEYS
    if unknown:
        raise RuleError(f"{where}: {sorted(unknown)[0]}: unknown field")
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        raise RuleError(f"{where}: label: must be a non-empty string")
    terms, patterns = entry.get("terms", []), entry.get("patterns", [])
    for key, value in (("terms", terms), ("patterns", patterns)):
        if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
            raise RuleError(f"{where}: {key}: must be a list of non-empty strings")
    if not terms and not patterns:
        raise RuleError(f"{where}: terms: give at least one term or pattern")
    term_class = TermClass(
        class_name,
        label.strip(),
        disguise=_flag(entry, "disguise", where),
        names=_flag(entry, "names", where),
        cased=_flag(entry, "cased", where),
        source=source,
    )
    for term in terms:
        try:
            forms = expand(term)
        except ValueError as exc:
            raise RuleError(f"{where}: terms: {exc}") from None
        for form in forms:
            if form.endswith("*"):
                term_class.stems.add(form.rstrip("*"))
            else:
                term_class.words.add(form)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RuleError(f"{where}: patterns: {pattern!r}: {exc}") from None
    if term_class.disguise:
        for word in [*term_class.words, *term_class.stems]:
            term_class.spaced.update(spaced_forms(word))
    if patterns:  # one alternation: one scan of the text instead of one per pattern
        term_class.pattern = re.compile("|".join(f"(?:{p})" for p in patterns))
        term_class.needs_digit = all("\\d" in p for p in patterns)
    return term_class


def _flag(entry: dict, key: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise RuleError(f"{where}: {key}: must be true or false")
    return value
