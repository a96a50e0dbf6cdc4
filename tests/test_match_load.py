"""Loading in several processes makes exactly the items, windows and columns of one."""

from __future__ import annotations

import threading

import numpy as np

from factcheck.match.store import load_items

from .match_kit import ARTICLES, SEEDS, registry_with


def _labels(column: np.ndarray) -> list[int]:
    """Ids renumbered by first occurrence (-1 kept): equal when two columns group the
    rows alike, whatever numbering each loader chose."""
    first: dict[int, int] = {-1: -1}
    return [first.setdefault(v, len(first) - 1) for v in column.tolist()]


def _loaded(db, workers):
    items, table, titles, arrays = load_items(db, workers=workers)
    windows: list[list] = [[] for _ in items]
    owner, feats = arrays.windows_of(np.arange(len(items)))
    for i, f in zip(owner.tolist(), feats.tolist(), strict=True):
        windows[i].append((table.keys[f], table.weights[f]))
    windows = [sorted(w) for w in windows]
    columns = [_labels(c) for c in (arrays.key, arrays.block, arrays.predicate, arrays.win)]
    sources = [arrays.source_ids[s] for s in arrays.source.tolist()]
    when = (arrays.year.tolist(), arrays.day.tolist())
    return items, titles, windows, columns, sources, when


def test_parallel_load_matches_serial_load(tmp_path):
    reg = registry_with(tmp_path, SEEDS, *sorted(ARTICLES.iterdir()))
    assert threading.active_count() == 1  # else load_items would stay in one process
    serial = _loaded(reg.db, workers=1)
    assert len(serial[0]) > 50
    for workers in (2, 3):
        assert _loaded(reg.db, workers=workers) == serial
