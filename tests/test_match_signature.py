"""Signatures: what a claim measures, with conservative synonyms."""

from __future__ import annotations

import pytest

from factcheck.match.evidence import figure_weight, names_in
from factcheck.match.signature import is_standing, scope_of, signature_of


def sig(counted, predicate=None, kind="count", unit=None, left=""):
    return signature_of(kind, unit, counted, predicate, left)


@pytest.mark.parametrize(
    "a, b",
    [
        (("infants", "rescued"), ("babies", "rescue")),
        (("newborn", "rescue"), ("infant", "saved")),
        (("people", "detained"), ("suspects", "arrested")),
        (("person", "arrest"), ("arrests", None)),  # the "1,000 arrests" headline
        (("online baby-trafficking rings", None), ("baby-smuggling rings", None)),
        (("miner", "killed"), ("miners", "died")),
    ],
)
def test_synonyms_meet(a, b):
    sa, sb = sig(*a), sig(*b)
    assert sa.block_key == sb.block_key
    assert sa.predicate == sb.predicate or None in (sa.predicate, sb.predicate)


@pytest.mark.parametrize(
    "a, b",
    [
        (("people", "arrested"), ("people", "injured")),  # "12 arrested" vs "12 injured"
        (("children", "rescued"), ("infants", "rescued")),  # children are not infants
        (("rings", "smashed"), ("websites", "operated")),
    ],
)
def test_different_quantities_stay_apart(a, b):
    sa, sb = sig(*a), sig(*b)
    assert (sa.block_key, sa.predicate) != (sb.block_key, sb.predicate)


def test_currency_and_kind_are_part_of_the_signature():
    assert (
        sig("price", kind="money", unit="CNY").block_key
        != sig("price", kind="money", unit="USD").block_key
    )
    assert sig("boy", kind="ratio", unit="per 100").block_key != sig("boy").block_key


def test_no_counted_thing_means_no_signature():
    assert signature_of("count", None, None, "arrest") is None


def test_global_average_is_a_different_quantity_from_the_country_figure():
    country = sig("boy", kind="ratio", unit="per 100", left="")
    world = sig("boy", kind="ratio", unit="per 100", left="in China, against a global average of ")
    assert country.block_key != world.block_key
    assert scope_of("the sex ratio in China is") is None


def test_standing_facts():
    assert is_standing(sig("boy", "bear", kind="ratio", unit="per 100"))
    assert is_standing(sig("population"))
    assert not is_standing(sig("infant", "rescue"))


@pytest.mark.parametrize(
    "value, weight",
    [
        (1094, 1.0),
        (382, 1.0),
        (64, 0.6),
        (2600, 0.6),
        (6.1, 0.3),
        (13.5, 0.8),
        (12, 0.0),
        (1000, 0.0),
        (2014, 0.0),
        (7, 0.0),
    ],
)
def test_figure_weight_follows_distinctiveness(value, weight):
    assert figure_weight(value) == weight


def test_names_skip_sentence_start_and_common_words():
    names = names_in("Police said Governor Huang Qiang visited Moxi on Monday.")
    assert "governor huang qiang" in names and "moxi" in names
    assert "police" not in names and "monday" not in names
