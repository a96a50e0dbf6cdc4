"""Group identity: stable across re-runs and new articles, and never at a reviewer's expense."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from factcheck.conflicts import group_records
from factcheck.ingest import ingest_paths
from factcheck.match import match_registry
from factcheck.match.engine import match_items
from factcheck.match.load import load_items
from factcheck.match.store import persist, read_mark
from factcheck.review import record

from .match_kit import ARTICLES, groups_with, registry_with


def _snapshot(db):
    return {
        gid: frozenset(
            r[0] for r in db.execute("SELECT claim_id FROM group_claims WHERE group_id = ?", [gid])
        )
        for (gid,) in db.execute("SELECT id FROM groups WHERE state = 'active'")
    }


def _toll(db):
    (group,) = groups_with(group_records(db, verdict="all"), "nine")
    return group


def test_rerun_reproduces_the_same_groups_and_ids(tmp_path):
    reg = registry_with(tmp_path, ARTICLES / "rising_toll", ARTICLES / "wire_reprint")
    match_registry(reg.db)
    first = _snapshot(reg.db)
    report = match_registry(reg.db)
    assert _snapshot(reg.db) == first
    assert report.groups == len(first) > 0


def test_new_unrelated_articles_do_not_reshuffle_existing_groups(tmp_path):
    reg = registry_with(tmp_path, ARTICLES / "rising_toll", ARTICLES / "wire_reprint")
    match_registry(reg.db)
    before = _snapshot(reg.db)
    ingest_paths(reg, [str(shutil.copytree(ARTICLES / "digits_words", tmp_path / "more"))])
    match_registry(reg.db)
    after = _snapshot(reg.db)
    assert all(after.get(gid) == members for gid, members in before.items())
    assert len(after) > len(before)


def _two_reports(tmp_path):
    src = tmp_path / "toll"
    src.mkdir()
    for name in ("day1.txt", "day2.txt"):
        shutil.copy(ARTICLES / "rising_toll" / name, src / name)
    reg = registry_with(tmp_path, src)
    match_registry(reg.db)
    return reg


def _add_day3(tmp_path, reg):
    shutil.copy(ARTICLES / "rising_toll" / "day3.txt", tmp_path / "day3.txt")
    ingest_paths(reg, [str(tmp_path / "day3.txt")])
    return match_registry(reg.db)


def test_open_group_keeps_its_id_when_a_new_report_joins(tmp_path):
    reg = _two_reports(tmp_path)
    gid = _toll(reg.db)["id"]
    _add_day3(tmp_path, reg)
    group = _toll(reg.db)
    assert group["id"] == gid
    assert len({c["source"] for c in group["claims"]}) == 3


def test_reviewed_group_is_retired_not_changed_when_its_members_change(tmp_path):
    reg = _two_reports(tmp_path)
    old = _toll(reg.db)
    record(reg.db, old["id"], "approve", reviewer="ed")
    report = _add_day3(tmp_path, reg)
    assert report.retired == 1
    new = _toll(reg.db)
    assert new["id"] != old["id"]
    assert len({c["source"] for c in new["claims"]}) == 3
    row = reg.db.execute("SELECT state FROM groups WHERE id = ?", [old["id"]]).fetchone()
    assert row == ("retired",)
    kept = {
        r[0]
        for r in reg.db.execute("SELECT claim_id FROM group_claims WHERE group_id = ?", [old["id"]])
    }
    assert kept == {c["id"] for c in old["claims"]}
    retired = group_records(reg.db, verdict="all", include_retired=True)
    assert old["id"] in {g["id"] for g in retired}


def test_reviewed_group_that_disappears_is_retired_with_its_rows(tmp_path):
    reg = _two_reports(tmp_path)
    old = _toll(reg.db)
    record(reg.db, old["id"], "confirm_conflict", reviewer="ed")
    changed = tmp_path / "in" / "toll" / "day2.txt"
    changed.write_text("Hualien update\n\n2025-04-04 18:30\n\nNo new figures today.\n")
    ingest_paths(reg, [str(changed)])
    match_registry(reg.db)
    assert reg.db.execute("SELECT state FROM groups WHERE id = ?", [old["id"]]).fetchone() == (
        "retired",
    )
    assert reg.db.execute(
        "SELECT COUNT(*) FROM group_claims WHERE group_id = ?", [old["id"]]
    ).fetchone() == (len(old["claims"]),)


def test_unreviewed_group_that_disappears_is_deleted(tmp_path):
    reg = _two_reports(tmp_path)
    old = _toll(reg.db)
    changed = tmp_path / "in" / "toll" / "day2.txt"
    changed.write_text("Hualien update\n\n2025-04-04 18:30\n\nNo new figures today.\n")
    ingest_paths(reg, [str(changed)])
    match_registry(reg.db)
    assert reg.db.execute("SELECT 1 FROM groups WHERE id = ?", [old["id"]]).fetchone() is None


def test_claim_removed_by_a_reviewer_is_never_put_back(tmp_path):
    reg = registry_with(tmp_path, ARTICLES / "rising_toll")
    match_registry(reg.db)
    group = _toll(reg.db)
    removed = [c["id"] for c in group["claims"] if c["value"] == 16]
    record(reg.db, group["id"], "remove_claim", claim_ids=removed, reviewer="ed")
    for _ in range(2):  # and it stays out on every later run
        match_registry(reg.db)
        again = _toll(reg.db)
        assert again["id"] == group["id"]
        assert sorted({c["value"] for c in again["claims"]}) == [9, 12]


def _rows(db):
    """Every stored row of the matcher's tables and the review queue's, updated_at aside."""
    return {
        table: sorted(db.execute(f"SELECT * FROM {table}").fetchall())
        for table in ("group_claims", "review_queue", "review_tally", "review_sources")
    } | {
        "groups": sorted(
            db.execute(
                "SELECT id, quantity, kind, unit, verdict, severity, confidence, explanation, "
                "signature, state FROM groups"
            ).fetchall()
        )
    }


def test_rematch_of_an_unchanged_registry_writes_nothing(tmp_path):
    reg = registry_with(tmp_path, ARTICLES / "rising_toll", ARTICLES / "wire_reprint")
    match_registry(reg.db)
    record(reg.db, _toll(reg.db)["id"], "confirm_conflict", reviewer="ed")
    before, changes = _rows(reg.db), reg.db.conn.total_changes
    match_registry(reg.db)
    assert reg.db.conn.total_changes == changes
    assert _rows(reg.db) == before


_MEMBERS = (
    "SELECT gc.rowid, gc.*, g.updated_at, s.path FROM group_claims gc "
    "JOIN groups g ON g.id = gc.group_id JOIN claims c ON c.id = gc.claim_id "
    "JOIN sources s ON s.id = c.source_id"
)


def test_rematch_after_a_new_article_writes_only_what_changed(tmp_path):
    src = tmp_path / "toll"
    src.mkdir()
    for name in ("day1.txt", "day2.txt"):
        shutil.copy(ARTICLES / "rising_toll" / name, src / name)
    reg = registry_with(tmp_path, src, ARTICLES / "wire_reprint")
    match_registry(reg.db)
    before = set(reg.db.execute(_MEMBERS).fetchall())
    _add_day3(tmp_path, reg)
    after = set(reg.db.execute(_MEMBERS).fetchall())
    # the wire story's groups are left alone (a rewrite would give their members new
    # rowids and their groups a new updated_at); the toll's group gains day 3's figure
    wire = {r for r in before if "wire_reprint" in r[-1]}
    assert wire and wire <= after
    assert any("day3" in r[-1] for r in after - before)


def _loaded(reg):
    """The matcher's results for a registry, and the mark taken before reading it."""
    mark = read_mark(reg.db)
    items, table, titles, arrays = load_items(reg.db)
    results = match_items(items, table, titles, arrays, {})
    return mark, results, {item.id: item.source_id for item in items}


@pytest.mark.parametrize("by", ["this connection", "another connection"])
def test_a_claim_deleted_after_loading_fails_the_write(tmp_path, by):
    """The foreign-key checks skipped while nothing was committed since loading are made
    in bulk when something was: a membership never points at a missing claim."""
    reg = registry_with(tmp_path, ARTICLES / "rising_toll")
    mark, results, source_of = _loaded(reg)
    gone = results[0].claim_ids[0]
    conn = reg.db.conn if by == "this connection" else sqlite3.connect(reg.path)
    with conn:
        conn.execute("DELETE FROM mentions WHERE claim_id = ?", [gone])
        conn.execute("DELETE FROM claims WHERE id = ?", [gone])
    with pytest.raises(sqlite3.IntegrityError):
        persist(reg.db, results, source_of, loaded_at=mark)
    assert reg.db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert reg.db.execute("SELECT COUNT(*) FROM group_claims").fetchone() == (0,)


def test_an_unchanged_registry_is_written_without_per_row_checks_and_stays_sound(tmp_path):
    reg = registry_with(tmp_path, ARTICLES / "rising_toll", ARTICLES / "wire_reprint")
    mark, results, source_of = _loaded(reg)
    persist(reg.db, results, source_of, loaded_at=mark)
    assert reg.db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert reg.db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert reg.db.execute("SELECT COUNT(*) FROM group_claims").fetchone()[0] > 0
