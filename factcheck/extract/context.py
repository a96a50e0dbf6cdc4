"""Time and place context of a sentence: what a claim is about, besides its number.

The matcher links reports of one event through shared dates and places, and keeps
standing facts apart by place and period, so every claim carries the years, dates,
relative times (resolved against the article's published date when it is known)
and place names of its sentence. Pure functions over strings and offsets.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path

from factcheck.extract.lemmas import all_lemmas
from factcheck.extract.lexicon import words
from factcheck.models import Quantity

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:tember|t)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY_RE = r"([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"((?:1[89]|20)\d\d)"
# (pattern, (month, day, year) groups, whether the month is written as a name)
_DATE_PATTERNS = (
    # "February 19", "Nov. 1, 2015": month, day, year
    (re.compile(rf"\b{_MONTH_RE}\.?\s+{_DAY_RE}\b(?:,?\s+{_YEAR_RE}\b)?"), (1, 2, 3), True),
    # "3 July 2013", "05 March 2014": day, month, year
    (re.compile(rf"\b{_DAY_RE}\s+{_MONTH_RE}\b\.?(?:,?\s+{_YEAR_RE}\b)?"), (2, 1, 3), True),
    # "March 2014": month and year only
    (re.compile(rf"\b{_MONTH_RE}\.?,?\s+{_YEAR_RE}\b"), (1, None, 2), True),
    # ISO "2016-01-24"
    (re.compile(rf"\b{_YEAR_RE}-(0[1-9]|1[0-2])-([0-2]\d|3[01])\b"), (2, 3, 1), False),
)

# A date with a month's name holds that name as a whole word, an ISO date holds
# "2016-01-": two cheap searches (the month names open with a capital, so the regex
# engine skips from capital to capital; a hyphen test) tell which patterns can match,
# and most sentences need none. "Market", "Many" or "Sunday" are no hint.
_MONTH_HINT = re.compile(rf"{_MONTH_RE}\b")
_ISO_HINT = re.compile(r"\d-\d\d-")
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# Written in lower case: it is matched case-blind, or (on ASCII text, where that is the
# same and twice as fast) as it is on the lower-cased text. It opens with "no word
# character before", not "\b": every branch starts with a word character, so the two
# agree, and the regex engine rejects most positions sooner (a third faster).
_RELATIVE_SOURCE = (
    r"(?<!\w)(?:(?P<day>yesterday|today|tonight)"
    r"|(?:(?P<mod>earlier|later|late|early)\s+)?(?P<which>last|this|next)\s+(?P<unit>week|month|year)"
    r"|(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<agounit>day|week|month|year)s?\s+ago"
    r"|(?:(?P<wlast>last)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"
)
_RELATIVE_RE = re.compile(_RELATIVE_SOURCE, re.IGNORECASE)
_RELATIVE_LOWER_RE = re.compile(_RELATIVE_SOURCE)


# Every relative expression contains one of these; most sentences contain none. They
# are looked for in the lower-cased sentence (a case-blind regex search is several
# times slower than lower() and plain substring tests); the three letters that the
# case-blind expression equates with "i" or "s" but lower() does not send there are
# tested apart, and only in non-ASCII sentences, the only ones that can hold them.
_RELATIVE_HINTS = ("day", "tonight", "last", "this", "next", "ago")
_CASE_BLIND_ODDITIES = re.compile("[\u0130\u0131\u017f]")  # İ ı ſ


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _folded(word: str) -> str:
    """``word`` lower-cased as the case-blind pattern read it: there "İ" and "ı" are "i"
    and "ſ" is "s", which lower() alone does not give ("LAſT WEEK" must not raise)."""
    return word.lower().replace("i\u0307", "i").replace("\u0131", "i").replace("\u017f", "s")


def _resolve_relative(match: re.Match[str], published: dt.date) -> str:
    """ISO date, ISO week, year-month or year that a relative expression points at."""
    groups = {name: _folded(value) for name, value in match.groupdict().items() if value}
    if "day" in groups:
        offset = {"yesterday": -1}.get(groups["day"], 0)
        return (published + dt.timedelta(days=offset)).isoformat()
    if "weekday" in groups:
        # News reports past events: the latest such weekday on or before publication.
        back = (published.weekday() - _WEEKDAYS[groups["weekday"]]) % 7
        if "wlast" in groups and back == 0:
            back = 7
        return (published - dt.timedelta(days=back)).isoformat()
    if "agounit" in groups:
        count = groups["count"]
        n = int(count) if count.isdigit() else _COUNT_WORDS[count]
        unit = groups["agounit"]
        if unit in ("day", "week"):
            days = n * (7 if unit == "week" else 1)
            return (published - dt.timedelta(days=days)).isoformat()
        if unit == "month":
            year, month = _month_shift(published.year, published.month, -n)
            return f"{year:04d}-{month:02d}"
        return f"{published.year - n:04d}"
    delta = {"last": -1, "this": 0, "next": 1}[groups["which"]]
    unit = groups["unit"]
    if unit == "year":
        return f"{published.year + delta:04d}"
    if unit == "month":
        year, month = _month_shift(published.year, published.month, delta)
        return f"{year:04d}-{month:02d}"
    iso_year, week, _ = (published + dt.timedelta(weeks=delta)).isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def relative_times(
    sentence: str, offset: int, published: dt.date | None
) -> list[dict[str, object]]:
    """Relative time expressions in ``sentence`` ("last month", "on Thursday").

    Each is ``{"text", "start", "end", "value"}`` with offsets shifted by ``offset``
    (the sentence's start in the article) and ``value`` the resolved ISO date,
    ISO week ("2014-W09"), year-month or year, or ``None`` without a published date.
    """
    found: list[dict[str, object]] = []
    lowered = sentence.lower()
    ascii_only = sentence.isascii()
    if not (
        any(map(lowered.__contains__, _RELATIVE_HINTS))
        or (not ascii_only and _CASE_BLIND_ODDITIES.search(sentence))
    ):
        return found
    if ascii_only:  # lower() keeps every offset
        matches = _RELATIVE_LOWER_RE.finditer(lowered)
    else:
        matches = _RELATIVE_RE.finditer(sentence)
    for match in matches:
        weekday_at = match.start("weekday")
        if weekday_at >= 0 and not sentence[weekday_at].isupper():
            continue
        value = None
        if published is not None:
            try:
                value = _resolve_relative(match, published)
            except (OverflowError, ValueError):  # beyond the calendar (year 1 or 9999)
                value = None
        found.append(
            {
                "text": sentence[match.start() : match.end()],
                "start": offset + match.start(),
                "end": offset + match.end(),
                "value": value,
            }
        )
    return found


def _guess_year(month: int, day: int, published: dt.date | None, years: list[int]) -> int | None:
    """Year of a date written without one: the sentence's only year, else the latest
    such date not more than a week after publication."""
    if len(years) == 1:
        return years[0]
    if published is None:
        return None
    year = published.year
    try:
        if dt.date(year, month, day) > published + dt.timedelta(days=7):
            year -= 1
    except (OverflowError, ValueError):  # February 29 of a common year; year 9999
        return None
    return year


def dates_in(sentence: str, published: dt.date | None, years: list[int]) -> list[str]:
    """Calendar dates named in ``sentence`` as ISO strings, most precise first.

    A full date gives "2014-02-19", a month and year "2014-03", a day and month whose
    year cannot be told "--02-19". Years alone are reported by ``years_in``.
    """
    found: list[str] = []
    month_hint = _MONTH_HINT.search(sentence)
    iso_hint = "-" in sentence and _ISO_HINT.search(sentence)
    if not (month_hint or iso_hint):
        return found
    taken: list[tuple[int, int]] = []
    for pattern, (month_group, day_group, year_group), named in _DATE_PATTERNS:
        if not (month_hint if named else iso_hint):
            continue
        # A match that opens with the month's name cannot start before the first hint.
        first = month_hint.start() if named and month_group == 1 else 0
        for match in pattern.finditer(sentence, first):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            month_text = match.group(month_group).lower().rstrip(".")
            month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
            year_text = match.group(year_group)
            day = int(match.group(day_group)) if day_group else None
            year = int(year_text) if year_text else None
            if day is None:
                value = f"{year:04d}-{month:02d}"
            else:
                year = year or _guess_year(month, day, published, years)
                value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
            taken.append((match.start(), match.end()))
            if value not in found:
                found.append(value)
    return found


def years_in(quantities: Iterable[Quantity]) -> list[int]:
    """Years stated by the number parser's ``year`` quantities, in order, no repeats."""
    years: list[int] = []
    for quantity in quantities:
        if quantity.role == "year":
            year = int(quantity.value)
            if year not in years:
                years.append(year)
    return years


@cache
def _gazetteer() -> dict[str, str]:
    path = Path(__file__).with_name("data") / "places.json"
    return json.loads(path.read_text(encoding="utf-8"))


# Runs of capitalised words ("Sichuan", "U.S.", "Yi Autonomous Prefecture of Liangshan").
# A word ends at a full stop unless it is a dotted abbreviation ("U.S.", two or more
# letter-dot pairs), so runs stop at the end of a sentence ("from Lockheed. The US").
# The pattern opens with the capital, not with the look-behind, so that the regex
# engine can jump from capital to capital instead of testing every position.
_RUN_WORD = r"[A-Z](?:\.(?:[A-Z]\.)+|[\w'’-]*)"
_CAPITALISED_RUN = re.compile(
    rf"[A-Z](?<![\w.][A-Z])(?:\.(?:[A-Z]\.)+|[\w'’-]*)(?:\s+(?:of\s+|the\s+)?{_RUN_WORD})*"
)
# Words that mark the capitalised word before them ("Xinxiang City", "Kaduna State") or
# after "of" ("the city of Lyon", "Prefecture of Liangshan") as a place.
_PLACE_KEYWORDS = words("province prefecture county district city region state")
_PLACE_OF_KEYWORDS = _PLACE_KEYWORDS | words("town village")
_MARKER_BEFORE = re.compile(r"(?:\bin|\bfrom|\bnear|\bof)\s$")
_KEYWORD_AFTER = re.compile(r"\s+(?:province|prefecture|county|district|region|state)\b")
_CURRENCY_AFTER = re.compile(r"\s+dollars?\b", re.IGNORECASE)
_NOT_PLACES = frozenset(
    [name.capitalize() for name in _MONTHS]
    + [name.capitalize() for name in _WEEKDAYS]
    + list(
        words(
            "The This That These Those It He She They We Our Its Their His Her A An In On At Of "
            "For From To By With Mr Mrs Ms Dr President Minister Ministry Police Court State City "
            "Province County District Region Prefecture"
        )
    )
)


@cache
def _is_word(name: str) -> bool:
    return bool(all_lemmas(name.lower()))


def _lookup(name: str, gazetteer: dict[str, str]) -> str | None:
    """Canonical place for a capitalised name ("China's", "U.S.", "Boston-based")."""
    name = name.removesuffix("'s")
    found = gazetteer.get(name) or gazetteer.get(name.rstrip("."))
    if found is None and "-" in name:
        found = gazetteer.get(name.split("-", 1)[0])
    return found


@cache
def _multiword_starts() -> frozenset[str]:
    """First words of the gazetteer's multi-word names: only these open an n-gram look-up."""
    return frozenset(name.split()[0] for name in _gazetteer() if " " in name)


def _headline_case(word: str) -> str:
    """ "CHINA" -> "China" so that all-caps headlines name places (acronyms are looked up
    as written first: "USA", "UAE")."""
    return word.capitalize() if len(word) > 2 and word.isupper() and "." not in word else word


def _known_names(parts: list[str], gazetteer: dict[str, str]) -> list[str]:
    """Gazetteer names in a run of capitalised words, longest match first."""
    found: list[str] = []
    starts = _multiword_starts()
    i = 0
    while i < len(parts):
        longest = min(4, len(parts) - i) if parts[i] in starts else 1
        for size in range(longest, 0, -1):
            canonical = _lookup(" ".join(parts[i : i + size]), gazetteer)
            if canonical:
                found.append(canonical)
                i += size
                break
        else:
            i += 1
    return found


@lru_cache(maxsize=1 << 16)  # bounded: names are open-ended over a long corpus run
def _run_names(words_of_run: str) -> tuple[list[str], list[str], list[str], bool]:
    """``(words, gazetteer names, words its own keywords mark as places, markable)`` of
    a capitalised run. The same runs ("The", "He", a country) recur in every article,
    so each is read once; callers must not mutate. ``markable`` is false for a
    one-word run that no marker could make a place ("The", "Mr", "McDonald"), so that
    the markers around it need not be searched."""
    gazetteer = _gazetteer()
    if " " in words_of_run:
        parts = words_of_run.split()
        names = _known_names(parts, gazetteer)
        if words_of_run.isupper():  # a headline: "NEW YORK", "USA"
            parts = [_headline_case(part) for part in parts]
            names = _known_names(parts, gazetteer) or names
    else:  # most runs are one word: look it up without the n-gram loop
        parts = [words_of_run]
        canonical = _lookup(words_of_run, gazetteer)
        if canonical is None and words_of_run.isupper():  # "CHINA:"
            canonical = _lookup(_headline_case(words_of_run), gazetteer)
        names = [canonical] if canonical else []
    markable = len(parts) > 1 or _is_place_name(parts[0].rstrip(".,"))
    return parts, names, _marked_inside(parts), markable


def _marked_inside(parts: list[str]) -> list[str]:
    """Words of a run that a place keyword in the run marks: "Zhaotong Prefecture",
    "Prefecture of Liangshan" (the word before the keyword must not be English)."""
    marked: list[str] = []
    for k in range(1, len(parts)):
        if parts[k].lower() in _PLACE_KEYWORDS and not _is_word(parts[k - 1]):
            marked.append(parts[k - 1])
        of_place = parts[k] == "of" and parts[k - 1].lower() in _PLACE_OF_KEYWORDS
        if of_place and k + 1 < len(parts):
            marked.append(parts[k + 1])
    return marked


def place_mentions(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
    """Every place named in ``text[start:end]``: ``(canonical name, offset)`` in order.

    Known names come from the bundled gazetteer (countries and their demonyms,
    regions, US states, Chinese provinces, cities of 100,000+); names the gazetteer
    lacks are taken where the text marks a place ("X province", "the city of X",
    "in X" where X is not an English word). One pass over the capitalised runs does
    both, and offsets let one pass over a paragraph serve each of its sentences.
    """
    end = len(text) if end is None else end
    gazetteer = _gazetteer()
    found: list[tuple[str, int]] = []
    for run in _CAPITALISED_RUN.finditer(text, start, end):
        parts, names, marked_inside, markable = _run_names(run.group().replace("’", "'"))
        if names and _CURRENCY_AFTER.match(text, run.end()):  # "415 U.S. dollars"
            continue
        if names:  # "Mexico City" is known: its "City" marks no second place
            found.extend((name, run.start()) for name in names)
        elif markable and (
            len(parts) > 1
            or _MARKER_BEFORE.search(text, max(0, run.start() - 6), run.start())
            or _KEYWORD_AFTER.match(text, run.end())
        ):
            for name in _marked_places(text, run, parts, marked_inside):
                found.append((gazetteer.get(name, name), text.find(name, run.start())))
    found.sort(key=itemgetter(1))
    return found


def _marked_places(
    text: str, run: re.Match[str], parts: list[str], marked_inside: list[str]
) -> list[str]:
    """Capitalised words of ``run`` that the words in and around it mark as places
    (``marked_inside``: those its own keywords mark, from ``_marked_inside``).

    A word before a place keyword or after "in" must not be an English word
    ("in March", "Autonomous Prefecture"); after "city of" any name is a place.
    """
    start = run.start()
    keyword_after = _KEYWORD_AFTER.match(text, run.end())
    of_before = text.endswith(" of ", 0, start)
    in_before = len(parts) == 1 and text.endswith((" in ", " from ", " near "), 0, start)
    marked = list(marked_inside)
    if keyword_after and not _is_word(parts[-1]):
        marked.append(parts[-1])  # "Zhaotong prefecture"
    if of_before:
        before = text[max(0, start - 16) : start].split()
        if len(before) >= 2 and before[-2].lower() in _PLACE_OF_KEYWORDS:
            marked.append(" ".join(parts[:2]))  # "the city of Lyon", "the state of Tamil Nadu"
    elif in_before and not _is_word(parts[0].rstrip(".,")):
        marked.append(parts[0])  # "in Qardaha"
    return [name for name in (name.rstrip(".,") for name in marked) if _is_place_name(name)]


def _is_place_name(name: str) -> bool:
    """Can a marked name be a place: title-case words of letters, not a common capital
    ("The", "Police", "March")?"""
    return name not in _NOT_PLACES and all(w.isalpha() and w[1:].islower() for w in name.split())


def unique_names(mentions: list[tuple[str, int]]) -> list[str]:
    """Names of ``mentions`` in order of first appearance, without repeats."""
    return list(dict.fromkeys(name for name, _ in mentions))
