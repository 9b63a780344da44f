"""``feedwright serve``: a preview server for the feeds folder, rebuilding when articles change.

Files are sent with the media types feed readers expect, ``ETag``/``Last-Modified`` for
conditional GETs, and gzip when the client asks. Nothing outside the folder is ever
served: the path is decoded once, hidden names and ``..`` are refused, and the file's
real path (symlinks followed) must lie inside the folder.

Rebuilds (``--watch``) run in their own thread while the server keeps answering: every
document is replaced atomically by the build, so a request gets the old file or the new
one, never half of either.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import os
import queue
import re
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from watchfiles import watch as watch_files

from feedwright.errors import ServeError

ATOM = "application/atom+xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
JSON_FEED = "application/feed+json; charset=utf-8"
#: What a browser opening a feed gets it as, so that it applies the feed's stylesheet.
XML = "application/xml; charset=utf-8"
#: Media types by file suffix, for files that are not feeds.
_BY_SUFFIX = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
}
_DIGITS = re.compile(r"(\d+)")
#: Types worth compressing: every text type we serve.
_COMPRESSIBLE = ("text/", "application/")


def media_type(name: str) -> str:
    """The ``Content-Type`` for a file called ``name``.

    Feeds are told by name, the way a web server's config can tell them: ``atom.xml`` and
    archive pages ``atom-N.xml`` are Atom, ``rss.xml``/``rss-N.xml`` RSS, ``feed.json``
    (and ``feed-N.json``) JSON Feed. Served as ``application/xml`` some readers refuse a
    feed (jekyll-feed#358).
    """
    stem, dot, suffix = name.rpartition(".")
    kind = stem.split("-", 1)[0]
    if dot and suffix == "xml" and kind in ("atom", "rss"):
        return ATOM if kind == "atom" else RSS
    if dot and suffix == "json" and kind == "feed":
        return JSON_FEED
    return _BY_SUFFIX.get(f".{suffix}" if dot else "", "application/octet-stream")


def resolve_request(root: Path, target: str) -> Path | None:
    """The file or folder under ``root`` (already resolved) that the request ``target``
    names, or ``None`` when it names nothing we may serve.

    The path is percent-decoded exactly once (``%252e`` stays a literal ``%2e``), and a
    segment that is empty, ``.``, ``..`` or hidden (temp files are ``.name.tmp``), or
    that holds a backslash or NUL, refuses the request; so does a real path (symlinks
    followed) outside ``root``.
    """
    try:
        path = unquote(urlsplit(target).path, errors="strict")
    except UnicodeDecodeError:
        return None
    segments = path.split("/")[1:]
    if segments and segments[-1] == "":
        segments.pop()  # a folder's trailing slash
    for segment in segments:
        if not segment or segment.startswith(".") or "\\" in segment or "\0" in segment:
            return None
    try:
        real = root.joinpath(*segments).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if real != root and root not in real.parents:
        return None
    return real


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""


def _accepts_gzip(header: str | None) -> bool:
    """True if an ``Accept-Encoding`` value allows gzip (RFC 9110 section 12.5.3)."""
    for part in (header or "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() not in ("gzip", "x-gzip", "*"):
            continue
        q = params.strip().lower()
        if q.startswith("q="):
            try:
                return float(q[2:]) > 0
            except ValueError:
                return False
        return True
    return False


def wants_page(accept: str | None, ctype: str) -> bool:
    """True when a request for a feed of type ``ctype`` comes from a browser opening it.

    Browsers show ``application/atom+xml`` and ``application/rss+xml`` as raw text (or
    download them) and apply the feed's stylesheet only to a generic XML type. A browser
    navigation asks for ``text/html``; feed readers ask for the feed types (or ``*/*``).
    So a request that accepts ``text/html`` and does not name the feed's own type gets
    the same bytes as ``application/xml``.
    """
    if ctype not in (ATOM, RSS) or not accept:
        return False
    types = {}
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        q = params.strip().lower()
        try:
            types[media.strip().lower()] = float(q[2:]) if q.startswith("q=") else 1.0
        except ValueError:
            types[media.strip().lower()] = 0.0
    return types.get("text/html", 0.0) > 0 and ctype.split(";")[0] not in types


def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison of ``If-None-Match`` with our tag (RFC 9110 section 13.1.2)."""
    if header.strip() == "*":
        return True
    ours = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == ours for tag in header.split(","))


def _not_modified_since(header: str, mtime: int) -> bool:
    try:
        since = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    return since.tzinfo is not None and mtime <= since.timestamp()


def reply_for(path: Path, *, request_headers: dict[str, str], head: bool = False) -> _Reply:
    """The reply for a GET (or HEAD) of the file at ``path``.

    Raises:
        OSError: the file cannot be read.
    """
    with path.open("rb") as handle:
        data = handle.read()
        mtime = int(os.fstat(handle.fileno()).st_mtime)
    ctype = media_type(path.name)
    page = wants_page(request_headers.get("accept"), ctype)
    digest = hashlib.sha256(data).hexdigest()[:32] + ("-page" if page else "")
    headers = [("Content-Type", XML if page else ctype)]
    compress = ctype.startswith(_COMPRESSIBLE) and not ctype.startswith("application/octet")
    gzipped = compress and _accepts_gzip(request_headers.get("accept-encoding"))
    # Each encoding is its own representation, with its own tag (RFC 9110 section 8.8.3).
    etag = f'"{digest}-gzip"' if gzipped else f'"{digest}"'
    headers += [
        ("ETag", etag),
        ("Last-Modified", email.utils.formatdate(mtime, usegmt=True)),
        # A preview: always ask again, so an edit shows on the next reload.
        ("Cache-Control", "no-cache"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    if ctype in (ATOM, RSS):
        headers.append(("Vary", "Accept, Accept-Encoding"))
    elif compress:
        headers.append(("Vary", "Accept-Encoding"))
    match = request_headers.get("if-none-match")
    since = request_headers.get("if-modified-since")
    # If-None-Match wins over If-Modified-Since when both are sent (section 13.2.2).
    if (match is not None and _etag_matches(match, etag)) or (
        match is None and since is not None and _not_modified_since(since, mtime)
    ):
        keep = {"ETag", "Last-Modified", "Cache-Control", "Vary"}
        return _Reply(HTTPStatus.NOT_MODIFIED, tuple(h for h in headers if h[0] in keep))
    if gzipped:
        # mtime=0: the same file always gives the same bytes (and the same tag).
        data = gzip.compress(data, mtime=0)
        headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(data))))
    return _Reply(HTTPStatus.OK, tuple(headers), b"" if head else data)


def answer(root: Path, target: str, request_headers: dict[str, str], *, head: bool) -> _Reply:
    """The reply to a GET (or, with ``head``, a HEAD) of the request target ``target``:
    a file under ``root``, a folder's index.html or listing, a redirect to the folder's
    URL with its slash, or 404."""
    found = resolve_request(root, target)
    if found is not None and found.is_dir():
        parts = urlsplit(target)
        if not parts.path.endswith("/"):
            query = f"?{parts.query}" if parts.query else ""
            location = ("Location", f"{parts.path}/{query}")
            return _Reply(HTTPStatus.MOVED_PERMANENTLY, (location, ("Content-Length", "0")))
        if not (found / "index.html").is_file():
            return folder_listing(root, found, unquote(parts.path))
        found = found / "index.html"
    if found is None or not found.is_file():
        return _error(HTTPStatus.NOT_FOUND)
    try:
        return reply_for(found, request_headers=request_headers, head=head)
    except OSError:
        return _error(HTTPStatus.NOT_FOUND)


def _handler(root: Path, log: Callable[[str], None] | None) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "feedwright"

        def version_string(self) -> str:
            return self.server_version  # not "feedwright " with the empty Python version

        def do_GET(self) -> None:
            self._answer(head=False)

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def _answer(self, *, head: bool) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            self._send(answer(root, self.path, headers, head=head), head=head)

        def _send(self, reply: _Reply, *, head: bool = False) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            if reply.body and not head:
                self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:
            if log is not None:
                log(f"{self.address_string()} {format % args}")

    return Handler


def folder_listing(root: Path, folder: Path, shown: str) -> _Reply:
    """A plain page linking every file and folder in ``folder`` (under ``root``), for a
    folder URL without ``index.html`` (``/archive/``, ``/tags/``, ``/entries/``): a person
    previewing the feeds can click through to every archive page. Hidden names, and links
    whose real path is outside ``root``, are left out as they are never served."""
    items: list[tuple[str, str]] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return _error(HTTPStatus.NOT_FOUND)
    for name in sorted(names, key=_natural):
        if name.startswith(".") or "\\" in name:
            continue  # never served (see resolve_request)
        try:
            real = (folder / name).resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if real != root and root not in real.parents:
            continue
        suffix = "/" if real.is_dir() else ""
        # A name that is not UTF-8 is linked by its bytes and shown with U+FFFD for them.
        text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        items.append((quote(name, errors="surrogateescape") + suffix, text + suffix))
    if folder != root:
        items.insert(0, ("../", "../"))
    links = "".join(
        f'<li><a href="{escape(href)}">{escape(text)}</a></li>\n' for href, text in items
    )
    title = escape(shown)
    body = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n"
        "<p>This folder has no index.html: <code>feedwright serve</code> lists what is in it."
        "</p>\n"
        f"<ul>\n{links}</ul>\n</body>\n</html>\n"
    ).encode()
    return _Reply(
        HTTPStatus.OK,
        (
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "no-cache"),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Length", str(len(body))),
        ),
        body,
    )


def _natural(name: str) -> list[tuple[int, int | str]]:
    """Sort key that puts ``atom-2.xml`` before ``atom-10.xml``."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(name) if part]


def _error(status: HTTPStatus) -> _Reply:
    body = f"{status.value} {status.phrase}\n".encode()
    return _Reply(
        status,
        (("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))),
        body,
    )


def make_server(
    folder: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    log: Callable[[str], None] | None = None,
) -> ThreadingHTTPServer:
    """An HTTP server for ``folder`` bound to ``host:port`` (0: any free port), not yet
    serving; call ``serve_forever`` on it.

    Raises:
        ServeError: ``folder`` is not a folder, or the address cannot be bound.
    """
    if not folder.is_dir():
        raise ServeError(f"{folder}: no such folder (run feedwright build first)")
    server_class = _IPv6Server if ":" in host else ThreadingHTTPServer
    try:
        server = server_class((host, port), _handler(folder.resolve(), log))
    except OSError as e:
        shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        raise ServeError(f"cannot listen on {shown}: {e.strerror or e}") from e
    server.daemon_threads = True
    return server


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def watch(
    paths: Iterable[tuple[Path, bool]],
    on_change: Callable[[set[str]], None],
    *,
    stop: threading.Event,
    accept: Callable[[str], bool] = lambda _path: True,
    debounce_ms: int = 300,
) -> None:
    """Call ``on_change`` with the changed paths each time files under ``paths`` change,
    until ``stop`` is set. Each path comes with whether to watch it recursively.

    Changes are gathered while ``on_change`` runs and passed on together afterwards, so a
    slow rebuild is followed by one more, never by a queue of them.
    """
    changes: queue.Queue[set[str]] = queue.Queue()

    def pump(path: Path, recursive: bool) -> None:
        for batch in watch_files(
            path,
            stop_event=stop,
            recursive=recursive,
            debounce=debounce_ms,
            raise_interrupt=False,
            watch_filter=lambda _change, name: accept(name),
        ):
            changes.put({name for _, name in batch})

    for path, recursive in paths:
        threading.Thread(target=pump, args=(path, recursive), daemon=True).start()
    while not stop.is_set():
        try:
            batch = changes.get(timeout=0.2)
        except queue.Empty:
            continue
        while not changes.empty():
            batch |= changes.get_nowait()
        on_change(batch)
