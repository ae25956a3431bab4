"""The reader commands' answers, as plain data free of any Telegram type.

Each command function takes the fact base and the command's arguments and returns an `Answer`
(bot.results); `ask` answers a question in words. The registry (bot.commands) declares which
command runs which function, and `bot.commands.answer` is the entry point the Telegram
handlers, the inline mode and the console call. The bot's own words are in the current
language (bot.i18n); the facts and their evidence stay in English, verbatim, and answers in
another language say so in their note (`localised`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from rapidfuzz import fuzz, process

from bot.calls import MissingArguments
from bot.factbase import FactBase
from bot.glossary import Slot
from bot.i18n import N_, Language, _, current, ngettext, speaking
from bot.index import Hit, SearchResult, searchable_text, unheld_weight
from bot.lexicon import may_be_noun, may_be_verb, only_describes, ordinary
from bot.models import Demand, Event, Fact, Item, Person, Quote, Source, Statement
from bot.names import slot_terms
from bot.questions import (
    ABOUT_DEMANDS,
    AGREEING,
    BEFORE,
    CAUSES,
    DEMANDERS,
    DEMANDING,
    DURATIONS,
    FAILED,
    LIST_ENTRY,
    LONG_MESSAGE,
    MAX_CLAUSES,
    NATIONALITIES,
    NATIONS,
    NOVELTY,
    NUMBER_WORDS,
    PERSON_NOUNS,
    ROLE_WORDS,
    SAID_WORDS,
    STORY_WORDS,
    UNCOUNTED,
    Question,
    asks_twice,
    clauses,
    latin_russian,
    listed,
    meaningful,
    names_story,
    proper_name,
    russian_words_in_latin,
    sentences,
    understand,
)
from bot.results import Answer, Citation, Entry, Status, Suggestion, echo, format_date, when
from bot.text import (
    MONTHS,
    STOPWORDS,
    US_DOTS,
    is_cyrillic,
    stem,
    to_cyrillic,
    tokenize,
    words,
)

MAX_ENTRIES = 50
"""Most entries one answer lists; longer lists say how to narrow them."""
MAX_SUGGESTIONS = 8
"""Most suggestions an answer offers (each is a button in Telegram)."""
WAR_ENTRY = "war"
"""The glossary entry for the war ("the fighting", "the conflict")."""
WAR_START = "the war started"
"""What the war names as a point in time ("before the war"): its start."""
QUESTION_SENTENCE = re.compile(r"[^.!?]*\?")
"""A sentence of a message that ends on a question mark."""
EVENT_NAMED = 0.85
"""The share of a phrase an event must hold to be the event it names ("the full scale
invasion": Russia invades Ukraine, by a synonym)."""
PARTIAL_COVERAGE = 0.85
"""When the best hit holds less than this share of the question (a synonym counts 0.9, a close
typo a little less), an answer says that not every word of the question is in the sources."""
DEMAND_TOPIC_COVERAGE = 0.3
"""A question already known to ask for Russia's demands needs less of its other words held by
a demand ("does russia want ukraine to give up nuclear weapons")."""
CLAIM_COVERAGE = 0.8
"""A claim a reader asks about ("is it true ...") is confirmed only by an item holding this much
of it: one holding half of it does not make it true."""
CLAIMED_DEMAND_COVERAGE = 0.5
"""A claimed demand ("is it true russia wants ukraine to give up nukes") must be half held by
a demand, not the third a question for the demands needs."""
PLAIN_TOPIC = 2
"""Words of what someone said about beyond which a reader retells it in their own words
("the retired general think istanbul is bad base for talks"): a statement must hold
`SAID_TOPIC_COVERAGE` of two words' worth of it."""
RARE_UNHELD = 0.5
"""How rare in the language a word no item holds must be (`unheld_weight`) for what someone
said about it to be what the sources lack ("sanctions", "taiwan"; not "use" or "words")."""
FAILURE_COVERAGE = 0.8
"""Asked why something failed, an item must hold nearly all of what failed ("why did the
istanbul talks fail": the Biden talks failed, not Istanbul's)."""
SAID_TOPIC_COVERAGE = 0.5
"""Likewise for what a named person said about a topic."""
COUNT_REACH = 3
"""Words after a number that may name what it counts ("thousands of Russian troops")."""
COUNT_JOINERS = frozenset({"of", "the", "a", "an", "s"})
"""Words between a number and what it counts that do not count towards `COUNT_REACH`
("three of the Kremlin's demands")."""
FUTURE_WORDS = frozenset("""next upcoming scheduled soon later coming planned expected
    tomorrow""".split())
"""Words by which an item says when something is to come, for "when will" questions ("will"
alone is not enough: "Zelenskiy said he would accept" tells nothing of when)."""
EXPECTED = frozenset(map(stem, FUTURE_WORDS | set("""awaiting awaits awaited uncertain unclear
    willing willingness prepared refuse refused accept accepts accepted""".split())))
"""Stems by which an item says what may or may not happen ("his willingness is uncertain",
"Zelenskiy accepted"), for a "will ..." question."""
SUMMARY_WORDS = frozenset("""summary summarise summarize summarised summarized overview recap
    tldr gist nutshell brief briefly basics outline few sentences main points key short quick
    explain""".split())
"""Words that ask for the story in brief ("summarize the article in a few sentences")."""
STORY_NOUNS = frozenset({"story", "article", "report", "piece", "news", "this", "it"})
"""Words for the story a reader asks "what is ... about" of."""
EVENT_WORDS = frozenset({"event", "events", "dates", "happened", "happenings"})
"""Words that, in a "when" question naming nothing else, ask for the whole timeline."""
SALIENT = frozenset({"key", "main", "important", "major", "big"})
"""Words by which a reader asks for the main events ("what are the key dates")."""
UNTIL = frozenset({"until", "till", "til"})
"""Words before a year that end a span with it ("what happened until 2022")."""
SPANS = UNTIL | frozenset({"since", "between", "sequence", "chronology", "timeline", "order"})
"""Words that ask what happened over a span of time, in order."""
TIMES = SPANS | frozenset({"late", "early", "mid", "now", "today", "present"})
"""Words that say when within a span of years, or ask events in order of time."""
NOW = frozenset({"now", "today", "present"})
"""Words for a span's end that is this day."""
ASKING_VERBS = frozenset({"give", "show", "tell", "list", "make", "need", "want"})
"""Verbs by which a reader asks the bot for something ("give me a timeline")."""
OCCASION_ENTRIES = frozenset({"cnn", "cfr"})
"""Glossary entries naming where someone spoke ("on cnn", "on tv", "at the cfr"): beside
what they spoke of, no topic of their words."""
CONDITIONAL = frozenset({"would", "could", "might", "may", "if", "potentially"})
"""Words by which an item says what would follow, for "what happens if" questions."""
CLAUSE_BREAK = re.compile(r"(?<!\b[A-Z])[;.!?]\s|,\s+and\s")
"""Where one clause of an item's text ends and the next begins."""
DEMANDS_ENTRY = "demands"
"""The glossary entry of the words for the demands."""
AWAITED = frozenset(map(stem, "awaiting awaits awaited uncertain".split()))
"""Stems by which an item says someone's answer is still to come ("awaiting a response from
Putin", "Putin's willingness ... remains uncertain")."""
REPORTED_SPEECH = (SAID_WORDS | frozenset(map(stem, """assertion asserted insists insisted
    according reiterated warned suggested indicated praised responded clarified stated
    declared announced explained""".split()))) - {
        stem("response"), stem("reaction")}
"""Stems by which an item reports what someone said without quoting them ("Putin's assertion
that Crimea ... are part of Russia", "Moscow has reiterated many of these demands"); not a
response or reaction, which may be awaited ("awaiting a response from Putin")."""
STANCES = REPORTED_SPEECH | frozenset(map(stem, """fear fears feared worry worried concern
    concerned express expressed assessed assessment""".split()))
"""Stems by which an item reports what a group thought or said ("Europeans fear")."""
RESPONSES = frozenset(map(stem, "responded comment replied reacted".split()))
"""Stems by which an item reports how someone responded to the story."""
ENGAGING = RESPONSES | frozenset(map(stem, """respond accepted agreed rejected discuss
    engaged clarified""".split()))
"""Stems by which an item reports someone taking up the demands ("the Biden administration
rejected some", "American officials discuss Russia's terms")."""
TAKING_UP = RESPONSES | frozenset(map(stem, """demands conditions terms list requests
    stipulations clarified""".split()))
"""Stems an item reporting how someone took the demands holds: the demands, or a response."""
UNSAID = frozenset({"hasn", "hasnt", "haven", "havent", "silent", "yet"})
"""Words by which a question says someone has not yet said something ("moscow hasn't said
if it takes the truce"): the items saying their answer is awaited come first."""
RESPONSE_SHARING = 2
"""How many people's names may hold a word by which a reader names who responded: the
embassy is "Russian", as are Russia's officials."""
SAYS = frozenset({"say", "says", "said", "saying"})
"""Words of speech that are stopwords, so have no stem."""
SPEAKER_REACH = 5
"""How many words (stopwords aside) may part a speaker's name from the word reporting what
they said."""
DEMAND_KIND = frozenset({"demand"})
COMMENTARY = frozenset({"quote", "statement", "event", "fact"})
"""The kinds of item that can say something of the demands."""
COMMENTARY_LEAD = 0.2
"""How much more of a question about the demands what the sources say of them must hold
than the best demand, to come first ("putin wants influence over europe")."""
MAX_SEARCH_RESULTS = 25
"""A search answer's best hits: five pages, more than anyone reads of a ranked list."""
PERSONAL = frozenset("""health illness sick ill wife husband family children kids daughter
    son parents age birthday born education degree university college school graduate
    graduated phd doctorate religion salary wealth money net worth
    book books hobby hobbies house home live lives car pets dog married marriage divorce
    divorced resign resigned resignation fired quit leave left visit visited visits trip
    travel travelled serve served unit rank died die dead death deaths killed casualties
    wounded losses cost costs""".split())
"""What a reader may ask of a person's own life ("putin health") or a country's losses ("how
many russian soldiers died"): if no item holds it, that is what the sources lack, not a word
to pass over."""
OFFICES = frozenset("""minister ministers ambassador ambassadors spokesman spokeswoman
    spokesperson spokespeople secretary chancellor mayor governor senator senators""".split())
"""Offices a reader may ask who holds ("who is ukraine's foreign minister"): if no item holds
the word, the sources name no one in it."""
FILTERED_SEARCH = 4
"""How many times more hits are looked at when the question's form drops some ("what did
nato say", "when ...", "how many ...", "will ..."), so that a fitting item ranked lower is
still found."""


PERIOD_LABELS: dict[str, str] = {
    "current": N_("The current list (2025)"),
    "earlier": N_("Earlier requests it resembles"),
    "biden": N_("Raised with the Biden administration (late 2021 – early 2022)"),
    "istanbul": N_("Istanbul talks (2022)"),
    "added": N_("Added by editors"),
}
"""Headings for the demand periods of the curated base; other periods are shown by name."""

ENGLISH_NOTE = N_("Facts and quotes are in English, word for word as in the source.")
"""The line an answer in another language adds when it shows facts."""

_YEAR = re.compile(r"^\d{4}$")


def period_label(period: str) -> str:
    """The heading of a demand period, in English (what a filter is matched against)."""
    return PERIOD_LABELS.get(period, period.replace("-", " ").capitalize())


def period_heading(period: str) -> str:
    """The heading of a demand period as shown: translated when it is one of ours."""
    return _(PERIOD_LABELS[period]) if period in PERIOD_LABELS else period_label(period)


def person_key(person: Person) -> str:
    """The short name to look a person up by: their first alias, else their name."""
    return person.aliases[0] if person.aliases else person.name


def _citation(base: FactBase, item: Item) -> Citation:
    """The item's own source and its date; an item without evidence is marked unverified."""
    source = base.source_of(item)
    if source is None:
        return Citation(item.id, _source_label(item.source, None, None, item.verified, current()))
    return Citation(item.id, _source_label(source.label, source.published, item.added_at,
                                           item.verified, current()))


@functools.lru_cache(maxsize=1024)
def _source_label(name: str, published: str | None, added_at: str | None, verified: bool,
                  lang: Language) -> str:
    """A citation's label in `lang` (the current language): the source and its date, or the
    date an editor added the item; remembered, as every item of a source shares a few."""
    label = name
    if published:
        label += f", {format_date(published)}"
    elif added_at:
        label = _("{source}, added {date}", source=label, date=format_date(added_at))
    if not verified:
        label = _("{source} · unverified: no evidence quoted", source=label)
    return label


def _speaker_name(base: FactBase, speaker: str) -> str:
    person = base.person(speaker)
    return person.name if person else speaker


def entry_for(base: FactBase, item: Item, *, evidence: bool = False) -> Entry:
    """An item as an answer entry; with `evidence`, the verbatim sentences it rests on."""
    heading: str | None = None
    details: list[str] = []
    group: str | None = None
    text: str
    if isinstance(item, Person):
        heading, text = item.name, item.role
    elif isinstance(item, Quote):
        heading, text = _speaker_name(base, item.speaker), f"“{item.text}”"
        details = [part for part in (item.role, item.context,
                                     when(item.date, None, item.date_phrase)) if part]
    elif isinstance(item, Statement):
        heading, text = _speaker_name(base, item.speaker), item.text
        details = [part for part in (when(item.date, None, item.date_phrase),) if part]
    elif isinstance(item, Demand):
        text, group = item.text, period_heading(item.period)
        details = [item.raised] if item.raised else []
    elif isinstance(item, Event):
        heading, text = when(item.date, item.end, item.date_phrase), item.text
        details = [item.date_note] if item.date_note else []
    elif isinstance(item, Fact):
        heading, text = item.topic.capitalize(), item.text
    else:
        text = item.id
    return Entry(
        item_id=item.id,
        kind=item.KIND,
        text=text,
        citation=_citation(base, item),
        heading=heading,
        details=tuple(details),
        evidence=item.evidence if evidence else (),
        group=group,
    )


def _entries(base: FactBase, items: Iterable[Item]) -> tuple[Entry, ...]:
    """Entries for at most the first `MAX_ENTRIES` items."""
    return tuple(entry_for(base, item) for item in itertools.islice(items, MAX_ENTRIES))


def _counted(number: int, counted: str, hint: str) -> str:
    """"12 events." (`counted` is "12 events") — or, past `MAX_ENTRIES`, which are shown and
    how to narrow the list."""
    if number <= MAX_ENTRIES:
        return f"{counted}."
    return _("{counted}; the first {shown} are shown: {hint}", counted=counted,
             shown=MAX_ENTRIES, hint=hint)


def _search_suggestions(command: str, options: Sequence[str]) -> tuple[Suggestion, ...]:
    return tuple(Suggestion(option, f"/{command} {option}")
                 for option in options[:MAX_SUGGESTIONS])


def _people_suggestions(command: str, people: Iterable[Person]) -> tuple[Suggestion, ...]:
    return tuple(
        Suggestion(person.name, f"/{command} {person_key(person).lower()}")
        for person in itertools.islice(people, MAX_SUGGESTIONS)
    )


def _follow_button(what: str) -> Suggestion:
    """The button that follows `what` (a person's short name or a topic)."""
    return Suggestion(_("🔔 Follow"), f"/follow {what}")


def ask_button(question: str, found: bool) -> Suggestion:
    """The button that sends `question` to the editors: small under an answer."""
    return Suggestion(_("✉️ Ask the editors") if not found else "✉️", f"/ask {question}")


def _correction_note(corrections: dict[str, str]) -> str | None:
    if not corrections:
        return None
    fixed = ", ".join(_("“{term}” for “{word}”", term=term, word=word)
                      for word, term in corrections.items())
    return _("Showing results for {fixed}.", fixed=fixed)


# Reader commands ---------------------------------------------------------------------------


def demands(base: FactBase, args: str) -> Answer:
    demands = base.demands()
    wanted = set(tokenize(args))
    if not wanted:
        counted = _counted(len(demands), ngettext("{n} demand", "{n} demands", len(demands)),
                           _("add a word, e.g. /demands nato"))
        return Answer(
            title=_("Russia’s demands"),
            note=" ".join((counted, _("By when they were raised."))),
            entries=_entries(base, base.memo("demand", "by period", lambda: _by_period(demands))),
            status="ok" if demands else "empty",
            suggestions=(_follow_button("demands"),),
        )
    periods = {
        period for period in {demand.period for demand in demands}
        if wanted <= set(tokenize(f"{period} {period_label(period)}"))
    }
    chosen = _by_period([demand for demand in demands if demand.period in periods])
    note = None
    if not chosen:
        result = base.index.search(args, kinds=frozenset({"demand"}))
        chosen = _best_period_first(result.hits)
        note = _correction_note(result.corrections)
        if not chosen:
            return Answer(
                title=_("No demand matches “{query}”", query=echo(args)),
                status="not_found",
                note=_("Try a period (current, earlier, Biden, Istanbul) or a word such as"
                       " NATO."),
                suggestions=_search_suggestions("demands", result.suggestions)
                or (Suggestion(_("All demands"), "/demands"),),
            )
    return Answer(
        title=_("Russia’s demands: “{query}”", query=echo(args)),
        note=note,
        entries=_entries(base, chosen),
    )


def _period_named(base: FactBase, question: Question) -> str:
    """The demand period named by whom a question says the demands were made of ("biden"),
    when no other word of it asks something; "" otherwise."""
    if not question.demanded_of or question.topic:
        return ""
    periods = {demand.period for demand in base.demands()}
    return next((word for word in question.demanded_of if word in periods), "")


def _by_period(demands: list[Demand]) -> list[Demand]:
    order = {period: rank for rank, period in enumerate(PERIOD_LABELS)}
    return sorted(demands, key=lambda demand: order.get(demand.period, len(order)))


def _best_period_first(hits: Sequence[Hit]) -> list[Demand]:
    """Demands found by a search under their period's heading, the period of the best match
    first and the best match first within it ("what military exercises does russia want
    banned": the ban on exercises first); periods matched equally well in their own order."""
    found = [(round(hit.score * hit.coverage, 9), hit.item) for hit in hits
             if isinstance(hit.item, Demand)]
    order = {period: rank for rank, period in enumerate(PERIOD_LABELS)}
    best: dict[str, float] = {}
    for score, demand in found:
        best[demand.period] = max(best.get(demand.period, score), score)
    found.sort(key=lambda pair: (-best[pair[1].period], order.get(pair[1].period, len(order)),
                                 -pair[0]))
    return [demand for _, demand in found]


def _quotable(base: FactBase) -> list[Person]:
    return base.memo(("person", "quote"), "quotable", lambda: [
        person for person in base.people() if base.quotes(person.id)])


def _who_can_be_quoted(base: FactBase, title: str, status: Status, note: str | None) -> Answer:
    people = _quotable(base)
    if len(people) > MAX_ENTRIES:
        note = _counted(len(people), ngettext("{n} person", "{n} people", len(people)),
                        _("ask for a name, e.g. /quote kellogg"))
    return Answer(
        title=title,
        status=status,
        note=note,
        body=tuple(f"{person.name} — /quote {person_key(person).lower()}"
                   for person in people[:MAX_ENTRIES]),
        suggestions=_people_suggestions("quote", people),
    )


def quote(base: FactBase, args: str) -> Answer:
    if not args.strip():
        return _who_can_be_quoted(base, _("Who can be quoted"), "ok", None)
    match = base.index.resolve_people(args)
    if match.people:
        quotes = [quote for person in match.people for quote in base.quotes(person.id)]
        names = _names(match.people)
        note = (_("“{query}” matches {names}.", query=echo(args), names=names)
                if match.ambiguous else None)
        if quotes:
            return Answer(
                title=_("Quotes from {names}", names=names),
                status="ambiguous" if match.ambiguous else "ok",
                note=note,
                entries=_entries(base, quotes),
                suggestions=_people_suggestions("quote", match.people) if match.ambiguous
                else (_follow_button(person_key(match.people[0]).lower()),),
            )
        statements: list[Item] = [item for person in match.people
                                  for item in base.statements(person.id)]
        shared = base.index.names.name_terms
        statements = statements or [  # "/quote putin": "Putin's assertion that Crimea ..."
            hit.item for person in match.people for hit in base.index.search(
                person_key(person), limit=MAX_SEARCH_RESULTS, suggest=False).hits
            if _reports(hit.item, match.people, shared, responses=False)]
        if statements:
            return Answer(
                title=_("No direct quotes from {names}", names=names),
                note=_("What the sources report instead:"),
                entries=_entries(base, statements),
            )
        return _who_can_be_quoted(base, _("Nothing from {names} is quoted", names=names),
                                  "empty", None)
    found = base.index.search(args, kinds=frozenset({"quote"}))
    if found.hits:
        return Answer(
            title=_("Quotes matching “{query}”", query=echo(args)),
            note=_correction_note(found.corrections),
            entries=_entries(base, (hit.item for hit in found.hits)),
        )
    if match.suggestions:
        return Answer(
            title=_("No one called “{query}” is quoted", query=echo(args)),
            status="not_found",
            note=_("Did you mean:"),
            suggestions=_people_suggestions("quote", match.suggestions),
        )
    return _who_can_be_quoted(
        base, _("No one called “{query}” is quoted", query=echo(args)), "not_found",
        _("These people are:"),
    )


def quotes(base: FactBase, args: str) -> Answer:
    quotes = base.quotes()
    return Answer(
        title=_("Every quote"),
        note=_counted(len(quotes), ngettext("{n} direct quotation", "{n} direct quotations",
                                            len(quotes)),
                      _("ask for one person, e.g. /quote kellogg")),
        status="ok" if quotes else "empty",
        entries=_entries(base, quotes),
        suggestions=(_follow_button("quotes"),),
    )


def timeline(base: FactBase, args: str) -> Answer:
    events = base.events()
    topic = args.strip()
    if not topic:
        counted = _counted(len(events), ngettext("{n} event", "{n} events", len(events)),
                           _("narrow it, e.g. /timeline 2022"))
        return Answer(
            title=_("Timeline"),
            note=" ".join((counted, _("Oldest first."))),
            status="ok" if events else "empty",
            entries=_entries(base, events),
            suggestions=(_follow_button("timeline"),),
            chart="" if events else None,
        )
    if _YEAR.match(topic):
        chosen = base.events_in(topic)
        if chosen:
            note = _counted(len(chosen), ngettext("{n} event", "{n} events", len(chosen)),
                            _("add a topic, e.g. /timeline ceasefire"))
            return Answer(title=_("Timeline: {year}", year=topic), entries=_entries(base, chosen),
                          note=note if len(chosen) > MAX_ENTRIES else None, chart=topic)
        years = sorted({(event.date or event.end or "")[:4] for event in events})
        return Answer(
            title=_("Nothing on the timeline in {year}", year=topic),
            status="not_found",
            suggestions=_search_suggestions("timeline", years[-4:]),
        )
    result = base.index.search(topic, kinds=frozenset({"event"}))
    if not result.hits:
        return Answer(
            title=_("Nothing on the timeline about “{query}”", query=echo(topic)),
            status="not_found",
            note=_("Try a year, such as /timeline 2022, or /search for other kinds of facts."),
            suggestions=_search_suggestions("timeline", result.suggestions)
            or (Suggestion(_("Search “{query}”", query=echo(topic)), f"/search {topic}"),),
        )
    found = sorted((hit.item for hit in result.hits if isinstance(hit.item, Event)),
                   key=lambda event: event.sort_key)
    return Answer(
        title=_("Timeline: “{query}”", query=echo(topic)),
        note=_correction_note(result.corrections),
        entries=_entries(base, found),
        chart=topic,
    )


def _person_entry(base: FactBase, person: Person) -> Entry:
    entry = entry_for(base, person)
    quotes, statements = len(base.quotes(person.id)), len(base.statements(person.id))
    details = []
    others = [alias for alias in person.aliases if alias.lower() not in person.name.lower()]
    if others:
        details.append(_("Also: {names}", names=", ".join(others[:6])))
    counted = [text for number, text in (
        (quotes, ngettext("{n} quote", "{n} quotes", quotes)),
        (statements, ngettext("{n} reported statement", "{n} reported statements", statements)),
    ) if number]
    if counted:
        details.append(", ".join(counted))
    return Entry(**{**entry.__dict__, "details": tuple(details)})


def _names(people: Sequence[Person]) -> str:
    """"A", "A and B", "A, B and C"."""
    names = [person.name for person in people]
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])


def who(base: FactBase, args: str) -> Answer:
    if not args.strip():
        people = base.people()
        return Answer(
            title=_("Who’s who"),
            note=_counted(len(people), ngettext("{n} person or organisation",
                                                "{n} people and organisations", len(people)),
                          _("ask for a name, e.g. /who stent")),
            entries=tuple(_person_entry(base, person) for person in people[:MAX_ENTRIES]),
        )
    match = base.index.resolve_people(args)
    if match.people:
        return _who_answer(base, args, match.people)
    return Answer(
        title=_("I don’t know “{query}”", query=echo(args)),
        status="not_found",
        note=_("Did you mean:") if match.suggestions else _("Send /who to see everyone I know."),
        suggestions=_people_suggestions("who", match.suggestions),
    )


def _who_answer(base: FactBase, asked: str, people: list[Person]) -> Answer:
    """Who the people a name matches are, with buttons for what they said."""
    ambiguous = len(people) > 1
    quotable = [person for person in people if base.quotes(person.id)]
    counted = ngettext("{n} entry", "{n} entries", len(people))
    entries = _counted(len(people), counted, _("add a word"))
    return Answer(
        title=_names(people),
        status="ambiguous" if ambiguous else "ok",
        note=_("“{query}” matches {entries}", query=echo(asked), entries=entries)
        if ambiguous else None,
        entries=tuple(_person_entry(base, person) for person in people[:MAX_ENTRIES]),
        suggestions=_people_suggestions("quote", quotable) if ambiguous else (
            *_people_suggestions("quote", quotable), _follow_button(person_key(people[0]).lower())),
    )


def search(base: FactBase, args: str) -> Answer:
    if not args.strip():
        raise MissingArguments(_("some words to look for"))
    return _found(base, args, base.index.search(args, limit=MAX_SEARCH_RESULTS))


def _found(base: FactBase, query: str, result: SearchResult) -> Answer:
    """Search results, or — when nothing holds enough of the query — an honest "not in the
    sources" with what came closest."""
    unknown = ", ".join(f"“{echo(word)}”" for word in result.unknown[:3])
    if result.hits:
        partial = result.hits[0].coverage < PARTIAL_COVERAGE
        caveat = " ".join(filter(None, (
            _("Closest matches; not every word of the question is in the sources."),
            unknown and _("The sources say nothing about {words}.", words=unknown))))
        return Answer(
            title=_("Results for “{query}”", query=echo(query)),
            note=_correction_note(result.corrections) or (caveat if partial else None),
            entries=_entries(base, (hit.item for hit in result.hits)),
            closest=partial,
        )
    if result.suggestions:
        return Answer(
            title=_("Nothing found for “{query}”", query=echo(query)),
            status="not_found",
            note=_("Did you mean:"),
            suggestions=_search_suggestions("search", result.suggestions),
        )
    near = _near_topics(base, result.near)
    return Answer(
        title=_("Nothing found for “{query}”", query=echo(query)),
        status="not_found",
        note=(_("The sources say nothing about {words}.", words=unknown) if unknown else
              _("The sources do not answer this."))
        + " " + (_("Closest topics:") if near else _("Try other words, or /help.")),
        suggestions=near,
    )


def _near_topics(base: FactBase, hits: Sequence[Hit]) -> tuple[Suggestion, ...]:
    """Buttons for the items that came closest to an unanswered question."""
    return tuple(Suggestion(_short(hit.item.headline), f"/source {hit.item.id}")
                 for hit in hits[:3])


def _short(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def ask(base: FactBase, text: str) -> Answer:
    """The answer to a question in words: who someone is, what they said (about what),
    Russia's demands, when something happened, or the items that hold the question; for a
    long message the whole finds nothing in, the first of its clauses that finds something
    ("so i keep hearing russia handed trump some kind of list and i dont get whats on it")."""
    answer = _ask(base, text)
    if answer.status == "not_found" and latin_russian(base.index, text):
        for ukrainian in (False, True):  # "chto hochet rossiya", "shcho khoche rosiia"
            found = _ask(base, " ".join(
                word if base.index.knows(word) and not ordinary(word)  # "cnn"
                else to_cyrillic(word, ukrainian) for word in words(text)))
            if found.status != "not_found":
                return found
    mixed = russian_words_in_latin(base.index, text) if answer.status == "not_found" else None
    if mixed is not None:  # "list of trebovaniya from moscow"
        found = _ask(base, mixed)
        if found.status != "not_found":
            return replace(found, title=found.title.replace(echo(mixed), echo(text)))
    if answer.closest and len(sentences(text)) > 1:
        # "sorry my english not so good. russia want what thing from america for stop the
        # war?": the whole holds words no item does; one sentence may ask all it asks
        meant, asked = meaningful(words(text)), _asked_words(text)
        whole = next((found for found in map(functools.partial(_ask, base), (
            part for part in clauses(text) if 2 * meaningful(words(part)) >= meant
            and asked.issuperset(words(part))))
                      if found.status == "ok" and not found.closest), None)
        if whole is not None:
            return whole
    if answer.status != "not_found":
        return answer
    parts = clauses(text)
    # one clause asks, the rest point back at it ("no european boots in ukraine, is russia
    # insisting on that"), unless they ask for the rest of a group ("..., which ones are they")
    alone = (len(parts) == 1 and words(parts[0]) != words(text)
             and not understand(base.index, text).others)
    if len(words(text)) < LONG_MESSAGE and not alone and not asks_twice(text):
        return _each_found(base, text) or answer
    for clause in parts:
        found = _ask(base, clause)
        if found.status == "ok" and (alone or not found.closest):
            return found
    return _each_found(base, text) or answer


def _asked_words(text: str) -> set[str]:
    """The words of the sentences of a message that end on a question mark, or all its words
    when none does: a sentence that tells the bot something ("nato membership is off the
    table. what about eu membership?") is not what the message asks."""
    bare = US_DOTS.sub("us", text.casefold())
    return set(words(" ".join(QUESTION_SENTENCE.findall(bare)) or bare))


def _each_found(base: FactBase, text: str) -> Answer | None:
    """For a message listing things ("ukraine must be neutral and nuclear free", "no nato,
    no foreign troops, crimea russian"), what each part finds, in turn; None unless two
    parts or more each find something, none finds nothing and not all find only what came
    closest."""
    parts = listed(text)
    if not 2 <= len(parts) <= MAX_CLAUSES:  # a list of a few things, not a wall of text
        return None
    found = [_ask(base, part) for part in parts]
    if any(answer.status != "ok" or not answer.entries for answer in found) or all(
            answer.closest for answer in found):
        return None
    entries = list(dict.fromkeys(itertools.chain.from_iterable(
        itertools.zip_longest(*(answer.entries for answer in found)))))
    closest = any(answer.closest for answer in found)
    return Answer(title=_("Results for “{query}”", query=echo(text)),
                  entries=tuple(entry for entry in entries if entry is not None),
                  closest=closest,
                  note=_("Closest matches; not every word of the question is in the sources.")
                  if closest else None)


def _ask(base: FactBase, text: str) -> Answer:
    question = understand(base.index, text, base.memo(
        ("source", "person"), "reporters", lambda: _reporters(base)))
    years = _years_asked(question, text)
    if years:  # "timeline of events from 2021 to march 2025", "what happened in 2022"
        return _timeline_between(base, *years)
    if question.listing == "event" or _asks_timeline(question):
        return timeline(base, "")  # "which dates are mentioned", "timeline of events"
    if _asks_summary(question, text):
        return _in_brief(base)  # "what is the story about", "summarize the article"
    if question.listing:  # "list every person named", "which organisations are mentioned"
        listed = [person for person in base.people() if person.entity == question.listing]
        return Answer(title=_("People named") if question.listing == "person"
                      else _("Organisations named"), entries=_entries(base, listed))
    if question.refusal:
        return _refused(base, text, question)
    if question.after:
        return _followed(base, text, question.after)
    if question.compared:
        ordered = _ordered(base, question.compared)
        if ordered:
            return Answer(title=_("Both, oldest first"), entries=_entries(base, ordered))
    if question.intent == "who":
        return _who_answer(base, text, question.people)
    if question.intent == "said" and not question.people:
        return quote(base, "")  # "who is quoted"
    if question.intent == "said":
        spoken_of = [slot for slot in question.topic if slot.entry not in OCCASION_ENTRIES]
        if len(spoken_of) == 1 < len(question.topic) and spoken_of[0].known and (
                _thing(spoken_of[0]) or proper_name(spoken_of[0])):
            # "what did witkoff say about crimea on cnn": where he spoke is not what of
            question = replace(question, topic=spoken_of)
        quoted = any(base.quotes(person.id) or base.statements(person.id)
                     for person in question.people)
        topic = [slot for slot in question.topic if not names_story(slot)
                 and (quoted or not _owns_the_list(question, slot))]
        story = len(topic) < len(question.topic)
        answered = (story or _responding(question)) and _reported(
            base, text, replace(question, topic=topic, slots=[
                slot for slot in question.slots if slot in topic or slot not in question.topic]),
            responses=True)
        if answered:
            return answered
        if story:  # "did kellogg comment on the list": he is not reported to have
            return _nothing_said(base, text, base.index.search(question.slots,
                                                               suggest=False).hits)
        if quoted:
            said = _said(base, text, question)
            if not question.asks_who or question.topic or said.status != "ok":
                return said
            # "who from brookings is quoted": who they are, then what they said
            return replace(said, entries=_entries(base, (
                *question.people, *(base.items[entry.item_id] for entry in said.entries))))
        return _reported(base, text, question) or _awaited(base, text, question) or \
            _nothing_said(base, text, base.index.search(question.slots, suggest=False).hits)
    if question.responding:
        return _responses(base, text, question)
    period = _period_named(base, question)
    if period:  # "what did russia ask biden for": the demands raised with Biden
        return demands(base, period)
    if question.intent == "demands" and question.before and not _asks_sameness(question, text):
        found = _demands_before(base, question.before)
        if found is not None:
            return found
    if question.intent == "demands":
        found = _demands_about(base, text, question)
        if found is not None:
            return found
        # no demand holds the rest of the question: a thing it names is what is asked, so an
        # item must hold it ("does russia want elections in ukraine"), and the words naming
        # the list are the story's ("sources for the list of demands")
        question.slots = [replace(slot, asked=True) if slot in question.topic and _thing(slot)
                          else slot for slot in question.slots
                          if slot in question.topic or slot.entry != LIST_ENTRY]
    if question.intent == "when" and question.topic and all(map(names_story, question.topic)):
        # "what is the date of this article": when it was reported
        question.slots = [replace(slot, alternatives=(*slot.alternatives, "reported"))
                          if slot in question.topic else slot for slot in question.slots]
    # "putin health", "why did kellogg leave his job", "who is ukraine's foreign minister":
    # what is asked the sources lack
    lacking = PERSONAL | OFFICES if question.people else OFFICES
    unheld_asked = any(_unheld_thing(base, slot, lacking) for slot in question.topic)
    filtered = bool(question.speaker or question.intent == "when" or question.others
                    or question.amount is not None or len(question.people) > 1
                    or question.agreeing or question.will or question.future
                    or question.hypothetical
                    or question.failure_cause or bool(question.decision_cause)
                    or question.present)
    result = base.index.search(question.slots, limit=MAX_SEARCH_RESULTS * (
        FILTERED_SEARCH if filtered else 1),
        min_coverage=1.0 if unheld_asked else FAILURE_COVERAGE if question.failure_cause
        else CLAIM_COVERAGE if question.claim else None)
    if question.speaker is not None:
        # "what did europe say": what the sources report of Europeans' words, or nothing
        speaker = {*words(question.speaker.typed), *_slot_words(question.speaker)}
        result.hits = [hit for hit in result.hits if _speaks(hit.item, speaker)]
        if not result.hits:
            return _nothing_said(base, text, result.near)
    past = base.memo("source", "long past", lambda: _long_past(base)) if question.present else ""
    members = _members(base) if len(question.people) > 1 else {}
    name_words = base.memo("person", "name words", lambda: frozenset(
        word for person in base.index.names.people.values()
        for word in words(person.name))) if question.where else frozenset()
    fitting = [hit for hit in result.hits
               if _fits(question, hit.item, base.index.names.people, members, name_words)
               and not (past and "" < _last_date(hit.item) < past)]
    if not fitting and result.hits:
        result.near = result.hits[:5]
    fitting = fitting[:MAX_SEARCH_RESULTS]
    if question.amount is not None:  # an amount stated before an event's span of dates
        fitting.sort(key=lambda hit: not _counts(_stated(hit.item), question.amount or frozenset(),
                                                 question.counted_of))
    if question.intent == "when":  # "invasion date": the event, before what mentions it
        fitting.sort(key=lambda hit: not isinstance(hit.item, Event))
    if question.people and not question.topic:
        # a name alone ("biden administration"): who they are first, then what names them
        named = {person.id for person in question.people}
        fitting.sort(key=lambda hit: hit.item.id not in named)
    result.hits = fitting
    found = _found(base, text, result)
    if fitting and question.future and question.intent == "when" and not any(
            FUTURE_WORDS.intersection(words(getattr(hit.item, "text", ""))) for hit in fitting):
        # "when will the ceasefire start": no item says when, only that it is awaited
        return replace(found, note=_("The sources do not say when; they say it is still "
                                     "awaited or uncertain:"))
    return found


def _asks_summary(question: Question, text: str) -> bool:
    """Whether a question asks what the story is, in brief: it names nothing but the story,
    and asks for a summary or what the story is about ("what is this article about", "tldr",
    "tell me about the article", "can you give me a quick summary")."""
    typed = words(text)
    return question.intent == "search" and not question.people and bool(typed) and (
        bool(SUMMARY_WORDS.intersection(typed)) or (
            "about" in typed and bool(STORY_NOUNS.intersection(typed)))) and _only(
        question, SUMMARY_WORDS)


def _only(question: Question, asked: frozenset[str]) -> bool:
    """Whether every slot of a question's topic names the story, asks the bot for something
    ("give me") or is made of `asked` words."""
    return all(names_story(slot) or set(words(slot.typed)) <= asked | ASKING_VERBS | STOPWORDS
               for slot in question.topic)


def _in_brief(base: FactBase) -> Answer:
    """The newest story in brief: its latest event, then what its facts establish, in their
    order."""
    def brief() -> list[Item]:
        newest = max(base.sources.values(), default=None,
                     key=lambda source: str(source.published or ""))
        if newest is None:
            return []
        events = [event for event in base.events() if event.source == newest.id]
        return [*events[-1:], *(item for item in base.live("fact") if item.source == newest.id)]
    items = base.memo(("source", "event", "fact"), "in brief", brief)
    return Answer(title=_("The story in brief"), entries=_entries(base, items),
                  status="ok" if items else "empty",
                  suggestions=(Suggestion(_("Timeline"), "/timeline"),
                               Suggestion(_("Russia’s demands"), "/demands")))


def _years_asked(question: Question, text: str) -> tuple[str, str] | None:
    """The first and last year of the time a question asks the events of ("timeline of events
    from 2021 to march 2025", "what happened in 2022", "sequence of events from late 2021 to
    now"; "" for the first year of the timeline or this one: "what happened before 2022",
    "after 2021", "until 2022"): when it names nobody and nothing but years, months and words
    for events or times; None for any other question."""
    if question.people or question.intent not in ("when", "search"):
        return None
    typed = [word for slot in question.topic for word in words(slot.typed)]
    years = sorted(word for word in typed if _YEAR.match(word))
    rest = [word for word in typed if not _YEAR.match(word)]
    if not years or not all(word in EVENT_WORDS | SALIENT | ASKING_VERBS | TIMES | MONTHS
                            for word in rest):
        return None
    if question.intent == "search" and not (EVENT_WORDS | SPANS).intersection(rest) and len(
            typed) > 1:
        return None
    said = words(text)
    edge = said[said.index(years[0]) - 1] if len(years) == 1 and years[0] in said[1:] else ""
    if edge == "before":
        return "", f"{int(years[0]) - 1:04d}"
    if edge == "after":
        return f"{int(years[0]) + 1:04d}", ""
    if edge in UNTIL:
        return "", years[0]
    to_now = question.present or bool(NOW.intersection(rest)) or (
        "since" in rest and len(years) == 1)
    return years[0], "" if to_now else years[-1]


def _timeline_between(base: FactBase, first: str, last: str) -> Answer:
    """The events from the year `first` (or the timeline's first when it is "") through `last`
    (or to this day when it is ""), oldest first."""
    dated = [int(year) for event in base.events()
             for year in ((event.date or "")[:4], (event.end or "")[:4]) if year]
    start, end = first or f"{min(dated, default=0):04d}", last or f"{max(dated, default=0):04d}"
    chosen = list(dict.fromkeys(
        event for year in range(max(int(start), min(dated, default=0)),
                                min(int(end), max(dated, default=0)) + 1)
        for event in base.events_in(f"{year:04d}")))
    span = start if start == end else f"{start}–{end}" if start < end else first or last
    if not chosen:
        return Answer(title=_("Nothing on the timeline in {year}", year=span), status="not_found",
                      suggestions=(Suggestion(_("Timeline"), "/timeline"),))
    return Answer(title=_("Timeline: {year}", year=span), entries=_entries(base, chosen))


def _asks_timeline(question: Question) -> bool:
    """Whether a question names nothing but events, or the main ones, and asks when they were
    or lists them ("timeline", "what happened when", "what are the key dates", "show me the
    events in order"; not "what date is the article from")."""
    named = {slot.typed for slot in question.topic} & (EVENT_WORDS | SALIENT)
    return not question.people and (bool(named) or not question.topic) and _only(
        question, EVENT_WORDS | SALIENT) and (
        question.intent == "when" or (question.intent == "search" and bool(named & EVENT_WORDS)))


def _ordered(base: FactBase, sides: Sequence[str]) -> list[Event]:
    """The events each side of a "which came first" question names, oldest first; none
    unless each side names one."""
    found = []
    for side in sides:
        hits = base.index.search(side, kinds=frozenset({"event"}), suggest=False).hits
        if not hits or not isinstance(hits[0].item, Event):
            return []
        found.append(hits[0].item)
    return sorted(dict.fromkeys(found), key=lambda event: event.sort_key)


def _followed(base: FactBase, text: str, what: str) -> Answer:
    """What the timeline holds after the event a question names ("what happened after the
    saudi meeting": the report two days later), oldest first; nothing when that event is the
    last the sources tell of ("what happened after putin got the ceasefire proposal")."""
    hits = base.index.search(what, kinds=frozenset({"event"}), suggest=False).hits
    anchor = hits[0].item if hits and isinstance(hits[0].item, Event) else None
    since = (anchor.date or anchor.end or "") if anchor else ""
    later = sorted((event for event in base.events()  # begun after, not just ended by then
                    if event.date and event.date > since and not event.date.startswith(since)
                    and not since.startswith(event.date)),
                   key=lambda event: event.sort_key) if anchor else []
    if anchor is None or not later:
        return Answer(title=_("Nothing found for “{query}”", query=echo(text)),
                      status="not_found",
                      note=_("The sources tell of nothing after that.") if anchor
                      else _("The sources do not answer this."),
                      suggestions=(Suggestion(_("Timeline"), "/timeline"),))
    return Answer(title=_("After {date}", date=format_date(since)),
                  note=anchor.text, entries=_entries(base, later))


def _refused(base: FactBase, text: str, question: Question) -> Answer:
    """The reply to a question the sources cannot answer, whatever they hold, saying why."""
    if question.refusal == "unknown-speaker":  # "what does china think"
        return _nothing_said(base, text, ())
    if question.refusal == "others-want":  # "what does ukraine demand from russia"
        return Answer(title=_("Nothing found for “{query}”", query=echo(text)),
                      status="not_found",
                      note=_("The sources report what Russia asks for, not what others want."),
                      suggestions=(Suggestion(_("Russia’s demands"), "/demands"),))
    return Answer(title=_("Nothing found for “{query}”", query=echo(text)), status="not_found",
                  note=_("The sources give no one's age.") if question.refusal == "age"
                  else _("The sources do not answer this."),  # "putin's envoy"
                  suggestions=_people_suggestions("who", question.people))


def _reporters(base: FactBase) -> frozenset[str]:
    """The people (news agencies) that published the sources."""
    outlets = {outlet.casefold() for source in base.sources.values()
               for outlet in (source.outlet, source.original_outlet) if outlet}
    return frozenset(person.id for person in base.index.names.people.values()
                     if person.name.casefold() in outlets)


def _reported(base: FactBase, text: str, question: Question, *,
              responses: bool = False) -> Answer | None:
    """The items that report, without quoting, what the people asked about said on the
    question's topic, held as a quote's topic must be ("which regions does putin say are
    russian": "Putin's assertion that ..."), or only how they responded to the story when it
    is what was asked about (`responses`); None when there are none."""
    result = base.index.search(question.topic or question.slots, limit=MAX_SEARCH_RESULTS,
                               suggest=False,
                               min_coverage=SAID_TOPIC_COVERAGE if question.topic else None)
    shared = base.index.names.name_terms
    result.hits = [hit for hit in result.hits
                   if _reports(hit.item, question.people, shared, responses=responses)
                   and not _only_counts_the_others(question, words(getattr(hit.item, "text", "")))]
    return _found(base, text, result) if result.hits else None


def _responses(base: FactBase, text: str, question: Question) -> Answer:
    """How those a question asks about took Russia's demands: the items (not the demands)
    that report them responding to or engaging with the demands, their name shortly before
    ("does the us agree with russia's demands": American officials discuss Russia's terms,
    the White House did not respond to requests for comment; not "Russia is prepared to
    engage ... with Kyiv"), or their own words on the demands ("did stent agree with the
    demands"); else nothing found ("how did nato react to the list")."""
    result = base.index.search(question.slots, limit=MAX_SEARCH_RESULTS * FILTERED_SEARCH,
                               suggest=False, min_coverage=0.0)
    people = base.index.names.people
    taken = [hit for hit in result.hits if not isinstance(hit.item, Demand)
             and TAKING_UP & set(tokenize(getattr(hit.item, "text", "")))
             and (_spoken(hit.item, set(question.responding),
                          lambda word: stem(word) in ENGAGING, SPEAKER_REACH,
                          lambda named_at, spoken_at, _word: named_at < spoken_at)
                  or _by(hit.item, people, question.responding))]
    if not taken:
        return _found(base, text, SearchResult(near=result.hits[:5], unknown=result.unknown))
    return Answer(title=_("Results for “{query}”", query=echo(text)),
                  entries=_entries(base, (hit.item for hit in taken[:MAX_SEARCH_RESULTS])))


def _only_about(question: Question, person: Person) -> bool:
    """Whether a question on a topic names a person by a word of their name or alias (not by
    a role), whose part in it an answer must then have; not Putin, whose words stand for
    Russia's ("would putin talk to ukraine before getting what he wants")."""
    called = {word for name in (person.name, *person.aliases) for word in words(name)
              if not ordinary(word)}
    return person.entity == "person" and person.id not in DEMANDERS and bool(question.topic) \
        and any(called.intersection(words(slot.typed)) for slot in question.slots)


def _fills(item: Item, people: Mapping[str, Person], role: frozenset[str]) -> bool:
    """Whether an item is a person whose role holds every stem of `role`, or what they
    said."""
    person = item if isinstance(item, Person) else people.get(getattr(item, "speaker", "") or "")
    return person is not None and person.entity == "person" and role <= set(
        map(stem, words(person.role)))


def _by(item: Item, people: Mapping[str, Person], names: frozenset[str]) -> bool:
    """Whether an item is the words or the stance of someone a word of `names` names."""
    speaker = people.get(getattr(item, "speaker", None) or "")
    return speaker is not None and bool(names.intersection(words(speaker.name)))


def _owns_the_list(question: Question, slot: Slot) -> bool:
    """Whether a slot names Russia as the owner of its demands ("russia's demands", "the
    russian list"): with them, it names the story."""
    following = question.slots[question.slots.index(slot) + 1 :][:1]
    return bool(DEMANDING.intersection(slot.alternatives)) and any(
        after.entry in (DEMANDS_ENTRY, LIST_ENTRY) or "list" in words(after.typed)
        for after in following)


def _awaited(base: FactBase, text: str, question: Question) -> Answer | None:
    """For what someone asked about has said on a topic and the sources report none of: the
    items saying their answer on it is awaited or uncertain ("what did putin say about the
    ceasefire": Trump awaits his response, his willingness uncertain); None when none do."""
    if not question.topic:
        return None
    result = base.index.search(question.topic, limit=MAX_SEARCH_RESULTS, suggest=False,
                               min_coverage=SAID_TOPIC_COVERAGE)
    people, members = base.index.names.people, _members(base)
    result.hits = [hit for hit in result.hits
                   if AWAITED & _stems_of(hit.item, people) and all(
                       _involves(hit.item, person, set(words(searchable_text(hit.item, people))),
                                 members) for person in question.people)]
    return _found(base, text, result) if result.hits else None


def _speaks(item: Item, speaker: set[str]) -> bool:
    """Whether `item`'s text reports what someone a word of `speaker` names said or feared,
    the name before the word ("Europeans fear ...") or after "according to"."""
    return _spoken(item, speaker, lambda word: stem(word) in STANCES, SPEAKER_REACH,
                   lambda name_at, spoken_at, word: name_at < spoken_at or word == "according")


def _reports(item: Item, speakers: Sequence[Person], shared: Mapping[str, int], *,
             responses: bool) -> bool:
    """Whether `item`'s text reports something said by one of `speakers`: a word of their
    name that no one else's name holds (`shared`: how many people's names hold each stem;
    "russian" is in the embassy's name and Russia's) near a word of speech ("Putin's
    assertion", "according to Kori Schake"); or, for how someone responded to the story
    (`responses`), a word of responding anywhere in it and a word of their name that at most
    one other name holds ("has the kremlin commented": the Russian embassy had not)."""
    sharing = RESPONSE_SHARING if responses else 1
    names = {word for person in speakers for name in (person.name, *person.aliases)
             for word in words(name)
             if word not in STOPWORDS and shared.get(stem(word), 0) <= sharing} | {
        " ".join(typed) for person in speakers
        if len(typed := [word for word in words(person.name) if word not in STOPWORDS]) > 1}
    if responses:
        return _spoken(item, names, lambda word: stem(word) in RESPONSES, None)
    return _spoken(item, names, lambda word: word in SAYS or stem(word) in REPORTED_SPEECH,
                   SPEAKER_REACH)


def _spoken(item: Item, names: set[str], speech: Callable[[str], bool], reach: int | None,
            order: Callable[[int, int, str], bool] = lambda *_: True) -> bool:
    """Whether a word of `names` (or a name of several words, "trump administration") in
    `item`'s text is within `reach` words (stopwords aside; None: anywhere) of a word of
    `speech`, in an `order` the name and that word may take."""
    said = [word for word in words(getattr(item, "text", ""))
            if word in SAYS or word not in STOPWORDS]
    spoken = [position for position, word in enumerate(said) if speech(word)]
    phrases = [name.split() for name in names if " " in name]
    named = [position for position, word in enumerate(said) if word in names or any(
        said[position + 1 - len(phrase) : position + 1] == phrase for phrase in phrases)]
    return any((reach is None or abs(position - spoken_at) <= reach)
               and order(position, spoken_at, said[spoken_at])
               for position in named for spoken_at in spoken)


def _responding(question: Question) -> bool:
    """Whether a question asks how someone responded ("did the kremlin comment")."""
    return any(stem(word) in RESPONSES for slot in question.slots
               for word in (*words(slot.typed), *_slot_words(slot)))


def _nothing_said(base: FactBase, text: str, near: Sequence[Hit]) -> Answer:
    """No words of the people asked about are reported ("what did putin say about the list"):
    the items that came closest as buttons, never as an answer."""
    return Answer(
        title=_("Nothing found for “{query}”", query=echo(text)),
        status="not_found",
        note=_("The sources report nothing said by them. Send /quote to see who is quoted."),
        suggestions=(*_near_topics(base, near), Suggestion(_("Who is quoted"), "/quote")),
    )


def _long_past(base: FactBase) -> str:
    """The date before which things are long past: a year before the newest source was
    published ("" when no source says when it was)."""
    newest = max((str(source.published) for source in base.sources.values()
                  if source.published), default="")
    return f"{int(newest[:4]) - 1}{newest[4:]}" if newest else ""


def _last_date(item: Item) -> str:
    """When an event was over ("" for anything else: a demand still stands, a fact or quote
    says how things are): its end, else its date."""
    if not isinstance(item, Event):
        return ""
    return item.end or item.date or ""


def _fits(question: Question, item: Item, people: dict[str, Person],
          members: Mapping[str, list[Person]], named: frozenset[str] = frozenset()) -> bool:
    """Whether an item can answer the question's form: a "when" question needs a date, "how
    many missiles" a number of missiles (a year is not one), "when will" a time to come."""
    pending = question.future and question.intent == "when" and _pending(question, item)
    if question.intent == "when" and not (_dated(item) and _tells(question, item)) \
            and not pending:
        return False
    said = _stated(item)
    if question.amount is not None and not (
            (_counts(said, question.amount, question.counted_of)
             or (isinstance(item, Event) and item.date and item.end
                 and question.amount & DURATIONS))  # "how long did the istanbul talks last":
            and _holds_names(question, _stems_of(item, people))):  # March to April 2022
        return False  # "how many days did the istanbul talks last": not a 30-day ceasefire
    if _only_counts_the_others(question, said):
        return False
    if question.agreeing and (isinstance(item, Demand) or not set(
            question.agreeing).intersection(map(stem, words(searchable_text(item, people))))):
        return False  # "did the us agree to recognise crimea": Russia wants it recognised
    if len(question.people) == 1 and _only_about(question, question.people[0]) \
            and not _involves(item, question.people[0], set(words(searchable_text(item, people))),
                              members):
        return False  # "zelensky crimea": Crimea is in the sources, Zelenskiy on it is not
    if len(question.people) > 1 and any(person.entity == "person"
                                        for person in question.people):
        # "did trump meet putin", "zelensky oval office"; not two sides ("talks between
        # moscow and washington": "Russian and American officials")
        held = set(words(searchable_text(item, people)))
        if not all(_involves(item, person, held, members) for person in question.people):
            return False
        stems = {stem(word) or word for word in held}
        asked = [slot for slot in question.topic
                 if slot.entry != AGREEING and slot.typed not in ROLE_WORDS]
        if asked and not any(stems & {stem(word) or word for word in _slot_words(slot)}
                             for slot in asked):
            return False  # "did trump meet putin": an item on both, but on no meeting
    if question.failure_cause and FAILED not in map(stem, said):
        return False  # "why did the istanbul talks fail": they were never finalized
    if question.decision_cause and not (
            CAUSES.intersection(map(stem, said))
            and question.decision_cause & _stems_of(item, people)):
        return False  # "why did kellogg retire": the sources say he is retired, not why
    if question.will and not EXPECTED.intersection(map(stem, said)):
        return False  # "will ukraine hold elections"
    if question.role_asked and not _fills(item, people, question.role_asked):
        return False  # "who was the us negotiator in istanbul": no one is named as one
    if question.hypothetical and not CONDITIONAL.intersection(said):
        return False  # "what will happen if putin rejects the ceasefire"
    if question.where and not _names_a_place(question, item, named):
        return False  # "where did the in-person meetings happen": the sources do not say
    return not question.future or bool(FUTURE_WORDS.intersection(said)) or pending


_PROPER = re.compile(r"(?<![.!?] )(?<![\w.])(?<!^)[A-Z][\w.-]*(?![\w.-]*[’']s\b)")
"""A word written with a capital inside a sentence, not as an owner ("Russia’s terms")."""
_NOT_PLACES = frozenset({"us"}) | NATIONALITIES | MONTHS
PLACE_NOUNS = frozenset({"border", "territory", "soil", "region", "regions", "city", "capital"})
"""Words by which an item says where without a name ("along Ukraine’s border")."""


def _names_a_place(question: Question, item: Item, named: frozenset[str]) -> bool:
    """Whether one clause of an item names a place the question does not, and every one the
    question names who is not the item's speaker ("where did the us and russian officials
    meet": not the meeting in Saudi Arabia between U.S. and Ukrainian officials); `named`:
    the words of everyone's names, which are no places."""
    names = {person.id: {word for name in (person.name, *person.aliases)
                         for word in words(name)} - STOPWORDS - PERSON_NOUNS
             for person in question.people}
    asked = {stem(word) or word for word in itertools.chain(
        *names.values(), *(words(slot.typed) for slot in question.slots))}
    others = [called for person, called in names.items()
              if person not in (item.id, getattr(item, "speaker", None))]
    written = (getattr(item, "text", ""), getattr(item, "context", None),
               getattr(item, "role", None))
    return any(_places(clause, named) - asked
               and all(called.intersection(words(clause)) for called in others)
               for text in written if text for clause in CLAUSE_BREAK.split(text))


def _places(written: str, named: frozenset[str]) -> set[str]:
    """The stems of the words a text writes with a capital that may name a place or venue
    ("in Saudi Arabia", "the Council on Foreign Relations", "on CNN"): not the first word,
    a nationality, a month, an owner or a word of a person's or organisation's name
    (`named`: "Biden")."""
    places = {stem(word) or word for found in _PROPER.findall(written)
              for word in words(found) if word not in named and word not in _NOT_PLACES}
    return places | PLACE_NOUNS.intersection(words(written))


def _pending(question: Question, item: Item) -> bool:
    """Whether one clause of an item's text says that what is awaited or uncertain is a
    thing the question asks when it will come ("when will the ceasefire start": "awaiting a
    response from Putin on the proposed 30-day ceasefire"; not "when will the war end" from
    "conditions for ending the war; Trump awaits Putin's answer on the ceasefire", nor "when
    will the ceasefire end", which asks for its end, not its coming)."""
    things = [{stem(word) or word for word in _slot_words(slot) - STOPWORDS}
              for slot in question.topic if _thing(slot)]
    return bool(things) and not question.ending and any(
        AWAITED & stems and all(stems & thing for thing in things)
        for clause in CLAUSE_BREAK.split(getattr(item, "text", ""))
        if (stems := {stem(word) or word for word in words(clause)}))


STORY_TERMS = frozenset(map(stem, STORY_WORDS))
"""The stems of the words for the story, by which an item tells when the story appeared
("what is the date of this article": the report's publication date)."""


def _tells(question: Question, item: Item) -> bool:
    """Whether an item's own words (text, context, date) hold something a "when" question
    asks: "when did kellogg retire" is not told by a quote whose speaker's role says "Retired
    General"."""
    asked = question.topic
    told = {stem(word) or word for word in words(" ".join(filter(None, (
        getattr(item, "text", ""), getattr(item, "context", None),
        getattr(item, "date_phrase", None), getattr(item, "date_note", None)))))}
    return not asked or any(told & ({stem(word) or word for word in _slot_words(slot)} | (
        STORY_TERMS if names_story(slot) else set())) for slot in asked)


def _stems_of(item: Item, people: dict[str, Person]) -> set[str]:
    """The stems of every word of an item's fields."""
    return {stem(word) or word for word in words(searchable_text(item, people))}


def _holds_names(question: Question, held: set[str]) -> bool:
    """Whether an item's stems (`held`) hold every name the question's topic has ("istanbul"
    in "how many days did the istanbul talks last", "what did zelensky say about istanbul")."""
    return all(held & {stem(word) or word for word in _slot_words(slot)}
               for slot in question.topic if proper_name(slot))


def _only_counts_the_others(question: Question, said: list[str]) -> bool:
    """Whether an item's words (`said`) only count the others a question asks to name
    ("which are the four other regions": "Crimea and four other regions")."""
    return bool(question.others) and any(
        second == "other" and (first == question.others or (
            question.others == UNCOUNTED and first in NUMBER_WORDS))
        for first, second in pairwise(said))


def _involves(item: Item, person: Person, held: set[str],
              members: Mapping[str, list[Person]]) -> bool:
    """Whether an item is by, about or names `person` (`held`: its words, every field), or,
    for an organisation, one of its `members` ("Trump awaits Putin's response" is Moscow's:
    Putin is "President of Russia"); "did kellogg meet zelensky" needs both."""
    if item.id == person.id or getattr(item, "speaker", None) == person.id:
        return True
    named = {word for name in (person.name, *person.aliases) for word in words(name)
             if word not in STOPWORDS}
    return bool(named & held) or any(_involves(item, member, held, members)
                                     for member in members.get(person.id, ()))


def _members(base: FactBase) -> dict[str, list[Person]]:
    """The people whose role names an organisation, by the organisation's id ("President of
    Russia": Putin is Russia's); made once until a person changes."""
    people = base.index.names.people.values()
    return base.memo("person", "members", lambda: {
        organisation.id: [person for person in people if person.entity == "person"
                          and names & set(words(person.role))]
        for organisation in people if organisation.entity != "person"
        if (names := {word for word in words(organisation.name) if not ordinary(word)})})


def _stated(item: Item) -> list[str]:
    """The words of an item's text and of the time it gives in words."""
    return words(" ".join(filter(None, (getattr(item, "text", ""),
                                        getattr(item, "date_phrase", None)))))


def _counts(said: list[str], counted: frozenset[str], of: frozenset[str]) -> bool:
    """Whether `said` states an amount ("30", "three"; not a year such as "1945") of one of
    the `counted` stems, a few words on ("tens of thousands of troops", "30-day"); of
    anything when `counted` is empty; for how long, "since" a year does too. An amount of
    another country's than the one asked about (`of`) does not count ("how many troops does
    ukraine have": "thousands of Russian troops")."""
    for position, word in enumerate(said):
        if counted == DURATIONS and word == "since" and _YEAR.match(
                next(iter(said[position + 1 : position + 2]), "")):
            return True  # "how long ...": "consistent since 1945"
        if word in NUMBER_WORDS or (word.isdigit() and not _YEAR.match(word)):
            following = [later for later in said[position + 1 :]
                         if later not in COUNT_JOINERS][:COUNT_REACH]
            if of and any(later in nation and nation is not of
                          for nation in NATIONS for later in following):
                continue
            if not counted or any(stem(later) in counted for later in following):
                return True
    return False


def _slot_words(slot: Slot) -> set[str]:
    return {word for alternative in slot.alternatives for word in words(alternative)}


def _dated(item: Item) -> bool:
    """Whether an item says when: an event, or a quote or statement with a date."""
    return isinstance(item, Event) or (
        isinstance(item, Quote | Statement) and bool(item.date or item.date_phrase))


def _said(base: FactBase, text: str, question: Question) -> Answer:
    """What the people a question names said, on its topic when it has one; words that
    describe the speaker are no topic ("aei expert opinion" is all Kori Schake said)."""
    people = question.people
    names = _names(people)
    said: list[Item] = [item for person in people
                        for item in (*base.quotes(person.id), *base.statements(person.id))]
    described = {word for person in people
                 for word in words(searchable_text(person, base.index.names.people))}
    question.topic = [slot for slot in question.topic
                      if not described.intersection(_slot_words(slot))]
    if not question.topic:
        return Answer(title=_("What {names} said", names=names), entries=_entries(base, said))
    speakers = {person.id for person in people}
    unheld = any(not slot.known and not any(map(base.index.knows, slot_terms(slot)))
                 and unheld_weight(slot.typed) >= RARE_UNHELD
                 for slot in question.topic)  # "... about sanctions at the cfr": none
    result = base.index.search(question.topic, kinds=frozenset({"quote", "statement"}),
                               limit=MAX_SEARCH_RESULTS, suggest=False,
                               min_coverage=SAID_TOPIC_COVERAGE * min(
                                   1.0, PLAIN_TOPIC / len(question.topic)))
    about = [hit.item for hit in result.hits if not unheld
             and isinstance(hit.item, Quote | Statement) and hit.item.speaker in speakers
             and _holds_names(question, _stems_of(hit.item, base.index.names.people))]
    topic = " ".join(slot.typed for slot in question.topic)
    if about:
        return Answer(title=_("What {names} said about “{topic}”", names=names,
                                topic=echo(topic)),
                      entries=_entries(base, about))
    demanded = _demands_about(base, text, question) if speakers <= DEMANDERS else None
    if UNSAID.intersection(words(text)):  # "moscow hasn't said if it takes the truce"
        found = _awaited(base, text, question) or demanded or _reported(base, text, question)
    else:
        found = demanded or _reported(base, text, question) or _awaited(base, text, question)
    if found is not None:
        return found
    return Answer(
        title=_("Nothing {names} said about “{topic}” is reported", names=names,
                topic=echo(topic)),
        status="not_found",
        note=_("The sources do not report that. What they do report:"),
        suggestions=_people_suggestions("quote", people),
    )


def _asks_sameness(question: Question, text: str) -> bool:
    """Whether a question about the demands asks whether they are new, or what they mean, by
    a word of its own ("are these the same things russia asked for before the invasion"), not
    only by the glossary's "demand before" ("what did russia demand before the invasion")."""
    return question.regarding is not None and bool(
        (ABOUT_DEMANDS | NOVELTY - BEFORE).intersection(words(text)))


def _demands_before(base: FactBase, what: str) -> Answer | None:
    """The demands raised before the event `what` names ("what did russia want before the
    invasion": those put to Biden's officials in December 2021), oldest first; None when it
    names no event of a known date, or no demand is known to be older. "before the war" is
    before it started (the invasion), not before the report on how to end it."""
    if all(slot.entry in ("", WAR_ENTRY) for slot in base.index.read(what)):
        what = WAR_START
    hits = base.index.search(what, kinds=frozenset({"event"}), suggest=False).hits
    anchor = hits[0].item if hits and hits[0].coverage >= EVENT_NAMED else None
    if not isinstance(anchor, Event) or not anchor.date:
        return None
    since = anchor.date
    older = [demand for demand in base.demands() if demand.date and demand.date < since
             and not since.startswith(demand.date)]
    if not older:
        return None
    return Answer(title=_("Russia’s demands before {date}", date=format_date(since)),
                  note=anchor.text, entries=_entries(base, _by_period(older)))


def _demands_about(base: FactBase, text: str, question: Question) -> Answer | None:
    """What the sources say of the demands, then the demands the question's other words find,
    for a question about them ("are these demands new"); else Russia's demands, narrowed by
    the question's other words when they find demands; None when those words find none (the
    question is then searched as a whole)."""
    commentary = (base.index.search(question.regarding, kinds=COMMENTARY, suggest=False).hits
                  if question.regarding else [])
    topic = [slot for slot in question.topic if not _filler(base, slot)]
    if not topic:
        if not commentary:
            return demands(base, "")
        every = base.memo("demand", "by period", lambda: _by_period(base.demands()))
        return _found(base, text, SearchResult(hits=[*commentary, *(
            Hit(demand, 0.0) for demand in every)]))
    least = CLAIMED_DEMAND_COVERAGE if question.claim else DEMAND_TOPIC_COVERAGE
    result = base.index.search(topic, kinds=DEMAND_KIND, suggest=False, min_coverage=least)
    if any(question.will or not all(map(ordinary, words(word))) for word in result.unknown):
        # a name or number no item holds weighs as in any search (it is searched again only
        # then): "... army capped at 50 thousand soldiers" is no demand the sources report;
        # so does any word of what a "will" question asks ("will ukraine's grain exports go
        # back to normal")
        result = base.index.search(topic, kinds=DEMAND_KIND, suggest=False)
    result.hits = [hit for hit in result.hits if not _only_counts_the_others(
        question, words(getattr(hit.item, "text", "")))]
    if commentary:
        return _found(base, text, SearchResult(hits=[*commentary, *result.hits]))
    if not result.hits:
        return None
    said = base.index.search(topic, kinds=COMMENTARY, suggest=False,
                             min_coverage=result.hits[0].coverage + COMMENTARY_LEAD).hits
    if said:  # "russia wants to push its influence across europe": what analysts say of it
        return _found(base, text, SearchResult(hits=[*said[:1], *result.hits]))
    typed = " ".join(slot.typed for slot in topic)
    return Answer(title=_("Russia’s demands: “{query}”", query=echo(typed)),
                  note=_correction_note(result.corrections),
                  entries=_entries(base, _best_period_first(result.hits)))


def _thing(slot: Slot) -> bool:
    """Whether a slot names a thing: a Russian or Ukrainian word, or English words that may
    each be a noun but not a verb ("elections", not "stop" or "return")."""
    typed = words(slot.typed)
    return bool(typed) and all(
        is_cyrillic(word) or (may_be_noun(word) and not may_be_verb(word)) for word in typed)


def _unheld_thing(base: FactBase, slot: Slot, things: frozenset[str]) -> bool:
    """Whether a slot names one of `things` (of a person's own: health, family, books...; or
    an office: "minister") that no item holds."""
    return (slot.typed in things and not slot.known
            and not any(map(base.index.knows, slot_terms(slot))))


def _filler(base: FactBase, slot: Slot) -> bool:
    """Whether a slot is an adjective or adverb no item holds ("what exactly are the
    demands"): it does not narrow a question down."""
    typed = words(slot.typed)
    return not slot.known and not any(map(base.index.knows, slot_terms(slot))) and all(
        map(only_describes, typed))


def source(base: FactBase, args: str) -> Answer:
    item_id = args.strip().lower()
    if not item_id:
        raise MissingArguments(_("the id of an item"))
    item = base.items.get(item_id)
    if (item is None or item.deleted) and item_id in base.sources:
        return _source_document(base, base.sources[item_id])
    if item is None or item.deleted:
        near = near_ids(base, item_id)
        return Answer(
            title=_("No item with the id “{query}”", query=echo(args)),
            status="not_found",
            note=_("Did you mean:") if near else _("Ids are shown under every answer."),
            suggestions=tuple(Suggestion(key, f"/source {key}") for key in near),
        )
    source = base.source_of(item)
    body: tuple[str, ...] = ()
    if source is not None:
        published = f", {format_date(source.published)}" if source.published else ""
        body = (_("Source: “{title}”, {source}.", title=source.title,
                  source=source.label + published),)
    return Answer(
        title=_("Source of {kind} {id}", kind=_(KIND_LABELS.get(item.KIND, item.LABEL)),
                id=item.id),
        body=body,
        entries=(entry_for(base, item, evidence=True),),
    )


def _source_document(base: FactBase, source: Source) -> Answer:
    """A source article: where and when it appeared, its text's fingerprint, what cites it."""
    lines = [_source_line(source)]
    if source.url:
        lines.append(source.url)
    text = base.texts.get(source.id)
    if text is not None:
        lines.append(_("Its text: {n} characters, SHA-256 {digest}.", n=len(text),
                       digest=(source.sha256 or "")[:16]))
    else:
        lines.append(_("No text of this source is stored: its items cannot be verified."))
    lines.append(_source_counts(base, source.id))
    return Answer(title=_("Source {id}", id=source.id), status="help", body=tuple(lines))


def _source_line(source: Source) -> str:
    published = (_(", published {date}", date=format_date(source.published))
                 if source.published else "")
    return f"“{source.title}” — {source.label}{published}."


def _source_counts(base: FactBase, source_id: str) -> str:
    """How many live items of each kind cite a source."""
    counts = {kind: sum(1 for item in base.live(kind) if item.source == source_id)
              for kind in ("demand", "quote", "statement", "event", "fact", "person")}
    return ", ".join((
        ngettext("{n} demand", "{n} demands", counts["demand"]),
        ngettext("{n} quote", "{n} quotes", counts["quote"]),
        ngettext("{n} reported statement", "{n} reported statements", counts["statement"]),
        ngettext("{n} event", "{n} events", counts["event"]),
        ngettext("{n} other fact", "{n} other facts", counts["fact"]),
    )) + "; " + ngettext("{n} person or organisation", "{n} people and organisations",
                         counts["person"]) + "."


def near_ids(base: FactBase, text: str, *, include_deleted: bool = False) -> list[str]:
    """Item ids close to `text`, for "did you mean"."""
    ids = [key for key, item in base.items.items() if include_deleted or not item.deleted]
    found = process.extract(text.lower(), ids, scorer=fuzz.WRatio, limit=3, score_cutoff=70)
    return [key for key, _score, _position in found]


def about(base: FactBase, args: str) -> Answer:
    lines = []
    for source in base.sources.values():
        lines.append(_source_line(source))
        if source.note:
            lines.append(source.note)
        lines.append(_source_counts(base, source.id))
        lines.append("")
    lines.append(_("Every item quotes its source verbatim, unless it is marked unverified:"
                   " /source <id> shows the sentences; /source <source id>, the article."))
    return Answer(title=_("About this fact base"), status="help", body=tuple(lines))


MAX_LOOKUP = 200
"""Most items an inline lookup collects before paging through them."""


def lookup(base: FactBase, query: str, limit: int = MAX_LOOKUP) -> list[Item]:
    """At most `limit` (and `MAX_LOOKUP`) items for an inline lookup: the people a name means
    and what they said, then search hits.

    An empty query gives the demands and the quotes, the most useful entries of the base.
    """
    limit = min(limit, MAX_LOOKUP)
    if not query.strip():
        return [*base.demands(), *base.quotes()][:limit]
    found: dict[str, Item] = {}
    for person in base.index.resolve_people(query, suggest=False).people:
        found[person.id] = person
        for said in (*base.quotes(person.id), *base.statements(person.id)):
            found.setdefault(said.id, said)
    for hit in base.index.search(query, limit=limit).hits:
        found.setdefault(hit.item.id, hit.item)
    return list(found.values())[:limit]


ITEM_TITLES = {
    "person": N_("Who’s who"), "demand": N_("Demand"), "quote": N_("Quote"),
    "statement": N_("Reported statement"), "event": N_("Timeline"), "fact": N_("Fact"),
    "item": N_("Item"),
}
"""The title of an answer that shows one item of each kind."""

KIND_LABELS = {
    "person": N_("person"), "demand": N_("demand"), "quote": N_("quote"),
    "statement": N_("statement"), "event": N_("event"), "fact": N_("fact"),
}
"""What each kind of item is called in a sentence."""


def item_answer(base: FactBase, item: Item, lang: Language = "en") -> Answer:
    """One item on its own, titled by its kind: what an inline result sends."""
    with speaking(lang):
        return localised(Answer(title=_(ITEM_TITLES.get(item.KIND, ITEM_TITLES["item"])),
                                 entries=(entry_for(base, item),)), lang)


def localised(result: Answer, lang: Language) -> Answer:
    """`result` marked with its language; one that shows facts in another language than
    English says that they are quoted in English."""
    if lang == "en":
        return result
    note = result.note
    if result.entries:
        note = f"{note}\n{_(ENGLISH_NOTE)}" if note else _(ENGLISH_NOTE)
    return replace(result, note=note, lang=lang)
