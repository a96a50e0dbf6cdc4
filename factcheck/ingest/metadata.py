"""Title, outlet and published date, where the article's own text states them.

Saved articles have no structured header, so these are read off the first
lines of the body with a few generic patterns: a dateline ("[05 March 2014]",
"2016-01-24 10:39", "3 July 2013", "March 5, 2014"), an outlet named in a
dateline or a print-edition / syndication note. Nothing is guessed: a field the
text does not state is ``None``. Pure text in, values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .body import article_regions

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    # 2016-01-24 10:39 / 2016-01-24T10:39:00
    re.compile(
        r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>0?[1-9]|1[0-2])-(?P<day>[0-3]?\d)"
        r"(?:[ T](?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d))?"
    ),
    # 05 March 2014 / 3 July 2013
    re.compile(rf"\b(?P<day>[0-3]?\d)\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    # March 5, 2014
    re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d),?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
]
# The outlet is named by a dateline or an imprint, never by "X reported" (that cites another).
_OUTLET_PATTERNS = [
    re.compile(
        r"appeared in (?:the )?(?P<outlet>[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*)*?) print edition"
    ),
    re.compile(
        r"(?:first )?published (?:by|in) (?:the )?(?P<outlet>[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*)*)"
    ),
    re.compile(r"reports are hosted by (?P<outlet>[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*)*)"),
    re.compile(r"^\s*\(?(?P<outlet>Reuters|AP|AFP|Xinhua|Bloomberg|UPI)\)?\s*[-—–]", re.MULTILINE),
]
_DATELINE_OUTLET = re.compile(r"^\s*(?P<outlet>[A-Z][A-Za-z&'.-]+(?: [A-Z][A-Za-z&'.-]+){0,3})")
HEADER_LINES = 6  # a dateline sits among the first lines of the body


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    title: str | None
    outlet: str | None
    published: str | None  # ISO date, or ISO datetime to the minute


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
    try:
        day = date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None
    if groups.get("hour"):
        return datetime(
            day.year, day.month, day.day, int(groups["hour"]), int(groups["minute"])
        ).isoformat(timespec="minutes")
    return day.isoformat()


def _header(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The first non-empty body lines with their offsets."""
    lines: list[tuple[int, str]] = []
    for start, end in regions:
        offset = start
        for line in text[start:end].split("\n"):
            if line.strip():
                lines.append((offset, line))
            offset += len(line) + 1
            if len(lines) >= HEADER_LINES:
                return lines
    return lines


def read_metadata(text: str, regions: list[tuple[int, int]] | None = None) -> ArticleMeta:
    """Title, outlet and published date of an article, ``None`` where not stated."""
    if regions is None:
        regions = article_regions(text)
    header = _header(text, regions)
    title = header[0][1].strip() if header else None
    published = outlet = None
    for _, line in header[1:] if len(header) > 1 else header:
        for pattern in _DATE_PATTERNS:
            m = pattern.search(line)
            if m and (iso := _iso(m)):
                published = iso
                # "2016-01-24 10:39Xinhua Editor: ..." names the outlet right after the date
                rest = _DATELINE_OUTLET.match(line[m.end() :])
                if rest and len(line[m.end() :].strip()) < 60:
                    outlet = rest.group("outlet").removesuffix(" Editor")
                break
        if published:
            break
    if outlet is None:
        body = "".join(text[s:e] + "\n" for s, e in regions)
        for pattern in _OUTLET_PATTERNS:
            m = pattern.search(body)
            if m:
                outlet = m.group("outlet").strip()
                break
    return ArticleMeta(title=title, outlet=outlet, published=published)
