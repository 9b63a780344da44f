"""Which tags get a feed of their own, and where: ``tags/<slug>/atom.xml`` and its siblings.

A tag is matched without regard to case, width or the separator between its words
("Machine Learning", "machine-learning" and "machine_learning" are one tag), so one
subject has one feed. Its slug depends on the tag alone, never on the other tags, so a
feed's URL never moves when tags come and go:

- a tag of plain ASCII letters and digits (words joined by spaces, hyphens or
  underscores) is its own slug: ``machine-learning``;
- any other tag (accents, other scripts, punctuation such as ``C++``) is folded to what
  ASCII it has, then ``--`` and 10 hex digits of the SHA-256 of the matched form:
  ``cafe--850f7dc439``, ``c--cedb1bac7e``, and ``tag--4ed0608556`` for a tag with no
  ASCII letter or digit at all (``Москва``), so no slug starts with ``-``, which command
  lines would take for an option.

A plain slug never holds ``--``, so the two kinds can never meet; two different tags
share a hashed slug only if 40 bits of SHA-256 collide, and then the build refuses.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from feedwright.entry import EntryHead
from feedwright.errors import FeedError
from feedwright.layout import FORMATS, SUBSCRIPTION_NAMES, TAGS_DIR

if TYPE_CHECKING:
    from feedwright.ledger import Ledger

_SEPARATORS = re.compile(r"[\s_\-]+")
_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]+")
#: Longer plain tags are hashed too, so every slug is a short, safe file name.
_MAX_PLAIN = 60
_MAX_FOLDED = 40
_HASH_DIGITS = 10


@dataclass(frozen=True)
class TagFeed:
    """One tag's feed: where it goes, what it is called and what it holds."""

    slug: str
    #: The tag as most entries spell it (ties: the first in sorted order).
    label: str
    #: Every entry with the tag, newest first.
    entries: tuple[EntryHead, ...]

    def name(self, file: str) -> str:
        """``file`` (``atom.xml``...) of this feed, relative to the out folder."""
        return f"{TAGS_DIR}/{self.slug}/{file}"


def tag_key(tag: str) -> str:
    """The form tags are matched in: NFKC, case-folded, words joined by one space."""
    folded = unicodedata.normalize("NFKC", tag).casefold()
    return _SEPARATORS.sub(" ", folded).strip()


def tag_slug(key: str) -> str:
    """The folder name of the tag whose :func:`tag_key` is ``key``."""
    if _PLAIN.fullmatch(key) and len(key) <= _MAX_PLAIN:
        return key.replace(" ", "-")
    ascii_only = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    folded = _NOT_ASCII_WORD.sub("-", ascii_only).strip("-")[:_MAX_FOLDED].strip("-")
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:_HASH_DIGITS]
    return f"{folded or 'tag'}--{digest}"


def select_tag_feeds(entries: list[EntryHead], *, minimum: int) -> list[TagFeed]:
    """Every tag on at least ``minimum`` of ``entries`` (newest first), by slug; none when
    ``minimum`` is 0.

    Raises:
        FeedError: two different tags would share a slug (a hash collision).
    """
    if minimum < 1:
        return []
    members: dict[str, list[EntryHead]] = {}
    spellings: dict[str, Counter[str]] = {}
    for entry in entries:
        seen: set[str] = set()
        for tag in entry.tags:
            key = tag_key(tag)
            if not key:
                continue
            spellings.setdefault(key, Counter())[tag.strip()] += 1
            if key not in seen:
                seen.add(key)
                members.setdefault(key, []).append(entry)
    feeds: dict[str, TagFeed] = {}
    for key, held in members.items():
        if len(held) < minimum:
            continue
        slug = tag_slug(key)
        if slug in feeds:
            raise FeedError(f"tags {feeds[slug].label!r} and {key!r} would share the feed {slug}")
        label = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        feeds[slug] = TagFeed(slug=slug, label=label, entries=tuple(held))
    return [feeds[slug] for slug in sorted(feeds)]


def reusable_tag_feeds(
    feeds: list[TagFeed],
    old: Ledger,
    new: Ledger,
    *,
    out: Path,
    title: Callable[[TagFeed], str],
    limit: int,
    untouched: Callable[[list[str]], bool],
) -> frozenset[str]:
    """The slugs of the tag ``feeds`` a build can leave as they are on disk.

    A tag feed is a function of the code, the config, its title and the entries it holds.
    It is kept when none of the tag's entries was added, edited, moved or removed since
    the last build (by the ledgers ``old`` and ``new``), its files are ``untouched`` since
    the last clean build (which also means the same code and config), and its Atom
    document on disk holds the very entries (the newest ``limit``) and ``title`` this
    build would give it: that catches the entries that left the tag, whose old tags are
    known nowhere else.
    """
    changed = old.records.keys() | new.records.keys()
    dirty = {
        record.id
        for source in changed
        if old.records.get(source) != new.records.get(source)
        for record in (old.records.get(source), new.records.get(source))
        if record is not None
    }
    keep: set[str] = set()
    for feed in feeds:
        if any(entry.id in dirty for entry in feed.entries):
            continue
        if not untouched([feed.name(name) for name in SUBSCRIPTION_NAMES]):
            continue
        expected = (title(feed), [entry.id or "" for entry in feed.entries[:limit]])
        if _atom_title_and_ids(out / feed.name("atom.xml")) == expected:
            keep.add(feed.slug)
    return frozenset(keep)


def _atom_title_and_ids(path: Path) -> tuple[str, list[str]] | None:
    atom = "{http://www.w3.org/2005/Atom}"
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()
    except (OSError, etree.XMLSyntaxError):
        return None
    ids = [entry.findtext(f"{atom}id") or "" for entry in root.iterfind(f"{atom}entry")]
    return root.findtext(f"{atom}title") or "", ids


def tag_feed_names(out: Path) -> list[str]:
    """Tag feed documents on disk under ``out``, relative to it."""
    folder = out / TAGS_DIR
    if not folder.is_dir():
        return []
    files = {name for name, _, _ in FORMATS}
    return sorted(
        f"{TAGS_DIR}/{path.parent.name}/{path.name}"
        for path in folder.glob("*/*")
        if path.name in files and path.is_file()
    )


def tag_folders(out: Path) -> list[Path]:
    """The folder of each tag feed on disk under ``out``."""
    folder = out / TAGS_DIR
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def prune_tag_folders(out: Path) -> None:
    """Remove the folders of tag feeds that are gone (empty ones only)."""
    for folder in tag_folders(out):
        with contextlib.suppress(OSError):
            folder.rmdir()
