"""The story's glossary: what readers type, in English, Russian or Ukrainian, and the words of
the fact base it means ("truce" -> ceasefire, "nukes" -> nuclear weapons, "перемирие" ->
ceasefire, "Келлог" -> Kellogg).

`Glossary.read(text)` turns a query into `Slot`s: one per word or recognised phrase, each with
the English words it may stand for. Russian and Ukrainian words are matched through their
dictionary forms (pymorphy3), so "требования", "требований" and "вимоги" are all found; a
Cyrillic word the glossary does not know is spelt in Latin letters, which finds names.
"""

from __future__ import annotations

import functools
import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.text import (
    FILLER,
    is_cyrillic,
    numeric_forms,
    stem,
    transliterate,
    typed_day,
    words,
)

GLOSSARY_FILE = "glossary.json"
MAX_PHRASE_WORDS = 4
"""Longest phrase the glossary may list."""

CYRILLIC_STOPWORDS = frozenset(
    """а без бы был была были было в во вот вы да для до его ее её если есть же за и из или им
    их к как ко кто ли меня мне мной мы на над не нибудь нет ни но ну о об от по под при про
    с со так там то тот ту ты у уже чем что чтобы эта эти это этот я а аби або але бо був була
    були було в від вона вони воно ви де для до є же з за зі і із її їх й к коли ку ми на над
    не немає ні но ну о об от по при про під та так там те то ту ти у це ці цей ця чи що щоб як
    який яка яке які мені мене нас вам вас нам був буде будуть можна щодо такой такая такое
    такие такий така таке такі сейчас зараз вообще взагалі ещё ще быть бути есть всё все усі
    всі очень дуже насчет насчёт стосовно около возле вблизи у біля поблизу коло між между
    среди серед через играет грає сколько скільки будьте добры пожалуйста будь ласка
    подскажите скажите підкажіть скажіть знает знают знать знає знають знати пожалуиста
    пожалуста пожалста году році длится длиться продлится продлиться триває триватиме
    тривати будет упоминается упоминаются упомянут упомянуты згадується згадуються згадано
    згадані займає займають занимает занимают он она оно они ему ей ним ней них где якщо він
    ничем ничего нічого нічим
    йому їй їм""".split()
)
"""Russian and Ukrainian words that carry no meaning for a lookup."""
ARTICLES = frozenset({"a", "an", "the"})
"""Words a phrase may open with ("a pause") that give way to a longer phrase after them ("a
pause in fighting")."""
DETERMINERS = frozenset({"its", "his", "her", "their", "our", "any", "some"})
"""Words a reader may type inside a glossary phrase that do not change what it means."""
WHOLE_WORD_ENDINGS = ("ful",)
"""Endings a stem drops though they change the meaning: "useful" is read as itself, not as
"use" ("what did she used to do" is no question about anything valuable; "help" is not
"helpful")."""


class GlossaryEntry(BaseModel):
    """One meaning: the fact base's own words for it, and what readers may type instead."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)
    means: tuple[str, ...] = Field(min_length=1)
    """English words as the fact base spells them (or question words the parser knows)."""
    phrases: tuple[str, ...] = Field(min_length=1)
    """What readers may type: words or phrases of up to four words, in any language."""

    @field_validator("means", "phrases")
    @classmethod
    def _phrases_have_words(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            count = len(words(value))
            if not 1 <= count <= MAX_PHRASE_WORDS:
                raise ValueError(f"“{value}” must have 1 to {MAX_PHRASE_WORDS} words")
        return values


@dataclass(frozen=True)
class Slot:
    """A word (or phrase) of a query and the English words it may stand for."""

    typed: str
    alternatives: tuple[str, ...]
    known: bool = False
    """The glossary recognised it."""
    spelt: str = ""
    """The word meant, when what was typed was a misspelling of it."""
    entry: str = ""
    """The id of the glossary entry that recognised it."""
    asked: bool = False
    """It is what the question asks for ("population" in "what is the population of
    crimea"): when no item holds it, nothing answers the question."""


PARTICLES = frozenset({"down", "off", "up", "out", "back", "over", "away", "aside", "in"})
"""The particles of phrasal verbs ("turn down", "call off")."""
OBJECT_WORDS = frozenset("""it them this that these those some of part most all any much
    many him her something everything""".split())
"""Words that may stand between a phrasal verb and its particle ("turned some of it down")."""
MAX_OBJECT_WORDS = 4
"""Most words between a phrasal verb and its particle ("turned all of them down")."""
QUESTION_WORDS = frozenset({"who", "what", "when", "why", "say"})
"""Words the question parser reads: a glossary entry may mean them though no item holds them."""


def meaningless(glossary: Glossary, knows: Callable[[str], bool]) -> list[str]:
    """One line for each entry word that no item holds (`knows(stem)`) and that is no
    question word: a reader typing its phrases would find nothing."""
    return [f"glossary entry “{entry.id}”: “{meaning}” is in no item of the fact base"
            for entry in glossary.entries.values() for meaning in entry.means
            if meaning not in QUESTION_WORDS
            and not all(knows(stem(word)) for word in words(meaning) if stem(word))]


class GlossaryError(ValueError):
    """The glossary file is not valid; one line per problem."""


@functools.cache
def analyzers() -> tuple[object, ...]:
    """pymorphy3's Russian and Ukrainian analyzers, loaded on first use (about 0.1 s)."""
    import pymorphy3

    logging.getLogger("pymorphy3").setLevel(logging.WARNING)  # it logs each dictionary load
    return (pymorphy3.MorphAnalyzer(lang="ru"), pymorphy3.MorphAnalyzer(lang="uk"))


@functools.lru_cache(maxsize=20_000)
def lemmas(word: str) -> frozenset[str]:
    """A Cyrillic word and its likely dictionary forms in Russian and Ukrainian."""
    forms = {word}
    for analyzer in analyzers():
        for parse in analyzer.parse(word)[:3]:  # type: ignore[attr-defined]
            forms.add(parse.normal_form.replace("ё", "е"))
    return frozenset(forms)


def _keys(word: str) -> frozenset[str]:
    """What a word may be matched by: its forms (Cyrillic) or itself and its stem."""
    if is_cyrillic(word):
        return lemmas(word)
    if word.endswith(WHOLE_WORD_ENDINGS):
        return frozenset({word})
    return frozenset(filter(None, (word, stem(word))))


_Phrases = dict[str, list[tuple[tuple[frozenset[str], ...], GlossaryEntry]]]


class Glossary:
    """Phrases readers type, found in a query by their words' forms, longest first."""

    def __init__(self, entries: Iterable[GlossaryEntry] = ()) -> None:
        self.entries: dict[str, GlossaryEntry] = {}
        self._words: frozenset[str] | None = None
        self._phrases: dict[bool, _Phrases | None] = {False: None, True: None}
        """Phrases by the script of their first word (Cyrillic or not), made when first
        needed: Russian and Ukrainian word forms cost a dictionary load (~0.4 s), which an
        English-only process never pays."""
        for entry in entries:
            self.add(entry)

    @classmethod
    def load(cls, facts_dir: Path) -> Glossary:
        """The glossary in `facts_dir` (empty when the folder has none)."""
        path = facts_dir / GLOSSARY_FILE
        if not path.exists():
            return cls()
        return cls(parse_entries(path.read_text(encoding="utf-8"), str(path)))

    def add(self, entry: GlossaryEntry) -> None:
        """Learn an entry (replacing one with the same id)."""
        self.entries[entry.id] = entry
        self._phrases = {False: None, True: None}
        self._words = None

    def warm(self) -> None:
        """Read every phrase now (Russian and Ukrainian ones included), so that the first
        question in those languages is answered at once; for a worker thread at start-up."""
        for cyrillic in (False, True):
            self._phrases_of(cyrillic)

    @staticmethod
    def _latin_only(keys: list[frozenset[str]]) -> bool:
        return not any(is_cyrillic(key) for forms in keys for key in forms)

    def _phrases_of(self, cyrillic: bool) -> _Phrases:
        phrases = self._phrases[cyrillic]
        if phrases is None:
            phrases = defaultdict(list)
            for entry in self.entries.values():
                for phrase in (*entry.phrases, *entry.means):
                    typed = words(phrase)
                    if any(map(is_cyrillic, typed)) != cyrillic:
                        continue
                    for form in _with_possessives_joined(typed):
                        keys = tuple(_keys(word) for word in form)
                        for first in keys[0]:
                            phrases[first].append((keys, entry))
            for found in phrases.values():
                found.sort(key=lambda pair: -len(pair[0]))
            self._phrases[cyrillic] = phrases
        return phrases

    def meaning_of(self, phrase: str) -> GlossaryEntry | None:
        """The entry that lists `phrase` (as typed, up to word forms), if any."""
        slots = self.read(phrase, particles=False)
        if len(slots) == 1 and slots[0].known and slots[0].typed == " ".join(words(phrase)):
            return self.entries.get(slots[0].entry)
        return None

    def words(self) -> frozenset[str]:
        """The Latin-letter words of every phrase (for spelling corrections), made when first
        needed after a change."""
        if self._words is None:
            self._words = frozenset(word for entry in self.entries.values()
                                    for phrase in (*entry.phrases, *entry.means)
                                    for word in words(phrase) if not is_cyrillic(word))
        return self._words

    def read(self, text: str, spell: Callable[[str], str] | None = None, *,
             particles: bool = True) -> list[Slot]:
        """The query's slots, in order; stopwords of Russian and Ukrainian dropped;
        `spell(word)` gives the word a misspelt one means (or the word itself); a phrase
        found as typed wins over a respelling ("budging" is "budge", not "building"); a
        phrasal verb's particle read with the verb (`particles`)."""
        typed = self._particles_joined(words(text)) if particles else words(text)
        spelt = [spell(word) for word in typed] if spell else typed
        as_typed = [_keys(word) for word in typed]
        keys = [_keys(word) for word in spelt] if spelt != typed else as_typed
        scripts = (False,) if self._latin_only(as_typed) else (False, True)
        slots: list[Slot] = []
        position = 0
        while position < len(typed):
            span = 3 if typed[position + 1 : position + 2] == ["of"] else 2  # "6th of march"
            day = typed_day(typed[position], typed[position + span - 1]) if (
                position + span <= len(typed)) else None
            if day is not None:  # "6 march": the 6th of March, not a 6 and a March
                slots.append(Slot(" ".join(typed[position : position + span]), (day,)))
                position += span
                continue
            read, found = typed, self._phrase_at(as_typed, position, typed[position], scripts)
            if found is None and keys is not as_typed:
                read, found = spelt, self._phrase_at(keys, position, spelt[position], scripts)
            if found is not None and typed[position] in ARTICLES and position + 1 < len(typed):
                after = self._phrase_at(as_typed, position + 1, typed[position + 1], scripts)
                if after is not None and after[0] >= found[0]:  # "a pause in fighting"
                    position += 1
                    continue
            if found is not None:
                length, entry = found
                phrase = read[position : position + length]
                english = tuple(word for word in phrase if not is_cyrillic(word))
                typed_phrase = (" ".join(english),) if english else ()
                shown = " ".join(typed[position : position + length])
                slots.append(Slot(shown, tuple(dict.fromkeys((*typed_phrase, *entry.means))),
                                  known=True, spelt=_changed(shown, " ".join(phrase)),
                                  entry=entry.id))
                position += length
                continue
            word, meant = typed[position], spelt[position]
            position += 1
            if is_cyrillic(word):
                if word not in CYRILLIC_STOPWORDS:
                    slots.append(Slot(word, (transliterate(word),)))
            elif word not in FILLER:
                slots.append(Slot(word, (meant, *numeric_forms(meant)),
                                  spelt=_changed(word, meant)))
        return slots

    def _particles_joined(self, typed: list[str]) -> list[str]:
        """The words, a verb's particle typed after its object moved to the verb when the two
        are a glossary phrase ("turned some of it down": "turned down some of it"), or the
        three ("rolling nato back": "rolling back nato")."""
        for position, word in enumerate(typed):
            if word not in PARTICLES:
                continue
            if position > 1 and self.meaning_of(" ".join(
                    (typed[position - 2], word, typed[position - 1]))) is not None:
                return [*typed[: position - 1], word, *typed[position - 1 : position],
                        *typed[position + 1 :]]  # "rolling nato back": "rolling back nato"
            for gap in range(1, MAX_OBJECT_WORDS + 1):
                verb = position - gap - 1
                if verb < 0 or not all(between in OBJECT_WORDS
                                       for between in typed[verb + 1 : position]):
                    break
                if self.meaning_of(f"{typed[verb]} {word}") is not None:
                    return [*typed[: verb + 1], word, *typed[verb + 1 : position],
                            *typed[position + 1 :]]
        return typed

    def _phrase_at(self, keys: list[frozenset[str]], position: int, word: str,
                   scripts: tuple[bool, ...]) -> tuple[int, GlossaryEntry] | None:
        """The longest glossary phrase starting at `position`, of the phrases of the
        `scripts` (Latin, and Cyrillic when the query has a Cyrillic word); of equally long
        ones, one listing the word as typed before one listing another of its forms ("чому" is
        "why", not "що", though pymorphy3 gives both), whatever the order of the forms' set."""
        forms = sorted(keys[position], key=lambda form: (form != word, form))
        candidates = [pair for cyrillic in scripts for key in forms
                      for pair in self._phrases_of(cyrillic).get(key, ())]
        candidates.sort(key=lambda pair: -len(pair[0]))
        for phrase, entry in candidates:
            length = _matched(phrase, keys, position)
            if length:
                return length, entry
        return None


def _matched(phrase: tuple[frozenset[str], ...], keys: list[frozenset[str]],
             position: int) -> int:
    """How many typed words (`keys`, from `position`) a phrase matches, one determiner typed
    inside it and not in it skipped ("build up its forces" is "build up forces"); 0 if none."""
    at, skipped = position, False
    for number, wanted in enumerate(phrase):
        if at < len(keys) and wanted & keys[at]:
            at += 1
            continue
        if number and not skipped and at + 1 < len(keys) and keys[at] & DETERMINERS \
                and wanted & keys[at + 1]:
            at, skipped = at + 2, True
            continue
        return 0
    return at - position


def _with_possessives_joined(typed: list[str]) -> list[list[str]]:
    """A phrase's words, and, when it holds a possessive ("ukraine's leader": "ukraine",
    "s", "leader"), the words as typed without the apostrophe ("ukraines leader")."""
    if "s" not in typed[1:]:
        return [typed]
    joined: list[str] = []
    for word in typed:
        if word == "s" and joined:
            joined[-1] += "s"
        else:
            joined.append(word)
    return [typed, joined]


def _changed(typed: str, meant: str) -> str:
    return meant if meant != typed else ""


def parse_entries(text: str, where: str) -> list[GlossaryEntry]:
    """Glossary entries from JSON text, or `GlossaryError` naming every problem."""
    problems: list[str] = []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GlossaryError(f"{where}: not valid JSON ({error.msg}, line {error.lineno})"
                            ) from None
    if not isinstance(data, list):
        raise GlossaryError(f"{where}: expected a list of entries")
    entries: list[GlossaryEntry] = []
    seen: dict[str, str] = {}
    for number, raw in enumerate(data, 1):
        try:
            entry = GlossaryEntry.model_validate(raw)
        except ValidationError as error:
            problems += [f"{where}: entry {number}: {'.'.join(map(str, p['loc']))}: {p['msg']}"
                         for p in error.errors()]
            continue
        if entry.id in {known.id for known in entries}:
            problems.append(f"{where}: entry {number}: id “{entry.id}” is used twice")
        for phrase in entry.phrases:
            key = " ".join(words(phrase))
            if key in seen and seen[key] != entry.id:
                problems.append(f"{where}: “{phrase}” is listed under both “{seen[key]}” and "
                                f"“{entry.id}”")
            seen[key] = entry.id
        entries.append(entry)
    if problems:
        raise GlossaryError("\n".join(problems))
    return entries
