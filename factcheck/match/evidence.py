"""What a passage says besides its own figure: the evidence that ties it to one event.

Every sentence yields features (distinctive figures, places, dates, names); a
claim's window is the union over its sentence and the sentences either side, so
"rescued 382 infants ... smashed four rings" ties the four rings to the 382.
Weights encode how much a shared feature says about two passages being one event:
a figure with three significant digits rarely recurs by chance, "6.1" or "12"
recur everywhere, and a province is shared by every event in it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from typing import Any

import numpy as np

from .bulk import looked_up

FIGURE, PLACE, DATE, NAME = "fig", "place", "date", "name"

# places and names seen in more sources than this start to fade as evidence
COMMON_DF = 5
# figures and dates fade only when far more sources repeat them than one story's
# reprints would (in a big registry many events share a date or a two-digit toll)
COMMON_EVENT_DF = 50
WEIGHT_BITS = 20

_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|de|al|bin|van|von))*(?: [A-Z][a-z]+)")
_SINGLE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{3,}\b")
_NOT_NAMES_TEXT = """the this that these those there their they then when where while with from into
    after before about police officials official authorities ministry government state
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday chinese english american
    british european african asian indian russian said says according reported report
    news agency times post daily press reuters associated xinhua afp"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_NAME_WORDS = re.compile(r"[ -]")
_MASK_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def figure_weight(value: float | None) -> float:
    """How distinctive a figure is as evidence of one event (0 = says nothing).

    1,094 and 382 (three or more significant digits) are strong; 64 or 2,600 (two,
    and at least 20) medium; 6.1 weak; small counts, round figures and year-like
    numbers nothing.
    """
    if value is None or math.isnan(value) or math.isinf(value) or value < 0:
        return 0.0
    if value == int(value):
        n = int(value)
        if n < 10 or 1900 <= n <= 2100:
            return 0.0
        sig = len(str(n).rstrip("0"))
        if sig >= 3:
            return 1.0
        return 0.6 if sig == 2 and n >= 20 else 0.0
    digits = len(f"{value:.6g}".replace(".", "").lstrip("0").rstrip("0"))
    return 0.8 if digits >= 3 else 0.3


def masked(texts: Iterable[str]) -> list[bytes]:
    """Each text with every digit masked: sentences differing only in figures share
    it, and it names the same places, dates and names (digits stay digits)."""
    return list(map(bytes.translate, map(str.encode, texts), repeat(_MASK_DIGITS)))


def names_in(sentence: str) -> set[str]:
    """Proper names in a sentence: capitalised word runs, minus common capitalised words."""
    found = {m.lower() for m in _NAME.findall(sentence)}
    in_runs = {w for name in found for w in name.split()}
    found.update(w for w in map(str.lower, _SINGLE.findall(sentence)) if w not in in_runs)
    return {n for n in found if not _NOT_NAMES.issuperset(_NAME_WORDS.split(n))}


def parse_date(text: Any) -> date | None:
    """An ISO date (or the date part of an ISO datetime), else None."""
    if isinstance(text, dict):
        text = text.get("date") or text.get("iso") or text.get("value")
    if not isinstance(text, str):
        return None
    m = _ISO_DATE.match(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _strings(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    out = []
    for v in value:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            s = v.get("name") or v.get("text") or v.get("date") or v.get("iso")
            if isinstance(s, str):
                out.append(s)
    return out


@dataclass(slots=True)
class ContextFacts:
    """The time and place facts of one claim's own sentence, from the extractor's context."""

    places: frozenset[str] = frozenset()
    dates: frozenset[date] = frozenset()
    years: frozenset[int] = frozenset()


def context_facts(context: dict[str, Any]) -> ContextFacts:
    """Places, dates (explicit and resolved relative ones) and years from a claim context."""
    places = frozenset(p.strip().lower() for p in _strings(context.get("places")) if p.strip())
    raw_dates = _strings(context.get("dates")) + _strings(context.get("relative"))
    dates = frozenset(d for d in map(parse_date, raw_dates) if d is not None)
    years: set[int] = set()
    for y in context.get("years") or []:
        try:
            years.add(int(y))
        except (TypeError, ValueError):
            continue
    return ContextFacts(places, dates, frozenset(years))


@dataclass(slots=True)
class FeatureTable:
    """Interns features to small ints and weighs them by kind and document frequency.

    Document frequency counts each source once per feature: ``count`` notes each
    source's distinct features, and ``settle`` counts the notes in one numpy pass.
    A sentence wording seen before with the same contexts (a reprint, or claims
    sharing one context) reuses its feature ids from ``memo``.
    """

    ids: dict[tuple[str, Any], int] = field(default_factory=dict)
    keys: list[tuple[str, Any]] = field(default_factory=list)
    df: list[int] = field(default_factory=list)
    seen: list[np.ndarray] = field(default_factory=list)  # sources' features not yet in df
    weights: list[float] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    memo: dict[tuple, frozenset[int]] = field(default_factory=dict)
    figures: dict[float | None, int] = field(default_factory=dict)
    names: dict[bytes, set[str]] = field(default_factory=dict)  # masked sentence -> names

    def figure_ids(self, values: Sequence[float | None]) -> list[int]:
        """The feature id of each figure, -1 for one that says nothing."""
        return looked_up(self.figures, values, self._new_figure)

    def context_ids(
        self, keys: Sequence[tuple[bytes, tuple[int, ...]]], facts: Sequence[ContextFacts]
    ) -> list[frozenset[int]]:
        """Feature ids of the places, dates and names of each sentence, given as
        (wording, context codes): its ``masked`` text (digits name none of them)
        and the codes of its claims' contexts in ``facts``. Each distinct key is
        worked out once (``memo``), names once per wording."""

        def make(key: tuple[bytes, tuple[int, ...]]) -> frozenset[int]:
            wording, codes = key
            return self._context_features([facts[c] for c in codes], wording)

        return looked_up(self.memo, keys, make)

    def count(self, fids: np.ndarray) -> None:
        """Note features shown by sources (each source's distinct features, in
        batches of whole sources)."""
        self.seen.append(fids)

    def settle(self) -> None:
        """Add the noted sources to ``df``."""
        if self.seen:
            counts = np.bincount(np.concatenate(self.seen), minlength=len(self.keys))
            self.df = (np.array(self.df, dtype=np.int64) + counts).tolist()
            self.seen = []

    def _new_figure(self, value: float | None) -> int:
        return self._intern((FIGURE, value)) if figure_weight(value) > 0 else -1

    def _context_features(self, facts: Iterable[ContextFacts], wording: bytes) -> frozenset[int]:
        keys: set[tuple[str, Any]] = set()
        places: set[str] = set()
        for f in facts:
            places |= f.places
            keys.update((DATE, d.isoformat()) for d in f.dates)
        keys.update((PLACE, p) for p in places)
        names = self.names.get(wording)
        if names is None:
            names = self.names[wording] = names_in(wording.decode())
        keys.update((NAME, n) for n in names if n not in places)
        return frozenset(map(self._intern, keys))

    def _intern(self, key: tuple[str, Any]) -> int:
        fid = self.ids.get(key)
        if fid is None:
            fid = self.ids[key] = len(self.keys)
            self.keys.append(key)
            self.df.append(0)
        return fid

    def absorb(self, keys: Sequence[tuple[str, Any]], df: Sequence[int]) -> np.ndarray:
        """Fold in the features another table counted over other sources (document
        frequencies add up); returns its feature id -> the id here."""
        ids = np.fromiter(map(self._intern, keys), dtype=np.int64, count=len(keys))
        counts = self.df
        for fid, d in zip(ids.tolist(), df, strict=True):
            counts[fid] += d
        return ids

    def finish(self) -> None:
        """Weigh every feature once all sources are seen."""
        self.settle()
        self.weights = [
            quantised(feature_weight(k, v, d)) for (k, v), d in zip(self.keys, self.df, strict=True)
        ]
        self.kinds = [kind for kind, _ in self.keys]
        self.memo = {}
        self.names = {}
        self.figures = {}


def quantised(weight: float) -> float:
    """The weight on a grid of 2**-WEIGHT_BITS, so that sums of weights are exact and a
    link's score does not depend on the order its shared features are added in
    (set order varies between processes, which moved scores on a rounding edge)."""
    return round(weight * (1 << WEIGHT_BITS)) / (1 << WEIGHT_BITS)


def feature_weight(kind: str, value: Any, df: int) -> float:
    """Evidence weight of one shared feature seen in ``df`` sources.

    Figures and dates keep their weight until far more sources repeat them than
    reprints of one story would (a wire story in forty outlets repeats its figures
    forty times), and fade beyond; places and names that many sources share are
    common knowledge, not evidence, and fade early.
    """
    event_fade = min(1.0, COMMON_EVENT_DF / max(df, 1))
    if kind == FIGURE:
        return figure_weight(value) * event_fade
    if kind == DATE:
        return 0.6 * event_fade
    fade = min(1.0, COMMON_DF / df) if df else 1.0
    if kind == PLACE:
        return 0.25 * fade
    return (0.5 if " " in value else 0.3) * fade
