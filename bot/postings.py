"""Which documents hold each term: sets of document numbers, or bitmasks for common terms.

Documents are numbered in the order they are indexed, so a higher number is a more recent
document. A term held by few documents keeps a set of numbers; from `DENSE` documents on, its
postings are one Python int used as a bitmask (bit n set: document n holds the term). The set
algebra of a query — and, or, how many of its words a document holds — is then a handful of
C-level operations on machine words, however many documents hold each word.
"""

from __future__ import annotations

from collections.abc import Collection

DENSE = 64
"""From this many documents on, a term's postings are a bitmask."""


def bits(numbers: Collection[int]) -> int:
    """The bitmask with the bits of `numbers` set."""
    if not numbers:
        return 0
    buffer = bytearray(max(numbers) // 8 + 1)
    for number in numbers:
        buffer[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(buffer, "little")


FEW_BITS = 16
"""Up to this many set bits, they are picked off one by one rather than read from a string."""
SPAN_MARGIN = 2
"""How many times the span expected to hold the bits wanted is read at first."""


def highest(mask: int, count: int) -> list[int]:
    """The numbers of the `count` highest set bits of `mask`, highest first.

    A mask with many bits is read as a binary string from the top down, a span at a time:
    first twice the span in which `count` of its bits are expected, then twice as much each
    time, so a few from the top of 100,000 bits never turn all of them into a string."""
    found: list[int] = []
    total = mask.bit_count()
    if total <= FEW_BITS or count <= FEW_BITS // 4:
        for _ in range(min(count, total)):
            if found:
                mask ^= 1 << found[-1]
            found.append(mask.bit_length() - 1)
        return found
    top = mask.bit_length()
    span = max(FEW_BITS, SPAN_MARGIN * top * count // total)
    while top > 0 and len(found) < count:
        low = max(0, top - span)
        digits = bin((mask >> low) & ((1 << (top - low)) - 1))
        last = len(digits) - 1 + low
        position = digits.find("1", 2)
        while position != -1 and len(found) < count:
            found.append(last - position)
            position = digits.find("1", position + 1)
        top, span = low, span * 2
    return found


class Postings:
    """For each term, the numbers of the documents that hold it."""

    def __init__(self) -> None:
        self._sparse: dict[str, set[int]] = {}
        self._dense: dict[str, int] = {}
        self._counts: dict[str, int] = {}

    def count(self, term: str) -> int:
        """How many documents hold `term`."""
        return self._counts.get(term, 0)

    def mask(self, term: str) -> int:
        """The documents holding `term`, as a bitmask."""
        dense = self._dense.get(term)
        if dense is not None:
            return dense
        return bits(self._sparse.get(term, ()))

    def add_many(self, term: str, numbers: Collection[int]) -> None:
        """Record that the documents `numbers` hold `term`."""
        if term in self._dense:
            self._dense[term] |= bits(numbers)
            self._counts[term] = self._dense[term].bit_count()
            return
        if term not in self._sparse and len(numbers) >= DENSE:
            self._dense[term] = bits(numbers)
            self._counts[term] = self._dense[term].bit_count()
            return
        held = self._sparse.setdefault(term, set())
        held.update(numbers)
        self._counts[term] = len(held)
        if len(held) >= DENSE:
            self._dense[term] = bits(self._sparse.pop(term))

    def discard(self, term: str, number: int) -> None:
        """Forget that document `number` holds `term`; unknown pairs are ignored."""
        dense = self._dense.get(term)
        if dense is not None:
            if dense >> number & 1:
                self._dense[term] = dense ^ (1 << number)
                self._counts[term] -= 1
        elif number in self._sparse.get(term, ()):
            self._sparse[term].discard(number)
            self._counts[term] -= 1
