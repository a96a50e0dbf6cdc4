"""Grouping and membership evidence in bulk give what the plain one-at-a-time
rules give: the constrained union-find over every link, and json.dumps of each
shown link's shared features."""

from __future__ import annotations

import itertools
import json
from itertools import pairwise

import numpy as np
import pytest

from factcheck.match.engine import find_links, membership_evidence
from factcheck.match.evidence import DATE, FIGURE, NAME, PLACE
from factcheck.match.grouping import ConstrainedUnionFind, _strength, group_links
from factcheck.match.linkage import RULES
from factcheck.match.load import load_items

from .match_kit import ARTICLES, SEEDS, registry_with


@pytest.fixture(scope="module")
def matched_parts(tmp_path_factory):
    reg = registry_with(tmp_path_factory.mktemp("grouping"), SEEDS, ARTICLES)
    items, table, titles, arrays = load_items(reg.db)
    return items, table, arrays, find_links(items, table, titles, arrays)


def _groups(groups) -> list[list[int]]:
    return [groups.members[s:e].tolist() for s, e in pairwise(groups.cuts)]


def _one_at_a_time(items, links, tags) -> list[list[int]]:
    """Every link through the constrained union-find, strongest first."""
    uf = ConstrainedUnionFind(items, tags)
    found: dict[int, set[int]] = {}
    for k in np.lexsort((links.b, links.a, -links.score)).tolist():
        a, b = int(links.a[k]), int(links.b[k])
        if uf.union(a, b):
            found.setdefault(uf.find(a), set()).update((a, b))
    kept = [sorted(m) for m in found.values() if len({items[i].source_id for i in m}) >= 2]
    return sorted(kept)


def test_groups_are_those_of_the_union_find_over_every_link(matched_parts):
    items, _, arrays, links = matched_parts
    groups = _groups(group_links(items, arrays, links, {}))
    assert len(groups) >= 5
    assert groups == _one_at_a_time(items, links, {})


def test_reviewer_tags_split_a_group_as_the_union_find_would(matched_parts):
    items, _, arrays, links = matched_parts
    largest = max(_groups(group_links(items, arrays, links, {})), key=len)
    half = len(largest) // 2
    # a reviewer kept the first half in group g and took the rest out of it
    tags = {items[i].id: {("g", k < half)} for k, i in enumerate(largest)}
    groups = _groups(group_links(items, arrays, links, tags))
    assert largest not in groups
    assert groups == _one_at_a_time(items, links, tags)


def test_membership_evidence_is_json_of_the_shared_features(matched_parts):
    items, table, arrays, links = matched_parts
    groups = group_links(items, arrays, links, {})
    members = groups.members.tolist()
    ids = [items[i].id for i in members]
    texts = membership_evidence(ids, groups.members, groups.best, links, arrays, table)
    kinds = {DATE: "shared_dates", FIGURE: "shared_figures", NAME: "shared_names"}
    kinds[PLACE] = "shared_places"
    events = 0
    for i, row, text in zip(members, groups.best.tolist(), texts, strict=True):
        a, b = int(links.a[row]), int(links.b[row])
        why = {"rule": RULES[links.rule[row]], "linked_to": items[b if a == i else a].id}
        why["score"] = float(links.score[row])
        if why["rule"] == "event":
            events += 1
            windows = [set(arrays.windows_of(np.array([x]))[1].tolist()) for x in (a, b)]
            found: dict[str, list] = {key: [] for key in kinds.values()}
            for fid in windows[0] & windows[1]:
                if table.weights[fid] > 0:
                    kind, value = table.keys[fid]
                    found[kinds[kind]].append(value)
            why |= {key: sorted(values) for key, values in found.items()}
            why["title_similarity"] = round(float(links.title[row]), 1)
        else:
            why |= links.extra[row]
        assert text == json.dumps(why, sort_keys=True)
    assert events >= 10


@pytest.mark.parametrize(
    "scores",
    [
        [1.5, 2.25, 1.0, 3.125, 1.5, 70.0],  # rounded to three places, past 16 bits
        [1.5, 2.25, 1.0, 3.125, 1.5, 2.0],  # rounded to three places: 16-bit ranks
        [1.0001, 1.0002, 1.5, 1.0001],  # finer than thousandths
    ],
)
def test_strength_ranks_scores_from_the_highest(scores):
    score = np.array(scores)
    rank = _strength(score)
    for i, j in itertools.product(range(len(score)), repeat=2):
        assert (rank[i] < rank[j]) == (score[i] > score[j])
