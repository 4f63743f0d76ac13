"""Decide which items may breach a regulator's standards, and say why.

Rules are data (TOML packs in ``rules/packs/``), compiled into matchers (``rules.matchers``) and run by
``rules.engine.Engine`` over chunks of items. Clauses per regulator live in ``rules/standards/``.
"""

from .engine import RESULT_COLUMNS, Engine, Hit
from .errors import RuleError
from .model import CATEGORIES, SEVERITIES, Rule
from .standards import DEFAULT_REGULATOR, load_standards, regulators

__all__ = [
    "CATEGORIES",
    "DEFAULT_REGULATOR",
    "RESULT_COLUMNS",
    "SEVERITIES",
    "Engine",
    "Hit",
    "Rule",
    "RuleError",
    "load_standards",
    "regulators",
]
