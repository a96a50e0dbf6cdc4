"""The data that flows between stages: what an article is, what a claim is.

These dataclasses are the contract between the pure text stages (extract) and the
stages that touch the disk (ingest, registry). They carry plain values only, so a
claim can be pickled to a worker process, stored as a row, or dumped as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Qualifier = Literal["exact", "approx", "at_least", "at_most", "range", "rounded", "vague"]
"""How the article hedges its figure; each one maps the figure to an interval."""

Kind = Literal["count", "money", "percent", "ratio", "age", "duration", "measure", "other"]
"""What sort of quantity a claim states; ``measure`` covers physical units (km, kg, °C...)."""

QUALIFIERS: tuple[str, ...] = (
    "exact",
    "approx",
    "at_least",
    "at_most",
    "range",
    "rounded",
    "vague",
)
KINDS: tuple[str, ...] = (
    "count",
    "money",
    "percent",
    "ratio",
    "age",
    "duration",
    "measure",
    "other",
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the source text where a claim is stated.

    Offsets are character offsets into the stored source text, so
    ``text[start:end]`` is exactly the number span and
    ``text[sentence_start:sentence_end]`` its sentence.
    """

    start: int
    end: int
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class Conversion:
    """A second amount the article gives for the same quantity ("70,000 yuan ($11,300)")."""

    value: float
    unit: str | None
    text: str
    start: int
    end: int


Role = Literal["quantity", "year", "date", "ordinal", "list_number", "time_of_day"]
"""Whether a numeral states a quantity or only places things in time or order."""


@dataclass(slots=True)
class Quantity:
    """A number found in text with its hedging and unit, before sentence-level analysis.

    The number parser (``factcheck.extract.quantities``) produces these for every
    numeral; only those with ``role == "quantity"`` become claims, the rest are
    kept as time/order context. Offsets are into the text that was parsed.
    """

    start: int
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    unit: str | None
    role: str = "quantity"
    precision: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    conversion: Conversion | None = None


@dataclass(slots=True)
class Claim:
    """A numeric statement in an article, normalised to an interval.

    ``low``/``high`` are the interval the wording allows; ``None`` means unbounded
    on that side ("more than 1,000" has ``high=None``). ``value`` is the figure as
    written (the lower figure of a range is in ``low``, the upper in ``high``).
    ``precision`` is the step a ``rounded`` figure was rounded to (1,000 → 100 for
    "1,000 arrests" read at two significant figures; see the extractor's docs).
    """

    text: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    unit: str | None
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    sentence: str
    counted: str | None = None
    predicate: str | None = None
    precision: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    conversion: Conversion | None = None
    context: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Plain-dict form for JSON output and storage (no dataclass instances inside)."""
        return {
            "text": self.text,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "low_inclusive": self.low_inclusive,
            "high_inclusive": self.high_inclusive,
            "qualifier": self.qualifier,
            "precision": self.precision,
            "kind": self.kind,
            "unit": self.unit,
            "counted": self.counted,
            "predicate": self.predicate,
            "start": self.start,
            "end": self.end,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "sentence": self.sentence,
            "conversion": None
            if self.conversion is None
            else {
                "value": self.conversion.value,
                "unit": self.conversion.unit,
                "text": self.conversion.text,
                "start": self.conversion.start,
                "end": self.conversion.end,
            },
            "context": self.context,
            "mentions": [
                {
                    "start": m.start,
                    "end": m.end,
                    "sentence_start": m.sentence_start,
                    "sentence_end": m.sentence_end,
                }
                for m in self.mentions
            ],
        }
