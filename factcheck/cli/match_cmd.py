"""``factcheck match``, ``check`` and ``conflicts``: building groups and showing them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..conflicts import VERDICTS, group_records
from ..formatting import figure
from ..match import match_registry
from . import cli
from .common import open_registry, safe
from .ingest_cmd import run_ingest


def _clean(text: Any) -> str:
    """Untrusted article text made safe for Rich markup and the terminal, on one line."""
    return escape(safe(" ".join(str(text or "").split())))


def print_groups(console: Console, groups: list[dict[str, Any]]) -> None:
    """Each group with its explanation, then every claim's source, figure and sentence."""
    for rank, g in enumerate(groups, 1):
        console.print(
            f"[bold]{rank}. {g['verdict']}[/bold] severity {g['severity']:.2f} "
            f"confidence {g['confidence']:.2f}  [dim]{g['id']}[/dim]\n"
            f"   {_clean(g['explanation'])}"
        )
        for c in g["claims"]:
            console.print(
                f"   - [cyan]{_clean(c['source'])}[/cyan] @{c['start']}-{c['end']} "
                f"[bold]{_clean(figure(c, with_unit=True))}[/bold]: {_clean(c['sentence'])}",
                overflow="fold",
            )
        console.print()


def groups_table(groups: list[dict[str, Any]]) -> Table:
    table = Table("#", "verdict", "severity", "conf.", "quantity", "explanation", "claims")
    for rank, g in enumerate(groups, 1):
        claims = "\n".join(
            f"{_clean(Path(c['source']).name)}: {_clean(figure(c, with_unit=True))}"
            for c in g["claims"]
        )
        table.add_row(
            str(rank),
            g["verdict"],
            f"{g['severity']:.2f}",
            f"{g['confidence']:.2f}",
            _clean(g["quantity"]),
            _clean(g["explanation"]),
            claims,
        )
    return table


@cli.command()
@click.pass_context
def match(ctx: click.Context) -> None:
    """(Re)build the groups of claims about the same quantity of the same event.

    \b
    Example:
        factcheck ingest seeds/ && factcheck match
    """
    registry = open_registry(ctx)
    report = match_registry(registry.db)
    click.echo(f"{report.summary()} in {report.seconds:.2f}s")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-j", "--jobs", default=1, show_default=True, type=click.IntRange(1), help="Worker processes."
)
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], jobs: int) -> None:
    """Ingest articles, match their claims and print the conflicts, most severe first.

    \b
    Example:
        factcheck check seeds/
    """
    registry = open_registry(ctx)
    ingested = run_ingest(registry, paths, jobs)
    report = match_registry(registry.db)
    click.echo(report.summary())
    groups = group_records(registry.db, verdict="conflict")
    console = Console(highlight=False)
    if not groups:
        console.print("no conflicts found")
    print_groups(console, groups)
    if ingested.errors:
        sys.exit(1)


@cli.command()
@click.option(
    "--verdict",
    type=click.Choice([*VERDICTS, "all"]),
    default="conflict",
    show_default=True,
    help="Which groups to list.",
)
@click.option("--min-severity", type=float, default=0.0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="A JSON array of groups with their claims.")
@click.pass_context
def conflicts(ctx: click.Context, verdict: str, min_severity: float, as_json: bool) -> None:
    """List matched groups ranked by severity (conflicts by default).

    \b
    Example:
        factcheck conflicts --verdict all --min-severity 0.2
        factcheck conflicts --json | jq '.[0].explanation'
    """
    registry = open_registry(ctx)
    groups = group_records(registry.db, verdict=verdict, min_severity=min_severity)
    if as_json:
        click.echo(json.dumps(groups, ensure_ascii=False, indent=2))
        return
    Console(highlight=False).print(groups_table(groups))
