"""Plain string tests that stand in exactly for ``re.IGNORECASE`` against words.

Python's ``re`` matches a letter, ignoring case, with that letter in either case and with a
few characters that ``str.lower`` does not turn into it: ``İ`` and ``ı`` (with ``i``), the
long s (with ``s``), and the old forms of nine Cyrillic letters (U+1C80 to U+1C88: ``ᲀ``
with ``в``, ``ᲂ`` with ``о``, ...); ``İ`` is also the one character ``lower`` makes two of.
The Kelvin sign lowers to ``k``, as ``re`` matches it. So in a text without those, a pattern
of Latin or Cyrillic words (or of caseless scripts), with punctuation and spaces, matches
ignoring case exactly where the same characters appear in ``text.lower()``.
(tests/test_fast_paths.py checks them against every character there is.)
"""

from __future__ import annotations

import re

#: What ``re.IGNORECASE`` matches with a letter that ``str.lower`` does not give it.
CASE_SURPRISES = ("\u0130", "\u0131", "\u017f", *map(chr, range(0x1C80, 0x1C89)))
_SURPRISE = re.compile(f"[{''.join(CASE_SURPRISES)}]")


def lower_for_words(text: str) -> str | None:
    """``text.lower()``, or ``None`` where it would not match words as ``re.I`` does."""
    if not text.isascii() and _SURPRISE.search(text):
        return None
    return text.lower()


def may_hold_any(text: str, words: tuple[str, ...]) -> bool:
    """False when no pattern made of ``words`` (lower-cased) can match ``text`` ignoring
    case: none of them is in it, in any case."""
    lowered = lower_for_words(text)
    return lowered is None or any(word in lowered for word in words)
