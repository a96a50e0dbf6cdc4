"""Writing the matcher's groups back to the registry, incrementally and stably.

Group identity rules:
- a new group's id is a hash of its signature and sorted member claim ids, so a
  re-run over the same registry reproduces the same ids;
- an unreviewed group that gains or loses members keeps its id (the existing
  group it overlaps most), so a new article does not reshuffle unrelated groups;
- a reviewed group keeps its id only while its members are exactly the ones the
  reviewer saw (minus the claims they removed). Otherwise it is retired
  (state='retired', rows kept) and the new membership becomes a new, open group,
  so a decision is never silently carried over to a different set of claims;
- unreviewed groups no re-match produces are deleted; reviewed ones never are.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from contextlib import nullcontext

import sqlite_utils

from ..queue_index import suspended
from ..registry import now_iso
from ..review import history, removed_claims
from .engine import GroupResult

_BULK_GROUPS = 2_000  # below this many groups written, the triggers are cheaper than a rebuild


def group_id(result: GroupResult) -> str:
    """Deterministic id from what the group measures and who its members are."""
    digest = hashlib.sha1(
        (result.signature.as_text() + "|" + ",".join(sorted(result.claim_ids))).encode()
    ).hexdigest()
    return "g" + digest[:15]


def _existing(db: sqlite_utils.Database) -> tuple[dict[str, set[str]], dict[str, str], set[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for gid, cid in db.execute("SELECT group_id, claim_id FROM group_claims"):
        members[gid].add(cid)
    states = {gid: state for gid, state in db.execute("SELECT id, state FROM groups")}
    reviewed = {r[0] for r in db.execute("SELECT DISTINCT group_id FROM reviews")}
    return members, states, reviewed


def review_constraints(db: sqlite_utils.Database) -> dict[str, set[tuple[str, bool]]]:
    """Cannot-link tags from reviews: claims removed from a group stay out of it."""
    tags: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    for (gid,) in db.execute("SELECT DISTINCT group_id FROM reviews").fetchall():
        removed = removed_claims(history(db, gid))
        if not removed:
            continue
        kept = {
            r[0] for r in db.execute("SELECT claim_id FROM group_claims WHERE group_id = ?", [gid])
        } - removed
        for cid in kept:
            tags[cid].add((gid, True))
        for cid in removed:
            tags[cid].add((gid, False))
    return tags


def assign_ids(
    results: list[GroupResult],
    members: dict[str, set[str]],
    states: dict[str, str],
    reviewed: set[str],
    removed: dict[str, set[str]],
) -> list[str]:
    """An id for each result, reusing existing groups by the module's identity rules."""
    by_claim: dict[str, set[str]] = defaultdict(set)
    for gid, cids in members.items():
        for cid in cids:
            by_claim[cid].add(gid)
    taken: set[str] = set()
    ids: list[str] = []
    for res in results:
        new = set(res.claim_ids)
        candidates = sorted({g for c in new for g in by_claim.get(c, ())})
        chosen = None
        for gid in candidates:
            if gid in reviewed and members[gid] - removed.get(gid, set()) == new:
                chosen = gid
                break
        if chosen is None:
            open_groups = [
                g
                for g in candidates
                if g not in reviewed and g not in taken and states.get(g) == "active"
            ]
            if open_groups:
                chosen = min(open_groups, key=lambda g: (-len(members[g] & new), g))
        if chosen is None:
            chosen = group_id(res)
            # never take over a reviewed group's id for claims its reviewer did not see
            while chosen in reviewed or chosen in taken:
                chosen = "g" + hashlib.sha1(chosen.encode()).hexdigest()[:15]
        taken.add(chosen)
        ids.append(chosen)
    return ids


def persist(db: sqlite_utils.Database, results: list[GroupResult]) -> tuple[list[str], int]:
    """Write groups in one transaction; returns the ids used and the number retired."""
    members, states, reviewed = _existing(db)
    removed = {gid: removed_claims(history(db, gid)) for gid in reviewed}
    ids = assign_ids(results, members, states, reviewed, removed)
    stamp = now_iso()
    used = set(ids)
    retired = 0
    # Rewriting most groups (a first match, a full re-match) is faster with the review
    # queue's triggers dropped and its tables rebuilt once; a small incremental write
    # keeps the triggers, since the rebuild reads the whole registry.
    bulk = len(results) >= max(_BULK_GROUPS, len(states) // 2)
    with db.conn, suspended(db) if bulk else nullcontext():
        for gid in set(states) - used:
            if gid in reviewed:
                if states[gid] != "retired":
                    db.execute(
                        "UPDATE groups SET state = 'retired', updated_at = ? WHERE id = ?",
                        [stamp, gid],
                    )
                    retired += 1
            else:
                db.execute("DELETE FROM group_claims WHERE group_id = ?", [gid])
                db.execute("DELETE FROM groups WHERE id = ?", [gid])
        group_rows, claim_rows = [], []
        for gid, res in zip(ids, results, strict=True):
            j = res.judgement
            group_rows.append(
                (
                    gid,
                    res.signature.label(),
                    res.signature.kind,
                    res.signature.unit,
                    j.verdict,
                    j.severity,
                    res.confidence,
                    j.explanation,
                    res.signature.as_text(),
                    "active",
                    stamp,
                )
            )
            claim_rows.extend(
                (gid, cid, res.scores[cid], res.evidence[cid]) for cid in res.claim_ids
            )
        group_rows.sort()  # in primary-key order: appends to the B-trees instead of
        claim_rows.sort()  # scattering writes over them
        db.conn.executemany(
            "DELETE FROM group_claims WHERE group_id = ?", [(gid,) for gid in ids if gid in states]
        )
        db.conn.executemany(
            "INSERT INTO groups (id, quantity, kind, unit, verdict, severity, "
            "confidence, explanation, signature, state, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "quantity = excluded.quantity, kind = excluded.kind, unit = excluded.unit, "
            "verdict = excluded.verdict, severity = excluded.severity, "
            "confidence = excluded.confidence, explanation = excluded.explanation, "
            "signature = excluded.signature, state = excluded.state, "
            "updated_at = excluded.updated_at",
            group_rows,
        )
        db.conn.executemany(
            "INSERT INTO group_claims (group_id, claim_id, score, evidence) VALUES (?, ?, ?, ?)",
            claim_rows,
        )
    return ids, retired
