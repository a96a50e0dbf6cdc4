"""Reading claims for the matcher and writing its groups back, incrementally and stably.

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

import gc
import hashlib
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlite_utils

from ..queue_index import suspended
from ..registry import now_iso
from ..review import history, removed_claims
from .bulk import ArrayBuilder, ArrayPart, ItemArrays, merge_parts
from .engine import GroupResult
from .evidence import FeatureTable
from .items import COLUMNS, Item, ItemReader
from .parallel import in_parallel, workers_for

PARALLEL_SOURCES = 10_000  # from this many sources on, items are made in several processes
_BULK_GROUPS = 2_000  # below this many groups written, the triggers are cheaper than a rebuild

_CLAIM_COLUMNS = ", ".join(f'c."{name}"' for name in COLUMNS)


@dataclass(slots=True)
class _Part:
    """The items of one range of sources, with the columns and features gathered for them."""

    items: list[Item]
    arrays: ArrayPart
    keys: list[tuple[str, Any]]  # feature id -> feature, in this part's numbering
    df: list[int]  # feature id -> how many of this part's sources show it
    titles: dict[str, str | None]


def load_items(
    db: sqlite_utils.Database, workers: int | None = None
) -> tuple[list[Item], FeatureTable, dict[str, str | None], ItemArrays]:
    """Items of every current (not superseded) source sorted by claim id, with
    titles, the feature table and the items' columns.

    Making items is pure Python at ~45 µs a claim, so a large registry on disk is
    read as ``workers`` ranges of sources (default: one per core from
    PARALLEL_SOURCES sources on), one in this process and the rest in worker
    processes; features are counted per source, so the parts merge exactly.
    """
    bounds = _source_bounds(db, workers)
    path = _file_of(db)
    if path is None:  # in memory: no other process can read it
        bounds = [(None, None)]
    # this process reads on the caller's connection (it sees the caller's transaction)
    parts = in_parallel(
        lambda: _read_part(db.conn, *bounds[0]),
        _load_part,
        [(path, lo, hi) for lo, hi in bounds[1:]],
    )
    table = FeatureTable()
    feature_maps = [table.absorb(p.keys, p.df) for p in parts]
    table.finish()
    items = [it for p in parts for it in p.items]
    order = sorted(range(len(items)), key=lambda k: items[k].id)
    arrays = merge_parts([p.arrays for p in parts], feature_maps, np.array(order, dtype=np.int64))
    titles = {sid: title for p in parts for sid, title in p.titles.items()}
    return [items[k] for k in order], table, titles, arrays


def _file_of(db: sqlite_utils.Database) -> str | None:
    """The registry's file, or None for an in-memory one."""
    for _, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return file or None
    return None


def _source_bounds(
    db: sqlite_utils.Database, workers: int | None
) -> list[tuple[str | None, str | None]]:
    """Source id ranges [lo, hi) of about equally many current sources, one per worker."""
    ids = [
        r[0] for r in db.execute("SELECT id FROM sources WHERE superseded_by IS NULL ORDER BY id")
    ]
    if workers is None:
        workers = workers_for(len(ids), PARALLEL_SOURCES)
    cuts = [ids[len(ids) * k // workers] for k in range(1, workers)] if ids else []
    edges = [None, *dict.fromkeys(cuts), None]
    return list(zip(edges[:-1], edges[1:], strict=True))


def _load_part(path: str, lo: str | None, hi: str | None) -> _Part:
    """``_read_part`` in a worker process, on its own connection."""
    gc.disable()  # the same reason as match_registry's pause; this process ends soon
    conn = sqlite3.connect(path)
    try:
        return _read_part(conn, lo, hi)
    finally:
        conn.close()


def _read_part(conn: sqlite3.Connection, lo: str | None, hi: str | None) -> _Part:
    """The items of the current sources with lo <= id < hi (None: unbounded)."""
    where, args = _range("id", lo, hi)
    sources = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            f"SELECT id, title, published FROM sources WHERE superseded_by IS NULL{where}", args
        ).fetchall()
    }
    table = FeatureTable()
    builder = ArrayBuilder()
    reader = ItemReader(table)
    titles: dict[str, str | None] = {}
    items: list[Item] = []
    for source_id, rows in _rows_by_source(conn, lo, hi):
        if source_id not in sources:
            continue
        title, published = sources[source_id]
        titles[source_id] = title
        for it, window in reader.source_items(source_id, published, rows):
            builder.add(it, window)
            items.append(it)
    return _Part(items, builder.part(), table.keys, table.df, titles)


def _range(column: str, lo: str | None, hi: str | None) -> tuple[str, list[str]]:
    """SQL conditions (each led by AND) for lo <= column < hi."""
    where, args = "", []
    if lo is not None:
        where, args = f" AND {column} >= ?", [lo]
    if hi is not None:
        where, args = f"{where} AND {column} < ?", [*args, hi]
    return where, args


def _rows_by_source(
    conn: sqlite3.Connection, lo: str | None, hi: str | None
) -> Iterator[tuple[str, list[tuple]]]:
    """Claim rows one source at a time: the source_id index gives the order, the items
    module sorts each source's few rows (a full ORDER BY would sort a million rows)."""
    where, args = _range("c.source_id", lo, hi)
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples, in COLUMNS order
    cur.execute(f"SELECT {_CLAIM_COLUMNS} FROM claims c WHERE 1{where} ORDER BY c.source_id", args)
    current, batch = None, []
    for rec in cur:
        if rec[1] != current:
            if batch:
                yield current, batch
            current, batch = rec[1], []
        batch.append(rec)
    if batch:
        yield current, batch


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
