"""Time the loader alone: ``parse_article`` over corpus articles, in one process.

Usage: python bench/loader.py [DIR] [--n 2000] [--repeat 3] [--profile 25] [--fixtures] [--cpu]

Prints microseconds per article (best of --repeat passes over the same bytes, read once
before timing; with --cpu, of this process's CPU time rather than wall time, which other
work on a shared machine disturbs less) and, with --profile, the top of a cProfile by own
time. --fixtures also times every file in tests/articles/ and names the slowest. Numbers
belong in this output and in notes, never in a unit test.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import time
from pathlib import Path

from feedwright.errors import ArticleError
from feedwright.loader.parse import parse_article

HERE = Path(__file__).resolve().parent
clock = time.perf_counter
FIXTURES = HERE.parent / "tests" / "articles"


def load(paths: list[Path]) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


def parse_all(articles: list[tuple[str, bytes]]) -> None:
    for name, data in articles:
        with contextlib.suppress(ArticleError):
            parse_article(data, source=name)


def per_article(articles: list[tuple[str, bytes]], repeat: int) -> float:
    """Best microseconds per article over ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        parse_all(articles)
        best = min(best, clock() - start)
    return 1e6 * best / len(articles)


def slowest(
    articles: list[tuple[str, bytes]], repeat: int, top: int = 5
) -> list[tuple[float, str]]:
    return sorted(((per_article([a], repeat), a[0]) for a in articles), reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dir", type=Path, nargs="?", default=Path("/tmp/corpus10k"))
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="LINES")
    parser.add_argument("--fixtures", action="store_true")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    if args.cpu:
        global clock
        clock = time.process_time

    corpus = load(sorted(args.dir.iterdir())[: args.n])
    parse_all(corpus[:50])  # warm up: lazy imports, regex caches
    print(f"corpus   {len(corpus):6d} articles  {per_article(corpus, args.repeat):8.1f} µs/article")
    if args.fixtures:
        fixtures = load(sorted(p for p in FIXTURES.iterdir() if p.suffix != ".json"))
        print(
            f"fixtures {len(fixtures):6d} articles  "
            f"{per_article(fixtures, args.repeat):8.1f} µs/article"
        )
        for micros, name in slowest(fixtures, args.repeat):
            print(f"  {micros:8.1f} µs  {name}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(parse_all, corpus)
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
