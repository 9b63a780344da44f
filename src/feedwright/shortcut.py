"""The scheduled run's shortcut: say "nothing changed" before the CLI is even loaded.

``feedwright build`` from cron or a timer usually finds nothing new. That answer needs only
the config, one listing of ``articles/`` and the cache's record of the last build, so this
module decides it without importing click, filelock, the parser or the feed builder
(which cost more than the whole answer). Anything unusual — other options, no config,
no cache, a file that needs a content check — falls through to the full command.
No lock is taken: nothing is written, and a build running at the same moment is either
seen as a change (so the full command takes the lock) or has not changed anything yet.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone
from pathlib import Path

_QUIET_FLAGS = frozenset({"-q", "--quiet"})


def quiet_build(argv: list[str]) -> int | None:
    """Exit code of ``feedwright build [-q]`` if nothing changed since the last build, else None."""
    if not argv or argv[0] != "build" or not set(argv[1:]) <= _QUIET_FLAGS:
        return None
    from feedwright.articles import scan_articles
    from feedwright.cache import Cache
    from feedwright.config import load_config
    from feedwright.errors import FeedwrightError
    from feedwright.quiet import cache_namespace, code_identity, unchanged_since_last_build

    try:
        config = load_config(None, root=Path.cwd(), check_zone=False)
        if config.source is None:
            return None  # the full command says which defaults it used
        now = build_clock()
        found = scan_articles(config.articles)
    except (FeedwrightError, ValueError):
        return None  # the full command reports it
    code = code_identity()
    cache = Cache.open(config.cache_dir, namespace=cache_namespace(config, code), writable=False)
    try:
        keys = {f.source: f.key for f in found}
        state = unchanged_since_last_build(cache, config, keys, now=now, code=code)
    finally:
        cache.close()
    if state is None or state.checks:
        return None  # files too fresh to trust by identity: the full command hashes them
    if not set(argv[1:]) & _QUIET_FLAGS:
        print(f"feedwright: {entries(state.entries)}; nothing changed")
    return 0


def entries(count: int) -> str:
    """``1 entry``, ``3 entries``: how the CLI counts entries."""
    return f"{count} entry" if count == 1 else f"{count} entries"


def build_clock() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds, tests).

    Raises:
        ValueError: ``SOURCE_DATE_EPOCH`` is not an integer.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(timezone.utc)
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc)


def main() -> None:
    """The ``feedwright`` console script."""
    code = quiet_build(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from feedwright.cli import main as cli

    cli()
