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
from .linkage import (
    Link,
    LinkTable,
    event_links,
    same_article_link,
    shared_features,
    standing_link,
)
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
    items: Sequence[Item], grouped: Grouped, table: FeatureTable, shared: dict[int, list[int]]
) -> GroupResult:
    """Per-member evidence and the verdict of one component; ``shared`` holds the
    features shared by each event link shown (``shared_features``)."""
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
            why = shown[id(ln)] = ln.evidence(shared.get(id(ln), ()), table)
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
) -> list[GroupResult]:
    """Link, group and judge. ``items`` must be in a content-determined order (by id);
    ``arrays`` are their columns and windows in that order (``load_items`` gathers
    them as it makes the items).

    Judging stays in this process: forked judges (tried) were slower, since each
    process copies every heap page whose reference counts it touches (100k claims:
    2.7 s in one process, 3.0 s wall in two; 1M: this process's half alone took
    16.7 s CPU, more than the whole had in one)."""
    links = find_links(items, table, titles, arrays)
    grouped = group_links(items, arrays, links, tags)
    results = []
    for start in range(0, len(grouped), JUDGE_BATCH):
        batch = grouped[start : start + JUDGE_BATCH]
        shared = shared_features(arrays, [ln for g in batch for ln in g.best])
        results.extend(judge_group(items, g, table, shared) for g in batch)
    return results


JUDGE_BATCH = 5_000  # groups whose shown links' shared features are found at once
