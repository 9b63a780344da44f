"""Checks a feed document must pass before it may replace the published one.

Each check stands for a W3C Feed Validation Service message (named in the comments) or an
RFC 5005 rule, so a document that passes here draws no error or warning there. JSON Feed
documents are checked by :mod:`feedwright.output.jsoncheck`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from feedwright.layout import is_page_name
from feedwright.output.htmlcheck import check_html
from feedwright.output.jsoncheck import check_json_feed, load_json_feed
from feedwright.workers import map_on_cores

ATOM = "{http://www.w3.org/2005/Atom}"
FH = "{http://purl.org/syndication/history/1.0}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
ARCHIVE_RELS = ("prev-archive", "next-archive")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
_MARKUP = re.compile(r"<[A-Za-z/!]")
# HTML text that may hold an attribute, found by libxml2 without copying every entry's
# text into Python (which was most of a check): the rest cannot hold a URL.
_ATOM_HTML_WITH_ATTRIBUTES = etree.XPath(
    "a:entry/a:content[@type='html'][contains(., '=')]"
    " | a:entry/a:summary[@type='html'][contains(., '=')]",
    namespaces={"a": ATOM[1:-1]},
)
_RSS_HTML_WITH_ATTRIBUTES = etree.XPath(
    "item/description[contains(., '=')] | item/c:encoded[contains(., '=')]",
    namespaces={"c": CONTENT_ENCODED[1:].split("}")[0]},
)


def _absolute(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": not a URL at all
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _not_uri(value: str | None) -> bool:
    """True for an IRI that is not a URI, or text with spaces: W3C ``UriNotIri``, and
    readers that compare ids byte for byte see another id after any re-encoding."""
    return value is not None and (not value.isascii() or any(c.isspace() for c in value))


@dataclass(frozen=True)
class Document:
    """What a folder check needs to know of one parsed document."""

    self_url: str
    ids: tuple[str, ...]
    #: RFC 5005 links as (rel, href).
    links: tuple[tuple[str, str], ...]
    archive: bool


def check_feed(data: bytes, *, self_url: str | None = None) -> list[str]:
    """Problems found in an Atom, RSS or JSON Feed document; an empty list means it may be
    published.

    With ``self_url``, the document's ``rel="self"`` link (JSON Feed: ``feed_url``) must be
    exactly that (W3C ``SelfDoesntMatchLocation``).
    """
    problems, _ = inspect_feed(data, self_url=self_url)
    return problems


#: Below this many documents, worker processes cost more than they save.
PARALLEL_MIN = 16


def first_problem(documents: dict[str, bytes], *, base_url: str) -> tuple[str, str] | None:
    """The first of ``documents`` (by name under ``base_url``) that :func:`check_feed`
    rejects, with its first problem; ``None`` when every one may be published.

    Many documents (a site's archive pages) are checked on every core.
    """
    check = functools.partial(_problems_of, documents=documents, base_url=base_url)
    for name, problems in zip(
        documents, map_on_cores(check, list(documents), min_items=PARALLEL_MIN), strict=True
    ):
        if problems:
            return name, problems[0]
    return None


def _problems_of(name: str, *, documents: dict[str, bytes], base_url: str) -> list[str]:
    return check_feed(documents[name], self_url=base_url + name)


def inspect_feed(data: bytes, *, self_url: str | None = None) -> tuple[list[str], Document | None]:
    """:func:`check_feed`'s problems, and the document's links and ids for folder checks."""
    if data.lstrip()[:1] == b"{":
        return _inspect_json(data, self_url=self_url)
    try:
        root = etree.fromstring(
            data, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as e:
        return [f"not well-formed XML: {e}"], None
    if root.tag == f"{ATOM}feed":
        head, problems, ids = root, _check_atom(root), _atom_ids(root)
    elif root.tag == "rss":
        channel = root.find("channel")
        if root.get("version") != "2.0" or channel is None:
            return ["not an RSS 2.0 document"], None
        head, problems, ids = channel, _check_rss(channel), _rss_ids(channel)
    else:
        return [f"not an Atom or RSS document (root element {root.tag!r})"], None
    links = [(ln.get("rel") or "", ln.get("href") or "") for ln in head.findall(ATOM + "link")]
    selfs = [href for rel, href in links if rel == "self"]
    if self_url is not None and selfs and selfs[0] != self_url:
        problems.append(f"self link {selfs[0]!r} is not where the file goes ({self_url})")
    if head is root or any(rel in (*ARCHIVE_RELS, "current") for rel, _ in links):
        # RSS gets the RFC 5005 rules once it carries any of its links (Appendix B);
        # the builder does not write them for RSS yet.
        problems.extend(_check_history(head, links, selfs))
    doc = Document(
        self_url=selfs[0] if selfs else "",
        ids=tuple(ids),
        links=tuple((r, h) for r, h in links if r in (*ARCHIVE_RELS, "current")),
        archive=head.find(FH + "archive") is not None,
    )
    return problems, doc


def _inspect_json(data: bytes, *, self_url: str | None) -> tuple[list[str], Document | None]:
    feed, why = load_json_feed(data)
    if feed is None:
        return [why], None
    problems = check_json_feed(feed)
    feed_url = feed.get("feed_url") if isinstance(feed.get("feed_url"), str) else ""
    if self_url is not None and feed_url != self_url:
        problems.append(f"feed_url {feed_url!r} is not where the file goes ({self_url})")
    items = feed.get("items") if isinstance(feed.get("items"), list) else []
    older = feed.get("next_url")
    doc = Document(
        self_url=feed_url or "",
        ids=tuple(str(i.get("id")) for i in items or [] if isinstance(i, dict)),
        # next_url is RFC 5005's prev-archive: the next older page.
        links=(("prev-archive", older),) if isinstance(older, str) else (),
        archive=is_page_name((feed_url or "").rsplit("/", 1)[-1]),
    )
    return problems, doc


def _check_history(
    head: etree._Element, links: list[tuple[str, str]], selfs: list[str]
) -> list[str]:
    """RFC 5005 markers and links agree (W3C ArchiveIncomplete, FeedRelInCompleteFeed...)."""
    rels = {rel for rel, _ in links}
    archive = head.find(FH + "archive") is not None
    complete = head.find(FH + "complete") is not None
    problems: list[str] = []
    if complete:
        if rels & set(ARCHIVE_RELS):
            problems.append("fh:complete document links to other archive documents")
        if any(rel == "current" and href not in selfs for rel, href in links):
            problems.append("fh:complete document has a current link to another document")
    if archive and not complete:
        if not rels & set(ARCHIVE_RELS):
            problems.append("fh:archive document has no prev-archive or next-archive link")
        if "current" not in rels:
            problems.append("fh:archive document has no current link")
    return problems


def _check_atom(root: etree._Element) -> list[str]:
    problems: list[str] = []
    for name in ("id", "title", "updated"):
        if root.find(ATOM + name) is None:
            problems.append(f"feed has no <{name}>")
    selfs = [ln for ln in root.findall(ATOM + "link") if ln.get("rel") == "self"]
    if len(selfs) != 1 or not _absolute(selfs[0].get("href")):
        problems.append('feed needs exactly one absolute rel="self" link')
    for link in root.iter(ATOM + "link"):
        if not _absolute(link.get("href")):
            problems.append(f"relative or empty link href {link.get('href')!r}")
    has_feed_author = root.find(ATOM + "author") is not None
    seen: set[str] = set()
    updated_seen: set[str] = set()
    for k, entry in enumerate(root.findall(ATOM + "entry"), 1):
        problems.extend(_check_atom_entry(entry, k, seen, updated_seen, has_feed_author))
    for html in _elements(_ATOM_HTML_WITH_ATTRIBUTES, root):
        parent = html.getparent()
        ident = parent.findtext(ATOM + "id") if parent is not None else None
        where = f"entry ({ident}): <{etree.QName(html).localname}>"
        problems.extend(check_html(html.text or "", where))
    feed_updated = root.findtext(ATOM + "updated")
    if feed_updated is not None and not _RFC3339.match(feed_updated):
        problems.append(f"feed <updated> {feed_updated!r} is not RFC 3339")
    return problems


def _check_atom_entry(
    entry: etree._Element,
    k: int,
    seen: set[str],
    updated_seen: set[str],
    has_feed_author: bool,
) -> list[str]:
    """Problems in the ``k``-th entry; ``seen`` and ``updated_seen`` collect the ids and
    updated dates of the entries before it."""
    problems: list[str] = []
    ident = entry.findtext(ATOM + "id")
    where = f"entry {k} ({ident})"
    if not ident:
        problems.append(f"entry {k} has no <id>")
    elif ident in seen:
        problems.append(f"{where}: duplicate id")
    if _not_uri(ident):
        problems.append(f"{where}: id is not a URI (spaces or non-ASCII)")
    seen.add(ident or "")
    if not (entry.findtext(ATOM + "title") or "").strip():
        problems.append(f"{where}: no title")
    for name in ("updated", "published"):
        value = entry.findtext(ATOM + name)
        if value is None and name == "updated":
            problems.append(f"{where}: no <updated>")
        elif value is not None and not _RFC3339.match(value):
            problems.append(f"{where}: <{name}> {value!r} is not RFC 3339")
    updated = entry.findtext(ATOM + "updated") or ""
    if updated in updated_seen:
        problems.append(f"{where}: same <updated> as another entry")
    updated_seen.add(updated)
    if not has_feed_author and entry.find(ATOM + "author") is None:
        problems.append(f"{where}: no author and the feed has none")
    for name in ("content", "summary"):
        text = entry.find(ATOM + name)
        # W3C ContainsUndeclaredHTML: markup in a text construct shows literally.
        if (
            text is not None
            and text.get("type", "text") == "text"
            and _MARKUP.search(text.text or "")
        ):
            problems.append(f'{where}: <{name}> holds markup but is not type="html"')
    return problems


def _elements(path: etree.XPath, node: etree._Element) -> list[etree._Element]:
    found = path(node)
    return [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []


def _check_rss(channel: etree._Element) -> list[str]:
    problems: list[str] = []
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel has no <{name}>")
    if not _absolute(channel.findtext("link")):
        problems.append("channel <link> is not an absolute URL")
    selfs = [ln for ln in channel.findall(ATOM + "link") if ln.get("rel") == "self"]
    if len(selfs) != 1 or not _absolute(selfs[0].get("href")):
        problems.append('channel needs exactly one absolute atom:link rel="self"')
    for atom_link in channel.findall(ATOM + "link"):
        if not _absolute(atom_link.get("href")):
            problems.append(f"relative or empty atom:link href {atom_link.get('href')!r}")
    problems.extend(_rss_date(channel, "lastBuildDate", "channel"))
    seen: set[str] = set()
    for k, item in enumerate(channel.findall("item"), 1):
        problems.extend(_check_rss_item(item, k, seen))
    for html in _elements(_RSS_HTML_WITH_ATTRIBUTES, channel):
        parent = html.getparent()
        ident = parent.findtext("guid") if parent is not None else None
        shown = "content:encoded" if html.tag == CONTENT_ENCODED else html.tag
        problems.extend(check_html(html.text or "", f"item ({ident}): <{shown}>"))
    return problems


def _check_rss_item(item: etree._Element, k: int, seen: set[str]) -> list[str]:
    """Problems in the ``k``-th item; ``seen`` collects the guids of the items before it."""
    problems: list[str] = []
    guid = item.find("guid")
    ident = guid.text if guid is not None else None
    where = f"item {k} ({ident})"
    if not ident:
        problems.append(f"item {k} has no <guid>")
    elif ident in seen:
        problems.append(f"{where}: duplicate guid")
    if _not_uri(ident):
        problems.append(f"{where}: guid is not a URI (spaces or non-ASCII)")
    seen.add(ident or "")
    if guid is not None and guid.get("isPermaLink", "true") == "true" and not _absolute(ident):
        problems.append(f"{where}: guid is not a URL but isPermaLink is not false")
    if not (item.findtext("title") or item.findtext("description") or "").strip():
        problems.append(f"{where}: neither <title> nor <description>")
    link = item.findtext("link")
    if link is not None and not _absolute(link):
        problems.append(f"{where}: relative <link>")
    elif _not_uri(link):
        problems.append(f"{where}: <link> is not a URI (spaces or non-ASCII)")
    problems.extend(_rss_date(item, "pubDate", where))
    return problems


def _rss_date(element: etree._Element, name: str, where: str) -> list[str]:
    value = element.findtext(name)
    if value is None:
        return []
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        return [f"{where}: <{name}> {value!r} is not an RFC 822 date"]
    return []


def _atom_ids(root: etree._Element) -> list[str]:
    return [e.findtext(ATOM + "id") or "" for e in root.findall(ATOM + "entry")]


def _rss_ids(channel: etree._Element) -> list[str]:
    return [i.findtext("guid") or "" for i in channel.findall("item")]


def check_folder(folder: Path) -> dict[Path, list[str]]:
    """Every feed document under ``folder`` checked alone, then against each other.

    Across documents: each self link must end in the file's own path, every RFC 5005
    link to a sibling must find it, and no entry may sit on two archive pages.
    """
    results: dict[Path, list[str]] = {}
    docs: dict[Path, Document] = {}
    for path in sorted([*folder.rglob("*.xml"), *folder.rglob("*.json")]):
        try:
            data = path.read_bytes()
        except OSError as e:
            results[path] = [f"cannot read: {e.strerror or e}"]
            continue
        problems, doc = inspect_feed(data)
        results[path] = problems
        if doc is not None:
            docs[path] = doc
            rel = path.relative_to(folder).as_posix()
            if doc.self_url and not doc.self_url.endswith("/" + rel):
                problems.append(f"self link {doc.self_url!r} does not end in {rel!r}")
    by_url = {doc.self_url: path for path, doc in docs.items() if doc.self_url}
    bases = {doc.self_url.rsplit("/", 1)[0] for doc in docs.values() if doc.self_url}
    homes: dict[str, Path] = {}
    for path, doc in docs.items():
        for rel, href in doc.links:
            inside = any(href.startswith(base + "/") for base in bases)
            if inside and href not in by_url:
                results[path].append(f"{rel} link {href!r} has no document in {folder}")
        if doc.archive:
            # Pages of one archived feed share its current link.
            feed = dict(doc.links).get("current", str(path.parent))
            for ident in doc.ids:
                other = homes.setdefault(f"{feed} {ident}", path)
                if other != path:
                    results[path].append(f"entry {ident} is also on {other.name}")
    return results
