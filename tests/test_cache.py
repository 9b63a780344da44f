"""The incremental cache: unchanged articles are not parsed again, a quiet run does nothing,
and a missing, corrupt or fooled cache only ever costs time."""

from __future__ import annotations

import functools
import os
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import feedwright.incremental.cache
import feedwright.loader.parse
from feedwright.entry import Entry
from feedwright.errors import PublishError
from feedwright.incremental.cache import (
    DB_NAME,
    Cache,
    FileKey,
    dump_entry,
    load_head,
    make_whole,
)
from feedwright.incremental.identity import cache_namespace, code_identity
from feedwright.output.archives import feed_documents
from feedwright.pipeline import run_build
from sites import Site, article, make_site


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every article parsed from here on, by source."""
    seen: list[str] = []
    real = feedwright.loader.parse.parse_article

    def counting(data: bytes | str, *, source: str, **kwargs: object) -> Entry:
        seen.append(source)
        return real(data, source=source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(feedwright.loader.parse, "parse_article", counting)
    return seen


def outputs(site: Site) -> dict[str, bytes]:
    return {name: data for name, (data, _) in site.snapshot().items()}


def test_a_quiet_run_parses_builds_and_writes_nothing(tmp_path: Path, parses: list[str]) -> None:
    site = make_site(tmp_path, count=3)
    site.build()
    assert len(parses) == 3
    before = site.snapshot()
    report = site.build()
    assert report.quiet and report.entries == 3 and report.written == []
    assert parses == ["a001.txt", "a002.txt", "a003.txt"]  # nothing more
    assert site.snapshot() == before


def test_only_changed_articles_are_parsed_again(tmp_path: Path, parses: list[str]) -> None:
    site = make_site(tmp_path, count=3)
    site.build()
    site.write(2, body="The second article, rewritten by the night desk.")
    config = site.root / "feedwright.toml"
    config.write_text(config.read_text().replace("Schedule test", "Renamed feed"))
    parses.clear()
    report = site.build()
    assert not report.quiet and parses == ["a002.txt"] and report.parsed == 1
    assert b"Renamed feed" in (site.feeds / "atom.xml").read_bytes()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "deleted", "empty"])
def test_a_damaged_or_missing_cache_gives_the_same_result(tmp_path: Path, damage: str) -> None:
    site = make_site(tmp_path / "site", count=4)
    site.build()
    site.write(5)
    shutil.copytree(site.root, tmp_path / "fresh")
    fresh = Site(tmp_path / "fresh", builds=site.builds)
    shutil.rmtree(fresh.root / ".feedwright-cache")
    run_build(fresh.config(), clock=fresh.clock(), use_cache=False)
    db = site.root / ".feedwright-cache" / DB_NAME
    if damage == "garbage":
        db.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[:1000])
    elif damage == "deleted":
        shutil.rmtree(db.parent)
    else:
        db.write_bytes(b"")
    site.build()
    assert outputs(site) == outputs(fresh)
    assert site.build().quiet  # and the cache works again


def test_a_file_changed_without_its_identity_moving_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file system with coarse timestamps and no useful ctime or inode: rewriting a file
    # with text of the same length inside one clock tick leaves its identity as it was.
    def coarse(cls: type[FileKey], st: os.stat_result) -> FileKey:
        return cls(st.st_size, st.st_mtime_ns // 10**9 * 10**9, 0, 0)

    monkeypatch.setattr(feedwright.incremental.cache.FileKey, "of", classmethod(coarse))
    site = make_site(tmp_path, count=2)
    path = site.articles / "a002.txt"
    stamp = path.stat().st_mtime_ns
    site.build()
    text = path.read_text()
    path.write_text(text.replace("began quietly", "began noisily"))
    os.utime(path, ns=(stamp, stamp))
    report = site.build()
    assert not report.quiet and report.changes == ["edited: a002.txt"]
    assert b"began noisily" in (site.feeds / "atom.xml").read_bytes()


def test_a_scheduled_article_is_published_once_its_time_comes(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=2)
    due = site.now() + timedelta(days=1, hours=1)
    (site.articles / "later.txt").write_text(
        f"Date: {due:%Y-%m-%dT%H:%M:%SZ}\n\nAn embargoed story\n\nIt may only run later.\n"
    )
    first = site.build()
    assert first.entries == 2 and "not published yet" in first.warnings[-1]
    assert site.build().quiet  # one day on: still embargoed, nothing to do
    report = site.build()  # two days on: due
    assert not report.quiet and report.changes == ["new: later.txt"]


def test_a_deleted_or_foreign_output_is_noticed(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=3)
    site.build()
    (site.feeds / "rss.xml").unlink()
    report = site.build()
    assert not report.quiet and [p.name for p in report.written] == ["rss.xml"]
    (site.feeds / "archive").mkdir()
    (site.feeds / "archive" / "atom-7.xml").write_text("<feed/>")
    report = site.build()
    assert not report.quiet and [p.name for p in report.removed] == ["atom-7.xml"]
    assert site.build().quiet


def test_a_new_ledger_from_version_control_means_a_full_run(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=3)
    site.build()
    site.ledger.write_text(site.ledger.read_text())  # a checkout rewrote it
    assert not site.build().quiet


def test_check_reads_the_cache_but_never_writes_it(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=2)
    report = site.build(check=True)
    assert report.stale and not (site.root / ".feedwright-cache").exists()
    site.build()
    db = site.root / ".feedwright-cache" / DB_NAME
    stamp = db.stat().st_mtime_ns
    assert site.build(check=True).quiet
    site.write(3)
    assert site.build(check=True).stale
    assert db.stat().st_mtime_ns == stamp


NOW = datetime(2024, 3, 1, 9, tzinfo=timezone.utc)


def stored_and_read_back(entry: Entry) -> Entry:
    """``entry`` as the cache stores it, read back as a build does: a head whose text is
    put back only for the documents being built."""
    head, bulk = dump_entry(entry)
    return make_whole(
        load_head(head, whole=bulk is None), bulk={} if bulk is None else {entry.source: bulk}
    )


def test_a_head_read_back_without_its_text_is_never_built_into_a_feed(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=1)
    config = site.config()
    head, bulk = dump_entry(
        Entry(
            source="a.txt",
            id="urn:a",
            title="T",
            paragraphs=("Body.",),
            content_html="<p>Body.</p>",
            published=NOW,
            updated=NOW,
        )
    )
    read_back = load_head(head, whole=bulk is None)
    assert bulk is not None and not isinstance(read_back, Entry)
    # Its text lost (a bug, or a cache that broke): refused, never published as "<p>T</p>".
    lost = functools.partial(make_whole, bulk={})
    with pytest.raises(PublishError, match="text was not read back"):
        feed_documents(config, [read_back], {"urn:a": 1}, 1, fill=lambda _: lost)
    with pytest.raises(TypeError, match="entry head where the whole entry is needed"):
        feed_documents(config, [read_back], {"urn:a": 1}, 1)
    found = functools.partial(make_whole, bulk={"a.txt": bulk})
    documents = feed_documents(config, [read_back], {"urn:a": 1}, 1, fill=lambda _: found)
    assert b"&lt;p&gt;Body.&lt;/p&gt;" in documents["atom.xml"]


def test_cached_entries_round_trip_with_their_offsets() -> None:
    zone = timezone(timedelta(hours=-5))
    entry = Entry(
        source="x.txt",
        title="T",
        authors=("A", "B"),
        published=datetime(2024, 3, 1, 9, tzinfo=zone),
        summary="S",
        tags=("t",),
    )
    back = stored_and_read_back(entry)
    assert back == entry and back.published is not None
    assert back.published.utcoffset() == timedelta(hours=-5)


def test_the_cache_folder_ignores_itself_in_git(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=1)
    site.build()
    assert (site.root / ".feedwright-cache" / ".gitignore").read_text().endswith("*\n")
    assert article(1) in (site.articles / "a001.txt").read_text()


def test_a_symlink_loop_in_articles_is_not_followed(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=2)
    (site.articles / "loop").symlink_to(site.articles, target_is_directory=True)
    assert site.build().entries == 2


def test_quiet_runs_stop_hashing_files_once_they_are_old_enough(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=2)
    site.build()
    config = site.config()

    def checks() -> dict[str, str]:
        namespace = cache_namespace(config, code_identity())
        cache = Cache.open(config.cache_dir, namespace=namespace, writable=False)
        state = cache.state()
        cache.close()
        assert state is not None
        return state.unsettled

    assert checks()  # everything was written a moment ago: checked by content
    site.settled = True  # ... and now it is old
    assert site.build().quiet
    assert checks() == {}
    assert site.build().quiet


@pytest.mark.parametrize(
    ("paragraphs", "html"),
    [
        (("First paragraph.", "Second, with «ünïcode» and an emoji 📰."), "<p>First</p>"),
        ((), ""),
        (("",), "<p></p>"),  # an empty paragraph: not told apart by NULs, kept as JSON
        (("a\0b", "c"), "<p>a</p>"),
        (("a",), "<p>\0</p>"),
    ],
)
def test_cached_bulk_fields_round_trip_exactly(paragraphs: tuple[str, ...], html: str) -> None:
    entry = Entry(
        source="x.txt", title="T", paragraphs=paragraphs, content_html=html, key_points=("k",)
    )
    assert stored_and_read_back(entry) == entry


def test_entries_read_back_hollow_are_made_whole_for_the_documents_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site", count=12, max_entries=4, page_size=3)
    site.settled = True  # trust identities at once
    site.build()
    completed: list[str] = []
    real = feedwright.incremental.cache.Cache.bulk

    def counting(self: feedwright.incremental.cache.Cache, sources: list[str]) -> dict[str, bytes]:
        completed.extend(sources)
        return real(self, sources)

    monkeypatch.setattr(feedwright.incremental.cache.Cache, "bulk", counting)
    site.write(2, body="A late correction to the second article's figures.")
    report = site.build()
    assert report.parsed == 1
    # The subscription feeds' four newest and article 2's page-mates, read back whole;
    # article 2 itself was parsed afresh. No other entry's text was read.
    assert sorted(completed) == [
        "a001.txt",
        "a003.txt",
        "a009.txt",
        "a010.txt",
        "a011.txt",
        "a012.txt",
    ]
    cached = outputs(site)
    shutil.rmtree(site.root / ".feedwright-cache")
    site.builds -= 1
    site.build(use_cache=False)
    assert outputs(site) == cached  # byte for byte what a build from the articles writes


def test_a_cache_that_breaks_during_a_build_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site", count=5)
    site.build()
    site.write(3, body="An edit that needs the other entries' text to rebuild the feed.")
    before = outputs(site)

    def broken(self: feedwright.incremental.cache.Cache, sources: list[str]) -> dict[str, bytes]:
        self._conn.close()  # type: ignore[union-attr]
        return real(self, sources)

    real = feedwright.incremental.cache.Cache.bulk
    monkeypatch.setattr(feedwright.incremental.cache.Cache, "bulk", broken)
    with pytest.raises(PublishError, match="cache broke during the build"):
        site.build()
    assert outputs(site) == before
    monkeypatch.undo()
    assert not site.build().problems
    assert b"needs the other entries" in (site.feeds / "atom.xml").read_bytes()
