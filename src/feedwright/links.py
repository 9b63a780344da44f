"""Where each entry links to: its own ``Link:``, else ``link_template``, else the default.

The one place that decides an entry's web page, so every format writes the same URL.
"""

from __future__ import annotations

import functools
import hashlib
import re
import string
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote, urlsplit

from feedwright.entry import EntryHead, LedgerHead
from feedwright.layout import ENTRY_DIR

if TYPE_CHECKING:
    from feedwright.config import Config

#: An entry, whole or a head: a link is decided from the head's fields alone.
E = TypeVar("E", bound=EntryHead)

#: The fields a ``link_template`` may use.
FIELDS = ("site_url", "slug", "path", "stem", "year", "month", "day")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]?")
_NOT_SLUG = re.compile(r"[^\w]+|_+")
#: What a URL path segment may keep unescaped (RFC 3986 pchar, less what templates add).
_SAFE = "-._~!$&'()*+,;=:@"
_NOT_PAGE_SLUG = re.compile(r"[^a-z0-9]+")
_ID_PARTS = re.compile(r"[:/]")
_MAX_PAGE_SLUG = 60
_PAGE_HASH_DIGITS = 10


def template_problem(template: str) -> str | None:
    """Why ``template`` cannot make links (unknown or positional fields, bad braces), or None."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as e:
        return f"link_template is not a template: {e}"
    for name in names:
        if name not in FIELDS:
            return f"link_template: unknown field {{{name}}}; known: " + ", ".join(
                f"{{{f}}}" for f in FIELDS
            )
    sample = render(template, site_url="https://example.org/", source="a/b.txt", when=None)
    parts = urlsplit(sample)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"link_template must make absolute http(s) URLs, not {sample!r}"
    return None


def resolve_links(entries: list[E], config: Config, *, zone: tzinfo) -> list[E]:
    """``entries`` with ``link`` set wherever an article has none of its own (a
    :class:`~feedwright.entry.LedgerHead` keeps its own: it was not read)."""
    out: list[E] = []
    for entry in entries:
        if isinstance(entry, LedgerHead):
            out.append(entry)
            continue
        link = entry_link(entry, config, zone=zone)
        out.append(entry if link == entry.link else replace(entry, link=link))
    return out


def moved_links(
    entries: list[EntryHead],
    config: Config,
    *,
    zone: tzinfo,
    before: dict[str, tuple[str, datetime]],
) -> list[tuple[str, str, str]]:
    """The entries whose ``link_template`` link this build moves: each one's source, old
    link and new link.

    ``before`` holds, by id, each article's source and ``published`` as the last build
    published them. The template's fields follow the file's name and date, so renaming
    (or re-dating) an article moves its link though its id stays: readers then show the
    same entry with another link, which must not happen without a word.
    """
    if not config.link_template:
        return []
    moved = []
    for entry in entries:
        last = before.get(entry.id or "")
        if entry.link or last is None or last == (entry.source, entry.published):
            continue
        source, published = last
        old = entry_link(replace(entry, source=source, published=published), config, zone=zone)
        new = entry_link(entry, config, zone=zone)
        if old and new and old != new:
            moved.append((entry.source, old, new))
    return moved


def entry_link(entry: EntryHead, config: Config, *, zone: tzinfo) -> str | None:
    """The URL of ``entry``'s web page (``entry.published`` is the ledger's by now)."""
    if entry.link:
        return entry.link
    if config.link_template:
        when = entry.published.astimezone(zone) if entry.published else None
        return render(
            config.link_template, site_url=config.site_url, source=entry.source, when=when
        )
    return default_link(entry, config)


def default_link(entry: EntryHead, config: Config) -> str | None:
    """The link of an entry with neither a ``Link:`` nor a ``link_template``: its entry
    page (:mod:`feedwright.output.entrypages` writes it), so every item opens somewhere."""
    return config.feed_base + entry_page_name(entry.id) if entry.id else None


def render(template: str, *, site_url: str, source: str, when: datetime | None) -> str:
    """``template`` filled in for the article at ``source`` published ``when``."""
    folder, _, name = source.rpartition("/")
    dot = name.rfind(".")
    # The suffix as the ledger's ids drop it: not a leading dot, not a trailing one.
    stem = name[:dot] if 0 < dot < len(name) - 1 else name
    path = f"{folder}/{stem}" if folder else stem
    slug = _NOT_SLUG.sub("-", _DATE_PREFIX.sub("", stem).lower()).strip("-") or "article"
    date = when or datetime(1970, 1, 1)
    return template.format(
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        slug=quote(slug, safe=_SAFE),
        stem=quote(stem, safe=_SAFE),
        path=quote(path, safe="/" + _SAFE),
        year=f"{date.year:04d}",
        month=f"{date.month:02d}",
        day=f"{date.day:02d}",
    )


@functools.lru_cache(maxsize=1 << 17)
def entry_page_name(entry_id: str) -> str:
    """The page of the entry whose id is ``entry_id``, relative to the out folder:
    the readable tail of the id, then 10 hex digits of its SHA-256 (ids are unique; their
    tails need not be)."""
    tail = _ID_PARTS.split(entry_id.rstrip(":/"))[-1].lower()
    slug = _NOT_PAGE_SLUG.sub("-", tail).strip("-")[:_MAX_PAGE_SLUG].strip("-")
    digest = hashlib.sha256(entry_id.encode("utf-8")).hexdigest()[:_PAGE_HASH_DIGITS]
    return f"{ENTRY_DIR}/{slug}-{digest}.html" if slug else f"{ENTRY_DIR}/{digest}.html"
