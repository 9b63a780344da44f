"""The builder: entries in, Atom and RSS out, read back with feedparser as readers do."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from html import unescape

import feedparser
import pytest
from lxml import etree

from documents import build_atom, build_rss
from feedwright.entry import Entry
from feedwright.errors import FeedError
from feedwright.output.builder import FeedInfo, sort_entries
from feedwright.output.validate import check_feed

UTC = timezone.utc
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def make_entry(n: int, **changes: object) -> Entry:
    base = Entry(
        source=f"a{n}.txt",
        id=f"tag:example.org,2024-05-01:a{n}",
        title=f"Headline number {n} & <friends>",
        authors=("Jane Roe", "John Doe") if n % 2 else ("Ana Ñúñez",),
        published=T0 + timedelta(hours=n),
        updated=T0 + timedelta(hours=n, minutes=30),
        summary=f"Summary {n} with <b>markup-looking</b> text",
        key_points=(f"Point {n}",),
        paragraphs=(f"Paragraph {n}.",),
        content_html=f"<ul><li>Point {n}</li></ul>\n<p>Paragraph {n}.</p>",
        tags=("world", f"tag{n}"),
        link=f"https://example.org/posts/{n}",
        language="en",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def info(entries: list[Entry], **changes: object) -> FeedInfo:
    base = FeedInfo(
        title="Example feed",
        description="Things that happened",
        site_url="https://example.org/",
        self_url="https://example.org/feeds/atom.xml",
        author="Newsroom",
        email="",
        language="en",
        updated=max(e.updated for e in entries if e.updated),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


ENTRIES = sort_entries([make_entry(n) for n in range(1, 5)])


def test_atom_round_trips_through_feedparser() -> None:
    parsed = feedparser.parse(build_atom(ENTRIES, info(ENTRIES)))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.id for e in parsed.entries] == [e.id for e in ENTRIES]
    for got, want in zip(parsed.entries, ENTRIES, strict=True):
        assert unescape(got.title) == want.title  # type="html": shown literally
        assert got.link == want.link
        assert [a.name for a in got.authors] == list(want.authors)
        assert [t.term for t in got.tags] == list(want.tags)
        assert got.content[0].type == "text/html"
        assert got.content[0].value == want.content_html
        # Readers get HTML that shows the text literally, never bold markup.
        assert unescape(got.summary) == want.summary
        assert "<b>" not in got.summary
        assert datetime(*got.published_parsed[:6], tzinfo=UTC) == want.published
        assert datetime(*got.updated_parsed[:6], tzinfo=UTC) == want.updated


def test_rss_round_trips_through_feedparser() -> None:
    data = build_rss(ENTRIES, info(ENTRIES, self_url="https://example.org/feeds/rss.xml"))
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.link == "https://example.org/"
    assert [e.id for e in parsed.entries] == [e.id for e in ENTRIES]
    for got, want in zip(parsed.entries, ENTRIES, strict=True):
        assert got.title == want.title
        assert unescape(got.summary) == want.summary
        assert got.content[0].value == want.content_html
        assert got.author_detail.name in want.authors  # dc:creator
        assert got.guidislink is False
        assert datetime(*got.published_parsed[:6], tzinfo=UTC) == want.published


def test_rss_guid_and_creators_as_the_validator_wants() -> None:
    url_id = make_entry(9, id="https://example.org/posts/9")
    entries = sort_entries([*ENTRIES, url_id])
    root = etree.fromstring(build_rss(entries, info(entries)))
    guids = {g.text: g.get("isPermaLink") for g in root.iter("guid")}
    assert guids["https://example.org/posts/9"] == "true"
    assert all(v == "false" for k, v in guids.items() if k.startswith("tag:"))
    dc = "{http://purl.org/dc/elements/1.1/}creator"
    first = root.find("channel/item")
    assert first is not None
    assert [c.text for c in first.iter(dc)] == list(entries[0].authors)
    assert root.find("channel/item/author") is None  # RSS <author> must be an e-mail


def test_feed_dates_come_from_entries_never_the_clock() -> None:
    old = [
        make_entry(
            1, published=datetime(2001, 1, 1, tzinfo=UTC), updated=datetime(2001, 1, 2, tzinfo=UTC)
        )
    ]
    atom = build_atom(old, info(old))
    rss = build_rss(old, info(old))
    assert b"<updated>2001-01-02T00:00:00+00:00</updated>" in atom
    assert b"<lastBuildDate>Tue, 02 Jan 2001 00:00:00 +0000</lastBuildDate>" in rss
    year = str(datetime.now(UTC).year).encode()
    assert year not in atom and year not in rss


def test_same_entries_same_bytes() -> None:
    assert build_atom(ENTRIES, info(ENTRIES)) == build_atom(list(ENTRIES), info(ENTRIES))
    assert build_rss(ENTRIES, info(ENTRIES)) == build_rss(list(ENTRIES), info(ENTRIES))


def test_sort_is_newest_first_with_ties_broken_by_id() -> None:
    same = [make_entry(n, published=T0, id=f"tag:x,2024:{c}") for n, c in enumerate("cab")]
    newer = make_entry(7, published=T0 + timedelta(days=1))
    ordered = sort_entries([*same, newer])
    assert [e.id for e in ordered] == [newer.id, "tag:x,2024:a", "tag:x,2024:b", "tag:x,2024:c"]


def test_built_documents_pass_the_prepublish_checks() -> None:
    assert check_feed(build_atom(ENTRIES, info(ENTRIES))) == []
    assert check_feed(build_rss(ENTRIES, info(ENTRIES))) == []


def test_archive_and_complete_markers() -> None:
    links = (("current", "https://example.org/feeds/atom.xml"),)
    archive = build_atom(ENTRIES, info(ENTRIES, links=links, history="archive"))
    complete = build_rss(ENTRIES, info(ENTRIES, links=links, history="complete"))
    fh = "{http://purl.org/syndication/history/1.0}"
    assert etree.fromstring(archive).find(f"{fh}archive") is not None
    assert etree.fromstring(complete).find(f"channel/{fh}complete") is not None
    rels = [ln.get("rel") for ln in etree.fromstring(archive).iter("{*}link")]
    assert "current" in rels


def test_entry_without_dates_is_an_error_naming_the_article() -> None:
    undated = make_entry(1, published=None)
    with pytest.raises(FeedError, match=r"^a1\.txt: "):
        build_atom([undated], info(ENTRIES))


@pytest.mark.parametrize(
    "title",
    ["AT&T says <script>alert(1)</script> is text ]]> here", "Fish & chips < £5", "&amp; stays"],
)
def test_markup_looking_titles_reach_readers_literally(title: str) -> None:
    entries = [make_entry(1, title=title)]
    atom = feedparser.parse(build_atom(entries, info(entries)))
    assert not atom.bozo
    assert unescape(atom.entries[0].title) == title  # escaped HTML renders as the text
    rss_bytes = build_rss(entries, info(entries))
    rss = feedparser.parse(rss_bytes)
    assert not rss.bozo
    # In RSS, &, < and > in titles are written as hex references (RSS Best Practices).
    assert b"&lt;" not in rss_bytes.split(b"<item>")[1].split(b"</title>")[0]
    assert unescape(rss.entries[0].title) in (title, unescape(title))
