"""Regenerate the loader's development corpus: page text as a browser's copy gives it, with truth.

Two collections: mozilla/readability's test pages (here) and postlight/parser's fixture
pages (:mod:`devcorpus_postlight`); each snapshot given is recognised by its layout::

    python bench/devcorpus.py SNAPSHOT [SNAPSHOT...] [--out bench/corpus-dev]

Source of the first: mozilla/readability's test pages (``test/test-pages/NAME/source.html``,
the extracted ``expected.html`` and ``expected-metadata.json``). Get a snapshot with the
session's ``fetch`` tool (``github:mozilla/readability``, a bare git directory) or ``git
clone`` the repository, then::

    python bench/devcorpus.py SNAPSHOT [--out bench/corpus-dev]

``SNAPSHOT`` is a checkout or a bare git directory (read with ``git archive``). The output is
the publishers' text: it goes to a git-ignored folder (``bench/corpus*/``) and is never
committed. Written per page NAME::

    OUT/readability/region/NAME.txt   the article region (see below), as text
    OUT/readability/page/NAME.txt     the whole page's <body>, as text
    OUT/readability/truth.json        {NAME: {title, first_paragraph, paragraphs, byline,
                                              date, lang}}

Pages containing "Lorem ipsum" are left out: they are readability's unit cases, with the title
only in ``<title>``, not published pages. The article region is the page's ``<article>``
element holding the first expected paragraph; failing that, the smallest element holding both
the headline (an ``h1``/``h2`` whose text is the expected title) and that paragraph; pages
with neither have no region text.

Rendering (an lxml approximation of a browser's copied text, ``innerText``):

- ``script style noscript template svg iframe head``, ``[hidden]`` and inline
  ``display:none`` elements are dropped;
- inline text is collapsed to single spaces; ``<br>`` is a line break;
- a block element (``div p h1..h6 li ul ol table tr section article header footer aside nav
  figure figcaption blockquote pre form dl dt dd main address hr``) starts and ends a line;
  ``p`` and ``h1``..``h6`` stand between blank lines;
- a list item is a line ``• item``; table cells in a row are joined by a tab;
- runs of more than one blank line are one blank line.

Truth (from readability's own expectations): ``title`` and ``byline`` from the metadata,
``date`` the first ten characters of ``publishedTime`` (None when absent), ``first_paragraph``
the text of the first ``<p>`` of ``expected.html`` that has at least eight words and is not in
a ``<figure>``, ``paragraphs`` the number of such ``<p>``.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import tarfile
from pathlib import Path

import lxml.html
from lxml import etree

HERE = Path(__file__).resolve().parent
PAGES = "test/test-pages"

_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "head", "object", "button"}
_BLOCK = set(
    "div p h1 h2 h3 h4 h5 h6 li ul ol table tbody thead tfoot tr section article header footer "
    "aside nav figure figcaption blockquote pre form dl dt dd main address hr center".split()
)
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MIN_WORDS = 8  # shorter <p> in expected.html are captions, counters, labels
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


def _tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _hidden(el: etree._Element) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))


class _Text:
    """Text pieces and line-break requests, joined the way innerText joins them."""

    def __init__(self) -> None:
        self.parts: list[str | int] = []

    def text(self, s: str | None) -> None:
        if s:
            s = _SPACE.sub(" ", s)
            if s:
                self.parts.append(s)

    def brk(self, n: int) -> None:
        self.parts.append(n)

    def render(self) -> str:
        out: list[str] = []
        pending = 0
        for part in self.parts:
            if isinstance(part, int):
                if part == -1:  # <br>: a forced line break
                    out.append("\n")
                    pending = 0
                else:
                    pending = max(pending, part)
                continue
            if pending and out:
                out.append("\n" * pending)
            pending = 0
            out.append(part)
        lines = [ln.strip(" ") for ln in "".join(out).split("\n")]
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _walk(el: etree._Element, out: _Text) -> None:
    tag = _tag(el)
    if tag in _DROP or _hidden(el) or not tag:
        out.text(el.tail)
        return
    if tag == "br":
        out.brk(-1)
        out.text(el.tail)
        return
    block = tag in _BLOCK
    gap = 2 if tag in _PARAGRAPH else 1
    if block:
        out.brk(gap)
    if tag == "li":
        out.text("• ")
    if tag in ("td", "th"):
        out.text("\t")
    out.text(el.text)
    for child in el:
        _walk(child, out)
    if block:
        out.brk(gap)
    out.text(el.tail)


def render(el: etree._Element) -> str:
    """An element's text as a browser's copy gives it (the rules in the module docstring)."""
    out = _Text()
    tail, el.tail = el.tail, None
    _walk(el, out)
    el.tail = tail
    text = out.render()
    text = re.sub(r"^• \s*", "• ", text, flags=re.M)
    return re.sub(r"^\t+", "", text, flags=re.M)


def _norm(s: str) -> str:
    return _SPACE.sub(" ", s).strip().casefold()


def _truth_paragraphs(expected: etree._Element) -> list[str]:
    out = []
    for p in expected.iter("p"):
        if any(_tag(a) in ("figure", "figcaption") for a in p.iterancestors()):
            continue
        text = _SPACE.sub(" ", p.text_content()).strip()
        if len(text.split()) >= _MIN_WORDS:
            out.append(text)
    return out


def region_of(
    doc: etree._Element, title: str, first: str | None, *, with_headline: bool = False
) -> etree._Element | None:
    """The article region: the ``<article>`` holding the first paragraph, else the smallest
    element holding the headline and it; ``None`` for neither.

    ``with_headline``: an ``<article>`` without the headline (an ``h1``/``h2`` of the title)
    is widened to the smallest element holding both, unless that is the whole page.
    """
    if first is None:
        return None
    key = _norm(first)[:60]
    want = _norm(title)
    heads = [
        h
        for h in doc.iter("h1", "h2")
        if want and (_norm(h.text_content()) == want or want in _norm(h.text_content()))
    ]
    for art in doc.iter("article"):
        if key in _norm(art.text_content()):
            if not with_headline or not heads:
                return art
            widened = _holding(heads[0], art)
            return art if widened is None else widened
    paras = [p for p in doc.iter("p") if _norm(p.text_content()).startswith(key)]
    if not heads or not paras:
        return None
    return _holding(heads[0], paras[0])


def _holding(a: etree._Element, b: etree._Element) -> etree._Element | None:
    """The smallest element holding both ``a`` and ``b``, unless it is the whole page."""
    # The elements are kept in the dict: lxml makes a new proxy per access, and the id of a
    # proxy already freed is reused.
    ancestors = {id(x): x for x in [a, *a.iterancestors()]}
    for x in [b, *b.iterancestors()]:
        if id(x) in ancestors:
            return x if _tag(x) not in ("html", "body") else None
    return None


def git_files(snapshot: Path, folders: list[str]) -> dict[str, bytes]:
    """``{path: bytes}`` of every file under ``folders`` of a checkout or bare git directory."""
    found: dict[str, bytes] = {}
    if (snapshot / folders[0]).is_dir():
        for folder in folders:
            for path in sorted((snapshot / folder).rglob("*")):
                if path.is_file():
                    found[path.relative_to(snapshot).as_posix()] = path.read_bytes()
        return found
    data = subprocess.run(
        ["git", "--git-dir", str(snapshot), "archive", "HEAD", *folders],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar.getmembers():
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is not None:
                found[member.name] = handle.read()
    return found


def _files(snapshot: Path) -> dict[str, dict[str, bytes]]:
    pages: dict[str, dict[str, bytes]] = {}
    for path, data in git_files(snapshot, [PAGES]).items():
        parts = path.split("/")
        if len(parts) == 4:
            pages.setdefault(parts[2], {})[parts[3]] = data
    return pages


def parse_html(data: bytes) -> etree._Element:
    """A page as lxml reads it: UTF-8 when the bytes are, else as the page declares.

    readability's test pages are UTF-8 whatever they declare (lxml would guess Latin-1).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return lxml.html.document_fromstring(data)
    return lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text))


def build(snapshot: Path, out: Path) -> int:
    base = out / "readability"
    for sub in ("region", "page"):
        (base / sub).mkdir(parents=True, exist_ok=True)
    truth: dict[str, dict[str, object]] = {}
    for name, files in sorted(_files(snapshot).items()):
        if "source.html" not in files or "expected-metadata.json" not in files:
            continue
        if b"Lorem ipsum" in files["source.html"] or b"lorem ipsum" in files["source.html"]:
            continue  # readability's unit cases, not pages anyone published
        meta = json.loads(files["expected-metadata.json"])
        title = (meta.get("title") or "").strip()
        expected = parse_html(files.get("expected.html", b"<div></div>"))
        paras = _truth_paragraphs(expected)
        first = paras[0] if paras else None
        doc = parse_html(files["source.html"])
        body = doc.find("body")
        (base / "page" / f"{name}.txt").write_text(render(body if body is not None else doc))
        region = region_of(doc, title, first)
        if region is not None:
            (base / "region" / f"{name}.txt").write_text(render(region))
        published = meta.get("publishedTime")
        truth[name] = {
            "title": title,
            "first_paragraph": first,
            "paragraphs": len(paras),
            "byline": (meta.get("byline") or "").strip() or None,
            "date": published[:10] if isinstance(published, str) and published[:4] else None,
            "lang": meta.get("lang"),
        }
    (base / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False))
    return len(truth)


def has_path(snapshot: Path, path: str) -> bool:
    """True when a checkout or bare git directory holds ``path`` (a file or a folder)."""
    if (snapshot / path).exists():
        return True
    listed = subprocess.run(
        ["git", "--git-dir", str(snapshot), "ls-tree", "HEAD", path],
        capture_output=True,
        text=True,
    )
    return listed.returncode == 0 and bool(listed.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "snapshot", type=Path, nargs="+", help="checkouts or bare git dirs of the collections"
    )
    parser.add_argument("--out", type=Path, default=HERE / "corpus-dev")
    args = parser.parse_args()
    for snapshot in args.snapshot:
        if has_path(snapshot, PAGES):
            name, count = "readability", build(snapshot, args.out)
        elif has_path(snapshot, "src/extractors/custom"):
            import devcorpus_postlight

            name, count = "postlight", devcorpus_postlight.build(snapshot, args.out)
        else:
            raise SystemExit(f"{snapshot}: neither readability's test pages nor postlight's")
        print(f"{count} pages written under {args.out / name}")


if __name__ == "__main__":
    main()
