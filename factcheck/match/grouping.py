"""Links into groups: a union-find that refuses merges a group cannot hold.

Links are applied strongest first (ties by claim id, so the result depends only
on the registry's content, not on ingest order). A merge is refused when it would
put two different verbs in one group (through a claim that states none), two
disagreeing figures from one article in one group, or a claim back into a group a
reviewer took it out of (cannot-link tags). Refusing is always safe: it can only
under-merge.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..compare import Interval, common_interval
from .items import Item
from .linkage import Link


@dataclass(slots=True)
class _Component:
    predicates: set[str]
    per_source: dict[str, Interval]
    tags: set[tuple[str, bool]] = field(default_factory=set)  # (group id, member?)


@dataclass(slots=True)
class Grouped:
    """One component of two or more articles' claims, with the links that built it."""

    members: list[int]
    links: list[Link]


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
    links: Iterable[Link],
    tags: dict[str, set[tuple[str, bool]]] | None = None,
) -> list[Grouped]:
    """Components spanning at least two articles, in a content-determined order.

    ``tags`` maps claim id to cannot-link tags: (group id, True) on the claims a
    reviewed group keeps, (group id, False) on the claims a reviewer removed from it.
    """
    # items are sorted by id and every link has a < b, so (a, b) orders as the ids do
    ordered = sorted(links, key=lambda ln: (-ln.score, ln.a, ln.b))
    uf = ConstrainedUnionFind(items, tags or {})
    accepted = [ln for ln in ordered if uf.union(ln.a, ln.b)]
    find = uf.find
    members: dict[int, list[int]] = {}
    by_root: dict[int, list[Link]] = {}
    placed: set[int] = set()
    for ln in accepted:
        root = find(ln.a)
        by_root.setdefault(root, []).append(ln)
        group = members.setdefault(root, [])
        for x in (ln.a, ln.b):
            if x not in placed:
                placed.add(x)
                group.append(x)
    out = []
    for root, idxs in members.items():
        if len({items[i].source_id for i in idxs}) < 2:
            continue
        out.append(Grouped(sorted(idxs), by_root[root]))  # index order is id order
    out.sort(key=lambda g: g.members[0])
    return out
