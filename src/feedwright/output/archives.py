"""Which feed documents a build writes: subscription feeds and their RFC 5005 archives.

The subscription feeds (``atom.xml``, ``rss.xml``, ``feed.json``) hold the newest
``max_entries`` within ``max_bytes``. When older entries do not fit, every entry is also
reachable on an archive page (``archive/atom-N.xml``, ``archive/feed-N.json``), whose
number the ledger fixed once, oldest first, when the entry first appeared. So pages never
reshuffle: a page holds the same entries forever. No page is ever empty: the next page
opens with its first entry, and the full page before it gains its ``next-archive`` link
then, its last change; after that only an edit or a deletion of one of its own articles
changes it again. JSON Feed has no archive markers: its pages are chained by ``next_url``,
the RFC 5005 ``prev-archive``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from feedwright.config import Config
from feedwright.entry import Entry, EntryHead, require_text
from feedwright.layout import ARCHIVE_DIR, FORMATS
from feedwright.loader.dates import EARLIEST
from feedwright.output.builder import (
    FeedInfo,
    assemble_atom,
    assemble_rss,
    fragments,
    sort_entries,
)
from feedwright.output.jsonfeed import assemble_json, json_fragment
from feedwright.output.ownpage import resolve_own_page_links
from feedwright.output.pages import stylesheet_href
from feedwright.output.tagfeeds import TagFeed, reusable_tag_feeds, select_tag_feeds
from feedwright.workers import map_on_cores

if TYPE_CHECKING:
    from feedwright.ledger import Ledger

Links = tuple[tuple[str, str], ...]
Assemble = Callable[[FeedInfo, list[bytes]], bytes]
#: Each format by its page stem (as in :data:`feedwright.layout.FORMATS`): its place in
#: an :func:`entry_fragments` triple, and its assembler.
_KINDS: dict[str, tuple[int, Assemble]] = {
    "atom": (0, assemble_atom),
    "rss": (1, assemble_rss),
    "feed": (2, assemble_json),
}
#: Below this many entries, worker processes cost more than they save.
PARALLEL_MIN = 200


def feed_documents(
    config: Config,
    entries: list[EntryHead],
    page_of: dict[str, int],
    page_count: int,
    *,
    keep: set[int] | frozenset[int] = frozenset(),
    keep_tags: frozenset[str] = frozenset(),
    fill: Callable[[list[EntryHead]], Callable[[EntryHead], Entry]] = lambda _: require_text,
    absent: Collection[str] = (),
    interim: dict[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every feed document by its path under the out folder, in the order to write them.

    ``page_of`` maps each entry id to its archive page; ``page_count`` is how many pages
    exist (:func:`feedwright.ledger.archive_page_count`). Archive pages come first, newest
    first, then the subscription feeds: a document is only put in place after every
    document it links to, so a reader following a link never finds it missing, even if
    the run dies half way. The tag feeds (:mod:`feedwright.output.tagfeeds`) come last.
    Each entry is built and serialised once per format, and the same bytes go into every
    document that holds it. Pages in ``keep`` are left out (the caller knows they are
    unchanged on disk), and so are their entries unless a tag feed holds them; so are
    the tag feeds whose slug is in ``keep_tags``.

    Only the entries of the documents written are built, so the others may be heads
    (:class:`~feedwright.entry.EntryHead`, without their text): ``fill`` is given the
    entries to build and returns the function that makes an :class:`Entry` of one, which
    runs where the entry is built (in a worker when there are many, so the text of a big
    site never passes through here). By default every entry must already be whole.

    Two documents new in one build may link each other (two archive pages opened at once;
    on a first build, a subscription feed and its newest page), and one of them is on disk
    first. So each document named in ``absent`` (not on disk) that links to another absent
    one also gets an interim version in ``interim``, without those links, valid alone:
    a page as if it were the last (no ``next-archive``), a subscription feed without its
    ``prev-archive``. Written before the final documents (subscription feeds, then pages
    oldest first), they keep every state on disk valid, every link leading to a document.
    """
    ordered = sort_entries(entries)
    # A middle page whose articles were all deleted still needs an <updated>: the newest
    # publication, which only moves when an entry arrives.
    newest = ordered[0].published if ordered and ordered[0].published else EARLIEST
    head = ordered[: config.max_entries]
    tag_feeds = [
        replace(tag, entries=tag.entries[: config.max_entries])
        for tag in select_tag_feeds(ordered, minimum=config.tag_feed_min)
        if tag.slug not in keep_tags
    ]
    tagged = {e.id for tag in tag_feeds for e in tag.entries}
    # The entries of every document this build writes: the newest (the subscription
    # feeds take what fits of them), those on archive pages not kept as they are, and
    # the newest of each tag.
    needed = head + [
        e for e in ordered[len(head) :] if page_of[e.id or ""] not in keep or e.id in tagged
    ]
    built = build_fragments(needed, fill(needed), language=config.language)
    by_page: dict[int, list[EntryHead]] = {}
    for entry in ordered:
        by_page.setdefault(page_of[entry.id or ""], []).append(entry)
    pages: dict[str, bytes] = {}
    heads: dict[str, bytes] = {}
    tags: dict[str, bytes] = {}
    for name, kind, _ in FORMATS:
        index, assemble = _KINDS[kind]
        pieces = {ident: pair[index] for ident, pair in built.items()}
        current = _url(config, name)
        fitted = _fit(config, head, pieces, assemble, current, links=())
        links: Links = ()
        if len(fitted) < len(ordered):
            links = (("prev-archive", _page_url(config, kind, page_count)),)
            fitted = _fit(config, fitted, pieces, assemble, current, links=links)
            for page in range(page_count, 0, -1):
                if page in keep:
                    continue
                on_page = by_page.get(page, [])
                info = _page_info(config, kind, page, page_count, on_page, newest)
                pages[_page_name(kind, page)] = assemble(
                    info, [pieces[e.id or ""] for e in on_page]
                )
        heads[name] = assemble(
            _info(config, current, fitted, links=links), [pieces[e.id or ""] for e in fitted]
        )
        if interim is not None and links:
            _interims(
                config, kind, name, interim, absent, page_count, pieces, by_page, newest, head
            )
        for tag in tag_feeds:
            tags[tag.name(name)] = _tag_document(config, tag, name, pieces, assemble)
    return {**pages, **heads, **dict(sorted(tags.items()))}


def kept_tag_feeds(
    config: Config,
    entries: list[EntryHead],
    old: Ledger,
    new: Ledger,
    untouched: Callable[[list[str]], bool],
) -> frozenset[str]:
    """The slugs of the tag feeds a build can leave as they are on disk (see
    :func:`~feedwright.output.tagfeeds.reusable_tag_feeds`)."""
    return reusable_tag_feeds(
        select_tag_feeds(sort_entries(entries), minimum=config.tag_feed_min),
        old,
        new,
        out=config.out,
        title=lambda tag: _info(config, "", [], links=(), tag=tag.label).title,
        limit=config.max_entries,
        untouched=untouched,
    )


def _tag_document(
    config: Config, tag: TagFeed, name: str, pieces: dict[str, bytes], assemble: Assemble
) -> bytes:
    """One tag's feed: its newest entries that fit, under its own title and self link.

    No archives: the tag's older entries stay reachable from the main feed's.
    """
    self_url = _url(config, tag.name(name))
    fitted = _fit(config, list(tag.entries), pieces, assemble, self_url, links=(), tag=tag.label)
    info = _info(config, self_url, fitted, links=(), tag=tag.label)
    return assemble(info, [pieces[e.id or ""] for e in fitted])


def _interims(
    config: Config,
    kind: str,
    name: str,
    interim: dict[str, bytes],
    absent: Collection[str],
    page_count: int,
    pieces: dict[str, bytes],
    by_page: dict[int, list[EntryHead]],
    newest: datetime,
    head: list[EntryHead],
) -> None:
    """The interim versions (see :func:`feed_documents`) of one format's new documents."""
    assemble = _KINDS[kind][1]
    if name in absent:
        current = _url(config, name)
        fitted = _fit(config, head, pieces, assemble, current, links=())
        interim[name] = assemble(
            _info(config, current, fitted, links=()), [pieces[e.id or ""] for e in fitted]
        )
    for page in range(1, page_count):
        if _page_name(kind, page) in absent and _page_name(kind, page + 1) in absent:
            on_page = by_page.get(page, [])
            info = _page_info(config, kind, page, page, on_page, newest)
            interim[_page_name(kind, page)] = assemble(info, [pieces[e.id or ""] for e in on_page])


def _page_info(
    config: Config, kind: str, page: int, count: int, entries: list[EntryHead], newest: datetime
) -> FeedInfo:
    self_url = _page_url(config, kind, page)
    if count == 1:
        # The lone page holds every entry: RFC 5005 section 2 calls that a complete feed,
        # and a complete feed carries no archive links (the validator's
        # CurrentNotSelfInCompleteFeed / FeedRelInCompleteFeed).
        return _info(config, self_url, entries, links=(), history="complete")
    links: Links = (("current", _url(config, _subscription_name(kind))),)
    if page > 1:
        links += (("prev-archive", _page_url(config, kind, page - 1)),)
    if page < count:
        links += (("next-archive", _page_url(config, kind, page + 1)),)
    return _info(config, self_url, entries, links=links, history="archive", updated=newest)


def _url(config: Config, name: str) -> str:
    return f"{config.feed_base}{name}"


def _subscription_name(kind: str) -> str:
    return next(name for name, stem, _ in FORMATS if stem == kind)


def _page_name(kind: str, page: int) -> str:
    suffix = next(suffix for _, stem, suffix in FORMATS if stem == kind)
    return f"{ARCHIVE_DIR}/{kind}-{page}{suffix}"


def _page_url(config: Config, kind: str, page: int) -> str:
    return _url(config, _page_name(kind, page))


def _fit(
    config: Config,
    head: list[EntryHead],
    fragments: dict[str, bytes],
    assemble: Assemble,
    self_url: str,
    *,
    links: Links,
    tag: str = "",
) -> list[EntryHead]:
    """The newest entries that fit ``max_bytes`` (``head`` already fits ``max_entries``)."""
    overhead = len(assemble(_info(config, self_url, head[:1], links=links, tag=tag), []))
    total = overhead
    for n, entry in enumerate(head):
        total += len(fragments[entry.id or ""])
        if total > config.max_bytes and n > 0:
            return head[:n]
    return head


def entry_fragments(entry: Entry, *, language: str = "") -> tuple[bytes, bytes, bytes]:
    """``entry`` as an Atom, an RSS and a JSON Feed fragment; ``language`` is the feed's.

    Raises:
        FeedError: the entry cannot be represented (names the article).
    """
    entry = resolve_own_page_links(entry)
    return (*fragments(entry, language=language), json_fragment(entry))


def build_fragments(
    entries: list[EntryHead],
    whole: Callable[[EntryHead], Entry] = require_text,
    *,
    language: str = "",
) -> dict[str, tuple[bytes, bytes, bytes]]:
    """Each entry's fragments in every format by entry id: built once, on every core when
    there are many, each entry made ``whole`` first; ``language`` is the feed's."""
    build = functools.partial(_fragments, whole=whole, language=language)
    built = map_on_cores(build, entries, min_items=PARALLEL_MIN)
    return {e.id or "": triple for e, triple in zip(entries, built, strict=True)}


def _fragments(
    entry: EntryHead, *, whole: Callable[[EntryHead], Entry], language: str
) -> tuple[bytes, bytes, bytes]:
    return entry_fragments(whole(entry), language=language)


def _info(
    config: Config,
    self_url: str,
    entries: list[EntryHead],
    *,
    links: Links,
    history: str = "",
    updated: datetime | None = None,
    tag: str = "",
) -> FeedInfo:
    """The head of a document of ``entries``; with ``tag``, of that tag's feed."""
    newest = max((e.updated for e in entries if e.updated), default=updated or EARLIEST)
    return FeedInfo(
        title=f"{config.title}: {tag}" if tag else config.title,
        # The tag stays out of the description: RSS readers render a channel description
        # as HTML, so a tag such as "</b>" would draw the validator's ContainsHTML there.
        description=config.description,
        site_url=config.site_url,
        self_url=self_url,
        author=config.author,
        email=config.email,
        language=config.language,
        updated=newest,
        links=links,
        history=history,
        hubs=config.hub,
        stylesheet=stylesheet_href(config, self_url),
    )
