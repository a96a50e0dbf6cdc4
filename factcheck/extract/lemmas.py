"""lemminflect's lexicon as a read-only part-of-speech dictionary, one look-up per word.

``lemminflect.getAllLemmas`` deep-copies its table entries on every call (so that
callers may mutate them), which made a first sight of each word cost ~40 us: on a
whole-corpus run new words keep coming, so that cost never fades. The claim layer
never mutates an entry, so this reads the same tables (lemma entries, then the
overrides) with a shallow copy and lemminflect's own capitalisation rule.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import Lemmatizer
from lemminflect.core.LexicalUtils import applyCapsStyleToDict, getCapsStyle


@lru_cache(maxsize=1 << 17)  # bounded: a long ingest keeps meeting new words
def all_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllLemmas(word)``: lemmas by part of speech (empty if unknown).
    Cached and shared: callers must not mutate the result."""
    lemmatizer = Lemmatizer()
    lowered = word.lower()
    lemmas = dict(lemmatizer._getLemmaDict().get(lowered, {}))
    lemmas.update(lemmatizer._getOverridesDict().get(lowered, {}))
    return applyCapsStyleToDict(lemmas, getCapsStyle(word))
