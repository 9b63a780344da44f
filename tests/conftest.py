"""Settings and fixtures every test shares."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from feedwright import settling
from sites import Site, make_site

# The suite is deterministic: every property draws the same examples on every run, so CI
# never fails on a draw no one can repeat. HYPOTHESIS_PROFILE=explore draws new ones (run
# it while working on a rule; a case it finds goes into the suite as a fixed example).
settings.register_profile("deterministic", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


@pytest.fixture(autouse=True)
def _articles_settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests build right after writing their articles: without ``settle_seconds`` in their
    config, an article is read however recently it was written (tests of the waiting
    itself set it, or put this back)."""
    monkeypatch.setattr(settling, "DEFAULT_SETTLE_SECONDS", 0.0)


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging for ever (a blocking open of a FIFO waits for a writer)."""

    def timeout(_signum: int, _frame: object) -> None:
        raise TimeoutError("the build hung")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(300)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def cli_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    """Three articles, two entries to a page, the working folder, and the clock at
    2025-01-01T12:00:00Z: a site for ``feedwright`` commands as cron runs them."""
    site = make_site(tmp_path, count=3, max_entries=2, page_size=2)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735732800")
    return site
