"""One exception hierarchy; every error knows its subject and renders as ``path:line: msg``."""

from __future__ import annotations


class FeedwrightError(Exception):
    """Base class of every error feedwright raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            path = quote_name(self.path)
            where = f"{path}:{self.line}: " if self.line else f"{path}: "
        return f"{where}{self.message}"


class ArticleError(FeedwrightError):
    """An article cannot become an entry; it is skipped and reported."""


class ConfigError(FeedwrightError):
    """The configuration is missing, malformed or inconsistent."""


class LedgerError(FeedwrightError):
    """The ledger (state file) cannot be read or written."""


class FeedError(FeedwrightError):
    """A feed document could not be built or failed validation; nothing was published."""


class PublishError(FeedwrightError):
    """Publishing was refused or failed; the previous feeds are untouched."""


class ServeError(FeedwrightError):
    """``feedwright serve`` cannot serve: no feeds folder, or the address cannot be bound."""


def quote_name(name: str) -> str:
    """``name`` as it may appear in a one-line message: quoted if it holds a character that
    is not printable (a newline in a file name would split the message and could forge
    another; a bidi override would reorder it; a lone surrogate stands for a byte that is
    not UTF-8)."""
    return name if name.isprintable() else repr(name)
