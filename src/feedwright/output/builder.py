"""Entries to Atom 1.0 and RSS 2.0 bytes; the only module that touches feedgen.

feedgen fills unset dates with ``now()``, prepends entries unless told otherwise, drops
RSS authors without an e-mail and raises bare ``ValueError``: every field is set here
explicitly, entries are appended in our order, authors go to ``dc:creator``, and its
errors become :class:`FeedError` naming the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any, TypeVar

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.ext.dc import DcEntryExtension, DcExtension
from feedgen.ext.media import MediaEntryExtension, MediaExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from feedwright.entry import Entry, EntryHead
from feedwright.errors import FeedError

FH_NS = "http://purl.org/syndication/history/1.0"
_ATOM_NS = "http://www.w3.org/2005/Atom"
# feedgen creates un-namespaced elements under a default-namespace root.
_ATOM_TEXT = frozenset({"title", "subtitle", f"{{{_ATOM_NS}}}title", f"{{{_ATOM_NS}}}subtitle"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_END_TAG = re.compile(rb"&lt;/\s*[A-Za-z]")
_MARKUP = re.compile(r"[<>&]")
_RSS_PLAIN = re.compile(rb"(<(title|dc:creator|category)>)([^<]*)(</\2>)")
_RSS_NSMAP = {
    "atom": _ATOM_NS,
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
}
_ITEM_DECLS = re.compile(rb'^<item(?: xmlns:\w+="[^"]*")+')
_HEX_REFS = ((b"&lt;", b"&#x3C;"), (b"&gt;", b"&#x3E;"), (b"&amp;", b"&#x26;"))
#: Entries or their heads: sorting needs only the dates and ids.
E = TypeVar("E", bound=EntryHead)
ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"


@dataclass(frozen=True)
class FeedInfo:
    """One feed document's identity: who, where, and how it links to its archives."""

    title: str
    description: str
    site_url: str
    self_url: str
    author: str
    email: str
    language: str
    #: The document's ``updated``/``lastBuildDate``: the newest entry's, never the clock.
    updated: datetime
    #: Extra links as (rel, href): ``current``, ``prev-archive``, ``next-archive``.
    links: tuple[tuple[str, str], ...] = ()
    #: RFC 5005 marker in the head: "archive" (``<fh:archive/>``), "complete" or "".
    history: str = ""
    #: WebSub hubs announced as ``rel="hub"`` links.
    hubs: tuple[str, ...] = ()
    #: URL (relative to the document) of a CSS stylesheet for people who open the feed
    #: in a browser, or "" for none.
    stylesheet: str = ""


def sort_entries(entries: list[E]) -> list[E]:
    """Newest first by ``published``, ties broken by id: a total, stable order."""
    by_id = sorted(entries, key=lambda e: e.id or "")
    return sorted(by_id, key=lambda e: _need(e.published, e), reverse=True)


def _need(value: datetime | None, entry: EntryHead) -> datetime:
    if value is None:
        raise FeedError("entry has no date (the ledger must run first)", path=entry.source)
    return value


class _Archive(BaseExtension):  # type: ignore[misc]
    """RFC 5005 ``<fh:archive/>`` in the feed head."""

    marker = "archive"

    def extend_ns(self) -> dict[str, str]:
        return {"fh": FH_NS}

    def extend_atom(self, feed: Any) -> Any:
        feed.insert(0, etree.Element(f"{{{FH_NS}}}{self.marker}"))
        return feed

    def extend_rss(self, feed: Any) -> Any:
        feed[0].insert(0, etree.Element(f"{{{FH_NS}}}{self.marker}"))
        return feed


class _Complete(_Archive):
    """RFC 5005 ``<fh:complete/>``: this one document holds every entry."""

    marker = "complete"


class _RssLinks(BaseExtension):  # type: ignore[misc]
    """``atom:link`` elements beyond ``self`` in the RSS channel (feedgen writes only self).

    RSS subscribers need ``prev-archive``/``current``/``next-archive`` too to reach the
    archive pages (RFC 5005, Appendix B).
    """

    links: tuple[tuple[str, str], ...] = ()
    #: WebSub hubs: ``atom:link rel="hub"``, as the WebSub spec (section 4) asks of RSS.
    hubs: tuple[str, ...] = ()

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_atom(self, feed: Any) -> Any:
        return feed

    def extend_rss(self, feed: Any) -> Any:
        channel = feed[0]
        anchor = channel.find(f"{{{_ATOM_NS}}}link")
        position = list(channel).index(anchor) + 1 if anchor is not None else len(channel)
        links = [{"href": href, "rel": rel, "type": RSS_TYPE} for rel, href in self.links]
        links += [{"href": hub, "rel": "hub"} for hub in self.hubs]
        for offset, attributes in enumerate(links):
            channel.insert(position + offset, etree.Element(f"{{{_ATOM_NS}}}link", attributes))
        return feed


class _EntryLanguage(BaseExtension):  # type: ignore[misc]
    """``xml:lang`` on an Atom entry and its content, where it differs from the feed's.

    RFC 4287 section 2: xml:lang on an element says the language of its text; the
    feed's own xml:lang covers every entry that does not say otherwise.
    """

    language = ""

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_atom(self, element: Any) -> Any:
        element.set(_XML_LANG, self.language)
        for child in element:
            if child.tag in ("content", f"{{{_ATOM_NS}}}content"):
                child.set(_XML_LANG, self.language)
        return element

    def extend_rss(self, element: Any) -> Any:
        return element


class _AtomEnclosure(BaseExtension):  # type: ignore[misc]
    """``rel="enclosure"``, type and length on the Atom link feedgen writes bare.

    feedgen 1.0 loses every Atom link attribute but ``href`` (its loop variable shadows
    the link's dict), which would make the file a second ``alternate`` link
    (the validator's DuplicateAtomLink).
    """

    enclosure: tuple[str, str, int] = ("", "", 0)

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_atom(self, element: Any) -> Any:
        url, kind, length = self.enclosure
        for child in element:
            if child.tag in ("link", f"{{{_ATOM_NS}}}link") and child.get("href") == url:
                child.set("rel", "enclosure")
                child.set("type", kind)
                child.set("length", str(length))
                break
        return element

    def extend_rss(self, element: Any) -> Any:
        return element


class _AtomText(BaseExtension):  # type: ignore[misc]
    """Atom titles that look like markup become ``type="html"``, escaped once more.

    A text title holding ``</script>`` draws the validator's ContainsUndeclaredHTML and
    some readers render it; as escaped HTML every reader shows it literally.
    """

    def extend_ns(self) -> dict[str, str]:
        return {}

    def extend_atom(self, element: Any) -> Any:
        for child in element:
            if child.tag in _ATOM_TEXT and child.text and _MARKUP.search(child.text):
                child.text = escape(child.text, quote=False)
                child.set("type", "html")
        return element

    def extend_rss(self, element: Any) -> Any:
        return element


def _rss_char_refs(data: bytes) -> bytes:
    """Write ``&``, ``<`` and ``>`` in RSS plain-text elements as hex character references.

    Same XML, but the RSS Best Practices Profile (and the validator's CharacterData
    warning) asks for ``&#x26;``/``&#x3C;``/``&#x3E;`` there, the form most readers get right.
    """

    def fix(match: re.Match[bytes]) -> bytes:
        body = match.group(3)
        if _END_TAG.search(body):
            # No encoding of "</b>" escapes ContainsHTML (the validator checks the decoded
            # text), and readers that render titles would obey the tag: escape it once
            # more so it shows literally.
            body = body.replace(b"&", b"&amp;")
        for entity, ref in _HEX_REFS:
            body = body.replace(entity, ref)
        return match.group(1) + body + match.group(4)

    return _RSS_PLAIN.sub(fix, data)


def _head(info: FeedInfo, self_type: str) -> FeedGenerator:
    """A feed with every head field set explicitly and no entries."""
    fg = FeedGenerator()
    fg.id(info.self_url)
    fg.title(info.title)
    fg.description(info.description)
    author: dict[str, str] = {"name": info.author}
    if info.email:
        author["email"] = info.email
    fg.author(author)
    fg.language(info.language)
    fg.generator("feedwright")
    fg.updated(info.updated)
    # feedgen uses the last link as the RSS channel <link>: the site, added last.
    fg.link(href=info.self_url, rel="self", type=self_type)
    for rel, href in info.links:
        fg.link(href=href, rel=rel, type=self_type)
    for hub in info.hubs:
        fg.link(href=hub, rel="hub")
    fg.link(href=info.site_url, rel="alternate", type="text/html")
    if info.history:
        fg.register_extension("fh", _Archive if info.history == "archive" else _Complete, None)
    fg.register_extension("fwtext", _AtomText, _AtomText, atom=True, rss=False)
    return fg


def _feed_entry(entry: Entry, language: str) -> FeedEntry:
    fe = FeedEntry()
    # register_extension, not load_extension: the latter searches for a module per entry.
    fe.register_extension("dc", DcEntryExtension, atom=False, rss=True)
    fe.register_extension("fwtext", _AtomText, atom=True, rss=False)
    ident = entry.id or ""
    fe.guid(ident, permalink=ident.startswith(("http://", "https://")))
    fe.title(entry.title)
    fe.published(_need(entry.published, entry))
    fe.updated(_need(entry.updated, entry))
    if entry.link:
        fe.link(href=entry.link, rel="alternate", type="text/html")
    emails = (*entry.emails, *(None,) * len(entry.authors))
    people = list(zip(entry.authors, emails, strict=False))
    for name, email in people:
        fe.author({"name": name, "email": email} if email else {"name": name})
    if not _rss_author(entry):
        # RSS <author> must be an address and an item has at most one, and the validator
        # warns (DuplicateItemSemantics) on <author> beside dc:creator: names go here.
        for name, _ in people:
            fe.dc.dc_creator(name)
    _media(fe, entry)
    if entry.language and entry.language.lower() != language.lower():
        fe.dc.dc_language(entry.language)
        fe.register_extension("fwlang", _EntryLanguage, atom=True, rss=False)
        fe.fwlang.language = entry.language
    for tag in entry.tags:
        fe.category(term=tag)
    # Summaries are plain text; escaping them into type="html" makes readers show "<b>"
    # literally in both formats (RSS description is always read as HTML).
    # Quotes stay as they are (valid in HTML text): a browser showing the feed through
    # its stylesheet shows the escaped text as it is, and "&#x27;" reads badly there.
    summary = escape(entry.summary or entry.title, quote=False)
    fe.content(entry.content_html or f"<p>{summary}</p>", type="html")
    fe.summary(summary, type="html")
    return fe


def _media(fe: FeedEntry, entry: Entry) -> None:
    """The lead image as Media RSS, and a local file as an enclosure (RSS <enclosure>,
    Atom link rel="enclosure"), with the type and length RSS 2.0 requires."""
    if entry.enclosure:
        url, kind, length = entry.enclosure
        fe.enclosure(url, str(length), kind)
        fe.register_extension("fwenclosure", _AtomEnclosure, atom=True, rss=False)
        fe.fwenclosure.enclosure = entry.enclosure
    lead = entry.image or (entry.enclosure[0] if entry.enclosure else None)
    if lead is None:
        return
    fe.register_extension("media", MediaEntryExtension, atom=True, rss=True)
    content = {"url": lead, "medium": "image" if entry.image else None}
    if entry.enclosure and entry.enclosure[0] == lead:
        content.update(type=entry.enclosure[1], fileSize=str(entry.enclosure[2]))
        if not entry.image and not entry.enclosure[1].startswith("image/"):
            content["medium"] = None
    fe.media.content({k: v for k, v in content.items() if v}, group=None)
    if entry.image:
        fe.media.thumbnail({"url": entry.image}, group=None)


def _rss_author(entry: Entry) -> bool:
    """The item's one author has an address: RSS says so as ``<author>email (Name)</author>``."""
    return len(entry.authors) == 1 and bool(entry.emails and entry.emails[0])


def fragments(entry: Entry, *, language: str = "") -> tuple[bytes, bytes]:
    """``entry`` as one Atom ``<entry>`` and one RSS ``<item>``, as they appear inside
    their documents, built from one feedgen entry and serialised once.

    Raises:
        FeedError: the entry cannot be represented (names the article).
    """
    fe = _feed_entry(entry, language)
    return _atom_bytes(fe, entry), _rss_bytes(fe, entry)


def _atom_bytes(fe: FeedEntry, entry: Entry) -> bytes:
    try:
        element = fe.atom_entry()
    except ValueError as e:
        raise FeedError(f"cannot build entry: {e}", path=entry.source) from e
    if entry.image or entry.enclosure:
        # One "media" declaration on the entry, not ns0/ns1 on each element.
        etree.cleanup_namespaces(element, top_nsmap={"media": _RSS_NSMAP["media"]})
    etree.indent(element, space="  ", level=1)
    return b"  " + etree.tostring(element, encoding="UTF-8") + b"\n"


def _rss_bytes(fe: FeedEntry, entry: Entry) -> bytes:
    try:
        element = fe.rss_entry()
    except ValueError as e:
        raise FeedError(f"cannot build entry: {e}", path=entry.source) from e
    if not _rss_author(entry):
        for author in element.findall("author"):
            element.remove(author)
    # Serialised under a root that declares the namespaces, then the declarations lxml
    # repeats on the item are dropped: the document's root declares them once.
    holder = etree.Element("rss", nsmap=_RSS_NSMAP)
    holder.append(element)
    etree.indent(element, space="  ", level=2)
    data = _ITEM_DECLS.sub(b"<item", etree.tostring(element, encoding="UTF-8"), count=1)
    return _rss_char_refs(b"    " + data + b"\n")


def assemble_atom(info: FeedInfo, fragments: list[bytes]) -> bytes:
    """An Atom 1.0 document: the head for ``info`` and the entry fragments in order."""
    try:
        head: bytes = _head(info, ATOM_TYPE).atom_str(pretty=True, encoding="UTF-8")
    except ValueError as e:
        raise FeedError(f"cannot write Atom feed: {e}") from e
    return _splice(_styled(head, info), b"</feed>", fragments)


def assemble_rss(info: FeedInfo, fragments: list[bytes], *, media: bool | None = None) -> bytes:
    """An RSS 2.0 document: the channel for ``info`` and the item fragments in order.

    The channel declares the Media RSS namespace when an item uses it (``media``, by
    default found in ``fragments``)."""
    fg = _head(info, RSS_TYPE)
    fg.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
    if media is None:
        media = any(b"<media:" in fragment for fragment in fragments)
    if media:
        # Declared on the channel only where an item uses it: other feeds stay as they were.
        fg.register_extension("media", MediaExtension, None, atom=False, rss=True)
    if info.links or info.hubs:
        fg.register_extension("fwlinks", _RssLinks, None, atom=False, rss=True)
        fg.fwlinks.links = info.links
        fg.fwlinks.hubs = info.hubs
    try:
        head: bytes = fg.rss_str(pretty=True, encoding="UTF-8")
    except ValueError as e:
        raise FeedError(f"cannot write RSS feed: {e}") from e
    return _splice(_styled(_rss_char_refs(head), info), b"  </channel>", fragments)


def _styled(head: bytes, info: FeedInfo) -> bytes:
    """``head`` with the stylesheet processing instruction after the XML declaration.

    A browser shows a feed styled by CSS instead of as a raw tree or a download; CSS is
    what is left since client-side XSLT is being removed (WHATWG html#11523), and the
    W3C validator accepts the instruction without a warning.
    """
    if not info.stylesheet:
        return head
    cut = head.index(b"?>") + 2
    href = escape(info.stylesheet).encode("utf-8")
    return head[:cut] + b'\n<?xml-stylesheet type="text/css" href="' + href + b'"?>' + head[cut:]


def _splice(head: bytes, closing: bytes, fragments: list[bytes]) -> bytes:
    cut = head.rindex(closing)
    return b"".join([head[:cut], *fragments, head[cut:]])
