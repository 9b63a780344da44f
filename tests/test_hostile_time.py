"""Every article loads in time roughly linear in its size, pathological ones included.

Each kind of input that once took a minute to load (issue 12, item 8) is loaded at 256 KB
and at 1 MB, in CPU time (other processes on a loaded machine count little). Linear work
grows 4 times from one to the other; the quadratic code grew 15 to 30 times: the bound is
8 times. A kind that is linear but slow per byte (``[`` runs cost markdown-it-py 10 to 20
microseconds each) is caught by the second bound: 1 MB of it may cost at most 6 times
1 MB of ordinary Markdown, measured in the same run (the old code took 15 times). Each
small size is timed twice and the faster kept, the large one again only if it looks too
slow, so one scheduling hiccup does not count. The per-article time budget in absolute
terms is ``bench/hostile.py``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import pytest

from feedwright.errors import ArticleError
from feedwright.loader.parse import parse_article

SMALL, LARGE = 256 * 1024, 1024 * 1024
#: Allowed growth from SMALL to LARGE: linear is 4, quadratic 16.
MAX_GROWTH = 8.0
#: Allowed cost of LARGE bytes of a kind, in LARGE bytes of ordinary Markdown.
MAX_OVER_MARKDOWN = 6.0
_SENTENCE = "The council voted on the new bridge, and [the mayor](https://example.org/m) said yes. "


def ordinary_markdown(n: int) -> tuple[str, str]:
    """Prose with links and emphasis, the reference the pathological kinds are held to."""
    paragraph = _SENTENCE * 8
    return "a.md", "# Normal\n\n" + "\n\n".join([paragraph] * (n // len(paragraph)))


def _latin1_punctuation(n: int) -> tuple[str, str]:
    # U+00A0-U+00BF: nh3 0.3.8 serialized each one in time that grew with the text node.
    return "a.md", "# Signs\n\n" + "".join(chr(0xA0 + k % 32) for k in range(n // 2))


def _many_commas_byline(n: int) -> tuple[str, str]:
    return "a.txt", "A headline for the byline\n\nBy " + "Ann, " * (n // 5) + "\n\nBody text.\n"


def _byline_of_marks(n: int) -> tuple[str, str]:
    # A byline's trailing patterns (a handle, a read time) were tried from every position
    # in a run of blanks and commas, each scanning to its end.
    return "a.txt", "A headline for the byline\n\nBy Ann" + " ," * (n // 2) + "1\n\nBody text.\n"


def _byline_of_blanks(n: int) -> tuple[str, str]:
    return "a.txt", "A headline for the byline\n\nBy Ann" + " " * n + "1\n\nBody text.\n"


def _brackets(n: int) -> tuple[str, str]:
    return "a.md", "# Brackets\n\n" + "[" * n


def _bracket_title(n: int) -> tuple[str, str]:
    return "a.md", "# " + "[" * n + "\n\nBody.\n"


def _nested_front_matter(n: int) -> tuple[str, str]:
    return "a.md", "---\ntitle: " + "[" * n + "\n---\nBody.\n"


def _alias_bomb(n: int) -> tuple[str, str]:
    rows = [f"a{k}: &a{k} [" + ",".join([f"*a{k - 1}"] * 9) + "]" for k in range(1, 12)]
    return "a.md", "---\na0: &a0 [x]\n" + "\n".join(rows) + "\n---\n" + "Body. " * (n // 6)


KINDS: dict[str, Callable[[int], tuple[str, str]]] = {
    "latin1_punctuation": _latin1_punctuation,
    "many_commas_byline": _many_commas_byline,
    "byline_of_marks": _byline_of_marks,
    "byline_of_blanks": _byline_of_blanks,
    "brackets": _brackets,
    "bracket_title": _bracket_title,
    "nested_front_matter": _nested_front_matter,
    "alias_bomb": _alias_bomb,
}


def _load_seconds(make: Callable[[int], tuple[str, str]], size: int) -> float:
    name, text = make(size)
    data = text.encode("utf-8")
    start = time.process_time()
    # Refusing the article quickly is as good as reading it quickly.
    with contextlib.suppress(ArticleError):
        parse_article(data, source=name)
    return time.process_time() - start


@pytest.fixture(scope="module")
def markdown_seconds() -> float:
    """CPU seconds to load LARGE bytes of ordinary Markdown."""
    return min(_load_seconds(ordinary_markdown, LARGE) for _ in range(2))


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_load_time_grows_linearly(kind: str, markdown_seconds: float) -> None:
    make = KINDS[kind]
    small = min(_load_seconds(make, SMALL) for _ in range(2))
    # Below a few milliseconds, timer and allocator noise is all there is to measure.
    bound = max(min(MAX_GROWTH * small, MAX_OVER_MARKDOWN * markdown_seconds), 0.05)
    large = _load_seconds(make, LARGE)
    if large >= bound:  # timed again only if it looks bad: a hiccup is not a trend
        large = min(large, _load_seconds(make, LARGE))
    assert large < max(MAX_GROWTH * small, 0.05), ("growth", kind, small, large)
    assert large < MAX_OVER_MARKDOWN * markdown_seconds, ("per byte", kind, large)
