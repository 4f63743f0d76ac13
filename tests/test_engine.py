"""The engine's contract: result columns for flagged rows only, severity, confidence, why, standards and
action; selection of rules, allowed phrases, minimum severity and the regulator cited."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from rules import RESULT_COLUMNS, Engine, RuleError, regulators
from rules.engine import select_rules
from rules.loader import default_pack_paths, load_packs


def frame(*rows: tuple[str, str] | tuple[str, str, str | None]) -> pd.DataFrame:
    """A frame of (text, kind[, author]) rows with the metadata columns the engine reads."""
    records = [
        {"text": r[0], "kind": r[1], "author": r[2] if len(r) > 2 else None, "location": None, "media": 0}
        for r in rows
    ]
    return pd.DataFrame.from_records(records, index=[f"i{n}" for n in range(len(records))])


def test_evaluate_returns_flagged_rows_only_with_the_result_columns() -> None:
    engine = Engine.load()
    items = frame(
        ("Lovely walk on the beach", "post"),
        ("Home visit on the Parkside estate, 15yo lad and his 3 siblings", "post"),
        ("Lost my keys, please ring 07912 345678", "post"),
    )
    result = engine.evaluate(items)
    assert list(result.columns) == RESULT_COLUMNS
    assert list(result.index) == ["i1", "i2"]
    visit = result.loc["i1"]
    assert visit["severity"] == "high" and visit["categories"][0] == "confidentiality"
    assert "CONF001" in visit["rules"]
    assert visit["why"][0].startswith(
        "Work context with an identifying detail: case detail 'home visit' + age '15yo'"
    )
    assert visit["standards"][:2] == ["HCPC SCPE 2024 5.1", "HCPC SCPE 2024 2.12"]
    phone = result.loc["i2"]
    assert (phone["severity"], phone["rules"]) == ("medium", ["PINF002"])


def test_empty_frame_gives_empty_result() -> None:
    result = Engine.load().evaluate(frame())
    assert list(result.columns) == RESULT_COLUMNS and result.empty


def test_most_severe_finding_sets_severity_and_comes_first() -> None:
    result = Engine.load().evaluate(
        frame(("my manager is useless, and the frequent flyers are back", "post"))
    )
    row = result.iloc[0]
    assert row["severity"] == "high"
    assert row["rules"][0] == "WORK002"  # contempt for patients (high) before venting (medium)
    assert row["categories"] == ["workplace"]


def test_likes_are_one_level_lower_and_marked_as_endorsement() -> None:
    result = Engine.load().evaluate(
        frame(
            ("The clot shot is killing people", "like", "antivaxpage"),
            ("The clot shot is killing people", "post"),
        )
    )
    liked, posted = result.loc["i0"], result.loc["i1"]
    assert (posted["severity"], liked["severity"]) == ("high", "medium")
    assert liked["why"][0].endswith("(in @antivaxpage's words you liked: this can read as endorsement)")


def test_a_like_without_its_author_never_names_nan() -> None:
    # pandas turns a missing author into NaN when other rows have one (X likes carry no author)
    result = Engine.load().evaluate(
        frame(
            ("The clot shot is killing people", "like", None),
            ("The clot shot is killing people", "like", "antivaxpage"),
        )
    )
    note = "(in someone else's words you liked: this can read as endorsement)"
    assert result.loc["i0"]["why"][0].endswith(note)
    assert "@antivaxpage's words" in result.loc["i1"]["why"][0]


def test_messages_are_marked_private() -> None:
    hits = Engine.load().check("a lad I support at the project sent me a follow request on insta", "message")
    assert hits and all("private message" in h.why for h in hits)


def test_media_without_text_is_info_and_shown_only_when_asked() -> None:
    media = pd.DataFrame(
        {"text": [""], "kind": ["media"], "author": [None], "location": [None], "media": [2]}
    )
    assert Engine.load().evaluate(media).empty
    shown = Engine.load(min_severity="info").evaluate(media)
    assert shown.iloc[0]["severity"] == "info" and shown.iloc[0]["rules"] == ["CONF005"]
    assert shown.iloc[0]["why"] == [
        "Photo or video with no text: check the image yourself: 2 photo(s) or video(s) with no text"
    ]


def test_min_severity_high_keeps_only_high_items() -> None:
    items = frame(("what a sh*t day", "post"), ("hope he dies in a ditch", "post"))
    assert list(Engine.load(min_severity="high").evaluate(items).index) == ["i1"]
    with pytest.raises(RuleError, match="minimum severity 'severe'"):
        Engine.load(min_severity="severe")


def test_select_and_ignore_by_id_name_prefix_and_category() -> None:
    rules = load_packs(default_pack_paths())
    assert {r.id for r in select_rules(rules, ["PINF001"])} == {"PINF001"}
    assert {r.id for r in select_rules(rules, ["email-address,phone-number"])} == {"PINF001", "PINF002"}
    assert {r.category for r in select_rules(rules, ["DISC"])} == {"discrimination"}
    assert {r.category for r in select_rules(rules, ["location"])} == {"location"}
    kept = select_rules(rules, ["PINF"], ["PINF002", "PINF005"])
    assert {r.id for r in kept} == {r.id for r in rules if r.id.startswith("PINF")} - {"PINF002", "PINF005"}
    with pytest.raises(RuleError, match="--ignore 'XYZ1': no rule has this id"):
        select_rules(rules, [], ["XYZ1"])


def test_ignored_rules_do_not_run() -> None:
    text = "Lost my keys, ring 07912 345678 or jo@example.com"
    assert {h.rule.id for h in Engine.load().check(text)} == {"PINF001", "PINF002"}
    assert {h.rule.id for h in Engine.load(ignore=["PINF002"]).check(text)} == {"PINF001"}
    assert {h.rule.id for h in Engine.load(select=["PINF002"]).check(text)} == {"PINF002"}


def test_allowed_phrases_are_never_flagged(tmp_path: Path) -> None:
    allow = tmp_path / "allow.txt"
    allow.write_text("# things I'm happy with\nCwmderi County Council\njo@example.com\n", encoding="utf-8")
    engine = Engine.load(allow_file=allow)
    assert engine.check("Cwmderi County Council is useless") == []
    assert {h.rule.id for h in Engine.load().check("Cwmderi County Council is useless")} == {"WORK001"}
    assert engine.check("email jo@example.com for the rota") == []
    assert {h.rule.id for h in engine.check("email sam@example.com for the rota")} == {"PINF001"}


def test_standards_follow_the_regulator() -> None:
    hcpc = Engine.load("hcpc").evaluate(frame(("NHS no 943 476 5919 on the lost letter", "post")))
    assert all(label.startswith("HCPC") for label in hcpc.iloc[0]["standards"])
    with pytest.raises(RuleError, match="unknown regulator 'xyz'"):
        Engine.load("xyz")


@pytest.mark.skipif("swe" not in regulators(), reason="rules/standards/swe.toml is not there yet")
def test_regulator_swe_changes_the_cited_clauses() -> None:
    items = frame(("Home visit on the Parkside estate, 15yo lad and his 3 siblings", "post"))
    hcpc = Engine.load("hcpc").evaluate(items).iloc[0]["standards"]
    swe = Engine.load("swe").evaluate(items).iloc[0]["standards"]
    assert swe and swe != hcpc
    assert not any(label.startswith("HCPC") for label in swe)


def test_every_rule_can_be_explained() -> None:
    engine = Engine.load()
    descriptions = {rule.id: engine.describe(rule) for rule in engine.rules}
    assert descriptions["CONF001"].startswith("any work context or case detail, with age / place")
    assert descriptions["PINF002"].endswith("checked by uk_personal_phone")
    assert all(descriptions.values())
