"""Bylines that give a name and a date without the shapes :mod:`.byline` reads.

``Dan Goodin - Apr 16, 2015 8:02 pm UTC``, ``by Steven Musil January 18, 2017 11:00 PM PST``
(no separator), ``March 3, 2024 by Jane Roe``, ``Posted by Jane Roe on March 3, 2024``,
``18/03/2019 | Jane Roe``, ``Jane Roe/November 18, 2016``,
``Jane Roe · Acme News · Posted: March 3, 2024``,
``• By Jane Roe``; a handle (``@janeroe``) or a leading bullet or ``//`` is passed over.
Each shape is a small function returning the names and the date text, or ``None``; the
names must read as names (:func:`~.byline.split_names`), so prose never passes.
"""

from __future__ import annotations

import re

from feedwright.loader.dates import is_date_only
from feedwright.loader.plain.byline import (
    is_role_like,
    names_joined,
    split_names,
    unglue_by,
    without_handles,
)
from feedwright.loader.plain.chrome import is_counter, is_label_run, is_read_time
from feedwright.loader.plain.textlines import WIDE_GAP

_MAX_NAME_WORDS = 5
_LONGEST = 160
_LONGEST_RAW = 2 * _LONGEST  # before runs of spaces are collapsed
_BY = r"(?:by|von|par|por|door)"
_SEPARATED = re.compile(r"^(.+?)(?:\s+[|–—·•-]\s+|\s*[|·•]\s*)(.+)$")
# Where a date can start: a digit, a month or a weekday, perhaps after "on" ("for March of
# 2017" is no date).
_DATE_START = re.compile(
    r"(?:(?:on|at|am|le|el|il|em|den|the)\s+)?"
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)",
    re.IGNORECASE,
)
_SLASHED = re.compile(r"^([^/\d]+?)\s*/\s*(.+)$")
_BY_GLUED = re.compile(rf"^{_BY}\s*:?\s+(.+)$", re.IGNORECASE)
_DATE_BY = re.compile(rf"^(.+?)\s+{_BY}\s+(.+)$", re.IGNORECASE)
_POSTED_BY_ON = re.compile(
    rf"^(?:posted|written|published|submitted)\s+{_BY}\s+(.+?)\s+(?:on|at|am|le|el)\s+(.+)$",
    re.IGNORECASE,
)
# "Posted on March 3, 2024 by admin": the blog's own words, the date, then whoever posted.
_POSTED_ON_BY = re.compile(
    rf"^(?:posted|written|published|submitted)\s+(?:in\s+[^\d]{{1,40}}?\s+)?on\s+(.+?)\s+{_BY}\s+(.+?)\.?$",
    re.IGNORECASE,
)
# "on March 3, 2024 in News": the blog's category after the date (or a place; neither is
# part of it).
_CATEGORY_AFTER = re.compile(r"\s+in\s+[^\d|]{1,40}$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[•·|]|//)\s*")
_MAX_BARE_NAME_WORDS = 4
_DIGIT = re.compile(r"\d")
_BYLINE_KIND = re.compile(rf"^(?:analysis|opinion|review|commentary|story)\s+{_BY}\s+", re.I)


def name_then_date(text: str) -> tuple[list[str], str] | None:
    """``Dan Goodin - Apr 16, 2015 8:02 pm UTC``: names, a separator, a date, which a label
    may open (``Jane Roe | Posted on March 3, 2024``)."""
    match = _SEPARATED.match(text)
    if match is None or not is_date_only(date := _DATE_LABEL.sub("", match.group(2))):
        return None
    names = split_names(_strip_by(match.group(1)), uncased=False)
    return (names, date) if names else None


_PARTS = re.compile(r"\s+[|·•/]\s+")
_DATE_LABEL = re.compile(r"^(?:posted|published|updated)(?:\s+on)?\s*:?\s*", re.IGNORECASE)
_MAX_MIDDLE_WORDS = 3


def name_outlet_date(text: str) -> tuple[list[str], str] | None:
    """``Jane Roe · Acme News · Posted: March 3, 2024``: names, then short labels (an outlet,
    a role) without digits, then a date that a label may open."""
    parts = _PARTS.split(text)
    if len(parts) < 3:
        return None
    date = _DATE_LABEL.sub("", parts[-1])
    if not is_date_only(date):
        return None
    if any(_DIGIT.search(p) or len(p.split()) > _MAX_MIDDLE_WORDS for p in parts[1:-1]):
        return None
    names = split_names(_strip_by(parts[0]), uncased=False)
    return (names, date) if names else None


def name_slash_date(text: str) -> tuple[list[str], str] | None:
    """``Jane Roe/November 18, 2016``: a name and a date with a slash between."""
    match = _SLASHED.match(text)
    if match is None or not is_date_only(match.group(2)):
        return None
    names = split_names(_strip_by(match.group(1)), uncased=False)
    return (names, match.group(2)) if names else None


def date_then_name(text: str) -> tuple[list[str], str] | None:
    """``18/03/2019 | Jane Roe``: a date, a separator, names."""
    match = _SEPARATED.match(text)
    if match is None or not is_date_only(match.group(1)):
        return None
    names = split_names(_strip_by(match.group(2)), uncased=False)
    return (names, match.group(1)) if names else None


def name_glued_to_date(text: str) -> tuple[list[str], str] | None:
    """``by Steven Musil January 18, 2017 11:00 PM PST``: a date right after the name."""
    tokens = text.split()
    for k in range(1, min(len(tokens), _MAX_NAME_WORDS + 2)):
        head, tail = " ".join(tokens[:k]), _date_in(" ".join(tokens[k:]))
        if _DATE_START.match(tail) and is_date_only(tail):
            names = split_names(_strip_by(head), uncased=False)
            return (names, tail) if names else None
    return None


def date_then_by_name(text: str) -> tuple[list[str], str] | None:
    """``March 3, 2024 by Jane Roe``, ``Posted by Jane Roe on March 3, 2024`` and ``Posted
    on March 3, 2024 by Jane Roe``; in the last, the words say it is a dateline, so its
    date is read even where no name follows (``by admin``). A blog's category may follow
    the date or the verb (``Posted in News on March 3, 2024 by Jane Roe``)."""
    posted_on = _POSTED_ON_BY.match(text)
    if posted_on is not None and is_date_only(date := _date_in(posted_on.group(1))):
        return split_names(posted_on.group(2), uncased=False), date
    posted = _POSTED_BY_ON.match(text)
    if posted is not None:
        if not is_date_only(date := _date_in(posted.group(2))):
            return None
        names = split_names(posted.group(1), uncased=False)
        return (names, date) if names else None
    match = _DATE_BY.match(text)
    if match is None or not is_date_only(date := _date_in(match.group(1))):
        return None
    names = split_names(match.group(2), uncased=False)
    return (names, date) if names else None


def _date_in(text: str) -> str:
    """``text`` without the category after its date (``March 3, 2024 in News``)."""
    return _CATEGORY_AFTER.sub("", text)


def by_name_alone(text: str) -> list[str]:
    """``• By Jane Roe``, ``Analysis by Jane Roe``: a byline behind a bullet or a kind."""
    match = _BY_GLUED.match(_BYLINE_KIND.sub("by ", text, count=1))
    if match is None:
        return []
    return split_names(match.group(1), uncased=False)


def parse_name_date(text: str) -> tuple[list[str], str | None] | None:
    """Names and date text from any shape above, or ``None``."""
    if len(text) > _LONGEST_RAW:
        return None  # a paragraph, not a byline
    text = unglue_by(without_handles(_BULLET.sub("", " ".join(text.split()))))
    if len(text) > _LONGEST or not text:
        return None
    text = _without_extras(text)
    if _DIGIT.search(text):
        for shape in (
            name_then_date,
            name_outlet_date,
            date_then_by_name,
            date_then_name,
            name_slash_date,
            name_glued_to_date,
        ):
            found = shape(text)
            if found is not None:
                return found
        return None
    names = by_name_alone(text)
    return (names, None) if names else None


_MARKS = "|·•"
_MAX_EXTRAS = 3
_MAX_CATEGORY_WORDS = 6


def _without_extras(text: str) -> str:
    """``text`` without what is set apart at its end and says nothing of who or when: a
    read time, a count of comments or shares (``Jane Roe · March 3, 2024 · 5 min read``),
    and the categories after a date (``by Jane Roe | Mar 3, 2024 | News, Politics``)."""
    for _ in range(_MAX_EXTRAS):
        mark = _last_mark(text)
        if mark <= 0:
            break
        last = text[mark + 1 :].strip()
        before = text[:mark].rstrip()
        if not (is_read_time(last) or is_counter(last) or _categories_after_date(last, before)):
            break
        text = before
    return text


def _last_mark(text: str, end: int | None = None) -> int:
    return max(text.rfind(c, 0, end) for c in _MARKS)


def _categories_after_date(part: str, before: str) -> bool:
    """``News, Politics`` after a part that is a date: a blog's categories (never what
    reads as names: ``11/04/2023 | Nils Berg``)."""
    if _DIGIT.search(part) or not 0 < len(part.split()) <= _MAX_CATEGORY_WORDS:
        return False
    if not all(item.strip()[:1].isupper() for item in part.split(",")):
        return False
    return is_date_only(before[_last_mark(before) + 1 :].strip()) and not split_names(
        part, uncased=False
    )


def bare_name(text: str) -> list[str]:
    """``• Hazel Sheffield``, ``Jane Roe, @janeroe``, ``Julia Carrie Wong and Sam Levin``:
    names alone on their line, else ``[]``.

    Only trusted where the layout says it is a byline.
    """
    text = without_handles(_BULLET.sub("", " ".join(text.split()))).strip(
        " ,/|"
    )  # "Jane Roe/" over the date
    short = len(text.split()) <= _MAX_BARE_NAME_WORDS
    if not text or not (short or names_joined(text)) or is_label_run(text):
        return []
    names = split_names(text, uncased=False)
    if short:
        return names
    # Longer, it is two names or more, each a whole name: "Julia Carrie Wong and Sam Levin".
    each = [len(name.split()) for name in names]
    if len(names) < 2 or not all(2 <= n <= _MAX_BARE_NAME_WORDS for n in each):
        return []
    return names


_HANDLE_AT_END = re.compile(r"@\w{1,30}$")


def name_with_handle(text: str) -> list[str]:
    """``Jane Roe @janeroe``, ``Jane Roe@janeroe``: names alone but for the social handle
    that ends the line (no e-mail address: its domain ends it), else ``[]``. The handle
    says it is a person, so no date need stand beside it."""
    text = " ".join(text.split())
    if not _HANDLE_AT_END.search(text):
        return []
    return bare_name(text)


# "Sam Stein     Senior Politics Editor, The Huffington Post": a name, a wide gap, a role.
_LONGEST_ROLE = 80


def name_with_role(text: str) -> list[str]:
    """``Sam Stein     Senior Politics Editor, The Daily``: a name alone but for the job it
    is set apart from by a wide gap, else ``[]``. The role says it is a person."""
    parts = WIDE_GAP.split(text.strip(), maxsplit=1)
    if len(parts) != 2 or len(parts[1]) > _LONGEST_ROLE or parts[1].endswith((".", "!", "?")):
        return []
    return bare_name(parts[0]) if is_role_like(parts[1]) else []


def self_named(text: str) -> list[str]:
    """Names alone but for what says they are a person's: a social handle
    (:func:`name_with_handle`) or a job (:func:`name_with_role`); else ``[]``."""
    return name_with_handle(text) or name_with_role(text)


def _strip_by(text: str) -> str:
    match = _BY_GLUED.match(text.strip())
    return match.group(1) if match else text
