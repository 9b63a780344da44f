"""The command line, through click's CliRunner: exit codes, messages, JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from feedwright.entry import Entry
from sites import LaterClock, cli

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "articles" / "000_524682d6b08fad17.txt"
#: ``inspect --json`` prints exactly the fields of the contract.
ENTRY_FIELDS = {f.name for f in fields(Entry)}
CONFIG = """[feed]
title = "Test feed"
site_url = "https://news.example.com/"
author = "Desk"
settle_seconds = 0
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site folder with a config and the sample article; the cwd for the test."""
    (tmp_path / "articles").mkdir()
    shutil.copy(SAMPLE, tmp_path / "articles")
    (tmp_path / "feedwright.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733011200")  # 2024-12-01T00:00:00Z
    return tmp_path


def test_build_writes_both_feeds_and_exits_0(site: Path) -> None:
    code, _, err = cli("build")
    assert code == 0, err
    assert (site / "feeds" / "atom.xml").is_file() and (site / "feeds" / "rss.xml").is_file()
    assert "Ukraine Announces It Attacked" in (site / "feeds" / "atom.xml").read_text("utf-8")
    assert err == ""


def test_bad_article_is_named_skipped_and_exit_is_1(site: Path) -> None:
    (site / "articles" / "empty.txt").write_bytes(b"")
    (site / "articles" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    code, _, err = cli("build")
    assert code == 1
    lines = err.splitlines()
    assert any(line.startswith("articles/empty.txt: ") for line in lines), err
    assert any(line.startswith("articles/image.txt: ") and "binary" in line for line in lines)
    assert "Traceback" not in err
    atom = (site / "feeds" / "atom.xml").read_text("utf-8")
    assert "Ukraine Announces It Attacked" in atom  # the good article is still published


def test_strict_publishes_nothing_when_an_article_is_bad(site: Path) -> None:
    (site / "articles" / "empty.txt").write_bytes(b"   \n")
    code, _, err = cli("build", "--strict")
    assert code == 2
    assert "articles/empty.txt: " in err
    assert not (site / "feeds").exists()


def test_config_error_is_one_line_and_exit_2(site: Path) -> None:
    (site / "feedwright.toml").write_text('[feed]\ntitel = "typo"\n', encoding="utf-8")
    code, _, err = cli("build")
    assert code == 2
    assert err.strip().endswith("unknown key 'titel' (did you mean 'title'?)")
    assert len(err.strip().splitlines()) == 1


def test_without_config_the_defaults_are_named(site: Path) -> None:
    cli("build")
    (site / "feedwright.toml").unlink()
    code, _, err = cli("build")
    assert code == 0
    assert "no feedwright.toml; using defaults" in err
    assert "https://example.org/" in err


@pytest.mark.usefixtures("site")
def test_missing_articles_folder_is_exit_2() -> None:
    code, _, err = cli("build", "--articles", "nowhere")
    assert code == 2
    assert "nowhere: articles folder is missing" in err


@pytest.mark.usefixtures("site")
def test_inspect_json_of_the_sample_is_the_expected_entry() -> None:
    code, out, _ = cli("inspect", "--json", "articles/000_524682d6b08fad17.txt")
    assert code == 0
    (line,) = out.splitlines()
    entry = json.loads(line)
    assert set(entry) == ENTRY_FIELDS | {"feed"}  # in a site: the feed's id and dates too
    assert entry["title"] == (
        "Ukraine Announces It Attacked North Korean Soldiers for the First Time"
    )
    assert len(entry["key_points"]) == 3
    assert len(entry["paragraphs"]) == 14
    assert entry["paragraphs"][0].startswith(
        "North Korean troops have already seen military action"
    )
    assert entry["paragraphs"][-1].startswith("Representatives from the Ukrainian Armed Forces")
    assert "close" not in json.dumps(entry).lower().replace("disclose", "")
    assert isinstance(entry["authors"], list)


def test_inspect_json_reports_an_unreadable_article_as_an_error_object(site: Path) -> None:
    (site / "articles" / "blank.txt").write_text("\n\n  \n", encoding="utf-8")
    code, out, _ = cli(
        "inspect", "--json", "articles/blank.txt", "articles/000_524682d6b08fad17.txt"
    )
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert set(first) == {"source", "error"} and "blank.txt" in first["error"]
    assert second["title"].startswith("Ukraine")


@pytest.mark.usefixtures("site")
def test_inspect_of_a_missing_file_says_there_is_no_such_file() -> None:
    # It used to say "vanished while the build ran", though inspect builds nothing.
    code, _, err = cli("inspect", "articles/missing.txt")
    assert code == 1
    assert err == "articles/missing.txt: no such file\n"


@pytest.mark.usefixtures("site")
def test_inspect_text_output_is_readable() -> None:
    code, out, _ = cli("inspect", "articles/000_524682d6b08fad17.txt")
    assert code == 0
    assert "title: Ukraine Announces It Attacked North Korean Soldiers" in out
    assert "paragraphs: 14" in out


def test_validate_accepts_built_feeds_and_rejects_a_broken_one(site: Path) -> None:
    assert cli("build")[0] == 0
    code, out, _ = cli("validate", "feeds")
    assert code == 0 and "3 of 3" in out
    (site / "feeds" / "atom.xml").write_text("<feed>", encoding="utf-8")
    code, _, err = cli("validate", "feeds")
    assert code == 1 and "feeds/atom.xml: " in err


def test_every_command_has_help() -> None:
    for command in ([], ["build"], ["inspect"], ["validate"]):
        code, out, _ = cli(*command, "--help")
        assert code == 0 and "Usage:" in out


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "feedwright", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "feedwright" in done.stdout


def test_committed_feeds_are_what_a_fresh_build_writes(tmp_path: Path) -> None:
    """feeds/ in the repository equals a fresh build from articles/ and the ledger."""
    for name in ("articles", "feeds"):
        shutil.copytree(REPO / name, tmp_path / name)
    for name in ("feedwright.toml", "feedwright-ledger.json"):
        shutil.copy(REPO / name, tmp_path / name)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "4102444800"}  # 2100: any clock will do
    done = subprocess.run(
        [sys.executable, "-m", "feedwright", "build", "--check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for path in (REPO / "feeds").rglob("*"):
        rel = path.relative_to(REPO)
        if path.is_dir():
            continue
        assert (tmp_path / rel).read_bytes() == path.read_bytes(), rel


PROBE = (
    "import sys; from feedwright.shortcut import quiet_build; code = quiet_build(sys.argv[1:]);"
    "heavy = sorted(m for m in ('click', 'filelock', 'feedgen', 'lxml', 'dateutil',"
    " 'feedwright.loader.parse') if m in sys.modules); print(code, heavy)"
)


def test_a_quiet_scheduled_run_answers_without_loading_the_cli_or_the_parser(
    site: Path,
) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1733011200"}

    def probe(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    assert cli("build")[0] == 0
    assert probe("build", "-q").startswith("None")  # files just written are not settled
    # Files younger than 2 s are checked by content (their ctime could still move unseen):
    # the first run once they are settled records that, and from then on the shortcut answers.
    assert cli("build", clock=LaterClock(1733011200))[0] == 0
    assert probe("build", "-q") == "0 []"
    assert probe("build", "--check").startswith("None")  # anything else: the full command
    (site / "articles" / "new.txt").write_text("A new headline here\n\nBody text.\n", "utf-8")
    assert probe("build").startswith("None")
    done = subprocess.run(
        [sys.executable, "-m", "feedwright", "build"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "2 entries" in done.stdout


@pytest.mark.parametrize("epoch", ["yesterday", "-99999999999", "253402300800", "9" * 17])
def test_a_bad_source_date_epoch_is_one_clear_line_and_exit_2(
    site: Path, monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    # Out of range, it used to crash datetime ("year 10000 is out of range", or an
    # OSError from the platform) deep in the build, as an internal error.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code, _, err = cli("build")
    assert code == 2
    assert err == (
        "SOURCE_DATE_EPOCH: not a whole number of seconds from 0 to 32503679999 "
        f"(before the year 3000): {epoch!r}\n"
    )
    assert not (site / "feeds").exists()


@pytest.mark.parametrize("seconds", ["nan", "-1"])
def test_a_lock_timeout_that_is_no_wait_is_a_usage_error(site: Path, seconds: str) -> None:
    # NaN used to reach the lock library, whose ValueError came out as an internal error.
    code, _, err = cli("build", "--lock-timeout", seconds)
    assert code == 2
    assert "Invalid value for '--lock-timeout': must be a number of seconds, 0 or more" in err
    assert "internal error" not in err
    assert not (site / "feeds").exists()


@pytest.mark.parametrize("name", ["feedwright-ledger.json", "feeds/rss.xml"])
def test_a_folder_where_a_file_goes_is_one_line_naming_it(site: Path, name: str) -> None:
    # Both used to crash as "internal error: IsADirectoryError".
    assert cli("build")[0] == 0
    before = (site / "feeds" / "atom.xml").read_bytes()
    (site / name).unlink()
    (site / name).mkdir()
    (site / "articles" / "new.txt").write_text("A new headline here\n\nBody text.\n", "utf-8")
    code, _, err = cli("build")
    assert code == 2
    assert err == f"{site / name}: cannot read: Is a directory\n"
    assert (site / "feeds" / "atom.xml").read_bytes() == before
