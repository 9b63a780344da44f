"""An article modified in the last ``settle_seconds`` waits for the next run: neither
published nor retired, and a published one keeps its entry as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from feedwright import settling
from feedwright.errors import ConfigError
from sites import Site, cli, make_site


def _site(root: Path, *, line: str = "settle_seconds = 2\n") -> Site:
    site = make_site(root, count=3, settle_seconds=None)
    with (site.root / "feedwright.toml").open("a", encoding="utf-8") as f:
        f.write(line)
    site.age()  # written long ago: read at once
    return site


def test_a_file_being_written_waits_and_a_published_one_keeps_its_entry(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path / "site")
    site.build()
    atom = (site.feeds / "atom.xml").read_text(encoding="utf-8")
    assert atom.count("<entry") == 3
    ledger = site.ledger.read_bytes()

    site.write(4)  # new, still being written
    site.write(2, body="Half of a rewrite, caught in the middle of being saved")
    report = site.build()
    assert not report.problems and not report.warnings
    assert sorted(report.waiting) == [
        line
        for line in report.waiting
        if re.fullmatch(r".*a00[24]\.txt: modified \d+\.\d s ago, waits for the next run", line)
    ]
    assert len(report.waiting) == 2
    atom = (site.feeds / "atom.xml").read_text(encoding="utf-8")
    assert atom.count("<entry") == 3, "the new article waits; the rewritten one is kept"
    assert "Half of a rewrite" not in atom
    assert "Headline number 4" not in atom
    assert "Headline number 2" in atom
    assert site.ledger.read_bytes() == ledger, "nothing minted, nothing retired"

    site.settled = True  # the next run, once the files have settled
    report = site.build()
    assert report.waiting == []
    atom = (site.feeds / "atom.xml").read_text(encoding="utf-8")
    assert atom.count("<entry") == 4
    assert "Half of a rewrite" in atom
    site.assert_valid()


def test_the_default_is_two_seconds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settling, "DEFAULT_SETTLE_SECONDS", 2.0)
    site = _site(tmp_path / "site", line="")
    site.build()
    site.write(4)
    report = site.build()
    assert [line.split(":")[0].endswith("a004.txt") for line in report.waiting] == [True]
    assert "Headline number 4" not in (site.feeds / "atom.xml").read_text(encoding="utf-8")


def test_zero_reads_everything_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settling, "DEFAULT_SETTLE_SECONDS", 2.0)
    site = _site(tmp_path / "site", line="settle_seconds = 0\n")
    site.build()
    site.write(4)
    assert site.build().waiting == []
    assert "Headline number 4" in (site.feeds / "atom.xml").read_text(encoding="utf-8")


def test_only_verbose_names_a_waiting_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(tmp_path / "site", line="settle_seconds = 5.5\n")
    monkeypatch.chdir(site.root)
    site.build()
    site.write(4)
    code, _, err = cli("build", clock=site.clock())
    assert code == 0
    assert "waits" not in err
    code, _, err = cli("build", "-v", clock=site.clock())
    assert code == 0
    assert re.search(
        r"^articles/a004\.txt: modified \d+\.\d s ago, waits for the next run$", err, re.M
    )


def test_only_new_articles_all_waiting_publish_nothing_yet(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=2, settle_seconds=2)
    report = site.build()
    assert len(report.waiting) == 2
    assert not report.written and not site.ledger.exists()
    site.settled = True
    assert len(site.build().written) > 1


@pytest.mark.parametrize("value", ['"2"', "-1", "true", "86400", "nan"])
def test_settle_seconds_must_be_a_sensible_number(tmp_path: Path, value: str) -> None:
    site = _site(tmp_path / "site", line=f"settle_seconds = {value}\n")
    with pytest.raises(ConfigError, match="settle_seconds"):
        site.config()


def test_check_compares_every_article_however_fresh(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=2, settle_seconds=2)
    site.age()
    site.build()
    site.write(3)  # committed without its feeds; CI checks seconds after the checkout
    report = site.build(check=True)
    assert report.waiting == []
    assert report.stale, "a new article makes the committed feeds stale"
