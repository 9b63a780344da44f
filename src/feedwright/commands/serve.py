"""``feedwright serve``: preview the feeds over HTTP, rebuilding them as articles change."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

import click

from feedwright.cli import EXIT_FAILED, clock, config_option, err, rel, site_config
from feedwright.commands.build import tell
from feedwright.config import Config
from feedwright.errors import FeedwrightError
from feedwright.pipeline import run_build
from feedwright.publish import build_lock
from feedwright.serve import make_server
from feedwright.serve import watch as watch_paths
from feedwright.settling import settle_seconds


@click.command()
@config_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to serve (default: the config's out folder).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0: any free."
)
@click.option(
    "--watch",
    is_flag=True,
    help="Build now, and again whenever an article or the config file changes.",
)
@click.option("-v", "--verbose", count=True, help="Also log every request.")
def serve(
    config_path: Path | None, out: Path | None, host: str, port: int, watch: bool, verbose: int
) -> None:
    """Preview the feeds folder over HTTP, with feed media types, 304s and gzip.

    Only the folder's own files are served. With --watch the old files are served until
    a rebuild has put the new ones in place.
    """
    stop = threading.Event()
    try:
        config = site_config(config_path, None, out, verbose)
        if watch:
            # Watching starts before the first build, so no change in between is missed.
            _start_watching(config, lambda: _serve_build(config_path, out), stop)
            _serve_build(config_path, out)
        server = make_server(config.out, host=host, port=port, log=err if verbose else None)
    except (FeedwrightError, OSError) as e:
        stop.set()
        err(str(e))
        sys.exit(EXIT_FAILED)
    bound_host, bound_port = str(server.server_address[0]), server.server_address[1]
    click.echo(
        f"feedwright: serving {rel(config.out)} at http://{bound_host}:{bound_port}/"
        " (Ctrl-C to stop)"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()


def _start_watching(config: Config, rebuild: Callable[[], None], stop: threading.Event) -> None:
    """Call ``rebuild`` (in a thread of its own) whenever an article or the config changes."""
    paths = [(config.articles, True)]
    if config.source is not None:
        # The folder, not the file: editors save by replacing the file.
        paths.append((config.source.parent, False))
    source, articles = str(config.source), config.articles

    def accept(name: str) -> bool:
        return name == source or Path(name).is_relative_to(articles)

    threading.Thread(
        target=watch_paths,
        args=(paths, lambda _changed: rebuild()),
        kwargs={"stop": stop, "accept": accept},
        daemon=True,
    ).start()


def _serve_build(config_path: Path | None, out: Path | None) -> None:
    """One build for ``serve --watch``, config read afresh; problems are told, never fatal."""
    try:
        config = site_config(config_path, None, out, -1)
        with build_lock(config.ledger.with_name(".feedwright.lock"), timeout=60):
            report = run_build(config, clock=clock(), stamp=config_path is None and out is None)
    except FeedwrightError as e:
        err(f"{e} (still serving the previous files)")
        return
    except Exception as e:
        err(
            f"feedwright: internal error: {type(e).__name__}: {e}"
            " (still serving the previous files)"
        )
        return
    for problem in report.problems:
        err(str(problem))
    tell(report, config, level=0, check=False)
    if report.waiting:
        # Articles saved a moment ago wait (settle_seconds), and no further change may come
        # to trigger a rebuild: build again once they have settled.
        timer = threading.Timer(settle_seconds(config) + 0.2, _serve_build, (config_path, out))
        timer.daemon = True
        timer.start()
