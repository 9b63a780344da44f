"""Page chrome: whole lines a scraper copied from the page around the article."""

from __future__ import annotations

import re

# Whole-line UI labels, compared case-insensitively after trimming punctuation and arrows.
_LABELS = frozenset(
    label.strip()
    for label in (
        "close, menu, search, sign in, sign out, log in, login, log out, register, subscribe, "
        "subscribed, skip to main content, skip to content, skip navigation, skip to navigation, "
        "main menu, home, share, share this, share this article, share this story, share on "
        "facebook, share on twitter, share on x, share on linkedin, share on whatsapp, share via "
        "email, copy link, link copied, email, print, tweet, facebook, twitter, x, whatsapp, "
        "linkedin, reddit, pinterest, flipboard, advertisement, advertising, ad, sponsored, "
        "sponsored content, story continues below, story continues below advertisement, continue "
        "reading below, article continues below, scroll to continue, scroll to continue with "
        "content, continue reading, read more, show more, load more, see more, view comments, "
        "comments, comment, add comment, leave a comment, join the conversation, listen, listen "
        "to article, listen to this article, play video, watch video, watch now, audio, video, "
        "photo gallery, open image, toggle navigation, navigation, open menu, close menu, back to "
        "top, top, accept, accept all cookies, accept cookies, reject all, manage cookies, cookie "
        "settings, most read, most popular, trending, related, related articles, related stories, "
        "recommended, you may also like, more stories, more on this story, topics, tags, follow "
        "us, newsletter, newsletters, sign up, get the newsletter, save, saved, save article, "
        "gift article, gift this article, bookmark, add to favourites, add to favorites, font "
        "size, text size, dark mode, previous, next, next article, previous article, expand, "
        "collapse, loading, loading..., view in app, open in app, download the app, get the app"
    ).split(",")
)
_TRIM = " \t:.|>»›→←·•-–—*#"
_PREFIXED = re.compile(
    r"^(?:read more|read next|also read|read also|related|see also|more from|more on|"
    r"recommended|watch|listen|related coverage|related article|related story|must read|"
    r"don't miss|do not miss|trending|popular|advertisement|sponsored|photo|image|"
    r"credit|caption|video|source|editor's note: this article is part of)\s*[:|>»›-]",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"^(?:sign up|subscribe|get|join|register|click here|tap here|download|want)\b.{0,100}"
    r"\b(?:newsletters?|inbox|our app|sign up|subscribe)\b[^.]{0,60}[.!?]?$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b).{0,150}$|all rights reserved\.?$", re.I)
_FOOTER_MARKERS = re.compile(
    r"^(?:comments?|\d+\s+comments?|related(?: articles| stories| content| coverage)?|"
    r"more from .{1,40}|more stories|most read|most popular|recommended(?: for you)?|"
    r"you may also like|topics|tags|read next|trending(?: now)?|what to read next|"
    r"more on this story|follow us.*|about the author)\s*:?$",
    re.IGNORECASE,
)


def _key(line: str) -> str:
    return " ".join(line.strip().strip(_TRIM).split()).casefold()


def is_chrome(line: str) -> bool:
    """True when the whole line is page chrome, never for a sentence that mentions it."""
    key = _key(line)
    if not key:
        return bool(line.strip()) and len(line.strip()) <= 3  # "•", "|", "»", "--"
    if key in _LABELS or _COPYRIGHT.match(line.strip()):
        return True
    if len(line) <= 200 and _PREFIXED.match(key):
        return True
    return bool(len(line) <= 160 and _NEWSLETTER.match(line.strip()))


def is_footer_marker(line: str) -> bool:
    """True for a line that opens a block of related links, comments or tags."""
    return bool(_FOOTER_MARKERS.match(line.strip().strip(_TRIM)))
