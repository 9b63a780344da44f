"""Entry pages: one HTML page per entry that has no web page of its own.

An entry without a ``Link:`` (and no ``link_template``) gets ``entries/<name>.html`` as its
alternate link (:func:`feedwright.links.default_link`; Atom
``<link rel="alternate">``, RSS ``<link>``, JSON Feed ``url``), so every item a reader
shows opens somewhere. The name comes from the entry's id alone, which never changes, so
neither does the page's URL, whatever happens to the article's file name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import tzinfo
from html import escape
from pathlib import Path

from feedwright.config import Config
from feedwright.entry import Entry, EntryHead
from feedwright.layout import ENTRY_DIR, INDEX_NAME
from feedwright.output.pages import STYLE, feed_links, head_lines, when


def is_entry_page_name(name: str) -> bool:
    """True for a file name an entry page could have."""
    return name.endswith(".html") and not name.startswith(".")


def entry_pages(
    entries: list[EntryHead],
    pages: dict[str, str],
    *,
    reuse: Callable[[EntryHead, str], bool],
) -> tuple[list[EntryHead], list[str]]:
    """The entries whose page must be built (``pages`` names each entry's page by id), and
    the names of those left as they are on disk because ``reuse`` says the file already
    holds them."""
    kept = [pages[e.id] for e in entries if e.id in pages and reuse(e, pages[e.id])]
    kept_set = set(kept)
    needed = [e for e in entries if e.id in pages and pages[e.id] not in kept_set]
    return needed, sorted(kept)


def entry_page(config: Config, entry: Entry, *, zone: tzinfo) -> bytes:
    """One entry as a page: its headline, date, authors, full text and tags."""
    meta = when(entry.published, zone)
    if entry.updated and entry.published and entry.updated > entry.published:
        meta += f" (updated {when(entry.updated, zone)})"
    if entry.authors:
        meta += " · " + escape(", ".join(entry.authors))
    lines = head_lines(
        config,
        f"{entry.title} · {config.title}",
        feed_links([]),
        prefix="../",
        language=entry.language or config.language,
        style=STYLE,
    )
    lines += [
        "<body>",
        f'<header><p class="lede"><a href="../{INDEX_NAME}">{escape(config.title)}</a></p>'
        "</header>",
        "<main>",
        "<article>",
        f"<h1>{escape(entry.title)}</h1>",
        f'<p class="meta">{meta}</p>',
        # Sanitized by the loader (a safe subset, absolute URLs): what the feeds carry.
        entry.content_html or f"<p>{escape(entry.summary or entry.title)}</p>",
    ]
    if entry.tags:
        lines.append('<p class="meta">Tags: ' + escape(", ".join(entry.tags)) + "</p>")
    lines += [
        "</article>",
        "</main>",
        f'<footer><p><a href="../{INDEX_NAME}">All entries and feeds</a></p></footer>',
        "</body>",
        "</html>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def orphan_entry_pages(out: Path, names: set[str]) -> list[Path]:
    """Entry pages on disk under ``out`` that are not among ``names`` (their entry is
    gone, or has a link of its own now)."""
    folder = out / ENTRY_DIR
    try:
        # One listing, whose entries know their type: a Path and a stat for each of
        # thousands of pages cost many times the listing.
        with os.scandir(folder) as listing:
            found = [
                item.name
                for item in listing
                if is_entry_page_name(item.name)
                and f"{ENTRY_DIR}/{item.name}" not in names
                and item.is_file()
            ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in sorted(found)]
