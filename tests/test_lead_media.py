"""``image:`` and ``enclosure:`` metadata: a lead image in Media RSS, a local file enclosed."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
from lxml import etree

from documents import build_atom, build_rss
from feedwright.loader.parse import LoadOptions, parse_article
from sites import make_site
from test_builder import info, make_entry

MEDIA = "{http://search.yahoo.com/mrss/}"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://news.example.com/"


def options(files: dict[str, int]) -> LoadOptions:
    return LoadOptions(base_url=SITE, file_size=files.get)


def test_a_local_image_is_the_lead_image_and_an_enclosure() -> None:
    text = "---\ntitle: T\nimage: /img/bridge.png\nweight: 3\n---\n\nBody text."
    entry = parse_article(text, source="a.md", options=options({"img/bridge.png": 69}))
    assert entry.image == SITE + "img/bridge.png"
    assert entry.enclosure == (SITE + "img/bridge.png", "image/png", 69)
    assert entry.warnings == ("metadata not used by feeds, ignored: weight",)


def test_a_remote_image_has_no_enclosure_and_a_missing_file_is_told() -> None:
    remote = parse_article(
        "Title: T\nImage: https://cdn.example.com/p.jpg\n\nBody.",
        source="a.txt",
        options=options({}),
    )
    assert remote.image == "https://cdn.example.com/p.jpg" and remote.enclosure is None
    missing = parse_article(
        "Title: T\nEnclosure: audio/show.mp3\n\nBody.", source="b.txt", options=options({})
    )
    assert missing.enclosure is None
    assert any("not a file under the articles folder" in w for w in missing.warnings)
    audio = parse_article(
        "Title: T\nEnclosure: audio/show.mp3\n\nBody.",
        source="b.txt",
        options=options({"audio/show.mp3": 1234}),
    )
    assert audio.image is None and audio.enclosure == (SITE + "audio/show.mp3", "audio/mpeg", 1234)


def test_both_formats_carry_the_image_and_the_enclosure() -> None:
    url = SITE + "img/bridge.png"
    entry = make_entry(1, image=url, enclosure=(url, "image/png", 69))
    plain = make_entry(2)
    atom = etree.fromstring(build_atom([entry, plain], info([entry])))
    first, second = atom.findall(f"{ATOM}entry")
    (link,) = [x for x in first.findall(f"{ATOM}link") if x.get("rel") == "enclosure"]
    assert (link.get("href"), link.get("type"), link.get("length")) == (url, "image/png", "69")
    assert first.find(f"{MEDIA}thumbnail").get("url") == url  # type: ignore[union-attr]
    assert first.find(f"{MEDIA}content").get("fileSize") == "69"  # type: ignore[union-attr]
    assert second.find(f"{MEDIA}content") is None
    rss = build_rss([entry], info([entry]))
    item = etree.fromstring(rss).find("channel/item")
    assert item is not None
    enclosure = item.find("enclosure")
    assert enclosure is not None and enclosure.attrib == {
        "url": url,
        "length": "69",
        "type": "image/png",
    }
    assert item.find(f"{MEDIA}thumbnail") is not None
    parsed = feedparser.parse(rss)
    assert parsed.entries[0].media_thumbnail[0]["url"] == url
    # A feed with no media declares no media namespace.
    assert b"mrss" not in build_rss([plain], info([plain]))


def test_a_site_with_a_local_image_builds_valid_feeds(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=1)
    (site.articles / "img").mkdir()
    (site.articles / "img" / "bridge.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    (site.articles / "photo.md").write_text(
        "---\ntitle: From the river\ndate: 2024-01-05 09:00\nimage: img/bridge.png\n---\n\n"
        "The bridge seen from a boat.\n",
        encoding="utf-8",
    )
    report = site.build()
    assert not report.problems and not report.warnings
    rss = (site.feeds / "rss.xml").read_text("utf-8")
    assert f'<enclosure url="{SITE}img/bridge.png" length="48" type="image/png"/>' in rss
    site.assert_valid()
    # JSON Feed carries the same lead image and attachment.
    feed = json.loads((site.feeds / "feed.json").read_text("utf-8"))
    (item,) = [i for i in feed["items"] if i["title"] == "From the river"]
    assert item["image"] == f"{SITE}img/bridge.png"
    assert item["attachments"] == [
        {"url": f"{SITE}img/bridge.png", "mime_type": "image/png", "size_in_bytes": 48}
    ]
