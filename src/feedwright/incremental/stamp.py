"""The quiet stamp: "nothing changed" told from one listing and a few stats.

A clean build whose every input is old enough to trust by identity leaves a stamp in the
cache folder: the identity of each file the outputs depend on (feedwright's code and the
libraries it uses, the config, the ledger, every output but the entry pages), a digest of
the names in each folder that matters (the package, the archive pages, the entry pages),
a digest of every article's identity as it was read, and the clock window in which the
outputs stay right (until a scheduled article falls due). Entry pages are one per entry,
so their folder's names stand for them: a page added or removed is noticed, a page
rewritten in place by something other than a build is not (a build replaces it the next
time anything changes).

The next run compares the world with the stamp before importing more than ``os`` and
``hashlib``: if every identity is the same and the clock is inside the window, a build
would write the same bytes, so there is nothing to do. Any difference, or any doubt (no
stamp, a torn stamp, another Python), means the full command runs. The stamp is only
ever a shortcut: it is removed before a build writes anything and written again only
after a clean build.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable

from feedwright.incremental.listing import ListingError, list_articles
from feedwright.layout import CACHE_DIR_NAME, CONFIG_NAME

STAMP_NAME = "quiet-stamp"
_MAGIC = "feedwright quiet stamp 2"
#: Stamp fields are separated by NUL, the one character no file name can hold.
_SEP = "\0"
#: What a file that does not exist is recorded as.
_MISSING = "-"


def key_format(key: tuple[int, int, int, int]) -> str:
    """A file identity (size, mtime_ns, ctime_ns, inode) as text: the one form the stamp,
    the cache and the build's state all write."""
    size, mtime, ctime, ino = key
    return f"{size}:{mtime}:{ctime}:{ino}"


def key_text(path: str) -> str:
    """A file's identity as the stamp records it (``-`` if it does not exist)."""
    try:
        st = os.stat(path)
    except OSError:
        return _MISSING
    return key_format((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))


def folder_names(path: str) -> list[str]:
    """A folder's names, sorted, as the stamp records them (``-`` if it cannot be listed)."""
    try:
        return sorted(os.listdir(path))
    except OSError:
        return [_MISSING]


def names_digest(names: list[str]) -> str:
    """One digest of a folder's sorted names (a stamp holds it instead of the names)."""
    return _digest("\0".join(names))


def listing_digest(listed: Iterable[tuple[str, tuple[int, int, int, int]]]) -> str:
    """One digest of every article's source name and identity, in the order given."""
    return _digest("".join(f"{source}\0{a}:{b}:{c}:{d}\0" for source, (a, b, c, d) in listed))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _interpreter() -> str:
    return f"{sys.version} {sys.prefix}"


def stamp_text(
    *,
    config: str,
    window: tuple[int, int | None],
    entries: int,
    files: list[tuple[str, str]],
    folders: list[tuple[str, list[str]]],
    articles: str,
    listed: list[tuple[str, tuple[int, int, int, int]]],
) -> str:
    """The stamp of a clean build.

    ``config`` is the config file's absolute path; ``window`` the epoch seconds from which
    and (if not ``None``) until which the outputs hold; ``files`` each file's path and
    :func:`key_text`; ``folders`` each folder and its sorted names; ``articles`` the
    articles folder and ``listed`` each article's source name and identity when read,
    sorted by name. The names and the articles are kept as digests: a quiet run at
    200,000 articles compares two strings instead of 400,000.
    """
    start, until = window
    tokens = [_MAGIC, _interpreter(), config, str(start), "-" if until is None else str(until)]
    tokens.append(str(entries))
    tokens.append(str(len(files)))
    for path, key in files:
        tokens += (path, key)
    tokens.append(str(len(folders)))
    for path, names in folders:
        tokens += (path, names_digest(names))
    tokens += (articles, str(len(listed)), listing_digest(listed))
    return _SEP.join(tokens)


def stamp_path(cache_dir: str) -> str:
    return os.path.join(cache_dir, STAMP_NAME)


def write_stamp(cache_dir: str, text: str) -> None:
    """Put the stamp in place (no fsync: a torn stamp only means a full run)."""
    path = stamp_path(cache_dir)
    temp = f"{path}.tmp"
    try:
        with open(temp, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError:
        clear_stamp(cache_dir)


def clear_stamp(cache_dir: str) -> None:
    """Remove the stamp: from now on, only a full run can say nothing changed."""
    for name in (STAMP_NAME, f"{STAMP_NAME}.tmp"):
        try:
            os.unlink(os.path.join(cache_dir, name))
        except OSError:  # none there; or it stays, and speaks only for files it names
            continue


def unchanged_entries(root: str, now: int) -> int | None:
    """How many entries the feeds hold, if the stamp in ``root`` says nothing changed.

    ``root`` is the folder the command runs in: the stamp is looked for only where a build
    with ``root/feedwright.toml`` and its ledger in ``root`` leaves it. ``None`` means the
    full command must decide.
    """
    try:
        with open(
            stamp_path(os.path.join(root, CACHE_DIR_NAME)),
            encoding="utf-8",
            errors="surrogateescape",
        ) as handle:
            tokens = handle.read().split(_SEP)
    except OSError:
        return None
    try:
        return _compare(tokens, root, now)
    except (StopIteration, ValueError, ListingError):
        return None  # a torn or foreign stamp, or a folder gone: the full command tells


def _compare(tokens: list[str], root: str, now: int) -> int | None:
    head = iter(tokens)
    if next(head) != _MAGIC or next(head) != _interpreter():
        return None
    if next(head) != os.path.realpath(os.path.join(root, CONFIG_NAME)):
        return None
    start, until = int(next(head)), next(head)
    if now < start or (until != "-" and now >= int(until)):
        return None
    entries = int(next(head))
    for _ in range(int(next(head))):
        path = next(head)
        if key_text(path) != next(head):
            return None
    for _ in range(int(next(head))):
        path = next(head)
        if names_digest(folder_names(path)) != next(head):
            return None
    articles, count, digest = next(head), int(next(head)), next(head)
    if next(head, None) is not None:
        return None
    listed = list_articles(articles)
    if len(listed) != count or listing_digest((s, k) for _, s, k in listed) != digest:
        return None
    return entries
