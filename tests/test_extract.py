"""Extraction measured on the seed article as if it were new: with nobody known, every direct
quotation with its speaker, and the dated events of the curated timeline with their dates."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from bot.curated import CuratedBase
from bot.extract import Candidate, extract, mark_present, subject
from bot.models import Event, Person, Quote
from bot.names import same_person
from tests.conftest import FACTS_DIR, SEEDS_DIR

SEED = (SEEDS_DIR / "reuters-2025-03-13-russia-demands.txt").read_text(encoding="utf-8")
PUBLISHED = "2025-03-13"


def _curated(name: str) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads((FACTS_DIR / name).read_text(encoding="utf-8"))
    return data


def _bounds(value: str | None, *, last: bool) -> dt.date | None:
    """The first (or last) day a partial date `2021`, `2021-12` or `2021-12-17` covers."""
    if value is None:
        return None
    parts = [int(part) for part in value.split("-")]
    if not last:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2
                       else 1)
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def _within(candidate: Candidate, event: dict[str, object]) -> bool:
    """Whether the curated event's dates lie within the candidate's, at the precision the
    candidate (the article) gives them."""
    start = _bounds(candidate.date, last=False) or dt.date.min
    end = _bounds(candidate.end or candidate.date, last=True) or dt.date.max
    own_start = _bounds(event["date"] or event["end"], last=False)  # type: ignore[arg-type]
    own_end = _bounds(event["end"] or event["date"], last=True)  # type: ignore[arg-type]
    return own_start is not None and own_end is not None and (
        start <= own_start and own_end <= end)


def _width(candidate: Candidate) -> int:
    """How many days a candidate's dates span: the most precise candidate is matched first."""
    start = _bounds(candidate.date, last=False) or dt.date.min
    end = _bounds(candidate.end or candidate.date, last=True) or dt.date.max
    return (end - start).days


def _exact(candidate: Candidate, event: dict[str, object]) -> bool:
    return (candidate.date, candidate.end) == (event["date"], event["end"])


def _rests_on(candidate: Candidate, evidence: Sequence[str]) -> bool:
    return any(sentence in candidate.evidence for sentence in evidence)


def _match_events(candidates: list[Candidate]) -> tuple[int, int, int]:
    """(matched, of which exactly dated, curated events) pairing candidates one to one."""
    events = _curated("timeline.json")
    free = [c for c in candidates if c.kind == "event"]
    matched = exact = 0
    for event in events:
        evidence: list[str] = event["evidence"]  # type: ignore[assignment]
        fits = [c for c in free if _rests_on(c, evidence) and _within(c, event)]
        fits.sort(key=lambda c: (not _exact(c, event), _width(c)))
        if fits:
            matched += 1
            exact += _exact(fits[0], event)
            free.remove(fits[0])
    return matched, exact, len(events)


def _match_quotes(candidates: list[Candidate]) -> tuple[int, int]:
    """(quotes found with the right speaker, curated quotes)."""
    people = {p["id"]: Person.model_validate(p) for p in _curated("people.json")}
    found = 0
    quotes = _curated("quotes.json")
    for quote in quotes:
        speaker = people[str(quote["speaker"])]
        found += any(
            c.kind == "quote" and c.text.rstrip(".") == str(quote["text"]).rstrip(".")
            and c.speaker is not None and same_person(c.speaker.name, speaker)
            for c in candidates)
    return found, len(quotes)


def test_the_seed_as_a_new_article_yields_its_quotes_and_dated_events() -> None:
    candidates = extract(SEED, PUBLISHED, [])
    quotes = [c for c in candidates if c.kind == "quote"]
    events = [c for c in candidates if c.kind == "event"]
    right_quotes, curated_quotes = _match_quotes(candidates)
    right_events, exactly, curated_events = _match_events(candidates)

    quote_precision, quote_recall = right_quotes / len(quotes), right_quotes / curated_quotes
    event_precision, event_recall = right_events / len(events), right_events / curated_events
    print(f"\nquotes: precision {quote_precision:.2f} ({right_quotes}/{len(quotes)}), recall"
          f" {quote_recall:.2f} ({right_quotes}/{curated_quotes})")
    print(f"events: precision {event_precision:.2f} ({right_events}/{len(events)}), recall"
          f" {event_recall:.2f} ({right_events}/{curated_events}); {exactly} with exactly the"
          " timeline's dates, the rest within the dates the article gives")
    assert (quote_precision, quote_recall) == (1.0, 1.0)
    assert event_recall == 1.0
    assert event_precision >= 0.9
    assert exactly >= 8


def test_speakers_come_with_the_role_the_article_gives_and_how_they_were_found() -> None:
    quotes = {c.text[:20]: c.speaker for c in extract(SEED, PUBLISHED, []) if c.kind == "quote"}
    kellogg = quotes["We need to create so"]
    assert kellogg is not None
    assert kellogg.name == "Keith Kellogg"
    assert kellogg.how == "“he” refers to Keith Kellogg"
    assert kellogg.role is not None
    assert "chief envoy for Ukraine and Russia" in kellogg.role
    stent = quotes["There is no indicati"]
    assert stent is not None
    assert stent.role == ("A senior fellow at the Brookings Institution and former top U.S."
                          " intelligence analyst for Russia and Eurasia")
    russia = quotes["root causes"]
    assert russia is not None
    assert (russia.name, russia.how) == ("Russia", "“it” refers to Russia")


def test_known_people_are_matched_and_evidence_is_verbatim(curated: CuratedBase) -> None:
    people = [item for item in curated.items if isinstance(item, Person)]
    candidates = extract(SEED, PUBLISHED, people)
    speakers = {c.speaker.person.id for c in candidates
                if c.kind == "quote" and c.speaker is not None and c.speaker.person is not None}
    assert speakers == {"keith-kellogg", "steve-witkoff", "angela-stent", "kori-schake",
                        "russia"}
    assert all(c.evidence in SEED for c in candidates)
    kellogg = next(c for c in candidates if c.text.startswith("We need"))
    assert (kellogg.date, kellogg.date_phrase) == ("2025-03-06", "last week")


def test_items_already_in_the_base_are_recognised(curated: CuratedBase) -> None:
    marked = mark_present(extract(SEED, PUBLISHED, []),
                          [i for i in curated.items if isinstance(i, Quote)],
                          [i for i in curated.items if isinstance(i, Event)])
    assert all(c.present for c in marked if c.kind == "quote")
    assert {c.present for c in marked if c.kind == "event"} >= {
        "invasion", "past-three-weeks", "kellogg-at-cfr", "past-two-decades"}


def test_without_a_publication_date_only_absolute_dates_are_resolved() -> None:
    events = [c for c in extract(SEED, None, []) if c.kind == "event"]
    assert {c.date_phrase for c in events} == {"February 24, 2022", "late 2021 and early 2022",
                                               "in 2022", "since 1945"}


def test_a_quotation_after_its_speaker_and_a_pronoun_in_the_next_paragraph() -> None:
    text = ("Kremlin aide Yuri Ushakov told reporters on March 14, 2025 that the plan was"
            " “nothing but a temporary breather for the Ukrainian military.”\n"
            "“We do not need it,” he said.")
    candidates = extract(text, "2025-03-15", [])
    first, second = (c for c in candidates if c.kind == "quote")
    assert first.speaker is not None
    assert (first.speaker.name, first.speaker.role) == ("Yuri Ushakov", "Kremlin aide")
    assert second.speaker is not None
    assert second.speaker.how == "“he” refers to Yuri Ushakov"
    assert second.evidence == "“We do not need it,” he said."
    assert [(c.date, c.date_phrase) for c in candidates if c.kind == "event"] == [
        ("2025-03-15", None), ("2025-03-14", "March 14, 2025")]


def test_subject_skips_openers_and_titles() -> None:
    found = subject("Additionally, Russia has insisted", single=True)
    assert found is not None
    assert found.name == "Russia"
    general = subject("Retired General Keith Kellogg, who served as envoy, spoke")
    assert general is not None
    assert (general.name, general.role) == ("Keith Kellogg", "Retired General; served as envoy")
