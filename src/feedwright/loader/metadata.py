"""Metadata headers: YAML front matter or ``Key: value`` lines at the top of an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from feedwright.errors import ArticleError

#: Keys a header may hold (case-insensitive); anything else is kept but unused.
KNOWN_KEYS = frozenset(
    {
        "title",
        "date",
        "published",
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
    }
)
_ALIASES = {
    "published": "date",
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
}
_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,20}?)\s*:\s*(.*?)\s*$")
_AUTHOR_SPLIT = re.compile(r"\s*[,;]\s*|\s+and\s+|\s*&\s*")
_TAG_SPLIT = re.compile(r"\s*[,;]\s*")
_FENCE = re.compile(r"^---[ \t]*$")
_END_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Header:
    """What a metadata header said, with values normalised to strings and lists."""

    #: Canonical key -> value (str, or tuple of str for author/tags).
    values: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    #: The body that follows the header.
    body: str = ""
    #: 1-based line number where the body starts in the original text.
    body_line: int = 1

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
        ArticleError: front matter is opened but not closed, or is not a YAML mapping.
    """
    first = text.split("\n", 1)[0]
    if _FENCE.match(first):
        return _front_matter(text.split("\n"), source=source)
    if not _KEY_LINE.match(first):
        # What _key_value_header gives without a key on the first line, without splitting
        # every line of the article only to join them again.
        return Header({}, text, 1)
    return _key_value_header(text.split("\n"))


def _front_matter(lines: list[str], *, source: str) -> Header:
    import yaml  # only articles with front matter pay for the import

    end = next((i for i in range(1, len(lines)) if _END_FENCE.match(lines[i])), None)
    if end is None:
        raise ArticleError("front matter opened with '---' is never closed", path=source, line=1)
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(e, "problem", None) or "not valid YAML"
        # "while parsing a flow sequence" + its start line points at the real mistake (an
        # unclosed "[") when the problem is only noticed lines later.
        context, start = getattr(e, "context", None), getattr(e, "context_mark", None)
        if context and start is not None and start.line + 2 != line:
            problem += f" ({context} started on line {start.line + 2})"
        raise ArticleError(f"malformed front matter: {problem}", path=source, line=line) from e
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError("front matter must be a mapping of keys to values", path=source, line=2)
    values: dict[str, str | tuple[str, ...]] = {}
    for key, value in data.items():
        canonical = _canonical(str(key))
        if canonical is None or value is None:
            continue
        values[canonical] = _normalise(canonical, value)
    return Header(values, "\n".join(lines[end + 1 :]), end + 2)


def _key_value_header(lines: list[str]) -> Header:
    values: dict[str, str | tuple[str, ...]] = {}
    i = 0
    while i < len(lines):
        match = _KEY_LINE.match(lines[i])
        if not match:
            break
        canonical = _canonical(match.group(1))
        if canonical is not None:  # scrapers add keys of their own ("Source:"): kept unused
            values[canonical] = _normalise(canonical, match.group(2))
        i += 1
    # A header is only a header if it ends at a blank line (or the end) and has a known key;
    # otherwise "Updated: ..." or "Note: ..." is the article's own first line.
    if not values or (i < len(lines) and lines[i].strip()):
        return Header({}, "\n".join(lines), 1)
    return Header(values, "\n".join(lines[i:]), i + 1)


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
            pattern = _AUTHOR_SPLIT if key == "author" else _TAG_SPLIT
            items = pattern.split(_scalar(value))
        return tuple(i for i in (s.strip() for s in items) if i)
    return _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        # YAML "author: {name: X, email: Y}"
        return str(value.get("name", "")).strip()
    return " ".join(str(value).split())
