"""Apply rules to chunks of items and turn the hits into one result per flagged item.

The result columns (RESULT_COLUMNS) are part of the output contract:

- severity: the highest of the rules that fired (after context: a like is one level lower, reported or
  condemned speech becomes ``info``);
- confidence: that of the most severe finding (context may have moved it a step);
- categories and rules: every category and rule id that fired, most severe first;
- why: one plain-English line per rule: its title, the words that matched and their context, plus
  whether the words were shared (endorsement) or sent privately;
- standards: the chosen regulator's clauses for the categories that fired: the code in force now and,
  for a post made before it took effect, also the edition then in force.

What to do about an item depends on what its platform allows (X cannot make one post private), so the
suggested action is the report's to add (audit/actions.py), not the rules'.

Only rows at or above ``min_severity`` (default ``low``) are returned: ``info`` findings ("check the
image yourself") are notes, not flags, and appear only when asked for.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import RuleError
from .lexicon import Lexicon, load_lexicon
from .loader import default_pack_paths, load_packs
from .matchers import Chunk, Finding, Matcher, build_matcher, union_of_prefilters
from .model import Detector, confidence_of, load_detector, model_rules
from .normalise import plain
from .rule import CATEGORIES, CONFIDENCE_RANK, SEVERITIES, SEVERITY_RANK, Rule
from .scan import Scanner
from .standards import DEFAULT_REGULATOR, Standards, load_standards
from .watchlist import Watchlist

RESULT_COLUMNS = ["severity", "confidence", "categories", "rules", "why", "standards"]
_METADATA = ("author", "location", "media")


@dataclass(frozen=True)
class Hit:
    """One rule firing on one item."""

    row: int  # position in the chunk
    rule: Rule
    evidence: str
    severity: str
    confidence: str
    note: str = ""

    @property
    def why(self) -> str:
        """The plain-English line shown in the report."""
        return f"{self.rule.title}: {self.evidence}{self.note}"


class Engine:
    """A compiled set of rules plus the regulator whose clauses are cited."""

    def __init__(
        self,
        rules: Sequence[Rule],
        standards: Standards,
        lexicon: Lexicon | None = None,
        *,
        watchlist: Watchlist | None = None,
        allow: Iterable[str] = (),
        min_severity: str = "low",
        model: Detector | None = None,
        model_categories: Iterable[str] = CATEGORIES,
    ) -> None:
        if min_severity not in SEVERITIES:
            raise RuleError(f"minimum severity {min_severity!r} is not one of {', '.join(SEVERITIES)}")
        self.rules = list(rules)
        self.standards = standards
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.watchlist = watchlist
        self.min_severity = min_severity
        self._matchers: list[tuple[Rule, Matcher]] = [(r, build_matcher(r, self.lexicon)) for r in self.rules]
        anchors = set().union(*(m.anchors for _, m in self._matchers)) if self._matchers else set()
        lazy = set().union(*(m.lazy for _, m in self._matchers)) if self._matchers else set()
        self.allow = [a for a in allow if a.strip()]
        self.scanner = Scanner(self.lexicon, anchors, self.allow, lazy)
        self._prefilters = union_of_prefilters(m for _, m in self._matchers)
        self.model = model
        phrases = sorted(self.allow, key=len, reverse=True)
        self._allow_pattern = re.compile("|".join(map(re.escape, phrases)), re.I) if phrases else None
        rules_by_category = model_rules()
        self.model_rules = [rules_by_category[c] for c in CATEGORIES if model and c in set(model_categories)]

    @property
    def all_rules(self) -> list[Rule]:
        """The rules, then the model's rule records (one per category it reports)."""
        return [*self.rules, *self.model_rules]

    @classmethod
    def load(
        cls,
        regulator: str = DEFAULT_REGULATOR,
        extra_packs: Iterable[Path] = (),
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        allow: Iterable[str] = (),
        allow_file: Path | None = None,
        watch_file: Path | None = None,
        watchlist: Watchlist | None = None,
        min_severity: str = "low",
        model: bool = False,
    ) -> Engine:
        """Build the engine from the shipped packs plus ``extra_packs``, keeping the selected rules.

        ``select``/``ignore`` take rule ids, names, id prefixes (``CONF``) or category names; the model's
        ids (``MODEL-LOCN``, or ``MODEL`` for all) too, and it reports only the categories selected.
        Phrases in ``allow`` (and in ``allow_file``, one a line) are never flagged (the model reads the
        text without them); ``watch_file`` is a watch list. ``model=True`` adds the learned detector (the
        scan's default; here the rules alone are the default, for the rules' own tests).
        """
        packs = load_packs([*default_pack_paths(), *extra_packs])
        learned = list(model_rules().values())
        rules = select_rules(packs, select, ignore, known=learned)
        # the model reports the categories whose MODEL- id, category or "MODEL" was selected (all by default)
        learned = select_rules(learned, select, ignore, known=packs)
        allowed = [*allow, *(read_allow_file(allow_file) if allow_file else [])]
        if watch_file is not None:
            watchlist = Watchlist.load(watch_file)
        return cls(
            rules,
            load_standards(regulator),
            watchlist=watchlist,
            allow=allowed,
            min_severity=min_severity,
            model=load_detector() if model else None,
            model_categories=[r.category for r in learned],
        )

    def hits(self, frame: pd.DataFrame) -> Iterator[Hit]:
        """Yield every hit of every rule over a chunk of items."""
        texts = [t if isinstance(t, str) else "" for t in frame["text"].tolist()]
        kinds = frame["kind"].tolist()
        columns = {name: _values(frame[name]) for name in _METADATA if name in frame}
        chunk = Chunk(self.scanner.scan(texts), kinds, columns, self.watchlist, prefilters=self._prefilters)
        found: list[Hit] = []
        for rule, matcher in self._matchers:
            allowed_kinds = rule.kinds
            for finding in matcher.find(chunk):
                if allowed_kinds and kinds[finding.row] not in allowed_kinds:
                    continue
                if self._allowed(chunk, finding):
                    continue
                found.append(self._hit(rule, finding, kinds[finding.row], columns))
        yield from found
        if self.model is not None and self.model_rules:
            yield from self._model_hits(texts, kinds, columns, found)

    def _model_hits(
        self, texts: list[str], kinds: list[str], columns: dict[str, list], found: list[Hit]
    ) -> Iterator[Hit]:
        """The model's findings, one per category it names; a rule's words in that category are quoted."""
        by_row: dict[tuple[int, str], list[Hit]] = {}
        for hit in found:
            by_row.setdefault((hit.row, hit.rule.category), []).append(hit)
        rules = {r.category: r for r in self.model_rules}
        if self._allow_pattern is not None:  # the model reads the text without the phrases allowed
            texts = [self._allow_pattern.sub(" ", t) for t in texts]
        for row, verdict in enumerate(self.model.judge(texts)):
            if verdict is None:
                continue
            for category, probability in verdict.categories:
                rule = rules.get(category)
                if rule is None:
                    continue
                # how sure that the item needs a look at all, then how sure of this category
                evidence = f"{verdict.probability:.0%} sure it needs a look, {probability:.0%} of this kind"
                also = by_row.get((row, category), [])
                if also:
                    evidence += f"; the rules matched {also[0].evidence}"
                # reported or condemned speech, as the rules read it, makes the model's finding a note too
                info = any(h.severity == "info" for h in also)
                finding = Finding(row, evidence, confidence_of(probability), info)
                yield self._hit(rule, finding, kinds[row], columns, verdict.severity)

    def evaluate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Return RESULT_COLUMNS for the flagged rows of ``frame`` (same index), and no other rows."""
        by_row: dict[int, list[Hit]] = {}
        if len(frame):
            for hit in self.hits(frame):
                by_row.setdefault(hit.row, []).append(hit)
        threshold = SEVERITY_RANK[self.min_severity]
        hit_rows = sorted(by_row)
        # only the rows with hits need their day (it picks the edition cited): most rows have none
        made = _days(frame["created_at"].take(hit_rows)) if "created_at" in frame else [None] * len(hit_rows)
        rows, records = [], []
        for row, day in zip(hit_rows, made, strict=True):
            record = self._result(by_row[row], day)
            if SEVERITY_RANK[record[0]] >= threshold:
                rows.append(row)
                records.append(record)
        return pd.DataFrame(records, index=frame.index[rows], columns=RESULT_COLUMNS)

    def check(
        self,
        text: str,
        kind: str = "post",
        *,
        author: str | None = None,
        location: str | None = None,
        media: int = 0,
    ) -> list[Hit]:
        """Return the hits for a single item (used by rule examples and tests)."""
        frame = pd.DataFrame(
            {"text": [text], "kind": [kind], "author": [author], "location": [location], "media": [media]}
        )
        return list(self.hits(frame))

    def describe(self, rule: Rule) -> str:
        """How ``rule`` matches, in plain English."""
        return next(m.describe() for r, m in self._matchers if r is rule)

    def _allowed(self, chunk: Chunk, finding: Finding) -> bool:
        """True when a pattern or watch-list finding is part of a phrase the user allowed."""
        phrases = chunk.spots.allowed.get(finding.row)
        if not phrases or not finding.written:
            return False
        written = plain(finding.written)
        return any(written in phrase for phrase in phrases)

    def _hit(
        self, rule: Rule, finding: Finding, kind: str, columns: dict[str, list], severity: str = ""
    ) -> Hit:
        severity, note = severity or rule.severity, ""
        if finding.info:
            severity, note = "info", " (the wording suggests it is reported, condemned or taught: check)"
        elif kind == "like" and severity in ("medium", "high"):
            severity = SEVERITIES[SEVERITY_RANK[severity] - 1]
        if kind in ("share", "like"):
            authors = columns.get("author")
            author = authors[finding.row] if authors else None
            # an export without the author gives None, or NaN once pandas has the column
            whose = f"@{author}'s words" if isinstance(author, str) and author else "someone else's words"
            verb = "liked" if kind == "like" else "shared"
            note += f" (in {whose} you {verb}: this can read as endorsement)"
        elif kind == "message":
            note += " (in a private message: not public, but confidentiality and boundaries still apply)"
        return Hit(finding.row, rule, finding.evidence, severity, finding.confidence or rule.confidence, note)

    def _result(self, hits: list[Hit], made: datetime.date | None = None) -> tuple:
        hits = sorted(hits, key=lambda h: (-SEVERITY_RANK[h.severity], -CONFIDENCE_RANK[h.confidence]))
        top = hits[0]
        categories = list(dict.fromkeys(h.rule.category for h in hits))
        cited = (c.label for cat in categories for c in self.standards.cite(cat, made))
        standards = list(dict.fromkeys(cited))
        return (
            top.severity,
            top.confidence,
            categories,
            list(dict.fromkeys(h.rule.id for h in hits)),
            list(dict.fromkeys(h.why for h in hits)),
            standards,
        )


def _values(column: pd.Series) -> list:
    """A column's values with None where one is missing (pandas' string columns hold NaN there)."""
    values = column.tolist()
    if column.dtype.kind in "iub":
        return values
    return [None if missing else value for value, missing in zip(values, column.isna().tolist(), strict=True)]


def _days(dates: pd.Series) -> list[datetime.date | None]:
    """The UTC day of each timestamp (None where undated): it picks the edition of the code cited."""
    return [None if pd.isna(value) else pd.Timestamp(value).date() for value in dates.tolist()]


def select_rules(
    rules: list[Rule], select: Iterable[str] = (), ignore: Iterable[str] = (), known: Iterable[Rule] = ()
) -> list[Rule]:
    """Keep the rules matching any of ``select`` (all when empty), minus those matching ``ignore``.

    Each selector is a rule id (``CONF003``), a name, an id prefix (``CONF``, ``CONF00``) or a category.
    A selector matching none of ``rules`` nor ``known`` is an error, so a typo never turns a rule off.
    """
    select, ignore = _selectors(select), _selectors(ignore)
    every = [*rules, *known]
    for option, selectors in (("--select", select), ("--ignore", ignore)):
        for selector in selectors:
            if not any(_matches(rule, selector) for rule in every):
                raise RuleError(f"{option} {selector!r}: no rule has this id, name, prefix or category")
    kept = [r for r in rules if not select or any(_matches(r, s) for s in select)]
    return [r for r in kept if not any(_matches(r, s) for s in ignore)]


def _selectors(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _matches(rule: Rule, selector: str) -> bool:
    upper = selector.upper()
    return (
        rule.id.startswith(upper)
        and (len(upper) >= 4 and upper[:4] in CATEGORIES.values())
        or upper == rule.id
        or (upper == "MODEL" and rule.id.startswith("MODEL-"))
        or selector == rule.name
        or selector.lower() == rule.category
    )


def read_allow_file(path: Path) -> list[str]:
    """Read an allow list: one phrase a line; blank lines and lines starting with # are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read the allow list ({exc})") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
