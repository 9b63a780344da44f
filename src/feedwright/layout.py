"""Where things live: the config, the cache, the documents under the out folder.

Imports only os: quiet runs read this before anything else is loaded.
"""

from __future__ import annotations

import os

#: The config file looked for in the folder a command runs in.
CONFIG_NAME = "feedwright.toml"
#: The incremental cache's folder, beside the ledger (never committed; safe to delete).
CACHE_DIR_NAME = ".feedwright-cache"

#: Each format: its subscription document, directly in the out folder, and the stem and
#: suffix of its archive pages (``archive/atom-3.xml``).
FORMATS = (("atom.xml", "atom", ".xml"), ("rss.xml", "rss", ".xml"), ("feed.json", "feed", ".json"))
#: The subscription feeds, directly in the out folder.
SUBSCRIPTION_NAMES = tuple(name for name, _, _ in FORMATS)
#: The page for people, listing the newest entries, and the stylesheet of the feeds.
INDEX_NAME = "index.html"
STYLESHEET_NAME = "feed.css"
#: The folder of entry pages, for entries without a web page of their own.
ENTRY_DIR = "entries"
#: Files for people written beside the feeds, by the same build.
PAGE_NAMES = (INDEX_NAME, STYLESHEET_NAME)
#: The folder of RFC 5005 archive pages, under the out folder.
ARCHIVE_DIR = "archive"
#: The folder of per-tag feeds (``tags/<slug>/atom.xml``...), under the out folder.
TAGS_DIR = "tags"
#: File suffixes read as articles (the loader renders ``.md``/``.markdown`` as Markdown).
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def page_names(page: int) -> list[str]:
    """Archive page ``page`` in every format, relative to the out folder."""
    return [f"{ARCHIVE_DIR}/{stem}-{page}{suffix}" for _, stem, suffix in FORMATS]


def is_page_name(name: str) -> bool:
    """True for archive page file names: ``atom-N.xml``, ``rss-N.xml``, ``feed-N.json``,
    N from 1."""
    kind, dash, rest = name.partition("-")
    suffix = next((s for _, stem, s in FORMATS if stem == kind), None)
    number = rest.removesuffix(suffix or ".")
    return (
        suffix is not None
        and bool(dash)
        and number != rest
        and number.isascii()
        and number.isdigit()
        and number[0] != "0"
    )


def find_config(start: str) -> str | None:
    """The ``feedwright.toml`` in ``start`` or the nearest folder above it, as git finds its
    repository: a command run in ``articles/world/`` works on the site around it."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, CONFIG_NAME)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
