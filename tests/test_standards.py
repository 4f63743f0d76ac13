"""Standards per regulator: every file loads and covers every category, confirmed numbers are marked as
such, bad files give clear errors, and --regulator changes what a scan cites."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from conftest import SAMPLES

from audit.cli import app
from audit.pipeline import ScanOptions, run
from rules import CATEGORIES, RuleError, load_standards, regulators
from rules.standards import Clause, load_standards_file

REGULATORS = ["hcpc", "niscc", "nmc", "scw", "sssc", "swe"]

# Numbers that the regulators' own documents in shared/seeds/ quote (shared/reference/standards.md §0).
SEED_CONFIRMED = {
    "hcpc": {"1.6", "1.9", "1.10", "1.11", "1.12", "2.10", "2.11", "2.12", "5.1", "9.1", "9.3"},
    "scw": {"1.4", "2.4", "3.6", "§5"},
}


def code_clauses(regulator: str) -> list[Clause]:
    standards = load_standards(regulator)
    return [c for clauses in standards.by_category.values() for c in clauses if not c.guidance]


def test_the_six_regulators_are_shipped() -> None:
    assert regulators() == REGULATORS


@pytest.mark.parametrize("regulator", REGULATORS)
def test_every_regulator_loads_with_its_code_and_guidance(regulator: str) -> None:
    standards = load_standards(regulator)
    assert standards.regulator == regulator
    assert standards.name and standards.code.title and standards.code.edition
    assert standards.document == standards.code.short
    assert standards.url == standards.code.url
    assert standards.documents[0] == standards.code
    assert len(standards.guidance) >= 1
    assert all(d.url.startswith("https://") for d in standards.documents)


@pytest.mark.parametrize("regulator", REGULATORS)
@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_has_a_clause_for_every_regulator(regulator: str, category: str) -> None:
    clauses = load_standards(regulator).cite(category)
    assert clauses
    for clause in clauses:
        assert clause.regulator == regulator
        assert clause.summary and "\n" not in clause.summary
        assert clause.url.startswith("https://")


@pytest.mark.parametrize("regulator", [r for r in REGULATORS if r != "niscc"])
def test_every_category_cites_something_confirmed_first(regulator: str) -> None:
    standards = load_standards(regulator)
    for category in CATEGORIES:
        flags = [clause.confirmed for clause in standards.cite(category)]
        assert flags[0], f"{regulator} {category}: the first citation is unconfirmed"
        assert flags == sorted(flags, reverse=True), f"{regulator} {category}: unconfirmed before confirmed"


def test_niscc_clause_numbers_are_all_unconfirmed_but_each_category_has_a_confirmed_reference() -> None:
    assert {c.confirmed for c in code_clauses("niscc")} == {False}
    standards = load_standards("niscc")
    for category in CATEGORIES:
        first = standards.cite(category)[0]
        assert first.guidance and first.confirmed
        assert first.label == "NISCC digital skills learning 2023: Standards of Conduct and Practice"


@pytest.mark.parametrize("regulator", sorted(SEED_CONFIRMED))
def test_numbers_confirmed_by_the_seed_documents_are_marked_confirmed(regulator: str) -> None:
    cited = {c.number: c for c in code_clauses(regulator)}
    seeds = SEED_CONFIRMED[regulator]
    assert len(seeds & set(cited)) >= len(seeds) - 1  # all cited but 1.11 (personal relationships)
    for number in seeds & set(cited):
        assert cited[number].confirmed, f"{regulator} {number} is confirmed by shared/seeds/"


def test_scw_cites_2_4_for_confidentiality_not_the_guessed_2_3() -> None:
    numbers = [c.number for c in load_standards("scw").cite("confidentiality")]
    assert numbers[0] == "2.4"
    assert "2.3" not in numbers


def test_labels_show_the_document_and_whether_the_number_is_confirmed() -> None:
    hcpc = load_standards("hcpc")
    assert [c.label for c in hcpc.cite("confidentiality")][:3] == [
        "HCPC SCPE 2024 5.1",
        "HCPC SCPE 2024 2.12",
        "HCPC social media guidance 2024: Respect confidentiality",
    ]
    assert hcpc.cite("promotion")[-1].label == "HCPC SCPE 2024 9.2 (number unconfirmed)"
    assert load_standards("scw").cite("harassment")[0].label == "SCW Code 2015 §5"
    assert load_standards("swe").cite("boundaries")[1].label == (
        "SWE draft online guidance 2025: maintaining boundaries"
    )
    nmc_guidance = load_standards("nmc").cite("discrimination")[-1]
    assert nmc_guidance.label == "NMC social media guidance: inciting hatred or discrimination (unconfirmed)"


def test_unconfirmed_numbers_are_never_shown_as_fact() -> None:
    for regulator in REGULATORS:
        for clauses in load_standards(regulator).by_category.values():
            for clause in clauses:
                assert clause.label.endswith("unconfirmed)") is (not clause.confirmed), clause.label


def test_hcpc_and_sssc_give_the_number_in_the_edition_before() -> None:
    hcpc = load_standards("hcpc")
    assert hcpc.in_force == datetime.date(2024, 9, 1)
    assert hcpc.previous == "HCPC SCPE 2016"
    assert hcpc.cite("discrimination")[0].previous == "HCPC SCPE 2016 1.5"
    assert hcpc.cite("offensive")[0].previous == "HCPC SCPE 2016 2.7"
    assert hcpc.cite("discrimination")[1].previous == ""  # 1.5 is new in 2024
    sssc_58 = load_standards("sssc").cite("substances")[1]
    assert (sssc_58.number, sssc_58.confirmed, sssc_58.previous) == ("5.8", False, "SSSC Code 2016 5.8")
    assert load_standards("swe").in_force is None


def test_a_general_clause_cited_as_a_fallback_says_so() -> None:
    swe = load_standards("swe")
    for category in ("misinformation", "promotion"):
        assert "Cited as the general online standard" in swe.cite(category)[0].summary
    assert "Cited as the general standard" in load_standards("hcpc").cite("location")[-1].summary


def test_an_unknown_regulator_is_a_clear_error() -> None:
    with pytest.raises(RuleError, match="unknown regulator 'bacp'; choose one of hcpc, niscc, nmc, scw"):
        load_standards("bacp")


def clause_toml(
    category: str, number: str, extra: str = "", summary: str = "Be good.", confirmed: str = "true"
) -> str:
    """One [[clause]] table as TOML text."""
    return (
        f'\n[[clause]]\ncategory = "{category}"\nnumber = "{number}"\n{extra}'
        f'summary = "{summary}"\nconfirmed = {confirmed}\n'
    )


HEAD = """
name = "Test Council"

[code]
short = "TC Code 2020"
title = "Test code"
edition = "2020"
url = "https://example.org/code"
in_force = 2020-01-01
previous = "TC Code 2010"

[guidance.sm]
short = "TC guidance"
title = "Test guidance"
edition = "2021"
url = "https://example.org/guidance"
"""
VALID = HEAD + "".join(clause_toml(category, f"1.{i}") for i, category in enumerate(CATEGORIES, 1))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "test.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_loads_with_guidance_reuse_and_previous_numbers(tmp_path: Path) -> None:
    text = (
        VALID
        + clause_toml("offensive", "Tips", 'guidance = "sm"\n', confirmed="false")
        + clause_toml("discrimination", "1.1")  # the same clause may serve several categories
        + clause_toml("workplace", "2.1", 'previous = "9"\nurl = "https://example.org/code#2.1"\n')
    )
    standards = load_standards_file(write(tmp_path, text))
    assert standards.regulator == "test"
    assert [c.label for c in standards.cite("offensive")] == [
        "TC Code 2020 1.3",
        "TC guidance: Tips (unconfirmed)",
    ]
    assert [c.number for c in standards.cite("discrimination")] == ["1.2", "1.1"]
    extra = standards.cite("workplace")[1]
    assert (extra.previous, extra.url) == ("TC Code 2010 9", "https://example.org/code#2.1")
    assert standards.cite("offensive")[1].url == "https://example.org/guidance"


BAD_FILES = [
    (VALID + "\n[oops", "test.toml: not valid TOML"),
    (VALID.replace('"offensive"', '"rude"'), "test.toml: clause 1.3 (rude): category: 'rude' is not one of"),
    (
        VALID + clause_toml("offensive", "2.1", summary=" "),
        "test.toml: clause 2.1 (offensive): summary: missing",
    ),
    (
        VALID + clause_toml("offensive", "2.1").replace('summary = "Be good."\n', ""),
        "test.toml: clause 2.1 (offensive): summary: missing or empty",
    ),
    (
        VALID + clause_toml("offensive", "2.1").replace('number = "2.1"\n', ""),
        "test.toml: clause #13: number: missing or empty",
    ),
    (VALID + clause_toml("promotion", "1.12"), "test.toml: clause 1.12 (promotion): number: cited twice"),
    (
        HEAD + "".join(clause_toml(category, "1") for category in CATEGORIES if category != "promotion"),
        "test.toml: no clause for category promotion",
    ),
    (
        VALID + clause_toml("offensive", "2.1", confirmed='"yes"'),
        "test.toml: clause 2.1 (offensive): confirmed: must be true or false",
    ),
    (
        VALID + clause_toml("offensive", "2.1", 'sumary = "x"\n'),
        "test.toml: clause 2.1 (offensive): sumary: unknown",
    ),
    (
        VALID + clause_toml("offensive", "Tips", 'guidance = "nope"\n'),
        "test.toml: clause Tips (offensive): guidance: 'nope' is not a [guidance.*] document",
    ),
    (
        VALID + clause_toml("offensive", "Tips", 'guidance = ["sm"]\n'),
        "test.toml: clause Tips (offensive): guidance: ['sm'] is not a [guidance.*] document",
    ),
    (
        VALID + clause_toml("offensive", "Tips", 'guidance = "sm"\nprevious = "1"\n'),
        "test.toml: clause Tips (offensive): previous: only code clauses",
    ),
    (
        VALID + clause_toml("promotion", "1.1", confirmed="false"),
        "test.toml: clause 1.1 (promotion): confirmed/previous: differs",
    ),
    (
        VALID.replace("in_force = 2020-01-01", 'in_force = "2020"'),
        "test.toml: code: in_force: must be a date",
    ),
    (VALID.replace('previous = "TC Code 2010"\n', ""), "test.toml: code: previous: missing or empty"),
    (
        VALID.replace("https://example.org/code", "http://example.org/code"),
        "test.toml: code: url: must be an https",
    ),
    (VALID.replace('short = "TC Code 2020"', 'short = ""'), "test.toml: code: short: missing or empty"),
    (VALID.replace("[code]", "[codex]"), "test.toml: codex: unknown field"),
    (VALID.replace("[guidance.sm]", "[guidance]"), "test.toml: guidance.short: missing or not a table"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES, ids=[message for _, message in BAD_FILES])
def test_a_malformed_file_names_the_file_clause_and_field(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RuleError) as caught:
        load_standards_file(write(tmp_path, text))
    assert message in str(caught.value)


def test_an_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "gone.toml"
    with pytest.raises(RuleError, match=r"gone.toml: cannot be read \(FileNotFoundError\)"):
        load_standards_file(path)
    path.write_bytes(b'name = "\xff"')
    with pytest.raises(RuleError, match=r"gone.toml: cannot be read \(UnicodeDecodeError\)"):
        load_standards_file(path)


def test_regulator_swe_cites_swe_clauses_and_not_hcpc_ones_end_to_end() -> None:
    hcpc = run([SAMPLES], ScanOptions(model=False))
    swe = run([SAMPLES], ScanOptions(regulator="swe", model=False))
    assert swe.regulator == "swe"
    # The regulator changes what is cited, never what is flagged.
    assert list(swe.items["item_id"]) == list(hcpc.items["item_id"])
    assert list(swe.items["rules"]) == list(hcpc.items["rules"])
    cited = [label for labels in swe.items["standards"] for label in labels]
    assert cited and all(label.startswith("SWE ") for label in cited)
    assert not any("HCPC" in label for label in cited)
    personal = swe.items[swe.items["categories"].map(lambda c: "personal_info" in c)]
    assert len(personal) >= 1
    expected = [c.label for c in load_standards("swe").cite("personal_info")]
    for labels in personal["standards"]:
        assert labels[: len(expected)] == expected
    assert all(
        any(label.startswith("HCPC SCPE 2024") for label in labels) for labels in hcpc.items["standards"]
    )


def test_cli_scan_with_regulator_swe_writes_swe_citations(runner, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["scan", str(SAMPLES), "--regulator", "swe", "-o", str(report), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["regulator"] == "swe"
    cited = {label for item in data["items"] for label in item["standards"]}
    assert "SWE standards guidance 2020: Technology" in cited
    assert not any(label.startswith("HCPC") for label in cited)


def test_cli_rules_explains_a_rule_with_the_chosen_regulators_clauses(runner) -> None:
    result = runner.invoke(app, ["rules", "PINF001", "--regulator", "nmc"])
    assert result.exit_code == 0, result.output
    assert "Nursing and Midwifery Council:" in result.output
    assert "NMC Code 2018 20.10: Communicate responsibly in every medium" in result.output
    assert "HCPC" not in result.output
