"""Reading the registry's current claims as matcher items, in parallel processes on
a large registry: the read half of matching (store.py writes the groups back)."""

from __future__ import annotations

import gc
import sqlite3
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any

import numpy as np
import sqlite_utils

from .bulk import ArrayBuilder, ArrayPart, ItemArrays, merge_parts
from .evidence import FeatureTable
from .items import COLUMNS, Item, ItemColumns, ItemReader
from .parallel import in_parallel, workers_for

PARALLEL_SOURCES = 10_000  # from this many sources on, items are made in several processes

LOCAL_SHARE = 0.9  # this process also makes its items and merges: ~10% more at 1M
BATCH_ROWS = 20_000  # claims made into items at once (whole sources)

_CLAIM_COLUMNS = ", ".join(f'c."{name}"' for name in COLUMNS)
_SOURCE_OF = itemgetter(1)


@dataclass(slots=True)
class _Part:
    """The items of one range of sources, with the columns and features gathered for them."""

    columns: ItemColumns  # the items, sorted by claim id
    arrays: ArrayPart  # their arrays, in the same order
    keys: list[tuple[str, Any]]  # feature id -> feature, in this part's numbering
    df: list[int]  # feature id -> how many of this part's sources show it
    titles: dict[str, str | None]
    items: list[Item] | None = None  # made from ``columns`` (in this process only)


def load_items(
    db: sqlite_utils.Database, workers: int | None = None
) -> tuple[list[Item], FeatureTable, dict[str, str | None], ItemArrays]:
    """Items of every current (not superseded) source sorted by claim id, with
    titles, the feature table and the items' columns.

    Reading costs ~30 µs a claim (a third of it fetching the rows), so a large
    registry on disk is read as ``workers`` ranges of sources (default: one per
    core from PARALLEL_SOURCES sources on), one in this process and the rest in
    worker processes, which send their items as columns; features are counted per
    source, so the parts merge exactly.
    """
    bounds = _source_bounds(db, workers)
    path = _file_of(db)
    if path is None:  # in memory: no other process can read it
        bounds = [(None, None)]

    def local() -> _Part:
        # this process reads on the caller's connection (it sees the caller's
        # transaction), then makes its items while the workers may still be reading
        part = _read_part(db.conn, *bounds[0])
        part.items = part.columns.items()
        return part

    parts = in_parallel(local, _load_part, [(path, lo, hi) for lo, hi in bounds[1:]])
    table = FeatureTable()
    feature_maps = [table.absorb(p.keys, p.df) for p in parts]
    table.finish()
    # each part is sorted already: a stable sort merges the runs
    order = np.argsort(np.concatenate([p.columns.ids for p in parts]), kind="stable")
    arrays = merge_parts([p.arrays for p in parts], feature_maps, order)
    titles = {sid: title for p in parts for sid, title in p.titles.items()}
    if len(parts) == 1:
        return parts[0].items, table, titles, arrays
    made = [it for p in parts for it in (p.items if p.items is not None else p.columns.items())]
    return [made[k] for k in order.tolist()], table, titles, arrays


def _file_of(db: sqlite_utils.Database) -> str | None:
    """The registry's file, or None for an in-memory one."""
    for _, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return file or None
    return None


def _source_bounds(
    db: sqlite_utils.Database, workers: int | None
) -> list[tuple[str | None, str | None]]:
    """Source id ranges [lo, hi) of current sources, one per worker: the first, read
    in this process, holds LOCAL_SHARE of what each other one holds, since this
    process also makes the items and merges the parts."""
    ids = [
        r[0] for r in db.execute("SELECT id FROM sources WHERE superseded_by IS NULL ORDER BY id")
    ]
    if workers is None:
        workers = workers_for(len(ids), PARALLEL_SOURCES)
    total = LOCAL_SHARE + workers - 1
    cuts = (
        [ids[int(len(ids) * (LOCAL_SHARE + k) / total)] for k in range(workers - 1)] if ids else []
    )
    edges = [None, *dict.fromkeys(cuts), None]
    return list(zip(edges[:-1], edges[1:], strict=True))


def _load_part(path: str, lo: str | None, hi: str | None) -> _Part:
    """``_read_part`` on its own connection, in a worker process (or in this one
    while other threads run: the collector is then left as it was)."""
    collecting = gc.isenabled()
    gc.disable()  # the same reason as match_registry's pause
    conn = sqlite3.connect(path)
    try:
        return _read_part(conn, lo, hi)
    finally:
        conn.close()
        if collecting:
            gc.enable()


def _read_part(conn: sqlite3.Connection, lo: str | None, hi: str | None) -> _Part:
    """The items of the current sources with lo <= id < hi (None: unbounded)."""
    where, args = _range("id", lo, hi)
    sources = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            f"SELECT id, title, published FROM sources WHERE superseded_by IS NULL{where}", args
        ).fetchall()
    }
    table = FeatureTable()
    builder = ArrayBuilder()
    reader = ItemReader(table, builder)
    published = {sid: pub for sid, (_, pub) in sources.items()}
    titles: dict[str, str | None] = {}
    batch: list[tuple] = []
    for source_id, rows in groupby(_rows(conn, lo, hi), key=_SOURCE_OF):
        if source_id in sources:
            titles[source_id] = sources[source_id][0]
            batch.extend(rows)
            if len(batch) >= BATCH_ROWS:
                reader.add_sources(batch, published)
                batch = []
    reader.add_sources(batch, published)
    table.settle()
    columns = reader.columns()
    order = np.argsort(columns.ids, kind="stable")
    return _Part(columns.taken(order), builder.part().taken(order), table.keys, table.df, titles)


def _range(column: str, lo: str | None, hi: str | None) -> tuple[str, list[str]]:
    """SQL conditions (each led by AND) for lo <= column < hi."""
    where, args = "", []
    if lo is not None:
        where, args = f" AND {column} >= ?", [lo]
    if hi is not None:
        where, args = f"{where} AND {column} < ?", [*args, hi]
    return where, args


def _rows(conn: sqlite3.Connection, lo: str | None, hi: str | None) -> sqlite3.Cursor:
    """Claim rows (plain tuples in COLUMNS order) by source, then sentence and
    position: the source_id index gives the first order, so SQLite sorts only each
    source's few rows."""
    where, args = _range("c.source_id", lo, hi)
    cur = conn.cursor()
    cur.row_factory = None
    return cur.execute(
        f"SELECT {_CLAIM_COLUMNS} FROM claims c WHERE 1{where} "
        "ORDER BY c.source_id, c.sentence_start, c.start",
        args,
    )
