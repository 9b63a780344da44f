"""The quiet stamp: a scheduled run says "nothing changed" only when a build would agree.

Each test builds a real site, lets the clean build leave its stamp, changes one thing a
build depends on, and checks that the stamp no longer answers, and that the next build
(which sees the change) leaves a stamp that answers again.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

import feedwright.incremental.memory
from feedwright.clock import SETTLE_NS, Clock
from feedwright.incremental.stamp import STAMP_NAME, unchanged_entries
from feedwright.pipeline import BuildReport, run_build
from sites import Site, entry_page, make_site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    # Files written a moment ago are trusted by identity here (the real window is 2 s,
    # which only a sleep could wait out): the build then leaves a stamp at once.
    site = make_site(tmp_path / "site", count=5, max_entries=2, page_size=2)
    site.settled = True
    return site


def build(site: Site, **options: bool) -> BuildReport:
    """A plain scheduled build (no overrides), at the site's clock without moving it."""
    site.builds -= 1
    return site.build(stamp=True, **options)


def answer(site: Site, *, later: int = 60) -> int | None:
    """What the shortcut would say ``later`` seconds after the last build's clock."""
    last_build = site.now() - timedelta(days=1)  # site.build() moves the clock on after
    now = int(last_build.timestamp()) + later
    return unchanged_entries(str(site.root), now)


def stamp(site: Site) -> Path:
    return site.root / ".feedwright-cache" / STAMP_NAME


def settled(site: Site) -> int | None:
    """Build as the schedule would after a change; then what the shortcut says."""
    report = build(site)
    assert not report.problems
    return answer(site)


def test_a_clean_build_leaves_a_stamp_that_answers_with_the_entry_count(site: Site) -> None:
    assert answer(site) is None  # nothing built yet
    site.build(stamp=True)
    assert stamp(site).is_file()
    assert answer(site) == 5
    before = site.snapshot()
    assert settled(site) == 5  # a quiet run keeps it
    assert site.snapshot() == before


@pytest.mark.parametrize(
    "change",
    [
        "edit an article",
        "touch an article",
        "add an article",
        "remove an article",
        "add an article in a subfolder",
        "touch the ledger",
        "edit the config",
    ],
)
def test_any_change_a_build_depends_on_silences_the_stamp(site: Site, change: str) -> None:
    site.build(stamp=True)
    assert answer(site) == 5
    count = 5
    if change == "edit an article":
        site.write(3, body="The desk rewrote this story after the vote was counted.")
    elif change == "touch an article":
        path = site.articles / "a002.txt"
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 1_000_000_000))
    elif change == "add an article":
        site.write(6)
        count = 6
    elif change == "remove an article":
        (site.articles / "a001.txt").unlink()
        count = 4
    elif change == "add an article in a subfolder":
        site.write(6, name="2024/late.txt")
        count = 6
    elif change == "touch the ledger":
        site.ledger.write_bytes(site.ledger.read_bytes())
    elif change == "edit the config":
        config = site.root / "feedwright.toml"
        config.write_text(config.read_text("utf-8").replace("Schedule test", "Renamed"))
    assert answer(site) is None
    assert settled(site) == count
    site.assert_valid()


@pytest.mark.parametrize(
    "change",
    [
        "edit a feed",
        "remove an archive page",
        "add a file to the archive folder",
        "remove an entry page",
        "add a file to the entry pages' folder",
    ],
)
def test_any_change_to_the_outputs_silences_the_stamp(site: Site, change: str) -> None:
    site.build(stamp=True)
    assert answer(site) == 5
    if change == "edit a feed":
        (site.feeds / "atom.xml").write_bytes(b"<feed/>")
    elif change == "remove an archive page":
        (site.feeds / "archive" / "rss-1.xml").unlink()
    elif change == "add a file to the archive folder":
        (site.feeds / "archive" / "atom-9.xml").write_bytes(b"<feed/>")
    elif change == "remove an entry page":
        (site.feeds / entry_page(site, "a003.txt")).unlink()
    elif change == "add a file to the entry pages' folder":
        (site.feeds / "entries" / "stray.html").write_bytes(b"<p>stray</p>")
    assert answer(site) is None
    assert settled(site) == 5
    site.assert_valid()


def test_the_stamp_holds_only_inside_its_clock_window(site: Site) -> None:
    site.build(stamp=True)
    assert answer(site, later=0) == 5
    assert answer(site, later=-1) is None  # a clock that went back: a full run decides
    # An article scheduled for tomorrow: the stamp holds until it falls due, not after.
    due = site.now()  # the last build's clock, plus a day
    (site.articles / "z.txt").write_text(
        f"Date: {due:%Y-%m-%dT%H:%M:%SZ}\n\nTomorrow's headline arrives\n\nBody.\n", "utf-8"
    )
    assert settled(site) == 5
    assert answer(site, later=86_399) == 5
    assert answer(site, later=86_400) is None


def test_code_the_build_ran_is_part_of_the_stamp(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "library.py"
    library.write_text("VERSION = 1\n", "utf-8")
    real = feedwright.incremental.memory.code_keys

    def with_library() -> list[tuple[str, str]]:
        st = library.stat()
        return [
            *real(),
            (str(library), f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"),
        ]

    monkeypatch.setattr(feedwright.incremental.memory, "code_keys", with_library)
    site.build(stamp=True)
    assert answer(site) == 5
    library.write_text("VERSION = 2\n", "utf-8")  # an upgrade
    assert answer(site) is None


@pytest.mark.parametrize("damage", ["torn", "garbage", "empty", "other python"])
def test_a_damaged_or_foreign_stamp_never_answers(site: Site, damage: str) -> None:
    site.build(stamp=True)
    text = stamp(site).read_text("utf-8", "surrogateescape")
    if damage == "torn":
        text = text[: len(text) // 2]
    elif damage == "garbage":
        text = "\0".join(["feedwright quiet stamp 1", "x", "y", "z"])
    elif damage == "empty":
        text = ""
    elif damage == "other python":
        text = text.replace(sys.version, "2.7.18", 1)
    stamp(site).write_text(text, "utf-8", "surrogateescape")
    assert answer(site) is None


def test_builds_with_overrides_or_check_leave_no_stamp_and_writes_remove_it(
    site: Site,
) -> None:
    site.build()  # stamp=False: as with --out, --articles or --config
    assert not stamp(site).exists()
    site.build(stamp=True)
    assert stamp(site).exists()
    site.write(6)
    site.build(check=True, stamp=True)
    assert answer(site) is None
    # A build that writes removes the stamp before its first write, and leaves a new one
    # when it is done, bad articles and all: they are reported once (the ledger keeps
    # them), so the next run that finds nothing changed is a quiet one.
    (site.articles / "bad.txt").write_bytes(b"\0\0\0")
    report = build(site)
    assert report.problems
    assert answer(site) == 6


class WallClock(Clock):
    """A build clock whose wall time (what file times are compared with) the test sets."""

    def __init__(self, epoch: int, wall_ns: int) -> None:
        super().__init__(epoch)
        self.wall = wall_ns

    def wall_ns(self) -> int:
        return self.wall


def test_a_file_dated_in_the_future_settles_once_it_has_been_seen_unchanged(site: Site) -> None:
    # An article copied from a machine whose clock runs a year ahead: its mtime says
    # nothing about when it last changed here. Seen with the same bytes a settling time
    # after the build that first read it, it is trusted like any other file.
    future = time.time_ns() + 365 * 86_400 * 10**9
    os.utime(site.articles / "a002.txt", ns=(future, future))
    epoch = int(site.now().timestamp())
    wall = time.time_ns() + SETTLE_NS + 1  # every other file is settled already
    assert not run_build(site.config(), clock=WallClock(epoch, wall), stamp=True).quiet
    assert unchanged_entries(str(site.root), epoch + 60) is None  # just read: not yet
    later = WallClock(epoch, wall + SETTLE_NS + 1)
    assert run_build(site.config(), clock=later, stamp=True).quiet
    assert unchanged_entries(str(site.root), epoch + 60) == 5
