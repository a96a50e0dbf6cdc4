"""Claims as the matcher sees them (signature, interval, own facts) and their evidence windows.

Built a batch of whole sources at a time from registry rows (rows in, columns out,
no I/O), so the registry is streamed rather than held in memory whole.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import chain, repeat
from operator import is_not
from typing import Any

import numpy as np

from ..compare import Interval, claim_interval
from .bulk import ArrayBuilder, distinct, looked_up
from .evidence import ContextFacts, FeatureTable, context_facts, masked
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


# the claims columns ItemReader reads, in this order (load.py selects them)
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
_WORLD = frozenset({"world"})
_NOWHERE: frozenset[str] = frozenset()


@dataclass(slots=True)
class ItemColumns:
    """Items as columns of codes into tables of what they share: a loader process
    sends these (numpy buffers and short lists) rather than half a million pickled
    items, which cost several times as much to pickle and load."""

    ids: np.ndarray  # claim ids
    values: np.ndarray  # float64
    codes: np.ndarray  # n x 5: signature, interval, facts, source, qualifier code
    sigs: list[Signature]  # signature code -> signature
    standing: list[bool]  # signature code -> a standing fact?
    world: list[bool]  # signature code -> an average (it holds for the world)?
    intervals: list[Interval]
    facts: list[ContextFacts]
    source_ids: list[str]
    published: list[str | None]  # source code -> publication date
    mains: list[frozenset[str]]  # source code -> the place its claims name most often
    qualifiers: list[str]

    def taken(self, order: np.ndarray) -> ItemColumns:
        """These columns with the rows in ``order``."""
        return replace(
            self, ids=self.ids[order], values=self.values[order], codes=self.codes[order]
        )

    def items(self) -> list[Item]:
        """The items, in row order."""
        sig, interval, facts, source, qualifier = (c.tolist() for c in self.codes.T)
        facts = list(map(self.facts.__getitem__, facts))
        world, mains = self.world, self.mains
        places = [
            _WORLD if world[g] else f.places or mains[s]
            for g, f, s in zip(sig, facts, source, strict=True)
        ]
        return list(
            map(
                Item,
                self.ids.tolist(),
                map(self.source_ids.__getitem__, source),
                map(self.sigs.__getitem__, sig),
                map(self.standing.__getitem__, sig),
                self.values.tolist(),
                map(self.intervals.__getitem__, interval),
                map(self.qualifiers.__getitem__, qualifier),
                map(self.published.__getitem__, source),
                facts,
                places,
            )
        )


class ItemReader:
    """Turns claim rows, a batch of whole sources at a time, into items, sharing one
    feature table and gathering the items' columns in ``builder``.

    A batch is handled column by column (``map`` over lookup tables, numpy for
    sentence and source boundaries and windows), since Python code run once per
    claim is what a million claims cost. Everything claims share is made once and
    reused: contexts are decoded once per distinct JSON text, signatures made once
    per (kind, unit, counted, predicate), intervals once per wording, a sentence's
    places, dates and names once per (digit-masked text, contexts), figures once
    per value: reprints of one story repeat them all.
    """

    def __init__(self, table: FeatureTable, builder: ArrayBuilder) -> None:
        self.table = table
        self.builder = builder
        self.ids: list[str] = []  # of the items made so far
        self.values: list[float] = []
        self.codes: list[np.ndarray] = []  # ItemColumns.codes of each batch
        self.sig_objects: list[Signature] = []  # signature code -> signature
        self.standing: list[bool] = []
        self.world: list[bool] = []
        self.interval_list: list[Interval] = []
        self.qualifiers: dict[str, int] = {}
        self.published: list[str | None] = []  # source code -> publication date
        self.source_mains: list[frozenset[str]] = []  # source code -> main place
        self.contexts: dict[str | None, int] = {}  # context JSON -> facts code
        self.facts: list[ContextFacts] = []  # facts code -> facts
        self.sigs: dict[tuple, int | None] = {}  # unscoped signature key -> signature
        self.scoped: dict[tuple, int | None] = {}  # (key, left context) -> signature
        self.intervals: dict[tuple, int] = {}  # wording -> interval code
        self.scopes: dict[bytes, bool] = {}  # masked sentence -> has a scope word
        self.mains: dict[tuple[int, ...], frozenset[str]] = {}  # a source's contexts -> place

    def add_sources(self, rows: Sequence[Sequence[Any]], published: dict[str, str | None]) -> None:
        """Items for the claim rows of whole sources (tuples in COLUMNS order, sorted
        by source, sentence_start, start), each with its window: the features of its
        sentence and the sentences either side in its source.

        Claims without a usable signature still lend their figures and places to
        their neighbours' windows.
        """
        if not rows:
            return
        cols = list(zip(*rows, strict=True))
        source_ids, values = cols[_SOURCE], cols[_VALUE]
        coded = self.builder.sources
        for sid in dict.fromkeys(source_ids):
            coded[sid] = len(coded)
            self.published.append(published[sid])
        sources = np.fromiter(map(coded.__getitem__, source_ids), dtype=np.int64, count=len(rows))
        codes = self._context_codes(cols[_CONTEXT])
        # sentence k holds rows first[k]:first[k + 1]; sentences of one source are adjacent
        new = np.ones(len(rows), dtype=bool)
        new[1:] = (sources[1:] != sources[:-1]) | (
            np.array(cols[_SENT_START][1:]) != np.array(cols[_SENT_START][:-1])
        )
        first = np.append(np.flatnonzero(new), len(rows))
        per_row = np.repeat(np.arange(len(first) - 1), np.diff(first))
        scoped, windows = self._sentences(first, per_row, sources, cols, codes)
        self._main_places(sources, codes)
        sigs = self._signatures(cols, np.flatnonzero(scoped).tolist())
        keep = np.flatnonzero(
            np.fromiter(map(is_not, values, repeat(None)), dtype=bool, count=len(rows))
            & np.fromiter(map(is_not, sigs, repeat(None)), dtype=bool, count=len(rows))
        )
        take = keep.tolist()

        def kept(column: Sequence[Any]) -> Sequence[Any]:
            if len(take) == len(column):  # usually every row makes an item
                return column
            return list(map(column.__getitem__, take))

        self.ids.extend(kept(cols[_ID]))
        self.values.extend(map(float, kept(values)))
        intervals, qualifiers = self.intervals, self.qualifiers
        wordings = list(zip(*(kept(cols[c]) for c in range(_VALUE, _QUAL + 1)), strict=True))
        quals = kept(cols[_QUAL])
        for q in dict.fromkeys(quals):
            qualifiers.setdefault(q, len(qualifiers))
        sig_codes = np.array(kept(sigs), dtype=np.int64)
        self.codes.append(
            np.column_stack(
                [
                    sig_codes,
                    np.array(looked_up(intervals, wordings, self._new_interval), np.int64),
                    np.array(kept(codes), dtype=np.int64),
                    sources[keep],
                    np.fromiter(map(qualifiers.__getitem__, quals), np.int64, len(take)),
                ]
            )
        )
        self.builder.add_rows(sig_codes, self.codes[-1][:, 2], sources[keep], windows[keep])

    def _new_interval(self, wording: tuple) -> int:
        self.interval_list.append(_interval(wording))
        return len(self.interval_list) - 1

    def columns(self) -> ItemColumns:
        """The items made so far, as columns."""
        names = list(self.qualifiers)
        return ItemColumns(
            np.array(self.ids, dtype=str),
            np.array(self.values, dtype=np.float64),
            np.concatenate([np.zeros((0, 5), dtype=np.int64), *self.codes]),
            self.sig_objects,
            self.standing,
            self.world,
            self.interval_list,
            self.facts,
            list(self.builder.sources),
            self.published,
            self.source_mains,
            [q or "exact" for q in names],
        )

    def _context_codes(self, raws: Sequence[str | None]) -> tuple[int, ...]:
        """The facts code of each context, decoding each distinct JSON text once."""
        return tuple(looked_up(self.contexts, raws, self._new_facts))

    def _new_facts(self, raw: str | None) -> int:
        facts = context_facts(json.loads(raw) if raw else {})
        self.facts.append(facts)
        self.builder.add_facts(facts)
        return len(self.facts) - 1

    def _sentences(
        self,
        first: np.ndarray,
        per_row: np.ndarray,
        sources: np.ndarray,
        cols: list[tuple],
        codes: tuple[int, ...],
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per row: whether a scope word occurs in its sentence (if none does, none is
        in any claim's left context), and its window: the features of its sentence
        and the sentences either side in its source. Each source's features are
        counted once.

        Sentence k holds rows first[k]:first[k + 1]. Its features are the places,
        dates and names of its wording and contexts (worked out once per distinct
        pair) and its claims' figures; windows are built over all sentences at once
        as (window, feature) pairs in numpy."""
        starts = first[:-1].tolist()
        table = self.table
        wordings = masked([t or "" for t in map(cols[_SENTENCE].__getitem__, starts)])
        scopes = looked_up(self.scopes, wordings, lambda w: has_scope_word(w.decode()))
        own = [codes[a:b] for a, b in zip(starts, first[1:].tolist(), strict=True)]
        context = table.context_ids(list(zip(wordings, own, strict=True)), self.facts)
        # (sentence, feature) pairs: the sentences' context features and figures
        sizes = np.fromiter(map(len, context), np.int64, len(context))
        figures = np.array(table.figure_ids(cols[_VALUE]), dtype=np.int64)
        shown = figures >= 0
        sentence = np.concatenate([np.repeat(np.arange(len(context)), sizes), per_row[shown]])
        feature = np.concatenate(
            [np.fromiter(chain.from_iterable(context), np.int64, int(sizes.sum())), figures[shown]]
        )
        owner = sources[starts]
        span = len(table.keys)
        table.count(distinct(owner[sentence] * span + feature) % span)
        # a window takes its own sentence's pairs and those of its neighbours in its source
        before = np.flatnonzero(sentence > 0)
        before = before[owner[sentence[before] - 1] == owner[sentence[before]]]
        after = np.flatnonzero(sentence < len(owner) - 1)
        after = after[owner[sentence[after] + 1] == owner[sentence[after]]]
        keys = distinct(
            np.concatenate(
                [
                    sentence * span + feature,
                    (sentence[before] - 1) * span + feature[before],
                    (sentence[after] + 1) * span + feature[after],
                ]
            )
        )
        window, feats = np.divmod(keys, span)
        first_window = self.builder.add_windows(np.bincount(window, minlength=len(owner)), feats)
        return np.array(scopes, dtype=bool)[per_row], per_row + first_window

    def _main_places(self, sources: np.ndarray, codes: tuple[int, ...]) -> None:
        """Each source's main place: the place its claims name most often (ties: the
        first by name), found once per distinct sequence of contexts."""
        cuts = np.append(np.flatnonzero(np.diff(sources)) + 1, len(codes)).tolist()
        known = self.mains
        start = 0
        for end in cuts:
            own = codes[start:end]
            main = known.get(own)
            if main is None:
                main = known[own] = self._main_place(own)
            self.source_mains.append(main)
            start = end

    def _main_place(self, codes: tuple[int, ...]) -> frozenset[str]:
        counts = Counter(chain.from_iterable(self.facts[c].places for c in codes))
        return frozenset({min(counts, key=lambda p: (-counts[p], p))}) if counts else _NOWHERE

    def _signatures(self, cols: list[tuple], scoped: list[int]) -> list[int | None]:
        """Each row's signature; rows listed in ``scoped`` read their left context."""
        keys = list(zip(cols[_KIND], cols[_UNIT], cols[_COUNTED], cols[_PRED], strict=True))
        found = looked_up(self.sigs, keys, lambda key: self._sig(signature_of(*key)))
        for k in scoped:
            left = cols[_SENTENCE][k][: max(0, cols[_START][k] - cols[_SENT_START][k])]
            key = (keys[k], left)
            if key not in self.scoped:
                self.scoped[key] = self._sig(signature_of(*keys[k], left))
            found[k] = self.scoped[key]
        return found

    def _sig(self, found: Signature | None) -> int | None:
        """The code of a new signature, None for none."""
        if found is None:
            return None
        standing = is_standing(found)
        self.sig_objects.append(found)
        self.standing.append(standing)
        self.world.append(found.scope == "average")
        return self.builder.sig_code(found, standing)


def _interval(wording: tuple) -> Interval:
    """The interval of (value, low, high, low_inclusive, high_inclusive, qualifier)."""
    value, low, high, low_inc, high_inc, qualifier = wording
    value = float(value)
    qualifier = qualifier or "exact"
    if qualifier == "exact":
        return Interval(value, value)
    return claim_interval(value, low, high, qualifier, low_inc != 0, high_inc != 0)
