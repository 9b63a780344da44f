"""Where things live: the config, the cache, the documents under the out folder.

No imports: quiet runs read this before anything else is loaded.
"""

from __future__ import annotations

#: The config file looked for in the folder a command runs in.
CONFIG_NAME = "feedwright.toml"
#: The incremental cache's folder, beside the ledger (never committed; safe to delete).
CACHE_DIR_NAME = ".feedwright-cache"

#: The subscription feeds, directly in the out folder.
SUBSCRIPTION_NAMES = ("atom.xml", "rss.xml")
#: The folder of RFC 5005 archive pages, under the out folder.
ARCHIVE_DIR = "archive"
#: File suffixes read as articles (the loader renders ``.md``/``.markdown`` as Markdown).
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")


def is_page_name(name: str) -> bool:
    """True for archive page file names: ``atom-N.xml`` and ``rss-N.xml``, N from 1."""
    kind, dash, rest = name.partition("-")
    number = rest.removesuffix(".xml")
    return (
        kind in ("atom", "rss")
        and bool(dash)
        and number != rest
        and number.isascii()
        and number.isdigit()
        and number[0] != "0"
    )
