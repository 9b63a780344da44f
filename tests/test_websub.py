"""WebSub: every document names the hubs, and a build that changed a subscription feed
tells a real (stub) hub on 127.0.0.1, once per changed feed; quiet runs and --check don't."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from lxml import etree

from feedwright.errors import ConfigError
from feedwright.output.websub import announce
from sites import Site, cli, make_site

BASE = "https://news.example.com/feeds/"
ATOM = "{http://www.w3.org/2005/Atom}"
MAIN = [BASE + "atom.xml", BASE + "rss.xml", BASE + "feed.json"]


class Hub:
    """A WebSub hub stub: records each POST's form and content type, answers ``status``."""

    def __init__(self, status: int = 204) -> None:
        received: list[tuple[str, dict[str, list[str]]]] = []
        self.received = received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(length).decode("ascii"))
                received.append((self.headers.get("Content-Type", ""), form))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def published(self) -> list[str]:
        """The feed URLs announced so far, checking each request is a publish."""
        urls = []
        for content_type, form in self.received:
            assert content_type == "application/x-www-form-urlencoded"
            assert form["hub.mode"] == ["publish"]
            urls += form["hub.url"]
        return urls

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub() -> Iterator[Hub]:
    stub = Hub()
    yield stub
    stub.close()


def dead_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def hub_site(root: Path, hubs: str) -> Site:
    site = make_site(root, count=3, max_entries=2, page_size=2)
    with (root / "feedwright.toml").open("a", encoding="utf-8") as config:
        config.write(f"hub = {hubs}\n")
    return site


def test_every_document_names_the_hubs(tmp_path: Path, hub: Hub) -> None:
    site = hub_site(tmp_path, f'["{hub.url}", "https://hub.example.net/"]')
    site.build()
    hubs = [hub.url, "https://hub.example.net/"]
    documents = sorted([*site.feeds.rglob("*.xml"), *site.feeds.rglob("*.json")])
    assert len(documents) == 9  # three formats, the subscription feed and two pages
    for path in documents:
        if path.suffix == ".json":
            named = [h["url"] for h in json.loads(path.read_bytes())["hubs"]]
            assert json.loads(path.read_bytes())["hubs"][0]["type"] == "WebSub"
        else:
            root = etree.parse(str(path)).getroot()
            head = root if root.tag == f"{ATOM}feed" else root.find("channel")
            assert head is not None
            named = [ln.get("href") for ln in head.findall(f"{ATOM}link") if ln.get("rel") == "hub"]
        assert named == hubs, path
    site.assert_valid()
    assert hub.received == []  # the library never pings: the command does


def test_a_build_announces_each_changed_feed_and_a_quiet_run_nothing(
    tmp_path: Path, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub_site(tmp_path, f'"{hub.url}"')
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("build", "-v")
    assert code == 0, err
    assert sorted(hub.published()) == sorted(MAIN)  # archive pages are not subscribed to
    assert "announced 3 changed feed(s) to 1 WebSub hub(s)" in out
    assert cli("build")[0] == 0  # quiet: nothing written, nothing announced
    assert cli("build", "--check")[0] == 0
    site.write(3, body="The third day, corrected: the desk had the wrong figures.")
    assert cli("build", "--check")[0] == 1  # stale, but --check tells no hub
    assert len(hub.published()) == 3
    assert cli("build")[0] == 0
    assert sorted(hub.published()[3:]) == sorted(MAIN)


def test_only_the_changed_tag_feeds_are_announced(
    tmp_path: Path, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub_site(tmp_path, f'"{hub.url}"')
    with (tmp_path / "feedwright.toml").open("a", encoding="utf-8") as config:
        config.write("tag_feed_min = 1\n")
    for n, tag in ((1, "harbour"), (2, "weather")):
        (site.articles / f"a00{n}.txt").write_text(
            f"Title: Tagged {n}\nDate: 2024-01-0{n}T09:00:00Z\nTags: {tag}\n\nBody {n}.\n",
            encoding="utf-8",
        )
    monkeypatch.chdir(tmp_path)
    assert cli("build")[0] == 0
    first = len(hub.published())
    assert first == 9  # main, harbour and weather, three formats each
    (site.articles / "a001.txt").write_text(
        "Title: Tagged 1\nDate: 2024-01-01T09:00:00Z\nTags: harbour\n\nBody 1, corrected.\n",
        encoding="utf-8",
    )
    assert cli("build")[0] == 0
    # Story 1 is not among the newest two, so only its tag's feeds changed.
    assert sorted(hub.published()[first:]) == sorted(
        BASE + f"tags/harbour/{name}" for name in ("atom.xml", "rss.xml", "feed.json")
    )


def test_a_hub_that_fails_is_one_warning_and_never_fatal_unless_strict(
    tmp_path: Path, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hub_site(tmp_path, f'["{dead_url()}", "{hub.url}"]')
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("build")
    assert code == 0
    lines = [line for line in err.splitlines() if "WebSub" in line]
    assert len(lines) == 1 and lines[0].startswith("warning: WebSub hub http://127.0.0.1:")
    assert "cannot reach it" in lines[0] and "3 changed feed(s) not announced" in lines[0]
    assert sorted(hub.published()) == sorted(MAIN)  # the other hub was still told
    site.write(3, body="Corrected once more.")
    code, _, err = cli("build", "--strict")
    assert code == 1 and "--strict: 1 WebSub hub(s) not told" in err
    assert b"Corrected once more." in (site.feeds / "atom.xml").read_bytes()  # published


def test_a_hub_error_status_is_reported() -> None:
    failing = Hub(status=500)
    try:
        problems = announce([failing.url], ["https://x.example/feeds/atom.xml"], timeout=2)
    finally:
        failing.close()
    assert problems == [
        f"WebSub hub {failing.url}: answered 500 Internal Server Error; "
        "1 changed feed(s) not announced"
    ]
    assert failing.published() == ["https://x.example/feeds/atom.xml"]


@pytest.mark.parametrize(
    ("value", "message"),
    [("42", "hub must be a string or a list"), ('"ftp://hub.example"', r"absolute http\(s\)")],
)
def test_a_bad_hub_setting_is_refused(tmp_path: Path, value: str, message: str) -> None:
    site = hub_site(tmp_path, value)
    with pytest.raises(ConfigError, match=message):
        site.config()


def test_one_hub_or_several(tmp_path: Path) -> None:
    assert hub_site(tmp_path / "one", '"https://a.example/"').config().hub == (
        "https://a.example/",
    )
    two = hub_site(tmp_path / "two", '["https://a.example/", "https://b.example/"]').config()
    assert two.hub == ("https://a.example/", "https://b.example/")


def test_a_hub_that_never_answers_costs_one_timeout() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # connections queue, nobody ever answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/"
        feeds = [BASE + "atom.xml", BASE + "rss.xml"]
        problems = announce([url], feeds, timeout=0.5)
    assert len(problems) == 1 and "timed out" in problems[0]
    assert problems[0].endswith("2 changed feed(s) not announced")
