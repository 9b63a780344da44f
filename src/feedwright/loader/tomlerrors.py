"""A TOML parser's error as a message and the line it names: for the config file and for
``+++`` front matter alike."""

from __future__ import annotations

import re

_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")


def toml_problem(error: ValueError) -> tuple[str, int | None]:
    """A TOML parser error's message without its position, and the 1-based line it names
    (``None``: the end of the document; 1 when it names none).

    The parser gives the line in its message only (``... (at line 3, column 1)``).
    """
    message = str(error)
    at = _TOML_AT.search(message)
    if at is None:
        return message, 1
    return message[: at.start()], None if at.group(1) is None else int(at.group(1))
