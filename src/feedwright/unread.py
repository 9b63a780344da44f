"""Articles a build takes from the ledger without parsing them, and reads only if needed.

Without the cache (a fresh checkout: every run of the scheduled CI workflow), a build
still reads and hashes every article, but it parses only those it must. An article whose
bytes hash to its ledger record's, on an archive page whose documents and entry pages
are on disk as the ledger records them (:mod:`feedwright.incremental.published`),
enters the build as a :class:`~feedwright.entry.LedgerHead`: its record says all the
ledger, the paging and the tag feeds need. Only when a document that holds it must be
built (the subscription feeds, a page or tag feed that changed) is it parsed, once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from feedwright.articles import Found, Loaded, read_articles, read_unread
from feedwright.config import Config
from feedwright.entry import EntryHead, LedgerHead
from feedwright.incremental.memory import BuildMemory
from feedwright.incremental.published import GroupCheck
from feedwright.ledger import Ledger
from feedwright.links import resolve_links
from feedwright.loader.dates import resolve_zone
from feedwright.spill import Spill


def stand_in(
    config: Config,
    loaded: Loaded,
    ledger: Ledger,
    check: GroupCheck,
    *,
    now: datetime,
    memory: BuildMemory,
    spill: Spill,
) -> None:
    """Enter each article of ``loaded.unread`` as a :class:`LedgerHead` of its record in
    ``ledger`` if its page's group on disk is as recorded, else parse it after all."""
    again: list[Found] = []
    records = {s: ledger.records.get(s) for s in loaded.unread}
    # Every page that may be kept is read at once (on a fresh checkout, all of them).
    check.check_pages(
        r.page for s, r in records.items() if r is not None and r.hash == loaded.unread[s][2]
    )
    for source, (item, key, digest) in sorted(loaded.unread.items()):
        record = records[source]
        # A digest the cache kept may be older than the ledger (one from elsewhere).
        group = check.page(record.page) if record and record.hash == digest else None
        if record is None or group is None:
            again.append(item)
            continue
        own = group.entry_pages.get(record.id)
        head = LedgerHead(
            source=source,
            id=record.id,
            title="",
            published=record.published,
            updated=record.updated,
            tags=record.tags,
            link=config.feed_base + own if own else None,
        )
        loaded.entries.append((head, digest))
        loaded.keys[source] = (key, digest)
        if source not in loaded.unread_cached:
            memory.hashed(source, key, digest)
    memory.save_parses(read=spill.get)
    for item in again:
        del loaded.unread[item.source]
    if again:
        loaded.merge(read_articles(config, again, now=now, memory=memory, spill=spill))


def read_needed(
    config: Config,
    entries: list[EntryHead],
    needed: set[str],
    loaded: Loaded,
    memory: BuildMemory,
    spill: Spill,
) -> list[EntryHead]:
    """``entries`` with each :class:`LedgerHead` whose id is in ``needed`` read: parsed
    from its article, with the ledger's id and dates, its link resolved.

    Raises:
        PublishError: an article changed during the build (see :func:`read_unread`).
    """
    wanted = {e.source: e for e in entries if isinstance(e, LedgerHead) and (e.id or "") in needed}
    if not wanted:
        return entries
    items = [(loaded.unread[s][0], loaded.unread[s][2]) for s in sorted(wanted)]
    read, bulk, warnings = read_unread(config, items, memory=memory, spill=spill)
    loaded.bulk.update(bulk)
    loaded.repeated += warnings
    loaded.parsed += len(read)
    whole = [
        replace(
            read[source],
            id=head.id,
            published=head.published,
            updated=head.updated,
        )
        for source, head in wanted.items()
    ]
    resolved = {
        e.source: e for e in resolve_links(whole, config, zone=resolve_zone(config.timezone))
    }
    return [resolved.get(e.source, e) if isinstance(e, LedgerHead) else e for e in entries]
