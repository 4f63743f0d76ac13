"""Run the shipped model: a cheap first stage picks the texts worth reading, MiniLM (int8 ONNX) reads them.

Files beside this module (written by ``tools/train_model.py``, never at scan time):

- ``detector.onnx``: the fine-tuned encoder and its head, int8 weights; outputs one probability per
  name in ``OUTPUTS`` (flag, the 12 categories, severity at least medium, severity high);
- ``tokenizer.json``: the base model's WordPiece tokenizer;
- ``stage1.npy``: weights of the first stage, a linear model over word pieces and their pairs;
- ``model.json``: thresholds chosen on the corpus validation split, the figures measured there, and
  the SHA-256 of each file above, checked on loading so a damaged file is refused, never half-used.

Nothing here touches the network.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import RuleError
from ..rule import CATEGORIES

MODEL_DIR = Path(__file__).resolve().parent
OUTPUTS = ("flag", *CATEGORIES, "severity_medium", "severity_high")
FILES = ("detector.onnx", "tokenizer.json", "stage1.npy")
BIGRAM_BUCKETS = 1 << 18
_RETWEET = re.compile(r"^RT @\w+:\s*")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_LINKS_AND_HANDLES = re.compile(r"(?:https?://|www\.)\S+|@\w+")


class ModelError(RuleError):
    """The shipped model is missing or damaged, or its runtime is not installed."""


@dataclass(frozen=True)
class Verdict:
    """What the model says about one text it flagged."""

    categories: tuple[tuple[str, float], ...]  # (category, probability), most probable first
    probability: float  # that the item should be reviewed at all
    severity: str  # low, medium or high


def model_text(text: str) -> str:
    """The text as the model reads it (a retweet's "RT @name:" is the parser's to strip, not a word)."""
    return _RETWEET.sub("", text.strip(), count=1)


MIN_WORDS = 3  # names, handles, group titles and one-word replies are not the posts the model learned from


def worth_reading(text: str) -> bool:
    """True for texts of a few words outside links and @handles (the rest is the rules' to judge)."""
    words = (token for token in _LINKS_AND_HANDLES.sub(" ", text).split() if _WORDS.search(token))
    return sum(1 for _ in zip(range(MIN_WORDS), words, strict=False)) == MIN_WORDS


def stage1_features(encodings: list[Any], vocab_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Feature indices and the text each belongs to: word pieces, then hashed pairs of neighbours."""
    lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
    ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
    owner = np.repeat(np.arange(len(encodings), dtype=np.int64), lengths)
    same = owner[:-1] == owner[1:]
    pairs = ((ids[:-1][same] * 31337 + ids[1:][same]) * 2654435761) & (BIGRAM_BUCKETS - 1)
    return np.concatenate([ids, pairs + vocab_size]), np.concatenate([owner, owner[:-1][same]])


class Detector:
    """The loaded model with its thresholds; ``judge`` turns texts into verdicts."""

    def __init__(self, directory: Path = MODEL_DIR, threads: int | None = None) -> None:
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(
                f"the learned detector needs {exc.name} (pip install onnxruntime tokenizers); "
                "or scan with --no-model"
            ) from None
        directory = Path(directory)
        self.config = _read_config(directory)
        for name in FILES:
            _check_hash(directory / name, self.config["sha256"].get(name, ""))
        self.max_length = int(self.config["max_length"])
        self.thresholds: dict[str, float] = self.config["thresholds"]
        self.stage1_threshold = float(self.config["stage1_threshold"])
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_length)
        self.stage1 = np.load(directory / "stage1.npy").astype(np.float32)
        options = onnxruntime.SessionOptions()
        # a scan's worker processes share the cores: they say how many threads each may use in
        # OMP_NUM_THREADS (audit/parallel.py), which onnxruntime's own pool does not read by itself
        budget = os.environ.get("OMP_NUM_THREADS", "")
        options.intra_op_num_threads = (
            threads or (int(budget) if budget.isdigit() else 0) or min(4, os.cpu_count() or 1)
        )
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        # no busy-waiting between operators: on a shared machine spinning threads only steal time
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            str(directory / "detector.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.read = 0  # texts the encoder has read (the rest stopped at the first stage)

    @property
    def measured(self) -> dict[str, dict[str, float]]:
        """Precision and recall per category (and "flag"), measured on the corpus validation split."""
        return self.config["measured"]

    def measured_line(self, category: str) -> str:
        """The validation figures for ``category`` in one sentence, for the report's list of rules."""
        figures = self.measured.get(category)
        if not figures or not figures.get("posts"):
            return "Not measured: too few posts of this category were held out."
        return (
            f"Measured on {figures['posts']} posts of this category held out from its training: "
            f"precision {figures['precision']:.2f}, recall {figures['recall']:.2f}."
        )

    def stage1_scores(self, encodings: list[Any]) -> np.ndarray:
        """First-stage scores (logits) for tokenised texts."""
        features, owner = stage1_features(encodings, self.tokenizer.get_vocab_size())
        scores = np.bincount(owner, weights=self.stage1[features], minlength=len(encodings))
        return scores + float(self.config["stage1_bias"])

    def probabilities(self, texts: list[str], *, cascade: bool = True) -> np.ndarray:
        """One row of OUTPUTS probabilities per text; texts the first stage dropped get all zeros."""
        result = np.zeros((len(texts), len(OUTPUTS)), dtype=np.float32)
        unique: dict[str, int] = {}
        rows: list[int] = []
        for row, text in enumerate(texts):
            text = model_text(text)
            if worth_reading(text) and text not in unique:
                unique[text] = row
                rows.append(row)
        if not rows:
            return result
        encodings = self.tokenizer.encode_batch(list(unique))
        if cascade:
            keep = self.stage1_scores(encodings) >= self.stage1_threshold
            encodings = [e for e, k in zip(encodings, keep, strict=True) if k]
            rows = [r for r, k in zip(rows, keep, strict=True) if k]
        if rows:
            result[rows] = self._encode(encodings)
        self.read += len(rows)
        for row, text in enumerate(texts):  # copies of a text share its verdict
            first = unique.get(model_text(text))
            if first is not None and first != row:
                result[row] = result[first]
        return result

    def judge(self, texts: list[str]) -> list[Verdict | None]:
        """A verdict for each text the model would flag, None for the others."""
        return [self.verdict(p) for p in self.probabilities(texts)]

    def verdict(self, probs: np.ndarray) -> Verdict | None:
        """Apply the stored thresholds to one row of probabilities."""
        flag = float(probs[0])
        scored = [(c, float(probs[1 + i])) for i, c in enumerate(CATEGORIES)]
        # flagged when the model is sure the item is a problem, or sure it is one kind of problem
        if flag < self.thresholds["flag"] and max(p for _, p in scored) < self.thresholds.get(
            "category", 1.0
        ):
            return None
        chosen = [(c, p) for c, p in scored if p >= self.thresholds[c]]
        if not chosen:  # sure it is a problem, unsure which: name the likeliest category
            chosen = [max(scored, key=lambda cp: cp[1] / self.thresholds[cp[0]])]
        chosen.sort(key=lambda cp: -cp[1])
        medium, high = float(probs[-2]), float(probs[-1])
        severity = "high" if high >= 0.5 else "medium" if medium >= 0.5 else "low"
        return Verdict(tuple(chosen), flag, severity)

    def _encode(self, encodings: list[Any]) -> np.ndarray:
        """Run the encoder over tokenised texts, one text per run. The int8 model scales its activations
        over everything in a run, so a text batched with others would score differently beside different
        neighbours (by up to a quarter, measured); alone, a text always gets the same probabilities, for
        about a tenth more CPU time."""
        out = np.zeros((len(encodings), len(OUTPUTS)), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids = np.array([encoding.ids], dtype=np.int64)
            (probs,) = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            out[row] = probs[0]
        return out


def _read_config(directory: Path) -> dict:
    path = directory / "model.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
        missing = {"sha256", "thresholds", "max_length", "stage1_threshold", "stage1_bias"} - set(config)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"{path}: cannot read the model settings ({exc}); reinstall, or scan with --no-model"
        ) from None
    if missing:
        raise ModelError(
            f"{path}: the model settings lack {', '.join(sorted(missing))}"
            "; reinstall, or scan with --no-model"
        )
    return config


def _check_hash(path: Path, expected: str) -> None:
    """Refuse a model file whose SHA-256 is not the one recorded when it was built."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except OSError as exc:
        raise ModelError(
            f"{path}: cannot read the model file ({exc.strerror or exc}); scan with --no-model"
        ) from None
    if digest.hexdigest() != expected:
        raise ModelError(
            f"{path}: the model file is damaged (its SHA-256 does not match the one recorded at build "
            "time); reinstall social-audit, or scan with --no-model"
        )
