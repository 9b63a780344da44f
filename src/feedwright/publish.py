"""Putting files in place: atomic, only when changed, one run at a time."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from feedwright.errors import PublishError


def read_if_exists(path: Path) -> bytes | None:
    """The file's bytes, or ``None`` if there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` atomically; do nothing if it already holds ``data``.

    Returns True if the file was written. A temp file in the same folder is fsynced and
    renamed over the target, so a reader (or a web server) sees the old file or the new
    one, never half of either, even if the process dies at any instant. Unchanged files
    are not touched, so their mtime (and HTTP ``Last-Modified``/304) stays.

    Raises:
        PublishError: the file cannot be written (the old one is left as it was).
    """
    if read_if_exists(path) == data:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise PublishError(f"cannot write: {e.strerror}", path=str(path)) from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise PublishError(f"cannot write: {e.strerror}", path=str(path)) from e
    _fsync_dir(path.parent)
    return True


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def build_lock(path: Path, *, timeout: float) -> Iterator[None]:
    """Hold the build lock; wait at most ``timeout`` seconds for another run to finish.

    Raises:
        PublishError: another build still holds the lock after ``timeout`` seconds.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=timeout)
    except Timeout as e:
        raise PublishError(
            f"another feedwright build is running (lock held for over {timeout:g}s)",
            path=str(path),
        ) from e
    except OSError as e:
        raise PublishError(f"cannot take the build lock: {e.strerror}", path=str(path)) from e
    try:
        yield
    finally:
        lock.release()
