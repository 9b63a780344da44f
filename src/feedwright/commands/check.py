"""``feedwright check``: every article a build skips as bad, whether told before or not."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from feedwright.cli import EXIT_FAILED, EXIT_SKIPPED, clock, config_option, err, site_config
from feedwright.errors import FeedwrightError
from feedwright.pipeline import run_build
from feedwright.wording import entries


@click.command(
    epilog="""\b
Exit codes:
  0  no article is skipped
  1  some articles are skipped (each is named on stderr)
  2  nothing could be checked: configuration error, missing articles folder,
     damaged ledger
"""
)
@config_option
def check(config_path: Path | None) -> None:
    """List every article a build skips as bad, with its one-line error.

    A build reports a bad article once, when it appears or changes; later runs skip it
    without failing. This lists them all, whether told before or not. Writes nothing and
    takes no lock.
    """
    try:
        config = site_config(config_path, None, None, 0)
        report = run_build(config, clock=clock(), check=True)
    except FeedwrightError as e:
        err(str(e))
        sys.exit(EXIT_FAILED)
    skipped = sorted([*(str(p) for p in report.problems), *report.still_skipped])
    for line in skipped:
        err(line)
    if skipped:
        click.echo(
            f"feedwright: {len(skipped)} article(s) skipped, {entries(report.entries)} published"
        )
        sys.exit(EXIT_SKIPPED)
    click.echo(f"feedwright: no article skipped ({entries(report.entries)})")
