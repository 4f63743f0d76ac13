"""Text views the matchers read: a plain view for every item and an obfuscation view for the few that need it.

View 1 (``plain``) is what every lexicon term is matched against: NFKC (full-width letters become ASCII),
lower-cased, zero-width characters and emoji variation selectors / skin tones removed, curly quotes made
straight, links removed and line breaks made spaces. Every step keeps to one character (or one link),
so a whole chunk is normalised in one pass over its texts joined (``plain_many``).

View 2 (``disguised``) undoes deliberate disguises, token by token, only for the items that show a sign of
one (``looks_disguised``): leetspeak (``sh1t``, ``a$$``, ``b!tch``, ``tw@t``), masks (``f*ck``, ``c**t``),
dotted or spaced letters (``f.u.c.k``, ``f u c k``), stretched letters (``fuuuck``) and look-alike letters
from other scripts (Cyrillic ``ѕ``, ``ƒ``). Each view-2 token remembers the view-1 words it came from, so
the report can quote what was actually written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

# Zero-width characters, soft hyphens, emoji variation selectors and skin-tone modifiers carry no meaning
# for matching, and disguise words when placed inside them ("fu\u200bck").
_DROP = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
_QUOTES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}

# Letters from other scripts that look like Latin ones, as used to dodge filters. A small table built by
# hand from Unicode's confusables list (Unicode License v3) rather than a dependency: only letters that
# stand in for Latin ones in the words we match.
HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ѕ": "s", "ј": "j",
        "ԁ": "d", "һ": "h", "ӏ": "l", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h", "ɡ": "g", "ƒ": "f",
        "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "τ": "t", "υ": "u", "ρ": "p", "χ": "x",
        "ß": "ss", "ø": "o", "ł": "l", "ı": "i",
    }
)  # fmt: skip
HOMOGLYPH_CHARS = "".join(chr(c) for c in HOMOGLYPHS if chr(c) != "ß")

# Leetspeak inside a word. "@" and "$" at the start of a token are a mention and money, so only
# characters after the first letter are mapped (see _unleet).
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
MASKS = "*#_•"
_SEPARATED = re.compile(r"^(?:[a-z][.\-_*•])+[a-z]$")  # f.u.c.k, s-h-i-t
_RUN3 = re.compile(r"([a-z])\1{2,}")
_EDGE = "\"'()[]{}<>.,;:?¿¡…-"


# Links are not words: a shortened URL ("t.co/sh1tX9") must not look like a disguised word, and the
# map-link rule reads the original text anyway.
# A literal start lets the regex engine skip ahead fast. Map links are kept: the map-link rule reads them.
_URL = re.compile(r"http(?!s?://(?:maps\.|goo\.gl/maps|www\.google\.[a-z.]+/maps|what3words))[^\s\x00]+")
_WWW = re.compile(r"www\.[^\s\x00]+")


def cased(text: str) -> str:
    """Return view 1 before lower-casing (to tell "Dick" the name from "dick")."""
    if "http" in text:
        text = _URL.sub(" ", text)
    if "www." in text:
        text = _WWW.sub(" ", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", _DROP.sub("", text))
        for curly, straight in _QUOTES.items():
            if curly in text:
                text = text.replace(curly, straight)
    # Line breaks and tabs become spaces, one for one (runs of spaces are left: collapsing them costs more
    # than the rare phrase split by a double space is worth).
    for space in "\n\r\t":
        if space in text:
            text = text.replace(space, " ")
    return text


def plain(text: str) -> str:
    """Return view 1 of ``text``: lower-cased, NFKC, invisible characters and links dropped, line breaks
    made spaces."""
    return cased(text).lower()


def plain_many(texts: list[str]) -> list[str]:
    """View 1 of many texts at once: each step runs once over the texts joined, in C, instead of once per
    text (every step is local to a character, so the result equals ``plain`` of each text)."""
    return cased("\x00".join(texts)).lower().split("\x00")


def fold_accents(text: str) -> str:
    """Strip accents (Siân -> Sian), for names typed with or without them."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# A cheap test over view 1 for signs of a disguise; only items that pass get view 2. It starts at the
# rare character: a mask or leet character between letters (f*ck, sh1t, tw@t, a$$), or a look-alike
# letter from another script. Letters tripled (fuuuck) are found by the scanner's automaton, and
# spelled-out words (f u c k, f.u.c.k) are listed in it as variants (rules.lexicon.spaced_forms).
_LEET_CHARS = "*#•$!@013457"
DISGUISE_SIGNS = re.compile(
    rf"[{_LEET_CHARS}](?<=[a-z][{_LEET_CHARS}])(?=[a-z$*#•])|[{HOMOGLYPH_CHARS}]|([a-z])\1\1"
)


def looks_disguised(view: str) -> bool:
    """Return True when view 1 shows a sign of a disguised word (worth building view 2)."""
    return DISGUISE_SIGNS.search(view) is not None


class Token(NamedTuple):
    """One view-2 token: the undisguised word and the view-1 words it stands for."""

    word: str
    original: str


def disguised_tokens(view: str, known: Callable[[str], str | None]) -> list[Token]:
    """Return the view-2 tokens of a view-1 text.

    ``known(word)`` returns the lexicon word a candidate spelling stands for (or None); it resolves
    masks (``f**k``) and stretched letters (``fuuuck``), where several readings are possible.
    """
    raw = view.split(" ")
    tokens: list[Token] = []
    index = 0
    while index < len(raw):
        # Runs of three or more single letters ("f u c k") are one spaced-out word.
        end = index
        while end < len(raw) and len(raw[end]) == 1 and raw[end].isalpha():
            end += 1
        if end - index >= 3:
            tokens.append(Token("".join(raw[index:end]), " ".join(raw[index:end])))
            index = end
            continue
        tokens.append(Token(_undisguise(raw[index], known), raw[index]))
        index += 1
    return tokens


def _undisguise(token: str, known: Callable[[str], str | None]) -> str:
    if token.isalpha() and token.isascii() and not _RUN3.search(token):
        return token  # the common case: an ordinary word
    lead = len(token) - len(token.lstrip(_EDGE))
    core = token.strip(_EDGE)
    # Trailing "!" or "?" is punctuation, not leet ("shit!!"), but "$" and masks at the end belong to it.
    core = core.rstrip("!?")
    if not core:
        return token
    head = token[:lead]
    if not core.isascii():
        core = core.translate(HOMOGLYPHS)
    if _SEPARATED.match(core):
        core = re.sub(r"[.\-_*•]", "", core)
    if core[0] not in "@#$":  # a leading "@" is a mention, "#" a hashtag, "$" money
        first = core[0].translate(_LEET) if core[0] in "01345" and core[1:].isalpha() else core[0]
        core = first + _unleet(core[1:])
    if any(mask in core for mask in MASKS):
        core = known(core) or core
    elif _RUN3.search(core):
        once, twice = _RUN3.sub(r"\1", core), _RUN3.sub(r"\1\1", core)
        core = known(twice) or known(once) or twice
    return head + core


def _unleet(text: str) -> str:
    return text.translate(_LEET)
