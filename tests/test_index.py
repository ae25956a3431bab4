"""Search and name resolution: typo tolerance, ambiguity, nothing for nonsense, live updates."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.factbase import FactBase
from bot.glossary import Slot
from bot.index import (
    KNOWN_WORDS_COVERAGE,
    MAX_QUERY_WORDS,
    MIN_COVERAGE,
    REPEAT_BONUS,
    SearchIndex,
    SearchResult,
    plain_weight,
    unheld_weight,
)
from bot.models import Fact, Person
from bot.names import slot_terms
from bot.text import normalize, tokenize
from bot.vocabulary import Vocabulary


def test_tokenize_folds_case_accents_possessives_and_plurals() -> None:
    assert tokenize("Putin’s DEMANDS in Zelénskiy's U.S. talks, demanded") == [
        "putin", "demand", "zelenskiy", "us", "talk", "demand"
    ]
    assert normalize("Café") == "cafe"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kellogg", ["Keith Kellogg"]),
        ("kelog", ["Keith Kellogg"]),
        ("Keith", ["Keith Kellogg"]),
        ("the general", ["Keith Kellogg"]),
        ("KELLOGG", ["Keith Kellogg"]),
        ("zelensky", ["Volodymyr Zelenskiy"]),
        ("Zelenskyy", ["Volodymyr Zelenskiy"]),
        ("witkof", ["Steve Witkoff"]),
        ("stent", ["Angela Stent"]),
        ("brookings", ["Angela Stent"]),
        ("trump", ["Donald Trump"]),
        ("kremlin", ["Russia (the Kremlin)"]),
    ],
)
def test_names_resolve_through_aliases_and_typos(
    factbase: FactBase, query: str, expected: list[str]
) -> None:
    assert [person.name for person in factbase.index.resolve_people(query).people] == expected


def test_an_ambiguous_name_matches_everyone_it_may_mean(factbase: FactBase) -> None:
    match = factbase.index.resolve_people("envoy")
    assert match.ambiguous
    assert [person.name for person in match.people] == ["Keith Kellogg", "Steve Witkoff"]


def test_an_unknown_name_offers_near_misses_only(factbase: FactBase) -> None:
    match = factbase.index.resolve_people("schak")
    assert [person.name for person in match.people] == ["Kori Schake"]
    assert factbase.index.resolve_people("zzzzqqq").people == []
    assert factbase.index.resolve_people("zzzzqqq").suggestions == []


def test_search_ranks_by_relevance(factbase: FactBase) -> None:
    hits = factbase.index.search("intermediate-range missiles").hits
    assert hits[0].item.id == "no-intermediate-missiles"
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_search_tolerates_typos_and_reports_the_correction(factbase: FactBase) -> None:
    result = factbase.index.search("ceasfire")
    assert result.corrections == {"ceasfire": "ceasefire"}
    assert "ceasefire-uncertain" in [hit.item.id for hit in result.hits]


def test_nonsense_finds_nothing(factbase: FactBase) -> None:
    result = factbase.index.search("zzzzqqq")
    assert result.hits == []
    assert result.suggestions == []


def test_several_typos_still_find_the_item(factbase: FactBase) -> None:
    result = factbase.index.search("nucler weapns", limit=5)
    assert result.hits, "two typos of known words still find the non-nuclear demand"
    assert result.hits[0].item.id == "non-nuclear-status"


def test_suggestions_are_queries_that_find_something(factbase: FactBase) -> None:
    result = factbase.index.search("cea")
    assert result.hits == []
    assert result.suggestions
    for suggestion in result.suggestions:
        assert factbase.index.search(suggestion).hits


def test_kinds_restrict_the_search(factbase: FactBase) -> None:
    hits = factbase.index.search("istanbul", kinds=frozenset({"event"})).hits
    assert hits
    assert all(hit.item.KIND == "event" for hit in hits)


def test_items_are_added_and_removed_without_a_rebuild() -> None:
    index = SearchIndex()
    fact = Fact(id="new-one", source="s", origin="admin", text="Quantum diplomacy", topic="t")
    index.add(fact)
    assert [hit.item.id for hit in index.search("quantum").hits] == ["new-one"]
    index.add(fact.model_copy(update={"text": "Classical diplomacy"}))
    assert index.search("quantum").hits == []
    index.remove("new-one")
    assert index.search("diplomacy").hits == []
    index.add(Person(id="ann", source="s", origin="admin", name="Ann Example", role="Spokesperson"))
    assert [p.id for p in index.resolve_people("example").people] == ["ann"]
    index.remove("ann")
    assert index.resolve_people("example").people == []


def test_deleted_items_are_not_found() -> None:
    index = SearchIndex()
    index.build([Fact(id="gone", source="s", origin="admin", text="Hidden words", topic="t",
                      deleted=True)])
    assert index.search("hidden").hits == []


async def test_renaming_a_speaker_moves_their_quotes_to_the_new_name(factbase: FactBase) -> None:
    renamed = factbase.items["angela-stent"].model_copy(update={"name": "Angela Quuxworth"})
    await factbase.save(renamed, actor=1, action="edit")
    assert [h.item.id for h in factbase.index.search("quuxworth", kinds=frozenset({"quote"})).hits
            ] == ["stent-no-concessions"]
    assert factbase.index.search("stent", kinds=frozenset({"quote"})).hits == []


def _fact(number: int, text: str) -> Fact:
    return Fact(id=f"f{number}", source="s", origin="admin", text=text, topic="t")


def test_an_item_holding_a_word_twice_ranks_first_and_ties_go_to_the_newest() -> None:
    index = SearchIndex()
    index.build([_fact(1, "talks on a truce"), _fact(2, "truce, truce and more truce"),
                 _fact(3, "a truce in spring")])
    assert [hit.item.id for hit in index.search("truce").hits] == ["f2", "f3", "f1"]
    index.add(_fact(1, "talks on a truce, again"))
    assert [hit.item.id for hit in index.search("truce").hits] == ["f2", "f1", "f3"]


def test_a_correction_far_behind_the_best_one_is_not_searched() -> None:
    index = SearchIndex()
    index.build([_fact(1, "relations between the two"), _fact(2, "creating a new order")])
    result = index.search("relatins")
    assert result.corrections == {"relatins": "relations"}
    assert [hit.item.id for hit in result.hits] == ["f1"]


WORDS = ["truce", "talks", "sanctions", "nato", "ukraine", "russia", "russian", "peace",
         "envoy", "moscow", "kyiv", "deal"]


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), min_size=1,
                      max_size=150),
       query=st.lists(st.sampled_from([*WORDS, "truse", "rusia", "zzz"]), min_size=1,
                      max_size=5),
       limit=st.integers(min_value=1, max_value=40))
def test_search_ranks_exactly_as_scoring_every_document_would(
    texts: list[list[str]], query: list[str], limit: int
) -> None:
    """The grouped ranking equals the plain one: score each document on its own (sum over
    the query's words of the best term's weight, more for a repeated term; enough of the
    query's information held), best first by score times information held, ties to the
    newest."""
    index = SearchIndex()
    facts = [_fact(number, " ".join(words)) for number, words in enumerate(texts)]
    index.build(facts)
    slots: dict[str, Slot] = {}
    for word in query:
        for slot in index.read(word):
            if slot_terms(slot):
                slots.setdefault(slot_terms(slot)[0], slot)
    meanings = {term: index._slot_meanings(slot, slot_terms(slot), SearchResult())
                for term, slot in slots.items()}
    words = list(meanings)
    worth = {term: index._idf(index._postings.count(found[0][0])) * plain_weight(slots[term])
             if found
             else index._idf(1) * unheld_weight(slots[term].spelt or slots[term].typed)
             for term, found in meanings.items()}
    least = MIN_COVERAGE if not all(meanings.values()) else KNOWN_WORDS_COVERAGE
    expected = []
    for number, fact in enumerate(facts):
        held = Counter(tokenize(fact.text + " " + fact.topic))
        score = information = 0.0
        for word in words:
            weights = [(min(similarity / 100 * index._idf(index._postings.count(term)),
                            worth[word]) * (REPEAT_BONUS if held[term] > 1 else 1), similarity)
                       for term, similarity in meanings[word] if held[term]]
            if weights:
                weight, similarity = max(weights)
                score += weight
                information += worth[word] * similarity / 100
        if information and information >= least * sum(worth.values()) - 1e-9:
            expected.append((round(score * information, 9), number, fact.id, score))
    expected.sort(reverse=True)
    hits = index.search(" ".join(query), limit=limit, suggest=False).hits
    assert [(hit.item.id, round(hit.score, 6)) for hit in hits] == [
        (fact_id, round(score, 6)) for _, _, fact_id, score in expected[:limit]]


def test_a_remembered_match_is_forgotten_when_the_vocabulary_learns_a_term() -> None:
    vocabulary = Vocabulary()
    vocabulary.add("truce")
    assert [term for term, _ in vocabulary.match("truse")] == ["truce"]
    vocabulary.add("trust")
    assert sorted(term for term, _ in vocabulary.match("truse")) == ["truce", "trust"]


def test_a_pasted_paragraph_is_searched_by_its_first_twelve_words() -> None:
    held = ["truce", "nato"]
    index = SearchIndex()
    index.build([_fact(1, " ".join([*held, "sanctions", "deal", "talks"]))])
    nonsense = [f"qq{letter}" for letter in "abcdefghij"]
    assert len(held + nonsense) == MAX_QUERY_WORDS
    # 2 of the 12 words held, all as rare as each other: too little even of a long question
    # (MIN_COVERAGE * PLAIN_QUERY / 12); "sanctions", the 13th, is not counted.
    assert index.search(" ".join([*held, *nonsense, "sanctions"])).hits == []
    assert index.search(" ".join(["sanctions", "deal", "talks", *held, *nonsense[:3]])).hits


def test_commonness_is_wordfreqs_wherever_a_lookup_tells_words_apart() -> None:
    from wordfreq import zipf_frequency

    from bot.text import TOLD_APART, commonness

    english = ("the", "ceasefire", "sanctions", "abject", "appointees", "casualties",
               "zelenksy", "invasoin", "kellogg", "Kellogg", "u.s.", "don't", "2025")
    for word in english:  # common, at 3.00 exactly ("abject"), rare, misspelt, not a word
        expected = zipf_frequency(word, "en")
        assert commonness(word) == (expected if expected >= TOLD_APART else 0.0), word
    for word in ("перемирие", "вимоги", "келлог"):
        expected = max(zipf_frequency(word, "ru"), zipf_frequency(word, "uk"))
        assert commonness(word) == (expected if expected >= TOLD_APART else 0.0), word


def test_a_word_first_written_after_lookups_began_is_respelt_at_once() -> None:
    index = SearchIndex()
    index.build([_fact(1, "talks on a truce"), _fact(2, "the sanctions stay")])
    assert index.search("sanctoins").corrections == {"sanctoins": "sanctions"}
    index.add(_fact(3, "the zaporizhzhia plant"))
    result = index.search("zaporizhzha")
    assert result.corrections == {"zaporizhzha": "zaporizhzhia"}
    assert [hit.item.id for hit in result.hits] == ["f3"]
    assert index.shown("zaporizhzhia") == "zaporizhzhia"


def test_a_misspelling_is_respelt_to_the_word_it_sounds_like_when_nearly_as_close(
        factbase: FactBase) -> None:
    assert factbase.index.read("puttin")[0].spelt == "putin"  # not "putting"


def test_a_word_too_long_for_any_word_is_not_cut_into_words(factbase: FactBase) -> None:
    long_word = "whatdoes" * 512  # each 40-letter piece of it would read as words
    assert factbase.index.unglued(long_word) == long_word
