"""Compare the loader's speed at several commits in one run, alternating, on a shared machine.

Usage: python bench/loader_ab.py REV [REV ...] [--dir DIR] [--n 2000] [--rounds 7]
       [--worktree] [--dev CORPUS_DIR] [--cpu]

Each REV's ``src/`` is taken from git (``git archive``) into a temporary folder (a REV that
is a folder holding ``src/`` is used as it is, for trying a variant); ``--worktree`` adds the
working tree as it is. Each round runs ``bench/loader.py`` once for each of them in
turn (a fresh process each time, the order rotated every round), so a burst of load from
other work falls on all of them alike. With ``--dev`` the median loader time per page of
the development corpus (``bench/score_loader.py``'s last column) is measured the same way.
Prints, for each, the median over the rounds and the spread (least and greatest). With
``--cpu`` both are timed in CPU time (``bench/loader.py --cpu``).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
_MICROS = re.compile(r"corpus\s+\d+ articles\s+([\d.]+) µs/article")

# Loader time per page of a development corpus (region and page together), the least of
# five runs of each page as score_loader.py times it; printed in milliseconds.
_DEV_SCRIPT = """
import statistics, sys, time
from pathlib import Path
from feedwright.errors import ArticleError
from feedwright.loader.parse import parse_article
pages = [(p.name, p.read_bytes()) for p in sorted(Path(sys.argv[1]).glob("*/*/*.txt"))]
clock = time.process_time if sys.argv[2:] == ["cpu"] else time.perf_counter
for name, data in pages[:20]:
    try:
        parse_article(data, source=name)
    except ArticleError:
        pass
times = []
for name, data in pages:
    best = float("inf")
    for _ in range(5):
        start = clock()
        try:
            parse_article(data, source=name)
        except ArticleError:
            pass
        best = min(best, clock() - start)
    times.append(best)
print(1000 * statistics.median(times))
"""


def source_of(rev: str, into: Path) -> Path:
    """The ``src/`` folder of ``rev``, unpacked under ``into``."""
    if (Path(rev) / "src").is_dir():
        return Path(rev).resolve() / "src"
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    folder = into / rev.replace("/", "_")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def run(src: Path, command: list[str]) -> str:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("revs", nargs="*")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/corpus10k"))
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--worktree", action="store_true")
    parser.add_argument("--dev", type=Path, metavar="CORPUS_DIR")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sources = {rev: source_of(rev, Path(tmp)) for rev in args.revs}
        if args.worktree:
            sources["worktree"] = ROOT / "src"
        names = list(sources)
        bench = [sys.executable, str(HERE / "loader.py"), str(args.dir), "--n", str(args.n)]
        bench += ["--cpu"] if args.cpu else []
        micros: dict[str, list[float]] = {name: [] for name in names}
        dev: dict[str, list[float]] = {name: [] for name in names}
        for k in range(args.rounds):
            for name in names[k % len(names) :] + names[: k % len(names)]:
                match = _MICROS.search(run(sources[name], bench))
                assert match, name
                micros[name].append(float(match.group(1)))
                if args.dev:
                    dev_run = [sys.executable, "-c", _DEV_SCRIPT, str(args.dev)]
                    out = run(sources[name], dev_run + (["cpu"] if args.cpu else []))
                    dev[name].append(float(out))
        print(f"{'':<12}{'µs/article (median, least-greatest)':>38}", end="")
        print(f"{'dev ms/page (median, least-greatest)':>40}" if args.dev else "")
        for name in names:
            m = micros[name]
            cell = f"{statistics.median(m):8.1f}  ({min(m):.1f}-{max(m):.1f})"
            print(f"{name:<12}{cell:>38}", end="")
            if args.dev:
                d = dev[name]
                print(f"{f'{statistics.median(d):.3f}  ({min(d):.3f}-{max(d):.3f})':>40}")
            else:
                print()


if __name__ == "__main__":
    main()
