"""Admin operations in the core: each command's happy path and bad inputs, undo, history,
import all-or-nothing, reload, and what users miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bulk import import_json
from bot.calls import Call
from bot.commands import answer, run_admin_command
from bot.factbase import FactBase
from bot.layout import PLAIN, render_all
from bot.models import slug
from bot.roles import Admin
from bot.store import FactStore
from tests.conftest import FACTS_DIR, SEEDS_DIR, on_disk
from tests.support.commands import run

OWNER, EDITOR, STRANGER = 42, 77, 1001


@pytest.fixture
async def admin(factbase: FactBase) -> Admin:
    admin = Admin(factbase, frozenset({OWNER}), FACTS_DIR, SEEDS_DIR)
    await run(admin, OWNER, "grant", str(EDITOR))
    return admin


def text(result: object) -> str:
    return render_all(result, PLAIN)  # type: ignore[arg-type]


async def test_addquote_links_a_clear_speaker_and_finds_its_evidence(admin: Admin) -> None:
    result = await run(admin, EDITOR, "addquote",
                             'Kellogg | "We need to create something  completely new" | At the CFR')
    assert result.title == "Added quote keith-kellogg-we-need-to-create-something"
    item = admin.base.items["keith-kellogg-we-need-to-create-something"]
    assert item.source == "reuters-2025-03-13"
    assert item.evidence[0].endswith("“We need to create something completely new,” he remarked.")
    assert item.text == "We need to create something completely new"  # type: ignore[attr-defined]
    assert item.added_by == EDITOR
    quotes = answer(admin.base, "/quote kellogg")
    assert quotes.entries[1].citation.source == "Reuters via Defence Talks, 13 Mar 2025"


async def test_a_made_up_quote_is_refused_with_the_closest_passage(admin: Admin) -> None:
    before = on_disk(admin.base.store.path)
    result = await run(admin, EDITOR, "addquote", "Kellogg | We must build something totally new")
    assert result.status == "refused"
    assert result.title == ("Not in the article: this quote is not in “Russia hands US list of"
                            " demands for ending Ukraine war, sou…”")
    assert result.body == ("Closest: ““We need to create something completely new,” he"
                           " remarked.”",)
    assert on_disk(admin.base.store.path) == before


async def test_a_paraphrase_takes_its_evidence_by_choice(admin: Admin) -> None:
    before = on_disk(admin.base.store.path)
    asked = await run(admin, EDITOR, "addstatement",
                            "Kellogg | The Istanbul agreement is no viable starting point")
    assert asked.status == "ambiguous"
    assert on_disk(admin.base.store.path) == before
    first = asked.suggestions[0]
    assert first.label.startswith("24. Retired General Keith Kellogg")
    assert first.command == ("/addstatement Kellogg | The Istanbul agreement is no viable"
                             " starting point | source=reuters-2025-03-13 | evidence=24")
    assert asked.suggestions[-1].command.endswith("| unverified")
    added = await run(admin, EDITOR, "addstatement", first.command.removeprefix("/addstatement "))
    item = admin.base.items[added.title.removeprefix("Added statement ")]
    assert item.evidence[0].startswith("Retired General Keith Kellogg")
    assert answer(admin.base, f"/source {item.id}").entries[0].evidence == item.evidence


async def test_an_edit_cannot_make_up_a_quote_or_move_evidence_to_another_source(
        admin: Admin) -> None:
    await run(admin, EDITOR, "addsource", "Kremlin aide replies | Reuters | 2025-03-14",
                    file=FOLLOW_UP)
    before = on_disk(admin.base.store.path)
    made_up = await run(admin, EDITOR, "edit", "kellogg-something-new text We must win")
    assert made_up.title.startswith("Not in the article: this quote is not in “Russia hands")
    moved = await run(admin, EDITOR, "edit", "kellogg-something-new source kremlin-aide-replies")
    assert moved.title.startswith("source: its evidence is not in “Kremlin aide replies”")
    assert on_disk(admin.base.store.path) == before
    await run(admin, EDITOR, "edit", "kellogg-something-new text We need to create something")
    assert admin.base.items["kellogg-something-new"].evidence[0].endswith("he remarked.")


async def test_an_unverified_item_is_labelled_in_answers(admin: Admin) -> None:
    result = await run(admin, EDITOR, "addfact", "The talks resume next week | unverified")
    item_id = result.title.removeprefix("Added fact ")
    assert admin.base.items[item_id].evidence == ()
    shown = answer(admin.base, f"/source {item_id}").entries[0].citation.source
    assert shown.endswith("· unverified: no evidence quoted")
    assert "unverified" in text(answer(admin.base, "/search talks resume next week"))


async def test_addquote_offers_a_new_person_first_when_the_name_is_not_surely_known(
        admin: Admin) -> None:
    result = await run(admin, EDITOR, "addquote", "Yuri Ushakov | root causes")
    assert result.status == "ambiguous"
    assert result.suggestions[0].command == "/addquote +Yuri Ushakov | root causes"
    kelog = await run(admin, EDITOR, "addquote", "kelog | root causes")
    assert [s.command for s in kelog.suggestions] == [
        "/addquote +kelog | root causes", "/addquote =keith-kellogg | root causes"]
    sure = await run(admin, EDITOR, "addquote", "General Keith Kellogg | root causes")
    assert sure.title == "Added quote keith-kellogg-root-causes"


async def test_addquote_for_someone_new_adds_the_person_too(admin: Admin) -> None:
    await run(admin, EDITOR, "addquote", "Marco Rubio | The ball is in their court | unverified")
    assert admin.base.index.resolve_people("rubio").people[0].id == "marco-rubio"
    assert answer(admin.base, "/quote rubio").entries[0].text == "“The ball is in their court”"


FOLLOW_UP = b"""Kremlin aide rejects ceasefire as a breather for Kyiv
Kremlin aide Yuri Ushakov said on Thursday that the U.S. proposal for a 30-day ceasefire was \
"nothing but a temporary breather for the Ukrainian military." He spoke to reporters after \
talks with U.S. envoy Steve Witkoff in Moscow last week.
"We do not need a pause, we need a long-term settlement," he told reporters.
Russia invaded Ukraine on February 24, 2022.
"""


async def test_a_new_article_grows_the_base_with_its_evidence(admin: Admin) -> None:
    added = await run(admin, EDITOR, "addsource", "Kremlin aide replies | Reuters | 2025-03-14",
                            file=FOLLOW_UP)
    assert added.title == "Added source kremlin-aide-replies"
    assert added.suggestions[0].command == "/extract kremlin-aide-replies"
    assert admin.base.texts["kremlin-aide-replies"] == FOLLOW_UP.decode().strip("\n")
    quote = await run(admin, EDITOR, "addquote", "Ushakov | nothing but a temporary breather")
    assert quote.status == "ambiguous"
    assert quote.suggestions[0].command == "/addquote +Ushakov | nothing but a temporary breather"

    proposal = await run(admin, EDITOR, "extract", "kremlin-aide-replies")
    lines = "\n".join(proposal.body)
    assert ("Quote · Yuri Ushakov (new person) [“said”]: “nothing but a temporary breather for"
            " the Ukrainian military.”") in lines
    assert "Quote · Yuri Ushakov (new person) [“he” refers to Yuri Ushakov]" in lines
    assert "Event · 7 Mar 2025 (“last week”)" in lines
    assert proposal.suggestions[-1].command == "/accept kremlin-aide-replies all"

    accepted = await run(admin, EDITOR, "accept", "kremlin-aide-replies all")
    assert all("added" in line for line in accepted.body), accepted.body
    ushakov = admin.base.index.resolve_people("ushakov").people[0]
    assert ushakov.role == "Kremlin aide"
    assert ushakov.source == "kremlin-aide-replies"
    said = answer(admin.base, "/quote ushakov")
    assert [e.citation.source for e in said.entries] == ["Reuters, 14 Mar 2025"] * 2
    await run(admin, EDITOR, "addsource", "Earlier | Reuters | 2025-03-01", file=(
        b"Kremlin aide Yuri Ushakov said the talks were \"only a beginning.\""))
    await run(admin, EDITOR, "accept", "earlier all")
    assert [e.citation.source for e in answer(admin.base, "/quote ushakov").entries] == [
        "Reuters, 1 Mar 2025", "Reuters, 14 Mar 2025", "Reuters, 14 Mar 2025"]
    again = await run(admin, EDITOR, "extract", "kremlin-aide-replies")
    assert again.title == "Nothing new in kremlin-aide-replies"
    about = text(answer(admin.base, "/about"))
    assert ("“Kremlin aide replies” — Reuters, published 14 Mar 2025.\n0 demands, 2 quotes, 0"
            " reported statements, 2 events, 0 other facts; 1 person or organisation.") in about
    assert "“Earlier” — Reuters, published 1 Mar 2025.\n0 demands, 1 quote," in about
    assert admin.base.items["kellogg-something-new"].source == "reuters-2025-03-13"


async def test_the_seed_again_as_a_new_source_proposes_nothing_twice(admin: Admin) -> None:
    seed = (SEEDS_DIR / "reuters-2025-03-13-russia-demands.txt").read_bytes()
    await run(admin, EDITOR, "addsource", "Copy | Defence Talks | 2025-03-13", file=seed)
    proposal = await run(admin, EDITOR, "extract", "copy")
    assert not [line for line in proposal.body if "Quote ·" in line]
    assert proposal.body[-1].startswith("Already in the base: 1, 2, 3,")


async def test_an_article_that_cannot_be_read_is_refused(admin: Admin) -> None:
    before = on_disk(admin.base.store.path)
    result = await run(admin, EDITOR, "addsource", "Bad | Outlet | 2025-03-14", file=b"\xff\xfe")
    assert result.title.startswith("The article cannot be read: the file is not UTF-8 text")
    assert on_disk(admin.base.store.path) == before


async def test_without_any_source_text_an_item_is_added_only_as_unverified(
        admin: Admin) -> None:
    await run(admin, EDITOR, "addsource", "No text | Outlet | 2025-03-20")
    result = await run(admin, EDITOR, "addfact", "Something happened")
    assert result.title == "No article text to check this against"
    assert result.suggestions[0].command == "/addfact Something happened | unverified"


@pytest.mark.parametrize(
    ("command", "args", "problem"),
    [
        ("addquote", "Kellogg", "quote: missing"),
        ("addquote", "", "speaker: missing"),
        ("addquote", "a | b | c | d", "Too many fields"),
        ("addevent", "2025-02-30 | Something", "date: is not a real date"),
        ("addevent", "next week | Something", "date: must be a date as YYYY"),
        ("addfact", "x" * 1001, "text: String should have at most 1000 characters"),
        ("addfact", "bell\x07", "text: must not contain control character U+0007"),
        ("addperson", "Someone", "role: missing"),
        ("addsource", "Title | Outlet | yesterday", "published: must be a date"),
        ("addsource", "Title | Outlet", "published: missing"),
        ("addfact", "Words | evidence=x", "evidence: give sentence numbers"),
        ("addfact", "Words | evidence=999", "evidence: “Russia hands US list"),
        ("addfact", "Words | source=nowhere", "source: no source with the id “nowhere”"),
        ("accept", "reuters-2025-03-13 99", "No candidate 99 in reuters-2025-03-13"),
        ("extract", "nowhere", "No source with the id “nowhere”"),
        ("edit", "no-such-id text x", "No item with the id “no-such-id”"),
        ("edit", "no-comment colour red", "field: a fact has no field “colour”"),
        ("edit", "no-comment text", "Give the item's id, the field and the new value."),
        ("edit", "kellogg-something-new speaker nobody", "speaker: no person"),
        ("delete", "", "Give the id of the item."),
        ("restore", "no-comment", "no-comment is already live."),
        ("grant", "abc", "Give a Telegram user id"),
        ("grant", "²", "Give a Telegram user id"),
        ("revoke", "5", "5 is not an editor."),
    ],
)
async def test_bad_input_gets_one_line_and_writes_nothing(admin: Admin, command: str, args: str,
                                                          problem: str) -> None:
    before = on_disk(admin.base.store.path)
    result = await run(admin, OWNER, command, args)
    assert result.status in {"usage", "not_found"}
    assert result.title.startswith(problem), result.title
    assert "\n" not in result.title
    assert on_disk(admin.base.store.path) == before


async def test_markup_is_stored_as_given_and_shown_escaped(admin: Admin) -> None:
    nasty = "<b>bold</b> & *stars* _under_ `tick` [link](x)"
    result = await run(admin, EDITOR, "addfact", f"{nasty} | unverified")
    item_id = result.title.removeprefix("Added fact ")
    assert admin.base.items[item_id].text == nasty  # type: ignore[attr-defined]
    reopened = FactStore(admin.base.store.path)
    assert any(getattr(item, "text", None) == nasty for item in reopened.items())


async def test_edit_delete_restore_and_undo(admin: Admin) -> None:
    await run(admin, EDITOR, "edit", "no-comment text Nobody commented.")
    assert admin.base.items["no-comment"].text == "Nobody commented."  # type: ignore[attr-defined]
    assert admin.base.items["no-comment"].origin == "admin"
    await run(admin, EDITOR, "delete", "no-comment")
    assert answer(admin.base, "/source no-comment").status == "not_found"
    found = answer(admin.base, "/search nobody commented")
    assert "no-comment" not in [entry.item_id for entry in found.entries]
    await run(admin, EDITOR, "restore", "no-comment")
    found = answer(admin.base, "/search nobody commented")
    assert found.entries[0].item_id == "no-comment"
    undone = [await run(admin, EDITOR, "undo", "") for _ in range(4)]
    assert [u.title for u in undone] == [
        "Undid your restore of no-comment", "Undid your delete of no-comment",
        "Undid your edit of no-comment", "You have no change to undo."]
    item = admin.base.items["no-comment"]
    assert (item.origin, item.deleted) == ("curated", False)


async def test_undo_takes_back_only_your_own_changes(admin: Admin) -> None:
    await run(admin, OWNER, "addfact", "The owner's fact | unverified")
    assert (await run(admin, EDITOR, "undo", "")).title == "You have no change to undo."


async def test_undo_of_an_add_hides_the_item(admin: Admin) -> None:
    await run(admin, EDITOR, "addfact", "Short-lived fact | evidence=1")
    await run(admin, EDITOR, "undo", "")
    assert answer(admin.base, "/search short-lived").status == "not_found"


async def test_history_shows_who_when_what_before_and_after(admin: Admin) -> None:
    await run(admin, EDITOR, "edit", "no-comment topic silence")
    history = text(await run(admin, OWNER, "history", "no-comment"))
    assert f"user {EDITOR} · edit no-comment" in history
    assert "topic: “sourcing” → “silence”" in history
    assert "History of no-comment" in history


async def test_export_then_import_round_trips_unchanged(admin: Admin) -> None:
    data = await run_admin_command(admin, Call("export", actor=OWNER))
    assert isinstance(data, bytes)
    result = await import_json(admin, OWNER, data)
    assert result.body == ("0 added, 0 updated, 60 unchanged.",)


async def test_import_is_all_or_nothing(admin: Admin) -> None:
    good = {"id": "imported-one", "source": "reuters-2025-03-13", "origin": "admin",
            "text": "Imported fact", "topic": "t"}
    bad = {**good, "id": "imported-two", "text": ""}
    before = on_disk(admin.base.store.path)
    payload = json.dumps({"facts": [good, bad]}).encode()
    result = await import_json(admin, OWNER, payload)
    assert result.title.startswith("Nothing imported: facts #2: text")
    assert on_disk(admin.base.store.path) == before
    result = await import_json(admin, OWNER, json.dumps({"facts": [good]}).encode())
    assert result.body == ("1 added, 0 updated, 0 unchanged.",)
    assert answer(admin.base, "/search imported").entries[0].item_id == "imported-one"


@pytest.mark.parametrize("payload", [b"not json", b"[1, 2]", b'{"facts": "nope"}',
                                     b'{"quotes": [{"id": "q", "source": "reuters-2025-03-13",'
                                     b' "speaker": "nobody", "text": "x", "origin": "admin"}]}'])
async def test_bad_imports_are_refused(admin: Admin, payload: bytes) -> None:
    result = await import_json(admin, OWNER, payload)
    assert result.status == "usage"


async def test_reload_refreshes_curated_items_and_keeps_admin_ones(admin: Admin,
                                                                   tmp_path: Path) -> None:
    await run(admin, EDITOR, "addfact", "Kept across reloads | unverified")
    result = await run(admin, OWNER, "reload", "")
    assert "1 admin items kept" in result.body[0]
    assert answer(admin.base, "/search kept across reloads").entries


async def test_roles(admin: Admin) -> None:
    assert admin.role(OWNER) == "owner"
    assert admin.role(EDITOR) == "editor"
    assert admin.role(STRANGER) is None
    assert (await run(admin, EDITOR, "grant", "5")).status == "refused"
    assert (await run(admin, STRANGER, "addfact", "x")).status == "refused"
    await run(admin, OWNER, "revoke", str(EDITOR))
    assert admin.role(EDITOR) is None
    admins = text(await run(admin, OWNER, "admins", ""))
    assert "Owners (FACTBOT_ADMIN_IDS): 42" in admins


async def test_stats_count_lookups_and_misses_without_names(admin: Admin) -> None:
    admin.stats.record("quote", "Kellogg", True, now=1_000_000.0)
    admin.stats.record("quote", "kellogg", True, now=1_000_100.0)
    admin.stats.record("search", "drones", False, now=1_000_200.0)
    report = text(admin.stats.report(now=1_000_300.0))
    assert "/quote: 2 / 2" in report
    assert "/quote kellogg — 2" in report
    assert "Found nothing (what the base lacks):\n/search drones — 1" in report
    old = text(admin.stats.report(now=1_000_300.0 + 8 * 24 * 3600))
    assert old == "No lookups yet this week"


def test_stats_stay_bounded() -> None:
    from bot.stats import MAX_KEYS_PER_BUCKET, LookupStats

    stats = LookupStats()
    for number in range(5000):
        stats.record("search", f"query {number}", False, now=1_000_000.0)
    bucket = next(iter(stats._buckets.values()))
    assert len(bucket.queries) <= MAX_KEYS_PER_BUCKET


def test_slugs_are_readable_unique_and_bounded() -> None:
    made = slug("Keith Kellogg We need — something!", set(), "x")
    assert made == "keith-kellogg-we-need-something"
    assert slug("Same", {"same"}, "x") == "same-2"
    assert slug("日本語", set(), "fact") == "fact"
    assert len(slug("word " * 100, set(), "x")) <= 48


def test_stats_keep_no_lone_surrogates() -> None:
    """Regression (deep fuzzing): /stats echoed a recorded query Telegram cannot carry."""
    from bot.stats import LookupStats

    stats = LookupStats()
    stats.record("search", "bad \ud800 query", False, now=1_000_000.0)
    shown = text(stats.report(now=1_000_000.0))
    assert "/search bad \ufffd query — 1" in shown
    assert shown.encode("utf-8")


async def test_history_of_a_huge_argument_fits_in_a_message(admin: Admin) -> None:
    """Regression (deep fuzzing): /history echoed a 4,000-character argument in its title."""
    from bot.layout import MESSAGE_LIMIT, visible_length

    result = await run(admin, OWNER, "history", "x<&>" * 1100)
    assert visible_length(text(result)) < MESSAGE_LIMIT
    for number in range(30):
        await run(admin, OWNER, "edit", f"no-comment text {'long words ' * 40}{number}")
    assert visible_length(text(await run(admin, OWNER, "history", ""))) < MESSAGE_LIMIT


async def test_a_refused_quote_adds_no_new_speaker(admin: Admin) -> None:
    """Regression (deep fuzzing): the new person was stored before the quote was refused."""
    before = on_disk(admin.base.store.path)
    result = await run(admin, EDITOR, "addquote", "+Brand New Speaker | bad\x07quote")
    assert result.title.startswith("quote: must not contain control character U+0007")
    assert on_disk(admin.base.store.path) == before
    assert admin.base.index.resolve_people("brand new speaker").people == []


async def test_an_editors_synonym_finds_its_meaning_at_once_and_after_a_restart(
        admin: Admin, db_path: Path) -> None:
    assert answer(admin.base, "hiatus").status == "not_found"
    added = await run(admin, EDITOR, "synonym", "hiatus | ceasefire")
    assert added.title == "Readers' “hiatus” now finds “ceasefire”"
    assert "ceasefire-uncertain" in [entry.item_id
                                     for entry in answer(admin.base, "hiatus").entries]
    admin.base.close()
    reopened = FactBase.open(db_path, FACTS_DIR, SEEDS_DIR)
    try:
        assert "ceasefire-uncertain" in [entry.item_id
                                         for entry in answer(reopened, "hiatus").entries]
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ("hiatus", "split by |"),
        ("hiatus | qubits", "no item holds “qubits”"),
        ("truce | war", "“truce” already means"),
        ("one two three four five | ceasefire", "1 to 4 words"),
    ],
)
async def test_a_synonym_that_cannot_help_is_refused_in_one_line(
        admin: Admin, args: str, problem: str) -> None:
    result = await run(admin, EDITOR, "synonym", args)
    assert result.status == "usage"
    assert problem in result.title
    assert admin.base.store.state().get("glossary") is None


async def test_only_editors_may_teach_synonyms(admin: Admin) -> None:
    result = await run(admin, STRANGER, "synonym", "hiatus | ceasefire")
    assert result.status == "refused"
