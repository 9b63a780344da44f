"""Which feed documents a build writes: subscription feeds and their RFC 5005 archives.

The subscription feeds (``atom.xml``, ``rss.xml``) hold the newest ``max_entries`` within
``max_bytes``. When older entries do not fit, every entry is also reachable on an archive
page (``archive/atom-N.xml``), whose number the ledger fixed once, oldest first, when the
entry first appeared. So pages never reshuffle: a page holds the same entries forever,
and once it is full (its ``archive_page_size`` ids are handed out) its links are final
too, because the next page is opened, empty if need be, in the same build. Only an edit
or a deletion of one of its own articles changes a full page again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from feedwright.builder import FeedInfo, build_atom, build_rss, sort_entries
from feedwright.config import Config
from feedwright.dates import EARLIEST
from feedwright.entry import Entry
from feedwright.layout import ARCHIVE_DIR

Builder = Callable[[list[Entry], FeedInfo], bytes]
Links = tuple[tuple[str, str], ...]


def feed_documents(
    config: Config, entries: list[Entry], page_of: dict[str, int], page_count: int
) -> dict[str, bytes]:
    """Every feed document by its path under the out folder, in the order to write them.

    ``page_of`` maps each entry id to its archive page; ``page_count`` is how many pages
    exist (:func:`feedwright.ledger.archive_page_count`). Archive pages come first, newest
    first, then the subscription feeds: a document is only put in place after every
    document it links to, so a reader following a link never finds it missing, even if
    the run dies half way.
    """
    ordered = sort_entries(entries)
    # An empty open page still needs an <updated>: the newest publication, which only
    # moves when an entry arrives (and then lands on that page anyway).
    newest = ordered[0].published if ordered and ordered[0].published else EARLIEST
    pages: dict[str, bytes] = {}
    heads: dict[str, bytes] = {}
    for kind, build in (("atom", build_atom), ("rss", build_rss)):
        current = _url(config, f"{kind}.xml")
        head = _fit(config, ordered, build, current, links=())
        links: Links = ()
        if len(head) < len(ordered):
            links = (("prev-archive", _page_url(config, kind, page_count)),)
            head = _fit(config, ordered, build, current, links=links)
            by_page: dict[int, list[Entry]] = {}
            for entry in ordered:
                by_page.setdefault(page_of[entry.id or ""], []).append(entry)
            for page in range(page_count, 0, -1):
                on_page = by_page.get(page, [])
                info = _page_info(config, kind, page, page_count, on_page, newest)
                pages[f"{ARCHIVE_DIR}/{kind}-{page}.xml"] = build(on_page, info)
        heads[f"{kind}.xml"] = build(head, _info(config, current, head, links=links))
    return {**pages, **heads}


def _page_info(
    config: Config, kind: str, page: int, count: int, entries: list[Entry], newest: datetime
) -> FeedInfo:
    self_url = _page_url(config, kind, page)
    if count == 1:
        # The lone page holds every entry: RFC 5005 section 2 calls that a complete feed,
        # and a complete feed carries no archive links (the validator's
        # CurrentNotSelfInCompleteFeed / FeedRelInCompleteFeed).
        return _info(config, self_url, entries, links=(), history="complete")
    links: Links = (("current", _url(config, f"{kind}.xml")),)
    if page > 1:
        links += (("prev-archive", _page_url(config, kind, page - 1)),)
    if page < count:
        links += (("next-archive", _page_url(config, kind, page + 1)),)
    return _info(config, self_url, entries, links=links, history="archive", updated=newest)


def _url(config: Config, name: str) -> str:
    return f"{config.feed_base}{name}"


def _page_url(config: Config, kind: str, page: int) -> str:
    return _url(config, f"{ARCHIVE_DIR}/{kind}-{page}.xml")


def _fit(
    config: Config, ordered: list[Entry], build: Builder, self_url: str, *, links: Links
) -> list[Entry]:
    """The newest entries that fit both ``max_entries`` and ``max_bytes``."""
    head = ordered[: config.max_entries]
    while len(head) > 1:
        size = len(build(head, _info(config, self_url, head, links=links)))
        if size <= config.max_bytes:
            break
        # Shrink in proportion to the overshoot, at least by one entry.
        head = head[: max(1, min(len(head) - 1, int(len(head) * config.max_bytes / size)))]
    return head


def _info(
    config: Config,
    self_url: str,
    entries: list[Entry],
    *,
    links: Links,
    history: str = "",
    updated: datetime | None = None,
) -> FeedInfo:
    newest = max((e.updated for e in entries if e.updated), default=updated or EARLIEST)
    return FeedInfo(
        title=config.title,
        description=config.description,
        site_url=config.site_url,
        self_url=self_url,
        author=config.author,
        email=config.email,
        language=config.language,
        updated=newest,
        links=links,
        history=history,
    )
