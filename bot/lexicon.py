"""Whether a word is an ordinary word of its language or a name.

A question word the fact base does not hold weighs more when it is a name ("what did biden
say about taiwan": the sources never mention Taiwan, so nothing answers it) than when it is
an everyday word a reader happens to use ("where did kellogg give his speech"). English words
are looked up in the SPECIALIST lexicon that `lemminflect` ships (every inflected form, proper
nouns capitalised); Russian and Ukrainian words in pymorphy3's dictionaries and their tags.
"""

from __future__ import annotations

import functools
import gzip
from array import array
from bisect import bisect_left
from importlib import resources

from bot.text import REAL_WORD, commonness, is_cyrillic

LEXICON_FILE = "lemma_lu.csv.gz"
"""lemminflect's table of every word form: `form,tag,lemma` rows."""
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
"""pymorphy3 tags of a name or an abbreviation ("Китай", "Макрон", "ЄС")."""
MIN_RESPELT = 5
"""Shortest misspelt word respelt as an everyday word: a shorter one has too many neighbours."""
LETTERS = "abcdefghijklmnopqrstuvwxyz"
EVERYDAY = 6.0
"""Zipf frequency from which an English word is everyday whatever the table says ("good")."""


def _rows() -> list[str]:
    """lemminflect's table's `form,tag,lemma` rows."""
    with gzip.open(str(resources.files("lemminflect") / "resources" / LEXICON_FILE), "rt",
                   encoding="utf-8") as table:
        return list(table)


@functools.cache
def _lexicon() -> tuple[array[int], array[int]]:
    """The sorted hashes of the English words written in lower case only (about 60,000), and
    of those written capitalised (names: about 6,000); half a megabyte, where sets of the
    words would take several; 0.2 s to load."""
    forms = [row.split(",", 1)[0] for row in _rows()]
    lower = {form for form in forms if form.isalpha() and form.islower()}
    capital = {form.lower() for form in forms if form.isalpha() and not form.islower()}
    return (array("q", sorted(map(hash, lower - capital))),
            array("q", sorted(map(hash, capital))))


@functools.cache
def _tags() -> dict[str, array[int]]:
    """The sorted hashes of the lower-case English words that may be verbs, and of those that
    may be nouns; loaded apart from `_lexicon`, when first needed."""
    tagged: dict[str, set[str]] = {"verb": set(), "noun": set()}
    for row in _rows():
        form, tag, _ = row.split(",", 2)
        if tag in tagged and form.isalpha() and form.islower():
            tagged[tag].add(form)
    return {tag: array("q", sorted(map(hash, forms))) for tag, forms in tagged.items()}


def _holds(hashes: array[int], word: str) -> bool:
    key = hash(word)
    position = bisect_left(hashes, key)
    return position < len(hashes) and hashes[position] == key


@functools.lru_cache(maxsize=20_000)
def ordinary(word: str) -> bool:
    """Whether `word` (lowercase) is an everyday word of English, Russian or Ukrainian rather
    than a name, an abbreviation or a word no dictionary knows ("border", "keeping", "санкции"
    are ordinary; "taiwan", "lavrov", "eu", "китай", "макрон" are not)."""
    if not is_cyrillic(word):  # lemminflect's table lacks a few ("good", "best")
        return _holds(_lexicon()[0], word) or commonness(word) >= EVERYDAY
    from bot.glossary import analyzers

    known = [parse for analyzer in analyzers()
             for parse in analyzer.parse(word)[:1]  # type: ignore[attr-defined]
             if parse.is_known]
    return bool(known) and not any(parse.tag.grammemes & NAME_TAGS for parse in known)


def names_thing_or_act(word: str) -> bool:
    """Whether an English `word` (lowercase) may be a noun or a verb ("population", "born",
    "send"); an adjective or adverb only ("silent", "bigger", "exactly") tells less of what
    a question is about."""
    return may_be_noun(word) or may_be_verb(word)


def only_describes(word: str) -> bool:
    """Whether `word` is an everyday English word that can only be an adjective or adverb
    ("exactly", "silent"): it tells little of what a question is about."""
    return not is_cyrillic(word) and ordinary(word) and not names_thing_or_act(word)


def may_be_verb(word: str) -> bool:
    """Whether an English `word` (lowercase) may be a verb ("send", "stop", "return")."""
    return _holds(_tags()["verb"], word)


def may_be_noun(word: str) -> bool:
    """Whether an English `word` (lowercase) may be a noun: a thing a question may ask about
    ("elections", "population"), where "stop" or "return" may be, but "send" may not."""
    return _holds(_tags()["noun"], word)


@functools.lru_cache(maxsize=20_000)
def future_tense(word: str) -> bool:
    """Whether a Russian or Ukrainian word may be a verb in the future tense ("закончится",
    "закінчиться"; perfective forms can read as infinitives too, so any likely reading)."""
    from bot.glossary import analyzers

    return any(parse.is_known and "futr" in parse.tag.grammemes
               for analyzer in analyzers()
               for parse in analyzer.parse(word)[:3])  # type: ignore[attr-defined]


def everyday_spellings(word: str) -> list[str]:
    """The everyday English words one edit (a letter dropped, added, changed, or two letters
    swapped; the first letter kept) from a misspelt word that no dictionary knows, most common
    first ("happned" -> "happened", "sqlitting" -> "splitting"); none for a word of fewer than
    five letters, or a known word or name."""
    ordinary_words, names = _lexicon()
    if len(word) < MIN_RESPELT or not word.isascii() or not word.isalpha() or any(
            _holds(hashes, word) for hashes in (ordinary_words, names)):
        return []
    found = {option for option in _edits(word) if option[0] == word[0]
             and _holds(ordinary_words, option) and commonness(option) >= REAL_WORD}
    return sorted(found, key=lambda option: (-commonness(option), option))


def _edits(word: str) -> set[str]:
    """Every string one edit from `word` (Norvig's spelling corrector)."""
    splits = [(word[:cut], word[cut:]) for cut in range(len(word) + 1)]
    return {*(head + tail[1:] for head, tail in splits if tail),
            *(head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1),
            *(head + letter + tail[1:] for head, tail in splits if tail for letter in LETTERS),
            *(head + letter + tail for head, tail in splits for letter in LETTERS)}


def warm() -> None:
    """Load the English lexicon now rather than at the first unknown word."""
    _lexicon()
    _tags()
