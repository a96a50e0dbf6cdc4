"""The registry opens in Datasette as is: views, foreign keys, FTS, column descriptions."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from datasette.app import Datasette

from factcheck import review
from factcheck.registry import Registry
from factcheck.views import DATASETTE_METADATA, view_sql

from .report_kit import add_article, add_group

METADATA = json.loads(DATASETTE_METADATA.read_text(encoding="utf-8"))


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    """Three invented reports: one conflict (open), one consistent group."""
    reg = Registry(tmp_path / "claims.db")
    a = add_article(
        reg,
        tmp_path / "a.txt",
        "Fire at Harbour Street\nOfficials said 40 people were hurt in the fire. "
        "Crews saved 3 homes.",
        [{"text": "40", "value": 40}, {"text": "3", "value": 3}],
        outlet="Daily Planet",
    )
    b = add_article(
        reg,
        tmp_path / "b.txt",
        "Harbour Street blaze\nAt least 52 people were hurt in the Harbour Street fire. "
        "Three homes were saved.",
        [{"text": "At least 52", "value": 52, "high": None, "qualifier": "at_least"}],
    )
    add_group(reg, "g-hurt", [a[0], b[0]], verdict="conflict", severity=0.9, quantity="hurt")
    add_group(reg, "g-homes", [a[1]], verdict="consistent", quantity="homes saved")
    yield reg
    reg.close()


def fetch(db_path: Path, path: str) -> dict | list:
    async def go() -> dict | list:
        ds = Datasette([str(db_path)], metadata=METADATA)
        await ds.invoke_startup()
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(go())


def test_datasette_serves_the_open_conflicts_view(registry: Registry) -> None:
    path = Path(registry.path)
    rows = fetch(path, "/claims/open_conflicts.json?_shape=array")
    assert [r["id"] for r in rows] == ["g-hurt"]
    assert rows[0]["figures"] == "40 | At least 52" and rows[0]["status"] == "open"

    review.record(registry.db, "g-hurt", "confirm_conflict", reviewer="ana")
    assert fetch(path, "/claims/open_conflicts.json?_shape=array") == []
    review.undo_last(registry.db, "g-hurt")
    assert [r["id"] for r in fetch(path, "/claims/open_conflicts.json?_shape=array")] == ["g-hurt"]


def test_datasette_claim_details_search_and_descriptions(registry: Registry) -> None:
    path = Path(registry.path)
    details = fetch(path, "/claims/claim_details.json?_shape=array&group_id=g-hurt")
    assert sorted(r["text"] for r in details) == ["40", "At least 52"]
    assert {r["review_status"] for r in details} == {"open"}
    found = fetch(path, "/claims/claims.json?_shape=array&_search=Harbour")
    assert [r["text"] for r in found] == ["At least 52"]
    table = fetch(path, "/claims/groups.json?_extra=columns")
    assert "severity" in table["columns"]
    meta = fetch(path, "/-/metadata.json")
    assert meta["databases"]["claims"]["tables"]["open_conflicts"]["columns"]["severity"]


def test_foreign_keys_link_claims_sources_groups_and_reviews(registry: Registry) -> None:
    fks = {
        (t, fk.column, fk.other_table)
        for t in ("claims", "mentions", "group_claims", "reviews")
        for fk in registry.db[t].foreign_keys
    }
    assert fks >= {
        ("claims", "source_id", "sources"),
        ("mentions", "claim_id", "claims"),
        ("group_claims", "group_id", "groups"),
        ("group_claims", "claim_id", "claims"),
        ("reviews", "group_id", "groups"),
    }


def test_metadata_describes_every_column_of_every_table_and_view(registry: Registry) -> None:
    described = METADATA["databases"]["claims"]["tables"]
    fts = registry.db.table_names(fts5=True)  # full-text indexes and their shadow tables
    assert set(fts) <= set(described)
    names = {
        n
        for n in registry.db.table_names()
        if not any(n == f or n.startswith(f"{f}_") for f in fts)
    }
    assert names | set(view_sql()) <= set(described)
    for name in names | set(view_sql()):
        columns = [r[1] for r in registry.db.execute(f"PRAGMA table_info([{name}])")]
        assert set(columns) == set(described[name]["columns"]), name


@pytest.mark.parametrize(
    "decisions",
    [
        [],
        ["note"],
        ["confirm_conflict"],
        ["confirm_conflict", "undo"],
        ["split", "note", "undo"],  # undo cancels the note; the split stands
        ["not_conflict", "right_figure", "undo", "remove_claim"],
        ["approve", "not_conflict", "undo", "undo"],
    ],
)
def test_status_view_agrees_with_review_module(registry: Registry, decisions: list[str]) -> None:
    for decision in decisions:
        if decision == "undo":
            review.undo_last(registry.db, "g-hurt")
        else:
            review.record(registry.db, "g-hurt", decision)
    (row,) = registry.db.execute("SELECT status FROM group_status WHERE group_id = 'g-hurt'")
    assert row[0] == review.status_of(review.history(registry.db, "g-hurt"))
