"""What a person sees: ``index.html``, the entry pages, and the stylesheet of the feeds.

Every page is plain HTML with its style inline: no script, no font, no file fetched from
anywhere else, so it shows at once, prints, and works in a text browser or a screen
reader. Links between the files of the out folder are relative, so the same bytes work
at the public URL and in ``feedwright serve``; the addresses to copy into a feed reader
are printed in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from html import escape

from feedwright.config import Config
from feedwright.entry import Entry
from feedwright.layout import STYLESHEET_NAME
from feedwright.output.tagfeeds import TagFeed

#: Media types of the feed formats, for ``<link rel="alternate">``.
FEED_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}


@dataclass(frozen=True)
class FeedLink:
    """One feed a page offers: its name for people, its path under the out folder, its type."""

    label: str
    path: str
    media_type: str
    #: The tag of a tag feed, as shown; "" for the main feeds.
    tag: str = ""


#: Each format's name for people, by its subscription file name.
_FORMAT_LABELS = {"atom.xml": "Atom", "rss.xml": "RSS", "feed.json": "JSON Feed"}


def feed_links(tags: list[TagFeed]) -> tuple[FeedLink, ...]:
    """The subscription feeds every site has, then each tag's feeds."""
    types = {"atom.xml": FEED_TYPES["atom"], "rss.xml": FEED_TYPES["rss"]}
    types["feed.json"] = FEED_TYPES["json"]
    links = [FeedLink(label, name, types[name]) for name, label in _FORMAT_LABELS.items()]
    for tag in tags:
        links += [
            FeedLink(label, tag.name(name), types[name], tag=tag.label)
            for name, label in _FORMAT_LABELS.items()
        ]
    return tuple(links)


def stylesheet_href(config: Config, self_url: str) -> str:
    """The stylesheet's URL relative to the feed document at ``self_url``."""
    depth = self_url.removeprefix(config.feed_base).count("/")
    return "../" * depth + STYLESHEET_NAME


STYLE = """\
body{font:1rem/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:44rem;\
margin:0 auto;padding:1rem 1.25rem 3rem;color:#1b1b1b;background:#fff}
a{color:#0b57d0}a:visited{color:#6a3ab2}
h1{font-size:1.9rem;line-height:1.2;margin:1.5rem 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem}
.lede{color:#444;margin:0 0 1rem}
.subscribe{border:2px solid #0b57d0;border-radius:.5rem;padding:.5rem 1rem 1rem}
.subscribe h2{margin-top:.5rem}
.subscribe ul{padding-left:1.2rem}
code{font-size:.95em;word-break:break-all;background:#f2f2f2;padding:0 .2em}
ol.entries{list-style:none;padding:0}
ol.entries>li{border-top:1px solid #ddd;padding:.75rem 0}
article h3{font-size:1.1rem;margin:0}
.meta{color:#555;font-size:.9rem;margin:.15rem 0 .35rem}
.summary{margin:.25rem 0}
footer{margin-top:2rem;color:#555;font-size:.9rem}
article img,article video{max-width:100%;height:auto}
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid #ccc}
@media (prefers-color-scheme:dark){body{color:#e8e8e8;background:#161616}\
a{color:#8ab4f8}a:visited{color:#c58af9}.lede,.meta,footer{color:#aaa}\
code{background:#2a2a2a}ol.entries>li{border-color:#333}.subscribe{border-color:#8ab4f8}}
"""


def when(value: datetime | None, zone: tzinfo) -> str:
    if value is None:
        return ""
    local = value.astimezone(zone)
    return f'<time datetime="{value.isoformat()}">{local:%Y-%m-%d}</time>'


def head_lines(
    config: Config,
    title: str,
    feeds: tuple[FeedLink, ...],
    *,
    prefix: str,
    language: str = "",
    style: str = STYLE,
) -> list[str]:
    """A page's doctype, ``<html>`` and ``<head>``: title, autodiscovery of ``feeds`` (at
    ``prefix`` + their path) and the inline style."""
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language or config.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f'<meta name="description" content="{escape(config.description)}">',
    ]
    lines += [
        f'<link rel="alternate" type="{f.media_type}" '
        f'title="{escape(_feed_title(config, f))}" href="{prefix}{escape(f.path)}">'
        for f in feeds
    ]
    lines += [f"<style>\n{style}</style>", "</head>"]
    return lines


def _feed_title(config: Config, feed: FeedLink) -> str:
    title = f"{config.title}: {feed.tag}" if feed.tag else config.title
    return f"{title} ({feed.label})"


def _subscribe(config: Config, feeds: tuple[FeedLink, ...]) -> list[str]:
    lines = [
        '<section class="subscribe" aria-labelledby="subscribe">',
        '<h2 id="subscribe">Subscribe</h2>',
        "<p>Copy an address into your feed reader, or open it with a reader that "
        "handles feed links:</p>",
        "<ul>",
    ]
    for feed in feeds:
        if feed.tag:
            continue
        url = escape(config.feed_base + feed.path)
        lines.append(
            f'<li><a href="{escape(feed.path)}" type="{feed.media_type}">'
            f"{escape(feed.label)}</a>: <code>{url}</code></li>"
        )
    lines.append("</ul>")
    by_tag: dict[str, list[FeedLink]] = {}
    for feed in feeds:
        if feed.tag:
            by_tag.setdefault(feed.tag, []).append(feed)
    if by_tag:
        lines += ['<h3 id="by-tag">Feeds by tag</h3>', '<ul aria-labelledby="by-tag">']
        for tag, links in by_tag.items():
            anchors = " · ".join(
                f'<a href="{escape(f.path)}" type="{f.media_type}">{escape(f.label)}</a>'
                for f in links
            )
            lines.append(f"<li>{escape(tag)}: {anchors}</li>")
        lines.append("</ul>")
    return [*lines, "</section>"]


def _entry_item(entry: Entry, href: str | None, zone: tzinfo, language: str) -> list[str]:
    title = escape(entry.title)
    heading = f'<a href="{escape(href)}">{title}</a>' if href else title
    meta = when(entry.published, zone)
    if entry.authors:
        meta += " · " + escape(", ".join(entry.authors))
    lang = (
        f' lang="{escape(entry.language)}"' if entry.language and entry.language != language else ""
    )
    lines = [f"<li><article{lang}>", f"<h3>{heading}</h3>", f'<p class="meta">{meta}</p>']
    if entry.summary:
        lines.append(f'<p class="summary">{escape(entry.summary, quote=False)}</p>')
    return [*lines, "</article></li>"]


def index_page(
    config: Config,
    entries: list[Entry],
    *,
    zone: tzinfo,
    feeds: tuple[FeedLink, ...],
    link_of: dict[str, str] | None = None,
) -> bytes:
    """``index.html``: what the feeds are, how to subscribe, and ``entries`` (newest first,
    as given) with their dates and summaries.

    ``link_of`` maps an entry id to the href its title links to (else ``entry.link``).
    """
    links = link_of or {}
    lines = head_lines(config, config.title, feeds, prefix="")
    lines += [
        "<body>",
        "<header>",
        f"<h1>{escape(config.title)}</h1>",
        f'<p class="lede">{escape(config.description)}</p>',
        "</header>",
        "<main>",
        *_subscribe(config, feeds),
        '<section aria-labelledby="latest">',
        '<h2 id="latest">Latest entries</h2>',
        '<ol class="entries">',
    ]
    for entry in entries:
        href = links.get(entry.id or "", entry.link)
        lines += _entry_item(entry, href, zone, config.language)
    lines += [
        "</ol>",
        "</section>",
        "</main>",
        f'<footer><p>Site: <a href="{escape(config.site_url)}">{escape(config.site_url)}</a>'
        "</p></footer>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


#: The stylesheet of the Atom and RSS documents (``<?xml-stylesheet type="text/css"?>``).
#: Without a default namespace, a plain selector matches the element in any namespace,
#: so one sheet serves Atom and RSS alike. Client-side XSLT is being removed from
#: browsers (Chromium from 2026, WHATWG html#11523); CSS on XML is not.
FEED_CSS = """\
@charset "utf-8";
@namespace dc url("http://purl.org/dc/elements/1.1/");
feed, rss {
  display: block; max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem 3rem;
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #1b1b1b; background: #fff;
}
feed::before, rss::before {
  display: block; margin: 1rem 0; padding: .75rem 1rem; border: 2px solid #0b57d0;
  border-radius: .5rem; background: #eef4ff;
  content: "This is a web feed. To subscribe, copy the address of this page from the \
address bar into your feed reader.";
}
channel { display: block; }
feed > *, channel > *, entry > *, item > * { display: none; }
feed > title, channel > title {
  display: block; font-size: 1.9rem; font-weight: bold; line-height: 1.2; margin: 1.5rem 0 .25rem;
}
feed > subtitle, channel > description { display: block; color: #444; margin-bottom: 1rem; }
feed > entry, channel > item {
  display: flex; flex-flow: row wrap; border-top: 1px solid #ddd; padding: .75rem 0;
}
entry > title, item > title {
  display: block; flex: 1 0 100%; font-size: 1.1rem; font-weight: bold;
}
entry > published, item > pubDate, entry > author, item > dc|creator {
  display: block; order: 1; color: #555; font-size: .9rem; margin-right: .75rem;
}
author > email, author > uri { display: none; }
entry > summary, item > description { display: block; order: 2; flex: 1 0 100%; margin: .25rem 0; }
@media (prefers-color-scheme: dark) {
  feed, rss { color: #e8e8e8; background: #161616; }
  feed::before, rss::before { background: #1d2a44; border-color: #8ab4f8; }
  feed > subtitle, channel > description, entry > published, item > pubDate,
  entry > author, item > dc|creator { color: #aaa; }
  feed > entry, channel > item { border-color: #333; }
}
"""
