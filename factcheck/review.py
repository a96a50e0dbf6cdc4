"""Where a reviewer's verdict is stored, and how a group's review status is derived.

Every decision is a new row in the append-only ``reviews`` table (triggers in
the registry refuse UPDATE and DELETE). The current status of a group is never
stored: it is derived from the latest decision that has not been undone, so an
undo is itself a decision and the full history stays readable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from .registry import now_iso

# decision -> the status it puts the group in (None: leaves the status alone)
DECISIONS: dict[str, str | None] = {
    "confirm_conflict": "confirmed",  # the figures really disagree
    "approve": "confirmed",  # accept the tool's verdict as it stands
    "right_figure": "confirmed",  # conflict confirmed, and this claim (or none) is right
    "not_conflict": "dismissed",  # same event, figures compatible
    "split": "dismissed",  # the claims are about different events
    "remove_claim": None,  # one claim is about another event; the rest stays
    "note": None,
    "undo": None,
}
STATUSES = ("open", "confirmed", "dismissed")
IN_FORCE = (
    "NOT EXISTS (SELECT 1 FROM reviews u WHERE u.group_id = r.group_id "
    "AND u.decision = 'undo' AND u.undoes = r.id)"
)
"""SQL: the decision ``reviews r`` has not been undone (:func:`effective`, for queries)."""


def status_case_sql() -> tuple[str, str]:
    """``DECISIONS`` in SQL, for the queue's triggers and the ``group_status`` view: the
    arms of ``CASE r.decision ... END`` giving each status-setting decision's status, and
    the quoted list of those decisions (for ``r.decision IN (...)``)."""
    setting = {d: s for d, s in sorted(DECISIONS.items()) if s}
    cases = " ".join(f"WHEN {sql_text(d)} THEN {sql_text(s)}" for d, s in setting.items())
    return cases, ", ".join(sql_text(d) for d in setting)


def sql_text(text: str) -> str:
    """``text`` as an SQL string literal (for SQL built from this module's own tables)."""
    return "'" + text.replace("'", "''") + "'"


class ReviewError(ValueError):
    """A decision that cannot be recorded (unknown decision, nothing to undo...)."""


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    group_id: str
    claim_ids: list[str]
    decision: str
    right_claim_id: str | None
    note: str | None
    undoes: int | None
    reviewer: str | None
    created_at: str


def _review(row: dict[str, Any]) -> Review:
    return Review(
        id=row["id"],
        group_id=row["group_id"],
        claim_ids=json.loads(row["claim_ids"] or "[]"),
        decision=row["decision"],
        right_claim_id=row["right_claim_id"],
        note=row["note"],
        undoes=row["undoes"],
        reviewer=row["reviewer"],
        created_at=row["created_at"],
    )


def history(db: sqlite_utils.Database, group_id: str) -> list[Review]:
    """All decisions on a group, oldest first."""
    return [
        _review(r)
        for r in db.query("SELECT * FROM reviews WHERE group_id = ? ORDER BY id", [group_id])
    ]


def effective(reviews: list[Review]) -> list[Review]:
    """The decisions still in force: undos and the decisions they cancelled removed."""
    undone = {r.undoes for r in reviews if r.decision == "undo"}
    return [r for r in reviews if r.decision != "undo" and r.id not in undone]


def status_of(reviews: list[Review]) -> str:
    """open / confirmed / dismissed from the latest status-setting decision in force."""
    for r in reversed(effective(reviews)):
        status = DECISIONS.get(r.decision)
        if status:
            return status
    return "open"


def removed_claims(reviews: list[Review]) -> set[str]:
    """Claims a reviewer took out of the group; the matcher must not put them back."""
    return {cid for r in effective(reviews) if r.decision == "remove_claim" for cid in r.claim_ids}


def removals_of(db: sqlite_utils.Database, group_ids: list[str]) -> dict[str, set[str]]:
    """:func:`removed_claims` of each of ``group_ids`` that has any, read in one query.

    Only the ``remove_claim`` decisions still in force are read: a page of the review
    queue needs nothing else from the history (its status is kept in ``review_queue``),
    and decoding every decision's member list was half the page's reads on groups
    reviewed many times.
    """
    out: dict[str, set[str]] = {}
    if not group_ids:
        return out
    marks = ", ".join("?" for _ in group_ids)
    for group_id, claim_ids in db.execute(
        f"SELECT r.group_id, r.claim_ids FROM reviews r WHERE r.group_id IN ({marks}) "
        f"AND r.decision = 'remove_claim' AND {IN_FORCE}",
        group_ids,
    ):
        out.setdefault(group_id, set()).update(json.loads(claim_ids or "[]"))
    return out


def record(
    db: sqlite_utils.Database,
    group_id: str,
    decision: str,
    *,
    claim_ids: list[str] | None = None,
    right_claim_id: str | None = None,
    note: str | None = None,
    reviewer: str | None = None,
) -> Review:
    """Append one decision and return it. ``claim_ids`` defaults to the group's members."""
    if decision not in DECISIONS or decision == "undo":
        raise ReviewError(f"unknown decision {decision!r}")
    if db.execute("SELECT 1 FROM groups WHERE id = ?", [group_id]).fetchone() is None:
        raise ReviewError(f"no group {group_id!r}")
    if claim_ids is None:
        claim_ids = [
            r[0]
            for r in db.execute(
                "SELECT claim_id FROM group_claims WHERE group_id = ? ORDER BY claim_id", [group_id]
            )
        ]
    return _append(db, group_id, decision, claim_ids, right_claim_id, note, None, reviewer)


def undo_last(db: sqlite_utils.Database, group_id: str, *, reviewer: str | None = None) -> Review:
    """Cancel the latest decision in force on ``group_id`` by appending an ``undo``."""
    in_force = effective(history(db, group_id))
    if not in_force:
        raise ReviewError(f"nothing to undo on group {group_id}")
    last = in_force[-1]
    return _append(db, group_id, "undo", last.claim_ids, None, None, last.id, reviewer)


def _append(
    db: sqlite_utils.Database,
    group_id: str,
    decision: str,
    claim_ids: list[str],
    right_claim_id: str | None,
    note: str | None,
    undoes: int | None,
    reviewer: str | None,
) -> Review:
    with db.conn:
        cur = db.execute(
            "INSERT INTO reviews (group_id, claim_ids, decision, right_claim_id, note, undoes, "
            "reviewer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                group_id,
                json.dumps(claim_ids),
                decision,
                right_claim_id,
                note,
                undoes,
                reviewer,
                now_iso(),
            ],
        )
    row = db.execute("SELECT * FROM reviews WHERE id = ?", [cur.lastrowid]).fetchone()
    columns = [d[0] for d in db.execute("SELECT * FROM reviews LIMIT 0").description]
    return _review(dict(zip(columns, row, strict=True)))


def statuses(db: sqlite_utils.Database) -> dict[str, str]:
    """Status of every reviewed group in one pass (groups absent here are open)."""
    by_group: dict[str, list[Review]] = {}
    for row in db.query("SELECT * FROM reviews ORDER BY id"):
        by_group.setdefault(row["group_id"], []).append(_review(row))
    return {gid: status_of(rs) for gid, rs in by_group.items()}


def reviews_of(db: sqlite_utils.Database, group_ids: list[str]) -> dict[str, list[Review]]:
    """Decisions on a handful of groups (one page of the review queue), oldest first."""
    out: dict[str, list[Review]] = {}
    if not group_ids:
        return out
    marks = ", ".join("?" for _ in group_ids)
    for row in db.query(
        f"SELECT * FROM reviews WHERE group_id IN ({marks}) ORDER BY id", group_ids
    ):
        out.setdefault(row["group_id"], []).append(_review(row))
    return out
