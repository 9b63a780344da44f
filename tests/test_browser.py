"""What a person sees, in a real browser: headless Chromium opens the pages and the feeds.

Each page is opened through ``feedwright serve``, as a person previewing the site would:
the rendered text (``--dump-dom`` after layout) must show the feed's title and an entry,
and a screenshot must not be blank. Skipped where Chromium is not installed (CI installs
Debian's package).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from feedwright.serve import make_server
from sites import Site, entry_page, make_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
    ),
]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1000,800",
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    site = make_site(tmp_path_factory.mktemp("browser") / "site", count=3)
    site.build()
    server = make_server(site.feeds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Chromium with a fresh, empty profile, run once on ``url``."""
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, url],
        capture_output=True,
        timeout=120,
        check=True,
        cwd=tmp_path,
    )


def rendered_text(tmp_path: Path, url: str) -> str:
    """The text a person sees: the DOM after the page (and its stylesheet) loaded."""
    return chromium(tmp_path, url, "--dump-dom").stdout.decode("utf-8")


def screenshot(tmp_path: Path, url: str, name: str) -> Path:
    path = tmp_path / name
    chromium(tmp_path, url, f"--screenshot={path}")
    assert path.is_file()
    return path


def colours(png: Path) -> set[tuple[int, ...]]:
    """Every pixel value in the screenshot."""
    with Image.open(png) as image:
        found = image.convert("RGB").getcolors(maxcolors=1 << 24)
    assert found is not None
    return {colour for _, colour in found}


#: The background of the note feed.css puts above a feed: drawn only when the browser
#: applied the stylesheet (a raw or text view of the XML is black on white).
FEED_NOTE = (0xEE, 0xF4, 0xFF)


def test_index_html(served: tuple[Site, str], tmp_path: Path) -> None:
    _, base = served
    text = rendered_text(tmp_path, base)
    assert "Schedule test" in text
    assert "Headline number 3 of the week" in text
    assert "Subscribe" in text
    assert len(colours(screenshot(tmp_path, base, "index.png"))) > 10  # not blank


def test_an_entry_page(served: tuple[Site, str], tmp_path: Path) -> None:
    site, base = served
    url = base + entry_page(site, "a002.txt")
    text = rendered_text(tmp_path, url)
    assert "Headline number 2 of the week" in text
    assert "Day 2 began quietly" in text
    assert len(colours(screenshot(tmp_path, url, "entry.png"))) > 10


@pytest.mark.parametrize(("name", "root"), [("atom.xml", "<feed"), ("rss.xml", "<rss")])
def test_a_feed_opened_in_the_browser_is_a_styled_page(
    served: tuple[Site, str], tmp_path: Path, name: str, root: str
) -> None:
    _, base = served
    dom = rendered_text(tmp_path, base + name)
    # Rendered as an XML document (served to the browser as application/xml), not the
    # plain-text view Chromium gives application/atom+xml and application/rss+xml.
    assert dom.lstrip().startswith(root), dom[:200]
    assert "<title>Schedule test</title>" in dom
    assert "Headline number 3 of the week" in dom
    shot = screenshot(tmp_path, base + name, f"{name}.png")
    seen = colours(shot)
    assert FEED_NOTE in seen  # feed.css was applied
    assert len(seen) > 10
