"""Loading rule packs, lexicons, allow and watch lists: bad files fail with the file, rule id and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from typer.testing import CliRunner

from audit.cli import app
from rules import Engine, RuleError
from rules.lexicon import Lexicon, expand
from rules.loader import load_pack
from rules.watchlist import Watchlist

GOOD_RULE = """
[[rule]]
id = "PROM901"
name = "local-test-rule"
title = "A local rule"
category = "promotion"
severity = "medium"
confidence = "high"
rationale = "Why it matters, in a sentence long enough to read."
guidance = "What to do."
[rule.match]
kind = "lexicon"
words = ["sparkle spa"]
[[rule.example]]
text = "Book the sparkle spa today"
flag = true
[[rule.example]]
text = "Book the dentist today"
flag = false
"""


def write(tmp_path: Path, text: str, name: str = "local.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MALFORMED = [
    ('severity = "medium"', 'severity = "severe"', "PROM901: severity: 'severe' is not one of"),
    ('confidence = "high"\n', "", "PROM901: confidence: missing"),
    ('id = "PROM901"', 'id = "PROM91"', "PROM91: id: 'PROM91' is not a 4-letter prefix"),
    ('id = "PROM901"', 'id = "CONF901"', "CONF901: id: rules of category promotion use the prefix PROM"),
    ('kind = "lexicon"', 'kind = "magic"', "PROM901: match.kind: 'magic' is not one of"),
    ('words = ["sparkle spa"]', 'classes = ["nope"]', "PROM901: match.classes: unknown lexicon class 'nope'"),
    ('words = ["sparkle spa"]', 'words = ["x"]\nwindow = 3', "PROM901: match.window: unknown field for kind"),
    ("flag = false", 'flag = "no"', "PROM901: example #2: needs 'flag = true' or 'flag = false'"),
    ('name = "local-test-rule"', 'name = "Local Rule"', "PROM901: name: 'Local Rule' is not kebab-case"),
]


@pytest.mark.parametrize(("old", "new", "expected"), MALFORMED)
def test_malformed_pack_names_file_rule_and_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = write(tmp_path, GOOD_RULE.replace(old, new))
    with pytest.raises(RuleError) as error:
        Engine.load(extra_packs=[path])
    assert str(error.value).startswith(f"local.toml: {expected}")


def test_bad_regular_expression_is_named(tmp_path: Path) -> None:
    text = GOOD_RULE.replace(
        'kind = "lexicon"\nwords = ["sparkle spa"]', "kind = \"pattern\"\npattern = '(unclosed'"
    )
    with pytest.raises(RuleError, match=r"local.toml: PROM901: match.pattern: missing \)"):
        Engine.load(extra_packs=[write(tmp_path, text)])


def test_pack_that_is_not_toml(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"^local.toml: not valid TOML"):
        load_pack(write(tmp_path, "[[rule]\nid = "))


def test_duplicate_id_across_packs(tmp_path: Path) -> None:
    first = write(tmp_path, GOOD_RULE, "one.toml")
    second = write(tmp_path, GOOD_RULE.replace("local-test-rule", "other-name"), "two.toml")
    with pytest.raises(RuleError, match=r"two.toml: PROM901: 'PROM901' is already used in one.toml"):
        Engine.load(extra_packs=[first, second])


def test_extra_pack_runs_with_the_shipped_rules(tmp_path: Path) -> None:
    engine = Engine.load(extra_packs=[write(tmp_path, GOOD_RULE)])
    assert {"PROM901", "CONF001"} <= {r.id for r in engine.rules}
    assert [h.rule.id for h in engine.check("Sparkle Spa opens on Monday")] == ["PROM901"]


def test_cli_bad_pack_exits_2_naming_file_rule_and_field(tmp_path: Path, runner: CliRunner) -> None:
    pack = write(tmp_path, GOOD_RULE.replace('severity = "medium"', 'severity = "severe"'))
    result = runner.invoke(
        app, ["scan", str(SAMPLES), "-o", str(tmp_path / "r.json"), "--rules", str(pack), "-q"]
    )
    assert result.exit_code == 2
    assert "local.toml: PROM901: severity:" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "r.json").exists()


def test_cli_rules_checks_a_pack(tmp_path: Path, runner: CliRunner) -> None:
    good = runner.invoke(app, ["rules", "PROM901", "--rules", str(write(tmp_path, GOOD_RULE))])
    assert good.exit_code == 0 and "PROM901 (local-test-rule): A local rule" in good.output
    bad = runner.invoke(app, ["rules", "--rules", str(write(tmp_path, "x = 1", "bad.toml"))])
    assert bad.exit_code == 2 and "bad.toml: unknown top-level key(s) ['x']" in bad.output


def test_lexicon_errors_name_the_class_and_field(tmp_path: Path) -> None:
    lexicon = Lexicon()
    with pytest.raises(RuleError, match=r"words.toml: class shouting: label: must be a non-empty string"):
        lexicon.add_file(write(tmp_path, '[class.shouting]\nterms = ["a"]\n', "words.toml"))
    with pytest.raises(RuleError, match=r"words.toml: class odd: patterns: '\(': "):
        lexicon.add_file(write(tmp_path, "[class.odd]\nlabel = 'x'\npatterns = ['(']\n", "words.toml"))


def test_term_expansion() -> None:
    assert expand("shit(e|ty)") == ["shite", "shitty"]
    assert expand("pint(s)") == ["pint", "pints"]
    assert expand("{4-6} pints") == ["4 pints", "5 pints", "6 pints"]
    assert expand("can't stand") == ["can't stand", "cant stand"]
    assert expand("k-hole") == ["k-hole", "k hole", "khole"]


def test_watch_file_format_and_errors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# my watch list\nJayden Price\n[colleagues]\nGareth Jones  # team leader\n\n"
        "[places]\nOakfield Primary\n",
        "watch.txt",
    )
    watchlist = Watchlist.load(path)
    assert watchlist.names == {
        "people": ["Jayden Price"],
        "colleagues": ["Gareth Jones"],
        "places": ["Oakfield Primary"],
    }
    with pytest.raises(RuleError, match=r"bad.txt: line 2: unknown heading \[friends\]"):
        Watchlist.load(write(tmp_path, "Ann\n[friends]\nBob\n", "bad.txt"))


def test_cli_missing_watch_file_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["scan", str(SAMPLES), "-o", str(tmp_path / "r.json"), "--watch", "nope.txt"])
    assert result.exit_code == 2 and "--watch nope.txt: no such file" in result.output


def test_cli_bad_min_severity_and_unknown_selector(tmp_path: Path, runner: CliRunner) -> None:
    out = str(tmp_path / "r.json")
    bad_level = runner.invoke(app, ["scan", str(SAMPLES), "-o", out, "--min-severity", "severe"])
    assert bad_level.exit_code == 2 and "'--min-severity': 'severe' is not one of" in bad_level.output
    bad_rule = runner.invoke(app, ["scan", str(SAMPLES), "-o", out, "--select", "CONF999"])
    assert bad_rule.exit_code == 2 and "--select 'CONF999': no rule has this id" in bad_rule.output
    assert not Path(out).exists()
