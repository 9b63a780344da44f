"""Whole feed documents built the way a build builds them, for tests of the builder."""

from __future__ import annotations

from feedwright.entry import Entry
from feedwright.output.builder import FeedInfo, assemble_atom, assemble_rss, fragments


def build_atom(entries: list[Entry], info: FeedInfo) -> bytes:
    """An Atom 1.0 document of ``entries`` in the order given."""
    return assemble_atom(info, [fragments(e, language=info.language)[0] for e in entries])


def build_rss(entries: list[Entry], info: FeedInfo) -> bytes:
    """An RSS 2.0 document of ``entries`` in the order given."""
    return assemble_rss(info, [fragments(e, language=info.language)[1] for e in entries])
