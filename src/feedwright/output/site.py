"""The files for people beside the feeds: the stylesheet, the entry pages and ``index.html``."""

from __future__ import annotations

from collections.abc import Callable

from feedwright.config import Config
from feedwright.entry import Entry, EntryHead
from feedwright.layout import INDEX_NAME, STYLESHEET_NAME
from feedwright.links import entry_page_name
from feedwright.loader.dates import resolve_zone
from feedwright.output.builder import sort_entries
from feedwright.output.entrypages import entry_pages
from feedwright.output.pages import FEED_CSS, feed_links, index_page
from feedwright.output.tagfeeds import select_tag_feeds


def site_documents(
    config: Config,
    entries: list[EntryHead],
    *,
    reuse: Callable[[EntryHead, str], bool],
    fill: Callable[[list[EntryHead]], Callable[[EntryHead], Entry]],
) -> tuple[dict[str, bytes], dict[str, bytes], list[str]]:
    """The files for people a build writes beside the feeds, by path under the out folder:
    those to put in place before the feeds (the stylesheet and the entry pages the feeds
    link to), those after (``index.html``, which links to the feeds), and the entry pages
    left as they are on disk because ``reuse`` says so.

    An entry has a page when its link is its page's URL (:func:`feedwright.links.entry_link`
    decided so); ``fill`` makes the entries whose page is built whole (see
    :func:`feedwright.output.archives.feed_documents`).
    """
    zone = resolve_zone(config.timezone)
    ordered = sort_entries(entries)
    pages = {
        e.id: entry_page_name(e.id)
        for e in ordered
        if e.id and e.link == config.feed_base + entry_page_name(e.id)
    }
    built, kept = entry_pages(config, ordered, pages, zone=zone, reuse=reuse, fill=fill)
    tags = select_tag_feeds(ordered, minimum=config.tag_feed_min)
    index = index_page(
        config,
        ordered[: config.max_entries],
        zone=zone,
        feeds=feed_links(tags),
        link_of=pages,
    )
    return {STYLESHEET_NAME: FEED_CSS.encode("utf-8"), **built}, {INDEX_NAME: index}, kept
