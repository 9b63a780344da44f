"""Bytes to clean text: pick the encoding, normalise line ends, drop what XML cannot carry."""

from __future__ import annotations

import codecs
import re
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


@dataclass(frozen=True)
class Decoded:
    """Text decoded from an article's bytes, and how it was decoded."""

    text: str
    encoding: str
    warnings: tuple[str, ...]


def clean_text(text: str) -> str:
    """Normalise line ends to ``\\n`` and remove characters a feed must not carry."""
    return _UNSAFE.sub("", _LINE_ENDS.sub("\n", text))


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 50)


def decode_article(data: bytes, *, source: str) -> Decoded:
    """Decode an article: a BOM wins, then strict UTF-8, then detection (with a warning).

    Raises:
        ArticleError: the file is empty, too large, binary, or in no encoding we can tell.
    """
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"file is {len(data) // (1024 * 1024)} MB; articles over "
            f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MB are refused",
            path=source,
        )
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                raise ArticleError(
                    f"starts with a {encoding.upper()} byte-order mark but is not {encoding}",
                    path=source,
                ) from e
            return Decoded(clean_text(text).lstrip("\ufeff"), encoding, ())
    if _looks_binary(data):
        raise ArticleError("binary file, not text (no article can be read from it)", path=source)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(data, source=source)
        warnings.append(f"not valid UTF-8; decoded as {encoding}")
    return Decoded(clean_text(text), encoding, tuple(warnings))


def _detect(data: bytes, *, source: str) -> tuple[str, str]:
    # Imported here: detection is slow to import and only runs for files that are not UTF-8.
    from charset_normalizer import from_bytes

    best = from_bytes(
        data,
        cp_isolation=[
            "cp1252",
            "latin_1",
            "cp1251",
            "cp1250",
            "cp1256",
            "cp1253",
            "cp1255",
            "cp874",
            "shift_jis",
            "euc_jp",
            "gb18030",
            "big5",
            "euc_kr",
            "koi8_r",
            "iso8859_15",
        ],
    ).best()
    if best is None:
        # Windows-1252 is what non-UTF-8 Western text nearly always is; fall back to it only
        # if every byte maps, so nothing is silently replaced.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as e:
            raise ArticleError("not UTF-8 and no other encoding fits", path=source) from e
    encoding = best.encoding
    # charset-normalizer reports Latin-1 for text that is really Windows-1252 (smart quotes
    # live in 0x80-0x9F, which Latin-1 maps to invisible C1 controls).
    if encoding in ("latin_1", "iso8859_15"):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), encoding
