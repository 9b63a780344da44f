"""An article's ``Id`` and ``Link``: checked where they enter, as the W3C validator will.

Atom ids and links are IRIs, but the validator wants URIs in both formats (``UriNotIri``,
``InvalidTAG``), and RSS readers compare guids byte for byte. An IRI is mapped to a URI as
RFC 3987 section 3.1 says (IDNA host, UTF-8 percent-encoding); that mapping is exact, so
the published id is the same in every build. What is not an IRI at all (spaces, no scheme,
``https://`` alone) is refused with a message naming the value.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: What may stand in a URI as it is (RFC 3986 reserved and unreserved characters, and "%").
_URI_SAFE = "-._~:/?#[]@!$&'()*+,;=%"
_WEB = ("http", "https")


class BadValue(ValueError):
    """A metadata value that cannot be published; the message says why."""


def article_link(raw: str, *, base: str) -> str:
    """``Link`` as an absolute http(s) URI (relative links are resolved against ``base``).

    Raises:
        BadValue: not a web address (spaces, another scheme, no host, malformed).
    """
    if _has_space(raw):
        raise BadValue(f"Link {_shown(raw)} has a space: not a web address")
    try:
        joined = urljoin(base, raw)
        parts = urlsplit(joined)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as e:
        raise BadValue(f"Link {_shown(raw)} is not a web address ({e})") from e
    if parts.scheme.lower() not in _WEB or not parts.hostname:
        raise BadValue(f"Link {_shown(raw)} is not a web address (http:// or https://)")
    return _to_uri(parts, raw, key="Link")


def article_id(raw: str) -> str:
    """``Id`` as a URI, or the reason it cannot be one.

    Raises:
        BadValue: no scheme (``12345``), spaces (``hello world``), an http(s) id without
            a host, or a ``tag:`` whose authority is not ASCII.
    """
    if _has_space(raw):
        raise BadValue(f"Id {_shown(raw)} has a space: an id must be a URI")
    if not _SCHEME.match(raw) or len(raw) == raw.index(":") + 1:
        raise BadValue(
            f"Id {_shown(raw)} is not a URI: give it a scheme, such as tag:, urn:uuid: or https://"
        )
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as e:
        raise BadValue(f"Id {_shown(raw)} is not a URI ({e})") from e
    scheme = parts.scheme.lower()
    if scheme in _WEB and not parts.hostname:
        raise BadValue(f"Id {_shown(raw)} is not a URI: it has no host")
    if scheme == "tag" and not raw.split(",", 1)[0].isascii():
        raise BadValue(f"Id {_shown(raw)}: a tag: id's domain must be ASCII (RFC 4151)")
    if scheme in _WEB:
        return _to_uri(parts, raw, key="Id")
    return _percent_encode(raw)


def _shown(raw: str) -> str:
    return repr(raw if len(raw) <= 60 else raw[:59] + "…")


def _has_space(text: str) -> bool:
    return any(c.isspace() for c in text)


def _to_uri(parts: SplitResult, raw: str, *, key: str) -> str:
    netloc = parts.netloc
    host = parts.hostname or ""
    if not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError as e:
            raise BadValue(f"{key} {_shown(raw)}: host {host!r} is not a valid domain name") from e
        userinfo = netloc.rpartition("@")[0]
        port = f":{parts.port}" if parts.port is not None else ""
        netloc = (userinfo + "@" if userinfo else "") + ascii_host + port
    return urlunsplit(
        (
            parts.scheme,
            _percent_encode(netloc),
            _percent_encode(parts.path),
            _percent_encode(parts.query),
            _percent_encode(parts.fragment),
        )
    )


def _percent_encode(text: str) -> str:
    """Non-ASCII characters (as UTF-8) and ASCII that a URI cannot hold, percent-encoded."""
    if text.isascii() and not re.search(r"[^A-Za-z0-9" + re.escape(_URI_SAFE) + "]", text):
        return text
    return quote(text, safe=_URI_SAFE)
