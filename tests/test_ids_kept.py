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
