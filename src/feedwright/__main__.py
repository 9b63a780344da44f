"""Allow ``python -m feedwright``."""

from __future__ import annotations

from feedwright.shortcut import main

if __name__ == "__main__":
    main()
