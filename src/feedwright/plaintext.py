"""Plain text as scrapers and translation pipelines write it, read the way an editor would.

Each rule is a small function over lines; :func:`read_plain` applies them in order: the
footer block is cut, chrome before the headline is passed over, the headline is found (and
its repeat dropped), the byline/dateline/standfirst/key-point block under it is read, and
the rest becomes paragraphs (:mod:`feedwright.paragraphs`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from feedwright.byline import parse_bare_byline, parse_byline, parse_dateline, split_names
from feedwright.chrome import is_chrome, is_credit_line, is_credit_only, is_footer_marker
from feedwright.dates import parse_date
from feedwright.paragraphs import build_paragraphs, bullet_text, collapse, ends_sentence

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\u0e00-\u0e7f]")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—]{2,40}$")
_SITE_PREFIX = re.compile(r"^[^|]{2,30}\s+\|\s+")
_KEY_POINTS_LABEL = re.compile(
    r"^(?:key points|key takeaways|highlights|in brief|in short|at a glance|summary|"
    r"the big picture|what you need to know|the essentials|das wichtigste in kürze|"
    r"l'essentiel|en bref|lo más importante|в двух словах|главное)\s*:?$",
    re.IGNORECASE,
)
#: A footer block's lines are short (link titles, tags); a long line means article text.
_FOOTER_LINE_WORDS = 25
_FOOTER_SCAN_LINES = 60
_MAX_DEK_WORDS = 70
_MAX_AFFILIATION_WORDS = 8
_MAX_CAPTION_WORDS = 40
_MAX_LABEL_WORDS = 3
# The headline is near the top: menus may run to hundreds of lines, but past a few dozen
# lines that are not chrome the article has begun (and the search stays linear).
_HEAD_SCAN_LINES = 600
_HEAD_SCAN_CANDIDATES = 40
_HEADER_BLOCK_LINES = 80
_LOOKAHEAD_LINES = 12
_MAX_STANDFIRSTS = 2
_MIN_PROSE_WORDS = 25
_TITLE_FROM_SENTENCE_CHARS = 160
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"”’»]?\s+(?=[\"“‘«(]?[^\W\d_])|(?<=[。！？])")


@dataclass(frozen=True)
class Line:
    """One line of the body, with its 1-based line number in the file."""

    number: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Plain:
    """What the plain-text rules found."""

    title: str | None = None
    title_line: int | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    updated: datetime | None = None
    key_points: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add_authors(self, names: list[str] | tuple[str, ...]) -> None:
        self.authors.extend(n for n in names if n not in self.authors)

    def add_date(self, kind: str, when: datetime) -> None:
        if kind == "published" and self.published is None:
            self.published = when
        elif self.updated is None and when != self.published:
            self.updated = when


def same_text(a: str, b: str) -> bool:
    """Equal but for case and spacing (a headline and its repeat)."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def same_headline(a: str, b: str) -> bool:
    """A headline and its repeat, one of them perhaps with the site's name (``... | Reuters``)."""
    return any(same_text(x, b) for x in _site_forms(a)) or any(
        same_text(a, y) for y in _site_forms(b)
    )


def _site_forms(title: str) -> tuple[str, ...]:
    """The headline as given, and without a site or section name glued on with ``|`` or a dash."""
    title = title.strip()
    return (title, _SITE_SUFFIX.sub("", title), _SITE_PREFIX.sub("", title))


def _words(text: str) -> int:
    return len(text.split())


def _is_cjk_heavy(text: str) -> bool:
    return len(_CJK.findall(text)) * 3 >= len(text.strip())


def trim_footer(lines: list[Line]) -> list[Line]:
    """Cut the related-links/comments/tags block at the end, and chrome or credits after it."""
    end = len(lines)
    for i in range(len(lines) - 1, max(-1, len(lines) - _FOOTER_SCAN_LINES), -1):
        if is_footer_marker(lines[i].text):
            tail = [ln for ln in lines[i + 1 : end] if not ln.blank]
            if all(_words(ln.text) <= _FOOTER_LINE_WORDS or is_chrome(ln.text) for ln in tail):
                end = i
    while end > 0 and (
        lines[end - 1].blank
        or is_chrome(lines[end - 1].text)
        or is_credit_line(lines[end - 1].text)
    ):
        end -= 1
    return lines[:end]


def _is_trailing_junk(line: Line) -> bool:
    return line.blank or is_chrome(line.text) or is_credit_line(line.text)


def is_breadcrumb(text: str) -> bool:
    """``• World``: a short bullet before the headline (a breadcrumb or menu item)."""
    item = bullet_text(text)
    return item is not None and _words(item) <= 3 and not ends_sentence(item)


def looks_like_body(text: str) -> bool:
    """A line that reads as article text rather than a headline or a label."""
    if bullet_text(text) is not None:
        return True
    return _words(text) > 25 or (ends_sentence(text) and (_words(text) >= 8 or _is_cjk_heavy(text)))


def is_meta(text: str, *, default_tz: tzinfo) -> bool:
    """A byline or a dateline (without recording what it says)."""
    return parse_byline(text) is not None or parse_dateline(text, default_tz=default_tz) is not None


def find_headline(lines: list[Line], start: int, *, default_tz: tzinfo, found: Plain) -> int | None:
    """Index of the headline: the first line after chrome that reads as one.

    Bylines and datelines met before it are recorded in ``found``. A headline that appears
    twice wins over what comes before it; a short line (a section label such as ``World``)
    is passed over unless body text follows it. Only the top of the article is searched;
    if nothing there reads as a headline, the first line that is not chrome is taken.
    """
    nonblank = [i for i in range(start, len(lines)) if not lines[i].blank][:_HEAD_SCAN_LINES]
    first: int | None = None
    candidates = 0
    for pos, i in enumerate(nonblank):
        text = lines[i].text.strip()
        if is_chrome(text):
            continue
        candidates += 1
        if candidates > _HEAD_SCAN_CANDIDATES:
            break
        if is_breadcrumb(text) or consume_meta(text, default_tz=default_tz, found=found):
            continue
        first = i if first is None else first
        ahead = [lines[j].text.strip() for j in nonblank[pos + 1 : pos + 4]]
        if any(same_headline(t, text) for t in ahead):
            return i
        if len(ahead) >= 2 and same_headline(ahead[0], ahead[1]):
            continue  # a kicker above a repeated headline
        if _words(text) >= 4 or (_is_cjk_heavy(text) and len(text) >= 6):
            return i
        following = _next_content(lines, nonblank[pos + 1 :], default_tz=default_tz)
        if following is None or looks_like_body(following):
            return i
    return first


def _is_repeated(lines: list[Line], head: int) -> bool:
    ahead = [ln.text for ln in lines[head + 1 : head + 8] if not ln.blank][:3]
    return any(same_headline(t, lines[head].text) for t in ahead)


def _shortest_repeat(lines: list[Line], head: int) -> str:
    # "Headline | Site" in the page title, then "Headline" above the article: keep the latter.
    title = _MARKDOWN_HEADING.sub("", collapse(lines[head].text))
    for line in [ln for ln in lines[head + 1 : head + 8] if not ln.blank][:3]:
        text = collapse(line.text)
        if same_headline(text, title) and len(text) < len(title):
            title = text
    return title


def _next_content(lines: list[Line], indices: list[int], *, default_tz: tzinfo) -> str | None:
    for j in indices[:_LOOKAHEAD_LINES]:
        text = lines[j].text.strip()
        if not (is_chrome(text) or is_meta(text, default_tz=default_tz)):
            return text
    return None


def consume_meta(text: str, *, default_tz: tzinfo, found: Plain) -> bool:
    """Record a byline or dateline into ``found``; false if the line is neither."""
    byline = parse_byline(text)
    if byline is not None and not byline.bare:
        found.add_authors(byline.names)
        if byline.date_text:
            when = parse_date(byline.date_text, default_tz=default_tz)
            if when is not None:
                found.add_date("published", when)
        return True
    dates = parse_dateline(text, default_tz=default_tz)
    if dates is None:
        return False
    for kind, when in dates:
        found.add_date(kind, when)
    return True


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
            names = split_names(text)
            if names:
                found.add_authors(names)
                after_byline = True
                i += 1
                continue
        rest = _following(lines, i)
        if same_headline(text, title) or is_chrome(text):
            i += 1
            continue
        byline = parse_byline(text)
        if byline is not None and byline.bare:
            awaiting_name = True
        elif consume_meta(text, default_tz=default_tz, found=found):
            after_byline = byline is not None
        elif _KEY_POINTS_LABEL.match(text) and rest and bullet_text(rest[0]) is not None:
            pass
        elif bullet_text(text) is not None:
            i = read_key_points(lines, i, found)
            continue
        elif after_byline and is_affiliation(text):
            pass
        elif is_bare_byline(text, rest, default_tz=default_tz):
            found.add_authors(parse_bare_byline(text))
            after_byline = True
        elif is_label_above_meta(text, rest, default_tz=default_tz):
            pass
        elif is_standfirst(text, rest, found, default_tz=default_tz):
            found.paragraphs.append(collapse(text))
        else:
            break
        i += 1
    return i


def is_bare_byline(text: str, rest: list[str], *, default_tz: tzinfo) -> bool:
    """Names alone on a line (``Alistair Barr``), trusted only above a dateline.

    Several such lines in a row (one author each) may stand above the dateline.
    """
    if not parse_bare_byline(text):
        return False
    for nxt in rest:
        if parse_dateline(nxt, default_tz=default_tz):
            return True
        if not (parse_bare_byline(nxt) or is_affiliation(nxt)):
            return False
    return False


def _following(lines: list[Line], i: int, count: int = 3) -> list[str]:
    out: list[str] = []
    for line in lines[i + 1 :]:
        if not line.blank and not is_chrome(line.text):
            out.append(line.text.strip())
            if len(out) == count:
                break
    return out


def is_label_above_meta(text: str, rest: list[str], *, default_tz: tzinfo) -> bool:
    """``Guest Essay`` or ``Analysis`` above the byline: a label, not a paragraph."""
    return (
        _words(text) <= _MAX_LABEL_WORDS
        and not ends_sentence(text)
        and bool(rest)
        and is_meta(rest[0], default_tz=default_tz)
    )


def is_affiliation(text: str) -> bool:
    """``Senior Correspondent, Reuters`` or ``BBC News, Kent`` directly under a byline."""
    return (
        _words(text) <= _MAX_AFFILIATION_WORDS
        and not ends_sentence(text)
        and bullet_text(text) is None
    )


def is_standfirst(text: str, rest: list[str], found: Plain, *, default_tz: tzinfo) -> bool:
    """A paragraph in the header block with a byline or dateline right after it.

    The standfirst under the headline, or an author's one-line bio under the byline; kept
    as paragraphs, and the block goes on with the byline or dateline that follows.
    """
    if len(found.paragraphs) >= _MAX_STANDFIRSTS or _words(text) > _MAX_DEK_WORDS:
        return False
    for k, nxt in enumerate(rest):
        if is_meta(nxt, default_tz=default_tz):
            return True
        if (
            k + 1 < len(rest)
            and parse_bare_byline(nxt)
            and parse_dateline(rest[k + 1], default_tz=default_tz)
        ):
            return True
    return False


def read_key_points(lines: list[Line], i: int, found: Plain) -> int:
    """Read a run of bullets (wrapped items joined) into ``found.key_points``."""
    while i < len(lines):
        point = bullet_text(lines[i].text)
        if point is not None:
            if not is_chrome(point):  # "• Published" in a page's meta list
                found.key_points.append(point)
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


def drop_captions(lines: list[Line]) -> list[Line]:
    """Remove picture captions: a short line directly above a credit (``Jane Roe/Getty``)."""
    kept: list[Line] = []
    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if (
            nxt is not None
            and not line.blank
            and is_credit_only(nxt.text)
            and _words(line.text) <= _MAX_CAPTION_WORDS
            and bullet_text(line.text) is None
        ):
            continue
        kept.append(line)
    return kept


def is_prose(text: str) -> bool:
    """A paragraph of article text, not a headline: long, or several sentences, and ended."""
    if not ends_sentence(text):
        return False
    sentences = len(_SENTENCE_END.split(text.strip()))
    return _words(text) >= _MIN_PROSE_WORDS or (sentences >= 2 and _words(text) >= 15)


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, cut at a word if it runs long."""
    sentence = _SENTENCE_END.split(collapse(text), maxsplit=1)[0].strip()
    if len(sentence) <= _TITLE_FROM_SENTENCE_CHARS:
        return sentence
    cut = sentence[: _TITLE_FROM_SENTENCE_CHARS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def _skip_repeated_title(lines: list[Line], start: int, title: str) -> int:
    for i in range(start, len(lines)):
        text = lines[i].text.strip()
        if not text or is_chrome(text):
            continue
        return i + 1 if same_headline(text, title) else start
    return start


def read_plain(
    body: str, *, first_line: int, default_tz: tzinfo, title: str | None = None
) -> Plain:
    """Apply every rule to a plain-text body; ``first_line`` numbers the body's first line.

    ``title`` is the headline the metadata gave, if any: the body's own headline line is
    then only dropped when it repeats it.
    """
    found = Plain()
    lines = [Line(first_line + k, text.rstrip()) for k, text in enumerate(body.split("\n"))]
    lines = trim_footer(lines)
    if title is None:
        head = find_headline(lines, 0, default_tz=default_tz, found=found)
        if head is None:
            return found
        found.title_line = lines[head].number
        if is_prose(lines[head].text) and not _is_repeated(lines, head):
            # No headline line at all: an editor would title it by its first sentence.
            found.title = first_sentence(lines[head].text)
            found.warnings.append(
                f"line {found.title_line}: no headline; title taken from the first sentence"
            )
            start = head
        else:
            found.title = _shortest_repeat(lines, head)
            start = head + 1
    else:
        found.title = title
        start = _skip_repeated_title(lines, 0, title)
    lines = lines[:start] + drop_captions(lines[start:])
    start = read_header_block(lines, start, title=found.title, default_tz=default_tz, found=found)
    found.paragraphs.extend(build_paragraphs([line.text for line in lines[start:]]))
    return found
