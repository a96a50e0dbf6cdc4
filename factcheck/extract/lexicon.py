"""Word tables for the claim layer and the matcher: closed word classes and synonyms.

Data only, plus the two look-ups the matcher shares with the extractor
(``canonical_counted``, ``canonical_predicate``). Synonym groups are deliberately
conservative: a wrong synonym merges claims about different things, which the
matcher treats as the costly failure, while a missing one only leaves two groups
apart. Each group maps every member lemma to one canonical lemma.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word set written as one space-separated string (tables stay readable)."""
    return frozenset(text.split())


# --- closed classes used by the shallow phrase reader -------------------------------

DETERMINERS = words(
    "a an the this that these those his her its their our my your some any each every "
    "another other such no"
)
PREPOSITIONS = words(
    "in into from of with without among amongst across on onto over under within between "
    "for at to by about around near against during after before since until through "
    "throughout via per toward towards along beside besides beyond inside outside upon "
    "despite including like than as vs versus"
)
CONJUNCTIONS = words("and or but nor yet so while whereas because although though if")
PRONOUNS = words(
    "i you he she it we they me him us them who whom whose which what that there "
    "someone somebody anyone nobody everyone"
)
AUXILIARIES = words(
    "be is are was were been being am have has had having do does did will would shall "
    "should can could may might must 's 're 've "
    # negated forms, tokenised before their "'t": "wasn't" -> "wasn", "'", "t"
    "wasn isn aren weren doesn didn don hasn haven hadn couldn wouldn shouldn mustn"
)
# Words that start a new clause: the verb of a claim is not looked for across them.
CLAUSE_OPENERS = words(
    "and but or while whereas because although though if when where who which that "
    "whose after before since until as"
)
# Adverb particles of phrasal verbs ("buy back", "took home", "sent out").
PARTICLES = words("out off away back down up home over")
# Words that end a noun phrase even though the lexicon may know a noun reading
# (months and weekdays name a time, not the thing counted).
NOUN_PHRASE_STOPS = (
    words(
        "last next this ago old each apiece respectively more less most least only just "
        "also still even already yet january february march april may june july august "
        "september october november december monday tuesday wednesday thursday friday "
        "saturday sunday"
    )
    | PARTICLES
)
# Words between a figure and its noun that do not change what is counted.
MORE_WORDS = words("more other additional further extra new")

# Verbs that carry no claim of their own: copulas, reporting and light verbs.
NON_PREDICATES = words(
    "be have do say tell report quote state add note accord show find believe think "
    "know see seem appear become get make aged age include involve remain cite "
    "announce claim suggest estimate"
)

# Nouns that stand for an event done to the counted thing: "the rescue of 15 infants",
# "1,000 arrests". Each maps to the verb lemma that is the claim's predicate.
EVENT_NOUNS: dict[str, str] = {
    "arrest": "arrest",
    "detention": "detain",
    "rescue": "rescue",
    "death": "die",
    "fatality": "die",
    "killing": "kill",
    "injury": "injure",
    "sale": "sell",
    "purchase": "buy",
    "deployment": "deploy",
    "evacuation": "evacuate",
    "abduction": "abduct",
    "kidnapping": "kidnap",
    "seizure": "seize",
    "conviction": "convict",
    "release": "release",
    "birth": "bear",
}
# Counted event nouns stand for people: "1,000 arrests" counts people arrested.
EVENT_NOUNS_COUNTING_PEOPLE = words(
    "arrest detention rescue death fatality killing injury deployment evacuation abduction "
    "kidnapping conviction"
)
# A toll is a count of the dead: "the death toll rose to 120" claims 120 died. Keyed by
# the head noun, so compounds ("death toll", "quake toll") count the dead too.
TOLL_NOUNS: dict[str, tuple[str, str]] = {"toll": ("person", "die")}
# Verbs besides rise/fall that set a value: "reached 120", "put the toll at 70".
VALUE_VERBS = words("raise lower put reach hit stand total top exceed number revise bring set")
# Predicates whose object or subject is a person when the text leaves the noun out
# ("more than 1,000 arrested").
PERSON_PREDICATES = words(
    "arrest detain rescue kill die injure wound evacuate abduct kidnap convict jail "
    "sentence deport displace"
)

# Nouns that only measure out what follows "of": "a total of 1,094 suspects",
# "hundreds of babies", "two sets of grandparents".
PARTITIVES = words(
    "total number group batch set pair couple dozen dozens score scores hundred hundreds "
    "thousand thousands million millions billion billions lot lots handful maximum "
    "minimum average tally estimate crowd"
)
# Words of a hedge written before a figure ("more than", "as much as", "between").
QUALIFIER_WORDS = words(
    "more than less fewer over under about around nearly almost some approximately roughly "
    "up to as many much little few at least most between an estimated just"
)
# Unit and currency words that follow a figure but are not the thing counted.
UNIT_WORDS = words(
    """
    percent per cent percentage point points pct pc u.s. us hk
    mln bln dlr dlrs ct cts cent cents pence p ecu ecus
    yuan rmb renminbi dollar dollars usd euro euros pound pounds sterling yen
    rupee rupees won ruble rubles rouble roubles franc francs
    peso pesos real reais rand dirham dirhams riyal riyals baht ringgit lira
    times fold
    km kilometre kilometres kilometer kilometers mile miles metre metres meter meters m
    cm mm ft foot feet inch inches yard yards kg kilogram kilograms kilo kilos gram grams
    g lb lbs pound tonne tonnes ton tons barrel barrels litre litres liter liters gallon
    gallons acre acres hectare hectares mph kph degree degrees celsius fahrenheit magnitude
    second seconds minute minutes hour hours day days week weeks month months year years
    decade decades century centuries
    million millions billion billions trillion thousand hundred bn m k
    """
)
# Direction words that stand in for a change verb: "up 12.3 percent".
DIRECTION_PREDICATES: dict[str, str] = {"up": "rise", "down": "fall"}

# Words marking a figure as a world-wide rather than a local one.
GLOBAL_SCOPE = words("global globally worldwide world-wide international internationally")

# --- synonym groups (member lemma -> canonical lemma) -------------------------------

_COUNTED_GROUPS: dict[str, tuple[str, ...]] = {
    "person": ("person", "people", "individual", "suspect"),
    "infant": ("infant", "baby", "newborn", "newborn baby"),
    "child": ("child", "kid", "minor"),
    "boy": ("boy", "baby boy"),
    "girl": ("girl", "baby girl"),
    "police officer": ("police officer", "policeman", "police"),
    "soldier": ("soldier", "troop", "serviceman"),
    "home": ("home", "house", "dwelling"),
    "ring": ("ring", "gang"),
}
_PREDICATE_GROUPS: dict[str, tuple[str, ...]] = {
    "arrest": ("arrest", "detain", "hold", "apprehend", "nab"),
    "rescue": ("rescue", "save"),
    "die": ("die", "kill", "perish"),
    "injure": ("injure", "wound", "hurt"),
    "buy": ("buy", "purchase"),
    "rise": ("rise", "increase", "grow", "climb", "jump", "surge", "soar"),
    "fall": ("fall", "drop", "decrease", "decline", "slump", "plunge", "shrink"),
    "deploy": ("deploy", "dispatch", "mobilise", "mobilize"),
    "smash": ("smash", "bust", "dismantle"),
}


def _invert(groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {member: canonical for canonical, members in groups.items() for member in members}


COUNTED_SYNONYMS: dict[str, str] = _invert(_COUNTED_GROUPS)
PREDICATE_SYNONYMS: dict[str, str] = _invert(_PREDICATE_GROUPS)


def canonical_counted(lemma: str | None) -> str | None:
    """Canonical form of a counted-thing lemma, for comparing claims across articles.

    A compound unknown as a whole falls back to its head noun only when the head's
    group is the person group ("detained suspect" -> person): other modifiers
    ("birth certificate") change what is counted and are kept.
    """
    if lemma is None:
        return None
    lemma = lemma.lower()
    if lemma in COUNTED_SYNONYMS:
        return COUNTED_SYNONYMS[lemma]
    head = lemma.rsplit(" ", 1)[-1]
    if COUNTED_SYNONYMS.get(head) == "person":
        return "person"
    return lemma


def canonical_predicate(lemma: str | None) -> str | None:
    """Canonical form of a predicate lemma ("detain" -> "arrest", "save" -> "rescue")."""
    if lemma is None:
        return None
    lemma = lemma.lower()
    return PREDICATE_SYNONYMS.get(lemma, lemma)
