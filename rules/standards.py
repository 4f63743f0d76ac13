"""Clauses of each regulator's standards, per category, from ``rules/standards/<regulator>.toml``.

Every citation carries whether its number (or guidance heading) was confirmed against the regulator's
own text (see shared/reference/standards.md); unconfirmed ones are labelled as such wherever shown.

File format (one file per regulator, named by its id, e.g. ``hcpc.toml``)::

    name = "Health and Care Professions Council"   # the regulator

    [code]                                # the numbered code registrants are held to
    short = "HCPC SCPE 2024"              # how citations name it: "HCPC SCPE 2024 5.1"
    title = "Standards of conduct, performance and ethics"
    edition = "revised edition, in force from 1 September 2024"
    url = "https://..."
    in_force = 2024-09-01                 # optional, only together with `previous`:
    previous = "HCPC SCPE 2016"           #   the edition that applied to posts made before that date

    [guidance.social-media]               # optional, any number: guidance read with the code
    short = "HCPC social media guidance 2024"   # cited as "<short>: <number>"
    title = "Guidance on social media"
    edition = "..."
    url = "https://..."

    [[clause]]                            # one per category and citation, most relevant first
    category = "confidentiality"          # one of the 12 categories
    number = "5.1"                        # a clause ("5.1"), a whole section ("§5"), or, with
                                          #   `guidance`, that guidance's heading or the topic cited
    guidance = "social-media"             # optional: cite a [guidance.KEY] document, not the code
    summary = "..."                       # this project's own words, never the regulator's
    confirmed = true                      # number (or heading) seen in the regulator's own text
    previous = "5.1"                      # optional: the number in the previous edition
    url = "https://..."                   # optional: a page more precise than the document's

The same clause may be cited for several categories, each time with a summary that fits the category;
its ``confirmed`` and ``previous`` must then agree. Where nothing in a regulator's texts is specific
to a category, the file cites the general (public trust) clause and its summary says so.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RuleError
from .rule import CATEGORIES

DEFAULT_REGULATOR = "hcpc"

DOCUMENT_KEYS = {"short", "title", "edition", "url"}
CODE_KEYS = DOCUMENT_KEYS | {"in_force", "previous"}
CLAUSE_KEYS = {"category", "number", "guidance", "summary", "confirmed", "previous", "url"}
TOP_KEYS = {"name", "code", "guidance", "clause"}


@dataclass(frozen=True)
class Document:
    """A regulator's code or guidance document, as named in citations."""

    short: str  # "HCPC SCPE 2024"
    title: str  # "Standards of conduct, performance and ethics"
    edition: str  # "in force from 1 September 2024"
    url: str


@dataclass(frozen=True)
class Clause:
    """One citable clause, section or guidance heading of a regulator's standards."""

    regulator: str
    document: str  # short name of the code or guidance cited, e.g. "HCPC SCPE 2024"
    number: str  # "5.1", "§5", or a guidance heading such as "Technology"
    summary: str  # this project's own paraphrase
    url: str
    confirmed: bool
    guidance: bool = False  # True when cited from guidance rather than the numbered code
    previous: str = ""  # the same clause in the previous edition, e.g. "HCPC SCPE 2016 2.7"

    @property
    def label(self) -> str:
        """The citation as shown to users, e.g. "HCPC SCPE 2024 5.1" or "… 9.2 (number unconfirmed)"."""
        if self.guidance:
            text = f"{self.document}: {self.number}"
            return text if self.confirmed else f"{text} (unconfirmed)"
        text = f"{self.document} {self.number}"
        return text if self.confirmed else f"{text} (number unconfirmed)"


@dataclass(frozen=True)
class Standards:
    """A regulator's code, its guidance, and the clauses to cite for each category."""

    regulator: str
    name: str  # "Health and Care Professions Council"
    code: Document
    guidance: tuple[Document, ...]
    by_category: dict[str, tuple[Clause, ...]]
    in_force: datetime.date | None = None  # when the code's current edition took effect, if known
    previous: str = ""  # short name of the edition before it, e.g. "HCPC SCPE 2016"

    @property
    def document(self) -> str:
        """Short name of the code, e.g. "HCPC SCPE 2024"."""
        return self.code.short

    @property
    def url(self) -> str:
        """Where the code can be read."""
        return self.code.url

    @property
    def documents(self) -> tuple[Document, ...]:
        """The code followed by every guidance document cited."""
        return (self.code, *self.guidance)

    def cite(self, category: str) -> tuple[Clause, ...]:
        """Return the clauses for ``category``, most relevant first (empty for an unknown category)."""
        return self.by_category.get(category, ())


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
    code = _document(data.get("code"), f"{where}: code", CODE_KEYS)
    in_force, previous = _edition_before(data["code"], f"{where}: code")
    guidance_tables = data.get("guidance", {})
    if not isinstance(guidance_tables, dict):
        raise RuleError(f"{where}: guidance: must be tables such as [guidance.social-media]")
    guidance = {
        key: _document(table, f"{where}: guidance.{key}", DOCUMENT_KEYS)
        for key, table in guidance_tables.items()
    }
    entries = data.get("clause", [])
    if not isinstance(entries, list):
        raise RuleError(f"{where}: clause: must be a list of [[clause]] tables")
    by_category: dict[str, list[Clause]] = {}
    cited: set[tuple[str, str, str]] = set()
    seen: dict[tuple[str, str], Clause] = {}
    for index, entry in enumerate(entries, 1):
        clause, category = _clause(entry, index, where, path.stem, code, guidance, previous)
        at = f"{where}: clause {clause.number} ({category})"
        if (category, clause.document, clause.number) in cited:
            raise RuleError(f"{at}: number: cited twice for this category")
        cited.add((category, clause.document, clause.number))
        earlier = seen.setdefault((clause.document, clause.number), clause)
        if (earlier.confirmed, earlier.previous) != (clause.confirmed, clause.previous):
            raise RuleError(
                f"{at}: confirmed/previous: differs from the same clause cited for another category"
            )
        by_category.setdefault(category, []).append(clause)
    missing = [category for category in CATEGORIES if category not in by_category]
    if missing:
        raise RuleError(
            f"{where}: no clause for categor{'y' if len(missing) == 1 else 'ies'} {', '.join(missing)}"
        )
    return Standards(
        regulator=path.stem,
        name=name,
        code=code,
        guidance=tuple(guidance.values()),
        by_category={category: tuple(by_category[category]) for category in CATEGORIES},
        in_force=in_force,
        previous=previous,
    )


def _clause(
    entry: Any,
    index: int,
    where: str,
    regulator: str,
    code: Document,
    guidance: dict[str, Document],
    previous_edition: str,
) -> tuple[Clause, str]:
    """Check one [[clause]] table and build its Clause; return it with its category."""
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
    if not isinstance(entry.get("confirmed"), bool):
        raise RuleError(f"{at}: confirmed: must be true or false")
    document = code
    if "guidance" in entry:
        key = entry["guidance"]
        if not isinstance(key, str) or key not in guidance:
            raise RuleError(f"{at}: guidance: {key!r} is not a [guidance.*] document of this file")
        document = guidance[key]
    previous = ""
    if "previous" in entry:
        if document is not code or not previous_edition:
            raise RuleError(
                f"{at}: previous: only code clauses of a file whose [code] names a previous edition"
            )
        previous = f"{previous_edition} {_text(entry, 'previous', at)}"
    url = _url(entry, at) if "url" in entry else document.url
    return Clause(
        regulator, document.short, number, summary, url, entry["confirmed"], document is not code, previous
    ), category


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


def _edition_before(table: dict[str, Any], where: str) -> tuple[datetime.date | None, str]:
    """Return the code's in-force date and the short name of the edition before it (both or neither)."""
    if "in_force" not in table and "previous" not in table:
        return None, ""
    in_force = table.get("in_force")
    if not isinstance(in_force, datetime.date) or isinstance(in_force, datetime.datetime):
        raise RuleError(f"{where}: in_force: must be a date such as 2024-09-01, given with `previous`")
    return in_force, _text(table, "previous", where)


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleError(f"{where}: {key}: missing or empty")
    return value.strip()


def _url(table: dict[str, Any], where: str) -> str:
    url = _text(table, "url", where)
    if not url.startswith("https://") or any(c.isspace() for c in url):
        raise RuleError(f"{where}: url: must be an https:// address without spaces")
    return url


def _check_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise RuleError(
            f"{where}: {unknown[0]}: unknown field (expected one of {', '.join(sorted(allowed))})"
        )
