"""Checks a feed document must pass before it may replace the published one."""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def _absolute(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_feed(data: bytes) -> list[str]:
    """Problems found in an Atom or RSS document; an empty list means it may be published."""
    try:
        root = etree.fromstring(
            data, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as e:
        return [f"not well-formed XML: {e}"]
    if root.tag == f"{ATOM}feed":
        return _check_atom(root)
    if root.tag == "rss":
        return _check_rss(root)
    return [f"not an Atom or RSS document (root element {root.tag!r})"]


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
        ident = entry.findtext(ATOM + "id")
        where = f"entry {k} ({ident})"
        if not ident:
            problems.append(f"entry {k} has no <id>")
        elif ident in seen:
            problems.append(f"{where}: duplicate id")
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
    feed_updated = root.findtext(ATOM + "updated")
    if feed_updated is not None and not _RFC3339.match(feed_updated):
        problems.append(f"feed <updated> {feed_updated!r} is not RFC 3339")
    return problems


def _check_rss(root: etree._Element) -> list[str]:
    problems: list[str] = []
    channel = root.find("channel")
    if root.get("version") != "2.0" or channel is None:
        return ["not an RSS 2.0 document"]
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel has no <{name}>")
    if not _absolute(channel.findtext("link")):
        problems.append("channel <link> is not an absolute URL")
    selfs = [ln for ln in channel.findall(ATOM + "link") if ln.get("rel") == "self"]
    if len(selfs) != 1 or not _absolute(selfs[0].get("href")):
        problems.append('channel needs exactly one absolute atom:link rel="self"')
    problems.extend(_rss_date(channel, "lastBuildDate", "channel"))
    seen: set[str] = set()
    for k, item in enumerate(channel.findall("item"), 1):
        guid = item.find("guid")
        ident = guid.text if guid is not None else None
        where = f"item {k} ({ident})"
        if not ident:
            problems.append(f"item {k} has no <guid>")
        elif ident in seen:
            problems.append(f"{where}: duplicate guid")
        seen.add(ident or "")
        if guid is not None and guid.get("isPermaLink", "true") == "true" and not _absolute(ident):
            problems.append(f"{where}: guid is not a URL but isPermaLink is not false")
        link = item.findtext("link")
        if link is not None and not _absolute(link):
            problems.append(f"{where}: relative <link>")
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
