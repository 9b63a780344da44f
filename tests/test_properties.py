"""Property tests: no input breaks the loader, and no entry breaks a feed."""

from __future__ import annotations

import codecs
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from html import unescape

import feedparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents import build_atom, build_rss
from feedwright.entry import Entry
from feedwright.errors import ArticleError
from feedwright.loader.parse import parse_article
from feedwright.output.builder import FeedInfo, sort_entries

# Deterministic and quick: the same examples on every run, no deadline on slow machines.
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
WHEN = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)

# Lines as they come from scrapers and editors, and as hostile input would look.
_SHAPES = st.sampled_from(
    [
        "",
        "   ",
        "close",
        "Menu",
        "Share this article",
        "Advertisement",
        "By Jane Roe and John Doe",
        "By",
        "Jane Roe",
        "Updated 7:05 AM PST, Tue March 2, 2021",
        "Published 4 November 2024 | Updated 5 November 2024",
        "2 March 2021",
        "  • A key point of the story.",
        "- a list item",
        "1. first",
        "Key points:",
        "Read more: something else",
        "Related Articles",
        "© 2024 Example News",
        "Justin Sullivan/Getty Images",
        "<script>alert(1)</script>",
        "AT&T said ]]> and &amp; and <b>bold</b>",
        "---",
        "...",
        "Title: Front",
        "Date: 2024-02-30",
        "title: [unclosed",
        "The council voted on Tuesday to approve the plan, officials said.",
        "“Quoted sentence.”",
        "国家统计局周一公布的数据显示，今年第三季度",
        "Правительство одобрило законопроект.",
        "הכנסת אישרה את התקציב",
        "\u202eoverride\u202c \u200bzero\u200b width",
        "\x00\x07\x1b[31m controls \ufffe\uffff",
        "\ud800 lone surrogate \udfff",
    ]
)
_LINE = st.one_of(_SHAPES, _SHAPES, st.text(max_size=60))
_ARTICLE_TEXT = st.lists(_LINE, max_size=25).map("\n".join)
_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252", "latin-1"])


@st.composite
def _encoded_articles(draw: st.DrawFn) -> bytes:
    text = draw(_ARTICLE_TEXT)
    encoding = draw(_ENCODINGS)
    data = text.encode(encoding, errors="replace")
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    if draw(st.booleans()):
        cut = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:cut] + draw(st.binary(max_size=8)) + data[cut:]
    return data


def _parse(data: bytes | str, source: str) -> Entry | None:
    try:
        return parse_article(data, source=source)
    except ArticleError as e:
        assert str(e).startswith(source + ":")
        return None


@PROPERTY
@given(st.one_of(st.binary(max_size=600), _encoded_articles()))
def test_any_bytes_give_an_entry_or_one_article_error(data: bytes) -> None:
    entry = _parse(data, "any.txt")
    if entry is not None:
        assert entry.title and entry.title == entry.title.strip()
        assert all(p for p in entry.paragraphs)


@PROPERTY
@given(_ARTICLE_TEXT, st.sampled_from(["a.txt", "a.md"]))
def test_any_text_gives_an_entry_or_one_article_error(text: str, source: str) -> None:
    _parse(text, source)


def _info(entries: list[Entry]) -> FeedInfo:
    return FeedInfo(
        title="Property feed",
        description="Entries from generated text",
        site_url="https://example.org/",
        self_url="https://example.org/feeds/atom.xml",
        author="feedwright",
        email="",
        language="en",
        updated=max(e.updated for e in entries if e.updated is not None),
    )


@PROPERTY
@given(st.lists(_ARTICLE_TEXT, min_size=1, max_size=3))
def test_any_entry_gives_atom_and_rss_that_read_back(texts: list[str]) -> None:
    entries: list[Entry] = []
    for n, text in enumerate(texts):
        entry = _parse(text, f"article-{n}.txt")
        if entry is None:
            continue
        when = WHEN + timedelta(minutes=n)
        entries.append(
            replace(entry, id=f"tag:example.org,2024-03-01:{n}", published=when, updated=when)
        )
    if not entries:
        return
    entries = sort_entries(entries)
    for document in (build_atom(entries, _info(entries)), build_rss(entries, _info(entries))):
        parsed = feedparser.parse(document)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert [e.id for e in parsed.entries] == [e.id for e in entries]
        # Titles travel as escaped HTML (type="html"): unescaped once, they are the text.
        got = [unescape(e.title) for e in parsed.entries]
        assert got == [_as_feedparser_reads(e.title) for e in entries]


def _as_feedparser_reads(text: str) -> str:
    """feedparser "repairs" text that looks like UTF-8 read as Latin-1 ("Â¡" becomes "¡").

    That happens inside feedparser, on a correct document; other readers show the text.
    """
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text
