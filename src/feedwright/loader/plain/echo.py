"""How much of a line the body repeats: the words that say what an article is about.

A headline says what the article is about in the article's own words; a menu item, a
section label or a notice (``This article is more than 5 years old``) does not. The
headline rules weigh each candidate line by :func:`echo`.
"""

from __future__ import annotations

import re

from feedwright.loader.plain.textlines import Line

_OPENING_CHARS = 1000
_WORD = re.compile(r"[^\W\d_]{3,}")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")


def content_words(text: str, stop: frozenset[str]) -> set[str]:
    """The words that say what ``text`` is about: casefolded, three letters or more, not in
    ``stop``; in Chinese, Japanese or Korean runs, where words are not spaced, each pair of
    characters."""
    found: set[str] = set()

    def pairs(match: re.Match[str]) -> str:
        run = match.group()
        found.update(run[k : k + 2] for k in range(len(run) - 1))
        return " "

    spaced = _CJK_RUN.sub(pairs, text.casefold()) if not text.isascii() else text.casefold()
    found.update(w for w in _WORD.findall(spaced) if w not in stop)
    return found


def opening_words(lines: list[Line], body: int, stop: frozenset[str]) -> frozenset[str]:
    """The content words of the body that starts at line ``body``: its first 1,500
    characters or so, where the article says what it is about."""
    taken: list[str] = []
    size = 0
    for line in lines[body:]:
        if size >= _OPENING_CHARS:
            break
        taken.append(line.text)
        size += len(line.text)
    return frozenset(content_words("\n".join(taken), stop))


def echo(text: str, opening: frozenset[str], stop: frozenset[str]) -> float:
    """The share of ``text``'s content words that ``opening`` (:func:`opening_words`) holds:
    0 when it has none or nothing is known of the body."""
    mine = content_words(text, stop)
    if not mine or not opening:
        return 0.0
    return len(mine & opening) / len(mine)
