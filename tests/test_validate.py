"""The in-memory checks every document passes before it replaces a published one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import feedwright.output.archives
from feedwright.cli import main
from feedwright.entry import Entry
from feedwright.errors import FeedError
from feedwright.output.validate import check_feed, check_folder
from sites import make_site

HEAD = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0">
  {marker}
  <id>https://x.example/feeds/{name}</id>
  <title>T</title>
  <updated>2024-01-01T00:00:00Z</updated>
  <author><name>A</name></author>
  <link href="https://x.example/feeds/{name}" rel="self"/>
  {links}
  {entries}
</feed>"""
ENTRY = """<entry><id>{id}</id><title>E</title><updated>{updated}</updated>
  <content type="{type}">{content}</content></entry>"""


def atom(
    *,
    name: str = "atom.xml",
    marker: str = "",
    links: str = "",
    entries: tuple[str, ...] = (),
) -> bytes:
    return HEAD.format(name=name, marker=marker, links=links, entries="".join(entries)).encode()


def item(
    ident: str = "urn:1",
    content: str = "&lt;p&gt;hi&lt;/p&gt;",
    kind: str = "html",
    updated: str = "2024-01-01T00:00:00Z",
) -> str:
    return ENTRY.format(id=ident, content=content, type=kind, updated=updated)


def test_a_good_document_passes() -> None:
    assert check_feed(atom(entries=(item(),))) == []


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (b"<feed><unclosed></feed>", "not well-formed XML"),
        (atom(entries=(item(), item())), "duplicate id"),
        (
            atom(entries=(item("urn:1"), item("urn:2")), links='<link href="/x" rel="related"/>'),
            "relative or empty link href '/x'",
        ),
        (
            atom(entries=(item(content='&lt;a href="/about"&gt;us&lt;/a&gt;'),)),
            "relative URL '/about' in href",
        ),
        (atom(entries=(item(content="<b>bold</b>".replace("<", "&lt;"), kind="text"),)), "markup"),
        (atom(entries=(item(updated="2024-01-01 00:00"),)), "is not RFC 3339"),
        (atom(marker="<fh:archive/>"), "no prev-archive or next-archive link"),
        (
            atom(
                marker="<fh:complete/>",
                links='<link href="https://x.example/feeds/p.xml" rel="prev-archive"/>',
            ),
            "fh:complete document links to other archive documents",
        ),
        (
            atom(
                marker="<fh:complete/>",
                links='<link href="https://x.example/feeds/atom.xml" rel="current"/>',
                name="archive/atom-1.xml",
            ),
            "current link to another document",
        ),
        (atom(entries=(item("tag:x.example,2024:café"),)), "id is not a URI"),
        (atom(entries=(item("urn:hello world"),)), "id is not a URI"),
        (
            atom(entries=(item(),), links='<link href="http://[::1" rel="related"/>'),
            "relative or empty link href 'http://[::1'",
        ),
    ],
    ids=[
        "xml",
        "duplicate-id",
        "relative-link",
        "relative-in-content",
        "markup-in-text",
        "date",
        "archive-without-links",
        "complete-with-links",
        "complete-with-current",
        "iri-id",
        "id-with-space",
        "malformed-link",
    ],
)
def test_a_broken_document_is_refused(document: bytes, problem: str) -> None:
    problems = check_feed(document)
    assert any(problem in p for p in problems), problems


def test_the_self_link_must_be_where_the_file_goes() -> None:
    problems = check_feed(atom(), self_url="https://x.example/feeds/other.xml")
    assert problems == [
        "self link 'https://x.example/feeds/atom.xml' is not where the file goes "
        "(https://x.example/feeds/other.xml)"
    ]


def test_an_rss_item_needs_a_title_or_description() -> None:
    rss = b"""<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
      <title>T</title><link>https://x.example/</link><description>D</description>
      <atom:link href="https://x.example/feeds/rss.xml" rel="self"/>
      <item><guid isPermaLink="false">urn:1</guid></item></channel></rss>"""
    assert check_feed(rss) == ["item 1 (urn:1): neither <title> nor <description>"]


def test_a_folder_is_checked_across_documents(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=5, max_entries=2, page_size=2)
    site.build()
    assert not any(check_folder(site.feeds).values())
    (site.feeds / "archive" / "atom-1.xml").unlink()
    page2 = site.feeds / "archive" / "atom-2.xml"
    page2.write_bytes(
        page2.read_bytes().replace(b'atom-2.xml" rel="self"', b'atom-9.xml" rel="self"')
    )
    results = {p.name: found for p, found in check_folder(site.feeds).items() if found}
    assert any("prev-archive link" in p and "atom-1.xml" in p for p in results["atom-2.xml"])
    assert any("does not end in 'archive/atom-2.xml'" in p for p in results["atom-2.xml"])


def test_the_same_entry_on_two_archive_pages_is_caught(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=5, max_entries=2, page_size=2)
    site.build()
    page1 = (site.feeds / "archive" / "rss-1.xml").read_bytes()
    page2 = site.feeds / "archive" / "rss-2.xml"
    first_item = page1[page1.index(b"<item>") : page1.index(b"</item>") + 7]
    data = page2.read_bytes()
    page2.write_bytes(data.replace(b"<item>", first_item + b"<item>", 1))
    problems = check_folder(site.feeds)[page2]
    assert any("is also on rss-1.xml" in p for p in problems), problems


def test_the_validate_command_reports_each_problem_on_its_own_line(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=3, max_entries=2, page_size=10)
    site.build()
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(site.feeds)])
    assert ok.exit_code == 0 and "6 of 6 feed document(s) valid" in ok.stdout
    (site.feeds / "archive" / "atom-1.xml").unlink()
    bad = runner.invoke(main, ["validate", str(site.feeds)])
    assert bad.exit_code == 1
    assert "prev-archive link" in bad.stderr and len(bad.stderr.splitlines()) == 1
    empty = runner.invoke(main, ["validate", str(tmp_path / "nowhere")])
    assert empty.exit_code == 2


@pytest.mark.parametrize(
    "content",
    [
        '&lt;a href="/about"&gt;us&lt;/a&gt;',
        '&lt;A HREF="/about"&gt;us&lt;/A&gt;',
        '&lt;img src = "/pic.png"&gt;',
        # A character reference spells "href": the bytes never say it, the text does.
        '&lt;a &#104;ref="/about"&gt;us&lt;/a&gt;',
        '&lt;a &#x68;ref="/about"&gt;us&lt;/a&gt;',
        '<![CDATA[<a href="/about">us</a>]]>',
    ],
)
def test_a_relative_url_in_html_content_is_found_however_it_is_written(content: str) -> None:
    problems = check_feed(atom(entries=(item(content=content),)))
    assert any("relative URL '/about'" in p or "relative URL '/pic.png'" in p for p in problems)


def test_a_relative_url_in_rss_content_is_found() -> None:
    rss = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
        b' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        b"<title>T &#x26; co</title><link>https://x.example/</link><description>D</description>"
        b'<atom:link href="https://x.example/feeds/rss.xml" rel="self"/>'
        b'<item><title>I</title><guid isPermaLink="false">urn:1</guid>'
        b"<description>plain</description>"
        b'<content:encoded>&lt;a href="../x"&gt;x&lt;/a&gt;</content:encoded></item>'
        b"</channel></rss>"
    )
    assert any("relative URL '../x'" in p for p in check_feed(rss))
    assert check_feed(rss.replace(b"../x", b"https://x.example/x")) == []


def _entries_in(data: bytes) -> int:
    if data.lstrip().startswith(b"{"):
        return len(json.loads(data)["items"])
    return data.count(b"<entry") + data.count(b"<item")


def test_a_build_checks_each_entry_once_and_each_document_as_it_is_assembled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path, count=12, max_entries=4, page_size=3)
    checked: list[bytes] = []
    real = feedwright.output.archives.check_feed

    def recording(data: bytes, *, self_url: str | None = None) -> list[str]:
        checked.append(data)
        return real(data, self_url=self_url)

    monkeypatch.setattr(feedwright.output.archives, "check_feed", recording)
    site.build()
    # Four full archive pages of each format (none empty after them) and the two feeds.
    assert len(list(site.feeds.rglob("*.xml"))) == 10
    held = [_entries_in(data) for data in checked]
    # Each entry's fragment in each format is checked once, where it is built (with those
    # built beside it), though it sits on an archive page, on that page's interim version
    # and, for the newest, in the subscription feed; each of those documents is checked
    # as it is assembled, from its head: no whole document is parsed again.
    assert sum(held) == 12 * 3
    documents = 4 * 3 + 3 + 3 * 3 + 3  # pages, feeds, interim pages and feeds
    assert held.count(0) == documents
    site.assert_valid()


def test_an_entry_that_fails_its_check_is_refused_by_name_and_nothing_is_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path, count=3)
    real = feedwright.output.archives.json_fragment

    def relative(entry: Entry) -> bytes:
        data = real(entry)
        return data.replace(b'"url": "https://', b'"url": "/') if "a002" in entry.source else data

    monkeypatch.setattr(feedwright.output.archives, "json_fragment", relative)
    with pytest.raises(FeedError, match=r"^a002\.txt: refusing to publish: .*url '/"):
        site.build()
    assert not site.feeds.exists() and not site.ledger.exists()
