"""The shallow lexicon look-up gives exactly lemminflect's answer."""

import pytest
from lemminflect import getAllLemmas

from factcheck.extract.lemmas import all_lemmas


@pytest.mark.parametrize(
    "word",
    [
        "babies", "rescued", "arrested", "people", "police", "cost", "smash", "were",
        "'s", "mingming", "Rescued", "CHINA", "Beijing", "xqzt", "", "1,094", "well-known",
    ],
)  # fmt: skip
def test_same_lemmas_as_lemminflect(word: str) -> None:
    assert all_lemmas(word) == getAllLemmas(word)
