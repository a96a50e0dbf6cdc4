"""Judging a group of claims about one quantity: consistent, conflict or evolving.

Each claim becomes an interval from its figure and qualifier. The extractor's
``low``/``high`` are used for every wording (more than, up to, ranges, vague, and
"about", whose band is the larger of 2% and half a unit of the last non-zero
digit: "about 118" is [115.64, 120.36]) except one:

- ``rounded`` (a round figure without hedging, "1,000 arrests"): the figure is read
  as rounded at its last non-zero digit, so 1,000 covers [500, 1500] and 2,600
  covers [2550, 2650].
  The stored interval of such a claim is the tighter two-significant-figure reading
  (1,000 → [950, 1050)); the judge is more lenient so that a headline's round
  figure does not raise a conflict with the exact figure it rounds.

A group is consistent when all intervals share a point, evolving when they do
not but the figures move one way as the reports' publication dates advance (a
death toll rising) with reports at least EVOLVING_MIN_HOURS apart (two outlets an
hour apart with different tolls are rival accounts), otherwise a conflict.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Protocol

import numpy as np

from .extract.quantities import last_digit_unit

# how firmly a qualifier pins the figure down; a conflict between loose wordings
# (ranges, "up to") matters less than one between exact figures
FIRMNESS: dict[str, float] = {
    "exact": 1.0,
    "approx": 0.9,
    "rounded": 0.75,
    "at_least": 0.6,
    "at_most": 0.6,
    "range": 0.6,
    "vague": 0.4,
}
GAP_SATURATION = 0.05  # a 5% gap between exact figures is already a full-blown conflict
EVOLVING_WEIGHT = 0.25  # an evolving figure is worth a look, not a correction
# reports closer together than this are rival accounts, not successive updates
EVOLVING_MIN_HOURS = 6.0


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed/open interval; None is unbounded on that side."""

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def contains(self, x: float) -> bool:
        if self.low is not None and (x < self.low or (x == self.low and not self.low_inclusive)):
            return False
        return not (
            self.high is not None
            and (x > self.high or (x == self.high and not self.high_inclusive))
        )


def claim_interval(
    value: float,
    low: float | None,
    high: float | None,
    qualifier: str,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> Interval:
    """The interval a claim's wording allows (see the module docstring for the rules)."""
    if qualifier == "rounded":
        half = last_digit_unit(value) / 2
        return Interval(value - half, value + half)
    if qualifier == "exact":
        return Interval(value, value)
    if low is None and high is None:
        return Interval(value, value)
    return Interval(low, high, low_inclusive, high_inclusive)


def overlap(a: Interval, b: Interval) -> bool:
    """True when the two intervals share a point."""
    return common_interval([a, b]) is not None


def common_interval(intervals: Sequence[Interval]) -> Interval | None:
    """The intersection of all intervals, or None when they share no point."""
    low, low_inc, high, high_inc = None, True, None, True
    for iv in intervals:
        if iv.low is not None and (
            low is None or iv.low > low or (iv.low == low and not iv.low_inclusive)
        ):
            low, low_inc = iv.low, iv.low_inclusive if (low is None or iv.low > low) else False
        if iv.high is not None and (
            high is None or iv.high < high or (iv.high == high and not iv.high_inclusive)
        ):
            high, high_inc = (
                iv.high,
                iv.high_inclusive if (high is None or iv.high < high) else False,
            )
    if (
        low is not None
        and high is not None
        and (low > high or (low == high and not (low_inc and high_inc)))
    ):
        return None
    return Interval(low, high, low_inc, high_inc)


def disjoint_runs(intervals: Sequence[Interval], run: np.ndarray) -> np.ndarray:
    """Per run (``run[k]`` numbers the run of ``intervals[k]``), whether its intervals
    share no point: ``common_interval(...) is None`` for many small sets at once."""
    low = np.array([-math.inf if iv.low is None else iv.low for iv in intervals], dtype=float)
    high = np.array([math.inf if iv.high is None else iv.high for iv in intervals], dtype=float)
    n = int(run.max(initial=-1)) + 1
    top = np.full(n, -math.inf)
    np.maximum.at(top, run, low)
    bottom = np.full(n, math.inf)
    np.minimum.at(bottom, run, high)
    # an open end at the bound opens the intersection there (as in common_interval)
    open_low = np.array([not iv.low_inclusive for iv in intervals], dtype=bool) & (low == top[run])
    open_high = np.array([not iv.high_inclusive for iv in intervals], dtype=bool) & (
        high == bottom[run]
    )
    opened = np.bincount(run[open_low | open_high], minlength=n) > 0
    return (top > bottom) | ((top == bottom) & opened)


def midpoint(iv: Interval, value: float) -> float:
    """A representative point for ordering: the interval's middle, or the stated figure."""
    if iv.low is not None and iv.high is not None:
        return (iv.low + iv.high) / 2
    return value


@dataclass(frozen=True, slots=True)
class Member:
    """What judging needs to know of one claim in a group."""

    claim_id: str
    value: float
    interval: Interval
    qualifier: str
    published: str | None  # ISO date/datetime of its source, when known
    source_id: str
    text: str = ""


class Figure(Protocol):
    """What stating a figure needs: a ``Member``, or anything with these fields."""

    @property
    def value(self) -> float: ...
    @property
    def interval(self) -> Interval: ...
    @property
    def qualifier(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: str  # consistent / conflict / evolving
    severity: float
    relative_gap: float
    explanation: str


def format_figure(m: Figure) -> str:
    """The figure as a reader would say it: "about 118", "more than 1,000", "103-107"."""
    v = _num(m.value)
    iv = m.interval
    if m.qualifier == "approx":
        return f"about {v}"
    if m.qualifier == "at_least":
        return f"{'at least' if iv.low_inclusive else 'more than'} {_num(iv.low or m.value)}"
    if m.qualifier == "at_most":
        return f"{'up to' if iv.high_inclusive else 'less than'} {_num(iv.high or m.value)}"
    if m.qualifier in ("range", "vague") and iv.low is not None and iv.high is not None:
        return f"{_num(iv.low)}-{_num(iv.high)}"
    if m.qualifier == "rounded":
        return f"{v} (round figure)"
    return v


def _num(x: float) -> str:
    return f"{int(x):,}" if x == int(x) else f"{x:,.6g}"


def _distance(a: Member, b: Member) -> float:
    """Relative distance between the stated figures, against the smaller one."""
    lo, hi = sorted((abs(a.value), abs(b.value)))
    if hi == 0:
        return 0.0
    return (hi - lo) / lo if lo else 1.0


def _extremes(members: Sequence[Member]) -> tuple[Member, Member]:
    """The two members whose intervals are furthest apart (highest low, lowest high)."""

    def low_key(m: Member) -> float:
        return m.interval.low if m.interval.low is not None else -math.inf

    def high_key(m: Member) -> float:
        return m.interval.high if m.interval.high is not None else math.inf

    top = max(members, key=lambda m: (low_key(m), m.claim_id))
    bottom = min(members, key=lambda m: (high_key(m), m.claim_id))
    return bottom, top


@lru_cache(maxsize=65536)
def _when(published: str) -> datetime | None:
    """The publication time (naive); cached, since a source's claims repeat it."""
    try:
        stamp = datetime.fromisoformat(published)
    except ValueError:
        return None
    return stamp.replace(tzinfo=None)


def _moves_one_way(members: Sequence[Member]) -> bool:
    """True when dated reports, at least EVOLVING_MIN_HOURS apart, each agree within
    themselves and their figures move one way over time."""
    by_time: dict[datetime, list[Member]] = {}
    for m in members:
        when = _when(m.published) if m.published else None
        if when is None:
            return False
        by_time.setdefault(when, []).append(m)
    times = sorted(by_time)
    if len(times) < 2 or any(
        (b - a).total_seconds() < EVOLVING_MIN_HOURS * 3600
        for a, b in zip(times, times[1:], strict=False)
    ):
        return False
    points = []
    for when in times:
        same = by_time[when]
        if common_interval([m.interval for m in same]) is None:
            return False
        points.append(sum(midpoint(m.interval, m.value) for m in same) / len(same))
    steps = [b - a for a, b in zip(points, points[1:], strict=False)]
    return all(s >= 0 for s in steps) or all(s <= 0 for s in steps)


def judge(
    members: Sequence[Member], *, confidence: float, quantity: str, standing: bool
) -> Judgement:
    """Verdict, severity and a one-line explanation for a group's members."""
    if common_interval([m.interval for m in members]) is not None:
        return consistent(members, quantity)
    low_m, high_m = _extremes(members)
    gap = _distance(low_m, high_m)
    firmness = FIRMNESS.get(low_m.qualifier, 0.5) * FIRMNESS.get(high_m.qualifier, 0.5)
    weight = (1.0 if standing else 0.9) * firmness
    strength = 0.5 + 0.5 * min(1.0, gap / GAP_SATURATION)
    pair = f"{format_figure(low_m)} vs {format_figure(high_m)} {quantity}"
    if _moves_one_way(members):
        first, last = sorted(members, key=lambda m: (m.published or "", m.claim_id))[
            :: len(members) - 1
        ]
        text = (
            f"{format_figure(first)} ({first.published}) then {format_figure(last)} "
            f"({last.published}) {quantity}: moves one way over time, {gap:.1%} apart"
        )
        return Judgement("evolving", round(EVOLVING_WEIGHT * confidence * strength, 4), gap, text)
    severity = round(confidence * weight * strength, 4)
    return Judgement("conflict", severity, gap, f"{pair}: no overlap, {gap:.1%} apart")


def consistent(members: Sequence[Figure], quantity: str) -> Judgement:
    """The judgement of a group whose intervals share a point (``judge`` finds that
    out; a caller that knows it already, for many groups at once, comes here)."""
    # members repeating a figure (a reprint) are formatted once: what format_figure reads
    stated = {(m.value, m.qualifier, m.interval): m for m in members}
    figures = sorted({format_figure(m) for m in stated.values()})
    if len(figures) == 1:
        text = f"{figures[0]} {quantity}: the same figure in all {len(members)} claims"
    else:
        text = f"{', '.join(figures)} {quantity}: all compatible"
    return Judgement("consistent", 0.0, 0.0, text)
