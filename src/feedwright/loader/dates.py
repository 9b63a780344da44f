"""Dates as publishers write them, made timezone-aware with python-dateutil.

Publishers write dates in many languages and shapes (``Mar. 2, 2021 7:05 am ET``,
``Publié le 04 novembre 2024 à 10h32``, ``02.03.2021, 07:05 Uhr``, ``2023年10月18日``).
:func:`normalise_date_text` rewrites each into something dateutil reads, one small rule at
a time; :func:`parse_date` then parses it and attaches a zone.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from datetime import datetime, timezone, tzinfo
from functools import lru_cache

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
    "MEZ": tz.tzoffset("MEZ", 3600),
    "MESZ": tz.tzoffset("MESZ", 7200),
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
#: The longest text :func:`is_date_only` takes for a date.
MAX_DATE_CHARS = 90

# Month names in the languages our publishers write, to the English abbreviation dateutil
# knows. English itself needs no entry.
_FOREIGN_MONTHS = {
    "Jan": "janvier janv januar jänner jän enero ene gennaio genn janeiro januari "
    "января январь січня січень يناير كانون_الثاني ינואר בינואר",
    "Feb": "février fevrier févr fevr februar febrero febbraio fevereiro fev februari "
    "февраля февраль лютого лютий فبراير شباط פברואר בפברואר",
    "Mar": "mars märz maerz mär marzo março marco maart марта март березня березень "
    "مارس آذار מרץ במרץ",
    "Apr": "avril avr abril aprile april апреля апрель квітня квітень أبريل ابريل نيسان "
    "אפריל באפריל",
    "May": "mai mayo maggio maio mei мая май травня травень مايو أيار ايار מאי במאי",
    "Jun": "juin juni junio giugno junho июня июнь червня червень يونيو حزيران יוני ביוני",
    "Jul": "juillet juil juli julio luglio julho июля июль липня липень يوليو تموز יולי ביולי",
    "Aug": "août aout agosto augustus августа август серпня серпень أغسطس اغسطس آب אוגוסט באוגוסט",
    "Sep": "septembre septiembre setiembre settembre setembro сентября сентябрь вересня "
    "вересень سبتمبر أيلول ايلول ספטמבר בספטמבר",
    "Oct": "octobre okt oktober octubre ottobre outubro октября октябрь жовтня жовтень "
    "أكتوبر اكتوبر تشرين_الأول אוקטובר באוקטובר",
    "Nov": "novembre noviembre novembro ноября ноябрь листопада листопад نوفمبر "
    "تشرين_الثاني נובמבר בנובמבר",
    "Dec": "décembre decembre dezember dez diciembre dic dicembre dezembro декабря декабрь "
    "грудня грудень ديسمبر كانون_الأول דצמבר בדצמבר",
}
# "_" stands for a space inside a month name ("كانون الثاني").
_MONTH_OF = {
    word.replace("_", " "): month
    for month, words in _FOREIGN_MONTHS.items()
    for word in words.split()
}
# Arabic-Indic and Persian digits, which NFKC leaves alone.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MONTH_WORDS = "|".join(map(re.escape, sorted(_MONTH_OF, key=len, reverse=True)))
_FOREIGN_MONTH = re.compile(rf"(?<!\w)({_MONTH_WORDS})\.?(?!\w)", re.IGNORECASE)
# The month words as the test before the pattern looks them up (:func:`_may_hold_word`).
_FOREIGN_MONTH_KEYS = frozenset(word.lower() for word in _MONTH_OF)
# Words that sit between the parts of a date ("2 de marzo de 2021", "le 4 à 10h32") and
# weekday names; dateutil's fuzzy mode would skip most of them, but not reliably.
_FILLER_WORDS = (
    "at on the of um am le la las à a de del el il às em op в г года року uhr h "
    "lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch "
    "donnerstag freitag samstag sonntag lunes martes miércoles jueves viernes sábado "
    "domingo mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday "
    "thursday friday saturday sunday"
).split()
# "am" only before a number ("am 4. März"): "10 am" keeps its "am".
_FILLER = re.compile(
    r"(?<!\w)(?:"
    + "|".join(r"am(?=\s*\d)" if word == "am" else word for word in _FILLER_WORDS)
    + r")\.?(?!\w)",
    re.IGNORECASE,
)
_FILLER_KEYS = frozenset(word.lower() for word in _FILLER_WORDS)
_WORD_RUN = re.compile(r"\w+")
#: English month names and their abbreviations, as a pattern (dateline rules use it too).
MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_HAS_MONTH_NAME = re.compile(rf"\b(?:{MONTHS})\b\.?", re.IGNORECASE)
_HAS_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d.])\d{1,4}([/.-])\d{1,2}\1\d{2,4}(?![\d.]?\d)")
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?$"
)
_CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_CJK_TIME = re.compile(r"(\d{1,2})\s*[時时시]\s*(\d{1,2})\s*[分분]?")
_CJK_NOISE = re.compile(r"星期.|[月火水木金土日]曜日?")
_CJK_HALF_DAY = re.compile(r"(오전|午前|上午)|(오후|午後|下午)\s*(\d{1,2}(?::\d{2})?)")
_H_TIME = re.compile(r"(?<!\d)(\d{1,2})\s*h\s*(\d{2})(?!\d)", re.IGNORECASE)
_DOT_TIME = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{2})(?![\d.])")
_AMPM = re.compile(r"\b([ap])\.\s?m\.?", re.IGNORECASE)
_DOTTED_MONTH = re.compile(rf"\b({MONTHS})\.", re.IGNORECASE)
# "0339 GMT (1139 HKT)": a 24-hour clock without its colon, in UTC, then the local time.
_CLOCK_THEN_LOCAL = re.compile(
    r"(?<!\d)([01]\d|2[0-3])([0-5]\d)\s*(GMT|UTC)\s*\(\s*\d{3,4}\s*[A-Z]{2,5}\s*\)"
)
_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b")
# "November 29, 2016: 3:42 PM ET": a colon after the year, before the time.
_PUNCT = re.compile(r"[|•·,;()\[\]]|\s[-–—]\s|^[-–—]\s|\s[-–—]$|(?<=\d{4}):(?=\s)")
_DEFAULT = datetime(2000, 1, 1)
_DATE_WORDS = re.compile(
    rf"(?i)\b(?:{MONTHS})\b\.?|\b[ap]\.?m\b\.?|\b(?:utc|gmt)\b|"
    r"(?<=\d)(?:st|nd|rd|th|[ap]m)\b|[\d:/.,+\-()|•·–—]|\s"  # "Dec 1st 2016 1:01PM"
)
_ZONE_WORD = re.compile(r"\b[A-Z]{1,5}\b")
_DATE_DIGITS = re.compile(r"\d{4}|\d[/.-]\d")


def resolve_zone(name: str) -> tzinfo:
    """Return the tzinfo for an IANA name or a known abbreviation; UTC if unknown."""
    zone = _ZONES.get(name.upper()) or tz.gettz(name)
    return zone if zone is not None else tz.UTC


# Datelines are read by several rules in turn (is it a date? only a date? which one?).
@lru_cache(maxsize=1024)
def normalise_date_text(text: str) -> str:
    """Rewrite a date in any supported language and shape into one dateutil reads."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():  # the Arabic digits and every CJK rule need such characters
        text = text.translate(_DIGITS).strip()
        text = _CJK_DATE.sub(lambda m: " {}-{:0>2}-{:0>2} ".format(*m.groups()), text)
        text = _CJK_TIME.sub(r" \1:\2 ", text)
        text = _CJK_HALF_DAY.sub(lambda m: " " if m.group(1) else f" {m.group(3)} pm ", text)
        text = _CJK_NOISE.sub(" ", text)
    else:
        text = text.strip()
    # Each pattern is only tried where it can match: it needs a word of its list, an "h"
    # (nothing else matches "h" ignoring case), or a full stop.
    if _may_hold_word(text, _FOREIGN_MONTH_KEYS):
        text = _FOREIGN_MONTH.sub(lambda m: f" {_MONTH_OF[m.group(1).lower()]} ", text)
    if "h" in text or "H" in text:
        text = _H_TIME.sub(r"\1:\2", text)
    if "." in text:
        text = _DOT_TIME.sub(r"\1:\2", text)  # "09.00 BST", never the "02.03" of "02.03.2021"
        text = _AMPM.sub(lambda m: f" {m.group(1)}m", text)
        text = _DOTTED_MONTH.sub(r"\1", text)
    if "GMT" in text or "UTC" in text:
        text = _CLOCK_THEN_LOCAL.sub(r"\1:\2 \3", text)
        text = _GMT_OFFSET.sub(_offset, text)
    if _may_hold_word(text, _FILLER_KEYS):
        text = _FILLER.sub(" ", text)
    text = _PUNCT.sub(" ", text)
    return " ".join(text.split())


def _may_hold_word(text: str, keys: frozenset[str]) -> bool:
    """False when a pattern ``(?<!\\w)(?:WORD|...)\\.?(?!\\w)`` ignoring case, its words
    lower-cased in ``keys``, cannot match ``text``.

    In ASCII text a match is a whole run of word characters, and the only characters beyond
    ASCII that match an ASCII letter ignoring case (``İ``, ``ı``, the Kelvin sign, ``ſ``)
    are in no word of the lists: so the run, lower-cased, is one of ``keys``. Other text is
    always tried.
    """
    return not text.isascii() or not keys.isdisjoint(_WORD_RUN.findall(text.lower()))


def _offset(match: re.Match[str]) -> str:
    # dateutil reads "UTC+3" the POSIX way (three hours *behind*); publishers mean ahead.
    sign, hours, minutes = match.group(1), int(match.group(2)), match.group(3) or "00"
    return f" {sign}{hours:02d}:{minutes}"


def looks_like_date(text: str) -> bool:
    """True when ``text`` names a full date (a year and a month), not just a time."""
    if not _may_be_date(text):
        return False
    text = normalise_date_text(text)
    if _ISO.match(text) or _NUMERIC_DATE.search(text):
        return True
    return bool(_HAS_YEAR.search(text) and _HAS_MONTH_NAME.search(text))


_DIGIT = re.compile(r"\d")


def may_hold_digit(text: str) -> bool:
    """``text`` holds a digit, or one its NFKC form makes (``①``, ``２``): every date does."""
    return _found_as_normalised(_DIGIT, text)


def _found_as_normalised(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern`` is found in ``text`` or in its NFKC form (normalised only if that differs)."""
    if pattern.search(text):
        return True
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return False
    return pattern.search(unicodedata.normalize("NFKC", text)) is not None


def _may_be_date(text: str) -> bool:
    """False when :func:`looks_like_date` is sure to be false, without normalising ``text``.

    A date it takes holds four digits in a row (a year) or a digit, a separator and a digit
    (``3/14/22``). :func:`normalise_date_text` never makes either: it replaces words and
    punctuation by spaces or by other words, never joins two runs of digits and never puts
    a separator between two digits. Only NFKC makes new digits (``①``, ``２０２１``), and the
    Arabic-Indic ones are digits already.
    """
    return _found_as_normalised(_DATE_DIGITS, text)


def is_date_only(text: str) -> bool:
    """True when ``text`` is a date and nothing else (no words left once the date is gone)."""
    if len(text) > MAX_DATE_CHARS or len(text.split()) > 14 or not looks_like_date(text):
        return False
    normal = normalise_date_text(text)
    leftover = _DATE_WORDS.sub("", _ZONE_WORD.sub("", normal))
    return len(leftover) <= 3


def parse_date(text: str, *, default_tz: tzinfo) -> datetime | None:
    """Parse a date as publishers write it; a naive one gets ``default_tz``.

    Returns ``None`` when ``text`` is not a complete date (a year is required: dateutil
    would otherwise fill in the current year, leaking the clock into the feed).
    """
    if not text.strip() or len(text) > 120:
        return None
    cleaned = normalise_date_text(text)
    if not cleaned or not looks_like_date(cleaned):
        return None
    value = _read_date(cleaned)
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_tz)
    try:
        value.astimezone(tz.UTC)
    except (ValueError, OverflowError):
        return None  # year 1 or 9999 pushed out of range by the offset
    return value


# A dateline is read once to tell it is one and again to record it, with the page's zone;
# dateutil is most of what reading a date costs, and its answer does not depend on the zone.
@lru_cache(maxsize=1024)
def _read_date(cleaned: str) -> datetime | None:
    """dateutil's reading of a normalised date (naive where it names no zone), or ``None``."""
    # Day first for "02.03.2021" and every non-English month order; dateutil still swaps
    # an impossible "03/14/22" on its own.
    dayfirst = bool(re.search(r"(?<!\d)\d{1,2}\.\d{1,2}\.\d{2,4}", cleaned))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown zone names: parse_date applies its zone
            return date_parser.parse(
                cleaned, default=_DEFAULT, tzinfos=_ZONES, fuzzy=True, dayfirst=dayfirst
            )
    except (ValueError, OverflowError, TypeError, date_parser.ParserError):
        return None


def to_utc(value: datetime) -> datetime:
    """The same instant in UTC, to whole seconds (what feeds can express)."""
    # The standard library's UTC: dateutil's converts in Python, 20,000 times a ledger.
    utc = value.astimezone(timezone.utc)
    return utc.replace(microsecond=0) if utc.microsecond else utc


def format_rfc3339(value: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``, as the ledger and ``inspect --json`` write it.

    Whole seconds unless ``value`` has a fraction (only the ledger makes one, when it runs
    out of free seconds before the build clock).
    """
    # isoformat of a UTC time ends in "+00:00"; strftime cost ten times more.
    return value.astimezone(timezone.utc).isoformat()[:-6] + "Z"


def parse_rfc3339(text: str) -> datetime:
    """Read back what :func:`format_rfc3339` wrote.

    Raises:
        ValueError: ``text`` is not an aware ISO 8601 timestamp.
    """
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"timestamp without a timezone: {text!r}")
    return value.astimezone(timezone.utc)
