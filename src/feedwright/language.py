"""The entry language, when the script or the common words of the text make it clear."""

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
# Short function words, each distinctive for its language (words shared by two of these
# languages, such as "de" or "la", are left out so they cannot tip the balance).
_FUNCTION_WORDS = {
    "en": "the and of to is that was for with are have has this from they will would "
    "been which their were said not it its by at an be or who but",
    "fr": "le les des et est une dans pour qui sur au aux pas ne ce cette sont avec il "
    "elle ont été mais plus nous vous leur du",
    "de": "der die das und ist nicht ein eine zu den von mit sich auf für im dem auch "
    "es wird werden wurde hat sind bei nach aus einen",
    "es": "el los las y del que una es por con para su lo como más pero sus fue este "
    "entre sobre también han",
    "it": "il gli di che è della delle per con non sono nel alla anche ha dei più "
    "questo essere stato",
    "pt": "os do da dos das que uma é para com não no na por mais foi ao pelo pela também são",
    "nl": "het een van en dat op te met voor niet zijn aan er ook als bij door wordt "
    "naar worden heeft",
}
_LEXICON = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
#: A language is only named when its function words are this share of all words ...
_MIN_SHARE = 0.12
#: ... and at least this many times as frequent as the runner-up's.
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


def cyrillic_language(text: str) -> str:
    """Which language a Cyrillic text is in; Russian unless letters say otherwise."""
    for code, letters in _CYRILLIC_LETTERS:
        if letters.search(text):
            return code
    if not _RUSSIAN.search(text) and len(_BULGARIAN_HARD_SIGN.findall(text)) >= 2:
        return "bg"  # Bulgarian writes "ъ" inside words and never "ы" or "э"
    return "ru"


def latin_language(text: str) -> str | None:
    """English, French, German, Spanish, Italian, Portuguese or Dutch by function words."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < _MIN_WORDS:
        return None
    counts = sorted(
        ((sum(1 for w in words if w in lexicon), lang) for lang, lexicon in _LEXICON.items()),
        reverse=True,
    )
    (best, lang), (second, _) = counts[0], counts[1]
    if best >= _MIN_SHARE * len(words) and best >= _MIN_LEAD * max(second, 1):
        return lang
    return None
