"""Bytes to clean text: pick the encoding, normalise line ends, drop what XML cannot carry."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from feedwright.errors import ArticleError

#: Articles larger than this are refused rather than parsed (a feed entry is not a book).
MAX_ARTICLE_BYTES = 5 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# XML 1.0 forbids C0 controls but tab/newline/CR, lone surrogates and U+FFFE/FFFF; the
# validator reports them as SAXError. Zero-width spaces, the word joiner, a stray BOM and
# bidi embeddings/overrides/isolates are invisible and can reorder displayed text
# ("Trojan Source"), so they go too. ZWNJ/ZWJ (U+200C/D) and LRM/RLM stay: Persian,
# Indic scripts and emoji sequences need them.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff"
    "\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069\u0080-\u009f]"
)
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Terminal colour and cursor codes (ESC [ ... letter) pasted from a console.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
# File signatures of the binary formats most often saved under a wrong name.
_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"OggS",
    b"ID3\x02",
    b"ID3\x03",
    b"ID3\x04",
    b"BZh91AY&SY",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"SQLite format 3\x00",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # old Microsoft Office
    b"wOFF",
    b"wOF2",
)
_RIFF_KINDS = (b"WAVE", b"AVI ", b"WEBP")
# Control bytes that are damage in a text file (tab, newline, form feed, CR, ESC are not).
_DAMAGE_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
# Everything clean_text changes, as UTF-8: C0 controls (CR and ESC among them) and DEL, then
# the multi-byte characters by their first bytes (tests/test_fast_paths.py checks the lists).
_CONTROL_BYTES = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
_C1_CONTROLS = re.compile(b"\xc2[\x80-\x9f]")  # C1 controls, NEL
# The two bytes after "\xe2" of ZWSP, LS, PS and bidi embeddings (U+200B, U+2028-202E), and
# of the word joiner and bidi isolates (U+2060, U+2066-2069).
_UNSAFE_AFTER_E2 = frozenset(
    [
        b"\x80\x8b",
        *(bytes([0x80, b]) for b in range(0xA8, 0xAF)),
        b"\x81\xa0",
        *(bytes([0x81, b]) for b in range(0xA6, 0xAA)),
    ]
)
_UNSAFE_EF = (b"\xef\xbb\xbf", b"\xef\xbf\xbe", b"\xef\xbf\xbf")  # BOM, U+FFFE, U+FFFF
_SAMPLE_BYTES = 4096
# Code pages tried when a file is not UTF-8, most likely first.
_CANDIDATES = (
    "cp1252",
    "latin_1",
    "cp1251",
    "cp1250",
    "cp1256",
    "cp1253",
    "cp1255",
    "cp1254",
    "cp1257",
    "cp874",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "koi8_r",
    "iso8859_15",
)
_CHAOS_TIE = 0.01
# What Windows-1252 can write, read off the codec: the characters of ordinary Western text.
_WESTERN = frozenset(bytes(range(256)).decode("cp1252", "ignore"))
_WORD_OR_CHAR = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from an article's bytes, and how it was decoded."""

    text: str
    encoding: str
    warnings: tuple[str, ...]


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n`` and remove characters a feed must not carry."""
    text = _ANSI.sub("", _LINE_ENDS.sub("\n", text))
    return _UNSAFE.sub("", text)


def is_binary(data: bytes) -> bool:
    """True for a known binary format (image, archive, PDF...) or bytes full of NULs/controls."""
    if data.startswith(_MAGIC) or (data[:4] == b"RIFF" and data[8:12] in _RIFF_KINDS):
        return True
    sample = data[:_SAMPLE_BYTES]
    if not sample:
        return False
    nuls = sample.count(0)
    controls = len(sample) - len(sample.translate(None, _DAMAGE_BYTES))
    # A stray NUL or control character is damage to a text file; many are a binary file.
    return nuls > max(4, len(sample) // 100) or controls > max(8, len(sample) // 10)


def _utf16_without_bom(data: bytes) -> str | None:
    # Notepad-era "Unicode" text saved without a BOM: ASCII letters leave every other byte
    # NUL. Only accepted when that pattern holds for nearly all of the sample.
    sample = data[: _SAMPLE_BYTES - _SAMPLE_BYTES % 2]
    if len(sample) < 8 or len(data) % 2 or 0 not in sample:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    encoding = "utf-16-le" if odd >= 0.9 * half and even == 0 else None
    if even >= 0.9 * half and odd == 0:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_article(data: bytes, *, source: str) -> Decoded:
    """Decode an article: a BOM wins, then strict UTF-8, then detection (with a warning).

    Raises:
        ArticleError: the file is too large, binary, or in no encoding we can tell.
    """
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"file is {len(data) / (1024 * 1024):.0f} MB; articles over "
            f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MB are refused",
            path=source,
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":
                decoded = _decode_utf8(data[len(bom) :], source=source)
                return Decoded(decoded.text, "utf-8-sig", decoded.warnings)
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                name = encoding.upper()
                raise ArticleError(
                    f"starts with a {name} byte-order mark but is not valid {name}", path=source
                ) from e
            return Decoded(clean_text(text).lstrip("\ufeff"), encoding, ())
    text16 = _utf16_without_bom(data)
    if text16 is not None:
        return Decoded(clean_text(text16), "utf-16", ("no byte-order mark; read as UTF-16",))
    if is_binary(data):
        raise ArticleError("binary file, not text (no article can be read from it)", path=source)
    return _decode_utf8(data, source=source)


def is_clean_utf8(data: bytes) -> bool:
    """True when ``data``, read as UTF-8, holds nothing :func:`clean_text` would change."""
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        return False
    if b"\xc2" in data and _C1_CONTROLS.search(data):
        return False
    # Curly quotes and dashes start with "\xe2" too: a search for each unsafe sequence
    # would stop at every one of them, so the bytes after each "\xe2" are looked up instead.
    if b"\xe2" in data and not _UNSAFE_AFTER_E2.isdisjoint(
        {after[:2] for after in data.split(b"\xe2")[1:]}
    ):
        return False
    return b"\xef" not in data or not any(sequence in data for sequence in _UNSAFE_EF)


def _decode_utf8(data: bytes, *, source: str) -> Decoded:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(text if is_clean_utf8(data) else clean_text(text), "utf-8", ())
    # Lone surrogates encoded as UTF-8 (CESU-8/WTF-8 from JavaScript or Java pipelines):
    # everything else is fine UTF-8; the surrogates themselves cannot go into XML.
    try:
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        pass
    else:
        count = sum(1 for c in text if "\ud800" <= c <= "\udfff")
        return Decoded(
            clean_text(text),
            "utf-8",
            (f"removed {count} lone surrogate(s) (invalid UTF-8 from a UTF-16 source)",),
        )
    repaired = _mostly_utf8(data)
    if repaired is not None:
        return repaired
    text, encoding = _detect(data, source=source)
    return Decoded(clean_text(text), encoding, (f"not valid UTF-8; decoded as {encoding}",))


def _mostly_utf8(data: bytes) -> Decoded | None:
    # A UTF-8 file with a few stray bytes (a bad copy-paste, a truncated character) is
    # still UTF-8: dropping those bytes loses less than reading it all as another encoding.
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    if bad == 0 or good < 4 * bad:
        return None
    cleaned = clean_text(text.replace("\ufffd", ""))
    return Decoded(cleaned, "utf-8", (f"dropped {bad} invalid UTF-8 byte sequence(s)",))


def _detect(data: bytes, *, source: str) -> tuple[str, str]:
    # Imported here: detection is slow to import and only runs for files that are not UTF-8.
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_isolation=list(_CANDIDATES))
    best = matches.best()
    if best is None:
        # Windows-1252 is what non-UTF-8 Western text nearly always is; fall back to it only
        # if every byte maps, so nothing is silently replaced.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as e:
            raise ArticleError("not UTF-8, and no other encoding fits", path=source) from e
    # Short Western text reads equally well as Windows-1252 and as its Central European or
    # Baltic cousins (charset-normalizer then picks by name); Windows-1252 is by far the
    # likelier. Latin-1 is reported for text that is really Windows-1252, whose smart quotes
    # live in 0x80-0x9F where Latin-1 has invisible C1 controls.
    for match in matches:
        if match.encoding in ("cp1252", "latin_1", "iso8859_15") and (
            match.chaos <= best.chaos + _CHAOS_TIE
        ):
            try:
                return data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                break
    text = str(best)
    # Code pages agree on most letters: when Windows-1252 reads the bytes as the very same
    # text, it is the one to name (a Western file was reported as cp1250 otherwise).
    if best.encoding != "cp1252" and data.decode("cp1252", "replace") == text:
        return text, "cp1252"
    if not _foreign_letters_in_latin_text(text):
        return text, best.encoding
    # The guess strews stray letters of another script over a Latin text ("£5" read as
    # Shift_JIS "｣5", "café" as cp1251 "cafй"): with nothing else to go on the detector picks
    # by its own order, so the likeliest reading is taken instead, then its next plausible one.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    for match in matches:
        if not _foreign_letters_in_latin_text(str(match)):
            return str(match), match.encoding
    return text, best.encoding


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN")


def _foreign_letters_in_latin_text(text: str) -> bool:
    """True when a mostly Latin text holds characters Windows-1252 has not, mostly stray ones.

    A stray one is a lone letter ("Ł", "ｷ"), one glued to digits ("Ł5") or to Latin letters
    of a word ("cafй"), or a symbol ("｣"). Whole words of another script ("Путин" in an
    English text) are not stray, and neither is a text written in that script (it has more
    such characters than half its ASCII letters).
    """
    foreign = [c for c in text if c not in _WESTERN and not c.isspace()]
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if not foreign or len(foreign) * 2 > latin:
        return False
    stray = whole = 0
    for token in _WORD_OR_CHAR.findall(text):
        if all(c in _WESTERN for c in token):
            continue
        letters = [c for c in token if c.isalpha()]
        mixed = any(_is_latin(c) for c in letters) and not all(_is_latin(c) for c in letters)
        # One wide (CJK) character is a word in its own right: Japanese and Chinese put no
        # spaces between words, so a particle stands alone beside a Latin name.
        lone = len(letters) == 1 and unicodedata.east_asian_width(letters[0]) != "W"
        if not letters or lone or mixed:
            stray += 1
        else:
            whole += 1
    return stray > whole
