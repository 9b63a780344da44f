"""The ledger: the committed record of every id and date ever published.

Feed readers key entries by id, and some mark an entry unread again when its ``updated``
moves, so both are decided once, recorded here, and never recomputed: a change of site
URL, title or file name keeps them; only a change of content moves ``updated``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from enum import Enum
from typing import TypeVar
from urllib.parse import quote

from feedwright.entry import EntryHead
from feedwright.errors import ArticleError, LedgerError, PublishError
from feedwright.loader.dates import format_rfc3339, parse_rfc3339, to_utc

LEDGER_VERSION = 4
#: Version 1 kept retired records by their last path, so a second retirement from the same
#: path overwrote the first and its id could be minted again; it is read and rewritten as 2.
#: Version 3 adds ``skipped``, version 4 each article's ``tags`` and what was ``published``.
#: A ledger is written with the lowest version that holds what it records, so a site
#: upgraded to this version keeps its ledger byte for byte (and ``--check`` passes) until
#: it has skipped articles, tags or archive pages.
_READABLE_VERSIONS = (1, 2, 3, 4)
_VERSION_WITHOUT_SKIPPED = 2
_VERSION_WITHOUT_PUBLISHED = 3
#: A JSON string literal, as ``json.dumps(text, ensure_ascii=False)`` writes it.
_json_str = json.JSONEncoder(ensure_ascii=False).encode
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
    #: ``published`` is the article's own metadata ``Date``, so a corrected ``Date`` moves
    #: it; an inferred date (dateline, file name, first build) never moves. Written only
    #: when true, so ledgers from before it load unchanged.
    declared: bool = False
    #: The article's tags as last read (written only when it has some): the tag feeds need
    #: every entry's, and a build on a fresh checkout reads only the articles it must.
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Retired:
    """The record of an article that is gone: its id is never minted again."""

    #: Where the article was last seen (a restored file there takes the id back first).
    source: str
    record: Record


@dataclass(frozen=True)
class Skip:
    """An article a build skipped and reported: reported again only when it changes."""

    #: The one-line error, without the file's path (``line 3: malformed front matter...``).
    error: str
    #: SHA-256 of the file's bytes; ``None`` when they could not be read.
    hash: str | None = None


@dataclass(frozen=True)
class Published:
    """What the documents of the build that wrote the ledger were, so a build without the
    cache (a fresh checkout) can leave those that did not change as they are, unread
    (:mod:`feedwright.incremental.published`)."""

    #: What the documents were built with besides their entries: feedwright's version and
    #: the config. Digests under another basis are not trusted.
    basis: str = ""
    #: Digest of each archive page's documents with its entries' pages, by page number.
    pages: dict[int, str] = field(default_factory=dict)
    #: Digest of each tag feed's documents, by slug.
    tag_feeds: dict[str, str] = field(default_factory=dict)


@dataclass
class Ledger:
    """Records by article source path, and retired records by id: every id ever minted,
    each once, so none is ever minted again. Also the articles skipped as bad, by source,
    so that a bad article is reported (exit 1) when it appears or changes, not on every
    run (on a fresh checkout too, where no cache remembers it); and what was published
    with them."""

    records: dict[str, Record] = field(default_factory=dict)
    retired: dict[str, Retired] = field(default_factory=dict)
    skipped: dict[str, Skip] = field(default_factory=dict)
    published: Published = field(default_factory=Published)

    def ids(self) -> set[str]:
        return {r.id for r in self.records.values()} | set(self.retired)


def _holder(
    ident: str,
    records: dict[str, Record],
    retired: dict[str, Retired],
    shown: Callable[[str], str],
) -> str:
    """Who holds ``ident``, for a message: an article by its path, or a retired one."""
    for source, record in sorted(records.items()):
        if record.id == ident:
            return shown(source)
    gone = retired.get(ident)
    return f"the deleted article {shown(gone.source)}" if gone else "another article"


def load_ledger(text: str | None, *, path: str) -> Ledger:
    """Parse and check the ledger file's text (``None``: no ledger yet).

    Every record must be whole and in range (an archive page the ledger's ids can fill,
    an instant a feed can carry, ``published`` not after ``updated``) and every id unique,
    so a hand-edited ledger is refused here, naming the record, instead of building
    pages without end or minting a duplicate.

    Raises:
        LedgerError: the file is not a ledger this version can read.
    """
    if text is None:
        return Ledger()
    try:
        data = json.loads(text)
    except RecursionError as e:
        raise LedgerError(f"ledger is damaged (nested too deeply){_RESTORE}", path=path) from e
    except ValueError as e:
        raise LedgerError(f"ledger is damaged ({e}){_RESTORE}", path=path) from e
    if not isinstance(data, dict):
        raise LedgerError(f"ledger is damaged (not a JSON object){_RESTORE}", path=path)
    version = data.get("version")
    if type(version) is not int or version not in _READABLE_VERSIONS:
        raise LedgerError(f"unsupported ledger version {version!r}", path=path)
    try:
        known = {"articles", "retired", "skipped", "version"}
        unknown = sorted(set(data) - known - ({"published"} if version >= 4 else set()))
        if unknown:
            raise _Invalid(f"unknown key {unknown[0]!r}")
        records = _section(data, "articles", _article)
        skipped = _section(data, "skipped", _skip)
        if version == 1:
            by_source = _section(data, "retired", _retired_v1)
            _check_together(records, by_source)
            retired = {r.record.id: r for r in by_source.values()}
        else:
            retired = _section(data, "retired", _retired)
            _check_together(records, retired)
        published = _published(data.get("published", {}))
    except _Invalid as e:
        raise LedgerError(f"{e}{_RESTORE}", path=path) from None
    return Ledger(records=records, retired=retired, skipped=skipped, published=published)


_RESTORE = "; restore it from version control"
#: Instants a ledger may hold: any article's, and far enough from ``datetime.max`` that
#: moving one on by seconds, or into any time zone, never overflows.
_FIRST_INSTANT = datetime(1000, 1, 1, tzinfo=timezone.utc)
_LAST_INSTANT = datetime(3000, 1, 1, tzinfo=timezone.utc)
_RECORD_KEYS = frozenset({"declared", "hash", "id", "page", "published", "tags", "updated"})
_DIGEST = re.compile(r"[0-9a-f]{64}")
_T = TypeVar("_T")


class _Invalid(Exception):
    """A ledger value that is not what :func:`dump_ledger` writes."""


def _section(
    data: dict[str, object], name: str, read: Callable[[str, object, str], _T]
) -> dict[str, _T]:
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        raise _Invalid(f"{name} is not a JSON object")
    return {key: read(key, value, f"{name} {_json_str(key)}") for key, value in raw.items()}


def _article(_source: str, raw: object, where: str) -> Record:
    return _record(raw, where)


def _skip(_source: str, raw: object, where: str) -> Skip:
    if not isinstance(raw, dict) or not raw.keys() <= {"error", "hash"}:
        raise _Invalid(f"{where}: not a skipped article (an object with an error and a hash)")
    return Skip(
        error=_text(raw, "error", where), hash=_text(raw, "hash", where) if "hash" in raw else None
    )


def _retired_v1(source: str, raw: object, where: str) -> Retired:
    return Retired(source=source, record=_record(raw, where))


def _retired(ident: str, raw: object, where: str) -> Retired:
    if not isinstance(raw, dict) or "id" in raw:
        raise _Invalid(f"{where}: not a retired record (an object with a source and no id)")
    source = _text(raw, "source", where)
    raw = {**{k: v for k, v in raw.items() if k != "source"}, "id": ident}
    return Retired(source=source, record=_record(raw, where))


def _record(raw: object, where: str) -> Record:
    if not isinstance(raw, dict):
        raise _Invalid(f"{where}: not a JSON object")
    if not raw.keys() <= _RECORD_KEYS:
        raise _Invalid(f"{where}: unknown key {sorted(raw.keys() - _RECORD_KEYS)[0]!r}")
    ident, digest = _text(raw, "id", where), _text(raw, "hash", where)
    page = raw.get("page", 1)
    if type(page) is not int or page < 1:
        raise _Invalid(f"{where}: page must be a whole number from 1, not {page!r}")
    published, updated = _instant(raw, "published", where), _instant(raw, "updated", where)
    if updated < published:
        raise _Invalid(f"{where}: updated is before published")
    declared = raw.get("declared", False)
    if type(declared) is not bool:
        raise _Invalid(f"{where}: declared must be true or false, not {declared!r}")
    tags = raw.get("tags", [])
    if type(tags) is not list or not all(type(t) is str for t in tags):
        raise _Invalid(f"{where}: tags must be a list of strings, not {tags!r}")
    return Record(
        id=ident,
        published=published,
        updated=updated,
        hash=digest,
        page=page,
        declared=declared,
        tags=tuple(tags),
    )


def _published(raw: object) -> Published:
    where = "published"
    if not isinstance(raw, dict):
        raise _Invalid(f"{where} is not a JSON object")
    unknown = sorted(raw.keys() - {"basis", "pages", "tag_feeds"})
    if unknown:
        raise _Invalid(f"{where}: unknown key {unknown[0]!r}")
    basis = raw.get("basis", "")
    if type(basis) is not str:
        raise _Invalid(f"{where}: basis must be a string, not {basis!r}")
    pages = _digests(raw, "pages")
    numbers: dict[int, str] = {}
    for key, value in pages.items():
        if not (key.isascii() and key.isdigit() and key[0] != "0"):
            raise _Invalid(f"{where} pages: {_json_str(key)} is not a page number")
        numbers[int(key)] = value
    return Published(basis=basis, pages=numbers, tag_feeds=_digests(raw, "tag_feeds"))


def _digests(raw: dict[str, object], name: str) -> dict[str, str]:
    section = raw.get(name, {})
    if not isinstance(section, dict):
        raise _Invalid(f"published {name} is not a JSON object")
    for key, value in section.items():
        if type(value) is not str or not _DIGEST.fullmatch(value):
            raise _Invalid(f"published {name} {_json_str(key)}: not a SHA-256 digest: {value!r}")
    return section


def _text(raw: dict[str, object], key: str, where: str) -> str:
    value = raw.get(key)
    if type(value) is not str or not value:
        raise _Invalid(f"{where}: {key} must be a non-empty string, not {value!r}")
    return value


def _instant(raw: dict[str, object], key: str, where: str) -> datetime:
    value = raw.get(key)
    try:
        if not isinstance(value, str):
            raise ValueError
        instant = parse_rfc3339(value)
    except (ValueError, OverflowError):
        raise _Invalid(f"{where}: {key} must be an RFC 3339 instant, not {value!r}") from None
    if not _FIRST_INSTANT <= instant < _LAST_INSTANT:
        raise _Invalid(
            f"{where}: {key} {value} is out of range "
            f"({_FIRST_INSTANT.year} to {_LAST_INSTANT.year - 1})"
        )
    return instant


def _check_together(records: dict[str, Record], retired: dict[str, Retired]) -> None:
    """Every id unique; every page one the ledger's ids can fill (pages are handed out
    in order, each holding at least one id, so none is past the number of ids)."""
    count = len(records) + len(retired)
    owners: dict[str, str] = {}
    every = [("articles", k, r) for k, r in sorted(records.items())]
    every += [("retired", k, r.record) for k, r in sorted(retired.items())]
    for name, key, record in every:
        where = f"{name} {_json_str(key)}"
        if record.page > count:
            raise _Invalid(f"{where}: page {record.page} is out of range (1 to {count})")
        other = owners.setdefault(record.id, where)
        if other != where:
            raise _Invalid(f"{where}: id {record.id!r} is also {other}'s")


def dump_ledger(ledger: Ledger) -> str:
    """Serialise as sorted JSON with one article per line, so a change is a one-line diff.

    (``json.dumps(indent=...)`` falls back to the pure-Python encoder: 0.3 s at 10,000.)
    """

    def line(key: str, r: Record, *, source: str | None = None) -> str:
        # What json.dumps writes for the record's dict, put together directly: calling
        # json.dumps twice per article was most of the dump. Retired records keep no tags.
        tags = r.tags and source is None
        return (
            f"    {_json_str(key)}: {{"
            + ('"declared": true, ' if r.declared else "")
            + f'"hash": {_json_str(r.hash)}, '
            + (f'"id": {_json_str(r.id)}, ' if source is None else "")
            + f'"page": {int(r.page)}, "published": "{format_rfc3339(r.published)}", '
            + (f'"source": {_json_str(source)}, ' if source is not None else "")
            + (f'"tags": [{", ".join(map(_json_str, r.tags))}], ' if tags else "")
            + f'"updated": "{format_rfc3339(r.updated)}"}}'
        )

    def section(name: str, lines: list[str], indent: str = "  ") -> str:
        body = ",\n".join(lines)
        return f'{indent}"{name}": {{\n{body}\n{indent}}}' if lines else f'{indent}"{name}": {{}}'

    articles = [line(k, r) for k, r in sorted(ledger.records.items())]
    retired = [line(k, r.record, source=r.source) for k, r in sorted(ledger.retired.items())]
    skipped = [
        f'    {_json_any(k)}: {{"error": {_json_any(s.error)}'
        + (f', "hash": {_json_str(s.hash)}' if s.hash is not None else "")
        + "}"
        for k, s in sorted(ledger.skipped.items())
    ]
    published = ledger.published
    head = section("articles", articles) + ",\n"
    if published.pages or published.tag_feeds:
        pages = [f'      "{n}": "{d}"' for n, d in sorted(published.pages.items())]
        tags = [f'      {_json_str(s)}: "{d}"' for s, d in sorted(published.tag_feeds.items())]
        head += (
            f'  "published": {{\n    "basis": {_json_str(published.basis)},\n'
            + section("pages", pages, "    ")
            + ",\n"
            + section("tag_feeds", tags, "    ")
            + "\n  },\n"
        )
    if published.pages or published.tag_feeds or any(r.tags for r in ledger.records.values()):
        version = LEDGER_VERSION
    else:
        version = _VERSION_WITHOUT_PUBLISHED if skipped else _VERSION_WITHOUT_SKIPPED
    return (
        "{\n"
        + head
        + section("retired", retired)
        + (",\n" + section("skipped", skipped) if skipped else "")
        + f',\n  "version": {version}\n}}\n'
    )


def _json_any(text: str) -> str:
    """``text`` as a JSON string: UTF-8 as it is, or ASCII escapes when it holds a lone
    surrogate (a skipped file's name that is not UTF-8: JSON can carry it escaped only)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(text)
    return _json_str(text)


def mint_id(*, domain: str, first: datetime, source: str, taken: set[str]) -> str:
    """A ``tag:`` URI (RFC 4151) from the domain, the first date and the article's name."""
    folder, slash, name = source.rpartition("/")
    dot = name.rfind(".")
    # The last suffix goes, as pathlib's with_suffix("") takes it: not a leading dot
    # (".profile") and not a trailing one ("notes."). Plain string work: ids are minted
    # for every new article, and the Path objects were a third of a first build's ledger.
    stem = folder + slash + (name[:dot] if 0 < dot < len(name) - 1 else name)
    specific = quote(stem, safe="/-._~!$&'()*+,;=:@")
    base = f"tag:{domain},{to_utc(first).date().isoformat()}:{specific}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def date_from_name(source: str, *, tzinfo: object) -> datetime | None:
    """Midnight of a ``YYYY-MM-DD`` prefix of the file name, in the configured zone."""
    match = _DATE_PREFIX.match(source.rpartition("/")[2])
    if not match:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=tzinfo)  # type: ignore[arg-type]
    except ValueError:
        return None


def reconcile(
    ledger: Ledger,
    entries: list[tuple[EntryHead, str]],
    *,
    domain: str,
    now: datetime,
    tzinfo: object,
    page_size: int = 100,
    unreadable: Collection[str] = (),
    shown: Callable[[str], str] = str,
) -> Reconciled:
    """Give every entry its permanent id and dates; return them and the new ledger.

    ``entries`` pairs each loaded entry with its content hash. A source the ledger knows
    keeps its record; an unknown source that carries the ``Id`` of a vanished (or
    retired) record, or whose hash matches one, is a rename and inherits that record;
    anything else is new and gets an id minted now. Sources that are gone move to
    ``retired`` so their ids are never minted again. An article whose explicit ``Id`` is
    already another present article's is skipped and reported in ``problems``; ``shown``
    names an article (by its source) in messages and in those problems' paths.

    Sources in ``unreadable`` exist but could not be read this run (broken front matter,
    a file caught half rewritten): their records stay as they are, in ``held``, so the
    article keeps its id and its published entry until it is fixed or deleted.
    """
    now = to_utc(now)
    present = {e.source for e, _ in entries}
    held = {k: r for k, r in ledger.records.items() if k in unreadable and k not in present}
    vanished = {k: r for k, r in ledger.records.items() if k not in present and k not in held}
    unclaimed = _Unclaimed(vanished=vanished, retired=ledger.retired)
    taken = ledger.ids()
    new_records: dict[str, Record] = dict(held)
    fresh: list[str] = []
    problems: dict[str, ArticleError] = {}
    warnings: list[str] = []
    # Fixed order, so minted ids and bumped instants are deterministic.
    for entry, digest in sorted(entries, key=lambda pair: pair[0].source):
        record = ledger.records.get(entry.source) or unclaimed.take(entry, digest)
        if record is None:
            if entry.id and entry.id in taken:
                records = {**ledger.records, **new_records}
                holder = _holder(entry.id, records, ledger.retired, shown)
                problems[entry.source] = ArticleError(
                    f"Id {entry.id!r} is already {holder}'s", path=shown(entry.source)
                )
                continue
            record = _new_record(entry, digest, domain=domain, now=now, tzinfo=tzinfo, taken=taken)
            taken.add(record.id)
            fresh.append(entry.source)
        else:
            if entry.id and entry.id != record.id:
                warnings.append(
                    f"{shown(entry.source)}: Id {entry.id!r} ignored: the article was published as "
                    f"{record.id!r} and ids never change"
                )
            if record.hash != digest:
                record = _changed_record(record, entry, digest, now=now)
            record = _follow_declared_date(record, entry)
        if record.tags != entry.tags:
            record = replace(record, tags=entry.tags)
        new_records[entry.source] = record
    _assign_pages(new_records, fresh, _PageCounter(ledger, page_size))
    _spread_updated(new_records, ledger.records, now=now)
    resolved = [
        _resolved(entry, r)
        for entry, _ in entries
        if (r := new_records.get(entry.source)) is not None
    ]
    return Reconciled(
        entries=resolved,
        ledger=Ledger(records=new_records, retired=unclaimed.remaining),
        problems=problems,
        warnings=warnings,
        held=held,
    )


def _resolved(entry: EntryHead, record: Record) -> EntryHead:
    """``entry`` with the id and dates of its ``record``."""
    # The very same instants, not only equal ones (an equal instant in another zone
    # would be written in that zone): a head the ledger stood in for has them already.
    same = entry.published is record.published and entry.updated is record.updated
    if same and entry.id == record.id:
        return entry
    return replace(entry, id=record.id, published=record.published, updated=record.updated)


class Shelf(Enum):
    """Where a record that no present article holds waits for its article to return."""

    #: In the ledger's articles until this build; its file is gone now.
    VANISHED = "vanished"
    #: Retired by an earlier build.
    RETIRED = "retired"


class _Unclaimed:
    """Records a moved or restored article may take over, by its ``Id`` or by its hash.

    They are held by id (a path may have retired several), each with its shelf; taking
    one removes it, so each is taken once. What is left are the new ledger's retired
    records.
    """

    def __init__(self, *, vanished: dict[str, Record], retired: dict[str, Retired]) -> None:
        self._shelf = {ident: Shelf.RETIRED for ident in retired}
        self._shelf.update((r.id, Shelf.VANISHED) for r in vanished.values())
        # A retired record keeps no tags: it is in no feed.
        gone = {r.id: Retired(k, replace(r, tags=())) for k, r in vanished.items()}
        self.remaining = {**retired, **gone}
        self._by_hash: dict[str, list[str]] = {}
        for ident in sorted(self.remaining, key=self._order):
            self._by_hash.setdefault(self.remaining[ident].record.hash, []).append(ident)

    def _order(self, ident: str) -> tuple[str, str]:
        # The order claims are tried in, the one the ledger has always used (it decides
        # which of two equal articles inherits a record, so it never changes); by id
        # among the records one path retired.
        source = self.remaining[ident].source
        return (f"retired:{source}" if self._shelf[ident] is Shelf.RETIRED else source, ident)

    def take(self, entry: EntryHead, digest: str) -> Record | None:
        """The record ``entry`` (with content hash ``digest``) inherits, if any: the one
        with its ``Id``, else one with its hash (one retired from its own source first)
        whose id does not contradict its ``Id``."""
        if entry.id and entry.id in self.remaining:
            return self.remaining.pop(entry.id).record
        candidates = [i for i in self._by_hash.get(digest, ()) if i in self.remaining]
        if not candidates:
            return None
        same_place = [
            i
            for i in candidates
            if self._shelf[i] is Shelf.RETIRED and self.remaining[i].source == entry.source
        ]
        ident = (same_place or candidates)[0]
        if entry.id and entry.id != ident:
            return None
        return self.remaining.pop(ident).record


@dataclass
class Reconciled:
    """What :func:`reconcile` settled."""

    #: Every publishable entry, with its permanent id and dates.
    entries: list[EntryHead]
    #: The ledger to write.
    ledger: Ledger
    #: Articles that cannot be published (an explicit ``Id`` that another article has),
    #: by source.
    problems: dict[str, ArticleError]
    #: Things worth telling (an ``Id`` header that came too late to count).
    warnings: list[str]
    #: Records of published articles that could not be read, kept as they were, by source.
    held: dict[str, Record] = field(default_factory=dict)


def _assign_pages(records: dict[str, Record], fresh: list[str], pages: _PageCounter) -> None:
    # Oldest first, so a first build of a large back catalogue puts the oldest entries on
    # page 1 and prev-archive really leads back in time.
    for key in sorted(fresh, key=lambda k: (records[k].published, records[k].id)):
        records[key] = replace(records[key], page=pages.next())


def archive_page_count(ledger: Ledger) -> int:
    """How many archive pages exist: up to the last page that holds a published entry.

    A page is never written empty (an empty ``prev-archive`` is a dead end for readers):
    the next page opens with its first entry, and the full page before it then gains its
    ``next-archive`` link, its last change unless one of its own articles changes.
    """
    return max((r.page for r in ledger.records.values()), default=1)


def _page_fill(ledger: Ledger) -> dict[int, int]:
    counts: dict[int, int] = {}
    for record in [*ledger.records.values(), *(r.record for r in ledger.retired.values())]:
        counts[record.page] = counts.get(record.page, 0) + 1
    return counts


class _PageCounter:
    """Hands out archive pages: the open (last) page until it holds ``size`` ids.

    Retired ids keep their place, so deleting an article never moves another one.
    """

    def __init__(self, ledger: Ledger, size: int):
        counts = _page_fill(ledger)
        self.page = max(counts, default=1)
        self.used = counts.get(self.page, 0)
        self.size = size

    def next(self) -> int:
        if self.used >= self.size:
            self.page, self.used = self.page + 1, 0
        self.used += 1
        return self.page


def _new_record(
    entry: EntryHead,
    digest: str,
    *,
    domain: str,
    now: datetime,
    tzinfo: object,
    taken: set[str],
) -> Record:
    # An article that gives only an "Updated ..." line was published by then at the latest.
    named = date_from_name(entry.source, tzinfo=tzinfo)
    # A file name dated after the clock is not a publication date yet: taken as one, it
    # would put the newest published instant in the future and every later build would be
    # refused as running on a clock gone backwards.
    named = named if named is not None and named <= now else None
    published = entry.published or entry.updated or named or now
    published = to_utc(published)
    updated = to_utc(entry.updated) if entry.updated else published
    updated = max(updated, published)
    ident = entry.id or mint_id(domain=domain, first=published, source=entry.source, taken=taken)
    declared = entry.published_from == "metadata" and entry.published is not None
    return Record(id=ident, published=published, updated=updated, hash=digest, declared=declared)


def _changed_record(record: Record, entry: EntryHead, digest: str, *, now: datetime) -> Record:
    # The id and published date never move; updated moves to what the article now says,
    # or to the build that first saw the change.
    updated = to_utc(entry.updated) if entry.updated else now
    if updated <= record.updated:
        updated = max(now, record.updated + timedelta(seconds=1))
    return replace(record, updated=updated, hash=digest)


def _follow_declared_date(record: Record, entry: EntryHead) -> Record:
    """A record whose ``published`` is the article's ``Date`` takes a corrected ``Date``.

    The id stays, so readers see an entry whose date changed, not a new one.
    """
    if entry.published_from != "metadata" or entry.published is None:
        return record
    published = to_utc(entry.published)
    if not record.declared:
        # A ledger written before ``declared`` existed: a ``Date`` equal to the recorded
        # one is the article's own from now on; any other was not the source of the date.
        return replace(record, declared=True) if published == record.published else record
    if published == record.published:
        return record
    return replace(record, published=published, updated=max(record.updated, published))


def _spread_updated(records: dict[str, Record], old: dict[str, Record], *, now: datetime) -> None:
    """Make every ``updated`` instant unique (the validator warns on DuplicateUpdated),
    and none later than ``now`` (readers and the validator distrust the future).

    Records whose instant is already in the old ledger keep it. The others, in source
    order (deterministic, then frozen), take the first free whole second from their
    instant on, up to ``now``; past ``now``, the first free one back from it (an article
    first seen by this build, dated by the clock, has its ``published`` moved back with
    it); failing that, a free fraction of a second before ``now``.
    """
    used: set[datetime] = set()
    fixed = [k for k in sorted(records) if old.get(k) == records[k]]
    moving = [k for k in sorted(records) if old.get(k) != records[k]]
    for key in fixed:
        used.add(records[key].updated)
    search = _FreeInstants(used, now=now)
    for key in moving:
        record, before = records[key], old.get(key)
        clock_dated = before is None and record.published == now
        floor = None if clock_dated else record.published
        if before is not None:
            floor = max(record.published, before.updated + _TICK)
        when = search.take(record.updated, floor=floor)
        if when != record.updated:
            records[key] = replace(record, updated=when, published=min(record.published, when))


_SECOND = timedelta(seconds=1)
_TICK = timedelta(microseconds=1)


class _FreeInstants:
    """Hands out unused instants near a wanted one, never after ``now`` if it can."""

    def __init__(self, used: set[datetime], *, now: datetime):
        self.used = used
        self.now = now
        # Where each search last ended, by starting instant: every second between the
        # start and it is taken, and stays taken, so the next search from that start
        # resumes there (many articles dated the same midnight made this quadratic).
        self.up: dict[datetime, datetime] = {}
        self.down: dict[datetime, datetime] = {}
        self.fraction = now

    def take(self, start: datetime, *, floor: datetime | None) -> datetime:
        """The first free instant from ``start`` on, else back from it, not below ``floor``."""
        when = self.up.get(start, start)
        while when in self.used:
            when += _SECOND
        self.up[start] = when
        # A start after now (a clock that went back) keeps the forward search.
        if when > self.now and start <= self.now:
            when = self.down.get(start, start - _SECOND)
            while when in self.used:
                when -= _SECOND
            self.down[start] = when
            if floor is not None and when < floor:
                when = self._fraction(floor) or start
        self.used.add(when)
        return when

    def _fraction(self, floor: datetime) -> datetime | None:
        # Whole seconds are all taken between floor and now: RFC 3339 allows fractions.
        when = self.fraction
        while when in self.used or when == self.fraction:
            when -= _TICK
            if when < floor:
                return None
        self.fraction = when
        return when


def refuse_backwards_clock(ledger: Ledger, *, now: datetime, path: str) -> None:
    """Refuse a build whose clock is before the newest instant an entry was published.

    Every ``published`` in the ledger was at or before the clock of the build that
    recorded it, so a clock before the newest one has gone backwards (a reset RTC, a bad
    ``SOURCE_DATE_EPOCH``). Building with it would hold every later entry back as
    scheduled and withdraw it from the feeds.

    Raises:
        PublishError: the clock is before the newest published instant.
    """
    newest = max(ledger.records.items(), key=lambda item: item[1].published, default=None)
    if newest is None or to_utc(now) >= newest[1].published:
        return
    source, record = newest
    raise PublishError(
        f"the build clock says {format_rfc3339(now)}, before {format_rfc3339(record.published)} "
        f"when {source} was published: the clock has gone backwards, and a build now would "
        "withdraw published entries. Nothing done; fix the system clock or SOURCE_DATE_EPOCH",
        path=path,
    )


def describe_changes(old: Ledger, new: Ledger) -> list[str]:
    """What a build changes, one line per article, for ``--check`` and ``-v``."""
    old_by_id = {r.id: (k, r) for k, r in old.records.items()}
    retired_ids = set(old.retired)
    lines: list[str] = []
    for key, record in sorted(new.records.items()):
        before = old_by_id.pop(record.id, None)
        if before is None:
            lines.append(f"{'restored' if record.id in retired_ids else 'new'}: {key}")
            continue
        old_key, old_record = before
        if old_key != key:
            lines.append(f"moved: {old_key} -> {key}")
        if old_record.hash != record.hash:
            lines.append(f"edited: {key}")
    lines.extend(f"removed: {key}" for key, _ in sorted(old_by_id.values()))
    return lines
