"""Property tests: the number layer never raises and its spans always index the text."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.numbers import parse_digits, parse_number, parse_words, split_cardinals
from factcheck.extract.quantities import find_quantities
from factcheck.models import QUALIFIERS, Quantity

ROLES = {"quantity", "year", "date", "ordinal", "list_number", "time_of_day"}

# Pieces that reach the rules (qualifiers, units, ranges, conversions) far more
# often than uniform text does; joined with random separators.
PIECES = [
    "1,094",
    "13.5",
    "2.5m",
    "$3bn",
    "£",
    "HK$",
    "(",
    ")",
    "-",
    "–",
    "to",
    "and",
    "between",
    "about",
    "more than",
    "up to",
    "nearly",
    "a stunning",
    "hundreds of",
    "a dozen",
    "half",
    "a third",
    "yuan",
    "per cent",
    "%",
    "km",
    "°C",
    "years old",
    "aged",
    "per",
    "in",
    "or",
    "2013",
    "February",
    "19",
    "10:39",
    "1.",
    "one",
    "fourteen",
    "twenty-five",
    "million",
    "0",
    "00",
    ".",
    ",",
    "\n",
    "1/2",
    "½",
    "+",
    "http://x.y/1",
    "06F6",
    "-5",
    "times",
    "No.",
    "approx.",
    "Article",
    "pc",
    "C",
    ":",
    "rose",
    "magnitude",
    "7.8",
    "1.500.000",
    "192.168.1.2",
    "Zhang,",
    "55,",
    "point",
    "nought",
]
news_like = st.lists(
    st.tuples(st.sampled_from(PIECES), st.sampled_from(["", " ", "  ", "-", ", "])),
    max_size=30,
).map(lambda parts: "".join(p + sep for p, sep in parts))


def check_quantities(text: str) -> None:
    found = find_quantities(text)
    previous_end = 0
    for q in found:
        assert isinstance(q, Quantity)
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= previous_end  # in order, no overlaps
        previous_end = q.end
        assert q.qualifier in QUALIFIERS
        assert q.role in ROLES
        assert not math.isnan(q.value)
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        if q.conversion is not None:
            c = q.conversion
            assert text[c.start : c.end] == c.text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text(text: str) -> None:
    check_quantities(text)


@settings(max_examples=400, deadline=None)
@given(news_like)
def test_news_like_text(text: str) -> None:
    check_quantities(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), news_like))
def test_parsers_are_total(text: str) -> None:
    for fn in (parse_digits, parse_words, parse_number):
        value = fn(text)
        assert value is None or isinstance(value, float)
    for i, j, value in split_cardinals(text.split()):
        assert 0 <= i < j <= len(text.split())
        assert isinstance(value, float)
