"""Patterns anchored at a line's start, each tried only where the line's start can begin it.

Most lines are prose, and a case-insensitive alternation of many anchored patterns spends
its time failing each alternative in turn (``re`` cannot skip an alternative by its first
letter when case is ignored). Every pattern here comes with a character class that holds
every character a match of it can begin with, and a *lead*: a pattern that matches the
start of the first two characters of every match (``tests/test_fast_paths.py`` derives
both from the patterns themselves and holds the classes and leads to them). So a line is
only tried against the patterns its first two characters can start: a line beginning
``Th`` is no longer tried against the patterns for ``Tags``, ``Tap here`` or ``Temps de``.
"""

from __future__ import annotations

import re

_CACHED_CHARS = 4096
_CACHED_STARTS = 8192
# Stands for a start not yet looked up (``None`` means: no pattern can match there).
_UNSEEN = re.compile("")


class LeadingPatterns:
    """``bool(re.compile("|".join(patterns), flags).match(text))``, without the hopeless tries."""

    def __init__(self, parts: tuple[tuple[str, str, str], ...], flags: re.RegexFlag) -> None:
        #: ``(pattern, first, lead)``, each read with ``flags``: ``first`` is a character
        #: class that holds every character a match of ``pattern`` can begin with, and
        #: ``lead`` a pattern of one or two characters (no anchors, no lookarounds) that
        #: matches the start of the first two characters of every match (of its only
        #: character, for a match one character long).
        self.parts = parts
        self.flags = flags
        self._firsts = tuple(re.compile(first, flags) for _, first, _ in parts)
        self._leads = tuple(re.compile(lead, flags) for _, _, lead in parts)
        self._by_char: dict[str, tuple[int, ...]] = {}
        self._by_start: dict[str, re.Pattern[str] | None] = {}
        self._unions: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    def union(self) -> re.Pattern[str]:
        """All the patterns as one, the long way (for tests)."""
        return re.compile("|".join(f"(?:{pattern})" for pattern, _, _ in self.parts), self.flags)

    def for_char(self, char: str) -> tuple[int, ...]:
        """Which patterns (by their place in :attr:`parts`) can begin with ``char``."""
        try:
            return self._by_char[char]
        except KeyError:
            pass
        chosen = tuple(k for k, first in enumerate(self._firsts) if first.match(char))
        if len(self._by_char) < _CACHED_CHARS:
            self._by_char[char] = chosen
        return chosen

    def for_start(self, start: str) -> re.Pattern[str] | None:
        """The patterns a text beginning with ``start`` (its first two characters, or its
        only one) can match, as one; ``None`` when none can."""
        chosen = tuple(k for k in self.for_char(start[0]) if self._leads[k].match(start))
        try:
            compiled = self._unions[chosen]
        except KeyError:
            patterns = [f"(?:{self.parts[k][0]})" for k in chosen]
            compiled = re.compile("|".join(patterns), self.flags) if patterns else None
            self._unions[chosen] = compiled  # at most one for each set of parts
        if len(self._by_start) < _CACHED_STARTS:
            self._by_start[start] = compiled
        return compiled

    def match(self, text: str) -> bool:
        """True when one of the patterns matches at the start of ``text``."""
        if not text:
            return False  # no pattern here matches an empty line (the tests hold them to it)
        start = text[:2]
        pattern = self._by_start.get(start, _UNSEEN)
        if pattern is _UNSEEN:
            pattern = self.for_start(start)
        return pattern is not None and pattern.match(text) is not None
