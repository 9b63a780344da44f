"""Patterns anchored at a line's start, each tried only where the line's start can begin it.

Most lines are prose, and a case-insensitive alternation of many anchored patterns spends
its time failing each alternative in turn (``re`` cannot skip an alternative by its first
letter when case is ignored). So each pattern's possible starts are read off the pattern
itself when this module is imported (:func:`starts`, a walk over the parse that ``re``
compiles from): a *first* class, every character a match can begin with, and a *lead*,
every run of the first two characters a match can begin with. A line is only tried against
the patterns its first two characters can start: a line beginning ``Th`` is no longer tried
against the patterns for ``Tags``, ``Tap here`` or ``Temps de``.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser behind re (the same module under its older name before Python 3.11)
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants
    import sre_parse

_CACHED_CHARS = 4096
_CACHED_STARTS = 8192
# Stands for a start not yet looked up (``None`` means: no pattern can match there).
_UNSEEN = re.compile("")
# One parsed item: an opcode and its argument.
Item = tuple[Any, Any]

_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_ONE_CHAR = (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY)
_REPEATS = tuple(
    getattr(sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(sre_constants, name)
)
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d",
    sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s",
    sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w",
    sre_constants.CATEGORY_NOT_WORD: r"\W",
}


class UnknownItem(ValueError):
    """The walk met a part of a pattern it cannot see past (the pattern is always tried)."""


def starts(items: list[Item], count: int = 2) -> list[tuple[Item, ...]]:
    """Every run of the first ``count`` one-character items a match of ``items`` can begin
    with; a shorter run where the match can end before ``count`` characters.

    Zero-width items (anchors, word boundaries, lookarounds) only narrow a match, so they
    are passed over; a repeat is unrolled as often as it can be, up to ``count`` times.

    Raises:
        UnknownItem: an item the walk does not know (a backreference, local flags, a
            repeat whose turn can be empty).
    """
    if count == 0 or not items:
        return [()]
    (op, av), rest = items[0], items[1:]
    if op in _ZERO_WIDTH:
        return starts(rest, count)
    if op in _ONE_CHAR:
        return [((op, av), *run) for run in starts(rest, count - 1)]
    if op is sre_constants.SUBPATTERN:
        if av[1] or av[2]:
            raise UnknownItem("local flags")
        return starts(list(av[-1]) + rest, count)
    if op is sre_constants.BRANCH:
        return [run for branch in av[1] for run in starts(list(branch) + rest, count)]
    if op in _REPEATS:
        low, high, body = av
        if () in starts(list(body), 1):
            raise UnknownItem("a turn of a repeat can be empty")
        return [
            run
            for turns in range(min(low, count), min(high, count) + 1)
            for run in starts(list(body) * turns + rest, count)
        ]
    raise UnknownItem(str(op))


def item_pattern(op: Any, av: Any) -> str:
    """One one-character item as a pattern of its own, matching the same characters."""
    if op is sre_constants.LITERAL:
        return re.escape(chr(av))
    if op is sre_constants.NOT_LITERAL:
        return "[^" + re.escape(chr(av)) + "]"
    if op is sre_constants.ANY:
        return r"[\s\S]"
    members, negated = [], False
    for kind, value in av:
        if kind is sre_constants.NEGATE:
            negated = True
        elif kind is sre_constants.LITERAL:
            members.append(re.escape(chr(value)))
        elif kind is sre_constants.RANGE:
            members.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif kind is sre_constants.CATEGORY and value in _CATEGORIES:
            members.append(_CATEGORIES[value])
        else:
            raise UnknownItem(str(kind))
    return "[" + "^" * negated + "".join(members) + "]"


def first_and_lead(pattern: str, flags: int) -> tuple[str, str]:
    """The first class and the lead of ``pattern`` (see the module docstring), as patterns
    read with ``flags``; both match anything where the walk cannot see the starts.
    """
    try:
        runs = starts(list(sre_parse.parse(pattern, flags)))
        if () in runs:
            raise UnknownItem("a match can be empty")
        first = "|".join(sorted({item_pattern(*run[0]) for run in runs}))
        lead = "|".join(sorted({"".join(item_pattern(*item) for item in run) for run in runs}))
    except UnknownItem:
        return r"[\s\S]", r"[\s\S]"
    return first, lead


class LeadingPatterns:
    """``bool(re.compile("|".join(patterns), flags).match(text))``, without the hopeless tries."""

    def __init__(self, patterns: tuple[str, ...], flags: re.RegexFlag) -> None:
        #: ``(pattern, first, lead)``, each read with ``flags``: ``first`` matches every
        #: character a match of ``pattern`` can begin with, and ``lead`` the start of the
        #: first two characters of every match (its only character, for a match one
        #: character long).
        self.parts = tuple((p, *first_and_lead(p, flags)) for p in patterns)
        self.flags = flags
        self._firsts = tuple(re.compile(first, flags) for _, first, _ in self.parts)
        self._leads = tuple(re.compile(lead, flags) for _, _, lead in self.parts)
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
            return bool(self.union().match(""))  # the runs say nothing of an empty text
        start = text[:2]
        pattern = self._by_start.get(start, _UNSEEN)
        if pattern is _UNSEEN:
            pattern = self.for_start(start)
        return pattern is not None and pattern.match(text) is not None
