"""Where a build's documents go under the out folder (no imports: quiet runs read this)."""

from __future__ import annotations

import re

#: The subscription feeds, directly in the out folder.
SUBSCRIPTION_NAMES = ("atom.xml", "rss.xml")
#: The folder of RFC 5005 archive pages, under the out folder.
ARCHIVE_DIR = "archive"
#: Archive page file names: ``atom-N.xml`` and ``rss-N.xml``, N from 1.
PAGE_NAME = re.compile(r"^(atom|rss)-[1-9][0-9]*\.xml$")
#: File suffixes read as articles (the loader renders ``.md``/``.markdown`` as Markdown).
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")
