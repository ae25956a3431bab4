"""Postings as sets or bitmasks: the same documents either way, through adds and removals."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.postings import DENSE, Postings, bits, highest


@given(st.sets(st.integers(min_value=0, max_value=5000)), st.integers(min_value=0, max_value=80))
def test_highest_reads_the_top_bits_of_a_mask(numbers: set[int], count: int) -> None:
    assert highest(bits(numbers), count) == sorted(numbers, reverse=True)[:count]


@settings(max_examples=60)
@given(st.lists(st.tuples(st.booleans(), st.integers(min_value=0, max_value=3 * DENSE)),
                max_size=6 * DENSE))
def test_postings_hold_what_was_added_and_not_removed(steps: list[tuple[bool, int]]) -> None:
    postings, expected = Postings(), set()
    for adding, number in steps:
        if adding:
            postings.add_many("term", [number])
            expected.add(number)
        else:
            postings.discard("term", number)
            expected.discard(number)
        assert postings.count("term") == len(expected)
    assert postings.mask("term") == bits(expected)
    assert postings.mask("never-seen") == 0


def test_a_common_term_becomes_a_bitmask_without_losing_documents() -> None:
    postings = Postings()
    postings.add_many("war", range(0, 2 * DENSE, 2))
    postings.add_many("war", [1])
    postings.discard("war", 0)
    assert postings.count("war") == DENSE
    assert highest(postings.mask("war"), 3) == [2 * DENSE - 2, 2 * DENSE - 4, 2 * DENSE - 6]
