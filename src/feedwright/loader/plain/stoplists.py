"""Stopwords by language, from jusText's stoplists (about 100 languages, one word a line).

Only the word lists are used: the files are read from the installed ``justext`` package
without importing it (importing it loads an HTML cleaner the loader has no use for), once
per language per process.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

#: The languages :func:`~feedwright.loader.language.detect_language` names, by jusText's name.
_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian",
    "kk": "Kazakh", "sr": "Serbian", "mk": "Macedonian", "bg": "Bulgarian", "el": "Greek",
    "he": "Hebrew", "ar": "Arabic", "fa": "Persian", "ur": "Urdu", "ko": "Korean",
    "pl": "Polish", "cs": "Czech", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal",
    "nb": "Norwegian_Bokmal", "fi": "Finnish", "tr": "Turkish", "ro": "Romanian",
    "hu": "Hungarian", "ca": "Catalan", "id": "Indonesian", "vi": "Vietnamese",
}  # fmt: skip


def _folder() -> Path | None:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


@lru_cache(maxsize=16)
def stopwords(language: str | None) -> frozenset[str]:
    """The casefolded stopwords of ``language`` (a tag such as ``en`` or ``pt-BR``).

    English when the language is unknown; empty when jusText has no list for it.
    """
    name = _NAMES.get((language or "en").split("-")[0].lower())
    folder = _folder()
    if name is None or folder is None:
        return frozenset()
    try:
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(word.strip().casefold() for word in text.splitlines() if word.strip())
