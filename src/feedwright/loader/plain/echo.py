"""How much of a line the body repeats: the words that say what an article is about.

A headline says what the article is about in the article's own words; a menu item, a
section label or a notice (``This article is more than 5 years old``) does not. The
headline rules weigh each candidate line by :func:`echo`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from feedwright.loader.plain.textlines import Line, tokens

_OPENING_CHARS = 1000
_WORD = re.compile(r"[^\W\d_]{3,}")
_CJK_LETTER = r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
_CJK = re.compile(_CJK_LETTER)
_CJK_RUN = re.compile(_CJK_LETTER + "{2,}")


@dataclass(frozen=True)
class Opening:
    """The opening of a body (its first 1,000 characters or so, where the article says what
    it is about): its words, and its text in scripts that do not space their words."""

    words: frozenset[str] = frozenset()
    unspaced: str = ""

    def __bool__(self) -> bool:
        """Something is known of the body."""
        return bool(self.words or self.unspaced)


def opening(lines: list[Line], body: int) -> Opening:
    """The :class:`Opening` of the body that starts at line ``body`` (a line with Chinese,
    Japanese or Korean in it is kept as text, where a word or a pair of letters is found
    by a search)."""
    found: set[str] = set()
    unspaced: list[str] = []
    size = 0
    for k in range(body, len(lines)):
        if size >= _OPENING_CHARS:
            break
        text = lines[k].text.strip()
        size += len(text)
        if not text.isascii() and _CJK.search(text):
            unspaced.append(text.casefold())
        else:
            found.update(tokens(text))  # split already by the body finder
    return Opening(frozenset(found), "\n".join(unspaced))


def echo(text: str, opening: Opening, stop: frozenset[str]) -> float:
    """The share of ``text``'s content words (three letters or more, not in ``stop``; in
    Chinese, Japanese or Korean, each pair of characters) that ``opening`` holds: 0 when it
    has none or nothing is known of the body."""
    folded = text.casefold()
    if folded.isascii() or not _CJK.search(folded):
        mine = set(_WORD.findall(folded)) - stop
        return len(mine & opening.words) / len(mine) if mine else 0.0
    pairs = {run[k : k + 2] for run in _CJK_RUN.findall(folded) for k in range(len(run) - 1)}
    mine = set(_WORD.findall(_CJK_RUN.sub(" ", folded))) - stop
    count = len(pairs) + len(mine)
    if not count:
        return 0.0
    held = sum(pair in opening.unspaced for pair in pairs)
    held += sum(word in opening.words or word in opening.unspaced for word in mine)
    return held / count
