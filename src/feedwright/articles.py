"""Finding article files and reading them into entries, through the parse cache."""

from __future__ import annotations

import functools
import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from feedwright.config import Config
from feedwright.entry import Entry
from feedwright.errors import ArticleError, PublishError
from feedwright.incremental.cache import Cache, Cached, Dumped, FileKey, Row, dump_entry, load_head
from feedwright.incremental.listing import ListingError, list_articles
from feedwright.workers import map_on_cores


class Found(NamedTuple):
    """An article file: where it is, its name under the articles folder, its identity."""

    #: The file's path as the folder listing gave it (a str: 10,000 Paths cost 0.1 s).
    path: str
    source: str
    key: FileKey


@dataclass
class Loaded:
    """The readable articles of a run, and what reading them turned up."""

    #: Each entry with the SHA-256 of its file (the ledger's content hash).
    entries: list[tuple[Entry, str]] = field(default_factory=list)
    #: Sources whose entry is hollow, without its bulk fields: read from the cache, or
    #: parsed in a worker that sent the bulk as bytes (see ``bulk``).
    hollow: set[str] = field(default_factory=set)
    #: The bulk (:func:`feedwright.incremental.cache.dump_entry`) of hollow entries known so far, by
    #: source: only the workers that build documents turn it back into text.
    bulk: dict[str, bytes] = field(default_factory=dict)
    #: Each file read, held back or not: its identity when read, and its content hash.
    keys: dict[str, tuple[FileKey, str]] = field(default_factory=dict)
    problems: list[ArticleError] = field(default_factory=list)
    #: Warnings about articles read afresh in this run.
    warnings: list[str] = field(default_factory=list)
    #: Warnings about articles unchanged since they were cached (told again with ``-v``).
    repeated: list[str] = field(default_factory=list)
    #: The earliest publication date of an article held back as scheduled.
    due: datetime | None = None
    #: How many articles were parsed (the rest came from the cache).
    parsed: int = 0


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


def find_articles(folder: Path) -> list[Path]:
    """Article files under ``folder``, sorted (see :func:`scan_articles`)."""
    return [Path(f.path) for f in scan_articles(folder)]


#: Below this many articles to parse, worker processes cost more than they save.
PARALLEL_MIN = 200


def read_articles(config: Config, found: list[Found], *, now: datetime, cache: Cache) -> Loaded:
    """Load every article, from the cache where the file has not changed.

    Articles that must be read again are read, hashed and parsed on every core when there
    are many. Bad articles go to ``problems``; articles dated after ``now`` are held back.
    """
    # Imported here: a run that finds nothing changed never loads the parser.
    from feedwright.loader.dates import resolve_zone
    from feedwright.loader.parse import LoadOptions

    options = LoadOptions(default_tz=resolve_zone(config.timezone), base_url=config.site_url)
    loaded = Loaded()
    at_ns = time.time_ns()
    hits: dict[str, Cached] = {}
    pending: list[tuple[Found, Cached | None]] = []
    known = cache.lookup_all({item.source: item.key for item in found})
    for item in found:
        cached = known.get(item.source)
        if cached is not None and not cached.racy:
            hits[item.source] = cached
        else:
            pending.append((item, cached))
    outcomes = _load_all(
        [(item.path, item.source, cached.digest if cached else None) for item, cached in pending],
        options,
    )
    fresh: dict[str, tuple[FileKey, Cached | None]] = {}
    rows: list[Row] = []
    for (item, cached), outcome in zip(pending, outcomes, strict=True):
        if isinstance(outcome, ArticleError):
            outcome.path = display_path(item.path)
            loaded.problems.append(outcome)
            continue
        key, digest, dumped = outcome
        if dumped is not None or cached is None or key != item.key:
            loaded.parsed += 1
            if dumped is None:  # same bytes as the cached row, under another identity
                assert cached is not None
                cached = replace(cached, racy=key.racy(at_ns))
                cache.settle(item.source, key, racy=cached.racy)
            else:
                head, bulk = dumped
                entry = load_head(head, whole=bulk is None)
                if bulk is not None:
                    loaded.bulk[item.source] = bulk
                racy = key.racy(at_ns)
                cached = Cached(entry=entry, digest=digest, racy=racy, whole=bulk is None)
                rows.append((item.source, key, racy, digest, dumped))
            fresh[item.source] = (key, cached)
        else:
            if not key.racy(at_ns):
                cached = replace(cached, racy=False)
                cache.settle(item.source, key)
            fresh[item.source] = (key, None)
            hits[item.source] = cached
    cache.store_all(rows)
    for item in found:
        if item.source in hits and item.source not in fresh:
            key, cached, notes = item.key, hits[item.source], loaded.repeated
        elif item.source in fresh:
            key, new = fresh[item.source]
            cached = new or hits[item.source]
            notes = loaded.warnings if new is not None else loaded.repeated
        else:
            continue  # a problem, already reported
        loaded.keys[item.source] = (key, cached.digest)
        if not cached.whole:
            loaded.hollow.add(item.source)
        dated = _check_dates(cached.entry, now=now, notes=notes, path=item.path, loaded=loaded)
        if dated is not None:
            if dated.warnings:
                shown = display_path(item.path)
                notes.extend(f"{shown}: {w}" for w in dated.warnings)
            loaded.entries.append((dated, cached.digest))
    return loaded


#: A file's identity when read, its SHA-256, and its entry as the cache stores it
#: (``None`` when the bytes hashed to the digest already known, so it was not parsed);
#: or why not.
_Outcome = tuple[FileKey, str, Dumped | None] | ArticleError


def _load_all(jobs: list[tuple[str, str, str | None]], options: object) -> list[_Outcome]:
    """Read, hash and (unless the hash matches) parse each job, on every core if many."""
    return map_on_cores(functools.partial(_load_one, options=options), jobs, min_items=PARALLEL_MIN)


def _load_one(job: tuple[str, str, str | None], *, options: object) -> _Outcome:
    """Read one file; parse it unless its bytes hash to ``known`` (the cached digest)."""
    from feedwright.loader import parse as loader

    path, source, known = job
    try:
        key, data = _read(path)
        digest = hashlib.sha256(data).hexdigest()
        if digest == known:
            return key, digest, None
        entry = loader.parse_article(data, source=source, options=options)  # type: ignore[arg-type]
        # Serialised here, on the worker's core: the cache stores it as it is, and it crosses
        # to the main process far cheaper than a pickled Entry (the bulk as bytes).
        return key, digest, dump_entry(entry)
    except ArticleError as e:
        return e


def _read(path: str) -> tuple[FileKey, bytes]:
    # The identity is taken from the open file before reading: if the file changes while
    # it is read, the recorded identity is the old one and the next run reads it again.
    try:
        with open(path, "rb") as handle:
            key = FileKey.of(os.fstat(handle.fileno()))
            return key, handle.read()
    except FileNotFoundError as e:
        raise ArticleError("vanished while the build ran") from e
    except OSError as e:
        raise ArticleError(f"cannot read: {e.strerror or e}") from e


def display_path(path: Path | str) -> str:
    """``path`` relative to the working folder when it is under it, for messages."""
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _check_dates(
    entry: Entry, *, now: datetime, notes: list[str], path: str, loaded: Loaded
) -> Entry | None:
    from feedwright.loader.dates import EARLIEST, format_rfc3339

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
