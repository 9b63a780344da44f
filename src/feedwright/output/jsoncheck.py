"""Checks a JSON Feed 1.1 document must pass before it may replace the published one.

The rules of https://www.jsonfeed.org/version/1.1/ that a reader relies on, plus ours:
every URL absolute, ids unique, dates RFC 3339, ``feed_url`` where the file is served.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from feedwright.output.htmlcheck import check_html
from feedwright.output.jsonfeed import VERSION

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def _absolute(url: object) -> bool:
    if not isinstance(url, str) or not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def load_json_feed(data: bytes) -> tuple[dict[str, Any] | None, str]:
    """The top-level object of a JSON Feed document, or ``None`` and why not."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        return None, f"not UTF-8: {e}"
    except json.JSONDecodeError as e:
        return None, f"not well-formed JSON: {e}"
    if not isinstance(parsed, dict):
        return None, "not a JSON Feed document (top level is not an object)"
    return parsed, ""


def check_json_feed(feed: dict[str, Any]) -> list[str]:
    """Problems in a parsed JSON Feed document; an empty list means it may be published."""
    problems = _check_top(feed)
    items = feed.get("items")
    if not isinstance(items, list):
        return [*problems, "feed has no items array"]
    seen: set[str] = set()
    for k, item in enumerate(items, 1):
        if not isinstance(item, dict):
            problems.append(f"item {k} is not an object")
            continue
        problems.extend(_check_item(item, k, seen))
    return problems


def _check_top(feed: dict[str, Any]) -> list[str]:
    """Problems in the document's own keys (all but its items)."""
    problems: list[str] = []
    if feed.get("version") != VERSION:
        problems.append(f"version is {feed.get('version')!r}, not {VERSION!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"].strip():
        problems.append("feed has no title")
    for key in ("home_page_url", "feed_url"):
        if not _absolute(feed.get(key)):
            problems.append(f"{key} {feed.get(key)!r} is not an absolute URL")
    if "next_url" in feed:
        if not _absolute(feed["next_url"]):
            problems.append(f"next_url {feed['next_url']!r} is not an absolute URL")
        elif feed["next_url"] == feed.get("feed_url"):
            # The spec forbids it: a reader following next_url would loop.
            problems.append("next_url is the feed_url")
    problems.extend(_check_authors(feed.get("authors"), "feed"))
    for hub in _objects(feed.get("hubs", []), "hubs", problems):
        if not isinstance(hub.get("type"), str) or not _absolute(hub.get("url")):
            problems.append(f"hub {hub!r} needs a type and an absolute url")
    return problems


def _check_item(item: dict[str, Any], k: int, seen: set[str]) -> list[str]:
    ident = item.get("id")
    where = f"item {k} ({ident})"
    problems: list[str] = []
    if not isinstance(ident, str) or not ident:
        problems.append(f"item {k} has no string id")
    elif ident in seen:
        problems.append(f"{where}: duplicate id")
    else:
        seen.add(ident)
    if not isinstance(item.get("content_html", item.get("content_text")), str):
        problems.append(f"{where}: neither content_html nor content_text")
    for key in ("url", "external_url", "image", "banner_image"):
        if key in item and not _absolute(item[key]):
            problems.append(f"{where}: {key} {item[key]!r} is not an absolute URL")
    for key in ("date_published", "date_modified"):
        value = item.get(key)
        if value is not None and not (isinstance(value, str) and _RFC3339.match(value)):
            problems.append(f"{where}: {key} {value!r} is not RFC 3339")
    if "authors" in item:
        problems.extend(_check_authors(item["authors"], where))
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(f"{where}: tags is not a list of strings")
    html = item.get("content_html")
    if isinstance(html, str) and "=" in html:
        problems.extend(check_html(html, f"{where}: content_html"))
    return problems


def _check_authors(authors: object, where: str) -> list[str]:
    problems: list[str] = []
    for author in _objects(authors if authors is not None else [], f"{where} authors", problems):
        if not any(isinstance(author.get(k), str) for k in ("name", "url", "avatar")):
            problems.append(f"{where}: author {author!r} has no name, url or avatar")
    return problems


def _objects(value: object, what: str, problems: list[str]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(f"{what} is not a list of objects")
        return []
    return value
