"""The review queue's SQL: both query plans give the same rows, keyset pages tile the queue."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.registry import Registry
from factcheck.review import record, undo_last
from factcheck.tui import data

from .tui_fixtures import invented_registry


@pytest.fixture
def reg(tmp_path: Path) -> Registry:
    registry = Registry(invented_registry(tmp_path / "claims.db"))
    yield registry
    registry.close()


@pytest.mark.parametrize(
    ("search", "source", "expected"),
    [
        ("Harbour", None, ["g-fire-hurt"]),
        ("boys born", None, ["g-sex-ratio"]),  # two words in one sentence
        ("girls", None, ["g-sex-ratio"]),  # sentences, and the quantity "boys per 100 girls"
        ("115", None, ["g-sex-ratio"]),  # a figure is matched whole, not as a prefix
        (None, "wire", ["g-fire-hurt"]),
        (None, "Evening Star", ["g-sex-ratio"]),
        (None, "nowhere", []),
    ],
)
def test_listing_matches_and_walking_the_queue_agree(
    reg: Registry, monkeypatch: pytest.MonkeyPatch, search, source, expected
) -> None:
    f = data.QueueFilter(search=search, source=source)
    listed = [r.id for r in data.fetch_page(reg.db, f)]
    monkeypatch.setattr(data, "_FEW_FTS_CLAIMS", 0)  # as if the words were everywhere
    monkeypatch.setattr(data, "_FEW_SOURCE_GROUPS", 0)
    walked = [r.id for r in data.fetch_page(reg.db, f)]
    assert listed == walked == expected


def test_status_filters_follow_decisions_and_undo(reg: Registry) -> None:
    def ids(status: str) -> list[str]:
        return [
            r.id for r in data.fetch_page(reg.db, data.QueueFilter(verdict="all", status=status))
        ]

    record(reg.db, "g-sex-ratio", "confirm_conflict")
    record(reg.db, "g-fire-hurt", "split")
    record(reg.db, "g-fire-hurt", "note", note="checked")
    assert ids("confirmed") == ["g-sex-ratio"]
    assert ids("dismissed") == ["g-fire-hurt"]
    assert ids("open") == ["g-consistent"]
    assert data.counts(reg.db, data.QueueFilter(verdict="all")) == data.Counts(1, 1, 1)
    undo_last(reg.db, "g-fire-hurt")  # undoes the note: still dismissed
    undo_last(reg.db, "g-fire-hurt")  # undoes the split: open again
    assert ids("open") == ["g-fire-hurt", "g-consistent"]
    assert ids("done") == ["g-sex-ratio"]


def test_keyset_pages_tile_the_queue(reg: Registry) -> None:
    f = data.QueueFilter(verdict="all")
    whole = [r.id for r in data.fetch_page(reg.db, f, limit=10)]
    paged, after = [], None
    while page := data.fetch_page(reg.db, f, after=after, limit=1):
        paged += [r.id for r in page]
        after = page[-1].key
    assert paged == whole == ["g-sex-ratio", "g-fire-hurt", "g-consistent"]


def test_fts_query_quotes_what_was_typed() -> None:
    assert data.fts_query('boys" OR x') == '"boys" "OR" "x"*'
    assert data.fts_query("118") == '"118"'
    assert data.fts_query("--") is None


def test_evidence_lines_name_claims_and_skip_empty_values() -> None:
    from factcheck.tui.render import evidence_lines

    lines = evidence_lines(
        {"linked_to": "abc", "shared_figures": [382.0, 1094], "shared_dates": [], "rule": "event"},
        {"abc": "#2"},
    )
    assert lines == ["linked to: #2", "shared figures: 382, 1,094", "rule: event"]


def test_every_verdict_status_and_kind_filter_pages_without_sorting(reg: Registry) -> None:
    """A page is an ordered index walk that stops after one page, never a sort of the queue."""
    record(reg.db, "g-sex-ratio", "confirm_conflict")  # every group decided: "done" is all
    record(reg.db, "g-fire-hurt", "split")
    record(reg.db, "g-consistent", "not_conflict")
    plans: dict[str, str] = {}
    execute = reg.db.execute

    def explained(sql: str, params=()):  # noqa: ANN001, ANN202
        if sql.startswith("SELECT severity, group_id FROM review_queue"):
            plans[sql] = " / ".join(r[3] for r in execute(f"EXPLAIN QUERY PLAN {sql}", params))
        return execute(sql, params)

    reg.db.execute = explained  # type: ignore[method-assign]
    for verdict in data.VERDICTS:
        for status in data.STATUS_FILTERS:
            for kind in (None, "count", "money"):
                f = data.QueueFilter(verdict=verdict, status=status, kind=kind)
                data.fetch_page(reg.db, f, after=(0.95, "g-zzz"))
    assert plans
    assert not [plan for plan in plans.values() if "TEMP B-TREE" in plan]


@pytest.mark.parametrize("text", ["Harbour", "boys born", "girls", "115", "b", "bo"])
def test_the_fts_probe_says_fewer_exactly_when_the_whole_query_has_fewer(
    reg: Registry, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    match = data.fts_query(text)
    n = reg.db.execute(
        "SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH ?", [match]
    ).fetchone()[0]
    for few in sorted({0, 1, n, n + 1}):
        monkeypatch.setattr(data, "_FEW_FTS_CLAIMS", few)
        assert data._few_fts(reg.db, match) == (n < few)


def test_a_source_filter_scans_the_source_names_index_not_the_articles(reg: Registry) -> None:
    plan = " / ".join(r[3] for r in reg.db.execute(f"EXPLAIN QUERY PLAN {data._NAMED}", ["%x%"]))
    assert "COVERING INDEX review_source_names" in plan
    data._match_sources(reg.db, "Evening Star")
    assert reg.db.execute(f"SELECT COUNT(*) FROM {data._MATCHED}").fetchone()[0] == 1
