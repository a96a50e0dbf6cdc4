"""insert_rows stores what one INSERT per row would, conflicts and triggers included."""

from __future__ import annotations

import sqlite3

import pytest

from factcheck.batched_insert import ROWS_PER_STATEMENT, insert_rows

_SCHEMA = """
CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER, note TEXT);
CREATE TABLE seen (k TEXT, v INTEGER);
CREATE TRIGGER t_seen AFTER INSERT ON t BEGIN INSERT INTO seen VALUES (NEW.k, NEW.v); END;
"""
_UPSERT = "ON CONFLICT (k) DO UPDATE SET v = v + excluded.v"


def _tables(rows: list[tuple], batched: bool) -> tuple[list, list]:
    conn = sqlite3.connect(":memory:")
    conn.executescript(_SCHEMA)
    with conn:
        if batched:
            insert_rows(conn, "t (k, v, note)", rows, _UPSERT)
        else:
            conn.executemany(f"INSERT INTO t (k, v, note) VALUES (?, ?, ?) {_UPSERT}", rows)
    return (
        conn.execute("SELECT rowid, * FROM t ORDER BY rowid").fetchall(),
        conn.execute("SELECT rowid, * FROM seen ORDER BY rowid").fetchall(),
    )


@pytest.mark.parametrize("n", [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, 253])
def test_batched_rows_equal_row_by_row_inserts(n: int) -> None:
    # keys repeat (an upsert adds), values include NULL and text with quotes
    rows = [(f"k{i % 37}", i, None if i % 5 else f"it's {i}") for i in range(n)]
    assert _tables(rows, batched=True) == _tables(rows, batched=False)


def test_a_failing_row_fails_the_statement() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY)")
    with pytest.raises(sqlite3.IntegrityError):
        insert_rows(conn, "t (k)", [("a",), ("b",), ("a",)])
