"""Where a build's time goes: one build in this process, with each phase timed.

Usage: python bench/phases.py SITE [--cold]

SITE is a folder with feedwright.toml and articles/ (``bench/run.py --work DIR`` leaves
``DIR/site-10000``). With --cold, the feeds, ledger and cache are removed first. Prints
the wall time of each phase (phases run inside one another, so their times overlap:
reading includes parsing, documents include fragments). Numbers belong in this output
and in notes, never in a unit test.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedwright.articles
import feedwright.incremental.cache
import feedwright.incremental.memory
import feedwright.ledger
import feedwright.output.archives
import feedwright.output.validate
import feedwright.pipeline
import feedwright.publish
from feedwright.clock import Clock
from feedwright.config import load_config

TIMES: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)

#: (module, function name, label): patched where the pipeline looks them up.
PHASES = [
    (feedwright.pipeline, "scan_articles", "list articles"),
    (feedwright.pipeline, "read_articles", "read articles (cache, parse, store)"),
    (feedwright.articles, "_load_all", "  read, hash, parse, to JSON (pool)"),
    (feedwright.incremental.cache.Cache, "lookup_all", "  cache lookup"),
    (feedwright.incremental.memory, "load_head", "  entries from their JSON"),
    (feedwright.incremental.cache.Cache, "store_all", "  cache store"),
    (feedwright.pipeline, "load_ledger", "load ledger"),
    (feedwright.pipeline, "describe_changes", "describe changes"),
    (feedwright.incremental.memory.BuildMemory, "kept_pages", "find kept pages"),
    (feedwright.pipeline, "reconcile", "reconcile with ledger"),
    (feedwright.pipeline, "build_pieces", "entry fragments and pages (pool)"),
    (feedwright.pipeline, "_filler", "  bulk of cached entries"),
    (feedwright.pipeline._Staged, "add_document", "assemble, compare, set aside documents"),
    (feedwright.output.archives, "_checked", "  check documents as assembled"),
    (feedwright.pipeline, "dump_ledger", "dump ledger"),
    (feedwright.pipeline, "apply", "apply the plan"),
    (feedwright.pipeline, "write_atomic", "  write the ledger"),
    (feedwright.pipeline, "write_many", "  write the documents"),
    (feedwright.publish, "_sync_all", "    fsync temp files"),
    (feedwright.publish, "_fsync_dir", "    fsync folders"),
    (feedwright.incremental.cache.Cache, "prune", "cache prune"),
    (feedwright.incremental.memory.BuildMemory, "remember", "record the build"),
    (feedwright.incremental.cache.Cache, "close", "cache commit"),
]


def timed(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            TIMES[label] += time.perf_counter() - start
            CALLS[label] += 1

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    site = args.site.resolve()
    if args.cold:
        shutil.rmtree(site / "feeds", ignore_errors=True)
        shutil.rmtree(site / ".feedwright-cache", ignore_errors=True)
        (site / "feedwright-ledger.json").unlink(missing_ok=True)
    for owner, name, label in PHASES:
        setattr(owner, name, timed(label, getattr(owner, name)))
    os.chdir(site)
    config = load_config(None, root=site)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "1733011200"))
    start = time.perf_counter()
    report = feedwright.pipeline.run_build(config, clock=Clock(epoch))
    total = time.perf_counter() - start
    print(f"{report.entries} entries, {report.parsed} parsed, {len(report.written)} written")
    for _, _, label in PHASES:
        if CALLS[label]:
            print(f"{label:<40} {TIMES[label]:7.2f} s  ({CALLS[label]} calls)")
    print(f"{'total':<40} {total:7.2f} s")


if __name__ == "__main__":
    main()
