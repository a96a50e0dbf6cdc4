"""The matcher on invented article sets written to trap it (tests/articles/match/)."""

from __future__ import annotations

from .match_kit import ARTICLES, groups_with, matched


def test_two_earthquakes_in_one_province_are_never_merged(tmp_path):
    # same province, same governor quoted, same wording; different quakes and tolls
    _, groups = matched(tmp_path, ARTICLES / "two_quakes")
    assert groups_with(groups, "47") == []
    assert groups_with(groups, "23") == []
    assert [g for g in groups if g["verdict"] == "conflict"] == []


def test_rising_death_toll_across_dated_reports_is_evolving(tmp_path):
    _, groups = matched(tmp_path, ARTICLES / "rising_toll")
    tolls = groups_with(groups, "12")
    assert len(tolls) == 1
    toll = tolls[0]
    assert toll["verdict"] == "evolving"
    # each report's toll, and the headlines restating it
    assert sorted({c["value"] for c in toll["claims"]}) == [9, 12, 16]
    assert len({c["source"] for c in toll["claims"]}) == 3
    assert "moves one way" in toll["explanation"]
    assert 0 < toll["severity"] < 0.5
    assert not [g for g in groups if g["verdict"] == "conflict"]


def test_wire_story_reprinted_by_two_outlets_is_consistent(tmp_path):
    _, groups = matched(tmp_path, ARTICLES / "wire_reprint")
    dead = groups_with(groups, "37")
    assert len(dead) == 1 and dead[0]["verdict"] == "consistent"
    sources = {c["source"] for c in dead[0]["claims"]}
    assert len(sources) == 2
    evidence = [c["evidence"] for c in dead[0]["claims"] if c["evidence"]["rule"] == "event"]
    assert evidence and 14560 in evidence[0]["shared_figures"]
    assert all(g["verdict"] == "consistent" for g in groups)


def test_figure_in_digits_and_in_words_is_one_consistent_group(tmp_path):
    _, groups = matched(tmp_path, ARTICLES / "digits_words")
    dead = groups_with(groups, "Fourteen")
    assert len(dead) == 1
    assert {c["text"] for c in dead[0]["claims"]} == {"Fourteen", "14"}
    assert dead[0]["verdict"] == "consistent"


def test_scenarios_do_not_link_to_each_other(tmp_path):
    # all sets in one registry: every group stays inside one scenario folder
    reg, groups = matched(tmp_path, ARTICLES)
    for g in groups:
        folders = {c["source"].split("/")[-2] for c in g["claims"]}
        assert len(folders) == 1, g["explanation"]
