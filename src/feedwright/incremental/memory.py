"""What a build remembers of the last one, and every decision to skip work that rests on it.

One vocabulary, used with these meanings throughout :mod:`feedwright.incremental`:

identity
    A file's size, mtime, ctime and inode (:class:`~feedwright.incremental.cache.FileKey`).
    A file with the identity recorded for it still holds the bytes it held then, *if*
    it is settled.
settled
    Last changed long enough ago (:class:`feedwright.clock.Clock`) that its identity is
    trusted alone. Files not yet settled are compared by their digest as well.
digest
    The SHA-256 of a file's bytes.
record
    What the last clean build read and wrote (:class:`~feedwright.incremental.cache.RunState`):
    one digest of every input's identity, the digests of the files not yet settled,
    the documents and their identities. It is removed before a build writes anything
    and saved again once it has published (bad articles included: the ledger records
    them as reported, so an identical run is as quiet as any).
stamp
    The record in the form the quiet-run shortcut reads with ``os`` alone
    (:mod:`feedwright.incremental.stamp`).
head, bulk
    An entry's small fields, and its big ones (``content_html`` and the paragraphs). The
    parse cache reads entries back as heads; only the documents rebuilt need the bulk.
kept page
    An archive page a build leaves as it is on disk (a tag feed can be kept too, see
    :func:`feedwright.output.tagfeeds.reusable_tag_feeds`).

What can be skipped, largest first: the whole build (:meth:`BuildMemory.nothing_changed`),
parsing an article (:meth:`BuildMemory.reusable_parses`), building an archive page
(:meth:`BuildMemory.kept_pages`). A document byte for byte the same as the published file
is neither checked nor written; the build plan compares those itself.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from feedwright.clock import Clock
from feedwright.config import Config
from feedwright.incremental.cache import (
    Cache,
    Cached,
    FileKey,
    RunState,
    load_head,
    stat_key,
)
from feedwright.incremental.identity import (
    archive_listing,
    articles_digest,
    cache_namespace,
    code_identity,
    code_keys,
    documents_basis,
    inputs_digest,
)
from feedwright.incremental.stamp import (
    clear_stamp,
    folder_names,
    key_text,
    stamp_text,
    write_stamp,
)
from feedwright.layout import ARCHIVE_DIR, ENTRY_DIR, page_names
from feedwright.ledger import archive_page_count
from feedwright.spill import Ref

if TYPE_CHECKING:
    from feedwright.incremental.published import GroupCheck
    from feedwright.ledger import Ledger

_ENTRY_PREFIX = f"{ENTRY_DIR}/"


class BuildMemory:
    """The parse cache and the last build's record, seen through one build's clock."""

    def __init__(
        self,
        config: Config,
        clock: Clock,
        cache: Cache,
        code: list[tuple[str, str]],
        *,
        reuse_documents: bool = True,
    ):
        self._config = config
        self._reuse_documents = reuse_documents
        self._clock = clock
        self._cache = cache
        self._code_files = code
        self._code = code_identity(code)
        self._config_key = key_text(str(config.source)) if config.source else "-"
        #: Fresh parses to store: their bulk is where it was set aside, read back to store.
        self._rows: list[tuple[str, FileKey, bool, str, tuple[str, Ref | None]]] = []
        #: Wall time when the build began: files read after it are compared with it.
        self._opened_ns = clock.wall_ns()
        #: The last clean build's record, read before this build removes it.
        self.last = cache.state()
        #: Each document's identity as this build first looked (by name under the out
        #: folder): the record reuses it for every document the build did not write.
        self._seen: dict[str, FileKey | None] = {}
        #: What every document depends on besides its entries: the code and the config.
        self.documents = documents_basis(config, self._code)

    @classmethod
    def open(
        cls,
        config: Config,
        clock: Clock,
        *,
        enabled: bool,
        writable: bool,
        forget: bool = False,
    ) -> BuildMemory:
        """The memory of builds of ``config``; empty unless ``enabled``. Unless ``writable``
        (a check) it is only read, and no document is reused: a check compares them all.
        With ``forget`` it starts empty and, if ``writable``, remembers this build anew."""
        code = code_keys()
        if not enabled or (forget and not writable):
            return cls(config, clock, Cache.disabled("cache not used"), code)
        namespace = cache_namespace(config, code_identity(code))
        cache = Cache.open(config.cache_dir, namespace=namespace, writable=writable)
        if forget:
            cache.clear()
        return cls(config, clock, cache, code, reuse_documents=writable)

    @property
    def note(self) -> str:
        """Why the cache is not in use, if it is not (for ``-v``)."""
        return self._cache.note

    def close(self) -> None:
        self._cache.close()

    def nothing_changed(self, articles: dict[str, FileKey]) -> RunState | None:
        """The last build's record if nothing it depended on has changed; else ``None``.

        ``articles`` is each article's identity now. A confirmed record forgets the
        digests of files that have settled since, so later quiet runs hash nothing.
        """
        state = self.last
        if state is None or not self._still_holds(state, articles):
            return None
        if not state.unsettled or not self._cache.writable:
            return state
        at_ns = self._clock.wall_ns()
        unsettled = {
            path: digest
            for path, digest in state.unsettled.items()
            if (key := stat_key(Path(path))) is None
            or not Clock.settled(_last_change(key, seen_ns=state.recorded_ns), at_ns)
        }
        if unsettled != state.unsettled:
            state = replace(state, unsettled=unsettled)
            self._cache.save_state(state)
        return state

    def _still_holds(self, state: RunState, articles: dict[str, FileKey]) -> bool:
        config = self._config
        epoch = self._clock.epoch
        if epoch < state.built_at or (state.valid_until is not None and epoch >= state.valid_until):
            return False
        read = articles_digest(articles)
        if state.articles and read != state.articles:
            return False  # an article changed: no output need be stat'ed to know it
        current = inputs_digest(
            code=self._code,
            config=config,
            articles=read,
            ledger=stat_key(config.ledger),
            outputs={name: stat_key(config.out / name) for name in state.outputs},
            listing=archive_listing(config),
        )
        if current != state.inputs:
            return False
        for path, digest in state.unsettled.items():
            try:
                data = Path(path).read_bytes()
            except OSError:
                return False
            if hashlib.sha256(data).hexdigest() != digest:
                return False
        return True

    def reusable_parses(
        self, articles: dict[str, FileKey]
    ) -> tuple[dict[str, Cached], dict[str, Cached]]:
        """The cached parses of ``articles`` (each source's identity now): those trusted
        as they are, and those to trust only if the file's digest is still theirs."""
        trusted: dict[str, Cached] = {}
        unsure: dict[str, Cached] = {}
        for source, cached in self._cache.lookup_all(articles).items():
            (trusted if cached.settled else unsure)[source] = cached
        return trusted, unsure

    def parsed(
        self, source: str, key: FileKey, digest: str, dumped: tuple[str, Ref | None]
    ) -> Cached:
        """Remember a fresh parse of ``source``, read with identity ``key`` and dumped
        with its bulk set aside at a :data:`~feedwright.spill.Ref`; return it as the cache
        gives it back (its entry a head when the bulk is stored apart)."""
        head, bulk = dumped
        cached = Cached(
            entry=load_head(head, whole=bulk is None),
            digest=digest,
            settled=Clock.settled(key.changed_ns, self._opened_ns),
        )
        self._rows.append((source, key, cached.settled, digest, dumped))
        return cached

    def hashed(self, source: str, key: FileKey, digest: str) -> None:
        """Remember the digest of ``source``, read with identity ``key`` and not parsed."""
        settled = Clock.settled(key.changed_ns, self._opened_ns)
        self._rows.append((source, key, settled, digest, ("", None)))

    def confirmed(self, source: str, key: FileKey, cached: Cached) -> Cached:
        """``cached`` once its file, read with identity ``key``, was found to have the
        same digest."""
        settled = Clock.settled(key.changed_ns, self._opened_ns)
        self._cache.settle(source, key, settled=settled)
        return replace(cached, settled=settled)

    def save_parses(self, *, read: Callable[[Ref], bytes]) -> None:
        """Store the parses remembered since the last call, their bulk ``read`` back one
        row at a time."""
        rows, self._rows = self._rows, []
        self._cache.store_all(
            (source, key, settled, digest, (head, None if ref is None else read(ref)))
            for source, key, settled, digest, (head, ref) in rows
        )

    def bulk(self, sources: list[str]) -> dict[str, bytes]:
        """The stored bulk of cached entries read back as heads (see :meth:`Cache.bulk`)."""
        return self._cache.bulk(sources)

    def kept_pages(self, old: Ledger, new: Ledger, count: int, check: GroupCheck) -> set[int]:
        """Archive pages this build can leave as they are on disk.

        A page is kept when none of its entries was added, edited, moved or removed since
        the ledger ``old`` was written, its links are the same (the page count did not
        change around it), and its files are still what was published: either exactly
        what the last clean build left, with the same code and config (same identity, and
        settled), or as ``old`` records them (``check``).
        """
        dirty: set[int] = set()
        for source in old.records.keys() | new.records.keys():
            before, after = old.records.get(source), new.records.get(source)
            if before != after:
                dirty.update(r.page for r in (before, after) if r is not None)
        was = archive_page_count(old)
        if count != was:
            dirty.update(range(min(count, was) - 1, max(count, was) + 1))
        last = self.last
        remembered = last is not None and last.page_count == was
        return {
            page
            for page in range(1, count + 1)
            if page not in dirty
            and ((remembered and self.untouched(page_names(page))) or check.page(page))
        }

    def untouched(self, names: list[str]) -> bool:
        """True when the last clean build had the same code and config and each document
        of ``names`` is still exactly what it left there (same identity, and settled)."""
        last = self.last
        if not self._reuse_documents or last is None or last.documents != self.documents:
            return False
        at_ns = self._clock.wall_ns()
        for name in names:
            key = self._output_key(name)
            if (
                key is None
                or not Clock.settled(key.changed_ns, at_ns)
                or last.output_keys.get(name) != key.text()
            ):
                return False
        return True

    def _output_key(self, name: str) -> FileKey | None:
        if name not in self._seen:
            self._seen[name] = stat_key(os.path.join(self._config.out, name))
        return self._seen[name]

    def remembered_outputs(self, ledger: Path) -> frozenset[str]:
        """The documents the last clean build left, if it wrote the ``ledger`` now on disk
        (and documents may be reused at all); else none."""
        last = self.last
        if not self._reuse_documents or last is None or last.ledger_key != key_text(str(ledger)):
            return frozenset()
        return frozenset(last.outputs)

    def forget(self) -> None:
        """Remove the record and the stamp: a build is about to write, and a run killed
        from here on must not leave anything that says "all done"."""
        clear_stamp(str(self._config.stamp_dir))
        self._cache.save_state(None)

    def prune(self, sources: set[str]) -> None:
        """Forget the parses of articles that are no longer there."""
        self._cache.prune(sources)

    def remember(self, done: Done) -> RunState | None:
        """Save the record of a clean build that wrote ``done.written``; ``None`` if some
        file it names is gone already (then no record speaks for the build)."""
        state = self._record(done)
        self._cache.save_state(state)
        return state

    def _record(self, done: Done) -> RunState | None:
        config = self._config
        # Paths as strings: a record names every output, and Path objects for 10,000
        # entry pages cost more than their stats.
        out = str(config.out)
        written = {str(path) for path in done.written}
        outputs: dict[str, FileKey | None] = {}
        for name in done.outputs:
            full = os.path.join(out, name)
            # A document the build left alone is as it was when the plan looked at it.
            seen = None if full in written else self._seen.get(name)
            outputs[name] = seen or stat_key(full)
        ledger_key = stat_key(config.ledger)
        if ledger_key is None or any(k is None for k in outputs.values()):
            return None
        keys = {os.path.join(out, n): k for n, k in outputs.items()}
        keys[str(config.ledger)] = ledger_key
        # Bad articles are inputs too: the same bytes give the same (known) problem.
        articles: dict[str, tuple[FileKey, str | None]] = {**done.bad, **done.articles}
        at_ns = self._clock.wall_ns()
        unsettled: dict[str, str] = {}
        for source, (key, digest) in articles.items():
            if not Clock.settled(key.changed_ns, at_ns):
                if digest is None:
                    return None  # unread bytes that may change unseen: no record
                unsettled[str(config.articles / source)] = digest
        for path, data in done.written.items():
            now_key = keys.get(str(path)) or stat_key(path)
            if now_key is None:
                return None
            if not Clock.settled(now_key.changed_ns, at_ns):
                unsettled[str(path)] = hashlib.sha256(data).hexdigest()
        read = articles_digest({source: key for source, (key, _) in articles.items()})
        return RunState(
            articles=read,
            inputs=inputs_digest(
                code=self._code,
                config=config,
                articles=read,
                ledger=ledger_key,
                outputs=dict(outputs),
                listing=archive_listing(config),
            ),
            unsettled=unsettled,
            built_at=self._clock.epoch,
            valid_until=math.floor(done.due.timestamp()) if done.due else None,
            outputs=sorted(done.outputs),
            entries=done.entries,
            warnings=done.warnings,
            notes=done.notes,
            skipped=done.skipped,
            documents=self.documents,
            page_count=done.page_count,
            output_keys={n: k.text() for n, k in outputs.items() if k is not None},
            ledger_key=ledger_key.text(),
            recorded_ns=at_ns,
        )

    def leave_stamp(self, state: RunState, articles: dict[str, FileKey]) -> None:
        """Leave the stamp of a clean build whose record is ``state``, if one can speak
        for it: ``articles`` holds each article's identity when it was read."""
        if not self._cache.writable:
            return
        text = self._stamp(state, articles)
        if text is not None:
            write_stamp(str(self._config.stamp_dir), text)

    def _stamp(self, state: RunState, articles: dict[str, FileKey]) -> str | None:
        config = self._config
        if (
            config.source is None
            or state.unsettled
            or not state.ledger_key
            or len(state.output_keys) != len(state.outputs)
        ):
            return None
        package = Path(__file__).resolve().parent.parent
        packages = [
            str(package),
            *(str(path.parent) for path in sorted(package.rglob("__init__.py"))),
        ]
        archive = str(config.out / ARCHIVE_DIR)
        # Entry pages are one per entry: their folder's names are recorded, not each
        # page's identity (one listing instead of thousands of stats). Only a build
        # writes them, always by renaming a whole file into place, as it does every output.
        entries = str(config.out / ENTRY_DIR)
        folders = [
            (folder, folder_names(folder))
            for folder in (*dict.fromkeys(packages), archive, entries)
        ]
        files = [
            *self._code_files,
            (str(config.source), self._config_key),
            (str(config.ledger), state.ledger_key),
            *(
                (str(config.out / name), state.output_keys[name])
                for name in state.outputs
                if not name.startswith(_ENTRY_PREFIX)
            ),
        ]
        return stamp_text(
            config=str(config.source),
            window=(state.built_at, state.valid_until),
            entries=state.entries,
            files=files,
            folders=folders,
            articles=str(config.articles),
            listed=sorted(articles.items()),
        )


def _last_change(key: FileKey, *, seen_ns: int | None) -> int:
    """When the file of ``key`` last changed, for settling, if a record made at wall time
    ``seen_ns`` saw it with this identity and its digest has been checked since.

    A file time after ``seen_ns`` (a clock running ahead where the file was written, an
    archive unpacked with its times) cannot be when the file last changed: it had these
    bytes then already. Taken as it is, it would keep the file unsettled, and every run
    off the quiet shortcut, until the wall clock caught up with it.
    """
    return key.changed_ns if seen_ns is None else min(key.changed_ns, seen_ns)


@dataclass(frozen=True, kw_only=True)
class Done:
    """What a clean build read and put in place, for its record."""

    #: Each article read: its identity when read, and its digest.
    articles: dict[str, tuple[FileKey, str]]
    #: Each article skipped as bad (reported in the ledger's ``skipped``): its identity
    #: when read (else as listed), and its digest if its bytes were read.
    bad: dict[str, tuple[FileKey, str | None]]
    #: Every skipped article's one-line error, for quiet runs to tell (``-v``, ``check``).
    skipped: list[str]
    #: The bytes now in the ledger and in every document the build produced.
    written: Mapping[Path, bytes]
    #: Every document of the feeds (written or kept), relative to the out folder.
    outputs: list[str]
    #: When the earliest scheduled article falls due.
    due: datetime | None
    entries: int
    warnings: list[str]
    page_count: int
    #: What ``-v`` tells on every run that is no warning (drafts).
    notes: list[str] = field(default_factory=list)
