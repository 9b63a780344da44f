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
from collections.abc import Callable, Collection, Iterator
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from feedwright.config import Config
from feedwright.entry import Entry, EntryHead, require_text
from feedwright.errors import FeedError
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
from feedwright.output.validate import check_feed
from feedwright.spill import Spill
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
#: What closes each format's document, where its entries go in.
_JSON_END = b"]\n}\n"
_CLOSING = {"atom": b"</feed>", "rss": b"  </channel>"}


def _filled(kind: str, empty: bytes, fragments: list[bytes]) -> bytes:
    """The document ``empty`` (assembled without entries) with ``fragments`` put in:
    the very bytes its assembler makes of them."""
    if kind == "feed":
        if not fragments:
            return empty
        body = b"".join(fragments)[: -len(b",\n")]
        return empty[: -len(_JSON_END)] + b"\n" + body + b"\n  ]\n}\n"
    cut = empty.rindex(_CLOSING[kind])
    return b"".join([empty[:cut], *fragments, empty[cut:]])


def _checked(
    config: Config, name: str, kind: str, info: FeedInfo, entries: list[EntryHead], pieces: Pieces
) -> bytes:
    """The document ``name`` of ``info`` and ``entries``, checked as it is assembled.

    Its entries were checked where they were built (:func:`build_pieces`); here its head
    (parsed alone, without them) and what only the whole document shows: no two entries
    with one id or, in Atom, one ``updated``. The fragments are never parsed again.

    Raises:
        FeedError: the document may not be published (names it).
    """
    fragments = pieces.all(entries, kind_index(kind))
    empty = _empty(kind, info, fragments)
    problems = check_feed(empty, self_url=_url(config, name))
    ids = [e.id or "" for e in entries]
    if len(set(ids)) < len(ids):
        problems.append(f"entry {_repeated(ids)}: duplicate id")
    # W3C DuplicateUpdated compares the text, which feedgen writes with isoformat().
    stamps = [e.updated.isoformat() if e.updated else "" for e in entries]
    if kind == "atom" and len(set(stamps)) < len(stamps):
        problems.append(
            f"entry ({ids[stamps.index(_repeated(stamps))]}): same <updated> as another"
        )
    if problems:
        raise FeedError(f"refusing to publish: {problems[0]}", path=name)
    return _filled(kind, empty, fragments)


def kind_index(kind: str) -> int:
    """Where a format's fragment is in an entry's pieces."""
    return _KINDS[kind][0]


def _empty(kind: str, info: FeedInfo, fragments: list[bytes]) -> bytes:
    """The document of ``info`` without entries, as its assembler makes it for these
    ``fragments`` (the RSS channel declares the namespaces its items use)."""
    if kind == "rss":
        return assemble_rss(info, [], media=any(b"<media:" in f for f in fragments))
    return _KINDS[kind][1](info, [])


def _repeated(values: list[str]) -> str:
    """The first value that comes twice."""
    seen: set[str] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return ""


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
    """Every feed document by its path under the out folder, in the order to write them
    (:class:`FeedPlan` says which and in what order), all held at once: for tests and
    small sites. A build streams them instead (:meth:`FeedPlan.documents`).

    ``fill`` is given the entries to build and returns the function that makes an
    :class:`Entry` of one (by default every entry must already be whole). The interim
    versions of the documents in ``absent`` go to ``interim``.
    """
    plan = FeedPlan(config, entries, page_of, page_count, keep=keep, keep_tags=keep_tags)
    documents: dict[str, bytes] = {}
    with Spill.open() as spill:
        pieces = build_pieces(plan.needed, fill(plan.needed), spill=spill, language=config.language)
        for name, data, early in plan.documents(pieces, absent=absent):
            if not early:
                documents[name] = data
            elif interim is not None:
                interim[name] = data
    return documents


class FeedPlan:
    """Which feed documents a build writes: subscription feeds, archive pages, tag feeds.

    ``page_of`` maps each entry id to its archive page; ``page_count`` is how many pages
    exist (:func:`feedwright.ledger.archive_page_count`). Archive pages come first, newest
    first, then the subscription feeds: a document is only put in place after every
    document it links to, so a reader following a link never finds it missing, even if
    the run dies half way. The tag feeds (:mod:`feedwright.output.tagfeeds`) come last.
    Each entry is built and serialised once per format (:func:`build_pieces`), and the
    same bytes go into every document that holds it. Pages in ``keep`` are left out (the
    caller knows they are unchanged on disk), and so are their entries unless a tag feed
    holds them; so are the tag feeds whose slug is in ``keep_tags``.

    Only the entries of the documents written (:attr:`needed`) are built, so the others
    may be heads (:class:`~feedwright.entry.EntryHead`, without their text).

    Two documents new in one build may link each other (two archive pages opened at once;
    on a first build, a subscription feed and its newest page), and one of them is on disk
    first. So each document named in ``absent`` (not on disk) that links to another absent
    one also gets an interim version, without those links, valid alone: a page as if it
    were the last (no ``next-archive``), a subscription feed without its ``prev-archive``.
    Written before the final documents (subscription feeds, then pages oldest first), they
    keep every state on disk valid, every link leading to a document.
    """

    def __init__(
        self,
        config: Config,
        entries: list[EntryHead],
        page_of: dict[str, int],
        page_count: int,
        *,
        keep: set[int] | frozenset[int] = frozenset(),
        keep_tags: frozenset[str] = frozenset(),
    ) -> None:
        self.config = config
        self.page_count = page_count
        self.keep = keep
        ordered = self.ordered = sort_entries(entries)
        # A middle page whose articles were all deleted still needs an <updated>: the
        # newest publication, which only moves when an entry arrives.
        self.newest = ordered[0].published if ordered and ordered[0].published else EARLIEST
        head = self.head = ordered[: config.max_entries]
        self.tag_feeds = [
            replace(tag, entries=tag.entries[: config.max_entries])
            for tag in select_tag_feeds(ordered, minimum=config.tag_feed_min)
            if tag.slug not in keep_tags
        ]
        tagged = {e.id for tag in self.tag_feeds for e in tag.entries}
        #: The entries of every document this build writes: the newest (the subscription
        #: feeds take what fits of them), those on archive pages not kept as they are,
        #: and the newest of each tag.
        self.needed = head + [
            e for e in ordered[len(head) :] if page_of[e.id or ""] not in keep or e.id in tagged
        ]
        #: The names of the kept pages (``keep``) that the feeds still have, once
        #: :meth:`documents` has run (a format whose entries all fit its subscription
        #: document has no archive pages).
        self.kept: list[str] = []
        self.by_page: dict[int, list[EntryHead]] = {}
        for entry in ordered:
            self.by_page.setdefault(page_of[entry.id or ""], []).append(entry)

    def documents(
        self, pieces: Pieces, *, absent: Collection[str] = ()
    ) -> Iterator[tuple[str, bytes, bool]]:
        """Each document as ``(name, bytes, interim)``, one at a time, in the order to
        write them: the interim versions first, then the archive pages, the subscription
        feeds and the tag feeds."""
        config = self.config
        finals: list[tuple[str, str, list[EntryHead], Links]] = []
        for name, kind, _ in FORMATS:
            sized = functools.partial(pieces.size, index=_KINDS[kind][0])
            assemble = _KINDS[kind][1]
            current = _url(config, name)
            fitted = _fit(config, self.head, sized, assemble, current, links=())
            links: Links = ()
            if len(fitted) < len(self.ordered):
                links = (("prev-archive", _page_url(config, kind, self.page_count)),)
                yield from self._interims(kind, name, fitted, pieces, absent)
                fitted = _fit(config, fitted, sized, assemble, current, links=links)
            finals.append((name, kind, fitted, links))
        for _, kind, _, links in finals:
            if links:
                yield from self._pages(kind, pieces)
        for name, kind, fitted, links in finals:
            info = _info(config, _url(config, name), fitted, links=links)
            yield name, _checked(config, name, kind, info, fitted, pieces), False
        tags = [
            (tag.name(name), tag, name, kind) for name, kind, _ in FORMATS for tag in self.tag_feeds
        ]
        for path, tag, name, kind in sorted(tags, key=lambda t: t[0]):
            yield path, _tag_document(config, tag, name, pieces, kind), False

    def _pages(self, kind: str, pieces: Pieces) -> Iterator[tuple[str, bytes, bool]]:
        for page in range(self.page_count, 0, -1):
            if page in self.keep:
                self.kept.append(_page_name(kind, page))
                continue
            on_page = self.by_page.get(page, [])
            info = _page_info(self.config, kind, page, self.page_count, on_page, self.newest)
            name = _page_name(kind, page)
            yield name, _checked(self.config, name, kind, info, on_page, pieces), False

    def _interims(
        self,
        kind: str,
        name: str,
        fitted: list[EntryHead],
        pieces: Pieces,
        absent: Collection[str],
    ) -> Iterator[tuple[str, bytes, bool]]:
        """The interim versions of one format's new documents; ``fitted`` is what the
        subscription feed holds without its archive link."""
        config = self.config
        if name in absent:
            info = _info(config, _url(config, name), fitted, links=())
            yield name, _checked(config, name, kind, info, fitted, pieces), True
        for page in range(1, self.page_count):
            page_name = _page_name(kind, page)
            if page_name in absent and _page_name(kind, page + 1) in absent:
                on_page = self.by_page.get(page, [])
                info = _page_info(config, kind, page, page, on_page, self.newest)
                yield page_name, _checked(config, page_name, kind, info, on_page, pieces), True


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


def _tag_document(config: Config, tag: TagFeed, name: str, pieces: Pieces, kind: str) -> bytes:
    """One tag's feed: its newest entries that fit, under its own title and self link.

    No archives: the tag's older entries stay reachable from the main feed's.
    """
    index, assemble = _KINDS[kind]
    self_url = _url(config, tag.name(name))
    sized = functools.partial(pieces.size, index=index)
    fitted = _fit(config, list(tag.entries), sized, assemble, self_url, links=(), tag=tag.label)
    info = _info(config, self_url, fitted, links=(), tag=tag.label)
    return _checked(config, tag.name(name), kind, info, fitted, pieces)


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
    size: Callable[[str], int],
    assemble: Assemble,
    self_url: str,
    *,
    links: Links,
    tag: str = "",
) -> list[EntryHead]:
    """The newest entries that fit ``max_bytes`` (``head`` already fits ``max_entries``);
    ``size`` gives the length of an entry's fragment by its id."""
    overhead = len(assemble(_info(config, self_url, head[:1], links=links, tag=tag), []))
    total = overhead
    for n, entry in enumerate(head):
        total += size(entry.id or "")
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


#: Checks the fragments (Atom, RSS, JSON Feed) of several entries: the first problem
#: found and the index of the entry it is about, or ``None``.
Checker = Callable[[list[tuple[bytes, bytes, bytes]], list[str]], "tuple[int, str] | None"]


def entry_checker(config: Config) -> Checker:
    """What checks entries' Atom, RSS and JSON Feed fragments, those of a few entries at
    a time in a document of each format that holds them (the feed's head, as every
    document of ours has it): every rule the checks of a whole document apply to its
    entries, once per entry, where it is built, however many documents then hold it."""
    return functools.partial(_entry_problem, config=config)


def _entry_problem(
    fragments: list[tuple[bytes, bytes, bytes]], ids: list[str], *, config: Config
) -> tuple[int, str] | None:
    for name, kind, _ in FORMATS:
        index = kind_index(kind)
        mine = [f[index] for f in fragments]
        empty = _empty(kind, _info(config, _url(config, name), [], links=()), mine)
        problems = check_feed(_filled(kind, empty, mine))
        if problems:
            # Each message names its entry by id, in parentheses.
            at = next((k for k, i in enumerate(ids) if f"({i})" in problems[0]), 0)
            return at, problems[0]
    return None


#: Where one entry's pieces were set aside (:func:`build_pieces`): the spill file and
#: offset, then the lengths of its Atom, RSS and JSON Feed fragments and of its page.
Built = tuple[int, int, int, int, int, int]


class Pieces:
    """Each entry's fragments (and entry page), built once, read back from the spill."""

    def __init__(self, spill: Spill, built: dict[str, Built]) -> None:
        self.spill = spill
        #: By entry id.
        self.built = built

    def size(self, ident: str, *, index: int) -> int:
        """The length of the entry's piece ``index`` (0 Atom, 1 RSS, 2 JSON Feed, 3 page)."""
        return self.built[ident][2 + index]

    def get(self, ident: str, index: int) -> bytes:
        pid, offset, *lengths = self.built[ident]
        return self.spill.get((pid, offset + sum(lengths[:index]), lengths[index]))

    def all(self, entries: list[EntryHead], index: int) -> list[bytes]:
        return [self.get(e.id or "", index) for e in entries]


#: Entries built and checked together in a worker.
CHUNK = 32


def build_pieces(
    entries: list[EntryHead],
    whole: Callable[[EntryHead], Entry] = require_text,
    *,
    spill: Spill,
    language: str = "",
    page: Callable[[Entry], bytes] | None = None,
    paged: Collection[str] = (),
    fragmented: Collection[str] | None = None,
    check: Checker | None = None,
) -> Pieces:
    """Each entry's fragments in every format (only those whose id is in ``fragmented``,
    when it is given) and its ``page`` (only those in ``paged``): each entry made
    ``whole`` and built once, on every core when there are many, straight into the
    ``spill``, so only where they are comes back here; ``language`` is the feed's.
    ``check`` (:func:`entry_checker`) is given the fragments as they are built, a
    :data:`CHUNK` of entries at a time.

    Raises:
        FeedError: an entry cannot be represented, or its fragments fail their check
            (names the article).
    """
    build = functools.partial(
        _build_chunk,
        whole=whole,
        spill=spill,
        language=language,
        page=page,
        paged=paged,
        fragmented=fragmented,
        check=check,
    )
    chunks = [entries[k : k + CHUNK] for k in range(0, len(entries), CHUNK)]
    built = [
        b for chunk in map_on_cores(build, chunks, min_items=PARALLEL_MIN // CHUNK) for b in chunk
    ]
    return Pieces(spill, {e.id or "": b for e, b in zip(entries, built, strict=True)})


def _build_chunk(
    chunk: list[EntryHead],
    *,
    whole: Callable[[EntryHead], Entry],
    spill: Spill,
    language: str,
    page: Callable[[Entry], bytes] | None,
    paged: Collection[str],
    fragmented: Collection[str] | None,
    check: Checker | None,
) -> list[Built]:
    built: list[Built] = []
    checked: list[tuple[bytes, bytes, bytes]] = []
    sources: list[str] = []
    ids: list[str] = []
    for entry in chunk:
        made = whole(entry)
        ident = entry.id or ""
        parts = [b"", b"", b"", b""]
        if fragmented is None or ident in fragmented:
            parts[:3] = triple = entry_fragments(made, language=language)
            checked.append(triple)
            sources.append(entry.source)
            ids.append(ident)
        if page is not None and ident in paged:
            parts[3] = page(made)
        pid, offset, _ = spill.put(b"".join(parts))
        built.append((pid, offset, len(parts[0]), len(parts[1]), len(parts[2]), len(parts[3])))
    found = check(checked, ids) if check is not None and checked else None
    if found is not None:
        at, problem = found
        raise FeedError(f"refusing to publish: {problem}", path=sources[at])
    return built


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
