"""Clauses of each regulator's standards, per category, from ``rules/standards/<regulator>.toml``.

Only numbers that were seen are cited: in the regulator's own text (``verified``) or quoted word for word
by a union, journal, university, professional or public body (``secondary``). A number that was not seen
(``unverified``) is kept in the file as a candidate to check, names the verified citation cited in its
place (``fallback``), and is never shown. A post is cited against the code in force now and, when it
was made before that code took effect, also against the edition then in force.

File format (one file per regulator, named by its id, e.g. ``scw.toml``)::

    name = "Social Care Wales"                # the regulator

    [code]                                    # the edition of the code in force now
    short = "SCW Code 2026"                   # how citations name it: "SCW Code 2026 section 5"
    title = "Code of Professional Practice for Social Care Workers"
    edition = "applies from 1 July 2026"
    url = "https://..."
    in_force = 2026-07-01                     # a date, or "2015-11" / "2015" when only that is known

    [previous]                                # optional: the edition in force before [code]; cited,
    short = "SCW Code 2015"                   #   beside [code], for posts made before code.in_force
    title = "..."                             #   (which must then be a full date)
    edition = "..."
    url = "https://..."
    in_force = 2015-07-01

    [guidance.social-media]                   # optional, any number: guidance read with the code
    short = "SCW social media guidance 2019"  # cited as "<short>: <heading>"
    title = "Using social media responsibly"
    edition = "2019"
    url = "https://..."
    draft = true                              # optional: a draft, cited by title, never as a standard;
                                              #   its short name must say "draft"

    [source]                                  # where each number was seen, by key
    scw-ftp = { kind = "regulator", url = "https://..." }

    [[clause]]                                # one per category and citation, most relevant first
    category = "harassment"                   # one of the 12 categories
    number = "5.1"                            # a clause ("5.1"), a whole section ("section 5"), or,
                                              #   with `guidance`, that guidance's heading or topic
    edition = "previous"                      # optional: a clause of the [previous] edition
    guidance = "social-media"                 # optional: cite a [guidance.KEY] document, not the code
    summary = "..."                           # this project's own words, never the regulator's
    status = "unverified"                     # verified, secondary or unverified (see above)
    source = ["scw-ftp"]                      # keys of [source]; required unless unverified
    fallback = "SCW Code 2015 section 5"      # unverified only: the label cited instead, which must
                                              #   be a shown citation of the same category
    url = "https://..."                       # optional: a page more precise than the document's

The same clause may be cited for several categories, each time with a summary that fits the category;
its status and sources must then agree. Where nothing in a regulator's texts is specific to a category,
the file cites the general (public trust) clause and its summary says so.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RuleError
from .rule import CATEGORIES

DEFAULT_REGULATOR = "hcpc"

STATUSES = ("verified", "secondary", "unverified")
SHOWN = ("verified", "secondary")  # statuses whose numbers are cited
# Who published a source, and how the Standards sheet names it. Study and flashcard sites do not count:
# a number seen only there stays unverified.
SOURCE_KINDS = {
    "regulator": "the regulator's own text",
    "university": "a university's page",
    "union": "a union's guide",
    "journal": "a professional journal",
    "professional body": "a professional body's guide",
    "public body": "a public body's procedures",
    "employer": "an employer's copy of the code",
    "search engine copy": "a search engine's copy of the regulator's page",
}
DOCUMENT_KEYS = {"short", "title", "edition", "url"}
EDITION_KEYS = DOCUMENT_KEYS | {"in_force"}
GUIDANCE_KEYS = DOCUMENT_KEYS | {"draft"}
CLAUSE_KEYS = {"category", "number", "edition", "guidance", "summary", "status", "source", "fallback", "url"}
TOP_KEYS = {"name", "code", "previous", "guidance", "source", "clause"}
MONTHS = "January February March April May June July August September October November December".split()
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]))?")
_NOTE = re.compile(r"\s*\(Cited as [^)]*\)")  # "(Cited as the general standard: …)"


@dataclass(frozen=True)
class Source:
    """Where a number was seen: a key, the kind of publisher, and the address."""

    key: str  # "scw-ftp"
    kind: str  # one of SOURCE_KINDS
    url: str


@dataclass(frozen=True)
class Document:
    """A regulator's code (one edition) or guidance document, as named in citations."""

    short: str  # "HCPC SCPE 2024"
    title: str  # "Standards of conduct, performance and ethics"
    edition: str  # "revised edition, in force from 1 September 2024"
    url: str
    in_force: datetime.date | str | None = None  # a date, or "2015-11" / "2015"; None for guidance
    until: datetime.date | None = None  # the last day it applied, for an edition since replaced
    draft: bool = False  # a draft consulted on, not a standard

    @property
    def period(self) -> str:
        """When this edition applied, e.g. "1 July 2015 to 30 June 2026" or "from 1 July 2026"."""
        if self.in_force is None:
            return ""
        start = _when(self.in_force)
        return f"{start} to {_when(self.until)}" if self.until else f"from {start}"


@dataclass(frozen=True)
class Clause:
    """One citable clause, section or guidance heading of a regulator's standards."""

    regulator: str
    document: str  # short name of the document cited, e.g. "HCPC SCPE 2024"
    number: str  # "5.1", "section 5", or a guidance heading such as "Technology"
    summary: str  # this project's own paraphrase
    url: str
    status: str = "verified"  # one of STATUSES
    guidance: bool = False  # True when cited from guidance rather than a code edition
    draft: bool = False  # True when cited from a draft
    sources: tuple[Source, ...] = ()
    edition: Document | None = None  # the code edition or guidance document cited
    current: bool = True  # False for a clause of the previous edition
    fallback: str = ""  # for an unverified candidate: the label cited instead

    @property
    def label(self) -> str:
        """The citation as shown to users, e.g. "HCPC SCPE 2024 5.1" or "SCW Code 2026 section 5"."""
        return f"{self.document}: {self.number}" if self.guidance else f"{self.document} {self.number}"

    @property
    def confirmed(self) -> bool:
        """True when the number was seen (verified or secondary) and may be shown."""
        return self.status in SHOWN

    @property
    def brief(self) -> str:
        """The summary without its note on why a general clause is cited, for a cell beside the label."""
        return _NOTE.sub("", self.summary).strip()

    @property
    def applies(self) -> str:
        """Which posts this citation is given for."""
        if self.draft:
            return "posts of any date (a draft, not a standard)"
        if self.guidance or self.edition is None:
            return "posts of any date (guidance read with the code in force now)"
        if self.current or self.edition.until is None:
            return "posts of any date (the edition in force now)"
        replaced = _when(self.edition.until + datetime.timedelta(days=1))
        return f"posts made before {replaced} (the edition in force until then)"

    @property
    def verification(self) -> str:
        """How the number was verified, in words, naming the kinds of source."""
        if self.status == "verified":
            return "Verified in the regulator's own text"
        if self.status == "secondary":
            kinds = " and ".join(
                dict.fromkeys(SOURCE_KINDS[s.kind] for s in self.sources if s.kind != "regulator")
            )
            return f"Secondary: seen word for word in {kinds}; check the regulator's text"
        return f"Unverified: not cited; {self.fallback} is cited instead"


@dataclass(frozen=True)
class Standards:
    """A regulator's code editions, its guidance, and the clauses to cite for each category."""

    regulator: str
    name: str  # "Health and Care Professions Council"
    code: Document
    guidance: tuple[Document, ...]
    by_category: dict[str, tuple[Clause, ...]]  # every shown citation, both editions
    in_force: datetime.date | None = None  # when the code in force now took effect, if a previous exists
    previous: str = ""  # short name of the edition before it, e.g. "HCPC SCPE 2016"
    previous_code: Document | None = None
    candidates: tuple[Clause, ...] = ()  # unverified numbers, kept to be checked, never cited

    @property
    def document(self) -> str:
        """Short name of the code in force now, e.g. "HCPC SCPE 2024"."""
        return self.code.short

    @property
    def url(self) -> str:
        """Where the code can be read."""
        return self.code.url

    @property
    def editions(self) -> tuple[Document, ...]:
        """The code in force now, then the edition before it if there is one."""
        return (self.code,) if self.previous_code is None else (self.code, self.previous_code)

    @property
    def documents(self) -> tuple[Document, ...]:
        """The code editions followed by every guidance document cited."""
        return (*self.editions, *self.guidance)

    def cite(self, category: str, made: datetime.date | None = None) -> tuple[Clause, ...]:
        """Return the clauses to cite for ``category``, most relevant first (empty for an unknown one).

        A post ``made`` before the code in force now took effect is also cited against the edition then
        in force, after the current citations; an undated post only against the code in force now.
        """
        clauses = self.by_category.get(category, ())
        then = made is not None and self.in_force is not None and made < self.in_force
        return tuple(c for c in clauses if c.current or then)

    def find(self, label: str, category: str = "") -> Clause | None:
        """Return the cited clause with ``label`` (for ``category`` first, else any), or None."""
        ordered = [*self.by_category.get(category, ()), *(c for cs in self.by_category.values() for c in cs)]
        return next((c for c in ordered if c.label == label), None)


def regulators() -> list[str]:
    """Return the regulators with a standards file, e.g. ["hcpc", "niscc", ...]."""
    folder = resources.files("rules") / "standards"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_standards(regulator: str = DEFAULT_REGULATOR) -> Standards:
    """Load and check the shipped standards file of ``regulator``."""
    known = regulators()
    if regulator not in known:
        raise RuleError(f"unknown regulator {regulator!r}; choose one of {', '.join(known)}")
    return load_standards_file(Path(str(resources.files("rules") / "standards" / f"{regulator}.toml")))


def load_standards_file(path: Path) -> Standards:
    """Load and check one standards file; the regulator id is the file's stem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path.name}: cannot be read ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path.name}: not valid TOML ({exc})") from None
    where = path.name
    _check_keys(data, TOP_KEYS, where)
    name = _text(data, "name", where)
    code = _edition(data.get("code"), f"{where}: code")
    previous_code = None
    if "previous" in data:
        previous_code = _edition(data["previous"], f"{where}: previous")
        if not isinstance(code.in_force, datetime.date):
            raise RuleError(
                f"{where}: code: in_force: must be a full date such as 2024-09-01 with [previous]"
            )
        if _first_day(previous_code.in_force) >= code.in_force:
            raise RuleError(f"{where}: previous: in_force: must be before the code's")
        until = code.in_force - datetime.timedelta(days=1)
        previous_code = replace(previous_code, until=until)
    guidance = _guidance(data.get("guidance", {}), where)
    sources = _sources(data.get("source", {}), where)
    entries = data.get("clause", [])
    if not isinstance(entries, list):
        raise RuleError(f"{where}: clause: must be a list of [[clause]] tables")
    context = _Context(path.stem, where, code, previous_code, guidance, sources)
    by_category: dict[str, list[Clause]] = {}
    candidates: list[tuple[Clause, str]] = []
    seen: dict[str, Clause] = {}
    for index, entry in enumerate(entries, 1):
        clause, category = _clause(entry, index, context)
        at = f"{where}: clause {clause.number} ({category})"
        earlier = seen.setdefault(clause.label, clause)
        if (earlier.status, earlier.sources) != (clause.status, clause.sources):
            raise RuleError(f"{at}: status/source: differs from the same clause cited for another category")
        if clause.status == "unverified":
            candidates.append((clause, category))
            continue
        if any(c.label == clause.label for c in by_category.get(category, [])):
            raise RuleError(f"{at}: number: cited twice for this category")
        by_category.setdefault(category, []).append(clause)
    for clause, category in candidates:
        cited = [c.label for c in by_category.get(category, [])]
        if clause.fallback not in cited:
            raise RuleError(
                f"{where}: clause {clause.number} ({category}): fallback: {clause.fallback!r} is not "
                "a verified or secondary citation of this category"
            )
    missing = [c for c in CATEGORIES if not any(not x.draft for x in by_category.get(c, ()) if x.current)]
    if missing:
        raise RuleError(
            f"{where}: no verified clause for "
            f"categor{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)}"
        )
    return Standards(
        regulator=path.stem,
        name=name,
        code=code,
        guidance=tuple(guidance.values()),
        by_category={c: tuple(sorted(by_category[c], key=lambda x: not x.current)) for c in CATEGORIES},
        in_force=code.in_force if previous_code else None,
        previous=previous_code.short if previous_code else "",
        previous_code=previous_code,
        candidates=tuple(clause for clause, _ in candidates),
    )


@dataclass(frozen=True)
class _Context:
    """What a [[clause]] table may refer to in its file."""

    regulator: str
    where: str
    code: Document
    previous: Document | None
    guidance: dict[str, Document]
    sources: dict[str, Source]


def _clause(entry: Any, index: int, context: _Context) -> tuple[Clause, str]:
    """Check one [[clause]] table and build its Clause; return it with its category."""
    where = context.where
    if not isinstance(entry, dict):
        raise RuleError(f"{where}: clause #{index}: must be a table")
    number = entry.get("number")
    at = (
        f"{where}: clause {number} ({entry.get('category')})"
        if isinstance(number, str)
        else f"{where}: clause #{index}"
    )
    _check_keys(entry, CLAUSE_KEYS, at)
    category = entry.get("category")
    if category not in CATEGORIES:
        raise RuleError(f"{at}: category: {category!r} is not one of {', '.join(CATEGORIES)}")
    number = _text(entry, "number", at)
    summary = " ".join(_text(entry, "summary", at).split())
    status = entry.get("status")
    if status not in STATUSES:
        raise RuleError(f"{at}: status: must be one of {', '.join(STATUSES)}")
    document, current = context.code, True
    if "edition" in entry:
        if entry["edition"] != "previous" or context.previous is None:
            raise RuleError(f'{at}: edition: only "previous", in a file with a [previous] edition')
        if "guidance" in entry:
            raise RuleError(f"{at}: edition: guidance is not tied to an edition")
        document, current = context.previous, False
    if "guidance" in entry:
        key = entry["guidance"]
        if not isinstance(key, str) or key not in context.guidance:
            raise RuleError(f"{at}: guidance: {key!r} is not a [guidance.*] document of this file")
        document = context.guidance[key]
    keys = entry.get("source", [])
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise RuleError(f"{at}: source: must be a list of [source] keys")
    unknown = [k for k in keys if k not in context.sources]
    if unknown:
        raise RuleError(f"{at}: source: {unknown[0]!r} is not a key of [source]")
    if status in SHOWN and not keys:
        raise RuleError(f"{at}: source: a {status} number needs the key of where it was seen")
    if status == "verified" and not any(context.sources[k].kind == "regulator" for k in keys):
        raise RuleError(f"{at}: status: verified needs a source of kind 'regulator' (else secondary)")
    fallback = ""
    if status == "unverified":
        fallback = _text(entry, "fallback", at)
    elif "fallback" in entry:
        raise RuleError(f"{at}: fallback: only for unverified numbers")
    url = _url(entry, at) if "url" in entry else document.url
    clause = Clause(
        regulator=context.regulator,
        document=document.short,
        number=number,
        summary=summary,
        url=url,
        status=status,
        guidance="guidance" in entry,
        draft=document.draft,
        sources=tuple(context.sources[k] for k in keys),
        edition=document,
        current=current,
        fallback=fallback,
    )
    return clause, category


def _edition(table: Any, where: str) -> Document:
    document = _document(table, where, EDITION_KEYS)
    in_force = table.get("in_force")
    full = isinstance(in_force, datetime.date) and not isinstance(in_force, datetime.datetime)
    if full or (isinstance(in_force, str) and _PARTIAL_DATE.fullmatch(in_force)):
        return replace(document, in_force=in_force)
    raise RuleError(f'{where}: in_force: must be a date such as 2024-09-01 (or "2015-11" or "2015")')


def _guidance(tables: Any, where: str) -> dict[str, Document]:
    if not isinstance(tables, dict):
        raise RuleError(f"{where}: guidance: must be tables such as [guidance.social-media]")
    guidance = {}
    for key, table in tables.items():
        at = f"{where}: guidance.{key}"
        document = _document(table, at, GUIDANCE_KEYS)
        draft = table.get("draft", False)
        if not isinstance(draft, bool):
            raise RuleError(f"{at}: draft: must be true or false")
        if draft and "draft" not in document.short.lower():
            raise RuleError(f"{at}: short: a draft's short name must say 'draft'")
        guidance[key] = replace(document, draft=draft)
    return guidance


def _sources(table: Any, where: str) -> dict[str, Source]:
    if not isinstance(table, dict):
        raise RuleError(f"{where}: source: must be a table of keys")
    sources = {}
    for key, value in table.items():
        at = f"{where}: source.{key}"
        if not isinstance(value, dict):
            raise RuleError(f"{at}: must be {{ kind = ..., url = ... }}")
        _check_keys(value, {"kind", "url"}, at)
        kind = value.get("kind")
        if kind not in SOURCE_KINDS:
            raise RuleError(f"{at}: kind: {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
        sources[key] = Source(key, kind, _url(value, at, ("https://", "http://")))  # old pages too
    return sources


def _document(table: Any, where: str, allowed: set[str]) -> Document:
    if not isinstance(table, dict):
        raise RuleError(f"{where}: missing or not a table")
    _check_keys(table, allowed, where)
    return Document(
        _text(table, "short", where),
        _text(table, "title", where),
        _text(table, "edition", where),
        _url(table, where),
    )


def _first_day(value: datetime.date | str | None) -> datetime.date:
    """The earliest day a full or partial date can mean."""
    if isinstance(value, datetime.date):
        return value
    match = _PARTIAL_DATE.fullmatch(value or "")
    if match is None:
        return datetime.date.min
    return datetime.date(int(match[1]), int(match[2] or 1), 1)


def _when(value: datetime.date | str | None) -> str:
    """A date as people write it: "1 July 2026", "November 2015" or "2015"."""
    if isinstance(value, datetime.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    match = _PARTIAL_DATE.fullmatch(value or "")
    if match is None:
        return ""
    return f"{MONTHS[int(match[2]) - 1]} {match[1]}" if match[2] else match[1]


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleError(f"{where}: {key}: missing or empty")
    return value.strip()


def _url(table: dict[str, Any], where: str, schemes: tuple[str, ...] = ("https://",)) -> str:
    url = _text(table, "url", where)
    if not url.startswith(schemes) or any(c.isspace() for c in url):
        raise RuleError(f"{where}: url: must be an {' or '.join(schemes)} address without spaces")
    return url


def _check_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise RuleError(
            f"{where}: {unknown[0]}: unknown field (expected one of {', '.join(sorted(allowed))})"
        )
