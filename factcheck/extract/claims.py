"""Turn an article's quantities into claims: what is counted, what is said of it, and when/where.

The number parser (``quantities.find_quantities``) finds every numeral with its
value, hedging and unit; this layer keeps those that state a quantity, puts each
in its sentence and reads a few words around it with a shallow, dictionary-driven
phrase reader (lemminflect's lexicon as a part-of-speech dictionary, closed word
classes from ``lexicon``): no tagger or parser, so it stays fast (it only runs on
sentences that hold a quantity) and predictable.

- ``counted``: head noun of the phrase the figure quantifies ("382 infants" ->
  infant, "2,600 police officers" -> police officer, "hundreds of babies" -> baby,
  "a population of about 1.4 billion" -> population); for money, the thing priced
  ("70,000 yuan for a baby boy", "the price ... was 70,000 yuan", "buy a birth
  certificate ... at 4,000 yuan"); for a bare figure after a value verb, what it is
  the value of ("the number of victims rose to 35" -> victim). Counted event nouns
  stand for people ("1,000 arrests" -> person, predicate arrest), and a toll for
  the dead ("the death toll rose to 120" -> person, predicate die).
- ``predicate``: the verb carrying the claim, tried in this order: an event noun
  before "of" ("the rescue of 15 infants"); "up/down" before the figure; a passive
  or finite verb after a subject phrase ("1,094 suspects were arrested"); the
  nearest verb before the figure in its clause ("have detained 1,094 people");
  a participle after it ("with 64 babies rescued"). A figure inside a place or
  time phrase ("in 27 cities") takes no verb, since the verb is not said of it.
- ``context`` (JSON-ready): ``years`` (ints), ``dates`` (ISO strings), ``relative``
  (``{"text", "start", "end", "value"}`` resolved against ``published``), ``places``
  of the sentence and ``paragraph_places`` (the rest of its paragraph),
  ``neighbours`` (the other figures of the sentence, canonical text such as "1094"),
  ``counted_canonical``/``predicate_canonical`` (``lexicon`` synonym groups), and when
  they apply ``preposition`` (the figure sits in a "in 27 cities" phrase) and
  ``scope: "global"`` (world-wide figures: "a global average of 103-107").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate
from typing import Any

from lemminflect import getLemma

from factcheck.extract import lexicon as lx
from factcheck.extract.context import (
    dates_in,
    place_mentions,
    relative_times,
    unique_names,
    years_in,
)
from factcheck.extract.lemmas import all_lemmas
from factcheck.extract.lexicon import words
from factcheck.extract.quantities import find_quantities
from factcheck.extract.sentences import sentence_spans
from factcheck.models import Claim, Mention, Quantity


def _token_pattern(letter: str, digit: str) -> re.Pattern[str]:
    """Dotted abbreviations ("U.S.": two or more letter-dot pairs), words (inner hyphens),
    a possessive "'s" as its own token, figures, and single punctuation marks. Every
    token opens with one non-blank character and a look-behind says which it was, so
    the regex engine skips blanks at once (a pattern opening with alternatives has
    no such shortcut) and never reads a first character twice; the last, empty branch
    leaves that character alone (a lone digit or mark). The whole is one group, so
    that ``split`` returns the tokens between the gaps."""
    return re.compile(
        rf"(\S(?:(?<=[{letter}])(?:\.(?:[{letter}]\.)+|[{letter}]*(?:-[{letter}]+)*)"
        rf"|(?<=['’])s\b|(?<=[{digit}])[{digit},.]*[{digit}]|))"
    )


_TOKEN = _token_pattern(r"^\W\d_", r"\d")  # letters and digits of any script
# The same on ASCII text (most sentences), where plain ranges test faster.
_ASCII_TOKEN = _token_pattern("a-zA-Z", "0-9")
# Prepositions after which a figure is not the object of the clause's verb.
_BLOCKING_PREPOSITIONS = lx.PREPOSITIONS - {"for", "at", "to", "by", "about", "around", "than"}
_PRICE_PREPOSITIONS = frozenset({"for", "at"})
# Punctuation and words that end a clause (punctuation is its own lower case).
_CLAUSE_BOUNDARIES = frozenset(';:—–()[]"“”,') | lx.CLAUSE_OPENERS
_NUMBER_WORDS = words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "dozen dozens half quarter"
)
_LEMMA_FIXES = {"people": "person", "police": "police", "media": "media", "data": "data"}
_NEIGHBOUR_LIMIT = 8
_VERB_REACH = 8  # tokens back from a figure to its verb
_BE_FORMS = words("be is are was were been being")
# Words that open a hedged figure ("more than", "up to", "as many as", "about").
_QUALIFIER_STARTS = words("more over up as about around nearly some almost fewer less")


@cache
def _readings(word: str) -> frozenset[str]:
    """Parts of speech the lexicon knows for a lower-cased word (empty if unknown)."""
    return frozenset(all_lemmas(word))


@cache
def _noun_lemma(word: str) -> str:
    """Noun lemma of a lower-cased word: the lexicon's (already looked up for its
    readings), else lemminflect's rules for unknown words."""
    if word in _LEMMA_FIXES:
        return _LEMMA_FIXES[word]
    lemmas = all_lemmas(word).get("NOUN") or getLemma(word, upos="NOUN")
    return lemmas[0].lower() if lemmas else word


@cache
def _verb_lemma(word: str) -> str:
    lemmas = all_lemmas(word).get("VERB") or getLemma(word, upos="VERB")
    return lemmas[0].lower() if lemmas else word


def _is_word(text: str) -> bool:
    return text[0].isalpha()


_CLOSED = lx.DETERMINERS | lx.PREPOSITIONS | lx.CONJUNCTIONS | lx.PRONOUNS | lx.AUXILIARIES


def _is_closed(word: str) -> bool:
    return word in _CLOSED


def _is_numeric(word: str) -> bool:
    return word[0].isdigit() or word in _NUMBER_WORDS


@cache
def _is_participle(word: str) -> bool:
    readings = _readings(word)
    return "VERB" in readings and "NOUN" not in readings and word not in lx.NON_PREDICATES


@cache
def _is_verbal(word: str) -> bool:
    """A participle or an -ing verb form ("following", "living"): in a noun phrase it
    modifies a noun after it but does not head one."""
    return _is_participle(word) or (word.endswith("ing") and "VERB" in _readings(word))


@cache
def _nounish(word: str) -> bool:
    """Could head a noun phrase: a known noun, or a word the lexicon does not know."""
    readings = _readings(word)
    return "NOUN" in readings or not readings


@cache
def _is_noun_modifier(word: str) -> bool:
    """A noun that makes a compound with the next one ("police officer", "death toll"),
    not an adjective, participle or hyphenated modifier ("child-trafficking case")."""
    readings = _readings(word)
    return (
        "NOUN" in readings
        and "ADJ" not in readings
        and "-" not in word
        and not word.endswith(("ing", "ed"))
    )


@cache
def _ends_noun_phrase(word: str) -> bool:
    """A word that cannot be part of a noun phrase: punctuation, a closed-class word,
    a time word, or a light verb without a noun reading ("said")."""
    return (
        not _is_word(word)
        or _is_closed(word)
        or word in lx.NOUN_PHRASE_STOPS
        or (word in lx.NON_PREDICATES and "NOUN" not in _readings(word))
    )


@cache
def _is_adverb(word: str) -> bool:
    return word in ("not", "never", "also", "now", "reportedly", "allegedly") or (
        word.endswith("ly") and "ADV" in _readings(word)
    )


_NOT_VERB, _PLAIN_VERB, _HOMOGRAPH = 0, 1, 2


@cache
def _verb_class(word: str, lexical: bool) -> int:
    """What ``word`` alone says of a verb reading (``_Sentence._verb_at`` adds the words
    around it): none (no verb reading, a closed-class word, a particle, or with
    ``lexical`` a light verb), a plain verb, or a homograph that is a noun or adjective too."""
    if not _is_word(word) or _is_closed(word) or word in lx.PARTICLES:
        return _NOT_VERB  # particles: "buy back", "took home": the verb is before them
    readings = _readings(word)
    if "VERB" not in readings or (lexical and _verb_lemma(word) in lx.NON_PREDICATES):
        return _NOT_VERB
    return _PLAIN_VERB if "NOUN" not in readings and "ADJ" not in readings else _HOMOGRAPH


class _Sentence:
    """Tokens of one sentence, with the reader's helpers over them.

    Tokens are parallel lists (``lowers``, ``starts`` as offsets in the sentence):
    building one object per token was a quarter of the layer's time. A token as
    written is read back from the sentence (``written``), which few rules need.
    """

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self.offset = offset
        self._texts: list[str] | None = None
        # [gap, token, gap, ..., token, gap]: the tokens, and their offsets from the
        # running length, without a match object per token.
        if text.isascii() and "'S" not in text:
            # lower() keeps every offset and token of ASCII text but "'S" (a possessive
            # only in lower case), so the lower-cased sentence's tokens are the tokens'
            # lower case: one split gives them.
            pieces = _ASCII_TOKEN.split(text.lower())
            self.lowers: list[str] = pieces[1::2]
        else:
            pieces = (_ASCII_TOKEN if text.isascii() else _TOKEN).split(text)
            self._texts = pieces[1::2]
            # Tokens hold no whitespace: one lower() over the joined tokens is theirs.
            self.lowers = "\n".join(self._texts).lower().split("\n") if self._texts else []
        self.starts: list[int] = list(accumulate(map(len, pieces)))[0:-1:2]
        self._left_verbs: dict[int, int | None] = {}

    def written(self, k: int) -> str:
        """Token ``k`` as written (its case kept)."""
        if self._texts is not None:
            return self._texts[k]
        start = self.starts[k]
        return self.text[start : start + len(self.lowers[k])]

    def index_at(self, position: int) -> int:
        """Index of the first token starting at or after ``position`` (in the article)."""
        return bisect_right(self.starts, position - self.offset - 1)

    # --- noun phrases ------------------------------------------------------------

    def noun_phrase(self, i: int, limit: int = 5) -> tuple[str | None, int]:
        """Head lemma (with one noun modifier) of the noun phrase starting at token ``i``.

        Returns ``(lemma or None, index after the phrase)``. A participle after a
        noun ends the phrase unless a noun follows it ("trafficking rings").
        """
        text, starts, lowers = self.text, self.starts, self.lowers
        words: list[str] = []
        positions: list[int] = []
        j = i
        if j < len(lowers) and lowers[j] in lx.MORE_WORDS:  # "two more nominations"
            j += 1
        while j < len(lowers) and len(words) < limit:
            word = lowers[j]
            if word in ("and", "or", ",") and words and not any(map(_nounish, words)):
                j += 1  # coordinated adjectives: "civil and military aerospace firms"
                continue
            if word in ("'s", "’s") and words:  # a possessor: "the world's poorest workers"
                words, positions = [], []
                j += 1
                continue
            if _ends_noun_phrase(word):
                break
            if words and _is_verbal(word):
                following = self.written(j + 1) if j + 1 < len(lowers) else None
                if not (
                    following
                    and following[0].islower()
                    and not _is_closed(following)
                    and _nounish(following)
                ):
                    break
            words.append(word)
            positions.append(j)
            j += 1
        head_index = None
        for k in range(len(words) - 1, -1, -1):
            proper = text[starts[positions[k]]].isupper() and not _readings(words[k])
            if _nounish(words[k]) and not _is_verbal(words[k]) and not proper:
                head_index = k  # a name ("Reuter", "Mingming") is not what is counted
                break
        if head_index is None:
            return None, i
        lemma = _noun_lemma(words[head_index])
        after_head = positions[head_index] + 1
        if lemma in lx.PARTITIVES and after_head < len(lowers) and lowers[after_head] == "of":
            return self.noun_phrase(self.skip_determiners(after_head + 1), limit)
        if head_index > 0 and _is_noun_modifier(words[head_index - 1]):
            lemma = f"{_noun_lemma(words[head_index - 1])} {lemma}"
        return lemma, after_head

    def skip_determiners(self, j: int) -> int:
        """Index of the first token from ``j`` that is not a determiner or possessive."""
        lowers = self.lowers
        while j < len(lowers) and (lowers[j] in lx.DETERMINERS or lowers[j] in ("'s", "’s")):
            j += 1
        return j

    def subject_head(self, verb_index: int) -> str | None:
        """Head noun of the subject before ``verb_index``: the first chunk (split at
        prepositions) of the clause that holds a noun ("The price for Mingming was")."""
        j = verb_index - 1
        while j >= 0 and (self.lowers[j] in lx.AUXILIARIES or _is_adverb(self.lowers[j])):
            j -= 1
        start = j
        while (
            start >= 0
            and self.lowers[start] not in _CLAUSE_BOUNDARIES
            and not self._verb_at(start, lexical=False)
        ):
            start -= 1
        chunk: list[str] = []
        for k in range(start + 1, j + 1):
            word = self.lowers[k]
            if word in lx.PREPOSITIONS:
                partitive = word == "of" and chunk and _noun_lemma(chunk[-1]) in lx.PARTITIVES
                if chunk and not partitive:  # "the number of victims" names the victims
                    break
                chunk = []
            # Unknown capitalised words are names ("Mingming"), not the subject's head.
            elif (
                _is_word(word)
                and not _is_closed(word)
                and _nounish(word)
                and not _is_verbal(word)  # "people living in poverty"
                and (self.text[self.starts[k]].islower() or _readings(word))
            ):
                chunk.append(word)
        if not chunk:
            return None
        head = _noun_lemma(chunk[-1])
        if len(chunk) > 1 and _is_noun_modifier(chunk[-2]):
            head = f"{_noun_lemma(chunk[-2])} {head}"
        return head

    # --- word classes in context -----------------------------------------------------

    def _verb_at(self, j: int, *, lexical: bool = True) -> bool:
        """Is token ``j`` a lexical verb here? The lexicon gives most nouns a verb
        reading ("baby", "smash", "cost"), so such a homograph counts as a verb only
        after a pronoun, auxiliary, "to" or adverb, or between a noun and an object
        ("police smash four rings")."""
        lowers = self.lowers
        word = lowers[j]
        verb_class = _verb_class(word, lexical)
        if verb_class == _NOT_VERB:
            return False
        before = lowers[j - 1] if j > 0 else ""
        if word.endswith("ing") and (before in lx.DETERMINERS or not before):
            return False
        if verb_class == _PLAIN_VERB:
            return True
        if word.endswith("ed"):
            return before not in lx.DETERMINERS
        if (
            before in lx.PRONOUNS
            or before in lx.AUXILIARIES
            or before == "to"
            or _is_adverb(before)
        ):
            return True
        following = lowers[j + 1] if j + 1 < len(lowers) else None
        after_following = lowers[j + 2] if j + 2 < len(lowers) else ""
        if following is None or not (
            following in lx.DETERMINERS
            or _is_numeric(following)
            or following in _QUALIFIER_STARTS
            or following in ("to", "by")  # "fell to", "rose by"
            or (following == "at" and after_following in ("least", "most"))
        ):
            return False
        # Before an object or a figure: a verb unless a determiner, preposition or
        # adjective makes it a noun ("the rise of", "a record 52,000").
        before_readings = _readings(before)
        return bool(before) and not (
            before in lx.DETERMINERS
            or before in lx.PREPOSITIONS
            or _is_numeric(before)
            or ("ADJ" in before_readings and "VERB" not in before_readings)
            or ("VERB" in before_readings and "NOUN" not in before_readings)  # "took home"
        )

    # --- predicate ---------------------------------------------------------------------

    def left_verb(self, i: int) -> int | None:
        """Index of the nearest lexical verb before token ``i`` in the same clause, at
        most ``_VERB_REACH`` tokens back. Asked twice for a sum of money (what it
        prices, then its predicate), so each answer is kept."""
        if i in self._left_verbs:
            return self._left_verbs[i]
        lowers = self.lowers
        found = None
        for j in range(i - 1, max(0, i - _VERB_REACH) - 1, -1):
            word = lowers[j]
            if word in _CLAUSE_BOUNDARIES:
                break
            if _verb_class(word, True) != _NOT_VERB and self._verb_at(j):
                found = j
                break
        self._left_verbs[i] = found
        return found

    def verb_after(self, j: int, *, need_auxiliary: bool) -> str | None:
        """Predicate of a subject phrase ending before token ``j``: "were arrested",
        "are born", or (without ``need_auxiliary``) a bare participle "babies rescued"."""
        lowers = self.lowers
        saw_auxiliary = False
        while j < len(lowers) and (lowers[j] in lx.AUXILIARIES or _is_adverb(lowers[j])):
            saw_auxiliary = saw_auxiliary or lowers[j] in lx.AUXILIARIES
            j += 1
        if j >= len(lowers) or (need_auxiliary and not saw_auxiliary):
            return None
        word = lowers[j]
        if self.text[self.starts[j]].isupper() and not word.endswith(("ed", "en")):
            return None  # a name ("have Sky boxes"); title-case verbs are participles
        if _is_word(word) and "VERB" in _readings(word):
            lemma = _verb_lemma(word)
            if lemma not in lx.NON_PREDICATES and (saw_auxiliary or _is_participle(word)):
                return lemma
        return None

    def skip_place_phrase(self, j: int) -> int:
        """Skip a short prepositional phrase after a subject ("officers from fourteen
        provinces were deployed") so that its verb can be reached."""
        lowers = self.lowers
        if j < len(lowers) and lowers[j] in ("from", "in", "of", "across"):
            k = j + 1
            while (
                k < len(lowers)
                and k - j <= 4
                and (
                    _is_numeric(lowers[k])
                    or (_is_word(lowers[k]) and not _is_closed(lowers[k]))
                    or lowers[k] in lx.DETERMINERS
                )
            ):
                k += 1
            return k
        return j


def _format_number(value: float) -> str:
    """Canonical text of a figure ("1094", "13.5", "1400000000") for comparing articles."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def _read_claim(
    sentence: _Sentence, quantity: Quantity
) -> tuple[str | None, str | None, str | None, bool]:
    """Counted thing, predicate, the preposition that blocks a verb (if any) and
    whether the figure is world-wide, for one quantity in its sentence."""
    lowers = sentence.lowers
    first = sentence.index_at(quantity.start)
    after = sentence.index_at(quantity.end)
    if quantity.qualifier not in ("exact", "rounded"):  # "for as much as 21,600 yuan"
        while first > 0 and lowers[first - 1] in lx.QUALIFIER_WORDS:
            first -= 1
    before_word = lowers[first - 1] if first > 0 else ""

    # What the figure counts: a noun inside the span after the first figure, else the
    # phrase after the span, else "<noun> of [figure]" before it.
    counted: str | None = None
    k = first
    while k < after and not _is_numeric(lowers[k]):  # the qualifier: "as little as"
        k += 1
    k = min(k + 1, after)
    while k < after and not _is_head_candidate(lowers[k]):  # figures, units, "to", "every"
        k += 1
    if k == after and k + 1 < len(lowers) and lowers[k] == "-" and _is_word(lowers[k + 1]):
        counted, end_of_phrase = _noun_lemma(lowers[k + 1]), k + 2  # "78-member gang"
    else:
        if k == after and k < len(lowers) and lowers[k] == "of":  # "hundreds of babies"
            k += 1
        counted, end_of_phrase = sentence.noun_phrase(sentence.skip_determiners(k))
    if end_of_phrase < after:
        end_of_phrase = after
    if counted is None and before_word == "of" and first >= 2:
        noun = lowers[first - 2]
        if _is_word(noun) and _nounish(noun) and not _is_closed(noun) and noun not in lx.PARTITIVES:
            counted = _noun_lemma(noun)
    if quantity.kind == "age":
        counted = _age_subject(sentence, first)
    if quantity.kind == "money":
        counted = _priced_thing(sentence, quantity, first, after) or counted
    if counted in lx.UNIT_WORDS:
        counted = None

    # The predicate.
    predicate: str | None = None
    blocked = before_word in _BLOCKING_PREPOSITIONS
    if before_word == "of" and first >= 2:
        owner = lowers[first - 2]
        owner_lemma = _noun_lemma(owner)
        if owner_lemma in lx.EVENT_NOUNS:
            predicate = lx.EVENT_NOUNS[owner_lemma]
        blocked = owner_lemma not in lx.PARTITIVES
    if predicate is None and counted in lx.EVENT_NOUNS:
        predicate = lx.EVENT_NOUNS[counted]
        if counted in lx.EVENT_NOUNS_COUNTING_PEOPLE:
            counted = "person"
    if predicate is None and before_word in lx.DIRECTION_PREDICATES:
        predicate = lx.DIRECTION_PREDICATES[before_word]
    subject_verb_from = sentence.skip_place_phrase(end_of_phrase)
    if predicate is None and not blocked:
        predicate = sentence.verb_after(subject_verb_from, need_auxiliary=True)
    if predicate is None and (not blocked or before_word in _PRICE_PREPOSITIONS):
        verb = sentence.left_verb(first)
        if verb is not None:
            predicate = _verb_lemma(lowers[verb])
            if (
                counted is None
                and quantity.kind in ("count", "percent")
                and _sets_a_value(predicate)
            ):
                counted = _valued_thing(sentence, verb, first, before_word)
                if counted in lx.EVENT_NOUNS_COUNTING_PEOPLE:  # "the number of arrests"
                    counted, predicate = "person", lx.EVENT_NOUNS[counted]
    if counted is not None and counted.rsplit(" ", 1)[-1] in lx.TOLL_NOUNS:
        # a toll ("death toll", "quake toll") counts the dead, whatever verb moves it
        counted, predicate = lx.TOLL_NOUNS[counted.rsplit(" ", 1)[-1]]
    if predicate is None and (not blocked or before_word == "with"):
        predicate = sentence.verb_after(end_of_phrase, need_auxiliary=False)
    if counted is None and predicate in lx.PERSON_PREDICATES and quantity.kind == "count":
        counted = "person"

    preposition = before_word if blocked and before_word else None
    global_scope = not lx.GLOBAL_SCOPE.isdisjoint(lowers[max(0, first - 6) : first])
    return counted, predicate, preposition, global_scope


def _sets_a_value(predicate: str) -> bool:
    """Verbs that give a figure as the new value of something ("rose to", "put ... at")."""
    return lx.canonical_predicate(predicate) in ("rise", "fall") or predicate in lx.VALUE_VERBS


def _valued_thing(sentence: _Sentence, verb: int, first: int, before_word: str) -> str | None:
    """What a bare figure after a verb is the value of: the subject when nothing stands
    between ("the death toll rose to 120"), else an object before "at"/"to" ("put the
    death toll at 70")."""
    if verb + 1 in (first, first - 1):
        return sentence.subject_head(verb)
    if before_word in ("at", "to"):
        start = sentence.skip_determiners(verb + 1)
        if start < first - 1:
            return sentence.noun_phrase(start, limit=first - 1 - start)[0]
    return None


def _is_head_candidate(word: str) -> bool:
    """A word inside a quantity span that can name what is counted ("115 boys for...")."""
    return (
        _is_word(word)
        and not _is_numeric(word)
        and word not in lx.UNIT_WORDS
        and not _is_closed(word)
        and word != "every"
    )


def _age_subject(sentence: _Sentence, first: int) -> str | None:
    """Whose age it is: the noun before "aged" ("89 children aged 10 days to four years")."""
    lowers = sentence.lowers
    j = first - 1
    if j >= 0 and lowers[j] == "aged":
        j -= 1
    if j >= 0 and lowers[first - 1] == "aged" and _is_word(lowers[j]) and _nounish(lowers[j]):
        return _noun_lemma(lowers[j])
    return None


def _priced_thing(sentence: _Sentence, quantity: Quantity, first: int, after: int) -> str | None:
    """What a sum of money is paid for, when the sentence says so plainly."""
    lowers = sentence.lowers
    end = sentence.index_at(quantity.conversion.end) if quantity.conversion else after
    if end < len(lowers) and lowers[end] == ")":
        end += 1
    if end < len(lowers) and lowers[end] == "to":  # "paid $5 to a broker for ..."
        _, end = sentence.noun_phrase(sentence.skip_determiners(end + 1))
    # "70,000 yuan for a baby boy", "... for procuring registration certificates"
    if end < len(lowers) and lowers[end] in ("for", "per", "a", "each"):
        j = sentence.skip_determiners(end + 1)
        if j < len(lowers) and lowers[j].endswith("ing"):
            j = sentence.skip_determiners(j + 1)
        lemma, _ = sentence.noun_phrase(j)
        if lemma:
            return lemma
    # "girls (50,000 yuan)"
    if first >= 2 and lowers[first - 1] == "(" and _nounish(lowers[first - 2]):
        word = lowers[first - 2]
        if _is_word(word) and not _is_closed(word):
            return _noun_lemma(word)
    # "income of 2,736 yuan"
    if first >= 2 and lowers[first - 1] == "of" and _is_word(lowers[first - 2]):
        noun = lowers[first - 2]
        if "NOUN" in _readings(noun) and not _is_closed(noun):
            return _noun_lemma(noun)
    verb = sentence.left_verb(first)
    if verb is None:
        # "The price for Mingming was 70,000 yuan"
        j = first - 1
        if j >= 0 and lowers[j] in lx.AUXILIARIES:
            return sentence.subject_head(j + 1)
        return None
    # Passive: "Boys were sold for ..." prices the subject.
    if verb > 0 and lowers[verb - 1] in _BE_FORMS:
        return sentence.subject_head(verb)
    # Active: "buy a birth certificate for them at 4,000 yuan", "selling the babies for";
    # intransitive: "income has risen to 8,264 yuan".
    object_start = verb + 1
    while object_start < first and lowers[object_start] in lx.PARTICLES:  # "buy back"
        object_start += 1
    object_start = sentence.skip_determiners(object_start)
    while object_start < first and _is_numeric(lowers[object_start]):  # "52 million shares"
        object_start += 1
    lemma = None
    if object_start < first:
        lemma, _ = sentence.noun_phrase(object_start, limit=first - object_start)
    return lemma or sentence.subject_head(verb)


def _sentence_context(
    text: str,
    sentence: _Sentence,
    quantities: list[Quantity],
    published: dt.date | None,
    paragraph_places: tuple[list[tuple[str, int]], list[str]],
) -> dict[str, Any]:
    """The context every claim of a sentence shares: time and place.
    ``paragraph_places`` is the paragraph's place mentions and their names."""
    years = years_in(quantities)
    start, end = sentence.offset, sentence.offset + len(sentence.text)
    mentions, names = paragraph_places
    places = unique_names([m for m in mentions if start <= m[1] < end])
    return {
        "years": years,
        "dates": dates_in(sentence.text, published, years),
        "relative": relative_times(sentence.text, sentence.offset, published),
        "places": places,
        "paragraph_places": [p for p in names if p not in places],
    }


def _inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in regions)


def _is_relative_time(text: str, quantity: Quantity) -> bool:
    """ "ten days ago" places an event in time; it is context, not a claim."""
    return text[quantity.end : quantity.end + 5].lstrip().lower().startswith("ago")


def extract_claims(
    text: str,
    *,
    published: dt.date | None = None,
    regions: list[tuple[int, int]] | None = None,
) -> list[Claim]:
    """Every numeric claim in ``text``, in order of first appearance.

    ``regions`` limits claims to the article body (ingest cuts comments and page
    furniture); ``published`` resolves relative times. A sentence repeated word for
    word (a duplicated paragraph) yields one claim per figure, with a ``Mention``
    for each occurrence; the claim's own offsets are those of the first.
    """
    if isinstance(published, dt.datetime):  # a datetime is a date too, with a time to drop
        published = published.date()
    quantities = find_quantities(text)
    candidates = [
        q
        for q in quantities
        if q.role == "quantity"
        and (regions is None or _inside(regions, q.start, q.end))
        and not _is_relative_time(text, q)
    ]
    if not candidates:
        return []
    quantity_starts = [q.start for q in quantities]
    claims: list[Claim] = []
    seen: dict[tuple[str, int, str], Claim] = {}
    paragraph_places: dict[int, tuple[list[tuple[str, int]], list[str]]] = {}
    for start, end, paragraph, kept in _by_sentence(text, candidates):
        sentence_text = text[start:end]
        in_sentence = quantities[
            bisect_right(quantity_starts, start - 1) : bisect_right(quantity_starts, end - 1)
        ]
        sentence: _Sentence | None = None
        shared: dict[str, Any] = {}
        figures = [_format_number(q.value) for q in kept] if len(kept) > 1 else []
        for position, quantity in enumerate(kept):
            mention = Mention(quantity.start, quantity.end, start, end)
            key = (sentence_text, quantity.start - start, quantity.text)
            if key in seen:
                seen[key].mentions.append(mention)
                continue
            if sentence is None:
                sentence = _Sentence(sentence_text, start)
                if paragraph[0] not in paragraph_places:
                    mentions = place_mentions(text, *paragraph)
                    paragraph_places[paragraph[0]] = (mentions, unique_names(mentions))
                shared = _sentence_context(
                    text, sentence, in_sentence, published, paragraph_places[paragraph[0]]
                )
            counted, predicate, preposition, global_scope = _read_claim(sentence, quantity)
            context = shared.copy()
            context["neighbours"] = (figures[:position] + figures[position + 1 :])[
                :_NEIGHBOUR_LIMIT
            ]
            if preposition is not None:
                context["preposition"] = preposition
            if global_scope:
                context["scope"] = "global"
            context["counted_canonical"] = lx.canonical_counted(counted)
            context["predicate_canonical"] = lx.canonical_predicate(predicate)
            # Positional, in the field order of factcheck.models.Claim (as _to_quantity
            # builds a Quantity): matching twenty keywords cost ~2 us more a claim.
            claim = Claim(
                text[quantity.start : quantity.end],  # text
                quantity.value,
                quantity.low,
                quantity.high,
                quantity.qualifier,
                quantity.kind,
                quantity.unit,
                quantity.start,
                quantity.end,
                start,  # sentence_start
                end,  # sentence_end
                sentence_text,  # sentence
                counted,
                predicate,
                quantity.precision,
                quantity.low_inclusive,
                quantity.high_inclusive,
                quantity.conversion,
                context,
                [mention],  # mentions
            )
            seen[key] = claim
            claims.append(claim)
    return claims


def _by_sentence(
    text: str, candidates: list[Quantity]
) -> list[tuple[int, int, tuple[int, int], list[Quantity]]]:
    """``(start, end, paragraph, quantities)`` of each sentence holding a candidate, in
    order; ``paragraph`` is the ``(start, end)`` of its line.

    Only the lines (paragraphs) that hold a candidate are split into sentences:
    a newline always ends a sentence, and most lines of an article hold no figure.
    """
    found: list[tuple[int, int, tuple[int, int], list[Quantity]]] = []
    line_end = -1
    spans: list[tuple[int, int]] = []
    index = 0
    for quantity in candidates:
        if quantity.start >= line_end:
            line_start = text.rfind("\n", 0, quantity.start) + 1
            line_end = text.find("\n", quantity.start)
            line_end = len(text) if line_end == -1 else line_end
            spans = sentence_spans(text, line_start, line_end)
            index = 0
        while index < len(spans) and spans[index][1] < quantity.end:
            index += 1
        if index == len(spans) or quantity.start < spans[index][0]:
            continue  # spans a sentence boundary: no sentence to place it in
        start, end = spans[index]
        if found and found[-1][0] == start:
            found[-1][3].append(quantity)
        else:
            found.append((start, end, (line_start, line_end), [quantity]))
    return found
