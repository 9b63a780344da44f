"""Short hypothesis versions of the fuzz targets in ``tests/fuzz/`` (see their docstrings).

The atheris targets run for minutes or hours (README, "Fuzzing"); these run the same
checks on a few hundred generated cases in every test run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedwright.entry import Entry
from fuzz.harness import KEYS, SUFFIXES, article_text, articles_from, check_documents, load

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Text as hostile as a file can hold: controls, surrogates, bidi, markup, brackets.
_TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.characters(min_codepoint=0, max_codepoint=0x1F),
        st.sampled_from(["\u202e", "\u2066", "\ud800", "\ufeff", "\x85", "\xa0", "[", "]", "<"]),
    ),
    max_size=60,
)
_VALUES = st.one_of(
    _TEXT,
    st.sampled_from(
        [
            "2024-11-07 14:15",
            "2024-13-45",
            "https://bücher.example/café",
            "http://[::1",
            "JavaScript:alert(1)",
            "tag:example.org,2024:x",
            "12345",
            "Jane Roe <jane@example.org>",
            "<script>alert(1)</script>",
        ]
    ),
)


@_SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_are_one_entry_or_one_named_error(data: bytes, suffix: str) -> None:
    entry = load(data, source="fuzz" + suffix)
    if entry is not None:
        check_documents([entry])


_ARTICLE = st.tuples(
    st.lists(st.tuples(st.sampled_from(KEYS), _VALUES), max_size=len(KEYS)),
    _TEXT,
    st.booleans(),
    st.sampled_from(SUFFIXES),
)


@_SETTINGS
@given(articles=st.lists(_ARTICLE, min_size=1, max_size=4))
def test_entries_always_build_documents_that_pass(
    articles: list[tuple[list[tuple[str, str]], str, bool, str]],
) -> None:
    parts = [
        (f"a{k}{suffix}", article_text(fields, body, yaml=yaml).encode("utf-8", "surrogatepass"))
        for k, (fields, body, yaml, suffix) in enumerate(articles)
    ]
    entries: list[Entry] = articles_from(parts)
    check_documents(entries)
