"""A corrected metadata ``Date`` moves ``published``; an inferred date never moves."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import feedparser

from feedwright.entry import Entry
from feedwright.ledger import Ledger, dump_ledger, load_ledger, reconcile
from feedwright.loader.parse import parse_article
from sites import make_site

UTC = timezone.utc
NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)


def settle(ledger: Ledger, entry: Entry, digest: str) -> tuple[Entry, Ledger]:
    done = reconcile(ledger, [(entry, digest)], domain="example.org", now=NOW, tzinfo=UTC)
    assert not done.problems
    (settled,) = done.entries
    return settled, done.ledger


def test_a_corrected_date_header_moves_published_and_keeps_the_id() -> None:
    first = parse_article("Date: 2024-03-01 09:00\n\nA headline\n\nBody text.", source="a.txt")
    assert first.published_from == "metadata"
    one, ledger = settle(Ledger(), first, "h1")
    fixed = parse_article("Date: 2024-03-02 09:00\n\nA headline\n\nBody text.", source="a.txt")
    two, _ = settle(ledger, fixed, "h2")
    assert two.id == one.id
    assert two.published == datetime(2024, 3, 2, 9, tzinfo=UTC)
    assert two.updated is not None and two.updated >= two.published


def test_an_inferred_date_never_moves() -> None:
    text = "A headline\n\nPublished {} 09:00 UTC\n\nBody text for the story."
    first = parse_article(text.format("2024-03-01"), source="a.txt")
    assert first.published_from == "text"
    one, ledger = settle(Ledger(), first, "h1")
    two, _ = settle(ledger, parse_article(text.format("2024-03-02"), source="a.txt"), "h2")
    assert two.id == one.id and two.published == one.published


def test_a_ledger_from_before_declared_dates_loads_and_learns_them() -> None:
    article = "Date: 2024-03-01 09:00\n\nA headline\n\nBody text."
    _, ledger = settle(Ledger(), parse_article(article, source="a.txt"), "h1")
    old = json.loads(dump_ledger(ledger))
    del old["articles"]["a.txt"]["declared"]  # as a ledger written before the field
    ledger = load_ledger(json.dumps(old), path="ledger.json")
    assert not ledger.records["a.txt"].declared
    # Unchanged, the record learns that its date is the header's...
    same, ledger = settle(ledger, parse_article(article, source="a.txt"), "h1")
    assert ledger.records["a.txt"].declared
    # ...and so follows the next correction.
    fixed = parse_article(article.replace("03-01", "03-05"), source="a.txt")
    moved, _ = settle(ledger, fixed, "h2")
    assert moved.id == same.id and moved.published == datetime(2024, 3, 5, 9, tzinfo=UTC)


def test_an_undeclared_record_is_written_as_before() -> None:
    entry = Entry(source="a.txt", title="T", published=datetime(2024, 3, 1, tzinfo=UTC))
    _, ledger = settle(Ledger(), entry, "h1")
    assert '"declared"' not in dump_ledger(ledger)


def test_a_corrected_date_reaches_the_feed_under_the_same_id(tmp_path: Path) -> None:
    site = make_site(tmp_path, count=2)
    site.build()
    before = {e.id: e.published for e in feedparser.parse(site.feeds / "atom.xml").entries}
    path = site.articles / "a001.txt"
    path.write_text(path.read_text("utf-8").replace("2024-01-01", "2023-12-25"), "utf-8")
    site.build()
    after = {e.id: e.published for e in feedparser.parse(site.feeds / "atom.xml").entries}
    assert after.keys() == before.keys()
    changed = {i for i in after if after[i] != before[i]}
    assert len(changed) == 1
    assert after[changed.pop()].startswith("2023-12-25T09:00:00")
    site.assert_valid()
