"""Config values that pass a type check but would fail the W3C validator are refused where
they enter, naming the file and the key (issue 12, item 10)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from feedwright.config import load_config
from feedwright.errors import ConfigError

BASE = {"title": '"T"', "description": '"D"', "site_url": '"https://example.org/"'}


def _load(tmp_path: Path, line: str) -> None:
    """Load a config of BASE with the ``key = value`` of ``line`` in place of its own."""
    key = line.split("=")[0].strip()
    lines = [f"{k} = {v}" for k, v in BASE.items() if k != key]
    path = tmp_path / "feedwright.toml"
    path.write_text("\n".join(["[feed]", *lines, line, ""]), "utf-8")
    load_config(path, root=tmp_path)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('language = "not a lang!!"', "language 'not a lang!!' is not a language tag"),
        ('language = "xx"', "language 'xx' is not a language tag"),
        ('email = "not an email"', "email 'not an email' is not an e-mail address"),
        ('email = "desk@localhost"', "email 'desk@localhost' is not an e-mail address"),
        (
            'site_url = "https://example.org/my site/"',
            "site_url 'https://example.org/my site/' has a space; write it as %20",
        ),
        (
            'site_url = "https://bücher.example/"',
            "site_url 'https://bücher.example/' holds non-ASCII characters, which feeds may "
            "not; write it as 'https://xn--bcher-kva.example/'",
        ),
        (
            'feeds_url = "https://example.org/flux éditions/"',
            "feeds_url 'https://example.org/flux éditions/' has a space",
        ),
        ('site_url = "http://[::1/"', "site_url 'http://[::1/' is not a URL"),
        ("max_entries = true", "max_entries must be an integer"),
        ('title = "News\\u0007 desk"', "title holds a control or invisible formatting character"),
        ('author = "\\u202eksed"', "author holds a control or invisible formatting character"),
    ],
)
def test_a_value_the_validator_would_refuse_is_refused_naming_file_and_key(
    tmp_path: Path, extra: str, message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, extra)
    assert str(raised.value).startswith(f"{tmp_path / 'feedwright.toml'}: {message}")


@pytest.mark.parametrize(
    "extra",
    [
        'language = "pt-BR"',
        'language = "zh-Hant-TW"',
        'email = "news.desk+feeds@example.co.uk"',
        'site_url = "https://example.org:8443/news%20room/"',
    ],
)
def test_good_values_are_accepted(tmp_path: Path, extra: str) -> None:
    _load(tmp_path, extra)


def test_a_config_without_a_language_loads_no_language_registry(tmp_path: Path) -> None:
    # The registry costs ~50 ms, a large share of a run that finds nothing changed; the
    # default "en" needs no look-up. A config that names a language is still checked.
    path = tmp_path / "feedwright.toml"
    path.write_text("[feed]\n" + "".join(f"{k} = {v}\n" for k, v in BASE.items()), "utf-8")
    probe = (
        "import sys; from pathlib import Path; from feedwright.config import load_config;"
        f"c = load_config(Path({str(path)!r}), root=Path({str(tmp_path)!r}));"
        "print(c.language, 'langcodes' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["en", "False"]
