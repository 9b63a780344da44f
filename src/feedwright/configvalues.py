"""Config values checked as the W3C validator will check them, where they enter.

A value that passes a type check can still make every document invalid: ``language =
"not a lang!!"`` (``InvalidLanguage``), ``email = "not an email"`` (``InvalidContact``), a
``site_url`` with a space or a non-ASCII character (``InvalidFullLink``, ``UriNotIri``), a
title holding a control character (not well-formed XML). Each is refused here, naming the
file and the key, before anything is built.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from feedwright.errors import ConfigError
from feedwright.loader.uris import BadValue, article_link

if TYPE_CHECKING:
    from feedwright.config import Config

_URL_KEYS = ("site_url", "feeds_url")
_TEXT_KEYS = ("title", "description", "author")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# The addresses the validator's addr_spec accepts: an atom of these characters, "@", and
# a domain of at least two labels.
_EMAIL = re.compile(rf"[A-Za-z0-9_+.!#$%&'*/=?^`{{|}}~-]+@{_LABEL}(?:\.{_LABEL})+")


def check_config_values(config: Config, where: str) -> None:
    """Refuse a config value that would make a document fail the W3C validator.

    Raises:
        ConfigError: names the file and the key.
    """
    for key in _URL_KEYS:
        url: str = getattr(config, key)
        if url:
            _check_url(key, url, where)
    for hub in config.hub:
        _check_url("hub", hub, where)
    for key in _TEXT_KEYS:
        text: str = getattr(config, key)
        if not text.isprintable():
            raise ConfigError(
                f"{key} holds a control or invisible formatting character: {text!r}",
                path=where,
            )
    if config.email and not _EMAIL.fullmatch(config.email):
        raise ConfigError(
            f"email {config.email!r} is not an e-mail address (name@example.org)", path=where
        )
    _check_language(config.language, where)


def _check_url(key: str, url: str, where: str) -> None:
    if any(c.isspace() for c in url):
        raise ConfigError(f"{key} {url!r} has a space; write it as %20", path=where)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as e:
        raise ConfigError(f"{key} {url!r} is not a URL ({e})", path=where) from e
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{key} must be an absolute http(s) URL, not {url!r}", path=where)
    if not url.isascii():
        try:
            suggestion = f"; write it as {article_link(url, base=url)!r}"
        except BadValue:
            suggestion = ""
        raise ConfigError(
            f"{key} {url!r} holds non-ASCII characters, which feeds may not{suggestion}",
            path=where,
        )


#: The language of a config that names none (a registered tag: not looked up).
DEFAULT_LANGUAGE = "en"


def _check_language(tag: str, where: str) -> None:
    if tag == DEFAULT_LANGUAGE:
        return
    import langcodes  # ~50 ms of registry tables: only a config that names a language

    # The validator looks the primary subtag up in ISO 639 (InvalidLanguage); the IANA
    # registry langcodes checks against holds those codes.
    if not langcodes.tag_is_valid(tag) or tag.lower().startswith(("x-", "i-")):
        raise ConfigError(
            f"language {tag!r} is not a language tag (such as en, de or pt-BR)", path=where
        )
