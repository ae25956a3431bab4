"""Questions as readers type them: question forms, paraphrases, typos, Russian and Ukrainian,
and honesty when the sources do not answer; the glossary's validation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.commands import answer
from bot.factbase import FactBase
from bot.glossary import Glossary, GlossaryError, meaningless, parse_entries
from bot.questions import MAX_CLAUSES, clauses
from bot.results import Answer
from bot.text import to_cyrillic, transliterate
from tests.conftest import FACTS_DIR
from tests.test_cli import factbot


def ids(reply: Answer) -> list[str]:
    return [entry.item_id for entry in reply.entries]


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("what are russia's demands", "no-nato-membership"),
        ("what does russia want", "root-causes"),
        ("what did russia ask for in the istanbul talks", "non-nuclear-status"),
        ("does russia want ukraine to give up nuclear weapons", "non-nuclear-status"),
        ("/timeline invasion", "invasion"),
        ("corey schake", "kori-schake"),
        ("zelenksy ceasefire", "zelenskiy-accepts-ceasefire"),
        ("what did kellogg say about istanbul", "kellogg-istanbul-not-viable"),
        ("who is stent", "angela-stent"),
        ("nukes", "non-nuclear-status"),
        ("saudi talks", "saudi-meeting"),
        ("truce", "truce-concern"),
        ("what happned at the meeting in saudi arabia", "saudi-meeting"),
        ("how long have they been talkign about russia's terms", "past-three-weeks"),
        ("moscxow won't compromise", "no-concessions"),
        ("waht does russia want", "no-nato-membership"),
        ("whta does russia wnat", "no-nato-membership"),
        ("angela stint brookings", "angela-stent"),
        ("did anyone in the us govt respond", "no-comment"),
    ],
)
def test_questions_find_what_answers_them(factbase: FactBase, question: str,
                                          wanted: str) -> None:
    reply = answer(factbase, question)
    assert reply.status in ("ok", "ambiguous")
    assert wanted in ids(reply)[:5]


@pytest.mark.parametrize("question", ["what are russia's demands",
                                      "putin's conditions for peace",
                                      "what does russia want to end the war"])
def test_russias_demands_are_the_demands_not_quotes_about_them(factbase: FactBase,
                                                               question: str) -> None:
    reply = answer(factbase, question)
    assert {entry.kind for entry in reply.entries} == {"demand"}
    assert len(reply.entries) == len(factbase.demands())


@pytest.mark.parametrize("question", ["what demands did russia give the us",
                                      "whats moscow asking for to stop the fighting",
                                      "what is moscow asking washington for"])
def test_how_the_demands_were_made_or_what_for_still_asks_for_all_of_them(
        factbase: FactBase, question: str) -> None:
    reply = answer(factbase, question)
    assert len(reply.entries) == len(factbase.demands())


@pytest.mark.parametrize("question", ["are these demands new", "have the demands changed",
                                      "are the new demands like the old ones"])
def test_whether_the_demands_are_new_is_answered_by_what_the_sources_say_of_them(
        factbase: FactBase, question: str) -> None:
    """The article's point: the list is "reminiscent of earlier requests", "unchanged",
    "consistent since 1945" -- not a list of the 11 demands, nor the one that says "new"."""
    reply = answer(factbase, question)
    top = ids(reply)[:4]
    assert {"stent-no-concessions", "since-1945", "past-two-decades"} <= set(top)
    assert "no-exercises-new-members" not in top


def test_what_the_demands_would_do_finds_the_analysis_first(factbase: FactBase) -> None:
    reply = answer(factbase, "what would russia's demands mean for europe")
    assert "demands-aimed-at-west" in ids(reply)[:2]


def test_what_ukraine_demands_of_russia_is_not_russias_list(factbase: FactBase) -> None:
    reply = answer(factbase, "what does ukraine demand from russia")
    assert len([entry for entry in reply.entries if entry.kind == "demand"]) < 11
    assert len(answer(factbase, "what does russia demand from ukraine").entries) == 11


def test_what_someone_asserted_is_found_though_they_are_not_quoted(factbase: FactBase) -> None:
    reply = answer(factbase, "which regions does putin say are russian")
    assert ids(reply)[:1] == ["recognise-annexed-regions"]


def test_an_item_that_merely_names_someone_is_not_what_they_said(factbase: FactBase) -> None:
    reply = answer(factbase, "what did putin say about the list of demands")
    assert reply.status == "not_found"
    assert not reply.entries
    assert reply.note == ("The sources report nothing said by them. Send /quote to see who"
                          " is quoted.")


def test_what_russia_says_of_a_topic_is_its_demand_on_it(factbase: FactBase) -> None:
    reply = answer(factbase, "what does russia say about crimea")
    assert ids(reply) == ["recognise-annexed-regions"]


@pytest.mark.parametrize(
    ("question", "wanted"),
    [("ex kgb guy exploiting a pause in fighting", "truce-concern"),
     ("what did the eurasia analyst say", "stent-no-concessions"),
     ("the brookings lady", "angela-stent"),
     ("aei expert opinion", "schake-consistent-since-1945"),
     ("what does the american enterprise institute expert think",
      "schake-consistent-since-1945")],
)
def test_people_described_rather_than_named_are_found(factbase: FactBase, question: str,
                                                      wanted: str) -> None:
    assert ids(answer(factbase, question))[:1] == [wanted]


def test_a_word_describing_someone_named_is_asked_about_not_a_second_name(
        factbase: FactBase) -> None:
    """Alone, "kgb" stands for Putin; beside his name it is what is asked about."""
    assert answer(factbase, "when did putin leave the kgb").status == "not_found"
    assert ids(answer(factbase, "who is the ex kgb officer"))[:1] == ["vladimir-putin"]


def test_someones_job_is_who_they_are(factbase: FactBase) -> None:
    reply = answer(factbase, "what was kellogg's job")
    assert ids(reply) == ["keith-kellogg"]


@pytest.mark.parametrize(("question", "answered"),
                         [("how old is kori schake", "who is kori schake"),
                          ("when is the next us russia meeting",
                           "when was the us ukraine meeting")])
def test_an_age_or_a_meeting_to_come_is_not_answered_with_what_the_sources_hold(
        factbase: FactBase, question: str, answered: str) -> None:
    assert answer(factbase, question).status == "not_found"
    assert answer(factbase, answered).status == "ok"


def test_a_word_form_the_glossary_knows_is_not_respelt(factbase: FactBase) -> None:
    """"budging" is "budge" (no concessions), not a misspelt "building"."""
    reply = answer(factbase, "russia not budging")
    assert ids(reply)[:2] == ["stent-no-concessions", "no-concessions"]
    assert "building" not in (reply.note or "")


def test_how_things_stand_now_is_not_answered_with_what_was_long_ago(
        factbase: FactBase) -> None:
    """The troop build-up of 2021 says nothing of how many troops are in Ukraine now; a
    demand raised in 2021 still stands."""
    assert answer(factbase, "how many russian troops are in ukraine now").status == "not_found"
    assert "ceasefire-uncertain" in ids(answer(factbase, "is there a ceasefire now"))[:2]
    assert ids(answer(factbase, "nato exercises now"))[:1] == ["no-exercises-new-members"]


@pytest.mark.parametrize(("question", "wanted"),
                         [("what exactly are the demands", "no-nato-membership"),
                          ("white house silent", "no-comment")])
def test_an_adverb_or_adjective_the_sources_lack_does_not_sink_the_question(
        factbase: FactBase, question: str, wanted: str) -> None:
    assert wanted in ids(answer(factbase, question))[:5]


def test_a_word_spelt_the_british_way_finds_it_spelt_the_american_way(
        factbase: FactBase) -> None:
    """Kori Schake directs "foreign and defense policy studies"."""
    assert ids(answer(factbase, "aei defence expert"))[:1] == ["kori-schake"]


@pytest.mark.parametrize("question", ["what is the population of crimea",
                                      "whats the population of crimea"])
def test_what_a_question_asks_for_must_be_in_the_sources(factbase: FactBase,
                                                         question: str) -> None:
    """Crimea is in the sources; its population is not, and it is what is asked."""
    reply = answer(factbase, question)
    assert reply.status == "not_found"
    assert "population" in (reply.note or "")


@pytest.mark.parametrize("question", ["did the white house comment on the report",
                                      "what did the russian embassy say",
                                      "russian diplomats in dc no comment?",
                                      "has the white house commented on the list?",
                                      "did the kremlin comment on the report",
                                      "kremlin no comment"])
def test_whether_someone_responded_to_the_story_is_answered(factbase: FactBase,
                                                            question: str) -> None:
    """They "had not yet responded to requests for comment" (the Kremlin's embassy)."""
    assert ids(answer(factbase, question))[:1] == ["no-comment"]


@pytest.mark.parametrize("question", ["what did putin say about the list",
                                      "did the pentagon comment on the report",
                                      "did kellogg comment on the list"])
def test_a_response_by_someone_the_sources_never_asked_is_not_answered(
        factbase: FactBase, question: str) -> None:
    """Only the embassy and the White House were asked for comment."""
    assert answer(factbase, question).status == "not_found"


def test_an_everyday_word_is_no_misspelt_name(factbase: FactBase) -> None:
    """"break" is not a misspelt "Brookings" (it is the truce): nothing Angela Stent said,
    but the worry that Putin would use a truce to divide the allies."""
    reply = answer(factbase, "putin could use the break to drive a wedge between allies")
    assert ids(reply)[:1] == ["truce-concern"]
    assert not {"angela-stent", "stent-no-concessions"} & set(ids(reply))


def test_a_claimed_demand_with_a_number_the_sources_lack_is_not_confirmed(
        factbase: FactBase) -> None:
    reply = answer(factbase, "someone said russia wants ukraines army capped at 50 thousand"
                             " soldiers, is that in here")
    assert reply.status == "not_found"


@pytest.mark.parametrize("question", ["is it true the us already agreed to recognise crimea"
                                      " as russian", "is it true china is mediating"])
def test_a_claim_half_held_by_an_item_is_not_confirmed(factbase: FactBase,
                                                        question: str) -> None:
    """Russia demands that others recognise Crimea as Russian; that the U.S. agreed is not
    in the sources."""
    assert answer(factbase, question).status == "not_found"


def test_a_claim_the_sources_hold_is_confirmed(factbase: FactBase) -> None:
    reply = answer(factbase, "is it true that russia wants ukraine banned from nato")
    assert ids(reply)[:1] == ["no-nato-membership"]


@pytest.mark.parametrize("question", ["does russia want elections in ukraine",
                                      "россия требует отмены санкций?"])
def test_a_demand_the_sources_do_not_report_is_not_answered_with_others(
        factbase: FactBase, question: str) -> None:
    assert answer(factbase, question).status == "not_found"


@pytest.mark.parametrize("question", ["what does russia want in return for a ceasefire",
                                      "what are russias demands to stop the invasion",
                                      "what are putins demands this time"])
def test_what_the_demands_are_for_still_asks_for_all_of_them(factbase: FactBase,
                                                            question: str) -> None:
    assert len(answer(factbase, question).entries) == len(factbase.demands())


def test_new_said_of_the_demands_asks_for_the_current_list(factbase: FactBase) -> None:
    reply = answer(factbase, "what are russia's new demands")
    assert {entry.kind for entry in reply.entries} == {"demand"}
    assert "root-causes" in ids(reply)
    assert "no-exercises-new-members" not in ids(reply)


def test_a_claim_word_inside_a_question_makes_no_claim(factbase: FactBase) -> None:
    """"what do people say" asks what is said; "someone said ..." at the start checks a
    claim, and the claim is found when an item holds it."""
    assert "truce-concern" in ids(answer(factbase, "what do people say about the truce"))[:3]
    assert ids(answer(factbase, "somebody said zelensky agreed to a truce"))[:1] == [
        "zelenskiy-accepts-ceasefire"]


def test_a_name_alone_shows_who_it_is_first(factbase: FactBase) -> None:
    assert ids(answer(factbase, "biden administration"))[:1] == ["biden-administration"]


@pytest.mark.parametrize("question", [
    "what exactly is on russias list of conditions",
    "Please tell me what Russia is asking for in order to end the war. Thank you"])
def test_politeness_and_the_list_by_name_still_ask_for_the_demands(factbase: FactBase,
                                                                   question: str) -> None:
    assert len(answer(factbase, question).entries) == len(factbase.demands())


@pytest.mark.parametrize("question", ["who reported that russia gave the us a list",
                                      "how many sources said russia handed over the demands"])
def test_who_reported_the_story_is_its_sourcing_not_the_story(factbase: FactBase,
                                                              question: str) -> None:
    assert ids(answer(factbase, question))[:1] == ["two-sources"]


def test_a_description_the_glossary_knows_names_the_person(factbase: FactBase) -> None:
    """"ex spy" is the KGB, which only Putin's role holds."""
    assert ids(answer(factbase, "ex spy using the pause to his advantage"))[:1] == [
        "truce-concern"]


@pytest.mark.parametrize("question", [":", "?!", "is it true", "whats", "what is the",
                                      "how old", "new"])
def test_a_question_of_no_words_or_only_question_words_gets_a_reply(factbase: FactBase,
                                                                    question: str) -> None:
    """Punctuation alone or a question's opening alone reads as no question (a crash here
    reached the error handler in the fuzz tests)."""
    assert answer(factbase, question).title


def test_comparing_two_peoples_views_shows_what_each_said(factbase: FactBase) -> None:
    reply = answer(factbase, "do witkoff and kellogg disagree about istanbul")
    assert {"witkoff-istanbul-reference", "kellogg-istanbul-not-viable"} <= set(ids(reply)[:2])
    assert answer(factbase, "did kellogg meet zelensky").status == "not_found"


@pytest.mark.parametrize("question", ["which are the four other regions",
                                      "what are the four regions besides crimea",
                                      "name the four regions besides crimea"])
def test_naming_the_others_of_a_group_the_sources_only_count_is_not_answered(
        factbase: FactBase, question: str) -> None:
    """The sources say "Crimea and four other regions" and never name them; the two tracks
    of talks they do name."""
    assert answer(factbase, question).status == "not_found"
    assert ids(answer(factbase, "what are the two tracks of talks between the us and russia")
               )[:1] == ["two-dialogues"]


def test_how_long_is_not_respelt_as_along(factbase: FactBase) -> None:
    reply = answer(factbase, "how long has russia been making these demands")
    assert "along" not in (reply.note or "")


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("требования россии", "no-nato-membership"),
        ("вимоги росії", "no-nato-membership"),
        ("что сказал келлог", "kellogg-something-new"),
        ("що сказав Келлог", "kellogg-something-new"),
        ("Зеленский перемирие", "zelenskiy-accepts-ceasefire"),
        ("кто такой Уиткофф", "steve-witkoff"),
        ("хто такий Віткофф", "steve-witkoff"),
        ("Путин", "vladimir-putin"),
        ("НАТО", "root-causes"),
        ("Крым", "recognise-annexed-regions"),
        ("перемир'я", "ceasefire-uncertain"),
        ("/who Келлог", "keith-kellogg"),
        ("что случилось 24 февраля", "invasion"),
        ("13 березня", "report-published"),
    ],
)
def test_russian_and_ukrainian_questions_find_names_and_terms(
        factbase: FactBase, question: str, wanted: str) -> None:
    assert wanted in ids(answer(factbase, question))[:5]


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("russia's red lines", "no-nato-membership"),
        ("jeddah talks", "saudi-meeting"),
        ("limits on us drills from poland to kazakhstan", "limit-military-activity"),
        ("no drills near russia", "limit-military-activity"),
        ("white house has no clear game plan", "two-dialogues"),
        ("ukraines leader said yes to the pause", "zelenskiy-accepts-ceasefire"),
        ("spies said the attack was coming", "imminent-invasion"),
        ("putin wants influence over europe", "demands-aimed-at-west"),
        ("does russia want kherson", "recognise-annexed-regions"),
        ("coalition of the willing", "no-foreign-troops"),
        ("troop buildup", "biden-talks"),
        ("when did the war start", "invasion"),
        ("putin could use the truce", "truce-concern"),
        ("did biden try to prevent the invasion", "biden-rejected-some-conditions"),
        ("is russia ready to make concessions", "stent-no-concessions"),
        ("explain the root causes", "root-causes"),
        ("what's the latest on the ceasefire", "ceasefire-uncertain"),
        ("ukraine giving up nato ambitions", "abandon-nato-aspirations"),
        ("can russia block western help to ukraine", "veto-on-support"),
        ("risks of the ceasefire", "truce-concern"),
        ("is russia flexible", "no-concessions"),
        ("is ukraine on board with the ceasefire", "zelenskiy-accepts-ceasefire"),
        ("kellogg wants a fresh start", "kellogg-something-new"),
        ("witkoff interview", "witkoff-cogent-substantive"),
        ("did the istanbul deal fail", "istanbul-never-finalized"),
        ("reviving istanbul", "recent-weeks-istanbul-basis"),
        ("have us and russian officials met", "past-three-weeks"),
        ("what happened in jeddah", "saudi-meeting"),
        ("what happened to the istanbul agreement", "istanbul-never-finalized"),
        ("when did the invasion begin", "invasion"),
        ("when did the full-scale war begin", "invasion"),
        ("no troops from other countries", "no-foreign-troops"),
        ("ukraine abandon hopes of joining nato", "abandon-nato-aspirations"),
        ("nato at russia's doorstep", "root-causes"),
        ("could europe send troops to ukraine", "no-foreign-troops"),
        ("is putin stalling on the ceasefire", "ceasefire-uncertain"),
        ("could a ceasefire backfire", "truce-concern"),
        ("russia hardline", "no-concessions"),
        ("zelensky happy with the talks", "zelenskiy-praises-saudi-meeting"),
        ("witkoff istanbul a good model", "witkoff-istanbul-reference"),
        ("jeddah meeting outcome", "saudi-meeting"),
        ("what does putin want in exchange for calling it off", "root-causes"),
        ("чего хочет кремль взамен на мир", "root-causes"),
        ("moscows diplomats in dc keeping quiet?", "no-comment"),
        ("europe feels stabbed in the back by washington", "schake-consistent-since-1945"),
        ("does moscow even want to sit down with kyiv before it gets its way",
         "specifics-unclear"),
        ("the bosphorus deal that almost happened", "istanbul-never-finalized"),
        ("the day the war started for real", "invasion"),
        ("how long has russia been making these demands", "past-two-decades"),
        ("how long has russia been making these demands", "since-1945"),
        ("the previous administration turned some of it down", "biden-rejected-some-conditions"),
        ("russian diplomats in dc keeping their mouths shut", "no-comment"),
        ("what does moscow want in exchange for putting the guns down", "root-causes"),
        ("ukraine never allowed to get the bomb", "non-nuclear-status"),
        ("trump sitting by the phone waiting for putin to call back", "trump-awaits-putin"),
        ("is the guy who handles the middle east for trump also doing russia", "steve-witkoff"),
        ("хочет ли россия мира", "stent-no-concessions"),
        ("how broad are the kremlins asks", "current-list"),
        ("chto skazala angela stent", "stent-no-concessions"),
        ("the day russia went all in on ukraine", "invasion"),
        ("moscow wants to stop the west beefing up its forces in europe",
         "limit-military-activity"),
    ],
)
def test_a_readers_own_words_for_the_storys_concepts_find_them(
        factbase: FactBase, question: str, wanted: str) -> None:
    assert wanted in ids(answer(factbase, question))[:5]


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("запрет на членство в нато", "no-nato-membership"),
        ("членство україни в нато", "no-nato-membership"),
        ("скопление войск на границе", "biden-talks"),
        ("переговоры в саудовской аравии", "saudi-meeting"),
        ("Владимир Зеленский", "volodymyr-zelenskiy"),
        ("отказ от ядерного оружия", "non-nuclear-status"),
        ("размещение ракет", "no-intermediate-missiles"),
        ("західні союзники", "demands-aimed-at-west"),
        ("коли почалося вторгнення", "invasion"),
        ("посольство не ответило", "no-comment"),
        ("какие условия выдвинула россия", "no-nato-membership"),
        ("розкажи про вимоги росії", "no-nato-membership"),
        ("мнение стент", "stent-no-concessions"),
        ("список условий россии", "current-list"),
        ("україна не повинна вступати до нато", "no-nato-membership"),
        ("спроба байдена", "biden-effort-failed"),
        ("возобновить стамбульские переговоры", "recent-weeks-istanbul-basis"),
        ("корни конфликта", "root-causes"),
        ("оккупированные территории", "recognise-annexed-regions"),
        ("військова активність нато", "limit-military-activity"),
        ("європейці бояться що сша їх кинуть", "europeans-fear"),
    ],
)
def test_russian_and_ukrainian_paraphrases_find_what_answers_them(
        factbase: FactBase, question: str, wanted: str) -> None:
    assert wanted in ids(answer(factbase, question))[:5]


def test_cyrillic_names_are_spelt_in_latin_letters() -> None:
    assert transliterate("Келлог") == "kellog"
    assert transliterate("Уиткофф") == "witkoff"


def test_russian_typed_in_latin_letters_is_spelt_in_cyrillic() -> None:
    assert [to_cyrillic(word) for word in ("chto", "hochet", "kakoy", "voyna", "shchi",
                                           "takoi", "ukrainu")] == [
        "что", "хочет", "какой", "война", "щи", "такой", "украину"]
    assert [to_cyrillic(word, ukrainian=True) for word in (
        "shcho", "khoche", "rosiia", "vid", "ameryky", "takyi", "rosii", "vymohy")] == [
        "що", "хоче", "росія", "від", "америки", "такий", "росії", "вимоги"]


@pytest.mark.parametrize(("question", "wanted"), [("kto takoi kellog", "keith-kellogg"),
                                                  ("khto takyi vitkoff", "steve-witkoff"),
                                                  ("vymohy rosii do ssha", "current-list"),
                                                  ("shcho kazav vitkoff na cnn",
                                                   "witkoff-cogent-substantive")])
def test_russian_and_ukrainian_typed_in_latin_letters_are_read(
        factbase: FactBase, question: str, wanted: str) -> None:
    """Ukrainian by its official romanization when the Russian reading finds nothing; a
    word the sources hold ("cnn") stays as typed."""
    assert wanted in ids(answer(factbase, question))[:3]


@pytest.mark.parametrize(
    "question",
    ["what did biden say about taiwan", "what does china think about the war",
     "sanctions", "what did zelensky say about crimea", "what did turkey say about the war",
     "how much military aid did the us send", "what weapons does the us send ukraine",
     "вступление украины в ес", "помощь украине", "is zelensky legitimate",
     "did finland join nato", "detention", "did russia drop its demands for sanctions relief",
     "will the grain deal be revived", "has zelensky met the pope",
     "what happened to the grain deal", "what is known about the kursk offensive",
     "when will the counteroffensive begin", "what was the outcome of the grain deal",
     "will the us send troops to taiwan", "is china stalling on trade"],
)
def test_what_the_sources_do_not_say_is_not_answered(factbase: FactBase,
                                                     question: str) -> None:
    reply = answer(factbase, question)
    assert reply.status == "not_found"
    assert not reply.entries


def test_an_unanswered_question_says_so_and_offers_the_closest_topics(
        factbase: FactBase) -> None:
    reply = answer(factbase, "how many soldiers died in the fighting")
    assert reply.status == "not_found"
    assert "sources" in (reply.note or "")


def test_the_glossary_of_the_curated_base_means_words_of_the_fact_base(
        factbase: FactBase) -> None:
    glossary = Glossary.load(FACTS_DIR)
    assert glossary.entries
    assert meaningless(glossary, factbase.index.knows) == []


def test_a_glossary_entry_meaning_nothing_in_the_base_is_reported(factbase: FactBase) -> None:
    glossary = Glossary(parse_entries(
        '[{"id": "quantum", "means": ["quantum computing"], "phrases": ["qubits"]}]', "g"))
    assert meaningless(glossary, factbase.index.knows) == [
        "glossary entry “quantum”: “quantum computing” is in no item of the fact base"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{", "not valid JSON"),
        ('{"id": "x"}', "expected a list"),
        ('[{"id": "x", "means": [], "phrases": ["y"]}]', "means"),
        ('[{"id": "a", "means": ["truce"], "phrases": ["pause"]},'
         ' {"id": "b", "means": ["war"], "phrases": ["pause"]}]', "listed under both"),
    ],
)
def test_a_bad_glossary_is_refused_with_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(GlossaryError, match=problem):
        parse_entries(text, "glossary.json")


def test_factbot_check_refuses_a_glossary_meaning_nothing(tmp_path: Path) -> None:
    shutil.copytree(FACTS_DIR, tmp_path / "facts")
    (tmp_path / "facts" / "glossary.json").write_text(
        '[{"id": "q", "means": ["quantum"], "phrases": ["qubit"]}]', encoding="utf-8")
    result = factbot("check", cwd=tmp_path, env={"FACTBOT_FACTS_DIR": str(tmp_path / "facts")})
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "glossary entry “q”: “quantum” is in no item of the fact base")


def test_the_speaker_may_follow_the_verb(factbase: FactBase) -> None:
    reply = answer(factbase, "що сказав келлог")
    assert {entry.item_id for entry in reply.entries} == {
        "kellogg-something-new", "kellogg-istanbul-not-viable"}


def test_piping_the_console_into_a_short_reader_is_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        f"{sys.executable} -m bot ask /quotes | head -c 10", shell=True, cwd=tmp_path,
        capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout == "Every quot"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "question",
    ["when will the war end", "коли закінчиться війна", "where will the peace talks be held",
     "how much military aid has the us given ukraine", "how many soldiers died in the war",
     "how many missiles does the us have in europe", "how big is russia's army",
     "did kellogg meet zelensky", "when will trump meet putin"],
)
def test_a_question_no_item_can_answer_by_its_form_is_not_answered(
        factbase: FactBase, question: str) -> None:
    """"When will" needs a time to come, "how many missiles" a number of missiles, "did A meet
    B" both A and B: a dated item about the war, one that says 1945 or "one of three
    demands", or Zelenskiy's meeting without Kellogg, is not an answer."""
    reply = answer(factbase, question)
    assert reply.status == "not_found"
    assert not reply.entries


def test_how_long_is_answered_by_an_item_that_says_how_long(factbase: FactBase) -> None:
    reply = answer(factbase, "how long is the proposed ceasefire")
    assert reply.entries
    assert "30-day" in reply.entries[0].text


def test_how_many_troops_is_answered_by_the_number_of_troops(factbase: FactBase) -> None:
    reply = answer(factbase, "how many russian troops were at the border")
    assert reply.entries
    assert "tens of thousands of Russian troops" in reply.entries[0].text


def test_the_item_holding_more_of_the_question_ranks_first(factbase: FactBase) -> None:
    """Putin on the ceasefire comes before Putin's own entry, which holds only his name."""
    reply = answer(factbase, "путін і перемир'я")
    assert ids(reply)[0] == "ceasefire-uncertain"
    assert reply.note is None


def test_a_partial_answer_names_the_words_the_sources_do_not_hold(factbase: FactBase) -> None:
    reply = answer(factbase, "ukraine non nuclear status guarantee")
    assert ids(reply)[0] == "non-nuclear-status"
    assert reply.note == ("Closest matches; not every word of the question is in the sources."
                          " The sources say nothing about “guarantee”.")


def test_a_question_of_known_words_no_item_holds_together_gets_the_closest_items(
        factbase: FactBase) -> None:
    """Neutrality and the non-nuclear status are two demands: both are listed, with a note
    that no single item holds the whole question."""
    reply = answer(factbase, "neutral non nuclear ukraine")
    assert {"non-nuclear-status", "abandon-nato-aspirations"} <= set(ids(reply)[:3])
    assert (reply.note or "").startswith("Closest matches")


def test_words_describing_the_speaker_are_not_the_topic(factbase: FactBase) -> None:
    reply = answer(factbase, "what does schake the pentagon official think about europe")
    assert reply.title == "What Kori Schake said about “europe”"
    assert ids(reply) == ["schake-consistent-since-1945"]


def test_kyiv_is_whom_russia_makes_demands_of(factbase: FactBase) -> None:
    """"Before its demands are met" does not make a question about talks a list of demands."""
    assert ids(answer(factbase, "will russia negotiate with kyiv before its demands are met"))[
        0] == "specifics-unclear"


def test_a_ukrainian_question_word_reads_the_same_whatever_the_hash_seed() -> None:
    """"Чому" (why) has "що" (what) among its dictionary forms: the word as typed wins,
    in every process, whatever order Python's string hashing gives a set of forms."""
    script = ("from bot.glossary import Glossary; from tests.conftest import FACTS_DIR;"
              " print(Glossary.load(FACTS_DIR).read('чому')[0].entry)")
    read = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)},
                           cwd=Path(__file__).resolve().parent.parent).stdout.strip()
            for seed in range(8)}
    assert read == {"why"}


@pytest.mark.parametrize("question", ["what does ukraine want", "what does the us want",
                                      "ukraine's demands"])
def test_what_others_want_is_not_russias_list_of_demands(factbase: FactBase,
                                                          question: str) -> None:
    assert answer(factbase, question).title != "Russia’s demands"


@pytest.mark.parametrize("question", ["demands on ukraine", "what does russia want from kyiv"])
def test_demands_made_of_ukraine_are_russias(factbase: FactBase, question: str) -> None:
    assert answer(factbase, question).title == "Russia’s demands"


@pytest.mark.parametrize(("question", "wanted"), [("nato membership", "no-nato-membership"),
                                                  ("foreign troops", "no-foreign-troops")])
def test_a_glossary_phrase_typed_needs_all_its_words(factbase: FactBase, question: str,
                                                     wanted: str) -> None:
    """Any item naming NATO does not hold "nato membership": the item that does comes first."""
    assert ids(answer(factbase, question))[0] == wanted


def test_the_demand_asked_about_comes_first(factbase: FactBase) -> None:
    """Narrowed demands keep their period headings, the best match's period and the best
    match first."""
    reply = answer(factbase, "what military exercises does russia want banned")
    assert ids(reply)[0] == "no-exercises-new-members"


@pytest.mark.parametrize(
    ("question", "wanted"),
    [("what did trump's envoy say about istanbul", "witkoff-istanbul-reference"),
     ("trumps mideast envoy", "steve-witkoff"),
     ("what did trumps general say", "kellogg-something-new"),
     ("do trumps two envoys disagree", "kellogg-something-new")])
def test_someone_named_as_another_persons_is_who_is_asked_about(
        factbase: FactBase, question: str, wanted: str) -> None:
    """"trump's envoy" asks about the envoy, not Trump; "mideast" tells which envoy."""
    reply = answer(factbase, question)
    assert ids(reply)[:1] == [wanted]
    assert "donald-trump" not in ids(reply)[:3]
    assert "trump-awaits-putin" not in ids(reply)


@pytest.mark.parametrize("question", ["what did putin's envoy say", "who is putin's envoy",
                                      "what did biden's envoy say", "putin's envoy",
                                      "what did russia's general say", "kremlin's envoy"])
def test_someone_named_as_the_person_of_one_they_do_not_belong_to_is_not_answered(
        factbase: FactBase, question: str) -> None:
    """Kellogg is "Trump's chief envoy" and Witkoff a U.S. envoy; no envoy of Putin's,
    Russia's or the Biden administration's is in the sources."""
    assert answer(factbase, question).status == "not_found"


def test_an_organisation_named_as_someones_is_asked_about(factbase: FactBase) -> None:
    assert ids(answer(factbase, "what did trump's white house say"))[:1] == ["no-comment"]
    assert ids(answer(factbase, "what does putin's russia want"))[:1] == ["current-list"]


def test_an_owner_named_alone_is_still_asked_about(factbase: FactBase) -> None:
    assert "trump-awaits-putin" in ids(answer(factbase, "what did trump say"))
    assert ids(answer(factbase, "putins demands"))[:1] == ["current-list"]


def test_a_long_message_is_answered_by_the_clause_that_asks_something(
        factbase: FactBase) -> None:
    """The whole message holds too much to match; its clause about the list does."""
    reply = answer(factbase, "my uncle keeps shouting at the telly every night about all of"
                             " this and honestly i cant follow it, what does russia want")
    assert ids(reply)[:1] == ["current-list"]


@pytest.mark.parametrize("message", [
    "didnt russia take crimea back in 2014, what does the article say about that, i cant find"
    " it anywhere",
    "apparently trump said he will give crimea to russia and zelenskiy agreed to it, is this in"
    " the article at all"])
def test_a_long_message_whose_clauses_say_nothing_the_sources_hold_is_not_answered(
        factbase: FactBase, message: str) -> None:
    """A clause that points at another ("zelenskiy agreed to it") says nothing alone."""
    assert answer(factbase, message).status == "not_found"


def test_a_long_message_is_read_in_a_few_clauses_at_most() -> None:
    assert clauses("the u.s. and russia met. then what")[:1] == ["the us and russia met"]
    assert len(clauses(", ".join(f"nato expansion {n}" for n in range(500)))) == MAX_CLAUSES


@pytest.mark.parametrize(("question", "wanted"),
                         [("when was the reuters story published", "report-published"),
                          ("did the russian embassy respond to reuters", "no-comment"),
                          ("does reuters say what the specific demands are",
                           "specifics-unclear"),
                          ("who is reuters", "reuters"),
                          ("what did reuters say about kellogg", "keith-kellogg")])
def test_the_outlet_that_told_the_story_is_asked_about_only_when_alone(
        factbase: FactBase, question: str, wanted: str) -> None:
    """Every item comes from Reuters' report: naming Reuters asks what the report says."""
    assert wanted in ids(answer(factbase, question))[:3]


def test_a_speaker_named_last_after_says_is_the_speaker(factbase: FactBase) -> None:
    """"..., says putin" asks what Putin said, as "putin says ..." does; whoever is named
    before is what he spoke of (Kellogg said nothing of Russia's wanting NATO gone)."""
    reply = answer(factbase, "crimea plus four regions belong to russia says putin")
    assert ids(reply)[:1] == ["recognise-annexed-regions"]
    assert answer(factbase, "russia wants nato gone says kellogg").status == "not_found"


@pytest.mark.parametrize("question", ["putin health", "stent book"])
def test_the_one_thing_asked_of_someone_must_be_in_the_sources(factbase: FactBase,
                                                                question: str) -> None:
    """Putin and Stent are in the sources, his health and her books are not."""
    assert answer(factbase, question).status == "not_found"


def test_a_word_of_a_persons_work_is_not_taken_for_their_private_life(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "angela stint"))[:1] == ["angela-stent"]
    assert ids(answer(factbase, "putin career"))[:1] == ["vladimir-putin"]


@pytest.mark.parametrize("question", ["what does ukraine demand from russia",
                                      "what does nato want", "чего хотят европейцы"])
def test_what_others_want_is_not_answered_with_russias_demands(factbase: FactBase,
                                                               question: str) -> None:
    """The sources list Russia's demands; what Ukraine demands, or NATO or Europeans want,
    they do not say (what Ukraine wants is what Zelenskiy said)."""
    reply = answer(factbase, question)
    assert reply.status == "not_found"
    assert "/demands" in [suggestion.command for suggestion in reply.suggestions]
    assert ids(answer(factbase, "what does russia want from ukraine"))[:1] == ["current-list"]
    assert ids(answer(factbase, "що хоче росія"))[:1] == ["current-list"]
    assert "zelenskiy-accepts-ceasefire" in ids(answer(factbase, "що хоче україна"))
    assert "recognise-annexed-regions" in ids(answer(factbase, "is crimea in the demands"))


@pytest.mark.parametrize("question", ["what did nato say about the list",
                                      "what did poland say"])
def test_what_a_country_or_alliance_said_needs_an_item_reporting_their_words(
        factbase: FactBase, question: str) -> None:
    """NATO and Poland are not reported saying anything (Russia "insists" on NATO);
    what Ukraine said is Zelenskiy's."""
    assert answer(factbase, question).status == "not_found"
    assert "europeans-fear" in ids(answer(factbase, "what do europeans think"))
    assert "truce-concern" in ids(answer(factbase, "what do analysts say"))
    assert "zelenskiy-praises-saudi-meeting" in ids(answer(
        factbase, "what did ukraine say about the ceasefire"))
    assert ids(answer(factbase, "what did ukraine say"))[:1] == ["volodymyr-zelenskiy"]


@pytest.mark.parametrize("question", ["who is quoted in the article", "who said anything",
                                      "кто сказал"])
def test_who_is_quoted_lists_the_people_quoted(factbase: FactBase, question: str) -> None:
    reply = answer(factbase, question)
    assert reply.status == "ok"
    assert any("Kellogg" in line for line in reply.body)
    assert ids(answer(factbase, "who commented on the report"))[:1] == ["no-comment"]


def test_who_a_described_speaker_is_comes_before_what_they_said(factbase: FactBase) -> None:
    """"who from brookings is quoted": Angela Stent, then her quote."""
    assert ids(answer(factbase, "who from brookings is quoted"))[:2] == [
        "angela-stent", "stent-no-concessions"]
    assert "volodymyr-zelenskiy" not in ids(answer(factbase,
                                                   "who said something about zelenskiy"))


@pytest.mark.parametrize(("question", "wanted"),
                         [("what did schake say exactly", "schake-consistent-since-1945"),
                          ("what exactly is on the list", "current-list"),
                          ("яку роль грає віткофф", "steve-witkoff")])
def test_words_that_only_stress_the_question_do_not_sink_it(
        factbase: FactBase, question: str, wanted: str) -> None:
    assert wanted in ids(answer(factbase, question))[:5]


@pytest.mark.parametrize(("question", "wanted"),
                         [("chto hochet rossiya", "no-nato-membership"),
                          ("krym i chetyre regiona", "recognise-annexed-regions")])
def test_russian_typed_in_latin_letters_is_read_as_russian(
        factbase: FactBase, question: str, wanted: str) -> None:
    assert wanted in ids(answer(factbase, question))[:5]


def test_how_old_someone_is_is_not_answered_with_other_durations(factbase: FactBase) -> None:
    """The sources give no one's age; "two decades" is how old the demands are."""
    assert answer(factbase, "how old is putin").status == "not_found"
    assert answer(factbase, "сколько лет путину").status == "not_found"
    assert "past-two-decades" in ids(answer(factbase, "how old are the demands"))


@pytest.mark.parametrize("question", ["did the us agree to recognise crimea as russian",
                                      "did the us agree to stop nato expansion",
                                      "did trump agree to recognise crimea",
                                      "did ukraine agree to be non nuclear"])
def test_whether_the_us_agreed_needs_an_item_saying_so(factbase: FactBase,
                                                       question: str) -> None:
    """Russia wants Crimea recognised, and Ukraine to accept a non-nuclear status; the sources
    do not say the U.S. or Ukraine agreed."""
    assert answer(factbase, question).status == "not_found"
    assert "zelenskiy-accepts-ceasefire" in ids(answer(factbase,
                                                       "did ukraine agree to the ceasefire"))


@pytest.mark.parametrize("question", ["will poland send troops to ukraine",
                                      "will the us leave nato", "is witkoff going to moscow",
                                      "ukraine will join nato"])
def test_whether_something_will_happen_needs_an_item_on_what_is_expected(
        factbase: FactBase, question: str) -> None:
    """Russia wants no foreign troops; nothing says whether Poland will send any."""
    assert answer(factbase, question).status == "not_found"
    assert "ceasefire-uncertain" in ids(answer(factbase, "is putin going to accept the truce"))
    assert "truce-concern" in ids(answer(factbase, "why are people worried putin will use a truce"))


@pytest.mark.parametrize(("question", "wanted", "unwanted"),
                         [("list every person named in the article", "steve-witkoff", "russia"),
                          ("which organisations are mentioned", "white-house", "donald-trump"),
                          ("which dates are mentioned", "invasion", "current-list")])
def test_what_the_sources_name_can_be_listed(factbase: FactBase, question: str,
                                             wanted: str, unwanted: str) -> None:
    found = ids(answer(factbase, question))
    assert wanted in found
    assert unwanted not in found
    assert ids(answer(factbase, "who leaked the list"))[:1] == ["two-sources"]
    assert "biden-talks" in ids(answer(factbase, "who was involved in the 2022 talks"))


@pytest.mark.parametrize("question", ["did trump meet putin", "when is trump meeting putin"])
def test_two_people_named_need_an_item_on_what_is_asked_of_both(factbase: FactBase,
                                                                 question: str) -> None:
    """Trump awaits Putin's answer; nothing says they met or will meet."""
    assert answer(factbase, question).status == "not_found"
    assert "trump-awaits-putin" in ids(answer(factbase, "trump putin ceasefire answer"))


@pytest.mark.parametrize(("question", "wanted"),
                         [("according to the article what did angela stent say",
                           "stent-no-concessions"),
                          ("according to the article did the white house comment", "no-comment")])
def test_according_to_the_article_asks_what_it_says(factbase: FactBase, question: str,
                                                    wanted: str) -> None:
    assert ids(answer(factbase, question))[:1] == [wanted]


@pytest.mark.parametrize("question", ["why did the istanbul talks fail",
                                      "why did the istanbul talks collapse in 2022",
                                      "why was the istanbul agreement never signed",
                                      "чому провалилися переговори в стамбулі"])
def test_why_something_failed_needs_an_item_saying_it_failed(factbase: FactBase,
                                                             question: str) -> None:
    """The Istanbul draft was never finalized; the sources say nothing of why."""
    assert answer(factbase, question).status == "not_found"
    assert "biden-effort-failed" in ids(answer(factbase, "why did the talks with biden fail"))
    assert "biden-talks" in ids(answer(factbase, "why did the diplomacy in early 2022 fail"))
    assert "biden-effort-failed" in ids(answer(factbase, "why did diplomacy collapse"))


def test_when_after_another_question_word_does_not_ask_when(factbase: FactBase) -> None:
    """"when" there opens a clause: the question asks who (no-comment has no date)."""
    assert ids(answer(factbase, "who stayed silent when asked to comment"))[:1] == [
        "no-comment"]
    assert "invasion" in ids(answer(factbase, "so when did the invasion start"))


@pytest.mark.parametrize("question", ["nobody official would comment", "did anyone comment"])
def test_anyone_is_no_speaker_the_sources_lack(factbase: FactBase, question: str) -> None:
    """"nobody" and "anyone" name no one: who did not comment is the answer."""
    assert ids(answer(factbase, question))[:1] == ["no-comment"]
    assert answer(factbase, "what did nato say").status == "not_found"


@pytest.mark.parametrize("question", ["did schake work for trump",
                                      "did kori schake work in the biden white house"])
def test_whether_someone_worked_for_another_needs_their_role_to_say_so(
        factbase: FactBase, question: str) -> None:
    """Schake is a former Pentagon official; the sources do not say under whom."""
    assert answer(factbase, question).status == "not_found"
    assert ids(answer(factbase, "does kellogg still work for trump")) == ["keith-kellogg"]


@pytest.mark.parametrize("question", ["why did kellogg leave his job", "kellogg visit to kyiv"])
def test_what_of_a_persons_life_the_sources_lack_is_not_answered(factbase: FactBase,
                                                                 question: str) -> None:
    assert answer(factbase, question).status == "not_found"
    assert ids(answer(factbase, "is kellogg retired"))[:1] == ["keith-kellogg"]


@pytest.mark.parametrize("question", ["how many troops does ukraine have",
                                      "how many ukrainian soldiers are there",
                                      "how many russian soldiers died"])
def test_an_amount_of_another_countrys_or_of_something_else_does_not_answer(
        factbase: FactBase, question: str) -> None:
    """The sources count only Russian troops massing on Ukraine's border."""
    assert answer(factbase, question).status == "not_found"
    assert ids(answer(factbase, "how many russian troops were on ukraine's border"))[:1] == [
        "biden-talks"]


@pytest.mark.parametrize(("question", "wanted"),
                         [("the guy trump sent to deal with the russians, what does he think "
                           "of the 2022 turkey talks", "kellogg-istanbul-not-viable"),
                          ("does the ex spy-agency analyst think the kremlin truly wants peace",
                           "stent-no-concessions"),
                          ("the russian leader", "vladimir-putin"),
                          ("any comment from trumps people", "no-comment")])
def test_someone_described_by_their_role_is_who_is_asked_about(
        factbase: FactBase, question: str, wanted: str) -> None:
    assert ids(answer(factbase, question))[:1] == [wanted]
    assert ids(answer(factbase, "the former pentagon official"))[:1] == ["kori-schake"]
    assert answer(factbase, "do analysts think the demands are only about ukraine").entries[
        0].item_id == "demands-aimed-at-west"


def test_what_someone_said_about_a_name_must_hold_that_name(factbase: FactBase) -> None:
    """Zelenskiy's words are on the Saudi talks and the ceasefire, never on Istanbul."""
    assert answer(factbase, "what did zelensky say about the istanbul talks").status == (
        "not_found")
    assert ids(answer(factbase, "what did the ukrainian leader think of the talks with the "
                                "americans"))[:1] == ["zelenskiy-praises-saudi-meeting"]


def test_other_four_asks_to_name_the_rest_as_four_other_does(factbase: FactBase) -> None:
    assert answer(factbase, "what are the other four regions called").status == "not_found"
    assert answer(factbase, "the other four regions besides crimea, which ones are they"
                  ).status == "not_found"
    assert "recognise-annexed-regions" in ids(answer(factbase, "which regions does russia "
                                                               "want recognised"))


def test_a_fear_of_what_someone_will_do_is_no_will_question(factbase: FactBase) -> None:
    """"worries putin will ..." reports a fear; it does not ask whether he will."""
    assert ids(answer(factbase, "worries putin will play the truce to drive a wedge between "
                                "us and europe"))[:1] == ["truce-concern"]
    assert answer(factbase, "will putin use the truce to split the west").status == "not_found"


def test_what_us_intelligence_assessed_is_what_it_thought(factbase: FactBase) -> None:
    assert ids(answer(factbase, "us intel thought invasion was coming soon"))[:1] == [
        "imminent-invasion"]


@pytest.mark.parametrize("question", ["sources for the list of demands",
                                      "reuters soruces list of demads"])
def test_the_list_of_demands_named_as_the_story_leaves_what_is_asked_of_it(
        factbase: FactBase, question: str) -> None:
    assert ids(answer(factbase, question))[:1] == ["two-sources"]
    assert answer(factbase, "does russia want elections in ukraine").status == "not_found"


def test_a_glossary_phrase_for_an_organisation_names_it_not_the_person_in_it(
        factbase: FactBase) -> None:
    """"trumps office" is the White House, which had not responded."""
    assert ids(answer(factbase, "has trumps office said anything about this"))[:1] == [
        "no-comment"]
    assert "trump-awaits-putin" in ids(answer(factbase, "what did trump say"))


@pytest.mark.parametrize(("question", "wanted"),
                         [("no european boots on the ground in ukraine, is russia insisting on "
                           "that", "no-foreign-troops"),
                          ("foreign armies kept out of ukraine, whose demand",
                           "no-foreign-troops")])
def test_a_short_message_whose_other_clauses_point_back_is_its_asking_clause(
        factbase: FactBase, question: str, wanted: str) -> None:
    assert ids(answer(factbase, question))[:1] == [wanted]
    assert answer(factbase, "the four regions besides crimea, which ones").status == "not_found"


def test_an_office_no_item_names_is_not_answered(factbase: FactBase) -> None:
    assert answer(factbase, "who is ukraines foreign minister").status == "not_found"
    assert ids(answer(factbase, "who is ukraines president"))[:1] == ["volodymyr-zelenskiy"]


def test_two_sides_named_need_not_both_be_named_by_an_item(factbase: FactBase) -> None:
    """Items say "Russian and American officials", not "Moscow" and "Washington"."""
    assert ids(answer(factbase, "three weeks of back and forth between moscow and washington"
                      ))[:1] == ["past-three-weeks"]
    assert answer(factbase, "zelensky oval office").status == "not_found"


def test_what_putin_wants_from_someone_is_russias_demands(factbase: FactBase) -> None:
    assert ids(answer(factbase, "in a nutshell what does putin want from trump"))[:1] == [
        "current-list"]
    assert "current-list" not in ids(answer(factbase, "what does trump want from putin"))


def test_a_speaker_named_after_a_russian_or_ukrainian_verb_must_be_reported(
        factbase: FactBase) -> None:
    """Poland is named nowhere as saying anything."""
    assert answer(factbase, "що думає польща про вимоги росії").status == "not_found"
    assert ids(answer(factbase, "що кажуть про крим"))[:1] == ["recognise-annexed-regions"]


def test_a_three_letter_typo_is_no_misspelt_name(factbase: FactBase) -> None:
    """"wht" is "what", not the White House."""
    reply = answer(factbase, "wht did putin say about the truce")
    assert "White House" not in reply.title
    assert reply.title == answer(factbase, "what did putin say about the truce").title.replace(
        "what", "wht")
    assert "vladimir-putin" in ids(answer(factbase, "putn ceasefire"))


@pytest.mark.parametrize("question", ["invasoin date", "коли почалося вторгнення"])
def test_asked_when_the_event_comes_before_what_mentions_it(factbase: FactBase,
                                                           question: str) -> None:
    assert ids(answer(factbase, question))[:1] == ["invasion"]


@pytest.mark.parametrize("question", ["how many days did the istanbul talks last",
                                      "besides crimea which other regions are on putins list"])
def test_an_amount_or_the_rest_of_a_group_the_sources_do_not_give(factbase: FactBase,
                                                                  question: str) -> None:
    """The ceasefire lasts 30 days, not the Istanbul talks; the four regions are unnamed."""
    assert answer(factbase, question).status == "not_found"
    assert "zelenskiy-accepts-ceasefire" in ids(answer(factbase, "how many days is the ceasefire"))


def test_what_someone_said_of_the_list_of_demands_is_what_they_said_of_the_story(
        factbase: FactBase) -> None:
    """Zelenskiy spoke of the Saudi talks and the ceasefire, never of Russia's list."""
    assert answer(factbase, "what did zelensky say about russias list of demands").status == (
        "not_found")
    assert ids(answer(factbase, "did the white house comment on the list of demands"))[:1] == [
        "no-comment"]


def test_what_happened_after_an_event_is_what_the_timeline_holds_later(
        factbase: FactBase) -> None:
    reply = answer(factbase, "what came after the saudi meeting")
    assert ids(reply) == ["report-published"]
    assert reply.title == "After 11 Mar 2025"
    assert ids(answer(factbase, "what happened after the biden talks failed"))[:1] == ["invasion"]
    assert answer(factbase, "what happened after putin replied to the ceasefire").status == (
        "not_found")


@pytest.mark.parametrize("question", ["what happened first, the istanbul talks or the invasion",
                                      "Что было раньше: Стамбул или вторжение?"])
def test_which_of_two_events_came_first_shows_both_oldest_first(factbase: FactBase,
                                                                question: str) -> None:
    assert ids(answer(factbase, question)) == ["invasion", "istanbul-talks"]


def test_whom_someone_spoke_of_is_not_who_is_described(factbase: FactBase) -> None:
    """"the us leader" is Trump: Zelenskiy, what he spoke of, is not who spoke."""
    reply = answer(factbase, "what did the us leader say about zelensky")
    assert reply.status == "not_found"
    assert "zelenskiy-praises-saudi-meeting" not in ids(reply)
    assert ids(answer(factbase, "what did the american leader say about putin"))[:1] == [
        "trump-awaits-putin"]


@pytest.mark.parametrize("question", ["what did trumps new guy say",
                                      "what does the guy who works for trump think of istanbul"])
def test_a_boss_alone_describes_none_of_their_people(factbase: FactBase,
                                                      question: str) -> None:
    """Trump has two envoys: his name alone does not say which one is meant."""
    reply = answer(factbase, question)
    assert reply.status == "not_found"
    assert "Kellogg" not in reply.title
    assert ids(answer(factbase, "what does trumps mideast guy think of istanbul"))[:1] == [
        "witkoff-istanbul-reference"]


@pytest.mark.parametrize("question", ["who is putin's predecessor",
                                      "who was zelensky's predecessor"])
def test_a_predecessor_is_bidens_only_as_trumps(factbase: FactBase, question: str) -> None:
    assert answer(factbase, question).status == "not_found"
    assert ids(answer(factbase, "who was trump's predecessor")) == ["biden-administration"]


def test_when_before_a_verb_that_asks_asks_when(factbase: FactBase) -> None:
    """"when did" asks, though "what" came before it in another clause."""
    assert ids(answer(factbase, "what about the biden talks, when did they happen"))[:1] == [
        "biden-talks"]
    assert ids(answer(factbase, "who stayed silent when asked to comment"))[:1] == [
        "no-comment"]


def test_a_country_typed_without_its_apostrophe_or_as_us_is_whose_forces_are_counted(
        factbase: FactBase) -> None:
    """The sources count only Russian troops on Ukraine's border."""
    assert ids(answer(factbase, "how many of russias troops were at ukraines border"))[:1] == [
        "biden-talks"]
    assert answer(factbase, "how many us troops are there").status == "not_found"


def test_whoever_is_named_after_who_said_is_what_was_said(factbase: FactBase) -> None:
    """Russia is what Stent spoke of, not the speaker asked about."""
    assert ids(answer(factbase, "who said russia isn't interested in peace"))[:1] == [
        "stent-no-concessions"]
    assert ids(answer(factbase, "who from brookings is quoted"))[:1] == ["angela-stent"]


def test_used_to_is_no_word_for_useful(factbase: FactBase) -> None:
    """"useful" is read as itself: its stem "use" would read "used to" and "use" as it."""
    assert ids(answer(factbase, "the woman who used to run russia analysis for us "
                                "intelligence"))[:3].count("angela-stent") == 1
    assert "witkoff-cogent-substantive" in ids(answer(factbase,
                                                      "was witkoff useful about istanbul"))


def test_what_a_described_person_said_is_all_they_said(factbase: FactBase) -> None:
    """The words describing someone are no topic of what they said; what follows is."""
    assert ids(answer(factbase, "the retired army guy who handles ukraine for trump whats "
                                "his take"))[:3] == ["keith-kellogg", "kellogg-something-new",
                                                     "kellogg-istanbul-not-viable"]
    assert ids(answer(factbase, "what did the retired army guy who works for trump say "
                                "about the turkey talks"))[:1] == ["kellogg-istanbul-not-viable"]


@pytest.mark.parametrize("question", ["why did kellogg retire from the army",
                                      "why did biden reject some of russias demands",
                                      "why did zelensky send people to the saudi meeting"])
def test_why_someone_decided_needs_an_item_giving_a_reason(factbase: FactBase,
                                                           question: str) -> None:
    """The sources say Kellogg is retired and the Biden administration rejected some
    conditions, not why: an item giving a reason must hold the decision."""
    assert answer(factbase, question).status == "not_found"
    assert ids(answer(factbase, "why did the biden administration engage with russia at "
                                "all"))[:1] == ["imminent-invasion"]


def test_deciding_to_do_something_asks_why_it_was_done(factbase: FactBase) -> None:
    """"decide" and "choose" are no decision the sources must hold: the verb after them is
    ("why did zelenskiy decide to accept the ceasefire": as an initial step toward peace)."""
    assert ids(answer(factbase, "why did zelenskiy decide to accept the ceasefire"))[:1] == [
        "zelenskiy-accepts-ceasefire"]
    assert answer(factbase, "why did kellogg decide to retire").status == "not_found"


def test_a_boss_whose_people_are_asked_about_is_no_one_named(factbase: FactBase) -> None:
    """"trump's envoy guy" asks about Trump's envoys, described by a word for a person: Trump,
    no longer asked about, is no one whose name describes them (this raised a KeyError)."""
    assert ids(answer(factbase, "trump's envoy fellow"))[:2] == ["keith-kellogg",
                                                                 "steve-witkoff"]
    said = answer(factbase, "what did trumps envoy guy say")
    assert said.title == "What Keith Kellogg and Steve Witkoff said"


def test_where_someone_studied_is_not_in_the_sources(factbase: FactBase) -> None:
    """Schake's role has "defense policy studies", which is no schooling."""
    assert answer(factbase, "where did kori schake go to university").status == "not_found"
    assert answer(factbase, "where did schake study").status == "not_found"
    assert ids(answer(factbase, "where does kori schake work"))[:1] == ["kori-schake"]


@pytest.mark.parametrize(("question", "wanted"), [
    ("I would like to know what Kory Shake said about the Europeans.",
     "schake-consistent-since-1945"),
    ("Is it fair to say that the Russians have been asking for the same things since the end "
     "of the Second World War?", "since-1945"),
    ("I am told the lady from the Brookings Institution doubts that Russia is serious about "
     "peace. What did she say?", "stent-no-concessions"),
    ("when did the talks with the biden administration take place", "biden-talks")])
def test_the_frame_a_question_is_put_in_asks_nothing(factbase: FactBase, question: str,
                                                     wanted: str) -> None:
    """Politeness, what the reader was told and "take place" are no topic."""
    assert ids(answer(factbase, question))[:1] == [wanted]


def test_two_questions_in_one_message_answer_the_one_the_sources_answer(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "Who is Vladimir Putin, and what was his career before "
                                "politics?")) == ["vladimir-putin"]
    assert answer(factbase, "what was putin's career before politics").status == "not_found"


def test_a_question_in_full_sentences_needs_less_of_its_words_held(factbase: FactBase) -> None:
    """Long questions carry words of style no item holds; short ones still need most."""
    assert ids(answer(factbase, "Would these conditions limit the ability of the West to "
                                "strengthen its armed forces in Europe?"))[:1] == [
        "demands-aimed-at-west"]
    assert answer(factbase, "did europe back the 30 day ceasefire plan").status == "not_found"


def test_what_someone_said_of_a_thing_no_item_holds_is_not_reported(factbase: FactBase) -> None:
    """Kellogg spoke at the Council on Foreign Relations, but of Istanbul, not sanctions."""
    reply = answer(factbase, "what did kellogg say about sanctions at the council on foreign "
                             "relations")
    assert reply.status == "not_found"
    assert ids(answer(factbase, "what exact words did witkoff use about istanbul"))[:1] == [
        "witkoff-istanbul-reference"]


def test_the_rest_of_a_group_apart_from_one_is_not_in_the_sources(factbase: FactBase) -> None:
    assert answer(factbase, "list the four regions apart from crimea").status == "not_found"


@pytest.mark.parametrize(("question", "wanted"), [
    ("which 3 demands did bidens team discuss with russia", "three-demands-two-named"),
    ("crimea plus 4", "recognise-annexed-regions"),
    ("the council on foreign relations talk on 6 march", "kellogg-at-cfr")])
def test_numbers_and_dates_are_read_in_words_and_digits(factbase: FactBase, question: str,
                                                        wanted: str) -> None:
    """"3" is "three"; "6 march" is the 6th of March."""
    assert wanted in ids(answer(factbase, question))[:3]
    assert answer(factbase, "name the 4 regions russia claims besides crimea").status == \
        "not_found"


@pytest.mark.parametrize("question", ["what happened on 3 june", "what happened on 3 march"])
def test_a_day_and_month_typed_are_one_day(factbase: FactBase, question: str) -> None:
    """The day goes with its month: "3 june" is not the 6th of March (2025-03-06 holds a 03
    and a 06), "3 march" not any day of March."""
    assert answer(factbase, question).status == "not_found"
    assert ids(answer(factbase, "what happened on march 6th"))[:1] == ["kellogg-at-cfr"]


def test_what_someone_said_on_a_day_is_found_by_the_day(factbase: FactBase) -> None:
    """A quote or statement is found by the day it is dated: Kellogg spoke on 6 March."""
    assert ids(answer(factbase, "what did kellogg say on 6 march"))[:1] == [
        "kellogg-istanbul-not-viable"]
    assert answer(factbase, "what did kellogg say on 7 march").status == "not_found"


def test_giving_a_comment_is_commenting(factbase: FactBase) -> None:
    assert ids(answer(factbase, "did white house give some comment on this?")) == [
        "no-comment"]


def test_a_position_held_is_a_role_and_a_position_on_something_a_view(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "what position did keith kellogg hold"))[:1] == [
        "keith-kellogg"]
    assert ids(answer(factbase, "what is kellogg's position on istanbul"))[:1] == [
        "kellogg-istanbul-not-viable"]


@pytest.mark.parametrize(("question", "wanted"), [
    ("kremlin's list described as sweeping", "current-list"),
    ("Is the Russian government thought to be genuinely interested in a lasting ceasefire?",
     "stent-no-concessions")])
def test_described_as_and_thought_to_be_ask_no_ones_words(factbase: FactBase, question: str,
                                                          wanted: str) -> None:
    assert ids(answer(factbase, question))[:1] == [wanted]


def test_what_someone_said_retold_in_many_words_is_found(factbase: FactBase) -> None:
    assert ids(answer(factbase, "the retired general think istanbul is bad base for "
                                "talks"))[:1] == ["kellogg-istanbul-not-viable"]
    assert answer(factbase, "what did kellogg say about sanctions at the council on foreign "
                            "relations").status == "not_found"


def test_whether_two_people_are_on_the_same_side_is_what_each_said(factbase: FactBase) -> None:
    found = ids(answer(factbase, "is stent on the same side as schake"))
    assert {"stent-no-concessions", "schake-consistent-since-1945"} <= set(found[:2])
    assert "two-dialogues" in ids(answer(factbase, "patching things up between moscow and "
                                                   "washington vs a ukraine deal"))[:3]


def test_a_phrase_after_an_article_wins_over_one_opening_with_it(factbase: FactBase) -> None:
    """"a pause in fighting" is one ceasefire, not "a pause" and a fight."""
    assert "zelenskiy-accepts-ceasefire" in ids(answer(factbase,
                                                       "kyiv ok with a pause in fighting?"))
    assert "zelenskiy-accepts-ceasefire" in ids(answer(factbase, "kyiv ok with a pause?"))


@pytest.mark.parametrize(("question", "wanted"), [
    ("my friend says russia wants kyiv to never join the western military alliance, true?",
     "no-nato-membership"),
    ("russia wants the world to accept that crimea belongs to it, is that what the article "
     "says?", "recognise-annexed-regions")])
def test_what_someone_told_the_reader_is_the_claim_not_who_told_it(
        factbase: FactBase, question: str, wanted: str) -> None:
    assert ids(answer(factbase, question))[:1] == [wanted]


@pytest.mark.parametrize("question", ["winter 2021 talks with bidens team what was on the table",
                                      "moscows christmas 2021 treaty drafts"])
def test_a_season_is_its_months(factbase: FactBase, question: str) -> None:
    """The Biden talks ran from December 2021 to February 2022."""
    assert "biden-talks" in ids(answer(factbase, question))[:3]


def test_what_someone_said_that_is_still_awaited_shows_that_it_is(factbase: FactBase) -> None:
    """Putin is not quoted on the ceasefire: the sources say his answer is awaited."""
    found = ids(answer(factbase, "what did putin say about the ceasefire"))
    assert {"trump-awaits-putin", "ceasefire-uncertain"} <= set(found)
    assert answer(factbase, "what did putin say about nato").status == "not_found"


def test_what_russia_asked_of_a_period_named_is_that_periods_demands(factbase: FactBase) -> None:
    """Demands raised with the Biden administration, not what Biden did about them."""
    found = ids(answer(factbase, "what did russia ask the biden administration for"))
    assert found[:1] == ["limit-military-activity"]
    assert "limit-military-activity" not in ids(answer(
        factbase, "what did biden do about russias demands"))[:1]


def test_when_something_happened_is_told_by_an_items_own_words(factbase: FactBase) -> None:
    """Kellogg's role says "Retired General"; no item says when he retired."""
    assert answer(factbase, "when kellogg retired from army?").status == "not_found"
    assert "kellogg-at-cfr" in ids(answer(factbase, "when did kellogg speak at the cfr"))


@pytest.mark.parametrize("question", ["what did kellogg do as a general",
                                      "what schake was doing in pentagon?"])
def test_what_someone_did_in_their_post_is_not_in_the_sources(factbase: FactBase,
                                                              question: str) -> None:
    """The sources give the post ("Retired General", "Former Pentagon official"), not deeds."""
    reply = answer(factbase, question)
    assert reply.status == "not_found"
    assert "kellogg-at-cfr" in ids(answer(factbase, "what did kellogg do at the cfr"))


@pytest.mark.parametrize("question", ["what did russia's embassy in the us say",
                                      "has moscow's mission in the us said anything"])
def test_a_countrys_embassy_is_the_embassy_not_the_country(factbase: FactBase,
                                                           question: str) -> None:
    assert ids(answer(factbase, question))[:1] == ["no-comment"]
    assert ids(answer(factbase, "biden's administration"))[:1] == ["biden-administration"]


def test_a_title_before_a_name_asks_nothing(factbase: FactBase) -> None:
    assert ids(answer(factbase, "What is Ms Schake's view of the Russian demands?"))[:1] == [
        "schake-consistent-since-1945"]


def test_a_country_is_involved_by_its_leader(factbase: FactBase) -> None:
    """Trump awaits Putin's answer: Putin is "President of Russia"."""
    assert "trump-awaits-putin" in ids(answer(factbase, "trump still hasnt heard back from "
                                                        "moscow?"))


def test_what_someone_at_a_think_tank_said_is_what_either_expert_said(
        factbase: FactBase) -> None:
    """Stent is at Brookings, Schake at the AEI: both are at a think tank."""
    assert ids(answer(factbase, "the think tank woman who says the demands havent changed "
                                "since ww2"))[:1] == ["schake-consistent-since-1945"]
    assert ids(answer(factbase, "what did the us government documents say"))[:1] == [
        "three-demands-two-named"]  # two organisations: no one's words


def test_a_long_question_still_needs_two_fifths_of_it_held(factbase: FactBase) -> None:
    assert answer(factbase, "what role will the united nations security council play in "
                            "monitoring a future ceasefire agreement").status == "not_found"


def test_post_is_a_role_only_as_a_noun(factbase: FactBase) -> None:
    assert ids(answer(factbase, "what post does kellogg hold")) == ["keith-kellogg"]
    assert "keith-kellogg" not in ids(answer(
        factbase, "what did trump post about the talks held in saudi arabia"))[:1]


def test_when_a_thing_will_come_is_told_by_its_answer_being_awaited(factbase: FactBase) -> None:
    """The ceasefire waits on Putin's answer; the end of the war is awaited by no item."""
    assert "trump-awaits-putin" in ids(answer(factbase, "when will the 30 day ceasefire start"))
    assert answer(factbase, "when will the war end").status == "not_found"
    assert answer(factbase, "where will the peace talks with ukraine be held"
                  ).status == "not_found"


def test_getting_what_one_wants_is_conditions_being_met(factbase: FactBase) -> None:
    assert ids(answer(factbase, "would putin only talk to ukraine after getting what he "
                                "wants"))[:1] == ["specifics-unclear"]
    assert "specifics-unclear" not in ids(answer(factbase, "what does putin want"))[:3]


def test_a_possessive_inside_a_glossary_phrase_keeps_its_meaning(factbase: FactBase) -> None:
    """"give any ground" is "give ground" (concessions); an article inside is not skipped:
    "doesnt like the istanbul draft" keeps "istanbul draft" whole."""
    assert "no-concessions" in ids(answer(factbase, "russia not willing to give any ground"))
    assert "kellogg-istanbul-not-viable" in ids(answer(
        factbase, "trump's ukraine envoy doesnt like the istanbul draft"))


def test_russias_demands_name_the_story_for_someone_never_quoted(factbase: FactBase) -> None:
    """The White House did not comment; Stent, who is quoted, is still asked of her words."""
    assert ids(answer(factbase, "what did the white house say about the russian "
                                "demands?")) == ["no-comment"]
    assert ids(answer(factbase, "what did stent say about russia's demands"))[:1] == [
        "stent-no-concessions"]


def test_russias_list_names_the_story_as_its_demands_do(factbase: FactBase) -> None:
    assert ids(answer(factbase, "what did the white house say about russia's list")) == [
        "no-comment"]
    assert answer(factbase, "what did the white house say about russia's report").status == \
        "not_found"


def test_people_or_folks_beside_a_name_ask_nothing(factbase: FactBase) -> None:
    assert ids(answer(factbase, "what do the think tank people say about all this"))[:2] == [
        "stent-no-concessions", "schake-consistent-since-1945"]
    assert "three-demands-two-named" in ids(answer(
        factbase, "what were the biden folks willing to chat about with moscow"))


def test_what_is_on_the_list_is_the_demands(factbase: FactBase) -> None:
    reply = answer(factbase, "what is on the list russia gave the us")
    assert reply.title == "Russia’s demands"
    assert "no-nato-membership" in ids(reply)
    assert ids(answer(factbase, "is the list known"))[:1] == ["specifics-unclear"]


def test_a_message_listing_things_finds_each(factbase: FactBase) -> None:
    """Each part finds its demand; one part the sources lack sinks the whole."""
    found = ids(answer(factbase, "ukraine must be neutral and nuclear free"))
    assert {"non-nuclear-status", "abandon-nato-aspirations"} <= set(found[:3])
    assert answer(factbase, "ukraine must be neutral and pay reparations").status == "not_found"


def test_timeline_in_words_is_the_timeline(factbase: FactBase) -> None:
    for text in ("timeline", "can you give me a timeline of the events in the article"):
        assert answer(factbase, text).title == "Timeline"
    assert ids(answer(factbase, "what date is the article from"))[:1] == ["report-published"]


@pytest.mark.parametrize("question", ["show me the events in order", "what are the key dates",
                                      "what are the main events"])
def test_the_main_events_or_the_events_in_order_are_the_timeline(factbase: FactBase,
                                                                 question: str) -> None:
    """Not the veto "in the event of conflict"; the key demands stay the demands."""
    assert answer(factbase, question).title == "Timeline"
    assert answer(factbase, "what are the key demands").title == "Russia’s demands"


def test_help_me_understand_asks_nothing_itself(factbase: FactBase) -> None:
    assert answer(factbase, "can you help me understand the demands").title == \
        "Russia’s demands"
    assert ids(answer(factbase, "a veto on foreign help for ukraine"))[:1] == ["veto-on-support"]


@pytest.mark.parametrize("question", ["how is kelloggs view of istanbul different from witkoffs",
                                      "чем отличается позиция келлога от уиткоффа"])
def test_a_view_compared_with_anothers_is_what_both_said(factbase: FactBase,
                                                          question: str) -> None:
    found = ids(answer(factbase, question))
    assert {"kellogg-istanbul-not-viable", "witkoff-istanbul-reference"} <= set(found)


def test_what_one_said_of_another_is_still_only_theirs(factbase: FactBase) -> None:
    assert answer(factbase, "what did kellogg say about witkoff").status == "not_found"


@pytest.mark.parametrize("question", ["what is the story about",
                                      "can you summarize the article in a few sentences"])
def test_what_the_story_is_about_is_the_story_in_brief(factbase: FactBase,
                                                        question: str) -> None:
    reply = answer(factbase, question)
    assert reply.title == "The story in brief"
    assert ids(reply)[:2] == ["report-published", "specifics-unclear"]


def test_which_experts_are_quoted_is_who_is_quoted(factbase: FactBase) -> None:
    assert answer(factbase, "which experts are quoted in the piece and what are their "
                            "jobs").title == answer(factbase, "who is quoted").title
    assert ids(answer(factbase, "which officials said putin might exploit a truce")) == [
        "truce-concern"]


def test_what_someone_asked_a_named_person_is_not_reported(factbase: FactBase) -> None:
    assert answer(factbase, "what did reporters ask witkoff on cnn").status == "not_found"
    assert answer(factbase, "what did russia ask the us").title == "Russia’s demands"


def test_what_someone_asked_putin_is_not_reported_unless_the_asker_acts(
        factbase: FactBase) -> None:
    """Putin is asked here, not asking: no demand of his answers it; Trump, who awaits his
    answer on the ceasefire, is reported to have asked him something."""
    assert answer(factbase, "what did reporters ask putin").status == "not_found"
    assert "trump-awaits-putin" in ids(answer(factbase, "what did trump ask putin"))


def test_whether_russia_wants_to_end_the_war_asks_how_sincere_it_is(factbase: FactBase) -> None:
    assert ids(answer(factbase, "does moscow even want to stop fighting"))[:1] == [
        "stent-no-concessions"]
    assert answer(factbase, "what does russia want to end the war").title == "Russia’s demands"


def test_when_something_awaited_will_come_says_the_sources_do_not_say_when(
        factbase: FactBase) -> None:
    assert answer(factbase, "when will the ceasefire start").note == (
        "The sources do not say when; they say it is still awaited or uncertain:")


def test_what_would_follow_if_something_happened_needs_an_item_saying_so(
        factbase: FactBase) -> None:
    assert answer(factbase, "what will happen if putin rejects the ceasefire").status == \
        "not_found"
    assert ids(answer(factbase, "what happens if the truce is used to divide the allies")) == [
        "truce-concern"]


def test_how_many_troops_under_russias_plan_is_no_question_about_the_demands(
        factbase: FactBase) -> None:
    assert answer(factbase, "how many troops would nato have to withdraw under russias "
                            "plan").status == "not_found"
    assert answer(factbase, "how many demands are there").title == "Russia’s demands"


def test_the_names_of_a_group_only_counted_are_not_in_the_sources(factbase: FactBase) -> None:
    assert answer(factbase, "names of the 4 regions").status == "not_found"
    assert "recognise-annexed-regions" in ids(answer(factbase, "the 4 regions named by putin"))


def test_where_someone_spoke_is_not_what_they_spoke_of(factbase: FactBase) -> None:
    assert answer(factbase, "what did witkoff say about the ceasefire on cnn").status == \
        "not_found"
    assert ids(answer(factbase, "what did witkoff say about istanbul on cnn"))[:1] == [
        "witkoff-istanbul-reference"]


@pytest.mark.parametrize("question", ["when will the ceasefire end",
                                      "when will the ceasefire be over",
                                      "когда закончится перемирие"])
def test_when_a_thing_will_end_is_not_told_by_its_answer_being_awaited(
        factbase: FactBase, question: str) -> None:
    """Putin's answer on the ceasefire is awaited: that tells when it may start, not end."""
    assert answer(factbase, question).status == "not_found"
    assert "trump-awaits-putin" in ids(answer(factbase, "when will the ceasefire start"))


def test_a_nations_people_are_not_its_government(factbase: FactBase) -> None:
    """"the russian people" are not the Kremlin; "the kremlin folks" are."""
    assert answer(factbase, "what do the russian people want").title != "Russia’s demands"
    assert answer(factbase, "what do russian people think about the war").status == \
        "not_found"
    assert answer(factbase, "what do the kremlin folks want").title == "Russia’s demands"


@pytest.mark.parametrize("question", ["can you give me a quick summary", "give me the gist",
                                      "tell me about the article"])
def test_a_summary_asked_for_in_other_words_is_the_story_in_brief(factbase: FactBase,
                                                                   question: str) -> None:
    assert answer(factbase, question).title == "The story in brief"
    assert answer(factbase, "tell me about the article's sources").title != \
        "The story in brief"


def test_whether_something_will_be_allowed_is_told_by_the_demands(factbase: FactBase) -> None:
    assert ids(answer(factbase, "will foreign troops be allowed in ukraine")) == [
        "no-foreign-troops"]
    assert answer(factbase, "will ukraine join nato").status == "not_found"


def test_russian_and_ukrainian_verbs_of_meeting_and_lasting(factbase: FactBase) -> None:
    assert ids(answer(factbase, "где встречались американцы и украинцы"))[:1] == [
        "saudi-meeting"]
    assert "zelenskiy-accepts-ceasefire" in ids(answer(factbase, "скільки триватиме перемир'я"))


def test_russian_and_ukrainian_words_that_ask_nothing_themselves(factbase: FactBase) -> None:
    """"упоминаются" (are mentioned), "займає" (takes, of a position) ask nothing."""
    assert ids(answer(factbase, "какие ракеты упоминаются")) == ["no-intermediate-missiles"]
    assert ids(answer(factbase, "яку позицію займає келлог щодо стамбульських "
                                "домовленостей"))[:1] == ["kellogg-istanbul-not-viable"]


def test_what_russia_proposes_is_its_demands(factbase: FactBase) -> None:
    assert answer(factbase, "що пропонує росія").title == "Russia’s demands"
    assert answer(factbase, "what did the us propose").title != "Russia’s demands"


def test_the_demands_list_is_every_demand(factbase: FactBase) -> None:
    assert len(ids(answer(factbase, "demands list"))) > 10
    assert ids(answer(factbase, "the list is long and looks like what they asked for "
                                "before"))[:1] == ["current-list"]


def test_where_needs_an_item_naming_a_place_the_question_does_not(factbase: FactBase) -> None:
    assert answer(factbase, "where did the in person meetings happen").status == "not_found"
    assert "saudi-meeting" in ids(answer(factbase, "where was the saudi meeting held"))
    assert "kori-schake" in ids(answer(factbase, "де працює кори шейк"))  # her institute
    assert "biden-talks" in ids(answer(factbase, "where were russian troops before the invasion"))
    assert "two-sources" in ids(answer(factbase, "where does this story come from"))


def test_a_country_russia_makes_demands_of_named_first_is_what_is_demanded_not_who_wants(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "ukraine outside nato for good as a condition"))[:1] == [
        "no-nato-membership"]
    assert answer(factbase, "will ukraine's grain exports go back to normal?").status == \
        "not_found"


def test_what_would_follow_if_russia_got_its_way_is_told_by_the_demands(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "will ukraine lose territory if russia gets what it wants?")) == [
        "recognise-annexed-regions"]
    assert ids(answer(factbase, "could ukraine ever join nato if russia gets its way?"))[:1] == [
        "no-nato-membership"]


def test_what_an_organisation_has_not_clarified_is_reported_speech(factbase: FactBase) -> None:
    assert ids(answer(factbase, "has the trump administration said what its strategy is")) == [
        "two-dialogues"]


def test_the_date_of_the_article_is_when_it_was_reported(factbase: FactBase) -> None:
    assert ids(answer(factbase, "what is the date of this article")) == ["report-published"]


def test_a_veteran_described_by_their_field_is_that_person(factbase: FactBase) -> None:
    reply = answer(factbase, "what does the intelligence veteran say")
    assert reply.title == "What Angela Stent said"


def test_what_someone_did_in_a_post_asked_in_any_order_is_not_in_the_sources(
        factbase: FactBase) -> None:
    assert answer(factbase, "what schake did in pentagon exactly?").status == "not_found"


def test_others_only_counted_are_not_named_by_what_someone_asserted(factbase: FactBase) -> None:
    assert answer(factbase, "which four regions besides crimea does putin claim").status == \
        "not_found"


def test_how_someone_took_the_demands_is_what_reports_them_taking_them_up(
        factbase: FactBase) -> None:
    reply = answer(factbase, "so is washington going along with moscow's terms?")
    assert {"past-three-weeks", "no-comment"} <= set(ids(reply))
    assert not {"non-nuclear-status", "no-foreign-troops"} & set(ids(reply))  # no demand
    assert "biden-rejected-some-conditions" in ids(answer(factbase,
                                                          "did biden accept russia's demands"))
    assert answer(factbase, "how did nato respond to russias list").status == "not_found"
    assert answer(factbase, "how did ukraine respond to russia's list").status == "not_found"


def test_how_someone_of_today_took_the_demands_is_not_what_an_earlier_administration_did(
        factbase: FactBase) -> None:
    biden = {"biden-rejected-some-conditions", "imminent-invasion", "three-demands-two-named"}
    reply = answer(factbase, "did trump respond to the demands")
    assert reply.status == "ok"
    assert not biden & set(ids(reply))
    assert not biden & set(ids(answer(factbase, "how did the white house respond to the list")))
    assert "two-dialogues" not in ids(answer(factbase, "did the biden administration reject "
                                                       "any demands"))
    assert "biden-rejected-some-conditions" in ids(answer(factbase,
                                                          "did the us reject the demands"))


def test_who_took_the_demands_up_is_named_before_taking_them_up(factbase: FactBase) -> None:
    # "Russia is prepared to engage in peace negotiations with Kyiv" is Russia engaging
    assert answer(factbase, "how did kyiv respond to russia's terms").status == "not_found"
    assert "no-comment" in ids(answer(factbase, "did the us respond to russia's list of demands"))


def test_how_someone_took_the_demands_may_be_their_own_words_on_them(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "did stent agree with the demands")) == ["stent-no-concessions"]
    assert answer(factbase, "did zelensky accept the demands").status == "not_found"


def test_where_needs_a_place_in_a_clause_naming_who_the_question_names(
        factbase: FactBase) -> None:
    # the meeting in Saudi Arabia was between U.S. and Ukrainian officials
    assert answer(factbase, "where did the us and russian officials meet in person").status == \
        "not_found"
    assert ids(answer(factbase, "where did us and ukrainian officials meet"))[:1] == [
        "saudi-meeting"]


def test_what_would_follow_if_russia_got_its_way_is_a_demand_holding_half_of_it(
        factbase: FactBase) -> None:
    reply = answer(factbase, "would us troops leave europe if russia gets its way")
    assert not {"abandon-nato-aspirations", "no-foreign-troops"} & set(ids(reply))
    assert {"no-nato-membership", "abandon-nato-aspirations"} <= set(ids(answer(
        factbase, "will ukraine be neutral if russia gets its way")))


def test_a_country_russia_makes_demands_of_setting_conditions_is_who_wants(
        factbase: FactBase) -> None:
    assert answer(factbase, "ukraine sets conditions for peace").status == "not_found"
    assert ids(answer(factbase, "ukraine outside nato as a condition"))[:1] == [
        "no-nato-membership"]


def test_russian_words_typed_in_latin_inside_english_are_read_as_russian(
        factbase: FactBase) -> None:
    assert answer(factbase, "list of trebovaniya from moscow").title == "Russia’s demands"
    assert ids(answer(factbase, "russians not ready for any ustupki"))[:1] == [
        "stent-no-concessions"]
    assert answer(factbase, "what did witkoff say about gaza on cnn").status == "not_found"


def test_what_happens_before_the_demands_are_met_is_no_question_for_the_demands(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "is russia ready to talk with ukraine before its conditions "
                                "are accepted?")) == ["specifics-unclear"]


def test_who_holds_a_role_the_sources_name_no_one_in_is_not_in_the_sources(
        factbase: FactBase) -> None:
    assert answer(factbase, "who was the us negotiator in istanbul").status == "not_found"
    assert answer(factbase, "what were the names of the us officials in the talks").status == \
        "not_found"
    assert "kori-schake" in ids(answer(factbase, "who is the former pentagon official"))


def test_a_question_sentence_naming_one_thing_in_a_long_message_is_asked(
        factbase: FactBase) -> None:
    reply = answer(factbase, "ok quick one. who is kellogg and what did he actually say? people "
                             "in my group chat are fighting about it")
    assert ids(reply)[:1] == ["keith-kellogg"]
    assert answer(factbase, "when trump and putin will meet?").status == "not_found"


def test_a_person_named_with_a_topic_must_have_a_part_in_the_answer(factbase: FactBase) -> None:
    assert answer(factbase, "zelensky crimea").status == "not_found"
    assert "kellogg-istanbul-not-viable" in ids(answer(factbase, "kellogg istanbul"))
    assert "recognise-annexed-regions" in ids(answer(factbase, "putin crimea"))


def test_how_old_the_demands_are_is_no_question_of_anyones_age(factbase: FactBase) -> None:
    assert "since-1945" in ids(answer(factbase, "how old are these russian demands actually"))
    assert answer(factbase, "how old is putin").status != "ok"


def test_where_someone_works_asked_in_russian_or_ukrainian_is_who_they_are(
        factbase: FactBase) -> None:
    assert answer(factbase, "кто такая анджела стент и где она работает").title == "Angela Stent"
    assert answer(factbase, "хто такий келлог і де він працює").title == "Keith Kellogg"


def test_a_much_commoner_stopword_with_two_letters_swapped_is_what_was_meant(
        factbase: FactBase) -> None:
    assert answer(factbase, "russias demnads to teh us").title == "Russia’s demands"


def test_what_someone_has_not_yet_said_is_what_the_sources_say_is_awaited(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "moscow hasn't said if it takes the truce"))[:1] == [
        "ceasefire-uncertain"]


def test_which_of_a_group_only_counted_and_a_director_no_one_is_are_not_in_the_sources(
        factbase: FactBase) -> None:
    assert answer(factbase, "which four regions").status == "not_found"
    assert answer(factbase, "who is the director of the brookings institution").status == \
        "not_found"
    assert answer(factbase, "who is russia's chief negotiator").status == "not_found"
    assert "kori-schake" in ids(answer(factbase, "who is the director at the american "
                                                 "enterprise institute"))


def test_what_a_country_will_have_to_do_is_what_the_terms_require(factbase: FactBase) -> None:
    assert "abandon-nato-aspirations" in ids(answer(factbase,
                                                    "will ukraine have to say goodbye to nato"))
    assert answer(factbase, "will ukraine hold elections").status == "not_found"


def test_words_typed_together_are_read_apart_but_a_misspelling_is_respelt(
        factbase: FactBase) -> None:
    assert answer(factbase, "whatdoes russia want").title == "Russia’s demands"
    assert answer(factbase, "whoiskellogg").title == "Keith Kellogg"
    assert answer(factbase, "who is keithkellogg").title == "Keith Kellogg"
    assert "ceasefire" in answer(factbase, "casefire 30 days").note


def test_the_guy_who_did_something_asks_who_did_it(factbase: FactBase) -> None:
    assert "witkoff-on-cnn" in ids(answer(factbase, "the guy on cnn"))
    assert ids(answer(factbase, "start from scratch guy"))[:1] == ["kellogg-something-new"]
    assert answer(factbase, "who is the guy from the un").status == "not_found"


def test_in_total_closing_a_count_asks_nothing_more(factbase: FactBase) -> None:
    assert answer(factbase, "how many demands are there in total").title == "Russia’s demands"


def test_a_sentence_that_asks_it_all_answers_a_message_the_whole_of_which_only_comes_close(
        factbase: FactBase) -> None:
    reply = answer(factbase, "sorry my english not so good. russia want what thing from "
                             "america for stop the war?")
    assert reply.title == "Russia’s demands"


def test_the_demands_before_an_event_are_those_raised_before_it(factbase: FactBase) -> None:
    reply = answer(factbase, "what did russia want from the west before the invasion")
    assert ids(reply) == ["limit-military-activity", "no-exercises-new-members",
                          "no-intermediate-missiles"]
    assert "biden-talks" not in ids(answer(factbase, "does russia want conditions met before "
                                                     "talking to kyiv"))[:1]
    assert "stent-no-concessions" in ids(answer(factbase, "are these the same things russia "
                                                          "asked for before the invasion?"))


def test_the_events_of_a_span_of_years_are_the_timeline_between_them(
        factbase: FactBase) -> None:
    reply = answer(factbase, "can you give me the timeline of events from 2021 to march 2025")
    assert reply.title == "Timeline: 2021–2025"
    assert ids(reply)[1:4] == ["biden-talks", "invasion", "istanbul-talks"]
    assert answer(factbase, "what happened in 2019").title == "Timeline: 2019"
    assert answer(factbase, "sequence of events from late 2021 to now").title == \
        "Timeline: 2021–2025"


def test_how_long_ago_asks_when(factbase: FactBase) -> None:
    assert ids(answer(factbase, "how long ago was the invasion"))[:1] == ["invasion"]


def test_what_would_follow_for_someone_if_the_demands_were_met_is_the_demands(
        factbase: FactBase) -> None:
    assert answer(factbase, "what would happen to ukraine if the demands are met").title == \
        "Russia’s demands"
    assert "no-nato-membership" in ids(answer(
        factbase, "if russia got everything on its list what would kyiv lose"))
    assert answer(factbase, "що буде з україною якщо вимоги росії виконають").title == \
        "Russia’s demands"
    assert answer(factbase, "what would happen to ukrainian refugees if the demands were "
                            "met").status == "not_found"


def test_two_people_who_see_a_thing_differently_asked_in_russian_is_what_each_said(
        factbase: FactBase) -> None:
    reply = answer(factbase, "уиткофф и келлог по-разному оценивают стамбул?")
    assert {"witkoff-istanbul-reference", "kellogg-istanbul-not-viable"} <= set(ids(reply))


def test_may_i_ask_frames_a_question_and_someones_take_is_what_they_said(
        factbase: FactBase) -> None:
    assert answer(factbase, "May I ask who Kori Schake is?").title == "Kori Schake"
    assert ids(answer(factbase, "what is kellogg's take on istanbul"))[:1] == [
        "kellogg-istanbul-not-viable"]


def test_how_long_an_event_lasted_is_told_by_its_span_after_stated_amounts(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "how long did the istanbul talks last")) == ["istanbul-talks"]
    assert ids(answer(factbase, "how long have the us and russia been discussing the "
                                "conditions")).index("past-three-weeks") < 5


def test_a_misspelt_word_after_how_many_is_counted_as_meant(factbase: FactBase) -> None:
    assert ids(answer(factbase, "how many weks have russia and the us been talkng"))[:1] == [
        "past-three-weeks"]


def test_asking_proof_or_a_source_of_a_claim_finds_the_items_that_tell_it(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "proof kellogg said we need to create something completely "
                                "new"))[:1] == ["kellogg-something-new"]
    assert ids(answer(factbase, "source for the claim about missiles in europe"))[:1] == [
        "no-intermediate-missiles"]
    assert answer(factbase, "proof kellogg said crimea is russian").status == "not_found"


def test_words_typed_together_are_read_apart_into_the_fewest_words(factbase: FactBase) -> None:
    assert factbase.index.unglued("ceasefireplan kremlinlist") == "ceasefire plan kremlin list"


def test_whether_two_people_agree_on_something_is_what_each_said(factbase: FactBase) -> None:
    assert {"witkoff-istanbul-reference", "kellogg-istanbul-not-viable"} <= set(ids(answer(
        factbase, "do witkoff and kellogg agree on istanbul"))[:2])
    assert "kellogg-something-new" in ids(answer(factbase, "do trumps two envoys agree on "
                                                           "where to start"))


def test_the_papers_reuters_saw_are_the_documents_it_reviewed(factbase: FactBase) -> None:
    assert "three-demands-two-named" in ids(answer(factbase, "the secret us papers reuters saw"))


def test_a_number_counts_a_named_group_only_right_before_it(factbase: FactBase) -> None:
    assert ids(answer(factbase, "the three things biden officials were willing to talk "
                                "about"))[:1] == ["three-demands-two-named"]
    assert set(ids(answer(factbase, "trumps two envoys"))[:2]) == {"keith-kellogg",
                                                                   "steve-witkoff"}


def test_the_two_tracks_of_talks_are_the_two_dialogues(factbase: FactBase) -> None:
    assert ids(answer(factbase, "one track on fixing ties and another on the peace "
                                "deal"))[:1] == ["two-dialogues"]


def test_who_tipped_off_the_press_is_the_reports_sources(factbase: FactBase) -> None:
    assert ids(answer(factbase, "who tipped off the press about the list"))[:1] == [
        "two-sources"]


def test_whether_russia_has_shown_willingness_asks_whether_it_has_it(factbase: FactBase) -> None:
    assert ids(answer(factbase, "I am curious whether Russia has shown any willingness to make "
                                "concessions in these talks."))[:1] == ["stent-no-concessions"]


def test_how_long_russia_has_been_pushing_the_same_things_is_how_old_its_demands_are(
        factbase: FactBase) -> None:
    assert "past-two-decades" in ids(answer(factbase, "how many years has moscow been pushing "
                                                      "the same things"))


def test_where_someone_works_is_who_they_are(factbase: FactBase) -> None:
    assert answer(factbase, "where stent works").title == "Angela Stent"
    assert answer(factbase, "how the ceasefire works").title != "Angela Stent"


def test_whats_the_deal_with_asks_about_what_follows(factbase: FactBase) -> None:
    assert "biden-talks" in ids(answer(factbase, "so what was the deal with the 2021 thing"))
    assert answer(factbase, "what deal does russia want").title == "Russia’s demands"


def test_whether_the_demands_are_clear_is_what_the_sources_say_of_them(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "terms still murky?"))[:1] == ["specifics-unclear"]
    assert ids(answer(factbase, "are russia's demands clear"))[:1] == ["specifics-unclear"]


def test_whether_the_us_strategy_is_clear_is_the_administrations_unclarified_strategy(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "is the us strategy clear")) == ["two-dialogues"]


def test_bin_it_and_start_over_is_kelloggs_something_new(factbase: FactBase) -> None:
    assert ids(answer(factbase, "the retired general says bin it and start over?"))[:1] == [
        "kellogg-something-new"]


def test_what_moscow_actually_wants_is_its_demands_not_its_sincerity(
        factbase: FactBase) -> None:
    assert ids(answer(factbase, "so what does moscow actually want ukraine to give up")) == [
        "abandon-nato-aspirations"]
    assert "stent-no-concessions" in ids(answer(factbase, "does russia really want peace"))


def test_one_named_person_versus_another_described_by_role_is_what_each_said(
        factbase: FactBase) -> None:
    reply = answer(factbase, "trumps middle east guy vs his ukraine guy on the turkey draft")
    assert {"witkoff-istanbul-reference", "kellogg-istanbul-not-viable"} <= set(ids(reply)[:2])
    assert ids(answer(factbase, "the former pentagon official"))[:1] == ["kori-schake"]


def test_a_word_spelt_as_it_sounds_is_respelt(factbase: FactBase) -> None:
    assert ids(answer(factbase, "when did the invashun start"))[:1] == ["invasion"]


def test_every_and_nothing_say_nothing_of_what_is_asked(factbase: FactBase) -> None:
    assert answer(factbase, "list every condition russia has").title == "Russia’s demands"
    assert ids(answer(factbase, "кремль не поступится ничем"))[:1] == ["stent-no-concessions"]
    assert answer(factbase, "how far back does the war in donbas go").status == "not_found"


def test_russian_typed_in_latin_letters_reads_its_endings(factbase: FactBase) -> None:
    assert ids(answer(factbase, "inostrannye voyska v ukraine")) == ["no-foreign-troops"]
    assert ids(answer(factbase, "soglasitsya li rossiya na peremirie"))[:1] == [
        "ceasefire-uncertain"]


def test_which_is_older_of_two_events_orders_them(factbase: FactBase) -> None:
    reply = answer(factbase, "which is older, the biden talks or istanbul")
    assert ids(reply) == ["biden-talks", "istanbul-talks"]


def test_the_demands_before_an_event_asked_with_demand_are_those_raised_before_it(
        factbase: FactBase) -> None:
    """"demand before" is also the glossary's "are the demands the same as before"; only a
    word of the reader's own asks that."""
    reply = answer(factbase, "what did russia demand before the full-scale invasion")
    assert reply.title == "Russia’s demands before 24 Feb 2022"
    assert "stent-no-concessions" in ids(answer(factbase, "are the demands different from "
                                                          "before the invasion"))


def test_the_demands_before_the_war_are_those_raised_before_it_started(
        factbase: FactBase) -> None:
    assert answer(factbase, "what did russia want before the war").title == \
        "Russia’s demands before 24 Feb 2022"
    assert answer(factbase, "what did russia want before the saudi meeting").title == \
        "Russia’s demands before 11 Mar 2025"


def test_the_events_before_after_or_until_a_year_are_the_timeline_on_that_side_of_it(
        factbase: FactBase) -> None:
    before = answer(factbase, "what happened before 2022")
    assert "invasion" not in ids(before)
    assert "biden-talks" in ids(before)
    after = answer(factbase, "what happened after 2022")
    assert after.title == "Timeline: 2023–2025"
    assert "istanbul-talks" not in ids(after)
    assert "invasion" in ids(answer(factbase, "what happened until 2022"))
    assert "invasion" in ids(answer(factbase, "what happened in 2022"))
    assert answer(factbase, "what happened after 2025").status == "not_found"


def test_a_long_message_is_not_answered_by_a_sentence_that_only_tells(
        factbase: FactBase) -> None:
    """The sentence that answers a long message must be one it asks with a question mark."""
    assert answer(factbase, "nato membership is off the table. what about eu membership for "
                            "ukraine?").closest
    assert answer(factbase, "sorry my english not so good. russia want what thing from the "
                            "u.s. for stop the war?").title == "Russia’s demands"


def test_words_typed_together_are_read_apart_before_an_everyday_respelling(
        factbase: FactBase) -> None:
    """"howlong" is "how long", not "howling", a word no item holds."""
    assert ids(answer(factbase, "howlong did the istanbul talks last")) == ["istanbul-talks"]
    assert factbase.index.unglued("casefire kremlinlist") == "casefire kremlin list"


def test_what_would_follow_if_the_list_was_accepted_is_the_demands(factbase: FactBase) -> None:
    reply = answer(factbase, "what would happen to europe if the list is accepted")
    assert "limit-military-activity" in ids(reply)


def test_european_allies_are_the_europeans(factbase: FactBase) -> None:
    assert "europeans-fear" in ids(answer(factbase, "do european allies think washington "
                                                    "switched sides"))


def test_the_demands_as_a_list_for_a_class_handout_are_all_the_demands(
        factbase: FactBase) -> None:
    assert answer(factbase, "russias terms as a list for a class handout").title == \
        "Russia’s demands"
