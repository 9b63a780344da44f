"""Time the loader on pathological articles against a per-article time budget.

Usage: python bench/hostile.py [--mb 1.0] [--repeat 2]

Loads a --mb megabyte article of each kind that once took a minute or more (issue 12,
item 8; the kinds are those of tests/test_hostile_time.py) and, for reference, plain text
and Markdown of the same size, and prints one row each: CPU seconds (best of --repeat),
seconds per megabyte, and whether it stays within BUDGET_S_PER_MB. The unit test checks
only that the time grows linearly; the budget in absolute seconds lives here, where
numbers belong. Exits 1 if any kind is over the budget.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

from feedwright.errors import ArticleError
from feedwright.loader.parse import parse_article

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from test_hostile_time import KINDS, ordinary_markdown  # noqa: E402

#: The most one megabyte of any article may cost the loader, in CPU seconds. A real
#: article is a few kilobytes; a 5 MB article (the size limit) of the worst kind must
#: still load in well under a minute on a slow runner.
BUDGET_S_PER_MB = 5.0


def _plain(n: int) -> tuple[str, str]:
    _, text = ordinary_markdown(n)
    return "a.txt", text.replace("# Normal", "A normal headline").replace(
        "[the mayor](https://example.org/m)", "the mayor"
    )


def seconds(make: Callable[[int], tuple[str, str]], size: int, repeat: int) -> float:
    name, text = make(size)
    data = text.encode("utf-8")
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        with contextlib.suppress(ArticleError):
            parse_article(data, source=name)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024)
    rows = {"(reference) markdown": ordinary_markdown, "(reference) plain text": _plain, **KINDS}
    width = max(map(len, rows))
    print(f"{'article kind':<{width}}  {'cpu s':>7}  {'s / MB':>7}  budget {BUDGET_S_PER_MB} s/MB")
    over = []
    for label, make in rows.items():
        spent = seconds(make, size, args.repeat)
        per_mb = spent / args.mb
        ok = per_mb <= BUDGET_S_PER_MB
        if not ok:
            over.append(label)
        print(f"{label:<{width}}  {spent:7.2f}  {per_mb:7.2f}  {'ok' if ok else 'OVER'}")
    if over:
        sys.exit(f"over the per-article budget: {', '.join(over)}")


if __name__ == "__main__":
    main()
