"""Split article text into sentence spans, fast and without a model.

Claims carry the offsets of their sentence, and context (time, places, the other
figures) is read per sentence, so the splitter must be cheap (one regex pass) and
conservative: a missed split only makes a sentence longer, while a false split
("Nov. 1", "U.S. dollars", "13.5") cuts a claim off from its context.

Rules: a newline always ends a sentence (paragraphs, headlines and page lines have
no full stop); inside a line, ``.``/``!``/``?`` (with any closing quotes or
brackets) followed by whitespace and a capital, digit or opening quote ends one,
unless the word before the stop is a known abbreviation or a single initial.
Spans exclude surrounding whitespace.
"""

from __future__ import annotations

import re

from factcheck.extract.lexicon import words

# Words that end with a full stop without ending the sentence (lower-cased, no dot).
_ABBREVIATIONS = words(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    insp supt det cpl pvt maj brig atty
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    inc ltd co corp bros llc plc dept univ assn est approx fig no nos vol vols pp ch art sec
    vs etc al cf ca
    """
)
# After a dotted abbreviation such as "U.S." a sentence can still end; these words,
# capitalised after it, show that it did ("... in the U.S. The ...").
_SENTENCE_STARTERS = words(
    "the a an he she it they we i this that these those there but and in on at "
    "however meanwhile his her its their our"
)

# A stop (then closing quotes or brackets) before whitespace and a capital, digit or
# opening quote, or a newline. One character class opens the pattern, so that the
# regex engine skips from candidate to candidate instead of trying every position.
_BOUNDARY = re.compile(r"""[.!?\n](?:(?<=\n)|[.!?]*["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9]))""")
_NEXT_WORD = re.compile(r"""\s+["'“‘(\[]?([A-Za-z]+)""")


def _is_abbreviation_stop(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or an initial."""
    start = dot
    while start > 0 and dot - start < 20 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot]
    if not word or not word[0].isalpha():
        return False
    bare = word.rstrip(".")
    if "." in bare:  # dotted abbreviation: U.S., e.g., a.m.
        following = _NEXT_WORD.match(text, dot + 1)
        return following is None or following.group(1).lower() not in _SENTENCE_STARTERS
    if len(bare) == 1 and bare.isupper():  # an initial: "J. Smith", "Ameer T."
        return True
    return bare.lower() in _ABBREVIATIONS


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of each sentence of ``text``, in order.

    ``text[start:end]`` is the sentence without leading or trailing whitespace;
    blank lines produce no span. ``start``/``end`` split only that part of the text
    (offsets stay those of ``text``); since a newline always ends a sentence, the
    lines of a text can be split one by one with the same result as the whole.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.group()
        if (
            stop.startswith(".")
            and not stop.startswith("..")
            and _is_abbreviation_stop(text, match.start())
        ):
            continue
        span = _trimmed(text, start, match.end())
        if span is not None:
            spans.append(span)
        start = match.end()
    span = _trimmed(text, start, end)
    if span is not None:
        spans.append(span)
    return spans
