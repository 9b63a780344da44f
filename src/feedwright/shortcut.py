"""The scheduled run's shortcut: say "nothing changed" before the CLI is even loaded.

``feedwright build`` from cron or a timer usually finds nothing new. That answer needs only
one listing of ``articles/`` and a few stats compared with the quiet stamp the last clean
build left (:mod:`feedwright.incremental.stamp`), so this module decides it without importing click,
the config parser, the cache, the parser or the feed builder (which cost more than the
whole answer). Anything unusual — other options, no stamp, any difference — falls through
to the full command. No lock is taken: nothing is written, and a build running at the
same moment is either seen as a change (so the full command takes the lock) or has not
changed anything yet.
"""

from __future__ import annotations

import os
import sys
import time

_QUIET_FLAGS = frozenset({"-q", "--quiet"})


def quiet_build(argv: list[str]) -> int | None:
    """Exit code of ``feedwright build [-q]`` if nothing changed since the last build, else None."""
    if not argv or argv[0] != "build" or not set(argv[1:]) <= _QUIET_FLAGS:
        return None
    from feedwright.incremental.stamp import unchanged_entries

    try:
        now = build_clock()
        root = os.getcwd()
    except (ValueError, OSError):
        return None  # the full command reports it
    count = unchanged_entries(root, now)
    if count is None:
        return None
    if not set(argv[1:]) & _QUIET_FLAGS:
        print(f"feedwright: {entries(count)}; nothing changed")
    return 0


def entries(count: int) -> str:
    """``1 entry``, ``3 entries``: how the CLI counts entries."""
    return f"{count} entry" if count == 1 else f"{count} entries"


def build_clock() -> int:
    """Now in epoch seconds, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds, tests).

    Raises:
        ValueError: ``SOURCE_DATE_EPOCH`` is not an integer.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return int(epoch) if epoch else int(time.time())


def main() -> None:
    """The ``feedwright`` console script."""
    code = quiet_build(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from feedwright.cli import main as cli

    cli()
