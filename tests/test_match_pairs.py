"""Labelled article pairs (written for this test, not taken from the seeds) that set the
linkage threshold: does the figure in A land in the same group as the figure in B?"""

from __future__ import annotations

import pytest

from factcheck.conflicts import group_records
from factcheck.ingest import ingest_paths
from factcheck.match import match_registry
from factcheck.registry import Registry

# (name, article A, figure in A, article B, figure in B, same event?, verdict if grouped)
PAIRS = [
    (
        "bus crash, same toll",
        "Bus plunges into Kullu gorge\n\n2024-06-04 08:00\n\nA bus plunged into a gorge in "
        "Kullu district of Himachal Pradesh on June 3, killing 26 passengers, police said.",
        "26",
        "Himachal bus accident kills 26\n\n2024-06-04 12:00\n\nTwenty-six passengers were "
        "killed when a bus fell into a gorge in Kullu district of Himachal Pradesh on June 3.",
        "Twenty-six",
        True,
        "consistent",
    ),
    (
        "factory fire, disputed toll",
        "Fire at Jinhua textile plant\n\n2023-02-11 09:00\n\nA fire at the Hengda Textile "
        "factory in Jinhua on February 10 killed 38 workers, local officials said.",
        "38",
        "Jinhua factory blaze\n\n2023-02-11 10:30\n\nThe fire that swept through the Hengda "
        "Textile factory in Jinhua on February 10 killed 36 workers, the fire brigade said.",
        "36",
        True,
        "conflict",
    ),
    (
        "protest crowd, police vs organisers",
        "Santiago march\n\n2019-10-26 07:00\n\nAbout 50,000 protesters marched to Plaza "
        "Italia in Santiago on October 25, organisers said.",
        "50,000",
        "Chile protest\n\n2019-10-26 09:00\n\nPolice said 20,000 protesters marched to "
        "Plaza Italia in Santiago on October 25.",
        "20,000",
        True,
        "conflict",
    ),
    (
        "floods in one state, different years",
        "Kerala floods\n\n2018-08-30 08:00\n\nThe floods of 2018 killed 483 people in "
        "Kerala, the state government said.",
        "483",
        "Kerala rains\n\n2024-07-31 08:00\n\nFloods in 2024 killed 37 people in Kerala, "
        "the state government said.",
        "37",
        False,
        None,
    ),
    (
        "two mine accidents, one province",
        "Shanxi mine flood\n\n2021-03-05 08:00\n\nA flood at the Xinyuan mine in Shanxi on "
        "March 4 killed 21 miners, the emergency bureau said.",
        "21",
        "Shanxi mine blast\n\n2021-11-19 08:00\n\nA gas blast at the Huayang mine in Shanxi "
        "on November 18 killed 34 miners, the emergency bureau said.",
        "34",
        False,
        None,
    ),
    (
        "same small figure, different raids",
        "Lagos drug raid\n\n2022-05-02 08:00\n\nPolice arrested 12 people in a drug raid "
        "in Lagos on May 1.",
        "12",
        "Lagos protest\n\n2022-09-14 08:00\n\nPolice arrested 12 people at a protest in "
        "Lagos on September 13.",
        "12",
        False,
        None,
    ),
    (
        "same figure, different quantity",
        "Hospital rescue\n\n2022-01-05 08:00\n\nPolice rescued 382 infants from the "
        "network, the ministry said.",
        "382",
        "Plant closure\n\n2022-01-05 09:00\n\nThe company laid off 382 workers at its "
        "plant, the ministry said.",
        "382",
        False,
        None,
    ),
    (
        "same mayor, different disasters",
        "Fire in Valverde\n\n2020-08-02 08:00\n\nMayor Ana Lopez said 45 homes were "
        "destroyed by the fire in Valverde.",
        "45",
        "Storm in Valverde\n\n2020-11-20 08:00\n\nMayor Ana Lopez said 60 homes were "
        "destroyed by the storm in Valverde.",
        "60",
        False,
        None,
    ),
    (
        "one raid, two wordings of the suspects",
        "Cyber fraud ring broken\n\n2023-06-08 08:00\n\nPolice in Manila detained 1,218 "
        "suspects in a raid on a scam compound on June 7.",
        "1,218",
        "Manila scam raid\n\n2023-06-08 10:00\n\nMore than 1,200 people were arrested in a "
        "raid on a scam compound in Manila on June 7, with 1,218 suspects held in total.",
        "1,200",
        True,
        "consistent",
    ),
]


def _group_of(groups, source_suffix, text):
    for g in groups:
        for c in g["claims"]:
            if c["source"].endswith(source_suffix) and c["text"] == text:
                return g
    return None


@pytest.mark.parametrize("pair", PAIRS, ids=[p[0] for p in PAIRS])
def test_labelled_pair(tmp_path, pair):
    _, text_a, fig_a, text_b, fig_b, same, verdict = pair
    (tmp_path / "a.txt").write_text(text_a + "\n")
    (tmp_path / "b.txt").write_text(text_b + "\n")
    reg = Registry(tmp_path / "claims.db")
    ingest_paths(reg, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    match_registry(reg.db)
    groups = group_records(reg.db, verdict="all")
    ga, gb = _group_of(groups, "a.txt", fig_a), _group_of(groups, "b.txt", fig_b)
    linked = ga is not None and ga is gb
    assert linked == same, [g["explanation"] for g in groups]
    if same:
        assert ga["verdict"] == verdict
