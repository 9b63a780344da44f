"""The block under a headline: byline, dateline, standfirst, labels and key points.

:func:`read_header_block` reads it line by line, each shape a small named rule, and stops
at the first line that is article text.
"""

from __future__ import annotations

import re
from datetime import timezone, tzinfo

from feedwright.loader.dates import is_date_only, parse_date
from feedwright.loader.plain.byline import (
    parse_bare_byline,
    parse_byline,
    parse_dateline,
)
from feedwright.loader.plain.captions import is_caption
from feedwright.loader.plain.chrome import is_chrome, is_read_time, is_relative_time
from feedwright.loader.plain.meta import consume_meta, is_dateline, is_meta
from feedwright.loader.plain.namedate import bare_name, self_named
from feedwright.loader.plain.textlines import (
    Line,
    Plain,
    bullet_text,
    collapse,
    ends_sentence,
    same_headline,
    words,
)

_KEY_POINTS_LABEL = re.compile(
    r"^(?:key points|key takeaways|highlights|in brief|in short|at a glance|summary|"
    r"the big picture|what you need to know|the essentials|das wichtigste in kürze|"
    r"l'essentiel|en bref|lo más importante|в двух словах|главное)\s*:?$",
    re.IGNORECASE,
)
_MAX_DEK_WORDS = 70
_MAX_AFFILIATION_WORDS = 8
_MAX_LABEL_WORDS = 3
_MAX_STANDFIRSTS = 2
_HEADER_BLOCK_LINES = 80
_LONGEST_BULLET_META = 80
_WHEN_SEPARATOR = re.compile(r"\s*[·•|]\s*")
# "1:39 PM ET", "18.05 GMT", "09:30": a time of day alone (the date is elsewhere, or none).
# Not byline's _TIME_ONLY, a part of a dateline: that one takes a bare "12" and no
# "PM ET"; here the minutes say it is a time, and the zone may follow an upper-case PM.
_CLOCK_TIME = re.compile(
    r"^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?:[A-Z]{2,4}|GMT[+-]\d{1,2}))?$", re.IGNORECASE
)


def read_header_block(
    lines: list[Line], start: int, *, title: str, default_tz: tzinfo, found: Plain
) -> int:
    """Consume the repeated headline, byline, datelines, standfirst and key points.

    Returns the index where the body starts. A standfirst (one paragraph between the
    headline and the byline) is kept as the first paragraph.
    """
    i = start
    awaiting_name = after_byline = False
    while i < len(lines) and i - start < _HEADER_BLOCK_LINES:
        text = lines[i].text.strip()
        if not text:
            after_byline = False
            i += 1
            continue
        if awaiting_name:
            awaiting_name = False
            # The value of a "By" label: the names of a byline ("• Jane Roe | jroe@x.com").
            byline = parse_byline(f"By {bullet_text(text) or text}")
            names = list(byline.names) if byline is not None else []
            if names:
                found.add_authors(names)
                after_byline = True
                i += 1
                continue
        if same_headline(text, title) or is_chrome(text):
            i = _past_chrome(lines, i, default_tz=default_tz, found=found)
            continue
        byline = parse_byline(text)
        if byline is not None and byline.bare:
            awaiting_name = True
        elif (past := _read_meta(lines, i, default_tz=default_tz, found=found)) is not None:
            after_byline = byline is not None
            i = past
            continue
        elif _KEY_POINTS_LABEL.match(text) and _opens_bullets(_following(lines, i)):
            pass
        elif bullet_text(text) is not None:
            i = read_key_points(lines, i, found, default_tz=default_tz)
            continue
        elif (after_byline and is_affiliation(text)) or is_caption(text):
            pass  # a picture's caption under the headline is no standfirst
        else:
            # The lines under it are only read here: most lines of the block say what
            # they are on their own.
            named = _above_byline(text, _following(lines, i), found, default_tz=default_tz)
            if named is None:
                break
            after_byline = after_byline or named
        i += 1
    return i


def _past_chrome(lines: list[Line], i: int, *, default_tz: tzinfo, found: Plain) -> int:
    """The index after the chrome (or repeated headline) at line ``i``, and after the
    value under it where it is a label that gives one (``Updated:`` / ``Mar 6, 2018``:
    recorded)."""
    if is_value_label(lines[i].text.strip()):
        past = _read_meta(lines, i, default_tz=default_tz, found=found)
        if past is not None:
            return past
    return i + 1


def _read_meta(lines: list[Line], i: int, *, default_tz: tzinfo, found: Plain) -> int | None:
    """Record the byline or dateline at line ``i``, or a label and its value on the next line
    (``Publish date:`` / ``Jan 12, 2017``); the index after it, ``None`` if there is none."""
    text = lines[i].text.strip()
    if consume_meta(text, default_tz=default_tz, found=found):
        return i + 1
    k = next((k for k in range(i + 1, len(lines)) if not lines[k].blank), None)
    if k is None or not _read_labelled(text, lines[k].text, default_tz=default_tz, found=found):
        return None
    return k + 1


def _read_labelled(label: str, value: str, *, default_tz: tzinfo, found: Plain) -> bool:
    """Record what a value label (:func:`is_value_label`) and the line under it say
    together (``Publish date:`` / ``Jan 12, 2017``); false if they say no byline or date."""
    if not is_value_label(label):
        return False
    joined = f"{label} {bullet_text(value) or value.strip()}"
    return consume_meta(joined, default_tz=default_tz, found=found)


def _above_byline(text: str, rest: list[str], found: Plain, *, default_tz: tzinfo) -> bool | None:
    """A line that may stand above a byline or dateline: names alone (recorded: True), a
    label or a standfirst (kept as a paragraph: False); ``None`` when it is none of them."""
    if is_bare_byline(text, rest, default_tz=default_tz):
        found.add_authors(parse_bare_byline(text))
        return True
    if names := self_named(text):
        found.add_authors(names)
        return True
    if is_label_above_meta(text, rest):
        return False
    if is_standfirst(text, rest, found, default_tz=default_tz):
        found.paragraphs.append(collapse(text))
        return False
    return None


def is_bare_byline(text: str, rest: list[str], *, default_tz: tzinfo) -> bool:
    """Names alone on a line (``Alistair Barr``), trusted only above a dateline.

    Several such lines in a row (one author each) may stand above the dateline.
    """
    if not parse_bare_byline(text):
        return False
    for nxt in rest:
        if is_dateline(nxt, default_tz=default_tz):
            return True
        if not (parse_bare_byline(nxt) or is_affiliation(nxt)):
            return False
    return False


def _opens_bullets(rest: list[str]) -> bool:
    return bool(rest) and bullet_text(rest[0]) is not None


def _following(lines: list[Line], i: int, count: int = 3) -> list[str]:
    out: list[str] = []
    for k in range(i + 1, len(lines)):
        line = lines[k]
        if not line.blank and not is_chrome(line.text):
            out.append(line.text.strip())
            if len(out) == count:
                break
    return out


def is_label_above_meta(text: str, rest: list[str]) -> bool:
    """``Guest Essay`` or ``Analysis`` above the byline: a label, not a paragraph."""
    return (
        words(text) <= _MAX_LABEL_WORDS
        and not ends_sentence(text)
        and bool(rest)
        and is_meta(rest[0])
    )


def is_affiliation(text: str) -> bool:
    """``Senior Correspondent, Reuters`` or ``BBC News, Kent`` directly under a byline."""
    return (
        words(text) <= _MAX_AFFILIATION_WORDS
        and not ends_sentence(text)
        and bullet_text(text) is None
    )


def is_standfirst(text: str, rest: list[str], found: Plain, *, default_tz: tzinfo) -> bool:
    """A paragraph in the header block with a byline or dateline right after it.

    The standfirst under the headline, or an author's one-line bio under the byline; kept
    as paragraphs, and the block goes on with the byline or dateline that follows.
    """
    if len(found.paragraphs) >= _MAX_STANDFIRSTS or words(text) > _MAX_DEK_WORDS:
        return False
    for k, nxt in enumerate(rest):
        if is_meta(nxt):
            return True
        if (
            k + 1 < len(rest)
            and parse_bare_byline(nxt)
            and parse_dateline(rest[k + 1], default_tz=default_tz)
        ):
            return True
    return False


def _bullet_meta(lines: list[Line], i: int, point: str, found: Plain, default_tz: tzinfo) -> bool:
    """``• Jane Roe`` / ``• Friday 25 December 2015``: a byline set as bullets, recorded."""
    if len(point) > _LONGEST_BULLET_META or ends_sentence(point):
        return False  # a key point, not a name or a date
    if consume_meta(point, default_tz=default_tz, found=found):
        return True
    names = bare_name(point)
    if not names:
        return False
    if any(is_meta(t) or _is_when(t) for t in _beside(lines, i)):
        found.add_authors(names)
        return True
    return False


def _beside(lines: list[Line], i: int) -> list[str]:
    """The texts of the nearest lines that are not blank above and below line ``i``, as
    bullets or not (``• Jane Roe`` above ``6:15 PM ET``)."""
    above = _nonblank_above(lines, i)
    below = next((lines[k] for k in range(i + 1, len(lines)) if not lines[k].blank), None)
    return [bullet_text(ln.text) or ln.text.strip() for ln in (above, below) if ln is not None]


def _nonblank_above(lines: list[Line], i: int) -> Line | None:
    """The nearest line above line ``i`` that is not blank."""
    return next((lines[k] for k in range(i - 1, -1, -1) if not lines[k].blank), None)


def read_key_points(
    lines: list[Line], i: int, found: Plain, *, default_tz: tzinfo = timezone.utc
) -> int:
    """Read a run of bullets (wrapped items joined) into ``found.key_points``."""
    while i < len(lines):
        point = bullet_text(lines[i].text)
        if point is not None:
            if not (is_chrome(point) or _bullet_meta(lines, i, point, found, default_tz)):
                found.key_points.append(point)  # not "• Published" in a page's meta list
            i += 1
            continue
        if is_chrome(lines[i].text):
            i += 1
            continue
        if lines[i].blank:
            nxt = next((ln for ln in lines[i:] if not ln.blank), None)
            if nxt is not None and bullet_text(nxt.text) is not None:
                i += 1
                continue
            return i
        if found.key_points and lines[i].text[:1].isspace():
            found.key_points[-1] += " " + collapse(lines[i].text)  # a wrapped bullet
            i += 1
            continue
        return i
    return i


def scan_head_block(
    lines: list[Line], start: int, body_line: int, *, default_tz: tzinfo, found: Plain
) -> int:
    """Read the rest of the head block, up to the body found first (at line ``body_line``).

    :func:`read_header_block` stops at the first line it does not know; what lies between
    there and the body is scanned whole: bylines and datelines are recorded, a name alone
    next to a date or a page label is the author (:func:`is_name_by_meta`), the rest (share
    rows, counters, labels, captions, credits) is passed over.
    """
    end = next((k for k in range(start, len(lines)) if lines[k].number >= body_line), start)
    # The dateline read_header_block stopped under still says the name under it is a byline.
    line = _nonblank_above(lines, start)
    above = line.text.strip() if line is not None else ""
    context = [above] if above and (is_meta(above) or _is_when(above)) else []
    # A bullet alone (a share row's icons) says nothing, and stands between a label and
    # its value ("por" / "•" / "Jane Roe").
    texts = context + [t for t in (ln.text.strip() for ln in lines[start:end]) if t.strip(_MARKS)]
    taken = -1  # the value line a label above it has already read
    # A name alone is only a guess: where the block has a byline that names someone, the
    # names come from it ("Broken Pledge" beside the date is a headline, not an author).
    named = any((b := parse_byline(t)) is not None and b.names for t in texts)
    for k in range(len(context), len(texts)):
        text = texts[k]
        if k == taken:
            continue
        if k + 1 < len(texts) and _read_labelled(
            text, texts[k + 1], default_tz=default_tz, found=found
        ):
            taken = k + 1
            continue
        if consume_meta(text, default_tz=default_tz, found=found):
            continue
        if _is_when(text):
            _consume_when(text, default_tz=default_tz, found=found)
            continue
        if found.authors or named:
            continue
        # A handle or a role says it is a person; a name alone, a date or a label beside it.
        names = self_named(text)
        if not names and (names := bare_name(text)) and not is_name_by_meta(texts, k):
            continue
        found.add_authors(names)
    return max(start, end)


_MARKS = "•·|-–— "
_VALUE_LABEL = re.compile(r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2}\s*[:：]$")


def is_value_label(text: str) -> bool:
    """``By``, ``Author:``, ``Publish date:``: a label whose value is on the next line."""
    if _VALUE_LABEL.match(text):
        return True
    byline = parse_byline(text)
    return byline is not None and byline.bare


def is_name_by_meta(texts: list[str], k: int) -> bool:
    """The name at ``texts[k]`` has a date, a byline or a read time (``8 min read``) next to
    it, or stands twice in the block: the layout of a byline without ``By``."""
    near = texts[max(0, k - 1) : k] + texts[k + 1 : k + 3]
    if any(is_meta(t) or _is_when(t) for t in near):
        return True
    return texts.count(texts[k]) > 1


def _consume_when(text: str, *, default_tz: tzinfo, found: Plain) -> None:
    for part in _WHEN_SEPARATOR.split(text):
        when = parse_date(part, default_tz=default_tz) if is_date_only(part) else None
        if when is not None:
            found.add_date("published", when)


def _is_when(text: str) -> bool:
    """``8 min read``, ``3 hours ago``, ``1:39 PM ET``, ``Oct 18, 2019 · 8 min read``: when,
    or how long."""
    parts = [p for p in _WHEN_SEPARATOR.split(text) if p]
    return bool(parts) and all(
        is_read_time(p) or is_relative_time(p) or _CLOCK_TIME.match(p) or is_date_only(p)
        for p in parts
    )
