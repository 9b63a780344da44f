"""Whole builds compared byte for byte with golden files a human has read.

Regenerate after an intended output change: ``python tests/golden/regenerate.py``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "golden_regenerate", Path(__file__).parent / "golden" / "regenerate.py"
)
assert _spec is not None and _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


@pytest.mark.parametrize("case", golden.cases(), ids=lambda p: p.name)
def test_build_matches_golden_files(case: Path, tmp_path: Path) -> None:
    outputs = golden.build_case(case, tmp_path)
    expected_dir = case / "expected"
    expected = {
        p.relative_to(expected_dir).as_posix(): p.read_bytes()
        for p in sorted(expected_dir.rglob("*"))
        if p.is_file()
    }
    assert sorted(outputs) == sorted(expected)
    for name, data in outputs.items():
        assert data.decode("utf-8") == expected[name].decode("utf-8"), name


@pytest.mark.parametrize("case", golden.cases(), ids=lambda p: p.name)
def test_second_build_changes_nothing(case: Path, tmp_path: Path) -> None:
    first = golden.build_case(case, tmp_path)
    config = golden.load_config(tmp_path / "feedwright.toml", root=tmp_path)
    report = golden.run_build(
        config, clock=golden.Clock(int(golden.NOW.replace(year=2025).timestamp()))
    )
    assert report.written == []
    again = {
        p.relative_to(config.out).as_posix(): p.read_bytes()
        for p in config.out.rglob("*")
        if p.is_file()
    }
    again["feedwright-ledger.json"] = config.ledger.read_bytes()
    assert again == first
