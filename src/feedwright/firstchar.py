"""Patterns anchored at a line's start, each tried only where its first character can begin it.

Most lines are prose, and a case-insensitive alternation of many anchored patterns spends
its time failing each alternative in turn. Every pattern here comes with a character class
that holds every character a match of it can begin with (``tests/test_fast_paths.py``
derives those sets from the patterns themselves and holds the classes to them), so a line
is only tried against the patterns its first character can start.
"""

from __future__ import annotations

import re

_CACHED_CHARS = 4096


class LeadingPatterns:
    """``bool(re.compile("|".join(patterns), flags).match(text))``, without the hopeless tries."""

    def __init__(self, parts: tuple[tuple[str, str], ...], flags: re.RegexFlag) -> None:
        #: ``(pattern, first)``: ``first`` is a character class (read with ``flags``) that
        #: holds every character a match of ``pattern`` can begin with.
        self.parts = parts
        self.flags = flags
        self._firsts = tuple(re.compile(first, flags) for _, first in parts)
        self._by_char: dict[str, re.Pattern[str] | None] = {}

    def union(self) -> re.Pattern[str]:
        """All the patterns as one, the long way (for tests)."""
        return re.compile("|".join(f"(?:{pattern})" for pattern, _ in self.parts), self.flags)

    def for_char(self, char: str) -> re.Pattern[str] | None:
        """The patterns that can begin with ``char`` as one, or ``None`` when none can."""
        chosen = [
            f"(?:{pattern})"
            for (pattern, _), first in zip(self.parts, self._firsts, strict=True)
            if first.match(char)
        ]
        compiled = re.compile("|".join(chosen), self.flags) if chosen else None
        if len(self._by_char) < _CACHED_CHARS:
            self._by_char[char] = compiled
        return compiled

    def match(self, text: str) -> bool:
        """True when one of the patterns matches at the start of ``text``."""
        if not text:
            return False  # no pattern here matches an empty line (the tests hold them to it)
        try:
            pattern = self._by_char[text[0]]
        except KeyError:
            pattern = self.for_char(text[0])
        return pattern is not None and pattern.match(text) is not None
