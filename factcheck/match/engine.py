"""The pure matching core: items in, judged groups out (no database)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..compare import Judgement, Member, judge
from .blocking import event_candidates, same_source_candidates, standing_candidates
from .bulk import ItemArrays
from .evidence import FeatureTable
from .grouping import Grouped, group_links
from .items import Item
from .linkage import Link, LinkTable, event_links, same_article_link, standing_link
from .parallel import in_parallel, workers_for
from .signature import Signature


@dataclass(slots=True)
class GroupResult:
    """A judged group, ready to be stored."""

    claim_ids: list[str]
    signature: Signature
    standing: bool
    confidence: float
    judgement: Judgement
    evidence: dict[str, str]  # claim id -> why it is in the group (JSON, as stored)
    scores: dict[str, float]  # claim id -> confidence of its best link


def find_links(
    items: Sequence[Item],
    table: FeatureTable,
    titles: dict[str, str | None],
    arrays: ItemArrays,
) -> LinkTable:
    """Every accepted pairwise link, from blocked candidate pairs only."""
    a, b = event_candidates(arrays, table)
    events = event_links(items, arrays, a, b, table, [titles.get(s) for s in arrays.source_ids])
    links: list[Link] = []
    for i, j in zip(*(x.tolist() for x in same_source_candidates(arrays)), strict=True):
        link = same_article_link(items[i], items[j], i, j)
        if link is not None:
            links.append(link)
    for i, j in standing_candidates(items):
        link = standing_link(items[i], items[j], i, j)
        if link is not None:
            links.append(link)
    return events.extended(links)


def _group_signature(items: Sequence[Item], idxs: list[int]) -> Signature:
    """The members' signature, with the verb any of them states."""
    preds = Counter(items[i].sig.predicate for i in idxs if items[i].sig.predicate)
    base = items[idxs[0]].sig
    pred = min(preds, key=lambda p: (-preds[p], p)) if preds else None
    return Signature(base.kind, base.unit, base.counted, pred, base.scope)


# one encoder for every membership (json.dumps with options builds one per call)
_encode = json.JSONEncoder(sort_keys=True).encode


def judge_group(
    items: Sequence[Item], grouped: Grouped, table: FeatureTable, arrays: ItemArrays
) -> GroupResult:
    """Per-member evidence and the verdict of one component."""
    confidence = grouped.confidence
    sig = _group_signature(items, grouped.members)
    standing = items[grouped.members[0]].standing
    members = [
        Member(
            claim_id=items[i].id,
            value=items[i].value,
            interval=items[i].interval,
            qualifier=items[i].qualifier,
            published=items[i].published,
            source_id=items[i].source_id,
        )
        for i in grouped.members
    ]
    judgement = judge(members, confidence=confidence, quantity=sig.label(), standing=standing)
    evidence, scores = {}, {}
    shown: dict[int, dict[str, Any]] = {}  # id(link) -> its evidence, for both its ends
    for i, ln in zip(grouped.members, grouped.best, strict=True):
        other = ln.b if ln.a == i else ln.a
        why = shown.get(id(ln))
        if why is None:
            why = shown[id(ln)] = ln.evidence(arrays, table)
        evidence[items[i].id] = _encode(
            {"rule": ln.rule, "linked_to": items[other].id, "score": ln.score, **why}
        )
        scores[items[i].id] = ln.confidence
    return GroupResult(
        [items[i].id for i in grouped.members],
        sig,
        standing,
        confidence,
        judgement,
        evidence,
        scores,
    )


def match_items(
    items: Sequence[Item],
    table: FeatureTable,
    titles: dict[str, str | None],
    arrays: ItemArrays,
    tags: dict[str, set[tuple[str, bool]]] | None = None,
    workers: int | None = None,
) -> list[GroupResult]:
    """Link, group and judge. ``items`` must be in a content-determined order (by id);
    ``arrays`` are their columns and windows in that order (``load_items`` gathers
    them as it makes the items). Groups are judged in ``workers`` processes
    (default: one per core from PARALLEL_GROUPS groups on)."""
    links = find_links(items, table, titles, arrays)
    grouped = group_links(items, links, tags)
    if workers is None:
        workers = workers_for(len(grouped), PARALLEL_GROUPS)
    cuts = [len(grouped) * k // workers for k in range(workers + 1)]
    global _JUDGING
    _JUDGING = (items, grouped, table, arrays)  # forked children read it
    try:
        parts = in_parallel(
            lambda: _judge_slice(cuts[0], cuts[1]),
            _judge_slice,
            list(zip(cuts[1:-1], cuts[2:], strict=True)),
        )
    finally:
        _JUDGING = None
    return [r for part in parts for r in part]


PARALLEL_GROUPS = 4_000  # from this many groups on, groups are judged in several processes
_JUDGING: tuple[Sequence[Item], list[Grouped], FeatureTable, ItemArrays] | None = None


def _judge_slice(lo: int, hi: int) -> list[GroupResult]:
    """Judge groups lo..hi of the match in progress (``_JUDGING``)."""
    assert _JUDGING is not None
    items, grouped, table, arrays = _JUDGING
    return [judge_group(items, g, table, arrays) for g in grouped[lo:hi]]
