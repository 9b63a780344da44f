"""Putting files in place: atomic, only when changed, one run at a time."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from filelock import FileLock, Timeout

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


#: Files made durable together at most (each group holds this many open temp files).
GROUP_SIZE = 256


def write_many(files: Iterable[tuple[Path, bytes]], *, group: int = GROUP_SIZE) -> None:
    """Put each file in place, in the order given, each atomically as :func:`write_atomic`
    does; the caller has already left out the files that hold their bytes.

    Files are made durable in groups, each a run of consecutive files of one folder: every
    temp file of the group is written, then all are fsynced at once (in threads: the
    file system's journal commits them together, where one fsync after another waits for
    a commit each, about 5 ms apiece on a virtual disk), then each is renamed over its
    target in order, then the folder is fsynced once. So, as with :func:`write_atomic`,
    a file's bytes are on disk before its name points at them: whatever instant the
    process or the machine dies, every file is its old or its new version, whole. A killed
    process leaves the renames done so far, in order, exactly as one file at a time would;
    each group's folder is fsynced before the next group is renamed, so a document in
    another folder that links to a file of this group is never durable before it.

    Raises:
        PublishError: a file cannot be written (it and the rest of its group keep their
            old versions; the groups before are in place).
    """
    staged: list[tuple[Path, str, int]] = []
    try:
        for path, data in files:
            if staged and (len(staged) >= group or staged[-1][0].parent != path.parent):
                _commit(staged)
            staged.append(_stage(path, data))
        _commit(staged)
    finally:
        # Only left here when the group failed or the run was interrupted.
        for _, tmp, fd in staged:
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _stage(path: Path, data: bytes) -> tuple[Path, str, int]:
    """Write ``data`` to a new temp file beside ``path``; return it, open, not yet synced."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TMP_SUFFIX, dir=path.parent)
    except OSError as e:
        raise PublishError(f"cannot write: {e.strerror or e}", path=str(path)) from e
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fchmod(fd, 0o644)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise PublishError(f"cannot write: {e.strerror or e}", path=str(path)) from e
        raise
    return path, tmp, fd


def _commit(staged: list[tuple[Path, str, int]]) -> None:
    """Sync every temp file of one group, rename each over its target in order, sync
    the folder; ``staged`` is emptied as each file is put in place."""
    if not staged:
        return
    failed = _sync_all([(path, fd) for path, _, fd in staged])
    for k, (path, tmp, fd) in enumerate(staged):
        with contextlib.suppress(OSError):
            os.close(fd)
        staged[k] = (path, tmp, -1)
    if failed is not None:
        path, error = failed
        raise PublishError(f"cannot write: {error.strerror or error}", path=str(path)) from error
    folder = staged[0][0].parent
    for path, tmp, _ in list(staged):
        try:
            os.replace(tmp, path)
        except OSError as e:
            raise PublishError(f"cannot write: {e.strerror or e}", path=str(path)) from e
        staged.pop(0)
    _fsync_dir(folder)


def _sync_all(files: list[tuple[Path, int]]) -> tuple[Path, OSError] | None:
    """fsync every file at once; the first that failed, if one did."""

    def sync(item: tuple[Path, int]) -> tuple[Path, OSError] | None:
        try:
            os.fsync(item[1])
        except OSError as e:
            return item[0], e
        return None

    if len(files) == 1:
        return sync(files[0])
    with ThreadPoolExecutor(min(len(files), 32), thread_name_prefix="fsync") as pool:
        return next((r for r in pool.map(sync, files) if r is not None), None)


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
