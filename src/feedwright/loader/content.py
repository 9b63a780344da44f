"""Entry HTML: built from plain text by escaping, or sanitized from Markdown output."""

from __future__ import annotations

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
    # Every piece of text, escaped in one go: key points, then each paragraph or its items.
    texts = list(key_points)
    for paragraph in paragraphs:
        if paragraph.startswith("• "):
            texts.extend(line[2:] for line in paragraph.split("\n"))
        else:
            texts.append(paragraph)
    escaped = iter(_escape_each(texts))
    parts: list[str] = []
    if key_points:
        parts.append(
            "<ul><li>" + "</li><li>".join(next(escaped) for _ in key_points) + "</li></ul>"
        )
    for paragraph in paragraphs:
        if paragraph.startswith("• "):
            items = [next(escaped) for _ in range(paragraph.count("\n") + 1)]
            parts.append("<ul><li>" + "</li><li>".join(items) + "</li></ul>")
        else:
            parts.append("<p>" + next(escaped) + "</p>")
    return "\n".join(parts)


def _escape_each(texts: list[str]) -> list[str]:
    """``[escape(t) for t in texts]``, by one escape of them all joined by a NUL.

    ``escape`` replaces characters one by one and never makes or takes a NUL, so the
    escaped whole splits back into the escaped texts wherever no text holds a NUL itself.
    """
    joined = "\0".join(texts)
    if joined.count("\0") != len(texts) - 1:
        return [escape(text) for text in texts]
    return escape_present(joined).split("\0")


# What html.escape replaces, in its order ("&" first, or it would escape its own entities).
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))


def escape_present(text: str) -> str:
    """``html.escape(text)``: its replacements in its order, each only where it has work.

    A replace that finds nothing still counts through the whole text, and for text with
    characters beyond the BMP (an emoji) that costs twenty times an ``in`` test; most
    entries hold no "&", "<" or ">".
    """
    for char, entity in _ESCAPES:
        if char in text:
            text = text.replace(char, entity)
    return text


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
