"""Every file in ``tests/articles/`` against the entry an editor wrote down beside it.

Adding a case is adding two files: ``NAME.ext`` and ``NAME.expected.json``. The expected file
holds the entry fields that matter for the case (``title``, ``authors``, ``published``, ...,
as ``feedwright inspect --json`` prints them) or ``{"error": "part of the message"}``; and
optionally ``warnings_contain``, ``content_html_contains`` and ``content_html_excludes``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from feedwright.cli import main
from feedwright.commands.inspect import entry_json
from feedwright.errors import ArticleError
from feedwright.loader.parse import LoadOptions, parse_article

ARTICLES = Path(__file__).parent / "articles"
EXPECTED_SUFFIX = ".expected.json"
FIXTURES = sorted(p for p in ARTICLES.iterdir() if not p.name.endswith(EXPECTED_SUFFIX))
_CHECKS = ("warnings_contain", "content_html_contains", "content_html_excludes")


def _expected(path: Path) -> dict[str, Any]:
    stem = path.name.rsplit(".", 1)[0]
    data: dict[str, Any] = json.loads((path.parent / (stem + EXPECTED_SUFFIX)).read_text("utf-8"))
    return data


def _compare(got: dict[str, Any], expected: dict[str, Any]) -> None:
    """Assert that an ``inspect --json`` object says what the expected file says."""
    if "error" in expected:
        assert "error" in got, f"expected an error, got an entry titled {got.get('title')!r}"
        assert expected["error"] in got["error"]
        return
    assert "error" not in got, got.get("error")
    for key, want in expected.items():
        if key not in _CHECKS:
            assert got[key] == want, key
    for fragment in expected.get("warnings_contain", []):
        assert any(fragment in w for w in got["warnings"]), (fragment, got["warnings"])
    for fragment in expected.get("content_html_contains", []):
        assert fragment in got["content_html"]
    for fragment in expected.get("content_html_excludes", []):
        assert fragment not in got["content_html"]


def test_fixture_count() -> None:
    assert len(FIXTURES) >= 60
    for path in FIXTURES:
        stem = path.name.rsplit(".", 1)[0]
        assert (ARTICLES / (stem + EXPECTED_SUFFIX)).exists(), f"{path.name} has no expected file"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture(path: Path) -> None:
    expected = _expected(path)
    try:
        entry = parse_article(path.read_bytes(), source=path.name, options=LoadOptions())
    except ArticleError as e:
        got: dict[str, Any] = {"source": path.name, "error": str(e)}
        assert str(e).startswith(path.name + ":")
    else:
        got = entry_json(entry)
    _compare(got, expected)


def test_inspect_json_prints_every_expected_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run in an empty folder: no feedwright.toml, so naive dates are UTC as expected.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["inspect", "--json", *map(str, FIXTURES)])
    bad = [p for p in FIXTURES if "error" in _expected(p)]
    assert result.exit_code == (1 if bad else 0), result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # Outside a site's articles folder: named as given on the command line.
    assert [line["source"] for line in lines] == [str(p) for p in FIXTURES]
    for path, got in zip(FIXTURES, lines, strict=True):
        _compare(got, _expected(path))
