"""Entry HTML: built from plain text by escaping, or sanitized from Markdown output."""

from __future__ import annotations

from html import escape
from urllib.parse import urljoin

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
        parts.append("<ul>" + "".join(f"<li>{escape(p)}</li>" for p in key_points) + "</ul>")
    for paragraph in paragraphs:
        if paragraph.startswith("• "):
            items = [line[2:] for line in paragraph.split("\n")]
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
        else:
            parts.append(f"<p>{escape(paragraph)}</p>")
    return "\n".join(parts)


def sanitize(html: str, *, base_url: str) -> str:
    """Reduce HTML to a safe subset and make every URL absolute against ``base_url``."""
    import nh3

    def absolutize(tag: str, attribute: str, value: str) -> str | None:
        if attribute in _URL_ATTRIBUTES:
            return urljoin(base_url, value.strip())
        return value

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
