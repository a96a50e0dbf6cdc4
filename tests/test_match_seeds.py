"""The issue's expectations on the five seed articles (two reports of the February 2014
crackdown, 000's six-province operation, 003's Liangshan gang, 004's two raids)."""

from __future__ import annotations

import pytest

from .match_kit import SEEDS, figures, groups_with, matched


@pytest.fixture(scope="module")
def seed_groups(tmp_path_factory):
    _, groups = matched(tmp_path_factory.mktemp("seeds"), SEEDS)
    return groups


def _files(group):
    return {name[:3] for name, _ in figures(group)}


def test_sex_ratio_discrepancy_is_the_first_conflict(seed_groups):
    conflicts = [g for g in seed_groups if g["verdict"] == "conflict"]
    assert conflicts, "no conflict found"
    top = conflicts[0]
    assert {(n[:3], t) for n, t in figures(top)} >= {("000", "115"), ("001", "118")}
    assert "115 vs about 118" in top["explanation"]
    assert "no overlap" in top["explanation"]


def test_chinas_sex_ratio_is_not_the_global_average(seed_groups):
    for g in groups_with(seed_groups, "115"):
        assert not any(c["value"] in (103, 107) for c in g["claims"])


def test_382_infants_rescued_is_consistent_across_both_reports(seed_groups):
    (group,) = groups_with(seed_groups, "382")
    assert group["verdict"] == "consistent"
    assert _files(group) == {"001", "002"}


def test_1094_arrests_with_more_than_1000_and_the_headline_are_consistent(seed_groups):
    (group,) = groups_with(seed_groups, "1,094")
    assert group["verdict"] == "consistent"
    texts = [(n[:3], t) for n, t in figures(group)]
    assert ("001", "1,094") in texts and ("002", "1,094") in texts
    values = sorted(c["value"] for c in group["claims"] if c["source"].endswith(".txt"))
    assert values.count(1000) >= 2  # "more than 1,000" and the "1,000 arrests" headline
    assert {c["qualifier"] for c in group["claims"]} >= {"at_least", "rounded", "exact"}


def test_four_rings_are_one_consistent_group_apart_from_the_six(seed_groups):
    rings = [g for g in seed_groups if "ring" in g["quantity"]]
    assert len(rings) == 1
    assert rings[0]["verdict"] == "consistent"
    assert _files(rings[0]) == {"001", "002"}
    assert {c["value"] for c in rings[0]["claims"]} == {4}


def test_shaanxi_doctor_prices_are_not_a_conflict(seed_groups):
    for g in groups_with(seed_groups, "21,600 yuan"):
        assert g["verdict"] != "conflict"


@pytest.mark.parametrize(
    "operations",
    [
        ["64", "382", "15", "89", "13", "eight"],  # six rescue operations
        ["171", "1,094", "369", "39"],  # four arrest counts
    ],
)
def test_different_operations_are_never_grouped(seed_groups, operations):
    for g in seed_groups:
        present = {c["text"] for c in g["claims"]} & set(operations)
        assert len(present) <= 1, (present, g["explanation"])


def test_no_conflict_other_than_the_sex_ratio(seed_groups):
    for g in seed_groups:
        if g["verdict"] == "conflict":
            assert {c["kind"] for c in g["claims"]} <= {"ratio", "count"}
            assert {c["text"] for c in g["claims"]} & {"115", "118"}
