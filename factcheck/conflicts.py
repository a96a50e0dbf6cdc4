"""The query every reader of the matcher's output shares: CLI, reports and the TUI.

``group_records`` returns exactly the objects ``factcheck conflicts --json``
prints, ranked by severity (highest first, then id so the order is stable).
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

VERDICTS = ("conflict", "consistent", "evolving")

_GROUP_COLUMNS = (
    "id, verdict, severity, confidence, quantity, explanation, kind, unit, signature, state, "
    "updated_at"
)
_CLAIM_SQL = """
SELECT gc.group_id, gc.score, gc.evidence, c.id, c.source_id, s.path AS source, s.title,
       s.outlet, s.published, c.start, c."end", c.sentence_start, c.sentence_end, c.text,
       c.sentence, c.value, c.low, c.high, c.low_inclusive, c.high_inclusive, c.qualifier,
       c.unit, c.kind, c.counted, c.predicate
FROM group_claims gc
JOIN claims c ON c.id = gc.claim_id
JOIN sources s ON s.id = c.source_id
WHERE gc.group_id IN ({marks})
ORDER BY s.path, c.start
"""


def group_records(
    db: sqlite_utils.Database,
    *,
    verdict: str = "conflict",
    min_severity: float = 0.0,
    include_retired: bool = False,
) -> list[dict[str, Any]]:
    """Groups with their claims, most severe first.

    ``verdict`` is one of conflict / consistent / evolving / all. Each claim carries
    its source path and offsets (``text == source_text[start:end]``), its sentence,
    figure, interval and the membership evidence recorded by the matcher.
    """
    if verdict != "all" and verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}")
    clauses, params = ["COALESCE(severity, 0) >= ?"], [min_severity]
    if verdict != "all":
        clauses.append("verdict = ?")
        params.append(verdict)
    if not include_retired:
        clauses.append("state = 'active'")
    groups = [
        dict(row)
        for row in db.query(
            f"SELECT {_GROUP_COLUMNS} FROM groups WHERE {' AND '.join(clauses)} "
            "ORDER BY severity DESC, id",
            params,
        )
    ]
    by_id = {g["id"]: g for g in groups}
    for g in groups:
        g["claims"] = []
    ids = list(by_id)
    for offset in range(0, len(ids), 500):  # stay under SQLite's parameter limit
        chunk = ids[offset : offset + 500]
        sql = _CLAIM_SQL.format(marks=",".join("?" * len(chunk)))
        for row in db.query(sql, chunk):
            claim = dict(row)
            gid = claim.pop("group_id")
            claim["evidence"] = json.loads(claim["evidence"]) if claim["evidence"] else {}
            claim["low_inclusive"] = bool(claim["low_inclusive"])
            claim["high_inclusive"] = bool(claim["high_inclusive"])
            by_id[gid]["claims"].append(claim)
    return groups
