"""Find term-class matches ("spots") in a chunk of texts, fast.

The chunk's view-1 texts are joined into one string and run through ONE Aho-Corasick automaton holding
every anchor term (the classes that can start a rule), the suppressing phrases and the user's allowed
phrases. Python only touches the matches, so a chunk of 20,000 items costs a few milliseconds. Classes
that only qualify a match (time words, pronouns, debunking words...) are "lazy": they are looked up in
a single item only when a rule needs them there, so common words never slow the whole scan down.

A match counts only on word boundaries (``isalnum`` on both neighbours; ``_`` and ``@`` count as parts
of a word, so @handles are not searched), so terms never fire inside longer words. A match inside a
suppressing or allowed phrase is dropped. The same automaton holds character sequences that suggest a
disguise (``a*``, ``h1t``, ``uuu``, look-alike letters): only items with one get view 2.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate
from typing import NamedTuple

import ahocorasick

from .lexicon import Lexicon, TermClass
from .normalise import HOMOGLYPH_CHARS, MASKS, cased, disguised_tokens, looks_disguised, plain, plain_many

_NONE: list = []  # shared empty result; never appended to
_DIGIT = re.compile(r"\d")
_SEP = "\x00"  # joins the texts of a chunk; never part of a term, and not alphanumeric
_SUPPRESS = -1
_ALLOW = -2
_SIGN = -3  # a sign that the item may hide a disguised word: it gets view 2


def _sign_keys() -> list[str]:
    """Character sequences that suggest a disguise, found by the automaton in the same pass as the terms:
    a letter tripled (fuuuck), a mask after a letter (f*ck), leet between letters (sh1t, b!tch, tw@t, a$$),
    a look-alike letter from another script (Cyrillic ѕ)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    keys = [c * 3 for c in letters]
    keys += [c + mark for c in letters for mark in "*#•$"]
    keys += [a + leet + b for a in letters for leet in "013457!@" for b in letters]
    keys += list(HOMOGLYPH_CHARS)
    return keys


class Spot(NamedTuple):
    """One match of a class in one item: where it is in view 1 and the words written there."""

    start: int
    end: int
    text: str
    disguised: bool = False


# Spot(...) goes through a Python-level __new__; the hot loops build spots with this C-level call instead.
_spot = partial(tuple.__new__, Spot)


class _Entry(NamedTuple):
    cls: int  # index of the class, or _SUPPRESS / _ALLOW
    length: int
    stem: bool
    names: bool
    disguised: bool = False  # a spelled-out form ("f u c k")


def _automaton(entries: Iterable[tuple[str, _Entry]]) -> ahocorasick.Automaton | None:
    table: dict[str, list[_Entry]] = {}
    for key, entry in entries:
        table.setdefault(key, []).append(entry)
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, values in table.items():
        automaton.add_word(key, tuple(values))
    automaton.make_automaton()
    return automaton


def _class_entries(index: int, term_class: TermClass) -> Iterable[tuple[str, _Entry]]:
    for word in term_class.words:
        yield word, _Entry(index, len(word), False, term_class.names)
    for stem in term_class.stems:
        yield stem, _Entry(index, len(stem), True, term_class.names)
    for form in term_class.spaced:
        yield form, _Entry(index, len(form), False, False, True)


def _find(automaton: ahocorasick.Automaton, text: str) -> Iterable[tuple[int, int, _Entry]]:
    """Yield (start, end, entry) for every match on word boundaries.

    "_" counts as part of a word and "@" as the start of one, so words inside @handles and
    snake_case names ("@nurse_jo", "@drunk_uncle") are not matches.
    """
    size = len(text)
    for last, entries in automaton.iter(text):
        end = last + 1
        for entry in entries:
            start = end - entry.length
            if entry.cls == _SIGN:
                yield start, end, entry
                continue
            if start > 0 and _wordish(text[start - 1]) and text[start].isalnum():
                continue
            if entry.names and start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
                continue  # a word with an innocent sense, as the end of a hyphenated word ("mus-tard")
            stop = end
            if entry.stem:
                while stop < size and text[stop].isalnum():
                    stop += 1
            elif stop < size and (text[stop].isalnum() or text[stop] == "_") and text[stop - 1].isalnum():
                continue
            yield start, stop, entry


def _wordish(char: str) -> bool:
    return char.isalnum() or char == "_" or char == "@"


@dataclass
class ChunkSpots:
    """The spots of one chunk: per row, per class. Lazy classes are filled in on first use."""

    scanner: Scanner
    texts: list[str]  # the original texts
    views: list[str]  # view 1
    joined: tuple[str, list[int]] = ("", [0])  # view 1 of the chunk joined, and where each row starts
    found: dict[int, dict[str, list[Spot]]] = field(default_factory=dict)
    rows_by_class: dict[str, set[int]] = field(default_factory=dict)
    blocked: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # suppressed / allowed spans
    allowed: dict[int, list[str]] = field(default_factory=dict)  # allowed phrases present, per row
    disguised: dict[int, list[tuple[int, int, str, str]]] = field(default_factory=dict)  # view 2 per row
    signs: dict[int, bool] = field(default_factory=dict)  # per row: does view 1 show a sign of a disguise?
    written: dict[int, str] = field(default_factory=dict)  # view 1 with its capitals, per row, when needed

    def looks_disguised(self, row: int) -> bool:
        """Whether ``row`` shows a sign of a disguised word (computed once per row)."""
        sign = self.signs.get(row)
        if sign is None:
            sign = self.signs[row] = looks_disguised(self.views[row])
        return sign

    def cased(self, row: int) -> str:
        """View 1 of ``row`` before lower-casing."""
        text = self.written.get(row)
        if text is None:
            text = self.written[row] = cased(self.texts[row])
        return text

    def rows(self, names: Iterable[str]) -> set[int]:
        """Rows where any of the (anchor) classes ``names`` matched."""
        result: set[int] = set()
        for name in names:
            result |= self.rows_by_class.get(name, set())
        return result

    def get(self, row: int, name: str) -> list[Spot]:
        """The spots of class ``name`` in ``row`` (computed now for a lazy class)."""
        per_row = self.found.get(row)
        if per_row is None:
            per_row = self.found[row] = {}
        spots = per_row.get(name)
        if spots is None:
            if name in self.scanner.anchors:
                return []  # the whole-chunk pass found every anchor spot there is
            spots = per_row[name] = self.scanner.lazy_spots(self, row, name)
        return spots

    def add(self, row: int, name: str, spot: Spot) -> None:
        """Record a spot of an anchor class."""
        self.found.setdefault(row, {}).setdefault(name, []).append(spot)
        self.rows_by_class.setdefault(name, set()).add(row)

    def free(self, row: int, start: int, end: int) -> bool:
        """True unless [start, end) lies inside a suppressing or allowed phrase of ``row``."""
        spans = self.blocked.get(row)
        return not spans or not any(s <= start and end <= e for s, e in spans)


class Scanner:
    """Compiled automata for one engine: the anchor classes, suppressors and allowed phrases."""

    def __init__(
        self, lexicon: Lexicon, anchors: set[str], allow: Iterable[str] = (), lazy: Iterable[str] = ()
    ) -> None:
        self.lexicon = lexicon
        self.anchors = set(anchors)
        self.names = list(lexicon.classes)
        self.index = {name: i for i, name in enumerate(self.names)}
        entries: list[tuple[str, _Entry]] = []
        disguise_entries: list[tuple[str, _Entry]] = []
        for name in sorted(self.anchors):
            term_class = lexicon.classes[name]
            own = list(_class_entries(self.index[name], term_class))
            entries.extend(own)
            if term_class.disguise:
                disguise_entries.extend(own)
        for phrase in lexicon.suppress:
            entries.append((phrase, _Entry(_SUPPRESS, len(phrase), False, False)))
        if disguise_entries:
            entries.extend((key, _Entry(_SIGN, len(key), False, False)) for key in _sign_keys())
        self.allow = sorted({plain(p) for p in allow if p.strip()})
        for phrase in self.allow:
            entries.append((phrase, _Entry(_ALLOW, len(phrase), False, False)))
        self.automaton = _automaton(entries)
        self.disguise_automaton = _automaton(disguise_entries)
        self.anchor_patterns = [
            (n, lexicon.classes[n]) for n in sorted(self.anchors) if lexicon.classes[n].pattern
        ]
        # Classes that qualify a match are looked up per item, one class at a time: an item pays only for
        # the classes its rules ask about, however many classes the lexicon holds.
        lazy = sorted(set(lazy) - self.anchors)
        self.lazy_automata = {n: _automaton(_class_entries(self.index[n], lexicon.classes[n])) for n in lazy}
        self._words, self._stems = self._disguise_vocabulary()
        self._sorted_stems = sorted(self._stems)
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self._words):
            self._by_length.setdefault(len(word), []).append(word)

    # -- the whole-chunk pass -------------------------------------------------------------------------

    def scan(self, texts: list[str]) -> ChunkSpots:
        """Find every anchor spot in a chunk of texts."""
        views = plain_many(texts)
        chunk = ChunkSpots(self, texts, views)
        big = _SEP.join(views)
        starts = [0, *accumulate(len(v) + 1 for v in views)]
        chunk.joined = (big, starts)
        pending: list[tuple[int, int, int, _Entry]] = []
        signs: set[int] = set()
        if self.automaton is not None:
            for start, end, entry in _find(self.automaton, big):
                row = bisect_right(starts, start) - 1
                offset = starts[row]
                if entry.cls == _SIGN:
                    if not _in_email(big, start):
                        signs.add(row)
                elif entry.cls < 0:
                    chunk.blocked.setdefault(row, []).append((start - offset, end - offset))
                    if entry.cls == _ALLOW:
                        chunk.allowed.setdefault(row, []).append(big[start:end])
                else:
                    pending.append((row, start - offset, end - offset, entry))
        for row, start, end, entry in pending:
            self._keep(chunk, row, start, end, entry)
        for name, term_class in self.anchor_patterns:
            if term_class.pattern is not None:
                for match in term_class.pattern.finditer(big):
                    row = bisect_right(starts, match.start()) - 1
                    start, end = match.start() - starts[row], match.end() - starts[row]
                    if chunk.free(row, start, end):
                        chunk.add(row, name, Spot(start, end, match.group(0)))
        if self.disguise_automaton is not None:
            for row in sorted(signs):
                for start, end, entry, original in self._disguised(chunk, row, self.disguise_automaton):
                    name = self.names[entry.cls]
                    if not any(s.start == start for s in chunk.found.get(row, {}).get(name, ())):
                        chunk.add(row, name, Spot(start, end, original, True))
        return chunk

    def _keep(self, chunk: ChunkSpots, row: int, start: int, end: int, entry: _Entry) -> None:
        if not chunk.free(row, start, end):
            return
        if entry.names and _capitalised(chunk.cased(row), chunk.views[row], start):
            return
        chunk.add(
            row, self.names[entry.cls], _spot((start, end, chunk.views[row][start:end], entry.disguised))
        )

    # -- view 2 ---------------------------------------------------------------------------------------

    def _disguised(
        self, chunk: ChunkSpots, row: int, automaton: ahocorasick.Automaton
    ) -> Iterable[tuple[int, int, _Entry, str]]:
        """Yield (start, end, entry, written words) for matches in view 2 that were really disguised.

        Positions are mapped back to view 1 through the tokens, so suppressors and windows still apply.
        """
        if row not in chunk.disguised:
            chunk.disguised[row] = self._view2(chunk.views[row])
        tokens = chunk.disguised[row]
        view2 = " ".join(t[2] for t in tokens)
        # token boundaries in view 2, to map a match back to the view-1 words it covers
        bounds = [0, *accumulate(len(t[2]) + 1 for t in tokens)]
        for start, end, entry in _find(automaton, view2):
            first = bisect_right(bounds, start) - 1
            last = bisect_right(bounds, end - 1) - 1
            original = " ".join(t[3] for t in tokens[first : last + 1]).strip(".,!?;:'\"()")
            word = view2[start:end]
            if original == word:
                continue  # not disguised: view 1 has (or has deliberately not) matched it
            span_start, span_end = tokens[first][0], tokens[last][1]
            if chunk.free(row, span_start, span_end):
                yield span_start, span_end, entry, original

    def _view2(self, view: str) -> list[tuple[int, int, str, str]]:
        """View-2 tokens of a view-1 text, each with its view-1 span: (start, end, word, written)."""
        result = []
        position = 0
        for token in disguised_tokens(view, self._known):
            start = view.find(token.original, position)
            end = start + len(token.original)
            position = end
            result.append((start, end, token.word, token.original))
        return result

    def _disguise_vocabulary(self) -> tuple[set[str], set[str]]:
        words: set[str] = set()
        stems: set[str] = set()
        for term_class in self.lexicon.classes.values():
            if term_class.disguise:
                words.update(w for w in term_class.words if " " not in w and not set(w) & set(MASKS))
                stems.update(term_class.stems)
        return words, stems

    def _known(self, candidate: str) -> str | None:
        """The lexicon word a masked or stretched spelling stands for, if any."""
        masked = [c in MASKS for c in candidate]
        if not any(masked):
            if candidate in self._words or any(candidate.startswith(s) for s in self._stems if len(s) >= 3):
                return candidate
            return None
        visible = sum(1 for m in masked if not m)
        if visible < 2:
            return None
        for word in self._by_length.get(len(candidate), ()):
            if _fits(candidate, word):
                return word
        for stem in self._sorted_stems:
            head, tail = candidate[: len(stem)], candidate[len(stem) :]
            if len(head) == len(stem) and _fits(head, stem) and (not tail or tail.isalpha()):
                return stem + tail
        return None

    # -- lazy classes ---------------------------------------------------------------------------------

    def lazy_spots(self, chunk: ChunkSpots, row: int, name: str) -> list[Spot]:
        """Spots of a non-anchor class in one row."""
        term_class = self.lexicon.classes[name]
        view = chunk.views[row]
        spots: list[Spot] = []
        automaton = self.lazy_automata.get(name)
        if automaton is not None:
            for start, end, entry in _find(automaton, view):
                if not chunk.free(row, start, end):
                    continue
                if entry.names and _capitalised(chunk.cased(row), view, start):
                    continue
                spots.append(_spot((start, end, view[start:end], entry.disguised)))
            if term_class.disguise and chunk.looks_disguised(row):
                spots.extend(
                    Spot(start, end, original, True)
                    for start, end, _, original in self._disguised(chunk, row, automaton)
                )
        if term_class.pattern is None:
            return spots or _NONE
        if term_class.needs_digit and _DIGIT.search(view) is None:
            return spots
        target = view
        if term_class.cased:
            target = chunk.cased(row)
            if len(target) != len(view) or not _capital_inside(target, view):
                return spots  # positions would not agree; or no capital besides the first letter and "I"
        for match in term_class.pattern.finditer(target):
            if chunk.free(row, match.start(), match.end()):
                spots.append(_spot((match.start(), match.end(), match.group(0), False)))
        return spots


def _capital_inside(written: str, view: str) -> bool:
    """True when ``written`` has a capital letter after its first character, other than the word "I".

    Patterns over capitals (names, places, schools) need one beyond the first letter of the post; the one
    that could match there ("Doris in room 12") is matched without capitals instead (class ident_bed).
    """
    rest = written[1:]
    if rest == view[1:]:
        return False
    return rest.replace(" I ", " i ").replace(" I'", " i'") != view[1:]


def _in_email(text: str, start: int) -> bool:
    """True when a sign like "o@e" at ``start`` is an email address ("jo@example.com"), not "tw@t"."""
    if text[start + 1 : start + 2] != "@":
        return False
    end = start + 2
    while end < len(text) and not text[end].isspace() and text[end] != _SEP:
        end += 1
    return "." in text[start + 2 : end]


def _fits(masked: str, word: str) -> bool:
    return all(m in MASKS or m == w for m, w in zip(masked, word, strict=True))


def _capitalised(written: str, view: str, start: int) -> bool:
    """True when the word at ``start`` of view 1 was written with a capital (a name), in a text that isn't
    all capitals. ``written`` is view 1 before lower-casing."""
    if len(written) != len(view) or written.isupper():
        return False
    return written[start].isupper()
