"""``factcheck report`` and ``factcheck audit``: stable outputs for newsroom scripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..audit import audit, verify
from ..conflicts import VERDICTS as CONFLICT_VERDICTS
from ..report import FORMATS, render
from ..review import STATUSES
from . import cli
from .common import open_registry, safe

VERDICTS = (*CONFLICT_VERDICTS, "all")


@cli.command("report")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="md", show_default=True)
@click.option("--verdict", type=click.Choice(VERDICTS), default="all", show_default=True)
@click.option("--status", type=click.Choice([*STATUSES, "all"]), default="all", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout."
)
@click.pass_context
def report_cmd(ctx: click.Context, fmt: str, verdict: str, status: str, output: str | None) -> None:
    """Every group with its verdict, claims and review history, as md, json, csv or
    schema.org ClaimReview JSON-LD. The same registry always gives the same bytes."""
    registry = open_registry(ctx)
    try:
        text = render(registry.db, fmt, verdict=verdict, status=status)
    finally:
        registry.close()
    if output is None:
        click.echo(safe(text), nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise click.ClickException(f"{safe(output)}: {safe(exc.strerror or str(exc))}") from None


def _audit_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(
        title="Sources, most deviating first",
        caption="agree: corroborated by another origin; contra: contradicted; "
        "errors: confirmed by a reviewer",
    )
    table.add_column("source", overflow="fold")
    for name in ("claims", "agree", "contra", "unique", "errors", "deviation"):
        table.add_column(name, justify="right")
    for r in rows:
        source = r["source"] + (f" (copy of {r['origin']})" if r["origin"] != r["source"] else "")
        table.add_row(
            escape(safe(source)),
            str(r["claims"]),
            str(r["corroborated"]),
            str(r["contradicted"]),
            str(r["unique"]),
            str(r["confirmed_errors"]),
            f"{r['deviation']:.0%}",
        )
    return table


def _print_audit(console: Console, rows: list[dict[str, Any]]) -> None:
    console.print(_audit_table(rows))
    for r in rows:
        for c in r["contradictions"]:
            others = "; ".join(f"“{o['text']}” in {o['source']}" for o in c["against"])
            line = f"{r['source']}: “{c['text']}” ({c['quantity']}) contradicted by {others}"
            console.print(escape(safe(line)))
        for e in r["errors"]:
            right = f"“{e['right']['text']}” in {e['right']['source']}" if e["right"] else "none"
            line = f"{r['source']}: “{e['text']}” confirmed wrong by a reviewer (right: {right})"
            console.print(escape(safe(line)))
    worst = [r for r in rows if r["deviation"] > 0]
    if worst:
        console.print(escape(safe(f"Deviates most: {worst[0]['source']}")))


def _print_verify(console: Console, rows: list[dict[str, Any]]) -> None:
    for r in rows:
        if r["status"] != "ok":
            line = f"{r['status']}: {r['source']}: {'; '.join(r['problems'])}"
            console.print(escape(safe(line)))
    bad = sum(r["status"] != "ok" for r in rows)
    console.print(f"{len(rows)} sources checked, {bad} with problems")
    if rows and all(r["status"] == "missing" for r in rows):
        console.print("hint: relative source paths are read from the folder ingest ran in")


@cli.command("audit")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--verify",
    "verify_files",
    is_flag=True,
    help="Re-read every source file; exit 1 if any is changed, missing or tampered.",
)
@click.pass_context
def audit_cmd(ctx: click.Context, as_json: bool, verify_files: bool) -> None:
    """Per source: claims made, corroborated, contradicted, unique, confirmed errors.

    Syndicated copies (near-identical texts) count as one origin. With
    --verify, check instead that every source file and claim span is unchanged.
    """
    registry = open_registry(ctx)
    try:
        rows = verify(registry.db) if verify_files else audit(registry.db)
    finally:
        registry.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        console = Console()
        (_print_verify if verify_files else _print_audit)(console, rows)
    if verify_files and any(r["status"] != "ok" for r in rows):
        ctx.exit(1)
