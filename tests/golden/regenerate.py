"""Build each golden case and (when run as a script) rewrite its expected files.

Usage: python tests/golden/regenerate.py   — then read `git diff tests/golden` line by line.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from feedwright.clock import Clock
from feedwright.config import load_config
from feedwright.pipeline import run_build

HERE = Path(__file__).resolve().parent
#: The fixed build clock of every golden case.
NOW = datetime(2024, 12, 1, tzinfo=timezone.utc)


def cases() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if (p / "feedwright.toml").is_file())


def build_case(case: Path, work: Path) -> dict[str, bytes]:
    """Build ``case`` in a scratch copy under ``work``; return every output by name."""
    shutil.copytree(case / "articles", work / "articles")
    shutil.copy(case / "feedwright.toml", work / "feedwright.toml")
    config = load_config(work / "feedwright.toml", root=work)
    report = run_build(config, clock=Clock(int(NOW.timestamp())))
    assert not report.problems, report.problems
    outputs = {
        p.relative_to(config.out).as_posix(): p.read_bytes()
        for p in sorted(config.out.rglob("*"))
        if p.is_file()
    }
    outputs["feedwright-ledger.json"] = config.ledger.read_bytes()
    return outputs


def main() -> None:
    for case in cases():
        with tempfile.TemporaryDirectory() as tmp:
            outputs = build_case(case, Path(tmp))
        expected = case / "expected"
        shutil.rmtree(expected, ignore_errors=True)
        for name, data in outputs.items():
            (expected / name).parent.mkdir(parents=True, exist_ok=True)
            (expected / name).write_bytes(data)
        print(f"{case.name}: {len(outputs)} files", file=sys.stderr)


if __name__ == "__main__":
    main()
