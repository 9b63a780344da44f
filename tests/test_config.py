"""feedwright.toml: every table and key is one feedwright knows, and ids need a real site."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedwright.config import load_config
from feedwright.errors import ConfigError
from sites import cli, make_site


def _load(tmp_path: Path, text: str) -> None:
    (tmp_path / "feedwright.toml").write_text(text, encoding="utf-8")
    load_config(None, root=tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[Feed]\ntitle = "News"\n', "unknown table [Feed] (did you mean 'feed'?)"),
        ("[feeds]\nsite_url = 1\n", "unknown table [feeds] (did you mean 'feed'?)"),
        ("[output]\nx = 1\n", "unknown table [output]"),
        ("[feed]\nsiteurl = 1\n", "unknown key 'siteurl' (did you mean 'site_url'?)"),
        ("max_entrys = 3\n", "unknown key 'max_entrys' (did you mean 'max_entries'?)"),
        ("[feed]\nzzz = 1\n", "unknown key 'zzz'"),
        # A key the name begins, before a spelling that only looks close ('title').
        ("[feed]\nsettle = 2\n", "unknown key 'settle' (did you mean 'settle_seconds'?)"),
        ("[feed]\nsite = 'x'\n", "unknown key 'site' (did you mean 'site_url'?)"),
        ("[feed]\ndesc = 'x'\n", "unknown key 'desc' (did you mean 'description'?)"),
        ("[feed]\nmax = 3\n", "unknown key 'max'"),  # max_entries or max_bytes: no guess
    ],
)
def test_unknown_table_or_key_is_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    assert str(caught.value).endswith(message)
    if "did you mean" not in message:
        assert "did you mean" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[feed]\nmax_entries = "50"\n', "max_entries must be an integer"),
        ("[feed]\nmax_entries = true\n", "max_entries must be an integer"),
        ("[feed]\ntitle = 3\n", "title must be a string"),
    ],
)
def test_wrong_types_are_named_in_english(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    assert str(caught.value).endswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('site_url = ""\n', "site_url must be an absolute http(s) URL, not ''"),
        ('site_url = "ftp://news.example.org/"\n', "not 'ftp://news.example.org/'"),
        ('feeds_url = "feeds/"\n', "feeds_url must be an absolute http(s) URL, not 'feeds/'"),
        ('hub = ["https://hub.example.org/", ""]\n', "hub must be an absolute http(s) URL, not ''"),
    ],
)
def test_urls_must_be_absolute_http(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, text)
    assert str(caught.value).endswith(message)


def test_misnamed_table_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path / "site")
    (site.root / "feedwright.toml").write_text(
        '[Feed]\ntitle = "News"\nsite_url = "https://news.example.com/"\n', encoding="utf-8"
    )
    monkeypatch.chdir(site.root)
    code, _, err = cli("build")
    assert code == 2
    assert "unknown table [Feed] (did you mean 'feed'?)" in err
    assert not site.ledger.exists()


def test_first_build_refuses_the_default_site_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    (site.root / "feedwright.toml").write_text('[feed]\ntitle = "News"\n', encoding="utf-8")
    monkeypatch.chdir(site.root)
    code, _, err = cli("build")
    assert code == 2
    assert "site_url is not set" in err
    assert not site.ledger.exists() and not site.feeds.exists()
    # Given explicitly, even the default is taken: the user chose it.
    (site.root / "feedwright.toml").write_text(
        '[feed]\ntitle = "News"\nsite_url = "https://example.org/"\n', encoding="utf-8"
    )
    code, _, err = cli("build")
    assert code == 0, err
    # With a ledger, the ids are minted already: a config without site_url builds.
    (site.root / "feedwright.toml").write_text('[feed]\ntitle = "News"\n', encoding="utf-8")
    site.write(9)
    code, _, err = cli("build")
    assert code == 0, err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[feed]\ntitle = "News\nsite_url = 1\n', "feedwright.toml:2: not valid TOML: "),
        ('[feed\ntitle = "News"\n', "feedwright.toml:1: not valid TOML: Expected ']'"),
        ('[feed]\ntitle = "News"\nsite_url = ', "feedwright.toml:3: not valid TOML: "),
        ('[feed]\n\ntitle = "\xff"\n', "feedwright.toml:3: not UTF-8 text"),
    ],
)
def test_a_syntax_error_is_path_line_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    (tmp_path / "feedwright.toml").write_bytes(text.encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("build")
    assert code == 2
    assert err.startswith(message), err
    assert "(at line" not in err and err.count("\n") == 1


def test_a_config_found_above_is_named_relative_to_the_folder_the_command_runs_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site")
    (site.root / "feedwright.toml").write_text("[feed]\nmax_entries = 'x'\n", encoding="utf-8")
    monkeypatch.chdir(site.articles)
    assert cli("build") == (2, "", "../feedwright.toml: max_entries must be an integer\n")
    # A file named on the command line is named as it was given.
    given = str(site.root / "feedwright.toml")
    assert cli("build", "--config", given)[2] == f"{given}: max_entries must be an integer\n"
    (site.root / "feedwright.toml").write_text("[feed]\ntitle = 'News'\n", encoding="utf-8")
    code, _, err = cli("build")
    assert code == 2 and err.startswith("../feedwright.toml: site_url is not set"), err


def test_feed_given_as_a_value_is_told_to_be_the_table(tmp_path: Path) -> None:
    # It used to be "unknown key 'feed' (did you mean 'feeds_url'?)".
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, "feed = 3\n")
    assert str(caught.value).endswith(
        "feed must be the table of settings ([feed] on a line of its own, the keys below it), not 3"
    )
    assert "did you mean" not in str(caught.value)
