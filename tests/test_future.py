"""No instant in any feed lies after the build clock, however many articles arrive at once."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from lxml import etree

from sites import make_site

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_instants(path: Path) -> list[datetime]:
    root = etree.parse(str(path)).getroot()
    return [
        datetime.fromisoformat(el.text or "")
        for name in ("updated", "published")
        for el in root.iter(f"{ATOM}{name}")
    ]


def test_many_undated_articles_and_edits_stay_before_the_clock(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=0, max_entries=200)
    site.articles.mkdir()
    for n in range(120):
        (site.articles / f"n{n:03d}.txt").write_text(
            f"Headline {n} with no date\n\nThe desk filed article {n} without any date.\n"
        )
    now = site.now()
    site.build()
    site.assert_valid()
    instants = atom_instants(site.feeds / "atom.xml")
    assert max(instants) == now
    assert len(set(atom_instants(site.feeds / "atom.xml")[1:])) > 100  # entries: all distinct
    # All edited in one later build.
    for n in range(120):
        (site.articles / f"n{n:03d}.txt").write_text(
            f"Headline {n} with no date\n\nThe desk corrected article {n}.\n"
        )
    later = site.now()
    site.build()
    site.assert_valid()
    assert max(atom_instants(site.feeds / "atom.xml")) == later
    assert min(atom_instants(site.feeds / "atom.xml")) >= now - timedelta(seconds=120)
