"""feedwright: turn a folder of articles into valid, stable Atom and RSS feeds."""

from __future__ import annotations

__version__ = "0.1.0"
