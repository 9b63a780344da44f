"""The smaller things a real site tripped over: a config found from a subfolder, a folder
given to inspect, honest counts and messages, the cron line keeping the quiet shortcut."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from feedwright.loader.decode import decode_article
from sites import LaterClock, cli, make_site

EPOCH = 1735732800  # 2025-01-01T12:00:00Z, the sites' first build


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    made = make_site(tmp_path / "site", count=3)
    (made.articles / "world").mkdir()
    (made.articles / "world" / "2024-06-01-bridge.txt").write_text(
        "Bridge opens to traffic\n\nThe new bridge opened on Saturday after two years.\n"
    )
    monkeypatch.chdir(made.root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    return made.root


def test_a_command_in_a_subfolder_uses_the_sites_config_and_leaves_no_lock_there(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site / "articles" / "world")
    code, _, err = cli("build")
    assert code == 0, err
    assert "no feedwright.toml" not in err
    assert (site / "feedwright-ledger.json").is_file()
    assert sorted(p.name for p in (site / "articles" / "world").iterdir()) == [
        "2024-06-01-bridge.txt"
    ]
    assert "news.example.com" in (site / "feeds" / "atom.xml").read_text()


def test_wrote_counts_the_feed_files_not_the_ledger(site: Path) -> None:
    code, out, _ = cli("build")
    assert code == 0
    written = len([p for p in (site / "feeds").rglob("*") if p.is_file()])
    assert out.strip().endswith(f"wrote {written} file(s) to feeds")
    # A rename changes only the ledger: said so, not "wrote 0 file(s)".
    (site / "articles" / "a001.txt").rename(site / "articles" / "a001-moved.txt")
    code, out, _ = cli("build")
    assert (code, out) == (
        0,
        "feedwright: 4 entries (1 moved); wrote only the ledger (the feeds are unchanged)\n",
    )


@pytest.mark.usefixtures("site")
def test_validate_names_a_missing_folder() -> None:
    assert cli("validate", "/nonexistent") == (2, "", "/nonexistent: no such folder\n")


def test_inspect_reads_a_folder_as_a_build_does_and_shows_the_feeds_dates(site: Path) -> None:
    (site / "articles" / ".hidden.txt").write_text("Hidden\n\nNot an article a build reads.\n")
    (site / "articles" / "notes.pdf").write_bytes(b"%PDF")
    code, out, err = cli("inspect", "--json", "articles")
    assert code == 0, err
    shown = [json.loads(line) for line in out.splitlines()]
    assert [e["source"] for e in shown] == [
        "a001.txt",
        "a002.txt",
        "a003.txt",
        "world/2024-06-01-bridge.txt",  # named as the build and the ledger name it
    ]
    # Before the first build: the dates the article gives, or its file name's, or the build's.
    bridge = shown[-1]["feed"]
    assert bridge == {
        "id": "tag:news.example.com,2024-06-01:world/2024-06-01-bridge",
        "published": "2024-06-01T00:00:00Z",
        "updated": "2024-06-01T00:00:00Z",
        "published_from": "file name",
        "updated_from": "file name",
    }
    assert shown[0]["feed"]["published_from"] == "article"
    assert cli("build")[0] == 0
    # After it: what the ledger holds; an edit shows that updated moves on the next build.
    (site / "articles" / "a002.txt").write_text("Edited\n\nThe text changed after publishing.\n")
    code, out, _ = cli("inspect", "articles/world", "articles/a002.txt")
    assert code == 0
    assert "  feed id: tag:news.example.com,2024-06-01:world/2024-06-01-bridge\n" in out
    assert "  feed published: 2024-06-01T00:00:00Z (from ledger)\n" in out
    assert "  feed updated: next build (from next build)\n" in out


def test_inspect_outside_a_site_shows_no_feed_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.txt").write_text("A headline\n\nSome body text for the article.\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("inspect", "--json", ".")
    assert code == 0
    assert "feed" not in json.loads(out)


PROBE = "import sys; from feedwright.shortcut import quiet_build; print(quiet_build(sys.argv[1:]))"


def test_the_documented_cron_line_keeps_the_quiet_shortcut(site: Path) -> None:
    assert cli("build")[0] == 0
    assert cli("build", clock=LaterClock(EPOCH))[0] == 0  # every file settled: stamp left

    def probe(*args: str, cwd: Path = site) -> str:
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)}
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True
        )
        return done.stdout.strip()

    assert probe("build", "-q") == "0"
    assert probe("build", "-q", "--lock-timeout", "300") == "0"
    assert probe("build", "--lock-timeout=300", "-q") == "0"
    assert probe("build", "-q", cwd=site / "articles" / "world") == "0"
    assert probe("build", "-q", "--lock-timeout", "soon") == "None"  # the command says why
    assert probe("build", "-q", "--strict") == "None"


WESTERN = [
    "Zürich’s mayor said the budget “holds”.\n\nThe council met on Monday.\n",
    "Smart “quotes” only here.\n\nNothing else is special in this plain English text.\n",
    "Ökonomie\n\nDie Straße ist schön und grün, sagte der Bürgermeister.\n",
    "Brexit\n\nThe price was €5 ‘roughly’.\n",
]


@pytest.mark.parametrize("text", WESTERN)
def test_windows_1252_is_named_so(text: str) -> None:
    decoded = decode_article(text.encode("cp1252"), source="x.txt")
    assert decoded.text == text
    assert decoded.warnings == ("not valid UTF-8; decoded as cp1252",)


def test_central_european_text_is_still_cp1250() -> None:
    text = "Příliš žluťoučký kůň úpěl ďábelské ódy.\n\nČeská vláda má nového předsedu, řekl.\n"
    decoded = decode_article(text.encode("cp1250"), source="x.txt")
    assert decoded.text == text and decoded.warnings == ("not valid UTF-8; decoded as cp1250",)


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux")
def test_inspect_names_a_file_name_that_is_not_utf8_without_a_traceback(site: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: "caf\udce9.txt" in Python
    (site / "articles" / "world" / name).write_text(
        "Cafe opens\n\nThe cafe opened on Monday, its owner said.\n", encoding="utf-8"
    )
    message = "file name is not valid UTF-8 (it would be part of the entry's id); rename it"
    code, out, err = cli("inspect", "--json", "articles/world")
    assert code == 1, err
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["source"] == "world/2024-06-01-bridge.txt"
    # The name the build would give it, its undecodable byte escaped as JSON allows.
    assert second == {
        "source": "world/caf\udce9.txt",
        "error": f"'articles/world/caf\\udce9.txt': {message}",
    }
    code, out, err = cli("inspect", "articles/world")
    assert code == 1
    assert err == f"'articles/world/caf\\udce9.txt': {message}\n"
    assert out.startswith("== articles/world/2024-06-01-bridge.txt")
