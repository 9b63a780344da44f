"""Entries to JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) bytes.

The same entries, ids, dates and content as the Atom and RSS documents (the dates are the
very strings Atom writes), as fragments assembled like theirs: one per entry, built once
and shared by the subscription document and the archive page that hold it. An RFC 5005
``prev-archive`` link (the next older page) becomes ``next_url``, JSON Feed's pagination.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from typing import Any

from feedwright.entry import Entry
from feedwright.errors import FeedError
from feedwright.output.builder import FeedInfo

VERSION = "https://jsonfeed.org/version/1.1"
_ITEM_INDENT = "    "
#: Each fragment ends with this separator; the assembler drops the last one.
_SEPARATOR = ",\n"


def _date(value: datetime | None, entry: Entry) -> str:
    if value is None:
        raise FeedError("cannot build entry: no date", path=entry.source)
    # isoformat() is what feedgen writes into Atom: the same string in both formats.
    return value.isoformat()


def json_item(entry: Entry) -> dict[str, Any]:
    """One entry as a JSON Feed item, keys in a fixed order."""
    item: dict[str, Any] = {"id": entry.id or ""}
    if entry.link:
        item["url"] = entry.link
    item["title"] = entry.title
    # As in Atom and RSS: an entry without body text still opens to its summary.
    summary = entry.summary or entry.title
    item["content_html"] = entry.content_html or f"<p>{escape(summary)}</p>"
    item["summary"] = summary
    if entry.image:
        item["image"] = entry.image
    if entry.enclosure:
        url, mime_type, size = entry.enclosure
        item["attachments"] = [{"url": url, "mime_type": mime_type, "size_in_bytes": size}]
    item["date_published"] = _date(entry.published, entry)
    item["date_modified"] = _date(entry.updated, entry)
    if entry.authors:
        item["authors"] = [_author(entry, k) for k in range(len(entry.authors))]
    if entry.tags:
        item["tags"] = list(entry.tags)
    if entry.language:
        item["language"] = entry.language
    return item


def _author(entry: Entry, k: int) -> dict[str, str]:
    author = {"name": entry.authors[k]}
    email = entry.emails[k] if k < len(entry.emails) else None
    if email:
        # JSON Feed authors have no e-mail field; the spec allows a mailto: url.
        author["url"] = f"mailto:{email}"
    return author


def json_fragment(entry: Entry) -> bytes:
    """One item as it appears inside a JSON Feed document, separator included.

    Raises:
        FeedError: the entry cannot be represented (names the article).
    """
    text = json.dumps(json_item(entry), ensure_ascii=False, indent=2)
    lines = text.split("\n")
    return ("\n".join(_ITEM_INDENT + line for line in lines) + _SEPARATOR).encode("utf-8")


def json_head(info: FeedInfo) -> dict[str, Any]:
    """The top-level object of a JSON Feed document for ``info``, without its items."""
    author: dict[str, str] = {"name": info.author}
    if info.email:
        author["url"] = f"mailto:{info.email}"
    head: dict[str, Any] = {
        "version": VERSION,
        "title": info.title,
        "home_page_url": info.site_url,
        "feed_url": info.self_url,
        "description": info.description,
    }
    older = dict(info.links).get("prev-archive")
    if older:
        head["next_url"] = older
    head["authors"] = [author]
    head["language"] = info.language
    if info.hubs:
        head["hubs"] = [{"type": "WebSub", "url": hub} for hub in info.hubs]
    return head


def assemble_json(info: FeedInfo, fragments: list[bytes]) -> bytes:
    """A JSON Feed 1.1 document: the head for ``info`` and the item fragments in order."""
    head = json.dumps(json_head(info), ensure_ascii=False, indent=2)
    # The head ends in "\n}"; its items go last, as the spec lists them.
    opening = head[:-2] + ',\n  "items": ['
    if not fragments:
        return (opening + "]\n}\n").encode("utf-8")
    body = b"".join(fragments)[: -len(_SEPARATOR)]
    return opening.encode("utf-8") + b"\n" + body + b"\n  ]\n}\n"
