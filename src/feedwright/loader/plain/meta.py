"""Meta lines: a byline or a dateline, the lines that say who wrote an article and when.

The headline rules, the head block and the body finder all ask whether a line is one
(:func:`is_meta`), and the first two record what it says (:func:`consume_meta`).
"""

from __future__ import annotations

from datetime import timezone, tzinfo
from functools import lru_cache

from feedwright.loader.dates import parse_date
from feedwright.loader.plain.byline import parse_byline, parse_dateline
from feedwright.loader.plain.namedate import parse_name_date
from feedwright.loader.plain.textlines import Plain


def is_meta(text: str, *, default_tz: tzinfo) -> bool:
    """A byline or a dateline (without recording what it says)."""
    # Whether a line is a dateline does not depend on the zone given to naive dates.
    return _is_meta(text)


@lru_cache(maxsize=1024)  # the headline, head-block and body rules ask of the same lines
def _is_meta(text: str) -> bool:
    return (
        parse_byline(text) is not None
        or parse_dateline(text, default_tz=timezone.utc) is not None
        or parse_name_date(text) is not None
    )


def consume_meta(text: str, *, default_tz: tzinfo, found: Plain) -> bool:
    """Record a byline or dateline into ``found``; false if the line is neither."""
    byline = parse_byline(text)
    if byline is not None and not byline.bare:
        found.add_authors(byline.names)
        date_text = byline.date_text
        if date_text is None:  # "By Jane Roe, @janeroe Dec 15, 2016": a date the names hid
            name_date = parse_name_date(text)
            date_text = name_date[1] if name_date else None
        when = parse_date(date_text, default_tz=default_tz) if date_text else None
        if when is not None:
            found.add_date("published", when)
        return True
    dates = parse_dateline(text, default_tz=default_tz)
    if dates is None:
        return _consume_name_date(text, default_tz=default_tz, found=found)
    for kind, when in dates:
        found.add_date(kind, when)
    return True


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
