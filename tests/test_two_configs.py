"""Two configs in one folder, each with its own ledger, keep their own cache."""

from __future__ import annotations

from pathlib import Path

from feedwright.config import load_config
from feedwright.pipeline import run_build
from sites import CONFIG, T0, LaterClock, article


def _site(root: Path, name: str, count: int) -> Path:
    (root / name).mkdir()
    for n in range(1, count + 1):
        (root / name / f"a{n}.txt").write_text(article(n), encoding="utf-8")
    config = root / f"{name}.toml"
    config.write_text(
        CONFIG.format(max_entries=50, page_size=100)
        + f'articles = "{name}"\nout = "feeds-{name}"\nledger = "{name}-ledger.json"\n',
        encoding="utf-8",
    )
    return config


def test_each_ledger_has_its_own_cache(tmp_path: Path) -> None:
    configs = [load_config(_site(tmp_path, name, 4), root=tmp_path) for name in ("news", "blog")]
    assert configs[0].cache_dir != configs[1].cache_dir
    clock = LaterClock(int(T0.timestamp()))
    for config in configs:
        assert run_build(config, clock=clock).parsed == 4
    # One article of each changes: each build parses only that one, however they alternate.
    for config in configs:
        (config.articles / "a2.txt").write_text(article(2, body="A late correction."))
    for config in configs:
        report = run_build(config, clock=LaterClock(int(T0.timestamp()) + 60))
        assert report.parsed == 1, config.ledger.name
        assert not report.cache_note, report.cache_note
