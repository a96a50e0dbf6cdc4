"""One CSV row per claim in a group, for spreadsheets.

Cells holding article text are guarded against spreadsheet formula injection:
a text cell that starts with ``= + - @`` (or a tab/carriage return) is prefixed
with an apostrophe, the convention spreadsheets read as "this is text".
"""

from __future__ import annotations

import csv
import io
from typing import Any

GROUP_COLUMNS = (
    "group_id",
    "verdict",
    "severity",
    "confidence",
    "quantity",
    "explanation",
    "status",
    "latest_decision",
    "right_claim_id",
)
CLAIM_COLUMNS = (
    "claim_id",
    "source",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "kind",
    "sentence",
)
COLUMNS = GROUP_COLUMNS + CLAIM_COLUMNS
_TEXT_COLUMNS = {"quantity", "explanation", "source", "text", "sentence"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(column: str, value: Any) -> Any:
    if value is None:
        return ""
    if column in _TEXT_COLUMNS and str(value).startswith(_FORMULA_START):
        return "'" + str(value)
    return value


def rows(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The table as dicts keyed by :data:`COLUMNS`, in report order."""
    out = []
    for g in groups:
        decision = g["latest_decision"] or {}
        for c in g["claims"]:
            out.append(
                {
                    "group_id": g["id"],
                    "verdict": g.get("verdict"),
                    "severity": g.get("severity"),
                    "confidence": g.get("confidence"),
                    "quantity": g.get("quantity"),
                    "explanation": g.get("explanation"),
                    "status": g["status"],
                    "latest_decision": decision.get("decision"),
                    "right_claim_id": decision.get("right_claim_id"),
                    **{k: c.get(k) for k in CLAIM_COLUMNS},
                    "claim_id": c["id"],
                }
            )
    return out


def render(groups: list[dict[str, Any]], sources: list[dict[str, Any]], filters: dict) -> str:
    """CSV text with a header row; ``\\n`` line ends so reports diff cleanly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows(groups):
        writer.writerow([_cell(col, row[col]) for col in COLUMNS])
    return buf.getvalue()
