"""Claims as the matcher sees them (signature, interval, own facts) and their evidence windows.

Built one source at a time from registry rows (rows in, items out, no I/O), so the
registry is streamed rather than held in memory whole.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from ..compare import Interval, claim_interval
from .evidence import ContextFacts, FeatureTable, context_facts
from .signature import Signature, has_scope_word, is_standing, signature_of


@dataclass(slots=True)
class Item:
    """One matchable claim."""

    id: str
    source_id: str
    sig: Signature
    standing: bool
    value: float
    interval: Interval
    qualifier: str
    published: str | None
    facts: ContextFacts
    places: frozenset[str]  # where a standing fact holds: its own places, else the article's

    def __reduce__(self) -> tuple[Any, tuple]:
        """Pickled as plain fields (a loader process sends half a million items): the
        default slots protocol costs about three times as much to load."""
        iv = self.interval
        return _rebuild, (
            self.id,
            self.source_id,
            self.sig,
            self.standing,
            self.value,
            iv.low,
            iv.high,
            iv.low_inclusive,
            iv.high_inclusive,
            self.qualifier,
            self.published,
            self.facts,
            self.places,
        )


def _rebuild(
    claim_id: str,
    source_id: str,
    sig: Signature,
    standing: bool,
    value: float,
    low: float | None,
    high: float | None,
    low_inclusive: bool,
    high_inclusive: bool,
    qualifier: str,
    published: str | None,
    facts: ContextFacts,
    places: frozenset[str],
) -> Item:
    interval = Interval(low, high, low_inclusive, high_inclusive)
    return Item(
        claim_id, source_id, sig, standing, value, interval, qualifier, published, facts, places
    )


# the claims columns source_items reads, in this order (load.py selects them)
COLUMNS = (
    "id",
    "source_id",
    "value",
    "low",
    "high",
    "low_inclusive",
    "high_inclusive",
    "qualifier",
    "kind",
    "unit",
    "counted",
    "predicate",
    "start",
    "sentence_start",
    "sentence",
    "context",
)
(_ID, _SOURCE, _VALUE, _LOW, _HIGH, _LOW_INC, _HIGH_INC, _QUAL) = range(8)
(_KIND, _UNIT, _COUNTED, _PRED, _START, _SENT_START, _SENTENCE, _CONTEXT) = range(8, 16)
_ORDER = itemgetter(_SENT_START, _START)


class ItemReader:
    """Turns one source's claim rows at a time into items, sharing one feature table.

    Contexts are decoded once per distinct JSON text: the claims of one sentence,
    and reprints of one story, repeat them.
    """

    def __init__(self, table: FeatureTable) -> None:
        self.table = table
        self.facts: dict[Any, ContextFacts] = {}
        self.sigs: dict[tuple, tuple[Signature | None, bool]] = {}

    def context(self, raw: Any) -> ContextFacts:
        if isinstance(raw, dict):
            return context_facts(raw)
        facts = self.facts.get(raw)
        if facts is None:
            facts = self.facts[raw] = context_facts(json.loads(raw) if raw else {})
        return facts

    def source_items(
        self, source_id: str, published: str | None, rows: Sequence[Sequence[Any]]
    ) -> list[tuple[Item, frozenset[int]]]:
        """Items for one source's claim rows (tuples in COLUMNS order), each with its
        window: the features of its sentence and the sentences either side.

        Claims without a usable signature still lend their figures and places to
        their neighbours' windows.
        """
        known = self.facts
        sentences: list[tuple[list[Sequence[Any]], list[ContextFacts]]] = []
        previous = None
        for row in sorted(rows, key=_ORDER):
            if row[_SENT_START] != previous or not sentences:
                previous = row[_SENT_START]
                members, facts = [], []
                sentences.append((members, facts))
            raw = row[_CONTEXT]
            found = known.get(raw) if type(raw) is str else None
            members.append(row)
            facts.append(found if found is not None else self.context(raw))
        place_counts: dict[str, int] = {}
        feats = []
        for members, facts in sentences:
            for f in facts:
                for p in f.places:
                    place_counts[p] = place_counts.get(p, 0) + 1
            feats.append(
                self.table.sentence_features(
                    source_id,
                    [r[_VALUE] for r in members],
                    facts,
                    tuple([r[_CONTEXT] for r in members]),
                    members[0][_SENTENCE] or "",
                )
            )
        main_place = (
            frozenset({min(place_counts, key=lambda p: (-place_counts[p], p))})
            if place_counts
            else frozenset()
        )
        items = []
        last = len(sentences) - 1
        for i, (members, facts) in enumerate(sentences):
            window = feats[i]
            if i > 0:
                window = window.union(feats[i - 1])
            if i < last:
                window = window.union(feats[i + 1])
            # no scope word anywhere in the sentence: none in any claim's left context
            scoped = has_scope_word(members[0][_SENTENCE] or "")
            for row, f in zip(members, facts, strict=True):
                item = _item(source_id, published, row, f, main_place, self.sigs, scoped)
                if item is not None:
                    items.append((item, window))
        return items


def _item(
    source_id: str,
    published: str | None,
    row: Sequence[Any],
    facts: ContextFacts,
    main_place: frozenset[str],
    sigs: dict[tuple, tuple[Signature | None, bool]],
    scoped: bool,
) -> Item | None:
    """The item of one claim row; ``sigs`` caches signatures of unscoped claims."""
    value = row[_VALUE]
    if value is None:
        return None
    if scoped:
        left = row[_SENTENCE][: max(0, row[_START] - row[_SENT_START])]
        sig = signature_of(row[_KIND], row[_UNIT], row[_COUNTED], row[_PRED], left)
        standing = sig is not None and is_standing(sig)
    else:
        key = (row[_KIND], row[_UNIT], row[_COUNTED], row[_PRED])
        known = sigs.get(key)
        if known is None:
            found = signature_of(*key)
            known = sigs[key] = (found, found is not None and is_standing(found))
        sig, standing = known
    if sig is None:
        return None
    qualifier = row[_QUAL] or "exact"
    value = float(value)
    interval = (
        Interval(value, value)
        if qualifier == "exact"
        else claim_interval(
            value,
            row[_LOW],
            row[_HIGH],
            qualifier,
            row[_LOW_INC] != 0,
            row[_HIGH_INC] != 0,
        )
    )
    places = facts.places or main_place
    if sig.scope == "average":
        places = frozenset({"world"})
    return Item(
        row[_ID],
        source_id,
        sig,
        standing,
        value,
        interval,
        qualifier,
        published,
        facts,
        places,
    )
