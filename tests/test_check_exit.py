"""``build --check`` exits 1 only for stale feeds: a skipped article is listed, and a
check of feeds that are up to date passes (issue 14, item 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sites import cli, make_site


def test_check_lists_a_skipped_article_and_passes_when_the_feeds_are_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site", count=3)
    monkeypatch.chdir(site.root)
    (site.articles / "broken.txt").write_bytes(b"")
    code, _, err = cli("build", clock=site.clock())
    assert code == 1, err  # the run that meets the bad article says so
    code, out, err = cli("build", "--check", clock=site.clock())
    assert code == 0, err
    assert out == "feedwright: feeds are up to date (3 entries)\n"
    assert err.splitlines() == [
        "articles/broken.txt: empty article (no text at all)",
        "feedwright: 1 article(s) skipped",
    ]
    site.write(4)
    code, _, err = cli("build", "--check", clock=site.clock())
    assert code == 1, "stale feeds still fail the check"
    assert "articles/broken.txt: empty article (no text at all)" in err
