"""The README documents every command, option and config key (as sqlite-utils'
``tests/test_docs.py`` does): a new option without a line in the README fails here."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import click
import pytest

from feedwright.cli import main
from feedwright.config import Config

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
#: The paragraph under the commands table, about options several commands share.
COMMON = README.split("\n| `feedwright ")[-1].split("\n\n", 2)[1]
#: Config fields that are not keys of feedwright.toml (where the config came from).
NOT_KEYS = {"source", "defaulted"}


def _commands() -> list[tuple[str, click.Command]]:
    assert isinstance(main, click.Group)
    context = click.Context(main)
    found = [(name, main.get_command(context, name)) for name in main.list_commands(context)]
    return [(name, command) for name, command in found if command is not None]


def _rows(command: str) -> str:
    """The commands table's rows for ``feedwright COMMAND``."""
    prefix = f"| `feedwright {command}" if command else "| `feedwright"
    return "\n".join(line for line in README.splitlines() if line.startswith(prefix))


def _options() -> list[tuple[str, str]]:
    found = []
    for name, command in _commands():
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                found += [(name, opt) for opt in param.opts + param.secondary_opts]
    for param in main.params:
        if isinstance(param, click.Option):
            found += [("", opt) for opt in param.opts]
    return found


@pytest.mark.parametrize(("name", "command"), _commands())
def test_every_command_is_in_the_commands_table(name: str, command: click.Command) -> None:
    assert f"| `feedwright {name}" in README, f"feedwright {name} has no row in the README"
    assert command.help, f"feedwright {name} has no --help text"


@pytest.mark.parametrize(("command", "option"), _options())
def test_every_option_is_documented(command: str, option: str) -> None:
    # Documented where a reader of the command looks: its rows of the commands table
    # (`feedwright build --check`), or the line under it for what every command shares.
    pattern = rf"`[^`\n]*(?<![\w-]){re.escape(option)}(?![\w-])[^`\n]*`"
    where = _rows(command) + "\n" + COMMON
    assert re.search(pattern, where), f"feedwright {command} {option} is not in the README"


@pytest.mark.parametrize("key", sorted(f.name for f in fields(Config) if f.name not in NOT_KEYS))
def test_every_config_key_is_in_the_config_table(key: str) -> None:
    assert re.search(rf"^\| `{re.escape(key)}` \|", README, re.MULTILINE), (
        f"config key {key} has no row in the README's configuration table"
    )
