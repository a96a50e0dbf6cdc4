"""``factcheck review``: open the Textual review app on the registry."""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from . import cli
from .common import open_registry, safe


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "anonymous"


@cli.command("review")
@click.option(
    "--reviewer",
    default=_default_reviewer,
    show_default="$USER",
    help="Name recorded with every decision.",
)
@click.pass_context
def review_cmd(ctx: click.Context, reviewer: str) -> None:
    """Work through the discrepancy queue: confirm, dismiss, split, annotate."""
    from ..tui.app import ReviewApp

    if not Path(ctx.find_root().obj["db_path"]).exists():
        raise click.ClickException(
            f"no registry at {safe(ctx.find_root().obj['db_path'])}: "
            "run `factcheck check PATH...` first (or pass --db)"
        )
    registry = open_registry(ctx)  # reports an unusable file as one line, exit 1
    path = registry.path
    registry.close()
    ReviewApp(path, reviewer=reviewer).run()
