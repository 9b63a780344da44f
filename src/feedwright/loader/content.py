"""Entry HTML: built from plain text by escaping, or sanitized from Markdown output."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from urllib.parse import urljoin

import nh3

# What survives sanitizing: formatting, links, images, lists, tables, quotes and code.
# No script, iframe, style, form or event handler: the W3C validator flags those as
# SecurityRisk and readers strip them anyway.
_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    ]
)
_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})


def text_to_html(key_points: tuple[str, ...], paragraphs: tuple[str, ...]) -> str:
    """Key points as a list, then paragraphs; a ``• `` paragraph becomes a list."""
    parts: list[str] = []
    if key_points:
        parts.append(_as_list(key_points))
    for paragraph in paragraphs:
        if paragraph.startswith("• "):
            parts.append(_as_list([line[2:] for line in paragraph.split("\n")]))
        else:
            parts.append("<p>" + escape(paragraph) + "</p>")
    return "\n".join(parts)


def _as_list(items: Iterable[str]) -> str:
    return "<ul><li>" + "</li><li>".join(map(escape, items)) + "</li></ul>"


def sanitize(html: str, *, base_url: str, page_url: str | None = None) -> str:
    """Reduce HTML to a safe subset and make every URL absolute against ``base_url``.

    A link to a fragment alone (``#vote``) points into the article's own page: it is
    resolved against ``page_url``, or, when the page is not known yet, left as it is for
    the builder to resolve against the entry's link (never against the home page).
    """

    def absolutize(_tag: str, attribute: str, value: str) -> str | None:
        if attribute not in _URL_ATTRIBUTES:
            return value
        value = value.strip()
        try:
            if value.startswith("#"):
                return urljoin(page_url, value) if page_url else value
            return urljoin(base_url, value)
        except ValueError:
            # Not a URL urllib can parse ("//[x", "http://[::1"): an exception here would
            # only be printed by nh3, which then keeps the value as it is (relative or
            # broken), so the attribute is dropped instead.
            return None

    cleaned: str = nh3.clean(
        html,
        tags=set(_TAGS),
        attributes={k: set(v) for k, v in _ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        attribute_filter=absolutize,
        link_rel="noopener noreferrer",
    )
    # The RSS builder wraps content in CDATA, which cannot contain "]]>".
    return cleaned.replace("]]>", "]]&gt;")
