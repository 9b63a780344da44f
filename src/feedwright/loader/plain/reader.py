"""Plain text as scrapers and translation pipelines write it, read the way an editor would.

Each rule is a small function over lines; :func:`read_plain` applies them in order: the
footer block is cut, the body (the main run of prose) is found first
(:mod:`feedwright.loader.plain.body`), the headline is the best headline-shaped line above it
(its repeat dropped), the byline/dateline/standfirst/key-point block between them is read,
and the rest becomes paragraphs (:mod:`feedwright.loader.plain.paragraphs`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timezone, tzinfo
from itertools import islice

from feedwright.loader.dates import is_date_only, parse_date
from feedwright.loader.plain.body import (
    Body,
    find_body,
    footer_start,
    is_prose_line,
    page_language,
)
from feedwright.loader.plain.byline import parse_byline
from feedwright.loader.plain.captions import is_caption
from feedwright.loader.plain.chrome import is_chrome, is_credit_line, is_footer_marker
from feedwright.loader.plain.credits import is_media_credit
from feedwright.loader.plain.headblock import is_value_label, read_header_block, scan_head_block
from feedwright.loader.plain.headline import (
    find_headline,
    first_sentence,
    headline_above,
    headline_text,
    is_headline_shaped,
    is_prose,
    is_repeated,
    past_headlines,
)
from feedwright.loader.plain.meta import consume_meta, is_meta
from feedwright.loader.plain.namedate import bare_name
from feedwright.loader.plain.paragraphs import build_paragraphs
from feedwright.loader.plain.stoplists import stopwords
from feedwright.loader.plain.textlines import (
    Line,
    Plain,
    bullet_text,
    ends_sentence,
    same_headline,
    words,
)

#: A footer block's lines are short (link titles, tags); a long line means article text.
_FOOTER_LINE_WORDS = 25
_FOOTER_SCAN_LINES = 60
_MAX_CAPTION_WORDS = 40
UTC = timezone.utc


def trim_footer(lines: list[Line]) -> list[Line]:
    """Cut the related-links/comments/tags block at the end, and chrome or credits after it.

    A footer follows an article: a marker with no sentence above it (``4 Comments`` under
    the headline of a short article) starts none.
    """
    end = len(lines)
    article_from: int | None = None  # the line after which an article has begun
    for i in range(len(lines) - 1, max(-1, len(lines) - _FOOTER_SCAN_LINES), -1):
        if not lines[i].blank and is_footer_marker(lines[i].text):
            tail = [ln for ln in lines[i + 1 : end] if not ln.blank]
            if all(words(ln.text) <= _FOOTER_LINE_WORDS or is_chrome(ln.text) for ln in tail):
                if article_from is None:
                    article_from = _first_sentence(lines)
                if i > article_from:
                    end = i
    while end > 0 and (
        lines[end - 1].blank
        or is_chrome(lines[end - 1].text)
        or is_credit_line(lines[end - 1].text)
    ):
        end -= 1
    return lines[:end]


_SENTENCE_WORDS = 6


def _first_sentence(lines: list[Line]) -> int:
    """The line of the page's first sentence of six words or more, or the page's length
    where it has none."""
    for k, line in enumerate(lines):
        if ends_sentence(line.text) and words(line.text) >= _SENTENCE_WORDS:
            return k
    return len(lines)


def drop_captions(lines: list[Line]) -> list[Line]:
    """Remove picture captions: a short line directly above a credit (``Jane Roe/Getty``)."""
    kept: list[Line] = []
    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if (
            nxt is not None
            and not line.blank
            and not nxt.blank
            and is_media_credit(nxt.text)
            and words(line.text) <= _MAX_CAPTION_WORDS
            and bullet_text(line.text) is None
            and not is_meta(line.text)  # a dateline above a credit is kept
        ):
            continue
        kept.append(line)
    return kept


def _skip_repeated_title(lines: list[Line], start: int, title: str) -> int:
    for i in range(start, len(lines)):
        text = lines[i].text.strip()
        if not text or is_chrome(text):
            continue
        return i + 1 if same_headline(text, title) else start
    return start


_KEY_POINT_WORDS = 4
_CLEAN_BLOCK_LINES = 8


def clean_body(lines: list[Line], head: int | None) -> Body | None:
    """The body of clean article text, which reading from the top gets right, else ``None``.

    Clean: the headline (if found) is headline-shaped and only chrome is above it, and under
    it, past bylines, datelines, key points and a repeat of it, the first other line is
    prose, and so is the line after that. The body runs
    from there to the end; page text, with menus above the headline or share rows under it,
    is not clean and needs :func:`~feedwright.loader.plain.body.find_body`.
    """
    nonblank = [i for i in range(len(lines)) if not lines[i].blank]
    if head is not None and not (
        is_headline_shaped(lines[head].text.strip())
        and all(is_chrome(lines[i].text) for i in nonblank[: nonblank.index(head)])
    ):
        return None
    after = nonblank.index(head) + 1 if head is not None else 0
    listing = False
    for pos in range(after, min(after + _CLEAN_BLOCK_LINES, len(nonblank))):
        i = nonblank[pos]
        if listing and lines[i].text[:1].isspace():
            continue  # a wrapped key point
        text = lines[i].text.strip()
        item = bullet_text(text)
        listing = item is not None
        if item is not None and words(item) < _KEY_POINT_WORDS:
            return None  # a menu, not key points
        if not listing and is_prose_line(text):
            following = nonblank[pos + 1 : pos + 2]
            if all(is_prose_line(lines[k].text) for k in following):
                return Body(i, i + 1)
            return None  # a standfirst or a caption above something else
        if not (
            listing or (head is not None and same_headline(text, lines[head].text)) or is_meta(text)
        ):
            return None
    return None


def first_prose(lines: list[Line]) -> Body | None:
    """The first line that reads as a sentence, as a body of its own, or ``None``.

    For a page where neither reading from the top nor the body search found anything (a
    short article among more menu lines than the headline search reads): its prose is
    still an article, never skipped.
    """
    for i, line in enumerate(lines):
        if not line.blank and is_prose_line(line.text):
            return Body(i, i + 1)
    return None


def _keep_headline(cut: int, head: int | None) -> int:
    """Where to cut the footer off: at ``cut``, but never above the headline line found."""
    return cut if head is None else max(cut, head + 1)


def read_plain(
    body: str, *, first_line: int, default_tz: tzinfo, title: str | None = None
) -> Plain:
    """Apply every rule to a plain-text body; ``first_line`` numbers the body's first line.

    ``title`` is the headline the metadata gave, if any: the body's own headline line is
    then only dropped when it repeats it.
    """
    found = Plain()
    page = [Line(first_line + k, text.rstrip()) for k, text in enumerate(body.split("\n"))]
    lines = trim_footer(page)
    head = find_headline(lines, 0, default_tz=default_tz, found=found) if title is None else None
    lines, region, stop = _place_body(lines, head)
    footer = page[len(lines) :]  # each step above keeps a prefix of the page
    if title is None:
        headline = _read_headline(
            lines, head, region, stop=stop, default_tz=default_tz, found=found
        )
        if headline is None:
            return found
        title, start = headline
    else:
        start = _skip_repeated_title(lines, 0, title)
    found.title = title
    # The headline was looked for above the region; the body may begin further down.
    body_line = (
        lines[past_lead_meta(lines, region.start, region.end)].number
        if region is not None
        else None
    )
    lines = lines[:start] + drop_captions(lines[start:])
    start = read_header_block(lines, start, title=title, default_tz=default_tz, found=found)
    if body_line is not None:
        head_line = found.title_line if found.title_line is not None else body_line
        start = scan_head_block(lines, start, body_line, default_tz=default_tz, found=found)
        found.lead = len(found.paragraphs)  # the standfirst: the body begins under it
        if found.published is None:
            date_nearby(lines, head_line, body_line, default_tz=default_tz, found=found)
    body_lines = [line.text for line in lines[start:] if not is_caption(line.text)]
    found.paragraphs.extend(build_paragraphs(body_lines))
    if not found.authors or (found.published is None and found.updated is None):
        # What the head did not say, the article's foot may.
        foot = _foot_lines(lines[start:], footer)
        if not found.authors:
            byline_below(foot, found=found)
        if found.published is None and found.updated is None:
            date_below(foot, default_tz=default_tz, found=found)
        if not found.authors and found.title_line is not None:
            signed_twice(lines[:start], [*lines[start:], *footer], found=found)
        if not found.authors:
            bio_below(foot, found=found)
    published_from_updated(found)
    return found


_BYLINE_BELOW_LINES = 8
_SIGNATURE_LINES = 8
_LONGEST_SIGNATURE = 120
_ABOUT_AUTHOR = re.compile(r"^(?:about the author|über den autor|à propos de l'auteur)\s*:?$", re.I)
# "Story published on Oct 5, 2022.": a post's date at its foot.
_PUBLISHED_AT_FOOT = re.compile(
    r"^(?:[^\W\d_]+ ){0,3}?(?:published|posted)(?: on)?\s*:?\s+(?P<date>\S.{4,60}?)\.?$",
    re.IGNORECASE,
)
# "Written on Feb 24 by" over the name: a label that ends with "by".
_ENDS_WITH_BY = re.compile(r"^(?:written|posted|published|story)\b[^.!?]{0,40}\sby$", re.I)


#: The last lines of an article's body and the first under it (non-blank, stripped).
Foot = tuple[list[str], list[str]]


def _foot_lines(body: list[Line], footer: list[Line]) -> Foot:
    """The :data:`Foot` of the ``body`` over ``footer``."""
    last = islice((ln.text.strip() for ln in reversed(body) if not ln.blank), _SIGNATURE_LINES)
    below = islice((ln.text.strip() for ln in footer if not ln.blank), _BYLINE_BELOW_LINES)
    return list(last)[::-1], list(below)


def byline_below(foot: Foot, *, found: Plain) -> None:
    """Where the head block named no one: a byline that signs the article at its foot
    (``written by Jane Roe``; ``Written on Feb 24 by`` over the name; ``About the author``
    over it), in the last lines of the body or the first under it, before any list of
    other stories and their bylines."""
    for text, after, others in _foot(foot):
        if _ABOUT_AUTHOR.match(text) or _ENDS_WITH_BY.match(text):
            found.add_authors(bare_name(after))
            return
        if others:
            continue  # other stories, with their own bylines
        byline = parse_byline(text)
        if byline is not None and byline.names and not byline.bare:
            found.add_authors(list(byline.names))
            return


def bio_below(foot: Foot, *, found: Plain) -> None:
    """Where no byline was read anywhere: the note about the author that closes many
    articles (``Jane Roe is a staff writer at The Daily.``, ``Jane Roe is on Twitter at
    ...``), in the last lines of the body or the first under it."""
    for text in [*foot[0], *foot[1]]:
        # The name is at most four words: "is" or "was" comes early, or it is no such note.
        early = text[:_BIO_VERB_WITHIN]
        if len(text) > _LONGEST_BIO or (" is " not in early and " was " not in early):
            continue
        match = _BIO_LINE.match(text)
        if match and _BIO_AFTER_NAME.match(match["rest"]):
            names = bare_name(match["name"])
            if len(names) == 1:
                found.add_authors(names)
                return


def date_below(foot: Foot, *, default_tz: tzinfo, found: Plain) -> None:
    """Where no date was read: the one a post gives at its foot (``Story published on Oct
    5, 2022.``, ``Posted on 3 Oct 2016``), where :func:`byline_below` looks for a byline."""
    for text, _, others in _foot(foot):
        match = None if others else _PUBLISHED_AT_FOOT.match(text)
        if match and is_date_only(match["date"]):
            when = parse_date(match["date"], default_tz=default_tz)
            if when is not None:
                found.add_date("published", when)
                return


def _foot(foot: Foot) -> Iterator[tuple[str, str, bool]]:
    """The short lines of an article's foot, each with the line under it: the last lines
    of the body, then the first under it. The third value says the line begins a list of
    other stories (a footer marker, a bullet): the lines after it in its part are not
    given."""
    for texts in foot:
        for k, text in enumerate(texts):
            if len(text) > _LONGEST_SIGNATURE:
                continue  # a paragraph of the article, or of a story under it
            after = texts[k + 1] if k + 1 < len(texts) else ""
            others = is_footer_marker(text) or bullet_text(text) is not None
            yield text, after, others
            if others:
                break


_LONGEST_BIO = 400
_BIO_VERB_WITHIN = 100
# "Jane Roe (she/her) is a staff writer ...": a name of two to four words, then the rest.
_BIO_LINE = re.compile(
    r"^(?P<name>(?:[^\W\d_][\w'’.-]* ){1,3}[^\W\d_][\w'’-]*)(?: \([^()]{1,20}\))? "
    r"(?P<rest>(?:is|was) .+)$"
)
_NAME_LINES_ABOVE = 6
_NAME_LINES_INTO_BODY = 3
_AUTHOR_LABEL = re.compile(
    r"^(?:(?:about )?the author|author|written by|autor|autorin|auteur|auteure)\s*:?$",
    re.IGNORECASE,
)
# The line under an author's name in a box about them.
_ABOUT_THEM = re.compile(
    r"^(?:(?:she|he|they) (?:is|was|are|were|writes|covers|has)\b|"
    r"(?:the|die|der|l['’]) ?(?:author|autorin|autor|auteure?)\b)",
    re.IGNORECASE,
)
_LONGEST_NAME_LINE = 60
# What follows the name where an article signs off: "Jane Roe is a staff writer at ...".
_BIO_AFTER_NAME = re.compile(
    r"^(?:is|was)\s+(?:(?:a|an|the)\b.{0,80}?\b(?:writer|reporter|editor|journalist|"
    r"correspondent|contributor|columnist|author|producer|critic|commentator)\b|"
    r"on (?:twitter|x|mastodon|bluesky)\b)",
    re.IGNORECASE,
)


def signed_twice(head: list[Line], below: list[Line], *, found: Plain) -> None:
    """Where no byline was read: a line of names alone near the headline (a few lines over
    it, between it and the body, or under the standfirst) is the author when the page
    introduces the same person below the body's start: ``Jane Roe is a staff writer at
    ...``, or the name alone under an ``Author`` label or over a line about them (``She
    covers ...``, ``Die Autorin ist ...``). A name alone near a headline may as well be a
    topic (``Donald Trump``) or a repeated label (``Full Screen``): the introduction tells
    them apart."""
    nonblank = [ln for ln in head if not ln.blank]
    top = next((k for k, ln in enumerate(nonblank) if ln.number == found.title_line), None)
    if top is None:
        return
    opening = list(islice((ln for ln in below if not ln.blank), _NAME_LINES_INTO_BODY))
    later: list[str] | None = None  # made only once a name is found: most pages have none
    for line in [*nonblank[max(0, top - _NAME_LINES_ABOVE) :], *opening]:
        text = line.text.strip()
        if line.number == found.title_line or len(text) > _LONGEST_NAME_LINE or is_chrome(text):
            continue
        names = bare_name(text)
        if not names:
            continue
        if later is None:
            later = [ln.text.strip() for ln in below if not ln.blank]
        if _introduced(later, names[0]):
            found.add_authors(names)
            if line in opening and text in found.paragraphs:
                found.paragraphs.remove(text)  # a byline, not a paragraph of the body
            return


def _introduced(texts: list[str], name: str) -> bool:
    """``texts`` introduce ``name``: ``Jane Roe is a staff writer ...`` on one line, or
    the name alone under an ``Author`` label or over a line about the person."""
    for k, text in enumerate(texts):
        if not text.startswith(name):
            continue
        rest = text[len(name) :].strip()
        if rest:
            if _BIO_AFTER_NAME.match(rest):
                return True
            continue
        above = texts[k - 1] if k else ""
        under = texts[k + 1] if k + 1 < len(texts) else ""
        if _AUTHOR_LABEL.match(above) or _ABOUT_THEM.match(under):
            return True
    return False


_NEARBY_LINES = 20
_LONGEST_NEARBY_DATELINE = 160


def date_nearby(
    lines: list[Line], head_line: int, body_line: int, *, default_tz: tzinfo, found: Plain
) -> None:
    """When the head block gave no date: the first dateline near it, up to twenty lines
    above the headline or into the body (a byline set over a kicker, or under the lead
    picture). Only whole lines that are a date or a byline with one are read, and only
    their date is taken; dates in the text's sentences never are."""
    nonblank = [k for k, line in enumerate(lines) if not line.blank]
    top = next((p for p, k in enumerate(nonblank) if lines[k].number >= head_line), 0)
    body = next((p for p, k in enumerate(nonblank) if lines[k].number >= body_line), top)
    for k in nonblank[max(0, top - _NEARBY_LINES) : body + _NEARBY_LINES]:
        text = lines[k].text.strip()
        if len(text) > _LONGEST_NEARBY_DATELINE or not is_meta(text):
            continue
        seen = Plain()
        if consume_meta(text, default_tz=default_tz, found=seen) and seen.published is not None:
            found.add_date("published", seen.published)
            return


def _place_body(
    lines: list[Line], head: int | None
) -> tuple[list[Line], Body | None, frozenset[str]]:
    """The lines without their footer, the body of page text (``None`` for clean text, which
    reads from the top) and the stopwords of the page's language (none for clean text)."""
    clean = clean_body(lines, head)
    if clean is not None:
        # Clean text: the top-down reading stands; only the footer is looked for.
        return lines[: _keep_headline(footer_start(lines, clean), head)], None, frozenset()
    stop = stopwords(page_language(lines))
    region = find_body(lines, stop=stop)
    if region is None and head is None:
        region = first_prose(lines)
    if region is None:
        return lines, None, stop
    lines = lines[: _keep_headline(footer_start(lines, region), head)]
    return lines, Body(past_headlines(lines, region.start, region.end), region.end), stop


_LEAD_META_LINES = 12
_MOST_LINES_ABOVE_META = 2


def past_lead_meta(lines: list[Line], start: int, end: int) -> int:
    """Where the body found at ``start`` begins when its first lines are a standfirst (and
    perhaps the lead picture's caption) with the byline or dateline under them (``Author:``
    / name / ``Published:`` / date): under those.

    A standfirst or a caption long enough to read as prose opens the region the body search
    finds, and the byline block under it would otherwise be read as the article's first
    paragraphs. At most two lines other than chrome may stand above the block, and prose
    must follow it.
    """
    nonblank = list(islice((k for k in range(start, end) if not lines[k].blank), _LEAD_META_LINES))
    pos, seen, above = 0, False, 0
    while pos < len(nonblank):
        text = lines[nonblank[pos]].text.strip()
        if is_value_label(text) and pos + 1 < len(nonblank):
            seen = True
            pos += 1  # its value, on the next line
        elif is_meta(text):
            seen = True
        elif not is_chrome(text):
            if seen or above == _MOST_LINES_ABOVE_META:
                break
            above += 1
        pos += 1
    if not seen or pos >= len(nonblank) or not is_prose_line(lines[nonblank[pos]].text):
        return start
    return nonblank[pos]


def _read_headline(
    lines: list[Line],
    head: int | None,
    region: Body | None,
    *,
    stop: frozenset[str],
    default_tz: tzinfo,
    found: Plain,
) -> tuple[str, int] | None:
    """The headline (``head`` read from the top, or the best line above the body) and the
    index where the text under it starts; ``None`` when there is no headline."""
    above = None
    if region is not None:
        # The body found first, the headline is the best line above it.
        above = headline_above(lines, region.start, default_tz=default_tz, top_down=head, stop=stop)
        if above is not None:
            head = above
            read_meta_above(lines, above, default_tz=default_tz, found=found)
        elif head is None:
            # Nothing headline-shaped above the body (a page of menus, more of them than
            # the top-down search reads): the body is there, so it is titled like text
            # without a headline, by its first sentence, never skipped.
            head = region.start
    if head is None:
        return None
    found.title_line = lines[head].number
    if above is None and is_prose(lines[head].text) and not is_repeated(lines, head):
        # No headline line at all: an editor would title it by its first sentence.
        found.warnings.append(
            f"line {found.title_line}: no headline; title taken from the first sentence"
        )
        return first_sentence(lines[head].text), head
    return headline_text(lines, head), head + 1


_META_ABOVE_LINES = 2


def read_meta_above(lines: list[Line], head: int, *, default_tz: tzinfo, found: Plain) -> None:
    """Record the dateline or byline set directly above the headline (``March 3, 2024`` over
    it, where a kicker might stand): at most two lines, chrome passed over, none other."""
    seen = 0
    for k in range(head - 1, -1, -1):
        text = lines[k].text.strip()
        if not text or is_chrome(text):
            continue
        if seen == _META_ABOVE_LINES or not consume_meta(text, default_tz=default_tz, found=found):
            return
        seen += 1


def published_from_updated(found: Plain) -> None:
    """A page that shows only when it was updated (``Updated 7:05 AM, March 2, 2021``) was
    published then, as far as it tells: the earliest date it gives."""
    if found.published is None and found.updated is not None:
        found.published = found.updated
