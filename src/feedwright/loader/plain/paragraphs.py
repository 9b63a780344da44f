"""Body lines to paragraphs: blank-line blocks, hard wraps joined, bullet runs kept as lists.

A paragraph is plain text; a list in the body is one paragraph of ``• `` lines (the
:class:`~feedwright.entry.Entry` contract). Only whole lines are ever dropped (chrome);
words inside a paragraph are never touched beyond joining wrapped lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from feedwright.loader.plain.chrome import is_chrome
from feedwright.loader.plain.textlines import bullet_text, collapse, ends_sentence

_NUMBERED = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
_OPENERS = "\"“‘'«„‚(¿¡—–-[*"
# Scripts written without spaces between words: wrapped lines join with no space.
_NO_SPACE = re.compile(
    r"[\u0e00-\u0e7f\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
# Hard-wrapped text is wrapped at a fixed width; past this, lines are whole paragraphs.
_MAX_WRAP_WIDTH = 110


def numbered_text(line: str) -> tuple[int, str] | None:
    """``(3, "Switch off ...")`` for a numbered list line ``3. Switch off ...``, else ``None``."""
    match = _NUMBERED.match(line)
    return (int(match.group(1)), collapse(match.group(2))) if match else None


def build_paragraphs(lines: list[str]) -> list[str]:
    """Body lines to paragraphs; chrome lines are dropped, blank lines end blocks."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if not line.strip():
            if block:
                paragraphs.extend(_block_paragraphs(block))
                block = []
            continue
        if is_chrome(line):
            continue
        block.append(line.rstrip())
    return mend_broken(p for p in paragraphs if p)


def mend_broken(paragraphs: Iterable[str]) -> list[str]:
    """Rejoin a paragraph that an ad or a page break cut in two mid-sentence.

    ``The company said`` / ``Advertisement`` / ``that it would...``: the first part does
    not end a sentence and the second starts in lower case.
    """
    out: list[str] = []
    for paragraph in paragraphs:
        if (
            out
            and not out[-1].startswith("• ")
            and not ends_sentence(out[-1])
            and paragraph[:1].islower()
        ):
            out[-1] = join_lines([out[-1], paragraph])
        else:
            out.append(paragraph)
    return out


def _block_paragraphs(block: list[str]) -> list[str]:
    if len(block) == 1:  # most blocks: one paragraph on one line, or one bullet
        item = bullet_text(block[0])
        return unwrap(block) if item is None else [_as_list([item])]
    out: list[str] = []
    run: list[str] = []
    items: list[str] = []
    numbered = _numbered_lines(block)
    for k, text in enumerate(block):
        item = bullet_text(text)
        if item is None and k in numbered:
            item = numbered[k]
        if item is not None:
            if run:
                out.extend(unwrap(run))
                run = []
            items.append(item)
            continue
        if items and text[:1].isspace():
            items[-1] += " " + collapse(text)  # a wrapped list item
            continue
        if items:
            out.append(_as_list(items))
            items = []
        run.append(text)
    if run:
        out.extend(unwrap(run))
    if items:
        out.append(_as_list(items))
    return out


def _numbered_lines(block: list[str]) -> dict[int, str]:
    """Lines of numbered lists (``1.``, ``2.``, ... counting up by one) in a block."""
    found: dict[int, str] = {}
    if len(block) < 2:
        return found  # a list has two items at least
    run: list[tuple[int, str]] = []
    expected = None
    for k, text in enumerate([*block, ""]):
        numbered = numbered_text(text)
        if numbered is not None and (expected is None or numbered[0] == expected):
            run.append((k, numbered[1]))
            expected = numbered[0] + 1
            continue
        if text[:1].isspace() and run:
            continue  # a wrapped item, joined as a continuation
        if len(run) >= 2:
            found.update(run)
        run, expected = [], None
        if numbered is not None:
            run, expected = [(k, numbered[1])], numbered[0] + 1
    return found


def _as_list(items: list[str]) -> str:
    return "\n".join("• " + item for item in items)


def unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines into paragraphs; keep one-paragraph-per-line text apart.

    Text wrapped by a program breaks a line only when the next word does not fit; so a
    line after which the next word *would* have fitted ends a paragraph. Text that is not
    wrapped (one paragraph per line, or too few lines to tell) breaks after each sentence
    end, or before a line that starts as a new paragraph does when the break was not forced.
    """
    lines = [line.rstrip() for line in lines if line.strip()]
    if len(lines) <= 1:
        return [collapse(line) for line in lines]
    width = max(len(line) for line in lines)
    wrapped = width <= _MAX_WRAP_WIDTH and _is_wrapped(lines, width)
    paragraphs: list[list[str]] = [[]]
    for k, text in enumerate(lines):
        paragraphs[-1].append(collapse(text))
        if k == len(lines) - 1:
            break
        nxt = lines[k + 1]
        if wrapped:
            new = _next_word_fits(text, nxt, width) or (
                nxt[:1].isspace() and not text[:1].isspace()  # an indented first line
            )
        else:
            # A line the next word would not have fitted on is wrapped, whatever follows.
            new = ends_sentence(text) or (
                _starts_paragraph(nxt) and _next_word_fits(text, nxt, width)
            )
        if new:
            paragraphs.append([])
    return [join_lines(p) for p in paragraphs if p]


def _is_wrapped(lines: list[str], width: int) -> bool:
    # The longest line is "full" by definition; a second one is the evidence of a wrap.
    full = sum(
        1 for k in range(len(lines) - 1) if not _next_word_fits(lines[k], lines[k + 1], width)
    )
    return full >= 2 and full * 2 >= len(lines) - 1


def _next_word_fits(text: str, nxt: str, width: int) -> bool:
    stripped = nxt.strip()
    if _NO_SPACE.match(stripped[:1]):
        return len(text.rstrip()) + 1 <= width
    first_word = stripped.split()[0] if stripped else ""
    return len(text.rstrip()) + 1 + len(first_word) <= width


def _starts_paragraph(text: str) -> bool:
    first = text.strip()[:1]
    return first.isupper() or first.isdigit() or (first != "" and first in _OPENERS)


def join_lines(parts: list[str]) -> str:
    """Join the lines of one paragraph: ``well-`` + ``known``; no space inside CJK/Thai."""
    text = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if text.endswith("-") and text[-2:-1].isalpha() and part[:1].islower():
            text += part  # "well-\nknown"
        elif _NO_SPACE.match(text[-1:]) or _NO_SPACE.match(part[:1]):
            text += part  # Chinese, Japanese and Thai wrap anywhere, with no space
        else:
            text += " " + part
    return collapse(text)
