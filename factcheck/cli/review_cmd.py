"""``factcheck review``: open the Textual review app on the registry."""

from __future__ import annotations

import getpass

import click

from . import cli
from .common import open_registry


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

    registry = open_registry(ctx)  # reports an unusable file as one line, exit 1
    path = registry.path
    registry.close()
    ReviewApp(path, reviewer=reviewer).run()
