"""Finding article files and reading them into entries, through the parse cache."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from feedwright.cache import Cache, Cached, FileKey
from feedwright.config import Config
from feedwright.dates import EARLIEST, format_rfc3339, resolve_zone
from feedwright.entry import Entry
from feedwright.errors import ArticleError, PublishError
from feedwright.loader import ARTICLE_SUFFIXES, LoadOptions, parse_article


@dataclass(frozen=True)
class Found:
    """An article file: where it is, its name under the articles folder, its identity."""

    path: Path
    source: str
    key: FileKey


@dataclass
class Loaded:
    """The readable articles of a run, and what reading them turned up."""

    #: Each entry with the SHA-256 of its file (the ledger's content hash).
    entries: list[tuple[Entry, str]] = field(default_factory=list)
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
    if not folder.is_dir():
        raise PublishError("articles folder is missing (is it mounted?)", path=display_path(folder))
    found: list[Found] = []
    stack = [(folder, "")]
    while stack:
        here, prefix = stack.pop()
        try:
            with os.scandir(here) as listing:
                items = list(listing)
        except OSError as e:
            raise PublishError(
                f"cannot list articles: {e.strerror or e}", path=display_path(here)
            ) from e
        for item in items:
            if item.name.startswith("."):
                continue
            try:
                # Symlinked folders are not followed: a link to a parent would loop forever.
                if item.is_dir(follow_symlinks=False):
                    stack.append((Path(item.path), f"{prefix}{item.name}/"))
                elif os.path.splitext(item.name)[1].lower() in ARTICLE_SUFFIXES:
                    st = item.stat()
                    found.append(Found(Path(item.path), prefix + item.name, FileKey.of(st)))
            except OSError:
                continue  # vanished while listing: not an article of this run
    return sorted(found, key=lambda f: f.source)


def find_articles(folder: Path) -> list[Path]:
    """Article files under ``folder``, sorted (see :func:`scan_articles`)."""
    return [f.path for f in scan_articles(folder)]


def read_articles(config: Config, found: list[Found], *, now: datetime, cache: Cache) -> Loaded:
    """Load every article, from the cache where the file has not changed.

    Bad articles go to ``problems``; articles dated after ``now`` are held back.
    """
    options = LoadOptions(default_tz=resolve_zone(config.timezone), base_url=config.site_url)
    loaded = Loaded()
    at_ns = time.time_ns()
    for item in found:
        shown = display_path(item.path)
        cached = cache.lookup(item.source, item.key)
        key = item.key
        if cached is None or cached.racy:
            try:
                key, data = _read(item.path)
            except ArticleError as e:
                e.path = shown
                loaded.problems.append(e)
                continue
            digest = hashlib.sha256(data).hexdigest()
            if cached is None or cached.digest != digest or key != item.key:
                try:
                    entry = parse_article(data, source=item.source, options=options)
                except ArticleError as e:
                    e.path = shown
                    loaded.problems.append(e)
                    continue
                loaded.parsed += 1
                cached = Cached(entry=entry, digest=digest, racy=key.racy(at_ns))
                cache.store(item.source, key, cached)
                notes = loaded.warnings
            else:
                if not key.racy(at_ns):
                    cached = replace(cached, racy=False)
                    cache.store(item.source, key, cached)
                notes = loaded.repeated
        else:
            notes = loaded.repeated
        loaded.keys[item.source] = (key, cached.digest)
        dated = _check_dates(cached.entry, now=now, notes=notes, shown=shown, loaded=loaded)
        if dated is not None:
            notes.extend(f"{shown}: {w}" for w in dated.warnings)
            loaded.entries.append((dated, cached.digest))
    return loaded


def _read(path: Path) -> tuple[FileKey, bytes]:
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


def display_path(path: Path) -> str:
    """``path`` relative to the working folder when it is under it, for messages."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _check_dates(
    entry: Entry, *, now: datetime, notes: list[str], shown: str, loaded: Loaded
) -> Entry | None:
    if entry.published is not None and entry.published < EARLIEST:
        notes.append(f"{shown}: date {format_rfc3339(entry.published)} is before 1990; ignored")
        entry = replace(entry, published=None)
    if entry.updated is not None and entry.updated > now:
        notes.append(f"{shown}: updated date is in the future; ignored")
        entry = replace(entry, updated=None)
    if entry.published is not None and entry.published > now:
        notes.append(f"{shown}: scheduled for {format_rfc3339(entry.published)}; not published yet")
        loaded.due = min(loaded.due or entry.published, entry.published)
        return None
    return entry
