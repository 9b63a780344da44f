"""A bad article fails the run that meets it, not every run after it (issue 14, item 12).

It is reported (exit 1) when it appears and whenever it changes; while it stays as it
was, runs exit 0, quietly (and by the quiet shortcut when nothing else changed), ``-v``
counts it and ``feedwright check`` lists it. The ledger remembers it, so a fresh checkout
(a CI runner) does not report it again either.
"""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from feedwright.incremental.stamp import unchanged_entries
from sites import Site, cli, make_site

EMPTY = "articles/broken.txt: empty article (no text at all)"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    site = make_site(tmp_path / "site", count=3)
    site.settled = True  # as on a schedule: every file settled by the next run
    monkeypatch.chdir(site.root)
    return site


def run(site: Site, *args: str) -> tuple[int, str, str]:
    """``feedwright ARGS`` at the site's next clock."""
    done = cli(*args, clock=site.clock())
    site.builds += 1
    return done


def skipped(site: Site) -> dict[str, object]:
    data: dict[str, object] = json.loads(site.ledger.read_text("utf-8"))
    return data.get("skipped", {})  # type: ignore[return-value]


def shortcut_answers(site: Site) -> int | None:
    """What the quiet shortcut says a minute after the last run."""
    last = site.now() - timedelta(days=1)
    return unchanged_entries(str(site.root), int(last.timestamp()) + 60)


def test_a_bad_article_is_reported_once_then_skipped_quietly(site: Site) -> None:
    (site.articles / "broken.txt").write_bytes(b"")
    assert run(site, "build") == (
        1,
        "feedwright: 3 entries (3 new); wrote 8 file(s) to feeds\n",
        f"{EMPTY}\nfeedwright: 1 article(s) skipped\n",
    )
    assert skipped(site) == {
        "broken.txt": {
            "error": "empty article (no text at all)",
            "hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        }
    }
    # Nothing changed: the quiet shortcut answers, bad article and all.
    assert shortcut_answers(site) == 3
    assert run(site, "build") == (0, "feedwright: 3 entries; nothing changed\n", "")
    code, out, err = run(site, "build", "-v")
    assert (code, err) == (0, "feedwright: 1 article still skipped (run feedwright check)\n")
    assert out == "feedwright: 3 entries; nothing changed (nothing read: no input changed)\n"
    # Another article changes: a full run, and still no failure for the known one.
    site.write(4)
    code, out, err = run(site, "build")
    assert (code, err) == (0, "") and "(1 new)" in out
    # A fresh checkout has no cache, but the ledger remembers what was reported.
    shutil.rmtree(site.root / ".feedwright-cache")
    assert run(site, "build") == (0, "feedwright: 4 entries; nothing changed\n", "")
    assert shortcut_answers(site) == 4


def test_check_lists_every_skipped_article_and_exits_1(site: Site) -> None:
    assert run(site, "check") == (0, "feedwright: no article skipped (3 entries)\n", "")
    (site.articles / "broken.txt").write_bytes(b"")
    (site.articles / "zz.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    expected = (
        1,
        "feedwright: 2 article(s) skipped, 3 entries published\n",
        f"{EMPTY}\narticles/zz.md:2: malformed front matter: expected the node content, "
        "but found '<stream end>'\n",
    )
    before = run(site, "check")  # before any build: the same list
    assert run(site, "build")[0] == 1
    assert run(site, "build")[0] == 0
    assert before == run(site, "check") == expected


def test_an_article_that_changes_but_stays_bad_is_reported_again(site: Site) -> None:
    (site.articles / "broken.txt").write_bytes(b"")
    assert run(site, "build")[0] == 1
    (site.articles / "broken.txt").write_bytes(b"  \n\n")
    assert run(site, "build")[0:3:2] == (1, f"{EMPTY}\nfeedwright: 1 article(s) skipped\n")
    assert run(site, "build")[0] == 0


def test_a_fixed_article_is_published_and_a_deleted_one_forgotten(site: Site) -> None:
    (site.articles / "broken.txt").write_bytes(b"")
    (site.articles / "gone.txt").write_bytes(b"")
    assert run(site, "build")[0] == 1
    site.write(9, name="broken.txt")
    (site.articles / "gone.txt").unlink()
    code, out, err = run(site, "build", "-v")
    assert (code, err) == (0, "")
    assert "new: broken.txt" in out.splitlines()
    # Neither is remembered: the ledger is as it was before any bad article, version 2.
    assert skipped(site) == {}
    assert json.loads(site.ledger.read_text("utf-8"))["version"] == 2
    # Broken again later: that is news again.
    (site.articles / "broken.txt").write_bytes(b"")
    assert run(site, "build")[0] == 1


def test_strict_refuses_for_a_known_bad_article_too(site: Site) -> None:
    (site.articles / "broken.txt").write_bytes(b"")
    assert run(site, "build")[0] == 1
    published = (site.feeds / "atom.xml").read_bytes()
    assert run(site, "build", "--strict") == (
        2,
        "",
        f"{EMPTY}\nfeedwright: --strict: 1 bad article(s); nothing published\n",
    )
    site.write(4)
    assert run(site, "build", "--strict")[0] == 2
    assert (site.feeds / "atom.xml").read_bytes() == published


def test_check_of_a_bad_article_no_build_has_seen_lists_it_and_passes(site: Site) -> None:
    """The ledger would record it, but no feed would change: the feeds are not stale."""
    assert run(site, "build")[0] == 0
    ledger = site.ledger.read_bytes()
    (site.articles / "broken.txt").write_bytes(b"")
    assert run(site, "build", "--check") == (
        0,
        "feedwright: feeds are up to date (3 entries)\n",
        f"{EMPTY}\nfeedwright: 1 article(s) skipped\n",
    )
    assert site.ledger.read_bytes() == ledger


def test_a_published_article_turned_bad_fails_once_and_keeps_its_entry(site: Site) -> None:
    assert run(site, "build")[0] == 0
    (site.articles / "a002.txt").write_bytes(b"")
    code, _, err = run(site, "build")
    assert code == 1 and "articles/a002.txt: empty article" in err
    atom = (site.feeds / "atom.xml").read_bytes()
    assert run(site, "build") == (0, "feedwright: 3 entries; nothing changed\n", "")
    assert b"Headline number 2" in atom and (site.feeds / "atom.xml").read_bytes() == atom
    # Another article changes: its entry is still carried, and nothing is said of it
    # but with -v.
    site.write(4)
    code, _, err = run(site, "build")
    assert (code, err) == (0, "")
    assert b"Headline number 2" in (site.feeds / "atom.xml").read_bytes()
    code, _, err = run(site, "build", "-v")
    assert err.splitlines() == [
        "warning: articles/a002.txt: could not be read; its published entry stays in the "
        "feeds as it was until the article is fixed or deleted",
        "feedwright: 1 article still skipped (run feedwright check)",
    ]
