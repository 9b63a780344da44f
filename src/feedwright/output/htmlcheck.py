"""Relative URLs in the escaped HTML of an entry, which every format's check looks for."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

_URL_ATTRS = ("href", "src", "cite", "poster")
_HAS_URL_ATTR = re.compile(r"\b(?:href|src|cite|poster)\s*=", re.IGNORECASE)


def check_html(html: str, where: str) -> list[str]:
    """Relative URLs in escaped HTML (W3C ContainsRelRef; RSS-to-email ignores xml:base)."""
    # Only text holding an "=" gets here (the callers pick it out).
    if not _HAS_URL_ATTR.search(html):
        return []
    try:
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return [f"{where}: HTML cannot be parsed"]
    problems: list[str] = []
    for element in fragment.iter():
        for attr in _URL_ATTRS:
            url = element.get(attr)
            if url is not None and not urlsplit(url.strip()).scheme:
                problems.append(f"{where}: relative URL {url!r} in {attr}")
    return problems
