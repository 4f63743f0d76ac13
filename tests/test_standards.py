"""Standards per regulator: every file loads and covers every category, confirmed numbers are marked as
such, bad files give clear errors, and --regulator changes what a scan cites."""

from __future__ import annotations

import datetime
import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES

from audit.cli import app
from audit.pipeline import ScanOptions, run
from rules import CATEGORIES, Engine, RuleError, load_standards, regulators
from rules.standards import Clause, load_standards_file

REGULATORS = ["hcpc", "niscc", "nmc", "scw", "sssc", "swe"]

# Numbers that the regulators' own documents in shared/seeds/ quote (shared/reference/standards.md §0).
SEED_VERIFIED = {
    "hcpc": {
        "HCPC SCPE 2024 " + n for n in ("1.6", "1.9", "1.10", "1.12", "2.10", "2.11", "2.12", "5.1", "9.1")
    },
    "scw": {"SCW Code 2015 1.4", "SCW Code 2015 2.4", "SCW Code 2015 3.6", "SCW Code 2015 section 5"},
}
BEFORE_ALL = datetime.date(2015, 1, 1)  # a post old enough to be cited against every edition


def cited(regulator: str) -> list[Clause]:
    """Every clause a post of any date may cite, over all categories."""
    return [c for clauses in load_standards(regulator).by_category.values() for c in clauses]


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
    clauses = load_standards(regulator).cite(category, BEFORE_ALL)
    assert clauses
    for clause in clauses:
        assert clause.regulator == regulator
        assert clause.summary and "\n" not in clause.summary
        assert clause.url.startswith("https://")


# The data check (issue 17): what the report cites can be trusted ---------------------------------------


@pytest.mark.parametrize("regulator", REGULATORS)
def test_data_check_every_cited_number_was_seen_with_its_source(regulator: str) -> None:
    for clause in cited(regulator):
        assert clause.status in ("verified", "secondary"), f"{clause.label} is cited but {clause.status}"
        assert clause.sources, f"{clause.label}: no source"
        if clause.status == "verified":
            assert any(s.kind == "regulator" for s in clause.sources), clause.label
        else:
            assert any(s.kind != "regulator" for s in clause.sources), clause.label
        assert clause.confirmed


@pytest.mark.parametrize("regulator", REGULATORS)
def test_data_check_every_unverified_number_has_a_cited_fallback_in_its_category(regulator: str) -> None:
    standards = load_standards(regulator)
    labels = {c.label for c in cited(regulator)}
    for candidate in standards.candidates:
        assert candidate.status == "unverified" and not candidate.confirmed
        assert candidate.label not in labels, f"{candidate.label} is unverified but cited"
        assert candidate.fallback in labels, (
            f"{candidate.label}: fallback {candidate.fallback!r} is not cited"
        )
    # the fallback is cited for the same category as the candidate
    text = (Path(__file__).parents[1] / "rules" / "standards" / f"{regulator}.toml").read_text()
    for entry in tomllib.loads(text)["clause"]:
        if entry["status"] == "unverified":
            assert entry["fallback"] in [c.label for c in standards.cite(entry["category"], BEFORE_ALL)]


@pytest.mark.parametrize("regulator", REGULATORS)
def test_data_check_every_edition_has_its_date_range(regulator: str) -> None:
    standards = load_standards(regulator)
    assert standards.code.in_force and standards.code.period.startswith("from ")
    if standards.previous_code is not None:
        assert standards.in_force == standards.code.in_force
        assert standards.previous_code.until == standards.in_force - datetime.timedelta(days=1)
        assert " to " in standards.previous_code.period
    for clause in cited(regulator):
        if not clause.guidance:
            assert clause.edition in standards.editions and clause.edition.period, clause.label


@pytest.mark.parametrize("regulator", REGULATORS)
@pytest.mark.parametrize("category", CATEGORIES)
def test_data_check_every_category_cites_a_verified_clause_for_posts_of_any_date(
    regulator: str, category: str
) -> None:
    for made in (None, BEFORE_ALL, datetime.date(2026, 12, 1)):
        clauses = load_standards(regulator).cite(category, made)
        assert any(c.status in ("verified", "secondary") and not c.draft for c in clauses), (regulator, made)
        assert not clauses[0].draft, f"{regulator} {category}: a draft is cited first"


@pytest.mark.parametrize("regulator", sorted(SEED_VERIFIED))
def test_numbers_the_seed_documents_quote_are_cited_as_verified(regulator: str) -> None:
    by_label = {c.label: c for c in cited(regulator)}
    for label in SEED_VERIFIED[regulator]:
        assert by_label[label].status == "verified", label


def test_the_guessed_scw_and_niscc_numbers_are_never_cited() -> None:
    scw = {c.label for c in cited("scw")}
    for number in ("2.1", "2.2", "2.3", "5.1", "5.4", "5.5", "5.8"):
        assert f"SCW Code 2015 {number}" not in scw
    assert {c.label for c in load_standards("scw").candidates} >= {"SCW Code 2015 5.5", "SCW Code 2015 5.8"}
    assert load_standards("scw").cite("confidentiality", BEFORE_ALL)[-2].label == "SCW Code 2015 2.4"
    assert {c.label for c in cited("niscc")} == {
        "NISCC digital skills learning 2023: Standards of Conduct and Practice"
    }
    assert len(load_standards("niscc").candidates) == 15


def test_numbers_seen_only_on_study_sites_fall_back_to_the_section_or_a_verified_clause() -> None:
    nmc = load_standards("nmc")
    fallback = {c.label: c.fallback for c in nmc.candidates}
    assert fallback["NMC Code 2018 5.1"] == "NMC Code 2018 20.10"  # a flashcard site only
    assert fallback["NMC Code 2018 21.4"] == "NMC Code 2018 section 20"
    assert [c.label for c in nmc.cite("promotion")] == ["NMC Code 2018 section 20"]
    assert "NMC Code 2018 20.6" in [c.label for c in nmc.cite("boundaries")]  # quoted by Nursing Times


def test_secondary_numbers_say_who_quoted_them() -> None:
    swe_56 = load_standards("swe").cite("offensive")[0]
    assert (swe_56.label, swe_56.status) == ("SWE Professional Standards 2019 5.6", "secondary")
    assert swe_56.verification == (
        "Secondary: seen word for word in a public body's procedures and a professional journal; "
        "check the regulator's text"
    )
    assert (
        load_standards("swe").cite("discrimination")[0].verification == "Verified in the regulator's own text"
    )
    sssc_23 = load_standards("sssc").cite("confidentiality")[0]
    assert "an employer's copy of the code" in sssc_23.verification


# Editions by date ----------------------------------------------------------------------------------------


def test_scw_cites_the_2026_code_by_section_and_the_2015_code_for_older_posts() -> None:
    scw = load_standards("scw")
    assert (scw.document, scw.previous, scw.in_force) == (
        "SCW Code 2026",
        "SCW Code 2015",
        datetime.date(2026, 7, 1),
    )
    new = [c.label for c in scw.cite("harassment", datetime.date(2026, 7, 1))]
    assert new == [
        "SCW Code 2026 section 5",
        "SCW social media guidance 2019: Integrity, public trust and confidence",
    ]
    old = [c.label for c in scw.cite("harassment", datetime.date(2026, 6, 30))]
    assert old == [*new, "SCW Code 2015 section 5"]
    assert all(c.number.startswith("section ") for c in cited("scw") if c.document == "SCW Code 2026")
    first = scw.cite("confidentiality", datetime.date(2019, 5, 1))
    assert [c.label for c in first][-2:] == ["SCW Code 2015 2.4", "SCW Code 2015 1.4"]
    assert first[-1].applies == "posts made before 1 July 2026 (the edition in force until then)"
    assert first[-1].edition.period == "1 July 2015 to 30 June 2026"
    assert first[0].applies == "posts of any date (the edition in force now)"


def test_sssc_cites_the_2016_code_before_1_may_2024_and_the_2024_code_after() -> None:
    sssc = load_standards("sssc")
    assert (sssc.previous, sssc.in_force) == ("SSSC Code 2016", datetime.date(2024, 5, 1))
    assert [c.label for c in sssc.cite("sexual", datetime.date(2024, 5, 1))] == ["SSSC Code 2024 2.8"]
    assert [c.label for c in sssc.cite("sexual", datetime.date(2024, 4, 30))] == [
        "SSSC Code 2024 2.8",
        "SSSC Code 2016 5.8",
    ]
    assert sssc.previous_code.period == "2016 to 30 April 2024"
    assert "SSSC Code 2024 5.8" in {c.label for c in sssc.candidates}


def test_hcpc_cites_the_2016_numbers_for_posts_before_september_2024() -> None:
    hcpc = load_standards("hcpc")
    assert (hcpc.in_force, hcpc.previous) == (datetime.date(2024, 9, 1), "HCPC SCPE 2016")
    discrimination = hcpc.cite("discrimination", datetime.date(2023, 3, 2))
    assert discrimination[-1].label == "HCPC SCPE 2016 1.5"
    workplace = [c.label for c in hcpc.cite("workplace", datetime.date(2020, 1, 1))]
    assert workplace[-2:] == ["HCPC SCPE 2016 2.7", "HCPC SCPE 2016 7.1"]
    assert "HCPC SCPE 2024 7.1" not in workplace  # not seen in the 2024 text
    assert hcpc.cite("workplace") == hcpc.cite("workplace", datetime.date(2024, 9, 1))
    assert not any("2016" in c.label for c in hcpc.cite("workplace"))


def test_an_undated_post_or_a_regulator_with_one_edition_cites_the_code_in_force_now() -> None:
    assert load_standards("swe").in_force is None
    assert load_standards("swe").cite("offensive", BEFORE_ALL) == load_standards("swe").cite("offensive")
    assert load_standards("nmc").code.period == "from 2015"
    assert load_standards("niscc").code.period == "from November 2015"


def test_the_engine_cites_the_edition_in_force_when_the_post_was_made() -> None:
    engine = Engine.load("scw", select=["PINF"])
    frame = pd.DataFrame(
        {
            "text": ["ring me on 07700 900123 any time"] * 3,
            "kind": ["post"] * 3,
            "created_at": pd.to_datetime(["2019-03-02T21:14:05Z", "2026-08-01T09:00:00Z", None], utc=True),
        }
    )
    cited = engine.evaluate(frame)["standards"].tolist()
    assert len(cited) == 3
    assert "SCW Code 2015 section 5" in cited[0] and cited[0][0] == "SCW Code 2026 section 5"
    assert cited[1] == cited[2] == [c.label for c in load_standards("scw").cite("personal_info")]
    assert not any("2015" in label for label in cited[1])


# Drafts, labels and what the workbook shows beside a label ---------------------------------------------


def test_swe_drafts_are_cited_by_title_as_drafts_never_as_standards() -> None:
    swe = load_standards("swe")
    drafts = [d for d in swe.guidance if d.draft]
    assert [d.title for d in drafts] == [
        "Communicating online: guidance for social workers (draft)",
        "Decision making guidance: concerns relating to social workers communicating online (draft)",
    ]
    boundaries = swe.cite("boundaries")
    assert boundaries[1].label == "SWE draft guidance Communicating online (2025): maintaining boundaries"
    assert boundaries[1].draft and boundaries[1].applies == "posts of any date (a draft, not a standard)"
    for clause in cited("swe"):
        assert clause.draft is ("draft" in clause.label), clause.label


def test_labels_keep_their_format() -> None:
    hcpc = load_standards("hcpc")
    assert [c.label for c in hcpc.cite("confidentiality")][:3] == [
        "HCPC SCPE 2024 5.1",
        "HCPC SCPE 2024 2.12",
        "HCPC social media guidance 2024: Respect confidentiality",
    ]
    assert load_standards("swe").cite("offensive")[0].label == "SWE Professional Standards 2019 5.6"
    assert load_standards("scw").cite("harassment")[0].label == "SCW Code 2026 section 5"
    assert load_standards("nmc").cite("substances")[0].label == "NMC Code 2018 section 20"
    for regulator in REGULATORS:
        assert not any("unconfirmed" in c.label for c in cited(regulator))


def test_find_gives_the_summary_to_show_beside_a_cited_label() -> None:
    swe = load_standards("swe")
    misinformation = swe.find("SWE Professional Standards 2019 5.6", "misinformation")
    assert misinformation is not None and "accuracy" in misinformation.summary
    assert misinformation.brief == (
        "Keep your use of social media and other technology lawful and ethical, and never let it discredit "
        "the profession."
    )
    assert swe.find("SWE Professional Standards 2019 5.6").summary == misinformation.brief
    assert swe.find("SWE Professional Standards 2019 5.1") is None  # unverified: never cited


def test_a_general_clause_cited_as_a_fallback_says_so() -> None:
    swe = load_standards("swe")
    for category in ("misinformation", "promotion"):
        assert "Cited as the general online standard" in swe.cite(category)[0].summary
    assert "Cited as the general standard" in load_standards("hcpc").cite("location")[-1].summary


def test_an_unknown_regulator_is_a_clear_error() -> None:
    with pytest.raises(RuleError, match="unknown regulator 'bacp'; choose one of hcpc, niscc, nmc, scw"):
        load_standards("bacp")


def clause_toml(
    category: str, number: str, extra: str = "", summary: str = "Be good.", status: str = "verified"
) -> str:
    """One [[clause]] table as TOML text, seen on the regulator's page unless ``extra`` says otherwise."""
    source = "" if "source =" in extra or status == "unverified" else 'source = ["tc-page"]\n'
    return (
        f'\n[[clause]]\ncategory = "{category}"\nnumber = "{number}"\n{extra}{source}'
        f'summary = "{summary}"\nstatus = "{status}"\n'
    )


HEAD = """
name = "Test Council"

[code]
short = "TC Code 2020"
title = "Test code"
edition = "2020"
url = "https://example.org/code"
in_force = 2020-01-01

[previous]
short = "TC Code 2010"
title = "Test code"
edition = "2010"
url = "https://example.org/code-2010"
in_force = "2010-04"

[guidance.sm]
short = "TC guidance"
title = "Test guidance"
edition = "2021"
url = "https://example.org/guidance"

[guidance.draft]
short = "TC draft advice"
title = "Advice (draft)"
edition = "2025, not final"
url = "https://example.org/draft"
draft = true

[source]
tc-page = { kind = "regulator", url = "https://example.org/code" }
tc-union = { kind = "union", url = "http://example.org/union" }
"""
VALID = HEAD + "".join(clause_toml(category, f"1.{i}") for i, category in enumerate(CATEGORIES, 1))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "test.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_loads_with_editions_guidance_fallbacks_and_sources(tmp_path: Path) -> None:
    text = (
        VALID
        + clause_toml("offensive", "Tips", 'guidance = "sm"\nsource = ["tc-union"]\n', status="secondary")
        + clause_toml("offensive", "Tone", 'guidance = "draft"\n')
        + clause_toml("discrimination", "1.1")  # the same clause may serve several categories
        + clause_toml("workplace", "9", 'edition = "previous"\nurl = "https://example.org/code#9"\n')
        + clause_toml("workplace", "2.1", 'fallback = "TC Code 2020 1.7"\n', status="unverified")
    )
    standards = load_standards_file(write(tmp_path, text))
    assert standards.regulator == "test"
    assert [c.label for c in standards.cite("offensive")] == [
        "TC Code 2020 1.3",
        "TC guidance: Tips",
        "TC draft advice: Tone",
    ]
    tips = standards.cite("offensive")[1]
    assert (tips.status, tips.url) == ("secondary", "https://example.org/guidance")
    assert tips.verification == "Secondary: seen word for word in a union's guide; check the regulator's text"
    assert standards.cite("offensive")[2].draft
    assert [c.number for c in standards.cite("discrimination")] == ["1.2", "1.1"]
    assert [c.label for c in standards.cite("workplace")] == ["TC Code 2020 1.7"]
    old = standards.cite("workplace", datetime.date(2019, 12, 31))[1]
    assert (old.label, old.url, old.current) == ("TC Code 2010 9", "https://example.org/code#9", False)
    assert old.edition.period == "April 2010 to 31 December 2019"
    assert [(c.label, c.fallback) for c in standards.candidates] == [("TC Code 2020 2.1", "TC Code 2020 1.7")]


BAD_FILES = [
    (VALID + "\n[oops", "test.toml: not valid TOML"),
    (VALID.replace('"offensive"', '"rude"'), "test.toml: clause 1.3 (rude): category: 'rude' is not one of"),
    (
        VALID + clause_toml("offensive", "2.1", summary=" "),
        "test.toml: clause 2.1 (offensive): summary: missing",
    ),
    (
        VALID + clause_toml("offensive", "2.1").replace('number = "2.1"\n', ""),
        "test.toml: clause #13: number: missing or empty",
    ),
    (VALID + clause_toml("promotion", "1.12"), "test.toml: clause 1.12 (promotion): number: cited twice"),
    (
        HEAD + "".join(clause_toml(category, "1") for category in CATEGORIES if category != "promotion"),
        "test.toml: no verified clause for category promotion",
    ),
    (
        VALID.replace('number = "1.12"\n', 'number = "1.12"\nguidance = "draft"\n'),
        "test.toml: no verified clause for category promotion",  # a draft is never the only citation
    ),
    (
        VALID.replace('number = "1.12"\n', 'number = "1.12"\nedition = "previous"\n'),
        "test.toml: no verified clause for category promotion",  # nor an edition since replaced
    ),
    (
        VALID + clause_toml("offensive", "2.1", status="yes"),
        "test.toml: clause 2.1 (offensive): status: must be one of verified, secondary, unverified",
    ),
    (
        VALID + clause_toml("offensive", "2.1", status="unverified"),
        "test.toml: clause 2.1 (offensive): fallback: missing or empty",
    ),
    (
        VALID + clause_toml("offensive", "2.1", 'fallback = "TC Code 2020 1.1"\n', status="unverified"),
        "test.toml: clause 2.1 (offensive): fallback: 'TC Code 2020 1.1' is not a verified or secondary",
    ),
    (
        VALID + clause_toml("offensive", "2.1", 'fallback = "TC Code 2020 1.3"\n'),
        "test.toml: clause 2.1 (offensive): fallback: only for unverified numbers",
    ),
    (
        VALID + clause_toml("offensive", "2.1", "source = []\n", status="secondary"),
        "test.toml: clause 2.1 (offensive): source: a secondary number needs the key",
    ),
    (
        VALID + clause_toml("offensive", "2.1", 'source = ["tc-union"]\n'),
        "test.toml: clause 2.1 (offensive): status: verified needs a source of kind 'regulator'",
    ),
    (
        VALID + clause_toml("offensive", "2.1", 'source = ["nope"]\n'),
        "test.toml: clause 2.1 (offensive): source: 'nope' is not a key of [source]",
    ),
    (
        VALID.replace('kind = "union"', 'kind = "flashcards"'),
        "test.toml: source.tc-union: kind: 'flashcards' is not one of",
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
        VALID + clause_toml("offensive", "Tips", 'guidance = "sm"\nedition = "previous"\n'),
        "test.toml: clause Tips (offensive): edition: guidance is not tied to an edition",
    ),
    (
        VALID + clause_toml("offensive", "2.1", 'edition = "2010"\n'),
        'test.toml: clause 2.1 (offensive): edition: only "previous"',
    ),
    (
        VALID + clause_toml("promotion", "1.1", 'source = ["tc-union"]\n', status="secondary"),
        "test.toml: clause 1.1 (promotion): status/source: differs",
    ),
    (VALID.replace("in_force = 2020-01-01\n", ""), "test.toml: code: in_force: must be a date"),
    (VALID.replace('in_force = "2010-04"\n', ""), "test.toml: previous: in_force: must be a date"),
    (VALID.replace('in_force = "2010-04"', 'in_force = "April 2010"'), "test.toml: previous: in_force: must"),
    (
        VALID.replace("in_force = 2020-01-01", 'in_force = "2020"'),
        "test.toml: code: in_force: must be a full date such as 2024-09-01 with [previous]",
    ),
    (
        VALID.replace('in_force = "2010-04"', "in_force = 2021-01-01"),
        "test.toml: previous: in_force: must be before the code's",
    ),
    (
        VALID.replace('short = "TC draft advice"', 'short = "TC advice"'),
        "test.toml: guidance.draft: short: a draft's short name must say 'draft'",
    ),
    (
        VALID.replace('https://example.org/code"\n', 'http://example.org/code"\n', 1),
        "test.toml: code: url: must be an https:// address",
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
