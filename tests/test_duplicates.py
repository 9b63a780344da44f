"""The same text saved under two names: one entry, the older id, a warning naming both."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest

from sites import make_site


def test_a_copy_of_a_published_article_is_not_published_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path, count=2)
    monkeypatch.chdir(site.root)  # messages name files relative to the working folder
    site.build()
    first = json.loads(site.ledger.read_text("utf-8"))["articles"]["a002.txt"]["id"]
    # "zz" sorts after and "00" before the original: the older id wins either way.
    shutil.copy(site.articles / "a002.txt", site.articles / "00-copy.txt")
    shutil.copy(site.articles / "a002.txt", site.articles / "zz-copy.txt")
    report = site.build()
    assert report.entries == 2
    assert "articles/00-copy.txt: the same text as articles/a002.txt" in "\n".join(report.warnings)
    assert any(
        w.startswith("articles/zz-copy.txt: the same text as articles/a002.txt")
        for w in report.warnings
    )
    for name in ("atom.xml", "rss.xml"):
        ids = [e.id for e in feedparser.parse(site.feeds / name).entries]
        assert len(ids) == 2 and first in ids
    assert set(json.loads(site.ledger.read_text("utf-8"))["articles"]) == {"a001.txt", "a002.txt"}
    site.assert_valid()


def test_two_new_copies_publish_the_first_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path, count=1)
    monkeypatch.chdir(site.root)
    shutil.copy(site.articles / "a001.txt", site.articles / "b-copy.txt")
    report = site.build()
    assert report.entries == 1
    assert report.warnings == [
        "articles/b-copy.txt: the same text as articles/a001.txt; published once, as that one"
    ]
    assert list(json.loads(site.ledger.read_text("utf-8"))["articles"]) == ["a001.txt"]


def test_copies_published_before_this_version_keep_the_older_id(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=1)
    site.build()
    ledger = json.loads(site.ledger.read_text("utf-8"))
    older = ledger["articles"]["a001.txt"]
    # As an older feedwright left it: the copy published too, under an id of its own.
    ledger["articles"]["0-copy.txt"] = {**older, "id": "tag:news.example.com,2025-01-02:0-copy"}
    ledger["articles"]["0-copy.txt"]["published"] = "2025-01-02T00:00:00Z"
    ledger["articles"]["0-copy.txt"]["updated"] = "2025-01-02T00:00:00Z"
    site.ledger.write_text(json.dumps(ledger), encoding="utf-8")
    shutil.copy(site.articles / "a001.txt", site.articles / "0-copy.txt")
    site.build()
    after = json.loads(site.ledger.read_text("utf-8"))
    assert after["articles"]["a001.txt"]["id"] == older["id"]
    assert after["retired"]["tag:news.example.com,2025-01-02:0-copy"]["source"] == "0-copy.txt"
