"""``feedwright inspect``: how each article is read, and what the feed will carry."""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click

from feedwright.cli import EXIT_FAILED, EXIT_SKIPPED, clock, config_option, err, rel
from feedwright.config import load_config
from feedwright.entry import Entry
from feedwright.errors import ArticleError, FeedwrightError
from feedwright.loader.dates import format_rfc3339, resolve_zone
from feedwright.loader.media import file_size_under
from feedwright.preview import expand, feed_view, given_source, site_ledger, source_of
from feedwright.reading import check_name, read_article_file


def _rfc3339(value: datetime | None) -> str | None:
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


@click.command()
@config_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article per line.")
def inspect(config_path: Path | None, paths: tuple[Path, ...], as_json: bool) -> None:
    """Show how each article is read; a folder means every article a build reads there.

    Inside a site (a feedwright.toml here or above), also show the id, published and
    updated the feed carries, or will carry after the next build, and where each comes from.
    """
    from feedwright.loader.parse import LoadOptions, parse_article

    try:
        config = load_config(config_path, root=Path.cwd())
        ledger = site_ledger(config) if config.source is not None else None
        files = expand(paths)
        now = clock().epoch
    except FeedwrightError as e:
        err(str(e))
        sys.exit(EXIT_FAILED)
    options = LoadOptions(
        default_tz=resolve_zone(config.timezone),
        base_url=config.site_url,
        file_size=functools.partial(file_size_under, config.articles),
    )
    failed = False
    for path, _ in files:
        shown = rel(path)
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
                err(str(e))
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
