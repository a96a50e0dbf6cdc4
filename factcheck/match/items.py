"""Claims as the matcher sees them: signature, interval, own facts and evidence window.

Built one source at a time from registry rows (pure: rows in, items out), so the
registry is streamed rather than held in memory whole.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..compare import Interval, claim_interval
from .evidence import ContextFacts, FeatureTable, context_facts
from .signature import Signature, is_standing, signature_of


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
    window: frozenset[int]
    places: frozenset[str]  # where a standing fact holds: its own places, else the article's


def _context(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    return json.loads(raw) if raw else {}


def source_items(
    source_id: str,
    published: str | None,
    rows: Iterable[Mapping[str, Any]],
    table: FeatureTable,
) -> list[Item]:
    """Items for one source's claim rows; windows span the sentence and its neighbours.

    Rows need the claims columns value, low, high, low_inclusive, high_inclusive,
    qualifier, kind, unit, counted, predicate, start, sentence_start, sentence,
    context. Claims without a usable signature still lend their figures and
    places to their neighbours' windows.
    """
    rows = sorted(rows, key=lambda r: (r["sentence_start"], r["start"]))
    sentences: dict[int, list[tuple[Mapping[str, Any], ContextFacts]]] = {}
    for row in rows:
        sentences.setdefault(row["sentence_start"], []).append(
            (row, context_facts(_context(row["context"])))
        )
    order = sorted(sentences)
    feats = [
        table.sentence_features(
            source_id,
            [r["value"] for r, _ in sentences[s]],
            [f for _, f in sentences[s]],
            sentences[s][0][0]["sentence"] or "",
        )
        for s in order
    ]
    place_counts = Counter(p for s in order for _, f in sentences[s] for p in f.places)
    main_place = (
        frozenset({min(place_counts, key=lambda p: (-place_counts[p], p))})
        if place_counts
        else frozenset()
    )
    items = []
    for i, s in enumerate(order):
        window = feats[i].union(*feats[max(0, i - 1) : i], *feats[i + 1 : i + 2])
        for row, facts in sentences[s]:
            item = _item(source_id, published, row, facts, window, main_place)
            if item is not None:
                items.append(item)
    return items


def _item(
    source_id: str,
    published: str | None,
    row: Mapping[str, Any],
    facts: ContextFacts,
    window: frozenset[int],
    main_place: frozenset[str],
) -> Item | None:
    value = row["value"]
    if value is None:
        return None
    sentence = row["sentence"] or ""
    left = sentence[: max(0, row["start"] - row["sentence_start"])]
    sig = signature_of(row["kind"], row["unit"], row["counted"], row["predicate"], left)
    if sig is None:
        return None
    standing = is_standing(sig)
    interval = claim_interval(
        float(value),
        row["low"],
        row["high"],
        row["qualifier"] or "exact",
        row["low_inclusive"] != 0,
        row["high_inclusive"] != 0,
    )
    places = facts.places or main_place
    if sig.scope == "average":
        places = frozenset({"world"})
    return Item(
        id=row["id"],
        source_id=source_id,
        sig=sig,
        standing=standing,
        value=float(value),
        interval=interval,
        qualifier=row["qualifier"] or "exact",
        published=published,
        facts=facts,
        window=window,
        places=places,
    )
