"""The registry file's contract: append-only reviews, reopening while another process writes."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from factcheck import review
from factcheck.registry import Registry, RegistryError


def test_reopening_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "claims.db"
    Registry(path).close()
    writer = sqlite3.connect(path)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of an ingest
    try:
        started = time.monotonic()
        Registry(path).close()
        assert time.monotonic() - started < 2
    finally:
        writer.rollback()
        writer.close()


def test_reviews_cannot_be_updated_or_deleted(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "claims.db")
    reg.db.execute("INSERT INTO groups (id, quantity, state) VALUES ('g1', 'x', 'active')")
    reg.db.conn.commit()
    review.record(reg.db, "g1", "confirm_conflict", reviewer="ann")
    for sql in ("UPDATE reviews SET decision = 'split'", "DELETE FROM reviews"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            reg.db.execute(sql)
    assert review.status_of(review.history(reg.db, "g1")) == "confirmed"


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(RegistryError, match="newer"):
        Registry(path)


def test_an_older_registry_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "claims.db"
    reg = Registry(path)
    reg.db.execute("DROP INDEX idx_groups_severity_id")
    reg.db.execute("PRAGMA user_version = 1")
    reg.close()
    reg = Registry(path)
    assert "idx_groups_severity_id" in {i.name for i in reg.db["groups"].indexes}
