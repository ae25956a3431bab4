"""What a question asks: who someone is, what someone said (about something), what Russia
demands, when something happened, or plain words to search for.

The question is read through the glossary first, so "что сказал Келлог о Стамбуле" is
understood like "what did kellogg say about istanbul".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise, takewhile
from typing import Literal

from rapidfuzz import fuzz

from bot.glossary import Slot
from bot.index import LONGEST_WORD, SearchIndex
from bot.lexicon import future_tense, only_describes, ordinary
from bot.models import Person
from bot.names import slot_terms
from bot.text import (
    FILLER,
    STOPWORDS,
    US_DOTS,
    is_cyrillic,
    numeric_forms,
    stem,
    to_cyrillic,
    words,
)

Intent = Literal["who", "said", "demands", "when", "search"]
Refusal = Literal["", "unknown-speaker", "strangers", "age", "life", "others-want", "asked"]

LONG_MESSAGE = 13
"""Words from which a message is long enough to be read clause by clause when the whole
finds nothing: a reader's story with a question in it."""
MAX_CLAUSES = 6
"""How many clauses of a long message are tried, at most."""
POINTING = frozenset({"it", "them", "this", "that", "these", "those", "him", "her"})
"""Words by which a clause points at another ("zelenskiy agreed to it"): it says nothing alone."""
OWNERS = frozenset({"their", "theirs", "its", "his", "they", "he", "she"})
"""Words by which a listed part points at another ("what are their names")."""
OPENING_REACH = 6
"""How far into a question its question word may come ("according to the article, what are
the names of ...")."""
WILL_REACH = 3
"""How early in a question "will" must come to ask whether something will happen."""
FEARING = frozenset("""worries worry worried fears fear feared concern concerns concerned
    afraid risk risks danger hope hopes""".split())
"""Words that open a fear or hope rather than a question ("worries putin will ...")."""
SAYS = frozenset({"say", "says", "said"})
"""The words of saying that are stopwords, as typed."""
QUOTING = frozenset(map(stem, "quote quoted quotes cite cited cites".split()))
"""Stems by which "who is quoted" asks who the sources quote."""
SAID_WORDS = frozenset(filter(None, map(stem, """say said says saying think thinks thought view
    views opinion opinions quote quoted comment comments commented believe believes stance position
    statement statements remark remarks remarked told called describe described characterized
    characterised claim claims claimed word words reaction reactions""".split()))) | {
        "say", "says", "said"}
"""Stems that ask for what someone said, and the stopwords "say", "says" and "said" as typed
(they have no stem)."""
STORY_WORDS = frozenset({"report", "reports", "story", "article", "news", "reporting", "list",
                         "piece", "reuters"})
"""Words for the story itself: what someone never quoted said "about the report" is whatever
the sources report of them ("did the white house comment on the report": it had not
responded to requests for comment)."""
DEMAND_WORDS = frozenset(map(stem, ("demands", "conditions")))
"""Stems that ask for Russia's demands (the glossary maps "want", "требования" and the like)."""
PURPOSES = frozenset(map(stem, """peace war end ending deal settlement ceasefire truce talks
    negotiations return exchange stop invasion""".split()))
"""Words that say what the demands are for ("putin's conditions for peace", "what does russia
want to end the war", "... for a ceasefire", "... in the talks", "... in return for peace"):
they ask for every demand, not for those that mention peace."""
DEMAND_VERBS = frozenset(map(stem, """give gave given giving hand handed present presented
    send sent make made issue issued put set lay laid table tabled deliver delivered submit
    submitted raise raised pose posed""".split()))
"""Verbs that say Russia made its demands ("what demands did russia give the us"): in a
question about the demands they are no topic."""
SOMEONE = frozenset("""guy man woman lady fellow fella dude chap bloke gentleman gal
    person""".split())
"""A word by which a reader asks after someone they cannot name ("the guy on cnn", "start
from scratch guy"): when no one is described by it, it asks who, and is no topic."""
PERSON_NOUNS = SOMEONE | frozenset("""guys people folks crowd expert experts analyst analysts
    official officials specialist boss pundit scholar academic researcher insider
    veteran""".split())
"""Words that only say someone is a person ("the brookings lady", "aei expert", "biden
folks"): beside a name they are no topic."""
DESCRIBED_BY = SOMEONE - {"person"} | frozenset("""expert analyst official specialist boss
    pundit scholar academic researcher insider leader president veteran""".split())
"""Words by which a reader describes a person by their role instead of naming them ("the
retired army guy who handles ukraine for trump", "the ukrainian leader")."""
NAME_SHARE = 0.5
"""What a name in a description counts for, against another word of a person's role."""
MOST_DESCRIBED = 2
"""Most people one description may fit and still be who is asked about."""
MISSPELT_NAME_LENGTH = 4
"""Shortest word taken for a misspelt name ("putn"; "wht" is a misspelt "what", not "White
House")."""
LIGHT_VERBS = frozenset("""give gave given giving make made making offer offered issue issued
    provide provided hold holds held holding""".split())
"""Verbs that only carry a word of saying ("give a comment", "make a statement", "hold
different opinions"): in a question about what someone said they are no topic."""
DIVISIONS_ENTRY = "divisions"
"""The glossary entry for agreeing or not ("on the same side", "at odds"), which compares
two people named as COMPARING's words do."""
COMPARING = frozenset("""disagree disagrees agree agrees differ differs compare compared
    versus vs both different differently opposite отличается отличаются отличие разница
    различие различаются расходятся сравни сравнить відрізняється відрізняються відмінність
    різниця розходяться порівняй порівняти разному різному""".split())
"""Words that compare what two people named said ("do witkoff and kellogg disagree")."""
NATIONALITIES = frozenset({"russian", "ukrainian", "american", "european", "crimean"})
"""Words before "people" by which it means a nation, not someone's staff ("the russian
people" are not the Kremlin)."""
ANYONE = frozenset({"people", "folks", "person"})
"""Who says something when anyone may ("what do people say about the truce"): no topic."""
CLARITY = frozenset({"unclear", "clear", "vague", "murky", "uncertain"})
"""Words that ask whether the demands are known (what the sources say of them is the answer,
found by these words)."""
ABOUT_DEMANDS = frozenset("""why mean means meaning help helps hurt effect effects impact
    affect affects implications consequences goal aim purpose reason reasons behind real
    realistic serious seriously leverage strategy tactic tactics""".split()) | CLARITY
"""Words that ask about the demands rather than for them: what they are for or would do."""
NOVELTY = frozenset("""new same changed change changes different like before old earlier
    unchanged similar""".split())
"""Words that ask whether the demands are new."""
BEFORE = frozenset({"before", "earlier"})
"""Novelty words that ask whether the demands are new only at the end of a question ("did
russia make these demands before"), not as a preposition ("before signing anything")."""
NEWNESS = frozenset({"new", "latest", "current", "recent", "newest"})
"""Words that, said of the demands, mean the current list ("what are russia's new demands")."""
CURRENT_PERIOD = "current"
"""The period slug of the demands on the current list."""
DEMAND_NOUNS = frozenset({"demands", "demand", "conditions", "list", "terms", "requests",
                          "requirements"})
"""What a word asking whether the demands are new may be said of, as an adjective."""
SOURCING_ENTRY = "who-reported"
"""The glossary entry for asking who reported the story ("who first reported ...", "how many
sources ..."): what they reported is then no topic."""
LIST_WORDS = frozenset({"list", "lists"})
"""The word for Russia's list itself, which beside a word for the demands asks for them."""
LIST_ENTRY = "list"
"""The glossary entry naming Russia's list of demands ("list of demands", "shopping list")."""
FAILED = stem("failed")
"""What an item must say of something a question asks why it failed ("why did the istanbul
talks fail": the sources say they were never finalized, not why)."""
FAILING = frozenset({FAILED, stem("finalized")})
"""The stems of what the glossary reads as failing or never being finalized ("why was the
istanbul agreement never signed")."""
DECIDING = frozenset(map(stem, """reject rejected refuse refused decline declined retire retired
    resign resigned quit leave left send sent""".split()))
"""Stems of what someone decided to do, whose reasons a question may ask ("why did the biden
administration reject some demands", "why did kellogg retire"); not "decide" or "choose",
which leave the decision to the verb after them ("why did zelenskiy decide to accept the
ceasefire": the sources say why he accepts it)."""
CAUSES = frozenset(map(stem, """because cause causes reason reasons due motive motives
    purpose aim aimed fear fears concern concerns worry worried""".split()))
"""Stems by which an item gives a reason for what someone decided."""
ORDERING = frozenset({"first", "earlier", "older", "oldest", "раньше", "спочатку", "раніше"})
"""Words that ask which of two events came first."""
FOLLOWING = frozenset({"happened", "happen", "came", "come", "next"})
"""Words before "after" that ask what followed something."""
WHY = frozenset({"why", "почему", "зачем", "чому", "навіщо"})
"""The words that ask why."""
RESPONDING = frozenset(map(stem, """respond responded responds response react reacted
    reaction reply replied answer answered accept accepted accepts agree agreed agrees reject
    rejected rejects support supports supported""".split()))
"""Stems of the words by which a question asks how someone took the demands."""
US_SIDE = frozenset("""us usa america american americans washington trump white house""".split()
                   ) | {"trump administration"}
"""The names the U.S. side of today goes by: asked how it took the demands, any of them
answers (the administration whole: "administration" alone is the Biden administration's too,
which only the U.S. named as a country includes)."""
US_COUNTRY = frozenset("us usa america american americans washington".split())
"""The words naming the U.S. as a country: how it took the demands under any administration."""
NAMED_ROLES = frozenset("""director directors head chief official officials reporter
    reporters journalist journalists negotiator negotiators representative representatives
    delegate delegates host hosts author authors writer writers diplomat diplomats spokesman
    spokeswoman spokesperson ambassador ambassadors""".split())
"""Roles whose holders a "who is the ..." question asks to be named: the sources describe
most of them ("U.S. officials") without naming anyone."""
ROLE_REACH = 5
"""How many words after "who is" or "names of" the role asked may come."""
FOLLOWING_FOR = frozenset({"lose", "loses", "happen", "happens", "change", "changes",
                           "mean", "means", "affect", "affects", "face", "faces"})
"""Words asking what would follow for someone if Russia got what it wants ("what would kyiv
lose"): the demands made of them tell it."""
MET_ENTRY = "conditions-met"
"""The glossary entry for demands being met ("if russia gets its way")."""
CONSEQUENCE = frozenset({"could", "would", "can", "might", "будет", "станет", "буде", "стане"})
"""Words by which a question with a condition asks what would follow ("could ukraine ever
join nato if russia gets its way")."""
HAPPENING = frozenset({"happen", "happens", "будет", "буде", "случится", "станеться"})
CONDITIONS = frozenset({"if", "если", "якщо", "коли"})
"""A word of happening and of a condition right after it ask what would follow ("what
happens if", "что будет, если")."""
COUNTED_DEMANDS = frozenset(map(stem, """demands conditions terms items points things requests
    asks list wish""".split()))
"""What a "how many" question about the demands may count: the demands themselves ("how many
demands are there"), not troops ("how many troops would nato withdraw under russia's plan")."""
SINCERE_ENTRY = "genuinely"
"""The glossary entry for how sincere someone is ("really want peace")."""
PROPOSING = frozenset("""propose proposes proposed proposing suggest suggests suggested
    предлагает предложила предлагают пропонує запропонувала пропонують""".split())
"""Verbs by which what Russia proposes, with nothing else asked, is its demands."""
CONTENTS_ENTRY = "details"
"""The glossary entry for what a thing holds ("specifics": "whats on the list")."""
CONTAINED = frozenset({"on", "in", "contents", "content", "items", "written"})
"""Words by which a reader asks what is on a list, not whether it is known."""
NOVELTY_ENTRY = "same-demands"
"""The glossary entry for how the sources say the demands are not new ("reminiscent",
"reiterated", "consistent", "unchanged")."""
PRESENT_WORDS = frozenset("""now currently today presently nowadays сейчас теперь зараз
    тепер нині""".split())
"""Words that ask how things stand at present."""
CLAIM_OPENINGS = (("is", "it", "true"), ("true", "that"), ("is", "that", "true"),
                  ("someone", "said"), ("somebody", "said"), ("i", "heard"), ("heard", "that"),
                  ("they", "say"), ("people", "say"), ("is", "that", "in"),
                  ("правда", "ли"), ("правда", "что"), ("чи", "правда"), ("правда", "що"),
                  ("proof", "that"), ("proof",), ("evidence", "that"), ("any", "proof"),
                  ("source", "for", "the", "claim"), ("source", "for"), ("fact", "check"))
"""Words that open a question whether a claim is true, or asking for its proof ("proof
kellogg said ...", "source for the claim about ...": the items that tell it, each cited)."""
LEAD_INS = frozenset({"so", "but", "and", "ok", "okay", "hey", "wait", "well", "а", "і", "и"})
"""Words a question may begin with before what it asks ("so is it true ...")."""
NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve
    fifteen twenty thirty forty fifty hundred hundreds thousand thousands million millions
    billion billions dozen dozens half""".split())
"""Words that state an amount, for "how many" questions."""
OTHERS = frozenset({"other", "others", "besides", "except", "remaining", "apart", "excluding",
                    "aside"})
"""Words by which a question asks for the rest of a counted group ("the four other regions")."""
EXCEPTING = frozenset({"besides", "except", "apart"})
"""Words that set one member of a group apart from the others asked for."""
UNCOUNTED = "other"
"""What `Question.others` holds when the group asked about is not counted."""
ROLE_WORDS = frozenset("""job role title occupation profession work works employer роль
    должность посада работа робота работает работала працює працювала""".split())
"""Words that ask who someone is ("what was kellogg's job")."""
ASKED_OF = frozenset({"ask", "asked", "asking", "asks", "question", "questioned"})
"""Words typed right before a person's name that ask what was put to them."""
CREDENTIALS = frozenset({"jobs", "roles", "titles", "credentials", "backgrounds", "positions"})
"""Words that ask what the people quoted do ("which experts are quoted and what are their
jobs")."""
ASKING = frozenset({"what", "whats", "which"})
"""Words that open a question asking for one thing ("what is the population of crimea")."""
NAMING = frozenset({"name", "list", "tell", "give"})
"""Words that open a request to name things ("name the four regions besides crimea")."""
MISSPELT_NAME = 60
"""How like a word of someone's name (rapidfuzz ratio) a word after their first name must be
to be read as their surname misspelt."""
COUNTRIES = frozenset({"us", "russian", "ukrainian"})
"""The countries whose people a role may open with ("U.S. Middle East envoy")."""
RANKS = frozenset({"top", "main", "chief", "senior", "special", "former", "current", "own"})
"""Words that may stand between an owner and the person they own ("trump's top envoy")."""
LINKING = frozenset({"is", "was", "are", "were", "s"})
"""The verb after them ("what is the ...", "what's the ...": "s" is what is left of "'s")."""
OTHER_QUESTION_WORDS = frozenset({"who", "whos", "why", "how", "where", "which"})
"""Question words that, typed before "when", make it a clause of theirs ("who stayed silent
when asked to comment")."""
TIME_NOUNS = frozenset({"date", "day", "year", "time", "month"})
"""Words after "what" that ask when ("what year did ..." is a "when" question)."""
ARTICLES = frozenset({"the", "a", "an"})
AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "will", "would",
                         "can", "could"})
"""What follows the thing asked for in "what range do the missiles have"."""
YES_NO = AUXILIARIES | {"has", "have", "had"}
"""Words that open a question asking yes or no ("did schake work for trump")."""
VERSUS = frozenset({"vs", "versus"})
"""Words setting one person against another ("witkoff vs trump's ukraine guy")."""
ABOUT = frozenset({"about", "on", "про", "о", "об", "насчет", "щодо", "стосовно"})
"""Words after which a question names what is spoken of."""
FROM_WORDS = frozenset({"from", "of", "от", "у", "від"})
"""Words before whom something is wanted of: "what does ukraine demand from russia" is
Ukraine's wish, though Russia is named."""
DEMANDERS = frozenset({"russia", "vladimir-putin"})
"""Who a question about demands may name and still mean the list of demands."""
LISTING_WORDS = frozenset({"people", "persons", "person", "names", "organisations",
                           "organizations", "organisation", "organization", "institutions",
                           "dates", "events", "named", "mentioned", "mention", "mentions",
                           "appear", "appears", "featured", "involved", "every", "all",
                           "players", "figures", "protagonists", "main", "key"})
"""Words a question listing what the sources name may hold besides ("list every person")."""
Listing = Literal["", "person", "organisation", "event"]
"""What kind of thing the sources name a question asks for all of ("" for none)."""
LISTED: tuple[tuple[Listing, frozenset[str]], ...] = (
    ("person", frozenset({"people", "persons", "person", "names"})),
    ("organisation", frozenset({"organisations", "organizations", "organisation",
                                "organization", "institutions"})),
    ("event", frozenset({"dates", "events"})))
"""Words by which a question asks for every person, organisation or dated event named."""
PLAYERS = frozenset({"players", "figures", "protagonists"})
"""Words by which "who are the main players" asks for every person named."""
MENTIONED = frozenset({"named", "mentioned", "mention", "mentions", "appear", "appears",
                       "featured", "involved"})
"""Words by which a question asks what the sources name ("who is mentioned")."""
AGE_QUESTIONS = frozenset({("how", "old"), ("сколько", "лет"), ("скільки", "років")})
"""Word pairs that ask someone's age ("how old is putin", "сколько лет путину")."""
STUDYING = frozenset({"study", "studied", "studying", "graduate", "graduated"})
"""Words that ask where or what someone studied: the sources give roles, not schooling."""
DOING = frozenset({"do", "doing", "did", "does"})
"""Verbs that ask what someone did in a post ("what did kellogg do as a general")."""
AGREEING = "accept"
"""The glossary entry of agreeing ("agree", "say yes", "go along with")."""
WANTING = frozenset("""want wants wanted demand demanded хочет хотят хочуть хоче
    требует требуют вимагає вимагають""".split())
"""Verbs by which a question asks what someone wants ("what does ukraine want")."""
SETTING = frozenset("""set sets has have had puts put lays laid insists insisted asks asked
    seeks sought proposes proposed""".split())
"""Verbs by which someone makes conditions of their own ("what conditions does ukraine set",
"ukraine sets conditions for peace")."""
ADDRESSEES = frozenset({"united-states", "washington", "ukraine", "kyiv"})
"""Glossary entries naming whom Russia makes demands of: "what does russia want from the us"
asks for every demand, not those that mention the U.S."""
DEMANDING = frozenset({"russia", "kremlin", "moscow", "putin", "vladimir-putin"})
"""Glossary entries naming Russia, whose wishes are the demands."""
AGREERS = ADDRESSEES | {"trump", "zelenskiy"}
"""Glossary entries naming those whom a question may ask whether they agreed to something."""
NATIONS = (frozenset("russia russian russians russias moscow kremlin".split()),
           frozenset("ukraine ukrainian ukrainians kyiv ukraines".split()),
           US_COUNTRY)
"""The words naming each country whose people or forces a question may count ("us" is
"U.S." too; "russias" and "ukraines" are typed without the apostrophe)."""
AMOUNT_OPENINGS = (("how", "many"), ("how", "much"), ("how", "long"), ("how", "old"),
                   ("how", "big"),
                   ("how", "large"), ("сколько",), ("скільки",), ("как", "долго"),
                   ("як", "довго"))
"""Words that ask for an amount: only an item that holds a number can answer."""
AMOUNT_WORDS = frozenset(word for opening in AMOUNT_OPENINGS for word in opening[1:])
"""The words of an amount question's opening that are not question words ("many", "long"):
they say what kind of answer fits, not what it is about."""
DURATIONS = frozenset(map(stem, "hours days weeks months years decades".split()))
"""What "how long" counts."""
COUNTED_WORDS = 2
"""Words after "how many" that may name what is counted ("how much military aid")."""
PLACE_OR_TIME = frozenset({"when", "where", "когда", "где", "коли", "де"})
WHERE = frozenset({"where", "где", "де"})
ORIGIN = frozenset({"from", "get", "got", "откуда", "звідки"})
"""Words by which "where" asks for a source, not a place ("where does this story come
from", "where did reuters get this")."""
WHERE_REACH = 2
"""How near the start a word asking where must be to be the question's ("so where were the
talks held"; not "the think tank where stent works")."""
FUTURE_MARKERS = frozenset({"will", "shall", "gonna", "going", "next", "upcoming", "буде",
                            "будут", "будет", "будуть", "следующий", "следующая", "наступний",
                            "наступна"})
"""Words that put a "when" or "where" question in the future ("when will the war end", "when
is the next meeting")."""
SCHEDULED = frozenset(map(stem, "start starts begin begins end ends happen expire take".split()))
"""Verbs that, after "when does", ask for a time to come ("when does the ceasefire start")."""
ENDING = frozenset("""end ends ending over expire expires finish finishes stop stops lapse
    lapses""".split())
"""Words that ask when something ends ("when will the ceasefire be over")."""
END_ENTRY = "end"
"""The glossary entry for ending ("закончиться", "wrap up")."""


@dataclass
class Question:
    """A question, understood: its intent, the people it names and the rest of its words."""

    slots: list[Slot]
    intent: Intent = "search"
    people: list[Person] = field(default_factory=list)
    topic: list[Slot] = field(default_factory=list)
    """The slots that are neither question words nor names."""
    refusal: Refusal = ""
    """Why the sources cannot answer it, whatever they hold: it asks what someone said but
    names no one the fact base knows ("what does china think"), about someone's people the
    sources do not give them ("putin's envoy"), someone's age ("how old is putin"), schooling
    or deeds in a post ("where did schake study", "what did kellogg do as a general"), or what
    someone Russia makes demands of wants of it
    ("what does ukraine demand from russia");
    "" when they may."""
    listing: Listing = ""
    """It asks for every person, organisation or date the sources name ("list every person
    named in the article", "which dates are mentioned")."""
    will: bool = False
    """It asks whether something will happen ("will ukraine hold elections", "is putin going
    to accept"): only an item saying what is expected, awaited or uncertain answers it."""
    responding: frozenset[str] = frozenset()
    """The words (and names of several words) naming whom a question asks how they took
    Russia's demands ("did the us accept russia's demands", "how did nato react to the
    list"): an item must report them responding to or engaging with the demands; empty when
    it asks no such thing."""
    agreeing: tuple[str, ...] = ()
    """The words of agreeing a question asks of the US or Ukraine ("did the us agree to
    recognise crimea"): an answer must say whether they agreed."""
    asks_who: bool = False
    """It asks who the people it names before its word of saying are ("who from brookings
    is quoted")."""
    amount: frozenset[str] | None = None
    """It asks how many, how much or how long: the stems of what is counted ("how many
    missiles": "missil"; "how long": days, weeks...), empty when that is not known (a
    Russian or Ukrainian question), None for no amount."""
    counted_of: frozenset[str] = frozenset()
    """The words naming the country whose people or forces an amount question counts ("how
    many troops does ukraine have"): an item counting another's does not answer it; empty
    when it names none, or several and none right before what is counted."""
    future: bool = False
    """It asks when or where something will happen."""
    hypothetical: bool = False
    """It asks what would follow if something happened ("what will happen if putin rejects
    the ceasefire"): only an item saying what would, could or might follow answers it."""
    ending: bool = False
    """It asks when something ends ("when will the ceasefire be over", "когда закончится
    перемирие"), not when it comes."""
    role_asked: frozenset[str] = frozenset()
    """The stems of a role whose holder a question asks to be named ("who was the us
    negotiator in istanbul", "what are the names of the former officials"): only a person in
    that role, or what they said, answers it."""
    where: bool = False
    """It asks where ("where were the 2022 talks held"): only an item naming a place the
    question does not answers it."""
    speaker: Slot | None = None
    """Who it asks the words of, when that is no one the fact base names ("what do
    europeans think"): only an item reporting their words answers it."""
    after: str = ""
    """What a "what happened after ..." question asks what followed ("the saudi meeting");
    "" for any other question."""
    before: str = ""
    """What a question asks about the time before ("what did russia want before the
    invasion": "the invasion"); "" when it names no such time."""
    compared: tuple[str, ...] = ()
    """The events a "which came first, ... or ..." question asks the order of."""
    failure_cause: bool = False
    """It asks why something failed: only an item holding the failure and all else it names
    answers it ("why did the talks with biden fail"; not "why did istanbul fail")."""
    decision_cause: frozenset[str] = frozenset()
    """The stems of what someone decided, when it asks why: only an item holding the decision
    and giving a reason answers it ("why did the biden administration reject some demands":
    the sources say it did, not why)."""
    claim: bool = False
    """It asks whether something someone claims is true ("is it true russia wants ...",
    "someone said ...", or that it would follow if Russia got its way): only an item that
    holds the whole claim confirms it."""
    others: str = ""
    """The number of a counted group a question asks to name the rest of ("which are the four
    other regions": "four"): an item that only counts them ("Crimea and four other regions")
    does not answer it."""
    present: bool = False
    """It asks how things stand now ("how many russian troops are in ukraine now")."""
    regarding: list[Slot] | None = None
    """A question about the demands rather than for them ("are these demands new", "what
    would the demands mean for europe"): the words to find what the sources say of them."""
    demanded_of: tuple[str, ...] = ()
    """The name words of whom a question about the demands says they were made of, other
    than those Russia makes them of now ("what did russia ask biden for": "biden",
    "administration"): the demands of a period so named answer it."""


def _words_of(slot: Slot) -> set[str]:
    """The stems a slot stands for; a glossary phrase stands for its meaning alone ("demands
    changed" asks whether they are new, not for the demands)."""
    meant = slot.alternatives
    if slot.entry and " " in slot.typed:
        meant = tuple(alternative for alternative in meant
                      if alternative != slot.typed) or meant  # a phrase the glossary means
    return {stem(word) or word for alternative in meant for word in alternative.split()}


def _counted(typed: list[str], spell: Callable[[str], str]) -> frozenset[str] | None:
    """What an amount question counts (see `Question.amount`), its words as `spell` respells
    them ("how many weks": weeks)."""
    for start in range(len(typed)):
        for opening in AMOUNT_OPENINGS:
            if tuple(typed[start : start + len(opening)]) != opening:
                continue
            if "ago" in typed[start + len(opening) : start + len(opening) + 2]:
                return None  # "how long ago", "how many years ago": when
            if opening[-1] in ("long", "old"):
                return DURATIONS
            if is_cyrillic(opening[0]):
                return frozenset()
            after = [stem(spell(word)) for word in typed[start + len(opening) :]]
            return frozenset([term for term in after if term][:COUNTED_WORDS])
    return None


def _counted_of(typed: list[str]) -> frozenset[str]:
    """The country an amount question counts the people or forces of (see
    `Question.counted_of`): the one it names, or, of several, the one named right after the
    amount opening ("how many russian troops were on ukraine's border")."""
    named = [nation for nation in NATIONS if nation.intersection(typed)]
    if len(named) == 1:
        return named[0]
    for start in range(len(typed) - 2):
        if tuple(typed[start : start + 2]) in AMOUNT_OPENINGS:
            return next((nation for nation in named if typed[start + 2] in nation), frozenset())
    return frozenset()


PERMITTED = frozenset({"allowed", "permitted", "forbidden", "banned", "barred"})
"""Words by which a "will ..." question asks what would be allowed, which the demands tell,
not what will happen."""


def _asks_will(typed: list[str]) -> bool:
    """Whether a question asks whether something will happen ("will ukraine hold elections",
    "the war will end?", "is putin going to accept"), not when ("when will the war end") nor
    in a clause ("why are people worried putin will use a truce")."""
    if PLACE_OR_TIME.intersection(typed) or (typed[:1] and typed[0] in FEARING):
        return False  # "worries putin will play the truce": what is feared
    if PERMITTED.intersection(typed) or ("have", "to") in pairwise(typed):
        return False  # "will foreign troops be allowed in ukraine", "will ukraine have to say
        # goodbye to nato": what the terms allow or require
    return "will" in typed[:WILL_REACH] or (typed[:1] != [] and typed[0] in LINKING
                                             and "going" in typed[:WILL_REACH + 2])


def _hypothetical(typed: list[str]) -> bool:
    """Whether a question asks what would follow if something happened: "what (will)
    happen(s) if ...", "what if ...", "что будет, если", "що буде, якщо"."""
    return typed[:2] == ["what", "if"] or any(
        first in HAPPENING and second in CONDITIONS for first, second in pairwise(typed))


def _asks_future(typed: list[str]) -> bool:
    """A "when" or "where" question with a future verb: "will", "going to", "when does ...
    start", or a Russian or Ukrainian verb in the future tense ("коли закінчиться війна")."""
    if not PLACE_OR_TIME & set(typed):
        return False
    scheduled = bool({"does", "do"} & set(typed)) and any(
        stem(word) in SCHEDULED for word in typed)
    return scheduled or bool(FUTURE_MARKERS & set(typed)) or any(
        is_cyrillic(word) and future_tense(word) for word in typed)


def names_story(slot: Slot) -> bool:
    """Whether a word or phrase of a question names the story itself ("on the list")."""
    named = [word for word in words(slot.typed) if word not in STOPWORDS]
    return slot.entry == LIST_ENTRY or (bool(named) and all(word in STORY_WORDS
                                                           for word in named))


def latin_russian(index: SearchIndex, text: str) -> bool:
    """Whether a message may be Russian typed in Latin letters ("chto hochet rossiya"): its
    words all Latin and of a word's length, most of them neither English nor held by the
    fact base (not "putin's envoy")."""
    typed = words(text)
    return bool(typed) and all(word.isascii() and len(word) <= LONGEST_WORD for word in typed) \
        and 2 * sum(not ordinary(word) and not index.knows(stem(word) or word)
                    for word in typed) >= len(typed)


MIN_RUSSIAN = 4
"""The shortest Latin word read as a Russian one in an English message."""


def russian_words_in_latin(index: SearchIndex, text: str) -> str | None:
    """The message with its Russian words typed in Latin letters written in Cyrillic ("list
    of trebovaniya from moscow": "требования"): words of a word's length that are neither
    English nor held by the fact base, and are a glossary term in Cyrillic ("gaza" is not);
    None when it has none."""
    typed = words(text)
    foreign = {word: to_cyrillic(word) for word in typed if word.isascii() and word.isalpha()
               and MIN_RUSSIAN <= len(word) <= LONGEST_WORD and not ordinary(word)
               and not index.knows(stem(word) or word)}
    foreign = {word: cyrillic for word, cyrillic in foreign.items()
               if any(slot.entry for slot in index.read(cyrillic))}
    if not foreign or len(foreign) == len(typed):
        return None
    return " ".join(foreign.get(word, word) for word in typed)


WH_WORDS = frozenset("who what when where which why how".split())
"""The English words that open a question for something, not a yes or no."""
OPENERS = YES_NO | ASKING | WHY | frozenset(
    """who whom whose when where how кто что когда где как чей какой какие хто що коли де
    як чий який які""".split())
"""Words that open a question ("who is putin, and what was his career")."""


SENTENCE_BREAK = re.compile(r"[.!?;:]+(?:\s+|$)|,\s*")
"""Where a message's sentences and comma-set parts end."""
JOINING = re.compile(r"\s(?:and|but|or|so)\s", re.IGNORECASE)
"""The words that join two clauses of a sentence."""


def sentences(text: str) -> list[str]:
    """A message's sentences and comma-set parts, lower case."""
    return [part for part in SENTENCE_BREAK.split(US_DOTS.sub("us", text.casefold()))
            if part.strip()]


def asks_twice(text: str) -> bool:
    """Whether two or more clauses of a message each open a question ("who is putin, and
    what was his career before politics?")."""
    leaves = [words(part) for sentence in sentences(text) for part in JOINING.split(sentence)]
    return sum(any(word in OPENERS for word in typed[:2]) for typed in leaves) > 1


def meaningful(typed: list[str]) -> int:
    """How many of the words say something: no stopword, filler or word naming the story."""
    return sum(word not in SAYING_NOTHING for word in typed)


SAYING_NOTHING = STOPWORDS | FILLER | STORY_WORDS
"""Words that say nothing of what a message asks."""


def clauses(text: str) -> list[str]:
    """The parts of a long message that may each ask something, each once and at most
    `MAX_CLAUSES`: its sentences, then the parts "and", "but", "or" and "so" join; each with
    two words or more that are no filler and do not name the story ("what does the article
    say about that" says nothing), or one in a sentence a question word opens ("who is
    kellogg?"), none ending on a word that points at another."""
    told = [sentence.strip() for sentence in sentences(unframed(text))]
    parts = [*told, *(part for sentence in told for part in JOINING.split(sentence))]
    found: list[str] = []
    for part in map(str.strip, parts):
        typed = words(part)
        meaning = meaningful(typed)
        if (part not in found and typed and typed[-1] not in POINTING
                and (meaning > 1 or (meaning and part in told and typed[0] in WH_WORDS))):
            found.append(part)
    return found[:MAX_CLAUSES]


def listed(text: str) -> list[str]:
    """The parts of a message that lists things, each with two words that are no filler
    and none pointing at another part ("ukraine must be neutral", "nuclear free"; not "is
    that the list", "what are their names")."""
    parts = [part.strip() for sentence in sentences(unframed(text))
             for part in JOINING.split(sentence)]
    return [part for part in parts
            if (typed := words(part)) and not (POINTING | OWNERS) & set(typed)
            and meaningful(typed) > 1]


FRAMES = re.compile("|".join((
    r"\b(?:i|we)(?: would| should|'d)? (?:like|love|want|wish) to (?:know|ask|hear|learn"
    r"|understand|find out)(?: more)?(?: about)?(?: whether| if)?\b",
    r"\b(?:could|can|would|might|will) you (?:please |kindly )?(?:tell|explain|remind"
    r"|confirm|clarify|summari[sz]e|describe|outline)(?: to)?(?: me| us)?(?: briefly)?"
    r"(?: whether| if)?\b",
    r"\b(?:i|we) (?:understand|gather|assume|believe|suppose|recall|understood|am told"
    r"|was told|have been told|keep hearing|keep reading)(?: that)?\b",
    r"\b(?:am|was) i (?:right|correct|wrong) (?:in thinking|to think|in saying|to say)"
    r"(?: that)?\b",
    r"\b(?:is|was) it (?:fair|right|correct|accurate) to (?:say|think)(?: that)?\b",
    r"\b(?:is|was) it (?:correct|right|accurate) that\b",
    r"\b(?:is|was) (?:that|this) (?:correct|right|accurate|so)\b",
    r"\b(?:my|our|a) (?:[a-z]+ ){0,2}(?:tells|told|says|said) (?:me|us)(?: that)?\b",
    r"^(?:my|our) [a-z]+ (?:says|said|thinks|reckons|claims)(?: that)?\b",
    r"\bis (?:that|this|it) what (?:the|this) (?:article|report|story|piece) says\b",
    r"\bi (?:would|should) be (?:grateful|glad|obliged)(?: for| if you could)?\b",
    r"\b(?:please|kindly)\b",
    r"\b(?:may|can|could|might) (?:i|we) (?:ask|know|enquire|inquire)(?: about)?\b",
    r"\bwhat(?:'s| is| was|s) (?:the deal|up) with\b",
    r"\b(?:(?:can|could|would) you )?help (?:me|us)(?: to)? (?:understand|get|make sense of)\b",
    r"\b(?:take|takes|took|taken|taking) place\b",
    r"\bback(?= in\b| then\b| when\b)",
    r"\b(?:described|describes|describe|characterised|characterized) as\b",
    r"\b(?:thought|believed|said|reported|considered|understood) to be\b",
    r"\b(?:in total|all together|altogether|in all|overall)\W*$",
)))
"""Frames in which a reader puts a question, asking nothing themselves: politeness ("would
you kindly explain whether", "i should like to know", "may i ask", "help me understand"),
"what was the deal with", what the reader
was told ("my grandson tells me", "i gather", "am i right in thinking that"), "is that
correct"; "take place", which says no more than "happen", and "back" in "back in 2021"; and
"described as", "thought to be", which say what is asked is someone's view, not whose ("which
figure is described as a former intelligence officer"); "in total" or "altogether" closing
a question, which a count asks anyway ("how many demands are there in total")."""


OCCUPYING = frozenset("hold holds held holding occupy occupies occupied".split())
"""Verbs by which someone holds a position or post."""
HOLDING = OCCUPYING | frozenset("have has had play plays played".split())
"""Verbs by which a question asks the role someone holds ("what role did kellogg play")."""
HELD_POSITION = re.compile(r"\b(?:position|(?:(?<=what )|(?<=which )|(?<=the )|(?<=his )"
                           r"|(?<=her )|(?<=a ))post)\b(?=.*\b(?:"
                           + "|".join(sorted(OCCUPYING)) + r")\b)")
"""A position or post someone holds is their role ("what position did kellogg hold"), not
their view ("kellogg's position on istanbul"); "post" only as a noun ("what did trump post
about the talks held in saudi arabia")."""


def unframed(text: str) -> str:
    """`text` without the frames a reader put the question in (`FRAMES`)."""
    bare = FRAMES.sub(" ", text.casefold().replace("’", "'"))
    return bare if words(bare) else text


def understand(index: SearchIndex, text: str,
               reporters: frozenset[str] = frozenset()) -> Question:
    """The intent of `text`, the people it names, and the words left to search by;
    `reporters`: the ids of the outlets that published the sources, which a question names
    as the story's teller ("what did reuters report about the demands"), not as its topic."""
    text = HELD_POSITION.sub("role", unframed(index.unglued(text)))
    typed = words(text)
    question = Question([], amount=_counted(typed, index.respelt),
                        counted_of=_counted_of(typed),
                        future=_asks_future(typed),
                        will=_asks_will(typed), hypothetical=_hypothetical(typed),
                        present=bool(PRESENT_WORDS.intersection(typed)),
                        claim=bool(_claim(typed)), others=_others_asked(typed))
    slots = _mark_asked([slot for slot in index.read(text)
                         if question.amount is None or slot.typed not in AMOUNT_WORDS], typed)
    for word in _claim(typed):
        slots = _without_first(slots, word)
    if typed[:1] and typed[0] in NAMING:  # "list the demands", "tell me about kellogg"
        slots = _without_first(slots, typed[0])
    for word in _story_attribution(typed):  # "according to the article, what did stent say"
        slots = _without_first(slots, word)
    slots = _current_for_new(slots)
    question.role_asked = _role_asked(typed)
    question.where = bool(WHERE.intersection(typed[:WHERE_REACH])) and not ORIGIN & set(typed)
    question.ending = bool(ENDING.intersection(typed)) or any(
        slot.entry == END_ENTRY for slot in slots)
    question.after = _after(typed)
    question.before = _before(typed)
    question.compared = _compared(typed)
    question.failure_cause = bool(WHY.intersection(typed)) and any(
        FAILING & _words_of(slot) for slot in slots if slot.entry)
    if WHY.intersection(typed) and not question.failure_cause:
        question.decision_cause = DECIDING & set().union(*map(_words_of, slots))
    reading = _read(index, slots, frozenset(
        word for word, after in pairwise(typed) if after == "s"))  # "trump's": "trump", "s"
    reading.spoken_of = frozenset(after for word, after in pairwise(typed) if word in ABOUT)
    _untold(reading, reporters)
    if typed[:1] and typed[0] in YES_NO:
        _wanting_to_end(index, reading)
    question.slots = reading.searched
    question.listing = _listing(typed) if not (reading.named or reading.demands) and all(
        names_story(slot) or slot.typed in LISTING_WORDS for slot in reading.rest) else ""
    question.agreeing = _agreeing(reading)
    if reading.strangers:
        question.refusal = "strangers"
    elif any(person.entity == "person" for person in reading.named.values()) \
            and not reading.rest and AGE_QUESTIONS.intersection(pairwise(typed)):
        question.refusal = "age"
    elif any(person.entity == "person" for person in reading.named.values()) and (
            STUDYING.intersection(typed) or _deeds_in_role(typed, reading.named.values())):
        question.refusal = "life"  # "where did schake study": not her "policy studies"
    elif _asked_of(typed, list(reading.named.values())):
        question.refusal = "asked"  # "what did the audience at the cfr ask kellogg"
    if CONDITIONS.intersection(typed) and (
            question.will or question.hypothetical or CONSEQUENCE.intersection(typed)) \
            and _if_demands_met(reading):
        question.will = question.hypothetical = False
        question.claim = True  # "would us troops leave europe if russia gets its way"
    question.people = list(reading.named.values())
    question.topic = reading.rest
    _decide(index, question, reading, _about_demands(typed))
    if not WHY.intersection(typed) and typed[:1] not in (["what"], ["which"]):
        # not "why did biden reject the demands" (the reasons), nor "what would ukraine have
        # to swallow under moscow's plan" (the demands)
        question.responding = _responder(question.slots, reading.named.values())
    return question


@dataclass(frozen=True)
class _Owner:
    """A name typed as an owner's: where it ends, whom it names, the slot searched for them."""

    end: int
    people: tuple[Person, ...]
    slot: Slot


@dataclass
class _Reading:
    """What reading a question's slots in order finds: whom it names, its topic, and the
    words that say what it asks."""

    slots: list[Slot]
    meant: list[set[str]]
    """The stems each slot stands for."""
    named: dict[str, Person] = field(default_factory=dict)
    rest: list[Slot] = field(default_factory=list)
    """The topic: the slots that are neither question words nor names."""
    searched: list[Slot] = field(default_factory=list)
    """The slots to search by, a name's words spelt as the fact base spells them."""
    said: bool = False
    demands: bool = False
    asked_of: set[str] = field(default_factory=set)
    """Who is named right after "from": whom something is wanted of, not who wants it."""
    addressee_wants: bool = False
    """Whom Russia makes demands of is named first, as the one who wants: "what does ukraine
    want" asks for Ukraine's wishes, not Russia's demands (unless Russia is named too: "can
    ukraine join nato under russia's terms")."""
    asks_role: bool = False
    """It asks for someone's job or role ("what was kellogg's job")."""
    owned: frozenset[str] = frozenset()
    """The words typed with "'s" after them."""
    spoken_of: frozenset[str] = frozenset()
    """The words typed right after "about" ("що кажуть про крим": Crimea is spoken of, not
    the speaker)."""
    naming: dict[str, Slot] = field(default_factory=dict)
    """The slot searched for each person named."""
    owner: _Owner | None = None
    """The last name typed as an owner's ("trumps", "trump's"): if someone else is named
    right after it, the owner is not asked about ("trumps general")."""
    strangers: bool = False
    """It names someone as the owner's whom the sources do not give them ("putin's envoy")."""
    named_first: bool = False
    """It names someone before its word of saying ("who from brookings is quoted")."""
    asks_speaker: bool = False
    """It asks who before its word of saying: a country or organisation it names after that
    word is what was said, not the speaker ("who said russia isn't interested in peace")."""
    named_as_topic: set[str] = field(default_factory=set)
    """Who is named as what someone spoke of ("what did trump say about zelensky")."""

    @property
    def flat(self) -> set[str]:
        """Every stem the question stands for."""
        return set().union(*self.meant) if self.meant else set()


def _read(index: SearchIndex, slots: list[Slot], owned: frozenset[str]) -> _Reading:
    """Read the slots in order: names (by name or alias, misspelt, or, when nobody is named
    by name, described: "when did putin leave the kgb" asks about the KGB), words that ask
    what was said or demanded, and the topic (`owned`: words typed with "'s")."""
    reading = _Reading(slots, [_words_of(slot) for slot in slots], owned=owned)
    by_name = any(index.names.exactly([slot]) for slot in slots)
    asks_demands = any(held & DEMAND_WORDS for held in reading.meant) and not any(
        held & SAID_WORDS for held in reading.meant)  # "what does the us think of the demands"
    speech = any(held & SAID_WORDS for held in reading.meant)
    position = 0
    while position < len(slots):
        slot, held = slots[position], reading.meant[position]
        if held & SAID_WORDS:
            reading.said = True
            reading.named_first = reading.named_first or bool(reading.named)
        elif held & DEMAND_WORDS or slot.entry == NOVELTY_ENTRY:
            reading.demands = True
        if "who" in held and not reading.said:
            reading.asks_speaker = True
        if held & (SAID_WORDS | {"who", "what", "when", "why"}) or not slot_terms(slot):
            if held & SAID_WORDS:
                reading.searched.append(slot)
            position += 1
            continue
        people, length = (([], 1) if asks_demands and slot.entry in ADDRESSEES else
                          _people_at(index, slots, position, describe=not by_name,
                                     speech=speech))
        if people:
            _name(reading, people, position, length)
            position += length
            continue
        reading.searched.append(slot)
        if slot.entry in ADDRESSEES and not reading.demands and not reading.named and next((
                bool(meant & DEMAND_WORDS) or after.typed in WANTING | SETTING
                for after, meant in zip(
                    slots[position + 1 :], reading.meant[position + 1 :], strict=True)
                if slot_terms(after)), False):
            reading.addressee_wants = True  # "what does ukraine demand", "ukraine's
            # demands", "ukraine sets conditions"; not "ukraine outside nato as a condition"
        if (not held & DEMAND_WORDS or (speech and slot.entry == LIST_ENTRY)) and not (
                asks_demands and (
                slot.entry in ADDRESSEES or held & (PURPOSES | DEMAND_VERBS)
                or (slot.typed in LIST_WORDS and any(  # "demands list", "terms as a list"
                    meant & DEMAND_WORDS for meant in reading.meant[max(position - 3, 0) :
                                                                   position + 2])))):
            reading.rest.append(slot)
        position += 1
    _handed_over(reading)
    _described_by_role(index, reading)
    if not reading.named and any(slot.typed in SOMEONE for slot in reading.rest):
        reading.searched = [slot for slot in reading.searched if slot.typed not in SOMEONE]
        reading.rest = [slot for slot in reading.rest if slot.typed not in SOMEONE]
    sourcing = [slot for slot in reading.searched if slot.entry == SOURCING_ENTRY]
    if sourcing:  # "who reported that russia gave the us a list": who, not what
        reading.searched, reading.rest = sourcing, list(sourcing)
    describing: frozenset[str] = frozenset()
    comparing = [slot for slot in reading.rest if COMPARING.intersection(words(slot.typed))
                 or slot.entry == DIVISIONS_ENTRY]  # "agree on"
    if len(reading.named) > 1 and all(person.entity == "person"
                                      for person in reading.named.values()) and comparing:
        # "do witkoff and kellogg disagree about istanbul", "is stent on the same side as
        # schake": what each of them said
        reading.said = True
        reading.rest = [slot for slot in reading.rest if slot not in comparing]
        reading.searched = [slot for slot in reading.searched if slot not in comparing]
    if reading.named:
        reading.asks_role = any(slot.typed in ROLE_WORDS for slot in reading.rest)
        describing = PERSON_NOUNS | ROLE_WORDS | (HOLDING if reading.asks_role else set())
    elif reading.said and any(slot.typed not in ANYONE for slot in reading.rest):
        describing = ANYONE  # "what do people say about the truce"
    if reading.said:  # "did the white house give a comment": no giving asked about
        describing |= LIGHT_VERBS
    if any(slot.typed in NATIONALITIES and after.typed == "people"
           for slot, after in pairwise(reading.slots)):
        describing -= {"people"}  # "what do the russian people want": not the Kremlin's wishes
    reading.searched = [slot for slot in reading.searched if slot.typed not in describing]
    reading.rest = [slot for slot in reading.rest if slot.typed not in describing]
    return reading


def _described_by_role(index: SearchIndex, reading: _Reading) -> None:
    """The people a question describes by their role instead of naming them: when it has a
    word for a person ("guy", "leader", "boss") and the role of one or two people holds more
    of its words than anyone else's, one of them other than that word ("the ukrainian leader":
    Zelenskiy, the Ukrainian President; "trumps man for the middle east": Witkoff, the U.S.
    Middle East envoy). A word counts less the more people's roles hold it, and someone's
    name half: "russia" is in three roles, "middle east" in one. Whom someone spoke of is
    not who spoke ("what did the us leader say about zelensky"), and a boss's name alone
    does not say which of their people is meant ("trumps china guy"). The words of the
    description, and whoever they name, are then no topic."""
    named_by = {id(slot): person_id for person_id, slot in reading.naming.items()}
    nouns = [slot for slot in [*reading.rest, *reading.naming.values()]
             if DESCRIBED_BY.intersection(words(slot.typed))
             and (id(slot) not in named_by
                  or reading.named[named_by[id(slot)]].entity != "person")]
    if not nouns:
        return
    holding: dict[str, list[Slot]] = defaultdict(list)
    taken = reading.named.keys() | reading.named_as_topic  # "... say about zelensky": not him
    for slot in [*reading.rest, *reading.naming.values()]:
        terms = ({stem(word) or word for word in words(reading.named[named_by[id(slot)]].name)}
                 if id(slot) in named_by else _words_of(slot))
        for person_id in {holder for term in terms for holder in index.names.holders(term)}:
            if person_id not in taken and index.names.people[person_id].entity == "person":
                holding[person_id].append(slot)
    holding = {person_id: held for person_id, held in holding.items()
               if _describes(held, index.names.people[person_id], reading)}
    sharing = Counter(id(slot) for held in holding.values() for slot in held)
    scored = [(sum((NAME_SHARE if id(slot) in named_by else 1.0) / sharing[id(slot)]
                   for slot in held), index.names.people[person_id], held)
              for person_id, held in holding.items()]
    best = max((score for score, _, _ in scored), default=0.0)
    chosen = [(person, held) for score, person, held in scored if score == best]
    if not chosen or len(chosen) > MOST_DESCRIBED:
        return
    describing = {id(slot) for _, held in chosen for slot in held} | {id(slot) for slot in nouns}
    describers = {named_by[key] for key in describing & named_by.keys()}
    describers.update(boss.id for boss in reading.named.values()  # "trumps mideast guy"
                      if all(_belongs(person, boss) for person, _ in chosen))
    compared = any(slot.typed in VERSUS for slot in reading.rest)
    if not compared and any(person.entity == "person" and person.id not in describers
                            for person in reading.named.values()):
        return  # "the former pentagon official": Kori Schake is named; but "witkoff vs
        # trump's ukraine guy" compares two people
    for describer in describers:
        del reading.named[describer]
    describing |= _describing_clause(reading, describing)
    reading.rest = [slot for slot in reading.rest if id(slot) not in describing]
    for person, _ in chosen:
        naming = Slot(nouns[0].typed, tuple(words(person.name)), known=True)
        reading.named[person.id] = person
        reading.naming[person.id] = naming
        reading.searched.append(naming)


def _describing_clause(reading: _Reading, describing: set[int]) -> set[int]:
    """The slots from a description's first word to the word asking what the person said
    after it, which go on describing them ("the woman who used to read russia for us
    intelligence, what did she say": all she said)."""
    positions = [position for position, slot in enumerate(reading.slots)
                 if id(slot) in describing]
    if not reading.said or not positions:
        return set()
    start = positions[0]
    end = next((position for position in range(start, len(reading.slots))
                if reading.meant[position] & SAID_WORDS), start)
    return {id(slot) for slot in reading.slots[start:end]}


def _describes(held: list[Slot], person: Person, reading: _Reading) -> bool:
    """Whether the slots of a question that `person`'s role holds describe them: one is more
    than a word for a person ("guy") or the name of someone they work for ("trumps china
    guy" is no more Kellogg than Witkoff)."""
    bosses = {id(reading.naming[boss.id]) for boss in reading.named.values()
              if _belongs(person, boss)}
    return any(slot.typed not in PERSON_NOUNS and id(slot) not in bosses for slot in held)


def _name(reading: _Reading, people: list[Person], position: int, length: int) -> None:
    """Take the people the `length` slots from `position` name: as who is asked about, or,
    after a speaker and a verb of saying, as the topic ("what did trump say about zelensky")."""
    span = reading.slots[position : position + length]
    start = position
    if len(people) > 1 and position > 0 and len(narrowed := _narrowed(
            people, reading, reading.slots[position - 1])) < len(people):
        people, start = narrowed, position - 1  # "mideast envoy": Witkoff
        typed = tuple(part.typed for part in span)
    else:
        typed = tuple(word for part in span for word in part.alternatives)
    spelt = Slot(" ".join(part.typed for part in span),
                 tuple(dict.fromkeys((*(word for person in people for word in words(person.name)),
                                      *typed, *_alias_names(people)))),
                 known=True)
    reading.searched.append(spelt)
    closing = position + length == len(reading.slots) and position > 0 and bool(
        reading.meant[position - 1] & SAID_WORDS)  # "crimea is russian, says putin"
    spoken_of = reading.asks_speaker and all(person.entity != "person" for person in people)
    compared = any(slot.typed in COMPARING or slot.entry == DIVISIONS_ENTRY
                   for slot in reading.slots) and all(
        person.entity == "person" for person in (*people, *reading.named.values()))
    if reading.said and (reading.named or reading.rest or spoken_of) and not closing \
            and not compared:  # "how is kellogg's view different from witkoff's": both
        reading.rest.append(spelt)
        reading.named_as_topic.update(person.id for person in people)
        return
    if closing:  # "russia wants nato gone, says kellogg": Russia is what Kellogg spoke of
        reading.rest.extend(reading.naming[named] for named in reading.named)
        reading.named.clear()
    # "what did kellogg say", or "что сказал Келлог" (the speaker after the verb)
    owner = reading.owner
    if owner is not None and owner.end <= start <= owner.end + 2 and all(
            slot.typed in NUMBER_WORDS | RANKS or not slot_terms(slot)
            or only_describes(slot.typed)
            for slot in reading.slots[owner.end : start]):
        # "trumps two envoys", "trump's top envoy": the envoys, if they are his
        if all(person.entity == "person" for person in people):
            theirs = [person for person in people if any(
                _belongs(person, boss) for boss in owner.people)]
            reading.strangers = not theirs  # "putin's envoy": the sources name none
            people = theirs or people
        elif any(boss.entity != "person" for boss in owner.people):
            # "biden's administration": the Biden administration; "russia's embassy": the
            # Russian embassy, whose name says whose it is
            people = [person for person in people if person not in owner.people
                      and any(_named_after(person, boss) for boss in owner.people)]
        if people:  # "trump's white house", "putin's russia": the White House, Russia
            for boss in owner.people:
                if boss not in people:
                    reading.named.pop(boss.id, None)
                    reading.naming.pop(boss.id, None)
            reading.searched = [slot for slot in reading.searched if slot is not owner.slot]
        else:
            reading.searched.remove(spelt)
            return
    before = reading.slots[max(start - 2, 0) : start]
    for at, counted in enumerate(before):
        if counted.typed in NUMBER_WORDS | RANKS and counted in reading.rest and all(
                between.typed in NUMBER_WORDS | RANKS or only_describes(between.typed)
                for between in before[at + 1 :]):  # not "the three things biden's people"
            reading.rest.remove(counted)  # "trumps two envoys", "top envoy": no topic
            reading.searched = [slot for slot in reading.searched if slot is not counted]
    reading.named.update((person.id, person) for person in people)
    reading.naming.update((person.id, spelt) for person in people)
    if _owning(span[-1].typed, people, reading.owned):
        reading.owner = _Owner(position + length, tuple(people), spelt)
    if position > 0 and reading.slots[position - 1].typed in FROM_WORDS:
        reading.asked_of.update(person.id for person in people)


def _named_after(owned: Person, owner: Person) -> bool:
    """Whether an organisation's name says it is another's: a word of it opens with a name of
    the owner's ("Russian embassy in Washington": Russia's; not the "Trump administration",
    Biden's by the everyday word "administration")."""
    names = [word for word in words(owner.name) if not ordinary(word)]
    return any(word.startswith(name) for name in names for word in words(owned.name))


def _alias_names(people: list[Person]) -> list[str]:
    """The words of organisations' aliases that are names, not everyday words ("Moscow" and
    "Kremlin" for Russia; not "officials"): an item naming them by one is about them."""
    return [word for person in people if person.entity != "person" for alias in person.aliases
            for word in words(alias) if word not in STOPWORDS and not ordinary(word)]


def _untold(reading: _Reading, reporters: frozenset[str]) -> None:
    """A question that names the outlet that told the story and asks something else asks
    what the story says ("did reuters see the list"): the outlet is no one asked about, its
    name a word like any other, and none at all when the question asks when or about someone
    else ("when was the reuters story published", "what did reuters say about kellogg")."""
    told = reporters.intersection(reading.named)
    if told and (reading.rest or reading.said or reading.demands or len(reading.named) > 1):
        for reporter in told:
            del reading.named[reporter]
            if "when" in reading.flat or reading.named or reading.said:
                reading.searched = [slot for slot in reading.searched
                                    if slot is not reading.naming[reporter]]


def _belongs(person: Person, boss: Person) -> bool:
    """Whether the sources make `person` someone of `boss`'s: their role names the boss as
    owner ("Trump's chief envoy", not "envoy for Ukraine and Russia"), or both roles open with
    the same country ("U.S. President", "U.S. Middle East envoy")."""
    role = words(person.role)
    if set(words(boss.name)).intersection(word for word, after in pairwise(role)
                                          if after == "s"):
        return True
    country = role[:1]
    return (boss.entity == "person" and bool(country) and country == words(boss.role)[:1]
            and country[0] in COUNTRIES)


def _owning(typed: str, people: list[Person], owned: frozenset[str]) -> bool:
    """Whether a name is typed as its owner's: "trump's", or "trumps" for Trump."""
    return typed in owned or (typed.endswith("s") and any(
        typed[:-1] == word for person in people
        for name in (person.name, *person.aliases) for word in words(name)))


def _narrowed(people: list[Person], reading: _Reading, before: Slot) -> list[Person]:
    """Of the people a shared alias names, the one the word before it describes ("mideast
    envoy": Witkoff, the Middle East envoy; Kellogg is the Ukraine envoy); that word is then
    no topic. All of them when it describes none or several."""
    meant = _words_of(before) - ({stem(before.typed)} if before.entry else set())
    described = [person for person in people if meant and meant <= {
        stem(word) or word for word in words(" ".join((person.name, *person.aliases,
                                                       person.role)))}]
    if len(described) != 1 or before not in reading.rest:
        return people
    reading.rest.remove(before)
    reading.searched = [slot for slot in reading.searched if slot is not before]
    return described


def _role_asked(typed: list[str]) -> frozenset[str]:
    """The stems of the role a question asks who holds: the words of `NAMED_ROLES` soon after
    "who is/was/are/were" or "names of" ("who is russia's chief negotiator": a chief who is a
    negotiator)."""
    if typed[:1] == ["who"] and typed[1:2] and typed[1] in LINKING:
        window = typed[2 : 2 + ROLE_REACH]
    elif "names" in typed:
        at = typed.index("names")
        window = typed[at + 1 : at + 1 + ROLE_REACH]
    else:
        return frozenset()
    asked = list(takewhile(lambda word: word != "who", window))
    return frozenset(stem(word) for word in asked if word in NAMED_ROLES)


def _responder(slots: list[Slot], named: Iterable[Person]) -> frozenset[str]:
    """The words naming whom a question asks how they took Russia's demands: a word of
    agreeing or responding right after someone other than Russia, with the demands after it
    ("does the us agree with russias demands", "did trump respond to the list"); someone
    the fact base names by their names, one of several words whole ("biden administration":
    not the Trump administration); for anyone on the U.S. side of today, every name the U.S.
    side goes by, and for the U.S. named as a country every administration too."""
    meaningful = [(slot, _words_of(slot)) for slot in slots if slot_terms(slot)]
    for at, ((who, meant), (verb, _held)) in enumerate(pairwise(meaningful)):
        responds = verb.entry == AGREEING or bool(RESPONDING & set(map(stem, words(verb.typed))))
        if not responds or who.entry in DEMANDING or meant & DEMAND_WORDS or not any(
                held & DEMAND_WORDS or slot.entry == LIST_ENTRY or "list" in words(slot.typed)
                for slot, held in meaningful[at + 2 :]):
            continue
        names = {*words(who.typed), *(word for alternative in who.alternatives
                                       for word in words(alternative))}
        country = bool(names & US_COUNTRY)
        for person in named:
            called = {word for name in (person.name, *person.aliases) for word in words(name)
                      if not ordinary(word) or word in US_SIDE}
            if names & called:
                if person.id in DEMANDERS:
                    return frozenset()
                country = False
                names = {word for word in names if not ordinary(word) or word in US_SIDE} | \
                    called | {" ".join(parts) for name in (person.name, *person.aliases)
                              if len(parts := [word for word in words(name)
                                               if word not in STOPWORDS]) > 1}
        return frozenset(US_SIDE | names | ({"administration"} if country else set())
                         if names & US_SIDE else names) - STOPWORDS
    return frozenset()


def _if_demands_met(reading: _Reading) -> bool:
    """Whether a question asks what would follow if Russia got what it wants ("will ukraine
    lose territory if russia gets its way"): the demands tell it, and those words are no
    topic."""
    met = [slot for slot in reading.searched if slot.entry == MET_ENTRY]
    if not met or not set(reading.named) <= DEMANDERS:
        return False
    reading.demands = True
    reading.addressee_wants = False  # "what would happen to ukraine if the demands are met"
    met += [slot for slot in reading.rest if slot.typed in FOLLOWING_FOR]  # "would kyiv lose"
    reading.rest = [slot for slot in reading.rest if slot not in met]
    reading.searched = [slot for slot in reading.searched if slot not in met]
    return True


def _wanting_to_end(index: SearchIndex, reading: _Reading) -> None:
    """Whether Russia wants to end the war, asked yes or no ("does moscow even want to stop
    fighting"), asks how sincere it is, not for its demands (as "what does russia want to
    end the war" does)."""
    sincere = index.glossary.entries.get(SINCERE_ENTRY)
    if not reading.demands or reading.rest or sincere is None:
        return
    meaning = [(slot, held) for slot, held in zip(reading.slots, reading.meant, strict=True)
               if slot.typed not in STOPWORDS]
    for (slot, held), (after, purpose) in pairwise(meaning):
        if held & DEMAND_WORDS and slot.typed in WANTING and purpose & PURPOSES:
            meant = Slot(sincere.id, sincere.means, known=True, entry=sincere.id)
            reading.demands = False
            reading.rest = [meant, after]
            reading.searched = [meant if searched is slot else searched
                                for searched in reading.searched]
            return


def _handed_over(reading: _Reading) -> None:
    """What Russia sent or gave the U.S. is its list of demands ("what did russia send to the
    us"), and so is what is on its list ("what is on the list russia gave the us") and what
    it proposes, though no word of demanding is typed."""
    proposing = [slot for slot in reading.rest if slot.typed in PROPOSING]
    if proposing and reading.named and set(reading.named) <= DEMANDERS and not reading.demands \
            and len(reading.rest) == len(proposing):  # "what does russia propose"
        reading.demands = True
        reading.rest = []
        return
    contents = [slot for slot in reading.rest
                if slot.entry == CONTENTS_ENTRY and "list" in words(slot.typed)
                and CONTAINED & set(words(slot.typed))] if "who" not in reading.flat else []
    if reading.demands or not set(reading.named) <= DEMANDERS or (not contents and (
            not reading.named or not any(held & DEMAND_VERBS for held in reading.meant)
            or not any(slot.entry in ADDRESSEES for slot in reading.slots))):
        return
    reading.demands = True
    reading.rest = [slot for slot, held in zip(reading.slots, reading.meant, strict=True)
                    if slot in reading.rest and not held & DEMAND_VERBS
                    and slot.entry not in ADDRESSEES and slot not in contents]


def _decide(index: SearchIndex, question: Question, reading: _Reading,
            about: set[str]) -> None:
    """Set the question's intent from what reading it found (`about`: its words that ask
    about the demands rather than for them)."""
    named = set(reading.named)
    flat = reading.flat
    question.asks_who = "who" in flat and reading.named_first
    if ("who" in flat or reading.asks_role) and question.people and not question.topic \
            and not reading.said:
        question.intent = "who"
        if reading.asks_role and len(question.people) == 2 and reading.slots[0].typed in YES_NO:
            # "did schake work for trump": only if the sources make her his
            worker, boss = question.people
            question.people = [worker]
            if not _belongs(worker, boss):
                question.refusal = "strangers"
    elif (reading.demands and named - reading.asked_of <= DEMANDERS
          and (_wanter(reading) is None or named - reading.asked_of)
          and not reading.said
          and not any(slot.entry == MET_ENTRY for slot in question.topic)
          and (question.amount is None or bool(question.amount & COUNTED_DEMANDS))):
        # not what happens before or after they are met ("is russia ready to talk with
        # ukraine before its conditions are accepted")
        question.intent = "demands"
        question.regarding = _regarding(index, reading.searched, about)
        if question.regarding is not None:
            question.topic = [slot for slot in question.topic
                              if slot.typed not in ABOUT_DEMANDS | NOVELTY
                              and slot.entry != NOVELTY_ENTRY]
    elif (reading.demands and not reading.said and question.amount is None
          and not flat & {"when", "do"}  # "what did biden do about the demands": his acts
          and len(others := named - reading.asked_of - DEMANDERS) == 1):
        question.demanded_of = tuple(words(reading.named[next(iter(others))].name))
    elif (reading.demands and not named - reading.asked_of and not reading.said
          and "who" not in flat and question.amount is None
          and (wanter := _wanter(reading)) is not None
          and not [slot for slot in question.topic if slot is not wanter]):
        question.refusal = "others-want"  # "what does ukraine demand from russia"
    elif reading.said and (question.people or (
            flat & {"who", "which"} and flat & (QUOTING | SAYS) and all(
                names_story(slot) or slot.typed in PERSON_NOUNS | CREDENTIALS
                for slot in question.topic))):
        question.intent = "said"  # what someone said, "who is quoted", "which experts are"
    elif reading.said and "who" not in flat:  # "who said ..." asks for the speaker
        if any(not any(map(index.knows, slot_terms(slot)))
               for slot in _speaking(reading) if not slot.known):
            question.refusal = question.refusal or "unknown-speaker"
        else:
            question.speaker = _subject(reading)
    elif "when" in flat and not _when_clause(reading.slots):
        question.intent = "when"


def _asked_of(typed: list[str], named: list[Person]) -> bool:
    """Whether a question asks what someone asked a person it names, "ask" typed right
    before their name or alias ("what did reporters ask witkoff", "what did journalists ask
    zelensky"), and whoever asks is no one the sources report acting: they report no one's
    questions. Russia asking is its demands ("what did russia ask the us"), and what Trump
    asked Putin is the ceasefire he awaits an answer on."""
    for word, after in pairwise(typed):
        if word not in ASKED_OF:
            continue
        asked = [person for person in named if after not in STOPWORDS and any(
            after in words(name.casefold()) for name in (person.name, *person.aliases))]
        return bool(asked) and all(person.entity == "person" for person in asked) and not any(
            person.entity == "person" or person.id in DEMANDERS
            for person in named if person not in asked)
    return False


def _deeds_in_role(typed: list[str], named: Iterable[Person]) -> bool:
    """Whether a question asks what someone did in a post their role names ("what did kellogg
    do as a general", "what was schake doing in the pentagon"): the sources give the post."""
    roles = {word for person in named if person.entity == "person"
             for word in words(person.role)}
    for position, word in enumerate(typed[:-1]):
        if word in DOING and typed[position + 1] in {"as", "at", "in"}:
            following = [later for later in typed[position + 2 :] if later not in ARTICLES]
            if following[:1] and following[0] in roles:
                return True
    return False


def _when_clause(slots: list[Slot]) -> bool:
    """Whether "when" opens a clause of another question rather than asking when: another
    question word comes before it ("who stayed silent when asked to comment", "what did
    putin say when ..."), not "what year" or "what date", nor "and" right before it ("what
    happened and when"), nor a verb that asks right after it ("what about the biden talks,
    when did they happen")."""
    typed = [slot.typed for slot in slots]
    if "when" not in typed:
        return False
    at = typed.index("when")
    before, after = typed[:at], typed[at + 1 : at + 2]
    if not before or before[-1] in {"and", "or"} or YES_NO.union(LINKING).intersection(after):
        return False
    return bool(OTHER_QUESTION_WORDS.intersection(before)) or any(
        word == "what" and after not in TIME_NOUNS for word, after in pairwise([*before, ""]))


def _listing(typed: list[str]) -> Listing:
    """What kind of thing the sources name a question asks for all of ("which organisations
    are mentioned"), if it asks so; "" otherwise."""
    if typed[:1] == ["who"] and PLAYERS.intersection(typed):
        return "person"  # "who are the main players in this story"
    if not MENTIONED.intersection(typed) and typed[:1] != ["list"]:
        return ""
    if typed[:1] == ["who"]:
        return "person"  # "who is mentioned in the article"
    return next((kind for word in typed for kind, nouns in LISTED if word in nouns), "")


def _agreeing(reading: _Reading) -> tuple[str, ...]:
    """The words of the agreeing a question asks of a country Russia makes demands of or of
    its leaders, named right before it ("did the us agree to ...", "did trump agree to ...");
    none otherwise."""
    for before, slot in pairwise(slot for slot in reading.slots if slot_terms(slot)):
        if slot.entry == AGREEING and before.entry in AGREERS:
            return tuple(_words_of(slot))
    return ()


def _wanter(reading: _Reading) -> Slot | None:
    """Who a question asks the wishes of, when not Russia: the word before its verb of
    wanting ("what does ukraine want", "what does nato want") or, in Russian or Ukrainian,
    after it ("чего хочет украина"); a country Russia makes demands of, or a name no person
    holds. None when Russia is asked about or no one is."""
    if reading.addressee_wants:
        return next((slot for slot in reading.slots if slot.entry in ADDRESSEES), None)
    at = next((position for position, slot in enumerate(reading.slots)
               if slot.typed in WANTING), None)
    if at is None:
        return None
    near = (reading.slots[at + 1 :] if is_cyrillic(reading.slots[at].typed)
            else reading.slots[at - 1 :: -1] if at else [])
    subject = next((slot for slot in near if slot_terms(slot)), None)
    if subject is None or subject.entry in ADDRESSEES:
        return subject
    if is_cyrillic(subject.typed):  # "чего хотят европейцы", not "чего хочет россия"
        return subject if subject.known and subject.entry not in DEMANDING else None
    return subject if subject in reading.rest and proper_name(subject) else None


def _speaking(reading: _Reading) -> list[Slot]:
    """The topic words where a question naming no one puts its speaker: before its word of
    saying ("what did lavrov say about ..."), or anywhere in Russian or Ukrainian ("что сказал
    лавров"); not what was said ("spies said the attack was coming")."""
    said_at = next((position for position, held in enumerate(reading.meant)
                    if held & SAID_WORDS), 0)
    return [slot for position, slot in enumerate(reading.slots) if slot in reading.rest
            and (position < said_at or is_cyrillic(slot.typed))]


def proper_name(slot: Slot) -> bool:
    """Whether a slot is a name no person of the base holds ("nato", "europe", "china"), not
    an everyday word ("analysts") or a number."""
    named = [word for word in words(slot.typed) if word not in STOPWORDS]
    return bool(named) and not any(ordinary(word) or not word.isalpha() for word in named)


def _subject(reading: _Reading) -> Slot | None:
    """Who a question naming no one asks the words of, when it is a name no person holds and
    no country Russia makes demands of: the word before its word of saying ("what did nato
    say"), or after it in Russian or Ukrainian ("що каже польща"); None for a description
    ("what do analysts say") or Ukraine ("what did ukraine say": Zelenskiy's words)."""
    said_at = next((position for position, held in enumerate(reading.meant)
                    if held & SAID_WORDS), 0)
    near = (reading.slots[said_at + 1 :] if is_cyrillic(reading.slots[said_at].typed)
            else reading.slots[said_at - 1 :: -1] if said_at else [])
    subject = next((slot for slot in near if slot in reading.rest
                    and slot.typed not in reading.spoken_of), None)
    if subject is None or subject.entry in ADDRESSEES:
        return None
    if is_cyrillic(subject.typed):  # "що каже польща": the dictionary has no names' tags
        return subject if subject.known and subject.entry not in DEMANDING else None
    return subject if proper_name(subject) else None


def _mark_asked(slots: list[Slot], typed: list[str]) -> list[Slot]:
    """The slots, the one for what a "what is the X of ..." or "what X do ..." question asks
    for marked as asked ("what is the population of crimea", "what range do the missiles
    have")."""
    asked = _asked_word(typed)
    for position, slot in enumerate(slots):
        if slot.typed == asked:
            return [*slots[:position], replace(slot, asked=True), *slots[position + 1 :]]
    return slots


def _asked_word(typed: list[str]) -> str | None:
    """The word a "what is the X of" or "what X do" question asks for, if it opens so."""
    if not typed or typed[0] not in ASKING:
        return None
    rest = typed[1:]
    linked = typed[0] == "whats"  # "whats" holds its verb
    if not linked and rest and rest[0] in LINKING:
        linked, rest = True, rest[1:]
    if linked:
        if rest and rest[0] in ARTICLES:
            rest = rest[1:]
        return rest[0] if len(rest) > 1 and rest[1] in ("of", "for") else None
    if len(rest) > 1 and rest[1] in AUXILIARIES and rest[0] not in STOPWORDS:
        return rest[0]
    return None


def _after(typed: list[str]) -> str:
    """What a question asks what followed ("what happened after the saudi meeting", "what
    came next after the biden talks failed"); "" for any other question."""
    for position, (word, following) in enumerate(pairwise(typed)):
        if word in FOLLOWING and following == "after":
            return " ".join(typed[position + 2 :])
    return ""


def _before(typed: list[str]) -> str:
    """What a question names the time before ("what did russia want before the invasion":
    "the invasion"); "" when it names none, or an act rather than a thing ("before talking to
    kyiv")."""
    if "before" not in typed:
        return ""
    rest = typed[typed.index("before") + 1 :]
    return "" if not rest or rest[0].endswith("ing") else " ".join(rest)


def _compared(typed: list[str]) -> tuple[str, ...]:
    """The two events a question asks the order of ("which came first, kellogg's speech or
    the saudi meeting", "что было раньше: стамбул или вторжение"); none for any other."""
    if not ORDERING.intersection(typed):
        return ()
    at = max(position for position, word in enumerate(typed) if word in ORDERING)
    rest = typed[at + 1 :]
    for joiner in ("or", "или", "чи", "або"):
        if joiner in rest:
            cut = rest.index(joiner)
            sides = (" ".join(rest[:cut]), " ".join(rest[cut + 1 :]))
            return sides if all(sides) else ()
    return ()


NAMES_ASKED = frozenset({"name", "names", "called"})
"""Words asking a group's members by name ("names of the 4 regions")."""


def _others_asked(typed: list[str]) -> str:
    """The number word of the group whose other members a "which/what are ..." question asks
    to name ("which are the four other regions", "what are the other four regions called",
    "name the four regions besides crimea"), `UNCOUNTED` when it gives no number ("besides
    crimea which other regions ..."); "" for any other question."""
    if not ASKING.intersection(typed) and not (NAMING | NAMES_ASKED | {"who"}).intersection(
            typed[:OPENING_REACH]):  # "which" may come last: "..., which ones are they"
        return ""
    for position, word in enumerate(typed):
        if (word in NUMBER_WORDS or word.isdigit()) and (OTHERS.intersection(
                typed[max(position - 1, 0) : position + 6])  # "the 4 regions besides crimea"
                or NAMES_ASKED.intersection(typed)  # "names of the 4 regions"
                or typed[position - 1 : position] == ["which"]):  # "which four regions"
            return next((name for name in numeric_forms(word) if name.isalpha()), word)
    if EXCEPTING.intersection(typed) and "other" in typed:
        return UNCOUNTED  # "besides crimea which other regions are on putins list"
    return ""


def _claim(typed: list[str]) -> tuple[str, ...]:
    """The words that open `typed` as a claim to check ("is it true", "someone said"), after
    any lead-in words; none when it is no claim."""
    start = 0
    while start < len(typed) and typed[start] in LEAD_INS:
        start += 1
    return next((opening for opening in CLAIM_OPENINGS
                 if tuple(typed[start : start + len(opening)]) == opening), ())


def _current_for_new(slots: list[Slot]) -> list[Slot]:
    """The slots, "new" said of the demands read as the current period ("what are russia's
    new demands" asks for the current list, not the demand on NATO's new members)."""
    following = [slot.typed for slot in slots[1:]] + [""]
    return [replace(slot, alternatives=(CURRENT_PERIOD,), known=True)
            if slot.typed in NEWNESS and after in DEMAND_NOUNS else slot
            for slot, after in zip(slots, following[: len(slots)], strict=True)]


def _story_attribution(typed: list[str]) -> tuple[str, ...]:
    """The words by which a question says it asks what the story says ("according to the
    article", "according to the sources"), which ask nothing themselves; none otherwise."""
    for position, word in enumerate(typed):
        following = [later for later in typed[position + 1 : position + 4]
                     if later not in ARTICLES | {"to", "this"}]
        if word == "according" and following[:1] and (
                following[0] in STORY_WORDS or following[0] in {"sources", "source"}):
            return ("according", following[0])
    return ()


def _without_first(slots: list[Slot], typed: str) -> list[Slot]:
    """The slots but the first one typed as `typed`."""
    for position, slot in enumerate(slots):
        if slot.typed == typed:
            return [*slots[:position], *slots[position + 1 :]]
    return slots


def _about_demands(typed: list[str]) -> set[str]:
    """The words of `typed` that ask about the demands rather than for them: what they are
    for or would do, and whether they are new ("are these demands new"), but not "new" said
    of the demands ("what are russia's new demands")."""
    about: set[str] = set()
    for position, word in enumerate(typed):
        following = typed[position + 1 :]
        if (word in ABOUT_DEMANDS
                or (word in NOVELTY and following[:1] != [] and following[0] not in DEMAND_NOUNS
                    and word not in BEFORE)
                or (word in NOVELTY and all(later in STOPWORDS or later in FILLER
                                            for later in following))):
            about.add(word)
    return about


def _regarding(index: SearchIndex, slots: list[Slot], about: set[str]) -> list[Slot] | None:
    """The words to search for what the sources say of the demands, when the question asks
    about them rather than for them (`about`: the words that ask so); whether they are new
    is asked in the glossary's words for it."""
    phrased = any(slot.entry == NOVELTY_ENTRY for slot in slots)
    if not phrased and not about:
        return None
    kept = [slot for slot in slots if slot.typed not in (ABOUT_DEMANDS - CLARITY) | NOVELTY
            and slot.entry != NOVELTY_ENTRY]
    novelty = index.glossary.entries.get(NOVELTY_ENTRY)
    if (phrased or about & NOVELTY) and novelty is not None:
        kept.append(Slot(novelty.id, novelty.means, known=True, entry=novelty.id))
    return kept


def _misspells_name(typed: str, person: Person) -> bool:
    """Whether a word is a misspelling of a word of someone's name ("stint" of "Stent"; not
    "book" in "stent book")."""
    return any(fuzz.ratio(typed, word) >= MISSPELT_NAME for word in words(person.name))


def _may_name(index: SearchIndex, slot: Slot) -> bool:
    """Whether a slot may be (part of) a name: a word of someone's name or alias, or no word
    of the fact base at all (a misspelt or transliterated name); role words do not count."""
    terms = slot_terms(slot)
    return bool(terms) and (any(index.names.name_terms.get(term) for term in terms)
                            or not any(map(index.knows, terms)))


def _meant_person(index: SearchIndex, slot: Slot) -> Person | None:
    """The person a glossary phrase means ("russian leader", "kremlin boss": Putin; "trumps
    office": the White House, though "administration" also means the Trump administration),
    when its first meaning names them and no other name it means names anyone else ("think
    tank" means three institutions: no one)."""
    entry = index.glossary.entries.get(slot.entry) if slot.entry else None
    if entry is None or slot.typed in entry.means or slot.spelt:  # "angla stint": a name
        return None
    first, *others = [index.names.exactly([Slot(meaning, (meaning,))])
                      for meaning in entry.means]
    if len(first) != 1 or any(names - first for names, meaning in zip(
            others, entry.means[1:], strict=True) if " " in meaning):
        return None
    return index.names.people[next(iter(first))]


def _people_at(index: SearchIndex, slots: list[Slot], position: int, *,
               describe: bool, speech: bool = False) -> tuple[list[Person], int]:
    """The people named by the slots from `position` on (two words, else one), and how many
    slots name them: by a whole name or alias, or by a word the fact base does not otherwise
    hold and no dictionary knows (a misspelt name; "break" is no misspelt "brookings"), by a
    name and the misspelt rest of it ("angela stint"), or (when `describe`) by a word only
    their role holds ("kgb"), or, in a question of what was said (`speech`), by a glossary
    phrase meaning two people's institutions ("the think tank woman says": Stent or Schake);
    "ukraine" is a word, not Kellogg's alias "Ukraine envoy"."""
    meant = _meant_person(index, slots[position])
    if meant is not None:  # "the russian leader": Putin, not Russia
        return [meant], 1
    for length in (2, 1):
        span = slots[position : position + length]
        if len(span) < length or not all(_may_name(index, slot) for slot in span):
            continue
        match = index.resolve_people(span, suggest=False)
        if match.people and (match.exact or (length == 1 and not any(
                map(index.knows, slot_terms(span[0]))) and not ordinary(span[0].typed)
                and len(span[0].typed) >= MISSPELT_NAME_LENGTH)):
            return match.people, length
        if (length == 2 and len(match.people) == 1
                and match.people[0].id in index.names.exactly(span[:1])
                and _misspells_name(span[1].typed, match.people[0])):
            # a first name, then the surname misspelt ("angela stint"): one person
            return match.people, length
    slot = slots[position]
    entry = index.glossary.entries.get(slot.entry) if slot.entry and describe and speech \
        else None
    if entry is not None:  # "the woman from the think tank says ...": Stent or Schake
        institutions = {person_id for meaning in entry.means
                        for person_id in index.names.exactly([Slot(meaning, (meaning,))])}
        people = [index.names.people[person_id] for person_id in sorted(institutions)]
        if 1 < len(people) <= MOST_DESCRIBED and all(person.entity == "person"
                                                      for person in people):
            return people, 1
    described = next(filter(None, map(index.described, (
        slot.typed, *(word for meaning in slot.alternatives for word in words(meaning))))),
        None) if describe else None
    return ([described], 1) if described else ([], 1)
