"""Bylines and datelines: the lines under a headline that say who wrote it, and when.

``By Jane Roe and John Doe``, ``By Jane Roe - 03/14/22 09:41 AM EDT``, ``Von Hans Müller``,
``Sam Jones in Pontevedra``; ``Updated 7:05 AM PST, Tue March 2, 2021``,
``Published 4 November 2024 | Updated 5 November 2024``, ``Publié le 4 novembre 2024``.
Each shape is a small function; none of them accepts a sentence of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from dateutil import tz

from feedwright.loader.dates import (
    MAX_DATE_CHARS,
    MONTHS,
    is_date_only,
    may_hold_digit,
    parse_date,
)
from feedwright.loader.plain.ignorecase import may_hold_any
from feedwright.loader.plain.labels import LABELS

_BYLINE = re.compile(
    r"^(?:by|written by|posted by|words by|story by|text by|von|par|por|di|door|av|автор|"
    r"авторы|текст|автор текста|автор:|כתב|بقلم)\b\s*[:\-–]?\s*(.*)$",
    re.IGNORECASE,
)
_AUTHOR_KEY = re.compile(
    r"^(?:authors?|byline|autor(?:in)?|auteur|autore|作者|记者|記者|文|기자)\s*[:：]\s*(.+)$|"
    # "投稿者 Jane Roe", "著者：山田太郎": a label in a script without capitals needs no colon.
    r"^(?:投稿者|著者|執筆者|筆者)\s*[:：]?\s*(.+)$",
    re.I,
)
_BARE_BY = re.compile(
    r"^(?:by|von|par|por|автор|authors?|written by|autor(?:in)?|auteur|autore)\s*:?$",
    re.IGNORECASE,
)
# Each separator starts only where its run of blanks starts (a lookbehind; the leftmost
# match is the same): tried from every blank of a long run, it scanned to the run's end.
_NAME_SPLIT = re.compile(
    r"(?<!\s)(?:\s*[,;]\s*|\s+(?:and|und|et|y|e|en|и|і)\s+|\s*&\s*)", re.IGNORECASE
)
#: One word in capitals after a name (``Jane Roe, TIME``): an outlet, never a person's name.
_OUTLET_WORD = re.compile(r"^[A-Z]{2,6}$")
_BYLINE_SEPARATOR = re.compile(r"(?<!\s)(?:\s+[|–—·•-]\s+|\s*[|·•]\s*)")
_PLACE = re.compile(r"(?<!\s)\s+(?:in|en|aus|from|reporting from)\s+(\S.*)$")
_PARTICLES = frozenset(
    "de da di del della der den van von la le du dos das bin al ibn el y ter ten zu "
    "af st st.".split()
)
_HONORIFICS = frozenset("dr dr. prof prof. mr mr. mrs mrs. ms ms. sir dame".split())
_ROLE_WORDS = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|staff|contributor|columnist|analyst|"
    r"producer|journalist|news|times|post|press|agency|bureau|desk|chief|senior|deputy|"
    r"associate|special|international|political|business|science|health|tech|sports|"
    r"fellow|professor|director|team|newsroom|wire|service|magazine|daily|herald|"
    r"tribune|journal|gazette|online|media|network|ceo|founder|co-founder)\b",
    re.IGNORECASE,
)
_AGENCIES = frozenset(
    "reuters ap afp bloomberg cnn bbc dpa efe ansa xinhua tass ria pa upi kyodo yonhap "
    "ians pti aap cbc npr abc nbc cbs fox sky itv rfi dw".split()
)
_KINDS = re.compile(
    r"(?P<updated>(?:last\s+)?updated(?:\s+on|\s+at)?|last\s+modified(?:\s+on)?|"
    r"modified(?:\s+on)?|mis\s+à\s+jour(?:\s+le)?|modifié(?:\s+le)?|actualizado(?:\s+el)?|"
    r"(?:zuletzt\s+)?aktualisiert(?:\s+am)?|aggiornato(?:\s+il)?|atualizado(?:\s+em)?|"
    r"обновлено|оновлено|bijgewerkt(?:\s+op)?|stand|آخر تحديث|تم التحديث|עודכן|更新)|"
    r"(?P<published>(?:first\s+|originally\s+)?published(?:\s+on|\s+at)?|posted(?:\s+on|\s+at)?|"
    r"original(?:ly)?|"
    r"publish(?:ed)?\s+date|publication\s+date|date\s+published|"
    r"publié(?:\s+le)?|publicado(?:\s+el|\s+em)?|veröffentlicht(?:\s+am)?|"
    r"pubblicato(?:\s+il)?|опубликовано|опубліковано|gepubliceerd(?:\s+op)?|"
    r"erstellt(?:\s+am)?|date|dated|issued|نشر في|نُشر في|نشر|تاريخ النشر|פורסם|发布时间|发布于|"
    r"公開日|掲載日)",
    re.IGNORECASE,
)
_KIND_AT = re.compile(rf"(?:^|(?<=[\s|,;·•(\-–—]))(?:{_KINDS.pattern})\b\s*:?\s*", re.I)
# Every word of _KINDS, lower-cased, holds one of these. The pattern is tried at every
# position of a line (a few microseconds on most lines of a page): a line without any of
# them is let off with a few substring looks.
_KIND_KEYS = (
    "date", "publi", "pubbl", "posted", "original", "modifi", "jour", "actualiz", "aktualis",
    "aggiorn", "atualiz", "bijgew", "stand", "erstellt", "issued", "обновл", "оновл", "опублик",
    "опублік", "veröff", "تحديث", "نشر", "نُشر", "עודכן", "פורסם",
    "更新", "发布", "公開日", "掲載日",
)  # fmt: skip


def may_name_kind(text: str) -> bool:
    """False when :data:`_KIND_AT` cannot match ``text`` (it names no kind of date)."""
    return may_hold_any(text, _KIND_KEYS)


_SEGMENT_TRIM = " \t|,;·•-–—:()"
# What a dateline may name as its source ("Source: Reuters", "来源：新华社").
_SOURCE_WORDS = "来源|來源|出处|source|quelle|fuente|источник"
_PART_SEPARATOR = re.compile(
    rf"\s+[|·•–—-]\s+|\s*[|·•]\s*|,\s+(?=\d)|\s+(?=(?:{_SOURCE_WORDS})\s*[:：])",
    re.IGNORECASE,
)
# Every match of _PART_SEPARATOR holds one of these (a dash, a bar or a dot, a comma, or
# the colon after a source label), and none of them has another case: where a segment has
# none, it is one part and the search for separators can be skipped.
_MAY_SEPARATE = re.compile(r"[|·•–—,:：-]")
_TIME_ONLY = re.compile(
    r"^\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{1,5}|uhr|Uhr)?$"
    r"|^\d{1,2}\s*[ap]\.?\s?m\.?\s*(?:[A-Z]{1,5})?$"
)
_TRAILING_READ_TIME = re.compile(
    r"(?<!\s)\s+\d{1,3}\s*-?\s*(?:min(?:ute)?s?|mins?)\.?\s+(?:read|reading|to read)\s*$",
    re.IGNORECASE,
)
# "Written by Jane Roe on 1 June 2019 at 08:34 PM EDT. 51 Comments": the count of comments
# after the dateline.
_TRAILING_COMMENTS = re.compile(
    r"(?<![\s.,·|–-])[\s.,·|–-]+\d[\d,.]*\s*(?:comments?|replies|responses)\s*$",
    re.IGNORECASE,
)


def without_comment_count(text: str) -> str:
    """``text`` without the count of comments that ends it (``... EDT. 51 Comments``)."""
    return _TRAILING_COMMENTS.sub("", text).strip()


_SOURCE_LABEL = re.compile(rf"^(?:{_SOURCE_WORDS})\s*[:：]\s*\S.{{0,40}}$", re.IGNORECASE)
_SOURCE_TAIL = re.compile(
    rf"[\s|/·•–—-]+(?=(?:{_SOURCE_WORDS})\s*[:：]\s*\S.{{0,40}}$)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"^(?:(?:about|over|almost)\s+)?(?:\d+|an?|one)\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|"
    r"h|hrs?|hours?|d|days?|w|weeks?|months?|y|years?)\s+ago$|^just now$|^yesterday$|"
    r"^today$|^vor\s+\d+\s+\w+$|^il y a\s+\d+\s+\w+$|^hace\s+\d+\s+\w+$|^\d+\s+\w+\s+назад$",
    re.IGNORECASE,
)


def _token_is_name(token: str) -> bool:
    low = token.casefold()
    if low in _PARTICLES or low in _HONORIFICS:
        return True
    return token.lstrip("'\"(")[:1].isupper()


def _uncased(text: str) -> bool:
    return not any(c.isupper() or c.islower() for c in text)


def is_name(text: str, *, uncased: bool = True) -> bool:
    """True for something that reads as a person's name (``Siobhán O'Neill``, ``Иван Петров``).

    ``uncased`` allows scripts without capitals (Chinese, Arabic, Hebrew), where a name
    cannot be told from any other short phrase; pass ``False`` where only layout says so.
    """
    text = text.strip()
    if not text or len(text) > 60 or any(c.isdigit() for c in text):
        return False
    if not any(c.isalpha() for c in text):
        return False  # "•", "—": punctuation is no name in any script
    if any(c in text for c in '!?:;"“”«»()[]{}<>@/\\=+*#'):
        return False
    tokens = text.split()
    if len(tokens) > 6:
        return False
    if _uncased(text):
        return uncased and len(text) <= 20 and len(tokens) <= 4
    if len(tokens) == 1:
        return text.casefold() in _AGENCIES  # "By Reuters"; "Staff" is not a name
    return all(_token_is_name(t) for t in tokens)


def is_role_like(text: str) -> bool:
    """``Senior Politics Editor, The Daily``: names a job or a newsroom."""
    return bool(_ROLE_WORDS.search(text))


def _is_role(text: str) -> bool:
    """``Staff Reporter``, ``Senior Correspondent``: a job title, not a name."""
    return all(_ROLE_WORDS.fullmatch(t) or t.casefold() in _PARTICLES for t in text.split())


def display_name(name: str) -> str:
    """A name as an editor would write it: ``ZEKE MILLER`` becomes ``Zeke Miller``."""
    name = " ".join(name.split())
    if name.isupper() and name.casefold() not in _AGENCIES:
        return name.title()
    return name


# Words whose full stop is their own: "Jane Roe Jr.", "Acme Co.".
_ABBREVIATED = frozenset({"jr", "sr", "inc", "ltd", "co", "corp", "st", "bros"})


def _without_full_stop(text: str) -> str:
    """``Jane Roe.`` (a byline written as a sentence) without its full stop; an initial's
    (``J.``) or an abbreviation's (``Jr.``) stays."""
    if not text.endswith("."):
        return text
    last = text[:-1].rsplit(None, 1)[-1] if text[:-1].strip() else ""
    if len(last) <= 1 or last.casefold() in _ABBREVIATED:
        return text
    return text[:-1]


def names_joined(text: str) -> bool:
    """``text`` has what joins names in a list (a comma, ``and``, ``&``): it may hold two."""
    return _NAME_SPLIT.search(text) is not None


def split_names(text: str, *, uncased: bool = True) -> list[str]:
    """Split ``A, B and C`` into names; an outlet (``Reuters``, ``TIME``) or job title ends
    the list.

    Returns an empty list when any part before that is not a name (so prose is rejected).
    """
    names: list[str] = []
    text = _without_full_stop(unglue_names(text.strip()).strip(",;"))
    place = _PLACE.search(text)
    if place and place.group(1)[:1].isupper():
        text = text[: place.start()]
    for i, part in enumerate(_NAME_SPLIT.split(text)):
        part = part.strip()
        if not part:
            continue
        if i > 0 and (
            part.casefold() in _AGENCIES
            or _OUTLET_WORD.match(part)
            or _ROLE_WORDS.search(part)
            or part.startswith("@")
            or part.casefold() in LABELS  # "Twitter", "Email": the links after a name
        ):
            break
        if _is_role(part) or not is_name(part, uncased=uncased):
            return []
        name = display_name(part)
        if name not in names:
            names.append(name)
    return names


_GLUED_BY = re.compile(r"^[Bb]y(?:by)?(?=[A-Z][a-z])|^[Bb]yby(?=\s)")
#: A social handle after a name (``Jane Roe @janeroe``, ``Jane Roe, @janeroe``).
# (Each of these trailing patterns starts only where its run of blanks and marks starts:
# tried from every position inside a long run, it scanned to the run's end each time.)
HANDLE = re.compile(r"(?<![,\s])[,\s]*@\w{1,30}\b")


def without_handles(text: str) -> str:
    """``text`` without its ``@handles`` (and the marks before them)."""
    # The pattern is tried at every position; most lines hold no "@" at all.
    return HANDLE.sub("", text) if "@" in text else text


def unglue_by(text: str) -> str:
    """``ByJane Roe`` and ``Byby JANE ROE`` (an icon's label run into the byline): ``By ...``."""
    return _GLUED_BY.sub("By ", text, count=1) if text[:2] in ("By", "by") else text


_TRAILING_NOTE = re.compile(r"(?<!\s)\s*\([^()]{1,80}\)\s*$")
_MIN_GLUED_WORD = 4


def unglue_names(text: str) -> str:
    """Put a comma where a page ran a name into what follows it.

    ``Howard BlumeStaff Writer``, ``Jane RoeTwitter``, ``Jane RoeJane Roe``,
    ``Jane Roe@janeroe``: a capitalised word of four letters or more runs into a capital
    or ``@`` (``DiChristopher``, ``McDonald``, ``MacKenzie`` do not: their first part is
    shorter). A note in brackets at the end (``(Brussels bureau)``) is dropped.
    """
    text = _TRAILING_NOTE.sub("", text)
    if text.islower() or text.isupper():
        return text
    out: list[str] = []
    for token in text.split(" "):
        out.append(_unglue_token(token))
    return " ".join(out)


def _unglue_token(token: str) -> str:
    if len(token) <= _MIN_GLUED_WORD or not token[:1].isupper():
        return token
    for k in range(_MIN_GLUED_WORD, len(token)):
        if not token[k - 1].islower():
            return token  # the first word is one capital and lower-case letters only
        if token[k].isupper() or token[k] == "@":
            return token[:k] + ", " + _unglue_token(token[k:])
    return token


@dataclass(frozen=True)
class Byline:
    """What a byline line says."""

    #: Author names, as an editor would write them.
    names: tuple[str, ...]
    #: The date written on the same line (``By Jane Roe - 03/14/22 09:41 AM``), unparsed.
    date_text: str | None = None
    #: A bare ``By``: the names are on the next line.
    bare: bool = False


def parse_byline(text: str) -> Byline | None:
    """Read a byline, or ``None`` if the line is not one.

    ``By Jane Roe and John Doe``, ``By Jane Roe - 03/14/22 09:41 AM EDT``,
    ``By Jane Roe, Reuters``, ``By Staff Reporter`` (a byline with no name), ``By`` alone.
    """
    stripped = unglue_by(text.strip())
    if _BARE_BY.match(stripped):
        return Byline((), bare=True)
    match = _BYLINE.match(stripped) or _AUTHOR_KEY.match(stripped)
    named = match[match.lastindex or 0] if match else ""  # the names' group of the shape
    if not named.strip():
        return None
    # "By Jane Roe 5 minute Read": a read time (or a count of comments) run on after the
    # names or the date says nothing of them.
    rest = without_comment_count(_TRAILING_READ_TIME.sub("", without_handles(named)))
    date_text: str | None = None
    kind = _KIND_AT.search(rest) if may_name_kind(rest) else None
    if kind is not None and kind.start() > 0:
        # "By Jane Roe last updated 4 April 17", "By Jane Roe Published in Opinion ...":
        # the names end where the dateline begins.
        tail = rest[kind.end() :].strip()
        rest = rest[: kind.start()].strip()
        date_text = tail if is_date_only(tail) else None
        names = split_names(rest)
        return Byline(tuple(names), date_text) if names else None
    parts = _BYLINE_SEPARATOR.split(rest, maxsplit=1)
    if len(parts) == 2:
        rest = parts[0]
        if is_date_only(parts[1]):
            date_text = parts[1]  # else "By Jane Roe | Staff Writer": not an author
    else:
        rest, date_text = _split_trailing_date(rest)
    if _is_role(rest.split(",")[0]):
        return Byline((), date_text)
    names = split_names(rest)
    return Byline(tuple(names), date_text) if names else None


_COMMA = re.compile(r",\s*")


def _split_trailing_date(text: str) -> tuple[str, str | None]:
    # "By Jane Roe, March 2, 2021": the date starts after one of the commas. Only the
    # commas before a tail short enough to be a date are tried (from the one whose spaces
    # reach into it): trying every comma of a line of a million took a minute.
    start = max(0, len(text) - MAX_DATE_CHARS)
    while start and text[start - 1].isspace():
        start -= 1
    if start and text[start - 1] == ",":
        start -= 1
    for match in _COMMA.finditer(text, start):
        tail = text[match.end() :]
        if is_date_only(tail):
            return text[: match.start()], tail
    return text, None


#: What may end a name that a page set beside the date the next line gives.
_TRAILING_SEPARATORS = " /|"


def parse_bare_byline(text: str) -> list[str]:
    """Names from a byline without ``By`` (``Sam Jones in Pontevedra``), else ``[]``.

    Only trusted where the layout says it is a byline (directly above a dateline). A
    separator that ends it stood between it and the date (``Jane Roe/``).
    """
    text = text.strip().rstrip(_TRAILING_SEPARATORS)
    if len(text) > 80 or text.endswith((".", "!", "?", ":")):
        return []
    return split_names(text, uncased=False)


def parse_dateline(text: str, *, default_tz: tzinfo) -> list[tuple[str, datetime]] | None:
    """``[("published" | "updated", when), ...]`` for a line that only gives dates.

    ``None`` when the line is anything else. ``Updated 3 hours ago`` or ``Updated 10:04
    a.m. ET`` give an empty list: a dateline, but with no date we can use without a clock.
    A leading place (``Madrid - 05 nov 2024 - 10:04 CET``) and a source label are allowed.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > 160 or not _may_be_dateline(stripped):
        return None
    return read_dateline(stripped, default_tz=default_tz)


def read_dateline(stripped: str, *, default_tz: tzinfo) -> list[tuple[str, datetime]] | None:
    """:func:`parse_dateline` of a stripped line, the long way (every line is read)."""
    segments: list[tuple[str, str]] = []
    last_kind, last_end = "published", 0
    for match in _KIND_AT.finditer(stripped) if may_name_kind(stripped) else ():
        segments.append((last_kind, stripped[last_end : match.start()]))
        last_kind = "updated" if match.group("updated") else "published"
        last_end = match.end()
    segments.append((last_kind, stripped[last_end:]))
    found: list[tuple[str, datetime]] = []
    saw_date = False
    for k, (kind, segment) in enumerate(segments):
        segment = segment.strip(_SEGMENT_TRIM)
        if not segment:
            continue
        dates = _segment_dates(segment, first=k == 0, default_tz=default_tz)
        if dates is None:
            return None
        found.extend((kind, when) for when in dates)
        saw_date = True
    return found if saw_date else None


# The words of _RELATIVE and _SOURCE_LABEL that need no digit (lower-cased).
_DATELINE_WORDS_WITHOUT_DIGITS = (
    *("ago", "now", "yesterday", "today"),
    *("来源", "來源", "出处", "source", "quelle", "fuente", "источник"),
)


def _may_be_dateline(text: str) -> bool:
    """False when :func:`parse_dateline` must say ``None``: a part of a dateline is a date,
    a time or a relative time (``3 hours ago``), each with a digit, or ``an hour ago``,
    ``just now``, ``yesterday``, ``today``, or a source label; the rest is a place or the
    kind of date. Most lines of a page have no digit and none of those words."""
    return may_hold_digit(text) or may_hold_any(text, _DATELINE_WORDS_WITHOUT_DIGITS)


def _segment_dates(segment: str, *, first: bool, default_tz: tzinfo) -> list[datetime] | None:
    """The dates in one part of a dateline; ``None`` if anything in it is not date-like."""
    if is_date_only(segment):
        when = parse_date(segment, default_tz=default_tz)
        if when is not None:
            return [when]
        two = _two_dates(segment, default_tz=default_tz)
        if two is not None:
            return two
    source = _SOURCE_TAIL.search(segment)
    if source is not None and is_date_only(segment[: source.start()]):
        # "Dec. 22, 2016, 3:36 PM UTC / Source: Zillow": a whole date, then where it is from
        when = parse_date(segment[: source.start()], default_tz=default_tz)
        if when is not None:
            return [when]
    parts = [p.strip(_SEGMENT_TRIM) for p in split_parts(segment)]
    parts = [p for p in parts if p]
    if len(parts) < 2 and not (_RELATIVE.match(segment) or _TIME_ONLY.match(segment)):
        return None
    dates: list[datetime] = []
    k = 0
    while k < len(parts):
        part = parts[k]
        if is_date_only(part):
            if k + 1 < len(parts) and _TIME_ONLY.match(parts[k + 1]):
                part, k = f"{part} {parts[k + 1]}", k + 1  # "2 de marzo de 2021 - 07:05 CET"
            when = parse_date(part, default_tz=default_tz)
            if when is None:
                return None
            dates.append(when)
        elif not (
            _RELATIVE.match(part)
            or _TIME_ONLY.match(part)
            or _SOURCE_LABEL.match(part)
            or (first and k == 0 and _is_place(part))
        ):
            return None
        k += 1
    return dates


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Where a second date begins: its month's name, or its day before the month's name.
_DATE_START = re.compile(
    rf"\s+(?=(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+)?(?:{MONTHS})\b)", re.IGNORECASE
)


def _two_dates(segment: str, *, default_tz: tzinfo) -> list[datetime] | None:
    """``December 6, 2016 — 6:22 PM EST December 7, 2016 — 1:55 PM EST``: two whole dates
    run together with nothing between them (published, then updated), read one by one."""
    year = _YEAR.search(segment)
    if year is None:
        return None
    for space in _DATE_START.finditer(segment, year.end()):
        first, second = segment[: space.start()], segment[space.end() :]
        if not (_YEAR.search(second) and is_date_only(first) and is_date_only(second)):
            continue
        dates = [parse_date(part, default_tz=default_tz) for part in (first, second)]
        if dates[0] is not None and dates[1] is not None:
            return [dates[0], dates[1]]
    return None


def split_parts(segment: str) -> list[str]:
    """``_PART_SEPARATOR.split(segment)``: the dates, times and places in a dateline's part."""
    if not _MAY_SEPARATE.search(segment):
        return [segment]  # most lines that reach here are prose, and have no separator
    return _PART_SEPARATOR.split(segment)


def _is_place(text: str) -> bool:
    tokens = text.split()
    return (
        0 < len(tokens) <= 3
        and len(text) <= 30
        and not any(c.isdigit() for c in text)
        and all(t[:1].isupper() for t in tokens)
    )


def is_relative_time(text: str) -> bool:
    """True for ``3 hours ago``, ``Updated 2 days ago``, ``vor 2 Stunden``: no usable date."""
    result = parse_dateline(text, default_tz=tz.UTC)
    return result is not None and not result
