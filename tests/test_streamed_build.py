"""Builds big enough to run on every core, whose documents are streamed through the spill.

A first build and an incremental one of a few hundred articles (archive pages, tag feeds,
entry pages, articles sharing a date) give the very bytes they gave before documents were
streamed: each file's SHA-256 is in ``tests/golden/many.sha256``, made by the build as it
was. Regenerate it (and read why every line changed) with
``python tests/test_streamed_build.py``.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
import sys
from pathlib import Path

import pytest

import feedwright.articles
import feedwright.loader.parse
import feedwright.output.archives
from feedwright.articles import PARALLEL_MIN
from feedwright.clock import Clock
from feedwright.config import load_config
from feedwright.pipeline import run_build
from feedwright.workers import map_on_cores
from sites import make_site

MANIFEST = Path(__file__).resolve().parent / "golden" / "many.sha256"
COUNT = 300
#: 2024-12-01T00:00:00Z and a day later: every article is older.
EPOCHS = (1733011200, 1733097600)
CONFIG = """[feed]
title = "Many"
site_url = "https://many.example.org/"
author = "Desk"
timezone = "Europe/Paris"
max_entries = 20
archive_page_size = 7
settle_seconds = 0
"""


def article(n: int, *, edited: bool = False) -> str:
    """Three articles a day, some the same minute; tags, a few links of their own and a
    few lead images."""
    day, minute = 1 + n // 3 % 28, (n % 3) * 7 % 10
    month = 1 + n // 84
    lines = [f"Date: 2024-{month:02d}-{day:02d}T09:{minute:02d}:00"]
    lines.append(f"Tags: {('world', 'city', 'sport')[n % 3]}, {'analysis' if n % 5 else 'brief'}")
    if n % 7 == 0:
        lines.append(f"Link: https://many.example.org/stories/{n}")
    if n % 11 == 0:  # Media RSS: declared on the channels whose items use it
        lines.append(f"Image: https://many.example.org/pictures/{n}.jpg")
    lines += ["", f"Story {n}: the council and the harbour, week {n // 7}", ""]
    lines += [f"Paragraph {k} of story {n}, filed from the harbour desk." for k in range(3)]
    if edited:
        lines += ["", f"Correction to story {n}: the figures were from March."]
    return "\n".join(lines) + "\n"


def build(root: Path, epoch: int) -> dict[str, str]:
    """Build the site at ``root``; every output's SHA-256 by its path under ``root``."""
    report = run_build(load_config(root / "feedwright.toml", root=root), clock=Clock(epoch))
    assert not report.problems, report.problems
    files = [p for p in sorted((root / "feeds").rglob("*")) if p.is_file()]
    files.append(root / "feedwright-ledger.json")
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files
    }


def builds(root: Path) -> list[dict[str, str]]:
    """A first build, then one after two edits, a deletion and a new article."""
    (root / "articles").mkdir(parents=True)
    (root / "feedwright.toml").write_text(CONFIG, encoding="utf-8")
    for n in range(1, COUNT + 1):
        (root / "articles" / f"story-{n:03d}.txt").write_text(article(n), encoding="utf-8")
    first = build(root, EPOCHS[0])
    for n in (3, 150):
        (root / "articles" / f"story-{n:03d}.txt").write_text(
            article(n, edited=True), encoding="utf-8"
        )
    (root / "articles" / "story-200.txt").unlink()
    (root / "articles" / f"story-{COUNT + 1:03d}.txt").write_text(
        article(COUNT + 1), encoding="utf-8"
    )
    return [first, build(root, EPOCHS[1])]


def manifest(runs: list[dict[str, str]]) -> str:
    return "".join(
        f"{digest}  {k + 1} {name}\n" for k, run in enumerate(runs) for name, digest in run.items()
    )


def test_builds_of_hundreds_of_articles_give_the_bytes_they_gave_before(tmp_path: Path) -> None:
    assert COUNT >= PARALLEL_MIN  # read, built and checked on every core
    runs = builds(tmp_path / "site")
    assert len(runs[0]) > COUNT  # archive pages, tag feeds, entry pages
    assert manifest(runs) == MANIFEST.read_text(encoding="utf-8")


def test_an_article_that_breaks_a_worker_keeps_out_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = feedwright.loader.parse.parse_article

    def fragile(data: bytes, *, source: str, options: object) -> object:
        if source == "story-100.txt":
            raise RuntimeError("the parser tripped")
        return real(data, source=source, options=options)  # type: ignore[arg-type]

    # Forked workers inherit the patched parser.
    monkeypatch.setattr(feedwright.loader.parse, "parse_article", fragile)
    root = tmp_path / "site"
    (root / "articles").mkdir(parents=True)
    (root / "feedwright.toml").write_text(CONFIG, encoding="utf-8")
    for n in range(1, COUNT + 1):
        (root / "articles" / f"story-{n:03d}.txt").write_text(article(n), encoding="utf-8")
    report = run_build(load_config(root / "feedwright.toml", root=root), clock=Clock(EPOCHS[0]))
    assert [str(p) for p in report.problems] == [
        f"{root / 'articles' / 'story-100.txt'}: cannot be read: unexpected RuntimeError: "
        "the parser tripped"
    ]
    assert report.entries == COUNT - 1
    atom = (root / "feeds" / "atom.xml").read_text(encoding="utf-8")
    assert "Story 300:" in atom and not list(root.rglob(".*.tmp"))
    pages = (root / "feeds" / "archive").glob("atom-*.xml")
    text = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "Story 99:" in text and "Story 101:" in text and "Story 100:" not in text


def test_no_article_text_crosses_from_the_workers_and_the_spill_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The texts, fragments and entry pages (tens of KiB an article) stay in the spill:
    # what a worker sends back is where they are, so no process holds them all.
    sizes: list[int] = []

    def recording(func: object, items: list[object], **options: object) -> list[object]:
        results = map_on_cores(func, items, **options)  # type: ignore[arg-type]
        sizes.extend(len(pickle.dumps(r)) for r in results)
        return results

    monkeypatch.setattr(feedwright.articles, "map_on_cores", recording)
    monkeypatch.setattr(feedwright.output.archives, "map_on_cores", recording)
    root = tmp_path / "site"
    (root / "articles").mkdir(parents=True)
    (root / "feedwright.toml").write_text(CONFIG, encoding="utf-8")
    long = "\n\n".join(
        f"Paragraph {k} of a long report from the harbour desk." * 9 for k in range(40)
    )
    for n in range(1, COUNT + 1):
        text = article(n) + "\n" + long + "\n"
        (root / "articles" / f"story-{n:03d}.txt").write_text(text, encoding="utf-8")
    run_build(load_config(root / "feedwright.toml", root=root), clock=Clock(EPOCHS[0]))
    atom = (root / "feeds" / "atom.xml").read_bytes()
    assert atom.count(b"Paragraph 39 of a long report") == 20 * 9
    assert len(sizes) > COUNT and max(sizes) < 2048
    assert sorted(p.name for p in (root / ".feedwright-cache").iterdir()) == [
        ".gitignore",
        "cache.sqlite3",
    ]


def test_a_spill_left_by_a_killed_build_goes_with_the_next_build(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", count=3)
    stale = site.root / ".feedwright-cache" / "spill-k1ll3d"
    stale.mkdir(parents=True)
    (stale / "4242").write_bytes(b"half an article")
    site.build()
    assert sorted(p.name for p in (site.root / ".feedwright-cache").iterdir()) == [
        ".gitignore",
        "cache.sqlite3",
    ]
    # Without the cache, the spill's folder goes too (it was made for it).
    shutil.rmtree(site.root / ".feedwright-cache")
    site.write(4)
    site.build(use_cache=False)
    assert not (site.root / ".feedwright-cache").exists()
    site.assert_valid()


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        MANIFEST.write_text(manifest(builds(Path(tmp) / "site")), encoding="utf-8")
    print(f"wrote {MANIFEST}", file=sys.stderr)
