"""Published ids and entries are never lost: not to a lost ledger, a bad clock or a bad run."""

from __future__ import annotations

from pathlib import Path

import pytest

from sites import Site, cli, make_site


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    site = make_site(tmp_path, count=3, max_entries=2, page_size=2)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735732800")  # 2025-01-01T12:00:00Z
    return site


def ids_in(path: Path) -> list[str]:
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    return [e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}id")][1:]


# --- a lost ledger ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ['{"version": 1}', '{"articles": {}, "retired": {}, "version": 1}']
)
def test_an_emptied_ledger_beside_published_feeds_is_refused_as_a_missing_one(
    site: Site, text: str
) -> None:
    assert cli("build")[0] == 0
    site.ledger.write_text(text, encoding="utf-8")
    before = site.snapshot()
    code, out, err = cli("build")
    assert (code, out) == (2, "")
    assert err.startswith("feedwright-ledger.json: the ledger is empty but feeds/atom.xml is")
    assert "Restore the ledger from version control" in err and err.count("\n") == 1
    assert site.snapshot() == before
    site.ledger.unlink()
    code, _, err = cli("build")
    assert code == 2 and "the ledger is missing but feeds/atom.xml is" in err
    assert site.snapshot() == {k: v for k, v in before.items() if k != site.ledger.name}


# --- a clock gone backwards ------------------------------------------------------------


@pytest.mark.parametrize(
    ("epoch", "shown"),
    [("0", "1970-01-01T00:00:00Z"), ("1704196800", "2024-01-02T12:00:00Z")],
    ids=["epoch 0", "between two articles"],
)
def test_a_clock_gone_backwards_is_refused_and_withdraws_nothing(
    site: Site, monkeypatch: pytest.MonkeyPatch, epoch: str, shown: str
) -> None:
    assert cli("build")[0] == 0
    site.write(4)  # a real change, so the build cannot answer "nothing changed"
    before = site.snapshot()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code, out, err = cli("build")
    assert (code, out) == (2, "")
    assert err == (
        f"feedwright-ledger.json: the build clock says {shown}, before 2024-01-03T09:00:00Z "
        "when a003.txt was published: the clock has gone backwards, and a build now would "
        "withdraw published entries. Nothing done; fix the system clock or SOURCE_DATE_EPOCH\n"
    )
    assert site.snapshot() == before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735819200")  # the clock is right again
    assert cli("build")[0] == 0
    assert ids_in(site.feeds / "atom.xml") == [
        "tag:news.example.com,2024-01-04:a004",
        "tag:news.example.com,2024-01-03:a003",
    ]


def test_a_file_named_for_a_future_day_does_not_date_the_entry_after_the_clock(
    site: Site,
) -> None:
    path = site.articles / "2031-05-01-plans.txt"
    path.write_text("Plans for a later year\n\nThe desk wrote its plans down early.\n", "utf-8")
    assert cli("build")[0] == 0
    site.write(4)
    code, _, err = cli("build")  # refused if the file name had set a published instant
    assert code == 0, err
