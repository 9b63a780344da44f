"""Plain string tests that stand in exactly for ``re.IGNORECASE`` against ASCII words.

Python's ``re`` matches an ASCII letter, ignoring case, with that letter in either case
and with four characters beyond ASCII: ``İ`` and ``ı`` (with ``i``), the Kelvin sign
(with ``k``) and the long s (with ``s``). ``str.lower`` maps every other character to
exactly one character, and no other character to an ASCII one. So in a text without those
four, a pattern made of ASCII (lower-case letters, punctuation, spaces) matches ignoring
case exactly where the same characters appear in ``text.lower()``.
"""

from __future__ import annotations


def lower_for_ascii_words(text: str) -> str | None:
    """``text.lower()``, or ``None`` where it would not match ASCII words as ``re.I`` does."""
    if not text.isascii() and (
        "\u0130" in text or "\u0131" in text or "\u212a" in text or "\u017f" in text
    ):
        return None
    return text.lower()
