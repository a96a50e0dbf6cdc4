"""The numeral parser: digits, number words, fractions (factcheck.extract.numbers)."""

from __future__ import annotations

import pytest

from factcheck.extract.numbers import parse_digits, parse_number, parse_words, split_cardinals

DIGITS = [
    ("1,094", 1094.0),
    ("13.5", 13.5),
    ("8,264", 8264.0),
    ("600,000", 600000.0),
    ("1,500,000", 1500000.0),
    (".08", 0.08),
    ("4.800", 4.8),
    ("1.500", 1.5),  # one dot group: an English decimal
    ("1.500.000", 1500000.0),  # two or more three-digit dot groups: thousands
    ("1\u202f234\u202f567.89", 1234567.89),
    ("40\u00a0000", 40000.0),
    ("1 234 567", 1234567.0),
    ("12 500", 12500.0),
    ("3/4", 0.75),
    ("2 1/2", 2.5),
    ("½", 0.5),
    ("2½", 2.5),
    ("1e3", 1000.0),
    ("007", 7.0),
    # powers: scientific notation with ×/x/*, a caret, a Unicode minus or superscripts
    ("3.1×10−4", 3.1e-4),
    ("6.2x10-2", 0.062),
    ("4 × 10^9", 4e9),
    ("3x2^4", 48.0),
    ("10^3", 1000.0),
    ("2**8", 256.0),
    ("10⁹", 1e9),
    ("7.5×10⁻²", 0.075),
]


@pytest.mark.parametrize(("text", "value"), DIGITS)
def test_parse_digits(text: str, value: float) -> None:
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1/0", "1,23", "12,3456", "--1", "1..2", "١٢", "10-4", "6x10", "4²", "2^99999"],
)
def test_parse_digits_rejects(text: str) -> None:
    assert parse_digits(text) is None


WORDS = [
    ("fourteen", 14.0),
    ("seven", 7.0),
    ("Twenty-five", 25.0),
    ("three hundred and forty two", 342.0),
    ("one hundred and sixty-one", 161.0),
    ("two thousand and two hundred", 2200.0),
    ("fifty   two", 52.0),
    ("four hundred & six", 406.0),
    ("seven million, one hundred and two", 7000102.0),
    ("nought", 0.0),
    ("naught", 0.0),
    ("a dozen", 12.0),
    ("three dozen", 36.0),
    ("a hundred", 100.0),
    ("a million", 1e6),
    ("twenty-one trillion and three hundred", 21e12 + 300),
    ("half", 0.5),
    ("a quarter", 0.25),
    ("a third", 1 / 3),
    ("two thirds", 2 / 3),
    ("three quarters", 0.75),
    ("one and a half", 1.5),
    ("two million and a half", 2.5e6),
    ("five point five", 5.5),
    ("nine point nought four", 9.04),
    ("two hundred point seventy-one", 200.71),
]


@pytest.mark.parametrize(("text", "value"), WORDS)
def test_parse_words(text: str, value: float) -> None:
    assert parse_words(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "one two", "dozens", "point", "a", "third", "banana"])
def test_parse_words_rejects_what_is_not_one_number(text: str) -> None:
    assert parse_words(text) is None


@pytest.mark.parametrize(
    ("text", "value"), [("1,094", 1094.0), ("fourteen", 14.0), ("½", 0.5), ("", None)]
)
def test_parse_number_dispatches_on_the_first_character(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("one two", [(0, 1, 1.0), (1, 2, 2.0)]),
        ("three hundred and forty two", [(0, 5, 342.0)]),
        ("seven and", [(0, 1, 7.0)]),
        ("and and", []),
        ("twenty twenty", [(0, 1, 20.0), (1, 2, 20.0)]),
    ],
)
def test_split_cardinals_takes_the_longest_phrases(words: str, expected: list) -> None:
    assert split_cardinals(words.split()) == expected


def test_overflowing_digits_are_not_numbers() -> None:
    assert parse_digits("9" * 400) is None
    assert parse_digits("1e999") is None
