"""Finding the headline: the first line after the page chrome that reads as one."""

from __future__ import annotations

import re
from collections import Counter
from datetime import tzinfo
from functools import lru_cache

from feedwright.loader.plain.byline import parse_bare_byline
from feedwright.loader.plain.captions import is_caption
from feedwright.loader.plain.chrome import is_chrome
from feedwright.loader.plain.echo import Opening, echo, opening
from feedwright.loader.plain.meta import consume_meta, is_meta
from feedwright.loader.plain.textlines import (
    WIDE_GAP,
    Line,
    Plain,
    bullet_text,
    collapse,
    compared,
    compared_site_forms,
    ends_sentence,
    is_cjk_heavy,
    same_headline,
    tokens,
    words,
)

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")
# The headline is near the top: menus may run to hundreds of lines, but past a few dozen
# lines that are not chrome the article has begun (and the search stays linear).
_HEAD_SCAN_LINES = 600
_HEAD_SCAN_CANDIDATES = 40
_LOOKAHEAD_LINES = 12
_MIN_PROSE_WORDS = 25
_TITLE_FROM_SENTENCE_CHARS = 160
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"”’»]?\s+(?=[\"“‘«(]?[^\W\d_])|(?<=[。！？])")


def is_breadcrumb(text: str) -> bool:
    """``• World``: a short bullet before the headline (a breadcrumb or menu item)."""
    item = bullet_text(text)
    return item is not None and words(item) <= 3 and not ends_sentence(item)


# "... Underneath N.Y.C.", "... to the U.S.": a headline may end with an initialism's stop.
_INITIALISM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def ends_as_sentence(text: str) -> bool:
    """The line ends as a sentence does, not with an initialism's full stop."""
    text = text.rstrip()
    return ends_sentence(text) and not _INITIALISM_END.search(text)


def looks_like_body(text: str) -> bool:
    """A line that reads as article text rather than a headline or a label."""
    if bullet_text(text) is not None:
        return True
    return words(text) > 25 or (ends_as_sentence(text) and (words(text) >= 8 or is_cjk_heavy(text)))


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
        if text.endswith(_NOT_A_HEADLINE_END):
            continue  # "Alex Roe/", "Related:": a credit or a label, not a headline
        ahead = [lines[j].text.strip() for j in nonblank[pos + 1 : pos + 4]]
        if any(same_headline(t, text) for t in ahead):
            return i
        if len(ahead) >= 2 and same_headline(ahead[0], ahead[1]) and _headline_shape(ahead[0]):
            continue  # a kicker above a repeated headline (a paragraph said twice is none)
        if words(text) >= 4 or (is_cjk_heavy(text) and len(text) >= 6):
            return i
        following = _next_content(lines, nonblank[pos + 1 :])
        if following is None or (looks_like_body(following) and not is_exclaimed(following)):
            return i
    return first


def is_repeated(lines: list[Line], head: int) -> bool:
    """The headline at ``head`` appears again in the next few lines."""
    ahead = [ln.text for ln in lines[head + 1 : head + 8] if not ln.blank][:3]
    return any(same_headline(t, lines[head].text) for t in ahead)


def headline_text(lines: list[Line], head: int) -> str:
    """The headline at ``head`` as an editor writes it: no ``#`` marks, no site name.

    ``Headline | Site`` in the page title, then ``Headline`` above the article: the latter.
    """
    title = _MARKDOWN_HEADING.sub("", collapse(lines[head].text))
    for line in [ln for ln in lines[head + 1 : head + 8] if not ln.blank][:3]:
        text = collapse(line.text)
        if same_headline(text, title) and len(text) < len(title):
            title = text
    return title


def is_exclaimed(text: str) -> bool:
    """``Take a tour inside the star's retreat — it's for sale!``: a headline that ends with
    ``!`` or ``?``, one sentence of at most twenty words, which only its end makes read as
    text (a short line over it is its kicker)."""
    text = text.strip()
    return (
        text.endswith(("!", "?"))
        and words(text) <= _MAX_HEADLINE_WORDS
        and len(_SENTENCE_END.split(text)) == 1
        and _headline_shape(collapse(text))
    )


def _next_content(lines: list[Line], indices: list[int]) -> str | None:
    for j in indices[:_LOOKAHEAD_LINES]:
        text = lines[j].text.strip()
        if not (is_chrome(text) or is_meta(text)):
            return text
    return None


def is_prose(text: str) -> bool:
    """A paragraph of article text, not a headline: long, or several sentences, and ended."""
    if not ends_sentence(text):
        return False
    sentences = len(_SENTENCE_END.split(text.strip()))
    return words(text) >= _MIN_PROSE_WORDS or (sentences >= 2 and words(text) >= 15)


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, cut at a word if it runs long."""
    sentence = _SENTENCE_END.split(collapse(text), maxsplit=1)[0].strip()
    if len(sentence) <= _TITLE_FROM_SENTENCE_CHARS:
        return sentence
    cut = sentence[: _TITLE_FROM_SENTENCE_CHARS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


_HEAD_WINDOW = 30
_TOP_DOWN_BONUS = 1
_DECK_PENALTY = 3
_MIN_HEADLINE_WORDS = 4
_MAX_HEADLINE_WORDS = 20
_LINK_WORDS = 10
_LONGEST_META = 160
# Whatever is not a letter (``[^\W\d_]``), a run at a time: removing the runs counts the
# letters without making a list of each of them.
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_BY_START = re.compile(r"^\W{0,3}(?:by|von|par|por|di|door|av)\s+\w", re.IGNORECASE)
_NOT_A_HEADLINE_END = (":", "›", "»", ">", "|", "/", "—", "–", "-", ",")
_BREADCRUMB = re.compile(r"\s(?:[›>/»]|>>)\s|^\d{1,2}\.\s|^\[")
# "Portrait by Jane Roe", "Edited by Jane Roe": a credit (a word or two, then by and a name;
# "Gadgets Powered by Acme Voice" is a headline); "... is sponsored by": a label (a title-case
# headline may end with its preposition: "5 Films To Cry To").
_CREDIT_BY = re.compile(
    r"^(?:\S+\s+){1,2}by(?:\s+[A-Z][\w.'’-]*){1,4}$|\s(?-i:by|of|the|and|to|for)$", re.I
)
# A line that opens with what a page's controls say, not with what a headline says.
_UI_START = re.compile(
    r"^(?:share|follow|sign|log|skip|subscribe|accept|please|click|tap|download|gallery|"
    r"continue reading|"
    r"credit|photo|image|published|updated|posted|tagged|filed|change|suivre|partager|"
    r"teilen|compartir)\b",
    re.IGNORECASE,
)


def is_headline_shaped(text: str) -> bool:
    """Could be a headline: a few words, not a label, date, bullet, byline, credit or crumb."""
    return _headline_shape(text) and not is_meta(text)


# The window above a body is read line by line, and again for the line over each candidate
# (is_deck_under) and for the body's top (past_headlines): a line's shape is found once.
@lru_cache(maxsize=1024)
def _headline_shape(text: str) -> bool:
    # Cheapest first: the window above a body is mostly menu bullets and short labels.
    if is_cjk_heavy(text):
        if not 6 <= len(text) <= 80:
            return False
    elif not 2 <= words(text) <= 30:
        return False
    if bullet_text(text) is not None:
        return False
    if text.endswith(_NOT_A_HEADLINE_END) or text.isupper() or starts_in_lower_case(text):
        return False
    if _UI_START.match(text) or _BY_START.match(text):
        return False
    if _BREADCRUMB.search(text) or _CREDIT_BY.search(text) or is_run_together(text):
        return False
    if is_caption(text):
        return False
    letters = len(_NOT_LETTERS.sub("", text))
    return letters * 2 >= len(text.replace(" ", "")) and not is_chrome(text)


_RUN_TOGETHER = re.compile(r"[A-Z][a-z]{3,}(?=[A-Z])")
_MAX_GLUES = 2


def is_run_together(text: str) -> bool:
    """``NewsEconomyYour Money, Your AmericaDavos``: menu items run together, three joins or
    more (a word of four letters or more running into a capital: ``JavaScript`` is one)."""
    return len(_RUN_TOGETHER.findall(text)) > _MAX_GLUES


def starts_in_lower_case(text: str) -> bool:
    """``see more from Travel``, ``on Mar 27``: a link or the rest of a line, not a headline
    (``iPhone sales rise`` and ``eBay ...`` start with a name)."""
    return text[:1].islower() and not text[1:2].isupper()


def headline_above(
    lines: list[Line],
    body: int,
    *,
    default_tz: tzinfo,
    top_down: int | None = None,
    stop: frozenset[str] = frozenset(),
) -> int | None:
    """The best headline-shaped line above the body that starts at ``body``.

    Evidence for a line: it is what reading from the top found (``top_down``), a byline or
    dateline stands under it or between it and the body, it is repeated (the page title and
    the heading), it has a headline's length, the body's opening repeats its words
    (:func:`echo`; ``stop`` holds the page language's stopwords, which do not count);
    against it: it ends with a full stop, it is a name alone, it is one of a run of short
    lines (a menu), and its distance from the body.
    """
    window = [i for i in range(body - 1, -1, -1) if not lines[i].blank][:_HEAD_WINDOW]
    texts = [collapse(lines[i].text) for i in window]
    near = _Near(lines, window, texts, default_tz, opening(lines, body), stop)
    best: tuple[float, int] | None = None
    for distance, i in enumerate(window):
        text = texts[distance]
        if (
            not _headline_shape(text)
            or near.meta.at(i)
            or near.is_crumb(distance)
            or is_gap_row(lines[i].text)
            or is_word_menu(text, stop)
        ):
            continue
        score = -0.1 * distance + _own_evidence(text) + near.evidence(distance)
        if i == top_down:
            score += _TOP_DOWN_BONUS
        if best is None or score > best[0]:
            best = (score, i)
    return None if best is None else best[1]


def _own_evidence(text: str) -> float:
    """What a line's own shape says: a headline's length for it; a full stop or a name
    alone against it."""
    score = 0.0
    if text.endswith(".") and ends_as_sentence(text):
        score -= 3
    if words(text) >= _MIN_HEADLINE_WORDS or is_cjk_heavy(text):
        score += 1.5
    if words(text) <= _MIN_HEADLINE_WORDS and parse_bare_byline(text):
        score -= 3
    return score


# The body echoing half a line's words is full evidence: a headline's other words are its
# own turns of phrase.
_ECHO_WEIGHT = 3.0
_ECHO_SATURATION = 2.0
_UNDER_BYLINE_PENALTY = 3.0


class _Near:
    """The lines above a body, asked what they say of each candidate headline among them:
    ``window`` holds their indices nearest first, ``texts`` their collapsed texts."""

    def __init__(
        self,
        lines: list[Line],
        window: list[int],
        texts: list[str],
        default_tz: tzinfo,
        opening: Opening,
        stop: frozenset[str],
    ) -> None:
        self.lines, self.window, self.texts = lines, window, texts
        self.meta = _MetaLines(lines, default_tz)
        self.repeated = _Repeats(texts)
        #: How far above the body the farthest ``By ...`` line stands (-1: none).
        self.byline_reach = max(
            (d for d, text in enumerate(texts) if _BY_START.match(text)), default=-1
        )
        self.opening, self.stop = opening, stop

    def echoes(self, text: str) -> float:
        return echo(text, self.opening, self.stop)

    def evidence(self, distance: int) -> float:
        """A byline or dateline under it or between it and the body, a repeat, and the
        body's echo of its words for it; in a menu, or a deck under a headline, against it."""
        i = self.window[distance]
        echoed = self.echoes(self.texts[distance])
        score = _ECHO_WEIGHT * min(1.0, echoed * _ECHO_SATURATION)
        if _in_link_run(self.lines, i, self.meta):
            score -= 2.5
        if any(self.meta.at(k) for k in self.window[:distance]):
            score += 2
        if self.under_byline(distance):
            score -= _UNDER_BYLINE_PENALTY  # an author's bio or role: the headline is above
        if self.repeated.at(distance) and (echoed or not self.opening):
            return score + 2
        if self.is_deck(distance):
            return score - _DECK_PENALTY  # the byline under a deck is its headline's
        if distance and self.meta.at(self.window[distance - 1]):
            score += 2
        return score

    def under_byline(self, distance: int) -> bool:
        """A ``By ...`` line stands above the line, in the window."""
        return distance < self.byline_reach

    def is_crumb(self, distance: int) -> bool:
        """The line ends with the line under it (``Home News Markets IMF dims outlook``
        over ``IMF dims outlook``): a breadcrumb that ends with the page's title."""
        if distance == 0:
            return False
        text, under = self.texts[distance], self.texts[distance - 1]
        return len(text) > len(under) and text.endswith(" " + under)

    def is_deck(self, distance: int) -> bool:
        """The line stands under a headline (:func:`is_deck_under`)."""
        lines, meta = self.lines, self.meta
        above = range(distance + 1, len(self.window))
        up = next((d for d in above if not is_chrome(lines[self.window[d]].text)), None)
        if up is None or self.is_crumb(up):
            return False
        k = self.window[up]
        return is_deck_under(
            self.texts[up],
            layout_says_not=meta.at(k) or _in_link_run(lines, k, meta) or is_gap_row(lines[k].text),
        )


_MAX_HEADS_IN_BODY = 3


def past_headlines(lines: list[Line], start: int, end: int) -> int:
    """Where the text of a body found at ``start`` (to ``end``) begins: past the headline-shaped
    lines at its top. A headline of more than seventy characters reads to the body finder
    as a near-good line, and one ending with ``?`` as a sentence; either opens the region.
    A line whose sentence the next line goes on with (in lower case) is text, not a headline.
    """
    heads = [k for k in range(start, end) if not lines[k].blank][: _MAX_HEADS_IN_BODY + 1]
    passed = start
    for pos, k in enumerate(heads[:-1]):
        text = collapse(lines[k].text)
        if (
            (text.endswith((".", "。", "．")) and ends_as_sentence(text))
            or words(text) > _MAX_HEADLINE_WORDS
            or not is_headline_shaped(text)
            or starts_in_lower_case(_next_text(lines, heads[pos + 1 :]))
        ):
            break
        passed = k + 1
    return passed


def _next_text(lines: list[Line], indices: list[int]) -> str:
    return next((t for t in (lines[k].text.strip() for k in indices) if not is_chrome(t)), "")


def is_deck_under(above: str, *, layout_says_not: bool) -> bool:
    """A line is a deck under its headline: ``above``, the nearest line over it that is not
    chrome, is itself a headline of four to twenty words (a shorter one is a kicker,
    ``World`` or ``Tech News``, over the headline itself; a longer one a notice or a menu
    run together), unless the layout says it cannot be one (a byline, a dateline, a line
    of a menu: ``layout_says_not``).
    """
    return (
        not layout_says_not
        and _headline_shape(above)
        and (_MIN_HEADLINE_WORDS <= words(above) <= _MAX_HEADLINE_WORDS or is_cjk_heavy(above))
    )


class _Repeats:
    """Which of ``texts`` repeat another of them (:func:`same_headline`), in one pass.

    ``same_headline(a, b)`` is true when either text, compared, is one of the other's
    compared site forms; so each form is counted once over all the texts instead of
    comparing every pair (the window above the body is thirty lines).
    """

    def __init__(self, texts: list[str]) -> None:
        self.compared = [compared(t) for t in texts]
        self.forms = [compared_site_forms(t) for t in texts]
        self.holding = Counter(form for forms in self.forms for form in forms)
        self.count = Counter(self.compared)

    def at(self, k: int) -> bool:
        """``any(same_headline(t, texts[k]) for each other t)``."""
        mine, forms = self.compared[k], self.forms[k]
        if self.holding[mine] > (mine in forms):
            return True
        return any(self.count[form] > (form == mine) for form in forms)


class _MetaLines:
    """Which lines are bylines or datelines (or start ``By ...``), each asked once."""

    def __init__(self, lines: list[Line], default_tz: tzinfo) -> None:
        self.lines = lines
        self.default_tz = default_tz
        self.known: dict[int, bool] = {}

    def at(self, i: int) -> bool:
        if i not in self.known:
            text = self.lines[i].text.strip()
            self.known[i] = bool(text) and (
                bool(_BY_START.match(text)) or (len(text) <= _LONGEST_META and is_meta(text))
            )
        return self.known[i]


def _in_link_run(lines: list[Line], i: int, meta: _MetaLines) -> bool:
    """One of a run of short, sentence-less lines with no blank between: a menu or a list."""
    count = 0
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(lines) and count < 2 and _link_like(lines[k].text) and not meta.at(k):
            count += 1
            k += step
    return count >= 2


_MENU_WORDS = 10


def is_word_menu(text: str, stop: frozenset[str]) -> bool:
    """``Computers Display Drivers Graphics Cards Linux Gaming Memory ...``: ten words or more,
    every one capitalised and none a stopword of the page's language: a menu's links run
    together, not a headline (which has its ``of``, ``to`` or ``the``, capitalised or not)."""
    split = text.split()
    return (
        len(split) >= _MENU_WORDS
        and bool(stop)
        and all(word[:1].isupper() for word in split)
        and stop.isdisjoint(tokens(text))
    )


_MIN_GAP_ITEMS = 3
_GAP_ITEM_WORDS = 3


def is_gap_row(line: str) -> bool:
    """``Essays   Magazine   Brexit   Empire``: three or more items of a few words each, set
    apart by wide gaps (a row of tags or menu links as a page's copy spaces them)."""
    if "   " not in line and "\t" not in line:
        return False
    items = WIDE_GAP.split(line.strip())
    return len(items) >= _MIN_GAP_ITEMS and all(
        len(item.split()) <= _GAP_ITEM_WORDS and not ends_sentence(item) for item in items
    )


def _link_like(text: str) -> bool:
    text = text.strip()
    return bool(text) and words(text) <= _LINK_WORDS and not ends_sentence(text)
