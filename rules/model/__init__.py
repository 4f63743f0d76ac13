"""The learned detector beside the rules: a fine-tuned MiniLM that reads meaning the phrase lists cannot.

Its findings carry rule ids of their own (``MODEL-CONF``, ``MODEL-DISC``...), one per category, so the
report explains them like any rule's. ``load_detector`` loads the shipped model once per process and
checks its files' hashes; ``model_rules`` gives the rule records, with the precision and recall
measured on the corpus validation split (``measured``), for the report's list of rules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..rule import CATEGORIES, Rule
from .detector import MODEL_DIR, OUTPUTS, Detector, ModelError, Verdict

__all__ = [
    "MODEL_DIR",
    "OUTPUTS",
    "Detector",
    "ModelError",
    "Verdict",
    "confidence_of",
    "load_detector",
    "model_rules",
]

_RATIONALE = (
    "A small language model fine-tuned for this tool on posts written and labelled for it read this item "
    "and judged it likely to fall in this category, even though no phrase list may have matched."
)
_GUIDANCE = (
    "The model can be wrong: read the item and decide. If it is fine, leave it; the probability shows "
    "how sure the model was. Scan with --no-model to see the rules' findings alone."
)


@cache
def load_detector(directory: Path = MODEL_DIR) -> Detector:
    """The shipped model, loaded once per process (raises ModelError when a file is damaged)."""
    return Detector(directory)


@cache
def model_rules() -> dict[str, Rule]:
    """One rule record per category for the model's findings, keyed by category."""
    return {
        category: Rule(
            id=f"MODEL-{prefix}",
            name=f"model-{category.replace('_', '-')}",
            title=f"Model: reads as {category.replace('_', ' ')}",
            category=category,
            severity="medium",
            confidence="medium",
            rationale=_RATIONALE,
            guidance=_GUIDANCE,
            match={"kind": "model"},
            pack="rules/model",
        )
        for category, prefix in CATEGORIES.items()
    }


def confidence_of(probability: float) -> str:
    """How sure a finding is, from the model's probability."""
    return "high" if probability >= 0.9 else "medium" if probability >= 0.7 else "low"
