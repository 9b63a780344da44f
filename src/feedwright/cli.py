"""The ``feedwright`` command: with the console script's quiet-run shortcut
(:mod:`feedwright.shortcut`), the only place that prints, exits or reads the clock.

Exit codes: 0 everything published; 1 some articles were newly skipped (the rest published;
a bad article fails the run that meets it or its change, not every run), or
``--check`` found stale feeds, or ``validate`` found problems; 2 nothing published
(configuration error, refusal, lock timeout, usage error).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from feedwright import __version__
from feedwright.clock import END_EPOCH, Clock
from feedwright.config import Config, load_config
from feedwright.entry import Entry
from feedwright.errors import ArticleError, ConfigError, FeedwrightError, quote_name
from feedwright.layout import CONFIG_NAME
from feedwright.wording import entries

if TYPE_CHECKING:
    import threading

    from feedwright.pipeline import BuildReport

EXIT_SKIPPED, EXIT_FAILED = 1, 2


def clock() -> Clock:
    """The build clock: the one given as click's context object (tests), or the real one.

    Raises:
        ConfigError: ``SOURCE_DATE_EPOCH`` is set but not an integer in the clock's range.
    """
    # No context in serve's rebuild thread: the real clock there.
    context = click.get_current_context(silent=True)
    given = context.find_object(Clock) if context is not None else None
    if given is not None:
        return given
    try:
        return Clock.from_environment()
    except ValueError as e:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        raise ConfigError(
            f"not a whole number of seconds from 0 to {END_EPOCH - 1} (before the year 3000): "
            f"{epoch!r}",
            path="SOURCE_DATE_EPOCH",
        ) from e


def _err(message: str) -> None:
    click.echo(message, err=True)


def _config(
    config_path: Path | None, articles: Path | None, out: Path | None, verbose: int
) -> Config:
    from dataclasses import replace

    config = load_config(config_path, root=Path.cwd())
    if articles is not None:
        config = replace(config, articles=articles.resolve())
    if out is not None:
        config = replace(config, out=out.resolve())
    if config.source is None and verbose >= 0:
        _err(
            f"feedwright: no {CONFIG_NAME}; using defaults (site_url {config.site_url}, "
            f"title {config.title!r}, timezone {config.timezone}, "
            f"{config.max_entries} entries)"
        )
    return config


def _seconds(_context: click.Context, param: click.Parameter, value: float) -> float:
    """A number of seconds to wait: 0 or more (``inf``: wait for ever), never NaN."""
    if not value >= 0:  # also catches NaN, which the lock library refuses with a crash
        raise click.BadParameter(
            f"must be a number of seconds, 0 or more, not {value:g}", param=param
        )
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="feedwright")
def main() -> None:
    """Turn a folder of articles into valid, stable Atom and RSS feeds."""


_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help=f"Config file (default: ./{CONFIG_NAME} if present).",
)


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


@main.command(epilog=_EXIT_CODES)
@_config_option
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
    callback=_seconds,
    default=60.0,
    show_default=True,
    help="Seconds to wait for another running build, then exit 2.",
)
@click.option("--no-cache", is_flag=True, help="Read and parse every article afresh.")
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
    verbose: int,
    quiet: bool,
) -> None:
    """Read the articles and write atom.xml, rss.xml, feed.json, their archives and index.html.

    Safe to run on a schedule: a run that changes nothing writes nothing, files are
    replaced atomically, and only one build runs at a time.
    """
    from feedwright.pipeline import run_build
    from feedwright.progress import reading_bar
    from feedwright.publish import build_lock

    level = -1 if quiet else verbose
    try:
        with _terminate_gracefully():
            config = _config(config_path, articles, out, level)
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
                    # Only a plain run may leave the stamp the shortcut trusts.
                    stamp=config_path is None and articles is None and out is None,
                    progress=progress,
                )
    except FeedwrightError as e:
        _err(str(e))
        sys.exit(EXIT_FAILED)
    except Exception as e:
        # Never exit 1 (which means "some articles skipped") on a crash.
        if level > 0:
            import traceback

            _err(traceback.format_exc().rstrip())
        _err(f"feedwright: internal error: {type(e).__name__}: {e} (nothing more published)")
        sys.exit(EXIT_FAILED)
    # A bad article is told when it appears or changes; --check and --strict tell them all.
    told = [str(p) for p in report.problems]
    if check or report.refused:
        told = sorted([*told, *report.still_skipped])
    for line in told:
        _err(line)
    if report.refused:
        _err(f"feedwright: --strict: {len(told)} bad article(s); nothing published")
        sys.exit(EXIT_FAILED)
    _tell(report, config, level=level, check=check)
    untold = [] if check else _announce(report, config, level=level, strict=strict)
    if check and report.stale:
        sys.exit(EXIT_SKIPPED)
    if told:
        _err(f"feedwright: {len(told)} article(s) skipped")
        if not check:  # --check lists them, but only stale feeds make it fail
            sys.exit(EXIT_SKIPPED)
    elif report.still_skipped and level >= 1:
        _err(f"feedwright: {_still_skipped(len(report.still_skipped))}")
    if untold and strict:
        _err(f"feedwright: --strict: {len(untold)} WebSub hub(s) not told of the changes")
        sys.exit(EXIT_SKIPPED)


def _still_skipped(count: int) -> str:
    noun = "article" if count == 1 else "articles"
    return f"{count} {noun} still skipped (run feedwright check)"


@main.command(
    epilog="""\b
Exit codes:
  0  no article is skipped
  1  some articles are skipped (each is named on stderr)
  2  nothing could be checked: configuration error, missing articles folder,
     damaged ledger
"""
)
@_config_option
def check(config_path: Path | None) -> None:
    """List every article a build skips as bad, with its one-line error.

    A build reports a bad article once, when it appears or changes; later runs skip it
    without failing. This lists them all, whether told before or not. Writes nothing and
    takes no lock.
    """
    from feedwright.pipeline import run_build

    try:
        config = _config(config_path, None, None, 0)
        report = run_build(config, clock=clock(), check=True)
    except FeedwrightError as e:
        _err(str(e))
        sys.exit(EXIT_FAILED)
    skipped = sorted([*(str(p) for p in report.problems), *report.still_skipped])
    for line in skipped:
        _err(line)
    if skipped:
        click.echo(
            f"feedwright: {len(skipped)} article(s) skipped, {entries(report.entries)} published"
        )
        sys.exit(EXIT_SKIPPED)
    click.echo(f"feedwright: no article skipped ({entries(report.entries)})")


def _announce(report: BuildReport, config: Config, *, level: int, strict: bool) -> list[str]:
    """Tell the WebSub hubs which subscription feeds this build changed; the failures."""
    if not config.hub or not report.written:
        return []
    from feedwright.output.websub import announce, changed_feed_urls

    urls = changed_feed_urls(config.out, config.feed_base, report.written)
    failures = announce(config.hub, urls)
    if level >= 0 or strict:
        for failure in failures:
            _err(f"warning: {failure}")
    if level >= 1 and urls:
        click.echo(f"announced {len(urls)} changed feed(s) to {len(config.hub)} WebSub hub(s)")
    return failures


def _tell(report: BuildReport, config: Config, *, level: int, check: bool) -> None:
    if level >= 0:
        for warning in [*report.warnings, *report.link_moves]:
            _err(f"warning: {warning}")
    if level >= 1:
        for line in [*report.waiting, *report.notes]:
            _err(line)
        for warning in report.repeated:
            _err(f"warning: {warning}")
        if report.cache_note:
            _err(f"feedwright: {report.cache_note}")
    summary = _summary(report.changes)
    if check:
        if report.stale:
            for line in report.changes:
                _err(f"would publish {line}")
            for path in report.stale:
                _err(f"{_rel(path)}: {_verb(path, report)}")
        elif level >= 0:
            click.echo(f"feedwright: feeds are up to date ({entries(report.entries)})")
        return
    if level >= 1:
        for line in report.changes:
            click.echo(line)
        for path in report.written:
            click.echo(f"wrote {_rel(path)}")
        for path in report.removed:
            click.echo(f"removed {_rel(path)}")
    if level < 0:
        return
    if report.written or report.removed:
        # The ledger is written beside the feeds, not into the out folder: not counted there.
        feeds = [p for p in report.written if p != config.ledger]
        # "wrote 0 file(s)" would hide that the ledger was written (a move, a skipped
        # article recorded): say so when it is all that was.
        wrote = (
            "wrote only the ledger (the feeds are unchanged)"
            if not feeds and not report.removed
            else f"wrote {len(feeds)} file(s) to {_rel(config.out)}"
        )
        click.echo(
            f"feedwright: {entries(report.entries)}{summary}; {wrote}"
            + (f", removed {len(report.removed)}" if report.removed else "")
        )
    else:
        detail = " (nothing read: no input changed)" if report.quiet and level > 0 else ""
        if report.waiting:
            detail += f"; {len(report.waiting)} article(s) wait for the next run"
        if report.waiting and not report.entries:  # every article waits: nothing was read
            click.echo(f"feedwright: nothing changed{detail}")
        else:
            click.echo(f"feedwright: {entries(report.entries)}; nothing changed{detail}")


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


def _rel(path: Path) -> str:
    try:
        shown = path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = str(path)
    return quote_name(shown)


def _rfc3339(value: datetime | None) -> str | None:
    from feedwright.loader.dates import format_rfc3339  # dateutil: not for quiet runs

    return format_rfc3339(value) if value else None


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry as a JSON object with exactly the ``Entry`` field names."""
    return {
        "source": entry.source,
        "id": entry.id,
        "title": entry.title,
        "authors": list(entry.authors),
        "emails": list(entry.emails),
        "published": _rfc3339(entry.published),
        "published_from": entry.published_from,
        "updated": _rfc3339(entry.updated),
        "summary": entry.summary,
        "key_points": list(entry.key_points),
        "paragraphs": list(entry.paragraphs),
        "content_html": entry.content_html,
        "tags": list(entry.tags),
        "link": entry.link,
        "language": entry.language,
        "image": entry.image,
        "enclosure": list(entry.enclosure) if entry.enclosure else None,
        "draft": entry.draft,
        "warnings": list(entry.warnings),
    }


@main.command()
@_config_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article per line.")
def inspect(config_path: Path | None, paths: tuple[Path, ...], as_json: bool) -> None:
    """Show how each article is read; a folder means every article a build reads there.

    Inside a site (a feedwright.toml here or above), also show the id, published and
    updated the feed carries, or will carry after the next build, and where each comes from.
    """
    from feedwright.loader.media import file_size_under
    from feedwright.loader.parse import LoadOptions, parse_article
    from feedwright.preview import expand, feed_view, given_source, site_ledger, source_of
    from feedwright.reading import check_name, read_article_file

    try:
        config = load_config(config_path, root=Path.cwd())
        ledger = site_ledger(config) if config.source is not None else None
        files = expand(paths)
        now = clock().epoch
    except FeedwrightError as e:
        _err(str(e))
        sys.exit(EXIT_FAILED)
    from feedwright.loader.dates import resolve_zone

    options = LoadOptions(
        default_tz=resolve_zone(config.timezone),
        base_url=config.site_url,
        file_size=functools.partial(file_size_under, config.articles),
    )
    failed = False
    for path, _ in files:
        shown = _rel(path)
        source = given_source(path, config)
        try:
            # A build refuses such a name (it would be part of the id): so does inspect.
            check_name(source)
            # Named on the command line, so wherever its links lead; but never a FIFO
            # that would hang, nor more than the size limit.
            _, data = read_article_file(str(path), root=None)
            entry = parse_article(data, source=source, options=options)
        except ArticleError as e:
            failed = True
            e.path = shown
            if as_json:
                click.echo(_json_line({"source": source, "error": str(e)}))
            else:
                _err(str(e))
            continue
        shown_entry = entry_json(entry)
        if ledger is not None:
            view = feed_view(
                entry,
                data,
                source=source_of(path, config),
                ledger=ledger,
                config=config,
                now=datetime.fromtimestamp(now, tz=timezone.utc),
            )
            shown_entry["feed"] = dataclasses.asdict(view)
        if as_json:
            click.echo(_json_line(shown_entry))
        else:
            click.echo(_describe(shown, entry, shown_entry.get("feed")))
    if failed:
        sys.exit(EXIT_SKIPPED)


def _json_line(data: dict[str, Any]) -> str:
    """``data`` as one line of JSON: UTF-8 text as it is, or every non-ASCII character
    escaped when a file name holds bytes that are not UTF-8 (``\\udce9``, Python's
    ``surrogateescape`` form, which no UTF-8 output can carry raw)."""
    text = json.dumps(data, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data)
    return text


def _describe(shown: str, entry: Entry, feed: dict[str, str] | None) -> str:
    data = entry_json(entry)
    lines = [f"== {shown}"]
    if feed is not None:
        lines.append(f"  feed id: {feed['id']}")
        for key in ("published", "updated"):
            lines.append(f"  feed {key}: {feed[key]} (from {feed[key + '_from']})")
    for key in ("title", "draft", "authors", "published", "updated", "tags", "link", "language"):
        value = data[key]
        if value:
            lines.append(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
    for point in entry.key_points:
        lines.append(f"  • {point}")
    lines.append(f"  paragraphs: {len(entry.paragraphs)}")
    for k, paragraph in enumerate(entry.paragraphs, 1):
        preview = paragraph if len(paragraph) <= 70 else paragraph[:69] + "…"
        lines.append(f"    {k:>2}. {preview}")
    for warning in entry.warnings:
        lines.append(f"  warning: {warning}")
    return "\n".join(lines)


@main.command()
@click.argument(
    "folder",
    required=False,
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("feeds"),
)
def validate(folder: Path) -> None:
    """Check every feed document in FOLDER (default: feeds/) as a build does.

    Each document (Atom, RSS, JSON Feed) is checked alone (well-formed, required elements,
    unique ids, absolute URLs, dates, self link or feed_url, RFC 5005 markers), then against
    the others: self links match the files, archive links (and JSON Feed's next_url) find
    their pages, no entry is on two archive pages.
    Exit 0 if all are valid, 1 if any is not, 2 if there is nothing to check.
    """
    from feedwright.output.validate import check_folder

    if not folder.is_dir():
        what = "not a folder" if folder.exists() else "no such folder"
        _err(f"{_rel(folder)}: {what}")
        sys.exit(EXIT_FAILED)
    results = check_folder(folder)
    if not results:
        _err(f"{_rel(folder)}: no feed documents (*.xml, *.json) found")
        sys.exit(EXIT_FAILED)
    bad = 0
    for path, problems in results.items():
        for problem in problems:
            _err(f"{_rel(path)}: {problem}")
        bad += bool(problems)
    click.echo(f"feedwright: {len(results) - bad} of {len(results)} feed document(s) valid")
    if bad:
        sys.exit(EXIT_SKIPPED)


@main.command()
@_config_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to serve (default: the config's out folder).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0: any free."
)
@click.option(
    "--watch",
    is_flag=True,
    help="Build now, and again whenever an article or the config file changes.",
)
@click.option("-v", "--verbose", count=True, help="Also log every request.")
def serve(
    config_path: Path | None, out: Path | None, host: str, port: int, watch: bool, verbose: int
) -> None:
    """Preview the feeds folder over HTTP, with feed media types, 304s and gzip.

    Only the folder's own files are served. With --watch the old files are served until
    a rebuild has put the new ones in place.
    """
    import threading

    from feedwright.serve import make_server

    stop = threading.Event()
    try:
        config = _config(config_path, None, out, verbose)
        if watch:
            # Watching starts before the first build, so no change in between is missed.
            _start_watching(config, lambda: _serve_build(config_path, out), stop)
            _serve_build(config_path, out)
        server = make_server(config.out, host=host, port=port, log=_err if verbose else None)
    except (FeedwrightError, OSError) as e:
        stop.set()
        _err(str(e))
        sys.exit(EXIT_FAILED)
    bound_host, bound_port = str(server.server_address[0]), server.server_address[1]
    click.echo(
        f"feedwright: serving {_rel(config.out)} at http://{bound_host}:{bound_port}/"
        " (Ctrl-C to stop)"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()


def _start_watching(config: Config, rebuild: Callable[[], None], stop: threading.Event) -> None:
    """Call ``rebuild`` (in a thread of its own) whenever an article or the config changes."""
    import threading

    from feedwright.serve import watch

    paths = [(config.articles, True)]
    if config.source is not None:
        # The folder, not the file: editors save by replacing the file.
        paths.append((config.source.parent, False))
    source, articles = str(config.source), config.articles

    def accept(name: str) -> bool:
        return name == source or Path(name).is_relative_to(articles)

    threading.Thread(
        target=watch,
        args=(paths, lambda _changed: rebuild()),
        kwargs={"stop": stop, "accept": accept},
        daemon=True,
    ).start()


def _serve_build(config_path: Path | None, out: Path | None) -> None:
    """One build for ``serve --watch``, config read afresh; problems are told, never fatal."""
    from feedwright.pipeline import run_build
    from feedwright.publish import build_lock

    try:
        config = _config(config_path, None, out, -1)
        with build_lock(config.ledger.with_name(".feedwright.lock"), timeout=60):
            report = run_build(config, clock=clock(), stamp=config_path is None and out is None)
    except FeedwrightError as e:
        _err(f"{e} (still serving the previous files)")
        return
    except Exception as e:
        _err(
            f"feedwright: internal error: {type(e).__name__}: {e}"
            " (still serving the previous files)"
        )
        return
    for problem in report.problems:
        _err(str(problem))
    _tell(report, config, level=0, check=False)
    if report.waiting:
        # Articles saved a moment ago wait (settle_seconds), and no further change may come
        # to trigger a rebuild: build again once they have settled.
        import threading

        from feedwright.settling import settle_seconds

        timer = threading.Timer(settle_seconds(config) + 0.2, _serve_build, (config_path, out))
        timer.daemon = True
        timer.start()
