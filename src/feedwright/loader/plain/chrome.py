"""Page chrome: whole lines a scraper copied from the page around the article.

Each rule below looks at one whole line and says whether it is chrome; :func:`is_chrome` is
true when any rule is. A rule never matches a sentence that merely mentions such words
("Share prices fell", "Advertisement revenue rose"): labels must be the whole line, and the
longer patterns are anchored and bounded in length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from feedwright.loader.dates import is_date_only
from feedwright.loader.plain.credits import (
    CREDIT_ONLY_NO_SLASH,
    MEDIA_CREDIT,
    is_captioned_credit,
    is_media_credit,
    may_end_with_credit,
)
from feedwright.loader.plain.firstchar import LeadingPatterns
from feedwright.loader.plain.ignorecase import lower_for_words
from feedwright.loader.plain.labels import AD_SLOT_LABELS
from feedwright.loader.plain.labels import COMMA_LABELS as _COMMA_LABELS
from feedwright.loader.plain.labels import LABELS as _LABELS
from feedwright.loader.plain.labels import TRIM as _TRIM

_LONGEST_CHROME = 400
# "Read more: ...", "Image caption, ...": a label, then a separator, then a link or caption.
_LINK_PREFIXES = (
    "read more|read next|also read|read also|see also|more from|more on|related|"
    "related coverage|related article|related story|related content|recommended|must read|"
    "don't miss|do not miss|trending|popular|advertisement|sponsored|watch|listen|video|"
    "photo|photos|image|images|picture|pictures|credit|credits|caption|image source|"
    "image caption|media caption|video caption|source|our standards|"
    "lesen sie auch|lesen sie mehr|mehr dazu|auch interessant|lire aussi|à lire aussi|"
    "voir aussi|lee también|leer más|te puede interesar|leggi anche|leia também|"
    "читайте также|читайте также|смотрите также|читайте також|اقرأ أيضا|اقرأ أيضاً"
).split("|")
_PREFIX_END = "[:|>»›,\\-–—]"
_PREFIXED = re.compile(
    rf"^(?:{'|'.join(map(re.escape, _LINK_PREFIXES))})\s*{_PREFIX_END}", re.IGNORECASE
)
_NEWSLETTER = re.compile(
    r"^(?:sign up|subscribe|get|join|register|click here|tap here|download|want|enter your "
    r"email|never miss)\b.{0,120}\b(?:newsletters?|inbox|our app|sign up|subscribe|"
    r"briefing|delivered)\b[^.]{0,80}[.!?]?$",
    re.IGNORECASE,
)
_PITCH_WORDS = re.compile(r"\b(?:our|free|here|your inbox|today)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b).{0,200}$|all rights reserved\.?$", re.I)
_COOKIES = re.compile(
    r"^(?:we(?: and our partners)? use|(?:this|our) (?:web)?site uses) cookies\b", re.IGNORECASE
)
_LONGEST_COOKIE_NOTICE = 800
_COOKIE = "cookie"  # the word of every cookie button, and of the gate before it
_COOKIE_BUTTON = re.compile(rf"\b{_COOKIE}s?\b", re.IGNORECASE)
_READ_TIME = re.compile(
    r"^(?:(?:estimated\s+)?reading time:?\s*|(?:temps de )?lecture\s*:?\s*|"
    r"(?:lesezeit|lesedauer)\s*:?\s*|tiempo de lectura\s*:?\s*|время чтения\s*:?\s*)?"
    r"\d{1,3}\s*-?\s*"
    r"(?:min(?:ute)?s?|mins?|minuten|мин)\.?"
    r"(?:\s+(?:read|reading|to read|de lecture|lesezeit|de lectura|di lettura))?\.?$",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"^(?:(?:updated|published|posted|last updated)\s*:?\s*)?(?:about\s+)?(?:\d+|an?|one)\s*"
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?)\s+ago$|"
    r"^(?:just now|vor\s+\d+\s+(?:minuten|stunden|tagen)|il y a\s+\d+\s+(?:minutes|heures|"
    r"jours)|hace\s+\d+\s+(?:minutos|horas|días))$",
    re.IGNORECASE,
)
_TAG_LINE = re.compile(
    r"^(?:tags|tagged|topics|filed under|posted in|categories|themen|sujets)\b\s*:?\s+\S",
    re.IGNORECASE,
)
_TWEET_SIGNATURE = re.compile(
    r"^[—–-]\s*[^()]{1,60}\(@\w{1,15}\)\s+\w+\.? \d{1,2},? \d{4}$|^pic\.twitter\.com/\w+$"
)
# What a video player (Video.js, JW Player) leaves in scraped text: its labels are in
# _LABELS; these are the ones that carry a value.
_PLAYER = re.compile(
    r"^(?:current time|duration|remaining time)\s*-?(?:\d{1,2}:\d{2}(?::\d{2})?|-:-)$|"
    r"^(?:loaded|progress):?\s*\d{1,3}(?:\.\d+)?\s*%$|^stream type\s+live$|"
    r"^seek to live, currently (?:behind|playing) live$|"
    r"^(?:text|text background|caption area background|window) colou?r\b.{0,200}"
    r"\b(?:opaque|transparent|transparency)\b|"
    r"^(?:font size|font family|text edge style)\b.{0,200}(?:\d+%|\bnone\b|\bserif\b)|"
    r"^reset\b.{0,40}\bdefault values\b|^the media could not be loaded\b|"
    r"^beginning of dialog window\b|^-?\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$|"
    r"^\d(?:\.\d+)?x$|^next video (?:starts|plays|will start) in\b.{0,20}$|"
    r"^\d{1,3}%\s*\((?:transparency|opacity|transparent|opaque)\)$|"
    # "We apologize, this video has expired.", "Unfortunately, this video is not available
    # in your region.": where a player was.
    r"^(?:(?:we apologize|sorry|unfortunately),? )?this video (?:has expired|is (?:no longer |"
    r"not |currently not |un)available\b.{0,40}|cannot be played\b.{0,40})\.?$",
    re.IGNORECASE,
)
_SIGN_UP_FINE_PRINT = re.compile(
    r"^(?:by (?:clicking|tapping|pressing) [\"“'‘]?(?:sign up|subscribe|submit|continue|register|"
    r"i agree|accept|join)\b.{0,200}\b(?:terms|privacy)\b|by (?:signing up|subscribing|"
    r"registering)\b.{0,200}\b(?:terms|privacy)\b|"
    r"thanks? (?:you )?for (?:signing up|subscribing)\b|email address\s*\*?$|"
    r"\(?opens in (?:a )?new (?:window|tab)\)?$|you can opt.out at any time\b|"
    r"(?:i|we) (?:respect|value) your privacy\b.{0,40}\b(?:spam|unsubscribe)\b|"
    r"(?:we|i) (?:promise|will) (?:not|never) spam you\b|no spam[.,!]? (?:ever|unsubscribe)\b)",
    re.IGNORECASE,
)
_CLICK_HERE = re.compile(
    r"^(?:click|tap) here\b|^click to (?:share|email|print|tweet)\b|"
    r"^your email address will not be published\b|^required fields are marked\b",
    re.IGNORECASE,
)
_BROWSER_NOTICE = re.compile(
    r"^(?:you are using an? (?:outdated|older|old|unsupported)\b.{0,160}\bbrowser|"
    r"please (?:upgrade|update) your (?:web )?browser|"
    r"(?:ie|internet explorer) ?\d{1,2} is not supported\b|"
    r"this (?:web)?site works best (?:in|with)\b.{0,120}\bbrowsers?\b)",
    re.IGNORECASE,
)
# Notices about the article rather than parts of it: its age, its affiliate links, where a
# saved copy is, and an encyclopedia's hatnotes ("For the operator, see ...").
_ARTICLE_NOTICE = re.compile(
    r"^(?:this (?:article|story|post) is (?:more|over) than (?:\d+|an?|one|two|three|four|five"
    r"|six|seven|eight|nine|ten) (?:years?|months?) old\b|"
    r"(?:prenez|veuillez prendre) note que cet article\b.{0,40}\b(?:19|20)\d\d\b|"
    r"(?:this|our) (?:article|story|post|page) (?:contains|may contain|includes) affiliate links\b|"
    r"we (?:may )?(?:earn|receive) (?:a )?(?:small )?(?:commission|share of sales|compensation)"
    r" (?:from|on|for|when)\b|"
    r"to revisi?t this article, (?:visit|select) my (?:profile|account)\b|"
    r"for (?:other uses|[^,]{1,80}), see (?!(?:how|what|why|when|where|who|whether|that|this|"
    r"it|them|him|her|us|you)\b)[^.]{1,80}\.?$|"
    r"this article is about [^.]{1,100}\. for [^,]{1,80}, see\b|"
    r"not to be confused with [^.]{1,80}\.?$|"
    r"this is a dynamic list and may never be able to satisfy\b|"
    r"did you know we have an? [^?]{1,40} (?:site|edition)\?$|"
    # A link to the article in another language.
    r"(?:read|view) (?:this (?:article|story|page|content|post) )?in (?:english|french|"
    r"german|spanish|italian|portuguese|dutch|chinese|japanese|korean|arabic|russian)$|"
    r"this (?:article|story|page|post) is (?:also )?available in (?:english|french|german|"
    r"spanish|italian|portuguese|dutch|chinese|japanese|korean|arabic|russian)\b[^.]{0,40}\.?$|"
    r"lire (?:ce contenu |cet article |la version )?en (?:français|anglais|allemand|espagnol)$|"
    r"(?:diesen artikel |den artikel )?auf (?:deutsch|englisch|französisch) lesen$|"
    r"(?:leer|ver) (?:este artículo |esta nota )?en (?:español|inglés|francés|portugués)$|"
    r"leia (?:este artigo |esta matéria )?em (?:português|inglês|espanhol|francês)$|"
    # A metered site's count of free articles, and its pitch for members.
    r"you(?:['’]ve| have) reached your (?:free )?(?:article|story) limit\b|"
    r"you(?:['’]re| are) reading (?:a|your|one of your) (?:free|\w+ free) (?:article|story)\b|"
    r"you have (?:\d+|one|two|three|four|five) free (?:articles?|stories) (?:left|remaining)\b|"
    r"this is your (?:last|final) free (?:article|story)\b|"
    r"(?:special|limited[- ]time|exclusive|introductory) offer\b.{0,160}\bsubscri(?:be|ption)\b|"
    r"(?:are you )?already an? (?:subscriber|member)\?\s*(?:sign|log) ?in\b|"
    r"(?:free (?:article|story)\s{2,})?join (?:over |more than )?"
    r"(?:\d[\d.]*(?: million| thousand|k) (?:other |premium |paying )?|"
    r"\d{1,3}(?:,\d{3})+ (?:other )?|\d+ other )"
    r"(?:members|subscribers|readers)\b)",
    re.IGNORECASE,
)
_LONGEST_NOTICE = 320
# "14 comments"; "1 / 5", "3 of 12": where a gallery is.
_COUNT = re.compile(
    r"^\d+\s+(?:comments?|replies|shares|views|reactions)$|^\d{1,3}\s+(?:/|of)\s+\d{1,3}$",
    re.IGNORECASE,
)
_NAV_SEPARATOR = re.compile(r"\s*[|•·]\s*|\s+[>›»/]\s+")
_BREADCRUMB_ARROW = re.compile(r"\s[>›»]\s")
_FOLLOW_PROMPT = re.compile(
    r"^(?:follow|find|like|connect with)\s+(?:me|us|him|her|them)\s+on\s+(?:twitter|x|"
    r"facebook|instagram|linkedin|mastodon|bluesky|threads|tiktok|youtube)\b[^.!?]{0,80}[.!]?$",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^(?:【[^】]{1,8}】|\[[^\]]{1,12}\]|［[^］]{1,8}］)$")
# "[Get the morning briefing in your inbox.]": a pitch set in brackets inside the text.
_BRACKETED_PITCH = re.compile(
    r"^\[[^\]]{0,200}\b(?:newsletters?|inbox|sign up|subscribe)\b[^\]]{0,100}\]$", re.IGNORECASE
)
# Between the items of a row: a separator, or the wide gap a browser's copy leaves
# between buttons set side by side.
_ROW_SEPARATOR = re.compile(r"\s*[|•·]\s*|\s{2,}|\t")
_FOOTER_MARKERS = re.compile(
    r"^(?:comments?|\d+\s+comments?|related(?: articles| stories| content| coverage| topics"
    r"| links| reading)?|more from .{1,40}|more stories|more news|most read|most viewed|"
    r"most popular|recommended(?: for you| stories| articles)?|you may also like|"
    r"you might also like|topics|tags|read next|trending(?: now)?|what to read next|"
    r"more on this story|more on this topic|follow us.*|about the author|latest news|"
    r"top stories|mehr zum thema|das könnte sie auch interessieren|à lire aussi|sur le même "
    r"sujet|noticias relacionadas|te puede interesar|читайте также|похожие новости|"
    r"相关新闻|相关阅读|関連記事)\s*:?$",
    re.IGNORECASE,
)
_WIRE_CREDIT = re.compile(
    r"^(?:\(?\s*)(?:(?:additional\s+)?reporting|writing|editing|compiled|translated|"
    r"translation|produced|graphics|research)\s+by\s+.{2,200}$",
    re.IGNORECASE,
)


# What a link tells screen readers after its label: ``Share on X (opens in a new window)``.
_NEW_WINDOW_HINT = re.compile(r"\s*\(opens in (?:a )?new (?:window|tab)\)", re.IGNORECASE)
# Every hint holds this; lines without it (nearly all) skip the substitution.
_HINT_WORDS = "pens in"


def _key(line: str) -> str:
    if _HINT_WORDS in line:
        line = _NEW_WINDOW_HINT.sub(" ", line)
    return " ".join(line.strip().strip(_TRIM).split()).casefold()


def is_ad_slot(line: str) -> bool:
    """``Advertisement``, ``ANZEIGE``, ``Story continues below``: an ad slot's label alone on
    its line, the article going on on both sides of it."""
    return _key(line) in AD_SLOT_LABELS


def is_label(line: str) -> bool:
    """``Menu``, ``Share this article``, ``Advertisement``: a UI label alone on its line."""
    key = _key(line)
    if not any(c.isalnum() for c in key):
        return bool(line.strip())  # "•", "|", "* * *", "___", "———": rules and separators
    return key in _LABELS or key in _COMMA_LABELS


_MAX_LABEL_WORDS = 4


def is_label_run(line: str) -> bool:
    """``Log In Subscribe``: UI labels run together on one line, with nothing else."""
    tokens = _key(line).split()
    if not tokens:
        return False
    ends = {0}  # where a run of whole labels can end
    for start in range(len(tokens)):
        if start not in ends:
            continue
        for size in range(1, min(_MAX_LABEL_WORDS, len(tokens) - start) + 1):
            if " ".join(tokens[start : start + size]) in _LABELS:
                ends.add(start + size)
    return len(tokens) in ends


def is_prefixed_link(line: str) -> bool:
    """``Read more: ...``, ``RELATED: ...``, ``Image caption, ...``: a link or caption line."""
    return len(line) <= 220 and bool(_PREFIXED.match(_key(line)))


def is_newsletter_pitch(line: str) -> bool:
    """``Sign up for our morning newsletter ...``."""
    text = line.strip()
    return len(text) <= 240 and bool(_NEWSLETTER.match(text) and _PITCH_WORDS.search(text))


def is_copyright(line: str) -> bool:
    """``© 2024 Example News``, ``Copyright 2022 Nexstar Media Inc. All rights reserved.``."""
    return bool(_COPYRIGHT.match(line.strip()))


def is_cookie_notice(line: str) -> bool:
    """``We use cookies to improve your experience ...``, ``Cookie settings``."""
    text = line.strip()
    if len(text.split(None, 4)) <= 4 and not text.endswith("."):
        return bool(_COOKIE_BUTTON.search(text))  # "Accept all cookies", "Cookie settings"
    return len(text) <= _LONGEST_COOKIE_NOTICE and bool(_COOKIES.match(text))


def is_read_time(line: str) -> bool:
    """``3 min read``, ``Lecture 3 min.``, ``Reading time: 4 minutes``."""
    return bool(_READ_TIME.match(line.strip()))


def is_relative_time(line: str) -> bool:
    """``Updated 3 hours ago``, ``vor 2 Stunden``: a date that only a clock could resolve."""
    return bool(_RELATIVE_TIME.match(line.strip().strip(_TRIM)))


def is_tag_line(line: str) -> bool:
    """``Tags Joe Biden midterms Poll``, ``Topics: Energy, Climate``."""
    text = line.strip()
    return (
        bool(_TAG_LINE.match(text))
        and not text.endswith((".", "!", "?", "”", '"'))
        and len(text.split(None, 14)) <= 14
        and not _ON_DATE_BY.search(text)
    )


# "Posted in News on March 3, 2024 by Jane Roe": a blog's byline, which names the
# category first.
_ON_DATE_BY = re.compile(r"\son\s.*\d.*\sby\s+\S", re.IGNORECASE)


def is_article_notice(line: str) -> bool:
    """``This article is more than 5 years old``, ``This post contains affiliate links ...``,
    ``To revisit this article, visit My Profile ...``, ``For the operator, see ...``,
    ``You've reached your free article limit.``, ``Join 9,518 other subscribers``."""
    text = line.strip()
    return len(text) <= _LONGEST_NOTICE and bool(_ARTICLE_NOTICE.match(text))


def is_browser_notice(line: str) -> bool:
    """``You are using an outdated browser.``, ``IE 11 is not supported. ...``."""
    text = line.strip()
    return len(text) <= 240 and bool(_BROWSER_NOTICE.match(text))


def is_counter(line: str) -> bool:
    """``14 comments``, ``2.1k shares``; ``1 / 5``, a gallery's count of pictures."""
    return bool(_COUNT.match(line.strip()))


def is_embed_trace(line: str) -> bool:
    """``— Jane Roe (@janeroe) March 2, 2021``: what an embedded post leaves behind."""
    return bool(_TWEET_SIGNATURE.match(line.strip()))


def is_click_here(line: str) -> bool:
    """``Click here to ...``, ``Click to share on X (Opens in new window)``: link text."""
    text = line.strip()
    return bool(_CLICK_HERE.match(text)) and len(text.split(None, 25)) <= 25


def is_player_control(line: str) -> bool:
    """``Current Time 0:00``, ``Playback Rate``, ``This is a modal window.``: a video player."""
    text = line.strip()
    return len(text) <= 160 and bool(_PLAYER.match(text))


def is_sign_up_fine_print(line: str) -> bool:
    """``By clicking "Sign Up", you accept our Terms of Service ...``, ``Email address``."""
    text = line.strip()
    return len(text) <= 260 and bool(_SIGN_UP_FINE_PRINT.match(text))


def is_nav_row(line: str) -> bool:
    """``Privacy Policy | Terms of Use | Contact Us``, ``Home > World > Europe``."""
    text = line.strip()
    if not _has_separator(text):
        return False
    items = [i for i in _NAV_SEPARATOR.split(text) if i]
    # Arrows only ever separate breadcrumbs, so two items are enough with them.
    needed = 2 if _BREADCRUMB_ARROW.search(text) else 3
    return (
        len(items) >= needed
        and all(
            len(i.split()) <= 4 and len(i) <= 40 and not i.endswith((".", "!", "?")) for i in items
        )
        # "Jane Roe | March 3, 2024 | 5 min read": a byline's parts, one of them a date.
        and not any(_DIGIT.search(i) and is_date_only(i.strip()) for i in items)
    )


def is_follow_prompt(line: str) -> bool:
    """``Follow me on Twitter as @janeroe``: an invitation to follow the author."""
    return bool(_FOLLOW_PROMPT.match(line.strip()))


def is_bracketed_pitch(line: str) -> bool:
    """``[Sign up for the morning briefing.]``: a newsletter pitch in brackets."""
    return bool(_BRACKETED_PITCH.match(line.strip()))


def is_bracketed_link(line: str) -> bool:
    """``【纠错】``, ``[Edit]``, ``(Watch)``: a short link label in brackets, alone on its line."""
    return bool(_BRACKETED.match(line.strip()))


def is_chrome_row(line: str) -> bool:
    """``Listen to this article · 5 min``, ``Share on X    Share on Facebook``: several
    chrome items on one line."""
    if not _has_separator(line.strip()):
        return False
    parts = [p for p in _ROW_SEPARATOR.split(line.strip()) if p]
    return len(parts) >= 2 and all(
        is_label(p) or is_read_time(p) or is_relative_time(p) or is_counter(p) for p in parts
    )


CHROME_RULES: tuple[Callable[[str], bool], ...] = (
    is_label,
    is_prefixed_link,
    is_newsletter_pitch,
    is_copyright,
    is_cookie_notice,
    is_media_credit,
    is_captioned_credit,
    is_read_time,
    is_relative_time,
    is_tag_line,
    is_counter,
    is_nav_row,
    is_chrome_row,
    is_embed_trace,
    is_click_here,
    is_player_control,
    is_sign_up_fine_print,
    is_bracketed_link,
    is_bracketed_pitch,
    is_browser_notice,
    is_follow_prompt,
    is_article_notice,
)


@lru_cache(maxsize=4096)  # the headline, header-block and paragraph rules ask about the same lines
def is_chrome(line: str) -> bool:
    """True when the whole line is page chrome, never for a sentence that mentions it."""
    text = line.strip()
    if not text or len(line) > _LONGEST_CHROME:
        # Every rule is bounded and a long line is article text, but for the cookie gate's
        # own paragraph (what it collects, for whom, which button to press).
        return len(text) <= _LONGEST_COOKIE_NOTICE and bool(_COOKIES.match(text))
    if cannot_be_chrome(text):
        return False
    return any(rule(line) for rule in CHROME_RULES)


# Most lines are article text, and trying every rule on each is most of the loader's time.
# cannot_be_chrome answers from a few cheap looks at a line that no rule can match it; each
# check names the rules it stands for. It may send a line on to the rules needlessly, but
# never clears a line a rule would match (tests/test_fast_paths.py holds it to that).
# Every rule that must match at the start of the stripped line (ignoring case everywhere
# only widens the rules that care about case, which is safe), tried by the line's first
# two characters.
ANCHORED = LeadingPatterns(
    (
        _NEWSLETTER.pattern,
        _COPYRIGHT.pattern,
        _COOKIES.pattern,
        MEDIA_CREDIT.pattern,
        CREDIT_ONLY_NO_SLASH.pattern,  # only where the line has no "/", as checked first
        _READ_TIME.pattern,
        _TAG_LINE.pattern,
        _COUNT.pattern,
        _TWEET_SIGNATURE.pattern,
        _CLICK_HERE.pattern,
        _PLAYER.pattern,
        _SIGN_UP_FINE_PRINT.pattern,
        _BRACKETED.pattern,
        _BRACKETED_PITCH.pattern,
        _FOLLOW_PROMPT.pattern,
        _BROWSER_NOTICE.pattern,
        _ARTICLE_NOTICE.pattern,
    ),
    re.IGNORECASE,
)
_ALNUM = re.compile(r"[^\W_]")
_DIGIT = re.compile(r"\d")
_LABEL_FIRST_WORDS = frozenset(label.split()[0] for label in _LABELS | _COMMA_LABELS if label)
# The start of a line's key is built from this many characters (the whole key if shorter).
_KEY_HEAD = 64
# A link prefix, one space and a separator: what _PREFIXED can match of a key.
_PREFIX_SPAN = max(map(len, _LINK_PREFIXES)) + 2
_PREFIX_SEPARATOR = re.compile(_PREFIX_END)


def _has_separator(text: str) -> bool:
    # Spelled out: this runs on every line, and a generator costs more than the tests.
    return (
        "|" in text
        or "•" in text
        or "·" in text
        or "/" in text
        or ">" in text
        or "›" in text
        or "»" in text
        or "  " in text
        or "\t" in text
        # A wide gap of other blanks ("\xa0 " between two buttons), as _ROW_SEPARATOR reads it:
        # looked for only where there is such a blank (a scan of one class is faster).
        or (
            not text.isascii()
            and _OTHER_BLANK.search(text) is not None
            and _BLANK_GAP.search(text) is not None
        )
    )


_BLANK_GAP = re.compile(r"\s\s")
#: The blanks beyond ASCII that ``\s`` matches.
_OTHER_BLANK = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _may_name_cookies(text: str) -> bool:
    """False when ``_COOKIE_BUTTON`` cannot match ``text`` (it holds no ``cookie``)."""
    lowered = lower_for_words(text)
    return lowered is None or _COOKIE in lowered


def cannot_be_chrome(text: str) -> bool:
    """True when no rule in CHROME_RULES can match the stripped, non-empty line ``text``."""
    # is_nav_row, is_chrome_row need a separator between two items ("• " before a key
    # point only leaves an empty item); credits without "/" are simpler shapes.
    if _has_separator(text.lstrip("|•· ")):
        return False
    # _key drops a new-window hint from the line, which the look below does not.
    if _HINT_WORDS in text:
        return False
    # The start of _key(text): a prefix of it (casefold never adds spaces, and each
    # character folds to at least one), and all of it when ``whole``.
    trimmed = text.strip(_TRIM)
    whole = len(trimmed) <= _KEY_HEAD
    head = " ".join(trimmed[:_KEY_HEAD].split()).casefold()
    # is_label: the key has a letter or digit (casefold keeps one) and is not a label.
    if not _ALNUM.search(head):
        return False
    if whole:
        if head in _LABELS or head in _COMMA_LABELS:
            return False
    elif " " not in head or head[: head.index(" ")] in _LABEL_FIRST_WORDS:
        return False
    # is_prefixed_link: a match lies within the first _PREFIX_SPAN characters of the key,
    # and ends with a separator there.
    if not whole and len(head) < _PREFIX_SPAN:
        return False
    if _PREFIX_SEPARATOR.search(head, 0, _PREFIX_SPAN) and _PREFIXED.match(head):
        return False
    # is_cookie_notice's button branch: at most four words, no final full stop, and the
    # word its pattern looks for (most short lines of a page are menu items without it).
    if head.count(" ") < 4 and not text.endswith(".") and _may_name_cookies(text):
        return False
    return not (
        _RELATIVE_TIME.match(trimmed)  # is_relative_time
        or ANCHORED.match(text)  # the rules anchored at the start
        or may_end_with_credit(text)  # is_captioned_credit
    )


def is_footer_marker(line: str) -> bool:
    """True for a line that opens a block of related links, comments or tags."""
    return bool(_FOOTER_MARKERS.match(line.strip().strip(_TRIM)))


def is_credit_line(line: str) -> bool:
    """``Reporting by A; Editing by B``: the production credits at the foot of wire copy."""
    return bool(_WIRE_CREDIT.match(line.strip()))
