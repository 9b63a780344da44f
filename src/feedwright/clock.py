"""The one clock a build reads: its instant, and the wall time files are compared with.

A build needs the time for two things. Its *instant* (:attr:`Clock.epoch`) dates new and
edited articles in the ledger and decides whether a scheduled article is due;
``SOURCE_DATE_EPOCH`` fixes it for reproducible builds. The *wall time*
(:meth:`Clock.wall_ns`) is what file times are compared with: a file is *settled* when it
last changed more than :data:`SETTLE_NS` ago, so that a later change could not hide
inside the same tick of a coarse file-system clock. Only settled files are trusted by
their identity alone (git's "racy" index entries are the unsettled ones).

Tests pass a clock of their own (a subclass whose wall time runs ahead) instead of
sleeping. Imports only ``os`` and ``time``: the quiet-run shortcut reads it before
anything else is loaded.
"""

from __future__ import annotations

import os
import time

#: How long after its last change a file's identity is trusted without its content.
SETTLE_NS = 2_000_000_000
#: 3000-01-01T00:00:00Z: the ledger keeps instants before the year 3000, so the clock must
#: be before it too (and after 1970, where datetime and every platform agree).
END_EPOCH = 32_503_680_000


class Clock:
    """A build's instant (whole epoch seconds) and the wall time now."""

    def __init__(self, epoch: int) -> None:
        #: The build's instant in epoch seconds.
        self.epoch = epoch

    @classmethod
    def from_environment(cls) -> Clock:
        """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds, tests).

        Raises:
            ValueError: ``SOURCE_DATE_EPOCH`` is not an integer from 0 to before
                :data:`END_EPOCH`.
        """
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if not epoch:
            return cls(int(time.time()))
        seconds = int(epoch)
        if not 0 <= seconds < END_EPOCH:
            raise ValueError(f"SOURCE_DATE_EPOCH out of range: {seconds}")
        return cls(seconds)

    def wall_ns(self) -> int:
        """The wall time now, in epoch nanoseconds (what file times are compared with)."""
        return time.time_ns()

    @staticmethod
    def settled(changed_ns: int, at_ns: int) -> bool:
        """True if a file last changed at ``changed_ns`` is settled at wall time ``at_ns``."""
        return changed_ns < at_ns - SETTLE_NS
