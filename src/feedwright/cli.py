"""The ``feedwright`` command group, and what its commands share: the clock, the config,
messages and exit codes.

Each command lives in its own module under :mod:`feedwright.commands`, imported only
when it runs (or ``--help`` lists it): ``feedwright validate`` never loads the build
pipeline, nor ``feedwright build`` the web server. With those modules and the console
script's quiet-run shortcut (:mod:`feedwright.shortcut`), this is the only place that
prints, exits or reads the clock.

Exit codes: 0 everything published; 1 some articles were newly skipped (the rest published;
a bad article fails the run that meets it or its change, not every run), or
``--check`` found stale feeds, or ``validate`` found problems; 2 nothing published
(configuration error, refusal, lock timeout, usage error).
"""

from __future__ import annotations

import importlib
import os
from dataclasses import replace
from pathlib import Path

import click

from feedwright import __version__
from feedwright.clock import END_EPOCH, Clock
from feedwright.config import Config, load_config
from feedwright.errors import ConfigError, quote_name
from feedwright.layout import CONFIG_NAME

EXIT_SKIPPED, EXIT_FAILED = 1, 2

#: Each command and the module that defines it (as a function of the same name).
_COMMANDS = {
    "build": "feedwright.commands.build",
    "check": "feedwright.commands.check",
    "inspect": "feedwright.commands.inspect",
    "serve": "feedwright.commands.serve",
    "validate": "feedwright.commands.validate",
}


class _Commands(click.Group):
    """A group that imports a command's module only when the command is asked for."""

    def list_commands(self, _ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, _ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        command = getattr(importlib.import_module(_COMMANDS[cmd_name]), cmd_name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="feedwright")
def main() -> None:
    """Turn a folder of articles into valid, stable Atom and RSS feeds."""


def clock() -> Clock:
    """The build clock: the one given as click's context object (tests), or the real one.

    Raises:
        ConfigError: ``SOURCE_DATE_EPOCH`` is set but not an integer in the clock's range.
    """
    # No context in serve's rebuild thread: the real clock there.
    context = click.get_current_context(silent=True)
    given = context.find_object(Clock) if context is not None else None
    if given is not None:
        return given
    try:
        return Clock.from_environment()
    except ValueError as e:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        raise ConfigError(
            f"not a whole number of seconds from 0 to {END_EPOCH - 1} (before the year 3000): "
            f"{epoch!r}",
            path="SOURCE_DATE_EPOCH",
        ) from e


def err(message: str) -> None:
    """Print one line on stderr."""
    click.echo(message, err=True)


def site_config(
    config_path: Path | None, articles: Path | None, out: Path | None, verbose: int
) -> Config:
    """The config a command runs with: the file (or the defaults, said unless ``verbose``
    is below 0), with the folders given on the command line.

    Raises:
        ConfigError: see :func:`feedwright.config.load_config`.
    """
    config = load_config(config_path, root=Path.cwd())
    if articles is not None:
        config = replace(config, articles=articles.resolve())
    if out is not None:
        config = replace(config, out=out.resolve())
    if config.source is None and verbose >= 0:
        err(
            f"feedwright: no {CONFIG_NAME}; using defaults (site_url {config.site_url}, "
            f"title {config.title!r}, timezone {config.timezone}, "
            f"{config.max_entries} entries)"
        )
    return config


def seconds(_context: click.Context, param: click.Parameter, value: float) -> float:
    """A number of seconds to wait: 0 or more (``inf``: wait for ever), never NaN."""
    if not value >= 0:  # also catches NaN, which the lock library refuses with a crash
        raise click.BadParameter(
            f"must be a number of seconds, 0 or more, not {value:g}", param=param
        )
    return value


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help=f"Config file (default: ./{CONFIG_NAME} if present).",
)


def rel(path: Path) -> str:
    """``path`` as messages name it: relative to the working folder when under it."""
    try:
        shown = path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = str(path)
    return quote_name(shown)
