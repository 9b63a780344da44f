"""Meta lines: a byline or a dateline, the lines that say who wrote an article and when.

The headline rules, the head block and the body finder all ask whether a line is one
(:func:`is_meta`), and the first two record what it says (:func:`consume_meta`).
"""

from __future__ import annotations

import re
from datetime import timezone, tzinfo
from functools import lru_cache

from feedwright.loader.dates import parse_date
from feedwright.loader.plain.byline import parse_byline, parse_dateline, without_comment_count
from feedwright.loader.plain.namedate import bare_name, parse_name_date
from feedwright.loader.plain.textlines import Plain

_HAS_YEAR = re.compile(r"(?:19|20)\d\d")


@lru_cache(maxsize=1024)  # the headline, head-block and body rules ask of the same lines
def is_meta(text: str) -> bool:
    """A byline or a dateline (without recording what it says)."""
    # Whether a line is a dateline does not depend on the zone given to naive dates.
    return (
        parse_byline(text) is not None
        or parse_dateline(text, default_tz=timezone.utc) is not None
        or parse_name_date(text) is not None
        # most lines are run together nowhere: no scratch result is made for them
        or (
            unglue_dateline(text) is not None
            and _consume_glued(text, default_tz=timezone.utc, found=Plain())
        )
        or (
            _segments(text) is not None
            and _consume_segments(text, default_tz=timezone.utc, found=Plain())
        )
    )


def consume_meta(text: str, *, default_tz: tzinfo, found: Plain) -> bool:
    """Record a byline or dateline into ``found``; false if the line is neither."""
    if not is_meta(text):
        # Most lines asked are neither, and the rules have asked is_meta of them already.
        # A line that is no dateline with UTC is none with any zone: UTC is the one zone
        # that never pushes a date out of range.
        return False
    byline = parse_byline(text)
    if byline is not None and not byline.bare:
        found.add_authors(byline.names)
        date_text = byline.date_text
        if date_text is None:  # "By Jane Roe, @janeroe Dec 15, 2016": a date the names hid
            name_date = parse_name_date(without_comment_count(text))
            date_text = name_date[1] if name_date else None
        when = parse_date(date_text, default_tz=default_tz) if date_text else None
        if when is not None:
            found.add_date("published", when)
        return True
    dates = parse_dateline(text, default_tz=default_tz)
    if dates is None:
        # A line run together is read in its parts first: whole, a name/date shape may take
        # two dates for one and lose them both.
        return (
            _consume_glued(text, default_tz=default_tz, found=found)
            or _consume_name_date(text, default_tz=default_tz, found=found)
            or _consume_segments(text, default_tz=default_tz, found=found)
        )
    for kind, when in dates:
        found.add_date(kind, when)
    return True


def is_dateline(text: str, *, default_tz: tzinfo) -> bool:
    """A line that gives dates only, at least one of them a date (not ``3 hours ago``):
    whole, or run together (``Tue 29 Nov 2016 15.26 ESTFirst published on Tue 29 Nov 2016
    07.46 EST``) with every part a dateline."""
    if parse_dateline(text, default_tz=default_tz):
        return True
    parts = unglue_dateline(text)
    return parts is not None and all(parse_dateline(part, default_tz=default_tz) for part in parts)


def _consume_name_date(text: str, *, default_tz: tzinfo, found: Plain) -> bool:
    name_date = parse_name_date(text)
    if name_date is None:
        return False
    names, date_text = name_date
    found.add_authors(names)
    when = parse_date(date_text, default_tz=default_tz) if date_text else None
    if when is not None:
        found.add_date("published", when)
    return True


# Where a page ran the parts of a dateline together: a year into a time ("20163:33 PM") and
# a year, a time or a zone into the next word ("2020Last updated", "ESTFirst published",
# "2:00 PMTags").
_YEAR_TIME = re.compile(r"(?<=(?:19|20)\d\d)(?=\d{1,2}[:.]\d\d)")
_INTO_WORD = re.compile(
    r"(?<=(?:19|20)\d\d)(?=[A-Z][a-z])|(?<=\d[AaPp]M)(?=[A-Z][a-z])|(?<=\d [AaPp]M)(?=[A-Z][a-z])|"
    r"(?<= [A-Z]{3})(?=[A-Z][a-z]{2})"
)


def unglue_dateline(text: str) -> list[str] | None:
    """The parts of a dateline a page ran together, or ``None`` where nothing is glued.

    ``December 15, 20163:33 PM ET`` is one part, ``December 15, 2016 3:33 PM ET``;
    ``Published May 4, 2020Last updated June 1, 2022`` two.
    """
    if not _HAS_YEAR.search(text):
        return None
    spaced = _YEAR_TIME.sub(" ", text)
    parts = _INTO_WORD.sub("\n", spaced).split("\n")
    if len(parts) == 1 and spaced == text:
        return None
    return [p.strip() for p in parts if p.strip()]


# "Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13 | Par Jane Roe": the
# outlet, the dates and the byline of one article, each in a part of its own.
_SEGMENT_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_MARKS = re.compile(r"[|•·]")
# Where no mark sets the parts apart, a gap of two blanks or more (less than a row's
# textlines.WIDE_GAP: a year and a name must be among the parts, see _consume_segments).
_GAP = re.compile(r"\s{2,}")
_MAX_OUTLET_WORDS = 3


def _segments(text: str) -> tuple[list[str], bool] | None:
    """The parts of a line set apart by ``|``, ``•`` or ``·`` (or, where there is none of
    them, by gaps of two blanks), if there are two or more and a year among them, and
    whether marks set them apart; else ``None``."""
    marked = _MARKS.search(text) is not None
    if not (marked or "  " in text) or not _HAS_YEAR.search(text):
        return None
    split = (_SEGMENT_SEPARATOR if marked else _GAP).split(text.strip())
    parts = [p for p in (p.strip() for p in split) if p]
    return (parts, marked) if len(parts) > 1 else None


def _consume_segments(text: str, *, default_tz: tzinfo, found: Plain) -> bool:
    """A line of parts (:func:`_segments`) each a byline or a dateline, the first perhaps
    the outlet's name, and one of them a date: every part is recorded."""
    segments = _segments(text)
    if segments is None:
        return False
    parts, marked = segments
    read = Plain()
    for k, part in enumerate(parts):
        if consume_meta(part, default_tz=default_tz, found=read):
            continue
        if k == 0 and len(part.split()) <= _MAX_OUTLET_WORDS and part[:1].isupper():
            continue  # "Le Monde"
        if (read.published or read.updated) and (names := bare_name(part)):
            # "Medical Daily   9/21/2016  Jane Roe": the name after the date.
            read.add_authors(names)
            continue
        return False
    if read.published is None and read.updated is None:
        return False
    if not read.authors and not marked:
        # Set apart by wide gaps only, a line is a byline's when it names someone
        # ("Medical Daily   9/21/2016  Jane Roe"); an outlet and a date alone may be a
        # row of a table ("First Posted  :  November 19, 2018") or a story's foot.
        return False
    found.add_authors(read.authors)
    for kind, when in (("published", read.published), ("updated", read.updated)):
        if when is not None:
            found.add_date(kind, when)
    return True


def _consume_glued(text: str, *, default_tz: tzinfo, found: Plain) -> bool:
    """A dateline run together (:func:`unglue_dates`), its first part a byline or dateline.

    Of two dates the line gives without saying which is which, the earlier is published.
    """
    parts = unglue_dateline(text)
    if parts is None:
        return False
    read = Plain()
    for k, part in enumerate(parts):
        if not consume_meta(part, default_tz=default_tz, found=read) and k == 0:
            return False
    if read.published and read.updated and read.updated < read.published:
        read.published, read.updated = read.updated, read.published
    found.add_authors(read.authors)
    for kind, when in (("published", read.published), ("updated", read.updated)):
        if when is not None:
            found.add_date(kind, when)
    return True
