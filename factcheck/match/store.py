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
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from operator import itemgetter

import sqlite_utils

from ..batched_insert import insert_rows
from ..queue_index import suspended
from ..registry import now_iso
from ..review import history, removed_claims
from .engine import GroupResult
from .signature import texts

_BULK_GROUPS = 2_000  # below this many groups written, the triggers are cheaper than a rebuild
_BULK_SHARE = 0.5  # ... and below this share of all groups
_WRITE_CACHE_KIB = 256 * 1024
"""SQLite's page cache while writing (default 2 MiB): a write of 1M claims' groups
touches ~100 MB of index pages in random order, each read again from the file when
the cache has let it go. Per connection, only for the write; pages are taken as used."""


def group_id(result: GroupResult) -> str:
    """Deterministic id from what the group measures and who its members are."""
    digest = hashlib.sha1(
        (texts(result.signature)[1] + "|" + ",".join(sorted(result.claim_ids))).encode()
    ).hexdigest()
    return "g" + digest[:15]


@dataclass(slots=True)
class _Stored:
    """What the registry holds of the groups, as persist compares it."""

    rows: dict[str, tuple] = field(default_factory=dict)  # id -> groups row, no updated_at
    members: dict[str, dict[str, tuple[float, str]]] = field(default_factory=dict)
    reviewed: set[str] = field(default_factory=set)

    def states(self) -> dict[str, str]:
        return {gid: row[-1] for gid, row in self.rows.items()}


_GROUP_COLUMNS = (
    "id, quantity, kind, unit, verdict, severity, confidence, explanation, signature, state"
)


def _stored(db: sqlite_utils.Database) -> _Stored:
    stored = _Stored()
    members: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)
    for gid, cid, score, evidence in db.execute(
        "SELECT group_id, claim_id, score, evidence FROM group_claims"
    ):
        members[gid][cid] = (score, evidence)
    stored.members = dict(members)
    stored.rows = {r[0]: r for r in db.execute(f"SELECT {_GROUP_COLUMNS} FROM groups")}
    stored.reviewed = {r[0] for r in db.execute("SELECT DISTINCT group_id FROM reviews")}
    return stored


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


def read_mark(db: sqlite_utils.Database) -> tuple[int, int]:
    """Where the registry's commits stand: changes when any connection commits (data_version
    counts the other connections' commits, total_changes this one's rows)."""
    return db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes


def persist(
    db: sqlite_utils.Database,
    results: list[GroupResult],
    source_of: Mapping[str, str] | None = None,
    loaded_at: tuple[int, int] | None = None,
) -> tuple[list[str], int]:
    """Write groups in one transaction; returns the ids used and the number retired.

    Only what differs from the registry is written: a re-match that reproduces a
    group (same id, values and members) leaves its rows, their ``updated_at`` and
    the review queue's rows alone. ``source_of`` (claim id -> source id, as loaded)
    lets a bulk write rebuild the review queue's source counts without reading claims.
    ``loaded_at`` (:func:`read_mark` before the claims were read): while nothing has
    been committed since, every member claim still exists, and SQLite's foreign-key
    check of each membership (a claims look-up per row, ~1.3 s at 1M claims) is
    skipped; otherwise the members' claims are checked in bulk before the write.
    """
    unchecked = (
        loaded_at is not None
        and not db.conn.in_transaction  # the setting cannot change inside one
        and db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    )
    if unchecked:
        db.execute("PRAGMA foreign_keys = OFF")
    try:
        with _page_cache(db, _WRITE_CACHE_KIB), db.conn:
            if not db.conn.in_transaction:  # from the first statement (a DDL statement such
                db.execute("BEGIN IMMEDIATE")  # as DROP TRIGGER would not open it), and the
            plan = _plan(db, results)  # groups compared are the ones written over
            if unchecked and read_mark(db) != loaded_at:
                _require_claims(db, sorted({row[1] for row in plan.claim_rows}))
            with suspended(db, source_of=source_of) if plan.bulk else nullcontext():
                _write(db, plan)
    finally:
        if unchecked:
            db.execute("PRAGMA foreign_keys = ON")
    return plan.ids, len(plan.retired)


def _require_claims(db: sqlite_utils.Database, claim_ids: list[str]) -> None:
    """Fail as the foreign key would when a member's claim is not in ``claims``."""
    for at in range(0, len(claim_ids), 500):
        chunk = claim_ids[at : at + 500]
        sql = f"SELECT COUNT(*) FROM claims WHERE id IN ({', '.join('?' * len(chunk))})"
        if db.execute(sql, chunk).fetchone()[0] != len(chunk):
            raise sqlite3.IntegrityError("FOREIGN KEY constraint failed: a member's claim is gone")


@dataclass(slots=True)
class _Plan:
    """What persist writes: the differences between the results and the registry."""

    ids: list[str]
    stamp: str  # updated_at of every row written
    dropped: list[str]  # unreviewed groups no longer produced: deleted
    retired: list[str]  # reviewed groups no longer produced: kept, retired
    stale: list[tuple[str, str]]  # (group, claim) memberships that ended
    group_rows: list[tuple]  # new or changed groups rows, by id
    claim_rows: list[tuple]  # new or changed group_claims rows, by (group, claim)
    bulk: bool  # most groups change: drop the triggers and indexes for the write


def _plan(db: sqlite_utils.Database, results: list[GroupResult]) -> _Plan:
    stored = _stored(db)
    states = stored.states()
    members = {gid: set(m) for gid, m in stored.members.items()}
    removed = {gid: removed_claims(history(db, gid)) for gid in stored.reviewed}
    ids = assign_ids(results, members, states, stored.reviewed, removed)
    stamp = now_iso()
    used = set(ids)
    gone = set(states) - used
    plan = _Plan(
        ids=ids,
        stamp=stamp,
        dropped=sorted(gid for gid in gone if gid not in stored.reviewed),
        retired=sorted(gid for gid in gone if gid in stored.reviewed and states[gid] != "retired"),
        stale=[],
        group_rows=[],
        claim_rows=[],
        bulk=False,
    )
    touched = {*plan.dropped, *plan.retired}
    # in primary-key order (groups by id, members by claim id within a group): appends
    # to the B-trees instead of scattering writes over them
    for gid, res in sorted(zip(ids, results, strict=True), key=itemgetter(0)):
        label, text = texts(res.signature)
        j = res.judgement
        row = (
            gid,
            label,
            res.signature.kind,
            res.signature.unit,
            j.verdict,
            j.severity,
            res.confidence,
            j.explanation,
            text,
            "active",
        )
        if stored.rows.get(gid) != row:
            plan.group_rows.append((*row, stamp))
            touched.add(gid)
        old = stored.members.get(gid, {})
        evidence, scores = res.evidence, res.scores
        for cid in sorted(res.claim_ids):
            if old.get(cid) != (member := (scores[cid], evidence[cid])):
                plan.claim_rows.append((gid, cid, *member))
                touched.add(gid)
        if old and (ended := old.keys() - set(res.claim_ids)):
            plan.stale.extend((gid, cid) for cid in sorted(ended))
            touched.add(gid)
    # Rewriting most groups (a first match, a re-match of a much changed registry) is
    # faster with the review queue's triggers dropped and its tables rebuilt once; a
    # small write keeps the triggers, since the rebuild reads every group and member.
    plan.bulk = len(touched) >= max(_BULK_GROUPS, _BULK_SHARE * len(used | set(states)))
    return plan


def _write(db: sqlite_utils.Database, plan: _Plan) -> None:
    db.conn.executemany("DELETE FROM group_claims WHERE group_id = ?", [(g,) for g in plan.dropped])
    db.conn.executemany("DELETE FROM groups WHERE id = ?", [(g,) for g in plan.dropped])
    db.conn.executemany(
        "UPDATE groups SET state = 'retired', updated_at = ? WHERE id = ?",
        [(plan.stamp, g) for g in plan.retired],
    )
    db.conn.executemany("DELETE FROM group_claims WHERE group_id = ? AND claim_id = ?", plan.stale)
    with _indexes_dropped(db, "groups", "group_claims") if plan.bulk else nullcontext():
        insert_rows(
            db.conn,
            "groups (id, quantity, kind, unit, verdict, severity, confidence, "
            "explanation, signature, state, updated_at)",
            plan.group_rows,
            "ON CONFLICT (id) DO UPDATE SET quantity = excluded.quantity, "
            "kind = excluded.kind, unit = excluded.unit, verdict = excluded.verdict, "
            "severity = excluded.severity, confidence = excluded.confidence, "
            "explanation = excluded.explanation, signature = excluded.signature, "
            "state = excluded.state, updated_at = excluded.updated_at",
        )
        insert_rows(
            db.conn,
            "group_claims (group_id, claim_id, score, evidence)",
            plan.claim_rows,
            "ON CONFLICT (group_id, claim_id) DO UPDATE SET "
            "score = excluded.score, evidence = excluded.evidence",
        )


@contextmanager
def _page_cache(db: sqlite_utils.Database, kib: int) -> Iterator[None]:
    """SQLite's page cache at least ``kib`` KiB for the block, then as it was."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{kib}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {before}")


@contextmanager
def _indexes_dropped(db: sqlite_utils.Database, *tables: str) -> Iterator[None]:
    """Drop the tables' own indexes for the block and create them again after: one
    sort per index instead of a random index write per row. Inside the caller's
    transaction, so no reader sees a table without them."""
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(tables))})",
        tables,
    ).fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX [{name}]")
    yield
    for _, sql in indexes:
        db.execute(sql)
