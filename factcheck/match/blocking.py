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


def event_blocks(items: Sequence[Item]) -> dict[tuple, list[int]]:
    """Event-bound items by signature block key (predicate left to the pair check)."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if not it.standing:
            blocks[it.sig.block_key].append(i)
    return blocks


def event_candidates(items: Sequence[Item], table: FeatureTable) -> Iterator[tuple[int, int]]:
    """Unique cross-source pairs within a signature block sharing a key feature."""
    weights, keys = table.weights, table.keys
    for members in event_blocks(items).values():
        if len(members) < 2:
            continue
        postings: dict[int, list[int]] = defaultdict(list)
        for i in members:
            for fid in items[i].window:
                if weights[fid] >= MIN_KEY_WEIGHT and keys[fid][0] != PLACE:
                    postings[fid].append(i)
        seen: set[tuple[int, int]] = set()
        for plist in postings.values():
            if len(plist) < 2:
                continue
            for a, b in _pairs(plist):
                pair = (a, b) if a < b else (b, a)
                if pair not in seen and items[a].source_id != items[b].source_id:
                    seen.add(pair)
                    yield pair


def same_source_candidates(items: Sequence[Item]) -> Iterator[tuple[int, int]]:
    """Pairs of claims with one signature block inside one article."""
    by_source: dict[tuple, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by_source[(it.source_id, it.standing, it.sig.block_key)].append(i)
    for members in by_source.values():
        if 1 < len(members) <= MAX_SAME_SOURCE:
            yield from _pairs(members)


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
