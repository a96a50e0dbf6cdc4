"""What a claim measures, normalised so that two wordings of one quantity compare equal.

A signature is (kind, unit, counted thing, predicate, scope). Synonyms are
deliberately conservative: a missed synonym only under-merges (the safe failure),
while a loose one ("child" = "infant") would invent conflicts between operations.
When the extractor's lexicon (``factcheck.extract.lexicon``) provides
``canonical_counted``/``canonical_predicate`` they are applied first; the small
tables here cover the news vocabulary the matcher itself relies on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # the extractor's synonym tables, when that module exists
    from ..extract.lexicon import canonical_counted as _lex_counted
    from ..extract.lexicon import canonical_predicate as _lex_predicate
except ImportError:  # pragma: no cover - depends on the extractor's progress
    _lex_counted = None
    _lex_predicate = None

# counted thing -> canonical noun (after singularisation)
COUNTED_SYNONYMS: dict[str, str] = {
    "baby": "infant",
    "newborn": "infant",
    "infant": "infant",
    "people": "person",
    "person": "person",
    "suspect": "person",
    "individual": "person",
    "resident": "person",
    "gang": "ring",
    "ring": "ring",
    "network": "ring",
    "kid": "child",
    "children": "child",
    "fatality": "person",
    "casualty": "casualty",
}

# predicate (lemma or inflected form) -> canonical verb
PREDICATE_SYNONYMS: dict[str, str] = {
    "arrest": "arrest",
    "detain": "arrest",
    "hold": "arrest",
    "apprehend": "arrest",
    "nab": "arrest",
    "rescue": "rescue",
    "save": "rescue",
    "free": "rescue",
    "kill": "die",
    "die": "die",
    "dead": "die",
    "death": "die",
    "injure": "injure",
    "wound": "injure",
    "hurt": "injure",
    "smash": "smash",
    "bust": "smash",
    "dismantle": "smash",
    "break up": "smash",
    "sell": "sell",
    "buy": "buy",
    "purchase": "buy",
    "evacuate": "evacuate",
    "displace": "displace",
}

# nouns that name an event happening to people: "1,000 arrests" = 1,000 people arrested
EVENT_NOUNS: dict[str, str] = {
    "arrest": "arrest",
    "detention": "arrest",
    "death": "die",
    "fatality": "die",
    "rescue": "rescue",
    "injury": "injure",
}

# verbs that state a fact rather than an event: such claims may be standing facts
STATIVE_PREDICATES = frozenset({"be", "have", "live", "number", "total", "stand", "reach"})

# a word just before the figure that makes it a different quantity from the bare one:
# "a global average of 103-107" is not the country's own ratio
SCOPE_WORDS = frozenset(
    {"average", "global", "worldwide", "world", "national", "natural", "normal", "target"}
)
SCOPE_WINDOW_WORDS = 5

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_IRREGULAR = {"people": "people", "children": "child", "men": "man", "women": "woman"}
_VERB_FORMS = re.compile(r"(?:ed|ing)$")


def singular(word: str) -> str:
    """A cheap English singular: enough to equate "infants"/"infant", "babies"/"baby"."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(noun: str) -> str:
    """English plural of a canonical noun, for labels ("person" -> "people")."""
    words = noun.split(" ")
    last = words[-1]
    irregular = {"person": "people", "child": "children", "man": "men", "woman": "women"}
    if last in irregular:
        last = irregular[last]
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return " ".join([*words[:-1], last])


def _verb_lemma(word: str) -> str:
    """Reduce "arrested"/"detained"/"rescuing" to a key of PREDICATE_SYNONYMS if possible."""
    if word in PREDICATE_SYNONYMS:
        return word
    stem = _VERB_FORMS.sub("", word)
    for cand in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
        if cand in PREDICATE_SYNONYMS:
            return cand
    return word


@lru_cache(maxsize=65536)
def canonical_predicate(predicate: str | None) -> str | None:
    """Canonical verb for a predicate, or None when the claim states no event."""
    if not predicate:
        return None
    text = predicate.strip().lower()
    if _lex_predicate is not None:
        text = (_lex_predicate(text) or text).lower()
    if text in PREDICATE_SYNONYMS:
        return PREDICATE_SYNONYMS[text]
    words = _WORD.findall(text)
    if not words:
        return None
    lemma = _verb_lemma(words[-1] if len(words) == 1 else words[0])
    return PREDICATE_SYNONYMS.get(lemma, lemma)


@lru_cache(maxsize=65536)
def canonical_counted(counted: str | None) -> tuple[str | None, str | None]:
    """(canonical counted thing, predicate implied by it) for an extractor ``counted``.

    A ratio or rate ("boys per 100 girls") keeps its whole phrase; otherwise the head
    noun (last word) is the counted thing, so "online baby-trafficking rings" and
    "baby-smuggling rings" are both "ring". An event noun ("1,000 arrests") counts
    people and implies its verb.
    """
    if not counted:
        return None, None
    text = counted.strip().lower()
    if _lex_counted is not None:
        text = (_lex_counted(text) or text).lower()
    words = [singular(w) for w in _WORD.findall(text)]
    if not words:
        return None, None
    if "per" in words or "for" in words and "every" in words:
        return " ".join(words), None
    implied = None
    # a trailing participle ("suspect arrested") is the predicate, not the thing
    if len(words) > 1 and _verb_lemma(words[-1]) in PREDICATE_SYNONYMS:
        implied = PREDICATE_SYNONYMS[_verb_lemma(words[-1])]
        words = words[:-1]
    head = words[-1]
    if head in EVENT_NOUNS:
        return "person", EVENT_NOUNS[head]
    return COUNTED_SYNONYMS.get(head, head), implied


@dataclass(frozen=True, slots=True)
class Signature:
    """The normalised quantity a claim states; claims are only compared within one."""

    kind: str
    unit: str | None
    counted: str
    predicate: str | None
    scope: str | None = None

    @property
    def block_key(self) -> tuple[str, str | None, str, str | None]:
        """Blocking ignores the predicate: a claim without one may join either side."""
        return (self.kind, self.unit, self.counted, self.scope)

    def label(self) -> str:
        """Human name of the quantity: "infants rescued", "boys per 100", "price (CNY)"."""
        thing = plural(self.counted) if self.kind in ("count", "ratio") else self.counted
        verb = None if self.kind == "ratio" else _PAST.get(self.predicate or "", self.predicate)
        parts = [self.scope, thing, verb]
        text = " ".join(p for p in parts if p)
        if self.kind == "ratio" and self.unit:
            return f"{text} {self.unit}"
        if self.kind in ("count", "ratio") or not self.unit:
            return text
        return f"{text} ({self.unit})"

    def as_text(self) -> str:
        """Stable string form stored in ``groups.signature``."""
        return "|".join(
            str(p or "") for p in (self.kind, self.unit, self.counted, self.predicate, self.scope)
        )


@lru_cache(maxsize=65_536)
def texts(signature: Signature) -> tuple[str, str]:
    """(label, stored form) of a signature, made once: thousands of groups share each."""
    return signature.label(), signature.as_text()


_PAST = {
    "arrest": "arrested",
    "rescue": "rescued",
    "die": "dead",
    "injure": "injured",
    "smash": "smashed",
    "sell": "sold",
    "buy": "bought",
    "evacuate": "evacuated",
    "displace": "displaced",
}


_ANY_SCOPE = re.compile("|".join(sorted(SCOPE_WORDS)), re.IGNORECASE)
_SCOPE_LOWER = re.compile("|".join(sorted(SCOPE_WORDS)))


def has_scope_word(text: str) -> bool:
    """Whether any scope word occurs in ``text``, case-blind (a cheap test before
    ``scope_of``). ASCII text is lower-cased and searched case-sensitively, several
    times faster than the case-blind regex."""
    if text.isascii():
        return _SCOPE_LOWER.search(text.lower()) is not None
    return _ANY_SCOPE.search(text) is not None


def scope_of(left_context: str) -> str | None:
    """A scope word among the few words just before the figure ("global average of")."""
    if not _ANY_SCOPE.search(left_context):
        return None
    words = _WORD.findall(left_context.lower())[-SCOPE_WINDOW_WORDS:]
    # stop at a clause boundary word: "in China, against ..." keeps only the last clause
    for word in reversed(words):
        if word in SCOPE_WORDS:
            return "average" if word in {"average", "global", "worldwide", "world"} else word
    return None


def signature_of(
    kind: str | None,
    unit: str | None,
    counted: str | None,
    predicate: str | None,
    left_context: str = "",
) -> Signature | None:
    """The signature of a claim, or None when it says too little to be matched safely.

    A claim whose counted thing is unknown is never matched: "12" alone could be
    anything. ``left_context`` is the sentence text before the figure (same clause).
    """
    scope = scope_of(_last_clause(left_context)) if has_scope_word(left_context) else None
    return _signature(kind, unit, counted, predicate, scope)


@lru_cache(maxsize=65536)
def _signature(
    kind: str | None,
    unit: str | None,
    counted: str | None,
    predicate: str | None,
    scope: str | None,
) -> Signature | None:
    thing, implied = canonical_counted(counted)
    if thing is None or not kind:
        return None
    pred = canonical_predicate(predicate) or implied
    if pred in STATIVE_PREDICATES:
        pred = None
    return Signature(kind, unit, thing, pred, scope)


_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\b(?:and|but|while|against|versus|compared)\b")


def _last_clause(text: str) -> str:
    parts = _CLAUSE_BREAK.split(text)
    return parts[-1] if parts else text


def is_standing(sig: Signature) -> bool:
    """Standing facts hold for a place and period, not an event: a ratio such as boys
    born per 100 girls (whatever verb states it), or a population."""
    if sig.kind == "ratio":
        return True
    return sig.predicate is None and sig.counted in {"population", "inhabitant"}
