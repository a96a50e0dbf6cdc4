"""The ``factcheck`` command: a thin click layer over the library API.

Each command lives in a module named for its stage; this package only builds
the group and registers them. Errors a user can cause are reported as one line
(``factcheck: <file>: <reason>``) and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import click

from ..registry import DEFAULT_DB


def _command_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.find_root().obj["db_path"] = value


class _Commands(click.Group):
    """The group, whose every command also takes ``--db`` after its name.

    The issues spell commands as ``factcheck review --db PATH``; without this, click
    accepts ``--db`` only before the command (``factcheck --db PATH review``).
    """

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.append(
            click.Option(
                ["--db"],
                type=click.Path(dir_okay=False),
                expose_value=False,
                callback=_command_db,
                help="Registry file (SQLite), as the same option before the command.",
            )
        )
        super().add_command(cmd, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    envvar="FACTCHECK_DB",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Registry file (SQLite). Also read from $FACTCHECK_DB.",
)
@click.version_option(package_name="factcheck")
@click.pass_context
def cli(ctx: click.Context, db_path: str) -> None:
    """Find, match and review the numeric claims news articles make."""
    ctx.obj = {"db_path": db_path}


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="factcheck")


# Commands register themselves on ``cli`` when their module is imported.
from . import ingest_cmd, match_cmd, report_cmd, review_cmd  # noqa: E402,F401
