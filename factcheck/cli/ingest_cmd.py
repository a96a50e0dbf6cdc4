"""``factcheck ingest`` and ``factcheck claims``: filling and listing the registry."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..formatting import figure, interval
from ..ingest import IngestReport, ingest_paths
from ..models import KINDS
from ..registry import Registry
from . import cli
from .common import error_line, open_registry, safe

PROGRESS_MIN_FILES = 20  # a bar for fewer files only flickers


def run_ingest(registry: Registry, paths: tuple[str, ...], jobs: int) -> IngestReport:
    """Ingest with a progress bar on long interactive runs and one error line per bad input.

    Shared by ``ingest`` and ``check`` so both report the same way.
    """
    console = Console(stderr=True)
    progress = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    task = progress.add_task("ingesting", total=None)

    def started(total: int) -> None:
        progress.update(task, total=total)
        if total >= PROGRESS_MIN_FILES:
            progress.start()

    with progress:
        report = ingest_paths(
            registry,
            paths,
            jobs=jobs,
            on_start=started,
            on_file=lambda _path: progress.advance(task),
            on_error=error_line,
        )
    click.echo(report.summary())
    return report


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-j", "--jobs", default=1, show_default=True, type=click.IntRange(1), help="Worker processes."
)
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], jobs: int) -> None:
    """Read article files and folders (recursively, *.txt) into the registry.

    \b
    Example:
        factcheck ingest seeds/
        factcheck --db news.db ingest today/*.txt -j 2
    """
    registry = open_registry(ctx)
    report = run_ingest(registry, paths, jobs)
    if report.errors:
        sys.exit(1)


@cli.command()
@click.option("--source", help="Only claims of this source (id, path, or file name).")
@click.option("--kind", type=click.Choice(KINDS), help="Only claims of this kind.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per claim, all fields.")
@click.pass_context
def claims(ctx: click.Context, source: str | None, kind: str | None, as_json: bool) -> None:
    """List the claims in the registry.

    \b
    Example:
        factcheck claims --kind money
        factcheck claims --source 001_8ee40d0dd0f31e59.txt --json | jq .value
    """
    registry = open_registry(ctx)
    rows = registry.claims(source=source, kind=kind)
    if as_json:
        click.echo("[")
        first = True
        for row in rows:
            row["mentions"] = registry.mentions(row["id"])
            click.echo(("" if first else ",\n") + json.dumps(row, ensure_ascii=False), nl=False)
            first = False
        click.echo("\n]")
        return
    table = Table("source", "text", "figure", "interval", "kind", "unit", "counted", "predicate")
    for row in rows:
        table.add_row(
            *(
                escape(safe(str(v))) if v is not None else ""
                for v in (
                    row["source"],
                    row["text"],
                    figure(row),
                    interval(row),
                    row["kind"],
                    row["unit"],
                    row["counted"],
                    row["predicate"],
                )
            )
        )
    Console().print(table)
