"""Parse the numeral itself: digits, number words, fractions and scales.

Number words go through text2num (``text_to_num.text2num``), measured against
number-parser on the phrases news text uses ("fourteen", "twenty-five", "three
hundred and forty two", "two thousand and two hundred", "nought"):

- both parse the plain cardinals identically;
- text2num takes ~1 µs a phrase, number-parser ~2.8 ms (it re-tokenises and
  builds its tables per call), a 3000x gap that would cost the extractor its
  throughput target;
- text2num knows "nought" (number-parser does not) but stops below "trillion"
  (number-parser reads it); neither knows "a dozen", "half", "a third", "a
  hundred" or "naught", and both reject two numbers in a row ("one two").

So text2num does the cardinals and a small hand table covers only what it
misses: "a"/"an" as one, dozen, fractions (half, third, quarter... and their
plurals), "trillion", "naught", and splitting a run of words into the longest
phrases it accepts. Digits (ASCII only) are parsed by hand: English grouping only
("1,094", "1,500,000"); a dot is a decimal point unless every group after it
has three digits and there are at least two of them ("1.500.000" is the
European way of writing 1,500,000, whereas "1.500" stays 1.5).

Every function here is pure and total: bad input returns ``None`` (or an empty
list), never an exception.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from text_to_num import text2num

CARDINALS: tuple[str, ...] = tuple(
    [
        "zero",
        "nought",
        "naught",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
    ]
)
"""Words text2num combines into a cardinal (plus "trillion", handled here)."""

FRACTIONS: dict[str, float] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
    "hundredth": 100,
    "hundredths": 100,
    "thousandth": 1000,
    "thousandths": 1000,
}
"""Fraction word -> denominator ("two thirds" = 2/3)."""

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
}

UNICODE_FRACTIONS: dict[str, float] = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅖": 0.4,
    "⅗": 0.6,
    "⅘": 0.8,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}

_GROUP_SPACES = "\u00a0\u2009\u202f"
_SPACE_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+(?:\.\d+)?", re.ASCII)
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}", re.ASCII)
_COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", re.ASCII)
_PLAIN = re.compile(r"\d*\.?\d+(?:[eE][-+]?\d+)?", re.ASCII)
_FRACTION = re.compile(r"(?:(\d+)[\s\-]+)?(\d+)\s*/\s*(\d+)", re.ASCII)
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS + "⁻⁺−", "0123456789-+-")
# "2.48×10−5", "5.5x10-3", "3 × 10^8", "8x2^10", "10^6", "2**10", "10⁶", "1.5×10⁻³". A
# bare sign before the exponent needs a mantissa and base 10 ("10-5" is a range).
POWER = re.compile(
    r"(?:(?P<m>\d*\.?\d+)[ \t]?[×xX*·⋅][ \t]?)?(?P<b>\d+)"
    r"(?:(?:\^|\*\*)(?P<e1>[-−+]?\d{1,3})"
    r"|(?<=10)(?P<e2>[-−]\d{1,3})"
    rf"|(?<=10)(?P<e3>[⁻⁺]?[{_SUPERSCRIPT_DIGITS}]{{1,3}}))(?!\d)"
)
_TOKEN = re.compile(r"[a-z]+")
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def parse_digits(text: str) -> float | None:
    """Value of a digit numeral as written in English text, or None.

    Accepts "1,094", "13.5", ".08", "4.800", "1e10", "1.500.000" (dot-grouped),
    "1 234 567" and "10 000" (spaces, narrow or no-break), "3/4", "2 1/2", "½", "2½", and powers
    ("2.48×10−5", "5.5x10-3", "3 × 10^8", "2^10", "10⁶"; see ``POWER``).
    """
    s = text.strip()
    ascii_only = s.isascii()
    if ascii_only and s.isdigit():
        return _finite(float(s))
    if not s:
        return None
    if not ascii_only:  # narrow and no-break spaces, Unicode fractions
        for ch in _GROUP_SPACES:
            s = s.replace(ch, "")
    if " " in s and _SPACE_GROUPED.fullmatch(s):
        s = s.replace(" ", "")
    if not ascii_only and s[-1] in UNICODE_FRACTIONS:
        whole = s[:-1].strip()
        base = parse_digits(whole) if whole else 0.0
        return None if base is None else base + UNICODE_FRACTIONS[s[-1]]
    if "." in s and _DOT_GROUPED.fullmatch(s):
        return _finite(float(s.replace(".", "")))
    if "," in s and _COMMA_GROUPED.fullmatch(s):
        return _finite(float(s.replace(",", "")))
    if _PLAIN.fullmatch(s):
        try:
            return _finite(float(s))
        except (ValueError, OverflowError):
            return None
    m = _FRACTION.fullmatch(s)
    if m:
        whole, num, den = m.groups()
        if int(den) == 0:
            return None
        return (int(whole) if whole else 0) + int(num) / int(den)
    m = POWER.fullmatch(s)
    if m and (m.group("e1") or m.group("e3") or m.group("m")):
        return parse_power(m)
    return None


def parse_power(m: re.Match[str]) -> float | None:
    """Value of a ``POWER`` match: mantissa × base ^ exponent (None when it overflows)."""
    exponent = int((m.group("e1") or m.group("e2") or m.group("e3")).translate(_FROM_SUPERSCRIPT))
    mantissa = m.group("m") or "1"
    try:
        if m.group("b") == "10":  # exact decimal: 2.48×10−5 is 2.48e-05, not 2.4800000000000003e-05
            return _finite(float(f"{mantissa}e{exponent}"))
        return _finite(float(mantissa) * float(m.group("b")) ** exponent)
    except (OverflowError, ZeroDivisionError):
        return None


def _finite(value: float) -> float | None:
    """None for a numeral too long to be a number ("1" * 400 overflows to inf)."""
    return value if math.isfinite(value) else None


@lru_cache(maxsize=4096)
def _cardinal(words: tuple[str, ...]) -> float | None:
    """text2num on a run of cardinal words, with "trillion" split off by hand."""
    if not words:
        return None
    if "trillion" in words:
        i = words.index("trillion")
        head = _cardinal(words[:i]) if i else 1.0
        tail = (
            _cardinal(tuple(w for w in words[i + 1 :] if w != "and")) if i + 1 < len(words) else 0
        )
        if head is None or tail is None:
            return None
        return head * 1e12 + tail
    phrase = " ".join("nought" if w == "naught" else w for w in words)
    try:
        return float(text2num(phrase, "en"))
    except (ValueError, TypeError, IndexError, KeyError):
        return None


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


MAX_PHRASE_WORDS = 16
"""Longest run of words read as one number: keeps a long list of number words linear."""


def split_cardinals(words: list[str]) -> list[tuple[int, int, float]]:
    """Split a run of number words into the longest phrases text2num accepts.

    Returns (first word index, end word index, value) for each phrase, so "one
    two" gives two numbers and "twenty one trillion and three hundred" one. A
    trailing "and" is never part of a phrase.
    """
    out: list[tuple[int, int, float]] = []
    i, n = 0, len(words)
    while i < n:
        if words[i] == "and":
            i += 1
            continue
        found = None
        for j in range(min(n, i + MAX_PHRASE_WORDS), i, -1):
            if words[j - 1] == "and":
                continue
            value = _cardinal(tuple(words[i:j]))
            if value is not None:
                found = (i, j, value)
                break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found[1]
    return out


@lru_cache(maxsize=4096)  # the same few phrases ("one", "two", "a dozen") recur everywhere
def parse_words(text: str) -> float | None:
    """Value of a number written in words, or None when it is not one number.

    Handles cardinals ("three hundred and forty two", "twenty-one trillion"),
    "a"/"an" for one ("a dozen", "a hundred"), dozens ("three dozen" = 36),
    fractions ("half", "a third", "two thirds", "one and a half",
    "three quarters"), and "point" decimals ("five point five").
    """
    words = _tokens(text)
    if len(words) < 2 and words in ([], ["a"], ["an"], ["dozens"]):
        return None
    if words[0] in ("a", "an"):
        words = ["one", *words[1:]]
    if "point" in words:
        i = words.index("point")
        whole = parse_words(" ".join(words[:i])) if i else 0.0
        digits = [_cardinal((w,)) for w in words[i + 1 :]]
        if whole is None or not digits:
            return None
        if any(d is None or d > 9 for d in digits):  # "point seventy-one" = .71
            tail = _cardinal(tuple(words[i + 1 :]))
            return None if tail is None else whole + float(f"0.{int(tail)}")
        return whole + float("0." + "".join(str(int(d)) for d in digits if d is not None))
    # "one and a half", "three and three quarters": whole part + fraction part.
    if "and" in words and words[-1] in FRACTIONS:
        i = len(words) - 1 - words[::-1].index("and")
        whole, frac = parse_words(" ".join(words[:i])), parse_words(" ".join(words[i + 1 :]))
        if whole is not None and frac is not None and frac < 1:
            # "two million and a half" is 2.5 million, "three and a half" 3.5.
            scale = _SCALES.get(words[i - 1], 1.0)
            return whole + frac * scale
    last = words[-1]
    if last in ("dozen", "dozens"):
        head = _cardinal(tuple(words[:-1])) if len(words) > 1 else 1.0
        return None if head is None else head * 12
    if last in FRACTIONS:
        den = FRACTIONS[last]
        if len(words) == 1:
            return 1 / den if last in ("half", "quarter") else None
        head = _cardinal(tuple(words[:-1]))
        return None if head is None else head / den
    return _cardinal(tuple(words))


def parse_number(text: str) -> float | None:
    """Value of a numeral written in digits or words ("1,094", "fourteen"), or None."""
    s = text.strip()
    if not s:
        return None
    if s[0].isdigit() or s[0] in ".½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞":
        return parse_digits(s)
    return parse_words(s)
