"""Authors with e-mail addresses, and each entry's own language, in both formats."""

from __future__ import annotations

from dataclasses import replace

import feedparser
import pytest
from lxml import etree

from documents import build_atom, build_rss
from feedwright.loader.parse import parse_article
from feedwright.loader.people import split_authors, split_person
from test_builder import info, make_entry

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("Procter & Gamble Newsroom; Smith, John", ["Procter & Gamble Newsroom", "Smith, John"]),
        ("Smith, John", ["Smith, John"]),
        ("García Márquez, Gabriel", ["García Márquez, Gabriel"]),
        ("Jane Roe, John Doe", ["Jane Roe", "John Doe"]),
        ("Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
        ("Jane Roe & John Doe, Max Muster", ["Jane Roe", "John Doe", "Max Muster"]),
        ("A; B", ["A", "B"]),
        ("Smith, John <js@example.com>", ["Smith, John <js@example.com>"]),
    ],
)
def test_author_lines_split_into_people(line: str, people: list[str]) -> None:
    assert split_authors(line) == people


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Priya Nair <priya@example.com>", ("Priya Nair", "priya@example.com")),
        ('"Nair, Priya" <priya@example.com>', ("Nair, Priya", "priya@example.com")),
        ("priya@example.com (Priya Nair)", ("Priya Nair", "priya@example.com")),
        ("priya@example.com", ("priya", "priya@example.com")),
        ("Priya Nair", ("Priya Nair", None)),
        ("Priya <not an address>", ("Priya <not an address>", None)),
    ],
)
def test_a_person_is_a_name_and_perhaps_an_address(
    text: str, person: tuple[str, str | None]
) -> None:
    assert split_person(text) == person


def test_author_metadata_gives_names_and_addresses() -> None:
    entry = parse_article(
        "Title: T\nAuthor: Priya Nair <priya@example.com>; Smith, John\n\nBody text.",
        source="a.txt",
    )
    assert entry.authors == ("Priya Nair", "Smith, John")
    assert entry.emails == ("priya@example.com", None)
    yaml = "---\ntitle: T\nauthor:\n  - {name: Ana, email: ana@example.com}\n  - Bo\n---\nBody."
    entry = parse_article(yaml, source="a.md")
    assert entry.authors == ("Ana", "Bo") and entry.emails == ("ana@example.com", None)
    assert parse_article("Title: T\nAuthor: Bo\n\nBody.", source="b.txt").emails == ()


def test_atom_authors_carry_their_address_apart_from_the_name() -> None:
    entry = make_entry(1, authors=("Priya Nair", "Bo"), emails=("priya@example.com", None))
    root = etree.fromstring(build_atom([entry], info([entry])))
    authors = root.findall(f"{ATOM}entry/{ATOM}author")
    assert [(a.findtext(f"{ATOM}name"), a.findtext(f"{ATOM}email")) for a in authors] == [
        ("Priya Nair", "priya@example.com"),
        ("Bo", None),
    ]


def test_rss_gives_a_sole_author_with_an_address_as_author_else_dc_creator() -> None:
    sole = make_entry(1, authors=("Priya Nair",), emails=("priya@example.com",))
    many = make_entry(2, authors=("Priya Nair", "Bo"), emails=("priya@example.com", None))
    root = etree.fromstring(build_rss([sole, many], info([sole, many])))
    first, second = root.findall("channel/item")
    # RSS allows one <author>, an address; the validator warns on <author> beside dc:creator.
    assert first.findtext("author") == "priya@example.com (Priya Nair)"
    assert first.find(f"{DC}creator") is None
    assert second.find("author") is None
    assert [c.text for c in second.findall(f"{DC}creator")] == ["Priya Nair", "Bo"]


def test_an_entry_in_another_language_says_so_in_both_formats() -> None:
    german = make_entry(1, language="de")
    english = make_entry(2, language="en")
    undecided = make_entry(3, language=None)
    entries = [german, english, undecided]
    atom = etree.fromstring(build_atom(entries, info(entries)))
    langs = [
        (e.get(XML_LANG), e.find(f"{ATOM}content").get(XML_LANG))  # type: ignore[union-attr]
        for e in atom.findall(f"{ATOM}entry")
    ]
    assert langs == [("de", "de"), (None, None), (None, None)]
    parsed = feedparser.parse(build_atom(entries, info(entries)))
    assert [e.content[0].language for e in parsed.entries] == ["de", "en", "en"]
    rss = etree.fromstring(build_rss(entries, info(entries)))
    assert [i.findtext(f"{DC}language") for i in rss.findall("channel/item")] == ["de", None, None]


def test_the_feed_language_decides_what_differs() -> None:
    entry = replace(make_entry(1), language="en")
    root = etree.fromstring(build_atom([entry], info([entry], language="fr")))
    assert root.find(f"{ATOM}entry").get(XML_LANG) == "en"  # type: ignore[union-attr]
