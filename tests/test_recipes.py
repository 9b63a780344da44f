"""The publishing recipes in the README: what can be run here is run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
import yaml

from feedwright.config import Config
from sites import cli, make_site

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_readme_documents_exactly_the_config_keys() -> None:
    section = README.split("## Configuration: `feedwright.toml`", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))
    known = {f.name for f in fields(Config)} - {"source", "defaulted"}
    assert documented == known


def _pages_steps() -> list[dict[str, object]]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text())
    return [*workflow["jobs"]["build"]["steps"], *workflow["jobs"]["deploy"]["steps"]]


def test_the_pages_workflow_commits_only_the_ledger_and_deploys_the_build() -> None:
    steps = _pages_steps()
    runs = "\n".join(str(step.get("run", "")) for step in steps)
    assert "feedwright build --out _site" in runs
    adds = re.findall(r"git add -- (.+)", runs)
    assert adds == ["feedwright-ledger.json"]
    uses = {str(step.get("uses", "")).split("@")[0]: step for step in steps}
    assert uses["actions/upload-pages-artifact"]["with"] == {"path": "_site"}
    assert "actions/deploy-pages" in uses


def test_the_pages_build_from_a_fresh_checkout_changes_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run 1 commits the ledger; run 2 starts from a checkout of articles, config and
    # ledger only (no feeds, no cache), as every Actions run does.
    site = make_site(tmp_path / "run1", count=4)
    monkeypatch.chdir(site.root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735732800")
    assert cli("build", "--out", "_site")[0] == 0
    assert (site.root / "_site" / "atom.xml").is_file() and not site.feeds.exists()
    checkout = tmp_path / "run2"
    checkout.mkdir()
    for name in ("articles", "feedwright.toml", "feedwright-ledger.json"):
        source = site.root / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, checkout / name)
    monkeypatch.chdir(checkout)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735819200")  # a day later
    assert cli("build", "--out", "_site")[0] == 0
    assert (checkout / "feedwright-ledger.json").read_bytes() == site.ledger.read_bytes()
    built = {
        p.relative_to(checkout / "_site"): p.read_bytes()
        for p in (checkout / "_site").rglob("*")
        if p.is_file()
    }
    before = {
        p.relative_to(site.root / "_site"): p.read_bytes()
        for p in (site.root / "_site").rglob("*")
        if p.is_file()
    }
    assert built == before  # nothing new: the same documents, and nothing to commit


def test_click_completion_is_there_as_documented(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "feedwright"
    env = {
        **os.environ,
        "_FEEDWRIGHT_COMPLETE": "bash_complete",
        "COMP_WORDS": "feedwright bu",
        "COMP_CWORD": "1",
    }
    done = subprocess.run([str(script)], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0
    assert "plain,build" in done.stdout.splitlines()
    assert "_FEEDWRIGHT_COMPLETE=bash_source feedwright" in README
