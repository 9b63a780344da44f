"""``feedwright validate``: check a folder of feed documents as a build does."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from feedwright.cli import EXIT_FAILED, EXIT_SKIPPED, err, rel
from feedwright.output.validate import check_folder


@click.command()
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
    if not folder.is_dir():
        what = "not a folder" if folder.exists() else "no such folder"
        err(f"{rel(folder)}: {what}")
        sys.exit(EXIT_FAILED)
    results = check_folder(folder)
    if not results:
        err(f"{rel(folder)}: no feed documents (*.xml, *.json) found")
        sys.exit(EXIT_FAILED)
    bad = 0
    for path, problems in results.items():
        for problem in problems:
            err(f"{rel(path)}: {problem}")
        bad += bool(problems)
    click.echo(f"feedwright: {len(results) - bad} of {len(results)} feed document(s) valid")
    if bad:
        sys.exit(EXIT_SKIPPED)
