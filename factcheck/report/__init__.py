"""Reports of the registry's groups: Markdown, JSON, CSV and schema.org ClaimReview.

Every format renders the same records (:func:`records.report_records`), so the
formats never disagree about what a group contains or what its status is. The
output depends only on the registry: the same registry gives byte-identical
reports, which can then be diffed and versioned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlite_utils

from . import claimreview, csv_report, json_report, markdown
from .json_report import SCHEMA_PATH, SCHEMA_VERSION
from .records import report_records, source_records

Renderer = Callable[[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]], str]

FORMATS: dict[str, Renderer] = {
    "md": markdown.render,
    "json": json_report.render,
    "csv": csv_report.render,
    "claimreview": claimreview.render,
}


def render(
    db: sqlite_utils.Database,
    fmt: str,
    *,
    verdict: str | None = None,
    status: str | None = None,
) -> str:
    """The report of ``db`` in format ``fmt`` (one of :data:`FORMATS`), as text.

    ``verdict`` (conflict, consistent, evolving) and ``status`` (open,
    confirmed, dismissed) filter the groups; ``None`` or ``"all"`` keeps all.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    groups = report_records(db, verdict=verdict, status=status)
    sources = source_records(db, {c["source"] for g in groups for c in g["claims"]})
    filters = {"verdict": verdict or "all", "status": status or "all"}
    return FORMATS[fmt](groups, sources, filters)


__all__ = ["FORMATS", "SCHEMA_PATH", "SCHEMA_VERSION", "render", "report_records"]
