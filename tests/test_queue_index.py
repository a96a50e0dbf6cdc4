"""The registry's review-queue index stays equal to what groups and reviews say.

Triggers keep ``review_queue``, ``review_tally`` and ``review_quantities`` in step
with every write to ``groups`` and ``reviews``; these tests write the way the
matcher and the review app do (insert, upsert, retire, delete, decide, undo) and
compare the derived tables with a recomputation from the source tables.
"""

from __future__ import annotations

import contextlib
import random
import re
import sqlite3
from pathlib import Path

import pytest

from factcheck.queue_index import suspended
from factcheck.registry import Registry, now_iso
from factcheck.review import ReviewError, record, undo_last


def _upsert(reg: Registry, gid: str, **values: object) -> None:
    with reg.db.conn:
        _upsert_row(reg, gid, **values)


def _upsert_row(reg: Registry, gid: str, **values: object) -> None:
    row = {
        "id": gid,
        "quantity": "people rescued",
        "kind": "count",
        "unit": None,
        "verdict": "conflict",
        "severity": 0.5,
        "confidence": 0.9,
        "explanation": "",
        "signature": gid,
        "state": "active",
        "updated_at": now_iso(),
        **values,
    }
    columns = list(row)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    reg.db.execute(
        f"INSERT INTO groups ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}",
        list(row.values()),
    )


def _expected(reg: Registry) -> tuple[list[tuple], list[tuple], list[tuple]]:
    queue = sorted(
        reg.db.execute(
            "SELECT COALESCE(g.severity, 0.0), g.id, COALESCE(g.verdict, ''), "
            "COALESCE(g.kind, ''), COALESCE(g.quantity, ''), st.status FROM groups g "
            "JOIN group_status st ON st.group_id = g.id "
            "WHERE g.state IS NULL OR g.state != 'retired'"
        ).fetchall()
    )
    tally: dict[tuple, int] = {}
    quantities: dict[str, int] = {}
    for _, _, verdict, kind, quantity, status in queue:
        tally[(verdict, kind, status)] = tally.get((verdict, kind, status), 0) + 1
        quantities[quantity] = quantities.get(quantity, 0) + 1
    return (
        queue,
        sorted((*key, n) for key, n in tally.items()),
        sorted(quantities.items()),
    )


def _derived(reg: Registry) -> tuple[list[tuple], list[tuple], list[tuple]]:
    return (
        sorted(reg.db.execute("SELECT * FROM review_queue").fetchall()),
        sorted(reg.db.execute("SELECT * FROM review_tally").fetchall()),
        sorted(reg.db.execute("SELECT * FROM review_quantities").fetchall()),
    )


@pytest.mark.parametrize("seed", range(4))
def test_random_writes_keep_the_queue_index_exact(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    reg = Registry(tmp_path / "claims.db")
    ids = [f"g{i}" for i in range(8)]
    for _ in range(60):
        gid = rnd.choice(ids)
        exists = reg.db.execute("SELECT 1 FROM groups WHERE id = ?", [gid]).fetchone()
        action = rnd.choice(["upsert", "upsert", "retire", "delete", "decide", "decide", "undo"])
        if action == "upsert" or not exists:
            _upsert(
                reg,
                gid,
                verdict=rnd.choice(["conflict", "evolving", "consistent", None]),
                kind=rnd.choice(["count", "money", None]),
                quantity=rnd.choice(["deaths", "people rescued", None]),
                severity=rnd.choice([0.0, 0.3, 0.9, None]),
            )
        elif action == "retire":
            with reg.db.conn:
                reg.db.execute("UPDATE groups SET state = 'retired' WHERE id = ?", [gid])
        elif action == "delete":
            with reg.db.conn:
                # as the matcher does: only groups nobody reviewed are deleted
                if not reg.db.execute("SELECT 1 FROM reviews WHERE group_id = ?", [gid]).fetchone():
                    reg.db.execute("DELETE FROM groups WHERE id = ?", [gid])
        elif action == "decide":
            decision = rnd.choice(["confirm_conflict", "split", "note", "approve", "not_conflict"])
            record(reg.db, gid, decision, note="n" if decision == "note" else None)
        else:
            with contextlib.suppress(ReviewError):  # nothing to undo
                undo_last(reg.db, gid)
        assert _derived(reg) == _expected(reg), action
    reg.close()


def test_an_older_registry_gets_the_queue_index_filled(tmp_path: Path) -> None:
    path = tmp_path / "claims.db"
    reg = Registry(path)
    for i, verdict in enumerate(["conflict", "consistent", "conflict"]):
        _upsert(reg, f"g{i}", verdict=verdict, severity=i / 10)
    record(reg.db, "g0", "confirm_conflict")
    reg.close()
    conn = sqlite3.connect(path)  # as schema 2 left it: no derived tables, no triggers
    for name in [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]:
        if name.startswith("review_"):
            conn.execute(f"DROP TRIGGER {name}")
    for table in ("review_queue", "review_tally", "review_quantities", "review_sources"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    reg = Registry(path)
    assert _derived(reg) == _expected(reg)
    assert ("conflict", "count", "confirmed", 1) in _derived(reg)[1]
    reg.close()


def _sources_expected(reg: Registry) -> list[tuple]:
    return reg.db.execute(
        "SELECT c.source_id, gc.group_id, COUNT(*) FROM group_claims gc "
        "JOIN claims c ON c.id = gc.claim_id GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()


def _sources_derived(reg: Registry) -> list[tuple]:
    return reg.db.execute("SELECT * FROM review_sources ORDER BY 1, 2").fetchall()


@pytest.mark.parametrize("seed", range(3))
def test_member_and_claim_writes_keep_review_sources_exact(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    reg = Registry(tmp_path / "claims.db")
    reg.db.execute("PRAGMA foreign_keys = OFF")  # as a script may: claims go before members
    with reg.db.conn:
        for s in ("s1", "s2", "s3"):
            reg.db.execute("INSERT INTO sources (id, path, text) VALUES (?, ?, '')", [s, s])
    claims = [f"c{i}" for i in range(10)]
    for gid in ("g1", "g2", "g3"):
        _upsert(reg, gid)
    for _ in range(80):
        cid, gid = rnd.choice(claims), rnd.choice(["g1", "g2", "g3"])
        action = rnd.choice(["claim", "member", "member", "unmember", "drop claim", "move"])
        with reg.db.conn:
            if action == "claim":  # (re)ingested, possibly from another source
                reg.db.execute(
                    "INSERT INTO claims (id, source_id, text, sentence) VALUES (?, ?, '1', '1') "
                    "ON CONFLICT (id) DO UPDATE SET source_id = excluded.source_id",
                    [cid, rnd.choice(["s1", "s2", "s3"])],
                )
            elif action == "member":
                reg.db.execute(
                    "INSERT OR IGNORE INTO group_claims VALUES (?, ?, 1, '{}')", [gid, cid]
                )
            elif action == "unmember":
                reg.db.execute("DELETE FROM group_claims WHERE claim_id = ?", [cid])
            elif action == "drop claim":
                reg.db.execute("DELETE FROM claims WHERE id = ?", [cid])
            else:  # a member moved to another group
                reg.db.execute(
                    "UPDATE OR IGNORE group_claims SET group_id = ? WHERE claim_id = ?", [gid, cid]
                )
        assert _sources_derived(reg) == _sources_expected(reg), action
    reg.close()


def test_suspended_triggers_are_made_good_after_a_bulk_write(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "claims.db")
    with reg.db.conn:
        reg.db.execute("INSERT INTO sources (id, path, text) VALUES ('s1', 'a.txt', '')")
        reg.db.execute("INSERT INTO claims (id, source_id, text) VALUES ('c1', 's1', '1')")
    with reg.db.conn, suspended(reg.db):
        for i in range(5):
            _upsert_row(reg, f"g{i}", verdict="conflict" if i % 2 else "consistent")
            reg.db.execute("INSERT INTO group_claims VALUES (?, 'c1', 1, '{}')", [f"g{i}"])
        assert reg.db.execute("SELECT COUNT(*) FROM review_queue").fetchone()[0] == 0
    assert _derived(reg) == _expected(reg)
    assert _sources_derived(reg) == _sources_expected(reg)
    _upsert(reg, "g9")  # the triggers are back
    assert _derived(reg) == _expected(reg)
    reg.close()


@pytest.mark.parametrize("bulk_from", [0, 10**9])
def test_a_match_keeps_the_queue_index_exact_with_or_without_triggers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk_from: int
) -> None:
    """The matcher drops the triggers for a large write (threshold forced here) and
    keeps them for a small one; either way the derived tables equal a recomputation,
    also after a review and a re-match that retires the reviewed group."""
    from factcheck.ingest import ingest_paths
    from factcheck.match import match_registry, store

    monkeypatch.setattr(store, "_BULK_GROUPS", bulk_from)
    monkeypatch.setattr(store, "_BULK_SHARE", 0 if bulk_from == 0 else 1)
    reg = Registry(tmp_path / "claims.db")
    ingest_paths(reg, [str(Path(__file__).parent.parent / "seeds")])
    match_registry(reg.db)
    assert _derived(reg)[0], "the seeds give groups"
    assert _derived(reg) == _expected(reg)
    assert _sources_derived(reg) == _sources_expected(reg)
    gid = reg.db.execute("SELECT group_id FROM review_queue LIMIT 1").fetchone()[0]
    record(reg.db, gid, "confirm_conflict", reviewer="t")
    reg.db.execute("DELETE FROM group_claims WHERE group_id = ?", [gid])  # members change
    match_registry(reg.db)
    assert _derived(reg) == _expected(reg)
    assert _sources_derived(reg) == _sources_expected(reg)
    reg.close()


_NAMES = ["Alpha News", "alpha wire", "BETA Post", "Gamma Été", "gamma ÉTÉ", None]
_TERMS = ["alp", "pha", "news", "beta", "été", "ÉTÉ", "a n", "post", "zzz"]


def _trigram_misses(reg: Registry) -> list[str]:
    """Terms for which the trigram index and a LIKE scan of the names disagree."""
    from factcheck.tui.data import _BY_SCAN, _BY_TRIGRAMS

    def ids(sql: str, param: str) -> list[tuple]:
        return sorted(reg.db.execute(sql, [param]).fetchall())

    return [t for t in _TERMS if ids(_BY_TRIGRAMS, t) != ids(_BY_SCAN, f"%{t}%")]


@pytest.mark.parametrize("seed", range(3))
def test_source_writes_keep_the_trigram_index_exact(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    reg = Registry(tmp_path / "claims.db")
    ids = [f"s{i}" for i in range(6)]
    for _ in range(50):
        sid = rnd.choice(ids)
        exists = reg.db.execute("SELECT 1 FROM sources WHERE id = ?", [sid]).fetchone()
        action = rnd.choice(["rename", "rename", "supersede", "delete"])
        with reg.db.conn:
            if not exists:
                reg.db.execute(
                    "INSERT INTO sources (id, path, title, outlet, text) VALUES (?, ?, ?, ?, '')",
                    [sid, f"{sid}.txt", rnd.choice(_NAMES), rnd.choice(_NAMES)],
                )
            elif action == "rename":
                column = rnd.choice(["path", "title", "outlet"])
                reg.db.execute(
                    f"UPDATE sources SET {column} = ? WHERE id = ?", [rnd.choice(_NAMES), sid]
                )
            elif action == "supersede":  # not a name: the index is left alone
                reg.db.execute("UPDATE sources SET superseded_by = 'x' WHERE id = ?", [sid])
            else:
                reg.db.execute("DELETE FROM sources WHERE id = ?", [sid])
        assert _trigram_misses(reg) == [], action
    reg.db.execute("VACUUM")  # rowids of sources (the index's keys) survive it
    assert _trigram_misses(reg) == []
    with reg.db.conn, suspended(reg.db):  # a bulk write of groups keeps the sources' triggers
        reg.db.execute("UPDATE sources SET title = 'Beta News'")
        assert _trigram_misses(reg) == []
    assert _trigram_misses(reg) == []
    reg.close()


def test_a_schema_3_registry_is_upgraded_with_the_trigram_index(tmp_path: Path) -> None:
    """Schema 3 had every derived table but the trigram index; the upgrade rebuilds them
    (dropping review_queue drops the tallies' triggers with it: they are made again)."""
    path = tmp_path / "claims.db"
    reg = Registry(path)
    with reg.db.conn:
        for i, name in enumerate(_NAMES[:-1]):
            reg.db.execute(
                "INSERT INTO sources (id, path, title, text) VALUES (?, ?, ?, '')",
                [f"s{i}", f"{i}.txt", name],
            )
    for i, verdict in enumerate(["conflict", "consistent", "conflict"]):
        _upsert(reg, f"g{i}", verdict=verdict, severity=i / 10)
    record(reg.db, "g0", "confirm_conflict")
    reg.close()
    conn = sqlite3.connect(path)
    for name in [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]:
        if name.startswith("review_source_text"):
            conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE review_source_text")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    reg = Registry(path)
    assert reg.db.execute("PRAGMA user_version").fetchone()[0] == 4
    assert _derived(reg) == _expected(reg)
    assert _trigram_misses(reg) == []
    record(reg.db, "g2", "split")  # the tallies' triggers work after the upgrade
    _upsert(reg, "g3", verdict="evolving")
    assert _derived(reg) == _expected(reg)
    reg.close()


def _triggers(reg: Registry) -> set[str]:
    return {r[0] for r in reg.db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")}


def test_suspended_drops_only_the_triggers_on_groups_and_members(tmp_path: Path) -> None:
    """A bulk group write drops the triggers on the tables it writes; a review or a
    claim written meanwhile (by the same writer) still reaches the tables."""
    reg = Registry(tmp_path / "claims.db")
    before = _triggers(reg)
    with reg.db.conn, suspended(reg.db):
        during = _triggers(reg)
        reg.db.execute("INSERT INTO sources (id, path, text) VALUES ('s1', 'a.txt', '')")
        reg.db.execute("INSERT INTO claims (id, source_id, text) VALUES ('c1', 's1', '1')")
        _upsert_row(reg, "g1")
        reg.db.execute("INSERT INTO group_claims VALUES ('g1', 'c1', 1, '{}')")
        reg.db.execute(
            "INSERT INTO reviews (group_id, decision, created_at) "
            "VALUES ('g1', 'confirm_conflict', 'now')"
        )
    dropped = {sql.split()[2] for sql in before - during}
    assert dropped and all(
        re.search(r"\bON (groups|group_claims)\b", sql) for sql in before - during
    ), dropped
    assert _triggers(reg) == before
    assert _derived(reg) == _expected(reg)
    assert ("conflict", "count", "confirmed", 1) in _derived(reg)[1]
    assert _sources_derived(reg) == _sources_expected(reg)
    reg.close()


def test_a_failed_bulk_write_leaves_groups_triggers_and_tables_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member whose claim went away between loading and writing (a script deleted
    it) fails the write: everything, the dropped triggers included, is rolled back."""
    from factcheck.ingest import ingest_paths
    from factcheck.match import engine, load, store

    monkeypatch.setattr(store, "_BULK_GROUPS", 0)
    monkeypatch.setattr(store, "_BULK_SHARE", 0)
    reg = Registry(tmp_path / "claims.db")
    ingest_paths(reg, [str(Path(__file__).parent.parent / "seeds")])
    items, table, titles, arrays = load.load_items(reg.db)
    results = engine.match_items(items, table, titles, arrays, {})
    gone = results[0].claim_ids[0]
    with reg.db.conn:
        reg.db.execute("DELETE FROM mentions WHERE claim_id = ?", [gone])
        reg.db.execute("DELETE FROM claims WHERE id = ?", [gone])
    before = _triggers(reg)
    with pytest.raises(sqlite3.IntegrityError):
        store.persist(reg.db, results, {i.id: i.source_id for i in items})
    assert not reg.db.conn.in_transaction
    assert _triggers(reg) == before
    assert reg.db.execute("SELECT COUNT(*) FROM groups").fetchone() == (0,)
    assert _derived(reg) == _expected(reg) == ([], [], [])
    reg.close()
