"""Time feedwright against the reference points, on a seeded synthetic corpus.

Usage: python bench/run.py [--n 10000] [--big 50000] [--huge 200000] [--repeat 3]
                           [--big-repeat 3] [--work DIR] [--skip-baselines]

Prints one table: the one-pass scripts (bench/baselines.py), Hugo where it is installed,
and feedwright's first build ever, fresh checkout, nothing changed and one edit, at N and
at BIG, all measured in the same run; with --huge, the first build and the quiet run (as
a cron job runs it: ``-q --lock-timeout 0``) at that size too, which takes a long while.
Each row gives the median wall time of its runs, their spread (min-max), the peak memory
of the whole process tree (sum of PSS, sampled every 50 ms: forked workers share pages,
so RSS would count them twice), the largest single process's peak RSS, and the median CPU
time of the whole tree (user + system, the workers included): on a shared, loaded machine
wall time swings, CPU time much less. Then the ratios
the issue sets targets for, from these very runs, and the memory slope per article.

Hugo is optional: ``apt-get install hugo`` (Debian's package) or a release binary on PATH.
Numbers belong in this output and in notes, never in a unit test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONFIG = """[feed]
title = "Bench newsroom"
site_url = "https://bench.example.org/"
author = "Bench"
timezone = "America/New_York"
"""
EPOCH = "1733011200"  # 2024-12-01T00:00:00Z, after every article in the corpus
KIB = 1024


@dataclass
class Row:
    label: str
    size: int
    seconds: list[float] = field(default_factory=list)
    #: CPU seconds (user + system) of each run, the workers it waited for included.
    cpu: list[float] = field(default_factory=list)
    #: Peak of the whole tree (sum of PSS), and of the largest process (RSS), in KiB.
    tree_kib: int = 0
    largest_kib: int = 0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(n) for n in handle.read().split()]
    except OSError:
        return []


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_pss(root: int) -> int:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss_kib(pid)
        todo.extend(_children(pid))
    return total


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int, float]:
    """Wall seconds, peak tree PSS (KiB), largest process's peak RSS (KiB) and CPU seconds
    (the tree's: a process's usage includes the children it waited for) of one run."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    # Bytecode is cached as in a real install (pip compiles it, cron does not forbid it):
    # some sandboxes set this, and then every run compiles every module it imports.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    child = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_pss(child.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({child.returncode}):\n{err.decode()}")
    return elapsed, peak[0], usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def measure(
    row: Row,
    cmd: list[str],
    repeat: int,
    cwd: Path | None = None,
    before: Callable[[], None] | None = None,
) -> Row:
    for _ in range(repeat):
        if before is not None:
            before()
        seconds, tree, largest, cpu = run(cmd, cwd)
        row.seconds.append(seconds)
        row.cpu.append(cpu)
        row.tree_kib = max(row.tree_kib, tree)
        row.largest_kib = max(row.largest_kib, largest)
    print(f"  {row.label} at {row.size}: {_times(row)}", file=sys.stderr, flush=True)
    return row


def make_corpus(work: Path, n: int) -> Path:
    corpus = work / f"corpus-{n}"
    if not corpus.is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), str(n), str(corpus)], check=True
        )
    return corpus


def make_site(work: Path, n: int) -> Path:
    corpus = make_corpus(work, n)
    site = work / f"site-{n}"
    site.mkdir(parents=True, exist_ok=True)
    (site / "feedwright.toml").write_text(CONFIG, encoding="utf-8")
    articles = site / "articles"
    if not articles.is_dir():
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


def fresh_checkout(site: Path, clone: Path) -> None:
    """``clone`` as a CI runner's checkout of ``site``: the articles, the config, the
    ledger and the feeds, every file new (new inodes, times of the checkout), no cache."""
    shutil.rmtree(clone, ignore_errors=True)
    clone.mkdir(parents=True)
    for name in ("articles", "feeds"):
        shutil.copytree(site / name, clone / name, copy_function=shutil.copyfile)
    for name in ("feedwright.toml", "feedwright-ledger.json"):
        shutil.copyfile(site / name, clone / name)
    time.sleep(2.5)  # a checkout is older than settle_seconds when the build starts


def hugo_site(work: Path, corpus: Path, n: int) -> Path:
    """The corpus as a Hugo site whose RSS holds every entry (made once)."""
    root = work / f"hugo-{n}"
    if (root / "hugo.toml").is_file():
        return root
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://bench.example.org/"\ntitle = "Bench newsroom"\n'
        'disableKinds = ["taxonomy", "term", "sitemap", "robotsTXT", "404"]\n'
        "[services.rss]\nlimit = -1\n"
        '[outputs]\nhome = ["RSS"]\nsection = ["RSS"]\npage = []\n',
        encoding="utf-8",
    )
    for k, path in enumerate(sorted(corpus.iterdir())):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        title = blocks[1] if len(blocks) > 1 else path.stem
        day = 1 + k % 28
        front = f'+++\ntitle = "{title}"\ndate = 2020-01-{day:02d}T00:{k % 60:02d}:00Z\n+++\n\n'
        (posts / f"{path.stem}.md").write_text(front + "\n\n".join(blocks[2:]), "utf-8")
    return root


def scenarios(args: argparse.Namespace, n: int, repeat: int, py: str) -> list[Row]:
    """feedwright's four scenarios at ``n`` articles."""
    fw = [py, "-m", "feedwright", "build", "-q"]
    site = make_site(args.work, n)
    rows = [measure(Row("first build ever", n), fw, repeat, site, before=lambda: reset(site))]
    settle(fw, site)
    clone = args.work / f"clone-{n}"
    rows.append(
        measure(
            Row("fresh checkout (ledger, feeds, no cache)", n),
            fw,
            repeat,
            clone,
            before=lambda: fresh_checkout(site, clone),
        )
    )
    shutil.rmtree(clone, ignore_errors=True)
    rows.append(measure(Row("nothing changed", n), fw, repeat, site))
    corpus = site / "articles"
    victim = sorted(corpus.iterdir())[n // 2]
    original = victim.read_bytes()
    counter = iter(range(10**6))

    def edit() -> None:
        victim.write_bytes(original + f"\nEdited paragraph number {next(counter)}.\n".encode())
        time.sleep(2.5)  # older than settle_seconds, as an edit is by the next cron run

    rows.append(measure(Row("one edit", n), fw, repeat, site, before=edit))
    victim.write_bytes(original)
    return rows


def huge(args: argparse.Namespace, py: str) -> list[Row]:
    """The first build and the cron job's quiet run at --huge articles."""
    n = args.huge
    site = make_site(args.work, n)
    fw = [py, "-m", "feedwright", "build", "-q"]
    rows = [measure(Row("first build ever", n), fw, 1, site, before=lambda: reset(site))]
    settle(fw, site)
    cron = [*fw, "--lock-timeout", "0"]
    rows.append(measure(Row("nothing changed (cron: -q --lock-timeout 0)", n), cron, 3, site))
    return rows


def baselines(args: argparse.Namespace, n: int, repeat: int, py: str) -> list[Row]:
    corpus = make_corpus(args.work, n)
    rows = [
        measure(Row(label, n), [py, str(HERE / "baselines.py"), mode, str(corpus)], repeat)
        for label, mode in (
            ("one-pass script, feedgen, newest 50", "onepass50"),
            ("one-pass script, feedgen, every entry", "onepassall"),
            ("bound: read + split + feedgen Atom and RSS, all cores", "bound"),
        )
    ]
    hugo = shutil.which("hugo")
    label = "Hugo, RSS of every entry"
    if hugo is None:
        rows.append(Row(label, n, note="not installed (apt-get install hugo, or a release binary)"))
    else:
        root = hugo_site(args.work, corpus, n)
        out = root / "public"
        cmd = [hugo, "--quiet", "--source", str(root), "--destination", str(out)]
        rows.append(measure(Row(label, n), cmd, repeat, before=lambda: shutil.rmtree(out, True)))
    return rows


def _times(row: Row) -> str:
    if not row.seconds:
        return row.note
    spread = f"{min(row.seconds):.2f}-{max(row.seconds):.2f}"
    return f"{row.median:.2f} s ({spread}, {len(row.seconds)} runs)"


def _find(rows: list[Row], label: str, size: int) -> Row | None:
    return next((r for r in rows if r.label.startswith(label) and r.size == size), None)


def report(rows: list[Row], sizes: list[int]) -> None:
    width = max(len(r.label) for r in rows)
    print(
        f"{'scenario':<{width}}  {'articles':>8}  {'median s':>8}  {'min-max':>13}  {'runs':>4}"
        f"  {'tree MiB':>8}  {'largest MiB':>11}  {'cpu s':>6}"
    )
    for r in rows:
        if not r.seconds:
            print(f"{r.label:<{width}}  {r.size:>8}  {r.note}")
            continue
        spread = f"{min(r.seconds):.2f}-{max(r.seconds):.2f}"
        print(
            f"{r.label:<{width}}  {r.size:>8}  {r.median:8.2f}  {spread:>13}  {len(r.seconds):>4}"
            f"  {r.tree_kib / KIB:8.0f}  {r.largest_kib / KIB:11.0f}"
            f"  {statistics.median(r.cpu):6.2f}"
        )
    print()
    for n in sizes:
        all_, fifty = (
            _find(rows, "one-pass script, feedgen, every", n),
            _find(rows, "one-pass script, feedgen, newest", n),
        )
        hugo = _find(rows, "Hugo", n)
        for label, base, target in (
            ("first build ever", all_, "<= 1.5"),
            ("fresh checkout", all_, "<= 0.25"),
            ("nothing changed", fifty, "<= 0.10"),
        ):
            row = _find(rows, label, n)
            if row is None or base is None or not base.seconds:
                continue
            ratio = row.median / base.median
            cpu = statistics.median(row.cpu) / statistics.median(base.cpu)
            print(f"{label} / {base.label}, {n}: {ratio:.2f}  (target {target}; CPU {cpu:.2f})")
            if hugo is not None and hugo.seconds and label == "first build ever":
                print(f"{label} / Hugo, {n}: {row.median / hugo.median:.2f}  (target < 1)")
        edit = _find(rows, "one edit", n)
        if edit is not None:
            print(f"one edit, {n}: {edit.median:.2f} s  (target <= 1.0 s at 50,000)")
    firsts = sorted((r.size, r.tree_kib) for r in rows if r.label == "first build ever")
    if len(firsts) >= 2:
        (n0, m0), (n1, m1) = firsts[0], firsts[-1]
        slope = (m1 - m0) / (n1 - n0)
        constant = m0 - slope * n0
        million = (constant + slope * 1_000_000) / KIB / KIB
        print(
            f"first build memory (tree): {slope:.1f} KiB per article + {constant / KIB:.0f} MiB"
            f" (from {n0} and {n1}; target <= 8 KiB); 1,000,000 articles: ~{million:.1f} GiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=50_000, help="0 to leave out")
    parser.add_argument("--huge", type=int, default=0, help="e.g. 200000; long (minutes)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big-repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / "corpus")
    parser.add_argument("--skip-baselines", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    rows: list[Row] = []
    sizes = [args.n] + ([args.big] if args.big else [])
    for n, repeat in zip(sizes, (args.repeat, args.big_repeat), strict=False):
        if not args.skip_baselines:
            rows += baselines(args, n, repeat, py)
        rows += scenarios(args, n, repeat, py)
    if args.huge:
        rows += huge(args, py)
    report(rows, sizes)


if __name__ == "__main__":
    main()
