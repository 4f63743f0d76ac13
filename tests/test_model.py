"""The learned detector (issue 16): the shipped model loads, scores steadily, judges clear cases, refuses
damage, and stays out of the way with --no-model. Every text here was written for these tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLES
from typer.testing import CliRunner

from audit.cli import app
from audit.pipeline import ScanOptions, run
from audit.report.xlsx import write_xlsx
from rules import Engine
from rules.model import MODEL_DIR, OUTPUTS, Detector, ModelError, load_detector

CLEAR_CASES = {
    "confidentiality": "Home visit this morning to the 14 year old lad on the Brynhyfryd estate, mum was "
    "off her face again and he's in Year 9 at St Cadoc's. Case conference Thursday, what a mess",
    "substances": "Absolutely steaming last night 🍻🍻 about 10 pints then drove home lol don't tell "
    "the boss",
    "misinformation": "The jab alters your DNA and they're hiding the deaths. Do your own research, "
    "garlic and vitamin C cure covid better than any vaccine",
    "offensive": "what a f***ing shambles of a day, everyone can get to f*ck honestly",
}
CLEAR_TRAPS = [
    "Lovely long walk along the canal with the dog this morning, then a brew and a bacon roll ☕",
    "Really useful safeguarding training today on spotting exploitation, feeling more ready for placement",
    "Congratulations to my sister on passing her driving test first time!! So proud 🎉",
    "Anyone got recommendations for a decent curry house near the station? Visiting next weekend",
]


@pytest.fixture(scope="module")
def detector() -> Detector:
    return load_detector()


def test_the_shipped_model_loads_and_fits_the_size_limit(detector: Detector) -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())
    assert size <= 30_000_000
    assert set(detector.thresholds) == {"flag", "category", *OUTPUTS[1:-2]}
    assert all(0 < t < 1 for t in detector.thresholds.values())
    assert detector.measured["flag"]["precision"] > 0.5


def test_scores_are_the_same_every_time_and_barely_depend_on_the_batch(detector: Detector) -> None:
    texts = [*CLEAR_CASES.values(), *CLEAR_TRAPS]
    first = detector.probabilities(texts, cascade=False)
    again = detector.probabilities(texts, cascade=False)
    assert (first == again).all()
    alone = detector.probabilities(texts[:1], cascade=False)
    # int8 activations are scaled per batch, so a text's neighbours move its scores a little, never much
    assert abs(alone[0] - first[0]).max() < 0.05
    assert first.shape == (len(texts), len(OUTPUTS))


@pytest.mark.parametrize("category", sorted(CLEAR_CASES))
def test_clear_cases_are_flagged_in_their_category(detector: Detector, category: str) -> None:
    (verdict,) = detector.judge([CLEAR_CASES[category]])
    assert verdict is not None
    assert category in dict(verdict.categories)


def test_clear_traps_are_left_alone(detector: Detector) -> None:
    assert detector.judge(CLEAR_TRAPS) == [None] * len(CLEAR_TRAPS)


def test_texts_without_words_are_not_read(detector: Detector) -> None:
    before = detector.read
    probs = detector.probabilities(["", "https://t.co/x1y2z3", "😂😂😂", "12:30"], cascade=False)
    assert detector.read == before and not probs.any()


@pytest.mark.parametrize("text", ["Jo Example", "jo_example_sw", "Cwmderi Social Work Students", "@kate lol"])
def test_names_handles_and_short_replies_are_not_read(detector: Detector, text: str) -> None:
    # profile names and group titles look nothing like the posts the model learned from
    assert detector.judge([text]) == [None]


def test_the_model_runs_by_default_and_no_model_leaves_it_out(tmp_path: Path) -> None:
    runner = CliRunner()
    reports = {}
    for name, extra in (("default", []), ("rules", ["--no-model"])):
        out = tmp_path / f"{name}.json"
        result = runner.invoke(app, ["scan", str(SAMPLES / "facebook"), "-o", str(out), "-q", *extra])
        assert result.exit_code == 0, result.output
        reports[name] = json.loads(out.read_text(encoding="utf-8"))["items"]
    assert any(r.startswith("MODEL-") for item in reports["default"] for r in item["rules"])
    assert not any(r.startswith("MODEL-") for item in reports["rules"] for r in item["rules"])


def test_a_texts_scores_do_not_depend_on_the_texts_beside_it(detector: Detector) -> None:
    # the int8 encoder scales activations per run, so each text is read in a run of its own
    text = CLEAR_CASES["confidentiality"]
    alone = detector.probabilities([text], cascade=False)[0]
    crowd = [*CLEAR_TRAPS, CLEAR_CASES["offensive"] * 3, text, "ok x"]
    beside = detector.probabilities(crowd, cascade=False)[crowd.index(text)]
    assert (alone == beside).all()


def test_copies_of_a_text_share_one_reading(detector: Detector) -> None:
    text = CLEAR_CASES["substances"]
    before = detector.read
    probs = detector.probabilities([text, "RT @pal: " + text, text], cascade=False)
    assert detector.read == before + 1
    assert (probs[0] == probs[1]).all() and (probs[0] == probs[2]).all()


def test_model_findings_read_like_a_rules_in_the_engine() -> None:
    engine = Engine.load(model=True)
    hits = [h for h in engine.check(CLEAR_CASES["misinformation"]) if h.rule.id.startswith("MODEL-")]
    assert [h.rule.id for h in hits][:1] == ["MODEL-MISI"]
    assert hits[0].why.startswith("Model: reads as misinformation: ")
    assert "% sure it needs a look, " in hits[0].why and "% of this kind" in hits[0].why
    liked = [h for h in engine.check(CLEAR_CASES["substances"], "like") if h.rule.id == "MODEL-SUBS"]
    posted = [h for h in engine.check(CLEAR_CASES["substances"]) if h.rule.id == "MODEL-SUBS"]
    assert liked and posted
    assert liked[0].severity != posted[0].severity or posted[0].severity == "low"
    assert "this can read as endorsement" in liked[0].why


def test_a_damaged_model_file_is_refused_with_one_clear_line(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(MODEL_DIR, copy, ignore=shutil.ignore_patterns("corpus", "*.py", "__pycache__"))
    onnx = copy / "detector.onnx"
    data = bytearray(onnx.read_bytes())
    data[len(data) // 2] ^= 0xFF
    onnx.write_bytes(bytes(data))
    with pytest.raises(ModelError) as caught:
        Detector(copy)
    message = str(caught.value)
    assert "\n" not in message
    assert str(onnx) in message and "damaged" in message and "--no-model" in message


def test_missing_settings_are_refused_with_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"model\.json: cannot read the model settings") as caught:
        Detector(tmp_path)
    assert "\n" not in str(caught.value)


def test_no_model_gives_the_rules_results_exactly() -> None:
    alone = run([SAMPLES], ScanOptions(model=False)).items
    both = run([SAMPLES], ScanOptions()).items  # the default: the rules and the model
    assert not any(r.startswith("MODEL-") for rules in alone["rules"] for r in rules)
    rules_part = {
        row.item_id: [r for r in row.rules if not r.startswith("MODEL-")] for row in both.itertuples()
    }
    assert {k: v for k, v in rules_part.items() if v} == dict(
        zip(alone["item_id"], alone["rules"], strict=True)
    )
    expected = Engine.load(model=False)
    assert expected.model is None and not expected.model_rules


def test_the_cli_no_model_option_runs_the_rules_alone(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    runner = CliRunner()
    result = runner.invoke(app, ["scan", str(SAMPLES / "twitter"), "-o", str(out), "-q", "--no-model"])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["items"] and not any(r.startswith("MODEL-") for i in report["items"] for r in i["rules"])


def test_the_rules_sheet_lists_the_model_with_its_measured_precision_and_recall(tmp_path: Path) -> None:
    result = run([SAMPLES / "twitter"], ScanOptions(model=True))
    path = tmp_path / "report.xlsx"
    write_xlsx(result, path)
    rows = list(openpyxl.load_workbook(path)["Rules"].iter_rows(values_only=True))
    header = rows[0]
    listed = {row[header.index("Rule")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    model = [rule_id for rule_id in listed if rule_id.startswith("MODEL-")]
    assert len(model) == 12 and "MODEL-CONF" in model and "CONF001" in listed
    measured = load_detector().measured["confidentiality"]
    why = listed["MODEL-CONF"]["Why it matters"]
    assert f"precision {measured['precision']:.2f}, recall {measured['recall']:.2f}" in why
    assert listed["MODEL-CONF"]["Severity"] == "Per item"


def test_select_and_ignore_take_the_models_ids_and_categories() -> None:
    only = Engine.load(model=True, select=["MODEL-LOCN"])
    assert not only.rules and [r.id for r in only.model_rules] == ["MODEL-LOCN"]
    location = Engine.load(model=True, select=["location"])
    assert {r.category for r in location.all_rules} == {"location"} and len(location.model_rules) == 1
    assert not Engine.load(model=True, ignore=["MODEL"]).model_rules
    assert not Engine.load(model=True, select=["PINF001"]).model_rules  # a rule's id is not the model's
    assert len(Engine.load(model=True, ignore=["MODEL-CONF"]).model_rules) == 11


def test_the_model_reads_the_text_without_the_phrases_allowed() -> None:
    text = CLEAR_CASES["misinformation"]
    allowed = Engine.load(model=True, allow=[text[:40], text[40:]])
    assert not [h for h in allowed.check(text) if h.rule.id.startswith("MODEL-")]


def test_a_scan_worker_s_thread_budget_limits_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # audit/parallel.py gives each worker process its share of the cores in OMP_NUM_THREADS
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert Detector().session.get_session_options().intra_op_num_threads == 1
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    assert Detector(threads=1).session.get_session_options().intra_op_num_threads == 1  # asked for: kept
