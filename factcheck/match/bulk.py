"""Array views of the items, so candidate pairs are generated and scored in bulk.

A registry of a million claims yields around ten million candidate pairs; scoring
them one Python call at a time costs minutes. These arrays hold exactly what the
pair rules of ``linkage`` read (block, source, verb, the sentence's year and
date, the evidence window), so numpy can apply the same rules to many pairs at
once. Claims whose sentence names several years or dates are flagged so the
pairs touching them go through the scalar rule instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import is_
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .evidence import ContextFacts
    from .signature import Signature

NONE, SEVERAL = -1, -2  # year/day codes: the sentence names none, or more than one


@dataclass(slots=True)
class ItemArrays:
    """Per-item columns; the window of item i is ``feats[ptr[win[i]]:ptr[win[i] + 1]]``."""

    key: np.ndarray  # signature block id (what is measured, verb aside)
    block: np.ndarray  # the block id for event-bound claims, -1 for standing facts
    source: np.ndarray  # source index
    predicate: np.ndarray  # verb id, -1 when the claim states none
    year: np.ndarray  # the one year its sentence names, NONE or SEVERAL
    day: np.ndarray  # the one date (ordinal) its sentence names, NONE or SEVERAL
    win: np.ndarray  # window index (claims of one sentence share a window)
    ptr: np.ndarray  # window start offsets into feats, one more than windows
    feats: np.ndarray  # sorted feature ids of each window, concatenated
    source_ids: list[str]  # source index -> source id

    def windows_of(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in ``idx``, feature id) for every feature of every listed item."""
        w = self.win[idx]
        starts = self.ptr[w]
        lens = self.ptr[w + 1] - starts
        owner = np.repeat(np.arange(len(idx), dtype=np.int64), lens)
        ends = np.cumsum(lens)
        offsets = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) - np.repeat(
            ends - lens, lens
        )
        return owner, self.feats[np.repeat(starts, lens) + offsets]


def _code(values: frozenset) -> int:
    if not values:
        return NONE
    if len(values) > 1:
        return SEVERAL
    (v,) = values
    v = v if isinstance(v, int) else v.toordinal()
    return v if v >= 0 else SEVERAL


@dataclass(slots=True)
class ArrayPart:
    """The columns one loader gathered, in its own numbering of blocks, verbs, sources,
    windows and features (``merge_parts`` renumbers them): small enough to cross a
    process boundary, unlike the window sets themselves."""

    cols: np.ndarray  # n x 7, ItemArrays' first seven columns in field order
    ptr: np.ndarray  # window start offsets into feats
    feats: np.ndarray  # feature ids of each window, concatenated
    block_keys: list[tuple]  # block id -> signature block key
    preds: list[str]  # verb id -> verb
    source_ids: list[str]  # source index -> source id

    def taken(self, order: np.ndarray) -> ArrayPart:
        """This part with its rows in ``order``."""
        return ArrayPart(
            self.cols[order], self.ptr, self.feats, self.block_keys, self.preds, self.source_ids
        )


class ArrayBuilder:
    """Gathers the columns as items are made, as codes of what items share (signature,
    context facts, source, window), each coded once: a million items visited again
    later are scattered over the heap and each visit costs a cache miss."""

    def __init__(self) -> None:
        self.sources: dict[str, int] = {}
        self.blocks: dict[tuple, int] = {}
        self.preds: dict[str, int] = {}
        self.sigs: list[tuple[int, int, int]] = []  # signature code -> block, block or -1, verb
        self.when: list[tuple[int, int]] = []  # facts code -> year, day
        self.window_sizes: list[np.ndarray] = []  # features in each window, per batch
        self.window_feats: list[np.ndarray] = []  # their feature ids, per batch
        self.window_count = 0
        self.rows: list[np.ndarray] = []  # signature, facts, source, window code per item

    def sig_code(self, sig: Signature, standing: bool) -> int:
        """A new code for a signature (codes need not be unique per signature)."""
        block = self.blocks.setdefault(sig.block_key, len(self.blocks))
        verb = sig.predicate
        verb = -1 if verb is None else self.preds.setdefault(verb, len(self.preds))
        self.sigs.append((block, -1 if standing else block, verb))
        return len(self.sigs) - 1

    def add_facts(self, facts: ContextFacts) -> None:
        """The next facts code's year and day."""
        self.when.append((_code(facts.years), _code(facts.dates)))

    def add_rows(
        self, sigs: np.ndarray, facts: np.ndarray, sources: np.ndarray, windows: np.ndarray
    ) -> None:
        """The codes of the next items."""
        self.rows.append(np.column_stack([sigs, facts, sources, windows]))

    def add_windows(self, sizes: np.ndarray, feats: np.ndarray) -> int:
        """Append windows (``sizes[k]`` features each, ``feats`` concatenated);
        returns the index of the first."""
        self.window_sizes.append(sizes)
        self.window_feats.append(feats)
        self.window_count += len(sizes)
        return self.window_count - len(sizes)

    def part(self) -> ArrayPart:
        """The columns gathered so far, in the order items were added."""
        lens = np.concatenate([np.zeros(0, dtype=np.int64), *self.window_sizes])
        ptr = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=ptr[1:])
        rows = np.concatenate([np.zeros((0, 4), dtype=np.int64), *self.rows])
        sigs = np.array(self.sigs, dtype=np.int64).reshape(-1, 3)[rows[:, 0]]
        when = np.array(self.when, dtype=np.int64).reshape(-1, 2)[rows[:, 1]]
        return ArrayPart(
            np.column_stack([sigs[:, :2], rows[:, 2], sigs[:, 2], when, rows[:, 3]]),
            ptr,
            np.concatenate([np.zeros(0, dtype=np.int64), *self.window_feats]),
            list(self.blocks),
            list(self.preds),
            list(self.sources),
        )


def distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by sorting: numpy 2's hashing unique is ~30 times slower
    on half a million int64 keys."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


_MISSING = object()


def looked_up(known: dict, keys: Sequence[Any], make: Callable[[Any], Any]) -> list[Any]:
    """``known[key]`` for each key, made by ``make`` (and kept) where missing: one
    C-level pass of lookups, then Python only for the keys seen the first time."""
    found = list(map(known.get, keys, repeat(_MISSING)))
    missing = np.fromiter(map(is_, found, repeat(_MISSING)), bool, len(found))
    for k in np.flatnonzero(missing).tolist():
        key = keys[k]
        value = known.get(key, _MISSING)
        if value is _MISSING:
            value = known[key] = make(key)
        found[k] = value
    return found


def _renumber(local: np.ndarray, mapping: list[int]) -> np.ndarray:
    """``local`` ids through ``mapping``; -1 (none) stays -1."""
    return np.array([*mapping, -1], dtype=np.int64)[local]


def merge_parts(
    parts: Sequence[ArrayPart], feature_maps: Sequence[np.ndarray], order: np.ndarray
) -> ItemArrays:
    """One numbering for the parts' columns (blocks by key, verbs by name, sources and
    windows in turn, features through ``feature_maps``), rows taken in ``order``
    (positions in the parts' items, concatenated)."""
    blocks: dict[tuple, int] = {}
    preds: dict[str, int] = {}
    source_ids: list[str] = []
    cols, ptrs, feats = [], [np.zeros(1, dtype=np.int64)], []
    windows = offset = 0
    for part, fmap in zip(parts, feature_maps, strict=True):
        c = part.cols.copy()
        block_map = [blocks.setdefault(k, len(blocks)) for k in part.block_keys]
        c[:, 0] = _renumber(c[:, 0], block_map)
        c[:, 1] = _renumber(c[:, 1], block_map)
        c[:, 2] += len(source_ids)
        c[:, 3] = _renumber(c[:, 3], [preds.setdefault(p, len(preds)) for p in part.preds])
        c[:, 6] += windows
        cols.append(c)
        ptrs.append(part.ptr[1:] + offset)
        feats.append(fmap[part.feats])
        source_ids.extend(part.source_ids)
        windows += len(part.ptr) - 1
        offset += int(part.ptr[-1])
    table = np.concatenate(cols)[order]
    ptr = np.concatenate(ptrs)
    flat = np.concatenate(feats)
    lens = np.diff(ptr)
    # each window's features in order: one sort of (window, feature) keys
    base = np.repeat(np.arange(len(lens), dtype=np.int64) * (int(flat.max(initial=-1)) + 1), lens)
    flat = np.sort(base + flat) - base
    return ItemArrays(*table.T, ptr=ptr, feats=flat, source_ids=source_ids)
