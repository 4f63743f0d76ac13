"""The watch list: names the user gives (``--watch FILE``) that must not appear in public posts.

File format (UTF-8 text)::

    # Lines starting with # are comments; blank lines are ignored.
    # One name per line, under a heading that says who they are. Names before any heading are [people].
    [people]        # service users, patients, families and carers you work or worked with
    Jayden Price
    Siân Evans
    [colleagues]    # managers and colleagues
    Gareth Jones
    [places]        # your employer, workplaces, schools, estates, care homes
    Cwmderi County Council
    Brookfield Children's Home

Matching is exact (any case, accents optional) and fuzzy: windows of as many words as the name, starting
with a capitalised word, are compared with ``rapidfuzz.fuzz.ratio`` (cutoff 90, accents folded), so a typo
("Jaydn" for "Jayden") is found. Swapped names ("Jones Gareth") are found with ``token_sort_ratio``. A
one-word name must be written with a capital (so the name "Will" never matches "I will"), and one-word
names shorter than five letters are matched exactly only: one changed letter in "Ann" is another word.
A one-word name that is also an everyday word ("Will", "Rose") is not matched at the start of a sentence.
Never partial_ratio over whole texts: it finds "Ann" in "planning".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process, utils

from .errors import RuleError
from .normalise import cased, fold_accents

SECTIONS = ("people", "colleagues", "places")
CUTOFF = 90
_MIN_FUZZY = 5  # letters in a one-word name before a near miss counts
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_HEADING = re.compile(r"^\[([a-z]+)\]$")


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?\n"


class WatchHit(NamedTuple):
    """A watch-list name found in a text."""

    section: str
    name: str  # as the user wrote it
    written: str  # as the text has it
    fuzzy: bool


# One-word names that are also everyday words: at the start of a sentence they are read as the word.
WORD_NAMES = frozenset(
    "will may mark rose hope grace faith joy bill pat sue ray june april summer dawn amber ruby holly ivy "
    "iris daisy lily jack frank rob sandy sky storm river brook autumn honey penny sunny rich chase hunter "
    "max rocky chip cliff dale glen heath page grant jean carol guy dean earl rusty"
    .split()
)  # fmt: skip


def _fold(text: str) -> str:
    return utils.default_process(fold_accents(text.replace("'", "").replace("’", "")))


@dataclass
class Watchlist:
    """Names per section, ready for matching."""

    names: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_size: dict[int, dict[str, tuple[str, str]]] = {}
        for section, names in self.names.items():
            for name in names:
                folded = _fold(name)
                if folded:
                    self._by_size.setdefault(len(folded.split()), {})[folded] = (section, name)
                parts = folded.split()
                if section != "places" and len(parts) >= 2:  # "G Jones" for Gareth Jones
                    self._by_size.setdefault(2, {}).setdefault(f"{parts[0][0]} {parts[-1]}", (section, name))
        self._memo: dict[str, tuple[str, str, bool] | None] = {}
        # first words of the names, per size: a lower-case window can only be an exact match from there
        self._firsts = {size: {key.split()[0] for key in table} for size, table in self._by_size.items()}

    def __bool__(self) -> bool:
        return bool(self._by_size)

    @classmethod
    def from_names(cls, names: dict[str, list[str]]) -> Watchlist:
        """Build a watch list from names per section."""
        return cls({section: list(values) for section, values in names.items()})

    @classmethod
    def load(cls, path: Path) -> Watchlist:
        """Read a watch-list file (format in the module docstring)."""
        try:
            lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(f"{path}: cannot read the watch list ({exc})") from None
        names: dict[str, list[str]] = {}
        section = "people"
        for number, line in enumerate(lines, 1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            heading = _HEADING.match(text.lower())
            if heading:
                section = heading.group(1)
                if section not in SECTIONS:
                    raise RuleError(
                        f"{Path(path).name}: line {number}: unknown heading [{section}]; "
                        f"use {', '.join(f'[{s}]' for s in SECTIONS)}"
                    )
                continue
            names.setdefault(section, []).append(text)
        return cls(names)

    def find(self, text: str) -> list[WatchHit]:
        """Every watch-list name in ``text``, exact or near."""
        written = cased(text)
        matches = list(_WORD.finditer(written))
        words = [m.group(0) for m in matches]
        hits: dict[str, WatchHit] = {}
        for size, table in self._by_size.items():
            firsts = self._firsts[size]
            for index in range(len(words) - size + 1):
                first = words[index]
                if not first[0].isupper() and first.lower().strip(".'’-") not in firsts:
                    continue  # fuzzy matching starts at a capital; exact matching at a name's first word
                if (
                    size == 1
                    and first.lower() in WORD_NAMES
                    and _starts_sentence(written, matches[index].start())
                ):
                    continue
                window = words[index : index + size]
                found = self._match(window, table, size)
                if found is not None:
                    section, name, fuzzy = found
                    shown = " ".join(window).strip(".'’-")
                    hits.setdefault(name, WatchHit(section, name, shown, fuzzy))
        return list(hits.values())

    def _match(self, window: list[str], table: dict[str, tuple[str, str]], size: int) -> tuple | None:
        first = window[0]
        if size == 1 and not first[0].isupper():
            return None
        key = " ".join(window)
        if key in self._memo:
            return self._memo[key]
        folded = _fold(key)
        result = None
        if folded in table:
            result = (*table[folded], False)
        elif first[0].isupper() and (size > 1 or len(folded) >= _MIN_FUZZY):
            best = process.extractOne(folded, list(table), scorer=fuzz.ratio, score_cutoff=CUTOFF)
            if best is None and size > 1:
                best = process.extractOne(
                    folded, list(table), scorer=fuzz.token_sort_ratio, score_cutoff=CUTOFF
                )
            if best is not None:
                result = (*table[best[0]], True)
        if len(self._memo) < 100_000:
            self._memo[key] = result
        return result
