"""Answers, as a careful reader of the article expects them, for every command."""

from __future__ import annotations

import pytest

from bot.answers import MAX_ENTRIES, MAX_SUGGESTIONS
from bot.commands import READER_COMMANDS, answer
from bot.factbase import FactBase
from bot.layout import PLAIN, render_all
from bot.models import Event, Fact, Person, Quote
from bot.results import Answer, format_date, when


def ask(base: FactBase, text: str) -> Answer:
    return answer(base, text)


def ids(result: Answer) -> list[str]:
    return [entry.item_id for entry in result.entries]


def test_quote_kellogg_gives_his_words_with_context_and_source(factbase: FactBase) -> None:
    result = ask(factbase, "/quote kellogg")
    assert result.title == "Quotes from Keith Kellogg"
    [entry] = result.entries
    assert entry.text == "“We need to create something completely new”"
    assert any("Council on Foreign Relations" in detail for detail in entry.details)
    assert "6 Mar 2025 (“last week”)" in entry.details
    assert entry.citation.source == "Reuters via Defence Talks, 13 Mar 2025"


def test_quote_with_a_typo_still_finds_kellogg(factbase: FactBase) -> None:
    assert ids(ask(factbase, "/quote kelog")) == ["kellogg-something-new"]


def test_quote_without_a_name_lists_who_can_be_quoted(factbase: FactBase) -> None:
    result = ask(factbase, "/quote")
    commands = [suggestion.command for suggestion in result.suggestions]
    assert result.title == "Who can be quoted"
    assert commands == ["/quote witkoff", "/quote kellogg", "/quote stent", "/quote schake",
                        "/quote russia"]


def test_an_ambiguous_quote_says_so_and_shows_both(factbase: FactBase) -> None:
    result = ask(factbase, "/quote envoy")
    assert result.status == "ambiguous"
    assert result.note == "“envoy” matches Keith Kellogg and Steve Witkoff."
    assert ids(result) == ["kellogg-something-new", "witkoff-cogent-substantive"]
    assert [s.command for s in result.suggestions] == ["/quote kellogg", "/quote witkoff"]


def test_someone_never_quoted_gets_their_reported_positions(factbase: FactBase) -> None:
    result = ask(factbase, "/quote zelensky")
    assert result.title == "No direct quotes from Volodymyr Zelenskiy"
    assert ids(result) == ["zelenskiy-accepts-ceasefire", "zelenskiy-praises-saudi-meeting"]


def test_someone_only_reported_in_other_items_gets_those_items(factbase: FactBase) -> None:
    result = ask(factbase, "/quote putin")  # "Putin's assertion that Crimea ..."
    assert result.title == "No direct quotes from Vladimir Putin"
    assert ids(result) == ["recognise-annexed-regions"]
    assert ask(factbase, "/quote reuters").status == "empty"


def test_quote_finds_words_of_a_quotation(factbase: FactBase) -> None:
    assert ids(ask(factbase, "/quote concessions")) == ["stent-no-concessions"]


def test_quote_of_an_unknown_name_suggests_people(factbase: FactBase) -> None:
    result = ask(factbase, "/quote zzzzqqq")
    assert result.status == "not_found"
    assert "/quote kellogg" in [s.command for s in result.suggestions]


def test_demands_are_complete_and_grouped_by_when_raised(factbase: FactBase) -> None:
    result = ask(factbase, "/demands")
    assert len(result.entries) == 11
    groups = list(dict.fromkeys(entry.group for entry in result.entries))
    assert groups == [
        "The current list (2025)",
        "Earlier requests it resembles",
        "Raised with the Biden administration (late 2021 – early 2022)",
        "Istanbul talks (2022)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/demands istanbul", ["abandon-nato-aspirations", "non-nuclear-status",
                               "veto-on-support"]),
        ("/demands biden", ["limit-military-activity", "no-exercises-new-members",
                            "no-intermediate-missiles"]),
        ("/demands crimea", ["recognise-annexed-regions"]),
        ("/demands nato", ["root-causes", "no-nato-membership", "no-exercises-new-members",
                           "limit-military-activity", "abandon-nato-aspirations"]),
    ],
)
def test_demands_filter_by_period_or_words(factbase: FactBase, text: str,
                                           expected: list[str]) -> None:
    assert ids(ask(factbase, text)) == expected


def test_demands_filter_that_matches_nothing(factbase: FactBase) -> None:
    result = ask(factbase, "/demands zzzzqqq")
    assert result.status == "not_found"
    assert result.entries == ()


def test_timeline_is_chronological_and_keeps_relative_phrases(factbase: FactBase) -> None:
    result = ask(factbase, "/timeline")
    assert ids(result)[0] == "since-1945"
    assert ids(result)[-1] == "report-published"
    headings = {entry.item_id: entry.heading for entry in result.entries}
    assert headings["kellogg-at-cfr"] == "6 Mar 2025 (“last week”)"
    assert headings["witkoff-on-cnn"] == "before 13 Mar 2025 (“recently”)"
    assert ids(result).index("invasion") < ids(result).index("istanbul-talks")


def test_timeline_by_year_and_by_topic(factbase: FactBase) -> None:
    assert ids(ask(factbase, "/timeline 2022")) == [
        "past-two-decades", "biden-talks", "invasion", "istanbul-talks"]
    assert ids(ask(factbase, "/timeline istanbul"))[0] == "istanbul-talks"
    assert ask(factbase, "/timeline 1999").status == "not_found"


def test_who_stent(factbase: FactBase) -> None:
    result = ask(factbase, "/who stent")
    [entry] = result.entries
    assert entry.heading == "Angela Stent"
    assert "Brookings Institution" in entry.text
    assert "1 quote" in entry.details
    assert [s.command for s in result.suggestions] == ["/quote stent", "/follow stent"]


def test_who_unknown(factbase: FactBase) -> None:
    assert ask(factbase, "/who zzzzqqq").status == "not_found"


def test_search_ceasefire(factbase: FactBase) -> None:
    result = ask(factbase, "/search ceasefire")
    found = ids(result)
    assert found[0] == "ceasefire-uncertain"
    assert {"zelenskiy-accepts-ceasefire", "trump-awaits-putin", "saudi-meeting"} <= set(found)


def test_search_nonsense_says_nothing_found(factbase: FactBase) -> None:
    result = ask(factbase, "/search zzzzqqq")
    assert result.status == "not_found"
    assert result.title == "Nothing found for “zzzzqqq”"
    assert result.entries == ()


def test_search_near_miss_offers_did_you_mean(factbase: FactBase) -> None:
    result = ask(factbase, "/search cea")
    assert result.status == "not_found"
    assert result.note == "Did you mean:"
    assert result.suggestions


def test_plain_text_is_searched(factbase: FactBase) -> None:
    assert ids(ask(factbase, "what did kellogg say about istanbul"))[0] in {
        "kellogg-istanbul-not-viable", "kellogg-something-new", "kellogg-at-cfr"}


def test_source_shows_the_evidence_and_the_article(factbase: FactBase) -> None:
    result = ask(factbase, "/source kellogg-something-new")
    [entry] = result.entries
    assert entry.evidence[0].startswith("Retired General Keith Kellogg")
    assert "Russia hands US list of demands for ending Ukraine war" in result.body[0]


def test_source_of_an_unknown_id_suggests_near_ids(factbase: FactBase) -> None:
    result = ask(factbase, "/source kellogg-something")
    assert result.status == "not_found"
    assert "/source kellogg-something-new" in [s.command for s in result.suggestions]


def test_about_names_the_sources(factbase: FactBase) -> None:
    text = render_all(ask(factbase, "/about"), PLAIN)
    assert "Reuters via Defence Talks, published 13 Mar 2025" in text
    assert "11 demands" in text
    assert "13 people and organisations." in text


def test_help_lists_every_command(factbase: FactBase) -> None:
    text = render_all(ask(factbase, "/help"), PLAIN)
    for name in READER_COMMANDS:
        assert f"/{name}" in text


def test_start_deep_link_opens_that_answer(factbase: FactBase) -> None:
    assert ids(ask(factbase, "/start quote-kellogg")) == ["kellogg-something-new"]
    deep = ids(ask(factbase, "/start search-root_causes"))
    assert deep == ids(ask(factbase, "/search root causes"))
    assert ask(factbase, "/start nonsense-payload").status == "help"


def test_unknown_command_points_to_the_right_one(factbase: FactBase) -> None:
    result = ask(factbase, "/qoute kellogg")
    assert result.status == "not_found"
    assert result.suggestions[0].command == "/quote kellogg"


def test_bot_username_suffix_is_accepted(factbase: FactBase) -> None:
    assert ids(ask(factbase, "/quote@factbot kellogg")) == ["kellogg-something-new"]


def test_usage_errors_explain_what_is_expected(factbase: FactBase) -> None:
    result = ask(factbase, "/search")
    assert result.status == "usage"
    assert result.body == ("Usage: /search <words>", "Example: /search ceasefire")


def test_echoed_input_is_shortened(factbase: FactBase) -> None:
    result = ask(factbase, "/search " + "x" * 5000)
    assert len(result.title) < 100


def test_dates_read_naturally() -> None:
    assert format_date("2025-03-06") == "6 Mar 2025"
    assert format_date("2021-12") == "Dec 2021"
    assert when("2021-12-17", "2022-02-24") == "17 Dec 2021 – 24 Feb 2022"
    assert when(None, "2025-03-13", "recently") == "before 13 Mar 2025 (“recently”)"
    assert when(None, None, None) is None


async def test_a_view_is_kept_until_an_item_of_its_kind_changes(factbase: FactBase) -> None:
    timeline = factbase.events()
    await factbase.save(Fact(id="unrelated", source="reuters-2025-03-13", origin="admin",
                             text="A fact that is not an event", topic="misc"),
                        actor=1, action="add")
    assert factbase.events() is timeline
    await factbase.save(Event(id="later-event", source="reuters-2025-03-13", origin="admin",
                              text="Something happened later", date="2025-04"),
                        actor=1, action="add")
    assert [event.id for event in factbase.events()][-1] == "later-event"


async def test_a_long_list_of_people_is_cut_with_a_count_and_a_few_buttons(
    factbase: FactBase,
) -> None:
    for number in range(70):
        person = Person(id=f"speaker-{number}", source="reuters-2025-03-13", origin="admin",
                        name=f"Speaker Number{number}", role="Analyst")
        await factbase.save(person, actor=1, action="add")
        await factbase.save(Quote(id=f"said-{number}", source="reuters-2025-03-13",
                                  origin="admin", speaker=person.id, text=f"Words {number}"),
                            actor=1, action="add")
    result = ask(factbase, "/quote zzzzqqq")
    assert len(result.body) == MAX_ENTRIES
    assert result.note is not None
    assert f"the first {MAX_ENTRIES} are shown" in result.note
    assert 0 < len(result.suggestions) <= MAX_SUGGESTIONS
    who = ask(factbase, "/who analyst")
    assert len(who.entries) == MAX_ENTRIES
    assert len(who.suggestions) <= MAX_SUGGESTIONS
