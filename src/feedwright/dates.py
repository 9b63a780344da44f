"""Dates as publishers write them, made timezone-aware with python-dateutil."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo

from dateutil import parser as date_parser
from dateutil import tz

# Abbreviations dateutil cannot know on its own. Zones with daylight saving ("ET") map to
# the region, so the offset is right for the date; explicit ones ("EST") keep their offset.
_ZONES: dict[str, tzinfo | None] = {
    "UTC": tz.UTC,
    "GMT": tz.UTC,
    "Z": tz.UTC,
    "UT": tz.UTC,
    "ET": tz.gettz("America/New_York"),
    "EST": tz.tzoffset("EST", -5 * 3600),
    "EDT": tz.tzoffset("EDT", -4 * 3600),
    "CT": tz.gettz("America/Chicago"),
    "CST": tz.tzoffset("CST", -6 * 3600),
    "CDT": tz.tzoffset("CDT", -5 * 3600),
    "MT": tz.gettz("America/Denver"),
    "MST": tz.tzoffset("MST", -7 * 3600),
    "MDT": tz.tzoffset("MDT", -6 * 3600),
    "PT": tz.gettz("America/Los_Angeles"),
    "PST": tz.tzoffset("PST", -8 * 3600),
    "PDT": tz.tzoffset("PDT", -7 * 3600),
    "AKST": tz.tzoffset("AKST", -9 * 3600),
    "HST": tz.tzoffset("HST", -10 * 3600),
    "BST": tz.tzoffset("BST", 1 * 3600),
    "IST": tz.tzoffset("IST", 5 * 3600 + 1800),
    "WET": tz.tzoffset("WET", 0),
    "WEST": tz.tzoffset("WEST", 3600),
    "CET": tz.tzoffset("CET", 3600),
    "CEST": tz.tzoffset("CEST", 7200),
    "EET": tz.tzoffset("EET", 7200),
    "EEST": tz.tzoffset("EEST", 3 * 3600),
    "MSK": tz.tzoffset("MSK", 3 * 3600),
    "JST": tz.tzoffset("JST", 9 * 3600),
    "KST": tz.tzoffset("KST", 9 * 3600),
    "HKT": tz.tzoffset("HKT", 8 * 3600),
    "SGT": tz.tzoffset("SGT", 8 * 3600),
    "AEST": tz.tzoffset("AEST", 10 * 3600),
    "AEDT": tz.tzoffset("AEDT", 11 * 3600),
    "NZST": tz.tzoffset("NZST", 12 * 3600),
    "NZDT": tz.tzoffset("NZDT", 13 * 3600),
}

#: Dates before this are not plausible for a feed entry (the W3C validator agrees).
EARLIEST = datetime(1990, 1, 1, tzinfo=tz.UTC)

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_HAS_MONTH_NAME = re.compile(rf"\b(?:{_MONTHS})\b\.?", re.IGNORECASE)
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}(?!\d)")
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?$"
)
_NOISE = re.compile(r"\b(?:at|on|of|the|um|le|am)\b(?!\s*[ap]\.?m\b)|[|•·,]|\(|\)", re.IGNORECASE)
_DAY_ABBR = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?", re.I)
_AMPM = re.compile(r"\b([ap])\.\s?m\.?", re.IGNORECASE)
_DOTTED_MONTH = re.compile(rf"\b({_MONTHS})\.", re.IGNORECASE)
_DEFAULT = datetime(2000, 1, 1)


def resolve_zone(name: str) -> tzinfo:
    """Return the tzinfo for an IANA name or a known abbreviation; UTC if unknown."""
    zone = _ZONES.get(name.upper()) or tz.gettz(name)
    return zone if zone is not None else tz.UTC


def looks_like_date(text: str) -> bool:
    """True when ``text`` names a full date (a year and a month), not just a time."""
    text = text.strip()
    if _ISO.match(text) or _NUMERIC_DATE.search(text):
        return True
    return bool(_HAS_YEAR.search(text) and _HAS_MONTH_NAME.search(text))


def parse_date(text: str, *, default_tz: tzinfo) -> datetime | None:
    """Parse a date as publishers write it; a naive one gets ``default_tz``.

    Returns ``None`` when ``text`` is not a complete date (a year is required: dateutil
    would otherwise fill in the current year, leaking the clock into the feed).
    """
    text = text.strip()
    if not text or len(text) > 80 or not looks_like_date(text):
        return None
    cleaned = _AMPM.sub(lambda m: f" {m.group(1)}m", text)
    cleaned = _DOTTED_MONTH.sub(r"\1", cleaned)
    cleaned = _DAY_ABBR.sub(" ", cleaned)
    cleaned = _NOISE.sub(" ", cleaned)
    try:
        value = date_parser.parse(cleaned, default=_DEFAULT, tzinfos=_ZONES, fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_tz)
    return value


def to_utc(value: datetime) -> datetime:
    """The same instant in UTC, to whole seconds (what feeds can express)."""
    return value.astimezone(tz.UTC).replace(microsecond=0)


def format_rfc3339(value: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``, as the ledger and ``inspect --json`` write it."""
    return to_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_rfc3339(text: str) -> datetime:
    """Read back what :func:`format_rfc3339` wrote.

    Raises:
        ValueError: ``text`` is not an aware ISO 8601 timestamp.
    """
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"timestamp without a timezone: {text!r}")
    return to_utc(value)


def is_plausible(value: datetime, *, now: datetime) -> bool:
    """Between 1990 and a day after ``now`` (clock skew and time zones aside)."""
    return EARLIEST <= value <= now + timedelta(days=1)
