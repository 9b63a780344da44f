"""One build over every kind of file issue 12 names: regular, hostile and pathological.

The good articles are published, every other file is one line on stderr that names it,
the build exits 1 (some articles skipped) and never hangs or runs out of memory.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import feedparser
import pytest

from sites import cli, make_site
from test_hostile_time import KINDS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks"),
]

FIXTURES = Path(__file__).parent / "articles"
#: Size of each pathological article: large enough to have taken minutes before.
PATHOLOGICAL_BYTES = 256 * 1024


@pytest.mark.usefixtures("alarm")
def test_every_kind_of_file_in_one_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site", count=3)
    articles = site.articles
    (site.root / "secret.txt").write_text("Title: Secret\n\nThe runner's secret.\n", "utf-8")
    # Hostile files.
    os.mkfifo(articles / "pipe.txt")
    (articles / "zero.txt").symlink_to("/dev/zero")
    (articles / "passwd.txt").symlink_to("/etc/passwd")
    (articles / "beside.txt").symlink_to("../secret.txt")
    (articles / "dangling.txt").symlink_to("nowhere.txt")
    (articles / "loop.txt").symlink_to("loop.txt")
    with (articles / "sparse.txt").open("wb") as f:
        f.truncate(2 * 1024 * 1024 * 1024)
    (articles / os.fsdecode(b"caf\xe9.txt")).write_text("Title: Cafe\n\nIt opened.\n", "utf-8")
    (articles / "evil\nwarning: all good.txt").write_bytes(b"")
    # Every bad and hostile fixture (each names its error in its .expected.json).
    bad = sorted(
        p
        for p in FIXTURES.iterdir()
        if p.name.startswith(("bad_", "hostile_"))
        and not p.name.endswith(".expected.json")
        and '"error"' in (FIXTURES / (p.name.rsplit(".", 1)[0] + ".expected.json")).read_text()
    )
    for path in bad:
        shutil.copy(path, articles / path.name)
    # Pathological sizes of each kind that once took a minute or more.
    for kind, make in KINDS.items():
        name, text = make(PATHOLOGICAL_BYTES)
        (articles / f"slow_{kind}{Path(name).suffix}").write_text(text, "utf-8")

    monkeypatch.chdir(site.root)
    code, _, err = cli("build", "-q")

    assert code == 1, err
    lines = err.splitlines()
    assert lines[-1].startswith("feedwright: ") and lines[-1].endswith(" article(s) skipped")
    problems = lines[:-1]
    named = {line.split(":", 1)[0] for line in problems}
    expected = {
        "articles/pipe.txt",
        "articles/zero.txt",
        "articles/passwd.txt",
        "articles/beside.txt",
        "articles/dangling.txt",
        "articles/loop.txt",
        "articles/sparse.txt",
        repr("articles/" + os.fsdecode(b"caf\xe9.txt")),
        "'articles/evil\\nwarning",
        *(f"articles/{p.name}" for p in bad),
    }
    assert expected <= named, sorted(expected - named)
    assert len(problems) == len(set(problems)), "each file is reported once"
    published = set()
    for path in [site.feeds / "atom.xml", *sorted((site.feeds / "archive").glob("atom-*.xml"))]:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, path
        published |= {e.title for e in feed.entries}
    for n in (1, 2, 3):
        assert f"Headline number {n} of the week" in published
    assert "Secret" not in published
    site.assert_valid()
