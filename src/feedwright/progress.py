"""The progress bar ``feedwright build`` shows on a terminal while it reads articles.

Part of the command line, not the library: the pipeline only calls the callback it is
given (:data:`feedwright.articles.ReadProgress`). The bar goes to stderr, and only when
stderr is a terminal and the run is not ``-q``: cron, pipes and logs never see it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from feedwright.articles import ReadProgress

#: The bar's label.
LABEL = "reading articles"


def wanted(stream: TextIO, *, level: int) -> bool:
    """True when a progress bar belongs on ``stream``: a terminal, and not ``-q``
    (``level`` < 0)."""
    if level < 0:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


@contextlib.contextmanager
def reading_bar(stream: TextIO, *, level: int) -> Iterator[ReadProgress | None]:
    """A callback that draws the bar on ``stream``, or ``None`` when no bar is
    :func:`wanted`. The bar is finished when the last article is read, or on leaving."""
    if not wanted(stream, level=level):
        yield None
        return
    bars: list[ProgressBar[int]] = []

    def finish() -> None:
        while bars:
            bars.pop().render_finish()

    def progress(done: int, total: int) -> None:
        if not bars:
            bar: ProgressBar[int] = click.progressbar(length=total, label=LABEL, file=stream)
            bar.render_progress()
            bars.append(bar)
        bar = bars[0]
        bar.update(done - bar.pos)
        if done >= total:
            finish()

    try:
        yield progress
    finally:
        finish()
