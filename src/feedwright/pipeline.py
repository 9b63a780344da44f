"""One build: read articles, settle ids and dates, build every document, publish safely."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from feedwright.articles import (
    Found,
    Loaded,
    display_path,
    find_articles,
    read_articles,
    scan_articles,
)
from feedwright.config import Config, refuse_default_site_url
from feedwright.entry import Entry
from feedwright.errors import FeedwrightError, PublishError
from feedwright.incremental.cache import Cache, fill_from
from feedwright.incremental.quiet import (
    cache_namespace,
    code_identity,
    code_keys,
    documents_basis,
    forget_settled_checks,
    quiet_stamp,
    reusable_pages,
    state_after_build,
    unchanged_since_last_build,
)
from feedwright.incremental.stamp import clear_stamp, key_text, write_stamp
from feedwright.layout import ARCHIVE_DIR, SUBSCRIPTION_NAMES, is_page_name
from feedwright.publish import read_if_exists, remove_file, remove_stale_temps, write_atomic

if TYPE_CHECKING:
    from feedwright.incremental.cache import FileKey, RunState
    from feedwright.ledger import Ledger

__all__ = ["SHRINK_LIMIT", "BuildReport", "find_articles", "run_build"]

#: A run that would drop more than this share of the published articles is refused.
SHRINK_LIMIT = 0.5


@dataclass
class BuildReport:
    """What a build did, for the CLI to tell."""

    problems: list[FeedwrightError] = field(default_factory=list)
    #: Warnings about articles read afresh in this run.
    warnings: list[str] = field(default_factory=list)
    #: Warnings about unchanged articles, already told when they were first read.
    repeated: list[str] = field(default_factory=list)
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


def run_build(
    config: Config,
    *,
    now: datetime,
    check: bool = False,
    allow_shrink: bool = False,
    strict: bool = False,
    use_cache: bool = True,
    stamp: bool = False,
) -> BuildReport:
    """Build and publish (or with ``check``, only compare) every feed document.

    With ``strict``, any bad article means nothing is written (``report.refused``).
    With ``check`` nothing is written at all, not even the cache. With ``stamp`` (only
    for ``config`` exactly as its file says, no overrides), a clean run leaves the quiet
    stamp (:mod:`feedwright.incremental.stamp`) for the next run's shortcut.

    Raises:
        FeedwrightError: nothing could be published (missing folder, refused shrink, a feed
            that failed validation, a damaged ledger); the published files are untouched.
    """
    now = (now if now.tzinfo else now.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    now = now.replace(microsecond=0)
    report = BuildReport()
    found = scan_articles(config.articles)
    code_files = code_keys()
    code = code_identity(code_files)
    config_key = key_text(str(config.source)) if config.source else "-"
    if use_cache:
        cache = Cache.open(
            config.cache_dir, namespace=cache_namespace(config, code), writable=not check
        )
    else:
        cache = Cache.disabled("cache not used")

    def leave_stamp(state: RunState, articles: dict[str, FileKey]) -> None:
        if not stamp or not cache.writable:
            return
        text = quiet_stamp(config, state, code=code_files, config_key=config_key, articles=articles)
        if text is not None:
            write_stamp(str(config.cache_dir), text)

    try:
        keys = {f.source: f.key for f in found}
        state = unchanged_since_last_build(cache, config, keys, now=now, code=code)
        if state is not None:
            state = forget_settled_checks(cache, state)
            leave_stamp(state, keys)
            report.quiet = True
            report.entries = state.entries
            report.repeated = list(state.warnings)
            report.unchanged = [config.ledger, *(config.out / n for n in state.outputs)]
            return report
        built = _build(
            config,
            found,
            report,
            cache=cache,
            code=code,
            now=now,
            check=check,
            allow_shrink=allow_shrink,
            strict=strict,
        )
        if built is not None:
            leave_stamp(*built)
    finally:
        cache.close()
        report.cache_note = cache.note
    return report


def _build(
    config: Config,
    found: list[Found],
    report: BuildReport,
    *,
    cache: Cache,
    code: str,
    now: datetime,
    check: bool,
    allow_shrink: bool,
    strict: bool,
) -> tuple[RunState, dict[str, FileKey]] | None:
    """Build. If it was clean and wrote, return the state recorded and the identity of
    each article as it was read; else ``None``."""
    # Imported here: a quiet run (nothing changed) never needs them.
    from feedwright.errors import FeedError
    from feedwright.ledger import (
        archive_page_count,
        describe_changes,
        dump_ledger,
        load_ledger,
        reconcile,
        refuse_backwards_clock,
    )
    from feedwright.loader.dates import resolve_zone
    from feedwright.output.archives import feed_documents
    from feedwright.output.validate import first_problem

    # The last clean build's record, read before this run clears it.
    last = cache.state()
    ledger_bytes = read_if_exists(config.ledger)
    ledger = load_ledger(
        ledger_bytes.decode("utf-8", "replace") if ledger_bytes is not None else None,
        path=display_path(config.ledger),
    )
    if not ledger.ids():
        _refuse_without_ledger(config, missing=ledger_bytes is None)
    refuse_backwards_clock(ledger, now=now, path=display_path(config.ledger))
    loaded = read_articles(config, found, now=now, cache=cache)
    report.problems.extend(loaded.problems)
    report.warnings.extend(loaded.warnings)
    report.repeated.extend(loaded.repeated)
    report.parsed = loaded.parsed
    _refuse_shrink(ledger, loaded.entries, allow_shrink=allow_shrink, config=config)
    settled = reconcile(
        ledger,
        loaded.entries,
        domain=config.domain,
        now=now,
        tzinfo=resolve_zone(config.timezone),
        page_size=config.archive_page_size,
    )
    report.problems.extend(settled.problems)
    report.warnings.extend(settled.warnings)
    if not settled.entries:
        raise PublishError(
            "no article could be read; nothing published", path=display_path(config.articles)
        )
    report.entries = len(settled.entries)
    report.changes = describe_changes(ledger, settled.ledger)
    page_count = archive_page_count(settled.ledger)
    basis = documents_basis(config, code)
    keep = (
        set()
        if check
        else reusable_pages(config, last, ledger, settled.ledger, basis=basis, count=page_count)
    )
    docs = feed_documents(
        config,
        settled.entries,
        {r.id: r.page for r in settled.ledger.records.values()},
        page_count,
        keep=keep,
        fill=lambda needed: _filler(needed, loaded, cache),
    )
    kept = [f"{ARCHIVE_DIR}/{kind}-{page}.xml" for page in sorted(keep) for kind in ("atom", "rss")]
    # A document byte for byte the same as the published file is not published again,
    # so it is neither checked nor written: after a lost cache (a CI runner's fresh
    # checkout) every page is rebuilt, but few of them changed. `feedwright validate`
    # checks every file. Each published file is read once, here.
    same = {config.out / n for n, d in docs.items() if read_if_exists(config.out / n) == d}
    changed = {n: d for n, d in docs.items() if config.out / n not in same}
    rejected = first_problem(changed, base_url=config.feed_base)
    if rejected is not None:
        name, problem = rejected
        raise FeedError(f"refusing to publish: {problem}", path=name)
    if strict and report.problems:
        report.refused = True
        return None
    # The ledger goes first: feeds are a pure function of articles + ledger, so a run
    # killed after this point is completed exactly by the next run.
    targets = {config.ledger: dump_ledger(settled.ledger).encode("utf-8")}
    targets.update((config.out / name, data) for name, data in docs.items())
    orphans = _orphans(config, [*docs, *kept])
    if check:
        stale = [p for p, d in targets.items() if p not in same and read_if_exists(p) != d]
        report.stale = stale + orphans
        report.orphans = orphans
        return None
    # A run killed from here on must not leave a state or stamp that says "all done".
    clear_stamp(str(config.cache_dir))
    cache.save_state(None)
    _remove_stale_temps(config)
    for path, data in targets.items():
        written = path not in same and write_atomic(path, data)
        (report.written if written else report.unchanged).append(path)
    # Only now that no document links to them any more.
    report.removed = [p for p in orphans if remove_file(p)]
    cache.prune({f.source for f in found})
    if report.problems:
        return None
    state = state_after_build(
        config,
        code=code,
        articles=loaded.keys,
        written=targets,
        outputs=[*docs, *kept],
        now=now,
        due=loaded.due,
        entries=report.entries,
        warnings=report.warnings + report.repeated,
        basis=basis,
        page_count=page_count,
    )
    cache.save_state(state)
    if state is None:
        return None
    return state, {source: key for source, (key, _) in loaded.keys.items()}


def _filler(needed: list[Entry], loaded: Loaded, cache: Cache) -> Callable[[Entry], Entry]:
    """What makes each of the ``needed`` entries whole: their bulk, read from the cache
    (as bytes) for those that came from it hollow."""
    bulk = loaded.bulk
    missing = [e.source for e in needed if e.source in loaded.hollow and e.source not in bulk]
    if missing:
        bulk.update(cache.bulk(missing))
    return functools.partial(fill_from, bulk=bulk)


def _orphans(config: Config, docs: list[str]) -> list[Path]:
    """Archive pages on disk that this build does not produce (no longer needed)."""
    folder = config.out / ARCHIVE_DIR
    if not folder.is_dir():
        return []
    return [
        p
        for p in sorted(folder.iterdir())
        if is_page_name(p.name) and f"{ARCHIVE_DIR}/{p.name}" not in docs
    ]


def _remove_stale_temps(config: Config) -> None:
    # Safe because the caller holds the build lock: no other run is writing these.
    remove_stale_temps(config.ledger.parent, lambda name: name == config.ledger.name)
    remove_stale_temps(config.out, lambda name: name in SUBSCRIPTION_NAMES)
    remove_stale_temps(config.out / ARCHIVE_DIR, is_page_name)


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
    ledger: Ledger, loaded: list[tuple[Entry, str]], *, allow_shrink: bool, config: Config
) -> None:
    before = len(ledger.records)
    after = len(loaded)
    if allow_shrink or before == 0 or after >= before * (1 - SHRINK_LIMIT):
        return
    raise PublishError(
        f"only {after} of {before} published articles are readable now; refusing to shrink "
        "the feed (is the folder mounted?). Use --allow-shrink if the removal is intended",
        path=display_path(config.articles),
    )
