"""The loader's shortcuts give exactly what the long way gives.

Each fast path (the prose gate before the chrome rules, the anchored rules tried by a
line's first two characters, the dateline split skipped where no separator can be, the
clean-UTF-8 check before ``clean_text``, the byte-level word split in language detection,
the digit gate before date normalising, the word look before the date-kind pattern, the
digit-or-word look before a line is read as a dateline) is checked against the rules it
stands in for: on every fixture line, on edge-case characters, and on generated text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import timezone
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedwright.errors import ArticleError
from feedwright.loader.dates import (
    _FILLER,
    _FILLER_KEYS,
    _FOREIGN_MONTH,
    _FOREIGN_MONTH_KEYS,
    _HAS_MONTH_NAME,
    _HAS_YEAR,
    _ISO,
    _NUMERIC_DATE,
    _may_be_date,
    _may_hold_word,
    looks_like_date,
    normalise_date_text,
)
from feedwright.loader.decode import clean_text, decode_article, is_clean_utf8
from feedwright.loader.language import (
    _WORD,
    casefolded_words,
    detect_language,
    language_by_counting,
)
from feedwright.loader.plain.byline import (
    _DATELINE_WORDS_WITHOUT_DIGITS,
    _KIND_AT,
    _KIND_KEYS,
    _KINDS,
    _MAY_SEPARATE,
    _PART_SEPARATOR,
    _may_be_dateline,
    may_name_kind,
    parse_dateline,
    read_dateline,
    split_parts,
)
from feedwright.loader.plain.chrome import (
    ANCHORED,
    CHROME_RULES,
    cannot_be_chrome,
    is_chrome,
)
from feedwright.loader.plain.firstchar import LeadingPatterns, first_and_lead
from feedwright.loader.plain.ignorecase import CASE_SURPRISES

ARTICLES = Path(__file__).parent / "articles"
UTC = timezone.utc


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


#: Every fixture line in each of its variants.
VARIANTS = [variant for line in LINES for variant in _variants(line)]


def _gate_is_safe(line: str) -> None:
    text = line.strip()
    if text and cannot_be_chrome(text):
        matched = [rule.__name__ for rule in CHROME_RULES if rule(line)]
        assert not matched, (line, matched)


# --- the prose gate in front of the chrome rules -----------------------------------------


@pytest.mark.parametrize("line", ["| Read more \xa0 Read more", "Share\u3000\u3000Print"])
def test_gate_sees_a_wide_gap_of_other_blanks(line: str) -> None:
    # Found by the property below: a gap of a space and a no-break space is a row's gap.
    _gate_is_safe(line)
    assert is_chrome(line)


def test_gate_never_clears_a_fixture_line_a_rule_matches() -> None:
    for variant in VARIANTS:
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
    "Accept all cookies",
    "MANAGE COOKIES",
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
    "Related stories",
    "Follow us on X",
    "More from the desk",
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


# --- patterns tried by a line's start --------------------------------------------------

try:  # the parser behind re: the tests read each pattern's possible first characters off it
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants
    import sre_parse

_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_REPEATS = tuple(
    getattr(sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(sre_constants, name)
)
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d",
    sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s",
    sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w",
    sre_constants.CATEGORY_NOT_WORD: r"\W",
}
# Every character there is, for re.findall to pick out what a one-character pattern matches.
_EVERY_CHAR = "".join(map(chr, range(sys.maxunicode + 1)))


def _first_items(items: list[tuple[object, object]]) -> tuple[list[tuple[object, object]], bool]:
    """The one-character items that can match first in ``items``, and whether all can be empty.

    Zero-width items (anchors, word boundaries, lookarounds) only narrow a match, so they
    are passed over; anything the walk does not know fails the test.
    """
    found: list[tuple[object, object]] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN):
            found.append((op, av))
            return found, False
        if op is sre_constants.ANY:
            found.append((op, av))
            return found, False
        if op is sre_constants.SUBPATTERN:
            inner, empty = _first_items(list(av[-1]))  # type: ignore[index]
        elif op is sre_constants.BRANCH:
            inner, empty = [], False
            for alternative in av[1]:  # type: ignore[index]
                more, can_be_empty = _first_items(list(alternative))
                inner += more
                empty = empty or can_be_empty
        elif op in _REPEATS:
            low, _, body = av  # type: ignore[misc]
            inner, empty = _first_items(list(body))
            empty = empty or low == 0
        else:
            raise AssertionError(f"the walk does not know {op}")
        found += inner
        if not empty:
            return found, False
    return found, True


def _as_pattern(op: object, av: object) -> str:
    """One first item as a pattern of its own, matching the same characters."""
    if op is sre_constants.LITERAL:
        return re.escape(chr(av))  # type: ignore[arg-type]
    if op is sre_constants.NOT_LITERAL:
        return "[^" + re.escape(chr(av)) + "]"  # type: ignore[arg-type]
    if op is sre_constants.ANY:
        return "(?s:.)"
    members, negated = [], False
    for kind, value in av:  # type: ignore[attr-defined]
        if kind is sre_constants.NEGATE:
            negated = True
        elif kind is sre_constants.LITERAL:
            members.append(re.escape(chr(value)))
        elif kind is sre_constants.RANGE:
            members.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif kind is sre_constants.CATEGORY:
            members.append(_CATEGORIES[value])
        else:
            raise AssertionError(f"the walk does not know {kind} in a set")
    return "[" + "^" * negated + "".join(members) + "]"


def _first_chars(pattern: str, flags: int) -> set[str]:
    """Every character a match of ``pattern`` can begin with; fails if it can match empty."""
    items, empty = _first_items(list(sre_parse.parse(pattern, flags)))
    assert not empty, pattern
    chars: set[str] = set()
    for op, av in items:
        chars.update(re.findall(_as_pattern(op, av), _EVERY_CHAR, flags))
    return chars


def test_first_char_walk_on_known_patterns() -> None:
    assert _first_chars("(?:ab|c)d", re.IGNORECASE) == {"a", "A", "c", "C"}
    assert _first_chars(r"x?\d", 0) == {"x"} | set(re.findall(r"\d", _EVERY_CHAR))
    assert "\u017f" in _first_chars("s", re.IGNORECASE)  # the long s folds to "s"
    assert "\u212a" in _first_chars("k", re.IGNORECASE)  # so does the Kelvin sign to "k"


LEADING = [ANCHORED]


@pytest.mark.parametrize("patterns", LEADING, ids=["anchored"])
def test_first_char_classes_hold_every_first_char(patterns: LeadingPatterns) -> None:
    for pattern, first, _ in patterns.parts:
        allowed = set(re.findall(first, _EVERY_CHAR, patterns.flags))
        missing = _first_chars(pattern, patterns.flags) - allowed
        assert not missing, (pattern[:60], sorted(missing)[:20])


Item = tuple[object, object]


def _starts(items: list[Item], count: int = 2) -> list[tuple[Item, ...]]:
    """Every run of the first ``count`` one-character items a match of ``items`` can begin
    with; a shorter run where the match can end before ``count`` characters.

    Like :func:`_first_items`, it passes over zero-width items (which only narrow a match)
    and fails on anything it does not know; a repeat is unrolled as often as it can be,
    up to ``count`` times (each turn takes a character at least: the walk checks that).
    """
    if count == 0 or not items:
        return [()]
    (op, av), rest = items[0], items[1:]
    if op in _ZERO_WIDTH:
        return _starts(rest, count)
    if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN):
        return [((op, av), *run) for run in _starts(rest, count - 1)]
    if op is sre_constants.ANY:
        return [((op, av), *run) for run in _starts(rest, count - 1)]
    if op is sre_constants.SUBPATTERN:
        assert av[1] == av[2] == 0, "local flags would change what the items match"  # type: ignore[index]
        return _starts(list(av[-1]) + rest, count)  # type: ignore[index]
    if op is sre_constants.BRANCH:
        return [run for branch in av[1] for run in _starts(list(branch) + rest, count)]  # type: ignore[index]
    if op in _REPEATS:
        low, high, body = av  # type: ignore[misc]
        assert not _first_items(list(body))[1], "a turn of the repeat can be empty"
        return [
            run
            for turns in range(min(low, count), min(high, count) + 1)
            for run in _starts(list(body) * turns + rest, count)
        ]
    raise AssertionError(f"the walk does not know {op}")


def _chars_of(item: Item, flags: int) -> frozenset[str]:
    """Every character the one-character ``item`` matches."""
    return _chars_matching(_as_pattern(*item), flags)


@cache
def _chars_matching(pattern: str, flags: int) -> frozenset[str]:
    return frozenset(re.findall(pattern, _EVERY_CHAR, flags))


def _is_plain(lead: str, flags: int) -> bool:
    """Literals, classes and alternatives only: a lead that matches a character matches it
    whatever follows."""
    allowed = (
        sre_constants.LITERAL,
        sre_constants.NOT_LITERAL,
        sre_constants.IN,
        sre_constants.BRANCH,
    )

    def plain(items: list[Item]) -> bool:
        for op, av in items:
            if op is sre_constants.BRANCH:
                if not all(plain(list(b)) for b in av[1]):  # type: ignore[index]
                    return False
            elif op not in allowed:
                return False
        return True

    return plain(list(sre_parse.parse(lead, flags)))


def _lead_misses(pattern: str, lead: str, flags: int) -> list[str]:
    """The starts of ``pattern``'s matches (two characters, or one) that ``lead`` misses."""
    compiled = re.compile(lead, flags)
    missed: list[str] = []
    for run in _starts(list(sre_parse.parse(pattern, flags))):
        assert run, pattern  # no pattern here matches an empty text
        for first in _chars_of(run[0], flags):
            if compiled.match(first):
                continue  # a plain lead then matches whatever follows
            if len(run) == 1:
                missed.append(first)
                continue
            missed.extend(
                first + second
                for second in _chars_of(run[1], flags)
                if not compiled.match(first + second)
            )
    return missed


def test_two_char_walk_on_known_patterns() -> None:
    assert not _lead_misses("(?:ab|c)d", "ab|cd", re.IGNORECASE)
    assert set(_lead_misses("(?:ab|c)d", "ab|cx", re.IGNORECASE)) == {"cd", "Cd", "cD", "CD"}
    assert _lead_misses(r"x\d?", r"x\d", 0) == ["x"]  # a match may be "x" alone
    assert not _lead_misses(r"x\d?", "x", 0)
    assert set(_lead_misses("a{0,3}b", "aa|ab", 0)) == {"b"}
    assert "\u017ft" in _lead_misses("st", "sx", re.IGNORECASE)  # the long s folds to "s"
    assert _is_plain("ab|[cd]", 0)
    assert not _is_plain("ab$|c", 0)
    assert not _is_plain("a(?=b)", 0)


@pytest.mark.parametrize("patterns", LEADING, ids=["anchored"])
def test_leads_hold_every_start(patterns: LeadingPatterns) -> None:
    for pattern, _, lead in patterns.parts:
        assert _is_plain(lead, patterns.flags), lead
        missed = _lead_misses(pattern, lead, patterns.flags)
        assert not missed, (pattern[:60], sorted(set(missed))[:20])


def test_patterns_the_walk_cannot_see_into_are_always_tried() -> None:
    # A backreference, local flags, a repeat whose turn can be empty: no starts are read
    # off them, so every line is tried against them.
    for pattern in [r"(a)\1x", "(?i:ab)c", "(?:a?)*b", "x?"]:
        assert first_and_lead(pattern, re.IGNORECASE) == (r"[\s\S]", r"[\s\S]"), pattern
    patterns = LeadingPatterns((r"(a)\1x", "tags:"), re.IGNORECASE)
    for text in ["aax", "Tags: x", "TAGS:", "tag", "", "ab"]:
        _same_leading(patterns, text)


def test_starts_read_off_a_pattern() -> None:
    first, lead = first_and_lead(r"(?:ab|c)d|\d+ min", re.IGNORECASE)
    assert set(re.findall(first, "abcdxyz0", re.IGNORECASE)) == {"a", "c", "0"}
    for start in ["ab", "AB", "cd", "0 ", "00"]:
        assert re.match(lead, start, re.IGNORECASE), start
    for start in ["ac", "ce", "0m", "d"]:
        assert not re.match(lead, start, re.IGNORECASE), start


def _same_leading(patterns: LeadingPatterns, text: str) -> None:
    assert patterns.match(text) == bool(patterns.union().match(text)), text


def test_leading_patterns_on_fixture_lines() -> None:
    for variant in VARIANTS:
        for text in (variant, variant.strip()):
            for patterns in LEADING:
                _same_leading(patterns, text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12), st.sampled_from(" \u00a0"))
def test_leading_patterns_on_lines_made_of_rule_words(pieces: list[str], joiner: str) -> None:
    for patterns in LEADING:
        _same_leading(patterns, joiner.join(pieces))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_leading_patterns_on_any_text(text: str) -> None:
    for patterns in LEADING:
        _same_leading(patterns, text)


# --- dateline parts: no separator search where no separator can be ----------------------


def test_separator_chars_have_no_other_case() -> None:
    for char in _MAY_SEPARATE.pattern.strip("[]"):
        assert re.findall(re.escape(char), _EVERY_CHAR, re.IGNORECASE) == [char], char


def _same_parts(text: str) -> None:
    assert split_parts(text) == _PART_SEPARATOR.split(text), text


def test_split_parts_on_fixture_lines() -> None:
    for variant in VARIANTS:
        _same_parts(variant)


_DATELINE_PIECES = [
    "Madrid",
    "05 nov 2024",
    "10:04 CET",
    "Source",
    "source:",
    "Quelle：",
    "来源",
    "Updated",
    "|",
    "·",
    "•",
    "-",
    "–",
    "—",
    ",",
    ":",
    "：",
    "2021",
    "said",
    " ",
    "\u00a0",
    "\t",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_DATELINE_PIECES), min_size=1, max_size=14))
def test_split_parts_on_lines_made_of_dateline_words(pieces: list[str]) -> None:
    _same_parts(" ".join(pieces))
    _same_parts("".join(pieces))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=120))
def test_split_parts_on_any_text(text: str) -> None:
    _same_parts(text)


# --- dates: no normalising where no date can be -------------------------------------------


def _looks_like_date_the_long_way(text: str) -> bool:
    normal = normalise_date_text(text)
    if _ISO.match(normal) or _NUMERIC_DATE.search(normal):
        return True
    return bool(_HAS_YEAR.search(normal) and _HAS_MONTH_NAME.search(normal))


def _date_gate_is_safe(text: str) -> None:
    if not _may_be_date(text):
        assert not _looks_like_date_the_long_way(text), text


_DATE_SHAPES = [
    "2021-03-02",
    "3/14/22",
    "02.03.2021",
    "2 de marzo de 2021",
    "2023年10月18日",
    "١٤/٣/٢٠٢٢",
    "Mar. 2, 2021 7:05 am ET",
    "２０２１年３月２日",
]


def test_date_gate_keeps_every_date_shape() -> None:
    for date in _DATE_SHAPES:
        assert _may_be_date(date), date
        assert looks_like_date(date), date


def test_date_gate_on_fixture_lines_and_their_tails() -> None:
    for variant in VARIANTS:
        words = variant.split()
        for k in range(min(len(words), 8)):
            _date_gate_is_safe(" ".join(words[k:]))


_DATE_PIECES = [
    *_DATELINE_PIECES,
    "2",
    "14",
    "202",
    "1",
    "/",
    ".",
    "h",
    "a.m.",
    "GMT",
    "UTC+3",
    "März",
    "Mar.",
    "mai",
    "年",
    "月",
    "日",
    "時",
    "分",
    "午後",
    "①",
    "²",
    "٣",
    "۲",
    "２",
    "／",
    "de",
    "à",
    "(",
    ")",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), min_size=1, max_size=12))
def test_date_gate_on_text_made_of_date_pieces(pieces: list[str]) -> None:
    _date_gate_is_safe(" ".join(pieces))
    _date_gate_is_safe("".join(pieces))


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=90))
def test_date_gate_on_any_text(text: str) -> None:
    _date_gate_is_safe(text)


# --- dates: the word lists tried only where one of their words is --------------------------

_WORD_GATES = [(_FOREIGN_MONTH, _FOREIGN_MONTH_KEYS), (_FILLER, _FILLER_KEYS)]


def _word_gate_is_safe(text: str) -> None:
    for pattern, keys in _WORD_GATES:
        if not _may_hold_word(text, keys):
            assert not pattern.search(text), (text, pattern.pattern[:40])


def test_word_lists_hold_no_letter_that_matches_ascii_beyond_it() -> None:
    # What _may_hold_word assumes: "İ", "ı", the Kelvin sign and "ſ" match an ASCII letter
    # ignoring case; no other character beyond ASCII does.
    for _, keys in _WORD_GATES:
        assert not any(c in key for key in keys for c in "\u0130\u0131\u212a\u017f")


def test_word_gates_keep_every_word_of_their_lists() -> None:
    for pattern, keys in _WORD_GATES:
        for key in keys:
            for text in (key, key.upper(), key.title(), f"2 {key}. 2021", f"({key})"):
                if pattern.search(text):
                    assert _may_hold_word(text, keys), text


def test_word_gates_on_fixture_lines_and_their_tails() -> None:
    for variant in VARIANTS:
        words = variant.split()
        for k in range(min(len(words), 8)):
            _word_gate_is_safe(" ".join(words[k:]))


_WORD_PIECES = [*_DATE_PIECES, "Januar", "JANV", "Okt.", "am", "AM", "Sun", "le", "uhr", "_"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_WORD_PIECES), min_size=1, max_size=12))
def test_word_gates_on_text_made_of_date_pieces(pieces: list[str]) -> None:
    _word_gate_is_safe(" ".join(pieces))
    _word_gate_is_safe("".join(pieces))


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=90))
def test_word_gates_on_any_text(text: str) -> None:
    _word_gate_is_safe(text)


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
            "don't l'homme rock'n'roll x² ½ 2021 — “ ” ’ 🚀 µ ª ɐ Ȁ × ÷ \u00a0 \u2028 _ "
            "“'tis l'“ ÉTÉ Été FÜR Ł'a ſe ".split(" ")
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


# --- datelines: the kind of date looked for only where one of its words is ---------------


def _kind_gate_is_safe(text: str) -> None:
    if not may_name_kind(text):
        assert not _KIND_AT.search(text), text


#: Every word the kinds are made of (the alternatives of _KINDS, their optional parts apart).
_KIND_WORDS = sorted(
    {
        word
        for word in re.findall(r"[^\W\d_]+", _KINDS.pattern.replace("?P<", "").replace("\\s", " "))
        if word not in ("updated", "published", "s")
    }
)


#: Each alternative of _KINDS, with its optional words.
_KIND_PHRASES = [
    *("updated", "last updated", "updated on", "updated at", "last modified on", "modified"),
    *("mis à jour le", "modifié le", "actualizado el", "zuletzt aktualisiert am"),
    *("aggiornato il", "atualizado em", "обновлено", "оновлено", "bijgewerkt op", "stand"),
    *("آخر تحديث", "تم التحديث", "עודכן", "更新", "first published on", "posted at"),
    *("publish date", "published date", "publication date", "date published", "publié le"),
    *("publicado el", "publicado em", "veröffentlicht am", "pubblicato il", "опубликовано"),
    *("опубліковано", "gepubliceerd op", "erstellt am", "date", "dated", "issued", "نشر في"),
    *("نُشر في", "نشر", "تاريخ النشر", "פורסם", "发布时间", "发布于", "公開日", "掲載日"),
]


def test_kind_gate_keeps_every_kind() -> None:
    for kind in _KIND_PHRASES:
        for text in (kind, kind.upper(), kind.title(), f"| {kind}: 2 May 2021", f"({kind})"):
            assert _KIND_AT.search(text), text
            assert may_name_kind(text), text


@pytest.mark.parametrize(
    "text",
    ["İssued 2 May", "ıssued 2 May", "Poſted 2 May", "ſtand: 2021", "\u1c82бн\u1c82\u1c80лено"],
)
def test_kind_gate_lets_by_what_ignoring_case_matches(text: str) -> None:
    # Matched by the pattern ignoring case, though lower() does not give the word.
    assert _KIND_AT.search(text)
    assert may_name_kind(text)


def test_kind_gate_on_fixture_lines() -> None:
    for variant in VARIANTS:
        _kind_gate_is_safe(variant)


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_KIND_WORDS, *CASE_SURPRISES, "K", "Ü", "é", " ", "|", ":", "2021"]),
        min_size=1,
        max_size=10,
    ),
    st.sampled_from(["", " ", "\u00a0", "-"]),
)
def test_kind_gate_on_lines_made_of_kind_words(pieces: list[str], joiner: str) -> None:
    text = joiner.join(pieces)
    for variant in (text, text.upper(), text.title(), text.swapcase()):
        _kind_gate_is_safe(variant)


# --- datelines: only lines with a digit or a relative time's or source's word are read ----


def _dateline_gate_is_safe(text: str) -> None:
    stripped = text.strip()
    if stripped and not _may_be_dateline(stripped):
        assert read_dateline(stripped, default_tz=UTC) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "an hour ago",
        "Just now",
        "YESTERDAY",
        "Updated: today",
        "Madrid | Source: Reuters",
        "London · about a minute ago",
        "Paris - Quelle: AFP",
        "Yeſterday",
        "Updated 3 hours ago",
        "２０２１年３月２日",
        "① March 2021",
    ],
)
def test_dateline_gate_lets_datelines_without_a_plain_digit_through(text: str) -> None:
    assert read_dateline(text, default_tz=UTC) is not None, "the example is a dateline"
    assert parse_dateline(text, default_tz=UTC) is not None


def test_dateline_gate_on_fixture_lines_and_their_tails() -> None:
    for variant in VARIANTS:
        words = variant.split()
        for k in range(min(len(words), 8)):
            _dateline_gate_is_safe(" ".join(words[k:]))


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_DATE_PIECES, "ago", "an", "hour", "just", "now", "Yesterday"]),
        min_size=1,
        max_size=10,
    )
)
def test_dateline_gate_on_lines_made_of_dateline_words(pieces: list[str]) -> None:
    _dateline_gate_is_safe(" ".join(pieces))
    _dateline_gate_is_safe("".join(pieces))


@pytest.mark.parametrize("is_safe", [_kind_gate_is_safe, _dateline_gate_is_safe])
@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=120))
def test_word_looks_on_any_text(is_safe: Callable[[str], None], text: str) -> None:
    is_safe(text)


def test_case_surprises_are_all_that_ignoring_case_adds_to_lower() -> None:
    # What lower_for_words stands on: every character re.IGNORECASE matches with a letter of
    # the kinds' or the datelines' words lowers to that letter, or is one of the surprises.
    letters = {c for word in (*_KIND_KEYS, *_DATELINE_WORDS_WITHOUT_DIGITS) for c in word}
    for letter in sorted(c for c in letters if c.isalpha()):
        for char in re.findall(re.escape(letter), _EVERY_CHAR, re.IGNORECASE):
            assert char.lower() == letter or char in CASE_SURPRISES, (letter, hex(ord(char)))
