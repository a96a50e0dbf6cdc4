"""Candidate pairs: only claims that share a block key are ever compared.

Event-bound claims are blocked on (signature, shared evidence feature): two claims
are candidates when they measure the same thing *and* their windows share a
figure, date or name. Standing facts are blocked on (signature, place). Features
shared by very many sources already weigh too little to be keys (see
``evidence.feature_weight``); a posting list still longer than ``ALL_PAIRS_UP_TO``
(one story reprinted everywhere) is cut to a sorted neighbourhood: each claim is
paired with the next ``NEIGHBOURS`` only, which keeps such a cluster connected at
linear cost. The price is a possible missed link, the safe failure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

import numpy as np

from .bulk import ItemArrays
from .evidence import PLACE, FeatureTable
from .items import Item

ALL_PAIRS_UP_TO = 64
NEIGHBOURS = 8
MIN_KEY_WEIGHT = 0.3
MAX_SAME_SOURCE = 12  # claims of one signature in one article compared all-pairs up to this


def _pairs(members: Sequence[int]) -> Iterator[tuple[int, int]]:
    """All pairs of a small list, or each member with its next NEIGHBOURS for a long one."""
    n = len(members)
    span = n if n <= ALL_PAIRS_UP_TO else NEIGHBOURS
    for x in range(n):
        for y in range(x + 1, min(n, x + 1 + span)):
            yield members[x], members[y]


def event_candidates(arrays: ItemArrays, table: FeatureTable) -> tuple[np.ndarray, np.ndarray]:
    """Unique cross-source pairs (a < b) within a signature block sharing a key feature.

    Postings are (block, key feature) runs of item indices in ascending order; each
    run yields its pairs as ``_pairs`` would, all runs at once per offset.
    """
    kinds = np.array([kind != PLACE for kind in table.kinds], dtype=bool)
    is_key = (np.array(table.weights, dtype=np.float64) >= MIN_KEY_WEIGHT) & kinds
    event = np.flatnonzero(arrays.block >= 0)
    owner, feats = arrays.windows_of(event)
    keep = is_key[feats] if len(feats) else np.zeros(0, dtype=bool)
    item, feats = event[owner[keep]], feats[keep]
    block = arrays.block[item]
    order = np.lexsort((item, feats, block))
    item, feats, block = item[order], feats[order], block[order]
    n = len(item)
    starts = np.flatnonzero(np.r_[True, (feats[1:] != feats[:-1]) | (block[1:] != block[:-1])])
    lens = np.diff(np.r_[starts, n])
    run_len = np.repeat(lens, lens)
    remaining = np.repeat(starts + lens, lens) - 1 - np.arange(n)  # members after this one
    active = np.flatnonzero(remaining >= 1)
    firsts, seconds = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for d in range(1, ALL_PAIRS_UP_TO):
        if d == NEIGHBOURS + 1:
            active = active[run_len[active] <= ALL_PAIRS_UP_TO]
        active = active[remaining[active] >= d]
        if not len(active):
            break
        firsts.append(item[active])
        seconds.append(item[active + d])
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    cross = arrays.source[a] != arrays.source[b]
    key = np.sort(a[cross] * len(arrays.block) + b[cross])
    key = key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key
    return key // len(arrays.block), key % len(arrays.block)


def same_source_candidates(arrays: ItemArrays) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (a < b) of claims with one signature block inside one article, for
    articles that state that quantity at most MAX_SAME_SOURCE times."""
    n = len(arrays.key)
    standing = arrays.block < 0
    order = np.lexsort((np.arange(n), arrays.key, standing, arrays.source))
    key, src, stand = arrays.key[order], arrays.source[order], standing[order]
    new_run = np.r_[True, (key[1:] != key[:-1]) | (src[1:] != src[:-1]) | (stand[1:] != stand[:-1])]
    starts = np.flatnonzero(new_run)
    lens = np.diff(np.r_[starts, n])
    run_len = np.repeat(lens, lens)
    remaining = np.repeat(starts + lens, lens) - 1 - np.arange(n)
    active = np.flatnonzero((remaining >= 1) & (run_len <= MAX_SAME_SOURCE))
    firsts, seconds = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for d in range(1, MAX_SAME_SOURCE):
        active = active[remaining[active] >= d]
        firsts.append(order[active])
        seconds.append(order[active + d])
    return np.concatenate(firsts), np.concatenate(seconds)


def standing_candidates(items: Sequence[Item]) -> Iterator[tuple[int, int]]:
    """Cross-source pairs of standing facts with one signature and a shared place."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.standing:
            for place in it.places:
                blocks[(it.sig.block_key, place)].append(i)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        for a, b in _pairs(members):
            pair = (a, b) if a < b else (b, a)
            if pair not in seen and items[a].source_id != items[b].source_id:
                seen.add(pair)
                yield pair
