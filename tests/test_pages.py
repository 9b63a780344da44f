"""What a person sees: index.html, the feeds' stylesheet, and what a build does with them."""

from __future__ import annotations

import http.client
import threading
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from lxml import etree

from feedwright.serve import ATOM, RSS, XML, make_server, wants_page
from sites import Site, cli, make_site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    site = make_site(tmp_path / "site", count=4, max_entries=3, page_size=2)
    site.write(5, body='It\'s a "quoted" day & the <desk> said so.')
    site.build()
    return site


def page(site: Site, name: str = "index.html") -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site.feeds / name).read_bytes())


def test_index_lists_the_newest_entries_with_dates_and_summaries(site: Site) -> None:
    html = page(site)
    titles = [h.text_content() for h in html.xpath("//ol[@class='entries']/li//h3")]
    # The subscription feeds' newest max_entries, newest first.
    assert titles == [f"Headline number {n} of the week" for n in (5, 4, 3)]
    first = html.xpath("//ol[@class='entries']/li")[0]
    assert first.xpath(".//time/@datetime") == ["2024-01-05T09:00:00+00:00"]
    assert first.xpath(".//time/text()") == ["2024-01-05"]
    assert first.xpath(".//p[@class='summary']/text()") == [
        'It\'s a "quoted" day & the <desk> said so.'
    ]
    assert html.xpath("/html/@lang") == ["en"]
    assert html.xpath("//title/text()") == ["Schedule test"]
    assert html.xpath("//h1/text()") == ["Schedule test"]


def test_index_offers_every_feed_by_autodiscovery_and_by_link(site: Site) -> None:
    html = page(site)
    alternates = {
        (link.get("type"), link.get("href")) for link in html.xpath("//head/link[@rel='alternate']")
    }
    assert alternates == {
        ("application/atom+xml", "atom.xml"),
        ("application/rss+xml", "rss.xml"),
        ("application/feed+json", "feed.json"),
    }
    subscribe = html.xpath("//section[@class='subscribe']")[0]
    assert {a.get("href") for a in subscribe.xpath(".//a")} == {"atom.xml", "rss.xml", "feed.json"}
    shown = subscribe.xpath(".//code/text()")
    assert shown == [
        "https://news.example.com/feeds/atom.xml",
        "https://news.example.com/feeds/rss.xml",
        "https://news.example.com/feeds/feed.json",
    ]
    for href in (*(h for _, h in alternates), "feed.css"):
        assert (site.feeds / href).is_file()


def test_index_needs_nothing_from_elsewhere(site: Site) -> None:
    html = page(site)
    assert not html.xpath("//script | //iframe | //img | //link[@rel='stylesheet'] | //@style")
    assert not [a for a in html.xpath("//@*") if a.attrname.startswith("on")]
    assert html.xpath("//head/style")
    hrefs = html.xpath("//@href | //@src")
    assert all(
        not h.startswith(("http://", "https://", "//")) or h == "https://news.example.com/"
        for h in hrefs
    ), hrefs


def test_feeds_point_to_their_stylesheet(site: Site) -> None:
    names = ["atom.xml", "rss.xml", "archive/atom-1.xml", "archive/rss-2.xml"]
    for name in names:
        root = etree.parse(str(site.feeds / name))
        pis = [n for n in root.xpath("/processing-instruction('xml-stylesheet')")]
        assert len(pis) == 1, name
        assert pis[0].get("type") == "text/css"
        base = "https://news.example.com/feeds/"
        assert urljoin(base + name, pis[0].get("href")) == base + "feed.css"
    css = (site.feeds / "feed.css").read_text(encoding="utf-8")
    assert "entry > title" in css and "item > title" in css


def test_pages_follow_the_build(site: Site) -> None:
    """A quiet run writes nothing, an edit rewrites index.html, --check sees a lost page."""
    before = site.snapshot()
    report = site.build()
    assert report.written == [] and site.snapshot() == before
    site.write(5, body="A later correction changed what day five said.")
    site.age()
    site.build()
    assert "A later correction" in page(site).text_content()
    (site.feeds / "index.html").unlink()
    (site.feeds / "feed.css").write_text("tampered", encoding="utf-8")
    report = site.build(check=True)
    assert {p.name for p in report.stale} == {"index.html", "feed.css"}
    site.build()
    assert (site.feeds / "index.html").is_file()
    assert (site.feeds / "feed.css").read_text(encoding="utf-8") != "tampered"


def test_a_quiet_cli_run_restores_a_deleted_index(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site.root)
    assert cli("build")[0] == 0
    (site.feeds / "index.html").unlink()
    assert cli("build")[0] == 0
    assert (site.feeds / "index.html").is_file()


@pytest.mark.parametrize(
    ("accept", "ctype", "expected"),
    [
        # Chromium and Firefox navigations.
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ATOM, True),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", RSS, True),
        # feedparser (reader), curl, and a reader that names the feed type beside HTML.
        ("application/atom+xml,application/rss+xml,application/xml;q=0.9,*/*;q=0.1", ATOM, False),
        ("*/*", ATOM, False),
        (None, RSS, False),
        ("text/html, application/rss+xml", RSS, False),
        ("text/html;q=0", ATOM, False),
        # Only feeds are negotiated.
        ("text/html", "text/html; charset=utf-8", False),
    ],
)
def test_a_browser_gets_the_feed_as_xml_it_can_style(
    accept: str | None, ctype: str, expected: bool
) -> None:
    assert wants_page(accept, ctype) is expected


def test_serve_sends_feeds_to_browsers_as_xml(site: Site) -> None:
    server = make_server(site.feeds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        answers = {}
        for accept in ("text/html,application/xml;q=0.9,*/*;q=0.8", "application/atom+xml"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/atom.xml", headers={"Accept": accept})
            response = conn.getresponse()
            answers[accept] = (response.getheader("Content-Type"), response.getheader("ETag"))
            assert response.read() == (site.feeds / "atom.xml").read_bytes()
            conn.close()
        browser, reader = answers.values()
        assert browser[0] == XML and reader[0] == ATOM
        assert browser[1] != reader[1]
    finally:
        server.shutdown()
        server.server_close()


def test_index_offers_each_tag_feed(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=0)
    site.articles.mkdir()
    for n in range(1, 5):
        tags = "Machine Learning, Kursk" if n % 2 else "Machine Learning"
        (site.articles / f"t{n}.txt").write_text(
            f"Title: Story {n}\nDate: 2024-02-0{n}T10:00:00Z\nTags: {tags}\n\n"
            f"The body of story {n}, long enough to read as a paragraph of news.\n",
            encoding="utf-8",
        )
    site.build()
    html = page(site)
    hrefs = html.xpath("//head/link[@rel='alternate']/@href")
    # tag_feed_min is 3: "Kursk" (two entries) has no feed.
    assert hrefs == [
        "atom.xml",
        "rss.xml",
        "feed.json",
        "tags/machine-learning/atom.xml",
        "tags/machine-learning/rss.xml",
        "tags/machine-learning/feed.json",
    ]
    titles = html.xpath("//head/link[@rel='alternate']/@title")
    assert titles[3] == "Schedule test: Machine Learning (Atom)"
    for href in hrefs:
        assert (site.feeds / href).is_file(), href
    by_tag = html.xpath("//ul[@aria-labelledby='by-tag']/li")
    assert [li.text_content() for li in by_tag] == ["Machine Learning: Atom · RSS · JSON Feed"]
    # A tag feed finds the one stylesheet two folders up.
    root = etree.parse(str(site.feeds / "tags/machine-learning/atom.xml"))
    (pi,) = root.xpath("/processing-instruction('xml-stylesheet')")
    assert pi.get("href") == "../../feed.css"
