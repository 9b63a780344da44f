"""Running one function over many items on every core.

Workers are forked, so they start with the function and the items already in memory:
only an index goes out to a worker and only the result comes back. Where fork is not
available (Windows, macOS's default aside), or when there are too few items for the
workers to pay for themselves, the items are simply mapped here, in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: What the forked workers read: the function and the items of the running map.
_SHARED: list[Any] = []


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: Told how many items are done so far (from 1 up to all of them), in this process.
Progress = Callable[[int], None]


def map_on_cores(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int,
    progress: Progress | None = None,
) -> list[R]:
    """``[func(item) for item in items]``, on every core when there are ``min_items`` or more.

    ``func`` must be pure (a worker's side effects are lost) and its results picklable.
    ``progress``, if given, is called here (never in a worker) as results come in.
    """
    workers = min(available_cores(), len(items))
    if len(items) < min_items or workers < 2:
        return _counted(map(func, items), progress)
    if "fork" not in multiprocessing.get_all_start_methods():
        return _counted(map(func, items), progress)
    _SHARED[:] = [func, items]
    # The workers' garbage collector leaves what they inherit alone: its passes would
    # write to every object of the build's heap, and each page written is a copy.
    gc.freeze()
    try:
        chunk = max(1, min(64, len(items) // (workers * 4)))
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            return _counted(pool.map(_call_at, range(len(items)), chunksize=chunk), progress)
    finally:
        gc.unfreeze()
        _SHARED.clear()


def _counted(results: Iterable[R], progress: Progress | None) -> list[R]:
    """``list(results)``, telling ``progress`` the count after each one."""
    if progress is None:
        return list(results)
    done: list[R] = []
    for result in results:
        done.append(result)
        progress(len(done))
    return done


def _exit_with_parent(parent: int) -> None:
    """Make this worker exit soon after the build that forked it is killed.

    An orphaned worker would otherwise wait for work forever, holding the build lock and
    the build's output pipes (which it inherited), so the next run could never start.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.1)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _call_at(index: int) -> Any:
    func, items = _SHARED
    return func(items[index])
