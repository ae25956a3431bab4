"""Who a name means: people and organisations found by name, alias or role, typo-tolerant and
by sound, so "kelog", "Corey Schake" and "Келлог" all find the right person."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.glossary import Slot
from bot.models import Person
from bot.text import normalize, stem, words
from bot.vocabulary import MATCH_CUTOFF, SUGGEST_CUTOFF, Vocabulary

ROLE_WEIGHT = 0.9
"""Role words name a person less surely than their name or aliases."""
MAX_NAME_WORDS = 12
"""Words of a name query that count."""
TITLES = frozenset("""mr mrs ms dr sir gen general retired president vice prime minister
    secretary senator sen rep ambassador envoy special deputy foreign defense defence chief
    former the""".split())
"""Words before a name that are not part of it ("Retired General Keith Kellogg")."""
SAME_NAME = 85
"""How alike (0-100) a given name or surname must be to another to be taken for it: a typo,
not another name ("Kelog" is Kellogg; "Ushakov" is not Schake)."""


@dataclass
class PeopleMatch:
    """The people a name may mean: `people` are matches, `suggestions` near misses."""

    people: list[Person] = field(default_factory=list)
    suggestions: list[Person] = field(default_factory=list)
    exact: bool = False

    @property
    def ambiguous(self) -> bool:
        """More than one person matches equally well."""
        return len(self.people) > 1


def slot_terms(slot: Slot) -> list[str]:
    """The stems a slot may stand for, its typed word's first."""
    found: list[str] = []
    for alternative in slot.alternatives:
        for word in words(alternative):
            term = stem(word)
            if term and term not in found:
                found.append(term)
    return found


def name_words(name: str) -> list[str]:
    """A name's words, lower-cased and without accents or the titles before it."""
    found = words(normalize(name.replace(".", " ")))
    while len(found) > 1 and found[0] in TITLES:
        found.pop(0)
    return found


def _agree(typed: str, known: str) -> bool:
    if typed == known:
        return True
    if len(typed) == 1:
        return known.startswith(typed)
    return min(len(typed), len(known)) >= 4 and fuzz.ratio(typed, known) >= SAME_NAME


def same_person(name: str, person: Person) -> bool:
    """Whether `name` surely means `person`: their name or a listed alias (case, accents and
    titles aside), or a full name whose surname and given name both agree with theirs."""
    typed = name_words(name)
    if not typed:
        return False
    if any(name_words(phrase) == typed for phrase in (person.name, *person.aliases)):
        return True
    own = name_words(person.name)
    return (len(typed) >= 2 and len(own) >= 2 and _agree(typed[-1], own[-1])
            and _agree(typed[0], own[0]))


class NameIndex:
    """Names, aliases and role words of every person, with the people holding each."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self._postings: dict[str, dict[str, float]] = defaultdict(dict)
        self._terms_of: dict[str, tuple[str, ...]] = {}
        self._phrases: dict[str, set[str]] = defaultdict(set)
        self.vocabulary = Vocabulary(sounds=True)
        self.name_terms: dict[str, int] = defaultdict(int)
        """Terms of names and aliases (not roles), with how many people hold each."""

    def add(self, person: Person) -> None:
        """Learn a person (a new version replaces the old one)."""
        self.remove(person.id)
        self.people[person.id] = person
        weights: dict[str, float] = {}
        for phrase in (person.name, *person.aliases):
            terms = [term for term in map(stem, words(phrase)) if term]
            self._phrases[" ".join(terms) or normalize(phrase)].add(person.id)
            for term in terms:
                weights[term] = 1.0
        for term in filter(None, map(stem, words(person.role))):
            weights.setdefault(term, ROLE_WEIGHT)
        for term, weight in weights.items():
            self._postings[term][person.id] = weight
            self.vocabulary.add(term)
            if weight == 1.0:
                self.name_terms[term] += 1
        self._terms_of[person.id] = tuple(weights)

    def remove(self, person_id: str) -> None:
        """Forget a person; unknown ids are ignored."""
        if self.people.pop(person_id, None) is None:
            return
        for term in self._terms_of.pop(person_id, ()):
            if self._postings[term].pop(person_id, None) == 1.0:
                self.name_terms[term] -= 1
        for holders in self._phrases.values():
            holders.discard(person_id)

    def resolve(self, slots: list[Slot], is_word: Callable[[str], bool], *,
                suggest: bool = True) -> PeopleMatch:
        """The people `slots` name: by exact name or alias, else by each of their words; near
        misses as suggestions when nobody matches (and `suggest`).

        `is_word(term)` tells an ordinary word of the fact base: spelt right, it is not taken
        for a misspelt name, and a query with too many of those names nobody.
        """
        options = [terms for terms in map(slot_terms, slots) if terms][:MAX_NAME_WORDS]
        if not options:
            return PeopleMatch()
        exact = self.exactly(slots)
        if exact:
            return PeopleMatch(people=self._ordered(exact), exact=True)
        scores = self._score(options, MATCH_CUTOFF, is_word)
        best = max(scores.values(), default=0.0)
        if best >= MATCH_CUTOFF:
            chosen = [pid for pid, score in scores.items() if score >= best - 2.0]
            return PeopleMatch(people=self._ordered(chosen))
        if not suggest:
            return PeopleMatch()
        near = self._score(options, SUGGEST_CUTOFF, is_word)
        ranked = heapq.nlargest(5, near, key=lambda pid: near[pid])
        return PeopleMatch(suggestions=[self.people[pid] for pid in ranked])

    def exactly(self, slots: list[Slot]) -> frozenset[str]:
        """The ids of the people `slots` name by a whole name or alias: as typed, else in
        the words each slot stands for first, or last (empty when none)."""
        options = [terms for terms in map(slot_terms, slots) if terms][:MAX_NAME_WORDS]
        if not options:
            return frozenset()
        typed = " ".join(term for slot in slots for term in map(stem, words(slot.typed)) if term)
        return frozenset(next(filter(None, (
            self._phrases.get(phrase) for phrase in (typed, " ".join(terms[0] for terms in options),
                                                     " ".join(terms[-1] for terms in options))
        )), ()))

    def holders(self, term: str) -> list[str]:
        """The ids of the people whose name, alias or role holds the stem `term`."""
        return list(self._postings.get(term, ()))

    def _score(self, options: list[list[str]], cutoff: float,
               is_word: Callable[[str], bool]) -> dict[str, float]:
        """Mean over the name-like words of each person's best match for the word.

        A word is name-like when it names someone or is no ordinary word of the fact base;
        a query of mostly ordinary words names nobody.
        """
        best_of: list[dict[str, float]] = []
        namelike = 0
        for terms in options:
            best: dict[str, float] = {}
            for term in terms:
                for found, similarity in self.vocabulary.match(term, cutoff):
                    for person_id, weight in self._postings[found].items():
                        best[person_id] = max(best.get(person_id, 0.0), similarity * weight)
            if best or not any(map(is_word, terms)):
                namelike += 1
            best_of.append(best)
        if cutoff >= MATCH_CUTOFF and namelike * 100.0 < cutoff * len(options):
            return {}
        totals: dict[str, float] = defaultdict(float)
        for best in best_of:
            for person_id, score in best.items():
                totals[person_id] += score
        return {person_id: total / max(namelike, 1) for person_id, total in totals.items()}

    def _ordered(self, person_ids: Iterable[str]) -> list[Person]:
        return sorted((self.people[pid] for pid in person_ids), key=lambda person: person.name)
