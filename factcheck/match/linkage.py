"""Whether two claims of one signature speak of the same event or standing fact.

Event-bound pairs from different articles are linked when their windows share
enough distinctive evidence (LINK_THRESHOLD) and at least one piece of it is a
figure, a date or a name: places alone never link, because every event in a
province shares the province. Explicit disagreement vetoes a link: sentences
naming different years, or dates more than DATE_SLACK_DAYS apart. Claims from
one article are linked when their figures agree (an article does not contradict
itself; differing figures of one signature in one article are different events
or subsets, like the 89 children of two raids and the eight of one of them).
Standing facts are linked by signature, place and compatible period.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring_ascii  # what json.dumps writes a str as
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process, utils

from ..compare import overlap
from .bulk import SEVERAL, ItemArrays
from .evidence import DATE, FIGURE, NAME, PLACE, FeatureTable
from .items import Item

LINK_THRESHOLD = 1.0
PLACE_CAP = 0.5
DATE_SLACK_DAYS = 3
TITLE_STRONG, TITLE_WEAK = 90.0, 75.0
STRONG_BONUS, WEAK_BONUS = 0.5, 0.25  # added to the score for a similar headline


@dataclass(slots=True)
class Link:
    """An accepted standing-fact or same-article pair, with the evidence a reviewer
    sees (``extra``); event links are found and kept in bulk (``LinkTable``)."""

    a: int
    b: int
    score: float
    rule: str  # event / standing / same_article
    title: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def link_confidence(scores: np.ndarray) -> np.ndarray:
    """The confidence of links with these scores: 1 - e^-score to three places
    (scores take few values: each computed once)."""
    distinct, which = np.unique(scores, return_inverse=True)
    conf = [round(1.0 - math.exp(-x), 3) for x in distinct.tolist()]
    return np.array(conf, dtype=np.float64)[which]


# feature kinds in the order of their evidence keys (shared_dates, _figures, _names, _places)
_SHARED = (DATE, FIGURE, NAME, PLACE)
_encode = json.JSONEncoder(sort_keys=True).encode


def event_evidence(
    arrays: ItemArrays,
    table: FeatureTable,
    links: LinkTable,
    rows: np.ndarray,
    chunk: int = 1 << 18,
) -> list[str]:
    """Why each of these event links was made, in terms a reviewer can check: the
    JSON text (sorted keys, as ``json.dumps`` writes it) of the figures, places,
    dates and names of positive weight both windows hold, each list sorted, and the
    headline similarity, without its opening brace and the keys that sort before
    (``membership_evidence`` adds those).

    The shared features are found in one numpy pass per chunk of links (the windows'
    (link, feature) keys sorted; equal neighbours are shared), ordered by link, kind
    and value through a rank of the features involved, and joined from each
    feature's JSON text."""
    weights = np.array(table.weights, dtype=np.float64)
    nf = max(len(weights), 1)
    pairs, fids = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for s in range(0, len(rows), chunk):
        part = rows[s : s + chunk]
        oa, fa = arrays.windows_of(links.a[part])
        ob, fb = arrays.windows_of(links.b[part])
        keys = np.concatenate([oa * nf + fa, ob * nf + fb])
        keys.sort()
        pair, fid = np.divmod(keys[1:][keys[1:] == keys[:-1]], nf)  # a window holds a feature once
        on = weights[fid] > 0
        pairs.append(pair[on] + s)
        fids.append(fid[on])
    pair, fid = np.concatenate(pairs), np.concatenate(fids)
    used = np.sort(fid)
    used = used[np.diff(used, prepend=-1) != 0]
    kind_code = {kind: k for k, kind in enumerate(_SHARED)}
    keyed = [(kind_code[kind], value) for kind, value in map(table.keys.__getitem__, used.tolist())]
    order = sorted(range(len(used)), key=keyed.__getitem__)  # by kind, then value
    rank = np.empty(len(used), dtype=np.int64)
    rank[order] = np.arange(len(used))
    pair, r = np.divmod(
        np.sort(pair * len(used) + rank[np.searchsorted(used, fid)]), max(len(used), 1)
    )
    text = np.array([_json_scalar(keyed[k][1]) for k in order], dtype=object)
    kind = np.array([keyed[k][0] for k in order], dtype=np.int64)
    lists = _joined(text[r], pair * len(_SHARED) + kind[r], len(rows) * len(_SHARED))
    titles, which = np.unique(links.title[rows], return_inverse=True)
    title = [float.__repr__(round(t, 1)) for t in titles.tolist()]
    return [
        f'"shared_dates": [{dates}], "shared_figures": [{figures}], '
        f'"shared_names": [{names}], "shared_places": [{places}], "title_similarity": {title[t]}}}'
        for dates, figures, names, places, t in zip(
            lists[0::4], lists[1::4], lists[2::4], lists[3::4], which.tolist(), strict=True
        )
    ]


def _joined(tokens: np.ndarray, group: np.ndarray, n: int) -> list[str]:
    """Per group 0..n-1, its tokens (``group`` ascending) joined by ", "; "" if none.
    Each token after a group's first gets its ", " and the groups are summed by
    ``np.add.reduceat`` (string adds in C: twice as fast as a join per group)."""
    out = np.full(n, "", dtype=object)
    if not len(group):
        return out.tolist()
    starts = np.flatnonzero(np.diff(group, prepend=-1))
    later = np.ones(len(group), dtype=bool)
    later[starts] = False
    parts = tokens.copy()
    parts[later] = ", " + tokens[later]
    out[group[starts]] = np.add.reduceat(parts, starts)
    return out.tolist()


def _json_scalar(value: Any) -> str:
    """``json.dumps(value)`` for a feature value, by the encoder's own C and repr
    calls for the usual types."""
    if type(value) is str:
        return encode_basestring_ascii(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return _encode(value)


RULES = ("event", "standing", "same_article")


@dataclass(slots=True)
class LinkTable:
    """Accepted pairs as columns: a million-claim registry links millions of pairs,
    and a ``Link`` object is only built for the few a group shows as evidence."""

    a: np.ndarray
    b: np.ndarray
    score: np.ndarray
    rule: np.ndarray  # index into RULES
    title: np.ndarray
    extra: dict[int, dict[str, Any]]  # row -> evidence of a standing or same-article link

    @classmethod
    def of_events(
        cls, a: np.ndarray, b: np.ndarray, score: np.ndarray, title: np.ndarray
    ) -> LinkTable:
        return cls(a, b, score, np.zeros(len(a), dtype=np.int8), title, {})

    def extended(self, links: Sequence[Link]) -> LinkTable:
        """This table followed by ``links`` (standing and same-article links)."""
        n = len(self.a)
        return LinkTable(
            np.concatenate([self.a, np.array([ln.a for ln in links], dtype=np.int64)]),
            np.concatenate([self.b, np.array([ln.b for ln in links], dtype=np.int64)]),
            np.concatenate([self.score, np.array([ln.score for ln in links], dtype=np.float64)]),
            np.concatenate(
                [self.rule, np.array([RULES.index(ln.rule) for ln in links], dtype=np.int8)]
            ),
            np.concatenate([self.title, np.array([ln.title for ln in links], dtype=np.float64)]),
            {**self.extra, **{n + k: ln.extra for k, ln in enumerate(links)}},
        )

    def __len__(self) -> int:
        return len(self.a)


def predicates_compatible(a: Item, b: Item) -> bool:
    """Same verb, or one of them states none ("four rings" vs "smashed four rings")."""
    return a.sig.predicate is None or b.sig.predicate is None or a.sig.predicate == b.sig.predicate


def period_conflict(a: Item, b: Item) -> bool:
    """True when the two sentences name different years or clearly different dates."""
    fa, fb = a.facts, b.facts
    if fa.years and fb.years and not (fa.years & fb.years):
        return True
    if fa.dates and fb.dates and not (fa.dates & fb.dates):
        gap = min(abs((x - y).days) for x in fa.dates for y in fb.dates)
        return gap > DATE_SLACK_DAYS
    return False


def event_links(
    items: Sequence[Item],
    arrays: ItemArrays,
    a: np.ndarray,
    b: np.ndarray,
    table: FeatureTable,
    titles: Sequence[str | None],
) -> LinkTable:
    """Score candidate pairs (a < b) of event-bound claims from different articles.

    A pair is linked when the verbs are compatible, the sentences name no
    conflicting period, the windows share a figure, date or name, and the shared
    evidence (places capped at PLACE_CAP) plus the headline bonus reaches
    LINK_THRESHOLD. ``titles`` is indexed by the arrays' source index.
    """
    pa, pb = arrays.predicate[a], arrays.predicate[b]
    ok = (pa < 0) | (pb < 0) | (pa == pb)
    a, b = a[ok], b[ok]
    ok = ~_period_conflicts(items, arrays, a, b)
    a, b = a[ok], b[ok]
    nonplace, place, keyed = _shared_weights(arrays, a, b, table)
    evidence = nonplace + np.minimum(place, PLACE_CAP)
    ok = keyed & (evidence + STRONG_BONUS >= LINK_THRESHOLD)  # others fail with any bonus
    a, b, evidence = a[ok], b[ok], evidence[ok]
    sim = _title_similarity(arrays.source[a], arrays.source[b], titles)
    bonus = np.where(sim >= TITLE_WEAK, WEAK_BONUS, 0.0)
    score = evidence + np.where(sim >= TITLE_STRONG, STRONG_BONUS, bonus)
    ok = score >= LINK_THRESHOLD
    distinct, which = np.unique(score[ok], return_inverse=True)
    rounded = np.array([round(x, 3) for x in distinct.tolist()], dtype=np.float64)
    return LinkTable.of_events(a[ok], b[ok], rounded[which], sim[ok])


def _period_conflicts(
    items: Sequence[Item], arrays: ItemArrays, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """``period_conflict`` per pair: in bulk for one year/date a side, else one by one."""
    ya, yb, da, db = arrays.year[a], arrays.year[b], arrays.day[a], arrays.day[b]
    conflict = ((ya >= 0) & (yb >= 0) & (ya != yb)) | (
        (da >= 0) & (db >= 0) & (np.abs(da - db) > DATE_SLACK_DAYS)
    )
    odd = (ya == SEVERAL) | (yb == SEVERAL) | (da == SEVERAL) | (db == SEVERAL)
    for k in np.flatnonzero(odd).tolist():
        conflict[k] = period_conflict(items[a[k]], items[b[k]])
    return conflict


def _shared_weights(
    arrays: ItemArrays, a: np.ndarray, b: np.ndarray, table: FeatureTable, chunk: int = 1 << 18
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pair: summed weight of shared non-place features, of shared places, and
    whether any non-place feature of positive weight is shared.

    Each chunk lists (pair, feature) for both windows as one sorted key array (two
    sorted runs, so the stable sort is a linear merge); equal neighbours are the
    features the two windows share.
    """
    weights = np.array(table.weights, dtype=np.float64)
    is_place = np.array([kind == PLACE for kind in table.kinds], dtype=bool)
    nf = max(len(weights), 1)
    n = len(a)
    nonplace, place, keyed = np.zeros(n), np.zeros(n), np.zeros(n, dtype=bool)
    for s in range(0, n, chunk):
        ca, cb = a[s : s + chunk], b[s : s + chunk]
        oa, fa = arrays.windows_of(ca)
        ob, fb = arrays.windows_of(cb)
        keys = np.concatenate([oa * nf + fa, ob * nf + fb])
        keys.sort(kind="stable")
        pair, fid = np.divmod(keys[1:][keys[1:] == keys[:-1]], nf)
        w = weights[fid]
        on_place = (w > 0) & is_place[fid]
        off_place = (w > 0) & ~is_place[fid]
        m = len(ca)
        nonplace[s : s + m] = np.bincount(pair[off_place], weights=w[off_place], minlength=m)
        place[s : s + m] = np.bincount(pair[on_place], weights=w[on_place], minlength=m)
        keyed[s : s + m] = np.bincount(pair[off_place], minlength=m) > 0
    return nonplace, place, keyed


def _title_similarity(
    src_a: np.ndarray, src_b: np.ndarray, titles: Sequence[str | None]
) -> np.ndarray:
    """Headline similarity 0-100 per pair of sources, each distinct pair of headlines
    scored once. token_sort_ratio, so a short title inside a long one does not score
    100 as it would with token_set_ratio; no title scores 0."""
    ids: dict[str, int] = {}
    tid = np.array([ids.setdefault(t, len(ids)) if t else -1 for t in titles], dtype=np.int64)
    ta, tb = tid[src_a], tid[src_b]
    sim = np.zeros(len(ta))
    known = (ta >= 0) & (tb >= 0)
    if not known.any():
        return sim
    key = np.minimum(ta, tb)[known] * len(ids) + np.maximum(ta, tb)[known]
    distinct, which = np.unique(key, return_inverse=True)
    text = list(ids)
    scores = process.cpdist(
        [text[k] for k in (distinct // len(ids)).tolist()],
        [text[k] for k in (distinct % len(ids)).tolist()],
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        dtype=np.float64,
        workers=-1,
    )
    sim[known] = scores[which]
    return sim


def same_article_link(a: Item, b: Item, i: int, j: int) -> Link | None:
    """Two claims of one signature in one article: linked when their figures agree."""
    if not predicates_compatible(a, b) or period_conflict(a, b):
        return None
    if not overlap(a.interval, b.interval):
        return None
    return Link(i, j, 1.5, "same_article", extra={"figures_agree": True})


def standing_link(a: Item, b: Item, i: int, j: int) -> Link | None:
    """Two statements of a standing fact: same signature, shared place, same period."""
    if not predicates_compatible(a, b) or period_conflict(a, b):
        return None
    places = sorted(a.places & b.places)
    if not places:
        return None
    same_year = bool(a.facts.years & b.facts.years)
    score = 1.5 + (1.0 if same_year else 0.0) + (0.5 if a.facts.places and b.facts.places else 0)
    evidence = {
        "shared_places": places,
        "same_year": same_year,
        "places_stated": bool(a.facts.places and b.facts.places),
    }
    return Link(i, j, score, "standing", extra=evidence)
