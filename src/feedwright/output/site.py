"""The files for people beside the feeds: the stylesheet, the entry pages and ``index.html``."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from feedwright.config import Config
from feedwright.entry import Entry, EntryHead
from feedwright.layout import INDEX_NAME, STYLESHEET_NAME
from feedwright.links import entry_page_name
from feedwright.loader.dates import resolve_zone
from feedwright.output.archives import Pieces
from feedwright.output.builder import sort_entries
from feedwright.output.entrypages import entry_page, entry_pages
from feedwright.output.pages import FEED_CSS, feed_links, index_page
from feedwright.output.tagfeeds import select_tag_feeds


class SitePlan:
    """The files for people a build writes beside the feeds: those to put in place before
    the feeds (the stylesheet and the entry pages the feeds link to), those after
    (``index.html``, which links to the feeds), and the entry pages left as they are on
    disk (:attr:`kept`) because ``reuse`` says so.

    An entry has a page when its link is its page's URL (:func:`feedwright.links.entry_link`
    decided so). The pages of :attr:`needed` are built with the feed fragments, once per
    entry (:func:`feedwright.output.archives.build_pieces`, with :meth:`page_maker`).
    """

    def __init__(
        self, config: Config, entries: list[EntryHead], *, reuse: Callable[[EntryHead, str], bool]
    ) -> None:
        self.config = config
        self.zone = resolve_zone(config.timezone)
        self.ordered = sort_entries(entries)
        #: Each entry's page by entry id.
        self.pages = {
            e.id: entry_page_name(e.id)
            for e in self.ordered
            if e.id and e.link == config.feed_base + entry_page_name(e.id)
        }
        self.needed, self.kept = entry_pages(self.ordered, self.pages, reuse=reuse)

    def page_maker(self) -> Callable[[Entry], bytes]:
        """What makes an entry's page."""
        return functools.partial(entry_page, self.config, zone=self.zone)

    def before(self, pieces: Pieces) -> Iterator[tuple[str, bytes]]:
        """The stylesheet and the entry pages built, by name, one at a time."""
        yield STYLESHEET_NAME, FEED_CSS.encode("utf-8")
        named = sorted((self.pages[e.id or ""], e.id or "") for e in self.needed)
        for name, ident in named:
            yield name, pieces.get(ident, 3)

    def after(self, fill: Callable[[EntryHead], Entry]) -> Iterator[tuple[str, bytes]]:
        """``index.html``, its entries' summaries read back with ``fill`` (they are the
        subscription feeds' entries: built this run, so their text is at hand)."""
        config = self.config
        tags = select_tag_feeds(self.ordered, minimum=config.tag_feed_min)
        yield (
            INDEX_NAME,
            index_page(
                config,
                [fill(e) for e in self.ordered[: config.max_entries]],
                zone=self.zone,
                feeds=feed_links(tags),
                link_of=self.pages,
            ),
        )
