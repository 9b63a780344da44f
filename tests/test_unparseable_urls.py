"""A URL in an article's raw HTML that urllib cannot parse is dropped, silently for the
build and without a traceback on stderr (the sanitizer's callback used to raise into nh3,
which printed "Exception ignored ..." and kept the broken, relative value)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from feedwright.loader.content import sanitize
from sites import make_site

BROKEN = (
    '<a href="//[x">scheme-relative</a>, <a href="http://[::1">an open bracket</a>, '
    '<img src="https://x: [y]" alt="a port that is not one"> and '
    '<q cite="http://[a">a quote</q>'
)


def test_sanitize_drops_an_attribute_it_cannot_make_absolute() -> None:
    html = sanitize(f"<p>{BROKEN}</p>", base_url="https://news.example.com/")
    assert "[" not in html
    assert '<a rel="noopener noreferrer">scheme-relative</a>' in html
    assert "<q>a quote</q>" in html


def test_a_build_with_unparseable_urls_prints_no_traceback(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=2)
    (site.articles / "links.md").write_text(
        f"# Links that do not parse\n\nA paragraph with {BROKEN}, long enough to read.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(site.now().timestamp()))}
    done = subprocess.run(
        [sys.executable, "-m", "feedwright", "build"],
        cwd=site.root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    atom = (site.feeds / "atom.xml").read_text(encoding="utf-8")
    assert "Links that do not parse" in atom
    assert "[x" not in atom and "[::1" not in atom
