"""Links into groups: a union-find that refuses merges a group cannot hold.

Links are applied strongest first (ties by claim id, so the result depends only
on the registry's content, not on ingest order). A merge is refused when it would
put two different verbs in one group (through a claim that states none), two
disagreeing figures from one article in one group, or a claim back into a group a
reviewer took it out of (cannot-link tags). Refusing is always safe: it can only
under-merge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..compare import Interval, common_interval
from .items import Item
from .linkage import RULES, Link, LinkTable


@dataclass(slots=True)
class _Component:
    predicates: set[str]
    per_source: dict[str, Interval]
    tags: set[tuple[str, bool]] = field(default_factory=set)  # (group id, member?)


@dataclass(slots=True)
class Grouped:
    """One component of two or more articles' claims.

    ``best[k]`` is the link shown as evidence for ``members[k]``: one across
    articles says more than one inside one, then the higher score, then the first
    accepted. ``confidence`` is the mean confidence of the component's links.
    """

    members: list[int]
    best: list[Link]
    confidence: float


class ConstrainedUnionFind:
    def __init__(self, items: Sequence[Item], tags: dict[str, set[tuple[str, bool]]]) -> None:
        self.items = items
        self.tags = tags
        self.parent = list(range(len(items)))
        self.comp: dict[int, _Component] = {}  # made on first use: most claims link nothing

    def _component(self, root: int) -> _Component:
        comp = self.comp.get(root)
        if comp is None:
            it = self.items[root]
            comp = self.comp[root] = _Component(
                {it.sig.predicate} if it.sig.predicate else set(),
                {it.source_id: it.interval},
                set(self.tags.get(it.id, ())),
            )
        return comp

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        """Merge the components of a and b unless a constraint forbids it."""
        parent = self.parent
        if parent[a] == parent[b]:  # one parent, one component (most links, once grouped)
            return True
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ca, cb = self._component(ra), self._component(rb)
        if len(ca.predicates | cb.predicates) > 1:
            return False
        if any((gid, not member) in cb.tags for gid, member in ca.tags):
            return False
        small, large = (ca, cb) if len(ca.per_source) < len(cb.per_source) else (cb, ca)
        merged = {}
        for src, iv in small.per_source.items():
            if src in large.per_source:
                both = common_interval([iv, large.per_source[src]])
                if both is None:
                    return False
                merged[src] = both
        large.per_source.update(small.per_source)
        large.per_source.update(merged)
        large.predicates |= small.predicates
        large.tags |= small.tags
        keep, drop = (ra, rb) if large is ca else (rb, ra)
        self.parent[drop] = keep
        del self.comp[drop]
        self.comp[keep] = large
        return True


def group_links(
    items: Sequence[Item],
    links: LinkTable,
    tags: dict[str, set[tuple[str, bool]]] | None = None,
) -> list[Grouped]:
    """Components spanning at least two articles, in a content-determined order.

    ``tags`` maps claim id to cannot-link tags: (group id, True) on the claims a
    reviewed group keeps, (group id, False) on the claims a reviewer removed from it.
    """
    a, b, score = links.a, links.b, links.score
    # items are sorted by id and every link has a < b, so (a, b) orders as the ids do
    order = np.lexsort((b, a, -score))
    uf = ConstrainedUnionFind(items, tags or {})
    union = uf.union
    taken = [union(x, y) for x, y in zip(a[order].tolist(), b[order].tolist(), strict=True)]
    accepted = order[np.array(taken, dtype=bool)] if taken else order
    if not len(accepted):
        return []
    find = uf.find
    roots = np.fromiter((find(x) for x in a[accepted].tolist()), dtype=np.int64)
    members: dict[int, list[int]] = {}
    for root, x, y in zip(roots.tolist(), a[accepted].tolist(), b[accepted].tolist(), strict=True):
        group = members.setdefault(root, [])
        group.append(x)
        group.append(y)
    kept = {}
    for root, idxs in members.items():
        idxs = sorted(set(idxs))  # index order is id order
        if len({items[i].source_id for i in idxs}) >= 2:
            kept[root] = idxs
    ranked = sorted(kept, key=lambda r: kept[r][0])
    slot = {root: k for k, root in enumerate(ranked)}
    on = np.array([r in slot for r in roots.tolist()], dtype=bool)
    accepted, roots = accepted[on], roots[on]
    gidx = np.array([slot[r] for r in roots.tolist()], dtype=np.int64)
    confidence = _mean_confidence(score[accepted], gidx, len(ranked))
    best = _best_links(links, accepted)
    return [
        Grouped(kept[root], [best[i] for i in kept[root]], confidence[k])
        for k, root in enumerate(ranked)
    ]


def _mean_confidence(scores: np.ndarray, group: np.ndarray, n: int) -> list[float]:
    """Per group, the mean confidence of its links, summed in accepted order (so the
    float sum is the one a plain loop would give)."""
    distinct, which = np.unique(scores, return_inverse=True)
    conf = np.array([Link.confidence_of(x) for x in distinct.tolist()])[which]
    sums = np.bincount(group, weights=conf, minlength=n).tolist()
    counts = np.bincount(group, minlength=n).tolist()
    return [round(t / c, 3) for t, c in zip(sums, counts, strict=True)]


def _best_links(links: LinkTable, accepted: np.ndarray) -> dict[int, Link]:
    """Each member's evidence link: across articles first, then score, then the
    first in accepted order."""
    if not len(accepted):
        return {}
    cross = links.rule[accepted] != RULES.index("same_article")
    pos = np.arange(len(accepted))
    member = np.concatenate([links.a[accepted], links.b[accepted]])
    order = np.lexsort(
        (
            np.concatenate([pos, pos]),
            -np.concatenate([links.score[accepted]] * 2),
            ~np.concatenate([cross, cross]),
            member,
        )
    )
    first = order[np.r_[True, member[order][1:] != member[order][:-1]]]
    chosen = accepted[np.concatenate([pos, pos])[first]].tolist()
    shown: dict[int, Link] = {}
    for k in set(chosen):
        shown[k] = links.link(k)
    return dict(zip(member[first].tolist(), (shown[k] for k in chosen), strict=True))
