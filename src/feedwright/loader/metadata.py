"""Metadata headers: YAML front matter or ``Key: value`` lines at the top of an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from feedwright.loader.decode import clean_text
from feedwright.loader.frontmatter import TOML_FENCE, YAML_FENCE, read_front_matter
from feedwright.loader.people import split_authors

#: Keys a header may hold (case-insensitive); anything else is kept but unused.
KNOWN_KEYS = frozenset(
    {
        "title",
        "date",
        "updated",
        "modified",
        "author",
        "authors",
        "tags",
        "categories",
        "link",
        "url",
        "id",
        "summary",
        "description",
        "language",
        "lang",
        "keywords",
        "byline",
        "created",
        "pubdate",
        "last_modified",
        "canonical",
        "lastmod",
        "image",
        "enclosure",
    }
)
_ALIASES = {
    "modified": "updated",
    "authors": "author",
    "categories": "tags",
    "url": "link",
    "description": "summary",
    "lang": "language",
    "keywords": "tags",
    "byline": "author",
    "created": "date",
    "pubdate": "date",
    "last_modified": "updated",
    "canonical": "link",
    "lastmod": "updated",
}
_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,20}?)\s*:\s*(.*?)\s*$")
_TAG_SPLIT = re.compile(r"\s*[,;]\s*")


@dataclass(frozen=True)
class Header:
    """What a metadata header said, with values normalised to strings and lists."""

    #: Canonical key -> value (str, or tuple of str for author/tags).
    values: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    #: The body that follows the header.
    body: str = ""
    #: 1-based line number where the body starts in the original text.
    body_line: int = 1
    #: Keys given but not used, as written (``taxonomies.series`` for a nested one).
    ignored: tuple[str, ...] = ()
    #: What makes the article a draft (``draft: true``), if anything does.
    draft: str | None = None
    #: Canonical key -> the 1-based line it was given on (for messages about its value).
    lines: dict[str, int] = field(default_factory=dict)
    #: Values that were not what their key takes (``title: {x: 1}``), one line each.
    notes: tuple[str, ...] = ()

    def line(self, key: str) -> int | None:
        """The line ``key`` was given on, if known."""
        return self.lines.get(key)

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        if isinstance(value, tuple):
            return ", ".join(value) or None
        return value or None

    def items(self, key: str) -> tuple[str, ...]:
        value = self.values.get(key)
        if value is None:
            return ()
        return value if isinstance(value, tuple) else (value,)


def split_header(text: str, *, source: str) -> Header:
    """Separate a metadata header from the body; no header gives an empty ``values``.

    Raises:
        ArticleError: front matter is opened but not closed, or is not a YAML/TOML mapping.
    """
    first = text.split("\n", 1)[0]
    if YAML_FENCE.match(first) or TOML_FENCE.match(first):
        lines = text.split("\n")
        data, end = read_front_matter(lines, source=source)
        found = _Found()
        for key, value in data.items():
            found.add(str(key), value)
        found.lines = _top_level_keys(lines[1:end], first=2)
        return found.header("\n".join(lines[end + 1 :]), end + 2)
    if not _KEY_LINE.match(first):
        # What _key_value_header gives without a key on the first line, without splitting
        # every line of the article only to join them again.
        return Header({}, text, 1)
    return _key_value_header(text.split("\n"))


def _key_value_header(lines: list[str]) -> Header:
    found = _Found()
    i = 0
    while i < len(lines):
        match = _KEY_LINE.match(lines[i])
        if not match:
            break
        found.add(match.group(1), match.group(2))
        canonical = _canonical(match.group(1))
        if canonical is not None:
            found.lines[canonical] = i + 1
        i += 1
    # A header is only a header if it ends at a blank line (or the end) and has a known key;
    # otherwise "Updated: ..." or "Note: ..." is the article's own first line.
    if not found.known or (i < len(lines) and lines[i].strip()):
        return Header({}, "\n".join(lines), 1)
    return found.header("\n".join(lines[i:]), i + 1)


class _Found:
    """What a header's keys say, gathered key by key."""

    def __init__(self) -> None:
        self.values: dict[str, str | tuple[str, ...]] = {}
        self.ignored: list[str] = []
        self.draft: str | None = None
        #: A key this module reads was seen (a ``Key: value`` block is a header only then).
        self.known = False
        self.lines: dict[str, int] = {}
        #: (canonical key, what was wrong with its value): told with the key's line.
        self.notes: list[tuple[str, str]] = []

    def add(self, key: str, value: object) -> None:
        key = _one_line(key)
        name = key.strip().lower().replace("-", "_").replace(" ", "_")
        if name in _DRAFT_KEYS:
            self.known = True
            reason = _draft_reason(name, value)
            if reason is not None:
                self.draft = self.draft or f"{key.strip()}: {reason}"
            elif name == "published" and not _is_flag(value):
                self._value(
                    "date", value, key.strip()
                )  # Jekyll's "published: 2024-05-01" is a date
            return
        if name == "taxonomies" and isinstance(value, dict):
            # Zola: [taxonomies] tags = [...], authors = [...], added to the keys' own.
            for sub, items in value.items():
                canonical = _canonical(str(sub))
                if canonical in _LIST_KEYS:
                    self._value(canonical, items, f"{key.strip()}.{sub}", merge=True)
                else:
                    self.ignored.append(f"{key.strip()}.{sub}")
            self.known = True
            return
        canonical = _canonical(key)
        if canonical is None:
            # Scrapers add keys of their own ("Source:"), generators theirs ("weight"): not
            # the body, but said once so a misspelt key is not lost silently.
            self.ignored.append(key.strip())
            return
        self.known = True
        self._value(canonical, value, key.strip())

    def _value(self, canonical: str, value: object, key: str, *, merge: bool = False) -> None:
        """Take ``value`` for ``canonical`` (given as ``key``); a value of a kind the key
        does not take (``title: {x: 1}``, ``tags: 5``) is said, never dropped silently."""
        if value is None:
            return
        if isinstance(value, (list, tuple)) and canonical in _LIST_KEYS:
            value = [item for item in value if self._fits(canonical, key, item, listed=True)]
        elif not self._fits(canonical, key, value, listed=False):
            return
        normalised = _normalise(canonical, value)
        if merge:
            normalised = (*self.values.get(canonical, ()), *normalised)
        self.values[canonical] = normalised

    def _fits(self, canonical: str, key: str, value: object, *, listed: bool) -> bool:
        """True when ``value`` can be read as text for ``canonical``; else (or when it is
        read only as its text, a number) a note names the key and what it was given."""
        what = _not_text(canonical, value)
        if what is None:
            return True
        item = "an item of " if listed else ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.notes.append(
                (
                    canonical,
                    f"{item}{key} is a number ({value}), not text; read as "
                    f"{_scalar(value)!r} (quote it to keep it as written)",
                )
            )
            return True
        self.notes.append((canonical, f"{item}{key} is {what}; ignored"))
        return False

    def header(self, body: str, body_line: int) -> Header:
        return Header(
            self.values,
            body,
            body_line,
            ignored=tuple(self.ignored),
            draft=self.draft,
            lines=self.lines,
            notes=tuple(
                f"line {self.lines[c]}: {note}" if c in self.lines else note
                for c, note in self.notes
            ),
        )


_TOP_KEY = re.compile(r"([A-Za-z][\w -]{0,30}?)\s*[:=]")


def _top_level_keys(lines: list[str], *, first: int) -> dict[str, int]:
    """Canonical key -> line, for the unindented keys of a front matter block."""
    found: dict[str, int] = {}
    for k, line in enumerate(lines):
        match = _TOP_KEY.match(line)
        canonical = _canonical(match.group(1)) if match else None
        if canonical is not None:
            found.setdefault(canonical, first + k)
    return found


#: Keys that can say an article is a draft: Hugo and Zola ``draft: true``, Jekyll
#: ``published: false``, Pelican ``Status: draft`` (or ``hidden``).
_DRAFT_KEYS = frozenset({"draft", "published", "status"})
_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})


def _is_flag(value: object) -> bool:
    return isinstance(value, bool) or str(value).strip().lower() in _TRUE | _FALSE


def _draft_reason(name: str, value: object) -> str | None:
    """``value`` as written, when key ``name`` with it makes the article a draft."""
    shown = str(value).lower() if isinstance(value, bool) else str(value).strip()
    text = shown.lower()
    if (
        (name == "draft" and text in _TRUE)
        or (name == "published" and text in _FALSE)
        or (name == "status" and text in ("draft", "hidden"))
    ):
        return shown
    return None


#: Keys that take a list (one string is split into one).
_LIST_KEYS = ("author", "tags")
_DATE_KEYS = ("date", "updated")


def _not_text(canonical: str, value: object) -> str | None:
    """What ``value`` is when it is not text the key ``canonical`` can take (a number is
    named too: YAML may have changed how it was written, ``3.10`` to ``3.1``), else None."""
    if isinstance(value, (str, date)):  # a date is a datetime too: its ISO text
        return None
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()}), not text"
    if isinstance(value, (int, float)):
        return None if canonical in _DATE_KEYS else "a number"
    if isinstance(value, dict):
        if canonical == "author" and str(value.get("name") or "").strip():
            return None  # {name: X, email: Y}
        return "a mapping without a name" if canonical == "author" else "a mapping, not text"
    if isinstance(value, (list, tuple)):
        return "a list, not text"
    return f"a {type(value).__name__}, not text"


def _canonical(key: str) -> str | None:
    key = key.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in KNOWN_KEYS:
        return None
    return _ALIASES.get(key, key)


def _normalise(key: str, value: object) -> str | tuple[str, ...]:
    if key in ("author", "tags"):
        if isinstance(value, (list, tuple)):
            items = [_scalar(v) for v in value]
        else:
            text = _scalar(value)
            items = split_authors(text) if key == "author" else _TAG_SPLIT.split(text)
        return tuple(i for i in (s.strip() for s in items) if i)
    return _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        # YAML "author: {name: X, email: Y}", kept as "X <Y>" like the one-line form
        name, email = _one_line(value.get("name", "")), value.get("email")
        return f"{name} <{_one_line(email)}>" if email else name
    return _one_line(value)


def _one_line(value: object) -> str:
    # Cleaned exactly as body text is: YAML and TOML escapes ("\x01", "\u202e", "\ud800")
    # put characters into metadata that the bytes of the file never held.
    return " ".join(clean_text(str(value)).split())
