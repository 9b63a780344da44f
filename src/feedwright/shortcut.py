"""The console script, and its shortcut: say "nothing changed" before the CLI is loaded.

``feedwright build`` from cron or a timer usually finds nothing new. That answer needs only
one listing of ``articles/`` and a few stats compared with the quiet stamp the last clean
build left (:mod:`feedwright.incremental.stamp`), so this module decides it importing only
``os``-level modules: not click, the config parser, the cache, the parser or the feed
builder (which cost more than the whole answer). Anything unusual — other options, no
stamp, any difference — falls through to the full command, :mod:`feedwright.cli`, which
is imported only then. No lock is taken: nothing is written, and a build running at the
same moment is either seen as a change (so the full command takes the lock) or has not
changed anything yet.
"""

from __future__ import annotations

import importlib
import os
import sys

from feedwright.clock import Clock
from feedwright.incremental.stamp import unchanged_entries
from feedwright.layout import find_config
from feedwright.wording import entries

_QUIET_FLAGS = frozenset({"-q", "--quiet"})


def quiet_build(argv: list[str]) -> int | None:
    """Exit code of ``feedwright build [-q] [--lock-timeout S]`` if nothing changed since
    the last build, else None."""
    if not argv or argv[0] != "build" or not set(_without_lock_timeout(argv[1:])) <= _QUIET_FLAGS:
        return None
    try:
        clock = Clock.from_environment()
        found = find_config(os.getcwd())
        if found is None:
            return None
        root = os.path.dirname(found)
    except (ValueError, OSError):
        return None  # the full command reports it
    count = unchanged_entries(root, clock.epoch)
    if count is None:
        return None
    if not set(argv[1:]) & _QUIET_FLAGS:
        print(f"feedwright: {entries(count)}; nothing changed")
    return 0


def _without_lock_timeout(args: list[str]) -> list[str]:
    """``args`` less a ``--lock-timeout`` with its number: a quiet run takes no lock, so the
    documented cron line must not lose the shortcut for it. Anything odd is left in."""
    rest, i = [], 0
    while i < len(args):
        arg, value = args[i], None
        if arg == "--lock-timeout" and i + 1 < len(args):
            value, i = args[i + 1], i + 2
        elif arg.startswith("--lock-timeout="):
            value, i = arg.partition("=")[2], i + 1
        else:
            rest.append(arg)
            i += 1
            continue
        try:
            float(value)
        except ValueError:
            rest.append(arg)  # the full command reports it
    return rest


def main() -> None:
    """The ``feedwright`` console script."""
    code = quiet_build(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    # Loaded only here, by name: the quiet answer above must not pay for click and the rest.
    cli = importlib.import_module("feedwright.cli")
    cli.main()
