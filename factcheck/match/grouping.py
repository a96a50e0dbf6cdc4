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

from ..compare import Interval, common_interval, disjoint_runs
from .bulk import ItemArrays, distinct
from .items import Item
from .linkage import RULES, LinkTable, link_confidence


@dataclass(slots=True)
class _Component:
    predicates: set[str]
    per_source: dict[str, Interval]
    tags: set[tuple[str, bool]] = field(default_factory=set)  # (group id, member?)


@dataclass(slots=True)
class Groups:
    """The components of two or more articles' claims, as columns.

    Group k's members are ``members[cuts[k]:cuts[k + 1]]`` (item indices in id
    order); ``best`` holds, per member, the row of the link shown as its evidence:
    one across articles says more than one inside one, then the higher score, then
    the first accepted. ``confidence[k]`` is the mean confidence of group k's links.
    """

    members: np.ndarray
    cuts: list[int]
    best: np.ndarray
    confidence: list[float]

    def __len__(self) -> int:
        return len(self.cuts) - 1


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
    arrays: ItemArrays,
    links: LinkTable,
    tags: dict[str, set[tuple[str, bool]]] | None = None,
) -> Groups:
    """Components spanning at least two articles, in a content-determined order.

    ``tags`` maps claim id to cannot-link tags: (group id, True) on the claims a
    reviewed group keeps, (group id, False) on the claims a reviewer removed from it.

    The links' plain connected components are found over arrays first. In a
    component no constraint can bite (one verb at most, no tags, each article's
    claims sharing a point) every merge succeeds in any order, so it is the group
    as it stands; only the links of the other components go through the union-find.
    """
    a, b, score = links.a, links.b, links.score
    # strongest first, then (a, b): items are sorted by id and every link has a < b,
    # so (a, b) orders as the ids do. Two stable sorts: lexsort is twice as slow
    order = np.argsort(a * len(items) + b, kind="stable")
    strength = _strength(score)
    order = order[np.argsort(strength[order], kind="stable")]
    label = _components(len(items), a, b)
    risky = _risky(items, arrays, label, _endpoints(len(items), a, b), tags or {})
    taken = np.ones(len(a), dtype=bool)
    checked = order[risky[label[a[order]]]]
    if len(checked):
        uf = ConstrainedUnionFind(items, tags or {})
        union = uf.union
        pairs = zip(a[checked].tolist(), b[checked].tolist(), strict=True)
        taken[checked] = [union(x, y) for x, y in pairs]
        ends = _endpoints(len(items), a[checked], b[checked])
        label[ends] = [uf.find(x) for x in ends.tolist()]
    accepted = order[taken[order]]
    if not len(accepted):
        return Groups(np.zeros(0, dtype=np.int64), [0], np.zeros(0, dtype=np.int64), [])
    members, cuts, ranked = _kept_groups(arrays, label, a[accepted], b[accepted])
    gidx = ranked[label[a[accepted]]]
    on = gidx >= 0
    accepted, gidx = accepted[on], gidx[on]
    confidence = _mean_confidence(score[accepted], gidx, len(cuts) - 1)
    best = _best_links(links, strength, accepted, members)
    return Groups(members, cuts, best, confidence)


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each item's component (a root item index) under the links a-b, constraints
    aside: roots hook onto the smaller root of a neighbour, then pointers jump to
    their roots, until every link joins one root (a few rounds)."""
    label = np.arange(n, dtype=np.int64)
    while True:
        la, lb = label[a], label[b]
        apart = la != lb
        if not apart.any():
            return label
        la, lb = la[apart], lb[apart]
        np.minimum.at(label, np.maximum(la, lb), np.minimum(la, lb))
        while True:
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped


def _risky(
    items: Sequence[Item],
    arrays: ItemArrays,
    label: np.ndarray,
    ends: np.ndarray,
    tags: dict[str, set[tuple[str, bool]]],
) -> np.ndarray:
    """Per root, whether a merge inside its component might be refused: two verbs,
    a tagged claim, or claims of one article whose intervals share no point."""
    risky = np.zeros(len(label), dtype=bool)
    lab = label[ends]
    pred = arrays.predicate[ends]
    stated = pred >= 0
    verbs = int(pred.max(initial=0)) + 1
    roots = distinct(lab[stated] * verbs + pred[stated]) // verbs  # one per (root, verb)
    risky[roots[1:][roots[1:] == roots[:-1]]] = True
    if tags:
        risky[lab[[k for k, i in enumerate(ends.tolist()) if items[i].id in tags]]] = True
    key = lab * len(arrays.source_ids) + arrays.source[ends]
    _, inv, count = np.unique(key, return_inverse=True, return_counts=True)
    shared = count[inv] > 1  # one article's claims, more than one in a component
    if shared.any():
        run = inv[shared]
        disjoint = disjoint_runs([items[i].interval for i in ends[shared].tolist()], run)
        risky[lab[shared][disjoint[run]]] = True
    return risky


def _kept_groups(
    arrays: ItemArrays, label: np.ndarray, a: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, list[int], np.ndarray]:
    """The members of the components (of accepted links a-b) that span two articles
    or more, concatenated in group order (by first member; members in index order,
    which is id order), the groups' start offsets, and each root's group or -1."""
    n = len(label)
    item = _endpoints(n, a, b)
    order = np.argsort(label[item], kind="stable")  # by root, items ascending within
    item = item[order]
    root = label[item]
    starts = np.flatnonzero(np.diff(root, prepend=-1))
    roots = root[starts]
    articles = distinct(root * len(arrays.source_ids) + arrays.source[item])
    spans = np.bincount(
        np.searchsorted(roots, articles // len(arrays.source_ids)), minlength=len(roots)
    )
    keep = spans >= 2
    ranked = np.full(n, -1, dtype=np.int64)
    ranked[roots[keep][np.argsort(item[starts][keep])]] = np.arange(int(keep.sum()))
    group = ranked[root]
    inside = group >= 0
    group, item = group[inside], item[inside]
    order = np.lexsort((item, group))
    cuts = np.searchsorted(group[order], np.arange(int(keep.sum()) + 1))
    return item[order], cuts.tolist(), ranked


def _strength(score: np.ndarray) -> np.ndarray:
    """Per link, its score's rank from the highest (0), for sorting. Scores are
    rounded to three places, so the rank is 65,535 less the thousandths, as 16-bit
    integers that numpy's stable sort orders by radix (five times faster than
    floats); other scores rank by their distinct values."""
    milli = np.rint(score * 1000)
    if len(score) and milli.min() >= 0 and milli.max() < 1 << 16 and (milli / 1000 == score).all():
        return ((1 << 16) - 1 - milli).astype(np.uint16)
    return np.unique(-score, return_inverse=True)[1].astype(np.int64)


def _endpoints(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The items (of n) that a or b name, ascending: a mask, not a sort of both."""
    seen = np.zeros(n, dtype=bool)
    seen[a] = True
    seen[b] = True
    return np.flatnonzero(seen)


def _mean_confidence(scores: np.ndarray, group: np.ndarray, n: int) -> list[float]:
    """Per group, the mean confidence of its links, summed in accepted order (so the
    float sum is the one a plain loop would give)."""
    sums = np.bincount(group, weights=link_confidence(scores), minlength=n).tolist()
    counts = np.bincount(group, minlength=n).tolist()
    return [round(t / c, 3) for t, c in zip(sums, counts, strict=True)]


def _best_links(
    links: LinkTable, strength: np.ndarray, accepted: np.ndarray, members: np.ndarray
) -> np.ndarray:
    """Each member's evidence link (row): across articles first, then the stronger
    (``strength``: rank from the highest score), then the first in accepted order,
    as the least of one integer priority per link end."""
    if not len(accepted):
        return np.zeros(0, dtype=np.int64)
    m = len(accepted)
    inside = links.rule[accepted] == RULES.index("same_article")
    rank = strength[accepted].astype(np.int64)
    span = int(rank.max()) + 1
    priority = (inside * span + rank) * m + np.arange(m)
    least = np.full(int(max(links.a.max(), links.b.max())) + 1, np.iinfo(np.int64).max)
    np.minimum.at(least, links.a[accepted], priority)
    np.minimum.at(least, links.b[accepted], priority)
    return accepted[least[members] % m]
