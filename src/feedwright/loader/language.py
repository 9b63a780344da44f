"""The entry language, when the script or the common words of the text make it clear."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import pairwise
from typing import AnyStr

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
# Letters that only one of the languages written in Cyrillic uses, checked in this order;
# Ukrainian's "і" is shared with Belarusian and Kazakh, so those go first.
_CYRILLIC_LETTERS = (
    ("be", re.compile(r"[ўЎ]")),
    ("kk", re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]")),
    ("sr", re.compile(r"[ђћЂЋ]")),
    ("mk", re.compile(r"[ѓќѕЃЌЅ]")),
    ("uk", re.compile(r"[іїєґІЇЄҐ]")),
)
_RUSSIAN = re.compile(r"[ыэЫЭ]")
_BULGARIAN_HARD_SIGN = re.compile(r"\w[ъ]\w")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# The commonest short words of each language. A word may belong to several languages
# ("in", "de", "la"): it then counts for each, so only the words that differ decide.
_FUNCTION_WORDS = {
    "en": "the of and to in a is that for on with as was by at from it are be has have "
    "said this an will which their were not or but its he she they who would been",
    "fr": "le la les de des et en un une est que qui dans pour sur au aux pas ne ce cette "
    "sont avec il elle ont été mais plus nous vous leur du se par a",
    "de": "der die das und in ist nicht ein eine zu den von mit sich auf für im dem auch "
    "es wird werden wurde hat sind bei nach aus einen als an",
    "es": "el la los las de del y en un una es que por con para se su lo como más pero "
    "sus fue este entre sobre también han al no",
    "it": "il lo la gli le di del della che e è un una per con non sono si nel alla anche "
    "ha dei più questo essere stato in da",
    "pt": "o a os as de do da dos das que e em um uma é para com não no na por mais foi "
    "ao pelo pela também são se",
    "nl": "de het een van en in is dat op te met voor niet zijn aan er ook als bij door "
    "wordt naar worden heeft",
}
_LEXICON = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_LANGUAGES_OF = {
    word: tuple(lang for lang, lexicon in _LEXICON.items() if word in lexicon)
    for lexicon in _LEXICON.values()
    for word in lexicon
}
# The same as UTF-8, for words split from bytes; and every character of the function words:
# a letter that casefolds into none of them makes no function word, folded or not.
_LANGUAGES_OF_UTF8 = {word.encode(): langs for word, langs in _LANGUAGES_OF.items()}
_LEXICON_CHARS = frozenset("".join(_LANGUAGES_OF))
# UTF-8 lead bytes of the script ranges above (Greek to Arabic; Thai; kana to Hangul), and of
# U+0240-027F (part Latin): a text without them needs no script counting. Lone surrogates
# (encoded with "surrogatepass") lead with 0xED, so they take the long way too.
_SLOW_LEADS = bytes([0xC9, *range(0xCD, 0xDC), 0xE0, *range(0xE3, 0xEE)])
_FAST_LEADS = bytes(sorted(set(range(256)) - set(_SLOW_LEADS)))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# Lead bytes of U+00C0-U+023F, all of them in _LATIN (0xC9 leads U+0240-027F: see above).
_LATIN_LEADS = b"\xc3\xc4\xc5\xc6\xc7\xc8"
_ASCII_BYTES = bytes(range(128))
# ASCII letters to lower case, other ASCII but "'" to spaces (they end words), the rest kept.
_FOLD_ASCII = bytes(
    c + 32 if 65 <= c <= 90 else c if c >= 0x80 or c == 39 or 97 <= c <= 122 else 32
    for c in range(256)
)
#: A language is only named when its common words are this share of all words ...
_MIN_SHARE = 0.15
#: ... and this many times as frequent as the runner-up's.
_MIN_LEAD = 2.0
_MIN_WORDS = 8


def normalise_tag(tag: str) -> str | None:
    """A BCP 47-looking tag as ``xx`` or ``xx-YY``; ``None`` if it does not look like one."""
    tag = tag.strip().replace("_", "-")
    if not _TAG.match(tag):
        return None
    head, *rest = tag.split("-")
    return "-".join([head.lower(), *(r.upper() if len(r) == 2 else r for r in rest)])


def detect_language(text: str) -> str | None:
    """Guess the language where the script, or for Latin script the function words, settle it."""
    sample = text[:4000]
    data = sample.encode("utf-8", "surrogatepass")
    if not data.translate(None, _FAST_LEADS):
        return _latin_only_language(data)
    return language_by_counting(sample)


def language_by_counting(sample: str) -> str | None:
    """detect_language the long way: count each script's letters with its pattern."""
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
        return cyrillic_language(sample)
    if share(_LATIN) >= 0.7:
        return latin_language(sample)
    return None


def casefolded_words(text: str) -> tuple[list[str], int]:
    """``[w.casefold() for w in _WORD.findall(text)]`` and how many letters those words hold.

    Done on the whole text rather than word by word: every character that is not a letter
    (nor an apostrophe) becomes a space and every letter its casefolded self, on UTF-8
    bytes, one distinct character at a time; the words are then what ``split`` gives.
    """
    folded, _, letters = _folded_utf8(text.encode("utf-8", "surrogatepass"), every_letter=True)
    return folded.decode("utf-8", "surrogatepass").split(), letters


def _folded_utf8(data: bytes, *, every_letter: bool) -> tuple[bytes, int, int]:
    """UTF-8 ``data`` with each character not a letter (nor an apostrophe) a space and the
    letters casefolded; how many ASCII letters and how many letters it holds.

    Without ``every_letter`` a letter is only folded when that can make a function word
    (``É`` into ``é``, not ``Ł`` into ``ł``): the words are then not all casefolded, but
    the function words among them are the same.
    """
    folded = data.translate(_FOLD_ASCII)
    ascii_letters = letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if not folded.isascii():
        beyond_ascii = folded.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        letters += len(beyond_ascii)
        kinds = [(char, _folded(char)) for char in set(beyond_ascii)]
        # Spaces first: a casefolded letter may hold a mark ("İ" -> "i̇") that, alone in
        # the text, is no letter. Casefolding is per character and idempotent, so what
        # one letter folds into is never folded again.
        for char, into in sorted(kinds, key=_spaces_first):
            if into == " ":
                letters -= beyond_ascii.count(char)
            elif into == char or not (every_letter or _may_make_a_function_word(char, into)):
                continue
            old = char.encode("utf-8", "surrogatepass")
            folded = folded.replace(old, into.encode("utf-8", "surrogatepass"))
    if b"'" in folded:
        folded = _split_at_apostrophes(folded)
    return folded, ascii_letters, letters


def _may_make_a_function_word(char: str, into: str) -> bool:
    return char in _LEXICON_CHARS or not _LEXICON_CHARS.isdisjoint(into)


@lru_cache(maxsize=4096)
def _folded(char: str) -> str:
    """What a character beyond ASCII becomes among casefolded words: a space unless a letter."""
    return char.casefold() if _LETTER.match(char) else " "


def _spaces_first(kind: tuple[str, str]) -> bool:
    return kind[1] != " "


def _split_at_apostrophes(spaced: bytes) -> bytes:
    """Turn each apostrophe that does not join two words' letters into a space.

    ``spaced`` holds letters (UTF-8), spaces and apostrophes. As :data:`_WORD` does, an
    apostrophe joins the letters on either side unless the letters before it were already
    joined to others by an apostrophe (``rock'n'roll`` is ``rock'n`` and ``roll``). A space
    byte is a space character in UTF-8, and a letter's bytes are never one.
    """
    pieces = spaced.split(b"'")
    out = [pieces[0]]
    joined = False
    for left, right in pairwise(pieces):
        joins = (
            left[-1:] not in (b"", b" ")
            and right[:1] not in (b"", b" ")
            and not (joined and b" " not in left)
        )
        out.append(b"'" if joins else b" ")
        out.append(right)
        joined = joins
    return b"".join(out)


def _latin_only_language(data: bytes) -> str | None:
    """detect_language for a text with no character in the script ranges it counts.

    Every script share is then zero; the letters are those of the words (less their
    apostrophes), and the Latin ones are the ASCII letters and U+00C0-U+023F. The words
    are split and looked up as UTF-8 bytes (what ``str.split`` would give, encoded: only
    ASCII spaces are left to split at).
    """
    folded, ascii_letters, letters = _folded_utf8(data, every_letter=False)
    if letters == 0:
        return None
    latin = ascii_letters + len(data) - len(data.translate(None, _LATIN_LEADS))
    if latin / letters < 0.7:
        return None
    return _language_of_words(folded.split(), _LANGUAGES_OF_UTF8)


def cyrillic_language(text: str) -> str:
    """Which language a Cyrillic text is in; Russian unless letters say otherwise."""
    for code, letters in _CYRILLIC_LETTERS:
        if letters.search(text):
            return code
    if not _RUSSIAN.search(text) and len(_BULGARIAN_HARD_SIGN.findall(text)) >= 2:
        return "bg"  # Bulgarian writes "ъ" inside words and never "ы" or "э"
    return "ru"


def latin_language(text: str) -> str | None:
    """English, French, German, Spanish, Italian, Portuguese or Dutch by common words.

    A word shared by several languages counts a fraction for each, so "de" barely moves
    Spanish against French while "los" or "les" decides it.
    """
    return _language_of_words(casefolded_words(text)[0], _LANGUAGES_OF)


def _language_of_words(
    words: list[AnyStr], languages_of: Mapping[AnyStr, tuple[str, ...]]
) -> str | None:
    if len(words) < _MIN_WORDS:
        return None
    known = list(filter(languages_of.__contains__, words))  # in order: the sums below
    if len(known) < _MIN_SHARE * len(words):
        return None
    scores = dict.fromkeys(_LEXICON, 0.0)
    for word in known:
        for lang in languages_of[word]:
            scores[lang] += 1 / len(languages_of[word])
    (best, lang), (second, _) = sorted(((v, k) for k, v in scores.items()), reverse=True)[:2]
    return lang if best >= _MIN_LEAD * max(second, 0.5) else None
