"""The versioned JSON report: ``conflicts --json`` objects plus their review history.

The shape is documented by ``factcheck/schemas/report.schema.json``; bump
:data:`SCHEMA_VERSION` whenever a field changes meaning or disappears (adding
a field is compatible and does not need a bump).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).parent.parent / "schemas" / "report.schema.json"
"""The JSON Schema of this report, shipped as package data."""


def build(groups: list[dict[str, Any]], sources: list[dict[str, Any]], filters: dict) -> dict:
    """The report document: the filters it was made with, the sources cited, the groups."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": "factcheck",
        "filters": filters,
        "sources": sources,
        "groups": groups,
    }


def render(groups: list[dict[str, Any]], sources: list[dict[str, Any]], filters: dict) -> str:
    """Stable JSON text: sorted keys, fixed indentation, a final newline."""
    doc = build(groups, sources, filters)
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
