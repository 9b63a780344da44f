"""Prove a loader change leaves every result as it was: dump every entry, then compare.

Usage:
    python bench/loader_diff.py write SNAPSHOT.json [DIR ...]   # before the change
    python bench/loader_diff.py check SNAPSHOT.json             # after it: the same files

Each DIR is read recursively (every file but ``*.json``); ``tests/articles`` is always
included. For each file the snapshot holds every field of the :class:`Entry` that
``parse_article`` returns (datetimes with their zone), or the error it raised. The compare
run reads the same files again and prints each difference, field by field; it exits 1 when
there is one. Keep snapshots outside the repository: they hold the articles' text.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from feedwright.errors import ArticleError
from feedwright.loader.parse import parse_article

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "tests" / "articles"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return [value.isoformat(), repr(value.tzinfo)]
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def result(path: Path) -> dict[str, Any]:
    """What the loader makes of one file, as JSON values."""
    try:
        entry = parse_article(path.read_bytes(), source=path.name)
    except ArticleError as e:
        return {"error": str(e)}
    return {f.name: _plain(getattr(entry, f.name)) for f in dataclasses.fields(entry)}


def files(dirs: list[Path]) -> list[Path]:
    found = [p for d in dirs for p in sorted(d.rglob("*")) if p.is_file()]
    return [p for p in found if p.suffix != ".json"]


def write(snapshot: Path, dirs: list[Path]) -> None:
    dirs = [d.resolve() for d in [FIXTURES, *dirs]]
    paths = files(dirs)
    entries = {str(p): result(p) for p in paths}
    out = {"dirs": [str(d) for d in dirs], "entries": entries}
    snapshot.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True))
    print(f"{len(paths)} files written to {snapshot}")


def check(snapshot: Path) -> int:
    """Print each difference from ``snapshot``; how many files differ."""
    old = json.loads(snapshot.read_text())
    paths = files([Path(d) for d in old["dirs"]])
    before: dict[str, Any] = old["entries"]
    differ = 0
    if sorted(map(str, paths)) != sorted(before):
        print(f"the files differ: {len(paths)} now, {len(before)} in the snapshot")
        differ += 1
    for path in paths:
        now, was = result(path), before.get(str(path), {})
        if now == was:
            continue
        differ += 1
        print(f"--- {path}")
        for key in sorted(set(now) | set(was)):
            if now.get(key) != was.get(key):
                print(f"  {key}:\n    was: {was.get(key)!r}\n    now: {now.get(key)!r}")
    print(f"{len(paths)} files, {differ} differ")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("write", "check"))
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("dirs", nargs="*", type=Path)
    args = parser.parse_args()
    if args.action == "write":
        write(args.snapshot, args.dirs)
    else:
        if args.dirs:
            parser.error("check reads the folders the snapshot names")
        sys.exit(1 if check(args.snapshot) else 0)


if __name__ == "__main__":
    main()
