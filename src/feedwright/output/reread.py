"""Entries read back from the Atom documents feedwright published.

A published article that cannot be read in one run (broken front matter, a file caught
half rewritten) keeps its entry in the feeds. The entry is taken from the published
documents, not from the parse cache: they are committed with the ledger, so it is there
on a fresh checkout too, and it is exactly what subscribers already have. Reading back
is exact for every field the builder writes: built again, the entry gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from html import unescape

from lxml import etree

from feedwright.entry import Entry
from feedwright.loader.dates import parse_rfc3339

_ATOM = "{http://www.w3.org/2005/Atom}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def published_entries(data: bytes, wanted: dict[str, str]) -> dict[str, Entry]:
    """The entries of the Atom document ``data`` whose id is in ``wanted`` (id to source).

    A document that is not well-formed Atom gives nothing; so does an entry that cannot
    be read back whole (it is left to the caller to say so).
    """
    try:
        root = etree.fromstring(
            data, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError:
        return {}
    found: dict[str, Entry] = {}
    for element in root.iterfind(f"{_ATOM}entry"):
        ident = element.findtext(f"{_ATOM}id") or ""
        if ident in wanted and ident not in found:
            entry = _entry(element, ident=ident, source=wanted[ident])
            if entry is not None:
                found[ident] = entry
    return found


def _entry(element: etree._Element, *, ident: str, source: str) -> Entry | None:
    title = element.find(f"{_ATOM}title")
    published = element.findtext(f"{_ATOM}published")
    updated = element.findtext(f"{_ATOM}updated")
    if title is None or not published or not updated:
        return None
    try:
        published_at, updated_at = parse_rfc3339(published), parse_rfc3339(updated)
    except ValueError:
        return None
    # A title that looks like markup is written as escaped HTML (see builder._AtomText).
    text = title.text or ""
    links = [
        link.get("href") or ""
        for link in element.iterfind(f"{_ATOM}link")
        if link.get("rel", "alternate") == "alternate"
    ]
    people = list(element.iterfind(f"{_ATOM}author"))
    emails = tuple(a.findtext(f"{_ATOM}email") or None for a in people)
    return Entry(
        source=source,
        id=ident,
        title=unescape(text) if title.get("type") == "html" else text,
        authors=tuple(a.findtext(f"{_ATOM}name") or "" for a in people),
        emails=emails if any(emails) else (),
        published=published_at,
        updated=updated_at,
        # The builder writes the plain-text summary escaped, as HTML.
        summary=unescape(element.findtext(f"{_ATOM}summary") or ""),
        content_html=element.findtext(f"{_ATOM}content") or "",
        tags=tuple(c.get("term") or "" for c in element.iterfind(f"{_ATOM}category")),
        link=links[0] if links else None,
        # Written on the entry only where it differs from the feed's (builder._EntryLanguage).
        language=element.get(_XML_LANG),
    )


def published_languages(data: bytes, wanted: Collection[str]) -> dict[str, str | None]:
    """The ``language`` of each JSON Feed item of ``data`` whose id is in ``wanted``.

    Atom writes an entry's language only where it differs from the feed's; JSON Feed
    writes every entry's own, so this is where an entry read back from Atom finds it.
    """
    try:
        items = json.loads(data).get("items", [])
        return {
            item["id"]: item.get("language")
            for item in items
            if isinstance(item, dict) and item.get("id") in wanted
        }
    except (ValueError, AttributeError, TypeError, RecursionError):
        return {}
