"""``feedwright.toml``: the feed's identity and where things live, with documented defaults."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dateutil import tz

from feedwright.configvalues import DEFAULT_LANGUAGE, check_config_values
from feedwright.errors import ConfigError
from feedwright.layout import CACHE_DIR_NAME, CONFIG_NAME, find_config
from feedwright.links import template_problem
from feedwright.loader.tomlerrors import toml_problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know; paths are absolute once loaded."""

    #: Feed title.
    title: str = "feedwright feed"
    #: One-line description (RSS requires one).
    description: str = "Articles published with feedwright"
    #: Absolute URL of the site the feed belongs to.
    site_url: str = "https://example.org/"
    #: Absolute URL of the folder the feeds are served from (default: site_url + "feeds/").
    feeds_url: str = ""
    #: Feed author's name (Atom requires an author for the feed or every entry).
    author: str = "feedwright"
    #: Author e-mail (optional).
    email: str = ""
    #: Feed language (BCP 47).
    language: str = DEFAULT_LANGUAGE
    #: Zone given to dates written without one (IANA name such as "Europe/London").
    timezone: str = "UTC"
    #: How many entries the subscription feeds keep.
    max_entries: int = 50
    #: Byte budget for each subscription feed document.
    max_bytes: int = 512 * 1024
    #: Entries per archive page (RFC 5005).
    archive_page_size: int = 100
    #: A tag on at least this many entries gets its own feeds (0: no tag feeds).
    tag_feed_min: int = 3
    #: WebSub hubs every document names and every changed subscription feed is pinged at.
    hub: tuple[str, ...] = ()
    #: Folder of articles.
    articles: Path = Path("articles")
    #: Folder the feeds are written to.
    out: Path = Path("feeds")
    #: The ledger: ids and dates once published (commit it beside the feeds).
    ledger: Path = Path("feedwright-ledger.json")
    #: The web page of an article without a ``Link:`` (fields: see :mod:`feedwright.links`).
    link_template: str = ""
    #: An article modified less than this many seconds ago waits for the next run
    #: (None: :data:`feedwright.settling.DEFAULT_SETTLE_SECONDS`).
    settle_seconds: float | None = None
    #: Where the config was read from (None: defaults only).
    source: Path | None = field(default=None, compare=False)
    #: Keys that were not given and so took their default.
    defaulted: tuple[str, ...] = field(default=(), compare=False)

    @property
    def feed_base(self) -> str:
        """Absolute URL of the feeds folder, ending in ``/``."""
        base = self.feeds_url or self.site_url.rstrip("/") + "/feeds/"
        return base if base.endswith("/") else base + "/"

    @property
    def stamp_dir(self) -> Path:
        """Where the quiet stamp goes: the cache folder beside the ledger (never committed;
        safe to delete). Only a plain run of the folder's own config leaves a stamp there."""
        return self.ledger.parent / CACHE_DIR_NAME

    @property
    def cache_dir(self) -> Path:
        """The incremental cache of this config's ledger: two configs in one folder, each
        with its own ledger, must not reset each other's cache on every run."""
        default = _KEYS["ledger"].default
        assert isinstance(default, Path)
        if self.ledger.name == default.name:
            return self.stamp_dir
        return self.stamp_dir / f"ledger-{self.ledger.name}"

    @property
    def domain(self) -> str:
        return urlsplit(self.site_url).hostname or "example.org"


_KEYS = {f.name: f for f in fields(Config) if f.name not in ("source", "defaulted")}
_PATH_KEYS = ("articles", "out", "ledger")


def load_config(path: Path | None, *, root: Path) -> Config:
    """Read ``path`` (or the nearest ``feedwright.toml`` in ``root`` or above) over the defaults.

    Raises:
        ConfigError: the file is missing (when named), not TOML, or has bad values.
    """
    data: dict[str, Any] = {}
    source: Path | None = None
    # Messages name the file as the user gave it, or (found by looking upwards) relative
    # to ``root``, the folder the command runs in: "../feedwright.toml", not /home/...
    where = str(path) if path is not None else CONFIG_NAME
    if path is None and (found := find_config(str(root))) is not None:
        path = Path(found)
        where = _relative(found, root)
    if path is not None:
        source = path.resolve()
        data = _flatten(_parse(path, where=where), where=where)
        base = path.resolve().parent
    else:
        base = root.resolve()
    values: dict[str, Any] = {}
    for key, value in data.items():
        default = _KEYS[key].default
        if isinstance(default, Path):
            if not isinstance(value, str):
                raise ConfigError(f"{key} must be a path string", path=where)
            values[key] = Path(value)
        elif isinstance(default, tuple):
            values[key] = _strings(key, value, where=where)
        elif key == "settle_seconds":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{key} must be a number of seconds", path=where)
            values[key] = float(value)
        elif isinstance(value, bool) or not isinstance(value, type(default)):
            raise ConfigError(f"{key} must be {_KIND[type(default)]}", path=where)
        else:
            values[key] = value
    for key in _PATH_KEYS:
        values[key] = (base / values.get(key, _KEYS[key].default)).resolve()
    config = Config(**values, source=source, defaulted=tuple(k for k in _KEYS if k not in data))
    _check(config, where)
    return config


def _relative(path: str, root: Path) -> str:
    """``path`` relative to ``root`` (``../feedwright.toml``), or as it is if it cannot be."""
    try:
        return os.path.relpath(path, root)
    except ValueError:  # another drive (Windows)
        return path


def _parse(path: Path, *, where: str) -> dict[str, Any]:
    """The TOML of the config file at ``path`` (named ``where`` in messages).

    Raises:
        ConfigError: it cannot be read, is not UTF-8 or is not TOML (``where:line: ...``).
    """
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"cannot read config: {e.strerror}", path=where) from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ConfigError("not UTF-8 text", path=where, line=line) from e
    try:
        parsed: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        problem, at = toml_problem(e)
        # "at end of document": the last line.
        line = text.rstrip("\n").count("\n") + 1 if at is None else at
        raise ConfigError(f"not valid TOML: {problem}", path=where, line=line) from e
    return parsed


#: How a value's expected type is named in messages.
_KIND = {int: "an integer", str: "a string", float: "a number"}


def _strings(key: str, value: object, *, where: str) -> tuple[str, ...]:
    """A key that takes one string or a list of them (``hub``), as a tuple."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise ConfigError(f"{key} must be a string or a list of strings", path=where)
    return tuple(dict.fromkeys(items))


def _flatten(parsed: dict[str, Any], *, where: str) -> dict[str, Any]:
    """The keys of the ``[feed]`` table and the top level, as one mapping.

    Raises:
        ConfigError: a table other than ``[feed]``, or a key no setting has: a misspelt
            name would otherwise be ignored, and a default (``site_url``) burned into ids.
    """
    data: dict[str, Any] = {}
    for name, value in parsed.items():
        if name == "feed" and isinstance(value, dict):
            data.update(value)
        elif name == "feed":
            raise ConfigError(
                "feed must be the table of settings ([feed] on a line of its own, the keys "
                f"below it), not {value!r}",
                path=where,
            )
        elif isinstance(value, dict):
            raise ConfigError(f"unknown table [{name}]{_did_you_mean(name, ['feed'])}", path=where)
        else:
            data[name] = value
    for name in data:
        if name not in _KEYS:
            raise ConfigError(f"unknown key {name!r}{_did_you_mean(name, _KEYS)}", path=where)
    return data


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    """A suggestion for a misnamed key: the one key the name begins (``settle`` for
    ``settle_seconds``, ``desc``), else the closest spelling (``titel``). Spelling alone
    suggested ``title`` for ``settle`` and ``site``."""
    lower, names = name.lower(), list(known)
    begun = [k for k in names if k.startswith(lower)] if len(lower) >= 3 else []
    close = begun if len(begun) == 1 else difflib.get_close_matches(lower, names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check(config: Config, where: str) -> None:
    # Checks site_url, feeds_url and every hub when given: an empty site_url is left.
    check_config_values(config, where)
    if not config.site_url:
        raise ConfigError("site_url must be an absolute http(s) URL, not ''", path=where)
    if config.max_entries < 1:
        raise ConfigError("max_entries must be at least 1", path=where)
    if config.max_bytes < 4096:
        raise ConfigError("max_bytes must be at least 4096", path=where)
    if config.archive_page_size < 1:
        raise ConfigError("archive_page_size must be at least 1", path=where)
    if config.settle_seconds is not None and not 0 <= config.settle_seconds <= 3600:
        raise ConfigError("settle_seconds must be between 0 and 3600", path=where)
    if config.tag_feed_min < 0:
        raise ConfigError("tag_feed_min must be 0 (no tag feeds) or more", path=where)
    if not config.title.strip() or not config.description.strip():
        raise ConfigError("title and description must not be empty", path=where)
    if config.link_template:
        problem = template_problem(config.link_template)
        if problem:
            raise ConfigError(problem, path=where)
    if tz.gettz(config.timezone) is None:
        raise ConfigError(f"unknown timezone {config.timezone!r}", path=where)


def refuse_default_site_url(config: Config) -> None:
    """Refuse to start a ledger under the default ``site_url``: ids are minted from its
    domain once and for all, so a forgotten or misspelt setting would be burned in.

    Raises:
        ConfigError: ``site_url`` was not given.
    """
    if "site_url" in config.defaulted:
        raise ConfigError(
            f"site_url is not set: the first build mints every id from it for good; set "
            f"site_url in [feed] (even to the default {config.site_url!r})",
            path=_relative(str(config.source), Path.cwd()) if config.source else CONFIG_NAME,
        )
