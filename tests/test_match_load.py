"""Loading in several processes makes exactly the items, windows and columns of one."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import numpy as np

from factcheck.match.load import load_items

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
    # window indices are not compared: equal windows may share one, within a part
    columns = [_labels(c) for c in (arrays.key, arrays.block, arrays.predicate)]
    sources = [arrays.source_ids[s] for s in arrays.source.tolist()]
    when = (arrays.year.tolist(), arrays.day.tolist())
    return items, titles, windows, columns, sources, when


def compare_loads(path: str) -> None:
    """Assert that 2 and 3 workers load what 1 does (run in a fresh interpreter)."""
    from factcheck.registry import Registry

    assert threading.active_count() == 1  # else load_items would stay in one process
    reg = Registry(path)
    serial = _loaded(reg.db, workers=1)
    assert len(serial[0]) > 50
    for workers in (2, 3):
        assert _loaded(reg.db, workers=workers) == serial


def test_parallel_load_matches_serial_load(tmp_path):
    # A fresh interpreter: earlier tests may leave threads running here (forking is
    # then refused and the workers' path would not be exercised).
    reg = registry_with(tmp_path, SEEDS, *sorted(ARTICLES.iterdir()))
    reg.close()
    code = f"from tests.test_match_load import compare_loads; compare_loads({reg.path!r})"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).parent.parent,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
