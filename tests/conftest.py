"""Settings every test shares."""

from __future__ import annotations

import pytest

from feedwright import settling


@pytest.fixture(autouse=True)
def _articles_settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests build right after writing their articles: without ``settle_seconds`` in their
    config, an article is read however recently it was written (tests of the waiting
    itself set it, or put this back)."""
    monkeypatch.setattr(settling, "DEFAULT_SETTLE_SECONDS", 0.0)
