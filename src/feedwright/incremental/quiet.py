"""Knowing from file identities alone that a build would change nothing, so it can stop.

The outputs are a pure function of the code, the config, the articles, the ledger and the
clock (only through articles scheduled for later). After a clean build the identity of
each of those is recorded; a later run that finds every one unchanged, and no scheduled
article due, has nothing to do: it skips parsing, building and writing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from feedwright.config import Config
from feedwright.incremental.cache import Cache, FileKey, RunState, stat_key
from feedwright.incremental.stamp import folder_names, key_text, stamp_text
from feedwright.layout import ARCHIVE_DIR, is_page_name

if TYPE_CHECKING:
    from feedwright.ledger import Ledger

#: Libraries whose version can change the bytes of a feed.
_LIBRARIES = ("feedgen", "lxml", "nh3", "markdown_it", "dateutil", "charset_normalizer", "yaml")


def code_keys() -> list[tuple[str, str]]:
    """Each file of the code a build runs, with its identity: feedwright's modules and the
    libraries whose version can change the bytes of a feed."""
    package = Path(__file__).resolve().parent.parent
    paths = [str(path) for path in sorted(package.rglob("*.py"))]
    for name in _LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        paths.append(spec.origin if spec and spec.origin else f"{name} (not installed)")
    return [(path, key_text(path)) for path in paths]


def code_identity(keys: list[tuple[str, str]] | None = None) -> str:
    """A digest of the code a build runs (of ``keys``, by default :func:`code_keys` now)."""
    parts = [sys.version, *(f"{path}={key}" for path, key in keys or code_keys())]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def cache_namespace(config: Config, code: str) -> str:
    """What a cached parse depends on besides the article itself."""
    text = f"{code}\n{config.articles}\n{config.timezone}\n{config.site_url}"
    return hashlib.sha256(text.encode()).hexdigest()


def archive_listing(config: Config) -> list[str]:
    """Archive page files present now, relative to the out folder."""
    try:
        names = [p.name for p in (config.out / ARCHIVE_DIR).iterdir()]
    except OSError:
        return []
    return sorted(f"{ARCHIVE_DIR}/{n}" for n in names if is_page_name(n))


def fingerprint(
    *,
    code: str,
    config: Config,
    articles: dict[str, FileKey],
    ledger: FileKey | None,
    outputs: dict[str, FileKey | None],
    listing: list[str],
) -> str:
    """One digest of everything a build's outcome depends on, except the clock."""
    h = hashlib.sha256()

    def line(text: str) -> None:
        h.update(text.encode("utf-8", "surrogateescape") + b"\n")

    line(code)
    line(repr(config))
    # One update for all articles: 10,000 small ones cost a quiet run ~10 ms.
    h.update(
        "".join(
            f"article {source} {size}:{mtime}:{ctime}:{ino}\n"
            for source, (size, mtime, ctime, ino) in sorted(articles.items())
        ).encode("utf-8", "surrogateescape")
    )
    line(f"ledger {ledger.text() if ledger else '-'}")
    for name, output in sorted(outputs.items()):
        line(f"output {name} {output.text() if output else '-'}")
    for name in listing:
        line(f"present {name}")
    return h.hexdigest()


def unchanged_since_last_build(
    cache: Cache, config: Config, articles: dict[str, FileKey], *, now: datetime, code: str
) -> RunState | None:
    """The last build's state if nothing it depended on has changed since; else ``None``."""
    state = cache.state()
    if state is None:
        return None
    stamp = now.timestamp()
    if stamp < state.built_at or (state.valid_until is not None and stamp >= state.valid_until):
        return None
    outputs = {name: stat_key(config.out / name) for name in state.outputs}
    current = fingerprint(
        code=code,
        config=config,
        articles=articles,
        ledger=stat_key(config.ledger),
        outputs=outputs,
        listing=archive_listing(config),
    )
    if current != state.fingerprint:
        return None
    for path, digest in state.checks.items():
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != digest:
            return None
    return state


def forget_settled_checks(cache: Cache, state: RunState) -> RunState:
    """Drop the content checks of files no longer fresh, so later quiet runs skip them.

    A quiet run just verified every checked file by hash; those that are now old enough
    to be trusted by identity alone need no hashing next time (after a cold build of a
    big site, that is every file it wrote). Returns the state as it is now recorded.
    """
    if not state.checks or not cache.writable:
        return state
    at_ns = time.time_ns()
    fresh = {}
    for path, digest in state.checks.items():
        key = stat_key(Path(path))
        if key is None or key.racy(at_ns):
            fresh[path] = digest
    if fresh != state.checks:
        state = replace(state, checks=fresh)
        cache.save_state(state)
    return state


def state_after_build(
    config: Config,
    *,
    code: str,
    articles: dict[str, tuple[FileKey, str]],
    written: dict[Path, bytes],
    outputs: list[str],
    now: datetime,
    due: datetime | None,
    entries: int,
    warnings: list[str],
    basis: str = "",
    page_count: int = 0,
) -> RunState | None:
    """The state to record after a clean build.

    ``articles`` maps each source to its identity when read and its content hash;
    ``written`` holds the bytes now in the ledger and every output. Files changed too
    recently to be trusted by identity are recorded with their hash as well.
    """
    keys = {path: stat_key(path) for path in written}
    # Outputs kept from an earlier build (archive pages nothing touched) were not written.
    keys.update(
        {config.out / n: stat_key(config.out / n) for n in outputs if config.out / n not in keys}
    )
    present = [k for k in keys.values() if k is not None]
    if len(present) != len(keys):
        return None
    newest = max(
        (max(k.mtime_ns, k.ctime_ns) for k in [*present, *(a for a, _ in articles.values())]),
        default=0,
    )
    at_ns = max(time.time_ns(), newest)
    checks: dict[str, str] = {}
    for source, (key, digest) in articles.items():
        if key.racy(at_ns):
            checks[str(config.articles / source)] = digest
    for path, data in written.items():
        now_key = keys[path]
        if now_key is not None and now_key.racy(at_ns):
            checks[str(path)] = hashlib.sha256(data).hexdigest()
    return RunState(
        fingerprint=fingerprint(
            code=code,
            config=config,
            articles={source: key for source, (key, _) in articles.items()},
            ledger=keys[config.ledger],
            outputs={name: keys[config.out / name] for name in outputs},
            listing=archive_listing(config),
        ),
        checks=checks,
        built_at=math.floor(now.timestamp()),
        valid_until=math.floor(due.timestamp()) if due else None,
        outputs=sorted(outputs),
        entries=entries,
        warnings=warnings,
        basis=basis,
        page_count=page_count,
        output_keys={n: k.text() for n in outputs if (k := keys[config.out / n]) is not None},
        ledger_key=ledger_key.text() if (ledger_key := keys[config.ledger]) else "",
    )


def documents_basis(config: Config, code: str) -> str:
    """What every document depends on besides its entries: the code and the config."""
    return hashlib.sha256(f"{code}\n{config!r}".encode()).hexdigest()


def reusable_pages(
    config: Config,
    last: RunState | None,
    old: Ledger,
    new: Ledger,
    *,
    basis: str,
    count: int,
) -> set[int]:
    """Archive pages this build can leave as they are on disk.

    A page is reusable when the last build finished cleanly with the same code and config,
    none of its entries was added, edited, moved or removed since, its links are the
    same (the page count did not change around it), and both its files are still exactly
    what that build left (by identity, and old enough to trust it).
    """
    if last is None or last.basis != basis or not last.page_count:
        return set()
    dirty: set[int] = set()
    for source in old.records.keys() | new.records.keys():
        before, after = old.records.get(source), new.records.get(source)
        if before != after:
            dirty.update(r.page for r in (before, after) if r is not None)
    if count != last.page_count:
        dirty.update(range(min(count, last.page_count) - 1, max(count, last.page_count) + 1))
    at_ns = time.time_ns()
    keep: set[int] = set()
    for page in range(1, count + 1):
        if page in dirty:
            continue
        names = [f"{ARCHIVE_DIR}/{kind}-{page}.xml" for kind in ("atom", "rss")]
        keys = [stat_key(config.out / name) for name in names]
        if all(
            key is not None and not key.racy(at_ns) and last.output_keys.get(name) == key.text()
            for name, key in zip(names, keys, strict=True)
        ):
            keep.add(page)
    return keep


def quiet_stamp(
    config: Config,
    state: RunState,
    *,
    code: list[tuple[str, str]],
    config_key: str,
    articles: dict[str, FileKey],
) -> str | None:
    """The stamp (:mod:`feedwright.incremental.stamp`) of a clean build whose state is ``state``.

    ``code`` and ``config_key`` are the identities of the code and the config file when
    the run began, ``articles`` each article's identity when it was read. ``None`` when a
    stamp could not speak for the build: no config file, or files too fresh to trust.
    """
    if (
        config.source is None
        or state.checks
        or not state.ledger_key
        or len(state.output_keys) != len(state.outputs)
    ):
        return None
    package = Path(__file__).resolve().parent.parent
    packages = [str(package), *(str(path.parent) for path in sorted(package.rglob("__init__.py")))]
    archive = str(config.out / ARCHIVE_DIR)
    folders = [(folder, folder_names(folder)) for folder in (*dict.fromkeys(packages), archive)]
    files = [
        *code,
        (str(config.source), config_key),
        (str(config.ledger), state.ledger_key),
        *((str(config.out / name), state.output_keys[name]) for name in state.outputs),
    ]
    return stamp_text(
        config=str(config.source),
        window=(state.built_at, state.valid_until),
        entries=state.entries,
        files=files,
        folders=folders,
        articles=str(config.articles),
        listed=[(source, key.text()) for source, key in sorted(articles.items())],
    )
