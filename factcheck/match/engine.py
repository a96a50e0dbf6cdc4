"""The pure matching core: items in, judged groups out (no database)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii  # what json.dumps writes a str as

import numpy as np

from ..compare import Judgement, Member, consistent, disjoint_runs, judge
from .blocking import event_candidates, same_source_candidates, standing_candidates
from .bulk import ItemArrays
from .evidence import FeatureTable
from .grouping import Groups, group_links
from .items import Item
from .linkage import (
    RULES,
    Link,
    LinkTable,
    event_evidence,
    event_links,
    link_confidence,
    same_article_link,
    standing_link,
)
from .signature import Signature, texts


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


def _group_signatures(items: Sequence[Item], arrays: ItemArrays, groups: Groups) -> list[Signature]:
    """Each group's signature: its first member's, with the verb its members state
    most often (ties by name), counted over arrays; equal signatures are one object."""
    members, n = groups.members, len(groups)
    gid = np.repeat(np.arange(n), np.diff(groups.cuts))
    verb = arrays.predicate[members]
    ids, first = np.unique(verb[verb >= 0], return_index=True)
    names = [items[i].sig.predicate for i in members[verb >= 0][first].tolist()]
    # verbs counted by name (its rank among the names), so ties go to the first name
    spoken = sorted({name for name in names if name})
    rank = np.full(int(ids.max(initial=-1)) + 2, -1, dtype=np.int64)  # -1: none stated
    rank[ids] = [spoken.index(name) if name else -1 for name in names]
    said = rank[verb]  # verb -1 reads the last slot, -1
    stated = said >= 0
    key = np.sort(gid[stated] * len(spoken) + said[stated])
    runs = np.flatnonzero(np.diff(key, prepend=-1))  # (group, verb) runs
    count = np.diff(np.r_[runs, len(key)])
    g, v = np.divmod(key[runs], max(len(spoken), 1))
    pick = np.lexsort((v, -count, g))
    pick = pick[np.diff(g[pick], prepend=-1) != 0]  # each group's most stated verb
    chosen: list[str | None] = [None] * n
    for k, r in zip(g[pick].tolist(), v[pick].tolist(), strict=True):
        chosen[k] = spoken[r]
    made: dict[tuple[int, str | None], Signature] = {}
    sigs = []
    for k, start in enumerate(groups.cuts[:-1]):
        base = items[int(members[start])].sig
        sig = made.get((id(base), chosen[k]))
        if sig is None:
            sig = made[id(base), chosen[k]] = Signature(
                base.kind, base.unit, base.counted, chosen[k], base.scope
            )
        sigs.append(sig)
    return sigs


def membership_evidence(
    ids: Sequence[str],
    members: np.ndarray,
    rows: np.ndarray,
    links: LinkTable,
    arrays: ItemArrays,
    table: FeatureTable,
) -> list[str]:
    """Why each member (item index; ``ids`` are their claim ids) is in its group, as
    stored (JSON, sorted keys): its shown link's rule, score and the claim at its
    other end, with the link's evidence (an event link's found once for both ends)."""
    other = np.where(links.a[rows] == members, links.b[rows], links.a[rows])
    where = np.zeros(int(members.max(initial=-1)) + 1, dtype=np.int64)
    where[members] = np.arange(len(members))
    linked = where[other]  # the other end is a member of the same group
    event = links.rule[rows] == RULES.index("event")
    shown, which = np.unique(rows[event], return_inverse=True)
    why = event_evidence(arrays, table, links, shown)
    scores, score_of = np.unique(links.score[rows[event]], return_inverse=True)
    score_text = list(map(float.__repr__, scores.tolist()))
    quoted = np.array(list(map(encode_basestring_ascii, ids)), dtype=object)
    texts = [
        f'{{"linked_to": {q}, "rule": "event", "score": {score_text[s]}, {why[w]}'
        for q, s, w in zip(
            quoted[linked[event]].tolist(), score_of.tolist(), which.tolist(), strict=True
        )
    ]
    if event.all():
        return texts
    out = [""] * len(rows)
    for j, text in zip(np.flatnonzero(event).tolist(), texts, strict=True):
        out[j] = text
    for j in np.flatnonzero(~event).tolist():
        row = int(rows[j])
        out[j] = _encode(
            {
                "rule": RULES[links.rule[row]],
                "linked_to": ids[linked[j]],
                "score": float(links.score[row]),
                **links.extra.get(row, {}),
            }
        )
    return out


# one encoder for every membership (json.dumps with options builds one per call)
_encode = json.JSONEncoder(sort_keys=True).encode


def judge_groups(
    items: Sequence[Item], arrays: ItemArrays, table: FeatureTable, links: LinkTable, groups: Groups
) -> list[GroupResult]:
    """The verdict, signature and per-member evidence of every group. Whether a
    group's intervals share a point is found for all groups at once; only the
    groups whose do not (conflicts, evolving figures) are judged member by member."""
    cuts = groups.cuts
    group_items = list(map(items.__getitem__, groups.members.tolist()))
    ids = [it.id for it in group_items]
    evidence = membership_evidence(ids, groups.members, groups.best, links, arrays, table)
    scores = link_confidence(links.score[groups.best]).tolist()
    run = np.repeat(np.arange(len(groups)), np.diff(cuts))
    split = disjoint_runs([it.interval for it in group_items], run).tolist()
    results = []
    for k, (sig, apart) in enumerate(
        zip(_group_signatures(items, arrays, groups), split, strict=True)
    ):
        s, e = cuts[k], cuts[k + 1]
        group = group_items[s:e]
        standing = group[0].standing
        if apart:
            judgement = judge(
                [
                    Member(it.id, it.value, it.interval, it.qualifier, it.published, it.source_id)
                    for it in group
                ],
                confidence=groups.confidence[k],
                quantity=texts(sig)[0],
                standing=standing,
            )
        else:
            judgement = consistent(group, texts(sig)[0])
        claim_ids = ids[s:e]
        results.append(
            GroupResult(
                claim_ids,
                sig,
                standing,
                groups.confidence[k],
                judgement,
                dict(zip(claim_ids, evidence[s:e], strict=True)),
                dict(zip(claim_ids, scores[s:e], strict=True)),
            )
        )
    return results


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
    return judge_groups(items, arrays, table, links, group_links(items, arrays, links, tags))
