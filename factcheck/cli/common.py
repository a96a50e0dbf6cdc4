"""What every command shares: opening the registry and reporting user errors."""

from __future__ import annotations

import re

import click

from ..registry import Registry, RegistryError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Strip terminal control characters from untrusted text before it is printed."""
    return _CONTROL.sub("", text)


def open_registry(ctx: click.Context) -> Registry:
    """The registry named by ``--db``/``$FACTCHECK_DB``, or a one-line error and exit 2."""
    path = ctx.find_root().obj["db_path"]
    try:
        return Registry(path)
    except RegistryError as exc:
        raise click.ClickException(safe(str(exc))) from None


def error_line(path: str, reason: str) -> None:
    """One line on stderr naming the file and the reason; the run goes on."""
    click.echo(f"factcheck: {safe(path)}: {safe(reason)}", err=True)
