"""A fresh checkout (ledger and feeds committed, no cache: every run of the scheduled CI
workflow) parses only the subscription window and what changed, keeps the rest as
published, and writes exactly what a full rebuild writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import feedwright.articles
import feedwright.incremental.published
import feedwright.loader.parse
from feedwright.entry import Entry
from feedwright.incremental.cache import FileKey
from feedwright.ledger import load_ledger
from feedwright.links import entry_page_name
from feedwright.pipeline import BuildReport, run_build
from sites import Site, make_site

#: 65 articles, 10 to an archive page: pages 1-6 are full, page 7 holds a061-a065, which
#: are also the subscription window (the newest 5).
COUNT, WINDOW, PAGE = 65, 5, 10


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every article parsed from here on, by source (sites this small parse in-process)."""
    seen: list[str] = []
    real = feedwright.loader.parse.parse_article

    def counting(data: bytes | str, *, source: str, **kwargs: object) -> Entry:
        seen.append(source)
        return real(data, source=source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(feedwright.loader.parse, "parse_article", counting)
    return seen


@pytest.fixture
def site(tmp_path: Path) -> Site:
    site = make_site(tmp_path / "site", count=COUNT, max_entries=WINDOW, page_size=PAGE)
    site.build()
    return site


def checkout(site: Site, dest: Path) -> Site:
    """A fresh checkout of ``site``: every file copied anew (new inodes, new times, as git
    writes them), no cache."""
    shutil.copytree(
        site.root,
        dest,
        copy_function=shutil.copy,
        ignore=shutil.ignore_patterns(".feedwright-cache"),
    )
    return Site(dest, builds=site.builds)


def build(site: Site, *, rebuild: bool = False) -> BuildReport:
    report = run_build(site.config(), clock=site.clock(), use_cache=False, rebuild=rebuild)
    assert not report.problems, report.problems
    return report


def published(site: Site) -> dict[str, bytes]:
    return {name: data for name, (data, _) in site.snapshot().items()}


def sources(first: int, last: int) -> set[str]:
    return {f"a{n:03d}.txt" for n in range(first, last + 1)}


def test_nothing_changed_parses_only_the_window_and_writes_nothing(
    site: Site, tmp_path: Path, parses: list[str]
) -> None:
    fresh = checkout(site, tmp_path / "fresh")
    before = published(fresh)
    report = build(fresh)
    assert set(parses) == sources(COUNT - WINDOW + 1, COUNT) and len(parses) == WINDOW
    assert report.parsed == WINDOW and report.entries == COUNT
    assert report.written == []
    assert published(fresh) == before


def test_a_new_and_an_edited_article_parse_their_pages_and_the_window(
    site: Site, tmp_path: Path, parses: list[str]
) -> None:
    fresh = checkout(site, tmp_path / "fresh")
    fresh.write(COUNT + 1)  # newest: joins page 7 and the window
    fresh.write(12, body="The night desk rewrote the twelfth story.")  # on page 2
    report = build(fresh)
    assert set(parses) == sources(11, 20) | sources(61, COUNT + 1)
    assert report.parsed == len(parses) == PAGE + WINDOW + 1
    assert report.changes == ["edited: a012.txt", "new: a066.txt"]


@pytest.mark.parametrize(
    "change",
    ["nothing", "new and edited", "deleted", "renamed", "tagged", "untagged", "page opened"],
)
def test_a_fresh_checkout_writes_what_a_full_rebuild_writes(
    site: Site, tmp_path: Path, change: str
) -> None:
    tag_some(site, range(1, COUNT + 1, 7), "Harbour")
    site.build()
    if change == "new and edited":
        site.write(COUNT + 1)
        site.write(23, body="An edited story, longer than it was before the edit.")
    elif change == "deleted":
        (site.articles / "a034.txt").unlink()
    elif change == "renamed":
        (site.articles / "a045.txt").rename(site.articles / "moved.txt")
    elif change == "tagged":
        tag_some(site, [3, 4], "Harbour")
    elif change == "untagged":
        site.write(8)  # a tagged article loses its tag (and an older one enters the feed)
    elif change == "page opened":
        for n in range(COUNT + 1, COUNT + 7):
            site.write(n)
    fresh, full = checkout(site, tmp_path / "fresh"), checkout(site, tmp_path / "full")
    build(fresh)
    report = build(full, rebuild=True)
    assert report.parsed >= COUNT - 1
    assert published(fresh) == published(full)
    fresh.assert_valid()


def tag_some(site: Site, numbers: range | list[int], tag: str) -> None:
    for n in numbers:
        path = site.articles / f"a{n:03d}.txt"
        path.write_text(f"Tags: {tag}\n" + path.read_text("utf-8"), "utf-8")


@pytest.mark.parametrize("where", ["archive page", "entry page", "removed entry page"])
@pytest.mark.parametrize("pages_at_once", [False, True])
def test_a_page_not_as_the_ledger_records_it_is_read_and_written_again(
    site: Site,
    tmp_path: Path,
    parses: list[str],
    where: str,
    pages_at_once: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As after a build killed between writing the ledger and the page, or a hand edit.
    if pages_at_once:  # the pages are read on every core, as a large site's are
        monkeypatch.setattr(feedwright.incremental.published, "PARALLEL_MIN", 2)
    fresh = checkout(site, tmp_path / "fresh")
    ledger = load_ledger(fresh.ledger.read_text("utf-8"), path="ledger")
    page = fresh.feeds / "archive" / "atom-3.xml"
    entry = fresh.feeds / entry_page_name(ledger.records["a025.txt"].id)
    if where == "archive page":
        page.write_bytes(page.read_bytes().replace(b"Headline", b"Deadline"))
    elif where == "entry page":
        entry.write_bytes(entry.read_bytes().replace(b"Headline", b"Deadline"))
    else:
        entry.unlink()
    report = build(fresh)
    assert set(parses) == sources(21, 30) | sources(COUNT - WINDOW + 1, COUNT)
    assert report.written
    assert published(fresh) == published(checkout(site, tmp_path / "again"))


def test_a_new_feedwright_version_reads_and_builds_everything_once(
    site: Site, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feedwright.incremental.published, "__version__", "99.0")
    fresh = checkout(site, tmp_path / "fresh")
    report = build(fresh)
    assert len(parses) == COUNT and report.written == [fresh.ledger]  # same bytes
    assert '"basis": "feedwright 99.0; ' in fresh.ledger.read_text("utf-8")
    parses.clear()
    build(checkout(fresh, tmp_path / "next"))
    assert len(parses) == WINDOW


def test_a_config_change_builds_every_document_again(
    site: Site, tmp_path: Path, parses: list[str]
) -> None:
    fresh = checkout(site, tmp_path / "fresh")
    config = fresh.root / "feedwright.toml"
    config.write_text(config.read_text("utf-8").replace("Schedule test", "Renamed"), "utf-8")
    build(fresh)
    assert len(parses) == COUNT
    assert b"Renamed" in (fresh.feeds / "archive" / "rss-1.xml").read_bytes()


def test_code_changed_between_releases_leaves_kept_pages_as_published(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A loader that now reads every headline in capitals, feedwright's version unchanged:
    # what a build rebuilds anyway (the subscription feeds) shows it, the full archive
    # pages stay as published until --rebuild.
    real = feedwright.loader.parse.parse_article

    def shouting(data: bytes | str, *, source: str, **kwargs: object) -> Entry:
        entry = real(data, source=source, **kwargs)  # type: ignore[arg-type]
        return entry.__class__(**{**entry.__dict__, "title": entry.title.upper()})

    monkeypatch.setattr(feedwright.loader.parse, "parse_article", shouting)
    fresh = checkout(site, tmp_path / "fresh")
    page = fresh.feeds / "archive" / "atom-1.xml"
    before = page.read_bytes()
    build(fresh)
    assert b"HEADLINE NUMBER 65" in (fresh.feeds / "atom.xml").read_bytes()
    assert page.read_bytes() == before
    build(fresh, rebuild=True)
    assert b"HEADLINE NUMBER 1 " in page.read_bytes()


def test_rebuild_parses_every_article_even_with_a_cache(site: Site, parses: list[str]) -> None:
    report = run_build(site.config(), clock=site.clock(), rebuild=True)
    assert len(parses) == COUNT == report.parsed
    assert not run_build(site.config(), clock=site.clock()).parsed  # and fills the cache


def test_the_cache_of_a_fresh_checkout_keeps_its_next_builds_from_reading_pages(
    site: Site, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A machine set up from a clone: its first build takes the unchanged articles from
    # the ledger, and its cache remembers their digests and the pages it left, so a
    # later build with one edit opens only the articles it parses, and no published file
    # but the entry pages kept on the edited page (for the page's new digest).
    fresh = checkout(site, tmp_path / "fresh")
    fresh.settled = True
    assert fresh.build().parsed == WINDOW
    fresh.write(12, body="The night desk rewrote the twelfth story.")
    parses.clear()
    read: list[str] = []
    real = feedwright.incremental.published._read

    def reading(path: Path | str) -> bytes | None:
        read.append(str(path))
        return real(path)

    monkeypatch.setattr(feedwright.incremental.published, "_read", reading)
    opened: list[str] = []
    real_article = feedwright.articles.read_article_file

    def opening(path: str, **kwargs: object) -> tuple[FileKey, bytes]:
        opened.append(Path(path).name)
        return real_article(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(feedwright.articles, "read_article_file", opening)
    report = fresh.build()
    assert set(parses) == sources(11, 20) and report.changes == ["edited: a012.txt"]
    assert set(opened) == sources(11, 20)  # the others are known by identity
    assert read and {Path(p).name[:4] for p in read} <= {f"a{n:03d}" for n in range(11, 21)}
    full = checkout(fresh, tmp_path / "full")
    build(full, rebuild=True)
    assert published(fresh) == published(full)


def test_a_cache_restored_where_it_was_parses_nothing_that_did_not_change(
    site: Site, tmp_path: Path, parses: list[str]
) -> None:
    # A cache kept between CI runs (or a site copied back in place): every file has a
    # new identity, but the same bytes, so the cached parses still hold.
    shutil.move(site.root, tmp_path / "away")
    shutil.copytree(tmp_path / "away", site.root, copy_function=shutil.copy)
    report = run_build(site.config(), clock=site.clock())
    assert parses == [] and report.parsed == 0
    assert report.written == []
