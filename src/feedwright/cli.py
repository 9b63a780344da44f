"""The ``feedwright`` command: the only place that prints, exits or reads the clock.

Exit codes: 0 everything published; 1 some articles were skipped (the rest published), or
``--check`` found stale feeds, or ``validate`` found problems; 2 nothing published
(configuration error, refusal, lock timeout, usage error).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click

from feedwright import __version__
from feedwright.config import CONFIG_NAME, Config, load_config
from feedwright.dates import format_rfc3339, resolve_zone
from feedwright.entry import Entry
from feedwright.errors import ArticleError, FeedwrightError

EXIT_OK, EXIT_SKIPPED, EXIT_FAILED = 0, 1, 2


def clock() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds, tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except ValueError as e:
            raise click.UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not an integer") from e
    return datetime.now(timezone.utc)


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


@main.command()
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
    "--check", is_flag=True, help="Write nothing; exit 1 if the committed feeds are not up to date."
)
@click.option(
    "--allow-shrink", is_flag=True, help="Publish even if most published articles have disappeared."
)
@click.option("--strict", is_flag=True, help="Publish nothing if any article is bad.")
@click.option(
    "--lock-timeout",
    type=float,
    default=60.0,
    show_default=True,
    help="Seconds to wait for another running build.",
)
@click.option("-v", "--verbose", count=True, help="Say more (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build(
    config_path: Path | None,
    articles: Path | None,
    out: Path | None,
    check: bool,
    allow_shrink: bool,
    strict: bool,
    lock_timeout: float,
    verbose: int,
    quiet: bool,
) -> None:
    """Read the articles and write atom.xml, rss.xml and their archives."""
    from feedwright.pipeline import run_build
    from feedwright.publish import build_lock

    level = -1 if quiet else verbose
    try:
        config = _config(config_path, articles, out, level)
        lock_path = config.ledger.with_name(".feedwright.lock")
        with build_lock(lock_path, timeout=lock_timeout):
            report = run_build(
                config, now=clock(), check=check, allow_shrink=allow_shrink, strict=strict
            )
    except FeedwrightError as e:
        _err(str(e))
        sys.exit(EXIT_FAILED)
    for problem in report.problems:
        _err(str(problem))
    if report.refused:
        _err(f"feedwright: --strict: {len(report.problems)} bad article(s); nothing published")
        sys.exit(EXIT_FAILED)
    if level >= 0:
        for warning in report.warnings:
            _err(f"warning: {warning}")
    if check:
        for path in report.stale:
            _err(f"{_rel(path)}: would change")
        if report.stale:
            sys.exit(EXIT_SKIPPED)
        if level >= 0:
            click.echo(f"feedwright: feeds are up to date ({report.entries} entries)")
    elif level >= 0:
        if report.written:
            for path in report.written if level > 0 else []:
                click.echo(f"wrote {_rel(path)}")
            click.echo(
                f"feedwright: {report.entries} entries; wrote "
                f"{len(report.written)} file(s) to {_rel(config.out)}"
            )
        else:
            click.echo(f"feedwright: {report.entries} entries; nothing changed")
    if report.problems:
        _err(f"feedwright: {len(report.problems)} article(s) skipped")
        sys.exit(EXIT_SKIPPED)


def _rel(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry as a JSON object with exactly the ``Entry`` field names."""
    return {
        "source": entry.source,
        "id": entry.id,
        "title": entry.title,
        "authors": list(entry.authors),
        "published": format_rfc3339(entry.published) if entry.published else None,
        "updated": format_rfc3339(entry.updated) if entry.updated else None,
        "summary": entry.summary,
        "key_points": list(entry.key_points),
        "paragraphs": list(entry.paragraphs),
        "content_html": entry.content_html,
        "tags": list(entry.tags),
        "link": entry.link,
        "language": entry.language,
        "warnings": list(entry.warnings),
    }


@main.command()
@_config_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article per line.")
def inspect(config_path: Path | None, paths: tuple[Path, ...], as_json: bool) -> None:
    """Show how each article is read (before the ledger assigns ids and dates)."""
    from feedwright.loader import LoadOptions, parse_article

    try:
        config = load_config(config_path, root=Path.cwd())
    except FeedwrightError as e:
        _err(str(e))
        sys.exit(EXIT_FAILED)
    options = LoadOptions(default_tz=resolve_zone(config.timezone), base_url=config.site_url)
    failed = False
    for path in paths:
        shown = _rel(path)
        try:
            try:
                data = path.read_bytes()
            except OSError as e:
                raise ArticleError(f"cannot read: {e.strerror}", path=shown) from e
            entry = parse_article(data, source=path.name, options=options)
        except ArticleError as e:
            failed = True
            e.path = shown
            if as_json:
                click.echo(json.dumps({"source": path.name, "error": str(e)}, ensure_ascii=False))
            else:
                _err(str(e))
            continue
        if as_json:
            click.echo(json.dumps(entry_json(entry), ensure_ascii=False))
        else:
            click.echo(_describe(shown, entry))
    if failed:
        sys.exit(EXIT_SKIPPED)


def _describe(shown: str, entry: Entry) -> str:
    data = entry_json(entry)
    lines = [f"== {shown}"]
    for key in ("title", "authors", "published", "updated", "tags", "link", "language"):
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
    """Check every feed document in FOLDER (default: feeds/) as a build does."""
    from feedwright.validate import check_feed

    files = sorted(folder.rglob("*.xml")) if folder.is_dir() else []
    if not files:
        _err(f"{_rel(folder)}: no feed documents (*.xml) found")
        sys.exit(EXIT_FAILED)
    bad = 0
    for path in files:
        problems = check_feed(path.read_bytes())
        for problem in problems:
            _err(f"{_rel(path)}: {problem}")
        bad += bool(problems)
    click.echo(f"feedwright: {len(files) - bad} of {len(files)} feed document(s) valid")
    if bad:
        sys.exit(EXIT_SKIPPED)
