"""Judging groups: intervals, verdicts, severity and explanations (pure functions)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.compare import (
    Interval,
    Member,
    claim_interval,
    common_interval,
    disjoint_runs,
    judge,
    overlap,
)


def member(
    cid, value, qualifier="exact", low=None, high=None, published=None, lo_inc=True, hi_inc=True
):
    iv = claim_interval(value, low, high, qualifier, lo_inc, hi_inc)
    return Member(cid, value, iv, qualifier, published, source_id=f"s-{cid}")


@pytest.mark.parametrize(
    "args, inside, outside",
    [
        ((1094, 1094, 1094, "exact"), [1094], [1093.9, 1094.1]),
        ((1000, 1000, None, "at_least", False), [1000.5, 1e9], [1000, 999]),
        ((21600, None, 21600, "at_most"), [0, 21600], [21600.5]),
        ((103, 103, 107, "range"), [103, 105, 107], [102.9, 107.1]),
        # a round headline figure covers what rounds to it at its last non-zero digit
        ((1000, 950, 1050, "rounded"), [500, 1094, 1499], [499, 1501]),
        ((2600, 2600, 2600, "rounded"), [2550, 2650], [2500, 2700]),
        # "about": the stored band (2% or half a unit of the last digit) is used as is
        ((118, 115.64, 120.36, "approx"), [116, 120], [115, 121]),
        ((60000, 55000, 65000, "approx"), [55000, 65000], [54000, 66000]),
    ],
)
def test_claim_interval(args, inside, outside):
    value, low, high, qualifier, *inc = args
    iv = claim_interval(value, low, high, qualifier, *(inc or [True]))
    assert all(iv.contains(x) for x in inside)
    assert not any(iv.contains(x) for x in outside)


def test_common_interval_respects_open_ends():
    assert common_interval([Interval(1000, None, False), Interval(None, 1000)]) is None
    assert common_interval([Interval(1000, None), Interval(None, 1000)]) == Interval(1000, 1000)
    assert overlap(Interval(1, 5), Interval(5, 9))
    assert not overlap(Interval(1, 5, True, False), Interval(5, 9))


def test_sex_ratio_conflict_explained_in_words():
    j = judge(
        [member("a", 115), member("b", 118, "approx")],
        confidence=0.9,
        quantity="boys per 100",
        standing=True,
    )
    assert j.verdict == "conflict"
    assert j.explanation == "115 vs about 118 boys per 100: no overlap, 2.6% apart"


def test_headline_round_figure_and_more_than_agree_with_exact_figure():
    members = [
        member("a", 1094),
        member("b", 1000, "at_least", 1000, None, lo_inc=False),
        member("c", 1000, "rounded", 950, 1050),
    ]
    assert judge(members, confidence=0.8, quantity="people arrested", standing=False).verdict == (
        "consistent"
    )


def test_as_much_as_and_as_little_as_are_not_a_conflict():
    members = [
        member("a", 21600, "at_most", None, 21600),
        member("b", 1000, "at_least", 1000, None),
    ]
    j = judge(members, confidence=0.8, quantity="price (CNY)", standing=False)
    assert j.verdict == "consistent" and j.severity == 0


def test_rising_figures_in_dated_reports_are_evolving_not_conflict():
    members = [
        member("a", 9, published="2025-04-03T21:00"),
        member("b", 12, published="2025-04-04T18:30"),
        member("c", 16, published="2025-04-06T10:15"),
    ]
    j = judge(members, confidence=0.9, quantity="people dead", standing=False)
    assert j.verdict == "evolving"
    assert j.explanation.startswith("9 (2025-04-03T21:00) then 16 (2025-04-06T10:15)")


def test_figures_that_go_up_and_down_over_time_are_a_conflict():
    members = [
        member("a", 9, published="2025-04-03"),
        member("b", 16, published="2025-04-04"),
        member("c", 12, published="2025-04-05"),
    ]
    assert judge(members, confidence=0.9, quantity="people dead", standing=False).verdict == (
        "conflict"
    )


def test_undated_reports_cannot_be_evolving():
    members = [member("a", 9, published="2025-04-03"), member("b", 16)]
    assert judge(members, confidence=0.9, quantity="x", standing=False).verdict == "conflict"


def test_exact_standing_fact_outranks_loose_price_range_conflict():
    ratio = judge(
        [member("a", 115), member("b", 118, "approx")],
        confidence=0.8,
        quantity="boys per 100",
        standing=True,
    )
    prices = judge(
        [member("a", 50000, "range", 50000, 60000), member("b", 20000, "range", 20000, 30000)],
        confidence=0.8,
        quantity="price (CNY)",
        standing=False,
    )
    assert prices.verdict == ratio.verdict == "conflict"
    assert ratio.severity > prices.severity


def test_severity_grows_with_gap_and_confidence():
    def sev(b, conf):
        return judge(
            [member("a", 100), member("b", b)], confidence=conf, quantity="x", standing=False
        ).severity

    assert sev(101, 0.9) < sev(104, 0.9) < sev(150, 0.9)
    assert sev(150, 0.5) < sev(150, 0.9)


def test_rival_accounts_published_hours_apart_are_a_conflict_not_evolving():
    members = [
        member("a", 38, published="2023-02-11T09:00"),
        member("b", 36, published="2023-02-11T10:30"),
    ]
    assert judge(members, confidence=0.9, quantity="workers dead", standing=False).verdict == (
        "conflict"
    )


_ends = st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.0, 2.5, 3.0]))
_intervals = st.builds(Interval, _ends, _ends, st.booleans(), st.booleans()).filter(
    lambda iv: iv.low is None or iv.high is None or iv.low <= iv.high
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_intervals, min_size=1, max_size=4), min_size=1, max_size=6))
def test_disjoint_runs_agrees_with_common_interval(runs):
    """The bulk test of many groups at once says what common_interval says of each,
    open and unbounded ends included (equal bounds are where they can differ)."""
    flat = [iv for run in runs for iv in run]
    run = np.repeat(np.arange(len(runs)), [len(r) for r in runs])
    expected = [common_interval(r) is None for r in runs]
    assert disjoint_runs(flat, run).tolist() == expected
