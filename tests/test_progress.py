"""A progress bar while articles are read: on a terminal's stderr only, never under -q or
in cron; the library only calls the callback the command line gives it."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from feedwright.pipeline import run_build
from feedwright.progress import LABEL, wanted
from feedwright.workers import map_on_cores
from sites import T0, cli, make_site


def test_a_bar_is_wanted_only_on_a_terminal_and_not_under_quiet() -> None:
    leader, follower = pty.openpty()
    try:
        with open(follower, "w", closefd=False) as terminal:
            assert wanted(terminal, level=0)
            assert wanted(terminal, level=2)
            assert not wanted(terminal, level=-1)
    finally:
        os.close(leader)
        os.close(follower)
    assert not wanted(io.StringIO(), level=0)
    with open(os.devnull, "w") as null:
        assert not wanted(null, level=1)


def test_the_build_tells_progress_for_each_article_read(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=7)
    site.settled = True
    calls: list[tuple[int, int]] = []
    run_build(site.config(), clock=site.clock(), progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 7)
    assert calls[-1] == (7, 7)
    assert [done for done, _ in calls] == list(range(8))
    # A later run reads only what changed; the rest comes from the cache.
    site.builds += 1
    calls.clear()
    site.write(3, body="An edited third article, so one file is read again today.")
    run_build(site.config(), clock=site.clock(), progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 1), (1, 1)]


def test_workers_count_results_as_they_come_back() -> None:
    counts: list[int] = []
    results = map_on_cores(abs, [-n for n in range(50)], min_items=1, progress=counts.append)
    assert results == list(range(50))
    assert counts == list(range(1, 51))


def test_no_bar_where_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site", count=4)
    monkeypatch.chdir(site.root)
    code, _, err = cli("build", "-v", clock=site.clock())
    assert code == 0
    assert LABEL not in err
    assert "\r" not in err


def _build_on_a_terminal(root: Path, *args: str) -> str:
    """Run ``feedwright build ARGS`` in ``root`` with stderr on a pseudo-terminal; what the
    terminal received."""
    leader, follower = pty.openpty()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(T0.timestamp())), "COLUMNS": "80"}
    with subprocess.Popen(
        [sys.executable, "-m", "feedwright", "build", *args],
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    ) as proc:
        os.close(follower)
        received = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            received += chunk
        assert proc.wait(timeout=60) == 0
    os.close(leader)
    return received.decode("utf-8", "replace")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pty semantics")
def test_a_bar_on_a_terminal_and_none_under_quiet(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=5)
    site.age()  # long written: nothing waits for the next run (settle_seconds)
    shown = _build_on_a_terminal(site.root)
    assert LABEL in shown
    assert "100%" in shown
    site.write(2, body="An edited second article, read again by the quiet run.")
    site.age()
    assert _build_on_a_terminal(site.root, "-q") == ""
