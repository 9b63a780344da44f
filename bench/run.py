"""Time feedwright against the reference points, on a seeded synthetic corpus.

Usage: python bench/run.py [--n 10000] [--big 50000] [--repeat 3] [--big-repeat 2] [--work DIR]

Prints one table: the floor, the one-pass feedgen scripts and the bound (the least a
cold build with feedgen can cost: see baselines.py), all measured in the same run, then
feedwright's cold build, quiet run, one-article edit and one-article addition at N,
and the cold and quiet builds at BIG, with wall time (best of --repeat, or of
--big-repeat for the cold builds at BIG) and peak memory.
Numbers belong in this output and in notes, never in a unit test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = """[feed]
title = "Bench newsroom"
site_url = "https://bench.example.org/"
author = "Bench"
timezone = "America/New_York"
"""
EPOCH = "1733011200"  # 2024-12-01T00:00:00Z, after every article in the corpus


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB, from GNU time) of one child process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    # Bytecode is cached as in a real install (pip compiles it, cron does not forbid it):
    # some sandboxes set this, and then every run compiles every module it imports.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.NamedTemporaryFile("r") as out:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-o", out.name, "-f", "%M", *cmd],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        peak = int(out.read().strip().splitlines()[-1])
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, peak


def best(
    cmd: list[str], repeat: int, cwd: Path | None = None, before: object = None
) -> tuple[float, int]:
    results = []
    for _ in range(repeat):
        if callable(before):
            before()
        results.append(run(cmd, cwd))
    return min(r[0] for r in results), max(r[1] for r in results)


def make_site(work: Path, n: int) -> Path:
    corpus = work / f"corpus-{n}"
    if not corpus.is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), str(n), str(corpus)], check=True
        )
    site = work / f"site-{n}"
    site.mkdir(parents=True, exist_ok=True)
    (site / "feedwright.toml").write_text(CONFIG, encoding="utf-8")
    articles = site / "articles"
    if articles.is_symlink() or articles.exists():
        articles.unlink() if articles.is_symlink() else shutil.rmtree(articles)
    shutil.copytree(corpus, articles)
    return site


def settle(cmd: list[str], site: Path) -> None:
    """Let the files a build wrote age past the 2 s in which their identity is not yet
    trusted, and run once more so the cache records that (a scheduled run comes minutes
    after the last one, not within 2 s of it)."""
    time.sleep(2.5)
    run(cmd, site)


def reset(site: Path) -> None:
    shutil.rmtree(site / "feeds", ignore_errors=True)
    shutil.rmtree(site / ".feedwright-cache", ignore_errors=True)
    (site / "feedwright-ledger.json").unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--big-repeat",
        type=int,
        default=2,
        help="cold builds at --big (about a minute each); the ratio compares best with best",
    )
    parser.add_argument("--work", type=Path, default=HERE / "corpus")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    fw = [py, "-m", "feedwright", "build", "-q"]
    rows: list[tuple[str, float, int]] = []

    site = make_site(args.work, args.n)
    corpus = site / "articles"
    for label, mode in (
        ("floor: read + split paragraphs", "floor"),
        ("one-pass script, feedgen, newest 50", "onepass50"),
        ("one-pass script, feedgen, every entry", "onepassall"),
        ("bound: read + split + feedgen Atom and RSS, all cores", "bound"),
    ):
        rows.append(
            (label, *best([py, str(HERE / "baselines.py"), mode, str(corpus)], args.repeat))
        )
    onepass50, onepassall, bound = rows[1][1], rows[2][1], rows[3][1]

    cold = best(fw, args.repeat, site, before=lambda: reset(site))
    rows.append((f"feedwright cold build, {args.n}", *cold))
    settle(fw, site)
    quiet = best(fw, args.repeat, site)
    rows.append((f"feedwright quiet run, {args.n}", *quiet))

    victim = sorted(corpus.iterdir())[len(list(corpus.iterdir())) // 2]
    original = victim.read_bytes()
    counter = iter(range(10**6))

    def edit() -> None:
        victim.write_bytes(original + f"\nEdited paragraph number {next(counter)}.\n".encode())

    rows.append((f"feedwright one edit among {args.n}", *best(fw, args.repeat, site, before=edit)))

    def add() -> None:
        k = next(counter)
        (corpus / f"2024-11-30-new-{k:04d}.txt").write_bytes(
            original.replace(b"close\n", b"", 2) + f"\nNew {k}.\n".encode()
        )

    rows.append(
        (f"feedwright one new article among {args.n}", *best(fw, args.repeat, site, before=add))
    )

    if args.big:
        big = make_site(args.work, args.big)
        big_cold = best(fw, args.big_repeat, big, before=lambda: reset(big))
        rows.append((f"feedwright cold build, {args.big}", *big_cold))
        settle(fw, big)
        rows.append((f"feedwright quiet run, {args.big}", *best(fw, args.repeat, big)))

    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'wall s':>7}  {'peak MB':>8}")
    for label, seconds, kb in rows:
        print(f"{label:<{width}}  {seconds:7.2f}  {kb / 1024:8.0f}")
    print()
    print(f"cold / one-pass all     = {cold[0] / onepassall:.2f}  (target <= 0.50)")
    print(f"bound / one-pass all    = {bound / onepassall:.2f}  (what no feedgen build can beat)")
    print(f"quiet / one-pass 50     = {quiet[0] / onepass50:.2f}  (target < 0.10)")
    print(f"one edit / cold         = {rows[6][1] / cold[0]:.2f}  (target < 0.20)")
    if args.big:
        print(
            f"cold {args.big} / cold {args.n} = {rows[-2][1] / cold[0]:.2f}  "
            f"(target <= {5.5 * args.big / 50_000:.1f}); "
            f"memory {rows[-2][2] / max(1, cold[1]):.2f}"
        )


if __name__ == "__main__":
    main()
