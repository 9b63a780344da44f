"""A published entry read back from our Atom document builds the same bytes again."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from feedwright.entry import Entry
from feedwright.output.builder import FeedInfo, assemble_atom, fragments
from feedwright.output.reread import published_entries

WHEN = datetime(2024, 3, 1, 9, 30, 15, 250000, tzinfo=timezone.utc)
# Text the loader lets through: any printable character, markup-looking runs included.
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'; "),
    max_size=40,
)
INFO = FeedInfo(
    title="Read back",
    description="Entries read back from the published document",
    site_url="https://example.org/",
    self_url="https://example.org/feeds/atom.xml",
    author="feedwright",
    email="",
    language="en",
    updated=WHEN,
)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    authors = tuple(draw(st.lists(_TEXT.filter(str.strip), max_size=2)))
    return Entry(
        source="a.txt",
        id="tag:example.org,2024-03-01:a",
        title=draw(_TEXT.filter(str.strip)),
        authors=authors,
        emails=tuple(draw(st.sampled_from([None, "desk@example.org"])) for _ in authors),
        language=draw(st.sampled_from([None, "fr", "pt-BR"])),
        published=WHEN,
        updated=WHEN + timedelta(seconds=draw(st.integers(0, 10**6))),
        summary=draw(_TEXT),
        content_html=draw(st.sampled_from(["", "<p>Body &amp; <b>more</b></p>"])),
        tags=tuple(draw(st.lists(_TEXT.filter(str.strip), max_size=2))),
        link=draw(st.sampled_from([None, "https://example.org/a?x=1&y=2"])),
    )


@settings(max_examples=150, deadline=None)
@given(entries())
def test_an_entry_read_back_from_its_document_builds_the_same_fragments(entry: Entry) -> None:
    document = assemble_atom(INFO, [fragments(entry, language="en")[0]])
    back = published_entries(document, {entry.id or "": "elsewhere.txt"})
    assert list(back) == [entry.id]
    again = back[entry.id or ""]
    assert again.source == "elsewhere.txt"
    rebuilt = replace(again, source=entry.source)
    assert fragments(rebuilt, language="en") == fragments(entry, language="en")


def test_only_the_wanted_entries_come_back_and_a_broken_document_gives_none() -> None:
    one = Entry(source="a.txt", id="tag:x,2024:a", title="A", published=WHEN, updated=WHEN)
    two = replace(one, source="b.txt", id="tag:x,2024:b", title="B")
    document = assemble_atom(INFO, [fragments(one)[0], fragments(two)[0]])
    assert [e.title for e in published_entries(document, {"tag:x,2024:b": "b.txt"}).values()] == [
        "B"
    ]
    assert published_entries(document[:-40], {"tag:x,2024:b": "b.txt"}) == {}
