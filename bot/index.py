"""In-memory search over the fact base: an inverted index with a typo-tolerant vocabulary.

A query is never compared with every document. Its words are matched against the vocabulary
(exact, prefix, then rapidfuzz `ratio` above a cutoff); the documents holding enough of the
matched words are found with and/or operations on bitmask postings (see `bot.postings`), and
scored in groups of documents holding the same terms, so only the results returned are looked
at one by one. Names resolve the same way against a vocabulary of names, aliases and roles.
Items are added and removed one at a time, so a write never rebuilds the index.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import unicodedata
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.models import Demand, Event, Fact, Item, Person, Quote, Statement
from bot.postings import Postings, highest

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
REPEAT_BONUS = 1.0 + math.log(2)
"""A term held more than once (in the text and the topic, say) weighs this much more."""
RECENT_MATCHES = 4096
"""Vocabulary matches remembered (words repeat: in a query's "did you mean" searches, as an
inline query is typed, across users)."""
MAX_QUERY_WORDS = 12
"""Words of a query that count: a longer one (a pasted paragraph, say) is cut, so its cost
stays bounded."""
MAX_RESPELT_WORDS = 3
"""Misspelt words of a query for which "did you mean" alternatives are tried."""
CORRECTION_MARGIN = 5.0
"""A correction this much less similar than the best one is not what the query word meant."""

_WORD = re.compile(r"[^\W_]+")
_US = re.compile(r"\bu\.\s?s\.(?=\W|$)")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalize(text: str) -> str:
    """Lower-case, accents stripped, "U.S." as "us"."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = text.casefold()
    return _US.sub("us", text) if "u." in text else text


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
    return list(filter(None, _folded_words(text)))


def _term_counts(text: str) -> Counter[str]:
    """How many times `text` holds each of its meaningful words (as `tokenize` gives them)."""
    counts = Counter(_folded_words(text))
    counts.pop("", None)
    return counts


def _folded_words(text: str) -> Iterator[str]:
    if len(_FOLDED) > MAX_FOLDED:
        _FOLDED.clear()
    return map(_FOLDED.__getitem__, _WORD.findall(normalize(text)))


class Vocabulary:
    """Distinct terms, matched by exact form, prefix, or typo-tolerant similarity."""

    def __init__(self) -> None:
        self._sorted: list[str] = []
        self._known: set[str] = set()
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._recent: OrderedDict[tuple[str, float], list[tuple[str, float]]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._known)

    def __contains__(self, term: object) -> bool:
        return term in self._known

    def add(self, term: str) -> None:
        """Learn a term; known terms are ignored."""
        if term not in self._known:
            self._known.add(term)
            self._by_length[len(term)].append(term)
            bisect.insort(self._sorted, term)
            self._recent.clear()

    def match(self, word: str, cutoff: float = MATCH_CUTOFF) -> list[tuple[str, float]]:
        """Terms that `word` may mean, with a similarity from 0 to 100, best first; the
        latest `RECENT_MATCHES` answers are remembered until a term is learnt."""
        key = (word, cutoff)
        found = self._recent.get(key)
        if found is None:
            found = self._recent[key] = self._match(word, cutoff)
            if len(self._recent) > RECENT_MATCHES:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(key)
        return list(found)

    def _match(self, word: str, cutoff: float) -> list[tuple[str, float]]:
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
            for term, score in self._similar(word, cutoff):
                found.setdefault(term, score)
        return sorted(found.items(), key=lambda pair: -pair[1])

    def _similar(self, word: str, cutoff: float) -> list[tuple[str, float]]:
        """The five terms most similar to `word` at or above `cutoff`.

        Only terms of a length that can reach the cutoff are compared: `ratio` is at most
        200 * shorter / (both lengths added).
        """
        shortest = math.ceil(len(word) * cutoff / (200.0 - cutoff) - 1e-9)
        longest = math.floor(len(word) * (200.0 - cutoff) / cutoff + 1e-9)
        similar = [
            (term, score)
            for length, terms in self._by_length.items() if shortest <= length <= longest
            for term, score, _ in process.extract(
                word, terms, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
        ]
        return heapq.nsmallest(5, similar, key=lambda pair: (-pair[1], pair[0]))


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
        self._ids: list[str] = []
        """Item id by document number; "" for a number whose item was removed."""
        self._numbers: dict[str, int] = {}
        self._postings = Postings()
        self._repeated = Postings()
        """The documents that hold a term more than once: they rank above those holding it once."""
        self._kinds = Postings()
        self._vocabulary = Vocabulary()
        self._name_postings: dict[str, dict[str, float]] = defaultdict(dict)
        self._name_terms_of: dict[str, tuple[str, ...]] = {}
        self._phrases: dict[str, set[str]] = defaultdict(set)
        self._name_vocabulary = Vocabulary()

    def __len__(self) -> int:
        return len(self._items)

    def build(self, items: Iterable[Item]) -> None:
        """Index many items at once, replacing earlier versions (deleted ones are skipped):
        people first, so quotes can be found by their speaker's name; each term's postings
        are made in one step."""
        pending = [item for item in items if not item.deleted]
        pending.sort(key=lambda item: not isinstance(item, Person))
        held: dict[str, list[int]] = defaultdict(list)
        repeated: dict[str, list[int]] = defaultdict(list)
        kinds: dict[str, list[int]] = defaultdict(list)
        for item in pending:
            number = self._enter(item)
            kinds[item.KIND].append(number)
            for term, count in _term_counts(searchable_text(item, self._people)).items():
                held[term].append(number)
                if count > 1:
                    repeated[term].append(number)
        for term, numbers in held.items():
            self._vocabulary.add(term)
            self._postings.add_many(term, numbers)
        for term, numbers in repeated.items():
            self._repeated.add_many(term, numbers)
        for kind, numbers in kinds.items():
            self._kinds.add_many(kind, numbers)

    def add(self, item: Item) -> None:
        """Index `item`, replacing any earlier version with the same id."""
        if item.deleted:
            self.remove(item.id)
            return
        self.build([item])

    def _enter(self, item: Item) -> int:
        """Give `item` the next document number (the most recent), replacing its old one."""
        self.remove(item.id)
        number = len(self._ids)
        self._ids.append(item.id)
        self._numbers[item.id] = number
        self._items[item.id] = item
        if isinstance(item, Person):
            self._add_person(item)
        return number

    def remove(self, item_id: str) -> None:
        """Drop an item from the index; unknown ids are ignored.

        Its terms are found by tokenising it again (keeping them for every item would cost
        memory for the rare write), so a speaker's quotes must be removed before the speaker
        is renamed. Its number is not reused: numbers give the order items were indexed in.
        """
        item = self._items.pop(item_id, None)
        if item is None:
            return
        number = self._numbers.pop(item_id)
        self._ids[number] = ""
        self._kinds.discard(item.KIND, number)
        for term in _term_counts(searchable_text(item, self._people)):
            self._postings.discard(term, number)
            self._repeated.discard(term, number)
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

    def resolve_people(self, query: str, *, suggest: bool = True) -> PeopleMatch:
        """The people `query` names: by exact name or alias, else by each of its words; near
        misses as suggestions when nobody matches (and `suggest`)."""
        words = tokenize(query)
        exact = self._phrases.get(" ".join(words)) if words else None
        if exact:
            return PeopleMatch(people=self._ordered(exact), exact=True)
        if not words:
            return PeopleMatch()
        words = words[:MAX_QUERY_WORDS]
        scores = self._score_people(words, MATCH_CUTOFF)
        best = max(scores.values(), default=0.0)
        if best >= MATCH_CUTOFF:
            chosen = [pid for pid, score in scores.items() if score >= best - 2.0]
            return PeopleMatch(people=self._ordered(chosen))
        if not suggest:
            return PeopleMatch()
        near = self._score_people(words, SUGGEST_CUTOFF)
        ranked = heapq.nlargest(5, near, key=lambda pid: near[pid])
        return PeopleMatch(suggestions=[self._people[pid] for pid in ranked])

    def _score_people(self, words: list[str], cutoff: float) -> dict[str, float]:
        """Mean over the query words of each person's best match for the word.

        An ordinary word spelt right (known to the text vocabulary but not to the names) is
        not taken for a misspelt name; a query with too many of those names nobody.
        """
        namelike = [word for word in words
                    if word in self._name_vocabulary or word not in self._vocabulary]
        if cutoff >= MATCH_CUTOFF and len(namelike) * 100.0 < cutoff * len(words):
            return {}
        totals: dict[str, float] = defaultdict(float)
        for word in namelike:
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
        """Items relevant to `query` (its first `MAX_QUERY_WORDS` distinct words), best first;
        nothing when no word of it is known.

        An item's score is the sum, over the query's words, of its best-matching term's
        weight (rarity times similarity, more if the item holds the term twice or more).
        Items holding the same terms score the same, so they are ranked as groups, and only
        the `limit` best are ever looked at one by one; equal scores go to the item indexed
        most recently.
        """
        words = list(dict.fromkeys(tokenize(query)))[:MAX_QUERY_WORDS]
        result = SearchResult()
        if not words:
            return result
        options = []
        for word in words:
            found = self._meanings(word)
            if found and not found[0][0].startswith(word):
                result.corrections[word] = found[0][0]
            options.append(sorted(self._options(found), key=lambda option: -option[0]))
        candidates = self._holding_enough(
            [self._any_of(held for _, held in choices) for choices in options])
        if kinds is not None:
            candidates &= self._any_of(self._kinds.mask(kind) for kind in kinds)
        result.hits = self._top(self._score_groups(candidates, options), limit)
        if not result.hits and suggest:
            result.suggestions = self._alternatives(words, kinds)
        return result

    def _meanings(self, word: str) -> list[tuple[str, float]]:
        """The terms a query word stands for: itself and longer forms, or its likeliest
        corrections (one far less similar than the best is not what was meant)."""
        found = self._vocabulary.match(word)
        if found and not found[0][0].startswith(word):
            return [pair for pair in found if pair[1] >= found[0][1] - CORRECTION_MARGIN]
        return found

    def _weight(self, term: str, similarity: float) -> float:
        """What a term is worth to a query word: its rarity (idf) times the similarity."""
        total = max(len(self._items), 1)
        return similarity / 100.0 * math.log(1.0 + total / max(self._postings.count(term), 1))

    def _options(self, found: list[tuple[str, float]]) -> Iterable[tuple[float, int]]:
        """Each term a query word matched: its weight and its documents, and those holding it
        more than once with their higher weight."""
        for term, similarity in found:
            weight = self._weight(term, similarity)
            if self._repeated.count(term):
                yield weight * REPEAT_BONUS, self._repeated.mask(term)
            yield weight, self._postings.mask(term)

    @staticmethod
    def _any_of(masks: Iterable[int]) -> int:
        """The documents in any of `masks`."""
        mask = 0
        for held in masks:
            mask |= held
        return mask

    @staticmethod
    def _holding_enough(words: list[int]) -> int:
        """The documents holding enough of the query's words: all of two, 60 % of more.

        `reached[n]` holds the documents holding at least n + 1 of the words seen so far.
        """
        required = len(words) if len(words) <= 2 else math.ceil(0.6 * len(words))
        reached = [0] * required
        for held in words:
            for level in range(required - 1, 0, -1):
                reached[level] |= reached[level - 1] & held
            reached[0] |= held
        return reached[-1]

    @staticmethod
    def _score_groups(candidates: int, options: list[list[tuple[float, int]]]) -> dict[float, int]:
        """The candidates grouped by score: each word splits every group by the best term of
        it that its documents hold."""
        groups = [(candidates, 0.0)]
        for choices in options:
            split = []
            for members, score in groups:
                rest = members
                for weight, held in choices:
                    part = rest & held
                    if part:
                        split.append((part, score + weight))
                        rest ^= part
                if rest:
                    split.append((rest, score))
            groups = split
        by_score: dict[float, int] = defaultdict(int)
        for members, score in groups:
            by_score[round(score, 9)] |= members
        return by_score

    def _top(self, by_score: dict[float, int], limit: int) -> list[Hit]:
        """The `limit` best: groups from the highest score, each newest first."""
        hits: list[Hit] = []
        for score in sorted(by_score, reverse=True):
            hits += (Hit(self._items[self._ids[number]], score)
                     for number in highest(by_score[score], limit - len(hits)))
            if len(hits) >= limit:
                break
        return hits

    def _alternatives(self, words: list[str], kinds: frozenset[str] | None) -> list[str]:
        """Queries close to `words` that would find something: the nearest terms of the first
        few words not spelt as known terms (at most three queries)."""
        options: list[str] = []
        misspelt = [position for position, word in enumerate(words)
                    if word not in self._vocabulary][:MAX_RESPELT_WORDS]
        for position in misspelt:
            word = words[position]
            for term, _ in self._vocabulary.match(word, SUGGEST_CUTOFF)[:3]:
                option = " ".join([*words[:position], term, *words[position + 1 :]])
                if term != word and option not in options and self.search(
                    option, kinds, limit=1, suggest=False
                ).hits:
                    options.append(option)
        return options[:3]
