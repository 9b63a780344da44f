"""Putting files in place: atomic, only when changed, one run at a time."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from feedwright.errors import PublishError

#: Temp files are ``.<name>.<random>.tmp`` beside their target, hidden from web servers'
#: directory listings and from ``*.xml`` globs.
_TMP_SUFFIX = ".tmp"


def read_if_exists(path: Path) -> bytes | None:
    """The file's bytes, or ``None`` if there is no such file.

    Raises:
        PublishError: something else is in the way (a folder, an unreadable file).
    """
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise PublishError(f"cannot read: {e.strerror or e}", path=str(path)) from e


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` atomically; do nothing if it already holds ``data``.

    Returns True if the file was written. A temp file in the same folder is fsynced and
    renamed over the target, so a reader (or a web server) sees the old file or the new
    one, never half of either, even if the process dies at any instant. Unchanged files
    are not touched, so their mtime (and HTTP ``Last-Modified``/304) stays.

    Raises:
        PublishError: the file cannot be written (the old one is left as it was).
    """
    try:
        if read_if_exists(path) == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TMP_SUFFIX, dir=path.parent)
    except OSError as e:
        raise PublishError(f"cannot write: {e.strerror or e}", path=str(path)) from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as e:
        # Also on KeyboardInterrupt/SystemExit (SIGTERM from systemd): no temp file is left.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise PublishError(f"cannot write: {e.strerror or e}", path=str(path)) from e
        raise
    _fsync_dir(path.parent)
    return True


def remove_file(path: Path) -> bool:
    """Delete ``path`` if it exists; True if it did.

    Raises:
        PublishError: the file exists but cannot be removed.
    """
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as e:
        raise PublishError(f"cannot remove: {e.strerror or e}", path=str(path)) from e
    _fsync_dir(path.parent)
    return True


def remove_stale_temps(folder: Path, ours: Callable[[str], bool]) -> list[Path]:
    """Delete temp files a killed run left beside files whose name ``ours`` accepts.

    Only safe under the build lock: then no other run can be writing them. Returns what
    was removed; errors are ignored (the next run tries again).
    """
    removed: list[Path] = []
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return removed
    for path in candidates:
        name = path.name
        if not (name.startswith(".") and name.endswith(_TMP_SUFFIX)):
            continue
        target = name[1:].rsplit(".", 2)[0]
        if ours(target) and path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


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

    The lock is an OS lock on an open file, so a run that is killed releases it at once:
    a crash never leaves a stale lock behind.

    Raises:
        PublishError: another build still holds the lock after ``timeout`` seconds.
    """
    from filelock import FileLock, Timeout

    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=max(timeout, 0))
    except Timeout as e:
        raise PublishError(
            f"another feedwright build is running (still locked after {timeout:g}s); nothing done",
            path=str(path),
        ) from e
    except OSError as e:
        raise PublishError(f"cannot take the build lock: {e.strerror or e}", path=str(path)) from e
    try:
        yield
    finally:
        lock.release()
