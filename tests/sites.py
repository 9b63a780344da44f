"""A scratch site for the schedule-safety tests: config, articles, a fixed clock."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from feedwright.cli import main
from feedwright.clock import SETTLE_NS, Clock
from feedwright.config import Config, load_config
from feedwright.ledger import load_ledger
from feedwright.links import entry_page_name
from feedwright.output.validate import check_folder
from feedwright.pipeline import BuildReport, run_build

#: The first build's clock; each later build in a test moves it on by a day.
T0 = datetime(2025, 1, 1, 12, 0, tzinfo=timezone.utc)

CONFIG = """[feed]
title = "Schedule test"
description = "Feeds rebuilt again and again"
site_url = "https://news.example.com/"
author = "Desk"
timezone = "UTC"
max_entries = {max_entries}
archive_page_size = {page_size}
"""


def article(n: int, *, body: str = "") -> str:
    """The text of article ``n``: a dated headline and two paragraphs."""
    body = body or f"Day {n} began quietly and the desk filed its notes on time."
    day = datetime(2024, 1, 1, 9, tzinfo=timezone.utc) + timedelta(days=n - 1)
    return (
        f"Date: {day:%Y-%m-%dT%H:%M:%SZ}\n\n"
        f"Headline number {n} of the week\n\n"
        f"{body}\n\n"
        f"A second paragraph for article {n}, so the text reads like news.\n"
    )


@dataclass
class Site:
    """A site folder under ``root`` and a clock that moves on with each build."""

    root: Path
    builds: int = 0
    #: Files count as settled the moment they are written (the wall clock runs ahead),
    #: as on a schedule where builds are minutes apart.
    settled: bool = False

    @property
    def articles(self) -> Path:
        return self.root / "articles"

    @property
    def feeds(self) -> Path:
        return self.root / "feeds"

    @property
    def ledger(self) -> Path:
        return self.root / "feedwright-ledger.json"

    def config(self) -> Config:
        return load_config(self.root / "feedwright.toml", root=self.root)

    def now(self) -> datetime:
        return T0 + timedelta(days=self.builds)

    def clock(self) -> Clock:
        """The next build's clock."""
        epoch = int(self.now().timestamp())
        return LaterClock(epoch) if self.settled else Clock(epoch)

    def write(self, n: int, *, name: str | None = None, body: str = "") -> Path:
        path = self.articles / (name or f"a{n:03d}.txt")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(n, body=body), encoding="utf-8")
        return path

    def build(self, **options: bool) -> BuildReport:
        report = run_build(self.config(), clock=self.clock(), **options)
        self.builds += 1
        return report

    def snapshot(self) -> dict[str, tuple[bytes, int]]:
        """Every published file (feeds and ledger): bytes and mtime."""
        files = [*sorted(self.feeds.rglob("*")), self.ledger]
        return {
            p.relative_to(self.root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in files
            if p.is_file()
        }

    def assert_valid(self) -> None:
        """Every feed document is valid alone and together, and no temp file is left."""
        problems = {p: found for p, found in check_folder(self.feeds).items() if found}
        assert not problems, problems
        leftovers = [p for p in self.root.rglob(".*.tmp")]
        assert not leftovers, leftovers

    def age(self, seconds: float = 60) -> None:
        """Make every file look older, as if the last build ran a while ago."""
        for path in self.root.rglob("*"):
            if path.is_file():
                st = path.stat()
                os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(seconds * 1e9)))


class LaterClock(Clock):
    """A build clock whose wall time runs ahead far enough that every file written so far
    is settled: what waiting a few seconds would do."""

    def wall_ns(self) -> int:
        return super().wall_ns() + SETTLE_NS + 1


def cli(*args: str, clock: Clock | None = None) -> tuple[int, str, str]:
    """``feedwright ARGS`` in this process (with ``clock``, if given): exit code, stdout,
    stderr."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, obj=clock)
    return result.exit_code, result.stdout, result.stderr


def make_site(
    root: Path,
    *,
    count: int = 3,
    max_entries: int = 50,
    page_size: int = 100,
    settle_seconds: float | None = 0,
) -> Site:
    """A site with articles 1..count and a config; nothing built yet.

    Its builds read articles the moment they are written (``settle_seconds = 0``, what
    the subprocess builds need too) unless ``settle_seconds`` says otherwise (``None``:
    the key is left out)."""
    root.mkdir(parents=True, exist_ok=True)
    settle = "" if settle_seconds is None else f"settle_seconds = {settle_seconds}\n"
    (root / "feedwright.toml").write_text(
        CONFIG.format(max_entries=max_entries, page_size=page_size) + settle,
        encoding="utf-8",
    )
    site = Site(root)
    for n in range(1, count + 1):
        site.write(n)
    return site


def entry_page(site: Site, source: str) -> str:
    """The entry page of the article ``source``, relative to the out folder."""
    ledger = load_ledger(site.ledger.read_text(encoding="utf-8"), path=str(site.ledger))
    return entry_page_name(ledger.records[source].id)
