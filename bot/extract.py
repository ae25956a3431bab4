"""Candidates from a new source: its direct quotations with their speakers, and its dated events.

`extract(text, published, people)` reads an article as an editor would:

- every quotation in “curly” or "straight" marks, attributed from its sentence ("X said",
  "noted", "commented", "remarked", "told", "characterized ... as", "what it terms"), and a
  pronoun ("he remarked") from the person the sentences before it are about; the speaker is a
  known person when the name surely means them (`bot.names.same_person`), else a new one, with
  the role the
  article gives ("a senior fellow at the Brookings Institution");
- every dated phrase: absolute dates ("February 24, 2022", "since 1945", "in 2022") and phrases
  relative to the publication date ("last week", "over the past three weeks", "in recent
  weeks", "recently"), resolved with `dateparser` and kept with a note on how; relative phrases
  inside a quotation are left alone (they count from when it was said, which is not known);
- the lead sentence, as what the report itself says happened on its publication date.

Each candidate keeps its evidence verbatim and a stable number (its place among all the
article's candidates), so an editor can accept one after others were added.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from bot.evidence import CLOSING, OPENING, Span, sentences
from bot.models import Event, Person, Quote
from bot.names import name_words, same_person
from bot.text import normalize

MAX_TEXT = 1000
_CAP = r"(?:[A-Z][a-z]+(?:[-’'][A-Za-z]+)*|(?:[A-Z]\.){2,}|[A-Z]{2,})"
_RUN = re.compile(rf"{_CAP}(?: {_CAP})*")
_VERBS = (r"said|says|noted|notes|commented|comments|remarked|remarks|told|tells|added|adds"
          r"|stated|states|explained|warned|wrote|argued|insisted|characteri[sz]ed|described"
          r"|called|calls|terms|termed|dubbed|declared|asserted|stressed|replied|answered")
_PRONOUN = r"he|she|it|they"
_AFTER_SPEAKER = re.compile(rf"^[\s,.”\"]*(?:({_PRONOUN})|({_RUN.pattern}))\s+(?:{_VERBS})\b")
_AFTER_VERB = re.compile(rf"^[\s,.”\"]*(?:{_VERBS})\s+({_RUN.pattern})")
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_PRONOUN_BEFORE = re.compile(rf"\b({_PRONOUN})\s+(?:\w+ly\s+)?$")
_APPOSITION = re.compile(r"^(?:a|an|the|who|former|current|one of)\b")
_OPENERS = frozenset("""Additionally However In The Over Among Although During These This Some
    Most Given Their There It He She They We Analysts Meanwhile Earlier Later On At After Before
    Since When While But And Also According Discover Subscribe Sources""".split())
_TITLE_WORDS = frozenset("""Retired General Gen President Vice Prime Minister Secretary Senator
    Sen Representative Ambassador Envoy Special Deputy Foreign Defense Defence Chief Former Mr
    Mrs Ms Dr Sir""".split())
_NUMBERS = {word: number for number, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty".split())} | {"thirty": 30, "a": 1}
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November"
           "|December")
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30,
          "year": 365, "years": 365, "decade": 3652, "decades": 3652}

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class Speaker:
    """Who said a quotation: a known person, or a name (and role) to add as a new one."""

    name: str
    person: Person | None = None
    role: str | None = None
    how: str = ""


@dataclass(frozen=True)
class Candidate:
    """A quote or an event the article holds, ready for an editor to accept."""

    number: int
    kind: Literal["quote", "event"]
    text: str
    evidence: str
    speaker: Speaker | None = None
    date: str | None = None
    end: str | None = None
    date_phrase: str | None = None
    date_note: str | None = None
    present: str | None = None
    """The id of the item already in the base that this candidate is."""


@dataclass(frozen=True)
class _Dated:
    span: Span
    phrase: str
    date: str | None
    end: str | None
    note: str | None
    relative: bool


def _day(value: dt.date, precision: Precision) -> str:
    return {"day": value.isoformat(), "month": value.isoformat()[:7],
            "year": value.isoformat()[:4]}[precision]


def _parse(phrase: str, base: dt.date) -> dt.date | None:
    import dateparser

    found = dateparser.parse(phrase, settings={
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()), "PREFER_DATES_FROM": "past"})
    return found.date() if found is not None else None


def _inside_quotes(text: str) -> list[Span]:
    """The spans of `text` within quotation marks, marks excluded."""
    found: list[Span] = []
    for match in re.finditer(rf"[{OPENING}]([^{OPENING}{CLOSING}\n]+)[{CLOSING}]|\"([^\"\n]+)\"",
                             text):
        group = 1 if match.group(1) is not None else 2
        found.append(Span(match.start(group), match.end(group)))
    return found


def _dated_phrases(text: str, published: dt.date | None) -> list[_Dated]:
    """Every date phrase of `text`, resolved; relative ones only with a publication date and
    outside quotations."""
    quoted = _inside_quotes(text)
    found: list[_Dated] = []

    def inside(span: Span) -> bool:
        return any(q.start <= span.start < q.end for q in quoted)

    def add(match: re.Match[str], date: str | None, end: str | None, note: str | None,
            relative: bool) -> None:
        span = Span(match.start(), match.end())
        if relative and (published is None or inside(span)):
            return
        if any(d.span.start < span.end and span.start < d.span.end for d in found):
            return
        found.append(_Dated(span, match.group(), date, end, note, relative))

    pub = published.isoformat() if published else ""
    for match in re.finditer(rf"\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}}\b|\b\d{{1,2}} (?:{_MONTHS})"
                             r" \d{4}\b", text):
        day = _parse(match.group(), published or dt.date.today())
        if day is not None:
            add(match, day.isoformat(), None, None, relative=False)
    for match in re.finditer(r"\b(?:late|early|mid-?)\s*(\d{4})\s+(?:and|to|until|through)\s+"
                             r"(?:late|early|mid-?)\s*(\d{4})\b", text, re.I):
        add(match, match.group(1), match.group(2), "The years as the article gives them.",
            relative=False)
    for match in re.finditer(rf"\b(?:{_MONTHS}) (\d{{4}})\b", text):
        day = _parse(match.group(), published or dt.date.today())
        if day is not None:
            add(match, day.isoformat()[:7], None, None, relative=False)
    for match in re.finditer(r"\bsince (\d{4})\b", text):
        add(match, match.group(1), None, f"From the phrase “{match.group()}”.", relative=False)
    for match in re.finditer(r"\b[Ii]n (\d{4})\b", text):
        add(match, match.group(1), None, None, relative=False)
    if published is None:
        return sorted(found, key=lambda d: d.span.start)
    for match in re.finditer(r"\b(?:over|in|during|for) the (?:past|last) (\w+) (days|weeks|"
                             r"months|years|decades)\b", text, re.I):
        count = _NUMBERS.get(match.group(1).lower()) or (
            int(match.group(1)) if match.group(1).isdigit() else None)
        if count is None:
            continue
        precision: Precision = "day" if match.group(2) in ("days", "weeks") else "month"
        start = published - dt.timedelta(days=count * _UNITS[match.group(2)])
        add(match, _day(start, precision), _day(published, precision),
            "Range derived from the publication date.", relative=True)
    for match in re.finditer(r"\b(?:last (?:week|month|year)|yesterday|(?:\w+) (?:days|weeks|"
                             r"months|years) ago)\b", text, re.I):
        day = _parse(match.group(), published)
        if day is None:
            continue
        unit = match.group().split()[-1] if " " in match.group() else "day"
        precision = "month" if unit.startswith("month") else "year" if unit.startswith(
            "year") else "day"
        add(match, _day(day, precision), None,
            f"Derived from the publication date ({pub}).", relative=True)
    for match in re.finditer(r"(?<![Mm]ost )\b(?:[Ii]n recent (?:days|weeks|months)|[Rr]ecently"
                             r"|[Tt]he recent [a-z]+(?: (?:in|with) [A-Z][a-z]+(?: [A-Z][a-z]+)*)?)"
                             r"\b", text):
        add(match, None, pub, f"Only “{match.group()}” before the report is known.",
            relative=True)
    return sorted(found, key=lambda d: d.span.start)


def _masked(text: str) -> str:
    """`text` with what is inside quotation marks blanked out (same length)."""
    chars = list(text)
    for span in _inside_quotes(text):
        chars[span.start:span.end] = "x" * (span.end - span.start)
    return "".join(chars)


def _name_in(run: str) -> tuple[str, str]:
    """A run of capitalised words as (name, the titles before it)."""
    parts = run.split(" ")
    titles: list[str] = []
    while len(parts) > 1 and (parts[0].rstrip(".") in _TITLE_WORDS or "." in parts[0]):
        titles.append(parts.pop(0))
    return " ".join(parts), " ".join(titles)


def _runs(segment: str) -> list[re.Match[str]]:
    return [run for run in _RUN.finditer(segment)
            if not all(word.rstrip(".") in _OPENERS | _TITLE_WORDS or "." in word
                       for word in run.group().split(" "))]


def subject(text: str, *, single: bool = False) -> Speaker | None:
    """Who a sentence (or the part of one before a verb) is about: the name that ends its first
    phrase ("Angela Stent, a senior fellow ..."), or else the first name in it, with the role
    the article gives them. With `single`, only a one-word name (an organisation, a country)."""
    segments = re.split(r",\s+", _masked(text))
    for index, segment in enumerate(segments):
        runs = _runs(segment)
        if single:
            runs = [run for run in runs if " " not in run.group()]
        if not runs:
            continue
        ends = segment.rstrip(" .").endswith(runs[-1].group())
        whole = [run for run in runs if " " in _name_in(run.group())[0]]
        run = runs[-1] if ends else (whole or runs)[0] if not single else runs[0]
        name, titles = _name_in(run.group())
        if not name_words(name) or (not single and " " not in name and not ends):
            continue
        roles = "; ".join(part for part in (
            f"{segment[:run.start()].strip()} {titles}".strip() if ends else titles,
            _apposition(segments[index + 1:]) if ends else None) if part)
        return Speaker(name=name, role=roles[:1].upper() + roles[1:] or None)
    return None


def _apposition(rest: list[str]) -> str | None:
    if not rest or not _APPOSITION.match(rest[0]):
        return None
    return re.sub(r"^who (?:is |was )?", "", rest[0]) or None


def _attribution(text: str, sentence: Span, quote: Span,
                 earlier: list[Span]) -> tuple[Speaker | None, int]:
    """The speaker of the quotation at `quote`, and the position its evidence starts from."""
    before = text[sentence.start:quote.start - 1]
    after = text[quote.end + 1:sentence.end]
    pronoun: str | None = None
    found = _AFTER_SPEAKER.match(after)
    if found is not None and found.group(2):
        return Speaker(name=_name_in(found.group(2))[0], how="named after the quotation"), \
            sentence.start
    if found is not None:
        pronoun = found.group(1)
    else:
        named = _AFTER_VERB.match(after)
        if named is not None:
            return Speaker(name=_name_in(named.group(1))[0], how="named after the quotation"), \
                sentence.start
        verbs = list(_VERB.finditer(before))
        if not verbs:
            return None, sentence.start
        head = before[:verbs[-1].start()]
        said_by = _PRONOUN_BEFORE.search(head)
        if said_by is None:
            speaker = subject(head)
            how = f"“{verbs[-1].group()}”"
            return (replace(speaker, how=how) if speaker else None), sentence.start
        pronoun, before = said_by.group(1), head[:said_by.start()]
    single = pronoun == "it"
    speaker = subject(before, single=single)
    if speaker is not None:
        return replace(speaker, how=f"“{pronoun}” refers to {speaker.name}"), sentence.start
    for previous in reversed(earlier[-3:]):
        if re.match(rf"(?:{_PRONOUN})\b", previous.of(text), re.I):
            continue
        speaker = subject(previous.of(text), single=single)
        if speaker is not None:
            return replace(speaker, how=f"“{pronoun}” refers to {speaker.name}"), previous.start
    return None, sentence.start


def _quotation_spans(text: str) -> list[Span]:
    """Quotations of at least two words, in order."""
    return [span for span in _inside_quotes(text) if len(span.of(text).split()) >= 2]


def extract(text: str, published: str | None, people: Iterable[Person]) -> list[Candidate]:
    """Every quote and dated event `text` holds, numbered in the order they come."""
    known = list(people)
    day = dt.date.fromisoformat(published) if published and len(published) == 10 else None
    spans = sentences(text)
    found: list[tuple[int, Candidate]] = []
    for quote in _quotation_spans(text):
        index = next((i for i, s in enumerate(spans) if s.start <= quote.start < s.end), None)
        if index is None:
            continue
        sentence = spans[index]
        speaker, start = _attribution(text, sentence, quote, spans[:index])
        if speaker is not None:
            match = next((p for p in known if same_person(speaker.name, p)), None)
            speaker = replace(speaker, person=match)
        evidence = text[start:sentence.end] if "\n" not in text[start:sentence.start] else (
            sentence.of(text))
        dated = [d for d in _dated_phrases(evidence, day) if d.relative]
        first = dated[0] if dated else None
        words = quote.of(text).rstrip(",;: ")
        found.append((quote.start, Candidate(
            0, "quote", words, evidence, speaker=speaker,
            date=first.date if first and first.date and not first.end else None,
            date_phrase=first.phrase if first else None)))
    for position, sentence in enumerate(spans):
        sentence_text = sentence.of(text)
        for phrase in _dated_phrases(sentence_text, day):
            found.append((sentence.start + phrase.span.start, Candidate(
                0, "event", sentence_text[:MAX_TEXT], sentence_text, date=phrase.date,
                end=phrase.end if phrase.end != phrase.date else None, date_phrase=phrase.phrase,
                date_note=phrase.note)))
        if position == 0 and published and re.search(r"[.!?][”\"]?$", sentence_text):
            found.append((sentence.start - 1, Candidate(
                0, "event", sentence_text[:MAX_TEXT], sentence_text, date=published,
                date_note="Publication date of the report.")))
    found.sort(key=lambda pair: pair[0])
    return [replace(candidate, number=number) for number, (_, candidate) in
            enumerate(found, 1)]


def _same_words(one: str, other: str) -> bool:
    return normalize(one).strip(" .,") == normalize(other).strip(" .,")


def mark_present(candidates: list[Candidate], quotes: Iterable[Quote],
                 events: Iterable[Event]) -> list[Candidate]:
    """`candidates`, each marked with the id of the item already in the base that it is: a
    quote with the same words, an event with the same dates resting on the same sentence."""
    quotes, events = list(quotes), list(events)
    marked = []
    for candidate in candidates:
        present: str | None = None
        if candidate.kind == "quote":
            present = next((q.id for q in quotes if _same_words(q.text, candidate.text)), None)
        else:
            present = next((e.id for e in events
                            if (e.date, e.end) == (candidate.date, candidate.end)
                            and any(part in candidate.evidence or candidate.evidence in part
                                    for part in e.evidence)), None)
        marked.append(replace(candidate, present=present))
    return marked
