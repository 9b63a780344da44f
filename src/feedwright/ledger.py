"""The ledger: the committed record of every id and date ever published.

Feed readers key entries by id, and some mark an entry unread again when its ``updated``
moves, so both are decided once, recorded here, and never recomputed: a change of site
URL, title or file name keeps them; only a change of content moves ``updated``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import PurePosixPath
from urllib.parse import quote

from feedwright.dates import format_rfc3339, parse_rfc3339, to_utc
from feedwright.entry import Entry
from feedwright.errors import LedgerError

LEDGER_VERSION = 1
_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Record:
    """What the ledger remembers of one article."""

    id: str
    published: datetime
    updated: datetime
    hash: str
    #: RFC 5005 archive page the entry lives on; assigned once, so full pages never change.
    page: int = 1


@dataclass
class Ledger:
    """Records by article source path, plus every id ever minted (never reused)."""

    records: dict[str, Record] = field(default_factory=dict)
    retired: dict[str, Record] = field(default_factory=dict)

    def ids(self) -> set[str]:
        return {r.id for r in self.records.values()} | {r.id for r in self.retired.values()}


def load_ledger(text: str | None, *, path: str) -> Ledger:
    """Parse the ledger file's text (``None``: no ledger yet).

    Raises:
        LedgerError: the file is not a ledger this version can read.
    """
    if text is None:
        return Ledger()
    try:
        data = json.loads(text)
        if data.get("version") != LEDGER_VERSION:
            raise LedgerError(f"unsupported ledger version {data.get('version')!r}", path=path)
        return Ledger(
            records={k: _record(v) for k, v in data.get("articles", {}).items()},
            retired={k: _record(v) for k, v in data.get("retired", {}).items()},
        )
    except LedgerError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise LedgerError(
            f"ledger is damaged ({e}); restore it from version control", path=path
        ) from e


def _record(raw: dict[str, str]) -> Record:
    return Record(
        id=raw["id"],
        published=parse_rfc3339(raw["published"]),
        updated=parse_rfc3339(raw["updated"]),
        hash=raw["hash"],
        page=int(raw.get("page", 1)),
    )


def dump_ledger(ledger: Ledger) -> str:
    """Serialise sorted and indented, so a change is a small diff."""

    def out(records: dict[str, Record]) -> dict[str, dict[str, str | int]]:
        return {
            key: {
                "id": r.id,
                "published": format_rfc3339(r.published),
                "updated": format_rfc3339(r.updated),
                "hash": r.hash,
                "page": r.page,
            }
            for key, r in sorted(records.items())
        }

    data = {
        "version": LEDGER_VERSION,
        "articles": out(ledger.records),
        "retired": out(ledger.retired),
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def mint_id(*, domain: str, first: datetime, source: str, taken: set[str]) -> str:
    """A ``tag:`` URI (RFC 4151) from the domain, the first date and the article's name."""
    stem = PurePosixPath(source).with_suffix("").as_posix()
    specific = quote(stem, safe="/-._~!$&'()*+,;=:@")
    base = f"tag:{domain},{to_utc(first).date().isoformat()}:{specific}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def date_from_name(source: str, *, tzinfo: object) -> datetime | None:
    """Midnight of a ``YYYY-MM-DD`` prefix of the file name, in the configured zone."""
    match = _DATE_PREFIX.match(PurePosixPath(source).name)
    if not match:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=tzinfo)  # type: ignore[arg-type]
    except ValueError:
        return None


def reconcile(
    ledger: Ledger,
    entries: list[tuple[Entry, str]],
    *,
    domain: str,
    now: datetime,
    tzinfo: object,
    page_size: int = 100,
) -> tuple[list[Entry], Ledger]:
    """Give every entry its permanent id and dates; return them and the new ledger.

    ``entries`` pairs each loaded entry with its content hash. A source the ledger knows
    keeps its record; an unknown source whose hash matches a vanished one is a rename and
    inherits that record; anything else is new and gets an id minted now. Sources that
    are gone move to ``retired`` so their ids are never minted again.
    """
    now = to_utc(now)
    present = {e.source for e, _ in entries}
    vanished = {k: r for k, r in ledger.records.items() if k not in present}
    # A retired article that comes back (restored from version control) is the same entry.
    retired = dict(ledger.retired)
    gone = {**{f"retired:{k}": r for k, r in retired.items()}, **vanished}
    by_hash: dict[str, list[str]] = {}
    for key, old in sorted(gone.items()):
        by_hash.setdefault(old.hash, []).append(key)
    taken = ledger.ids()
    pages = _PageCounter(ledger, page_size)
    new_records: dict[str, Record] = {}
    resolved: list[Entry] = []
    # New articles are handled in a fixed order so minted ids and bumps are deterministic.
    for entry, digest in sorted(entries, key=lambda pair: pair[0].source):
        record: Record | None = ledger.records.get(entry.source)
        if record is None and entry.source in retired and retired[entry.source].hash == digest:
            record = retired.pop(entry.source)
        if record is None and by_hash.get(digest):
            key = by_hash[digest].pop(0)
            record = vanished.pop(key) if key in vanished else retired.pop(key[8:])
        if record is None:
            record = _new_record(
                entry, digest, domain=domain, now=now, tzinfo=tzinfo, taken=taken, page=pages.next()
            )
            taken.add(record.id)
        elif record.hash != digest:
            record = _changed_record(record, entry, digest, now=now)
        new_records[entry.source] = record
    _spread_updated(new_records, ledger.records)
    for entry, _ in entries:
        record = new_records[entry.source]
        resolved.append(
            replace(entry, id=record.id, published=record.published, updated=record.updated)
        )
    for key, record in vanished.items():
        retired[key] = record
    return resolved, Ledger(records=new_records, retired=retired)


class _PageCounter:
    """Hands out archive pages: the open (last) page until it holds ``size`` ids."""

    def __init__(self, ledger: Ledger, size: int):
        counts: dict[int, int] = {}
        for record in [*ledger.records.values(), *ledger.retired.values()]:
            counts[record.page] = counts.get(record.page, 0) + 1
        self.page = max(counts, default=1)
        self.used = counts.get(self.page, 0)
        self.size = size

    def next(self) -> int:
        if self.used >= self.size:
            self.page, self.used = self.page + 1, 0
        self.used += 1
        return self.page


def _new_record(
    entry: Entry,
    digest: str,
    *,
    domain: str,
    now: datetime,
    tzinfo: object,
    taken: set[str],
    page: int,
) -> Record:
    published = entry.published or date_from_name(entry.source, tzinfo=tzinfo) or now
    published = to_utc(published)
    updated = to_utc(entry.updated) if entry.updated else published
    updated = max(updated, published)
    if entry.id:
        if entry.id in taken:
            raise LedgerError(
                f"Id {entry.id!r} is already used by another article", path=entry.source
            )
        ident = entry.id
    else:
        ident = mint_id(domain=domain, first=published, source=entry.source, taken=taken)
    return Record(id=ident, published=published, updated=updated, hash=digest, page=page)


def _changed_record(record: Record, entry: Entry, digest: str, *, now: datetime) -> Record:
    # The id and published date never move; updated moves to what the article now says,
    # or to the build that first saw the change.
    updated = to_utc(entry.updated) if entry.updated else now
    if updated <= record.updated:
        updated = max(now, record.updated + timedelta(seconds=1))
    return replace(record, updated=updated, hash=digest)


def _spread_updated(records: dict[str, Record], old: dict[str, Record]) -> None:
    """Make every ``updated`` instant unique (the validator warns on DuplicateUpdated).

    Records whose instant is already in the old ledger keep it; the others move on by
    whole seconds, in source order, so the result is deterministic and then frozen.
    """
    used: set[datetime] = set()
    fixed = [k for k in sorted(records) if old.get(k) == records[k]]
    moving = [k for k in sorted(records) if old.get(k) != records[k]]
    for key in fixed:
        used.add(records[key].updated)
    for key in moving:
        record = records[key]
        when = record.updated
        while when in used:
            when += timedelta(seconds=1)
        used.add(when)
        if when != record.updated:
            records[key] = replace(record, updated=when)
