"""YAML front matter without bombs: no aliases, bounded nesting, and values that cannot fail.
The one module that imports PyYAML.

``yaml.safe_load`` expands aliases (416 bytes of ``&a [*b, *b, ...]`` took 63 s and 2.9 GB),
recurses once per nesting level (10,000 ``[`` raised RecursionError), and raises plain
``ValueError`` for a date that does not exist (``2024-13-45``) or an integer over Python's
4,300-digit limit. Front matter is a handful of keys: none of that is needed to read it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import Node, ScalarNode

from feedwright.errors import ArticleError

#: Nesting deeper than this is refused (front matter is keys, lists and small mappings).
MAX_DEPTH = 32


class FrontMatterLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses aliases and deep nesting, and whose scalars that
    cannot be built (impossible dates, huge integers) are errors with a line, not crashes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise ConstructorError(None, None, "aliases (*name) are not allowed", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise ConstructorError(
                    None,
                    None,
                    f"nested more than {MAX_DEPTH} levels deep",
                    event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _guarded(
    build: Callable[[yaml.SafeLoader, ScalarNode], Any], what: str
) -> Callable[[yaml.SafeLoader, ScalarNode], Any]:
    def construct(loader: yaml.SafeLoader, node: ScalarNode) -> Any:
        try:
            return build(loader, node)
        except (ValueError, OverflowError) as e:
            value = node.value if len(node.value) <= 40 else node.value[:39] + "…"
            reason = str(e).split(":", 1)[0]  # Python's int limit goes on to advise
            raise ConstructorError(
                None, None, f"{what} {value!r} cannot be read ({reason})", node.start_mark
            ) from e

    return construct


FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    _guarded(yaml.SafeLoader.construct_yaml_timestamp, "date"),
)
FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:int",
    _guarded(yaml.SafeLoader.construct_yaml_int, "number"),
)
FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:float",
    _guarded(yaml.SafeLoader.construct_yaml_float, "number"),
)


def load_front_matter(block: str, *, source: str) -> object:
    """The YAML document ``block``, read by :class:`FrontMatterLoader`.

    Raises:
        ArticleError: not valid YAML, or an alias, deep nesting or unreadable value; its
            line is the article's (the block starts on line 2).
    """
    loader = FrontMatterLoader(block)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(e, "problem", None) or "not valid YAML"
        # "while parsing a flow sequence" + its start line points at the real mistake (an
        # unclosed "[") when the problem is only noticed lines later.
        context, start = getattr(e, "context", None), getattr(e, "context_mark", None)
        if context and start is not None and start.line + 2 != line:
            problem += f" ({context} started on line {start.line + 2})"
        raise ArticleError(f"malformed front matter: {problem}", path=source, line=line) from e
    finally:
        loader.dispose()
