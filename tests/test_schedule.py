"""Run again and again, as cron would: what a real subscriber (lemon24/reader) sees.

The subscriber is the ``reader`` library with its SQLite storage, reading the built files
from disk. Every step rebuilds the same site and asserts what the subscriber was shown:
nothing new when nothing changed, one update for an edit, nothing for a rename, one new
entry for a new article, nothing lost after a failed run, and never a duplicate.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from feedwright.errors import PublishError
from sites import Site, cli, make_site

# reader vendors an old feedparser that imports ``sgmllib``; feedparser (a test
# dependency) ships the same module as ``feedparser_sgmllib``.
if "sgmllib" not in sys.modules:
    try:
        importlib.import_module("sgmllib")
    except ImportError:
        sys.modules["sgmllib"] = importlib.import_module("feedparser_sgmllib")

from reader import Reader, make_reader

import feedwright.publish as publish
from feedwright.publish import build_lock

#: Whole builds again and again, kills and a feed reader: slow, and run by default and in CI.
pytestmark = pytest.mark.slow

FEEDS = ("atom.xml", "rss.xml", "feed.json")


class Subscriber:
    """A reader.Reader subscribed to a site's Atom, RSS and JSON feeds."""

    def __init__(self, site: Site, db: Path):
        self.site = site
        self.reader: Reader = make_reader(str(db), feed_root=str(site.feeds))
        for name in FEEDS:
            self.reader.add_feed(name)

    def update(self) -> dict[str, tuple[int, int]]:
        """Update every feed; (new, modified) per feed."""
        seen: dict[str, tuple[int, int]] = {}
        for result in self.reader.update_feeds_iter(scheduled=False):
            assert result.error is None, result.error
            value = result.value
            seen[result.url] = (value.new, value.modified) if value else (0, 0)
        return seen

    def entries(self, feed: str) -> list[tuple[str, str, object, object]]:
        return [
            (e.id, e.title or "", e.published, e.updated)
            for e in self.reader.get_entries(feed=feed)
        ]

    def assert_no_duplicates(self) -> None:
        for feed in FEEDS:
            entries = self.entries(feed)
            titles = [title for _, title, _, _ in entries]
            assert len(set(titles)) == len(titles), f"{feed}: duplicate entries {titles}"


@pytest.fixture
def subscribed(tmp_path: Path) -> Iterator[tuple[Site, Subscriber]]:
    """A built site with three articles and a subscriber who has read it all."""
    site = make_site(tmp_path / "site", count=3)
    site.build()
    subscriber = Subscriber(site, tmp_path / "reader.sqlite")
    assert subscriber.update() == {name: (3, 0) for name in FEEDS}
    yield site, subscriber
    subscriber.reader.close()


def test_a_rebuild_with_nothing_changed_shows_nothing_and_rewrites_nothing(
    subscribed: tuple[Site, Subscriber],
) -> None:
    site, subscriber = subscribed
    before = site.snapshot()
    report = site.build()
    assert report.written == [] and report.removed == []
    assert site.snapshot() == before  # same bytes, same mtimes: servers keep saying 304
    assert subscriber.update() == {name: (0, 0) for name in FEEDS}
    subscriber.assert_no_duplicates()


def test_b_an_edit_is_one_update_with_the_same_id_and_published(
    subscribed: tuple[Site, Subscriber],
) -> None:
    site, subscriber = subscribed
    old = {e[0]: e for e in subscriber.entries("atom.xml")}
    site.write(2, body="Day 2 was rewritten after a correction came in from the desk.")
    report = site.build()
    assert report.changes == ["edited: a002.txt"]
    assert subscriber.update() == {name: (0, 1) for name in FEEDS}
    new = {e[0]: e for e in subscriber.entries("atom.xml")}
    assert new.keys() == old.keys()
    (edited,) = [i for i in new if new[i][3] != old[i][3]]
    assert new[edited][1] == "Headline number 2 of the week"
    assert new[edited][2] == old[edited][2]  # published stays
    assert new[edited][3] > old[edited][3]  # updated moves on
    subscriber.assert_no_duplicates()


def test_c_a_rename_or_move_with_the_same_content_is_not_new(
    subscribed: tuple[Site, Subscriber],
) -> None:
    site, subscriber = subscribed
    old = subscriber.entries("atom.xml")
    (site.articles / "2024").mkdir()
    (site.articles / "a002.txt").rename(site.articles / "2024" / "moved-here.txt")
    report = site.build()
    assert report.changes == ["moved: a002.txt -> 2024/moved-here.txt"]
    assert subscriber.update() == {name: (0, 0) for name in FEEDS}
    assert subscriber.entries("atom.xml") == old  # same ids, same dates
    subscriber.assert_no_duplicates()


def test_d_a_new_article_is_one_new_entry(subscribed: tuple[Site, Subscriber]) -> None:
    site, subscriber = subscribed
    site.write(4)
    assert site.build().changes == ["new: a004.txt"]
    assert subscriber.update() == {name: (1, 0) for name in FEEDS}
    assert len(subscriber.entries("rss.xml")) == 4
    subscriber.assert_no_duplicates()


def test_e_failed_runs_lose_nothing_and_the_next_good_run_shows_only_real_news(
    subscribed: tuple[Site, Subscriber], monkeypatch: pytest.MonkeyPatch
) -> None:
    site, subscriber = subscribed
    before = site.snapshot()
    # 1. articles/ emptied (an unmounted share): refused, nothing written.
    hidden = site.root / "articles.bak"
    site.articles.rename(hidden)
    site.articles.mkdir()
    with pytest.raises(PublishError, match="refusing to shrink"):
        site.build()
    assert site.snapshot() == before
    shutil.rmtree(site.articles)
    hidden.rename(site.articles)
    # 2. a run that dies while replacing files (disk full after the ledger was written).
    site.write(4)
    real_replace = publish.os.replace
    calls: list[str] = []

    def failing_replace(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(publish.os, "replace", failing_replace)
    with pytest.raises(PublishError, match="No space left"):
        site.build()
    monkeypatch.undo()
    site.assert_valid()
    assert subscriber.update() == {name: (0, 0) for name in FEEDS}
    assert len(subscriber.entries("atom.xml")) == 3  # nothing lost
    # 3. the next run completes the job: one new entry, nothing else.
    site.build()
    site.assert_valid()
    assert subscriber.update() == {name: (1, 0) for name in FEEDS}
    assert len(subscriber.entries("atom.xml")) == 4
    subscriber.assert_no_duplicates()


def test_a_long_sequence_never_shows_a_duplicate_or_a_stale_entry(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=4, max_entries=3, page_size=2)
    site.build()
    subscriber = Subscriber(site, tmp_path / "reader.sqlite")
    subscriber.update()
    steps = [
        lambda: None,
        lambda: site.write(5),
        lambda: site.write(1, body="Article one was corrected twice; this is the second time."),
        lambda: (site.articles / "a003.txt").rename(site.articles / "renamed-3.txt"),
        lambda: (site.articles / "a004.txt").unlink(),
        lambda: site.write(6),
        lambda: None,
    ]
    for step in steps:
        step()
        site.build()
        site.assert_valid()
        subscriber.update()
        subscriber.assert_no_duplicates()
        assert subscriber.update() == {name: (0, 0) for name in FEEDS}
    subscriber.reader.close()


# --- the command line, as cron runs it -------------------------------------------------


@pytest.mark.usefixtures("cli_site")
def test_a_quiet_run_prints_one_line_or_nothing_with_q() -> None:
    assert cli("build")[0] == 0
    assert cli("build") == (0, "feedwright: 3 entries; nothing changed\n", "")
    assert cli("build", "-q") == (0, "", "")


def test_check_writes_nothing_and_names_what_would_change(cli_site: Site) -> None:
    assert cli("build")[0] == 0
    cli_site.write(2, body="A correction: day 2 was in fact rather busy at the desk.")
    cli_site.write(4)
    before = {p: p.stat().st_mtime_ns for p in cli_site.root.rglob("*") if p.is_file()}
    code, _, err = cli("build", "--check")
    assert code == 1
    lines = err.splitlines()
    assert "would publish edited: a002.txt" in lines
    assert "would publish new: a004.txt" in lines
    assert "feeds/atom.xml: would change" in lines
    assert "feedwright-ledger.json: would change" in lines
    assert "feeds/archive/atom-2.xml: would change" in lines
    assert not any("atom-3" in line for line in lines)  # no empty page opens
    after = {p: p.stat().st_mtime_ns for p in cli_site.root.rglob("*") if p.is_file()}
    assert after == before  # not even the cache
    assert cli("build")[0] == 0
    assert cli("build", "--check") == (0, "feedwright: feeds are up to date (4 entries)\n", "")


def test_check_names_archive_pages_that_would_be_removed(cli_site: Site) -> None:
    assert cli("build")[0] == 0
    assert (cli_site.feeds / "archive" / "atom-2.xml").exists()
    (cli_site.articles / "a001.txt").unlink()
    code, _, err = cli("build", "--check", "--allow-shrink")
    assert code == 1
    assert "feeds/archive/atom-1.xml: would be removed (no longer needed)" in err.splitlines()
    code, out, _ = cli("build", "--allow-shrink", "-v")
    assert code == 0 and "removed feeds/archive/atom-1.xml" in out
    assert not (cli_site.feeds / "archive").exists() or not any(
        (cli_site.feeds / "archive").iterdir()
    )
    cli_site.assert_valid()


def test_emptied_or_missing_articles_are_refused_and_the_feeds_stay(cli_site: Site) -> None:
    assert cli("build")[0] == 0
    before = cli_site.snapshot()
    for path in cli_site.articles.iterdir():
        path.unlink()
    code, out, err = cli("build")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "refusing to shrink the feed" in err
    shutil.rmtree(cli_site.articles)
    code, _, err = cli("build")
    assert code == 2 and err.strip() == "articles: articles folder is missing (is it mounted?)"
    assert cli_site.snapshot() == before
    cli_site.assert_valid()


def test_losing_most_articles_is_refused_unless_allowed(cli_site: Site) -> None:
    assert cli("build")[0] == 0
    (cli_site.articles / "a001.txt").unlink()
    (cli_site.articles / "a002.txt").unlink()
    assert cli("build")[0] == 2
    assert cli("build", "--allow-shrink")[0] == 0
    cli_site.assert_valid()


def test_a_missing_ledger_with_published_feeds_is_refused(cli_site: Site) -> None:
    assert cli("build")[0] == 0
    cli_site.ledger.unlink()
    before = cli_site.snapshot()
    code, _, err = cli("build")
    assert code == 2 and "ledger is missing" in err and err.count("\n") == 1
    assert cli_site.snapshot() == before


def test_check_neither_waits_for_a_running_build_nor_touches_its_lock(cli_site: Site) -> None:
    assert cli("build")[0] == 0
    cli_site.write(4)
    lock = cli_site.root / ".feedwright.lock"
    with build_lock(lock, timeout=0):
        before = lock.stat().st_mtime_ns
        code, _, err = cli("build", "--check", "--lock-timeout", "0")
        assert lock.stat().st_mtime_ns == before
    assert code == 1 and "would publish new: a004.txt" in err.splitlines()


def test_a_second_build_waits_a_bounded_time_then_exits_2(cli_site: Site) -> None:
    assert cli("build")[0] == 0
    cli_site.write(4)
    before = cli_site.snapshot()
    with build_lock(cli_site.root / ".feedwright.lock", timeout=0):
        code, out, err = cli("build", "--lock-timeout", "0.2")
    assert code == 2 and out == ""
    assert err.strip().endswith(
        "another feedwright build is running (still locked after 0.2s); nothing done"
    )
    assert cli_site.snapshot() == before
    assert cli("build")[0] == 0  # the lock is free again


def test_exit_codes_are_distinct(cli_site: Site) -> None:
    assert cli("build")[0] == 0
    (cli_site.articles / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    code, _, err = cli("build")
    assert code == 1 and err.splitlines()[0].startswith("articles/broken.txt: ")
    assert cli("build", "--strict")[0] == 2
    assert cli("build", "--no-such-option")[0] == 2


def test_same_inputs_same_bytes_in_any_time_zone(tmp_path: Path) -> None:
    results = []
    for zone in ("UTC", "Asia/Tokyo", "America/Los_Angeles"):
        site = make_site(tmp_path / zone.replace("/", "-"), count=3, max_entries=2)
        (site.articles / "undated.txt").write_text("A story without a date\n\nIt says when.\n")
        env = {**os.environ, "TZ": zone, "SOURCE_DATE_EPOCH": "1735732800"}
        subprocess.run(
            [sys.executable, "-m", "feedwright", "build", "-q"], cwd=site.root, env=env, check=True
        )
        results.append({k: data for k, (data, _) in site.snapshot().items()})
    assert results[0] == results[1] == results[2]
