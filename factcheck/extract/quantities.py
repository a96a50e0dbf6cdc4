"""Find every number in a text, with its hedging, unit and role: ``find_quantities``.

Two compiled trigger scans find candidate numerals (digit runs; number words after a
separator, matched through a trie-shaped regex); anchored patterns at each hit
classify it (digits, number words, fractions, vague amounts, ordinals, dates,
times), and cheap anchored look-ups left and right read its hedging and unit. Text
never makes this raise; offsets always satisfy ``text[q.start:q.end] == q.text``
and quantities never overlap.

Span: the numeral with its scale, currency and unit ("$11,300", "70,000 yuan",
"1.4 billion", "13.5 percent", "50,000 to 60,000 yuan"); qualifier words ("more
than") are read but left out of the span.

Qualifiers and intervals (``low``/``high``; ``None`` = unbounded):

- ``exact``: [v, v]. An emphatic adjective ("a stunning 52,000", "a record 300",
  "a whopping", "only", "a mere") is skipped over and keeps the figure exact.
- ``approx`` (about, around, some, roughly, approximately, an estimated, circa,
  "or so"): v ± the larger of 2% (``APPROX_TOLERANCE``) and half a unit of the
  last non-zero digit ("about 118" = [115.64, 120.36], "about 60,000" = [55,000,
  65,000]). "nearly", "almost", "close to", "just under" are below the figure:
  [v − band, v), ``high_inclusive`` False. A stated uncertainty ("7.25 ± 0.05",
  "41 +/- 3 percent") is in the span and is the band: [v − u, v + u].
- ``at_least`` (more than, over, above, in excess of, upwards of: strict, so
  ``low_inclusive`` False; at least, as many as, as little as, as few as, "or
  more", "11 players or more", "500-plus": inclusive): [v, None).
- ``at_most`` (up to, as much as, at most, no more than: inclusive; less than,
  fewer than, under, below: strict): (None, v].
- Stacked qualifiers ("about over 600,000"): the one next to the figure wins.
- ``range``: "X to Y", "X-Y", "X–Y", "between X and Y", "from X to Y", "X or Y"
  (bare figures). A dash needs X < Y ("3-1" is a score); word connectors allow
  either order and a sign ("from -18 °C to -34 °C"). A unit or scale written once
  applies to both ends ("50,000 to 60,000 yuan", "$50-60 million", "aged 20 to
  30"); a range across units is put on the finer unit ("aged 10 days to four
  years" = [10, 1461] days). Two opposite bounds make one range with their own
  inclusivity ("more than 10 and less than 40" = (10, 40)). After a change word
  ("rose by 3.5 billion to 71.2 billion", "fell from 5 to 4.2 percent") "X to Y" is
  a change, not a range: two quantities, the first taking the second's unit.
  ``value`` is the lower end.
- ``vague``: "dozens" [24, 143], "scores" [40, 199], "hundreds" [200, 999],
  "thousands" [2000, 999999], "tens of thousands" [20000, 99999], "millions"...,
  "a handful" [2, 9], "several/a few hundred" [200, 999]; ``value`` is the low end.
- ``rounded``: an unhedged, unemphasised figure that reads as rounded. Rule: a
  count, sum or measure whose integer value has at least two trailing zeros and
  at most two significant digits ("1,000 arrests", "600,000", "300"), or any
  figure written with a scale word ("1.4 billion", "$3bn", "2.75 million").
  ``precision`` is the step it was rounded to, 10^min(trailing zeros, digits − 2)
  (two significant figures: 1,000 → 100, 1.4 billion → 1e8, 2.75 million → 1e4),
  and the interval is the numbers that round to it: [v − p/2, v + p/2).

Kinds and units: ``count`` (unit None), ``money`` (ISO 4217 code, "cent" and GBX
for cents and pence), ``percent`` ("%", or "pp" for percentage points),
``ratio`` ("118 boys per 100 girls" and "1 in 5" → unit "per 100"/"per 5";
"two to three times" → "times"; "half of", "two thirds" → "fraction"), ``age``
("aged 55", "55-year-old", "four days old", "Zhang Shuxia, 55,"; unit year,
month, week or day), ``duration`` ("three months" → "month"), ``measure``
(normalised symbol: km, mi, kg, t, bbl, mph, km/h, °C, °F, m², magnitude...; SI
and binary prefixes on the common bases: GHz, kPa, TeV, GiB, "65Ma"; powers and
quotients as superscripts: "3km^3" → km³, "340 W/m^2" → W/m², "2.5 m/s2" → m/s²,
"4e14 s-1" → s⁻¹, "15 mg/kg").

Numerals: digits as ``factcheck.extract.numbers.parse_digits`` reads them,
scientific notation included ("2.48×10−5", "5.5x10-3", "10^6", "10⁹", "1.5e-3"),
a sign after a currency symbol ("$-4.20"), one space-separated thousands group
before a currency word ("10 000 dollars", "12 500 rand"), and "a"/"an" before a
unit of measure (``_units.ONE_UNIT_WORDS``: "less than a mile", "a kibibyte")
unless a figure among the six words before makes it a rate ("$3 a gallon").

Roles: ``year`` (a lone four-digit year, "1990s"), ``date`` (day of month in
"February 19", "19 Feb", "2016-01-24", "5/17/2018"; value = the day),
``time_of_day`` ("10:39", "6pm"; value = hours + minutes/60), ``ordinal``
("third", "1st"), ``list_number`` ("2." or "2)" at a line start), else
``quantity``. Not numbers at all, so not returned: "one" as a pronoun ("the one
that", "one of them"), identifiers ("COVID-19", "06F6", "5G") and phone numbers.

Conversions: "70,000 yuan ($11,300)", "2,736 yuan, or 415 U.S. dollars",
"1,500,000 kilometres (930,000 mi)" give one Quantity for the first amount with
``conversion`` set to the second, which is not returned on its own.

Numbers inside URLs, dotted identifiers ("192.168.1.2") and catalogue names
("J1149.5+6663") are skipped too.

Speed: two trigger scans plus anchored ``match`` calls at known offsets, gated by
the character that follows; the left context is a short window split into words;
a neighbour (range end, ratio base, conversion) is only looked for when the next
numeral is close. No library call per numeral except text2num for number words
(memoised).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from factcheck.extract import _units as U
from factcheck.extract.numbers import (
    CARDINALS,
    FRACTIONS,
    ORDINALS,
    POWER,
    UNICODE_FRACTIONS,
    parse_digits,
    parse_power,
    parse_words,
    split_cardinals,
)
from factcheck.models import Conversion, Quantity


def _alt(words: object, escape: bool = True) -> str:
    """Regex alternation of ``words``, longest first so the longest surface wins."""
    items = sorted(set(words), key=len, reverse=True)  # type: ignore[arg-type]
    return "|".join(re.escape(w) if escape else w for w in items)


def _spaced_alt(words: object) -> str:
    """Like ``_alt``, but a space in a phrase matches any run of blanks ("per  cent")."""
    return _alt(words).replace("\\ ", "[ \\t]+")


def _plurals(words: object) -> set[str]:
    """Each surface and its plural in "s" (units and currencies are listed singular)."""
    out: set[str] = set()
    for w in words:  # type: ignore[attr-defined]
        out.add(w)
        if w[-1].isalpha() and not w.endswith("s"):
            out.add(w + "s")
    return out


# --- the candidate scan ------------------------------------------------


def _trie(words: object) -> str:
    """Regex alternation shaped as a trie: a failed position costs one or two chars.

    Python's ``re`` tries a flat alternation word by word at every position; the
    trie makes the candidate scan run at several MB/s instead of well under one.
    """
    root: dict = {}
    for w in words:  # type: ignore[attr-defined]
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return body + "?" if len(alts) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return emit(root)


# Candidates are found on the lower-cased text (same length), so no re.IGNORECASE.
_CARD = _alt(CARDINALS)
_FRAC = _alt(FRACTIONS)
_UFRAC = "".join(UNICODE_FRACTIONS)
# Between number words: "and" or "&", a hyphen, blanks, or a comma between a scale
# word and a hundreds group ("three million, two hundred & forty"; "twenty, thirty"
# and "one thousand, twenty" stay two numbers).
_SEP = (
    r"(?:\s+(?:and|&)\s+|[ \t]*-[ \t]*|[ \t]+"
    r"|(?:(?<=thousand)|(?<=million)|(?<=billion)|(?<=trillion)),[ \t]+(?=[a-z]+[ \t]+hundred))"
)
_TRIGGER_WORDS = (
    set(CARDINALS)
    | set(FRACTIONS)
    | set(ORDINALS)
    | {"dozen", "dozens", "scores", "tens", "hundreds", "thousands", "millions", "billions"}
    | {"handful", "couple"}
)
# Two scans of the whole article, each opening with a character class so that re's
# fast first-character search skips to candidates: digit runs (written "[d][d]*":
# a pattern opening with a repeat, "[d]+", gets no such search and was twice as slow),
# and number words right after a separator (the text is scanned with a space before it).
_DIGIT_TRIGGER = re.compile(f"[0-9{_UFRAC}][0-9{_UFRAC}]*")
_WORD_TRIGGER = re.compile(
    rf"[ \n\r\t(\[\-\"'“‘/—–,;:]({_trie(_TRIGGER_WORDS)}|an? {_trie(U.ONE_UNIT_WORDS)})(?![a-z])"
)
_P_ISO = re.compile(r"(?<![\w\-])\d{4}-\d{2}-\d{2}(?![\w\-])")
_P_TIME = re.compile(r"(?<![\w.:])\d{1,2}:[0-5]\d(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?(?![\d:])")
_P_SDATE = re.compile(r"(?<![\w/.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\w/])")
_P_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,4}[ \-./]?\(?\d{1,5}\)?(?:[ \-./]\d{1,5}){1,4}"
    r"|\(\d{2,5}\)[ \-]?\d{3,4}[ \-]\d{3,5}|\d{3,4}-\d{3,4}-\d{4})(?![\w])"
)
_P_DOTTED = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w])")
_P_ORD_DIGITS = re.compile(r"(?<![\w.,])\d+(?:st|nd|rd|th)\b")
_P_DIGITS = re.compile(
    r"(?<![\w.,/])(?:\d+[ \t]+\d{1,3}/\d{1,3}(?![\d/])|\d{1,3}/\d{1,3}(?![\d/])"
    r"|(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3}){2,}(?![\d.])"
    r"|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+|\d{1,3}(?: \d{3}){2,}(?![\d,])|\d+)"
    rf"(?:\.\d+)?(?:e[-+]?\d+(?![\w]))?[{_UFRAC}]?|\.\d+|[{_UFRAC}])"
)
_P_VAGUE = re.compile(
    r"(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)"
    r"|dozens|scores|hundreds|thousands|millions|billions|handful|couple)(?![a-z])"
)
_P_WORDS = re.compile(
    rf"(?:(?:{_CARD})(?:{_SEP}(?:{_CARD}))*(?:\s+point(?:\s+(?:{_CARD}))+)?"
    rf"(?:(?:\s+and\s+an?|\s+and|[ \t-])\s*(?:{_FRAC}|dozens?))?|half|quarter)(?![a-z])"
)
_P_ORD_WORD = re.compile(rf"(?:{_alt(set(ORDINALS) - {'hundredth', 'thousandth'})})(?![a-z])")
_SPECIAL_AFTER: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    # next character after a digit run -> special forms that can start there
    "-": (("iso", _P_ISO), ("phone", _P_PHONE)),
    ":": (("time", _P_TIME),),
    "/": (("sdate", _P_SDATE),),
    ".": (("dotted", _P_DOTTED),),
    **{c: (("ord", _P_ORD_DIGITS),) for c in "snrt"},
}
_ARTICLE_NOUNS = frozenset(FRACTIONS) | {"dozen", "hundred", "thousand", "million", "billion"}
_FEW_BEFORE = re.compile(r"(?:several|a[ \t]+few)[ \t]+$")
_POWER_START = frozenset("×x*·⋅^⁰¹²³⁴⁵⁶⁷⁸⁹")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+")

# --- look-ups right of a numeral -------------------------------------------

_SCALE_WORD = re.compile(rf"[ \t]*(?:-[ \t]*)?({_alt(_plurals(U.SCALE_WORDS))})\b", re.I)
_SCALE_SUFFIX = re.compile(rf"[ \t]?({_alt(U.SCALE_SUFFIXES)})(?![\w])")
_PERCENT = re.compile(
    rf"[ \t]?(?:-[ \t]?)?({_spaced_alt(U.PERCENT_WORDS)})(?![a-z])",
    re.I,
)
_CURRENCY_WORD = re.compile(
    rf"(?:[ \t]+|-)({_alt(U.CURRENCY_WORDS)}|{_alt(U.AMBIGUOUS_POUNDS)}|won)(?![\w])", re.I
)
_DURATION_LOOKUP = {k: v for w, v in U.DURATION_UNITS.items() for k in (w, w + "s")}
_UNIT_WORD_LOOKUP = {k: v for w, v in U.UNIT_WORDS.items() for k in _plurals([w])}
_CURRENCY_LOOKUP = {
    **U.CURRENCY_WORDS,
    **{w: "pound" for w in U.AMBIGUOUS_POUNDS},
    "won": "won",
}
# One anchored match reads any spelled-out unit after a numeral: currency, duration
# (with "old"/"of age" for ages) or physical unit; the dictionaries say which.
_UNIT_SURFACES = {*_CURRENCY_LOOKUP, *_DURATION_LOOKUP, *_UNIT_WORD_LOOKUP}
_WORD_UNIT = re.compile(
    rf"(?:[ \t]+|[ \t]*-[ \t]*)({_trie(_UNIT_SURFACES)})"
    r"(?:(?:[ \t]+|-)(old|of[ \t]+age)\b)?(?![\w])",
    re.I,
)
# "won" is a verb after a score; "pound(s)" may be weight, and units invite "36 100 kW
# transmitters" (36 of them): only plain currency words follow a space-grouped figure.
_MONEY_WORDS = set(U.CURRENCY_WORDS) - {"cent", "cents", "cts", "pence", "penny", "pennies"}
_ONE_SPACE_GROUP = re.compile(rf" \d{{3}}[ \t]+(?:{_trie(_MONEY_WORDS)})(?![\w])", re.I)
_DURATION = re.compile(
    rf"(?:[ \t]+|[ \t]*-[ \t]*)({_alt(_plurals(U.DURATION_UNITS))})"
    r"(?:(?:[ \t]+|-)(old|of[ \t]+age)\b)?(?![\w])",
    re.I,
)
_UNIT_SYMBOL = re.compile(rf"([ \t]?)({_trie(U.UNIT_SYMBOLS)})(?![\w/²³])")
# A unit with powers or a quotient: "km^3", "kg/cm³", "J/m^2", "km/s2", "s-1", "fb−1".
# An ASCII minus is a power only when no word or figure follows ("3 m-4 m" is a range).
_UNIT_POWER = r"(?:(?:\^|\*\*)[-−]?[1-9]|−[1-9]|-[1-9](?!\d|[.,]\d|[ \t]*[A-Za-zµ°])|⁻?[¹²³])"
_COMPOUND_UNIT = re.compile(
    rf"([ \t]?)([A-Za-zµμΩ]{{1,4}}(?:{_UNIT_POWER})?"
    rf"(?:[/·⋅][A-Za-zµμΩ]{{1,4}}(?:{_UNIT_POWER}|[1-3])?)*)(?![\w/])"
)
_TIME_SYMBOLS = frozenset({"s", "h", "yr"})
_COMPOUND_PIECE = re.compile(rf"([A-Za-zµμΩ]+)({_UNIT_POWER}|[1-3])?")
_COMPOUND_HINT = re.compile(r"[/^²³¹⁻−]|\*\*|-[1-9]")
_TO_SUPERSCRIPT = str.maketrans("0123456789-−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻", "^*")
_BRACKETED_UNIT = re.compile(rf"[ \t]?[(\[{{<]({_alt(U.UNIT_SYMBOLS)})[)\]}}>]")
_MAGNITUDE_BEFORE = re.compile(r"magnitude[ \t]*-?[ \t]*$", re.I)
_MULTIPLE = re.compile(r"(?:[ \t]+times\b|[ \t]*-?fold\b)", re.I)
_AGE_YO = re.compile(r"[ \t]*(?:yo|y/o|-year-olds?)\b", re.I)
_AFTER_PHRASES = _spaced_alt(set(U.QUALIFIERS_AFTER) - {"+", "plus"})
_AFTER_QUAL = re.compile(rf"(\+|[ \t]*-?[ \t]*plus\b|[ \t]+(?:{_AFTER_PHRASES})\b)", re.I)
_AFTER_QUAL_NOUN = re.compile(
    r"(?:[ \t]+[a-z\-]+){1,2}?[ \t]+or[ \t]+(more|fewer|less)(?=[ \t]*(?:[.,;:)!?]|$))"
)
_RATIO = re.compile(
    r"(:)(?=\d)"  # "1:3"
    r"|(?:[ \t]+[a-z\-]+){0,3}?[ \t]+(per|for[ \t]+every|for[ \t]+each|out[ \t]+of|in)[ \t]+(?=\S)",
    re.I,
)
_RANGE_CONN = re.compile(r"[ \t]*-?[ \t]*(-|–|—|~|to|through|and|or)[ \t]*", re.I)
_BOUNDS_CONN = re.compile(r"[ \t]*,?[ \t]*(?:and|but)[ \t]+((?:[a-z]+[ \t]+){1,5})$", re.I)
_CONVERSION = re.compile(
    r"(?:[ \t]*[(\[][ \t]*|,?[ \t]+or[ \t]+|[ \t]*/[ \t]*)"
    r"(?:(?:about|around|approx\.?|approximately|some|roughly|nearly|almost|equivalent[ \t]+to"
    r"|equal[ \t]+to|~)[ \t]*)?",
    re.I,
)
_UNCERTAINTY = re.compile(
    r"[ \t]*(?:±|\+/-|\+/−|\+-)[ \t]*(\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)(?![\d.,]\d)"
)
_CLOSE = re.compile(r"[ \t]*[)\]]")
_AMPM = re.compile(r"[ \t]?(?:[ap]\.m\.|[ap]m\b)", re.I)
_FISCAL_TAIL = re.compile(r"[-/–]\d{2}(?![\w/-]|[.,]\d)")
_DATE_TAIL = re.compile(r"[ \t]*(?:-|–|to|and|until|through)[ \t]*[0-3]?\d(?![\w/-]|[.,:]\d)")
_TAILS = {"year": _FISCAL_TAIL, "date": _DATE_TAIL}
_DECADE = re.compile(r"'?s\b")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:{_alt(U.MONTHS)})\b\.?", re.I)
_LIST_AFTER = re.compile(r"[.)][ \t]+\S")
_AGE_COMMA_BEFORE = re.compile(r"[A-Za-z][\w'\-]*[a-z],[ \t]$")
_AGE_COMMA_AFTER = re.compile(r"[ \t]*[,)]")
_LEFT_TOKEN = re.compile(r"[a-z][a-z'\-]*\.?|>=|<=|[<>~≥≤]")
# A ". " after these does not end the sentence ("approx. 300", "No. 10").
_ABBREVIATIONS = frozenset({"approx.", "ca.", "no.", "nos.", "p.", "pp.", "art.", "sec.", "vol."})
_WORD_PUNCT = "()[]{}\"'“”‘’,;:!?*"
_CODE_BEFORE = re.compile(r"[A-Z]-$")
_VAGUE_SCALES = {"dozen": 12.0, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")

_CURRENCY_PREFIX_MAX = max(map(len, U.CURRENCY_PREFIXES))
_QUAL_MAX_WORDS = max(len(k.split()) for k in U.QUALIFIERS_BEFORE)
_CURRENCY_KEYS = tuple(U.CURRENCY_PREFIXES)
_CURRENCY_LAST = frozenset(key[-1] for key in _CURRENCY_KEYS)
_CLOCK_START = frozenset(" \tapAP")
_CLOCK_FIGURE = re.compile(r"\d{1,2}(?:\.[0-5]\d)?")
_MONTH_AFTER_START = frozenset(" \tsnrt")
_NO_UNIT_START = frozenset(",.;:!?)]}'\"\n\r")
_AFTER_QUAL_START = frozenset(" \t+-")
_AFTER_QUAL_FIRST = frozenset("+pP") | frozenset(
    c for k in U.QUALIFIERS_AFTER for c in (k[0].lower(), k[0].upper())
)
_QUAL_LAST = frozenset(k.split()[-1] for k in U.QUALIFIERS_BEFORE)
_LETTER_PREFIXES = {k for k in U.CURRENCY_PREFIXES if k[0].isalpha()}
_SYMBOL_PREFIXES = set(U.CURRENCY_PREFIXES) - _LETTER_PREFIXES
_CURRENCY_BEFORE = re.compile(
    rf"(?:(?<![A-Za-z])(?:{_alt(_LETTER_PREFIXES)})|{_alt(_SYMBOL_PREFIXES)})[ \t]?$"
)
_AGE_PREFIX_SET = frozenset(U.AGE_PREFIXES)
_AGE_LAST = frozenset(p.split()[-1] for p in U.AGE_PREFIXES)
_SCALE_LOOKUP = {k: v for w, v in U.SCALE_WORDS.items() for k in (w, w + "s")}
_PRONOUN_ONE_BEFORE = frozenset(
    [
        "the",
        "this",
        "that",
        "which",
        "each",
        "every",
        "any",
        "no",
        "another",
        "whichever",
        "last",
        "new",
        "little",
        "big",
        "small",
        "same",
        "such",
        "good",
        "bad",
        "right",
        "wrong",
        "other",
        "latter",
        "former",
        "next",
        "some",
        "someone",
        "everyone",
        "anyone",
        "no-one",
        "single",
        "lone",
        "young",
        "old",
    ]
)
_PRONOUN_ONE_AFTER = frozenset(
    {"of", "another", "another's", "can", "could", "should", "must", "would", "might", "may"}
    | {"shall", "cannot"}
)
_ONE_COMPOUNDS = frozenset({"off", "time", "way", "sided", "stop", "on", "liner", "size"})
_NOT_BARE_FRACTION_BEFORE = frozenset(
    {"the", "this", "that", "first", "second", "third", "fourth", "last", "next", "previous"}
    | {"final", "same", "each", "every", "opening", "closing", "latter", "former", "other"}
)
_CURRENCY_SUFFIX = re.compile(f"[ \t]?([{''.join(U.CURRENCY_SUFFIX_SYMBOLS)}])")
_COUNT_NOUN_M = re.compile(r"[ \t]+(?:[a-z]+s|people|children|men|women|staff|yuan)\b")
_METRE_CONTEXT = re.compile(
    r"-|[ \t]+(?:tall|high|long|wide|deep|away|above|below|from|under|off|sprint|race"
    r"|hurdles|freestyle|of)\b"
)
_NEG_SIGNS = "-−–"
_CONTENT = re.compile(r"[^ \t-]")


def _first_chars(words: object, fold: bool = True) -> frozenset[str]:
    """First characters of ``words`` (in both cases when ``fold``): a look-up's gate."""
    return frozenset(
        c
        for w in words
        for c in ((w[0].lower(), w[0].upper()) if fold else (w[0],))  # type: ignore[attr-defined]
    )


_PERCENT_FIRST = _first_chars(U.PERCENT_WORDS)
_WORD_UNIT_FIRST = _first_chars(_UNIT_SURFACES)
_UNIT_SYMBOL_FIRST = _first_chars(U.UNIT_SYMBOLS, fold=False)
_SCALE_FIRST = _first_chars(_SCALE_LOOKUP) | _first_chars(U.SCALE_SUFFIXES, fold=False)


@dataclass(slots=True)
class _Read:
    """A numeral being read: grows as units and qualifiers are found around it."""

    start: int
    end: int
    value: float
    kind: str = "count"
    unit: str | None = None
    role: str = "quantity"
    scaled: bool = False
    dimension: str | None = None
    days: float | None = None  # a duration unit's length in days, for ranges across units
    qualifier: str = "exact"
    inclusive: bool = True
    emphatic: bool = False
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    conversion: Conversion | None = None
    digits: bool = True
    scale: float = 1.0
    precision: float | None = None
    uncertainty: float | None = None  # "9.83 ± 0.05", before any scale is applied


# --- left context ----------------------------------------------------------


def _left_words(text: str, pos: int) -> list[str]:
    """Lower-case words just left of ``pos`` in the same sentence (at most ~60 chars)."""
    window = text[pos - 45 if pos > 45 else 0 : pos].lower()
    cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("; "))
    if cut >= 0:
        head = window[: cut + 1].rsplit(None, 1)
        if not (head and head[-1].lstrip("(") in _ABBREVIATIONS):
            window = window[cut + 1 :]
    return [word for part in window.split()[-7:] if (word := part.strip(_WORD_PUNCT))]


def _qualifier_before(words: list[str]) -> tuple[str | None, bool, bool]:
    """(qualifier, inclusive, emphatic) read from the words before a figure."""
    end = len(words)
    emphatic = False
    for _ in range(4):
        if not end:
            break
        for n in range(min(_QUAL_MAX_WORDS, end) if words[end - 1] in _QUAL_LAST else 0, 0, -1):
            phrase = " ".join(words[end - n : end])
            found = U.QUALIFIERS_BEFORE.get(phrase)
            if found:
                return found[0], found[1], emphatic
        if words[end - 1] in U.EMPHATIC_WORDS or words[end - 1] in U.NEUTRAL_WORDS:
            emphatic = emphatic or words[end - 1] in U.EMPHATIC_WORDS
            end -= 1
            continue
        break
    return None, True, emphatic


def _may_have_currency(text: str, pos: int) -> bool:
    """Cheap test before the regex: does a currency prefix's last character end at ``pos``?
    Its last character is tested first: most words before a figure end otherwise."""
    end = pos - 1 if text[pos - 1] in " \t" else pos
    return text[end - 1 : end] in _CURRENCY_LAST and text.endswith(_CURRENCY_KEYS, 0, end)


def _month_before(text: str, pos: int) -> bool:
    """Is the word right before ``pos`` a month ("Feb. 19", "July 20")?"""
    head = text[max(0, pos - 11) : pos]
    if not head.endswith((" ", "\t")):
        return False
    parts = head.split()
    return bool(parts) and parts[-1].rstrip(".").lower() in U.MONTHS


def _currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """(ISO code, start) of a currency symbol/code written just before ``pos``."""
    m = _CURRENCY_BEFORE.search(text, max(0, pos - _CURRENCY_PREFIX_MAX - 1), pos)
    if m is None:
        return None
    return U.CURRENCY_PREFIXES[m.group(0).rstrip(" \t")], m.start()


# --- reading one numeral ---------------------------------------------------


def _first_content(text: str, pos: int) -> str:
    """The first character at or after ``pos`` that is not a blank or a hyphen ("" if none).

    Every look-up right of a numeral starts, after optional blanks and hyphens, with a
    character from a known set; testing it first saves most regex calls.
    """
    head = text[pos : pos + 16].lstrip(" \t-")
    if head or pos + 16 >= len(text):
        return head[:1]
    m = _CONTENT.search(text, pos)
    return m.group(0) if m else ""


def _scale_after(text: str, r: _Read) -> None:
    """Apply a scale word or suffix right after the numeral ("1.4 billion", "$3bn")."""
    c = text[r.end : r.end + 1]
    if not (c.isalpha() or c in " \t-") or _first_content(text, r.end) not in _SCALE_FIRST:
        return
    m = _SCALE_WORD.match(text, r.end)
    if m:
        r.scale = _SCALE_LOOKUP[m.group(1).lower()]
        r.value *= r.scale
        r.end, r.scaled = m.end(), True
        return
    if not r.digits:
        return
    m = _SCALE_SUFFIX.match(text, r.end)
    if not m:
        return
    suffix = m.group(1)
    money = r.kind == "money" or _CURRENCY_WORD.match(text, m.end())
    counted = _COUNT_NOUN_M.match(text, m.end()) and not _METRE_CONTEXT.match(text, m.end())
    if suffix == "m" and not money and not counted:
        return  # metres, read as a unit later
    if suffix in ("b", "B", "k", "K", "T") and m.group(0).startswith((" ", "\t")):
        return  # a spaced single letter is not a scale
    if suffix in ("b", "T") and not money:
        return
    r.scale = U.SCALE_SUFFIXES[suffix]
    r.value *= r.scale
    r.end, r.scaled = m.end(), True


def _unit_after(text: str, r: _Read) -> None:
    """Read a percent sign, currency word, duration, age or physical unit after ``r``."""
    pos = r.end
    if pos >= len(text) or text[pos] in _NO_UNIT_START:
        return
    if text[pos] == " " and text[pos + 1 : pos + 2].isdigit():
        return
    c = _first_content(text, pos)  # each look-up below runs only if it can start with c
    m = _PERCENT.match(text, pos) if c in _PERCENT_FIRST else None
    if m:
        word = " ".join(m.group(1).lower().split())
        r.kind, r.unit, r.end = "percent", U.PERCENT_WORDS[word], m.end()
        return
    m = _WORD_UNIT.match(text, pos) if c in _WORD_UNIT_FIRST else None
    word = " ".join(m.group(1).lower().split()) if m else ""
    code = _CURRENCY_LOOKUP.get(word)
    if m and code:
        if code == "pound" and not (r.scaled or r.kind == "money"):
            r.kind, r.unit, r.dimension, r.end = "measure", "lb", "mass", m.end(1)
            return
        code = {"pound": "GBP", "won": "KRW" if r.value >= U.WON_MIN else ""}.get(code, code)
        if code and r.kind in ("count", "money"):
            r.kind, r.unit, r.end = "money", code if r.unit is None else r.unit, m.end(1)
            return
    m_cur = _CURRENCY_SUFFIX.match(text, pos) if c in U.CURRENCY_SUFFIX_SYMBOLS else None
    if m_cur and r.kind == "count" and not (m_cur.group(1) == "$" and m_cur.group(0)[0] in " \t"):
        r.kind, r.unit, r.end = "money", U.CURRENCY_SUFFIX_SYMBOLS[m_cur.group(1)], m_cur.end()
        return
    if r.kind == "money":
        return
    if m and word in _DURATION_LOOKUP:
        unit, days = _DURATION_LOOKUP[word]
        r.kind, r.unit, r.days, r.end = "duration", unit, days, m.end()
        if m.group(2):
            r.kind = "age"
        else:
            yo = _AGE_YO.match(text, r.end)
            if yo:
                r.kind, r.end = "age", yo.end()
        return
    if m and word in _UNIT_WORD_LOOKUP:
        r.unit, r.dimension = _UNIT_WORD_LOOKUP[word]
        r.kind, r.end = "measure", m.end(1)
        return
    if c.isalpha() and _COMPOUND_HINT.search(text, pos, pos + 16):
        compound = _compound_unit(text, pos)
        if compound:
            r.kind, r.unit, r.dimension, r.end = "measure", compound[0], None, compound[1]
            return
    m = _UNIT_SYMBOL.match(text, pos) if c in _UNIT_SYMBOL_FIRST else None
    if (
        m
        and not (m.group(2) in U.GLUE_ONLY_SYMBOLS and m.group(1))
        and (m.group(2) != "C" or U.GLUED_CELSIUS[0] <= r.value <= U.GLUED_CELSIUS[1])
    ):
        r.unit, r.dimension = U.UNIT_SYMBOLS[m.group(2)]
        r.kind, r.end = "measure", m.end()
        return
    m = _BRACKETED_UNIT.match(text, pos) if c in "([{<" else None
    if m:
        r.unit, r.dimension = U.UNIT_SYMBOLS[m.group(1)]
        r.kind, r.end = "measure", m.end()
        return
    m = _MULTIPLE.match(text, pos) if c in "tTfF" else None
    if m:
        r.kind, r.unit, r.end = "ratio", "times", m.end()
        return
    m = _AGE_YO.match(text, pos) if c in "yY" else None
    if m:
        r.kind, r.unit, r.days, r.end = "age", "year", 365.25, m.end()


def _compound_unit(text: str, pos: int) -> tuple[str, int] | None:
    """(normalised unit, end) of a unit with powers or a quotient at ``pos``, else None.

    Each factor is a known symbol or carries a power written as a power ("fb−1",
    "fb^-1"; an ASCII hyphen only after a known symbol: "s-1" but not "X-2"), and
    the whole has a power or is a quotient of table symbols and time units ("mg/kg",
    "3.7m/h"; not "N/A"); a plain symbol is left to the simple look-up. Powers
    become superscripts: "J/m^2" -> "J/m²", "s-1" -> "s⁻¹".
    """
    m = _COMPOUND_UNIT.match(text, pos)
    if not m or (m.group(1) and m.group(2) in U.GLUE_ONLY_SYMBOLS):
        return None
    pieces = re.split("([/·⋅])", m.group(2))
    powered = False
    plain_quotient = len(pieces) > 1
    out = []
    for piece in pieces:
        if piece in "/·⋅":
            out.append("/" if piece == "/" else "·")
            continue
        f = _COMPOUND_PIECE.fullmatch(piece)
        if not f:
            return None
        symbol, power = f.groups()
        in_table = symbol in U.UNIT_SYMBOLS
        known = in_table or symbol in U.COMPOUND_ONLY_SYMBOLS
        if not (known or power) or (power and power[0] == "-" and not known):
            return None
        powered = powered or bool(power)
        plain_quotient = plain_quotient and (in_table or symbol in _TIME_SYMBOLS)
        base = U.UNIT_SYMBOLS.get(symbol, (symbol,))[0]
        out.append(base + (power or "").translate(_TO_SUPERSCRIPT))
    if not (powered or plain_quotient):
        return None
    return "".join(out), m.end()


def _read(
    text: str, start: int, end: int, value: float, *, digits: bool, sign: bool, floor: int = 0
) -> _Read:
    """Read the numeral text[start:end] and everything that qualifies it.

    A sign or currency prefix is taken only from ``floor`` on (the end of the
    previous quantity), so spans never overlap.
    """
    r = _Read(start=start, end=end, value=value, digits=digits)
    if sign and start > floor and text[start - 1] in _NEG_SIGNS:
        before = text[start - 2] if start > 1 else " "
        if before in " \t\n([" or start == 1 or _may_have_currency(text, start - 1):
            r.start, r.value = start - 1, -value  # "-5", "(-5", "$-99.99"
    cur = _currency_before(text, r.start) if r.start and _may_have_currency(text, r.start) else None
    if cur and cur[1] >= floor:
        r.kind, r.unit, r.start = "money", cur[0], cur[1]
    head = text[r.end : r.end + 3]
    if "±" in head or "+" in head:
        m = _UNCERTAINTY.match(text, r.end)
        u = parse_digits(m.group(1)) if m else None
        if u is not None and m is not None:
            r.uncertainty, r.end = u, m.end()
    if text[r.end : r.end + 1] not in _NO_UNIT_START:  # nothing to read after "5," or "5."
        _scale_after(text, r)
        _unit_after(text, r)
    if (
        r.kind == "count"
        and "agnitude" in text[max(0, r.start - 12) : r.start]
        and _MAGNITUDE_BEFORE.search(text, max(0, r.start - 12), r.start)
    ):
        r.kind, r.unit, r.dimension = "measure", "magnitude", "magnitude"
    return r


def _apply_left(text: str, r: _Read) -> list[str]:
    """Read qualifiers and age markers left of ``r``; return the left words for callers."""
    words = _left_words(text, r.start)
    qual, inclusive, emphatic = _qualifier_before(words)
    r.emphatic = emphatic
    if qual:
        r.qualifier, r.inclusive = qual, inclusive
    before = words[:-1] if words and words[-1] in ("between", "from") else words
    if r.kind in ("count", "duration") and before and before[-1] in _AGE_LAST:
        tail2 = " ".join(before[-2:])
        tail4 = " ".join(before[-4:])
        if (
            before[-1] in _AGE_PREFIX_SET
            or tail2 in _AGE_PREFIX_SET
            or tail4.endswith("the age of")
        ):
            r.kind = "age"
            if r.unit is None:
                r.unit, r.days = "year", 365.25
    m = (
        _AFTER_QUAL.match(text, r.end)
        if text[r.end : r.end + 1] in _AFTER_QUAL_START
        and _first_content(text, r.end) in _AFTER_QUAL_FIRST
        else None
    )
    if (
        m is None
        and r.qualifier == "exact"
        and text[r.end : r.end + 1] == " "
        and text.find(" or ", r.end, r.end + 30) >= 0
    ):
        m = _AFTER_QUAL_NOUN.match(text, r.end)  # "11 players or more."
    if m and r.qualifier == "exact":
        phrase = " ".join(m.group(1).strip(" \t-").lower().split())
        phrase = phrase if phrase in U.QUALIFIERS_AFTER else "or " + phrase
        r.qualifier, r.inclusive = U.QUALIFIERS_AFTER[phrase]
    return words


# --- intervals -------------------------------------------------------------


def _finish(r: _Read) -> None:
    """Turn qualifier and value into the interval, and flag round figures."""
    v = r.value
    if r.qualifier in ("range", "vague"):
        return
    if r.uncertainty is not None and r.qualifier == "exact":  # "9.83 ± 0.05": its own band
        r.qualifier, u = "approx", r.uncertainty * r.scale
        r.low, r.high = v - u, v + u
        return
    if r.qualifier == "approx":
        band = _approx_band(v)
        r.low, r.high = v - band, v + band
    elif r.qualifier == "below":
        band = _approx_band(v)
        r.qualifier, r.low, r.high, r.high_inclusive = "approx", v - band, v, False
    elif r.qualifier == "at_least":
        r.low, r.high, r.low_inclusive = v, None, r.inclusive
    elif r.qualifier == "at_most":
        r.low, r.high, r.high_inclusive = None, v, r.inclusive
    else:
        r.low = r.high = v
        if not r.emphatic and r.role == "quantity":
            _maybe_rounded(r)


def _approx_band(v: float) -> float:
    """Half-width of "about v": 2% of v, or half a unit of its last non-zero digit."""
    return max(abs(v) * U.APPROX_TOLERANCE, last_digit_unit(v) / 2)


def last_digit_unit(value: float) -> float:
    """10^k for the last non-zero digit of ``value`` (1,000 -> 1000, 118 -> 1, 13.5 -> 0.1)."""
    if value == 0 or not math.isfinite(value):
        return 1.0
    text = f"{abs(value):.6f}".rstrip("0")
    if text.endswith("."):
        digits = text[:-1]
        return 10.0 ** (len(digits) - len(digits.rstrip("0")))
    return 10.0 ** -(len(text.split(".")[1]))


def _maybe_rounded(r: _Read) -> None:
    if r.kind not in ("count", "money", "measure", "duration") or not 0 < r.value < 1e18:
        return
    if r.dimension in ("temperature", "angle", "magnitude"):
        return
    if r.value != int(r.value) or r.value >= 1e18:
        return
    n = int(r.value)
    s = str(n)
    zeros = len(s) - len(s.rstrip("0"))
    significant = len(s) - zeros
    if r.scale < 1e3 and (zeros < 2 or significant > 2):
        return
    if len(s) < 3:
        return
    step = 10.0 ** min(zeros, len(s) - 2)
    r.qualifier, r.precision = "rounded", step
    r.low, r.high, r.high_inclusive = n - step / 2, n + step / 2, False


# --- the scanner -----------------------------------------------------------


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    value: float
    kind: str  # "digits", "words", "vague", "ord", "iso", "time", "sdate"


def _lower(text: str) -> str:
    """``text.lower()`` with the same length (a few characters grow when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _atoms(text: str) -> list[_Atom]:
    """Candidate numerals, in order: fast trigger scans, then anchored patterns at each hit.

    Numbers inside URLs, phone numbers and dotted identifiers ("192.168.1.2",
    "3.1.4") are skipped; number-word runs are split as text2num reads them.
    """
    low = _lower(text)
    triggers = [(*m.span(), True) for m in _DIGIT_TRIGGER.finditer(low)]
    words = [(m.start(1) - 1, m.end() - 1, False) for m in _WORD_TRIGGER.finditer(" " + low)]
    if words:
        triggers = sorted(triggers + words)
    urls = [m.span() for m in _URL.finditer(low)] if "http" in low or "www." in low else []
    out: list[_Atom] = []
    pos = 0
    for s, e, is_digit in triggers:
        if s < pos:
            continue
        if urls and any(a <= s < b for a, b in urls):
            pos = next(b for a, b in urls if a <= s < b)
            continue
        if is_digit:
            if s and low[s - 1] == "." and (s == 1 or not low[s - 2].isalnum()):
                s -= 1  # ".08"
            pos = _digit_atom(text, low, s, e, out)
        else:
            pos = _word_atom(text, low, s, e, out)
    return out


def _digit_atom(text: str, low: str, s: int, t_end: int, out: list[_Atom]) -> int:
    """Read the digit candidate at ``s``; append it to ``out``; return where to go on.

    The character after the digit run picks which special forms to try, so a plain
    number costs one anchored match.
    """
    if s and low[s - 1] in "+(":
        phone = _P_PHONE.match(low, s - 1)
        if phone:
            return phone.end()
    after = low[t_end : t_end + 1]
    special = _SPECIAL_AFTER.get(after, ())
    for kind, pattern in special:
        m = pattern.match(low, s)
        if not m:
            continue
        if kind == "dotted" and _DOT_GROUPED.fullmatch(m.group(0)):
            break
        if kind not in ("phone", "dotted"):
            out.append(_Atom(s, m.end(), math.nan, kind))
        return m.end()
    m = _P_DIGITS.match(low, s)
    if not m:
        return t_end
    end = m.end()
    prev = low[s - 1] if s > 1 else ""
    if prev == "-" and _CODE_BEFORE.search(text, s - 2, s):
        return end
    if prev == "+" and low[s - 2].isalnum() and _glued_to_name(low, s - 1):
        return end  # "J1149.5+6663": the rest of a catalogue name
    nxt = low[end : end + 1]
    if nxt == " ":
        nxt2 = low[end + 1 : end + 2]
        if nxt2 in _POWER_START:
            return _power_atom(text, low, s, end, out)
        if (
            nxt2.isdigit()
            and end - s <= 3
            and low[end + 4 : end + 5] in (" ", "-")
            and _ONE_SPACE_GROUP.match(text, end)
            and low[s:end].isdigit()
        ):
            end += 4  # "10 000 dollars": one space-separated group, then a currency word
    elif nxt in _POWER_START:
        return _power_atom(text, low, s, end, out)
    value = parse_digits(text[s:end])
    if value is not None:
        out.append(_Atom(s, end, value, "digits"))
    return end


def _power_atom(text: str, low: str, s: int, end: int, out: list[_Atom]) -> int:
    """Read "2.48×10−5", "10^6" at ``s`` as one numeral if it is one; return where to go on."""
    power = POWER.match(low, s)
    if not (power and power.end() > end and (power["e1"] or power["e3"] or power["m"])):
        value = parse_digits(text[s:end])
        if value is not None:
            out.append(_Atom(s, end, value, "digits"))
        return end
    value = parse_power(power)
    if value is not None:
        out.append(_Atom(s, power.end(), value, "digits"))
    return power.end()


def _glued_to_name(low: str, pos: int) -> bool:
    """Is ``low[:pos]`` the end of a token with a letter in it ("j1149.5", not "2")?"""
    head = low[max(0, pos - 24) : pos].rsplit(None, 1)[-1:]
    return bool(head) and any(c.isalpha() for c in head[0])


def _word_atom(text: str, low: str, s: int, t_end: int, out: list[_Atom]) -> int:
    """Read the number-word candidate at ``s`` (vague, cardinal, fraction or ordinal)."""
    if low.startswith(("a ", "an "), s):  # "a gallon": the article is the numeral
        if low[t_end : t_end + 1] != "/" and not _figure_before(low, s):
            out.append(_Atom(s, low.index(" ", s), 1.0, "words"))
        return t_end
    m = _P_VAGUE.match(low, s)
    if m:
        word = m.group(0)
        start = s
        if word in ("handful", "couple"):
            start = _article_before(low, s)
            if start == s:
                return m.end()
        out.append(_Atom(start, m.end(), math.nan, "vague"))
        return m.end()
    few = _FEW_BEFORE.search(low, max(0, s - 10), s)
    word = low[s:t_end]
    if few and word in _VAGUE_SCALES:
        out.append(_Atom(few.start(), t_end, math.nan, "vague"))
        return t_end
    start = _article_before(low, s) if word in _ARTICLE_NOUNS else s
    m = _P_WORDS.match(low, s)
    if m:
        out.extend(_word_atoms(text, start, m.end()))
        return m.end()
    if start < s:  # "a third", "a dozen"
        out.extend(_word_atoms(text, start, t_end))
        return t_end
    m = _P_ORD_WORD.match(low, s)
    if m:
        out.append(_Atom(s, m.end(), math.nan, "ord"))
        return m.end()
    return t_end


def _figure_before(low: str, pos: int) -> bool:
    """Is there a figure among the six words before ``pos``?

    Then "a tonne" is a rate ("$3 a gallon", "141 Ecus a tonne", "0.3 grams a
    tonne") or the whole of a fraction ("one-tenth of a hectare"), not one unit.
    """
    head = low[max(0, pos - 64) : pos]
    cut = max(head.rfind(". "), head.rfind("\n"), head.rfind("; "))
    for part in head[cut + 1 :].split()[-6:]:
        word = part.strip(_WORD_PUNCT)
        if any(c.isdigit() for c in word) or word.split("-")[-1] in _NUMBER_OR_UNIT_WORDS:
            return True
    return False


_NUMBER_OR_UNIT_WORDS = frozenset(
    _TRIGGER_WORDS | _SCALE_LOOKUP.keys() | _CURRENCY_LOOKUP.keys() | _UNIT_WORD_LOOKUP.keys()
)


def _article_before(low: str, pos: int) -> int:
    """Start of an "a "/"an " right before ``pos`` ("a dozen"), else ``pos``."""
    for art in ("a ", "an "):
        s = pos - len(art)
        if s >= 0 and low.startswith(art, s) and (s == 0 or not low[s - 1].isalpha()):
            return s
    return pos


_WORD_TOKEN = re.compile(r"[A-Za-z]+")


def _word_atoms(text: str, s: int, e: int) -> list[_Atom]:
    """Number-word run text[s:e] as one or more numbers ("one two" is two)."""
    value = parse_words(text[s:e])
    if value is not None:
        return [_Atom(s, e, value, "words")]
    toks = list(_WORD_TOKEN.finditer(text, s, e))
    words = [t.group(0).lower() for t in toks]
    if words and words[0] in ("a", "an"):
        words[0] = "one"
    out = []
    for i, j, v in split_cardinals(words):
        out.append(_Atom(toks[i].start(), toks[j - 1].end(), v, "words"))
    return out


def _is_pronoun_one(text: str, a: _Atom) -> bool:
    """ "the one", "one of them", "one another": "one" that does not count anything."""
    if text[a.start : a.end].lower() != "one":
        return False
    words = _left_words(text, a.start)
    if words and words[-1] == "only":  # "the only one" but "only one person"
        return len(words) > 1 and words[-2] in ("the", "a", "an")
    if words and words[-1] in _PRONOUN_ONE_BEFORE:
        return True
    sep = text[a.end : a.end + 1]
    nxt = _WORD_TOKEN.match(text, a.end + 1) if sep in (" ", "-") else None
    if nxt is None:
        return False
    following = nxt.group(0).lower()
    # "one of them", "one can"; "one-off", "one-time" are adjectives, not counts
    return following in (_PRONOUN_ONE_AFTER if sep == " " else _ONE_COMPOUNDS)


def _fixed_role(text: str, a: _Atom) -> Quantity | None:
    """Dates, times and ordinals found directly by the master regex."""
    s, e = a.start, a.end
    raw = text[s:e]
    if a.kind == "iso":
        return _plain(text, s, e, float(raw[8:10]), "date")
    if a.kind == "sdate":
        parts = raw.split("/")
        return _plain(text, s, e, float(parts[1]), "date")
    if a.kind == "time":
        hh, mm = raw[:5].split(":")[:2]
        hours = float(hh) + float(mm[:2]) / 60
        if "p" in raw.lower()[4:] and hours < 12:
            hours += 12
        return _plain(text, s, e, hours, "time_of_day")
    if a.kind == "ord":
        low = raw.lower()
        if low[0].isdigit():
            value = float(re.sub(r"\D", "", low))
            if _month_before(text, s) or _MONTH_AFTER.match(text, s + len(raw) - 2):
                return _plain(text, s, e, value, "date")
            return _plain(text, s, e, value, "ordinal")
        return _plain(text, s, e, float(ORDINALS[low]), "ordinal")
    return None


def _plain(text: str, s: int, e: int, value: float, role: str) -> Quantity:
    return Quantity(s, e, text[s:e], value, value, value, "exact", "other", None, role=role)


def _role_of_digits(text: str, r: _Read, words: list[str]) -> str:
    """Year, date, time or list number for a bare digit numeral; else "quantity"."""
    raw = text[r.start : r.end]
    if r.kind != "count" or r.qualifier != "exact" or r.scaled or r.value != int(r.value):
        return "quantity"
    v = int(r.value)
    after = text[r.end : r.end + 1]
    if 1 <= v <= 31 and (
        _month_before(text, r.start)
        or (after in _MONTH_AFTER_START and _MONTH_AFTER.match(text, r.end))
    ):
        return "date"
    if v <= 12 and _AMPM.match(text, r.end):
        return "time_of_day"
    year_context = bool(words) and words[-1] in U.YEAR_CONTEXT_BEFORE
    if len(raw) == 4 and raw.isdigit() and (1900 <= v <= 2100 or 1000 <= v < 1900 and year_context):
        return "year"
    if len(raw) <= 2 and raw.isdigit() and _LIST_AFTER.match(text, r.end):
        head = text[max(0, r.start - 12) : r.start]  # only blanks may precede it on its line
        if not head.rsplit("\n", 1)[-1].strip() and ("\n" in head or r.start <= 12):
            return "list_number"
    return "quantity"


def _to_quantity(text: str, r: _Read) -> Quantity:
    if r.role != "quantity":
        return _plain(text, r.start, r.end, r.value, r.role)
    return Quantity(  # positional, in the field order of factcheck.models.Quantity
        r.start,
        r.end,
        text[r.start : r.end],
        r.value,
        r.low,
        r.high,
        r.qualifier,
        r.kind,
        r.unit,
        r.role,
        r.precision,
        r.low_inclusive,
        r.high_inclusive,
        r.conversion,
    )


_FRACTION_OF_SCALE = re.compile(
    r"[ \t]+(?:of[ \t]+)?an?[ \t]+(million|billion|trillion|thousand|hundred|dozen)\b", re.I
)
_OF_AFTER = re.compile(r"[ \t]+of\b", re.I)
# "a third term" is an ordinal, "a third of", "by a third to" and "a third." fractions
_ORDINAL_NOUN_AFTER = re.compile(
    r"[ \t-]+(?!(?:of|to|than|and|or|in|on|from|since|over|last|this|a|an|the)\b)[a-z]", re.I
)
_VAGUE_NEEDS_OF = re.compile(r"[ \t]+of\b", re.I)
_VAGUE_BEFORE_WORD = re.compile(r"[ \t]+(?:of\b|more\b|upon\b|[a-z]+)", re.I)
_NEGATORS = frozenset({"minus", "negative"})
_NEIGHBOUR_GAP = 60  # widest gap a range, ratio, bound pair or conversion spans


def _vague(text: str, a: _Atom) -> Quantity | None:
    """ "hundreds of", "tens of thousands", "several hundred": a vague interval.

    "scores", "dozens", "a couple" and "a handful" count only before "of" ("He
    scores", "a couple" of people are not amounts); "thousands" needs "of" or a
    word after it ("thousands fled").
    """
    raw = text[a.start : a.end]
    key = " ".join(raw.lower().split())
    if key in U.VAGUE_WORDS:
        low, high = U.VAGUE_WORDS[key]
        needs_of = key in ("scores", "dozens", "a couple", "a handful")
        follow = _VAGUE_NEEDS_OF if needs_of else _VAGUE_BEFORE_WORD
        if not follow.match(text, a.end):
            return None
    else:
        scale = _VAGUE_SCALES.get(key.split()[-1])
        if scale is None:
            return None
        low, high = 2 * scale, (12 if scale == 12 else 10) * scale - 1
    return Quantity(a.start, a.end, raw, low, low, high, "vague", "count", None)


def _word_fraction(text: str, a: _Atom, r: _Read) -> str:
    """Read a fraction word: "fraction", "ordinal" ("a third term") or "none".

    "a third of" is a fraction but "a third term" an ordinal; plural fractions and
    those after a cardinal ("one fifth") are fractions; a bare "half"/"quarter" is
    one unless it names a period ("the first half", "third quarter", "half-time").
    Anything else in words is a cardinal: "cardinal".
    """
    words = text[a.start : a.end].lower().split()
    last = words[-1].split("-")[-1]
    if last not in FRACTIONS:
        return "cardinal"
    m = _FRACTION_OF_SCALE.match(text, r.end)
    if m and r.kind == "count":
        unit = m.group(1).lower()
        scale = 12.0 if unit == "dozen" else _SCALE_LOOKUP[unit]
        r.value *= scale
        r.scale, r.scaled, r.end = scale, True, m.end()
        _unit_after(text, r)
        return "fraction"
    if len(words) == 1:
        before = _left_words(text, a.start)
        if before and (before[-1] in _NOT_BARE_FRACTION_BEFORE or before[-1] in ORDINALS):
            return "none"
        if text[a.end : a.end + 1] == "-" or (
            last == "quarter" and not _OF_AFTER.match(text, a.end)
        ):
            return "none"
    elif (
        words[0] in ("a", "an")
        and last not in ("half", "quarter")
        and _ORDINAL_NOUN_AFTER.match(text, r.end)
    ):
        return "ordinal"
    if r.kind == "count" and r.value < 1:
        r.kind, r.unit = "ratio", "fraction"
    return "fraction"


def _inherit_scale(a: _Read, b: _Read) -> None:
    """ "2.5 to 3 million", "$50-60 million": the scale written once applies to both."""
    if not a.scaled and b.scaled and a.value <= b.value / b.scale:
        a.value *= b.scale
        a.scale, a.scaled = b.scale, True


def _compatible(a: _Read, b: _Read) -> bool:
    """Make a range's two ends share unit and scale; False if they cannot."""
    if a.kind == "count" and b.kind != "count":
        _inherit_scale(a, b)
        a.kind, a.unit, a.dimension, a.days = b.kind, b.unit, b.dimension, b.days
        return True
    if b.kind == "count":  # "$50-60 million", "aged 20 to 30"
        _inherit_scale(a, b)
        b.kind, b.unit, b.dimension, b.days = a.kind, a.unit, a.dimension, a.days
        return True
    if a.kind != b.kind:
        return a.kind == "age" and b.kind == "duration" and _compatible_durations(a, b)
    if a.unit == b.unit:
        _inherit_scale(a, b)
        return True
    return a.kind in ("age", "duration") and _compatible_durations(a, b)


def _compatible_durations(a: _Read, b: _Read) -> bool:
    """Put two durations on the finer unit ("10 days to four years" -> days)."""
    if a.days is None or b.days is None:
        return False
    fine = a if a.days <= b.days else b
    for r in (a, b):
        if r is not fine:
            r.value = r.value * r.days / fine.days  # type: ignore[operator]
            r.unit, r.days = fine.unit, fine.days
    b.kind = a.kind
    return True


def _next_read(text: str, b: _Atom, sign: bool) -> _Read | None:
    if b.kind not in ("digits", "words"):
        return None
    return _read(text, b.start, b.end, b.value, digits=b.kind == "digits", sign=sign)


def _try_range(text: str, r: _Read, b: _Atom, words: list[str]) -> bool:
    """Join ``r`` and the next numeral into a range ("X to Y", "between X and Y", "X-Y").

    Word connectors ("to", "and") allow a sign on the second figure and either
    order ("from -18 to -34 °C"); a dash needs X < Y ("3-1" is a score). "or"
    joins bare figures only ("two or three"), "and" only after "between".
    """
    if r.qualifier == "at_most":
        return False
    m = _RANGE_CONN.match(text, r.end)
    if not m:
        return False
    conn = m.group(1).lower()
    if conn == "and" and "between" not in words[-3:]:
        return False
    if conn == "or" and (r.kind != "count" or r.scaled):
        return False
    word_conn = conn.isalpha()
    rb = _next_read(text, b, sign=word_conn)
    if rb is None or rb.start != m.end() or _looks_like_year_pair(text, r, rb):
        return False
    if conn == "to" and _after_change_word(words):
        if r.kind == "count" and rb.kind != "count":  # "rose from 5 to 10 percent"
            _compatible(r, rb)
        return False
    if not _compatible(r, rb):
        return False
    low, high = r.value, rb.value
    if word_conn and low > high:
        low, high = high, low
    if not low < high:
        return False
    r.value, r.low, r.high = low, low, high
    r.qualifier, r.end = "range", rb.end
    r.low_inclusive = r.high_inclusive = True
    return True


def _after_change_word(words: list[str]) -> bool:
    """Is the figure the size of a change ("rose by 3.5 billion", "fell from 9")?"""
    for word in reversed(words[-3:]):
        if word in U.CHANGE_WORDS:
            return True
        if word not in ("from", "about", "around", "some", "nearly", "almost", "a", "an"):
            return False
    return False


def _try_bounds(text: str, r: _Read, b: _Atom) -> bool:
    """ "more than 10 and less than 40", "at most 100 and at least 20": one interval."""
    if r.qualifier not in ("at_least", "at_most"):
        return False
    rb = _next_read(text, b, sign=True)
    if rb is None:
        return False
    m = _BOUNDS_CONN.match(text[r.end : rb.start] + " ")
    if not m:
        return False
    qual, inclusive, _ = _qualifier_before(_LEFT_TOKEN.findall(m.group(1).lower()))
    if qual not in ("at_least", "at_most") or qual == r.qualifier or not _compatible(r, rb):
        return False
    lower, upper = (r, rb) if r.qualifier == "at_least" else (rb, r)
    lower_inc = r.inclusive if lower is r else inclusive
    upper_inc = r.inclusive if upper is r else inclusive
    if not lower.value < upper.value:
        return False
    r.low, r.high, r.low_inclusive, r.high_inclusive = (
        lower.value,
        upper.value,
        lower_inc,
        upper_inc,
    )
    r.value, r.qualifier, r.end = lower.value, "range", rb.end
    return True


def _looks_like_year_pair(text: str, a: _Read, b: _Read) -> bool:
    """ "2011-2013", "2012/13", "between 2011 and 2013": years, not a range of counts."""
    ra, rb = text[a.start : a.end], text[b.start : b.end]
    return (
        a.kind == b.kind == "count"
        and len(ra) == 4
        and ra.isdigit()
        and 1000 <= a.value <= 2100
        and rb.isdigit()
        and (len(rb) == 4 and 1000 <= b.value <= 2100 or len(rb) == 2)
    )


def _try_ratio(text: str, r: _Read, b: _Atom) -> bool:
    """ "118 boys per 100 girls", "1 in 5": the next numeral is the ratio's base."""
    if r.kind != "count" or b.kind not in ("digits", "words"):
        return False
    m = _RATIO.match(text, r.end)
    if not m or m.end() != b.start:
        return False
    if m.group(1) and not b.value > 0:
        return False
    conn = " ".join((m.group(2) or "").lower().split())
    if conn == "in":
        raw = text[b.start : b.end]
        if m.start(2) != r.end + 1 or not b.value > r.value or (len(raw) == 4 and raw.isdigit()):
            return False
    if _MONTH_AFTER.match(text, b.end) or _DURATION.match(text, b.end):
        return False
    base = b.value
    r.kind, r.unit = "ratio", "per " + (f"{base:,.0f}" if base == int(base) else f"{base:g}")
    return True


def _try_conversion(text: str, r: _Read, c: _Atom) -> bool:
    """ "70,000 yuan ($11,300)", "2,736 yuan, or 415 U.S. dollars": attach the second amount."""
    if r.kind not in ("money", "measure"):
        return False
    m = _CONVERSION.match(text, r.end)
    if not m or m.end() > c.start:
        return False
    rc = _next_read(text, c, sign=True)
    if rc is None or rc.start != m.end() or rc.kind != r.kind or rc.unit in (r.unit, None):
        return False
    if ("(" in m.group(0) or "[" in m.group(0)) and not _CLOSE.match(text, rc.end):
        return False
    r.conversion = Conversion(rc.value, rc.unit, text[rc.start : rc.end], rc.start, rc.end)
    return True


def _reject_identifier(text: str, r: _Read, a: _Atom) -> bool:
    """A numeral glued to letters it does not mean ("06F6", "5G", "3D") is not a number."""
    return (
        r.end == a.end
        and a.kind == "digits"
        and r.end < len(text)
        and (text[r.end].isalpha() or text[r.end] == "_")
    )


def _clock(text: str, r: _Read, a: _Atom) -> re.Match[str] | None:
    """ "6pm", "10.30 a.m.": an hour (with minutes after a dot) then am/pm."""
    if r.end != a.end or r.kind != "count" or not 0 <= r.value < 13:
        return None
    raw = text[a.start : a.end]
    if not _CLOCK_FIGURE.fullmatch(raw):
        return None
    return _AMPM.match(text, r.end)


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text``, in order, with exact spans; see the module docstring."""
    if not isinstance(text, str) or not text:
        return []
    atoms = _atoms(text)
    out: list[Quantity] = []
    i, n = 0, len(atoms)
    while i < n:
        a = atoms[i]
        i += 1
        if out and a.start < out[-1].end:
            continue
        fixed = _fixed_role(text, a)
        if fixed is not None:
            out.append(fixed)
            continue
        if a.kind == "vague":
            vague = _vague(text, a)
            if vague is not None:
                out.append(vague)
            continue
        if a.kind == "words" and _is_pronoun_one(text, a):
            continue
        read = _read_atom(text, a, atoms, i, out[-1].end if out else 0)
        if read is None:
            continue
        quantity, i = read
        out.append(quantity)
    return out


def _read_atom(
    text: str, a: _Atom, atoms: list[_Atom], i: int, floor: int
) -> tuple[Quantity, int] | None:
    """Read one numeral with its neighbours; return it and the index of the next atom."""
    r = _read(text, a.start, a.end, a.value, digits=a.kind == "digits", sign=True, floor=floor)
    if not math.isfinite(r.value):
        return None  # a scale on a huge numeral overflowed
    if a.kind == "digits":
        after = text[r.end : r.end + 1]
        decade = _DECADE.match(text, r.end) if r.end == a.end and after in ("s", "'") else None
        clock = _clock(text, r, a) if after in _CLOCK_START else None
        if decade and len(text[a.start : a.end]) == 4 and text[a.end - 1] == "0":
            r.end, r.role = decade.end(), "year"
        elif clock:
            return _plain(text, r.start, clock.end(), r.value, "time_of_day"), _skip(
                atoms, i, clock.end()
            )
        elif _reject_identifier(text, r, a):
            return None
    if a.kind == "words":
        fraction = _word_fraction(text, a, r)
        if fraction == "none":
            return None
        if fraction == "ordinal":  # "a third term": value 3
            place = float(ORDINALS[text[a.start : a.end].lower().split()[-1]])
            return _plain(text, r.start, r.end, place, "ordinal"), _skip(atoms, i, r.end)
    words = _apply_left(text, r)
    if (
        words
        and words[-1] in U.LABEL_WORDS
        and r.kind == "count"
        and r.qualifier == "exact"
        and r.value == int(r.value)
        and text[r.end : r.end + 1] not in ("-", "–")
    ):
        return None  # "Article 5", "Flight 370": a label
    if words and words[-1] in _NEGATORS and r.value > 0:
        r.value = -r.value
    if r.role == "quantity" and a.kind == "digits" and r.kind == "count":
        r.role = _role_of_digits(text, r, words)
        tail = _TAILS.get(r.role)
        more = tail.match(text, r.end) if tail else None
        if more:  # "2009-10", "2012/13"; "April 8 to 20"
            r.end = more.end()
    if (
        r.role == "quantity"
        and r.kind == "count"
        and r.qualifier == "exact"
        and 1 <= r.value <= 120
        and r.value == int(r.value)
        and text[max(0, r.start - 2) : r.start] == ", "
        and _AGE_COMMA_BEFORE.search(text, max(0, r.start - 40), r.start)
        and _AGE_COMMA_AFTER.match(text, r.end)
    ):
        r.kind, r.unit = "age", "year"
    j = _skip(atoms, i, r.end)
    if j < len(atoms) and atoms[j].start - r.end > _NEIGHBOUR_GAP:
        _finish(r)  # the next numeral is too far away to be part of this one
        return _to_quantity(text, r), j
    if (
        j < len(atoms)
        and r.role == "quantity"
        and (_try_range(text, r, atoms[j], words) or _try_bounds(text, r, atoms[j]))
    ):
        j = _skip(atoms, j + 1, r.end)
    if j < len(atoms) and r.role == "quantity" and _try_ratio(text, r, atoms[j]):
        j += 1
    if j < len(atoms) and r.role == "quantity" and _try_conversion(text, r, atoms[j]):
        j = _skip(atoms, j + 1, r.conversion.end)  # type: ignore[union-attr]
    _finish(r)
    return _to_quantity(text, r), j


def _skip(atoms: list[_Atom], i: int, pos: int) -> int:
    """Index of the first atom at or after ``i`` that starts at or after ``pos``."""
    while i < len(atoms) and atoms[i].start < pos:
        i += 1
    return i
