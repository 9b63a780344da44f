"""Markdown bodies: rendered with markdown-it-py, sanitized, paragraphs kept as plain text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.image import image as image_rule
from markdown_it.rules_inline.link import link as link_rule
from markdown_it.token import Token

from feedwright.loader.content import sanitize

_md = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")

#: A paragraph (or heading) with more ``[`` than this has its brackets taken literally.
MAX_BRACKETS = 2000


def _unless_many_brackets(
    rule: Callable[[StateInline, bool], bool],
) -> Callable[[StateInline, bool], bool]:
    """``rule`` (link or image), except in a paragraph with more than MAX_BRACKETS ``[``.

    Each ``[`` makes markdown-it-py look for its ``]`` through every rule at every nesting
    level: 10 to 20 microseconds each, so a megabyte of them took 50 seconds to load. No
    prose has two thousand brackets in one paragraph: there they stay text.
    """

    def rule_or_text(state: StateInline, silent: bool) -> bool:
        many: bool | None = getattr(state, "_feedwright_many_brackets", None)
        if many is None:
            many = state.src.count("[") > MAX_BRACKETS
            state._feedwright_many_brackets = many  # type: ignore[attr-defined]
        return False if many else rule(state, silent)

    return rule_or_text


for _name, _rule in (("link", link_rule), ("image", image_rule)):
    _md.inline.ruler.at(_name, _unless_many_brackets(_rule))


@dataclass
class Markdown:
    """A rendered Markdown body."""

    title: str | None = None
    html: str = ""
    paragraphs: list[str] = field(default_factory=list)


def read_markdown(body: str, *, base_url: str, page_url: str | None = None) -> Markdown:
    """Render a Markdown body; a leading ``# Heading`` becomes the title, not content.

    ``page_url`` is the article's own page, for links to a fragment of it (``#vote``).
    """
    tokens = _md.parse(body)
    _heading_ids(tokens)
    result = Markdown()
    first = next((k for k, t in enumerate(tokens) if t.type != "html_block"), None)
    if first is not None and tokens[first].type == "heading_open" and tokens[first].tag == "h1":
        inline = tokens[first + 1]
        result.title = _plain(inline)
        tokens = tokens[:first] + tokens[first + 3 :]
    list_items: list[str] = []
    depth = 0
    for k, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and list_items:
                result.paragraphs.append("\n".join("• " + i for i in list_items))
                list_items = []
        elif token.type == "inline" and tokens[k - 1].type in ("paragraph_open", "heading_open"):
            text = _plain(token)
            if not text:
                continue
            if depth:
                list_items.append(text)
            else:
                result.paragraphs.append(text)
    html = _md.renderer.render(tokens, _md.options, {})
    result.html = sanitize(html, base_url=base_url, page_url=page_url)
    return result


def _plain(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        # An image's alt text is not the article's text: a body that opens with a picture
        # is summarised by its first paragraph of prose, not by the alt text.
    return " ".join("".join(parts).split())


#: ``## Heading {#anchor}`` (Pandoc, kramdown, Hugo): the anchor, at the end of the line.
_HEADING_ID = re.compile(r"\s*\{#([A-Za-z][\w.:-]*)\}\s*$")


def _heading_ids(tokens: list[Token]) -> None:
    """Give a heading ending in ``{#anchor}`` that id, and take the braces off its text."""
    for k, token in enumerate(tokens[:-1]):
        inline = tokens[k + 1]
        if token.type != "heading_open" or inline.type != "inline":
            continue
        match = _HEADING_ID.search(inline.content)
        last = inline.children[-1] if inline.children else None
        if match is None or last is None or last.type != "text":
            continue
        tail = _HEADING_ID.search(last.content)
        if tail is None:
            continue
        last.content = last.content[: tail.start()]
        inline.content = inline.content[: match.start()]
        token.attrSet("id", match.group(1))
