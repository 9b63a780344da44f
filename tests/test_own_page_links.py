"""A link to a fragment of the article's own page points at its page, never the home page."""

from __future__ import annotations

from feedwright.entry import Entry
from feedwright.loader.parse import LoadOptions, parse_article
from feedwright.output.ownpage import resolve_own_page_links

ARTICLE = "---\ntitle: T\n---\n\nSee [the vote](#vote) and [home](/).\n\n## Vote {#vote}\n\nYes.\n"


def loaded() -> Entry:
    return parse_article(ARTICLE, source="a.md", options=LoadOptions(base_url="https://x.org/"))


def test_a_fragment_link_follows_the_entry_link_decided_after_loading() -> None:
    entry = resolve_own_page_links(
        Entry(**{**loaded().__dict__, "link": "https://x.org/news/a.html?x=1&y=2"})
    )
    assert '<a href="https://x.org/news/a.html?x=1&amp;y=2#vote"' in entry.content_html
    assert '<a href="https://x.org/"' in entry.content_html


def test_without_a_page_the_fragment_link_keeps_its_text_only() -> None:
    entry = resolve_own_page_links(loaded())
    assert '<a rel="noopener noreferrer">the vote</a>' in entry.content_html
    assert 'href="#' not in entry.content_html
