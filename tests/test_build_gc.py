"""A build runs the cyclic garbage collector less often, and leaves it as it found it."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

import feedwright.pipeline
from sites import make_site


def test_a_build_collects_less_often_and_restores_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path)
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    real = feedwright.pipeline._run

    def watched(*args: Any, **kwargs: Any) -> None:
        during.append(gc.get_threshold())
        real(*args, **kwargs)

    monkeypatch.setattr(feedwright.pipeline, "_run", watched)
    site.build()
    assert during == [(20_000, *before[1:])]
    assert gc.get_threshold() == before


def test_a_failed_build_restores_the_threshold_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path)
    before = gc.get_threshold()

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(feedwright.pipeline, "_run", broken)
    with pytest.raises(OSError, match="disk full"):
        site.build()
    assert gc.get_threshold() == before
