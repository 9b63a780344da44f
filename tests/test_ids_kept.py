"""Published ids and entries are never lost: not to a lost ledger, a bad clock or a bad run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from sites import Site, cli


def ids_in(path: Path) -> list[str]:
    root = etree.parse(str(path)).getroot()
    return [e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}id")][1:]


# --- a lost ledger ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ['{"version": 1}', '{"articles": {}, "retired": {}, "version": 1}']
)
def test_an_emptied_ledger_beside_published_feeds_is_refused_as_a_missing_one(
    cli_site: Site, text: str
) -> None:
    assert cli("build")[0] == 0
    cli_site.ledger.write_text(text, encoding="utf-8")
    before = cli_site.snapshot()
    code, out, err = cli("build")
    assert (code, out) == (2, "")
    assert err.startswith("feedwright-ledger.json: the ledger is empty but feeds/atom.xml is")
    assert "Restore the ledger from version control" in err and err.count("\n") == 1
    assert cli_site.snapshot() == before
    cli_site.ledger.unlink()
    code, _, err = cli("build")
    assert code == 2 and "the ledger is missing but feeds/atom.xml is" in err
    assert cli_site.snapshot() == {k: v for k, v in before.items() if k != cli_site.ledger.name}


# --- a clock gone backwards ------------------------------------------------------------


@pytest.mark.parametrize(
    ("epoch", "shown"),
    [("0", "1970-01-01T00:00:00Z"), ("1704196800", "2024-01-02T12:00:00Z")],
    ids=["epoch 0", "between two articles"],
)
def test_a_clock_gone_backwards_is_refused_and_withdraws_nothing(
    cli_site: Site, monkeypatch: pytest.MonkeyPatch, epoch: str, shown: str
) -> None:
    assert cli("build")[0] == 0
    cli_site.write(4)  # a real change, so the build cannot answer "nothing changed"
    before = cli_site.snapshot()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code, out, err = cli("build")
    assert (code, out) == (2, "")
    assert err == (
        f"feedwright-ledger.json: the build clock says {shown}, before 2024-01-03T09:00:00Z "
        "when a003.txt was published: the clock has gone backwards, and a build now would "
        "withdraw published entries. Nothing done; fix the system clock or SOURCE_DATE_EPOCH\n"
    )
    assert cli_site.snapshot() == before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735819200")  # the clock is right again
    assert cli("build")[0] == 0
    assert ids_in(cli_site.feeds / "atom.xml") == [
        "tag:news.example.com,2024-01-04:a004",
        "tag:news.example.com,2024-01-03:a003",
    ]


def test_a_file_named_for_a_future_day_does_not_date_the_entry_after_the_clock(
    cli_site: Site,
) -> None:
    path = cli_site.articles / "2031-05-01-plans.txt"
    path.write_text("Plans for a later year\n\nThe desk wrote its plans down early.\n", "utf-8")
    assert cli("build")[0] == 0
    cli_site.write(4)
    code, _, err = cli("build")  # refused if the file name had set a published instant
    assert code == 0, err


# --- an article that is briefly unreadable ---------------------------------------------


def feed_files(site: Site) -> dict[str, bytes]:
    return {p.relative_to(site.root).as_posix(): p.read_bytes() for p in site.feeds.rglob("*.*")}


def records(site: Site) -> tuple[object, object]:
    """The ledger's records: the published and the retired."""
    data = json.loads(site.ledger.read_text("utf-8"))
    return data["articles"], data["retired"]


@pytest.mark.parametrize("fresh_checkout", [False, True], ids=["cache", "fresh checkout"])
@pytest.mark.parametrize("n", [1, 3], ids=["archived", "newest"])
def test_an_unreadable_article_keeps_its_entry_and_its_id_comes_back_with_it(
    cli_site: Site, n: int, fresh_checkout: bool
) -> None:
    assert cli("build")[0] == 0
    before = {**feed_files(cli_site), "ledger": records(cli_site)}
    ident = f"tag:news.example.com,2024-01-0{n}:a00{n}"
    assert ident in ids_in(cli_site.feeds / "archive" / f"atom-{(n + 1) // 2}.xml")
    path = cli_site.articles / f"a00{n}.txt"
    path.write_bytes(b"")  # a scraper caught rewriting the file in place
    if fresh_checkout:
        shutil.rmtree(cli_site.root / ".feedwright-cache")
    code, _, err = cli("build")
    assert code == 1, err
    assert err.splitlines() == [
        f"articles/a00{n}.txt: empty article (no text at all)",
        f"warning: articles/a00{n}.txt: could not be read; its published entry stays in the "
        "feeds as it was until the article is fixed or deleted",
        "feedwright: 1 article(s) skipped",
    ]
    # The records stay as they were; the ledger only notes the article as skipped.
    assert {**feed_files(cli_site), "ledger": records(cli_site)} == before
    assert list(json.loads(cli_site.ledger.read_text("utf-8"))["skipped"]) == [f"a00{n}.txt"]
    cli_site.assert_valid()
    cli_site.write(n, body="The desk rewrote this report after it went missing for a run.")
    assert cli("build")[0] == 0
    assert ident in ids_in(cli_site.feeds / "archive" / f"atom-{(n + 1) // 2}.xml")
    assert json.loads(cli_site.ledger.read_text("utf-8"))["retired"] == {}
    cli_site.assert_valid()


def test_broken_front_matter_again_and_again_never_costs_the_id(cli_site: Site) -> None:
    bridge = cli_site.articles / "bridge.md"
    good = "---\ntitle: The bridge reopens\ndate: 2024-01-05T09:00:00Z\n---\n\nTraffic {}.\n"
    bridge.write_text(good.format("flows again"), "utf-8")
    assert cli("build")[0] == 0
    ident = "tag:news.example.com,2024-01-05:bridge"
    assert ident in ids_in(cli_site.feeds / "atom.xml")
    for n in range(3):
        bridge.write_text("---\ntitle: [unclosed\n---\n\nTraffic.\n", "utf-8")
        code, _, err = cli("build")
        assert code == 1 and "bridge.md: could not be read; its published entry stays" in err
        assert ident in ids_in(cli_site.feeds / "atom.xml")
        bridge.write_text(good.format(f"flows again, edit {n}"), "utf-8")
        assert cli("build")[0] == 0
        assert ident in ids_in(cli_site.feeds / "atom.xml")
        assert ids_in(cli_site.feeds / "atom.xml").count(ident) == 1
    assert not any("bridge-" in i for i in ids_in(cli_site.feeds / "atom.xml"))
    cli_site.assert_valid()


def test_a_deleted_unreadable_article_leaves_and_its_id_is_retired(cli_site: Site) -> None:
    assert cli("build")[0] == 0
    (cli_site.articles / "a003.txt").write_bytes(b"")
    assert cli("build")[0] == 1
    (cli_site.articles / "a003.txt").unlink()
    assert cli("build")[0] == 0
    assert "tag:news.example.com,2024-01-03:a003" not in ids_in(cli_site.feeds / "atom.xml")
    retired = json.loads(cli_site.ledger.read_text("utf-8"))["retired"]
    assert list(retired) == ["tag:news.example.com,2024-01-03:a003"]


def test_an_id_another_article_holds_is_reported_with_both_paths(cli_site: Site) -> None:
    first = cli_site.articles / "a.txt"
    first.write_text("Id: urn:x:1\nTitle: One\nDate: 2024-01-01\n\nBody one.\n", "utf-8")
    cli_site.age()
    assert cli("build")[0] == 0
    second = cli_site.articles / "b.txt"
    second.write_text("Id: urn:x:1\nTitle: Two\nDate: 2024-01-02\n\nBody two.\n", "utf-8")
    cli_site.age()
    code, _, err = cli("build")
    assert code == 1
    assert "articles/b.txt: Id 'urn:x:1' is already articles/a.txt's\n" in err
