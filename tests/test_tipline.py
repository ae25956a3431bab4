"""The tipline in the core: questions merged and limited, answers queued for every asker,
follows matched against added and changed items, the channel digest, /forgetme, and the
outgoing queue on disk across a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.factbase import FactBase
from bot.inbox import MAX_OPEN_PER_READER
from bot.layout import PLAIN, render_all
from bot.notices import notice
from bot.outbox import ANSWER, DIGEST, FOLLOW
from bot.roles import Admin
from bot.store import FactStore
from bot.tipline import Tipline
from tests.conftest import FACTS_DIR, SEEDS_DIR, on_disk
from tests.support.commands import run, tip_run

OWNER, ANN, BEN, CAT = 42, 1001, 2002, 3003
CHANNEL = -1009


@pytest.fixture
async def admin(factbase: FactBase) -> Admin:
    tipline = Tipline(factbase, channel=CHANNEL, digest_delay=60)
    return Admin(factbase, frozenset({OWNER}), FACTS_DIR, SEEDS_DIR, tipline=tipline)


def reopened(db_path: Path) -> tuple[FactBase, Tipline]:
    base = FactBase.open(db_path, FACTS_DIR, SEEDS_DIR)
    return base, Tipline(base, channel=CHANNEL)


async def test_similar_questions_merge_with_a_count_and_reach_the_inbox(admin: Admin) -> None:
    tip = admin.tipline
    first = await tip_run(tip, ANN, "ask", "What did Zelensky say about elections?", "en")
    assert first.title == "Sent to the editors"
    await tip_run(tip, BEN, "ask", "what has zelensky said about the election", "ru")
    await tip_run(tip, CAT, "ask", "Is a <b>ceasefire</b> & truce signed?", "en")
    listing = render_all(await run(admin, OWNER, "inbox", ""), PLAIN)
    assert "Questions from readers: 2 open" in listing
    assert "q1 · 2 readers" in listing
    assert "q2 · 1 reader" in listing
    assert "“Is a <b>ceasefire</b> & truce signed?”" in listing
    assert listing.index("q2") < listing.index("q1"), "newest first"
    assert str(ANN) not in listing
    assert str(BEN) not in listing


async def test_one_reader_asking_again_merges_and_their_open_questions_are_limited(
    admin: Admin,
) -> None:
    tip = admin.tipline
    await tip_run(tip, ANN, "ask", "When do the talks in Jeddah resume?", "en")
    again = await tip_run(tip, ANN, "ask", "when do talks in jeddah resume", "en")
    assert again.title == "You have already asked this"
    assert len(tip.inbox.open_questions()) == 1
    for number in range(MAX_OPEN_PER_READER - 1):
        await tip_run(tip, ANN, "ask", f"Question number {number} about sanctions relief", "en")
    refused = await tip_run(tip, ANN, "ask", "Who pays for the reconstruction?", "en")
    assert refused.status == "refused"
    assert refused.title == f"You already have {MAX_OPEN_PER_READER} questions waiting for" \
                            " the editors"


async def test_answering_with_an_item_queues_one_answer_per_asker(admin: Admin) -> None:
    tip = admin.tipline
    await tip_run(tip, ANN, "ask", "what did kellogg say about istanbul", "en")
    await tip_run(tip, BEN, "ask", "What did Kellogg say about Istanbul?", "uk")
    picker = await run(admin, OWNER, "pick", "q1")
    assert ("/answer q1 kellogg-something-new" in
            [suggestion.command for suggestion in picker.suggestions])
    done = await run(admin, OWNER, "answer", "q1 kellogg-something-new")
    assert done.title == "Answered q1 with kellogg-something-new"
    queued = tip.outbox.pending()
    assert sorted(entry["chat"] for entry in queued) == [ANN, BEN]
    assert {entry["kind"] for entry in queued} == {ANSWER}
    english = render_all(notice(admin.base, [queued[0]]), PLAIN)  # type: ignore[arg-type]
    assert english.startswith("The editors answered your question")
    assert "“We need to create something completely new”" in english
    assert "Reuters via Defence Talks, 13 Mar 2025" in english
    ukrainian = notice(admin.base, [queued[1]])
    assert ukrainian is not None
    assert ukrainian.lang == "uk"
    assert tip.inbox.open_questions() == []
    again = await run(admin, OWNER, "answer", "q1 kellogg-something-new")
    assert again.status == "not_found"
    assert len(tip.outbox.pending()) == 2


async def test_answering_in_words_and_by_adding_a_fact_and_dismissing(admin: Admin) -> None:
    tip = admin.tipline
    await tip_run(tip, ANN, "ask", "Has the Kremlin replied?", "en")
    await tip_run(tip, BEN, "ask", "Is Kellogg visiting Moscow?", "en")
    await tip_run(tip, CAT, "ask", "Any news on prisoner swaps?", "en")
    await run(admin, OWNER, "reply", "q1 Not yet: the sources <say> nothing & we are checking.")
    [words] = tip.outbox.pending(ANN)
    shown = render_all(notice(admin.base, [words]), PLAIN)  # type: ignore[arg-type]
    assert "Not yet: the sources <say> nothing & we are checking." in shown
    assert "— the editors, " in shown
    asked = await run(admin, OWNER, "addanswer", "q2 Kellogg is not due in Moscow this month")
    unverified = asked.suggestions[-1].command
    assert unverified == "/addanswer q2 Kellogg is not due in Moscow this month | unverified"
    added = await run(admin, OWNER, "addanswer", unverified.removeprefix("/addanswer "))
    assert added.title.startswith("Added fact kellogg-is-not-due")
    assert "Answered q2 with kellogg-is-not-due" in render_all(added, PLAIN)
    [fact] = tip.outbox.pending(BEN)
    assert fact["item"].startswith("kellogg-is-not-due")
    dismissed = await run(admin, OWNER, "dismiss", "q3")
    assert dismissed.title == "Dismissed q3"
    assert tip.outbox.pending(CAT) == []
    assert tip.inbox.open_questions() == []


async def test_follows_match_people_topics_and_words_with_one_message_per_reader(
    admin: Admin,
) -> None:
    tip = admin.tipline
    following = await tip_run(tip, ANN, "follow", "kellogg", "en")
    assert following.title == "Following “Keith Kellogg”"
    await tip_run(tip, ANN, "follow", "ceasefire", "en")
    await tip_run(tip, BEN, "follow", "demands", "en")
    await tip_run(tip, CAT, "follow", "sanctions relief", "en")
    await run(admin, OWNER, "addquote", "Kellogg | A ceasefire must come first | unverified")
    assert [entry["chat"] for entry in tip.outbox.pending() if entry["kind"] == FOLLOW] == [ANN]
    await run(admin, OWNER, "adddemand", "Relief from sanctions on banks | unverified")
    follow_chats = sorted(entry["chat"] for entry in tip.outbox.pending()
                          if entry["kind"] == FOLLOW)
    assert follow_chats == [ANN, BEN, CAT]
    await run(admin, OWNER, "addfact", "--quiet The weather in Riyadh was mild | unverified")
    assert len([e for e in tip.outbox.pending() if e["kind"] == FOLLOW]) == 3
    news = next(e for e in tip.outbox.pending() if e["kind"] == FOLLOW)
    shown = render_all(notice(admin.base, [news]), PLAIN)  # type: ignore[arg-type]
    assert shown.startswith("🔔 New about “Keith Kellogg”")
    assert "“A ceasefire must come first”" in shown


async def test_an_edit_notifies_followers_and_following_lists_and_unfollow_stops(
    admin: Admin,
) -> None:
    tip = admin.tipline
    await tip_run(tip, ANN, "follow", "stent", "en")
    await tip_run(tip, ANN, "follow", "timeline", "en")
    listed = tip.follows.listing(ANN, "en")
    assert listed.body == ("🔔 Angela Stent", "🔔 timeline")
    await run(admin, OWNER, "edit", "stent-no-concessions context At Brookings")
    [news] = tip.outbox.pending(ANN)
    assert news["added"] is False
    stopped = await tip_run(tip, ANN, "unfollow", "Angela Stent", "en")
    assert stopped.title == "Stopped following “Angela Stent”"
    assert [row["label"] for row in tip.follows.of(ANN)] == ["timeline"]
    ambiguous = await tip_run(tip, BEN, "follow", "envoy", "en")
    assert ambiguous.status == "ambiguous"


async def test_channel_cards_are_batched_and_quiet_items_stay_out(admin: Admin) -> None:
    tip = admin.tipline
    await run(admin, OWNER, "addfact", "Talks resume on Monday | unverified")
    await run(admin, OWNER, "addfact", "--quiet A note for editors only | unverified")
    second = await run(admin, OWNER, "addfact", "Delegations meet in Riyadh | unverified")
    assert "/quiet delegations-meet-in-riyadh" in [s.command for s in second.suggestions]
    cards = [entry for entry in tip.outbox.pending() if entry["kind"] == DIGEST]
    assert [entry["item"] for entry in cards] == ["talks-resume-on-monday",
                                                  "delegations-meet-in-riyadh"]
    assert await tip.outbox.take(now=cards[0]["due"] - 1, limit=30) == []
    batch = await tip.outbox.take(now=cards[0]["due"], limit=30)
    assert [entry["item"] for entry in batch] == ["talks-resume-on-monday",
                                                  "delegations-meet-in-riyadh"]
    card = render_all(notice(admin.base, batch), PLAIN)  # type: ignore[arg-type]
    assert card.startswith("New in the fact base: 2 items")
    assert "↳ Reuters via Defence Talks, 13 Mar 2025 · unverified" in card
    await run(admin, OWNER, "addfact", "Another one for the channel | unverified")
    withdrawn = await run(admin, OWNER, "quiet", "another-one-for-the-channel")
    assert withdrawn.title == "another-one-for-the-channel stays out of the channel"
    assert [e for e in tip.outbox.pending() if not e["taken"]] == []


async def test_forgetme_removes_everything_about_the_reader(admin: Admin, db_path: Path) -> None:
    tip = admin.tipline
    await tip_run(tip, ANN, "ask", "Is a summit planned?", "en")
    await tip_run(tip, BEN, "ask", "is a summit planned", "en")
    await tip_run(tip, ANN, "ask", "Who is Dmitriev?", "en")
    await tip_run(tip, ANN, "follow", "kellogg", "en")
    await tip_run(tip, BEN, "follow", "kellogg", "en")
    await run(admin, OWNER, "addquote", "Kellogg | Peace is near | unverified")
    gone = await tip_run(tip, ANN, "forgetme", "", "en")
    assert "Questions to the editors: 2; follows: 1; messages waiting to be sent: 1." in \
        gone.body[0]
    assert tip.follows.of(ANN) == []
    assert tip.outbox.pending(ANN) == []
    assert [len(q["askers"]) for q in tip.inbox.open_questions()] == [1]
    admin.base.close()
    stored = on_disk(db_path).decode()
    assert str(ANN) not in stored
    assert str(BEN) in stored


async def test_the_queue_survives_a_restart_and_taken_entries_are_never_sent_twice(
    admin: Admin, db_path: Path,
) -> None:
    tip = admin.tipline
    for user in (ANN, BEN, CAT):
        await tip_run(tip, user, "follow", "kellogg", "en")
    await run(admin, OWNER, "addquote", "Kellogg | We will talk again | unverified")
    taken = await tip.outbox.take(now=2e9, limit=1)
    assert [entry["chat"] for entry in taken] == [ANN]
    admin.base.close()
    base, after = reopened(db_path)
    try:
        assert await after.outbox.recover() == 1
        assert [entry["chat"] for entry in after.outbox.pending()
                if entry["kind"] == FOLLOW] == [BEN, CAT]
        assert [row["user"] for row in after.follows.followers(
            base, base.items["keith-kellogg-we-will-talk-again"]).values()] == [ANN, BEN, CAT]
        batch = await after.outbox.take(now=2e9, limit=30)
        await after.outbox.finish(entry["id"] for entry in batch)
        assert after.outbox.pending() == []
    finally:
        base.close()


async def test_reader_data_is_not_exported(admin: Admin, db_path: Path) -> None:
    await tip_run(admin.tipline, ANN, "follow", "kellogg", "en")
    await tip_run(admin.tipline, ANN, "ask", "Where is the summit?", "en")
    exported = await admin.base.export()
    assert not {"follows", "questions", "outbox"} & set(exported)
    admin.base.close()
    store = FactStore(db_path, read_only=True)
    assert list(store.records("follows")) == [f"{ANN}:person:keith-kellogg"]
