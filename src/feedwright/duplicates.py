"""The same text saved under two names is published once, under the older id."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from feedwright.articles import Loaded, display_path
from feedwright.entry import EntryHead
from feedwright.ledger import Ledger

_NEVER = datetime.max.replace(tzinfo=timezone.utc)


def drop_duplicates(loaded: Loaded, ledger: Ledger, *, folder: Path) -> None:
    """Keep one article of each set whose files hold the same bytes; warn naming both.

    The one kept is the one already published first (its id is the older), else, for
    copies that are all new, the one dated first, then the first by name. The others
    leave ``loaded.entries``, so a copy published before leaves the feeds like a deleted
    article (its id retired).
    """
    by_digest: dict[str, list[EntryHead]] = {}
    for entry, digest in loaded.entries:
        by_digest.setdefault(digest, []).append(entry)
    dropped: set[str] = set()
    for copies in by_digest.values():
        if len(copies) < 2:
            continue
        kept, *others = sorted(copies, key=lambda e: _age(e, ledger))
        for other in others:
            dropped.add(other.source)
            loaded.warnings.append(
                f"{display_path(folder / other.source)}: the same text as "
                f"{display_path(folder / kept.source)}; published once, as that one"
            )
    if dropped:
        loaded.entries = [(e, d) for e, d in loaded.entries if e.source not in dropped]


def _age(entry: EntryHead, ledger: Ledger) -> tuple[int, datetime, str, str]:
    record = ledger.records.get(entry.source)
    if record is not None:
        return 0, record.published, record.id, entry.source
    return 1, entry.published or _NEVER, "", entry.source
