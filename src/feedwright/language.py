"""The entry language, when the script of the text makes it unambiguous."""

from __future__ import annotations

import re

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
# Script ranges; a script only names a language where few languages write with it.
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana: only Japanese
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("he", re.compile(r"[\u05d0-\u05ea]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PERSIAN = re.compile(r"[پچژگک\u06cc]")
_URDU = re.compile(r"[ٹڈڑںے]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN = re.compile(r"[ыэЫЭ]")
_LETTER = re.compile(r"[^\W\d_]")


def normalise_tag(tag: str) -> str | None:
    """A BCP 47-looking tag as ``xx`` or ``xx-YY``; ``None`` if it does not look like one."""
    tag = tag.strip().replace("_", "-")
    if not _TAG.match(tag):
        return None
    head, *rest = tag.split("-")
    return "-".join([head.lower(), *(r.upper() if len(r) == 2 else r for r in rest)])


def detect_language(text: str) -> str | None:
    """Guess the language from the script, only where the script settles it; else ``None``."""
    sample = text[:4000]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return None

    def share(pattern: re.Pattern[str]) -> float:
        return len(pattern.findall(sample)) / letters

    for code, pattern in _SCRIPTS:
        if share(pattern) >= (0.05 if code == "ja" else 0.3):
            return code
    if share(_ARABIC) >= 0.3:
        if _URDU.search(sample):
            return "ur"
        return "fa" if _PERSIAN.search(sample) else "ar"
    if share(_CYRILLIC) >= 0.3:
        if _UKRAINIAN.search(sample):
            return "uk"
        if _RUSSIAN.search(sample):
            return "ru"
    return None
