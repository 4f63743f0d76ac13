"""Matcher kinds: the code behind the rules. A rule's ``[rule.match]`` table picks one by ``kind``.

- ``lexicon``: any term of the named classes (``classes``) or of the rule's own ``words``.
- ``context``: a term of an ``anchor`` class with terms of ``need`` (default 1) of the ``with`` classes
  within ``window`` words of it (anywhere in the item when no window is given).
- ``pattern``: a regular expression over the original text, confirmed by a ``validator`` and, optionally,
  by ``with`` classes near the match. ``requires`` (literals) and ``prefilter`` (a short regular
  expression, digit-led where possible) pick the items worth the full pattern in one pass per chunk.
- ``watchlist``: a name from the user's watch list (``section`` = people, colleagues or places).
- ``metadata``: a field of the item (``field = "location"``) or a photo or video with no text
  (``media_only = true``).

Every term-based kind also takes ``unless`` (classes that cancel the rule anywhere in the item),
``require`` (classes one of which must be somewhere in the item: "the poster's own voice"),
``lower_if`` / ``raise_if`` (classes that move confidence one step down or up), ``info_if`` (classes
that turn the finding into a severity-``info`` note: reported or condemned speech, training) and
``min_terms`` (distinct anchor terms needed). Every matcher works on a whole chunk and yields
``Finding``s: the row, the evidence shown in "why", and any change of severity or confidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, NamedTuple, Protocol

from .errors import RuleError
from .lexicon import Lexicon, inline_class
from .rule import CONFIDENCES, Rule
from .scan import ChunkSpots, Spot
from .validators import VALIDATORS
from .watchlist import SECTIONS, WatchHit, Watchlist

_TERM_KEYS = {"unless", "require", "lower_if", "raise_if", "info_if", "min_terms"}
_KEYS = {
    "lexicon": {"classes", "words", *_TERM_KEYS},
    "context": {"anchor", "with", "need", "window", *_TERM_KEYS},
    "pattern": {
        "pattern",
        "ignore_case",
        "validator",
        "requires",
        "prefilter",
        "with",
        "need",
        "window",
        "unless",
    },
    "watchlist": {"section"},
    "metadata": {"field", "media_only"},
}


class Finding(NamedTuple):
    """A rule firing on one row of a chunk."""

    row: int
    evidence: str
    confidence: str | None = None  # when context moved it
    info: bool = False  # context says this is a note, not a flag (severity info)
    written: str = ""  # for patterns and names: the text matched, checked against the allow list


@dataclass
class Chunk:
    """What matchers see of a chunk: the spots, the item kinds and the metadata columns."""

    spots: ChunkSpots
    kinds: list[str]
    columns: dict[str, list[Any]]
    watchlist: Watchlist | None = None
    prefilters: re.Pattern[str] | None = None  # every pattern rule's prefilter, as one alternation
    _watch: dict[int, list[WatchHit]] | None = field(default=None, repr=False)
    _original: tuple[str, list[int]] | None = field(default=None, repr=False)
    _prefiltered: dict[str, set[int]] = field(default_factory=dict, repr=False)

    @property
    def texts(self) -> list[str]:
        return self.spots.texts

    def watch_hits(self) -> dict[int, list[WatchHit]]:
        """Watch-list names per row (computed once per chunk)."""
        if self._watch is None:
            self._watch = {}
            if self.watchlist:
                for row, text in enumerate(self.texts):
                    found = self.watchlist.find(text) if text else []
                    if found:
                        self._watch[row] = found
        return self._watch

    def rows_matching(self, prefilter: re.Pattern[str]) -> set[int]:
        """Rows whose view 1 matches ``prefilter``. The chunk is scanned once for all prefilters together;
        each rule's own prefilter then only tests the rows that passed."""
        rows = self._prefiltered.get(prefilter.pattern)
        if rows is None:
            union = self.prefilters or prefilter
            candidates = self._prefiltered.get(union.pattern)
            if candidates is None:
                big, starts = self.spots.joined
                candidates = {bisect_right(starts, m.start()) - 1 for m in union.finditer(big)}
                self._prefiltered[union.pattern] = candidates
            views = self.spots.views
            rows = self._prefiltered[prefilter.pattern] = {
                r for r in candidates if prefilter.search(views[r])
            }
        return rows

    def rows_containing(self, literals: list[str]) -> set[int]:
        """Rows whose view 1 contains any of ``literals`` (found with str.find over the whole chunk)."""
        big, starts = self.spots.joined
        rows: set[int] = set()
        for literal in literals:
            position = big.find(literal)
            while position >= 0:
                row = bisect_right(starts, position) - 1
                rows.add(row)
                position = big.find(literal, starts[row + 1])  # on to the next item
        return rows

    def joined(self) -> tuple[str, list[int]]:
        """The original texts joined into one string, and where each starts (for whole-chunk regexes)."""
        if self._original is None:
            starts = [0, *accumulate(len(t) + 1 for t in self.texts)]
            self._original = ("\x00".join(self.texts), starts)
        return self._original


class Matcher(Protocol):
    """What every matcher kind provides."""

    anchors: set[str]  # lexicon classes this matcher needs found across the whole chunk
    lazy: set[str]  # classes it looks up only in the items its anchors matched

    def describe(self) -> str:
        """How the rule matches, in plain English (for `social-audit rules ID`)."""
        ...

    def find(self, chunk: Chunk) -> Iterator[Finding]:
        """Yield a Finding for each row the rule fires on."""
        ...


def _fail(rule: Rule, key: str, problem: str) -> RuleError:
    return RuleError(f"{rule.pack}: {rule.id}: match.{key}: {problem}")


def _classes(rule: Rule, lexicon: Lexicon, key: str, required: bool = False) -> list[str]:
    value = rule.match.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(rule, key, "must be a list of lexicon class names")
    if required and not value:
        raise _fail(rule, key, "missing: name at least one lexicon class")
    for name in value:
        if name not in lexicon.classes:
            raise _fail(rule, key, f"unknown lexicon class {name!r}")
    return value


def _int(rule: Rule, key: str, default: int | None) -> int | None:
    value = rule.match.get(key, default)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise _fail(rule, key, "must be a whole number, 0 or more")
    return value


def _word_index(view: str, position: int) -> int:
    return view.count(" ", 0, position)


def _gap(view: str, a: Spot, b: Spot) -> int:
    """Words between two spots (0 when adjacent or overlapping)."""
    a0, a1 = _word_index(view, a.start), _word_index(view, max(a.start, a.end - 1))
    b0, b1 = _word_index(view, b.start), _word_index(view, max(b.start, b.end - 1))
    return max(0, max(a0, b0) - min(a1, b1) - 1)


def _quote(spots: list[Spot], limit: int = 4) -> str:
    words = list(dict.fromkeys(s.text for s in spots))
    text = ", ".join(f"'{w}'" for w in words[:limit])
    if any(s.disguised for s in spots):
        text += " (a disguised spelling)"
    return text


class TermMatcher:
    """The ``lexicon`` and ``context`` kinds: terms from lexicon classes, with their surroundings."""

    def __init__(self, rule: Rule, lexicon: Lexicon) -> None:
        self.rule = rule
        self.lexicon = lexicon
        kind = rule.match["kind"]
        if kind == "lexicon":
            self.anchor = _classes(rule, lexicon, "classes")
            words = rule.match.get("words", [])
            if words:
                if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                    raise _fail(rule, "words", "must be a list of words or phrases")
                name = f"rule_{rule.id.lower()}"
                if name not in lexicon.classes:
                    lexicon.add_class(inline_class(name, "listed word", words, rule.pack))
                self.anchor.append(name)
            if not self.anchor:
                raise _fail(rule, "classes", "name lexicon classes or give 'words'")
            self.near: list[str] = []
        else:
            self.anchor = _classes(rule, lexicon, "anchor", required=True)
            self.near = _classes(rule, lexicon, "with")
        self.need = _int(rule, "need", 1 if self.near else 0) or 0
        if self.need > len(self.near):
            raise _fail(rule, "need", f"asks for {self.need} of {len(self.near)} 'with' classes")
        self.window = _int(rule, "window", None)
        self.unless = _classes(rule, lexicon, "unless")
        self.require = _classes(rule, lexicon, "require")
        self.lower_if = _classes(rule, lexicon, "lower_if")
        self.raise_if = _classes(rule, lexicon, "raise_if")
        self.info_if = _classes(rule, lexicon, "info_if")
        self.min_terms = _int(rule, "min_terms", 1) or 1
        self.anchors = set(self.anchor)
        self.lazy = {*self.near, *self.unless, *self.require, *self.lower_if, *self.raise_if, *self.info_if}
        self.unless_terms = [n for n in self.unless if lexicon.classes[n].pattern is None]
        self.unless_patterns = [n for n in self.unless if lexicon.classes[n].pattern is not None]

    def describe(self) -> str:
        """How the rule matches, in plain English."""
        labels = self._labels
        text = f"any {' or '.join(labels(self.anchor))}"
        if self.near:
            where = "anywhere in the item" if self.window is None else f"within {self.window} words"
            count = "" if self.need <= 1 else f"{self.need} of "
            text += f", with {count}{' / '.join(labels(self.near))} {where}"
        if self.require:
            text += f"; only with {' or '.join(labels(self.require))} somewhere in the item"
        if self.unless:
            text += f"; not when there is {' or '.join(labels(self.unless))}"
        if self.info_if:
            text += f"; only a note when there is {' or '.join(labels(self.info_if))}"
        return text

    def _labels(self, names: list[str]) -> list[str]:
        return list(dict.fromkeys(self.lexicon.classes[n].label for n in names))

    def find(self, chunk: Chunk) -> Iterator[Finding]:
        spots = chunk.spots
        rows = spots.rows(self.anchor)
        if self.need and self.near and all(n in spots.scanner.anchors for n in self.near):
            rows &= spots.rows(self.near)  # the nearby classes were found chunk-wide: skip rows without one
        for row in sorted(rows):
            found = [s for name in self.anchor for s in spots.get(row, name)]
            if len({s.text for s in found}) < self.min_terms:
                continue
            # cheap checks first: classes of plain terms come from one automaton pass per item
            if any(spots.get(row, name) for name in self.unless_terms):
                continue
            if self.require and not any(spots.get(row, name) for name in self.require):
                continue
            evidence = self._evidence(spots, row, found)
            if evidence is None or any(spots.get(row, name) for name in self.unless_patterns):
                continue
            yield Finding(
                row,
                evidence,
                self._confidence(spots, row),
                any(spots.get(row, name) for name in self.info_if),
            )

    def _evidence(self, spots: ChunkSpots, row: int, found: list[Spot]) -> str | None:
        if not self.near:
            return _quote(found)
        view = spots.views[row]
        for anchor in found:
            parts = []
            for name in self.near:
                close = [
                    s
                    for s in spots.get(row, name)
                    if self.window is None or _gap(view, anchor, s) <= self.window
                ]
                # a term inside the anchor is part of it ("english" in "learn english"), not context
                close = [s for s in close if not (anchor.start <= s.start and s.end <= anchor.end)]
                if close:
                    parts.append(f"{self.lexicon.classes[name].label} {_quote(close, 2)}")
            if len(parts) >= self.need:
                label = self.lexicon.classes[self._class_of(spots, row, anchor)].label
                return " + ".join([f"{label} {_quote([anchor])}", *parts[:3]])
        return None

    def _class_of(self, spots: ChunkSpots, row: int, spot: Spot) -> str:
        return next(name for name in self.anchor if spot in spots.get(row, name))

    def _confidence(self, spots: ChunkSpots, row: int) -> str | None:
        step = 0
        if any(spots.get(row, name) for name in self.lower_if):
            step -= 1
        if any(spots.get(row, name) for name in self.raise_if):
            step += 1
        if not step:
            return None
        rank = CONFIDENCES.index(self.rule.confidence) + step
        return CONFIDENCES[min(max(rank, 0), len(CONFIDENCES) - 1)]


class PatternMatcher:
    """A regular expression over the original texts, confirmed by a validator and nearby words."""

    def __init__(self, rule: Rule, lexicon: Lexicon) -> None:
        spec = rule.match
        self.rule = rule
        self.lexicon = lexicon
        flags = re.IGNORECASE if spec.get("ignore_case", True) else 0
        try:
            self.regex = re.compile(spec["pattern"], flags)
        except KeyError:
            raise _fail(rule, "pattern", "missing") from None
        except (TypeError, re.error) as exc:
            raise _fail(rule, "pattern", str(exc)) from None
        validator = spec.get("validator")
        if validator is not None and validator not in VALIDATORS:
            raise _fail(rule, "validator", f"unknown validator {validator!r}; one of {', '.join(VALIDATORS)}")
        self.validator: Callable[[str], bool] | None = VALIDATORS.get(validator) if validator else None
        self.near = _classes(rule, lexicon, "with")
        self.need = _int(rule, "need", 1 if self.near else 0) or 0
        self.window = _int(rule, "window", None)
        self.unless = _classes(rule, lexicon, "unless")
        self.lazy = {*self.near, *self.unless}
        # Cheap tests that pick the texts worth the full pattern, both over view 1 (lower-cased, links
        # other than map links removed): literals one of which every match contains (lower case), or a
        # short regular expression, run once over the whole chunk with every other rule's prefilter.
        requires = spec.get("requires", [])
        self.requires = [requires] if isinstance(requires, str) else requires
        if not isinstance(self.requires, list) or not all(isinstance(r, str) and r for r in self.requires):
            raise _fail(rule, "requires", "must be a string or a list of non-empty strings")
        self.prefilter = None
        if "prefilter" in spec:
            try:
                self.prefilter = re.compile(spec["prefilter"])
            except (TypeError, re.error) as exc:
                raise _fail(rule, "prefilter", str(exc)) from None
        self.anchors: set[str] = set()

    def describe(self) -> str:
        """How the rule matches, in plain English."""
        text = f"the pattern {self.regex.pattern}"
        if self.validator is not None:
            text += f", checked by {self.validator.__name__}"
        if self.near:
            labels = dict.fromkeys(self.lexicon.classes[n].label for n in self.near)
            text += f", with {' / '.join(labels)} within {self.window} words"
        return text

    def find(self, chunk: Chunk) -> Iterator[Finding]:
        done: set[int] = set()
        for row, start, end, written in self._matches(chunk):
            if row in done:
                continue
            if self.validator is not None and not self.validator(written):
                continue
            if any(chunk.spots.get(row, name) for name in self.unless):
                continue
            nearby = self._nearby(chunk, row, start, end)
            if nearby is None:
                continue
            done.add(row)
            yield Finding(row, " + ".join([f"'{written}'", *nearby]), written=written)

    def _matches(self, chunk: Chunk) -> Iterator[tuple[int, int, int, str]]:
        """(row, start, end, text) of every match, in the texts that pass the prefilters, or else over
        the whole chunk joined into one string (one C-level scan instead of a Python loop)."""
        if self.requires or self.prefilter is not None:
            texts = chunk.texts
            if self.prefilter is not None:
                rows: Iterable[int] = sorted(chunk.rows_matching(self.prefilter))
            else:
                rows = sorted(chunk.rows_containing(self.requires))
            for row in rows:
                text = texts[row]
                for match in self.regex.finditer(text):
                    yield row, match.start(), match.end(), match.group(0).strip()
            return
        big, starts = chunk.joined()
        for match in self.regex.finditer(big):
            row = bisect_right(starts, match.start()) - 1
            offset = starts[row]
            yield row, match.start() - offset, match.end() - offset, match.group(0).strip()

    def _nearby(self, chunk: Chunk, row: int, start: int, end: int) -> list[str] | None:
        if not self.near:
            return []
        text, view = chunk.texts[row], chunk.spots.views[row]
        first, last = len(text[:start].split()), max(len(text[:end].split()) - 1, 0)
        parts = []
        for name in self.near:
            close = []
            for spot in chunk.spots.get(row, name):
                s0, s1 = _word_index(view, spot.start), _word_index(view, max(spot.start, spot.end - 1))
                if self.window is None or max(0, max(first, s0) - min(last, s1) - 1) <= self.window:
                    close.append(spot)
            if close:
                parts.append(f"{self.lexicon.classes[name].label} {_quote(close, 2)}")
        return parts if len(parts) >= self.need else None


class WatchlistMatcher:
    """Names from the user's watch list, in one section."""

    def __init__(self, rule: Rule, lexicon: Lexicon) -> None:
        self.section = rule.match.get("section")
        if self.section not in SECTIONS:
            raise _fail(rule, "section", f"must be one of {', '.join(SECTIONS)}")
        self.anchors: set[str] = set()
        self.lazy: set[str] = set()

    def describe(self) -> str:
        """How the rule matches, in plain English."""
        return f"a name from the [{self.section}] section of your --watch list, exactly or with a typo"

    def find(self, chunk: Chunk) -> Iterator[Finding]:
        for row, hits in sorted(chunk.watch_hits().items()):
            mine = [h for h in hits if h.section == self.section]
            if mine:
                # a first name alone is weaker evidence than a full name (detection.md §7.3)
                single = all(" " not in h.name.strip() for h in mine)
                evidence = ", ".join(_watch_evidence(h) for h in mine[:3])
                yield Finding(row, evidence, "low" if single else None, written=mine[0].written)


def _watch_evidence(hit: WatchHit) -> str:
    if hit.fuzzy:
        return f"'{hit.written}' (close to '{hit.name}' on your watch list)"
    return f"'{hit.written}' (on your watch list)"


class MetadataMatcher:
    """A field of the item itself: a geotag or check-in, or media without any text."""

    def __init__(self, rule: Rule, lexicon: Lexicon) -> None:
        self.field = rule.match.get("field")
        self.media_only = rule.match.get("media_only", False)
        if self.field is None and not self.media_only:
            raise _fail(rule, "field", "name an item field (e.g. location) or set media_only = true")
        if self.field is not None and self.field not in ("location", "audience", "author"):
            raise _fail(rule, "field", f"{self.field!r} is not one of location, audience, author")
        self.anchors: set[str] = set()
        self.lazy: set[str] = set()

    def describe(self) -> str:
        """How the rule matches, in plain English."""
        return "a photo or video with no text" if self.media_only else f"the item's {self.field} field is set"

    def find(self, chunk: Chunk) -> Iterator[Finding]:
        if self.media_only:
            media = chunk.columns.get("media") or [0] * len(chunk.kinds)
            texts, kinds = chunk.texts, chunk.kinds
            rows = {i for i, count in enumerate(media) if count} | {
                i for i, k in enumerate(kinds) if k == "media"
            }
            for row in sorted(rows):
                if kinds[row] == "media" or not texts[row].strip():
                    yield Finding(row, f"{media[row] or 1} photo(s) or video(s) with no text")
            return
        values = chunk.columns.get(self.field) or []
        for row in [i for i, value in enumerate(values) if value]:  # None and "" are false: a fast first pass
            value = values[row]
            if isinstance(value, str) and value.strip():
                yield Finding(row, f"'{value.strip()}'")


MATCHER_KINDS: dict[str, Callable[[Rule, Lexicon], Matcher]] = {
    "lexicon": TermMatcher,
    "context": TermMatcher,
    "pattern": PatternMatcher,
    "watchlist": WatchlistMatcher,
    "metadata": MetadataMatcher,
}


def union_of_prefilters(matchers: Iterable[Matcher]) -> re.Pattern[str] | None:
    """One regular expression matching wherever any pattern rule's prefilter matches."""
    parts = sorted({m.prefilter.pattern for m in matchers if isinstance(m, PatternMatcher) and m.prefilter})
    if not parts:
        return None
    # Factor out a leading digit: the engine then tries the alternatives only where a digit is.
    digit = [p[2:] for p in parts if _digit_led(p)]
    alternatives = [f"(?:{p})" for p in parts if not _digit_led(p)]
    if digit:
        alternatives.insert(0, "\\d(?:" + "|".join(f"(?:{p})" for p in digit) + ")")
    return re.compile("|".join(alternatives))


def _digit_led(pattern: str) -> bool:
    """True for ``\\d`` followed by anything but a quantifier, with no top-level alternation."""
    if not pattern.startswith("\\d") or pattern[2:3] in ("{", "*", "+", "?"):
        return False
    depth, escaped = 0, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
    return True


def build_matcher(rule: Rule, lexicon: Lexicon) -> Matcher:
    """Compile the matcher a rule asks for, checking every field of its match table."""
    kind = rule.match.get("kind")
    if kind not in MATCHER_KINDS:
        raise _fail(rule, "kind", f"{kind!r} is not one of {', '.join(MATCHER_KINDS)}")
    unknown = set(rule.match) - _KEYS[kind] - {"kind"}
    if unknown:
        raise _fail(rule, sorted(unknown)[0], f"unknown field for kind {kind!r}")
    return MATCHER_KINDS[kind](rule, lexicon)
