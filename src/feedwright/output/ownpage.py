"""Links to a fragment of the article's own page (``#vote``), resolved against its link."""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape

from feedwright.entry import Entry

#: An href the loader left as a fragment alone (sanitized HTML quotes every attribute).
_OWN_FRAGMENT = re.compile(r' href="(#[^"]*)"')


def resolve_own_page_links(entry: Entry) -> Entry:
    """``entry`` with each ``href="#x"`` pointing at ``#x`` of its own page.

    The loader cannot resolve them when the page is decided later (``link_template``). An
    entry without a page keeps the link text and loses the href: a bare ``#x`` would point
    wherever the reader shows the entry, and the home page is not the article.
    """
    if ' href="#' not in entry.content_html:
        return entry
    page = escape(entry.link.split("#", 1)[0]) if entry.link else None

    def resolve(match: re.Match[str]) -> str:
        return f' href="{page}{match.group(1)}"' if page else ""

    return replace(entry, content_html=_OWN_FRAGMENT.sub(resolve, entry.content_html))
