"""Grouping claims about the same quantity of the same event, and judging each group.

``match_registry(db)`` is the public entry: it reads the current claims, links
them (signature → blocking → event or standing-fact linkage → constrained
union-find), judges each group (``factcheck.compare``) and stores groups and
memberships in the registry, keeping ids stable and reviewed groups intact.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlite_utils

from .engine import GroupResult, match_items
from .load import load_items
from .store import persist, read_mark, review_constraints

__all__ = ["MatchReport", "GroupResult", "match_registry"]


@dataclass(slots=True)
class MatchReport:
    """What a match run did: groups by verdict, how many claims they hold, timing."""

    groups: int = 0
    by_verdict: dict[str, int] = field(default_factory=dict)
    claims_grouped: int = 0
    claims_considered: int = 0
    retired: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # wall seconds: load, match, write

    def summary(self) -> str:
        verdicts = ", ".join(f"{n} {v}" for v, n in sorted(self.by_verdict.items()))
        return (
            f"{self.groups} groups ({verdicts or 'none'}) from {self.claims_grouped} of "
            f"{self.claims_considered} claims; {self.retired} reviewed groups retired"
        )


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Matching allocates millions of small acyclic objects (items, links, evidence);
    each allocation burst triggers collections that walk every live object, which
    cost a third of the grouping time. They are run once at the end instead."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def match_registry(db: sqlite_utils.Database) -> MatchReport:
    """(Re)build the groups of a registry; incremental, stable and safe for reviews."""
    started = time.perf_counter()
    with _cycle_collector_paused():
        mark = read_mark(db)
        items, table, titles, arrays = load_items(db)
        loaded = time.perf_counter()
        results = match_items(items, table, titles, arrays, review_constraints(db))
        judged = time.perf_counter()
        _, retired = persist(
            db, results, {item.id: item.source_id for item in items}, loaded_at=mark
        )
    done = time.perf_counter()
    return MatchReport(
        groups=len(results),
        by_verdict=dict(Counter(r.judgement.verdict for r in results)),
        claims_grouped=sum(len(r.claim_ids) for r in results),
        claims_considered=len(items),
        retired=retired,
        seconds=round(done - started, 3),
        phases={
            "load": round(loaded - started, 3),
            "match": round(judged - loaded, 3),
            "write": round(done - judged, 3),
        },
    )
