"""Score the loader on the development corpus (``bench/devcorpus.py``), beside baselines.

Usage: python bench/score_loader.py [CORPUS_DIR] [--show FIELD] [--only NAME] [--baselines]

For each collection under CORPUS_DIR (default ``bench/corpus-dev``) and each text form
(``region``: the article region; ``page``: the whole page) it prints the share of pages where
the loader's entry is right, over the pages whose truth has that field:

- title: the entry's title equals the truth after normalisation (NFKC, casefolded,
  quotes/dashes unified, whitespace collapsed, outer punctuation stripped), or equals it
  once a site or author name glued on with `` | ``, `` - ``, `` – ``, `` · ``, ``_`` or
  ``::`` is removed (the truth
  is the page's ``<title>``, which a browser's copy of the page does not show);
- first paragraph: the entry's ``summary`` (without a trailing ``…``) and the truth's first
  paragraph agree on their first 200 normalised characters (the whole texts when shorter);
  where the truth knows only the paragraph's first words (``first_words``), the summary
  must begin with them (spaces aside);
- paragraphs: the number of body paragraphs of eight words or more (lists aside, as the
  truth counts them) is within 20% (or 2) of the truth's count;
- byline: the first author is contained in the truth byline and the authors' words cover at
  least half of the truth's words (``By``, ``and``, punctuation ignored);
- date: the calendar date of ``published`` (in its own zone) equals the truth's; where the
  truth is an instant (``date_instant``, in UTC), it is the date of that instant in some
  zone, UTC-12 to UTC+14 (a page shows its own calendar date).

Baselines on the same text (``--baselines``): the first non-blank line as the title; jusText's
first good paragraph (each line given as a ``<p>``, stoplist by the page's language, English
when unknown); a bare ``By …`` regex for the byline; htmldate's ``find_date`` on the text
(each line a ``<p>``, extensive search, original date). These need ``justext`` and
``htmldate`` (``pip install -e '.[bench]'``: bench only, not a dependency of feedwright).

The last two columns are the loader's time per page in milliseconds, median and 90th
percentile over the pages, each the least of a few runs of the page (the machine is
shared): ``cold`` with the loader's caches of lines and text emptied before each run,
as a build reads an article once (what it loads once per process, a stoplist, stays
loaded); ``warm`` parsing the page again with its lines cached, the figure this
script printed alone before (about 2.5x less on whole pages).

``--show title`` prints each miss of that field (truth, then what the loader said).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

from feedwright.errors import ArticleError
from feedwright.loader.parse import parse_article

HERE = Path(__file__).resolve().parent
_TIMING_RUNS = 5
FIELDS = ("title", "first_paragraph", "paragraphs", "byline", "date")
_ZONE_HOURS = (-12, 14)  # the zones furthest behind and ahead of UTC
_QUOTES = str.maketrans("‘’‚‛“”„‟«»–—―‐", '\'\'\'\'""""""----')
_EDGE = " \t\n.,;:!?'\"-•|…()[]"


def norm(text: str | None) -> str:
    """Text as the matching rules compare it."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split()).strip(_EDGE)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", norm(text)) if w not in ("by", "and", "und", "et")]


_GLUED = re.compile(r"\s*(?:\s[|–—·-]|_|::)\s*[^|–—·_]{1,60}$|^[^|]{2,40}\s+[|]\s+")


def title_ok(got: str | None, want: str) -> bool:
    g = norm(got)
    if not g:
        return False
    for _ in range(3):  # "Headline _Section _Site": one glued name at a time
        if g == norm(want):
            return True
        want = _GLUED.sub("", want.strip())
    return g == norm(want)


def paragraph_ok(got: str | None, want: str, *, first_words: int | None = None) -> bool:
    g, w = norm((got or "").rstrip("…")), norm(want)
    if not g:
        return False
    if first_words:  # only the first words are known: they must open the summary
        return "".join(g.split()).startswith("".join(w.split()))
    n = min(200, max(len(g), len(w)))
    return g[:n] == w[:n] or (len(g) >= 200 and w.startswith(g[:200]))


def count_ok(got: int, want: int) -> bool:
    return abs(got - want) <= max(2, want // 5)


def byline_ok(got: list[str], want: str) -> bool:
    if not got:
        return False
    truth = _words(want)
    first = _words(got[0])
    if not first or " ".join(first) not in " ".join(truth):
        return False
    mine = {w for name in got for w in _words(name)}
    return sum(1 for w in truth if w in mine) * 2 >= len(truth)


def date_ok(got: str | None, want: str, *, instant: str | None = None) -> bool:
    """The calendar date agrees; against an instant, the date it has in any zone on earth.

    A page shows its own calendar date, which the truth's instant in UTC may pass a day.
    """
    if got is None:
        return False
    if not instant:
        return got[:10] == want
    when = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    earliest, latest = (when + timedelta(hours=h) for h in _ZONE_HOURS)
    return earliest.date().isoformat() <= got[:10] <= latest.date().isoformat()


def _counted(paragraph: str) -> bool:
    """Counted as the truth counts ``<p>``: eight words or more, and not a list."""
    return len(paragraph.split()) >= 8 and not paragraph.startswith("• ")


#: Caches that hold what a build loads once per process, not per article: a language's
#: stoplist (a file read) and how each character folds. A build's first articles fill
#: them and every later one finds them full, so a cold run keeps them.
_PROCESS_WIDE = frozenset(
    {
        "feedwright.loader.plain.stoplists.stopwords",
        "feedwright.loader.language._folded",
    }
)


def _clear_loader_caches() -> None:
    """Empty every ``functools`` cache of the loader's modules that holds lines or text
    of the page (all but :data:`_PROCESS_WIDE`)."""
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("feedwright.loader") and module is not None:
            for value in vars(module).values():
                # By the function's own name: another module may import it under its own.
                own = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
                if callable(getattr(value, "cache_clear", None)) and own not in _PROCESS_WIDE:
                    value.cache_clear()


def _loader(text: bytes, name: str) -> tuple[dict[str, Any], tuple[float, float]]:
    """The fields the loader reads from ``text``, and its (cold, warm) time."""
    cold = warm = float("inf")
    for _ in range(_TIMING_RUNS):  # the least of a few runs: the machine is shared
        _clear_loader_caches()
        for kind in ("cold", "warm"):
            start = time.perf_counter()
            try:
                entry = parse_article(text, source=name + ".txt")
            except ArticleError:
                took = time.perf_counter() - start
                return {}, (took, took)
            took = time.perf_counter() - start
            if kind == "cold":
                cold = min(cold, took)
            else:
                warm = min(warm, took)
    return {
        "title": entry.title,
        "first_paragraph": entry.summary,
        "paragraphs": sum(1 for p in entry.paragraphs if _counted(p)),
        "byline": list(entry.authors),
        "date": entry.published.isoformat() if entry.published else None,
    }, (cold, warm)


_BY = re.compile(r"^\W{0,3}by\s+(\S.{1,80})$", re.I | re.M)
_LANGS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "pl": "Polish", "ja": "Japanese",
    "zh": "Chinese", "tr": "Turkish", "sv": "Swedish", "ro": "Romanian",
}  # fmt: skip


def _as_html(text: str) -> str:
    lines = (escape(line) for line in text.splitlines() if line.strip())
    return "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"


def _baselines(text: str, lang: str | None) -> dict[str, Any]:
    import justext
    from htmldate import find_date

    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    html = _as_html(text)
    stop = _LANGS.get((lang or "en")[:2].lower(), "English")
    try:
        paras = justext.justext(html.encode(), justext.get_stoplist(stop))
        first = next((p.text for p in paras if not p.is_boilerplate), None)
    except Exception:
        first = None
    by = _BY.search(text)
    try:
        date = find_date(html, extensive_search=True, original_date=True)
    except Exception:
        date = None
    return {
        "title": lines[0] if lines else None,
        "first_paragraph": first,
        "byline": [by.group(1)] if by else [],
        "date": date,
    }


def check(field: str, got: Any, want: dict[str, Any]) -> bool:
    """Whether ``got`` is right for ``field`` of the page whose truth is ``want``."""
    if field == "first_paragraph":
        return paragraph_ok(got, want[field], first_words=want.get("first_words"))
    if field == "date":
        return date_ok(got, want[field], instant=want.get("date_instant"))
    return _CHECK[field](got, want[field])


_CHECK: dict[str, Callable[[Any, Any], bool]] = {
    "title": title_ok,
    "paragraphs": count_ok,
    "byline": byline_ok,
}


def score(
    folder: Path, truth: dict[str, dict[str, Any]], args: argparse.Namespace
) -> dict[str, Any]:
    hits = {f: 0 for f in FIELDS}
    base = {f: 0 for f in FIELDS}
    total = {f: 0 for f in FIELDS}
    times: list[tuple[float, float]] = []
    for path in sorted(folder.glob("*.txt")):
        name = path.stem
        if args.only and name != args.only:
            continue
        want = truth[name]
        got, took = _loader(path.read_bytes(), name)
        times.append(took)
        ref = _baselines(path.read_text(), want.get("lang")) if args.baselines else {}
        for f in FIELDS:
            if not want.get(f):
                continue
            total[f] += 1
            ok = f in got and check(f, got[f], want)
            hits[f] += ok
            if f in ref:
                base[f] += check(f, ref[f], want)
            if not ok and args.show == f:
                print(f"--- {folder.name}/{name}\n  want: {want[f]!r}\n  got:  {got.get(f)!r}")
    return {"hits": hits, "base": base, "total": total, "times": times, "n": len(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=HERE / "corpus-dev")
    parser.add_argument("--show", choices=FIELDS)
    parser.add_argument("--only")
    parser.add_argument("--baselines", action="store_true")
    args = parser.parse_args()
    print(
        f"{'corpus':<22}{'n':>4}  " + "  ".join(f"{f[:12]:>12}" for f in FIELDS)
        + "  cold ms(med/p90)  warm ms(med/p90)"
    )  # fmt: skip
    for collection in sorted(p for p in args.corpus.iterdir() if p.is_dir()):
        truth = json.loads((collection / "truth.json").read_text())
        for form in ("region", "page"):
            folder = collection / form
            if not folder.is_dir():
                continue
            r = score(folder, truth, args)
            cells = []
            for f in FIELDS:
                t = r["total"][f]
                pct = 100 * r["hits"][f] / t if t else 0
                cell = f"{pct:.0f}%/{t}"
                if args.baselines and f != "paragraphs":
                    cell = f"{pct:.0f}({100 * r['base'][f] / t if t else 0:.0f})%/{t}"
                cells.append(f"{cell:>12}")
            cold, warm = (_med_p90([t[k] for t in r["times"]]) for k in (0, 1))
            print(f"{collection.name + '/' + form:<22}{r['n']:>4}  " + "  ".join(cells)
                  + f"  {cold:>16}  {warm:>16}")  # fmt: skip


def _med_p90(seconds: list[float]) -> str:
    ms = sorted(t * 1000 for t in seconds) or [0.0]
    p90 = ms[int(len(ms) * 0.9) - 1] if len(ms) > 1 else ms[0]
    return f"{statistics.median(ms):.2f}/{p90:.2f}"


if __name__ == "__main__":
    main()
