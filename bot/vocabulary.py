"""Distinct terms of an index, matched by exact form, prefix, typo-tolerant similarity, and
(for names) by how they sound."""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict

from cachetools import LRUCache
from rapidfuzz import fuzz, process

from bot.text import skeleton

MATCH_CUTOFF = 78.0
"""Lowest rapidfuzz ratio at which a word counts as a typo of a vocabulary term."""
SUGGEST_CUTOFF = 60.0
"""Lowest ratio at which a term is offered as "did you mean"."""
PREFIX_SCORE = 90.0
"""Score of a vocabulary term that starts with the (four or more letter) query word."""
SOUND_SCORE = 85.0
"""Score of a name that sounds like the query word ("corey" for "kori")."""
SOUND_FLOOR = 40.0
"""A sound-alike must still be this similar in spelling (short skeletons collide)."""
RECENT_MATCHES = 4096
"""Vocabulary matches remembered (words repeat: in a query's "did you mean" searches, as an
inline query is typed, across users)."""


class Vocabulary:
    """Distinct terms, matched by exact form, prefix, or typo-tolerant similarity; with
    `sounds`, also by a sound-alike key (for names, typed by ear or transliterated)."""

    def __init__(self, *, sounds: bool = False) -> None:
        self._sorted: list[str] = []
        self._known: set[str] = set()
        self._by_length: dict[int, list[str]] = defaultdict(list)
        self._sounds: dict[str, set[str]] | None = defaultdict(set) if sounds else None
        self._recent: LRUCache[tuple[str, float], list[tuple[str, float]]] = LRUCache(
            RECENT_MATCHES)

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
            if self._sounds is not None and len(term) >= 3:
                self._sounds[skeleton(term)].add(term)
            self._recent.clear()

    def match(self, word: str, cutoff: float = MATCH_CUTOFF) -> list[tuple[str, float]]:
        """Terms that `word` may mean, with a similarity from 0 to 100, best first; the
        latest `RECENT_MATCHES` answers are remembered until a term is learnt."""
        key = (word, cutoff)
        found = self._recent.get(key)
        if found is None:
            found = self._recent[key] = self._match(word, cutoff)
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
            for term, score in self.similar(word, cutoff):
                found.setdefault(term, score)
        if not found and self._sounds is not None and len(word) >= 3:
            for term in self._sounds.get(skeleton(word), ()):
                if fuzz.ratio(word, term) >= SOUND_FLOOR:
                    found.setdefault(term, SOUND_SCORE)
        return sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))

    def similar(self, word: str, cutoff: float) -> list[tuple[str, float]]:
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
