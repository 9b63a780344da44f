"""``feedwright build``: read the articles, publish the feeds, and say what changed."""

from __future__ import annotations

import contextlib
import signal
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import click

from feedwright.cli import (
    EXIT_FAILED,
    EXIT_SKIPPED,
    clock,
    config_option,
    err,
    rel,
    seconds,
    site_config,
)
from feedwright.config import Config
from feedwright.errors import FeedwrightError
from feedwright.pipeline import BuildReport, run_build
from feedwright.progress import reading_bar
from feedwright.publish import build_lock
from feedwright.wording import entries

_EXIT_CODES = """\b
Exit codes:
  0  published (or, with --check, the feeds are up to date)
  1  published, but some articles were newly skipped (each is named on stderr;
     one reported before and unchanged since does not fail a run: -v counts
     them, feedwright check lists them);
     with --check: the feeds are stale (what would change is named;
     skipped articles are listed too, but alone they exit 0);
     with --strict: published, but a WebSub hub could not be told
  2  nothing published: configuration error, refused shrink, missing ledger,
     invalid feed, lock timeout, --strict with bad articles, usage error; or a
     write failed part way (every file is whole; the next run completes it)
"""


@click.command(epilog=_EXIT_CODES)
@config_option
@click.option(
    "--articles",
    type=click.Path(path_type=Path, file_okay=False),
    help="Articles folder (overrides the config).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder for the feeds (overrides the config).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 naming what would change if the feeds are not up to date.",
)
@click.option(
    "--allow-shrink", is_flag=True, help="Publish even if most published articles have disappeared."
)
@click.option(
    "--strict",
    is_flag=True,
    help="Publish nothing if any article is bad; exit 1 if a WebSub hub cannot be told.",
)
@click.option(
    "--lock-timeout",
    type=float,
    callback=seconds,
    default=60.0,
    show_default=True,
    help="Seconds to wait for another running build, then exit 2.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the cache (as on a fresh checkout: documents the "
    "ledger records as published stand, and their articles are read but not parsed).",
)
@click.option(
    "--rebuild",
    is_flag=True,
    help="Parse every article and build every document afresh, whatever the cache and "
    "the ledger say was published.",
)
@click.option("-v", "--verbose", count=True, help="Say more: every file and change (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors (for cron).")
def build(
    config_path: Path | None,
    articles: Path | None,
    out: Path | None,
    check: bool,
    allow_shrink: bool,
    strict: bool,
    lock_timeout: float,
    no_cache: bool,
    rebuild: bool,
    verbose: int,
    quiet: bool,
) -> None:
    """Read the articles and write atom.xml, rss.xml, feed.json, their archives and index.html.

    Safe to run on a schedule: a run that changes nothing writes nothing, files are
    replaced atomically, and only one build runs at a time.
    """
    level = -1 if quiet else verbose
    try:
        with _terminate_gracefully():
            config = site_config(config_path, articles, out, level)
            lock_path = config.ledger.with_name(".feedwright.lock")
            # --check only reads (every file it looks at is replaced atomically), so it
            # takes no lock: it never waits for a build, and never touches the lock file.
            locked = (
                contextlib.nullcontext() if check else build_lock(lock_path, timeout=lock_timeout)
            )
            with locked, reading_bar(sys.stderr, level=level) as progress:
                report = run_build(
                    config,
                    clock=clock(),
                    check=check,
                    allow_shrink=allow_shrink,
                    strict=strict,
                    use_cache=not no_cache,
                    rebuild=rebuild,
                    # Only a plain run may leave the stamp the shortcut trusts.
                    stamp=config_path is None and articles is None and out is None,
                    progress=progress,
                )
    except FeedwrightError as e:
        err(str(e))
        sys.exit(EXIT_FAILED)
    except Exception as e:
        # Never exit 1 (which means "some articles skipped") on a crash.
        if level > 0:
            err(traceback.format_exc().rstrip())
        err(f"feedwright: internal error: {type(e).__name__}: {e} (nothing more published)")
        sys.exit(EXIT_FAILED)
    # A bad article is told when it appears or changes; --check and --strict tell them all.
    told = [str(p) for p in report.problems]
    if check or report.refused:
        told = sorted([*told, *report.still_skipped])
    for line in told:
        err(line)
    if report.refused:
        err(f"feedwright: --strict: {len(told)} bad article(s); nothing published")
        sys.exit(EXIT_FAILED)
    tell(report, config, level=level, check=check)
    untold = [] if check else _announce(report, config, level=level, strict=strict)
    if check and report.stale:
        sys.exit(EXIT_SKIPPED)
    if told:
        err(f"feedwright: {len(told)} article(s) skipped")
        if not check:  # --check lists them, but only stale feeds make it fail
            sys.exit(EXIT_SKIPPED)
    elif report.still_skipped and level >= 1:
        err(f"feedwright: {_still_skipped(len(report.still_skipped))}")
    if untold and strict:
        err(f"feedwright: --strict: {len(untold)} WebSub hub(s) not told of the changes")
        sys.exit(EXIT_SKIPPED)


def _still_skipped(count: int) -> str:
    noun = "article" if count == 1 else "articles"
    return f"{count} {noun} still skipped (run feedwright check)"


def _announce(report: BuildReport, config: Config, *, level: int, strict: bool) -> list[str]:
    """Tell the WebSub hubs which subscription feeds this build changed; the failures."""
    if not config.hub or not report.written:
        return []
    from feedwright.output.websub import announce, changed_feed_urls

    urls = changed_feed_urls(config.out, config.feed_base, report.written)
    failures = announce(config.hub, urls)
    if level >= 0 or strict:
        for failure in failures:
            err(f"warning: {failure}")
    if level >= 1 and urls:
        click.echo(f"announced {len(urls)} changed feed(s) to {len(config.hub)} WebSub hub(s)")
    return failures


def tell(report: BuildReport, config: Config, *, level: int, check: bool) -> None:
    """Say what a build did (with ``check``: would do), as much as ``level`` asks: -1 errors
    only, 0 warnings and one line, 1 or more every change and file."""
    _tell_warnings(report, level=level)
    if check:
        _tell_check(report, level=level)
        return
    if level >= 1:
        for line in report.changes:
            click.echo(line)
        for path in report.written:
            click.echo(f"wrote {rel(path)}")
        for path in report.removed:
            click.echo(f"removed {rel(path)}")
    if level >= 0:
        click.echo(_outcome(report, config, level=level))


def _tell_warnings(report: BuildReport, *, level: int) -> None:
    if level >= 0:
        for warning in [*report.warnings, *report.link_moves]:
            err(f"warning: {warning}")
    if level >= 1:
        for line in [*report.waiting, *report.notes]:
            err(line)
        for warning in report.repeated:
            err(f"warning: {warning}")
        if report.cache_note:
            err(f"feedwright: {report.cache_note}")


def _tell_check(report: BuildReport, *, level: int) -> None:
    if report.stale:
        for line in report.changes:
            err(f"would publish {line}")
        for path in report.stale:
            err(f"{rel(path)}: {_verb(path, report)}")
    elif level >= 0:
        click.echo(f"feedwright: feeds are up to date ({entries(report.entries)})")


def _outcome(report: BuildReport, config: Config, *, level: int) -> str:
    """The one line a build ends with."""
    if report.written or report.removed:
        # The ledger is written beside the feeds, not into the out folder: not counted there.
        feeds = [p for p in report.written if p != config.ledger]
        # "wrote 0 file(s)" would hide that the ledger was written (a move, a skipped
        # article recorded): say so when it is all that was.
        wrote = (
            "wrote only the ledger (the feeds are unchanged)"
            if not feeds and not report.removed
            else f"wrote {len(feeds)} file(s) to {rel(config.out)}"
        )
        return f"feedwright: {entries(report.entries)}{_summary(report.changes)}; {wrote}" + (
            f", removed {len(report.removed)}" if report.removed else ""
        )
    detail = " (nothing read: no input changed)" if report.quiet and level > 0 else ""
    if report.waiting:
        detail += f"; {len(report.waiting)} article(s) wait for the next run"
    if report.waiting and not report.entries:  # every article waits: nothing was read
        return f"feedwright: nothing changed{detail}"
    return f"feedwright: {entries(report.entries)}; nothing changed{detail}"


def _summary(changes: list[str]) -> str:
    counts: dict[str, int] = {}
    for line in changes:
        kind = line.split(":", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    if not counts:
        return ""
    return " (" + ", ".join(f"{n} {kind}" for kind, n in counts.items()) + ")"


def _verb(path: Path, report: BuildReport) -> str:
    if path in report.orphans:
        return "would be removed (no longer needed)"
    return "would change" if path.exists() else "would be created"


@contextlib.contextmanager
def _terminate_gracefully() -> Iterator[None]:
    """Turn SIGTERM (systemd stopping a unit, CI cancelling a job) into a clean exit.

    Temp files are removed and the lock released on the way out; the published files
    stay whole because every replace is atomic.
    """

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (embedding); keep the default
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
