"""Entry pages: every entry without a web page of its own opens on one of ours."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import lxml.html
import pytest

from feedwright.links import entry_page_name
from sites import Site, cli, entry_page, make_site

BASE = "https://news.example.com/feeds/"


@pytest.fixture
def site(tmp_path: Path) -> Site:
    site = make_site(tmp_path / "site", count=3)
    (site.articles / "linked.txt").write_text(
        "Title: A story with a home\nDate: 2024-01-10T09:00:00Z\n"
        "Link: https://news.example.com/2024/home.html\n\n"
        "This story lives on the site already, so it needs no page of ours.\n",
        encoding="utf-8",
    )
    site.build()
    return site


def test_every_entry_opens_somewhere_in_every_format(site: Site) -> None:
    pages = {s: entry_page(site, s) for s in ("a001.txt", "a002.txt", "a003.txt")}
    expected = {BASE + name for name in pages.values()} | {
        "https://news.example.com/2024/home.html"
    }
    for name in ("atom.xml", "rss.xml"):
        parsed = feedparser.parse((site.feeds / name).read_bytes())
        assert {e.link for e in parsed.entries} == expected, name
    items = json.loads((site.feeds / "feed.json").read_bytes())["items"]
    assert {item["url"] for item in items} == expected
    for name in pages.values():
        assert (site.feeds / name).is_file()
    assert sorted(p.name for p in (site.feeds / "entries").iterdir()) == sorted(
        n.split("/")[1] for n in pages.values()
    )
    site.assert_valid()


def test_an_entry_page_shows_the_article(site: Site) -> None:
    html = lxml.html.fromstring((site.feeds / entry_page(site, "a002.txt")).read_bytes())
    assert html.xpath("//h1/text()") == ["Headline number 2 of the week"]
    assert html.xpath("//title/text()") == ["Headline number 2 of the week · Schedule test"]
    assert html.xpath("//time/@datetime") == ["2024-01-02T09:00:00+00:00"]
    text = html.text_content()
    assert "Day 2 began quietly" in text and "A second paragraph for article 2" in text
    assert html.xpath("//header//a/@href") == ["../index.html"]
    alternates = html.xpath("//head/link[@rel='alternate']/@href")
    assert alternates == ["../atom.xml", "../rss.xml", "../feed.json"]
    assert not html.xpath("//script | //link[@rel='stylesheet'] | //@style")
    # index.html links the entry to its page, relatively, so the preview works too.
    index = lxml.html.fromstring((site.feeds / "index.html").read_bytes())
    assert entry_page(site, "a002.txt") in index.xpath("//ol[@class='entries']//a/@href")
    assert "https://news.example.com/2024/home.html" in index.xpath("//a/@href")


def test_the_page_name_comes_from_the_id_alone() -> None:
    one = entry_page_name("tag:news.example.com,2024-01-01:a001")
    assert one == entry_page_name("tag:news.example.com,2024-01-01:a001")
    assert one.startswith("entries/a001-") and one.endswith(".html")
    # The same tail under another id is another page.
    assert one != entry_page_name("tag:news.example.com,2025-06-01:a001")
    assert entry_page_name("urn:uuid:::").startswith("entries/")
    hostile = entry_page_name("https://x.example/../../etc/passwd?<script>")
    assert "/" not in hostile.removeprefix("entries/") and ".." not in hostile


def test_a_moved_article_keeps_its_page(site: Site) -> None:
    before = entry_page(site, "a002.txt")
    (site.articles / "a002.txt").rename(site.articles / "renamed.txt")
    report = site.build()
    assert entry_page(site, "renamed.txt") == before
    assert report.removed == []
    assert (site.feeds / before).is_file()


def test_edits_deletions_and_lost_pages(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = entry_page(site, "a001.txt"), entry_page(site, "a002.txt")
    site.age()
    kept = (site.feeds / one).stat().st_mtime_ns
    site.write(2, body="Day 2, corrected: the desk filed late after all.")
    report = site.build()
    assert site.feeds / two in report.written
    assert "corrected" in (site.feeds / two).read_text(encoding="utf-8")
    assert (site.feeds / one).stat().st_mtime_ns == kept  # untouched
    (site.articles / "a002.txt").unlink()
    report = site.build()
    assert site.feeds / two in report.removed and not (site.feeds / two).exists()
    # A page lost from disk is put back; --check names it first.
    (site.feeds / one).unlink()
    monkeypatch.chdir(site.root)
    code, _, err = cli("build", "--check")
    assert code == 1 and f"feeds/{one}: would be created" in err
    assert cli("build")[0] == 0
    assert (site.feeds / one).is_file()


def test_a_link_template_leaves_no_entry_pages(site: Site) -> None:
    config = site.root / "feedwright.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + 'link_template = "{site_url}{year}/{slug}.html"\n',
        encoding="utf-8",
    )
    report = site.build()
    assert list((site.feeds / "entries").iterdir()) == []
    assert sorted(p.parent.name for p in report.removed) == ["entries"] * 3
    parsed = feedparser.parse((site.feeds / "atom.xml").read_bytes())
    assert "https://news.example.com/2024/a001.html" in {e.link for e in parsed.entries}
