"""Matchers: normalisation and disguises, word boundaries, suppressors, names, patterns and validators,
the watch list. Offensive words come from the lexicon files; tests assert rule ids."""

from __future__ import annotations

import pytest

from rules import Engine
from rules.lexicon import load_lexicon
from rules.normalise import disguised_tokens, plain, plain_many
from rules.validators import nhs_number, uk_personal_phone, vehicle_registration
from rules.watchlist import Watchlist

ENGINE = Engine.load()
LEXICON = load_lexicon()
# A strong swear word taken from the data, so no offensive word is written in this file.
WORD = sorted(w for w in LEXICON.classes["swear_strong"].words if len(w) == 4 and w.isalpha())[0]


def rules(text: str, kind: str = "post", engine: Engine = ENGINE) -> set[str]:
    """Rule ids that flag the text (notes demoted to info excluded)."""
    return {h.rule.id for h in engine.check(text, kind) if h.severity != "info"}


def test_view_one_folds_case_width_and_invisible_characters() -> None:
    assert plain("Ｈｅｌｌｏ\u200b World\nagain") == "hello world again"
    assert plain("don’t") == "don't"
    assert plain("see https://t.co/Ab1tX9 now").split() == ["see", "now"]
    texts = ["A\u200bB", "", "x https://t.co/q", "Straße 👍🏽", "  spaced \t out  "]
    assert plain_many(texts) == [plain(t) for t in texts]


@pytest.mark.parametrize(
    "disguise",
    [
        WORD,
        WORD[0] + "*" + WORD[2:],
        WORD[0] + "**" + WORD[3:],
        " ".join(WORD),
        ".".join(WORD),
        WORD[0] + WORD[1] * 5 + WORD[2:],
        "".join(chr(ord(c) + 0xFEE0) for c in WORD),  # full-width letters
        WORD[:2] + "\u200b" + WORD[2:],  # zero-width space inside
        WORD.upper(),
    ],
)
def test_disguised_swearing_is_found(disguise: str) -> None:
    assert "OFFN001" in rules(f"this is {disguise} honestly")


def test_leet_and_lookalike_letters() -> None:
    shit = "sh1t"
    assert "OFFN001" in rules(f"{shit} day")
    cyrillic = "\u0455" + "hit"  # Cyrillic dze for s
    assert "OFFN001" in rules(f"what a {cyrillic} day")
    assert "OFFN001" in rules("kiss my a$$") or "OFFN006" in rules("kiss my a$$")


def test_disguised_tokens_keep_what_was_written() -> None:
    tokens = disguised_tokens("what the f u c k", lambda w: None)
    assert tokens[-1].word == "fuck" and tokens[-1].original == "f u c k"


def test_why_quotes_the_disguised_spelling() -> None:
    hits = ENGINE.check("what a sh*t day")
    assert hits[0].why == "Swearing in a post: 'sh*t' (a disguised spelling)"


@pytest.mark.parametrize(
    "text",
    [
        "Scunthorpe United 2-1 at home",
        "Penistone Road is gridlocked",
        "Cocktail hour at the Cock and Bull",
        "Assessment centre booked for Friday",
        "My therapist is brilliant",
        "Analysis chapter done",
        "Class of 2019 reunion",
        "Shiitake risotto tonight",
        "Peacock feathers at the country house",
        "Hancock's half hour on the radio",
        "Dickens' Christmas Carol at the theatre",
        "Specialist nurse clinic",
        "Sussex and Essex and Middlesex",
        "Grass needs cutting and the bass is too loud",
        "Cocoon by the raccoon enclosure",
        "Among the mongoose at the zoo",
    ],
)
def test_word_boundaries_protect_longer_words(text: str) -> None:
    assert rules(text) == set()


def test_names_are_not_drug_slang_but_lowercase_slang_is() -> None:
    assert rules("Charlie's first birthday party") == set()
    assert rules("Molly got her swimming badge") == set()
    assert "SUBS001" in rules("bit of charlie before the club")


def test_suppressing_phrases_drop_the_match() -> None:
    assert rules("Dick Turpin rode through here") == set()
    assert rules("Spotted dick and custard") == set()
    assert rules("Blue tits on the feeder") == set()
    assert rules("Our team is killing it") == set()
    assert rules("I could murder a curry") == set()
    assert rules("Cock-a-leekie soup for lunch") == set()


def test_uk_phone_validator() -> None:
    assert uk_personal_phone("07912 345678")
    assert uk_personal_phone("+44 7912 345678")
    assert uk_personal_phone("029 2018 0000")  # geographic
    assert uk_personal_phone("07700 900123")  # Ofcom drama range: shaped like a mobile, still a number
    assert not uk_personal_phone("0800 1111")  # Childline
    assert not uk_personal_phone("0808 80 10 800")  # freephone helpline
    assert not uk_personal_phone("12345 678901")


def test_nhs_number_checksum_and_context() -> None:
    assert nhs_number("943 476 5919")
    assert not nhs_number("943 476 5918")
    assert not nhs_number("111 111 1111")
    assert "PINF003" in rules("NHS number 9434765919 on the letter")
    assert rules("Tracking number 9434765919") == set()


def test_postcodes_addresses_and_plates() -> None:
    assert "PINF005" in rules("Send it to SW1A 1AA please")
    assert "PINF005" not in rules("Take vitamin B12 and the M1 north")
    assert "PINF006" in rules("Party at 14 Maple Grove tonight")
    assert "PINF006" in rules("Moved to 7 Heol y Deri last week")
    assert vehicle_registration("BD21 XKR")
    assert not vehicle_registration("BD99 XKR")  # age identifier not issued
    assert "PINF007" in rules("White van KN68 FPO blocking the lane")


def test_map_links_and_what3words() -> None:
    assert "LOCN006" in rules("we're here https://maps.app.goo.gl/xYz123")
    assert "LOCN006" in rules("meet at ///filled.count.soap")
    assert rules("see https://example.com/maps-of-wales") == set()


def test_watchlist_typo_found_common_word_not() -> None:
    engine = Engine.load(watchlist=Watchlist.from_names({"people": ["Jayden", "Will", "Ann"]}))
    assert "CONF006" in rules("Happy birthday Jaydn, you star", engine=engine)
    assert "CONF006" not in rules("I will be there at five", engine=engine)
    assert "CONF006" not in rules("Will anyone be at the match?", engine=engine)
    assert "CONF006" not in rules("Planning meeting ran over", engine=engine)
    assert "CONF006" in rules("Saw Ann at the shops", engine=engine)


def test_watchlist_full_names_accents_order_and_initials() -> None:
    watchlist = Watchlist.from_names({"people": ["Siân Evans"], "colleagues": ["Gareth Jones"]})
    assert [h.name for h in watchlist.find("lovely to see sian evans today")] == ["Siân Evans"]
    assert [h.name for h in watchlist.find("Sian Evnas was there")] == ["Siân Evans"]
    assert [h.name for h in watchlist.find("Jones Gareth again")] == ["Gareth Jones"]
    assert [h.name for h in watchlist.find("G. Jones is off")] == ["Gareth Jones"]
    assert watchlist.find("Gareth Bale scored") == []
    assert watchlist.find("jonesing for a coffee") == []


def test_context_window_limits_the_distance() -> None:
    near = "my manager is useless"
    far = "my manager " + "and then we went for lunch and it was lovely and sunny " * 2 + "useless umbrella"
    assert "WORK001" in rules(near)
    assert "WORK001" not in rules(far)
