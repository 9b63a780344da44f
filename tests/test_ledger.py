"""The ledger: ids and dates are decided once and survive edits, renames and deletions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import PurePosixPath
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedwright.entry import Entry
from feedwright.errors import LedgerError
from feedwright.ledger import (
    Ledger,
    Record,
    _spread_updated,
    archive_page_count,
    describe_changes,
    dump_ledger,
    load_ledger,
    mint_id,
    reconcile,
)

UTC = timezone.utc
NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)
LATER = NOW + timedelta(days=1)


def entry(source: str, *, day: int | None = 1, ident: str | None = None) -> Entry:
    published = datetime(2024, 1, day, 9, tzinfo=UTC) if day else None
    return Entry(source=source, title=f"Title of {source}", published=published, id=ident)


def settle(
    ledger: Ledger, pairs: list[tuple[Entry, str]], *, now: datetime = NOW, page_size: int = 100
) -> tuple[list[Entry], Ledger]:
    done = reconcile(
        ledger, pairs, domain="news.example.com", now=now, tzinfo=UTC, page_size=page_size
    )
    assert not done.problems, done.problems
    return done.entries, done.ledger


def by_source(entries: list[Entry]) -> dict[str, Entry]:
    return {e.source: e for e in entries}


def test_a_new_article_gets_a_tag_id_from_domain_date_and_name() -> None:
    entries, ledger = settle(Ledger(), [(entry("2024/a.txt"), "h1")])
    (e,) = entries
    assert e.id == "tag:news.example.com,2024-01-01:2024/a"
    assert e.published == e.updated == datetime(2024, 1, 1, 9, tzinfo=UTC)
    assert ledger.records["2024/a.txt"].hash == "h1"


def test_a_dateless_article_is_dated_by_its_file_name_or_the_first_build() -> None:
    entries, _ = settle(
        Ledger(), [(entry("2023-05-06-x.txt", day=None), "h1"), (entry("y.txt", day=None), "h2")]
    )
    got = by_source(entries)
    assert got["2023-05-06-x.txt"].published == datetime(2023, 5, 6, tzinfo=UTC)
    assert got["y.txt"].published == NOW


def test_an_article_with_only_an_updated_date_is_published_then() -> None:
    updated = datetime(2024, 3, 2, 15, 5, tzinfo=UTC)
    only_updated = Entry(source="ap.txt", title="AP story", updated=updated)
    (e,), _ = settle(Ledger(), [(only_updated, "h1")])
    assert e.published == e.updated == updated
    assert e.id == "tag:news.example.com,2024-03-02:ap"


def test_nothing_changed_means_the_same_ledger() -> None:
    pairs = [(entry("a.txt"), "h1"), (entry("b.txt", day=2), "h2")]
    first, ledger = settle(Ledger(), pairs)
    again, ledger2 = settle(ledger, pairs, now=LATER)
    assert again == first and dump_ledger(ledger2) == dump_ledger(ledger)


def test_an_edit_keeps_id_and_published_and_moves_updated() -> None:
    first, ledger = settle(Ledger(), [(entry("a.txt"), "h1")])
    edited, _ = settle(ledger, [(entry("a.txt"), "h2")], now=LATER)
    assert edited[0].id == first[0].id
    assert edited[0].published == first[0].published
    assert edited[0].updated == LATER


def test_a_rename_with_the_same_content_keeps_everything() -> None:
    first, ledger = settle(Ledger(), [(entry("a.txt"), "h1")])
    moved, ledger2 = settle(ledger, [(entry("sub/b.txt"), "h1")], now=LATER)
    assert (moved[0].id, moved[0].published, moved[0].updated) == (
        first[0].id,
        first[0].published,
        first[0].updated,
    )
    assert list(ledger2.records) == ["sub/b.txt"] and not ledger2.retired


def test_a_moved_and_edited_article_with_an_explicit_id_keeps_it() -> None:
    first, ledger = settle(Ledger(), [(entry("a.txt", ident="urn:x:1"), "h1")])
    done, _ = settle(ledger, [(entry("b.txt", ident="urn:x:1"), "h2")], now=LATER)
    assert done[0].id == "urn:x:1" and done[0].published == first[0].published
    assert done[0].updated == LATER


def test_two_articles_with_one_explicit_id_skip_the_second_only() -> None:
    pairs = [(entry("a.txt", ident="urn:x:1"), "h1"), (entry("b.txt", ident="urn:x:1"), "h2")]
    done = reconcile(Ledger(), pairs, domain="d.example", now=NOW, tzinfo=UTC)
    assert [e.source for e in done.entries] == ["a.txt"]
    assert [str(p) for p in done.problems.values()] == ["b.txt: Id 'urn:x:1' is already a.txt's"]
    # A build names both articles as it names every other one: under the articles folder.
    named = reconcile(
        Ledger(), pairs, domain="d.example", now=NOW, tzinfo=UTC, shown="articles/{}".format
    )
    assert [str(p) for p in named.problems.values()] == [
        "articles/b.txt: Id 'urn:x:1' is already articles/a.txt's"
    ]
    assert list(named.problems) == ["b.txt"]


def test_an_id_header_added_after_publication_is_ignored_with_a_warning() -> None:
    first, ledger = settle(Ledger(), [(entry("a.txt"), "h1")])
    done = reconcile(
        ledger, [(entry("a.txt", ident="urn:late"), "h2")], domain="d", now=LATER, tzinfo=UTC
    )
    assert done.entries[0].id == first[0].id
    assert "ids never change" in done.warnings[0]


def test_a_deleted_articles_id_is_never_reused() -> None:
    first, ledger = settle(Ledger(), [(entry("a.txt"), "h1")])
    _, ledger = settle(ledger, [(entry("b.txt", day=2), "h2")], now=LATER)
    assert ledger.retired[first[0].id].source == "a.txt"
    # Someone writes a different article under the old name, with the same date.
    reborn, _ = settle(ledger, [(entry("a.txt"), "h3")], now=LATER)
    assert reborn[0].id == first[0].id + "-2"


def test_ids_retired_twice_from_one_path_are_both_kept_and_never_minted_again() -> None:
    ledger, minted = Ledger(), []
    for n in range(1, 5):  # a different article under one name, published and deleted
        entries, ledger = settle(ledger, [(entry("bridge.md"), f"h{n}"), (entry("x.txt"), "hx")])
        minted.append(entries[0].id if entries[0].source == "bridge.md" else entries[1].id)
        _, ledger = settle(ledger, [(entry("x.txt"), "hx")])
        ledger = load_ledger(dump_ledger(ledger), path="l.json")
    base = "tag:news.example.com,2024-01-01:bridge"
    assert minted == [base, f"{base}-2", f"{base}-3", f"{base}-4"]
    assert sorted(ledger.retired) == sorted(minted)
    # Each text, restored, takes its own id back.
    back, _ = settle(ledger, [(entry("bridge.md"), "h2"), (entry("x.txt"), "hx")])
    assert by_source(back)["bridge.md"].id == f"{base}-2"


def test_an_unreadable_published_article_keeps_its_record_until_it_returns_edited() -> None:
    first, ledger = settle(Ledger(), [(entry("a.txt"), "h1"), (entry("b.txt", day=2), "h2")])
    done = reconcile(
        ledger,
        [(entry("b.txt", day=2), "h2")],
        domain="news.example.com",
        now=LATER,
        tzinfo=UTC,
        unreadable={"a.txt", "new.txt"},
    )
    assert done.held == {"a.txt": ledger.records["a.txt"]}
    assert done.ledger.records == ledger.records and not done.ledger.retired
    assert [e.source for e in done.entries] == ["b.txt"]
    back, _ = settle(done.ledger, [(entry("a.txt"), "h1-edited"), (entry("b.txt", day=2), "h2")])
    assert by_source(back)["a.txt"].id == by_source(first)["a.txt"].id
    assert by_source(back)["a.txt"].published == by_source(first)["a.txt"].published


def test_a_restored_article_comes_back_with_its_old_id() -> None:
    first, ledger = settle(Ledger(), [(entry("a.txt"), "h1"), (entry("b.txt", day=2), "h2")])
    _, ledger = settle(ledger, [(entry("b.txt", day=2), "h2")], now=LATER)
    back, ledger = settle(ledger, [(entry("a.txt"), "h1"), (entry("b.txt", day=2), "h2")])
    assert by_source(back)["a.txt"] == by_source(first)["a.txt"]
    assert not ledger.retired


def test_a_retired_record_is_found_even_beside_a_source_named_like_its_shelf() -> None:
    # "retired:a.txt" is a legal file name; it once hid the retired record of "a.txt".
    first, ledger = settle(Ledger(), [(entry("a.txt"), "h1"), (entry("z.txt", day=2), "h9")])
    _, ledger = settle(ledger, [(entry("retired:a.txt", day=3), "h2"), (entry("z.txt"), "h9")])
    assert ledger.retired[first[0].id].source == "a.txt"
    # Both go; the text of a.txt comes back under a new name and inherits its id.
    back, _ = settle(ledger, [(entry("b.txt"), "h1"), (entry("z.txt"), "h9")], now=LATER)
    assert by_source(back)["b.txt"].id == first[0].id


def test_every_updated_instant_is_unique() -> None:
    pairs = [(entry(f"{c}.txt"), f"h{c}") for c in "abcd"]
    entries, _ = settle(Ledger(), pairs)
    assert len({e.updated for e in entries}) == 4


def test_pages_go_to_the_oldest_first_whatever_the_file_names() -> None:
    # File names in the opposite order of the dates: z is the oldest.
    pairs = [(entry(name, day=day), f"h{day}") for day, name in enumerate("zyxwv", 1)]
    _, ledger = settle(Ledger(), pairs, page_size=2)
    pages = {k: r.page for k, r in ledger.records.items()}
    assert pages == {"z": 1, "y": 1, "x": 2, "w": 2, "v": 3}
    _, ledger = settle(ledger, [*pairs, (entry("a", day=9), "h9")], page_size=2)
    assert ledger.records["a"].page == 3  # the open page, not a reshuffle
    assert archive_page_count(ledger) == 3  # page 3 is full; page 4 opens with its entry


def test_deleted_entries_keep_their_place_on_a_page() -> None:
    pairs = [(entry(f"{n}.txt", day=n), f"h{n}") for n in range(1, 5)]
    _, ledger = settle(Ledger(), pairs, page_size=2)
    _, ledger = settle(ledger, pairs[1:], page_size=2)
    _, ledger = settle(ledger, [*pairs[1:], (entry("9.txt", day=9), "h9")], page_size=2)
    assert ledger.records["9.txt"].page == 3


def test_changes_are_described_per_article() -> None:
    _, old = settle(Ledger(), [(entry("a.txt"), "h1"), (entry("b.txt", day=2), "h2")])
    _, new = settle(old, [(entry("c.txt"), "h1"), (entry("d.txt", day=4), "h4")], now=LATER)
    assert describe_changes(old, new) == ["moved: a.txt -> c.txt", "new: d.txt", "removed: b.txt"]


def test_the_ledger_round_trips_and_a_damaged_one_is_refused() -> None:
    _, ledger = settle(Ledger(), [(entry("a.txt"), "h1")])
    text = dump_ledger(ledger)
    assert dump_ledger(load_ledger(text, path="l.json")) == text
    with pytest.raises(LedgerError, match="damaged"):
        load_ledger(text[: len(text) // 2], path="l.json")
    with pytest.raises(LedgerError, match="unsupported ledger version"):
        load_ledger('{"version": 99}', path="l.json")


SAFE = "/-._~!$&'()*+,;=:@"
# Names as the article listing gives them: folders and a file name, none hidden.
_PART = st.text(alphabet=st.sampled_from(list("ab.-_ é0")), min_size=1, max_size=8).filter(
    lambda p: not p.startswith(".")
)


@given(parts=st.lists(_PART, min_size=1, max_size=3))
def test_minted_ids_drop_the_suffix_as_pathlib_did(parts: list[str]) -> None:
    # Ids are forever: the string code that replaced PurePosixPath must mint the same ones.
    source = "/".join(parts)
    first = datetime(2024, 5, 6, tzinfo=timezone.utc)
    minted = mint_id(domain="x.example", first=first, source=source, taken=set())
    stem = PurePosixPath(source).with_suffix("").as_posix()
    assert minted == f"tag:x.example,2024-05-06:{quote(stem, safe=SAFE)}"


@given(
    offsets=st.lists(st.sampled_from([0, 0, 0, 1, 2, 5]), min_size=1, max_size=40),
    kept=st.sets(st.integers(0, 39)),
)
def test_updated_instants_are_spread_to_the_first_free_second_in_source_order(
    offsets: list[int], kept: set[int]
) -> None:
    base = datetime(2024, 1, 1, tzinfo=UTC)
    records = {
        f"s{i:02d}": Record(
            id=f"i{i}", published=base, updated=base + timedelta(seconds=o), hash="h"
        )
        for i, o in enumerate(offsets)
    }
    old = {k: r for k, r in records.items() if int(k[1:]) in kept}
    spread = dict(records)
    _spread_updated(spread, old, now=base + timedelta(days=1))
    # The rule, the slow way: records already in the old ledger keep their instant; each
    # other one, in source order, takes the first second from its own that is still free.
    used = {r.updated for r in old.values()}
    for key in sorted(records):
        if key in old:
            continue
        when = records[key].updated
        while when in used:
            when += timedelta(seconds=1)
        used.add(when)
        assert spread[key].updated == when, key
    moved = [spread[k].updated for k in records if k not in old]
    assert len(set(moved)) == len(moved)
    assert not set(moved) & {r.updated for r in old.values()}


@given(
    offsets=st.lists(st.sampled_from([0, 0, 0, 1, 2, 5]), min_size=1, max_size=40),
    kept=st.sets(st.integers(0, 39)),
    room=st.integers(0, 6),
)
def test_no_spread_instant_lies_after_the_clock(
    offsets: list[int], kept: set[int], room: int
) -> None:
    now = datetime(2024, 1, 1, 12, tzinfo=UTC)
    base = now - timedelta(seconds=room)
    records = {
        f"s{i:02d}": Record(
            id=f"i{i}",
            published=min(base + timedelta(seconds=o), now),
            updated=min(base + timedelta(seconds=o), now),
            hash="h",
        )
        for i, o in enumerate(offsets)
    }
    old: dict[str, Record] = {}
    for key, record in records.items():  # a ledger's instants are unique already
        if int(key[1:]) in kept and record.updated not in {r.updated for r in old.values()}:
            old[key] = record
    spread = dict(records)
    _spread_updated(spread, old, now=now)
    assert all(spread[k] == old[k] for k in old)  # what was published keeps its instants
    instants = [r.updated for r in spread.values()]
    assert len(set(instants)) == len(instants)
    assert max(instants) <= now
    for key, record in spread.items():
        assert record.published <= record.updated
        if record.published != records[key].published:
            assert key not in old and records[key].published == now  # clock-dated only


def test_articles_first_seen_together_are_spread_back_from_the_clock() -> None:
    # 300 undated articles in one build: none may be dated after the build.
    pairs = [(entry(f"n{i:03d}.txt", day=None), f"h{i}") for i in range(300)]
    entries, ledger = settle(Ledger(), pairs)
    instants = [e.updated for e in entries if e.updated]
    assert len(set(instants)) == 300 and max(instants) == NOW
    assert min(instants) == NOW - timedelta(seconds=299)
    assert all(e.published == e.updated for e in entries)
    # Edited together later, they stay before that build's clock too, and after their past.
    later = NOW + timedelta(seconds=10)
    again, _ = settle(ledger, [(e, d + "x") for (e, d) in pairs], now=later)
    new_instants = [e.updated for e in again if e.updated]
    assert len(set(new_instants)) == 300 and max(new_instants) == later
    before = {e.source: e.updated for e in entries}
    assert all(e.updated and e.updated > (before[e.source] or NOW) for e in again)


def test_a_fraction_of_a_second_survives_the_ledger() -> None:
    # The last resort of the spread when whole seconds before the clock are all taken.
    when = datetime(2025, 1, 1, 12, 0, 0, 999999, tzinfo=UTC)
    ledger = Ledger(records={"a.txt": Record(id="i", published=NOW, updated=when, hash="h")})
    text = dump_ledger(ledger)
    assert '"updated": "2025-01-01T12:00:00.999999Z"' in text
    assert load_ledger(text, path="l").records["a.txt"].updated == when
