"""``feedwright serve``: media types, conditional GETs, gzip, the folder's walls, rebuilds."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from reader import make_reader

from feedwright.errors import ServeError
from feedwright.serve import make_server, media_type, resolve_request
from sites import Site, make_site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    site = make_site(tmp_path / "site", count=3)
    site.build()
    (tmp_path / "secret.txt").write_text("not for the web\n", encoding="utf-8")
    return site


@pytest.fixture
def port(site: Site) -> Iterator[int]:
    server = make_server(site.feeds)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def get(
    port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """One request exactly as written (http.client sends the path as given)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("atom.xml", "application/atom+xml; charset=utf-8"),
        ("atom-12.xml", "application/atom+xml; charset=utf-8"),
        ("rss.xml", "application/rss+xml; charset=utf-8"),
        ("rss-3.xml", "application/rss+xml; charset=utf-8"),
        ("feed.json", "application/feed+json; charset=utf-8"),
        ("index.html", "text/html; charset=utf-8"),
        ("feed.css", "text/css; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("README", "application/octet-stream"),
    ],
)
def test_media_types(name: str, expected: str) -> None:
    assert media_type(name) == expected


def test_feeds_are_served_with_their_media_types(site: Site, port: int) -> None:
    for name, ctype in (
        ("atom.xml", "application/atom+xml; charset=utf-8"),
        ("rss.xml", "application/rss+xml; charset=utf-8"),
    ):
        status, headers, body = get(port, f"/{name}")
        assert status == 200
        assert headers["Content-Type"] == ctype
        assert body == (site.feeds / name).read_bytes()
        assert headers["Content-Length"] == str(len(body))
    status, headers, body = get(port, "/atom.xml", method="HEAD")
    assert status == 200 and body == b""
    assert headers["Content-Length"] == str((site.feeds / "atom.xml").stat().st_size)


def test_conditional_get_answers_304_until_the_file_changes(site: Site, port: int) -> None:
    status, headers, _ = get(port, "/atom.xml")
    etag, modified = headers["ETag"], headers["Last-Modified"]
    status, again, body = get(port, "/atom.xml", {"If-None-Match": etag})
    assert (status, body) == (304, b"")
    assert again["ETag"] == etag
    status, _, body = get(port, "/atom.xml", {"If-Modified-Since": modified})
    assert (status, body) == (304, b"")
    # An ETag that does not match wins over a date that would.
    status, _, _ = get(
        port, "/atom.xml", {"If-None-Match": '"other"', "If-Modified-Since": modified}
    )
    assert status == 200
    site.write(4)
    site.build()
    status, headers, body = get(port, "/atom.xml", {"If-None-Match": etag})
    assert status == 200
    assert headers["ETag"] != etag
    assert b"Headline number 4" in body


def test_gzip_only_when_asked(site: Site, port: int) -> None:
    original = (site.feeds / "rss.xml").read_bytes()
    status, headers, body = get(port, "/rss.xml", {"Accept-Encoding": "br, gzip;q=0.5"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept, Accept-Encoding"
    assert gzip.decompress(body) == original
    zipped_tag = headers["ETag"]
    status, headers, body = get(port, "/rss.xml", {"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in headers
    assert body == original
    assert headers["ETag"] != zipped_tag
    status, _, body = get(
        port, "/rss.xml", {"Accept-Encoding": "gzip", "If-None-Match": zipped_tag}
    )
    assert (status, body) == (304, b"")


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/archive/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/%252e%252e/secret.txt",
        "//etc/passwd",
        "/.%2e/secret.txt",
        "/atom.xml%00.html",
        "/%ff.xml",
    ],
)
def test_nothing_outside_the_folder(port: int, path: str) -> None:
    status, _, body = get(port, path)
    assert status == 404, path
    assert b"not for the web" not in body


def test_symlinks_out_of_the_folder_are_refused(site: Site, port: int) -> None:
    outside = site.root.parent / "secret.txt"
    (site.feeds / "leak.txt").symlink_to(outside)
    (site.feeds / "up").symlink_to(site.root.parent, target_is_directory=True)
    (site.feeds / "same.xml").symlink_to(site.feeds / "atom.xml")
    assert get(port, "/leak.txt")[0] == 404
    assert get(port, "/up/secret.txt")[0] == 404
    # A link that stays inside is an ordinary file.
    assert get(port, "/same.xml")[0] == 200
    assert resolve_request(site.feeds.resolve(), "/leak.txt") is None


def test_hidden_files_and_folders_without_index(site: Site, port: int) -> None:
    (site.feeds / ".atom.xml.abc.tmp").write_bytes(b"half")
    assert get(port, "/.atom.xml.abc.tmp")[0] == 404
    status, headers, _ = get(port, "/archive")
    assert status == 404  # no such folder in a three-entry site
    (site.feeds / "archive").mkdir()
    status, headers, _ = get(port, "/archive?x=1")
    assert status == 301 and headers["Location"] == "/archive/?x=1"
    (site.feeds / "archive" / ".atom-1.xml.abc.tmp").write_bytes(b"half")
    status, headers, body = get(port, "/archive/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"tmp" not in body  # hidden names are neither served nor listed


def test_a_folder_without_index_html_lists_its_pages(tmp_path: Path) -> None:
    """/archive/, /tags/ and /entries/ have no index.html: a person previewing the feeds
    gets a page linking each archive page (in page order), tag folder and entry page."""
    site = make_site(tmp_path / "site", count=12, max_entries=2, page_size=5)
    site.build()
    (site.feeds / "archive" / "leak.xml").symlink_to(tmp_path / "secret.xml")
    (tmp_path / "secret.xml").write_text("<secret/>", encoding="utf-8")
    server = make_server(site.feeds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        status, headers, body = get(port, "/archive/")
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        page = body.decode("utf-8")
        links = re.findall(r'href="([^"]+)"', page)
        assert links[0] == "../"
        atoms = [link for link in links if link.startswith("atom-")]
        assert atoms == ["atom-1.xml", "atom-2.xml", "atom-3.xml"]
        assert "leak.xml" not in links  # a link out of the folder is neither served nor listed
        assert "<title>/archive/</title>" in page
        for link in links[1:]:  # every listed name is served
            assert get(port, f"/archive/{link}")[0] == 200, link
        status, _, body = get(port, "/entries/")
        assert status == 200 and body.count(b'.html"') == 12
        assert get(port, "/archive/", method="HEAD")[2] == b""
        # The feeds' own page is still served at /, not a listing.
        assert get(port, "/")[2] == (site.feeds / "index.html").read_bytes()
    finally:
        server.shutdown()
        server.server_close()


def test_reader_subscribes_through_serve_across_a_rebuild(
    site: Site, port: int, tmp_path: Path
) -> None:
    reader = make_reader(str(tmp_path / "reader.sqlite"))
    try:
        for name in ("atom.xml", "rss.xml"):
            reader.add_feed(f"http://127.0.0.1:{port}/{name}")
        reader.update_feeds(scheduled=False)
        before = {(e.feed_url, e.id) for e in reader.get_entries()}
        assert len(before) == 6
        site.write(2, body="Day 2 was corrected after the desk checked its notes again.")
        site.write(4)
        site.build()
        reader.update_feeds(scheduled=False)
        after = list(reader.get_entries())
        assert len(after) == 8  # one new entry per feed, the edit is no duplicate
        assert before < {(e.feed_url, e.id) for e in after}
        corrected = [e for e in after if e.title == "Headline number 2 of the week"]
        assert all(
            "corrected" in (e.content[0].value if e.content else e.summary or "") for e in corrected
        )
    finally:
        reader.close()


@pytest.mark.slow
@pytest.mark.parametrize("settle", [0, 1])
def test_watch_rebuilds_and_serves_the_new_feed(tmp_path: Path, settle: int) -> None:
    # With settle_seconds, a file saved a moment ago waits: the watch builds again later.
    site = make_site(tmp_path / "site", count=2, settle_seconds=settle)
    site.age()  # written long ago: the first build reads them at once
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "feedwright", "serve", "--watch", "--port", "0"],
        cwd=site.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        while line and "serving" not in line:
            line = process.stdout.readline()
        assert "serving feeds at http://127.0.0.1:" in line, line
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        status, headers, body = get(port, "/atom.xml")
        assert status == 200 and b"Headline number 2" in body
        etag = headers["ETag"]
        site.write(3)
        body = _wait_for(port, b"Headline number 3", etag)
        assert body.count(b"<entry>") == 3
        (site.root / "feedwright.toml").write_text(
            (site.root / "feedwright.toml").read_text().replace("Schedule test", "Watched"),
            encoding="utf-8",
        )
        assert b"<title>Watched</title>" in _wait_for(port, b"<title>Watched</title>", "")
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(port: int, needle: bytes, etag: str) -> bytes:
    """The feed once it holds ``needle``; every answer meanwhile is a whole document."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status, _, body = get(port, "/atom.xml", {"If-None-Match": etag} if etag else {})
        assert status in (200, 304)
        if status == 200:
            assert body.rstrip().endswith(b"</feed>")
            if needle in body:
                return body
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared")


def test_the_server_header_names_feedwright_alone(port: int) -> None:
    _, headers, _ = get(port, "/atom.xml")
    assert headers["Server"] == "feedwright"


def test_a_missing_folder_or_a_taken_port_is_one_line_naming_it(site: Site, port: int) -> None:
    with pytest.raises(ServeError, match=r"no such folder"):
        make_server(site.feeds / "nowhere")
    with pytest.raises(ServeError, match=rf"^cannot listen on 127\.0\.0\.1:{port}: "):
        make_server(site.feeds, port=port)


def test_an_ipv6_host_is_served(site: Site) -> None:
    try:
        server = make_server(site.feeds, host="::1")
    except ServeError as e:
        pytest.skip(f"no IPv6 loopback here: {e}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        conn = http.client.HTTPConnection("::1", server.server_address[1], timeout=10)
        conn.request("GET", "/atom.xml")
        response = conn.getresponse()
        assert response.status == 200
        assert response.read() == (site.feeds / "atom.xml").read_bytes()
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
