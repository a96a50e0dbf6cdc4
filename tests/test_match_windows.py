"""The loader's bulk windows and document frequencies equal a plain per-sentence
reading of the registry: each claim's window is its sentence's features and those
of the sentences either side in its article; each source counts a feature once."""

from __future__ import annotations

import json
from collections import defaultdict

import numpy as np

from factcheck.match.bulk import looked_up
from factcheck.match.evidence import (
    DATE,
    FIGURE,
    NAME,
    PLACE,
    context_facts,
    figure_weight,
    names_in,
)
from factcheck.match.load import load_items

from .match_kit import ARTICLES, SEEDS, registry_with

# several figures per sentence, a sentence without any, a scope word, a reprint with
# one figure changed, and a sentence repeated in one article
FLOOD = """Floods in Kharkiv region leave 212 dead

2025-05-02 09:00

Floods in the Kharkiv region killed 212 people and injured 1,430, Governor Oleh \
Synehubov said on Friday. Rescuers evacuated 3,870 residents from Chuhuiv. \
The river rose for a third day. A national average of 41 deaths a year is far \
below this toll, officials said. Rescuers evacuated 3,870 residents from Chuhuiv.
"""


def _reference(reg) -> tuple[dict[str, set], dict[tuple, int]]:
    """claim id -> window feature keys, and feature key -> sources showing it, read
    one sentence at a time the plain way."""
    rows = reg.db.execute(
        "SELECT c.id, c.source_id, c.sentence_start, c.start, c.sentence, c.value, c.context "
        "FROM claims c JOIN sources s ON s.id = c.source_id "
        "WHERE s.superseded_by IS NULL ORDER BY c.source_id, c.sentence_start, c.start"
    ).fetchall()
    sentences: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        sentences[row[1]][row[2]].append(row)
    windows: dict[str, set] = {}
    df: dict[tuple, int] = defaultdict(int)
    for by_start in sentences.values():
        feats = []
        for members in (by_start[k] for k in sorted(by_start)):
            facts = [context_facts(json.loads(r[6]) if r[6] else {}) for r in members]
            places = set().union(*(f.places for f in facts))
            keys = {(PLACE, p) for p in places}
            keys |= {(DATE, d.isoformat()) for f in facts for d in f.dates}
            keys |= {(NAME, n) for n in names_in(members[0][4] or "") if n not in places}
            keys |= {(FIGURE, r[5]) for r in members if figure_weight(r[5]) > 0}
            feats.append((members, keys))
        for key in set().union(*(k for _, k in feats)):
            df[key] += 1
        for i, (members, keys) in enumerate(feats):
            window = set(keys)
            for j in (i - 1, i + 1):
                if 0 <= j < len(feats):
                    window |= feats[j][1]
            for r in members:
                windows[r[0]] = window
    return windows, df


def test_bulk_windows_and_document_frequencies_match_a_plain_reading(tmp_path):
    folder = tmp_path / "src" / "flood"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(FLOOD)
    (folder / "b.txt").write_text(FLOOD.replace("3,870", "3,900", 1))
    reg = registry_with(tmp_path, SEEDS, *sorted(ARTICLES.iterdir()), folder)
    items, table, _, arrays = load_items(reg.db, workers=1)
    windows, df = _reference(reg)
    owner, feats = arrays.windows_of(np.arange(len(items)))
    got: dict[str, set] = defaultdict(set)
    for i, f in zip(owner.tolist(), feats.tolist(), strict=True):
        got[items[i].id].add(table.keys[f])
    assert len(items) > 50
    assert {it.id: got[it.id] for it in items} == {it.id: windows[it.id] for it in items}
    assert dict(zip(table.keys, table.df, strict=True)) == {k: df[k] for k in table.keys}
    # a source counts a feature once, however often it repeats it: 3,870 is stated
    # twice in one article and once in the other
    assert df[(FIGURE, 3870.0)] == 2
    assert df[(FIGURE, 3900.0)] == 1


def test_looked_up_makes_each_missing_key_once():
    made: list[str] = []

    def make(key: str) -> int:
        made.append(key)
        return len(key)

    known = {"kept": 0}
    assert looked_up(known, ["ab", "kept", "ab", "c", "kept"], make) == [2, 0, 2, 1, 0]
    assert made == ["ab", "c"]
    assert known == {"kept": 0, "ab": 2, "c": 1}
