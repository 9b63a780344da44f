"""Reading one article file safely: only regular files inside the articles folder, bounded.

A build holds the lock while it reads, so nothing here may block or grow without bound: a
FIFO is refused before it is opened (and opened non-blocking all the same, in case it was
swapped in after the check), a device or a file over the size limit is never read whole,
and a symbolic link that leads out of the articles folder is not followed (the CI workflow
builds whatever is pushed, and git carries symlinks).
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from feedwright.errors import ArticleError, quote_name
from feedwright.incremental.cache import FileKey
from feedwright.loader.decode import MAX_ARTICLE_BYTES

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def read_article_file(
    path: str, *, root: str | None, limit: int = MAX_ARTICLE_BYTES
) -> tuple[FileKey, bytes]:
    """The identity and bytes of the article at ``path``, a file under the folder ``root``
    (``None``: a file named by the user, wherever its links lead).

    Raises:
        ArticleError: the file vanished, is not a regular file, is a link that dangles,
            loops or leads outside ``root``, is larger than ``limit`` bytes, or cannot be read.
    """
    try:
        link = os.lstat(path)
    except FileNotFoundError as e:
        # A file a build listed and then lost has vanished; one a user named (``inspect``)
        # may never have existed.
        raise ArticleError(
            "no such file" if root is None else "vanished while the build ran"
        ) from e
    except OSError as e:
        raise ArticleError(f"cannot read: {e.strerror or e}") from e
    if stat.S_ISLNK(link.st_mode):
        path = _resolve(path, root)
    try:
        before = os.stat(path)
    except OSError as e:
        raise ArticleError(f"cannot read: {e.strerror or e}") from e
    _check_kind(before.st_mode)
    _check_size(before.st_size, limit)
    try:
        # O_NONBLOCK: a FIFO put in place between the stat and the open must not hang the
        # build; O_NOFOLLOW: nor may a symlink put there. Neither changes a regular file.
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ArticleError("changed into a symbolic link while the build ran") from e
        raise ArticleError(f"cannot read: {e.strerror or e}") from e
    with os.fdopen(fd, "rb", buffering=0) as handle:
        # The identity is taken from the open file before reading: if the file changes
        # while it is read, the recorded identity is the old one and the next run reads it
        # again.
        opened = os.fstat(fd)
        _check_kind(opened.st_mode)
        _check_size(opened.st_size, limit)
        try:
            data = _read_at_most(handle, limit + 1)
        except OSError as e:
            raise ArticleError(f"cannot read: {e.strerror or e}") from e
    # A file that grew past the limit after the stat.
    _check_size(len(data), limit)
    return FileKey.of(opened), data


def _resolve(path: str, root: str | None) -> str:
    """The real path of the symlink ``path``, if it leads inside ``root``."""
    try:
        real = os.path.realpath(path, strict=True)
    except FileNotFoundError as e:
        raise ArticleError(f"symbolic link to {_target(path)}, which does not exist") from e
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ArticleError(f"symbolic link to {_target(path)} loops") from e
        raise ArticleError(f"cannot follow symbolic link: {e.strerror or e}") from e
    base = os.path.realpath(root) if root is not None else None
    if base is not None and os.path.commonpath([base, real]) != base:
        raise ArticleError(
            f"symbolic link to {_target(path)}, outside the articles folder; not read"
        )
    return real


def _target(path: str) -> str:
    try:
        return quote_name(os.readlink(path))
    except OSError:
        return "?"


def _check_kind(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise ArticleError(f"{kind}, not a regular file; not read")


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        mb = 1024 * 1024
        shown = f"{size / mb:.0f} MB" if size >= mb else f"{size} bytes"
        raise ArticleError(f"file is {shown}; articles over {limit // mb} MB are refused")


def _read_at_most(handle: BinaryIO, count: int) -> bytes:
    """Up to ``count`` bytes (one read may return fewer than asked for)."""
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = handle.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def check_name(source: str) -> None:
    """Refuse an article whose name (path under the articles folder) is not UTF-8.

    Raises:
        ArticleError: the name holds bytes that are not UTF-8; it would become part of the
            entry's id, which must be text.
    """
    try:
        source.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ArticleError(
            "file name is not valid UTF-8 (it would be part of the entry's id); rename it"
        ) from e
