"""The review queue's SQL: both query plans give the same rows, keyset pages tile the queue."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.registry import Registry
from factcheck.review import history, record, removals_of, removed_claims, undo_last
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
    plan = " / ".join(r[3] for r in reg.db.execute(f"EXPLAIN QUERY PLAN {data._BY_SCAN}", ["%x%"]))
    assert "COVERING INDEX review_source_names" in plan
    data._match_sources(reg.db, "Evening Star")
    assert reg.db.execute(f"SELECT COUNT(*) FROM {data._MATCHED}").fetchone()[0] == 1


# Invented source names for the source filter: LIKE's wildcards and quotes in names,
# letters LIKE does not fold ("É", the Kelvin sign) but a case-folding tokenizer would.
SOURCE_NAMES = [
    ("reports/100%-sure.txt", "Daily 100% News", "Percent Press"),
    ("under_score.txt", "Under_score Times", None),
    ("obrien.txt", "O'Brien's \"Quoted\" Post", "O'Brien Media"),
    ("cafe.txt", "Café Été", "CAFÉ ÉTÉ"),
    ("weekly.txt", "\u212aelvin Weekly", "Straße Blatt"),
    ("xinhua.txt", "Xinhua wire", "XINHUA"),
    ("ab.txt", "ab", "ab"),
]
SOURCE_TERMS = [
    *("%", "_", "100%", "100% n", "der_s", "r_s", "%sure", "a%b"),  # wildcards: scanned
    *("O'B", "'s \"Q", '"Quoted"', 'ted" P', "brien"),  # quotes in the FTS5 string
    *("café", "CAFÉ", "afé", "été", "ÉTÉ", "kelvin", "\u212aelvin", "strasse", "straße"),
    *("xinhua", "XINHUA", "hua wire", ".txt", "nowhere"),
    *("a", "ab", "é", "É", "x", "ss", "  "),  # 1-2 characters: no trigram, scanned
]


def _add_named_sources(reg: Registry) -> list[str]:
    """One source, claim and group per invented name; returns the group ids."""
    gids = []
    with reg.db.conn:
        for i, (path, title, outlet) in enumerate(SOURCE_NAMES):
            sid, cid, gid = f"s-named-{i}", f"c-named-{i}", f"g-named-{i}"
            reg.db.execute(
                "INSERT INTO sources (id, path, title, outlet, text) VALUES (?, ?, ?, ?, '7')",
                [sid, path, title, outlet],
            )
            reg.db.execute(
                "INSERT INTO claims (id, source_id, start, end, text, sentence, value, low, "
                "high, kind) VALUES (?, ?, 0, 1, '7', '7', 7, 7, 7, 'count')",
                [cid, sid],
            )
            reg.db.execute(
                "INSERT INTO groups (id, quantity, kind, verdict, severity, state) "
                "VALUES (?, 'named', 'count', 'conflict', ?, 'active')",
                [gid, 0.3 + i / 100],
            )
            reg.db.execute("INSERT INTO group_claims VALUES (?, ?, 1, '{}')", [gid, cid])
            gids.append(gid)
    return gids


@pytest.mark.parametrize("term", SOURCE_TERMS)
def test_the_trigram_source_match_is_the_like_match(reg: Registry, term: str) -> None:
    _add_named_sources(reg)
    scanned = reg.db.execute(data._BY_SCAN, [f"%{term}%"]).fetchall()
    if data.by_trigrams(term):
        assert sorted(reg.db.execute(data._BY_TRIGRAMS, [term]).fetchall()) == sorted(scanned)
    else:  # the trigrams cannot answer it: such a term is scanned
        assert len(term) < 3 or "%" in term or "_" in term


def test_the_like_match_of_the_invented_names_is_what_a_reader_expects(reg: Registry) -> None:
    """Guards the comparison above against both sides being wrong the same way."""
    _add_named_sources(reg)

    def named(term: str) -> list[str]:
        data._match_sources(reg.db, term)
        return sorted(r[0] for r in reg.db.execute(f"SELECT id FROM {data._MATCHED}"))

    assert named("café") == ["s-named-3"]  # "CAFÉ ÉTÉ": LIKE folds ASCII letters only
    assert named("CAFÉ") == ["s-named-3"]
    assert named("été") == [] and named("ÉTÉ") == ["s-named-3"]  # "Été", "ÉTÉ"
    assert named("kelvin") == []  # the Kelvin sign is not a K to LIKE
    assert named("strasse") == []
    assert named("xinhua") == ["s-named-5"]
    assert named("O'B") == ["s-named-2"] and named('"Quoted"') == ["s-named-2"]
    assert named("Un_er_S") == ["s-named-1"]  # "_" is any one character
    assert named("100%") == ["s-named-0"]


@pytest.mark.parametrize("term", SOURCE_TERMS)
def test_every_source_filter_plan_gives_the_same_page(
    reg: Registry, monkeypatch: pytest.MonkeyPatch, term: str
) -> None:
    """Listing the matched sources' groups, walking with a probe of them, walking with
    each group's names tested: one page, and the count agrees."""
    gids = _add_named_sources(reg)
    f = data.QueueFilter(source=term)
    scanned = reg.db.execute(data._BY_SCAN, [f"%{term}%"]).fetchall()
    expected = [gid for i, gid in enumerate(gids) if (f"s-named-{i}",) in scanned]
    pages = [[r.id for r in data.fetch_page(reg.db, f)]]
    monkeypatch.setattr(data, "_FEW_SOURCE_GROUPS", 0)
    pages.append([r.id for r in data.fetch_page(reg.db, f)])
    monkeypatch.setattr(data, "_FEW_SOURCES", 0)
    pages.append([r.id for r in data.fetch_page(reg.db, f)])
    assert pages[0] == pages[1] == pages[2]
    assert sorted(g for g in pages[0] if g.startswith("g-named")) == expected
    assert data.counts(reg.db, f).open == len(pages[0])


def test_a_source_term_is_looked_up_in_the_trigram_index(reg: Registry) -> None:
    plan = " / ".join(
        r[3] for r in reg.db.execute(f"EXPLAIN QUERY PLAN {data._BY_TRIGRAMS}", ["x"])
    )
    assert "VIRTUAL TABLE" in plan and "SCAN s" not in plan


def test_the_app_tidies_its_heap_only_while_the_reviewer_is_idle(tmp_path: Path) -> None:
    import gc
    import time

    from factcheck.tui.app import IDLE_S, ReviewApp

    app = ReviewApp(str(invented_registry(tmp_path / "claims.db")))
    try:
        gc.collect(1)  # objects reached the oldest generation
        app._input_at = time.monotonic()
        app._tidy_when_idle()
        assert gc.get_count()[2] >= 1 and gc.get_freeze_count() == 0  # a key just now
        app._input_at -= IDLE_S
        app._tidy_when_idle()
        assert gc.get_count()[2] == 0 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        app.registry.close()


def test_prefetch_reads_the_registry_once_and_stops_when_cancelled(tmp_path: Path) -> None:
    path = invented_registry(tmp_path / "claims.db")
    size = Path(path).stat().st_size
    assert data.prefetch(str(path)) == size
    assert data.prefetch(str(path), cancelled=lambda: True) == 0
    assert data.prefetch(str(tmp_path / "missing.db")) == 0
    assert data.prefetch(str(path), readers=3) == size  # slices of at least 1 MiB


def test_prefetch_reads_the_file_itself_where_the_os_cannot_copy_it_to_dev_null(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.db"
    path.write_bytes(bytes(range(256)) * 12_000)  # ~3 MiB: three slices
    copied: list[int] = []

    def sendfile(out_fd: int, in_fd: int, offset: int, count: int) -> int:
        copied.append(count)
        raise OSError(22, "sendfile to a file is not supported here")

    monkeypatch.setattr(os, "sendfile", sendfile)
    assert data.prefetch(str(path), readers=3) == path.stat().st_size
    assert len(copied) == 3  # each reader tried once, then read the bytes


def test_figures_are_distinct_lowest_first_without_removed_claims(reg: Registry) -> None:
    """The Figures and Src columns: numeric order (a missing value as 0), each figure once,
    a removed claim left out until its removal is undone."""

    def shown() -> tuple[str, int]:
        rows = data.fetch_page(reg.db, data.QueueFilter(verdict="all"))
        row = next(r for r in rows if r.id == "g-consistent")
        return row.figures, row.sources

    members = dict(reg.db.execute("SELECT claim_id, group_id FROM group_claims"))
    with reg.db.conn:  # every claim also in g-consistent, whose two claims both say 100
        for cid, gid in members.items():
            if gid != "g-consistent":
                reg.db["group_claims"].insert({"group_id": "g-consistent", "claim_id": cid})
    assert shown() == ("40 | 42 | 100 | 115 | ~118", 3)
    wire = next(cid for (cid,) in reg.db.execute("SELECT id FROM claims WHERE text = '42'"))
    with reg.db.conn:
        reg.db.execute("UPDATE claims SET value = NULL WHERE id = ?", [wire])
    assert shown() == ("∞ | 40 | 100 | 115 | ~118", 3)  # no value: sorted as 0, shown as ∞
    record(reg.db, "g-consistent", "remove_claim", claim_ids=[wire])
    assert shown() == ("40 | 100 | 115 | ~118", 2)  # the only claim of wire.txt
    undo_last(reg.db, "g-consistent")
    assert shown() == ("∞ | 40 | 100 | 115 | ~118", 3)


def test_removals_of_a_page_agree_with_each_group_history(reg: Registry) -> None:
    """The queue reads only the removals in force; the whole history says the same."""
    members = {}
    for cid, gid in reg.db.execute("SELECT claim_id, group_id FROM group_claims ORDER BY 1"):
        members.setdefault(gid, []).append(cid)
    groups = sorted(members)
    steps = [
        lambda: record(reg.db, groups[0], "remove_claim", claim_ids=members[groups[0]][:1]),
        lambda: record(reg.db, groups[0], "approve"),  # every member listed, none removed
        lambda: record(reg.db, groups[1], "remove_claim", claim_ids=members[groups[1]][:1]),
        lambda: undo_last(reg.db, groups[1]),  # the removal undone
        lambda: record(reg.db, groups[0], "remove_claim", claim_ids=members[groups[0]][1:2]),
        lambda: undo_last(reg.db, groups[0]),  # the later removal undone, the first kept
    ]
    seen = []
    for step in steps:
        step()
        expected = {g: removed_claims(history(reg.db, g)) for g in groups}
        assert removals_of(reg.db, groups) == {g: ids for g, ids in expected.items() if ids}
        seen.append(removals_of(reg.db, groups))
    assert seen[0] == seen[1] == seen[5] == {groups[0]: set(members[groups[0]][:1])}
    assert seen[3] == seen[0] and removals_of(reg.db, []) == {}
