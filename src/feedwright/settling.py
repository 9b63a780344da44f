"""Articles modified in the last few seconds wait for the next run (``settle_seconds``).

A producer still writing a file (a scraper, an editor saving in place, an rsync) must not
have half an article published under a permanent id. A file whose modification time lies
within ``settle_seconds`` of the build's wall time (:meth:`feedwright.clock.Clock.wall_ns`)
is left out of this run: it is neither published nor retired, and an article already
published keeps its entry as it was (the pipeline holds it like an unreadable one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from feedwright.articles import Found, display_path
from feedwright.clock import Clock
from feedwright.config import Config

#: ``settle_seconds`` when the config does not give it.
DEFAULT_SETTLE_SECONDS = 2.0


@dataclass
class Settling:
    """The articles of a run split into those ready to read and those that wait."""

    ready: list[Found] = field(default_factory=list)
    #: Sources of the articles that wait for the next run.
    waiting: set[str] = field(default_factory=set)
    #: One line for each waiting article (told with ``-v``).
    notes: list[str] = field(default_factory=list)


def settle_seconds(config: Config) -> float:
    """How long after its last modification an article is read."""
    seconds = config.settle_seconds
    return DEFAULT_SETTLE_SECONDS if seconds is None else seconds


def split_settled(config: Config, found: list[Found], *, clock: Clock) -> Settling:
    """Split ``found`` into the articles to read now and those modified too recently."""
    window_ns = int(settle_seconds(config) * 1e9)
    split = Settling()
    if window_ns <= 0:
        split.ready = found
        return split
    now_ns = clock.wall_ns()
    for item in found:
        age_ns = now_ns - item.key.mtime_ns
        # A modification time far in the future is a skewed clock or an odd archive, not
        # a file being written: waiting for it could last for ever.
        if -window_ns < age_ns < window_ns:
            split.waiting.add(item.source)
            split.notes.append(
                f"{display_path(item.path)}: modified {max(age_ns, 0) / 1e9:.1f} s ago, "
                "waits for the next run"
            )
        else:
            split.ready.append(item)
    return split
