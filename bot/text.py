"""Text normalisation shared by every lookup: words, stopwords, word forms and transliteration.

English words are reduced to their Snowball stems, so "demanded" finds "demands"; Russian and
Ukrainian words keep their letters here (the glossary reads them through their dictionary
forms), and `transliterate` spells them in Latin letters so a name typed in Cyrillic can still
find the person.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import math
import re
import unicodedata
from pathlib import Path

import msgpack
import Stemmer

STOPWORDS = frozenset(
    """a about after all also am an and any anything are as at be been before being but by can
    could did do does doing for from get got had has have he her him his how i if in into is it
    its just know let me more most much my no not now of on or our over please really said say
    says she should so some something than that the their them then there these they thing
    things this those to up very was we were what whats when where which who whom whose why
    will with would you your tell show quote quotes anyone someone mean means ever isn aren
    wasn weren won don doesn didn hasn haven hadn couldn wouldn shouldn ll ve re isnt arent
    wasnt werent dont doesnt didnt hasnt havent hadnt couldnt wouldnt shouldnt wont
    cant thats theyve theyre theres hes shes youre weve ive im""".split()
)
"""English words that carry no meaning for a lookup (question words included: the question
parser reads them before they are dropped)."""
FILLER = frozenset("""class handout homework slide slides presentation essay assignment
    classroom lecture such another shown showed every everyone everybody theirs ours
    yours actually even pre ex ones keep keeps kept keeping true out here ok okay hey hi
    pls plz lol btw tbh um uh hmm yeah everything stuff time thank thanks thx order
    among between across toward towards via upon onto amid amidst within through during
    whilst way along around apart go went gone under exactly basically precisely truly
    literally honestly seriously old right going gonna themselves itself himself herself
    kick kicked kicks gist radio segment version minute podcast wonder wondering whether
    curious kindly understand almost nearly happen happened happens full whole real
    still handles handle handling allowed stay stays staying plus once behind happening
    else instead goes made having stuck nobody anybody somebody last used anywhere
    anyway anyways usually normally typically look looks looked seem seems seemed mr mrs
    ms dr everywhere somewhere""".split())
"""Words a reader's question may carry that say nothing of what it asks ("is it true", "ok
but", "kept out of nato", "russia wants everything"): dropped from questions, though an item
that holds them is still found by them."""

MAX_CACHED = 200_000
"""Words whose stem is remembered; words repeat a lot, but a hostile stream must not grow this
without bound."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
US_DOTS = re.compile(r"\bu\.\s?s\.(?=\W|$)")
""""U.S." (lower case), whose dots end no sentence."""
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_APOSTROPHES = re.compile("['’ʼ`]")
_STEMMER = Stemmer.Stemmer("english")


class _Stems(dict[str, str]):
    """Each word seen and its stem ("" for a word that carries no meaning)."""

    def __missing__(self, word: str) -> str:
        if len(self) > MAX_CACHED:
            self.clear()
        if word in STOPWORDS or (len(word) < 2 and not word.isdigit()):
            found = ""
        elif word.isascii() and not word.isdigit():
            found = _STEMMER.stemWord(word)
        else:
            found = word
        self[word] = found
        return found


_STEMS = _Stems()

_LATIN_OF = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "'": "", "’": "", "ʼ": "",
}
_LATIN_START = {"уи": "wi", "уо": "wo", "уэ": "we"}
"""Russian spells an English initial W as "уи", "уо", "уэ" (Уиткофф: Witkoff)."""


_CYRILLIC_OF = (("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"),
                ("ts", "ц"), ("yu", "ю"), ("ya", "я"), ("yo", "е"), ("ye", "е"), ("a", "а"),
                ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"),
                ("i", "и"), ("y", "ы"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
                ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
                ("f", "ф"), ("h", "х"), ("c", "ц"), ("j", "й"), ("w", "в"), ("x", "х"))
"""Latin letters as Russian typed in them ("chto hochet rossiya"), longest first."""
_UKRAINIAN_OF = (("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
                 ("ia", "я"), ("iu", "ю"), ("ie", "є"), ("ya", "я"), ("yu", "ю"), ("ye", "є"),
                 ("ja", "я"), ("ju", "ю"), ("je", "є"), ("yi", "ї"), ("ji", "ї"), ("a", "а"),
                 ("b", "б"), ("v", "в"), ("h", "г"), ("g", "г"), ("d", "д"), ("e", "е"),
                 ("z", "з"), ("y", "и"), ("i", "і"), ("k", "к"), ("l", "л"), ("m", "м"),
                 ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
                 ("u", "у"), ("f", "ф"), ("c", "ц"), ("j", "й"), ("w", "в"), ("x", "х"))
"""Latin letters as Ukrainian is typed in them, by the official romanization ("shcho khoche
rosiia": "що хоче росія"), longest first."""
_CYRILLIC_ENDINGS = {False: (("tsya", "тся"), ("ii", "ии")),
                     True: (("tsia", "ться"), ("yi", "ий"), ("ii", "ії"))}
"""Endings read otherwise than letter by letter: Russian "-tsya" is "-тся" ("soglasitsya":
"согласится"), Ukrainian "-tsia" "-ться", "-yi" "-ий" ("takyi": "такий") and "-ii" "-ії"
("rosii": "росії")."""
_CYRILLIC_VOWELS = "аеиоуыэюяіїє"


def to_cyrillic(word: str, ukrainian: bool = False) -> str:
    """A Russian (or `ukrainian`) word typed in Latin letters, in Cyrillic ("hochet" ->
    "хочет", "khoche" -> "хоче"); "y" after a vowel and before no vowel is "й" ("kakoy" ->
    "какой", "voyna" -> "война"), and so is a final "i" after one ("takoi" -> "такой")."""
    for ending, cyrillic_ending in _CYRILLIC_ENDINGS[ukrainian]:
        if word.endswith(ending) and len(word) > len(ending):
            return to_cyrillic(word[: -len(ending)], ukrainian) + cyrillic_ending
    if not ukrainian and len(word) > 3 and word.endswith("ye") and word[-3] not in "aeiouy":
        return to_cyrillic(word[:-2]) + "ые"  # "inostrannye": "иностранные"
    letters = _UKRAINIAN_OF if ukrainian else _CYRILLIC_OF
    out: list[str] = []
    position = 0
    while position < len(word):
        after = word[position + 1 : position + 2]
        if out and out[-1] in _CYRILLIC_VOWELS and (
                (word[position] == "y" and after not in tuple("aeiouy"))
                or (word[position] == "i" and not after)):
            out.append("й")  # "kakoy", "voyna", "takoi"; not "ukrainu"
            position += 1
            continue
        for latin, cyrillic in letters:
            if word.startswith(latin, position):
                out.append(cyrillic)
                position += len(latin)
                break
        else:
            out.append(word[position])
            position += 1
    return "".join(out)


_NUMBER_NAMES = dict(enumerate("""zero one two three four five six seven eight nine ten eleven
    twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty""".split()))
_NUMBER_NAMES.update({30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy",
                      80: "eighty", 90: "ninety"})
_NUMBERS = {name: number for number, name in _NUMBER_NAMES.items()}
_MONTHS = {name: number for number, name in enumerate("""january february march april may
    june july august september october november december""".split(), start=1)}
MONTHS = frozenset(_MONTHS)
"""The months' names in full."""
_MONTH_NAMES = _MONTHS | {name[:3]: number for name, number in _MONTHS.items()}
"""Months by name, in full or in three letters ("mar", "sep")."""
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
"""A day of the month as typed: "6", "6th"."""
_SEASONS = {"winter": (12, 1, 2), "spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11),
            "fall": (9, 10, 11), "christmas": (12,)}


def numeric_forms(word: str) -> tuple[str, ...]:
    """The other ways the fact base may write a number or a month typed as `word`: "3" as
    "three" and "three" as "3"; a month as in an ISO date ("march" as "03", "winter" as "12",
    "01" or "02"; a day is read with its month, `typed_day`)."""
    if word.isdigit() and len(word) <= 2:
        return (_NUMBER_NAMES[int(word)],) if int(word) in _NUMBER_NAMES else ()
    if word in _NUMBERS:
        return (str(_NUMBERS[word]),)
    if word in _MONTHS:
        return (f"{_MONTHS[word]:02d}",)
    return tuple(f"{month:02d}" for month in _SEASONS.get(word, ()))


def day_term(month: int, day: int) -> str:
    """The term naming a day of the year, month and day in digits ("0306"): an ISO date's
    parts alone would let "3 june" find the 6th of March ("2025-03-06") and "3 march" any
    day of March."""
    return f"{month:02d}{day:02d}"


@functools.lru_cache(maxsize=4096)
def date_day(date: str) -> str:
    """The `day_term` of a full ISO date ("2025-03-06": "0306"); "" for a month or year."""
    parts = date.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return ""
    return day_term(int(parts[1]), int(parts[2]))


@functools.lru_cache(maxsize=4096)
def date_text(date: str) -> str:
    """An ISO date as searched: itself and its day's term (`date_day`)."""
    return f"{date} {date_day(date)}".rstrip()


def typed_day(first: str, second: str) -> str | None:
    """The day of the year two words typed name, a day and a month in either order ("6 march",
    "march 6th"), as its `day_term`; None when they name none."""
    for day, month in ((first, second), (second, first)):
        number = _DAY.fullmatch(day)
        if number and 0 < int(number[1]) <= 31 and month in _MONTH_NAMES:
            return day_term(_MONTH_NAMES[month], int(number[1]))
    return None


def is_cyrillic(word: str) -> bool:
    """Whether `word` is written in Cyrillic letters."""
    return bool(_CYRILLIC.search(word))


def normalize(text: str) -> str:
    """Lower case, Latin accents stripped (Cyrillic letters kept whole), "U.S." as "us"."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text.replace("ё", "е"))
        if not is_cyrillic(text):
            text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        else:
            text = "".join(
                _COMBINING.sub("", unicodedata.normalize("NFKD", part)) if not is_cyrillic(part)
                else part for part in re.split("([\u0400-\u04ff'’ʼ]+)", text))
    return US_DOTS.sub("us", text) if "u." in text else text


def words(text: str) -> list[str]:
    """The words of `text`, normalised, in order (apostrophes inside Cyrillic words kept;
    an English possessive's "s" split off)."""
    if "’" in text:
        text = text.replace("’", "'")
    text = normalize(text)
    if text.isascii():
        return _ASCII_WORD.findall(text)
    found: list[str] = []
    for word in _WORD.findall(text):
        if is_cyrillic(word):
            found.append(_APOSTROPHES.sub("'", word))
        else:
            found.extend(part for part in _APOSTROPHES.split(word) if part)
    return found


def stem(word: str) -> str:
    """The word's stem ("" for a stopword or a lone letter); Cyrillic words are kept."""
    return _STEMS[word]


def stems(typed: list[str]) -> list[str]:
    """The stems of many words at once."""
    return list(map(_STEMS.__getitem__, typed))


def tokenize(text: str) -> list[str]:
    """The meaningful words of `text` as stems, in order."""
    return [term for term in stems(words(text)) if term]


def transliterate(word: str) -> str:
    """A Cyrillic word in Latin letters ("Келлог" -> "kellog"); other words as they are."""
    if not is_cyrillic(word):
        return word
    word = word.casefold()
    start = _LATIN_START.get(word[:2])
    if start:
        word = word[2:]
    latin = "".join(_LATIN_OF.get(letter, letter) for letter in word)
    return (start or "") + latin


_VOWELS = str.maketrans("", "", "aeiouy")
_SOUNDS = (("tion", "shun"), ("sion", "shun"), ("sh", "s"), ("ph", "f"), ("ck", "k"),
           ("c", "k"), ("q", "k"), ("w", "v"), ("z", "s"), ("x", "ks"), ("j", "i"))
"""Spellings of the same sound ("invasion" and "invashun")."""


def skeleton(word: str) -> str:
    """How a name sounds, roughly: its first letter and consonants, with letters that sound
    alike merged and doubles collapsed ("Corey" and "Kori" are both "kr")."""
    for spelt, sound in _SOUNDS:
        word = word.replace(spelt, sound)
    if not word:
        return word
    rest = word[1:].translate(_VOWELS)
    collapsed = word[0]
    for letter in rest:
        if letter != collapsed[-1]:
            collapsed += letter
    return collapsed


REAL_WORD = 3.0
"""Zipf frequency from which a word is a real word of its language (about once per million
words), not a misspelling: "sanctions" is not corrected to "actions"."""
RARITY_FLOOR = 0.05
COMMON_ZIPF = 6.5
RARE_ZIPF = 3.0
TOLD_APART = min(REAL_WORD, RARE_ZIPF)
"""The least Zipf frequency that any use of `commonness` tells apart from 0: below both, a
word is no real word and as rare as can be."""
_WORDFREQ_ENGLISH = "data/large_en.msgpack.gz"
"""wordfreq's English list ("large": what `zipf_frequency` reads for "en")."""


@functools.lru_cache(maxsize=50_000)
def commonness(word: str) -> float:
    """How common `word` is in English (or, in Cyrillic, Russian or Ukrainian) text, on the
    Zipf scale (3 once per million words, 7 "the"); wordfreq's lists. A word rarer than
    `TOLD_APART` counts as 0, as an unknown word does.

    A lower-case English word is looked up in the common part of wordfreq's list alone
    (`_common_english`); anything else goes to wordfreq itself, which loads all 320,000
    words (0.3 s and 28 MB)."""
    if word.isascii() and word.isalpha() and word.islower():
        common = _common_english()
        if common is not None:
            return common.get(word, 0.0)
    from wordfreq import zipf_frequency

    if is_cyrillic(word):
        found = max(zipf_frequency(word, "ru"), zipf_frequency(word, "uk"))
    else:
        found = float(zipf_frequency(word, "en"))
    return found if found >= TOLD_APART else 0.0


def _zipf_of_centibels(centibels: int) -> float:
    """The Zipf frequency wordfreq gives a word of its list `centibels` below frequency 1: the
    frequency rounded to three significant digits, then on the Zipf scale to two decimals."""
    frequency = 10 ** (-centibels / 100)
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


@functools.cache
def _common_english() -> dict[str, float] | None:
    """The English words at least `TOLD_APART` on the Zipf scale (about 29,000) with their
    Zipf frequency as wordfreq gives it, read from the start of wordfreq's own list (its words
    come in bins of equal frequency, the most common first); None when the list is not where
    wordfreq keeps it."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / _WORDFREQ_ENGLISH
    try:
        with gzip.open(path, "rb") as packed:
            unpacker = msgpack.Unpacker(packed, raw=False)
            bins = unpacker.read_array_header() - 1
            if unpacker.unpack() != {"format": "cB", "version": 1}:
                return None
            found: dict[str, float] = {}
            for centibels in range(min(bins, round((9 - TOLD_APART) * 100) + 1)):
                zipf = _zipf_of_centibels(centibels)
                for listed in unpacker.unpack():
                    found[listed] = zipf
            return found
    except (OSError, ValueError, msgpack.UnpackException):
        return None


def rarity(word: str) -> float:
    """How much a word the fact base does not hold tells about a question, from
    `RARITY_FLOOR` (an everyday word such as "give", Zipf `COMMON_ZIPF` and more) to 1 (a
    rare one such as "casualties", Zipf `RARE_ZIPF` and less)."""
    share = (COMMON_ZIPF - commonness(word)) / (COMMON_ZIPF - RARE_ZIPF)
    return min(1.0, max(RARITY_FLOOR, share))
