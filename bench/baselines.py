"""The reference points issue 5 measures against, re-measured here in the same run.

- floor: read every file and split it into paragraphs in plain Python;
- onepass: read every file, one feedgen Atom feed of the newest N (or every) entry,
  as a user's own one-off script would;
- bound: the least a cold build with feedgen can cost here: read every file, split it
  into paragraphs, and build and serialise each entry's Atom and RSS element with
  feedgen, on every core. No heuristic parsing, ledger, archives, checks or writes.

Usage: python bench/baselines.py floor|onepass50|onepassall|bound CORPUS
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path


def floor(corpus: Path) -> int:
    count = 0
    for path in sorted(corpus.iterdir()):
        text = path.read_text(encoding="utf-8")
        count += len([p for p in text.split("\n\n") if p.strip()])
    return count


def title_and_body(path: Path) -> tuple[str, str]:
    """The text handling of a one-off script: the second block as the title, the rest as
    escaped paragraphs."""
    from html import escape

    text = path.read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    title = blocks[1] if len(blocks) > 1 else path.stem
    return title, "".join(f"<p>{escape(b)}</p>" for b in blocks[2:])


def onepass(corpus: Path, limit: int | None) -> int:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id("https://example.org/feed")
    fg.title("Bench")
    fg.author({"name": "Bench"})
    fg.link(href="https://example.org/feed.xml", rel="self")
    fg.description("Bench")
    start = datetime(2015, 1, 1, tzinfo=timezone.utc)
    paths = sorted(corpus.iterdir())
    items = []
    for n, path in enumerate(paths):
        title, body = title_and_body(path)
        items.append((start + timedelta(minutes=n), path.stem, title, body))
    items.sort(reverse=True)
    for when, stem, title, body in items[:limit] if limit else items:
        fe = fg.add_entry()
        fe.id(f"tag:example.org,2024:{stem}")
        fe.title(title)
        fe.updated(when)
        fe.content(body, type="html")
    return len(fg.atom_str(pretty=True))


def _both_elements(paths: list[Path]) -> int:
    from feedgen.entry import FeedEntry
    from lxml import etree

    when = datetime(2015, 1, 1, tzinfo=timezone.utc)
    size = 0
    for path in paths:
        title, body = title_and_body(path)
        fe = FeedEntry()
        fe.id(f"tag:example.org,2024:{path.stem}")
        fe.title(title)
        fe.updated(when)
        fe.content(body, type="html")
        size += len(etree.tostring(fe.atom_entry())) + len(etree.tostring(fe.rss_entry()))
    return size


def bound(corpus: Path) -> int:
    import multiprocessing
    import os

    import feedgen.entry  # noqa: F401  (imported once, before the workers fork)

    paths = sorted(corpus.iterdir())
    cores = os.cpu_count() or 1
    chunks = [paths[k::cores] for k in range(cores)]
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        return sum(pool.map(_both_elements, chunks))


if __name__ == "__main__":
    mode, corpus = sys.argv[1], Path(sys.argv[2])
    if mode == "floor":
        floor(corpus)
    elif mode == "onepass50":
        onepass(corpus, 50)
    elif mode == "onepassall":
        onepass(corpus, None)
    elif mode == "bound":
        bound(corpus)
    else:
        raise SystemExit(f"unknown mode {mode}")
