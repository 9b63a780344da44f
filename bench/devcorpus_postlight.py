"""The second development collection: postlight/parser's fixture pages, with its tests' truth.

postlight/parser (formerly Mercury) keeps one saved page per site under ``fixtures/`` and a
test per site (``src/extractors/custom/SITE/index.test.js``) that asserts what its
extractor reads from the page: ``title``, ``author``, ``date_published`` (an instant in
UTC), ``dek`` and ``first13`` (the first thirteen words of the article's content). Those
asserted values are the truth here; :mod:`devcorpus` renders the pages and calls
:func:`build` for a snapshot with that layout::

    python bench/devcorpus.py SNAPSHOT_OF_POSTLIGHT_PARSER [--out bench/corpus-dev]

Written under ``OUT/postlight/``: ``page/NAME.txt`` (the whole ``<body>``),
``region/NAME.txt`` (the ``<article>`` holding the first paragraph, widened to the headline
when it is outside, else the smallest element holding the headline and the paragraph) and
``truth.json`` with, per page, ``title``, ``byline``, ``date`` (the UTC calendar date of
``date_published``), ``date_instant`` (the instant itself: the page shows its own calendar
date, a day off for an evening in America), ``first_paragraph`` (see
:func:`first_paragraph`; the first thirteen words where no paragraph holds them, and then
``first_words`` is 13: the scorer compares only as many words), ``dek``, ``paragraphs``
(None: not known) and ``lang``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from devcorpus import git_files, parse_html, region_of, render

_TEST = re.compile(r"^src/extractors/custom/[^/]+/index\.test\.js$")
_FIXTURE = re.compile(r"readFileSync\(\s*['\"]\./(fixtures/[^'\"]+)['\"]")
_FIELDS = ("title", "author", "date_published", "dek", "first13")
_ASSERT = re.compile(
    r"assert\.(?:equal|strictEqual)\(\s*(" + "|".join(_FIELDS) + r")\s*,\s*"
    r"(null|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`(?:[^`\\]|\\.)*`)\s*,?\s*\)",
    re.S,
)
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "", "\n": ""}
FIRST_WORDS = 13
MIN_WORDS = 8
MIN_CJK = 20
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "ux" and len(code) > 1:
        return chr(int(code[1:].strip("{}"), 16))
    return _SIMPLE.get(code, code)


def js_string(literal: str) -> str | None:
    """The value of a JavaScript string literal (``'…'``, ``"…"``, `` `…` ``) or ``null``."""
    if literal == "null":
        return None
    return _ESCAPE.sub(_unescape, literal[1:-1])


def test_truth(source: str) -> dict[str, dict[str, str | None]]:
    """``{fixture path: {field: asserted value}}`` from one extractor's test file.

    Each ``readFileSync`` of a fixture opens a case; the asserts up to the next one are
    that fixture's (the first value asserted for a field wins).
    """
    found: dict[str, dict[str, str | None]] = {}
    cuts = list(_FIXTURE.finditer(source))
    for k, cut in enumerate(cuts):
        end = cuts[k + 1].start() if k + 1 < len(cuts) else len(source)
        fields = found.setdefault(cut.group(1), {})
        for match in _ASSERT.finditer(source, cut.end(), end):
            fields.setdefault(match.group(1), js_string(match.group(2)))
    return found


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _is_paragraph(text: str) -> bool:
    """Eight words or more (as readability's truth counts ``<p>``), or 20 CJK characters."""
    return len(text.split()) >= MIN_WORDS or len(_CJK.findall(text)) >= MIN_CJK


def _offsets(container: Any) -> tuple[dict[Any, int], dict[Any, int], str]:
    """Where each element's text starts and ends in the container's compacted text."""
    starts: dict[Any, int] = {}
    ends: dict[Any, int] = {}
    pieces: list[str] = []
    size = 0

    def add(text: str | None) -> None:
        nonlocal size
        if text:
            piece = _compact(text)
            pieces.append(piece)
            size += len(piece)

    def walk(el: Any) -> None:
        starts[el] = size
        if isinstance(el.tag, str):
            add(el.text)
            for child in el:
                walk(child)
                add(child.tail)
        ends[el] = size

    walk(container)
    return starts, ends, "".join(pieces)


def first_paragraph(doc: Any, first_words: str | None) -> str | None:
    """The first paragraph of the content that begins with ``first_words``.

    The content's first words may run through a picture's caption or credit into the first
    paragraph: the truth is the first ``<p>`` of eight words or more, outside ``<figure>``,
    whose text ends after those words begin, in the smallest element holding them all.
    """
    if not first_words:
        return None
    want = _compact(first_words)
    container = doc.find("body")
    if container is None or want not in _compact(container.text_content()):
        return None
    while True:
        inner = next(
            (c for c in container if isinstance(c.tag, str) and want in _compact(c.text_content())),
            None,
        )
        if inner is None:
            break
        container = inner
    _, ends, text = _offsets(container)
    begin = text.find(want)
    holders = [h for h in [container, *container.iterancestors()] if h.tag == "p"]
    later = [p for p in container.iter("p") if ends[p] > begin]  # ends after they begin
    for p in [*holders, *later]:
        if any(a.tag in ("figure", "figcaption") for a in p.iterancestors()):
            continue
        words = " ".join(p.text_content().split())
        if _is_paragraph(words):
            return words
    return None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _lang(doc: Any) -> str | None:
    root = doc.getroottree().getroot()
    lang = root.get("lang") or root.get("xml:lang")
    return lang.strip() if lang and lang.strip() else None


def build(snapshot: Path, out: Path) -> int:
    """Render every fixture a test asserts a title for; write its truth. Returns the count."""
    files = git_files(snapshot, ["src/extractors/custom", "fixtures"])
    truths: dict[str, dict[str, str | None]] = {}
    for path, data in sorted(files.items()):
        if _TEST.match(path):
            for fixture, fields in test_truth(data.decode("utf-8")).items():
                merged = truths.setdefault(fixture, {})
                for key, value in fields.items():
                    merged.setdefault(key, value)
    base = out / "postlight"
    for sub in ("region", "page"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    truth: dict[str, dict[str, Any]] = {}
    for fixture, fields in sorted(truths.items()):
        title = _clean(fields.get("title"))
        if fixture not in files or not title:
            continue  # a test of one detail (a video, a lazy image), not of the article
        name = Path(fixture).stem
        doc = parse_html(files[fixture])
        body = doc.find("body")
        (base / "page" / f"{name}.txt").write_text(render(body if body is not None else doc))
        first13 = _clean(fields.get("first13"))
        first = first_paragraph(doc, first13)
        region = region_of(doc, title, first or first13, with_headline=True)
        if region is not None:
            (base / "region" / f"{name}.txt").write_text(render(region))
        instant = fields.get("date_published")
        truth[name] = {
            "title": title,
            "first_paragraph": first or first13,
            # Only the first words are known when no paragraph holds them.
            "first_words": None if first else FIRST_WORDS,
            "paragraphs": None,
            "byline": _clean(fields.get("author")),
            "date": instant[:10] if instant else None,
            "date_instant": instant,
            "dek": _clean(fields.get("dek")),
            "lang": _lang(doc),
        }
    (base / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False))
    return len(truth)
