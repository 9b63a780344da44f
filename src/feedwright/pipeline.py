"""One build: read the articles, plan every file, then apply the plan.

:func:`plan_build` decides everything a build does and publishes nothing: the entries with
their permanent ids and dates, the new ledger, every document's bytes, which files differ
from what is published and which archive pages are no longer needed. :func:`apply` puts
the plan in place; ``--check`` compares it with the published files instead. Whatever
can be skipped is decided by :class:`~feedwright.incremental.memory.BuildMemory`.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from feedwright.articles import (
    Found,
    Loaded,
    ReadProgress,
    display_path,
    read_articles,
    scan_articles,
)
from feedwright.clock import Clock
from feedwright.config import Config, refuse_default_site_url
from feedwright.duplicates import drop_duplicates
from feedwright.entry import Entry, EntryHead, LedgerHead
from feedwright.errors import ArticleError, FeedwrightError, PublishError
from feedwright.held import carry_over
from feedwright.incremental.cache import make_whole
from feedwright.incremental.memory import BuildMemory, Done
from feedwright.incremental.published import GroupCheck, file_digest, published_now
from feedwright.layout import (
    ARCHIVE_DIR,
    ENTRY_DIR,
    PAGE_NAMES,
    SUBSCRIPTION_NAMES,
    TAGS_DIR,
    is_page_name,
    page_names,
)
from feedwright.ledger import (
    Ledger,
    Skip,
    archive_page_count,
    describe_changes,
    dump_ledger,
    load_ledger,
    reconcile,
    refuse_backwards_clock,
)
from feedwright.links import moved_links, resolve_links
from feedwright.loader.dates import resolve_zone
from feedwright.output.archives import FeedPlan, build_pieces, entry_checker, kept_tag_feeds
from feedwright.output.entrypages import (
    is_entry_page_name,
    orphan_entry_pages,
)
from feedwright.output.site import SitePlan
from feedwright.output.tagfeeds import prune_tag_folders, tag_feed_names, tag_folders
from feedwright.publish import (
    read_if_exists,
    remove_file,
    remove_stale_temps,
    write_atomic,
    write_many,
)
from feedwright.settling import Settling, split_settled
from feedwright.spill import Ref, Spill, Spilled, remove_stale
from feedwright.unread import read_needed, stand_in

__all__ = ["SHRINK_LIMIT", "BuildPlan", "BuildReport", "apply", "plan_build", "run_build"]

#: A run that would drop more than this share of the published articles is refused.
SHRINK_LIMIT = 0.5


@dataclass
class BuildReport:
    """What a build did, for the CLI to tell."""

    #: Bad articles skipped, each new or changed since it was last reported.
    problems: list[FeedwrightError] = field(default_factory=list)
    #: Bad articles skipped as before, unchanged since they were reported (one-line errors):
    #: told by ``-v`` as a count, listed by ``feedwright check``; they do not fail a run.
    still_skipped: list[str] = field(default_factory=list)
    #: Warnings about articles read afresh in this run.
    warnings: list[str] = field(default_factory=list)
    #: Published entries whose link this build moves (``link_template``, a renamed file).
    link_moves: list[str] = field(default_factory=list)
    #: Warnings about unchanged articles, already told when they were first read.
    repeated: list[str] = field(default_factory=list)
    #: What ``-v`` tells on every run that is no warning (drafts left out).
    notes: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    #: Archive pages deleted because the feed no longer needs them.
    removed: list[Path] = field(default_factory=list)
    #: With ``check``: files a build would write or delete.
    stale: list[Path] = field(default_factory=list)
    #: With ``check``: the part of ``stale`` a build would delete.
    orphans: list[Path] = field(default_factory=list)
    #: Article-level changes against the ledger ("new: x.txt", "moved: a -> b", ...).
    changes: list[str] = field(default_factory=list)
    entries: int = 0
    #: Articles parsed in this run (the others came from the cache).
    parsed: int = 0
    #: True when nothing had changed since the last clean build, so nothing was done.
    quiet: bool = False
    #: True when ``strict`` refused to publish because of bad articles.
    refused: bool = False
    #: Why the cache was not used, if it was not.
    cache_note: str = ""
    #: One line for each article modified too recently to read (``settle_seconds``).
    waiting: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class BuildPlan:
    """Everything one build puts in place, decided before anything is written."""

    config: Config
    #: The articles as read: entries, problems, warnings, identities.
    loaded: Loaded
    #: Every publishable entry, with its permanent id and dates (most of them heads).
    entries: list[EntryHead]
    #: The ledger to write.
    ledger: Ledger
    #: Article-level changes against the ledger on disk.
    changes: list[str]
    #: Every bad article skipped.
    problems: list[FeedwrightError]
    #: The part of ``problems`` the ledger says was reported already, unchanged since.
    known: list[FeedwrightError]
    #: The ledger differs from the file only in the bad articles it records (``skipped``):
    #: for ``--check`` the feeds are not stale for that.
    skips_only: bool
    warnings: list[str]
    #: Published entries whose ``link_template`` link this build moves (told once, as it
    #: happens: not kept with the warnings a quiet run repeats).
    link_moves: list[str]
    #: Every document built, by its path under the out folder (names only: their bytes
    #: are in the spill, under :attr:`targets`).
    documents: list[str]
    #: Archive pages left as they are on disk (not built).
    kept: list[str]
    #: Every file the build puts in place, in the order to write them: the ledger first
    #: (feeds are a pure function of articles + ledger, so a run killed after it is
    #: completed exactly by the next run), then the documents, each after the ones it
    #: links to.
    targets: Mapping[Path, bytes]
    #: Documents new in this build that link to another new one, without those links:
    #: written first (after the ledger), so every state on disk is valid
    #: (:func:`feedwright.output.archives.feed_documents`).
    interim: Mapping[Path, bytes]
    #: The targets that already hold their bytes: neither checked nor written again.
    same: frozenset[Path]
    #: Archive pages on disk that no document links to any more.
    orphans: list[Path]
    page_count: int

    @property
    def stale(self) -> list[Path]:
        """Every file a build would write or remove."""
        return [p for p in self.targets if p not in self.same] + self.orphans

    @property
    def outputs(self) -> list[str]:
        """Every document of the feeds, built or kept, relative to the out folder."""
        return [*self.documents, *self.kept]


@dataclass(frozen=True)
class Applied:
    """What :func:`apply` did."""

    written: list[Path]
    unchanged: list[Path]
    removed: list[Path]


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while a build runs.

    A build makes tens of thousands of long-lived objects (records, heads, identities)
    and hardly any cycles: at the default threshold (700 allocations) the collector ran
    some 470 times in a fresh checkout at 10,000 articles, twice over the whole heap,
    0.1 s of its 1.4 s; every 20,000 allocations, a dozen times, 0.03 s.
    """
    before = gc.get_threshold()
    gc.set_threshold(20_000, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@_fewer_collections()
def run_build(
    config: Config,
    *,
    clock: Clock,
    check: bool = False,
    allow_shrink: bool = False,
    strict: bool = False,
    use_cache: bool = True,
    rebuild: bool = False,
    stamp: bool = False,
    progress: ReadProgress | None = None,
) -> BuildReport:
    """Build and publish (or with ``check``, only compare) every feed document.

    Without ``use_cache`` the parse cache is neither read nor written; the documents on
    disk that the ledger records as published still stand. With ``rebuild`` nothing
    remembered counts: every article is parsed and every document built (the cache is
    written anew).
    With ``strict``, any bad article means nothing is written (``report.refused``).
    With ``check`` nothing is written at all, not even the cache. With ``stamp`` (only
    for ``config`` exactly as its file says, no overrides), a clean run leaves the quiet
    stamp (:mod:`feedwright.incremental.stamp`) for the next run's shortcut.
    ``progress`` is told how many of the articles to read are done
    (:data:`~feedwright.articles.ReadProgress`); the library itself never prints.

    Raises:
        FeedwrightError: nothing could be published (missing folder, refused shrink, a feed
            that failed validation, a damaged ledger); the published files are untouched.
    """
    report = BuildReport()
    found = scan_articles(config.articles)
    memory = BuildMemory.open(config, clock, enabled=use_cache, writable=not check, forget=rebuild)
    try:
        # A check writes nothing beside the ledger: its spill goes to the system's temp.
        with Spill.open(None if check else str(config.cache_dir)) as spill:
            _run(
                config,
                found,
                memory,
                report,
                spill,
                clock=clock,
                check=check,
                strict=strict,
                allow_shrink=allow_shrink,
                rebuild=rebuild,
                stamp=stamp,
                progress=progress,
            )
    finally:
        memory.close()
        report.cache_note = memory.note
    return report


def _run(
    config: Config,
    found: list[Found],
    memory: BuildMemory,
    report: BuildReport,
    spill: Spill,
    *,
    clock: Clock,
    check: bool,
    strict: bool,
    allow_shrink: bool,
    rebuild: bool,
    stamp: bool,
    progress: ReadProgress | None,
) -> None:
    # --check publishes nothing, so nothing half-written can be published: it compares
    # every article (a CI job checks the committed feeds seconds after its checkout).
    split = Settling(ready=found) if check else split_settled(config, found, clock=clock)
    report.waiting = split.notes
    if split.waiting and not split.ready:
        return  # nothing to read yet: the next run reads them all
    articles = {f.source: f.key for f in split.ready}
    last = memory.nothing_changed(articles)
    if last is not None:
        if stamp:
            memory.leave_stamp(last, articles)
        report.quiet = True
        report.entries = last.entries
        report.repeated = list(last.warnings)
        report.notes = list(last.notes)
        report.still_skipped = list(last.skipped)
        report.refused = strict and bool(last.skipped)
        report.unchanged = [config.ledger, *(config.out / n for n in last.outputs)]
        return
    plan = plan_build(
        config,
        split.ready,
        memory,
        spill,
        clock=clock,
        allow_shrink=allow_shrink,
        rebuild=rebuild,
        progress=progress,
        waiting=split.waiting,
    )
    report.problems = [p for p in plan.problems if p not in plan.known]
    report.still_skipped = [str(p) for p in plan.known]
    report.warnings = plan.warnings
    report.link_moves = plan.link_moves
    report.repeated = plan.loaded.repeated
    report.notes = plan.loaded.notes
    report.parsed = plan.loaded.parsed
    report.entries = len(plan.entries)
    report.changes = plan.changes
    if strict and plan.problems:
        report.refused = True
        return
    if check:
        report.stale = [p for p in plan.stale if not (p == config.ledger and plan.skips_only)]
        report.orphans = plan.orphans
        return
    memory.forget()
    applied = apply(plan)
    report.written, report.unchanged, report.removed = (
        applied.written,
        applied.unchanged,
        applied.removed,
    )
    memory.prune({f.source for f in found})
    # A build with bad articles is remembered too: they are in the ledger, reported once,
    # so the next run that finds nothing changed is as quiet (and as fast) as any.
    done = Done(
        articles=plan.loaded.keys,
        bad={source: (bad.key, bad.digest) for source, bad in plan.loaded.bad.items()},
        skipped=[str(p) for p in plan.problems],
        written=plan.targets,
        outputs=plan.outputs,
        due=plan.loaded.due,
        entries=report.entries,
        warnings=report.warnings + report.repeated,
        notes=report.notes,
        page_count=plan.page_count,
    )
    state = memory.remember(done)
    if state is not None and stamp:
        read = {source: key for source, (key, _) in plan.loaded.keys.items()}
        read.update((source, bad.key) for source, bad in plan.loaded.bad.items())
        memory.leave_stamp(state, read)


def plan_build(
    config: Config,
    found: list[Found],
    memory: BuildMemory,
    spill: Spill,
    *,
    clock: Clock,
    allow_shrink: bool = False,
    rebuild: bool = False,
    progress: ReadProgress | None = None,
    waiting: frozenset[str] | set[str] = frozenset(),
) -> BuildPlan:
    """Everything a build of the articles ``found`` would put in place; publishes nothing
    (what it makes waits in ``spill``, a folder of its own).

    Unless ``rebuild``, an unchanged article whose documents are on disk as the ledger
    records them is not parsed (:mod:`feedwright.unread`), and those documents stand.

    The articles named in ``waiting`` (by source; modified too recently, see
    :mod:`feedwright.settling`) are not in ``found``: they are neither published nor
    retired, and a published one keeps its entry as it is.

    It reads the articles (through the parse cache), the ledger and the published files
    it compares its documents with. Every entry is checked where it is built and every
    document as it is assembled (:func:`feedwright.output.archives.build_pieces`), so a
    plan that is returned is safe to apply. The documents' bytes wait in ``spill``.

    Raises:
        FeedwrightError: nothing may be published (see :func:`run_build`).
    """
    now = datetime.fromtimestamp(clock.epoch, tz=timezone.utc)
    ledger_bytes = read_if_exists(config.ledger)
    ledger = load_ledger(
        ledger_bytes.decode("utf-8", "replace") if ledger_bytes is not None else None,
        path=display_path(config.ledger),
    )
    if not ledger.ids():
        _refuse_without_ledger(config, missing=ledger_bytes is None)
    refuse_backwards_clock(ledger, now=now, path=display_path(config.ledger))
    check = GroupCheck(
        config,
        ledger,
        trust=not rebuild,
        remembered=memory.remembered_outputs(config.ledger),
        untouched=memory.untouched,
    )
    # An unchanged article on a page that is as the ledger records it need not be parsed.
    hashes = {s: r.hash for s, r in ledger.records.items()} if check.recorded else {}
    loaded = read_articles(
        config, found, now=now, memory=memory, spill=spill, known=hashes, progress=progress
    )
    stand_in(config, loaded, ledger, check, now=now, memory=memory, spill=spill)
    drop_duplicates(loaded, ledger, folder=config.articles)
    _refuse_shrink(
        ledger, loaded.entries, allow_shrink=allow_shrink, config=config, waiting=len(waiting)
    )
    settled = reconcile(
        ledger,
        loaded.entries,
        domain=config.domain,
        now=now,
        tzinfo=resolve_zone(config.timezone),
        page_size=config.archive_page_size,
        unreadable=({f.source for f in found} - set(loaded.keys)) | set(waiting),
        shown=functools.partial(_shown, config),
    )
    problems: list[FeedwrightError] = [*loaded.problems, *settled.problems.values()]
    settled.ledger.skipped, known = _skipped(ledger, loaded, settled.problems, waiting)
    # Published articles that could not be read keep their entries (and ids), and so do
    # those that wait (named by -v already: their "could not be read" would be wrong).
    shown = functools.partial(_shown, config)
    # Those whose problem was reported before are said again only with -v, as it is.
    told = {s for s, skip in settled.ledger.skipped.items() if ledger.skipped.get(s) == skip}
    held = {s: r for s, r in settled.held.items() if s not in waiting and s not in told}
    carried = carry_over(config.out, held, shown=shown)
    still = carry_over(
        config.out, {s: r for s, r in settled.held.items() if s in told}, shown=shown
    )
    carried.entries += still.entries
    loaded.repeated += still.warnings
    paused = {s: r for s, r in settled.held.items() if s in waiting}
    carried.entries += carry_over(config.out, paused, shown=shown).entries
    if not settled.entries:
        raise PublishError(
            "no article could be read; nothing published", path=display_path(config.articles)
        )
    zone = resolve_zone(config.timezone)
    entries = resolve_links(settled.entries, config, zone=zone)
    published = {r.id: (source, r.published) for source, r in ledger.records.items()}
    link_moves = [
        f"{_shown(config, source)}: its link moves from {old} to {new} (link_template "
        "follows the file's name and date; a Link: line in the article keeps it fixed)"
        for source, old, new in moved_links(settled.entries, config, zone=zone, before=published)
    ]
    # Carried entries are as published: their links were resolved when they were built.
    entries = [*entries, *carried.entries]
    page_count = archive_page_count(settled.ledger)
    keep = memory.kept_pages(ledger, settled.ledger, page_count, check)
    keep_tags = kept_tag_feeds(
        config,
        entries,
        ledger,
        settled.ledger,
        lambda names: memory.untouched(names) or check.tag_feed(names),
    )
    page_of = {r.id: r.page for r in settled.ledger.records.values()}
    feeds = FeedPlan(config, entries, page_of, page_count, keep=keep, keep_tags=keep_tags)
    if any(isinstance(e, LedgerHead) for e in feeds.needed):
        # Those the documents to build hold are parsed now, once, and planned again.
        needed = {e.id or "" for e in feeds.needed}
        entries = read_needed(config, entries, needed, loaded, memory, spill)
        feeds = FeedPlan(config, entries, page_of, page_count, keep=keep, keep_tags=keep_tags)
    # Pages for people (index.html, entry pages) go in place around the feeds they link.
    site = SitePlan(
        config,
        entries,
        reuse=lambda entry, name: (
            ledger.records.get(entry.source) == settled.ledger.records.get(entry.source)
            and (memory.untouched([name]) or _as_published(check, ledger, entry, name))
        ),
    )
    # Every entry of a document written is built once, with its page if it has one.
    wanted = list({e.id: e for e in [*feeds.needed, *site.needed]}.values())
    fill = _filler(wanted, loaded, memory, spill)
    pieces = build_pieces(
        wanted,
        fill,
        spill=spill,
        language=config.language,
        page=site.page_maker(),
        paged=frozenset(e.id or "" for e in site.needed),
        fragmented=frozenset(e.id or "" for e in feeds.needed),
        check=entry_checker(config),
    )
    staged = _Staged(config, spill)
    for name, data in site.before(pieces):
        staged.add_document(name, data)
    for name, data, early in feeds.documents(pieces, absent=_absent(config, page_count)):
        if early:
            staged.add_interim(name, data)
        else:
            staged.add_document(name, data)
    for name, data in site.after(fill):
        staged.add_document(name, data)
    kept = sorted(feeds.kept)
    kept += [
        f"{TAGS_DIR}/{slug}/{name}" for slug in sorted(keep_tags) for name in SUBSCRIPTION_NAMES
    ]
    kept += site.kept
    settled.ledger.published = published_now(
        config,
        settled.ledger,
        check,
        built=staged.digests,
        kept=kept,
        kept_pages=keep,
        kept_tags=keep_tags,
    )
    # The ledger goes first (see BuildPlan.targets), though it is made last: it records
    # the digests of the documents.
    staged.add_first(config.ledger, dump_ledger(settled.ledger).encode("utf-8"), ledger_bytes)
    docs = [*staged.documents]
    return BuildPlan(
        config=config,
        loaded=loaded,
        entries=entries,
        ledger=settled.ledger,
        changes=describe_changes(ledger, settled.ledger),
        problems=problems,
        known=known,
        # Only the record of bad articles differs from the ledger on disk (if it differs).
        skips_only=config.ledger not in staged.same
        and settled.ledger.skipped != ledger.skipped
        and ledger_bytes
        == dump_ledger(replace(settled.ledger, skipped=ledger.skipped)).encode("utf-8"),
        warnings=[*loaded.warnings, *settled.warnings, *carried.warnings],
        link_moves=link_moves,
        documents=staged.documents,
        kept=kept,
        targets=Spilled(spill, staged.targets),
        interim=Spilled(spill, staged.interim),
        same=frozenset(staged.same),
        orphans=_orphans(config, [*docs, *kept]) + orphan_entry_pages(config.out, {*docs, *kept}),
        page_count=page_count,
    )


def _skipped(
    ledger: Ledger,
    loaded: Loaded,
    conflicts: dict[str, ArticleError],
    waiting: frozenset[str] | set[str],
) -> tuple[dict[str, Skip], list[FeedwrightError]]:
    """The ledger's new record of bad articles, and the problems it held already.

    A bad article is reported (and fails the run) when it first appears and whenever its
    bytes or its error change; while it stays as it was, it is skipped without failing
    runs. Fixed or deleted, it leaves the record; one that waits to settle keeps its own.
    ``conflicts`` are the articles whose ``Id`` another one holds, by source.
    """
    skipped = {s: skip for s, skip in ledger.skipped.items() if s in waiting}
    known: list[FeedwrightError] = []
    found = [(source, bad.digest, bad.error) for source, bad in loaded.bad.items()]
    found += [(source, loaded.keys[source][1], e) for source, e in conflicts.items()]
    for source, digest, error in found:
        where = f"line {error.line}: " if error.line else ""
        skip = Skip(error=where + error.message, hash=digest)
        skipped[source] = skip
        if ledger.skipped.get(source) == skip:
            known.append(error)
    return dict(sorted(skipped.items())), known


class _Staged:
    """The documents of a plan as they are made, one at a time: each set aside in the
    spill and compared with the published file (each published file is read once, here),
    so no more than one document is held at once."""

    def __init__(self, config: Config, spill: Spill) -> None:
        self.config = config
        self.spill = spill
        #: Every file the build puts in place, in order, and where its bytes are.
        self.targets: dict[Path, Ref] = {}
        self.interim: dict[Path, Ref] = {}
        #: The targets that already hold their bytes: neither written nor touched.
        self.same: set[Path] = set()
        #: Every document, by its name under the out folder.
        self.documents: list[str] = []
        #: The digest of every document's bytes, by its name (for the ledger's record).
        self.digests: dict[str, str] = {}

    def add(self, path: Path, data: bytes, published: bytes | None) -> None:
        self.targets[path] = self.spill.put(data)
        if published == data:
            self.same.add(path)

    def add_first(self, path: Path, data: bytes, published: bytes | None) -> None:
        """Add ``path`` before every target added so far."""
        rest = self.targets
        self.targets = {}
        self.add(path, data, published)
        self.targets.update(rest)

    def add_document(self, name: str, data: bytes) -> None:
        path = self.config.out / name
        self.documents.append(name)
        self.digests[name] = file_digest(data)
        self.add(path, data, read_if_exists(path))

    def add_interim(self, name: str, data: bytes) -> None:
        self.interim[self.config.out / name] = self.spill.put(data)


def _as_published(check: GroupCheck, ledger: Ledger, entry: EntryHead, name: str) -> bool:
    """True if the entry page ``name`` of ``entry`` is on disk as ``ledger`` records it."""
    record = ledger.records.get(entry.source)
    group = check.page(record.page) if record is not None else None
    return group is not None and name in group.files


def _shown(config: Config, source: str) -> str:
    return display_path(config.articles / source)


def apply(plan: BuildPlan) -> Applied:
    """Put ``plan`` in place: write every target that differs, then remove the orphans.

    The caller holds the build lock.

    Raises:
        PublishError: a file could not be written or removed (every file stays whole).
    """
    _remove_stale_temps(plan.config)
    if isinstance(plan.targets, Spilled):
        remove_stale(str(plan.config.cache_dir), keep=plan.targets.spill.folder)
    written: list[Path] = []
    unchanged: list[Path] = []
    ledger, *documents = plan.targets
    done = ledger not in plan.same and write_atomic(ledger, plan.targets[ledger])
    (written if done else unchanged).append(ledger)
    write_many(plan.interim.items())
    changed = [path for path in documents if path not in plan.same]
    # One document read back from the spill at a time.
    write_many((path, plan.targets[path]) for path in changed)
    written += changed
    unchanged += [path for path in documents if path in plan.same]
    # Only now that no document links to them any more.
    removed = [p for p in plan.orphans if remove_file(p)]
    prune_tag_folders(plan.config.out)
    return Applied(written=written, unchanged=unchanged, removed=removed)


def _absent(config: Config, page_count: int) -> frozenset[str]:
    """The subscription feeds and archive pages not on disk (see ``interim``)."""
    names = [
        *SUBSCRIPTION_NAMES,
        *(n for page in range(1, page_count + 1) for n in page_names(page)),
    ]
    return frozenset(n for n in names if not (config.out / n).exists())


def _filler(
    needed: list[EntryHead], loaded: Loaded, memory: BuildMemory, spill: Spill
) -> Callable[[EntryHead], Entry]:
    """What makes an :class:`Entry` of each of the ``needed`` heads: its text, read back
    from the spill, where this run set it aside when it parsed the article, or now from
    the cache, a part at a time."""
    refs = dict(loaded.bulk)
    missing = [e.source for e in needed if not isinstance(e, Entry) and e.source not in refs]
    for start in range(0, len(missing), 500):
        for source, data in memory.bulk(missing[start : start + 500]).items():
            refs[source] = spill.put(data)
    return functools.partial(make_whole, bulk=Spilled(spill, refs))


def _orphans(config: Config, docs: list[str]) -> list[Path]:
    """Archive pages and tag feeds on disk that this build does not produce (no longer
    needed)."""
    produced = set(docs)
    tags = [config.out / name for name in tag_feed_names(config.out) if name not in produced]
    folder = config.out / ARCHIVE_DIR
    if not folder.is_dir():
        return tags
    return [
        p
        for p in sorted(folder.iterdir())
        if is_page_name(p.name) and f"{ARCHIVE_DIR}/{p.name}" not in produced
    ] + tags


def _remove_stale_temps(config: Config) -> None:
    # Safe because the caller holds the build lock: no other run is writing these.
    remove_stale_temps(config.ledger.parent, lambda name: name == config.ledger.name)
    remove_stale_temps(config.out, lambda name: name in SUBSCRIPTION_NAMES + PAGE_NAMES)
    remove_stale_temps(config.out / ARCHIVE_DIR, is_page_name)
    remove_stale_temps(config.out / ENTRY_DIR, is_entry_page_name)
    for folder in tag_folders(config.out):
        remove_stale_temps(folder, lambda name: name in SUBSCRIPTION_NAMES)


def _refuse_without_ledger(config: Config, *, missing: bool) -> None:
    # An emptied ledger ({"version": 1}) loses the ids exactly as a deleted one does.
    refuse_default_site_url(config)
    published = [config.out / n for n in SUBSCRIPTION_NAMES if (config.out / n).exists()]
    if published:
        state = "missing" if missing else "empty"
        raise PublishError(
            f"the ledger is {state} but {display_path(published[0])} is published: building now "
            "would give entries new ids (duplicates for every subscriber). Restore the "
            "ledger from version control, or delete the feeds to start afresh",
            path=display_path(config.ledger),
        )


def _refuse_shrink(
    ledger: Ledger,
    loaded: list[tuple[EntryHead, str]],
    *,
    allow_shrink: bool,
    config: Config,
    waiting: int = 0,
) -> None:
    before = len(ledger.records)
    after = len(loaded) + waiting
    if allow_shrink or before == 0 or after >= before * (1 - SHRINK_LIMIT):
        return
    raise PublishError(
        f"only {after} of {before} published articles are readable now; refusing to shrink "
        "the feed (is the folder mounted?). Use --allow-shrink if the removal is intended",
        path=display_path(config.articles),
    )
