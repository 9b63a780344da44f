"""Author metadata: one line into people, each a name and perhaps an e-mail address."""

from __future__ import annotations

import re

_SEMICOLON = re.compile(r"\s*;\s*")
_SEPARATORS = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
_AND = re.compile(r"\s+and\s+|\s*&\s*")
#: "Priya Nair <priya@example.com>"
_NAME_ADDRESS = re.compile(r"^(.*?)\s*<\s*([^<>\s@]+@[^<>\s@]+)\s*>$")
#: "priya@example.com (Priya Nair)", as RSS writes an author
_ADDRESS_NAME = re.compile(r"^([^()\s@]+@[^()\s@]+)\s*\((.*)\)$")
_ADDRESS = re.compile(r"^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$")


def split_authors(text: str) -> list[str]:
    """The people named in one ``Author`` line, each as written.

    ``;`` separates authors, and then only it does (``Procter & Gamble Newsroom; Smith,
    John`` is two). Otherwise commas, ``and`` and ``&`` do, except that ``Smith, John``
    (one comma, a single word on one side of it) is one person.
    """
    if ";" in text:
        parts = _SEMICOLON.split(text)
    elif _last_first(text):
        parts = [text]
    else:
        parts = _SEPARATORS.split(text)
    return [p for p in (part.strip() for part in parts) if p]


def _last_first(text: str) -> bool:
    if text.count(",") != 1 or _AND.search(text):
        return False
    last, first = (_name_part(side) for side in text.split(","))
    return bool(last and first) and (len(last.split()) == 1 or len(first.split()) == 1)


def _name_part(text: str) -> str:
    match = _NAME_ADDRESS.match(text.strip())
    return (match.group(1) if match else text).strip()


def split_person(text: str) -> tuple[str, str | None]:
    """A name and an e-mail address (or ``None``) from ``Name <address>``,
    ``address (Name)`` or a bare ``address`` (named by its local part)."""
    text = text.strip()
    match = _NAME_ADDRESS.match(text)
    if match:
        return match.group(1).strip().strip('"') or match.group(2).split("@")[0], match.group(2)
    match = _ADDRESS_NAME.match(text)
    if match:
        return match.group(2).strip() or match.group(1).split("@")[0], match.group(1)
    if _ADDRESS.match(text):
        return text.split("@")[0], text
    return text, None
