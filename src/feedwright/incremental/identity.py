"""Digests of what a build's outcome depends on: the code, the config, the files.

The outputs are a pure function of the code, the config, the articles, the ledger and the
clock (only through articles scheduled for later). These digests are how a build's
record (:mod:`feedwright.incremental.memory`) names those inputs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

from feedwright.config import Config
from feedwright.incremental.cache import FileKey
from feedwright.incremental.stamp import key_text, listing_digest
from feedwright.layout import ARCHIVE_DIR, is_page_name

#: Libraries whose version can change the bytes of a feed.
_LIBRARIES = ("feedgen", "lxml", "nh3", "markdown_it", "dateutil", "charset_normalizer", "yaml")


def code_keys() -> list[tuple[str, str]]:
    """Each file of the code a build runs, with its identity: feedwright's modules and the
    libraries whose version can change the bytes of a feed."""
    package = Path(__file__).resolve().parent.parent
    paths = [str(path) for path in sorted(package.rglob("*.py"))]
    for name in _LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        paths.append(spec.origin if spec and spec.origin else f"{name} (not installed)")
    return [(path, key_text(path)) for path in paths]


def code_identity(keys: list[tuple[str, str]] | None = None) -> str:
    """A digest of the code a build runs (of ``keys``, by default :func:`code_keys` now)."""
    parts = [sys.version, *(f"{path}={key}" for path, key in keys or code_keys())]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def cache_namespace(config: Config, code: str) -> str:
    """What a cached parse depends on besides the article itself."""
    text = f"{code}\n{config.articles}\n{config.timezone}\n{config.site_url}"
    # surrogateescape: a folder whose name is not UTF-8 is still a folder (its bytes back).
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def archive_listing(config: Config) -> list[str]:
    """Archive page files present now, relative to the out folder."""
    try:
        names = [p.name for p in (config.out / ARCHIVE_DIR).iterdir()]
    except OSError:
        return []
    return sorted(f"{ARCHIVE_DIR}/{n}" for n in names if is_page_name(n))


def articles_digest(articles: dict[str, FileKey]) -> str:
    """One digest of every article's identity (the articles part of :func:`inputs_digest`,
    recorded on its own so that a changed article is seen before any output is stat'ed),
    made as the quiet stamp makes its own."""
    return listing_digest(sorted(articles.items()))


def inputs_digest(
    *,
    code: str,
    config: Config,
    articles: str,
    ledger: FileKey | None,
    outputs: dict[str, FileKey | None],
    listing: list[str],
) -> str:
    """One digest of everything a build's outcome depends on, except the clock;
    ``articles`` is the :func:`articles_digest` of the articles' identities."""
    h = hashlib.sha256()

    def line(text: str) -> None:
        h.update(text.encode("utf-8", "surrogateescape") + b"\n")

    line(code)
    line(repr(config))
    line(f"articles {articles}")
    line(f"ledger {ledger.text() if ledger else '-'}")
    for name, output in sorted(outputs.items()):
        line(f"output {name} {output.text() if output else '-'}")
    for name in listing:
        line(f"present {name}")
    return h.hexdigest()


def documents_basis(config: Config, code: str) -> str:
    """What every document depends on besides its entries: the code and the config."""
    return hashlib.sha256(f"{code}\n{config!r}".encode("utf-8", "surrogateescape")).hexdigest()
