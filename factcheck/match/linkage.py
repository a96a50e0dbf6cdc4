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

import math
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, utils

from ..compare import overlap
from .evidence import DATE, FIGURE, NAME, PLACE, FeatureTable
from .items import Item

LINK_THRESHOLD = 1.0
PLACE_CAP = 0.5
DATE_SLACK_DAYS = 3
TITLE_STRONG, TITLE_WEAK = 90.0, 75.0


@dataclass(slots=True)
class Link:
    """An accepted pair. ``shared``/``title`` keep what the evidence is made of; the
    reviewer-facing evidence dict is only built for the links a group shows."""

    a: int
    b: int
    score: float
    rule: str  # event / standing / same_article
    shared: frozenset[int] = frozenset()
    title: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def confidence(self) -> float:
        return round(1.0 - math.exp(-self.score), 3)

    def evidence(self, table: FeatureTable) -> dict[str, Any]:
        """Why the two claims were linked, in terms a reviewer can check."""
        if self.rule != "event":
            return dict(self.extra)
        found: dict[str, list[Any]] = {FIGURE: [], PLACE: [], DATE: [], NAME: []}
        for fid in self.shared:
            if table.weights[fid] > 0:
                kind, value = table.keys[fid]
                found[kind].append(value)
        return {
            "shared_figures": sorted(found[FIGURE]),
            "shared_places": sorted(found[PLACE]),
            "shared_dates": sorted(found[DATE]),
            "shared_names": sorted(found[NAME]),
            "title_similarity": round(self.title, 1),
        }


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


def title_similarity(title_a: str | None, title_b: str | None) -> float:
    """Headline similarity 0-100; token_sort_ratio, so a short title inside a long one
    does not score 100 as it would with token_set_ratio."""
    if not title_a or not title_b:
        return 0.0
    return fuzz.token_sort_ratio(title_a, title_b, processor=utils.default_process)


class TitleCache:
    """Headline similarity per pair of sources, computed once per pair."""

    def __init__(self, titles: dict[str, str | None]) -> None:
        self.titles = titles
        self.cache: dict[tuple[str, str], float] = {}

    def __call__(self, a: str, b: str) -> float:
        key = (a, b) if a < b else (b, a)
        sim = self.cache.get(key)
        if sim is None:
            sim = self.cache[key] = title_similarity(self.titles.get(a), self.titles.get(b))
        return sim


def event_link(
    a: Item, b: Item, i: int, j: int, table: FeatureTable, titles: TitleCache
) -> Link | None:
    """Score two event-bound claims from different articles; None when not linked."""
    if not predicates_compatible(a, b) or period_conflict(a, b):
        return None
    shared = a.window & b.window
    weights, kinds = table.weights, table.kinds
    score, place_score, keyed = 0.0, 0.0, False
    for fid in shared:
        w = weights[fid]
        if w <= 0:
            continue
        if kinds[fid] == PLACE:
            place_score += w
        else:
            score += w
            keyed = True
    if not keyed:
        return None
    score += min(place_score, PLACE_CAP)
    sim = titles(a.source_id, b.source_id)
    score += 0.5 if sim >= TITLE_STRONG else 0.25 if sim >= TITLE_WEAK else 0.0
    if score < LINK_THRESHOLD:
        return None
    return Link(i, j, round(score, 3), "event", shared, sim)


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
