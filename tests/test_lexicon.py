"""Everyday words against names: a word no item holds weighs fully when it is a name."""

from __future__ import annotations

import pytest

from bot.index import unheld_weight
from bot.lexicon import everyday_spellings, future_tense, ordinary


@pytest.mark.parametrize("word", ["border", "borders", "keeping", "speech", "phone",
                                  "санкции", "погибло", "війна"])
def test_everyday_words_are_ordinary(word: str) -> None:
    assert ordinary(word)


@pytest.mark.parametrize("word", ["taiwan", "lavrov", "rubio", "eu", "kursk", "china",
                                  "китай", "макрон", "єс"])
def test_names_and_abbreviations_are_not(word: str) -> None:
    assert not ordinary(word)


def test_a_name_the_sources_lack_weighs_more_than_an_everyday_word() -> None:
    assert unheld_weight("taiwan") == 1.0
    assert unheld_weight("give") < 0.3 < unheld_weight("casualties") <= 1.0


@pytest.mark.parametrize(("word", "future"), [("закончится", True), ("закінчиться", True),
                                              ("вторглася", False), ("погибло", False)])
def test_future_verbs_in_russian_and_ukrainian(word: str, future: bool) -> None:
    assert future_tense(word) is future


@pytest.mark.parametrize(("typed", "meant"), [("happned", "happened"), ("talkign", "talking"),
                                               ("sqlitting", "splitting"),
                                               ("sanctoins", "sanctions")])
def test_a_misspelt_everyday_word_is_respelt_one_edit_away(typed: str, meant: str) -> None:
    assert everyday_spellings(typed)[0] == meant


@pytest.mark.parametrize("typed", ["lavorv", "kurks", "taiwan", "border", "tihs"])
def test_names_known_words_and_short_words_are_not_respelt(typed: str) -> None:
    assert everyday_spellings(typed) == []
