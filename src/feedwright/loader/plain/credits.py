"""Picture credits and captions: ``Photo: Jane Roe/Reuters``, ``(Getty Images)``, ``... via AP``.

Split from :mod:`feedwright.loader.plain.chrome`, which counts these lines as page chrome.
Besides the rules, this module says cheaply when a line *cannot* be a credit
(:func:`may_end_with_credit`), so prose lines skip the credit patterns.
"""

from __future__ import annotations

import re

from feedwright.loader.plain.ignorecase import lower_for_words

MEDIA_CREDIT = re.compile(
    r"^[(\[]?(?:photo|photograph|image|picture|pic|illustration|file photo|foto|bild|фото|"
    r"صورة|תמונה|צילום|写真|图片|圖片|사진)s?(?:\s+(?:credit|source))?\s*[:：/,|]\s*.{1,80}$|"
    r"^\((?:photo|image|picture|getty|ap|afp|reuters|epa|shutterstock)[^)]{0,80}\)$|"
    r"^(?:photo(?:graph)?|picture|illustration|video|graphic)s? by\s[^.!?]{1,80}$",
    re.IGNORECASE,
)
# Photo agencies and wires, as they sign pictures. Plain names (matched case-insensitively);
# "courtesy of ..." is the one credit that is not a fixed name.
_AGENCY_NAMES = (
    "getty images, getty, reuters, associated press, ap photo, ap, afp, epa, epa-efe, efe, "
    "shutterstock, alamy, bloomberg, anadolu agency, anadolu, nurphoto, sopa images, "
    "lightrocket, picture alliance, picture-alliance, dpa, imago, sputnik, kcna, xinhua, "
    "tass, istock, istockphoto, stringer, contributor, pool, handout, corbis, wireimage, "
    "filmmagic, zuma press, zuma wire, yonhap, kyodo, abaca, pa media, pa wire, pa images, "
    "unsplash, pexels, wikimedia commons, universal images group"
).split(", ")
_COURTESY = r"courtesy of [^/]{2,40}"
_PHOTO_AGENCIES = "|".join([*map(re.escape, _AGENCY_NAMES), _COURTESY])
_CREDIT_NAME = r"[^\W\d_][\w.'’\- ]{0,40}"
_CREDIT = (
    rf"(?:{_CREDIT_NAME}\s*/\s*)?(?:{_PHOTO_AGENCIES})(?:\s*/\s*{_CREDIT_NAME})*"
    rf"(?:\s+(?:via|for)\s+(?:{_PHOTO_AGENCIES}))?"
)
# The same credit where the line has no "/": the name parts cannot occur, and the pattern
# no longer tries (and backtracks through) a name at every start.
_CREDIT_NO_SLASH = rf"(?:{_PHOTO_AGENCIES})(?:\s+(?:via|for)\s+(?:{_PHOTO_AGENCIES}))?"
_CREDIT_OPENER = r"^\(?(?:(?:photo|image|picture)s?:?\s*)?"
_CREDIT_ONLY = re.compile(rf"{_CREDIT_OPENER}{_CREDIT}\)?\.?$", re.IGNORECASE)
CREDIT_ONLY_NO_SLASH = re.compile(rf"{_CREDIT_OPENER}{_CREDIT_NO_SLASH}\)?\.?$", re.IGNORECASE)
_CAPTION_WITH_CREDIT = re.compile(
    rf"^.{{1,300}}?[.!?”\"]\s+\(?(?:(?:photo|image|picture)s?:?\s*)?{_CREDIT}\)?\.?$",
    re.IGNORECASE,
)
# A credit without "/" ends with an agency's last word (then ")" or "."), or is a
# "courtesy of" credit starting in the last 12 + 40 + 2 characters.
_AGENCY_LAST_WORDS = sorted({name.split()[-1] for name in _AGENCY_NAMES}, key=len, reverse=True)
_AGENCY_AT_END = re.compile(
    rf"(?:{'|'.join(map(re.escape, _AGENCY_LAST_WORDS))})\)?\.?$", re.IGNORECASE
)
# The same names for plain string tests (each ends with a letter, none with ")" or ".").
_AGENCY_LAST_WORDS_LOWER = tuple(word.lower() for word in _AGENCY_LAST_WORDS)
_COURTESY_OF = re.compile("courtesy of", re.IGNORECASE)
_COURTESY_REACH = 60
_LAST_TOKEN_REACH = 48


def is_media_credit(line: str) -> bool:
    """``Photo: Jane Roe/Reuters``, ``(Getty Images)``: a picture's credit."""
    return bool(MEDIA_CREDIT.match(line.strip())) or is_credit_only(line)


def is_credit_only(line: str) -> bool:
    """``Justin Sullivan/Getty Images``, ``KCNA via REUTERS``: a credit alone on its line."""
    text = line.strip()
    pattern = _CREDIT_ONLY if "/" in text else CREDIT_ONLY_NO_SLASH
    return bool(pattern.match(text))


def is_captioned_credit(line: str) -> bool:
    """``Elvira Nabiullina, the governor. REUTERS/Maxim Shemetov``: a caption and its credit."""
    text = line.strip()
    return len(text) <= 400 and bool(_CAPTION_WITH_CREDIT.match(text))


def may_end_with_credit(text: str) -> bool:
    """False when stripped ``text`` has no "/" and cannot end with a credit (so no rule above fits).

    Callers check for "/" themselves. Without one, a credit is an agency name (its last word
    then at the very end, but for ``)`` and ``.``) or a ``courtesy of`` credit near the end.
    """
    tail = text[-_COURTESY_REACH:]  # which holds the last _LAST_TOKEN_REACH characters
    lowered = lower_for_words(tail)
    if lowered is None:
        last = text[-_LAST_TOKEN_REACH:].rsplit(None, 1)[-1] if text else ""
        return bool(_AGENCY_AT_END.search(last) or _COURTESY_OF.search(tail))
    # The same tests on the lower-cased tail, character for character.
    last = lowered[-_LAST_TOKEN_REACH:].rsplit(None, 1)[-1] if lowered else ""
    stem = last.removesuffix(".").removesuffix(")")
    return stem.endswith(_AGENCY_LAST_WORDS_LOWER) or "courtesy of" in lowered
