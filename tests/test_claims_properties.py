"""Properties of claim extraction on arbitrary text: it never raises, spans are exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import extract_claims, sentence_spans

# Text built from news-like pieces finds the interesting paths (figures, hedges,
# units, dates, duplicated sentences) far more often than uniform characters.
_PIECES = st.sampled_from(
    [
        "more than", "about", "up to", "as much as", "between", "and", "to", "1,094", "13.5",
        "fourteen", "2013", "Nov.", "U.S.", "yuan", "($11,300)", "percent", "per 100 girls",
        "people", "were arrested", "rescued", "the rescue of", "last month", "on Thursday",
        "in Beijing", "province", ".", ",", "\n", "\n\n", "6 years ago", "aged 10 days to",
        "four years", "-", "(", ")", "Mr.", "J.", "'s", "’", "é", "\t", "  ",
    ]
)  # fmt: skip
_NEWSY = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map(" ".join)
_ANY_TEXT = st.one_of(st.text(max_size=300), _NEWSY)


def _regions(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    points = sorted({min(c, len(text)) for c in cuts})
    return list(zip(points[::2], points[1::2], strict=False))


@settings(max_examples=300, deadline=None)
@given(
    text=_ANY_TEXT,
    cuts=st.lists(st.integers(min_value=0, max_value=300), max_size=4),
    published=st.one_of(st.none(), st.dates()),
)
def test_extract_claims_never_raises_and_spans_are_exact(text, cuts, published) -> None:
    regions = _regions(text, cuts) if cuts else None
    claims = extract_claims(text, published=published, regions=regions)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start <= claim.end <= claim.sentence_end
        if regions is not None:
            assert any(a <= claim.start and claim.end <= b for a, b in regions)
        assert claim.mentions[0].start == claim.start
        for mention in claim.mentions:
            assert text[mention.start : mention.end] == claim.text
            assert text[mention.sentence_start : mention.sentence_end] == claim.sentence
        for item in claim.context["relative"]:
            assert text[item["start"] : item["end"]] == item["text"]
    # Duplicates are folded: no two claims share the same sentence text and offset in it.
    keys = [(c.sentence, c.start - c.sentence_start) for c in claims]
    assert len(keys) == len(set(keys))


@settings(max_examples=300, deadline=None)
@given(text=_ANY_TEXT)
def test_sentence_spans_are_ordered_trimmed_and_disjoint(text: str) -> None:
    previous_end = 0
    for start, end in sentence_spans(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


@settings(max_examples=200, deadline=None)
@given(text=_ANY_TEXT)
def test_sentence_spans_line_by_line_equal_the_whole(text: str) -> None:
    by_line: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        by_line += sentence_spans(text, line_start, line_start + len(line))
        line_start += len(line) + 1
    assert by_line == sentence_spans(text)
