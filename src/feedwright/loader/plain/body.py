"""Finding the body first: the main run of prose lines in page text.

Each non-blank line is classed the way jusText classes a paragraph (its length and the
share of its words that are stopwords of the page's language), with page chrome and
sentence-less lines against it. Good lines close to each other form a run; the run with the
most good text is the body. Its edges are then widened over the short prose lines next to it
(a one-sentence first paragraph), so only lines that do not read as prose are left outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timezone

from feedwright.loader.language import detect_language
from feedwright.loader.plain.captions import is_caption
from feedwright.loader.plain.chrome import is_ad_slot, is_chrome, is_footer_marker
from feedwright.loader.plain.meta import is_meta
from feedwright.loader.plain.stoplists import stopwords
from feedwright.loader.plain.textlines import (
    TERMINAL,
    Line,
    bullet_text,
    ends_sentence,
    is_cjk_heavy,
    tokens,
    words,
)

BAD, SHORT, NEAR, GOOD = range(4)
# jusText's defaults (length in characters, stopword density).
_LENGTH_LOW = 70
_LENGTH_HIGH = 200
_STOPWORDS_LOW = 0.30
_STOPWORDS_HIGH = 0.32
# Within an article a few lines of chrome (an ad, a caption, a share row) may stand
# between two paragraphs: each costs about a tenth of a short paragraph.
_LINE_COST = -30
_BOILERPLATE_RUN = 3
_LINK_WORDS = 12
_AFTER_FOOTER_SHARE = 4
_LONGEST_META = 160
_LONGEST_FOOTER_MARKER = 80
# Less than two short lines of prose: what no article is.
_NEXT_TO_NOTHING = 2 * _LENGTH_LOW
_MIN_PROSE_WORDS = 6
_MIN_SENTENCE_WORDS = 3
_SAMPLE_LINES = 8
UTC = timezone.utc


@dataclass(frozen=True)
class Body:
    """Where the body is: ``start`` is its first line, ``end`` the line after its last."""

    start: int
    end: int


def classify(text: str, stop: frozenset[str]) -> int:
    """A line's class before its neighbours are seen: ``GOOD``, ``NEAR``, ``SHORT``, ``BAD``.

    A short line is ``SHORT`` whatever it says (chrome or not, it costs a body run about
    the same); only a long line is asked whether it is chrome, a credit or a byline.
    """
    text = text.strip()
    if len(text) < _LENGTH_LOW:
        return SHORT
    item = bullet_text(text)
    if item is not None:
        text = item
    if not stop or is_cjk_heavy(text):
        kind = GOOD if ends_sentence(text) else NEAR
    else:
        split = tokens(text)
        density = sum(map(stop.__contains__, split)) / len(split) if split else 0.0
        if density >= _STOPWORDS_HIGH:
            kind = GOOD if len(text) > _LENGTH_HIGH or ends_sentence(text) else NEAR
        else:
            kind = NEAR if density >= _STOPWORDS_LOW else BAD
    if kind != BAD and _is_chrome_like(text):
        return BAD
    return kind


def _is_chrome_like(text: str) -> bool:
    # is_chrome holds the credit rules; bylines and datelines are short and end no sentence.
    return (
        is_chrome(text)
        or is_caption(text)
        or (len(text) <= _LONGEST_META and not ends_sentence(text) and is_meta(text))
    )


def is_prose_line(text: str) -> bool:
    """A short line that still reads as a sentence of the article, not a label or a caption."""
    text = text.strip()
    return (
        ends_sentence(text)
        and not text.endswith(":")
        and (_is_sentence(text) or is_cjk_heavy(text))
        and bullet_text(text) is None
        and not is_chrome(text)
        and not is_caption(text)
    )


def _is_sentence(text: str) -> bool:
    """Six words or more, or a short sentence: a capital, words, a full stop (``It fell.``)."""
    count = words(text)
    return count >= _MIN_PROSE_WORDS or (
        count >= _MIN_SENTENCE_WORDS and text[:1].isupper() and text.endswith((".", "!", "?"))
    )


def page_language(lines: list[Line]) -> str | None:
    """The language of the longest lines (the article's, not the menu's)."""
    longest = sorted((ln.text for ln in lines if len(ln.text) > _LENGTH_LOW), key=len)
    return detect_language("\n".join(longest[-_SAMPLE_LINES:]))


def find_body(lines: list[Line], *, stop: frozenset[str] | None = None) -> Body | None:
    """The main prose region of ``lines``, or ``None`` when no line reads as prose.

    The region is the run of lines with the greatest worth (see :func:`_worth`; the most
    valuable stretch, as Kadane finds it). A footer marker ends every run, and prose after
    one counts a quarter: teasers under ``Most popular`` must not outweigh a short article.
    """
    if stop is None:
        stop = stopwords(page_language(lines))
    worths = [(i, _worth(line.text, stop)) for i, line in enumerate(lines) if not line.blank]
    best = _best_run(worths, footers=True)
    if best[0] < _NEXT_TO_NOTHING:
        # Next to nothing before the first footer marker, and a quarter of what follows no
        # match for it: the marker was a menu's ("• Trending" over the article).
        best = max(best, _best_run(worths, footers=False))
    if best[1] < 0 or best[0] < _LENGTH_LOW:
        return None
    return Body(_widen_up(lines, best[1]), _widen_down(lines, best[2]) + 1)


def _best_run(worths: list[tuple[int, int | None]], *, footers: bool) -> tuple[int, int, int]:
    """``(worth, first, last)`` of the run of lines with the greatest worth (Kadane), given
    each non-blank line's index and worth; with ``footers``, a footer marker (``None``) ends
    every run and what follows counts a quarter, else it is a line like any other."""
    best = (0, -1, -1)
    total, first = 0, -1
    share = 1
    for i, worth in worths:
        if worth is None and not footers:
            worth = _LINE_COST
        if worth is None:
            total, first = 0, -1
            share = _AFTER_FOOTER_SHARE
            continue
        if worth > 0:
            worth //= share
        if total <= 0:
            if worth <= 0:
                continue
            total, first = 0, i
        total += worth
        if total > best[0]:
            best = (total, first, i)
    return best


def _worth(text: str, stop: frozenset[str]) -> int | None:
    """What a line adds to a body run; ``None`` for a footer marker, which ends any run.

    A good line is worth its length, a near-good or a short prose line half of it; any
    other line costs as much as a short sentence.
    """
    stripped = text.strip()
    if len(text) <= _LONGEST_FOOTER_MARKER and is_footer_marker(stripped):
        return None
    if len(stripped) < _LENGTH_LOW and not stripped.endswith(TERMINAL):
        return _LINE_COST  # SHORT, and no prose line: most lines of a page's menus
    kind = classify(stripped, stop)
    if kind == GOOD:
        return len(text)
    if kind == NEAR or (kind == SHORT and is_prose_line(stripped)):
        return len(text) // 2
    return _LINE_COST


def _continues(text: str) -> bool:
    """Starts in lower case: the rest of a wrapped or interrupted sentence."""
    return text.lstrip()[:1].islower()


def _unfinished(text: str) -> bool:
    """A line of words that stops mid-sentence (a wrapped line, or one an ad cut)."""
    return (
        not ends_sentence(text)
        and words(text) >= 3
        and bullet_text(text) is None
        and not is_chrome(text)
    )


def _widen_up(lines: list[Line], start: int) -> int:
    """Take in the prose lines above ``start``, and the beginning of a sentence it continues.

    A hard-wrapped paragraph is judged whole: its last line alone may be a single word.
    """
    i = start
    k = start - 1
    while k >= 0:
        line = lines[k]
        if (
            line.blank
            or is_ad_slot(line.text)
            or (_continues(lines[i].text) and is_chrome(line.text))
        ):
            k -= 1
            continue
        top = _wrapped_block_top(lines, k)
        text = " ".join(ln.text.strip() for ln in lines[top : k + 1])
        if not (is_prose_line(text) or (_continues(lines[i].text) and _unfinished(text))):
            break
        i = top
        k = top - 1
    return i


def _wrapped_block_top(lines: list[Line], k: int) -> int:
    """The first line of the hard-wrapped paragraph ending at ``k`` (``k`` if it is not one)."""
    top = k
    while top > 0 and not lines[top - 1].blank and _unfinished(lines[top - 1].text):
        if words(lines[top - 1].text) < _MIN_PROSE_WORDS:
            break
        top -= 1
    return top


def _widen_down(lines: list[Line], end: int) -> int:
    """Take in the prose lines below ``end``, and the rest of a sentence it leaves open."""
    i = end
    for k in range(end + 1, len(lines)):
        line = lines[k]
        if line.blank or (_unfinished(lines[i].text) and is_chrome(line.text)):
            continue
        if not (is_prose_line(line.text) or (_unfinished(lines[i].text) and _continues(line.text))):
            break
        i = k
    return i


def footer_start(lines: list[Line], body: Body) -> int:
    """Where the footer begins: the first footer marker or boilerplate run after the body.

    A boilerplate run is three lines or more of a few words each, without a sentence end,
    that are neither known chrome nor a byline or date (a list of links, tags or names;
    dates among them neither count nor break it), unless a line ending with ``:`` introduced
    it (a list the article gives). Known chrome is dropped line by line later, and prose
    after a line or two of it is kept (a paragraph after a video player).
    """
    run_start: int | None = None
    run = 0
    listed = False  # in a list that a line ending with ":" introduced
    for k in range(body.end, len(lines)):
        line = lines[k].text
        text = line.strip()
        if not text:
            continue
        if len(text) <= _LONGEST_FOOTER_MARKER and is_footer_marker(text):
            return k
        if line[:1].isspace() and bullet_text(line) is None:
            continue  # the wrapped rest of a line: neither ends nor makes a run
        item = bullet_text(text) or text
        if ends_sentence(item) or words(item) > _LINK_WORDS or is_chrome(text):
            # A sentence (or a label dropped anyway) ends a run; a list after ":" is kept.
            run_start, run = None, 0
            listed = text.endswith(":")
            continue
        if listed or (len(item) <= _LONGEST_META and is_meta(item)):
            continue  # a date among links neither counts nor breaks the run
        if run_start is None:
            run_start = k
        run += 1
        if run >= _BOILERPLATE_RUN:
            return run_start
    return len(lines)
