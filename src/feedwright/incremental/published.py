"""What the ledger records of the published documents, and checking it against the disk.

The parse cache remembers what the last build on this machine wrote, by file identity. A
fresh checkout (every run of the scheduled CI workflow) has no cache: only the articles,
the ledger and the published files. So the ledger also records (:class:`Published`):

- the *basis* the documents were built on: feedwright's version and the config's
  settings that shape documents (:func:`published_basis`);
- for each archive page, one digest of its *group*: its documents in every format and the
  entry pages of the entries it holds (:func:`group_digest`);
- for each tag feed, one digest of its documents.

A group found on disk with its recorded digest, under the same basis, holds exactly what
a build wrote for the ledger's records: while its articles still hash to the ledger's
hashes it can stay as it is, and its articles need not be read. Where the cache remembers
the build that wrote the ledger, a group whose files it left untouched is such a group
too, told by their identities alone (no file read).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from feedwright import __version__
from feedwright.config import Config
from feedwright.layout import ARCHIVE_DIR, ENTRY_DIR, TAGS_DIR, is_page_name, page_names
from feedwright.ledger import Ledger, Published
from feedwright.links import entry_page_name
from feedwright.workers import map_on_cores

__all__ = [
    "GroupCheck",
    "file_digest",
    "group_digest",
    "published_basis",
    "published_now",
]

#: From this many page groups to read, they are hashed on every core: a fresh checkout
#: reads every kept archive page and entry page (300 MB at 10,000 articles), and forking
#: the workers costs about what hashing a dozen groups does.
PARALLEL_MIN = 16

#: Config settings that shape no document: where things are, when articles are read.
_NOT_SHAPING = frozenset({"articles", "out", "ledger", "settle_seconds", "source", "defaulted"})


def published_basis(config: Config) -> str:
    """What every document depends on besides its entries and the code between releases:
    feedwright's version and the settings of ``config`` that shape documents.

    Paths are left out, so the basis is the same on every machine that builds the site.
    """
    settings = "\n".join(
        f"{f.name}={getattr(config, f.name)!r}"
        for f in fields(config)
        if f.name not in _NOT_SHAPING
    )
    digest = hashlib.sha256(settings.encode("utf-8", "surrogateescape")).hexdigest()
    return f"feedwright {__version__}; config {digest[:16]}"


def file_digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def group_digest(files: dict[str, str]) -> str:
    """One digest of a group of documents: each name (under the out folder) with its
    file's :func:`file_digest`."""
    text = "".join(f"{name}\0{digest}\n" for name, digest in sorted(files.items()))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class Group:
    """A page group found on disk as the ledger records it."""

    #: Each file of the group by name, with its digest ("" when told by identity alone).
    files: dict[str, str]
    #: The entry page of each entry of the page that has one, by entry id.
    entry_pages: dict[str, str]


class GroupCheck:
    """Checks the page groups and tag feeds on disk against what ``ledger`` recorded,
    each at most once a build; nothing passes when the basis has changed, or unless
    ``trust``."""

    def __init__(
        self,
        config: Config,
        ledger: Ledger,
        *,
        trust: bool = True,
        remembered: frozenset[str] = frozenset(),
        untouched: Callable[[list[str]], bool] = lambda _: False,
    ) -> None:
        """``remembered`` names the documents the build that wrote ``ledger`` left, and
        ``untouched`` tells whether some of them are still as it left them."""
        self._out = str(config.out)
        self._remembered = remembered
        self._untouched = untouched
        published = ledger.published
        trusted = trust and published.basis == published_basis(config)
        self._published = published if trusted else Published()
        self._members: dict[int, list[str]] = {}
        for record in ledger.records.values():
            if record.page in self._published.pages:
                self._members.setdefault(record.page, []).append(record.id)
        self._groups: dict[int, Group | None] = {}
        self._listing: dict[str, frozenset[str]] = {}

    @property
    def recorded(self) -> bool:
        """True if any page group may pass (the ledger records some, on this basis)."""
        return bool(self._published.pages)

    def page(self, page: int) -> Group | None:
        """Archive page ``page``'s group, if its files on disk are as recorded."""
        if page not in self._groups:
            self.check_pages([page])
        return self._groups[page]

    def check_pages(self, pages: Iterable[int]) -> None:
        """Check the groups of ``pages`` not checked yet, reading and hashing their files
        on every core when there are many."""
        unread: dict[int, tuple[list[str], dict[str, str]]] = {}
        for page in sorted(set(pages) - self._groups.keys()):
            if page not in self._published.pages:
                self._groups[page] = None
            elif (group := self._untouched_group(page)) is not None:
                self._groups[page] = group
            else:
                unread[page] = self._on_disk(page)
        digests = map_on_cores(
            self._digests, [names for names, _ in unread.values()], min_items=PARALLEL_MIN
        )
        for (page, (_, entry_pages)), files in zip(unread.items(), digests, strict=True):
            if files is not None and group_digest(files) == self._published.pages[page]:
                self._groups[page] = Group(files=files, entry_pages=entry_pages)
            else:
                self._groups[page] = None

    def _untouched_group(self, page: int) -> Group | None:
        """Page ``page``'s group if the cache tells it is as the last build left it."""
        if not self._remembered:
            return None
        names = [n for n in page_names(page) if n in self._remembered]
        pages = {
            i: n
            for i in self._members.get(page, [])
            if (n := entry_page_name(i)) in self._remembered
        }
        group = [*names, *pages.values()]
        if names and self._untouched(group):
            return Group(files=dict.fromkeys(group, ""), entry_pages=pages)
        return None

    def _on_disk(self, page: int) -> tuple[list[str], dict[str, str]]:
        """The files of page ``page``'s group on disk, and its entry pages by entry id."""
        archive = self._names(ARCHIVE_DIR)
        entries = self._names(ENTRY_DIR)
        names = [n for n in page_names(page) if n in archive]
        pages = {i: n for i in self._members.get(page, []) if (n := entry_page_name(i)) in entries}
        return [*names, *pages.values()], pages

    def tag_feed(self, names: list[str]) -> bool:
        """True if the documents ``names`` of one tag feed are on disk as recorded."""
        slug = names[0].split("/")[1] if names else ""
        recorded = self._published.tag_feeds.get(slug)
        if recorded is None:
            return False
        files = self._digests(names)
        return files is not None and group_digest(files) == recorded

    def recorded_page(self, page: int) -> str | None:
        """The digest recorded for ``page``'s group (under this build's basis)."""
        return self._published.pages.get(page)

    def recorded_tag_feed(self, slug: str) -> str | None:
        return self._published.tag_feeds.get(slug)

    def _names(self, folder: str) -> frozenset[str]:
        """The names under the out folder of the files in ``folder`` (one listing each)."""
        if folder not in self._listing:
            try:
                found = frozenset(
                    f"{folder}/{n}" for n in os.listdir(os.path.join(self._out, folder))
                )
            except OSError:
                found = frozenset()
            self._listing[folder] = found
        return self._listing[folder]

    def _digests(self, names: list[str]) -> dict[str, str] | None:
        files: dict[str, str] = {}
        for name in names:
            data = _read(os.path.join(self._out, name))
            if data is None:
                return None
            files[name] = file_digest(data)
        return files


def _read(path: Path | str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def published_now(
    config: Config,
    ledger: Ledger,
    check: GroupCheck,
    *,
    built: dict[str, str],
    kept: list[str],
    kept_pages: set[int],
    kept_tags: frozenset[str],
) -> Published:
    """What the ledger of a build that puts ``built`` in place (each document's name with
    its :func:`file_digest`) and keeps ``kept`` records
    of the documents (nothing when there are no archive pages: then every entry is in the
    subscription feeds, which a build always reads).

    ``kept_pages`` and ``kept_tags`` are the archive pages and tag feeds kept whole: a
    group kept whole, none of whose entry pages is rebuilt, keeps its recorded digest.
    """
    produced = {*built, *kept}
    pages: dict[int, dict[str, str]] = {}
    for name in produced:
        page = _page_number(name)
        if page is not None:
            pages.setdefault(page, {})[name] = ""
    if not pages:
        return Published()
    for record in ledger.records.values():
        name = entry_page_name(record.id)
        if name in produced and record.page in pages:
            pages[record.page][name] = ""
    digests: dict[int, str] = {}
    for page, files in sorted(pages.items()):
        recorded = check.recorded_page(page)
        if recorded and page in kept_pages and not any(n in built for n in files):
            digests[page] = recorded
        else:
            group = check.page(page)
            known = group.files if group is not None else {}
            digests[page] = group_digest(_file_digests(config.out, files, built, known))
    tags: dict[str, dict[str, str]] = {}
    for name in produced:
        folder, _, _ = name.rpartition("/")
        top, _, slug = folder.partition("/")
        if top == TAGS_DIR and slug:
            tags.setdefault(slug, {})[name] = ""
    tag_feeds: dict[str, str] = {}
    for slug, files in sorted(tags.items()):
        recorded = check.recorded_tag_feed(slug)
        if recorded and slug in kept_tags:
            tag_feeds[slug] = recorded
        else:
            tag_feeds[slug] = group_digest(_file_digests(config.out, files, built, {}))
    return Published(basis=published_basis(config), pages=digests, tag_feeds=tag_feeds)


def _file_digests(
    out: Path, names: dict[str, str], built: dict[str, str], known: dict[str, str]
) -> dict[str, str]:
    """The digest of each file ``names``: of its bytes if built, else as checked, else of
    the file on disk (kept; a file that cannot be read has a digest nothing matches)."""
    files: dict[str, str] = {}
    for name in names:
        if name in built:
            files[name] = built[name]
        elif known.get(name):
            files[name] = known[name]
        else:
            data = _read(out / name)
            files[name] = file_digest(data) if data is not None else "-"
    return files


def _page_number(name: str) -> int | None:
    """The page number of an archive page's name under the out folder, else None."""
    folder, _, file = name.partition("/")
    if folder != ARCHIVE_DIR or not is_page_name(file):
        return None
    return int(file.rpartition("-")[2].partition(".")[0])
