"""The incremental cache: parsed articles and what the last build looked at.

It lives in ``.feedwright-cache/`` beside the ledger and is never committed. Everything in
it can be recomputed, so a missing, corrupt, foreign or half-written cache only makes a
run slower, never wrong: any trouble with it disables it for the run.

An article is found again by its path and its file identity (size, mtime, ctime, inode).
A row cached while its file was not yet settled (:mod:`feedwright.clock`) is checked
against the file's digest before it is trusted, as git does for the "racy" entries of its
index; so is a row whose file has another identity now (a cache restored on another
machine, a checkout that rewrote the file): same bytes, same parse. A row may hold only
the digest, for an article a build took from the ledger without parsing it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from feedwright.entry import Entry, EntryHead
from feedwright.errors import PublishError
from feedwright.incremental.stamp import key_format

SCHEMA = "5"
DB_NAME = "cache.sqlite3"
_DATE_FIELDS = frozenset(f.name for f in fields(Entry) if "datetime" in str(f.type))
_FIELD_NAMES = {f.name for f in fields(Entry)}
_HEAD_NAMES = {f.name for f in fields(EntryHead)}


class FileKey(NamedTuple):
    """What says a file is still the file that was read (a tuple: made 10,000 times a run)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileKey:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

    @property
    def changed_ns(self) -> int:
        """When the file (its bytes or its metadata) last changed, epoch nanoseconds."""
        return max(self.mtime_ns, self.ctime_ns)

    def text(self) -> str:
        return key_format(self)


def stat_key(path: Path | str) -> FileKey | None:
    """The file's key, or ``None`` if it does not exist (or cannot be looked at)."""
    try:
        return FileKey.of(os.stat(path))
    except OSError:
        return None


#: An entry as the cache stores it (:func:`dump_entry`): JSON of its small fields, and its
#: bulk (``content_html`` and the paragraphs, UTF-8) or ``None`` when the JSON holds
#: everything. The bulk stays bytes until a worker building a document needs the text.
Dumped = tuple[str, "bytes | None"]
#: A row to store: source, file identity, settled, content digest, the entry as dumped.
Row = tuple[str, FileKey, bool, str, Dumped]


@dataclass(frozen=True)
class Cached:
    """A parsed article found in the cache."""

    #: The entry; a head when its text is stored apart (:meth:`Cache.bulk` reads it back,
    #: :func:`make_whole` puts it in). ``None`` when only the digest is known (the build
    #: that read the article took it from the ledger: :mod:`feedwright.unread`).
    entry: EntryHead | None
    #: SHA-256 of the file's bytes (the ledger's content hash).
    digest: str
    #: The file was settled when cached: the row is trusted without checking ``digest``.
    settled: bool


@dataclass(frozen=True)
class RunState:
    """The record of the last clean build: what it read and wrote, so an identical run
    can be skipped (see :mod:`feedwright.incremental.memory`)."""

    #: Digest of the code, config, and the identity of every article, ledger and output.
    inputs: str
    #: Files not yet settled, so not trusted by identity alone: path -> their digest.
    unsettled: dict[str, str]
    #: The build's clock (epoch seconds); a clock that went back means a full run.
    built_at: int
    #: When a scheduled article falls due (epoch seconds), if one is waiting.
    valid_until: int | None
    #: Documents written, relative to the out folder.
    outputs: list[str]
    entries: int
    warnings: list[str] = field(default_factory=list)
    #: Digest of the code and config the documents were built with.
    documents: str = ""
    #: Archive pages that existed, and each output's identity after the build.
    page_count: int = 0
    output_keys: dict[str, str] = field(default_factory=dict)
    #: The ledger's identity after the build.
    ledger_key: str = ""
    #: What ``-v`` tells on every run that is no warning (drafts).
    notes: list[str] = field(default_factory=list)
    #: Each article the build skipped as bad, as its one-line error.
    skipped: list[str] = field(default_factory=list)
    #: Wall time (epoch ns) when the record was made: the digests in ``unsettled`` are of
    #: the bytes the files held then (None: a record from before it was kept).
    recorded_ns: int | None = None
    #: Digest of the articles' identities alone (part of ``inputs``; "" in older records).
    articles: str = ""


class Cache:
    """The cache database; every method is safe to call when the cache is disabled."""

    def __init__(self, conn: sqlite3.Connection | None, *, writable: bool, note: str = ""):
        self._conn = conn
        self.writable = writable and conn is not None
        #: Why the cache is not in use, if it is not (for ``-v``).
        self.note = note

    @classmethod
    def disabled(cls, note: str = "") -> Cache:
        return cls(None, writable=False, note=note)

    @classmethod
    def open(cls, folder: Path, *, namespace: str, writable: bool) -> Cache:
        """Open (or, if ``writable``, create or reset) the cache in ``folder``."""
        db = folder / DB_NAME
        cache = cls._open(db, folder, namespace=namespace, writable=writable)
        if cache._conn is None and writable:
            # A damaged database is thrown away and started afresh, once.
            with contextlib.suppress(OSError):
                db.unlink()
            fresh = cls._open(db, folder, namespace=namespace, writable=writable)
            fresh.note = cache.note
            cache = fresh
        return cache

    @classmethod
    def _open(cls, db: Path, folder: Path, *, namespace: str, writable: bool) -> Cache:
        conn: sqlite3.Connection | None = None
        try:
            if not writable:
                if not db.is_file():
                    return cls.disabled("no cache yet")
                conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
            else:
                folder.mkdir(parents=True, exist_ok=True)
                ignore = folder / ".gitignore"
                if not ignore.exists():
                    ignore.write_text("# feedwright's cache; safe to delete\n*\n")
                conn = sqlite3.connect(db)
            cache = cls(conn, writable=writable)
            if cache._meta("schema") == SCHEMA and cache._meta("namespace") == namespace:
                return cache
            if not writable:
                conn.close()
                return cls.disabled("cache is from another version or configuration")
            cache._reset(namespace)
            return cache
        except (sqlite3.Error, OSError, ValueError) as e:
            if conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            return cls.disabled(f"cache unusable ({e})")

    def _meta(self, key: str) -> str | None:
        assert self._conn is not None
        try:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return str(row[0]) if row else None

    def _reset(self, namespace: str) -> None:
        assert self._conn is not None
        with self._conn:
            self._conn.executescript(
                "DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS articles;"
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                "CREATE TABLE articles (source TEXT PRIMARY KEY, key TEXT NOT NULL,"
                " settled INTEGER NOT NULL, digest TEXT NOT NULL, head TEXT NOT NULL, bulk BLOB);"
            )
            self._conn.executemany(
                "INSERT INTO meta VALUES (?, ?)", [("schema", SCHEMA), ("namespace", namespace)]
            )

    def clear(self) -> None:
        """Forget every parse and the last build's record (when writable)."""
        if not self.writable or self._conn is None:
            return
        try:
            self._reset(str(self._meta("namespace")))
        except sqlite3.Error as e:
            self._guard(e)

    def _guard(self, error: Exception) -> None:
        self.close(commit=False)
        self.note = f"cache unusable ({error}); not using it"

    def lookup_all(self, keys: dict[str, FileKey]) -> dict[str, Cached]:
        """The cached parse of each source in ``keys`` (each one's file identity now); not
        settled (to be checked by digest) unless its file still has the identity cached.

        Entries come back as heads (see :attr:`Cached.entry`): a build reads every cached
        entry but rebuilds only a few documents, and the bulk is most of the bytes.
        """
        if self._conn is None:
            return {}
        try:
            rows = self._conn.execute(
                "SELECT source, key, settled, digest, head, bulk IS NULL FROM articles"
            )
            found: dict[str, Cached] = {}
            for source, key_text, settled, digest, head, whole in rows:
                key = keys.get(source)
                if key is None:
                    continue
                settled = settled and key_text == key.text()
                if not head:
                    found[source] = Cached(entry=None, digest=str(digest), settled=settled)
                    continue
                try:
                    entry = load_head(head, whole=bool(whole))
                except (ValueError, TypeError, KeyError):
                    continue
                if entry.source == source:
                    found[source] = Cached(entry=entry, digest=str(digest), settled=settled)
        except sqlite3.Error as e:
            self._guard(e)
            return {}
        return found

    def bulk(self, sources: list[str]) -> dict[str, bytes]:
        """The stored text (bulk) of entries read back as heads, by source.

        Raises:
            PublishError: the cache cannot give them back any more (it broke during the
                build); nothing is published and the next run reads the articles afresh.
        """
        found: dict[str, bytes] = {}
        try:
            if self._conn is None:
                raise sqlite3.OperationalError(self.note or "closed")
            for start in range(0, len(sources), 500):
                part = sources[start : start + 500]
                marks = ",".join("?" * len(part))
                found.update(
                    self._conn.execute(
                        f"SELECT source, bulk FROM articles WHERE source IN ({marks})", part
                    )
                )
        except sqlite3.Error as e:
            self._guard(e)
            raise PublishError(
                f"the cache broke during the build ({e}); nothing published, run again",
                path=DB_NAME,
            ) from e
        for source in sources:
            if not isinstance(found.get(source), bytes):
                raise PublishError(
                    "the cache lost this article's text during the build; nothing published, "
                    "run again",
                    path=source,
                )
        return found

    def store_all(self, rows: Iterable[Row]) -> None:
        """Remember many parses at once, each with its entry already :func:`dump_entry`-ed
        (taken one at a time: their bulk need not all be in memory at once)."""
        if not self.writable or self._conn is None:
            return
        try:
            self._conn.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                (
                    (source, key.text(), int(settled), digest, head, bulk)
                    for source, key, settled, digest, (head, bulk) in rows
                ),
            )
        except (sqlite3.Error, TypeError, ValueError) as e:
            self._guard(e)

    def settle(self, source: str, key: FileKey, *, settled: bool) -> None:
        """Give the row of ``source`` its file's identity ``key`` now (same bytes)."""
        if not self.writable or self._conn is None:
            return
        try:
            self._conn.execute(
                "UPDATE articles SET key = ?, settled = ? WHERE source = ?",
                (key.text(), int(settled), source),
            )
        except sqlite3.Error as e:
            self._guard(e)

    def prune(self, keep: set[str]) -> None:
        """Forget articles that are no longer there."""
        if not self.writable or self._conn is None:
            return
        try:
            known = {r[0] for r in self._conn.execute("SELECT source FROM articles")}
            self._conn.executemany(
                "DELETE FROM articles WHERE source = ?", [(s,) for s in sorted(known - keep)]
            )
        except sqlite3.Error as e:
            self._guard(e)

    def state(self) -> RunState | None:
        """The last clean build's state, if there is one."""
        if self._conn is None:
            return None
        try:
            raw = self._meta("state")
            return RunState(**json.loads(raw)) if raw else None
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def save_state(self, state: RunState | None) -> None:
        """Record (or, with ``None``, forget) the state of the build that just finished."""
        if not self.writable or self._conn is None:
            return
        try:
            # Committed at once: a run killed later must not leave an older state behind.
            with self._conn:
                if state is None:
                    self._conn.execute("DELETE FROM meta WHERE key = 'state'")
                else:
                    self._conn.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('state', ?)",
                        (json.dumps(state.__dict__, sort_keys=True),),
                    )
        except sqlite3.Error as e:
            self._guard(e)

    def close(self, *, commit: bool = True) -> None:
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        self.writable = False
        try:
            if commit:
                conn.commit()
            conn.close()
        except sqlite3.Error as e:
            self.note = f"cache not saved ({e})"


#: Separates the parts of a cached entry: no JSON text, paragraph or HTML we store holds it.
_NUL = "\0"
#: The text: the fields an :class:`Entry` has and its head has not, stored apart from the
#: head's JSON (JSON-decoding them cost one-edit runs most of their time, and a build
#: holds every article's head). The bulk is the summary and the key points as JSON, the
#: HTML and each paragraph, joined by NUL.
_BULK = tuple(sorted(_FIELD_NAMES - _HEAD_NAMES))


def dump_entry(entry: Entry) -> Dumped:
    """An entry as the cache stores it: JSON of its head's fields (datetimes keep their UTC
    offset), and the bulk: the summary and key points as JSON, ``content_html`` and the
    paragraphs, joined by NUL, as UTF-8.

    An entry whose bulk could not be told apart that way (a NUL inside, an empty
    paragraph) is stored as JSON alone, with ``None`` for the bulk.
    """
    data: dict[str, Any] = {}
    for f in fields(Entry):
        value = getattr(entry, f.name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        elif value is not None and not isinstance(value, str):
            raise TypeError(f"cannot cache Entry.{f.name} of type {type(value).__name__}")
        data[f.name] = value
    paragraphs = entry.paragraphs
    if _NUL in entry.content_html or any(not p or _NUL in p for p in paragraphs):
        # ASCII escapes: twice as fast to write as raw UTF-8 (json's C encoder).
        return json.dumps(data, separators=(",", ":")), None
    for name in _BULK:
        del data[name]
    # JSON escapes every control character, so the first part holds no NUL either.
    small = json.dumps([entry.summary, entry.key_points], separators=(",", ":"))
    bulk = _NUL.join([small, entry.content_html, *paragraphs])
    return json.dumps(data, separators=(",", ":")), bulk.encode("utf-8", "surrogatepass")


def load_head(head: str, *, whole: bool) -> EntryHead:
    """The entry of a dumped head: an :class:`Entry` if ``whole`` (the JSON holds
    everything), else an :class:`EntryHead` whose text is stored apart.

    Raises:
        ValueError, TypeError, KeyError: the text is not a dumped head of this version.
    """
    data = json.loads(head)
    for name, value in data.items():
        if isinstance(value, list):
            data[name] = tuple(value)
        elif name in _DATE_FIELDS and value is not None:
            data[name] = datetime.fromisoformat(value)
    if data.keys() != (_FIELD_NAMES if whole else _HEAD_NAMES):
        raise KeyError("fields differ from Entry's")
    return Entry(**data) if whole else EntryHead(**data)


def whole_entry(head: EntryHead, bulk: bytes) -> Entry:
    """The :class:`Entry` of ``head``, with the text from its dumped ``bulk``."""
    small, content_html, *paragraphs = bulk.decode("utf-8", "surrogatepass").split(_NUL)
    summary, key_points = json.loads(small)
    return Entry(
        **{name: getattr(head, name) for name in _HEAD_NAMES},
        summary=summary,
        key_points=tuple(key_points),
        content_html=content_html,
        paragraphs=tuple(paragraphs),
    )


def make_whole(entry: EntryHead, *, bulk: Mapping[str, bytes]) -> Entry:
    """``entry`` as an :class:`Entry`: itself if it is one, else with its text from ``bulk``.

    Raises:
        PublishError: ``bulk`` lacks its text (nothing may be published without it).
    """
    if isinstance(entry, Entry):
        return entry
    data = bulk.get(entry.source)
    if data is None:
        raise PublishError(
            "this entry's text was not read back; nothing published", path=entry.source
        )
    return whole_entry(entry, data)
