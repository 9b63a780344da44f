"""JSON Feed 1.1: the same entries as Atom, valid by a schema written from the spec, read
back by a real reader, paged like the RFC 5005 archives, and checked before publishing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import feedparser
import jsonschema
import pytest
from reader import make_reader

from feedwright.output.validate import check_feed, check_folder
from sites import cli, make_site

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json").read_text("utf-8")
)
BASE = "https://news.example.com/feeds/"


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_bytes())
    return data


def schema_problems(document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_the_schema_itself_is_valid_and_can_fail() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    bad = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "x"}]}
    assert schema_problems(bad)  # no content_html nor content_text
    bad["items"] = [{"id": "x", "content_html": "", "date_published": "2024-01-01"}]
    assert schema_problems(bad)  # not RFC 3339
    bad["items"] = [{"id": "x", "content_html": "", "url": "/relative"}]
    assert schema_problems(bad)


def test_every_json_document_passes_the_schema(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=11, max_entries=3, page_size=4)
    site.build()
    documents = sorted(site.feeds.rglob("*.json"))
    assert [p.relative_to(site.feeds).as_posix() for p in documents] == [
        "archive/feed-1.json",
        "archive/feed-2.json",
        "archive/feed-3.json",
        "feed.json",
    ]
    for path in documents:
        assert schema_problems(load(path)) == [], path


def test_json_holds_the_atom_entries_with_the_same_ids_and_dates(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=4)
    site.write(5, name="tagged.txt")
    (site.articles / "tagged.txt").write_text(
        "Title: Bridge vote\nDate: 2024-03-01T10:00:00+01:00\nUpdated: 2024-03-02T08:00:00Z\n"
        "Author: Jane Roe, John Doe\nTags: city, transport\nLink: https://news.example.com/b\n"
        "Language: fr\nSummary: The council voted.\n\nThe council voted 7-2 for the bridge.\n",
        encoding="utf-8",
    )
    site.build()
    atom = feedparser.parse((site.feeds / "atom.xml").read_bytes())
    feed = load(site.feeds / "feed.json")
    assert feed["feed_url"] == BASE + "feed.json"
    assert feed["home_page_url"] == "https://news.example.com/"
    assert feed["title"] == atom.feed.title and feed["authors"] == [{"name": "Desk"}]
    assert feed["language"] == "en"
    assert [i["id"] for i in feed["items"]] == [e.id for e in atom.entries]
    raw = (site.feeds / "atom.xml").read_text("utf-8")
    for item, entry in zip(feed["items"], atom.entries, strict=True):
        assert item["title"] == entry.title
        # The very strings Atom carries, not merely the same instants.
        assert f"<published>{item['date_published']}</published>" in raw
        assert f"<updated>{item['date_modified']}</updated>" in raw
        assert item["content_html"] == entry.content[0].value
    bridge = next(i for i in feed["items"] if i["title"] == "Bridge vote")
    assert bridge["url"] == "https://news.example.com/b"
    assert bridge["authors"] == [{"name": "Jane Roe"}, {"name": "John Doe"}]
    assert bridge["tags"] == ["city", "transport"]
    assert bridge["language"] == "fr"
    assert bridge["summary"] == "The council voted."
    assert bridge["date_published"] == "2024-03-01T09:00:00+00:00"


def test_a_real_reader_reads_the_json_feed(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=3)
    site.build()
    reader = make_reader(str(tmp_path / "db.sqlite"), feed_root=str(site.feeds))
    try:
        for name in ("atom.xml", "feed.json"):
            reader.add_feed(name)
        for result in reader.update_feeds_iter(scheduled=False):
            assert result.error is None, result.error
        from_json = {
            (e.id, e.title, e.published, e.updated) for e in reader.get_entries(feed="feed.json")
        }
        from_atom = {
            (e.id, e.title, e.published, e.updated) for e in reader.get_entries(feed="atom.xml")
        }
        assert len(from_json) == 3 and from_json == from_atom
        assert reader.get_feed("feed.json").version == "json11"
    finally:
        reader.close()


def test_next_url_walks_the_same_pages_as_prev_archive(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=11, max_entries=3, page_size=4)
    site.build()
    feed = load(site.feeds / "feed.json")
    assert len(feed["items"]) == 3
    seen: list[str] = []
    url = feed.get("next_url")
    pages = 0
    while url:
        name = url.removeprefix(BASE)
        page = load(site.feeds / name)
        assert page["feed_url"] == url
        atom = feedparser.parse(
            (site.feeds / name.replace("feed-", "atom-").replace(".json", ".xml")).read_bytes()
        )
        assert [i["id"] for i in page["items"]] == [e.id for e in atom.entries]
        seen += [i["id"] for i in page["items"]]
        url = page.get("next_url")
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 11  # every entry on exactly one page
    assert {i["id"] for i in feed["items"]} <= set(seen)


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    built = []
    for name in ("one", "two"):
        site = make_site(tmp_path / name, count=5, max_entries=2, page_size=2)
        site.build()
        built.append({p.name: p.read_bytes() for p in site.feeds.rglob("*.json")})
    assert built[0] == built[1] and len(built[0]) == 4


def _document(**changes: Any) -> dict[str, Any]:
    item = {"id": "urn:x:1", "title": "t", "content_html": "<p>x</p>"}
    item.update(changes.pop("item", {}))
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "home_page_url": "https://x.example/",
        "feed_url": "https://x.example/feeds/feed.json",
        "items": [item],
    }
    document.update(changes)
    return document


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (_document(items=[{"id": "a", "content_html": ""}] * 2), "duplicate id"),
        (_document(item={"url": "/x"}), "url '/x' is not an absolute URL"),
        (_document(item={"date_published": "yesterday"}), "is not RFC 3339"),
        (_document(item={"content_html": '<a href="/rel">x</a>'}), "relative URL '/rel'"),
        (_document(version="https://jsonfeed.org/version/1"), "version is"),
        (_document(next_url="https://x.example/feeds/feed.json"), "next_url is the feed_url"),
        (_document(feed_url="https://x.example/elsewhere.json"), "is not where the file goes"),
        (_document(hubs=[{"type": "WebSub"}]), "needs a type and an absolute url"),
    ],
)
def test_a_bad_json_document_is_not_published(document: dict[str, Any], problem: str) -> None:
    data = json.dumps(document).encode("utf-8")
    problems = check_feed(data, self_url="https://x.example/feeds/feed.json")
    assert any(problem in p for p in problems), problems
    assert check_feed(json.dumps(_document()).encode(), self_url=document["feed_url"]) == [] or (
        problem == "is not where the file goes"
    )


def test_broken_json_is_named_by_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path, count=2)
    site.build()
    assert all(not p for p in check_folder(site.feeds).values())
    (site.feeds / "feed.json").write_bytes(b'{"version": ')
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("validate", "feeds")
    assert code == 1
    assert err.startswith("feeds/feed.json: not well-formed JSON")
    assert "2 of 3 feed document(s) valid" in out


def test_a_lost_json_feed_is_rewritten_alone_and_check_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path, count=3)
    site.build()
    assert site.build().quiet
    (site.feeds / "feed.json").unlink()
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("build", "--check")
    assert code == 1 and "feeds/feed.json: would be created" in err
    report = site.build()
    assert not report.quiet and [p.name for p in report.written] == ["feed.json"]


def test_an_author_e_mail_becomes_a_mailto_url(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=1)
    (site.articles / "mail.txt").write_text(
        "Title: Mail\nDate: 2024-02-01T10:00:00Z\nAuthor: Priya Nair <priya@example.com>; Sam Lee"
        "\n\nBody text.\n",
        encoding="utf-8",
    )
    site.build()
    item = next(i for i in load(site.feeds / "feed.json")["items"] if i["title"] == "Mail")
    assert item["authors"] == [
        {"name": "Priya Nair", "url": "mailto:priya@example.com"},
        {"name": "Sam Lee"},
    ]
    assert schema_problems(load(site.feeds / "feed.json")) == []
