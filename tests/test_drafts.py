"""Drafts stay out of every feed; a published article turned draft leaves like a deleted one."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from sites import Site, cli, make_site


def ids(site: Site, name: str = "atom.xml") -> set[str]:
    return {e.id for e in feedparser.parse(site.feeds / name).entries}


def ledger(site: Site) -> dict[str, dict[str, dict[str, str]]]:
    data: dict[str, dict[str, dict[str, str]]] = json.loads(site.ledger.read_text("utf-8"))
    return data


def make_draft(path: Path, line: str) -> None:
    path.write_text(f"{line}\n" + path.read_text("utf-8"), encoding="utf-8")


def test_a_new_draft_is_in_no_feed_and_not_in_the_ledger(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=2)
    (site.articles / "wip.md").write_text(
        "---\ntitle: Not ready\ndraft: true\n---\n\nHalf a thought.\n", encoding="utf-8"
    )
    (site.articles / "hidden.md").write_text(
        "---\ntitle: Not yet\npublished: false\n---\n\nEmbargoed.\n", encoding="utf-8"
    )
    report = site.build()
    assert not report.problems and report.entries == 2
    assert "wip.md" not in ledger(site)["articles"]
    assert "hidden.md" not in ledger(site)["articles"]
    for name in ("atom.xml", "rss.xml"):
        assert b"Not ready" not in (site.feeds / name).read_bytes()
        assert b"Not yet" not in (site.feeds / name).read_bytes()
    site.assert_valid()


def test_an_article_turned_draft_leaves_and_its_id_is_retired(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=3)
    site.build()
    before = ids(site)
    old_id = ledger(site)["articles"]["a002.txt"]["id"]
    make_draft(site.articles / "a002.txt", "Status: draft")
    report = site.build()
    assert not report.problems and report.entries == 2
    assert ids(site) == before - {old_id}
    assert ids(site, "rss.xml") == before - {old_id}
    assert ledger(site)["retired"][old_id]["source"] == "a002.txt"
    assert "removed: a002.txt" in report.changes
    site.assert_valid()
    # Its id is never minted for another article; and like a deleted file put back, the
    # same text published again comes back under it.
    path = site.articles / "a002.txt"
    path.write_text(path.read_text("utf-8").replace("Status: draft\n", ""), encoding="utf-8")
    report = site.build()
    assert "restored: a002.txt" in report.changes
    assert ledger(site)["articles"]["a002.txt"]["id"] == old_id and ids(site) == before


def test_a_draft_is_one_line_with_v_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path, count=2)
    make_draft(site.articles / "a001.txt", "Draft: yes")
    monkeypatch.chdir(site.root)
    code, _, err = cli("build")
    assert code == 0 and "draft" not in err
    site.age()
    (site.articles / "a002.txt").write_text("Title: Changed\n\nNew text here.\n", "utf-8")
    code, _, err = cli("build", "-v")
    assert code == 0
    # A draft is no warning: no "warning:" before it, on a run that read it or not.
    assert [line for line in err.splitlines() if "draft" in line] == [
        "articles/a001.txt: draft (Draft: yes), not published"
    ]
    code, out, err = cli("build", "-v")
    assert code == 0 and "nothing changed" in out
    assert [line for line in err.splitlines() if "draft" in line] == [
        "articles/a001.txt: draft (Draft: yes), not published"
    ]
