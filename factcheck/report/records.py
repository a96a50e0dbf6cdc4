"""The one set of report records every format renders.

A record is exactly a ``conflicts --json`` object (from
:func:`factcheck.conflicts.group_records`) plus what a reviewer did to it: the
full review history, the derived status and the latest decision in force.
Status is read through :mod:`factcheck.review`, never re-derived here.

Everything is sorted so that the same registry always gives the same records,
and so the same report bytes: groups by verdict (conflicts first), severity
(highest first) and id; claims by source path and offset.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import sqlite_utils

from ..conflicts import group_records
from ..review import DECISIONS, STATUSES, Review, effective, reviews_of, status_of

VERDICT_ORDER = ("conflict", "evolving", "consistent")
"""Report order of verdicts; any verdict not listed here comes after these."""


def _verdict_rank(verdict: str | None) -> int:
    return VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER)


def group_sort_key(group: dict[str, Any]) -> tuple[int, float, str]:
    """Conflicts first, then by severity (highest first), then by id for stability."""
    return (_verdict_rank(group.get("verdict")), -(group.get("severity") or 0.0), group["id"])


def reviews_by_group(db: sqlite_utils.Database, group_ids: list[str]) -> dict[str, list[Review]]:
    """Every group's decisions, oldest first, read in chunks (not one query per group)."""
    out: dict[str, list[Review]] = {}
    for offset in range(0, len(group_ids), 500):  # under SQLite's parameter limit
        out.update(reviews_of(db, group_ids[offset : offset + 500]))
    return out


def status_decision(reviews: list[Review]) -> Review | None:
    """The decision that set the group's current status (latest in force that sets one)."""
    setting = [r for r in effective(reviews) if DECISIONS.get(r.decision)]
    return setting[-1] if setting else None


def review_dict(review: Review, in_force: bool) -> dict[str, Any]:
    """A review as plain JSON data, flagged with whether it still counts (not undone)."""
    return asdict(review) | {"in_force": in_force}


def source_records(db: sqlite_utils.Database, paths: set[str]) -> list[dict[str, Any]]:
    """Metadata of the current version of each named source, sorted by path."""
    rows = db.query(
        "SELECT path, id, title, outlet, published FROM sources "
        "WHERE superseded_by IS NULL ORDER BY path"
    )
    return [dict(r) for r in rows if r["path"] in paths]


def report_records(
    db: sqlite_utils.Database, *, verdict: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Every active group (filtered by verdict and review status) with its review history.

    ``verdict`` is a group verdict or ``None``/``"all"``; ``status`` one of
    :data:`factcheck.review.STATUSES` or ``None``/``"all"``.
    """
    if status not in (None, "all", *STATUSES):
        raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
    groups = group_records(db, verdict=verdict or "all")
    decisions = reviews_by_group(db, [g["id"] for g in groups])
    out = []
    for group in groups:
        reviews = decisions.get(group["id"], [])
        group_status = status_of(reviews)
        if status not in (None, "all") and group_status != status:
            continue
        in_force = effective(reviews)
        live = {r.id for r in in_force}
        deciding = status_decision(reviews)
        claims = sorted(group["claims"], key=lambda c: (c["source"], c["start"], c["end"]))
        out.append(
            {
                **group,
                "claims": claims,
                "status": group_status,
                "latest_decision": review_dict(in_force[-1], True) if in_force else None,
                "status_decision": review_dict(deciding, True) if deciding else None,
                "reviews": [review_dict(r, r.id in live) for r in reviews],
            }
        )
    return sorted(out, key=group_sort_key)
