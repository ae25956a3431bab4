"""In-memory search over the fact base: an inverted index of word stems with a typo-tolerant
vocabulary, and the name index beside it.

A query is read through the glossary into slots (a word or phrase and the words it may stand
for); each slot's words are matched against the vocabulary (exact, prefix, then rapidfuzz
`ratio` above a cutoff), never against every document. Documents are scored like BM25's
idf: the sum, over the slots, of the rarest matching term's weight; the documents holding any
slot are found with or operations on bitmask postings (see `bot.postings`) and scored in groups
of documents holding the same terms, so only the results returned are looked at one by one.
They rank by score times the share of the query's information they hold.

Relaxed but honest: a document need not hold every word, but it must hold most of the query's
information (`MIN_COVERAGE` of the summed weight; a word no item holds counts fully when it is
a name, less when it is an everyday word, see `unheld_weight`), so "what did biden say about
taiwan" finds nothing rather than Biden's demands; a long question less of it (`LONG_QUERY`).
Items are added and removed one at a time, so a write never rebuilds the index.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.glossary import Glossary, Slot
from bot.lexicon import everyday_spellings, only_describes, ordinary
from bot.models import Demand, Event, Fact, Item, Person, Quote, Statement
from bot.names import NameIndex, PeopleMatch, slot_terms
from bot.postings import Postings, highest
from bot.text import (
    REAL_WORD,
    STOPWORDS,
    commonness,
    date_day,
    date_text,
    rarity,
    skeleton,
    stem,
    stems,
    words,
)
from bot.vocabulary import PREFIX_SCORE, SUGGEST_CUTOFF, Vocabulary

REPEAT_BONUS = 1.0 + math.log(2)
"""A term held more than once (in the text and the topic, say) weighs this much more."""
MAX_QUERY_WORDS = 12
"""Words of a query that count: a longer one (a pasted paragraph, say) is cut, so its cost
stays bounded."""
MAX_RESPELT_WORDS = 3
"""Misspelt words of a query for which "did you mean" alternatives are tried."""
CORRECTION_MARGIN = 5.0
"""A correction this much less similar than the best one is not what the query word meant."""
SYNONYM_SCORE = 90.0
"""Similarity of a word the glossary gives for the one typed: the typed word ranks first."""
SPELLING_CUTOFF = 80.0
"""Least rapidfuzz ratio at which a misspelt word is taken for a word of the fact base."""
SOUND_MARGIN = 2.0
"""A respelling that sounds like the word typed wins over one this much more similar in
letters ("puttin" is "putin", not "putting")."""
PLAIN_WORD_FLOOR = 0.5
"""Least share of its weight an everyday word of the fact base carries (see `plain_weight`)."""
DESCRIBING_COMMONNESS = 4.0
"""Words as common as this (wordfreq's Zipf scale: once in 100,000 words) or more describe
nobody in particular."""
DESCRIBING_HOLDERS = 20
"""The most items a word of someone's role may be held by and still stand for them."""
MAX_SPELT = 20_000
"""Words whose respelling is remembered (a hostile stream must not grow this without bound)."""
LONGEST_WORD = 40
"""Longer typed words are kept as they are: no English word or name is this long, and
comparing a 4,000-letter "word" with the vocabulary took seconds."""
ATLANTIC = (("ence", "ense"), ("ense", "ence"), ("our", "or"), ("or", "our"), ("is", "iz"),
            ("iz", "is"), ("ys", "yz"), ("yz", "ys"), ("tre", "ter"), ("ter", "tre"),
            ("ogue", "og"), ("lled", "led"), ("lling", "ling"), ("led", "lled"),
            ("ling", "lling"))
"""British and American word endings for the same sounds, each way."""
INFLECTIONS = ("", "s", "e", "es", "ed", "ing", "ation", "ations")
"""What may follow such an ending ("recognis-ed", "organis-ation")."""
_OTHER_TAILS: dict[str, tuple[str, ...]] = {}
for _part, _other in ATLANTIC:
    for _ending in INFLECTIONS:
        _OTHER_TAILS[_part + _ending] = (*_OTHER_TAILS.get(_part + _ending, ()), _other + _ending)
_TAIL_LENGTHS = sorted({len(tail) for tail in _OTHER_TAILS})
"""Each spelling's word ending, with the other side's, by ending; the endings' lengths."""
NOT_NOUN_SHARE = 0.5
"""What an unheld adjective or adverb carries of an unheld everyday noun's or verb's weight."""
GLUED = re.compile(rf"\b[a-zA-Z]{{5,{LONGEST_WORD}}}\b")
"""A word long enough to be two typed together (checked by `SearchIndex.unglued`)."""
MAX_GLUED = 4
"""The most words found typed together in one."""
GLUED_RESPELLING = 3
"""Letters by which a respelling must be longer or shorter than the word typed for words
typed together to be read apart instead ("kremlinlist" is "kremlin list", not
"kremlinologist"; "casefire" is "ceasefire")."""
MIN_COVERAGE = 0.65
"""Share of a query's information (its slots' weights) an item must hold to be an answer."""
LONG_QUERY = 6
"""Searched words from which a question is long: written in full sentences ("would these
conditions limit the ability of the west to strengthen its armed forces in europe"), it
carries words of style no item holds, so an item must hold less of it, `PLAIN_QUERY` words'
worth of the share a short one needs."""
PLAIN_QUERY = 4
LEAST_COVERAGE = 0.4
"""Least share any question needs, however long ("what role will the united nations security
council play in monitoring a future ceasefire agreement" matched a report at 0.27)."""
KNOWN_WORDS_COVERAGE = 0.5
"""The same when every word of the query is in the fact base: it asks about what the sources
discuss, so an item holding half of it is a partial answer ("neutral non nuclear ukraine":
neutrality and the non-nuclear status are two demands), shown as such."""


@dataclass(frozen=True)
class Hit:
    """An item found by a search, with its relevance and the share of the query it holds."""

    item: Item
    score: float
    coverage: float = 1.0


@dataclass
class SearchResult:
    """Ranked hits, the corrections made to the query, "did you mean" alternatives, and the
    closest items when nothing held enough of the query (`near`)."""

    hits: list[Hit] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    near: list[Hit] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    """Query words that match nothing in the fact base."""


def searchable_text(item: Item, people: dict[str, Person]) -> str:
    """The text of an item that a search looks in: every field a reader may ask about."""
    if isinstance(item, Person):
        return " ".join((item.name, item.role, *item.aliases))
    if isinstance(item, Quote | Statement):
        speaker = people.get(item.speaker)
        name = speaker.name if speaker else item.speaker
        extra = (item.role, item.context) if isinstance(item, Quote) else ()
        return " ".join(filter(None, (item.text, name, *extra, item.date_phrase,
                                      item.date and date_day(item.date))))  # "on 6 march"
    if isinstance(item, Demand):
        return " ".join(filter(None, (item.text, item.period,
                                      item.date and date_text(item.date))))
    if isinstance(item, Event):
        return " ".join(filter(None, (item.text, item.date_phrase,
                                      *map(date_text, filter(None, (item.date, item.end))))))
    if isinstance(item, Fact):
        return f"{item.text} {item.topic}"
    return ""


def _terms(text: str) -> set[str]:
    """The meaningful stems of `text`."""
    return set(filter(None, stems(words(text))))


def unheld_weight(typed: str) -> float:
    """How much of a question a word no item holds carries, as a share of the rarest term's
    weight: a name carries all of it ("taiwan", "lavrov", "китай"), an everyday word as much
    as it is rare in the language ("give" little, "casualties" much), and half that when it
    can only be an adjective or adverb (a question asks about things and acts: "what exactly
    are the demands", "white house silent")."""
    typed_words = words(typed)
    if not all(ordinary(word) for word in typed_words):
        return 1.0
    if all(map(only_describes, typed_words)):
        return rarity(typed) * NOT_NOUN_SHARE
    return rarity(typed)


SWAPPED_STOPWORD_GAP = 3.0
"""How much commoner (Zipf) than a word typed a stopword with two of its letters swapped
must be to be what was meant: "teh" is "the", "form" stays "form"."""


def _swapped(word: str, known: Callable[[str], bool]) -> str | None:
    """The stopword or `known` word `word` becomes when two neighbouring letters are swapped
    ("waht" -> "what", "abotu" -> "about", "wnat" -> "want"; "form" -> "from" too, so the
    caller checks it is no word)."""
    if word in STOPWORDS or len(word) < 3:
        return None
    for cut in range(len(word) - 1):
        option = word[:cut] + word[cut + 1] + word[cut] + word[cut + 2 :]
        if option in STOPWORDS or known(option):
            return option
    return None


def spelling_variants(word: str) -> list[str]:
    """The word as spelt on the other side of the Atlantic ("defence" -> "defense", "centre"
    -> "center", "recognized" -> "recognised", "travelled" -> "traveled"): one of
    `ATLANTIC`'s endings swapped for the other, before any of `INFLECTIONS`."""
    found: list[str] = []
    for length in _TAIL_LENGTHS:
        tail = word[-length:]
        for other in _OTHER_TAILS.get(tail, ()):
            variant = word[:-length] + other
            if len(word) > length + 1 and not word.endswith(other) and variant not in found:
                found.append(variant)
    return found


def plain_weight(slot: Slot) -> float:
    """How much of its idf a word the fact base holds carries: all of it for a name or a
    glossary term, for a plain word as much as it is rare in English, at least
    `PLAIN_WORD_FLOOR` ("talking" and "keeps" in "what are the root causes russia keeps
    talking about" tell less of what it asks than "root" and "causes")."""
    if slot.known:
        return 1.0
    return max(PLAIN_WORD_FLOOR, rarity(slot.spelt or slot.typed))


@dataclass
class _Part:
    """Documents holding the same terms so far: their score and the information they hold."""

    members: int
    score: float
    coverage: float


class SearchIndex:
    """Full-text and name lookups over the live (not deleted) items."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary or Glossary()
        self.names = NameIndex()
        self._items: dict[str, Item] = {}
        self._ids: list[str] = []
        """Item id by document number; "" for a number whose item was removed."""
        self._numbers: dict[str, int] = {}
        self._postings = Postings()
        self._repeated = Postings()
        """The documents that hold a term more than once: they rank above those holding it once."""
        self._kinds = Postings()
        self._vocabulary = Vocabulary()
        self._written: set[str] = set()
        """Every word as written in the items (for showing stems and respelling)."""
        self._surface: dict[str, str] | None = None
        """A word as written for each stem, made from `_written` when first needed (and kept
        up to date from then on)."""
        self._spelling: Vocabulary | None = None
        self._spelt: dict[str, str] = {}
        """What `_spell` made of each word lately (forgotten when the words known change)."""
        """Words as written, for respelling a misspelt query word; made when first needed,
        kept up to date from then on, and forgotten when the glossary learns words."""

    def __len__(self) -> int:
        return len(self._items)

    def build(self, items: Iterable[Item]) -> None:
        """Index many items at once, replacing earlier versions (deleted ones are skipped):
        people first, so quotes can be found by their speaker's name; each term's postings
        are made in one step."""
        pending = [item for item in items if not item.deleted]
        pending.sort(key=lambda item: item.KIND != Person.KIND)
        held: defaultdict[str, list[int]] = defaultdict(list)
        repeated: defaultdict[str, list[int]] = defaultdict(list)
        kinds: defaultdict[str, list[int]] = defaultdict(list)
        written: set[str] = set()
        for item in pending:
            number = self._enter(item)
            kinds[item.KIND].append(number)
            typed = words(searchable_text(item, self.names.people))
            written.update(typed)
            terms = list(filter(None, stems(typed)))
            distinct = dict.fromkeys(terms)
            for term in distinct:
                held[term].append(number)
            if len(distinct) < len(terms):
                for term, count in Counter(terms).items():
                    if count > 1:
                        repeated[term].append(number)
        self._learn_written(written - self._written)
        for term, numbers in held.items():
            self._vocabulary.add(term)
            self._postings.add_many(term, numbers)
        for term, numbers in repeated.items():
            self._repeated.add_many(term, numbers)
        for kind, numbers in kinds.items():
            self._kinds.add_many(kind, numbers)

    def _learn_written(self, fresh: set[str]) -> None:
        """Learn words written for the first time, in the respelling vocabulary and the shown
        form of each stem too once they are made (making them again after each write that
        brings a new word took 6 ms of the next lookup)."""
        self._written |= fresh
        if fresh:
            self._spelt.clear()
        if self._spelling is not None:
            for word in sorted(fresh):
                if len(word) >= 4 and word.isascii() and word.isalpha():
                    self._spelling.add(word)
        if self._surface is not None:
            for word in fresh:
                term = stem(word)
                shown = self._surface.get(term)
                if shown is None or word < shown:
                    self._surface[term] = word

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
            self.names.add(item)
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
        for term in _terms(searchable_text(item, self.names.people)):
            self._postings.discard(term, number)
            self._repeated.discard(term, number)
        self.names.remove(item_id)

    def knows(self, term: str) -> bool:
        """Whether some item holds the word stem `term`."""
        return term in self._vocabulary

    def described(self, word: str) -> Person | None:
        """The one person a proper word of their role stands for ("kgb" is Putin, "eurasia"
        Angela Stent): a rare word that is no everyday English word ("east" is too common),
        in one person's role, and held only by that person's entry and what they said."""
        term = stem(word)
        if (not term or ordinary(word) or commonness(word) >= DESCRIBING_COMMONNESS
                or term not in self._vocabulary):
            return None
        holders = self.names.holders(term)
        if len(holders) != 1 or self._postings.count(term) > DESCRIBING_HOLDERS:
            return None
        person = self.names.people[holders[0]]
        for number in highest(self._postings.mask(term), DESCRIBING_HOLDERS):
            item = self._items[self._ids[number]]
            if item.id != person.id and getattr(item, "speaker", None) != person.id:
                return None
        return person

    def forget_spelling(self) -> None:
        """Make the respelling vocabulary again when next needed (the glossary learnt words)."""
        self._spelling = None
        self._spelt.clear()

    def shown(self, term: str) -> str:
        """A stem as a reader would write it ("negoti" -> "negotiations")."""
        if self._surface is None:
            self._surface = {}
            for word in sorted(self._written):
                self._surface.setdefault(stem(word), word)
        return self._surface.get(term, term)

    def read(self, query: str) -> list[Slot]:
        """The query's slots as the glossary reads it, misspelt words respelt."""
        return self.glossary.read(query, self._spell)

    def _is_written(self, word: str) -> bool:
        """Whether an item or the glossary writes `word` as it is."""
        return word in self._written or word in self.glossary.words()

    def respelt(self, word: str) -> str:
        """The word a misspelt query word means, or the word itself (see `_respell`)."""
        return self._spell(word)

    def _spell(self, word: str) -> str:
        """`_respell(word)`, remembered until the words known change."""
        spelt = self._spelt.get(word)
        if spelt is None:
            if len(self._spelt) >= MAX_SPELT:
                self._spelt.clear()
            spelt = self._spelt[word] = self._respell(word)
        return spelt

    def _respell(self, word: str) -> str:
        """The word a misspelt query word means: the most similar word of the fact base or
        the glossary, as written ("expanshion" -> "expansion"), one that sounds alike first
        ("stant" -> "stent", not "start"), then one with the same first letter ("truse" ->
        "truce", not "reuse"), else the likeliest everyday English word one edit
        away ("talkign" -> "talking", which finds "talks"); real words, words the fact base
        holds and short words are kept as typed, but for the other side of the Atlantic's
        spelling of a word it holds ("defence" -> "defense"); a question word with two
        letters swapped is that word ("waht" -> "what", "whta" -> "what"), and so is a much
        commoner stopword ("teh" -> "the")."""
        swapped = _swapped(word, self._is_written)
        if swapped and stem(word) not in self._vocabulary and (
                commonness(word) < REAL_WORD or (swapped in STOPWORDS and commonness(
                    swapped) - commonness(word) >= SWAPPED_STOPWORD_GAP)):
            return swapped
        if (len(word) < 4 or len(word) > LONGEST_WORD or not word.isascii()
                or not word.isalpha() or stem(word) in self._vocabulary):
            return word
        if commonness(word) >= REAL_WORD:
            return next((variant for variant in spelling_variants(word)
                         if stem(variant) in self._vocabulary), word)
        if self._spelling is None:
            self._spelling = Vocabulary(sounds=True)
            for written in sorted({*self._written, *self.glossary.words()}):
                if len(written) >= 4 and written.isascii() and written.isalpha():
                    self._spelling.add(written)
        sound = skeleton(word)
        matched = dict(self._spelling.match(word, SPELLING_CUTOFF))
        if PREFIX_SCORE in matched.values():  # a prefix hid the near spellings: look for them
            for term, score in self._spelling.similar(word, SPELLING_CUTOFF):
                matched.setdefault(term, score)
        found = [(term, score) for term, score in matched.items()
                 if SPELLING_CUTOFF <= score < 100]
        top = max((score for _, score in found), default=0.0)
        best = [term for term, score in sorted(found, key=lambda pair: (
            pair[1] < top - SOUND_MARGIN, skeleton(pair[0]) != sound, -pair[1],
            pair[0][:1] != word[:1], pair[0]))]
        if best:
            return best[0]
        everyday = everyday_spellings(word)
        held = [option for option in everyday if stem(option) in self._vocabulary]
        return (held or everyday or [word])[0]

    def unglued(self, text: str) -> str:
        """`text` with words typed together split ("whatdoes" -> "what does", "keithkellogg"
        -> "keith kellogg"): a word of Latin letters that is no word of English, the glossary
        or the fact base, nor a misspelling of one of the last two ("casefire" is "ceasefire",
        not "case fire"; "howlong" is "how long", not "howling"), whose parts (of two letters
        or more) each are a stopword or a word the fact base or the glossary writes; the
        right-hand part may itself be split again."""
        return GLUED.sub(lambda match: self._unglued(match.group().casefold()), text)

    def _unglued(self, word: str, depth: int = 0) -> str:
        if depth == 0 and (self._is_part(word) or commonness(word) > 0
                           or self._misspells_part(word)):
            return word
        splits = sorted(((min(cut, len(word) - cut), cut) for cut in range(2, len(word) - 1)
                         if self._is_part(word[:cut])), reverse=True)
        for _, cut in splits:  # two words first ("ceasefire plan", not "cease fire plan")
            if self._is_part(word[cut:]):
                return f"{word[:cut]} {word[cut:]}"
        for _, cut in splits if depth < MAX_GLUED - 2 else ():
            rest = self._unglued(word[cut:], depth + 1)
            if rest != word[cut:]:
                return f"{word[:cut]} {rest}"
        return word

    def _misspells_part(self, word: str) -> bool:
        """Whether `word` is a misspelling of a word the fact base or the glossary writes,
        near its length ("casefire": ceasefire; not "howlong": howling, nor "kremlinlist":
        kremlinologist)."""
        spelt = self._spell(word)
        return (spelt != word and self._is_part(spelt)
                and abs(len(spelt) - len(word)) < GLUED_RESPELLING)

    def _is_part(self, word: str) -> bool:
        """Whether `word` stands as a word of a query: a stopword, or a word the fact base or
        the glossary holds."""
        return word in STOPWORDS or self._is_written(word) or stem(word) in self._vocabulary

    def resolve_people(self, query: str | list[Slot], *, suggest: bool = True) -> PeopleMatch:
        """The people `query` names: by exact name or alias, else by each of its words; near
        misses as suggestions when nobody matches (and `suggest`)."""
        slots = self.read(query) if isinstance(query, str) else query
        return self.names.resolve(slots, self.knows, suggest=suggest)

    def search(
        self,
        query: str | list[Slot],
        kinds: frozenset[str] | None = None,
        limit: int = 50,
        *,
        suggest: bool = True,
        min_coverage: float | None = None,
    ) -> SearchResult:
        """Items relevant to `query` (its first `MAX_QUERY_WORDS` meaningful slots), best
        first; nothing when no item holds `min_coverage` of its information (by default
        `MIN_COVERAGE`, or `KNOWN_WORDS_COVERAGE` when the fact base holds every word).

        An item's score is the sum, over the slots, of its best-matching term's weight
        (rarity times similarity, more if the item holds the term twice or more); items rank
        by score times information held. Items holding the same terms rank the same, so they
        are ranked as groups, and only the `limit` best are ever looked at one by one; equal
        ranks go to the item indexed most recently.
        """
        slots = self.read(query) if isinstance(query, str) else query
        chosen = [(slot, found) for slot in slots if (found := slot_terms(slot))]
        chosen = list({tuple(found): (slot, found) for slot, found in chosen}.values())
        chosen = chosen[:MAX_QUERY_WORDS]
        result = SearchResult()
        if not chosen:
            return result
        options: list[list[tuple[float, float, int]]] = []
        worth: list[float] = []
        rarest = self._idf(1)
        for slot, found in chosen:
            meanings = self._slot_meanings(slot, found, result)
            if not meanings:
                result.unknown.append(slot.typed)
            worth.append(self._idf(self._count(meanings[0][0])) * plain_weight(slot) if meanings
                         else rarest * (1.0 if slot.asked else
                                        unheld_weight(slot.spelt or slot.typed)))
            options.append(sorted(self._options(meanings, worth[-1]),
                                  key=lambda option: -option[0]))
        candidates = self._any_of(held for choices in options for _, _, held in choices)
        if kinds is not None:
            candidates &= self._any_of(self._kinds.mask(kind) for kind in kinds)
        total = sum(worth) or 1.0
        parts = self._score_parts(candidates, options)
        if min_coverage is None:
            min_coverage = KNOWN_WORDS_COVERAGE if not result.unknown else MIN_COVERAGE
            if len(chosen) >= LONG_QUERY:  # a long question's style is words nobody holds
                min_coverage = max(min_coverage * PLAIN_QUERY / len(chosen), LEAST_COVERAGE)
        least = min_coverage * total - 1e-9
        enough = [part for part in parts if part.coverage >= least]
        result.hits = self._top(enough, limit, total)
        if not result.hits:
            result.near = self._top(parts, 5, total)
            if suggest:
                result.suggestions = self._alternatives(chosen, kinds)
        return result

    def _slot_meanings(self, slot: Slot, found: list[str],
                       result: SearchResult) -> list[tuple[str, float]]:
        """The terms a slot stands for, with their similarity: the typed word itself, its
        longer forms or its likeliest corrections, and the glossary's words as they are (a
        phrase of several words, "foreign troops", as one term: all of its words held)."""
        meanings: dict[str, float] = {}
        if slot.spelt:
            result.corrections[slot.typed] = slot.spelt
        position = 0
        for alternative in slot.alternatives:
            terms = [term for term in stems(words(alternative)) if term]
            if not terms:
                continue
            first, position = position == 0, position + 1
            if len(terms) > 1:
                if all(term in self._vocabulary for term in terms):
                    meanings[" ".join(terms)] = 100.0 if first else SYNONYM_SCORE
                continue
            term = terms[0]
            matched = self._meanings(term) if first or not slot.known else (
                [(term, SYNONYM_SCORE)] if term in self._vocabulary else [])
            if matched and first and not matched[0][0].startswith(term):
                if not slot.known and commonness(slot.typed) >= REAL_WORD:
                    matched = []
                else:
                    result.corrections[slot.typed] = self.shown(matched[0][0])
            for known, similarity in matched:
                meanings[known] = max(meanings.get(known, 0.0), similarity)
        if slot.known and not slot.spelt:
            result.corrections.pop(slot.typed, None)
        return sorted(meanings.items(), key=lambda pair: -pair[1])

    def _held_by(self, term: str) -> int:
        """The documents holding a term, or every word of a phrase ("foreign troop")."""
        mask = -1
        for word in term.split():
            mask &= self._postings.mask(word)
        return max(mask, 0)

    def _count(self, term: str) -> int:
        return self._postings.count(term) if " " not in term else self._held_by(term).bit_count()

    def _meanings(self, word: str) -> list[tuple[str, float]]:
        """The terms a query word stands for: itself and longer forms, or its likeliest
        corrections (one far less similar than the best is not what was meant)."""
        found = self._vocabulary.match(word)
        if found and not found[0][0].startswith(word):
            return [pair for pair in found if pair[1] >= found[0][1] - CORRECTION_MARGIN]
        return found

    def _idf(self, held: int) -> float:
        """How much a term held by `held` items tells: rarer terms tell more."""
        return math.log(1.0 + max(len(self._items), 1) / max(held, 1))

    def _options(self, found: list[tuple[str, float]],
                 cap: float) -> Iterable[tuple[float, float, int]]:
        """Each term a slot matched: its weight (more for documents holding it more than
        once; never more than `cap`, the word typed, so a rare synonym does not outrank it),
        the share of the slot's information it holds (as much as it is similar), and its
        documents."""
        for term, similarity in found:
            weight = min(similarity / 100.0 * self._idf(self._count(term)), cap)
            information = cap * similarity / 100.0
            if " " in term:
                yield weight, information, self._held_by(term)
                continue
            if self._repeated.count(term):
                yield weight * REPEAT_BONUS, information, self._repeated.mask(term)
            yield weight, information, self._postings.mask(term)

    @staticmethod
    def _any_of(masks: Iterable[int]) -> int:
        """The documents in any of `masks`."""
        mask = 0
        for held in masks:
            mask |= held
        return mask

    @staticmethod
    def _score_parts(candidates: int,
                     options: list[list[tuple[float, float, int]]]) -> list[_Part]:
        """The candidates in groups of equal score: each slot splits every group by the best
        term of it that its documents hold."""
        parts = [_Part(candidates, 0.0, 0.0)] if candidates else []
        for choices in options:
            split: list[_Part] = []
            for part in parts:
                rest = part.members
                for weight, information, held in choices:
                    inside = rest & held
                    if inside:
                        split.append(_Part(inside, part.score + weight,
                                           part.coverage + information))
                        rest ^= inside
                if rest:
                    split.append(_Part(rest, part.score, part.coverage))
            parts = split
        return parts

    def _top(self, parts: list[_Part], limit: int, total: float) -> list[Hit]:
        """The `limit` best: groups from the highest rank (score times the information held,
        so an item holding more of the question goes first, like Lucene's coordination
        factor: "putin ceasefire" ranks Putin on the ceasefire above Putin's own entry), each
        newest first (ranks that differ only by rounding are one group)."""
        groups: dict[float, list[_Part]] = defaultdict(list)
        for part in parts:
            groups[round(part.score * part.coverage, 9)].append(part)
        hits: list[Hit] = []
        for score in sorted(groups, reverse=True):
            group = groups[score]
            members = self._any_of(part.members for part in group)
            for number in highest(members, limit - len(hits)):
                part = group[0] if len(group) == 1 else next(
                    part for part in group if part.members >> number & 1)
                hits.append(Hit(self._items[self._ids[number]], part.score,
                                part.coverage / total))
            if len(hits) >= limit:
                break
        return hits

    def _alternatives(self, chosen: list[tuple[Slot, list[str]]],
                      kinds: frozenset[str] | None) -> list[str]:
        """Queries close to the query that would find something: the nearest terms of the
        first few misspelt words, not real words the sources lack ("died" is no typo of
        "tied"), at most three queries."""
        typed = [slot.typed for slot, _ in chosen]
        options: list[str] = []
        misspelt = [position for position, (slot, found) in enumerate(chosen)
                    if not slot.known and found[0] not in self._vocabulary
                    and commonness(slot.typed) < REAL_WORD][:MAX_RESPELT_WORDS]
        for position in misspelt:
            word = chosen[position][1][0]
            for term, _ in self._vocabulary.match(word, SUGGEST_CUTOFF)[:3]:
                option = " ".join([*typed[:position], self.shown(term), *typed[position + 1 :]])
                if term != word and option not in options and self.search(
                    option, kinds, limit=1, suggest=False
                ).hits:
                    options.append(option)
        return options[:3]
