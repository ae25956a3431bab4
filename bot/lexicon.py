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

from bot.text import is_cyrillic

LEXICON_FILE = "lemma_lu.csv.gz"
"""lemminflect's table of every word form: `form,tag,lemma` rows."""
NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
"""pymorphy3 tags of a name or an abbreviation ("Китай", "Макрон", "ЄС")."""


@functools.cache
def _ordinary_hashes() -> array[int]:
    """The sorted hashes of the lowercase English words that are never written capitalised
    (about 60,000: half a megabyte, where a set of the words would take several; 0.1 s)."""
    with gzip.open(str(resources.files("lemminflect") / "resources" / LEXICON_FILE), "rt",
                   encoding="utf-8") as table:
        forms = [row.split(",", 1)[0] for row in table]
    lower = {form for form in forms if form.isalpha() and form.islower()}
    capital = {form.lower() for form in forms if form.isalpha() and not form.islower()}
    return array("q", sorted(hash(word) for word in lower - capital))


def _in_english(word: str) -> bool:
    hashes = _ordinary_hashes()
    key = hash(word)
    position = bisect_left(hashes, key)
    return position < len(hashes) and hashes[position] == key


@functools.lru_cache(maxsize=20_000)
def ordinary(word: str) -> bool:
    """Whether `word` (lowercase) is an everyday word of English, Russian or Ukrainian rather
    than a name, an abbreviation or a word no dictionary knows ("border", "keeping", "санкции"
    are ordinary; "taiwan", "lavrov", "eu", "китай", "макрон" are not)."""
    if not is_cyrillic(word):
        return _in_english(word)
    from bot.glossary import analyzers

    known = [parse for analyzer in analyzers()
             for parse in analyzer.parse(word)[:1]  # type: ignore[attr-defined]
             if parse.is_known]
    return bool(known) and not any(parse.tag.grammemes & NAME_TAGS for parse in known)


@functools.lru_cache(maxsize=20_000)
def future_tense(word: str) -> bool:
    """Whether a Russian or Ukrainian word may be a verb in the future tense ("закончится",
    "закінчиться"; perfective forms can read as infinitives too, so any likely reading)."""
    from bot.glossary import analyzers

    return any(parse.is_known and "futr" in parse.tag.grammemes
               for analyzer in analyzers()
               for parse in analyzer.parse(word)[:3])  # type: ignore[attr-defined]


def warm() -> None:
    """Load the English lexicon now rather than at the first unknown word."""
    _ordinary_hashes()
