"""RFC 5005 archives: the subscription feed stays small, every entry stays reachable, no
page is empty, and an archive page, once full and followed, never changes again."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import feedwright.incremental.cache
import feedwright.output.archives
import feedwright.workers
from feedwright.entry import Entry
from feedwright.layout import page_names
from feedwright.ledger import load_ledger
from sites import Site, entry_page, make_site

ATOM = "{http://www.w3.org/2005/Atom}"
FH = "{http://purl.org/syndication/history/1.0}"
BASE = "https://news.example.com/feeds/"


def links(path: Path) -> dict[str, str]:
    root = etree.parse(str(path)).getroot()
    head = root if root.tag == f"{ATOM}feed" else root.find("channel")
    assert head is not None
    return {ln.get("rel") or "": ln.get("href") or "" for ln in head.findall(f"{ATOM}link")}


def ids(path: Path) -> list[str]:
    root = etree.parse(str(path)).getroot()
    return [e.findtext(f"{ATOM}id") or "" for e in root.iter(f"{ATOM}entry")]


def markers(path: Path) -> set[str]:
    root = etree.parse(str(path)).getroot()
    return {child.tag.replace(FH, "fh:") for child in root if str(child.tag).startswith(FH)}


def walk_archives(site: Site) -> list[Path]:
    """Follow prev-archive from the subscription feed, as an RFC 5005 client does."""
    pages: list[Path] = []
    href = links(site.feeds / "atom.xml").get("prev-archive")
    while href:
        path = site.feeds / href.removeprefix(BASE)
        assert path.is_file(), href
        pages.append(path)
        href = links(path).get("prev-archive")
    return pages


def page_fill(site: Site) -> dict[int, int]:
    ledger = load_ledger(site.ledger.read_text("utf-8"), path="ledger")
    fill: dict[int, int] = {}
    for record in [*ledger.records.values(), *ledger.retired.values()]:
        fill[record.page] = fill.get(record.page, 0) + 1
    return fill


def test_a_full_page_never_changes_once_the_next_one_opens(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=1, max_entries=2, page_size=3)
    site.build()
    frozen: dict[str, bytes] = {}
    for n in range(2, 15):
        site.write(n)
        site.build()
        site.assert_valid()
        fill = page_fill(site)
        for page, count in fill.items():
            if count < 3 or page == max(fill):
                continue
            for name in page_names(page):
                data = (site.feeds / name).read_bytes()
                assert frozen.setdefault(name, data) == data, f"{name} changed after it was full"
    assert len(frozen) == 12  # pages 1-4 of every format filled up along the way


def test_every_entry_is_on_exactly_one_page_reachable_from_the_feed(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=11, max_entries=3, page_size=4)
    site.build()
    site.assert_valid()
    pages = walk_archives(site)
    assert [p.name for p in pages] == ["atom-3.xml", "atom-2.xml", "atom-1.xml"]
    seen = [i for page in pages for i in ids(page)]
    assert len(seen) == len(set(seen)) == 11
    assert set(ids(site.feeds / "atom.xml")) <= set(seen)
    # Page 1 holds the oldest articles.
    assert sorted(ids(pages[-1])) == sorted(ids(pages[-1]))[:4]
    assert all(i.split(",")[1].startswith("2024-01-0") for i in ids(pages[-1]))
    newest = links(pages[0])
    assert newest["current"] == BASE + "atom.xml" and "next-archive" not in newest
    assert markers(pages[0]) == {"fh:archive"}


@pytest.mark.parametrize(("count", "size"), [(4, 2), (9, 3), (300, 100)])
def test_no_archive_page_is_ever_empty(tmp_path: Path, count: int, size: int) -> None:
    # A multiple of the page size: the last page is full and no empty page follows it.
    site = make_site(tmp_path, count=count, max_entries=2, page_size=size)
    site.build()
    site.assert_valid()
    last = count // size
    pages = walk_archives(site)
    assert [p.name for p in pages] == [f"atom-{n}.xml" for n in range(last, 0, -1)]
    assert all(len(ids(p)) == size for p in pages)
    assert not (site.feeds / "archive" / f"atom-{last + 1}.xml").exists()
    assert not (site.feeds / "archive" / f"rss-{last + 1}.xml").exists()
    assert "next-archive" not in links(pages[0])
    # The next entry opens the next page, and the full page links to it.
    site.write(count + 1)
    site.build()
    site.assert_valid()
    opened = site.feeds / "archive" / f"atom-{last + 1}.xml"
    assert len(ids(opened)) == 1
    assert links(pages[0])["next-archive"] == BASE + f"archive/atom-{last + 1}.xml"
    assert links(site.feeds / "atom.xml")["prev-archive"] == BASE + f"archive/atom-{last + 1}.xml"


def test_a_last_page_whose_articles_are_all_deleted_goes_away(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=5, max_entries=2, page_size=2)
    site.build()
    assert len(ids(site.feeds / "archive" / "atom-3.xml")) == 1
    (site.articles / "a005.txt").unlink()
    site.build()
    site.assert_valid()
    assert not (site.feeds / "archive" / "atom-3.xml").exists()
    assert [p.name for p in walk_archives(site)] == ["atom-2.xml", "atom-1.xml"]
    assert "next-archive" not in links(site.feeds / "archive" / "atom-2.xml")


def test_a_lone_page_is_a_complete_feed_without_archive_links(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=3, max_entries=2, page_size=10)
    site.build()
    site.assert_valid()
    lone = site.feeds / "archive" / "atom-1.xml"
    assert markers(lone) == {"fh:complete"}
    assert set(links(lone)) == {"self", "alternate"}
    assert len(ids(lone)) == 3
    assert links(site.feeds / "atom.xml")["prev-archive"] == BASE + "archive/atom-1.xml"


def test_the_subscription_feed_keeps_within_its_byte_budget(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=0, max_entries=50, page_size=100)
    (site.root / "feedwright.toml").write_text(
        (site.root / "feedwright.toml").read_text() + "max_bytes = 8192\n"
    )
    long = " ".join(["A long sentence that the desk wrote to fill the page."] * 20)
    for n in range(1, 21):
        site.write(n, body=long)
    site.build()
    site.assert_valid()
    for name in ("atom.xml", "rss.xml"):
        assert (site.feeds / name).stat().st_size <= 8192
    kept = ids(site.feeds / "atom.xml")
    assert 1 <= len(kept) < 20
    assert len(ids(site.feeds / "archive" / "atom-1.xml")) == 20


def test_archives_that_are_no_longer_needed_go_away_cleanly(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=4, max_entries=3, page_size=10)
    site.build()
    assert (site.feeds / "archive" / "atom-1.xml").is_file()
    gone = entry_page(site, "a001.txt")
    (site.articles / "a001.txt").unlink()
    report = site.build()
    assert sorted(p.relative_to(site.feeds).as_posix() for p in report.removed) == sorted(
        ["archive/atom-1.xml", "archive/feed-1.json", "archive/rss-1.xml", gone]
    )
    assert "prev-archive" not in links(site.feeds / "atom.xml")
    site.assert_valid()


def test_an_edit_on_a_full_page_touches_that_page_and_the_feeds_only(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=9, max_entries=2, page_size=3)
    site.build()
    before = site.snapshot()
    site.write(2, body="The second day, corrected: the desk had the wrong figures.")
    report = site.build()
    names = sorted(p.relative_to(site.root).as_posix() for p in report.written)
    assert names == [
        "feeds/archive/atom-1.xml",
        "feeds/archive/feed-1.json",
        "feeds/archive/rss-1.xml",
        f"feeds/{entry_page(site, 'a002.txt')}",
        "feedwright-ledger.json",
    ]
    after = site.snapshot()
    assert after["feeds/atom.xml"] == before["feeds/atom.xml"]  # not among the newest two
    assert len(ids(site.feeds / "archive" / "atom-1.xml")) == 3  # same set of entries


def test_rss_documents_carry_their_archive_links(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=5, max_entries=2, page_size=2)
    site.build()
    assert links(site.feeds / "rss.xml")["prev-archive"] == BASE + "archive/rss-3.xml"
    assert links(site.feeds / "archive" / "rss-2.xml")["current"] == BASE + "rss.xml"


def test_an_edit_rebuilds_only_its_own_page_and_the_subscription_feeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files count as old enough to be trusted by their identity (as they are on a schedule).
    site = make_site(tmp_path, count=9, max_entries=2, page_size=3)
    site.settled = True
    site.build()
    built: list[str] = []
    real = feedwright.output.archives.entry_fragments

    def counting(entry: Entry, *, language: str = "") -> tuple[bytes, bytes, bytes]:
        built.append(entry.source)
        return real(entry, language=language)

    monkeypatch.setattr(feedwright.output.archives, "entry_fragments", counting)
    site.write(2, body="A correction was added to the second day's notes.")
    report = site.build()
    # Page 1 (articles 1-3) and the subscription feeds (9, 8), each entry once for every
    # format.
    assert sorted(built) == ["a001.txt", "a002.txt", "a003.txt", "a008.txt", "a009.txt"]
    assert {p.name for p in report.written} == {
        "atom-1.xml",
        "rss-1.xml",
        "feed-1.json",
        entry_page(site, "a002.txt").split("/")[-1],
        "feedwright-ledger.json",
    }
    site.assert_valid()
    # The pages left alone are exactly what a build from scratch writes.
    kept = {n: d for n, (d, _) in site.snapshot().items() if "-2." in n or "-3." in n}
    site.build(use_cache=False)
    assert kept == {n: d for n, (d, _) in site.snapshot().items() if "-2." in n or "-3." in n}


def test_every_core_builds_exactly_what_one_core_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enough articles and pages for parsing, fragments and validation to go to workers.
    count = 260
    sites = {}
    for cores in (1, 2):
        monkeypatch.setattr(feedwright.workers, "available_cores", lambda cores=cores: cores)
        site = make_site(tmp_path / f"cores-{cores}", count=count, max_entries=20, page_size=10)
        report = site.build()
        assert not report.problems and report.parsed == count
        # 26 full pages in every format, and no empty one after them.
        assert len(list((site.feeds / "archive").iterdir())) == 3 * 26
        sites[cores] = site
    one, two = (
        {p.relative_to(s.root).as_posix(): p.read_bytes() for p in s.feeds.rglob("*.xml")}
        for s in (sites[1], sites[2])
    )
    assert one == two
    assert sites[1].ledger.read_bytes() == sites[2].ledger.read_bytes()
    # What the workers parsed went into the cache: a second run parses nothing.
    assert sites[2].build().parsed == 0
