"""Markdown bodies: rendered with markdown-it-py, sanitized, paragraphs kept as plain text."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from feedwright.loader.content import sanitize

_md = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


@dataclass
class Markdown:
    """A rendered Markdown body."""

    title: str | None = None
    html: str = ""
    paragraphs: list[str] = field(default_factory=list)


def read_markdown(body: str, *, base_url: str) -> Markdown:
    """Render a Markdown body; a leading ``# Heading`` becomes the title, not content."""
    tokens = _md.parse(body)
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
    result.html = sanitize(_md.renderer.render(tokens, _md.options, {}), base_url=base_url)
    return result


def _plain(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())
