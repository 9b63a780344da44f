"""Finding article files and reading them into entries, through the parse cache."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from feedwright.config import Config
from feedwright.entry import Entry, EntryHead
from feedwright.errors import ArticleError, PublishError, quote_name
from feedwright.incremental.cache import Cached, FileKey, dump_entry
from feedwright.incremental.listing import ListingError, list_articles
from feedwright.incremental.memory import BuildMemory
from feedwright.loader.dates import EARLIEST, format_rfc3339, resolve_zone
from feedwright.loader.media import file_size_under
from feedwright.reading import check_name, read_article_file
from feedwright.spill import Ref, Spill
from feedwright.workers import map_on_cores


class Found(NamedTuple):
    """An article file: where it is, its name under the articles folder, its identity."""

    #: The file's path as the folder listing gave it (a str: 10,000 Paths cost 0.1 s).
    path: str
    source: str
    key: FileKey


class Bad(NamedTuple):
    """An article that cannot be published."""

    #: Its identity when read, else as listed.
    key: FileKey
    #: The SHA-256 of its bytes; ``None`` when they could not be read.
    digest: str | None
    error: ArticleError


@dataclass
class Loaded:
    """The readable articles of a run, and what reading them turned up."""

    #: Each entry with the SHA-256 of its file (the ledger's content hash). Most are
    #: heads, their text left in the cache or, for those parsed in this run, in the spill.
    entries: list[tuple[EntryHead, str]] = field(default_factory=list)
    #: Where the text (:func:`feedwright.incremental.cache.dump_entry`) of each head
    #: parsed in this run was set aside (:mod:`feedwright.spill`), by source: only the
    #: workers that build documents read it back, so it never passes through the build.
    bulk: dict[str, Ref] = field(default_factory=dict)
    #: Each file read, held back or not: its identity when read, and its content hash.
    keys: dict[str, tuple[FileKey, str]] = field(default_factory=dict)
    problems: list[ArticleError] = field(default_factory=list)
    #: Each article in ``problems``, by source, with what was learnt of its file.
    bad: dict[str, Bad] = field(default_factory=dict)
    #: Warnings about articles read afresh in this run.
    warnings: list[str] = field(default_factory=list)
    #: Warnings about articles unchanged since they were cached (told again with ``-v``).
    repeated: list[str] = field(default_factory=list)
    #: What ``-v`` says on every run that is no warning: each draft left out.
    notes: list[str] = field(default_factory=list)
    #: The earliest publication date of an article held back as scheduled.
    due: datetime | None = None
    #: How many articles were parsed (the rest came from the cache, or were not needed).
    parsed: int = 0
    #: Articles not parsed because their bytes hash to what the ledger recorded for them
    #: (see ``known`` in :func:`read_articles`): each file, its identity when read and its
    #: digest. They are in neither ``entries`` nor ``keys`` yet.
    unread: dict[str, tuple[Found, FileKey, str]] = field(default_factory=dict)
    #: Those of ``unread`` whose digest the cache holds already, with this identity.
    unread_cached: set[str] = field(default_factory=set)

    def merge(self, other: Loaded) -> None:
        """Add the articles of ``other``, read in the same run."""
        self.entries += other.entries
        self.bulk.update(other.bulk)
        self.keys.update(other.keys)
        self.problems += other.problems
        self.warnings += other.warnings
        self.repeated += other.repeated
        self.notes += other.notes
        if other.due is not None:
            self.due = min(self.due or other.due, other.due)
        self.parsed += other.parsed
        self.unread.update(other.unread)
        self.unread_cached |= other.unread_cached


def scan_articles(folder: Path) -> list[Found]:
    """Article files under ``folder``, sorted; hidden files and folders are ignored.

    Raises:
        PublishError: the folder does not exist or cannot be listed.
    """
    try:
        listed = list_articles(str(folder))
    except ListingError as e:
        raise PublishError(e.strerror or str(e), path=display_path(e.filename)) from e
    return [Found(path, source, FileKey(*key)) for path, source, key in listed]


#: Below this many articles to parse, worker processes cost more than they save.
PARALLEL_MIN = 200


#: Told, while articles are read, how many of how many are done: ``(0, total)`` first,
#: then after each one. Only articles not taken from the parse cache are counted.
ReadProgress = Callable[[int, int], None]


def read_articles(
    config: Config,
    found: list[Found],
    *,
    now: datetime,
    memory: BuildMemory,
    spill: Spill,
    known: dict[str, str] | None = None,
    progress: ReadProgress | None = None,
) -> Loaded:
    """Load every article, from the parse cache where the file has not changed.

    Articles that must be read again are read, hashed and parsed on every core when there
    are many. Bad articles go to ``problems``; articles dated after ``now`` are held back.
    With ``known`` (the ledger's hashes, by source), an article the cache does not hold
    whose bytes hash to its digest there is not parsed but left in ``unread``, and so is one
    of which the cache holds only the digest; without it, those are parsed.
    """
    loaded = Loaded()
    trusted, unsure = _cached(found, memory, loaded, known=known is not None)
    pending = [
        item for item in found if item.source not in trusted and item.source not in loaded.unread
    ]
    known = known or {}
    outcomes = _load_all(
        [
            (
                item.path,
                item.source,
                unsure[item.source].digest if item.source in unsure else known.get(item.source),
            )
            for item in pending
        ],
        _parser(config),
        root=str(config.articles),
        spill=spill,
        progress=progress,
    )
    #: Each article read in this run: its identity when read, its parse, and whether
    #: its warnings are news (it was parsed, or its file is another one with the same bytes).
    read: dict[str, tuple[FileKey, Cached, bool]] = {}
    for item, outcome in zip(pending, outcomes, strict=True):
        if isinstance(outcome, Failed):
            outcome.error.path = display_path(item.path)
            loaded.problems.append(outcome.error)
            loaded.bad[item.source] = Bad(outcome.key or item.key, outcome.digest, outcome.error)
            continue
        key, digest, dumped = outcome
        if dumped is not None:
            cached = memory.parsed(item.source, key, digest, dumped)
            if dumped[1] is not None:
                loaded.bulk[item.source] = dumped[1]
        elif item.source not in unsure:
            loaded.unread[item.source] = (item, key, digest)
            continue
        else:
            cached = memory.confirmed(item.source, key, unsure[item.source])
            if cached.entry is None:
                loaded.unread[item.source] = (item, key, digest)
                loaded.unread_cached.add(item.source)
                continue
        news = dumped is not None or key != item.key
        loaded.parsed += news
        read[item.source] = (key, cached, news)
    memory.save_parses(read=spill.get)
    for item in found:
        if item.source in trusted:
            _admit(loaded, item, item.key, trusted[item.source], news=False, now=now)
        elif item.source in read:
            key, cached, news = read[item.source]
            _admit(loaded, item, key, cached, news=news, now=now)
    return loaded


def _cached(
    found: list[Found], memory: BuildMemory, loaded: Loaded, *, known: bool
) -> tuple[dict[str, Cached], dict[str, Cached]]:
    """The cache's parses of ``found``: those trusted as they are, and those to check by
    digest. A row that holds only a digest is left in ``loaded.unread`` if ``known`` (the
    ledger's hashes are given), else the article is parsed."""
    trusted, unsure = memory.reusable_parses({item.source: item.key for item in found})
    for item in found:
        cached = trusted.get(item.source)
        if cached is not None and cached.entry is None:
            del trusted[item.source]
            if known:
                loaded.unread[item.source] = (item, item.key, cached.digest)
                loaded.unread_cached.add(item.source)
    if not known:
        unsure = {s: cached for s, cached in unsure.items() if cached.entry is not None}
    return trusted, unsure


def read_unread(
    config: Config, items: list[tuple[Found, str]], *, memory: BuildMemory, spill: Spill
) -> tuple[dict[str, EntryHead], dict[str, Ref], list[str]]:
    """Parse the articles ``items`` after all, each with the digest its bytes had when
    this build first read them (it left them unread: see ``known`` in
    :func:`read_articles`), on every core when there are many.

    Returns each one's entry by source (heads, as :attr:`Loaded.entries` holds them),
    where the text of those whose text is stored apart was set aside in ``spill``
    (:attr:`Loaded.bulk`), and their warnings (their articles are unchanged: told again
    with ``-v`` only).

    Raises:
        PublishError: an article changed, or can no longer be read, since this build
            first read it; nothing is published, and the next run reads it afresh.
    """
    outcomes = _load_all(
        [(item.path, item.source, None) for item, _ in items],
        _parser(config),
        root=str(config.articles),
        spill=spill,
        progress=None,
    )
    entries: dict[str, EntryHead] = {}
    bulk: dict[str, Ref] = {}
    warnings: list[str] = []
    for (item, digest), outcome in zip(items, outcomes, strict=True):
        if isinstance(outcome, Failed):
            raise _read_again_failed(item, str(outcome.error))
        key, now_digest, dumped = outcome
        if dumped is None or now_digest != digest:
            raise _read_again_failed(item, "it changed")
        entry = memory.parsed(item.source, key, digest, dumped).entry
        assert entry is not None  # a parse
        entries[item.source] = entry
        if dumped[1] is not None:
            bulk[item.source] = dumped[1]
        shown = display_path(item.path)
        warnings += [f"{shown}: {w}" for w in entry.warnings]
    memory.save_parses(read=spill.get)
    return entries, bulk, warnings


def _read_again_failed(item: Found, why: str) -> PublishError:
    return PublishError(
        f"cannot be read again during the build ({why}); nothing published, run again",
        path=display_path(item.path),
    )


def _parser(config: Config) -> Callable[..., Entry]:
    """The loader, set to read the articles of ``config``: ``parse(data, source=...)``."""
    # Imported here, not at the top: a run that finds nothing changed reads no article,
    # and loading the parser would cost it a tenth of its time.
    from feedwright.loader.parse import LoadOptions, parse_article

    options = LoadOptions(
        default_tz=resolve_zone(config.timezone),
        base_url=config.site_url,
        file_size=functools.partial(file_size_under, config.articles),
    )
    return functools.partial(parse_article, options=options)


def _admit(
    loaded: Loaded, item: Found, key: FileKey, cached: Cached, *, news: bool, now: datetime
) -> None:
    """Add the article ``item``, read with identity ``key``, to ``loaded``."""
    notes = loaded.warnings if news else loaded.repeated
    loaded.keys[item.source] = (key, cached.digest)
    entry = cached.entry
    assert entry is not None  # read_articles admits only parses
    if entry.draft is not None:  # told only with -v, on every run
        loaded.notes.append(f"{display_path(item.path)}: draft ({entry.draft}), not published")
        return
    dated = _check_dates(entry, now=now, notes=notes, path=item.path, loaded=loaded)
    if dated is not None:
        if dated.warnings:
            shown = display_path(item.path)
            notes.extend(f"{shown}: {w}" for w in dated.warnings)
        loaded.entries.append((dated, cached.digest))


class Failed(NamedTuple):
    """Why an article cannot be published, with what was learnt of its file first."""

    error: ArticleError
    #: The file's identity when read, if it was read.
    key: FileKey | None = None
    #: The SHA-256 of its bytes, if they were read.
    digest: str | None = None


#: A file's identity when read, its SHA-256, and its entry as the cache stores it, its
#: bulk set aside in the spill (``None`` when the bytes hashed to the digest already
#: known, so it was not parsed); or why not.
_Outcome = tuple[FileKey, str, "tuple[str, Ref | None] | None"] | Failed


def _load_all(
    jobs: list[tuple[str, str, str | None]],
    parse: Callable[..., Entry],
    *,
    root: str,
    spill: Spill,
    progress: ReadProgress | None,
) -> list[_Outcome]:
    """Read, hash and (unless the hash matches) parse each job, on every core if many."""
    load = functools.partial(_load_one, parse=parse, root=root, spill=spill)
    if progress is None or not jobs:
        return map_on_cores(load, jobs, min_items=PARALLEL_MIN)
    total = len(jobs)
    progress(0, total)
    return map_on_cores(
        load, jobs, min_items=PARALLEL_MIN, progress=lambda done: progress(done, total)
    )


def _load_one(
    job: tuple[str, str, str | None], *, parse: Callable[..., Entry], root: str, spill: Spill
) -> _Outcome:
    """Read one file; ``parse(data, source=...)`` it unless its bytes hash to ``known`` (the
    cached digest)."""
    path, source, known = job
    key: FileKey | None = None
    digest: str | None = None
    try:
        check_name(source)
        key, data = read_article_file(path, root=root)
        digest = hashlib.sha256(data).hexdigest()
        if digest == known:
            return key, digest, None
        entry = parse(data, source=source)
        # Serialised here, on the worker's core, as the cache stores it; the text (most of
        # the bytes) goes to the spill, and only where it is crosses to the build.
        head, bulk = dump_entry(entry)
        return key, digest, (head, None if bulk is None else spill.put(bulk))
    except ArticleError as e:
        return Failed(e, key, digest)
    except Exception as e:
        # A failure the loader does not foresee is a bug, but it is this article's: the
        # others are still published, and the message says which file to look at.
        error = ArticleError(f"cannot be read: unexpected {type(e).__name__}: {e}")
        return Failed(error, key, digest)


def display_path(path: Path | str) -> str:
    """``path`` relative to the working folder when it is under it, for messages."""
    try:
        shown = Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = str(path)
    return quote_name(shown)


def _check_dates(
    entry: EntryHead, *, now: datetime, notes: list[str], path: str, loaded: Loaded
) -> EntryHead | None:
    if entry.published is not None and entry.published < EARLIEST:
        notes.append(
            f"{display_path(path)}: date {format_rfc3339(entry.published)} is before 1990; ignored"
        )
        entry = replace(entry, published=None)
    if entry.updated is not None and entry.updated > now:
        notes.append(f"{display_path(path)}: updated date is in the future; ignored")
        entry = replace(entry, updated=None)
    if entry.published is not None and entry.published > now:
        notes.append(
            f"{display_path(path)}: scheduled for {format_rfc3339(entry.published)}; "
            "not published yet"
        )
        loaded.due = min(loaded.due or entry.published, entry.published)
        return None
    return entry
