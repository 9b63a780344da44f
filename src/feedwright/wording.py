"""How the command counts and says things, shared by the CLI and the quiet-run shortcut.

No imports: quiet runs read this before anything else is loaded.
"""

from __future__ import annotations


def entries(count: int) -> str:
    """``1 entry``, ``3 entries``: how the CLI counts entries."""
    return f"{count} entry" if count == 1 else f"{count} entries"
