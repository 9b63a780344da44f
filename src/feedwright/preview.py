"""What ``feedwright inspect`` shows beyond the parse: which files an argument means, and
the id and dates the feed carries for an article, or will carry after the next build."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from feedwright.articles import display_path, scan_articles
from feedwright.config import Config
from feedwright.entry import Entry
from feedwright.ledger import Ledger, date_from_name, load_ledger, mint_id
from feedwright.loader.dates import format_rfc3339, resolve_zone, to_utc
from feedwright.publish import read_if_exists


def expand(paths: tuple[Path, ...]) -> list[tuple[Path, Path]]:
    """Each article an argument names, with the folder it was found under (a file: its own
    folder). A folder means the articles a build would read from it.

    Raises:
        PublishError: a folder cannot be listed.
    """
    files: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            files.extend((Path(found.path), path) for found in scan_articles(path))
        else:
            files.append((path, path.parent))
    return files


def given_source(path: Path, config: Config) -> str:
    """How ``inspect`` names the article at ``path``: its path under the articles folder,
    as a build names it (``world/bridge.txt``), else the path as it was given."""
    # The folders resolved (the articles folder is), the file itself not: a link is
    # named by its own name, as the build lists it.
    where = path.absolute().parent.resolve() / path.name
    try:
        return where.relative_to(config.articles).as_posix()
    except ValueError:
        return path.as_posix()


def source_of(path: Path, config: Config) -> str:
    """The article's name as the ledger knows it: its path under the articles folder (else
    its file name)."""
    try:
        return path.resolve().relative_to(config.articles).as_posix()
    except ValueError:
        return path.name


@dataclass(frozen=True)
class FeedView:
    """The id and dates of an article in the feed, and where each comes from."""

    id: str
    published: str
    updated: str
    #: Where ``published`` comes from: ``ledger``, ``article``, ``file name`` or ``first build``.
    published_from: str
    #: Where ``updated`` comes from: ``ledger``, ``article``, ``next build`` (edited since
    #: it was published) or ``first build``.
    updated_from: str


def site_ledger(config: Config) -> Ledger:
    """The site's ledger as it is now (empty if there is none yet).

    Raises:
        LedgerError: the ledger cannot be read.
    """
    data = read_if_exists(config.ledger)
    text = data.decode("utf-8", "replace") if data is not None else None
    return load_ledger(text, path=display_path(config.ledger))


def feed_view(
    entry: Entry, data: bytes, *, source: str, ledger: Ledger, config: Config, now: datetime
) -> FeedView:
    """What the feed says of the article ``source`` read as ``entry`` from ``data``, or will
    say after a build at ``now``."""
    record = ledger.records.get(source)
    if record is not None:
        changed = record.hash != hashlib.sha256(data).hexdigest()
        return FeedView(
            id=record.id,
            published=format_rfc3339(record.published),
            updated="next build" if changed else format_rfc3339(record.updated),
            published_from="ledger",
            updated_from="next build" if changed else "ledger",
        )
    zone = resolve_zone(config.timezone)
    published: datetime | None = entry.published or entry.updated
    published_from = "article"
    if published is None:
        published, published_from = date_from_name(source, tzinfo=zone), "file name"
    first = published or now
    ident = entry.id or mint_id(
        domain=config.domain, first=first, source=source, taken=ledger.ids()
    )
    updated = entry.updated or published
    return FeedView(
        id=ident,
        published=format_rfc3339(to_utc(published)) if published else "first build",
        updated=format_rfc3339(to_utc(updated)) if updated else "first build",
        published_from=published_from if published else "first build",
        updated_from=_updated_from(entry, published_from if published else "first build"),
    )


def _updated_from(entry: Entry, published_from: str) -> str:
    return "article" if entry.updated else published_from
