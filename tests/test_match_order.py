"""Property: group verdicts do not depend on the order in which articles are ingested,
nor on whether matching ran after each article or once at the end."""

from __future__ import annotations

import functools
import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.ingest import ingest_paths
from factcheck.match import match_registry
from factcheck.registry import Registry

from .match_kit import ARTICLES, seed

POOL = sorted(
    [*ARTICLES.glob("*/*.txt"), seed("001"), seed("002"), seed("000")], key=lambda p: p.name
)


def _verdicts(db) -> set[tuple[frozenset[str], str]]:
    groups = {}
    for gid, cid, verdict in db.execute(
        "SELECT g.id, gc.claim_id, g.verdict FROM groups g "
        "JOIN group_claims gc ON gc.group_id = g.id WHERE g.state = 'active'"
    ):
        groups.setdefault((gid, verdict), set()).add(cid)
    return {(frozenset(members), verdict) for (_, verdict), members in groups.items()}


def _run(order: list[Path], incremental: bool) -> set[tuple[frozenset[str], str]]:
    with tempfile.TemporaryDirectory() as tmp:
        reg = Registry(Path(tmp) / "claims.db")
        for path in order:
            ingest_paths(reg, [str(path)])
            if incremental:
                match_registry(reg.db)
        match_registry(reg.db)
        result = _verdicts(reg.db)
        reg.close()
        return result


@functools.cache
def _reference() -> set[tuple[frozenset[str], str]]:
    return _run(POOL, incremental=False)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.permutations(POOL), incremental=st.booleans())
def test_verdicts_do_not_depend_on_ingest_order(order, incremental):
    assert _run(list(order), incremental) == _reference()


def test_reference_has_every_verdict_kind_to_compare():
    verdicts = {v for _, v in _reference()}
    assert {"consistent", "evolving"} <= verdicts
    assert not any(len(m) < 2 for m, _ in itertools.chain(_reference()))
