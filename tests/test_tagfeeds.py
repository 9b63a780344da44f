"""Per-tag feeds: one feed per subject at a URL that never moves, holding the same entries
(same ids) as the main feed, written only when one of their entries changes."""

from __future__ import annotations

import html
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest

import feedwright.output.archives
from feedwright.entry import Entry
from feedwright.errors import ConfigError
from feedwright.output.tagfeeds import select_tag_feeds, tag_key, tag_slug
from sites import Site, cli, entry_page, make_site
from test_jsonfeed import schema_problems

BASE = "https://news.example.com/feeds/"
FILES = ("atom.xml", "rss.xml", "feed.json")


def slug(tag: str) -> str:
    return tag_slug(tag_key(tag))


def test_plain_tags_are_their_own_slug_whatever_the_spelling() -> None:
    assert slug("python") == "python"
    assert slug("Machine Learning") == "machine-learning"
    assert slug("machine_learning") == slug("machine-learning") == slug("  MACHINE  learning ")
    assert slug("Ｐｙｔｈｏｎ") == "python"  # full-width letters: NFKC


@pytest.mark.parametrize(
    ("tag", "start"),
    [
        ("Café", "cafe--"),
        ("C++", "c--"),
        ("Москва", "tag--"),
        ("中文", "tag--"),
        ("a/../b", "a-b--"),
    ],
)
def test_other_tags_get_a_folded_name_and_a_hash(tag: str, start: str) -> None:
    made = slug(tag)
    assert made.startswith(start) and len(made) == len(start) + 10
    assert made.isascii() and "/" not in made and made[0].isalnum()
    assert made == slug(tag.upper() if tag.isascii() else tag)  # case does not matter


def test_slugs_never_collide_between_the_two_kinds() -> None:
    # "C" is plain, "C++" folds to "c" but carries a hash; "cafe" and "Café" likewise.
    names = [slug(t) for t in ("C", "C++", "C#", "cafe", "Café", "CAFÉ ", "x" * 61, "x" * 60)]
    assert len(set(names)) == len(names) - 1  # only "Café" and "CAFÉ " are one tag
    assert all(len(n) <= 60 for n in names)


def entry(n: int, *tags: str) -> Entry:
    day = datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(days=n)
    return Entry(source=f"{n}.txt", id=f"urn:x:{n}", title=f"t{n}", tags=tags, published=day)


def test_a_tag_needs_enough_entries_and_zero_turns_tag_feeds_off() -> None:
    entries = [
        entry(3, "Python", "news"),
        entry(2, "python", "PYTHON"),
        entry(1, "news", "python", "Other"),
    ]
    feeds = select_tag_feeds(entries, minimum=2)
    assert [(f.slug, f.label, [e.id for e in f.entries]) for f in feeds] == [
        ("news", "news", ["urn:x:3", "urn:x:1"]),
        # One entry with two spellings counts once; the label is the commonest spelling.
        ("python", "python", ["urn:x:3", "urn:x:2", "urn:x:1"]),
    ]
    assert [f.slug for f in select_tag_feeds(entries, minimum=3)] == ["python"]
    assert select_tag_feeds(entries, minimum=0) == []


def tagged(site: Site, n: int, *tags: str, body: str = "") -> None:
    day = datetime(2024, 1, 1, 9, tzinfo=timezone.utc) + timedelta(days=n)
    text = body or f"Day {n} began quietly and the desk filed its notes on time."
    site.articles.mkdir(parents=True, exist_ok=True)
    (site.articles / f"a{n:03d}.txt").write_text(
        f"Title: Story number {n}\nDate: {day:%Y-%m-%dT%H:%M:%SZ}\nTags: {', '.join(tags)}\n\n"
        f"{text}\n\nA second paragraph for story {n}.\n",
        encoding="utf-8",
    )


def tag_site(root: Path, *, minimum: int = 2) -> Site:
    site = make_site(root, count=0, max_entries=3, page_size=2)
    with (root / "feedwright.toml").open("a", encoding="utf-8") as config:
        config.write(f"tag_feed_min = {minimum}\n")
    for n, tags in enumerate(
        [("City", "Transport"), ("city",), ("Café",), ("Transport",), ("Café", "city")], 1
    ):
        tagged(site, n, *tags)
    return site


def test_each_tag_feed_has_its_own_self_link_title_and_the_same_ids(tmp_path: Path) -> None:
    site = tag_site(tmp_path)
    site.build()
    cafe = slug("Café")
    assert sorted(p.name for p in (site.feeds / "tags").iterdir()) == sorted(
        ["city", "transport", cafe]
    )
    main_ids = {e.id for e in feedparser.parse((site.feeds / "atom.xml").read_bytes()).entries}
    main_ids |= {
        e.id
        for page in (site.feeds / "archive").glob("atom-*.xml")
        for e in feedparser.parse(page.read_bytes()).entries
    }
    city = feedparser.parse((site.feeds / "tags" / "city" / "atom.xml").read_bytes())
    assert city.feed.title == "Schedule test: city"  # "city" twice, "City" once
    assert city.feed.links[0].href == BASE + "tags/city/atom.xml"
    # Newest first and at most max_entries (3) of the tag's three entries.
    assert [e.title for e in city.entries] == ["Story number 5", "Story number 2", "Story number 1"]
    assert {e.id for e in city.entries} <= main_ids
    rss = feedparser.parse((site.feeds / "tags" / "city" / "rss.xml").read_bytes())
    assert [e.id for e in rss.entries] == [e.id for e in city.entries]
    data = json.loads((site.feeds / "tags" / cafe / "feed.json").read_bytes())
    assert data["feed_url"] == f"{BASE}tags/{cafe}/feed.json" and "next_url" not in data
    assert data["title"] == "Schedule test: Café"
    assert [i["title"] for i in data["items"]] == ["Story number 5", "Story number 3"]
    site.assert_valid()
    for path in (site.feeds / "tags").rglob("feed.json"):
        assert schema_problems(json.loads(path.read_bytes())) == [], path


def test_an_edit_rewrites_only_the_documents_that_hold_the_entry(tmp_path: Path) -> None:
    site = tag_site(tmp_path)
    site.build()
    assert site.build().written == []  # quiet stays quiet
    tagged(site, 4, "Transport", body="Day 4, corrected: the bus lanes open in March.")
    report = site.build()
    names = sorted(p.relative_to(site.root).as_posix() for p in report.written)
    # Story 4 is among the newest three and on archive page 2; of the tags, only Transport.
    assert names == [
        "feeds/archive/atom-2.xml",
        "feeds/archive/feed-2.json",
        "feeds/archive/rss-2.xml",
        "feeds/atom.xml",
        f"feeds/{entry_page(site, 'a004.txt')}",
        "feeds/feed.json",
        "feeds/index.html",  # it lists the newest entries, story 4 among them
        "feeds/rss.xml",
        *(f"feeds/tags/transport/{name}" for name in sorted(FILES)),
        "feedwright-ledger.json",
    ]


def test_a_tag_below_the_threshold_loses_its_feeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tag_site(tmp_path)
    site.build()
    gone = entry_page(site, "a004.txt").split("/")[-1]
    (site.articles / "a004.txt").unlink()  # Transport keeps one entry: below 2
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("build", "--check")
    assert code == 1 and "feeds/tags/transport/atom.xml: would be removed" in err
    report = site.build()
    assert sorted(p.name for p in report.removed) == sorted([*FILES, gone])
    assert not (site.feeds / "tags" / "transport").exists()
    assert (site.feeds / "tags" / "city" / "atom.xml").is_file()
    site.assert_valid()


def test_tag_feed_min_zero_writes_no_tag_feeds(tmp_path: Path) -> None:
    site = tag_site(tmp_path, minimum=0)
    site.build()
    assert not (site.feeds / "tags").exists()
    with pytest.raises(ConfigError, match="tag_feed_min must be 0"):
        tag_site(tmp_path / "bad", minimum=-1).config()


def test_tag_feeds_nothing_touched_are_not_even_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tag_site(tmp_path)
    site.settled = True  # files are trusted by identity, as on a schedule
    site.build()
    built: list[str] = []
    real = feedwright.output.archives.entry_fragments

    def counting(entry: Entry, *, language: str = "") -> tuple[bytes, bytes, bytes]:
        built.append(entry.source)
        return real(entry, language=language)

    monkeypatch.setattr(feedwright.output.archives, "entry_fragments", counting)
    tagged(site, 4, "Transport", body="Day 4, corrected: the bus lanes open in March.")
    report = site.build()
    # Story 4's page (3, 4), the newest three (5, 4, 3) and Transport (4, 1): not the
    # entries of City (5, 2, 1) or Café (5, 3) for their own sake.
    assert sorted(set(built)) == ["a001.txt", "a003.txt", "a004.txt", "a005.txt"]
    assert not any("tags/city" in str(p) or "cafe" in str(p) for p in report.written)
    # What was kept is exactly what a build from scratch writes.
    kept = {n: d for n, (d, _) in site.snapshot().items() if "/tags/" in n}
    site.build(use_cache=False)
    assert kept == {n: d for n, (d, _) in site.snapshot().items() if "/tags/" in n}
    site.assert_valid()


def test_an_entry_that_leaves_a_tag_leaves_its_feed(tmp_path: Path) -> None:
    site = tag_site(tmp_path, minimum=1)
    site.settled = True
    site.build()
    tagged(site, 1, "Transport")  # no longer City
    site.build()
    city = feedparser.parse((site.feeds / "tags" / "city" / "atom.xml").read_bytes())
    assert [e.title for e in city.entries] == ["Story number 5", "Story number 2"]
    kept = {n: d for n, (d, _) in site.snapshot().items() if "/tags/" in n}
    site.build(use_cache=False)
    assert kept == {n: d for n, (d, _) in site.snapshot().items() if "/tags/" in n}


def test_a_lost_tag_feed_file_is_put_back_alone(tmp_path: Path) -> None:
    site = tag_site(tmp_path)
    site.build()
    assert site.build().quiet
    (site.feeds / "tags" / "city" / "rss.xml").unlink()
    report = site.build()
    assert not report.quiet
    assert [p.relative_to(site.feeds).as_posix() for p in report.written] == ["tags/city/rss.xml"]


def test_a_tag_that_looks_like_markup_stays_text(tmp_path: Path) -> None:
    site = tag_site(tmp_path, minimum=1)
    tagged(site, 6, "</b>", "AT&T")
    site.build()
    for tag in ("</b>", "AT&T"):
        rss = feedparser.parse((site.feeds / "tags" / slug(tag) / "rss.xml").read_bytes())
        # Shown literally by a reader that renders titles as HTML (the builder's rule).
        assert html.unescape(rss.feed.title) == f"Schedule test: {tag}"
        # No markup in the channel description, which RSS readers render as HTML.
        assert rss.feed.description == "Feeds rebuilt again and again"
    site.assert_valid()
