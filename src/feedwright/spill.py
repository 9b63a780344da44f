"""Bytes a build sets aside on disk, so that no process holds every article's text at once.

A first build of a large archive makes, for each article, its text, three feed fragments
and an entry page: tens of KiB each, a million times over. Each process (the build and
every worker it forks) appends what it makes to a file of its own in one folder, and
only a :data:`Ref` (which file, where, how long) is kept or sent through a pipe; any
process of the build reads the bytes back when it needs them. The folder lives as long as
the build and is removed with it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from typing import TypeVar

__all__ = ["Ref", "Spill", "Spilled", "remove_stale"]

#: The name of every spill folder begins so.
PREFIX = "spill-"
#: Where bytes were set aside: the process that wrote them, their offset, their length.
Ref = tuple[int, int, int]
K = TypeVar("K")


class Spill:
    """The build's folder of set-aside bytes; usable from the processes it forks."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._writer: tuple[int, int] | None = None  # (pid, fd) of this process's file
        self._size = 0
        self._readers: dict[int, int] = {}
        self._reader_pid = os.getpid()

    @classmethod
    @contextlib.contextmanager
    def open(cls, parent: str | None = None) -> Iterator[Spill]:
        """A new spill folder under ``parent`` (the system's temp folder if ``None``),
        removed with everything in it on the way out."""
        made = parent is not None and not os.path.isdir(parent)
        if parent is not None:
            os.makedirs(parent, exist_ok=True)
        folder = tempfile.mkdtemp(prefix=PREFIX, dir=parent)
        spill = cls(folder)
        try:
            yield spill
        finally:
            spill.close()
            shutil.rmtree(folder, ignore_errors=True)
            if made:
                with contextlib.suppress(OSError):
                    os.rmdir(str(parent))  # only if nothing else is there

    def put(self, data: bytes) -> Ref:
        """Append ``data`` to this process's file; where to read it back."""
        pid = os.getpid()
        if self._writer is None or self._writer[0] != pid:
            # A forked worker inherits its parent's descriptor: it writes a file of its own.
            path = os.path.join(self.folder, str(pid))
            self._writer = (pid, os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
            self._size = os.fstat(self._writer[1]).st_size
        offset = self._size
        view = memoryview(data)
        while view:
            view = view[os.write(self._writer[1], view) :]
        self._size += len(data)
        return pid, offset, len(data)

    def get(self, ref: Ref) -> bytes:
        """The bytes set aside at ``ref``, by this process or another of the build."""
        pid, offset, length = ref
        if self._reader_pid != os.getpid():
            # Descriptors inherited from the parent are shared, not ours to keep.
            self._readers, self._reader_pid = {}, os.getpid()
        fd = self._readers.get(pid)
        if fd is None:
            fd = self._readers[pid] = os.open(os.path.join(self.folder, str(pid)), os.O_RDONLY)
        data = os.pread(fd, length, offset)
        if len(data) != length:
            raise OSError(f"spill file {pid} is short: {len(data)} of {length} bytes")
        return data

    def close(self) -> None:
        fds = list(self._readers.values()) if self._reader_pid == os.getpid() else []
        if self._writer is not None and self._writer[0] == os.getpid():
            fds.append(self._writer[1])
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._readers, self._writer = {}, None


class Spilled(Mapping[K, bytes]):
    """A mapping whose bytes are read back from a :class:`Spill` when they are looked up."""

    def __init__(self, spill: Spill, refs: dict[K, Ref]) -> None:
        self.spill = spill
        self.refs = refs

    def __getitem__(self, key: K) -> bytes:
        return self.spill.get(self.refs[key])

    def __iter__(self) -> Iterator[K]:
        return iter(self.refs)

    def __len__(self) -> int:
        return len(self.refs)

    def __contains__(self, key: object) -> bool:
        return key in self.refs


def remove_stale(parent: str, *, keep: str) -> None:
    """Remove the spill folders a killed build left in ``parent``, all but ``keep``.

    Only safe under the build lock: then no other build is using one.
    """
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        folder = os.path.join(parent, name)
        if name.startswith(PREFIX) and folder != keep:
            shutil.rmtree(folder, ignore_errors=True)
