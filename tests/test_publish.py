"""Publishing survives anything: failed writes, a kill at any instant, two runs at once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

import feedwright.publish as publish
from feedwright.clock import Clock
from feedwright.errors import PublishError
from feedwright.pipeline import run_build
from feedwright.publish import build_lock, remove_stale_temps, write_atomic
from sites import Site, make_site

EPOCH = 1735732800  # 2025-01-01T12:00:00Z, the clock of every subprocess build here
NOW = datetime.fromtimestamp(EPOCH, tz=timezone.utc)

# A build that signals itself on the k-th call of os.<name>: a kill at an exact instant.
KILL_DRIVER = """
import os, signal, sys
name, k = sys.argv[1], int(sys.argv[2])
sig = signal.Signals[sys.argv[3]] if len(sys.argv) > 3 else signal.SIGKILL
real, calls = getattr(os, name), [0]
def deadly(*args):
    calls[0] += 1
    if calls[0] == k:
        os.kill(os.getpid(), sig)
    return real(*args)
setattr(os, name, deadly)
from feedwright.cli import main
main(["build", "-q"])
"""


def run_cli(root: Path, *args: str, driver: str | None = None) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", driver, *args] if driver else [
        sys.executable, "-m", "feedwright", "build", "-q", *args
    ]  # fmt: skip
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)}
    return subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


# --- write_atomic ----------------------------------------------------------------------


def test_an_unchanged_file_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "atom.xml"
    assert write_atomic(path, b"<feed/>")
    os.utime(path, ns=(1, 1_000_000_000))
    assert not write_atomic(path, b"<feed/>")
    assert path.stat().st_mtime_ns == 1_000_000_000


@pytest.mark.parametrize("failing", ["replace", "fsync", "mkstemp"])
def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "atom.xml"
    path.write_bytes(b"old")

    def boom(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "mkstemp":
        monkeypatch.setattr(publish.tempfile, "mkstemp", boom)
    else:
        monkeypatch.setattr(publish.os, failing, boom)
    with pytest.raises(PublishError) as raised:
        write_atomic(path, b"new")
    assert str(raised.value).startswith(f"{path}: cannot write: ")
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atom.xml"]


def test_an_interrupt_mid_write_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rss.xml"
    path.write_bytes(b"old")

    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(publish.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"new")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rss.xml"]
    assert path.read_bytes() == b"old"


def test_stale_temp_files_of_ours_are_removed_and_nothing_else(tmp_path: Path) -> None:
    names = [".atom.xml.k2j3_x9.tmp", ".notes.txt.abc.tmp", "atom.xml", ".hidden"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    removed = remove_stale_temps(tmp_path, lambda name: name == "atom.xml")
    assert [p.name for p in removed] == [".atom.xml.k2j3_x9.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])


def _record_calls(monkeypatch: pytest.MonkeyPatch, calls: list[str]) -> None:
    """Record each fsync (of a temp file or a folder) and each rename, in order."""
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        name = os.readlink(f"/proc/self/fd/{fd}")
        calls.append("fsync " + ("folder" if os.path.isdir(name) else "temp"))
        real_fsync(fd)

    def replace(src: str, dst: object) -> None:
        calls.append(f"replace {Path(str(dst)).name}")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(publish.os, "fsync", fsync)
    monkeypatch.setattr(publish.os, "replace", replace)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
def test_many_files_are_synced_before_any_is_renamed_and_each_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    _record_calls(monkeypatch, calls)
    pages = [(tmp_path / "entries" / f"e{k}.html", b"page %d" % k) for k in range(5)]
    feeds = [(tmp_path / "atom.xml", b"<feed/>")]
    publish.write_many([*pages, *feeds], group=3)
    # Two groups of entry pages (three, then two), then the feed: in each, every temp
    # file is on disk before the first rename, and the folder is synced once, after.
    assert calls == [
        *["fsync temp"] * 3, "replace e0.html", "replace e1.html", "replace e2.html",
        "fsync folder",
        *["fsync temp"] * 2, "replace e3.html", "replace e4.html", "fsync folder",
        "fsync temp", "replace atom.xml", "fsync folder",
    ]  # fmt: skip
    assert {p.name: p.read_bytes() for p in (tmp_path / "entries").iterdir()} == {
        p.name: d for p, d in pages
    }
    assert (tmp_path / "atom.xml").read_bytes() == b"<feed/>"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("failing", ["replace", "fsync", "mkstemp"])
def test_a_failed_group_leaves_its_old_files_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    for name in ("a.xml", "b.xml"):
        (tmp_path / name).write_bytes(b"old")

    def boom(*args: object, **kwargs: object) -> object:
        # Fails for the second file of the group only (fsyncs run in threads, in any order).
        names = [*map(str, args), *map(str, kwargs.values())]
        if failing == "fsync":
            names = [os.readlink(f"/proc/self/fd/{args[0]}")]
        if any("b.xml" in name for name in names):
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    owner = publish.tempfile if failing == "mkstemp" else publish.os
    real = getattr(owner, failing)
    monkeypatch.setattr(owner, failing, boom)
    with pytest.raises(PublishError, match=": cannot write: ") as raised:
        publish.write_many([(tmp_path / "a.xml", b"new"), (tmp_path / "b.xml", b"new")])
    monkeypatch.undo()
    assert str(raised.value).startswith(str(tmp_path / "b.xml"))
    # A rename that failed half way through a group leaves the first file new: each file is
    # whole, old or new, as when one file at a time is written.
    first = b"new" if failing == "replace" else b"old"
    assert (tmp_path / "a.xml").read_bytes() == first
    assert (tmp_path / "b.xml").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml", "b.xml"]


# --- the lock --------------------------------------------------------------------------


def test_the_lock_times_out_with_a_clear_message(tmp_path: Path) -> None:
    lock = tmp_path / ".feedwright.lock"
    with build_lock(lock, timeout=0):
        started = time.monotonic()
        with (
            pytest.raises(PublishError, match="another feedwright build is running"),
            build_lock(lock, timeout=0.2),
        ):
            pass  # pragma: no cover
        assert 0.15 < time.monotonic() - started < 5
    with build_lock(lock, timeout=0):
        pass


def test_a_killed_build_never_leaves_a_stale_lock(tmp_path: Path) -> None:
    lock = tmp_path / ".feedwright.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from feedwright.publish import "
            "build_lock\nwith build_lock(Path(sys.argv[1]), timeout=5):\n"
            "    print('held', flush=True); time.sleep(60)",
            str(lock),
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    with pytest.raises(PublishError), build_lock(lock, timeout=0.1):
        pass  # pragma: no cover
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with build_lock(lock, timeout=2):
        pass


# --- whole builds killed or overlapped -------------------------------------------------


def _pending_site(root: Path) -> tuple[Site, dict[str, bytes], dict[str, bytes]]:
    """A built site with changes waiting: the published files now, and after a build."""
    site = make_site(root / "site", count=3, max_entries=2, page_size=2)
    run_build(site.config(), clock=Clock(int(NOW.timestamp())))
    site.write(1, body="A correction to the first day, filed late in the evening.")
    site.write(4)
    site.write(5)
    old = published(site)
    reference = make_site(root / "reference")
    shutil.rmtree(reference.root)
    shutil.copytree(site.root, reference.root)
    run_build(reference.config(), clock=Clock(int(NOW.timestamp())))
    return site, old, published(reference)


def published(site: Site) -> dict[str, bytes]:
    files = [*site.feeds.rglob("*.xml"), site.ledger]
    return {p.relative_to(site.root).as_posix(): p.read_bytes() for p in files if p.is_file()}


def _assert_old_or_new(site: Site, old: dict[str, bytes], new: dict[str, bytes]) -> None:
    now = published(site)
    for name in set(old) | set(new) | set(now):
        assert now.get(name) in (old.get(name), new.get(name)), f"{name} is neither"
    assert_validate_passes(site)


def assert_validate_passes(site: Site) -> None:
    """``feedwright validate`` of the whole feeds folder, as a person would run it: every
    document valid alone, and every link between them finds its document."""
    if not site.feeds.is_dir() or not any(site.feeds.rglob("*.xml")):
        return  # killed before the first document: nothing published yet
    done = subprocess.run(
        [sys.executable, "-m", "feedwright", "validate", "feeds"],
        cwd=site.root,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()


#: Seconds after start: while Python starts, while articles are read, while files are written.
KILL_DELAYS = (0.1, 0.2, 0.27, 0.33, 0.38)
KILL_POINTS = [("replace", k) for k in range(1, 9)] + [("fsync", k) for k in (1, 4, 9)]


@pytest.mark.parametrize(("call", "k"), KILL_POINTS, ids=[f"{c}{k}" for c, k in KILL_POINTS])
def test_a_build_killed_at_any_write_leaves_whole_valid_feeds(
    tmp_path: Path, call: str, k: int
) -> None:
    site, old, new = _pending_site(tmp_path)
    done = run_cli(site.root, call, str(k), driver=KILL_DRIVER)
    done.communicate(timeout=60)
    assert done.returncode in (0, -signal.SIGKILL)
    _assert_old_or_new(site, old, new)
    # The next run finishes the job exactly, and cleans up after the killed one.
    rerun = run_cli(site.root)
    _, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    assert published(site) == new
    site.assert_valid()


#: Each test below kills its build at every one of its writes (os.replace calls): the
#: ledger, the interim documents, every document, the pages for people.
TWO_PAGES_WRITES = 20
FIRST_BUILD_WRITES = 27


@pytest.mark.slow
@pytest.mark.parametrize("k", range(1, FIRST_BUILD_WRITES + 1))
def test_a_first_build_killed_at_any_write_leaves_a_valid_folder(tmp_path: Path, k: int) -> None:
    # Nothing published yet: every page is new, and so are the subscription feeds that the
    # pages link to as current and that link to the newest page.
    site = make_site(tmp_path / "site", count=7, max_entries=2, page_size=2)
    reference = Site(tmp_path / "reference")
    shutil.copytree(site.root, reference.root)
    run_build(reference.config(), clock=Clock(int(NOW.timestamp())))
    assert (reference.feeds / "archive" / "atom-4.xml").is_file()
    done = run_cli(site.root, "replace", str(k), driver=KILL_DRIVER)
    done.communicate(timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert_validate_passes(site)
    rerun = run_cli(site.root)
    _, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    assert published(site) == published(reference)
    site.assert_valid()


@pytest.mark.slow
@pytest.mark.parametrize("k", range(1, TWO_PAGES_WRITES + 1))
def test_a_build_opening_two_pages_killed_at_any_write_leaves_a_valid_folder(
    tmp_path: Path, k: int
) -> None:
    site = make_site(tmp_path / "site", count=4, max_entries=2, page_size=2)
    run_build(site.config(), clock=Clock(int(NOW.timestamp())))
    for n in range(5, 10):  # fills page 3 and opens pages 4 and 5, which link to each other
        site.write(n)
    reference = Site(tmp_path / "reference")
    shutil.copytree(site.root, reference.root)
    run_build(reference.config(), clock=Clock(int(NOW.timestamp())))
    assert (reference.feeds / "archive" / "atom-5.xml").is_file()
    done = run_cli(site.root, "replace", str(k), driver=KILL_DRIVER)
    done.communicate(timeout=60)
    assert done.returncode == -signal.SIGKILL
    assert_validate_passes(site)
    rerun = run_cli(site.root)
    _, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    assert published(site) == published(reference)
    site.assert_valid()


def test_sigterm_from_systemd_stops_cleanly_and_the_next_run_finishes(tmp_path: Path) -> None:
    site, old, new = _pending_site(tmp_path)
    done = run_cli(site.root, "fsync", "3", "SIGTERM", driver=KILL_DRIVER)
    _, err = done.communicate(timeout=60)
    assert done.returncode == 128 + signal.SIGTERM, err
    assert b"Traceback" not in err
    assert not list(site.root.rglob(".*.tmp"))  # removed on the way out, not left behind
    _assert_old_or_new(site, old, new)
    assert run_cli(site.root).wait(timeout=60) == 0
    assert published(site) == new


def test_a_build_killed_at_random_instants_leaves_whole_valid_feeds(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=60, max_entries=10, page_size=10)
    run_build(site.config(), clock=Clock(int(NOW.timestamp())))
    for n in range(1, 61, 3):
        site.write(n, body=f"Article {n} was revised; the revision is longer than before.")
    for n in range(61, 90):
        site.write(n)
    shutil.copytree(site.root, tmp_path / "reference")
    reference = Site(tmp_path / "reference")
    run_build(reference.config(), clock=Clock(int(NOW.timestamp())))
    for delay in KILL_DELAYS:
        build = run_cli(site.root)
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.communicate(timeout=60)
        assert_validate_passes(site)
    rerun = run_cli(site.root)
    assert rerun.wait(timeout=60) == 0
    assert published(site) == published(reference)
    site.assert_valid()


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path: Path) -> None:
    site, _, new = _pending_site(tmp_path)
    builds = [run_cli(site.root, "--lock-timeout", "30") for _ in range(2)]
    for build in builds:
        _, err = build.communicate(timeout=60)
        assert build.returncode == 0, err
    assert published(site) == new
    site.assert_valid()


def _children(pid: int) -> set[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return set()
    return {int(n) for n in text.split()}


def _running(pid: int) -> bool:
    """True while the process exists and has not exited (a zombie waits only to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_of_a_killed_build_exit_and_free_the_lock(tmp_path: Path) -> None:
    # Enough articles for the build to parse them on worker processes.
    site = make_site(tmp_path / "site", count=400, max_entries=10, page_size=50)
    build = run_cli(site.root)
    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while not workers and build.poll() is None and time.monotonic() < deadline:
        workers = _children(build.pid)
        time.sleep(0.01)
    assert workers, "the build finished before it started workers"
    build.send_signal(signal.SIGKILL)
    # The workers held the build's pipes: reaching their end means every worker is going.
    build.communicate(timeout=15)
    # Tearing down a big address space takes a moment (the process shows as running,
    # with no command line, until it is a zombie); a worker that never exits stays forever.
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in workers)
    rerun = run_cli(site.root, "--lock-timeout", "5")
    _, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    site.assert_valid()
