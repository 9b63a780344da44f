"""Reading article files: only regular files inside the articles folder, never more than
the size limit, and nothing that can hang a build that holds the lock (issue 12, 5/6/11/12)."""

from __future__ import annotations

import os
import sys
import tracemalloc
from pathlib import Path

import pytest

from feedwright.errors import ArticleError
from feedwright.reading import read_article_file
from sites import Site, cli, make_site

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks")


def _problems(site: Site) -> list[str]:
    report = site.build()
    assert report.entries == 3, "the good articles are published"
    site.assert_valid()
    return [str(p) for p in report.problems]


@pytest.mark.usefixtures("alarm")
def test_fifo_is_reported_once_and_the_build_goes_on(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    os.mkfifo(site.articles / "pipe.txt")
    assert _problems(site) == [
        f"{site.articles / 'pipe.txt'}: a named pipe (FIFO), not a regular file; not read"
    ]


@pytest.mark.usefixtures("alarm")
def test_fifo_swapped_in_after_the_check_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # What the open sees if the file became a FIFO after the stat: no writer, no hang.
    with pytest.raises(ArticleError, match="named pipe"):
        read_article_file(str(fifo), root=str(tmp_path))


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("/dev/zero", "symbolic link to /dev/zero, outside the articles folder; not read"),
        ("/etc/passwd", "symbolic link to /etc/passwd, outside the articles folder; not read"),
        ("../secret.txt", "symbolic link to ../secret.txt, outside the articles folder; not read"),
        ("nowhere.txt", "symbolic link to nowhere.txt, which does not exist"),
        ("loop.txt", "symbolic link to loop.txt loops"),
    ],
)
def test_links_out_of_the_folder_dangling_or_looping_are_one_line_each(
    tmp_path: Path, target: str, message: str
) -> None:
    site = make_site(tmp_path / "site")
    (site.root / "secret.txt").write_text("Title: Secret\n\nThe runner's secret.\n", "utf-8")
    name = "loop.txt" if target == "loop.txt" else "link.txt"
    (site.articles / name).symlink_to(target)
    assert _problems(site) == [f"{site.articles / name}: {message}"]
    assert b"secret" not in (site.feeds / "atom.xml").read_bytes()


def test_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=2)
    (site.articles / "old").mkdir()
    site.write(3, name="old/a003.txt")
    (site.articles / "a003.txt").symlink_to("old/a003.txt")
    report = site.build()
    assert not report.problems
    # The link is read; as the same text under two names it is published once (issue 14).
    assert report.entries == 3 and "new: a003.txt" in report.changes
    assert any("the same text as" in w and "old/a003.txt" in w for w in report.warnings)


def test_a_huge_sparse_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(64 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError, match="file is 64 MB; articles over 5 MB are refused"):
            read_article_file(str(huge), root=str(tmp_path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_a_file_whose_size_says_nothing_is_read_only_to_the_limit() -> None:
    # /proc files say they are empty; what decides is how much is read.
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(ArticleError, match="file is 11 bytes"):
        read_article_file("/proc/self/status", root=None, limit=10)


@pytest.mark.usefixtures("alarm")
def test_a_device_is_not_read() -> None:
    with pytest.raises(ArticleError, match="a character device, not a regular file"):
        read_article_file("/dev/zero", root=None)


@pytest.mark.usefixtures("alarm")
def test_inspect_refuses_a_fifo_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, _, err = cli("inspect", str(fifo))
    assert code == 1
    assert err.endswith("pipe.txt: a named pipe (FIFO), not a regular file; not read\n")


def test_a_name_that_is_not_utf8_is_that_articles_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    name = os.fsdecode(b"caf\xe9.txt")
    (site.articles / name).write_text("Title: Cafe\n\nThe cafe opened.\n", "utf-8")
    shown = repr(str(site.articles / name))
    assert _problems(site) == [
        f"{shown}: file name is not valid UTF-8 (it would be part of the entry's id); rename it"
    ]


def test_a_name_with_a_newline_cannot_forge_a_second_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    (site.articles / "evil\nwarning: all good.txt").write_bytes(b"")
    monkeypatch.chdir(site.root)
    code, _, err = cli("build", "-q")
    assert code == 1
    assert err.splitlines() == [
        "'articles/evil\\nwarning: all good.txt': empty article (no text at all)",
        "feedwright: 1 article(s) skipped",
    ]


def test_a_site_folder_whose_name_is_not_utf8_builds(tmp_path: Path) -> None:
    site = make_site(tmp_path / os.fsdecode(b"site\xff"))
    report = site.build()
    assert not report.problems
    assert report.entries == 3
    site.assert_valid()
