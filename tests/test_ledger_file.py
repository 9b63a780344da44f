"""The ledger file: what a build writes loads back, and a hand-edited one is refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from feedwright.errors import LedgerError
from feedwright.ledger import Skip, dump_ledger, load_ledger
from sites import cli, make_site

HASH = "9f" * 32


def record(ident: str = "tag:x.org,2024-01-01:a", **changes: object) -> dict[str, object]:
    good: dict[str, object] = {
        "hash": HASH,
        "id": ident,
        "page": 1,
        "published": "2024-01-01T09:00:00Z",
        "updated": "2024-01-02T09:00:00Z",
    }
    good.update(changes)
    return {k: v for k, v in good.items() if v is not None}


def ledger_text(*articles: dict[str, object], **top: object) -> str:
    named = {f"{'abc'[n]}.txt": a for n, a in enumerate(articles)}
    data = {"articles": named, "retired": {}, "version": 1, **top}
    return json.dumps(data)


def test_a_good_ledger_loads_and_dumps_back_the_same() -> None:
    text = ledger_text(record(), record("tag:x.org,2024-01-01:b", page=2))
    ledger = load_ledger(text, path="l.json")
    assert load_ledger(dump_ledger(ledger), path="l.json") == ledger
    assert [r.page for r in ledger.records.values()] == [1, 2]


def test_a_version_1_ledger_is_read_and_written_back_as_version_2() -> None:
    retired = {"gone.txt": record("tag:x.org,2024-01-01:gone", page=1)}
    text = json.dumps({"articles": {"a.txt": record()}, "retired": retired, "version": 1})
    ledger = load_ledger(text, path="l.json")
    assert ledger.retired["tag:x.org,2024-01-01:gone"].source == "gone.txt"
    dumped = dump_ledger(ledger)
    assert json.loads(dumped) == {
        "articles": {"a.txt": record()},
        "retired": {
            "tag:x.org,2024-01-01:gone": {
                **{k: v for k, v in record().items() if k != "id"},
                "source": "gone.txt",
            }
        },
        "version": 2,
    }
    assert load_ledger(dumped, path="l.json") == ledger


def test_skipped_articles_load_and_dump_back_as_version_3_and_without_as_2() -> None:
    skipped = {
        "b.txt": {"error": "line 2: malformed front matter: x", "hash": HASH},
        "c\udce9.txt": {"error": "file name is not valid UTF-8"},  # no bytes read
    }
    ledger = load_ledger(ledger_text(record(), skipped=skipped, version=3), path="l.json")
    assert ledger.skipped["b.txt"] == Skip(error="line 2: malformed front matter: x", hash=HASH)
    dumped = dump_ledger(ledger)
    dumped.encode("utf-8")  # a name that is not UTF-8 is escaped, as JSON allows
    assert json.loads(dumped)["skipped"] == skipped
    assert json.loads(dumped)["version"] == 3
    assert load_ledger(dumped, path="l.json") == ledger
    ledger.skipped.clear()
    assert '"skipped"' not in dump_ledger(ledger)
    assert json.loads(dump_ledger(ledger))["version"] == 2


def test_tags_and_what_was_published_load_and_dump_back_the_same() -> None:
    published = {
        "basis": "feedwright 1.0; config 0123",
        "pages": {"1": "a" * 64, "2": "b" * 64, "10": "c" * 64},
        "tag_feeds": {"caf\u00e9--850f7dc439": "d" * 64},
    }
    data = {
        "articles": {"a.txt": record(tags=["Économie", 'a "quoted" tag'])},
        "published": published,
        "retired": {},
        "version": 4,
    }
    ledger = load_ledger(json.dumps(data), path="l.json")
    assert ledger.records["a.txt"].tags == ("Économie", 'a "quoted" tag')
    assert sorted(ledger.published.pages) == [1, 2, 10]
    dumped = dump_ledger(ledger)
    assert json.loads(dumped) == data
    assert load_ledger(dumped, path="l.json") == ledger


BAD = {
    "page 0": (
        ledger_text(record(page=0)),
        'articles "a.txt": page must be a whole number from 1, not 0',
    ),
    "page -3": (
        ledger_text(record(page=-3)),
        'articles "a.txt": page must be a whole number from 1, not -3',
    ),
    "page past the ids": (
        ledger_text(record(), record("tag:x.org,2024-01-01:b", page=1000000000)),
        'articles "b.txt": page 1000000000 is out of range (1 to 2)',
    ),
    "page as text": (
        ledger_text(record(page="2")),
        "articles \"a.txt\": page must be a whole number from 1, not '2'",
    ),
    "page as true": (
        ledger_text(record(page=True)),
        'articles "a.txt": page must be a whole number from 1, not True',
    ),
    "integer id": (
        ledger_text(record(ident=12345)),  # type: ignore[arg-type]
        'articles "a.txt": id must be a non-empty string, not 12345',
    ),
    "empty id": (
        ledger_text(record(ident="")),
        "articles \"a.txt\": id must be a non-empty string, not ''",
    ),
    "missing hash": (
        ledger_text(record(hash=None)),
        'articles "a.txt": hash must be a non-empty string, not None',
    ),
    "year 9999": (
        ledger_text(record(updated="9999-12-31T00:00:00Z")),
        'articles "a.txt": updated 9999-12-31T00:00:00Z is out of range (1000 to 2999)',
    ),
    "a date that is not one": (
        ledger_text(record(published="2024-02-30T00:00:00Z")),
        "articles \"a.txt\": published must be an RFC 3339 instant, not '2024-02-30T00:00:00Z'",
    ),
    "a date without a zone": (
        ledger_text(record(published="2024-01-01T09:00:00")),
        "articles \"a.txt\": published must be an RFC 3339 instant, not '2024-01-01T09:00:00'",
    ),
    "updated before published": (
        ledger_text(record(updated="2023-01-01T00:00:00Z")),
        'articles "a.txt": updated is before published',
    ),
    "a duplicate id": (
        ledger_text(record(), record()),
        'articles "b.txt": id \'tag:x.org,2024-01-01:a\' is also articles "a.txt"\'s',
    ),
    "a retired id again": (
        json.dumps({"articles": {"a.txt": record()}, "retired": {"z.txt": record()}, "version": 1}),
        'retired "z.txt": id \'tag:x.org,2024-01-01:a\' is also articles "a.txt"\'s',
    ),
    "declared as text": (
        ledger_text(record(declared="yes")),
        "articles \"a.txt\": declared must be true or false, not 'yes'",
    ),
    "a version 2 retired record with an id": (
        json.dumps({"retired": {"tag:x.org,2024-01-01:a": record()}, "version": 2}),
        'retired "tag:x.org,2024-01-01:a": not a retired record '
        "(an object with a source and no id)",
    ),
    "a version 2 retired id that is an article's": (
        json.dumps(
            {
                "articles": {"a.txt": record()},
                "retired": {"tag:x.org,2024-01-01:a": {**record(ident=None), "source": "z.txt"}},
                "version": 2,
            }
        ),
        "retired \"tag:x.org,2024-01-01:a\": id 'tag:x.org,2024-01-01:a' "
        'is also articles "a.txt"\'s',
    ),
    "a skipped article without an error": (
        ledger_text(record(), skipped={"b.txt": {"hash": HASH}}),
        'skipped "b.txt": error must be a non-empty string, not None',
    ),
    "a skipped article with another key": (
        ledger_text(record(), skipped={"b.txt": {"error": "bad", "why": 1}}),
        'skipped "b.txt": not a skipped article (an object with an error and a hash)',
    ),
    "an unknown record key": (
        ledger_text(record(publisehd="2024-01-01T09:00:00Z")),
        "articles \"a.txt\": unknown key 'publisehd'",
    ),
    "a record that is a list": (ledger_text([1, 2]), 'articles "a.txt": not a JSON object'),  # type: ignore[arg-type]
    "articles that are a list": ('{"articles": [], "version": 1}', "articles is not a JSON object"),
    "a list": ("[1]", "ledger is damaged (not a JSON object)"),
    "deep nesting": (
        '{"version": 1, "articles": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "ledger is damaged (nested too deeply)",
    ),
    "version true": ('{"version": true}', "unsupported ledger version True"),
    "tags that are a string": (
        ledger_text(record(tags="politics")),
        "articles \"a.txt\": tags must be a list of strings, not 'politics'",
    ),
    "what was published, in a version 3 ledger": (
        json.dumps({"published": {}, "version": 3}),
        "unknown key 'published'",
    ),
    "a page digest that is not one": (
        json.dumps({"published": {"pages": {"1": "abc"}}, "version": 4}),
        "published pages \"1\": not a SHA-256 digest: 'abc'",
    ),
    "a page that is not a number": (
        json.dumps({"published": {"pages": {"01": "a" * 64}}, "version": 4}),
        'published pages: "01" is not a page number',
    ),
}


@pytest.mark.parametrize(("text", "message"), BAD.values(), ids=BAD.keys())
def test_a_hand_edited_ledger_is_refused_naming_the_record(text: str, message: str) -> None:
    with pytest.raises(LedgerError) as refused:
        load_ledger(text, path="feedwright-ledger.json")
    assert str(refused.value).startswith(f"feedwright-ledger.json: {message}")


@pytest.mark.parametrize("case", ["page 0", "page past the ids", "integer id", "year 9999"])
def test_the_build_refuses_a_bad_ledger_with_exit_2_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    site = make_site(tmp_path, count=2)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735732800")
    assert cli("build")[0] == 0
    text, message = BAD[case]
    site.ledger.write_text(text, encoding="utf-8")
    before = site.snapshot()
    code, out, err = cli("build")
    assert (code, out) == (2, "")
    assert err == (f"feedwright-ledger.json: {message}; restore it from version control\n"), err
    assert site.snapshot() == before
