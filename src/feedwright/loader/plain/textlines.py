"""The lines of a plain-text article, what the rules found in them, and the small text
tests every rule shares (spacing, sentence ends, bullets, headline repeats)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\u0e00-\u0e7f]")
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—]{2,40}$")
_SITE_PREFIX = re.compile(r"^[^|]{2,30}\s+\|\s+")

_BULLET = re.compile(r"^\s*(?:[•·‣◦▪▸●○■□➤►*–]|-(?!-))\s+(\S.*)$")
# "– Мы вернули домой 95 защитников, – написал президент": a dash opens a line of
# dialogue (Russian, Ukrainian, Spanish, French typography), not a list item.
_DIALOGUE = re.compile(r"^\s*[–-]\s.*[,.!?…]\s+[–—-]\s+\w")
#: What a line ends with when it ends a sentence or a quoted one.
TERMINAL = tuple(".!?…\"”’'»)]:;。！？」』）")
_SPACES = re.compile(r"[ \t]+")
#: What sets apart the items of a row in a browser's copy of a page (buttons, tags, a name
#: and its role): three spaces or more, or a tab.
WIDE_GAP = re.compile(r"\s{3,}|\t")


class Line:
    """One line of the body, with its 1-based line number in the file.

    A plain class rather than a frozen dataclass: a body has dozens of lines, and a frozen
    dataclass costs three times as much to make. Lines are never changed once made.
    """

    __slots__ = ("blank", "number", "text")

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.text = text
        #: Only whitespace (asked of most lines several times, by rule after rule).
        self.blank = not text.strip()

    def __repr__(self) -> str:
        return f"Line(number={self.number!r}, text={self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Line):
            return NotImplemented
        return (self.number, self.text) == (other.number, other.text)

    def __hash__(self) -> int:
        return hash((self.number, self.text))


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
    #: How many of ``paragraphs`` stand above the body of page text (the standfirst under
    #: the headline): kept in the text, but the summary is the body's first paragraph.
    lead: int = 0
    warnings: list[str] = field(default_factory=list)

    def add_authors(self, names: list[str] | tuple[str, ...]) -> None:
        self.authors.extend(n for n in names if n not in self.authors)

    def add_date(self, kind: str, when: datetime) -> None:
        if kind == "published" and self.published is None:
            self.published = when
        elif self.updated is None and when != self.published:
            self.updated = when


def same_headline(a: str, b: str) -> bool:
    """A headline and its repeat, one of them perhaps with the site's name (``... | Reuters``)."""
    return compared(b) in compared_site_forms(a) or compared(a) in compared_site_forms(b)


# The headline rules compare each line near the top with its neighbours and with the title,
# again and again: each line is spaced, casefolded and stripped of a site name once.
@lru_cache(maxsize=2048)
def compared(text: str) -> str:
    """``text`` as headlines are compared: single-spaced and casefolded."""
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=1024)
def compared_site_forms(title: str) -> frozenset[str]:
    """The compared forms of a headline: as given, and without a site name glued on."""
    return frozenset(map(compared, _site_forms(title)))


def _site_forms(title: str) -> tuple[str, ...]:
    """The headline as given, and without a site or section name glued on with ``|`` or a dash."""
    title = title.strip()
    if "|" not in title and "-" not in title and "–" not in title and "—" not in title:
        return (title, title, title)  # no name is glued on without one of those
    return (title, _SITE_SUFFIX.sub("", title), _SITE_PREFIX.sub("", title))


# Words as jusText counts them: punctuation becomes space. (One pattern replaces them all in
# a pass; str.translate looks up every character of a line with one beyond ASCII in a dict.)
_PUNCTUATION = re.compile("[" + re.escape(".,;:!?\"'()[]{}«»“”‘’—–-/|…*•·") + "]")


# The body finder splits every long line of a page; the headline rules then look the body's
# opening lines up again (:mod:`feedwright.loader.plain.echo`) and find them split.
@lru_cache(maxsize=1024)
def tokens(text: str) -> tuple[str, ...]:
    """The casefolded words of a line as jusText counts them (punctuation is a space)."""
    return tuple(_PUNCTUATION.sub(" ", text.casefold()).split())


def words(text: str) -> int:
    """How many words, counting runs of non-space characters."""
    return len(text.split())


def is_cjk_heavy(text: str) -> bool:
    """Mostly Chinese, Japanese, Korean or Thai: word counts mean nothing there."""
    if text.isascii():  # O(1): no CJK letter, so only an empty line is "heavy"
        return not text.strip()
    return len(_CJK.findall(text)) * 3 >= len(text.strip())


def collapse(text: str) -> str:
    """Trim and collapse runs of spaces and tabs (other spacing, such as U+3000, is kept)."""
    if "  " in text or "\t" in text:  # else the pattern would only put back single spaces
        text = _SPACES.sub(" ", text)
    return text.strip()


def ends_sentence(text: str) -> bool:
    """True when a line ends the way a sentence or a quoted sentence ends."""
    return text.rstrip().endswith(TERMINAL)


def bullet_text(line: str) -> str | None:
    """The text of a bullet line (``• x``, ``- x``, ``* x``, ``– x``), else ``None``."""
    match = _BULLET.match(line)
    if match is None or _DIALOGUE.match(line):
        return None
    return collapse(match.group(1))
