"""SQL views for people who query the registry directly (sqlite3, Datasette).

- ``group_status``: every group's review status, written in SQL over the
  append-only ``reviews`` table exactly as :func:`factcheck.review.status_of`
  derives it: the latest status-setting decision that no ``undo`` cancelled,
  else ``open``. The decision -> status table is generated from
  :data:`factcheck.review.DECISIONS`, so the two cannot drift apart.
- ``open_conflicts``: active conflict groups nobody has decided on yet,
  most severe first: the review queue.
- ``claim_details``: one row per claim of a current source (per group it is in),
  with its source's metadata, its group's verdict and the group's status.

Views are recreated only when their SQL changed, so opening a registry does
not write to it once the views are in place.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

DATASETTE_METADATA = Path(__file__).with_name("datasette-metadata.json")
"""Column descriptions for Datasette: ``datasette claims.db -m <this path>``."""


def view_sql() -> dict[str, str]:
    """name -> SELECT of each view, in dependency order."""
    # imported here: review imports registry, which calls ensure_views at import time
    from .review import IN_FORCE, status_case_sql

    cases, decisions = status_case_sql()
    group_status = f"""SELECT d.group_id,
  COALESCE(CASE r.decision {cases} END, 'open') AS status,
  r.id AS review_id, r.decision, r.right_claim_id, r.reviewer, r.note,
  r.created_at AS decided_at
FROM (
  SELECT g.id AS group_id, (
    SELECT r.id FROM reviews r
    WHERE r.group_id = g.id AND r.decision IN ({decisions}) AND {IN_FORCE}
    ORDER BY r.id DESC LIMIT 1) AS review_id
  FROM groups g
) d LEFT JOIN reviews r ON r.id = d.review_id"""
    open_conflicts = """SELECT g.id, g.quantity, g.severity, g.confidence, g.explanation,
  g.kind, g.unit,
  (SELECT COUNT(*) FROM group_claims gc WHERE gc.group_id = g.id) AS claims,
  (SELECT group_concat(DISTINCT s.path) FROM group_claims gc
     JOIN claims c ON c.id = gc.claim_id JOIN sources s ON s.id = c.source_id
     WHERE gc.group_id = g.id) AS sources,
  (SELECT group_concat(c.text, ' | ') FROM group_claims gc
     JOIN claims c ON c.id = gc.claim_id WHERE gc.group_id = g.id) AS figures,
  st.status, g.updated_at
FROM groups g JOIN group_status st ON st.group_id = g.id
WHERE g.verdict = 'conflict' AND g.state = 'active' AND st.status = 'open'
ORDER BY g.severity DESC, g.id"""
    claim_details = """SELECT c.id AS claim_id, s.path AS source, s.outlet, s.title, s.published,
  c.start, c."end", c.text, c.value, c.low, c.high, c.qualifier, c.kind, c.unit,
  c.counted, c.predicate, c.sentence,
  m.group_id, m.quantity, m.verdict, m.severity, m.confidence,
  m.score AS match_score, m.evidence,
  st.status AS review_status, st.decision AS review_decision,
  CASE WHEN st.decision = 'right_figure' THEN st.right_claim_id IS c.id END AS marked_right,
  c.source_id
FROM claims c
JOIN sources s ON s.id = c.source_id
LEFT JOIN (
  SELECT gc.claim_id, gc.group_id, gc.score, gc.evidence, g.quantity, g.verdict,
    g.severity, g.confidence
  FROM group_claims gc JOIN groups g ON g.id = gc.group_id
  WHERE g.state = 'active'
) m ON m.claim_id = c.id
LEFT JOIN group_status st ON st.group_id = m.group_id
WHERE s.superseded_by IS NULL"""
    return {
        "group_status": group_status,
        "open_conflicts": open_conflicts,
        "claim_details": claim_details,
    }


def ensure_views(db: sqlite_utils.Database) -> None:
    """Create or update the views; a no-op when they are already current."""
    existing = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'view'"))
    for name, select in view_sql().items():
        sql = f"CREATE VIEW {name} AS\n{select}"
        if existing.get(name) != sql:
            db.execute(f"DROP VIEW IF EXISTS {name}")
            db.execute(sql)
