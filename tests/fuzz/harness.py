"""What the fuzz targets check, shared by the atheris targets and their hypothesis versions.

The contract under test (issue 12, "Keep them running"): any bytes become one ``Entry`` or
one named ``ArticleError`` (one line, naming the file), never another exception; and any
entries the loader gives become documents that are well-formed XML, that feedparser reads
without ``bozo``, and that feedwright's own pre-publish validator accepts, so a build is
never refused because of what one article held.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timezone

import feedparser
from dateutil import tz
from lxml import etree

from feedwright.config import Config
from feedwright.entry import Entry
from feedwright.errors import ArticleError
from feedwright.ledger import Ledger, archive_page_count, reconcile
from feedwright.loader.parse import LoadOptions, parse_article
from feedwright.output.archives import feed_documents
from feedwright.output.validate import first_problem

#: A small site, so that a few entries already fill archive pages and tag feeds.
CONFIG = Config(
    title="Fuzz",
    description="Documents built from fuzzed articles",
    site_url="https://example.org/",
    max_entries=2,
    archive_page_size=2,
    tag_feed_min=1,
)
OPTIONS = LoadOptions(default_tz=tz.UTC, base_url=CONFIG.site_url)
#: After every date the loader accepts as plausible, so nothing is held back as scheduled.
NOW = datetime(2099, 1, 1, tzinfo=timezone.utc)
SUFFIXES = (".txt", ".md", ".markdown", ".text")


def load(data: bytes, *, source: str) -> Entry | None:
    """The entry in ``data``, or ``None`` for a named, one-line error; anything else raises."""
    try:
        entry = parse_article(data, source=source, options=OPTIONS)
    except ArticleError as e:
        message = str(e)
        assert message.startswith(source + ":"), message
        assert "\n" not in message and "\r" not in message, message
        return None
    assert entry.source == source
    assert entry.draft or entry.title.strip(), entry
    return entry


def check_documents(entries: Sequence[Entry]) -> dict[str, bytes]:
    """Build every document of ``entries`` and check each; return them (names to bytes)."""
    publishable = [e for e in entries if not e.draft]
    if not publishable:
        return {}
    loaded = [
        (e, hashlib.sha256(repr(e).encode("utf-8", "surrogatepass")).hexdigest())
        for e in publishable
    ]
    settled = reconcile(Ledger(), loaded, domain=CONFIG.domain, now=NOW, tzinfo=tz.UTC, page_size=2)
    if not settled.entries:
        return {}
    pages = {r.id: r.page for r in settled.ledger.records.values()}
    documents = feed_documents(CONFIG, settled.entries, pages, archive_page_count(settled.ledger))
    rejected = first_problem(documents, base_url=CONFIG.feed_base)
    assert rejected is None, rejected
    for name, data in documents.items():
        if not name.endswith(".xml"):
            continue
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (name, parsed.bozo_exception)
    return documents


def articles_from(parts: Sequence[tuple[str, bytes]]) -> list[Entry]:
    """Load each ``(source, bytes)``; the entries of those that load."""
    entries = []
    for source, data in parts:
        entry = load(data, source=source)
        if entry is not None:
            entries.append(entry)
    return entries


#: Metadata keys the structured builder target writes, with the loader's synonyms.
KEYS = ("Title", "Date", "Updated", "Author", "Tags", "Link", "Id", "Summary", "Language")


def article_text(fields: Sequence[tuple[str, str]], body: str, *, yaml: bool) -> str:
    """An article with a metadata header of ``fields`` (YAML front matter or key lines)."""
    if yaml:
        lines = ["---", *(f"{k.lower()}: {v}" for k, v in fields), "---"]
    else:
        lines = [*(f"{k}: {v}" for k, v in fields), ""]
    return "\n".join(lines) + "\n" + body
