"""Published articles that cannot be read in a run keep their entries in the feeds.

A broken front matter for one run, or a scraper caught rewriting a file in place, must
not withdraw an entry that subscribers have, nor cost it its id: the ledger keeps the
record (:func:`feedwright.ledger.reconcile`'s ``held``) and the entry is read back from
the published Atom documents (:mod:`feedwright.output.reread`), which, unlike the parse
cache, are there on a fresh checkout too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from feedwright.entry import Entry
from feedwright.layout import ARCHIVE_DIR
from feedwright.ledger import Record
from feedwright.output.reread import published_entries, published_languages
from feedwright.publish import read_if_exists


@dataclass
class Carried:
    """The published entries of articles that could not be read, and what to tell."""

    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def carry_over(out: Path, held: dict[str, Record], *, shown: Callable[[str], str]) -> Carried:
    """The published entry of each ``held`` record (by source), from the documents in ``out``.

    Each entry is looked for in ``atom.xml``, then on its archive page; ``shown`` turns a
    source into the path to name in a warning.
    """
    carried = Carried()
    if not held:
        return carried
    wanted = {record.id: source for source, record in held.items()}
    found: dict[str, Entry] = {}
    pages = sorted({record.page for record in held.values()})
    for name in ["atom.xml", *(f"{ARCHIVE_DIR}/atom-{page}.xml" for page in pages)]:
        missing = {i: s for i, s in wanted.items() if i not in found}
        data = read_if_exists(out / name) if missing else None
        if data:
            found.update(published_entries(data, missing))
    _find_languages(out, found, pages)
    for source, record in sorted(held.items()):
        entry = found.get(record.id)
        if entry is None:
            carried.warnings.append(
                f"{shown(source)}: could not be read, and its published entry is not in the "
                f"feeds to keep: it is left out until the article is fixed (its id stays "
                f"{record.id})"
            )
            continue
        # The ledger's instants, which the document carries too, to the microsecond.
        carried.entries.append(replace(entry, published=record.published, updated=record.updated))
        carried.warnings.append(
            f"{shown(source)}: could not be read; its published entry stays in the feeds as "
            "it was until the article is fixed or deleted"
        )
    return carried


def _find_languages(out: Path, found: dict[str, Entry], pages: list[int]) -> None:
    """Give the entries read back without a language of their own the one JSON Feed has."""
    for name in ["feed.json", *(f"{ARCHIVE_DIR}/feed-{page}.json" for page in pages)]:
        missing = {i for i, e in found.items() if e.language is None}
        data = read_if_exists(out / name) if missing else None
        if data:
            for ident, language in published_languages(data, missing).items():
                found[ident] = replace(found[ident], language=language)
