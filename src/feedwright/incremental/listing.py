"""Listing the article files and their identities (imports only ``os``: quiet runs use it).

Every run starts here, and a run that finds nothing changed ends soon after, so this
module stays free of imports that cost start-up time (typing, pathlib, re, dataclasses).
"""

from __future__ import annotations

import os

from feedwright.layout import ARTICLE_SUFFIXES

#: An article file: its path as listed, its name under the articles folder, and its
#: identity (size, mtime_ns, ctime_ns, inode): plain tuples, made 10,000 times a run.
Listed = tuple[str, str, tuple[int, int, int, int]]


class ListingError(OSError):
    """A folder of articles is missing or cannot be listed (``filename`` says which)."""


def list_articles(folder: str) -> list[Listed]:
    """Article files under ``folder``, sorted by name; hidden files and folders are ignored.

    Symlinked folders are not followed (a link to a parent would loop forever); a file that
    vanishes while it is listed is not an article of this run; a link to an article name
    that dangles or loops is listed, for the reader to report.

    Raises:
        ListingError: ``folder`` is not a folder, or a folder under it cannot be listed.
    """
    if not os.path.isdir(folder):
        raise ListingError(0, "articles folder is missing (is it mounted?)", folder)
    found: list[Listed] = []
    stack = [(folder, "")]
    while stack:
        here, prefix = stack.pop()
        try:
            with os.scandir(here) as listing:
                items = list(listing)
        except OSError as e:
            raise ListingError(0, f"cannot list articles: {e.strerror or e}", here) from e
        # This loop is most of a quiet run at 10,000 articles: keep it lean.
        for item in items:
            name = item.name
            if name[0] == ".":
                continue
            try:
                if item.is_dir(follow_symlinks=False):
                    stack.append((item.path, f"{prefix}{name}/"))
                elif name.endswith(ARTICLE_SUFFIXES) or name.lower().endswith(ARTICLE_SUFFIXES):
                    try:
                        st = item.stat()
                    except OSError:
                        if not item.is_symlink():
                            raise
                        # A dangling or looping link: listed with the link's own identity,
                        # so reading it reports it (one line) instead of silence.
                        st = item.stat(follow_symlinks=False)
                    key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                    found.append((item.path, prefix + name, key))
            except OSError:
                continue
    found.sort(key=_source)
    return found


def _source(listed: Listed) -> str:
    return listed[1]
