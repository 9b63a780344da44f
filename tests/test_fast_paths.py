"""The loader's shortcuts give exactly what the long way gives.

Each fast path (the prose gate before the chrome rules, the clean-UTF-8 check before
``clean_text``, the byte-level word split in language detection) is checked against the
rules it stands in for: on every fixture line, on edge-case characters, and on generated text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from feedwright.chrome import CHROME_RULES, cannot_be_chrome, is_chrome
from feedwright.decode import clean_text, decode_article, is_clean_utf8
from feedwright.errors import ArticleError
from feedwright.language import (
    _WORD,
    casefolded_words,
    detect_language,
    language_by_counting,
)

ARTICLES = Path(__file__).parent / "articles"


def _fixture_texts() -> list[str]:
    texts = []
    for path in sorted(ARTICLES.iterdir()):
        if path.name.endswith(".json"):
            continue
        try:
            texts.append(decode_article(path.read_bytes(), source=path.name).text)
        except ArticleError:
            continue
    return texts


TEXTS = _fixture_texts()
LINES = sorted({line for text in TEXTS for line in text.split("\n")})


def _variants(line: str) -> list[str]:
    text = line.strip()
    return [line, text, text.upper(), text.lower(), "  • " + text, text + ".", "(" + text + ")"]


def _gate_is_safe(line: str) -> None:
    text = line.strip()
    if text and cannot_be_chrome(text):
        matched = [rule.__name__ for rule in CHROME_RULES if rule(line)]
        assert not matched, (line, matched)


# --- the prose gate in front of the chrome rules -----------------------------------------


def test_gate_never_clears_a_fixture_line_a_rule_matches() -> None:
    for line in LINES:
        for variant in _variants(line):
            _gate_is_safe(variant)


# Chrome that reads almost like prose: each must reach its rule.
NEAR_MISSES = [
    "The family at home in Ohio in the summer of 1990. Courtesy of the Smith family",
    "Crowds gather in the main square of the capital on Tuesday evening. REUTERS.",
    "The minister speaks to supporters at a rally in the city. AFP via Getty Images",
    "Rescue workers search the rubble after the strike on the building. (AP Photo)",
    "Sign up for our free morning briefing and get the news delivered every day",
    "We use cookies to give you the best experience on our website and for ads.",
    "Copyright 2024 The Daily Example and its licensors, with every right kept.",
    "Read more: the long road to the ceasefire and what the talks may bring next",
    "By clicking Sign Up you agree to our terms of use and the privacy policy here",
    "Click here to read the full report from the committee on the budget today",
    "Updated: about 3 hours ago.",
]


def test_gate_sends_near_misses_to_their_rules() -> None:
    for line in NEAR_MISSES:
        assert is_chrome(line), line
        assert not cannot_be_chrome(line), line


def test_gate_lets_ordinary_prose_skip_the_rules() -> None:
    line = (
        "Ukrainian troops have held large areas of Kursk since early August after Kiev "
        "launched a surprise cross-border offensive in the area."
    )
    assert cannot_be_chrome(line)
    assert not is_chrome(line)


# Pieces of the rules' own vocabulary, glued into lines that come close to each rule.
_PIECES = [
    "Read more",
    "Photo",
    "photos:",
    "Getty Images",
    "REUTERS",
    "via",
    "AP",
    "courtesy of the family",
    "Sign up",
    "newsletter",
    "Copyright",
    "©",
    "all rights reserved",
    "We use cookies",
    "cookies",
    "3 min read",
    "Updated",
    "3 hours ago",
    "Tags",
    "12 comments",
    "Click here",
    "Current Time",
    "By clicking",
    "terms",
    "[Edit]",
    "Menu",
    "Share",
    "|",
    "•",
    "/",
    ">",
    "—",
    "said",
    "the minister",
    "on Tuesday",
    ".",
    ",",
    ":",
    "”",
    "ſ",
    "K",
    "İ",
    "\u00a0",
    "\t",
    "  ",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30), st.sampled_from(" \u00a0"))
def test_gate_on_lines_made_of_rule_words(pieces: list[str], joiner: str) -> None:
    _gate_is_safe(joiner.join(pieces))


@settings(max_examples=1000, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_gate_on_any_text(line: str) -> None:
    _gate_is_safe(line.replace("\n", " "))


# --- clean UTF-8 -------------------------------------------------------------------------


def test_clean_utf8_agrees_with_clean_text_on_every_bmp_character() -> None:
    for code in [*range(0xD800), *range(0xE000, 0x10000), 0x1F680, 0xE0001, sys.maxunicode]:
        char = chr(code)
        data = ("a" + char + "b").encode()
        assert is_clean_utf8(data) == (clean_text("a" + char + "b") == "a" + char + "b"), hex(code)


@given(st.text(max_size=200))
def test_clean_utf8_agrees_with_clean_text(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert is_clean_utf8(data) == (clean_text(decoded) == decoded)


# --- language ----------------------------------------------------------------------------


def _same_language(text: str) -> None:
    words, letters = casefolded_words(text)
    assert words == [w.casefold() for w in _WORD.findall(text)]
    assert letters == sum(len(w) - w.count("'") for w in _WORD.findall(text))
    assert detect_language(text) == language_by_counting(text[:4000])


def test_language_shortcut_on_fixtures() -> None:
    for text in TEXTS:
        _same_language(text)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "the of and a de la le der die el en à é où über Zürich naïve ſ İ K ß ﬁ 'tis "
            "don't l'homme rock'n'roll x² ½ 2021 — “ ” ’ 🚀 µ ª ɐ Ȁ × ÷ \u00a0 \u2028 _ ".split(" ")
        ),
        max_size=60,
    )
)
def test_language_shortcut_on_mixed_words(words: list[str]) -> None:
    _same_language(" ".join(words))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=400))
def test_language_shortcut_on_any_text(text: str) -> None:
    _same_language(text)


def test_word_pattern_is_what_the_shortcut_assumes() -> None:
    # casefolded_words relies on words being runs of letters joined by one apostrophe.
    assert _WORD.pattern == r"[^\W\d_]+(?:'[^\W\d_]+)?"
    assert re.fullmatch(_WORD, "don't")
