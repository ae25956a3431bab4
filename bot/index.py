"""In-memory search over the fact base: an inverted index with a typo-tolerant vocabulary.

A query is never compared with every document. Its words are matched against the vocabulary
(exact, prefix, then rapidfuzz `ratio` above a cutoff); the documents holding enough of the
matched words are found with C-level set and counter operations, and only those are scored.
Names resolve the same way against a vocabulary of names, aliases and roles. Items are added
and removed one at a time, so a write never rebuilds the index.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.models import Demand, Event, Fact, Item, Person, Quote, Statement

STOPWORDS = frozenset(
    """a about after all also am an and any are as at be been before being but by can could did
    do does for from had has have he her him his how i if in into is it its me my no not of on
    or our over said say says she so some than that the their them then there these they this
    those to up was we were what when where which who whom why will with would you your tell
    show quote quotes""".split()
)
"""Words that carry no meaning for a lookup."""

MATCH_CUTOFF = 78.0
"""Lowest rapidfuzz ratio at which a word counts as a typo of a vocabulary term."""
SUGGEST_CUTOFF = 60.0
"""Lowest ratio at which a term is offered as "did you mean"."""
PREFIX_SCORE = 90.0
"""Score of a vocabulary term that starts with the (four or more letter) query word."""
ROLE_WEIGHT = 0.9
"""Role words name a person less surely than their name or aliases."""
MANY_CANDIDATES = 1000
"""Past this many candidates, only documents matching every word are scored, if enough do."""

_WORD = re.compile(r"[^\W_]+")
_US = re.compile(r"\bu\.\s?s\.(?=\W|$)")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalize(text: str) -> str:
    """Lower-case, accents stripped, "U.S." as "us"."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _US.sub("us", text.casefold())


def _fold(word: str) -> str:
    if word in STOPWORDS or (len(word) < 2 and not word.isdigit()):
        return ""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class _Folds(dict[str, str]):
    """Each word seen, folded ("" for a word that carries no meaning); words repeat a lot."""

    def __missing__(self, word: str) -> str:
        folded = self[word] = _fold(word)
        return folded


_FOLDED = _Folds()
MAX_FOLDED = 200_000


def tokenize(text: str) -> list[str]:
    """The meaningful words of `text`, normalised, plurals folded, in order.

    Apostrophes split words, so a possessive's lone "s" is dropped with the other one-letter
    words.
    """
    if len(_FOLDED) > MAX_FOLDED:
        _FOLDED.clear()
    return list(filter(None, map(_FOLDED.__getitem__, _WORD.findall(normalize(text)))))


class Vocabulary:
    """Distinct terms, matched by exact form, prefix, or typo-tolerant similarity."""

    def __init__(self) -> None:
        self._terms: list[str] = []
        self._sorted: list[str] = []
        self._known: set[str] = set()

    def __len__(self) -> int:
        return len(self._terms)

    def add(self, term: str) -> None:
        """Learn a term; known terms are ignored."""
        if term not in self._known:
            self._known.add(term)
            self._terms.append(term)
            bisect.insort(self._sorted, term)

    def match(self, word: str, cutoff: float = MATCH_CUTOFF) -> list[tuple[str, float]]:
        """Terms that `word` may mean, with a similarity from 0 to 100, best first."""
        found: dict[str, float] = {}
        if word in self._known:
            found[word] = 100.0
        if len(word) >= 4:
            start = bisect.bisect_left(self._sorted, word)
            for term in self._sorted[start : start + 20]:
                if not term.startswith(word):
                    break
                found.setdefault(term, PREFIX_SCORE)
        fuzzy_from = 4 if cutoff >= MATCH_CUTOFF else 3
        if len(word) >= fuzzy_from and (not found or cutoff < MATCH_CUTOFF):
            for term, score, _ in process.extract(
                word, self._terms, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5
            ):
                found.setdefault(term, score)
        return sorted(found.items(), key=lambda pair: -pair[1])


@dataclass(frozen=True)
class Hit:
    """An item found by a search, with its relevance."""

    item: Item
    score: float


@dataclass
class SearchResult:
    """Ranked hits, the corrections made to the query, and "did you mean" alternatives."""

    hits: list[Hit] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)


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


def searchable_text(item: Item, people: dict[str, Person]) -> str:
    """The text of an item that a search looks in."""
    if isinstance(item, Person):
        return " ".join((item.name, item.role, *item.aliases))
    if isinstance(item, Quote | Statement):
        speaker = people.get(item.speaker)
        name = speaker.name if speaker else item.speaker
        extra = item.context if isinstance(item, Quote) else None
        return " ".join(filter(None, (item.text, name, extra, item.date_phrase)))
    if isinstance(item, Demand):
        return f"{item.text} {item.period}"
    if isinstance(item, Event):
        return " ".join(filter(None, (item.text, item.date_phrase, item.date, item.end)))
    if isinstance(item, Fact):
        return f"{item.text} {item.topic}"
    return ""


class SearchIndex:
    """Full-text and name lookups over the live (not deleted) items."""

    def __init__(self) -> None:
        self._items: dict[str, Item] = {}
        self._people: dict[str, Person] = {}
        self._postings: dict[str, dict[str, int]] = defaultdict(dict)
        self._vocabulary = Vocabulary()
        self._name_postings: dict[str, dict[str, float]] = defaultdict(dict)
        self._name_terms_of: dict[str, tuple[str, ...]] = {}
        self._phrases: dict[str, set[str]] = defaultdict(set)
        self._name_vocabulary = Vocabulary()

    def __len__(self) -> int:
        return len(self._items)

    def build(self, items: Iterable[Item]) -> None:
        """Index many items: people first, so quotes can be found by their speaker's name."""
        pending = [item for item in items if not item.deleted]
        for item in pending:
            if isinstance(item, Person):
                self.add(item)
        for item in pending:
            if not isinstance(item, Person):
                self.add(item)

    def add(self, item: Item) -> None:
        """Index `item`, replacing any earlier version with the same id."""
        self.remove(item.id)
        if item.deleted:
            return
        self._items[item.id] = item
        counts = Counter(tokenize(searchable_text(item, self._people)))
        postings = self._postings
        for term, count in counts.items():
            posting = postings.get(term)
            if posting is None:
                posting = postings[term] = {}
                self._vocabulary.add(term)
            posting[item.id] = count
        if isinstance(item, Person):
            self._add_person(item)

    def remove(self, item_id: str) -> None:
        """Drop an item from the index; unknown ids are ignored.

        Its terms are found by tokenising it again (keeping them for every item would cost
        memory for the rare write), so a speaker's quotes must be removed before the speaker
        is renamed.
        """
        item = self._items.pop(item_id, None)
        if item is None:
            return
        for term in set(tokenize(searchable_text(item, self._people))):
            self._postings[term].pop(item_id, None)
        if self._people.pop(item_id, None) is not None:
            for term in self._name_terms_of.pop(item_id, ()):
                self._name_postings[term].pop(item_id, None)
            for holders in self._phrases.values():
                holders.discard(item_id)

    def get(self, item_id: str) -> Item | None:
        """A live item by id."""
        return self._items.get(item_id)

    def _add_person(self, person: Person) -> None:
        self._people[person.id] = person
        weights: dict[str, float] = {}
        for phrase in (person.name, *person.aliases):
            self._phrases[" ".join(tokenize(phrase)) or normalize(phrase)].add(person.id)
            for term in tokenize(phrase):
                weights[term] = 1.0
        for term in tokenize(person.role):
            weights.setdefault(term, ROLE_WEIGHT)
        for term, weight in weights.items():
            self._name_postings[term][person.id] = weight
            self._name_vocabulary.add(term)
        self._name_terms_of[person.id] = tuple(weights)

    def resolve_people(self, query: str) -> PeopleMatch:
        """The people `query` names: by exact name or alias, else by each of its words."""
        words = tokenize(query)
        exact = self._phrases.get(" ".join(words)) if words else None
        if exact:
            return PeopleMatch(people=self._ordered(exact), exact=True)
        if not words:
            return PeopleMatch()
        scores = self._score_people(words, MATCH_CUTOFF)
        best = max(scores.values(), default=0.0)
        if best >= MATCH_CUTOFF:
            chosen = [pid for pid, score in scores.items() if score >= best - 2.0]
            return PeopleMatch(people=self._ordered(chosen))
        near = self._score_people(words, SUGGEST_CUTOFF)
        ranked = heapq.nlargest(5, near, key=lambda pid: near[pid])
        return PeopleMatch(suggestions=[self._people[pid] for pid in ranked])

    def _score_people(self, words: list[str], cutoff: float) -> dict[str, float]:
        """Mean over the query words of each person's best match for the word."""
        totals: dict[str, float] = defaultdict(float)
        for word in words:
            best: dict[str, float] = {}
            for term, similarity in self._name_vocabulary.match(word, cutoff):
                for person_id, weight in self._name_postings[term].items():
                    best[person_id] = max(best.get(person_id, 0.0), similarity * weight)
            for person_id, score in best.items():
                totals[person_id] += score
        return {person_id: total / len(words) for person_id, total in totals.items()}

    def _ordered(self, person_ids: Iterable[str]) -> list[Person]:
        return sorted((self._people[pid] for pid in person_ids), key=lambda person: person.name)

    def search(
        self,
        query: str,
        kinds: frozenset[str] | None = None,
        limit: int = 50,
        *,
        suggest: bool = True,
    ) -> SearchResult:
        """Items relevant to `query`, best first; nothing when no word of it is known."""
        words = list(dict.fromkeys(tokenize(query)))
        result = SearchResult()
        if not words:
            return result
        matches = {word: self._vocabulary.match(word) for word in words}
        for word, found in matches.items():
            if found and found[0][1] < 100.0 and found[0][1] != PREFIX_SCORE:
                result.corrections[word] = found[0][0]
        required = len(words) if len(words) <= 2 else math.ceil(0.6 * len(words))
        documents = [self._documents(matches[word]) for word in words]
        hits_per_doc: Counter[str] = Counter()
        if required == len(words):
            documents.sort(key=len)
            common = set(documents[0])
            for more in documents[1:]:
                common.intersection_update(more)
            candidates = list(common)
            hits_per_doc.update(dict.fromkeys(candidates, len(words)))
        else:
            for docs in documents:
                hits_per_doc.update(docs)
            candidates = [doc for doc, count in hits_per_doc.items() if count >= required]
        if kinds is not None:
            candidates = [doc for doc in candidates if self._items[doc].KIND in kinds]
        if len(candidates) > MANY_CANDIDATES:
            complete = [doc for doc in candidates if hits_per_doc[doc] == len(words)]
            if len(complete) >= limit:
                candidates = complete
        scores = self._score(set(candidates), words, matches)
        top = heapq.nlargest(limit, scores.items(), key=lambda pair: (pair[1], pair[0]))
        result.hits = [Hit(self._items[doc], score) for doc, score in top]
        if not result.hits and suggest:
            result.suggestions = self._alternatives(words, kinds)
        return result

    def _documents(self, found: list[tuple[str, float]]) -> Collection[str]:
        """The documents holding any of the terms a query word matched."""
        if len(found) == 1:
            return self._postings[found[0][0]].keys()
        return {doc for term, _ in found for doc in self._postings[term]}

    def _score(
        self, candidates: set[str], words: list[str], matches: dict[str, list[tuple[str, float]]]
    ) -> dict[str, float]:
        """Sum over the query's words of each candidate's best-matching term weight (idf times
        similarity, more for repeated terms)."""
        total = max(len(self._items), 1)
        scores = dict.fromkeys(candidates, 0.0)
        for word in words:
            best: dict[str, float] = {}
            for term, similarity in matches[word]:
                postings = self._postings[term]
                weight = similarity / 100.0 * math.log(1.0 + total / max(len(postings), 1))
                for doc in candidates.intersection(postings):
                    count = postings[doc]
                    value = weight if count == 1 else weight * (1.0 + math.log(count))
                    if value > best.get(doc, 0.0):
                        best[doc] = value
            for doc, value in best.items():
                scores[doc] += value
        return scores

    def _alternatives(self, words: list[str], kinds: frozenset[str] | None) -> list[str]:
        """Queries close to `words` that would find something: each word's nearest terms."""
        options: list[str] = []
        for position, word in enumerate(words):
            for term, _ in self._vocabulary.match(word, SUGGEST_CUTOFF)[:3]:
                option = " ".join([*words[:position], term, *words[position + 1 :]])
                if term != word and option not in options and self.search(
                    option, kinds, limit=1, suggest=False
                ).hits:
                    options.append(option)
        return options[:3]
