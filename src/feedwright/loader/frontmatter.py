"""Front matter blocks: YAML between ``---`` fences, TOML between ``+++`` fences (Hugo, Zola)."""

from __future__ import annotations

import re
import sys
from typing import Any

from feedwright.errors import ArticleError
from feedwright.loader.tomlerrors import toml_problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # the same parser, before it joined the standard library
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

YAML_FENCE = re.compile(r"^---[ \t]*$")
TOML_FENCE = re.compile(r"^\+\+\+[ \t]*$")
_YAML_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
#: Front matter longer than this is refused before it is parsed (its parsers are slow).
MAX_FRONT_MATTER = 64 * 1024


def read_front_matter(lines: list[str], *, source: str) -> tuple[dict[Any, Any], int]:
    """The mapping in the front matter that opens ``lines``, and the index of its closing fence.

    Raises:
        ArticleError: the block is never closed, is not valid YAML/TOML, or is not a mapping.
    """
    toml = bool(TOML_FENCE.match(lines[0]))
    end_fence = TOML_FENCE if toml else _YAML_END
    end = next((i for i in range(1, len(lines)) if end_fence.match(lines[i])), None)
    if end is None:
        fence = "+++" if toml else "---"
        raise ArticleError(
            f"front matter opened with '{fence}' is never closed", path=source, line=1
        )
    block = "\n".join(lines[1:end])
    if len(block) > MAX_FRONT_MATTER:
        raise ArticleError(
            f"front matter is {len(block):,} characters; more than "
            f"{MAX_FRONT_MATTER:,} is refused (it is a few keys, not the article)",
            path=source,
            line=1,
        )
    try:
        data = _toml(block, source=source) if toml else _yaml(block, source=source)
    except RecursionError as e:  # a parser that recurses once per "[" (tomllib does)
        raise ArticleError("malformed front matter: nested too deeply", path=source, line=1) from e
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError("front matter must be a mapping of keys to values", path=source, line=2)
    return data, end


def _yaml(block: str, *, source: str) -> object:
    from feedwright.loader.safeyaml import load_front_matter  # PyYAML: only when needed

    return load_front_matter(block, source=source)


def _toml(block: str, *, source: str) -> object:
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as e:
        problem, line = toml_problem(e)
        # The block starts on line 2; "at end of document" is where the block closes.
        line = block.count("\n") + 3 if line is None else line + 1
        raise ArticleError(f"malformed front matter: {problem}", path=source, line=line) from e
