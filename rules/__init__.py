"""Decide which items may breach a regulator's standards, and say why.

Rules are data (TOML packs in ``rules/packs/``) over term classes (``rules/lexicons/``), compiled into
matchers (``rules.matchers``) and run by ``rules.engine.Engine`` over chunks of items: one pass of one
automaton per chunk finds every anchor term (``rules.scan``), on a normalised view of the text that
undoes disguises (``rules.normalise``). Names the user watches for come from ``rules.watchlist``.
Clauses per regulator live in ``rules/standards/``.
"""

from .engine import RESULT_COLUMNS, Engine, Hit
from .errors import RuleError
from .rule import CATEGORIES, CATEGORY_LABELS, ITEM_KINDS, SEVERITIES, Confidence, Rule, Severity
from .standards import DEFAULT_REGULATOR, load_standards, regulators
from .watchlist import Watchlist

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "ITEM_KINDS",
    "Confidence",
    "DEFAULT_REGULATOR",
    "RESULT_COLUMNS",
    "SEVERITIES",
    "Engine",
    "Hit",
    "Rule",
    "Severity",
    "RuleError",
    "Watchlist",
    "load_standards",
    "regulators",
]
