"""The bot in private chats, groups, forum topics and channels; buttons; edits; errors."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

from tests.support.offline import BOT_USERNAME
from tests.support.telegram_rules import parse_html
from tests.support.updates import CHANNEL, FORUM, GROUP, PRIVATE
from tests.telegram.conftest import Harness


def last_message(harness: Harness) -> dict[str, Any]:
    return harness.api.sent()[-1]


def visible(params: dict[str, Any]) -> str:
    return parse_html(params["text"])[0]


def buttons(params: dict[str, Any]) -> list[tuple[str, str]]:
    markup = params.get("reply_markup") or {"inline_keyboard": []}
    return [(b["text"], b["callback_data"]) for row in markup["inline_keyboard"] for b in row]


def as_message(params: dict[str, Any], message_id: int) -> dict[str, Any]:
    """The bot's sent message as a callback query carries it."""
    return {"message_id": message_id, "date": 0, "chat": PRIVATE, "text": visible(params),
            "from": {"id": 1, "is_bot": True, "first_name": "factbot"},
            "reply_markup": params.get("reply_markup")}


async def test_private_command_gets_an_html_answer_with_citation(harness: Harness) -> None:
    await harness.send(harness.updates.message("/quote kellogg"))
    sent = last_message(harness)
    assert sent["chat_id"] == PRIVATE["id"]
    assert sent["parse_mode"] == "HTML"
    assert "<b>Quotes from Keith Kellogg</b>" in sent["text"]
    assert "“We need to create something completely new”" in visible(sent)
    assert "Reuters via Defence Talks, 13 Mar 2025" in visible(sent)
    assert ("📄 1", "e|0|kellogg-something-new") in buttons(sent)


async def test_private_plain_text_is_searched(harness: Harness) -> None:
    await harness.send(harness.updates.message("ceasefire"))
    assert visible(last_message(harness)).startswith("Results for “ceasefire”")


async def test_start_and_help_explain_the_commands(harness: Harness) -> None:
    await harness.send(harness.updates.message("/start"))
    start = last_message(harness)
    assert "/quote kellogg" in visible(start)
    assert ("Russia’s demands", "r|0|/demands") in buttons(start)
    await harness.send(harness.updates.message("/help"))
    assert "/timeline [year|topic]" in visible(last_message(harness))


async def test_start_deep_link_opens_that_answer(harness: Harness) -> None:
    await harness.send(harness.updates.message("/start quote-kellogg"))
    assert visible(last_message(harness)).startswith("Quotes from Keith Kellogg")


async def test_group_command_addressed_to_the_bot_is_answered_as_a_reply(
    harness: Harness,
) -> None:
    update = harness.updates.message(f"/quote@{BOT_USERNAME} kellogg", GROUP)
    await harness.send(update)
    sent = last_message(harness)
    assert sent["chat_id"] == GROUP["id"]
    assert sent["reply_parameters"]["message_id"] == update.effective_message.message_id
    assert "Keith Kellogg" in visible(sent)


async def test_group_command_for_another_bot_and_chatter_are_ignored(harness: Harness) -> None:
    await harness.send(harness.updates.message("/quote@some_other_bot kellogg", GROUP))
    await harness.send(harness.updates.message("kellogg said what now?", GROUP))
    await harness.send(harness.updates.message("/unknowncommand", GROUP))
    assert harness.api.sent() == []


async def test_forum_topic_answer_stays_in_the_topic(harness: Harness) -> None:
    await harness.send(harness.updates.message("/demands istanbul", FORUM, thread_id=77))
    sent = last_message(harness)
    assert sent["message_thread_id"] == 77
    assert "Istanbul talks (2022)" in visible(sent)


async def test_channel_post_command_gets_a_reply_post(harness: Harness) -> None:
    update = harness.updates.message("/who stent", CHANNEL)
    await harness.send(update)
    sent = last_message(harness)
    assert sent["chat_id"] == CHANNEL["id"]
    assert sent["reply_parameters"]["message_id"] == update.effective_message.message_id
    assert "Angela Stent" in visible(sent)


async def test_unknown_command_in_private_points_to_the_right_one(harness: Harness) -> None:
    await harness.send(harness.updates.message("/qoute kellogg"))
    sent = last_message(harness)
    assert "I don’t know the command /qoute" in visible(sent)
    assert ("/quote", "r|0|/quote kellogg") in buttons(sent)


async def test_long_answers_are_paged_and_pages_turn_in_place(harness: Harness) -> None:
    await harness.send(harness.updates.message("/timeline"))
    first = last_message(harness)
    assert visible(first).startswith("Timeline · 1/3")
    assert ("▶", "p|1|/timeline") in buttons(first)
    await harness.send(harness.updates.press("p|1|/timeline", as_message(first, 5001)))
    [edit] = harness.api.sent("editMessageText")
    assert edit["message_id"] == 5001
    assert visible(edit).startswith("Timeline · 2/3")
    assert "6. " in visible(edit)
    assert ("◀", "p|0|/timeline") in buttons(edit)
    assert len(harness.api.sent("answerCallbackQuery")) == 1


async def test_a_suggestion_button_answers_as_if_typed(harness: Harness) -> None:
    await harness.send(harness.updates.message("/quote envoy"))
    first = last_message(harness)
    assert ("Steve Witkoff", "r|0|/quote witkoff") in buttons(first)
    await harness.send(harness.updates.press("r|0|/quote witkoff", as_message(first, 5001)))
    assert visible(last_message(harness)).startswith("Quotes from Steve Witkoff")


async def test_the_evidence_button_shows_the_verbatim_sentences(harness: Harness) -> None:
    await harness.send(harness.updates.message("/quote stent"))
    first = last_message(harness)
    await harness.send(harness.updates.press("e|0|stent-no-concessions", as_message(first, 5001)))
    sent = last_message(harness)
    assert "<blockquote>Angela Stent, a senior fellow" in sent["text"]
    assert "Source: “Russia hands US list of demands" in visible(sent)


async def test_forged_stale_and_noop_buttons_are_all_answered(harness: Harness) -> None:
    message = as_message({"text": "x"}, 5001)
    for data in ("garbage", "p|x|/help", "p|0|#deadbeefdeadbeef", "z|0|", "n|0|"):
        await harness.send(harness.updates.press(data, message))
    answers = harness.api.sent("answerCallbackQuery")
    assert len(answers) == 5
    assert [a.get("text") for a in answers[:4]] == ["This button has expired. Send the command"
                                                    " again."] * 4
    assert harness.api.sent() == []


async def test_a_button_on_an_inline_message_is_answered(harness: Harness) -> None:
    await harness.send(harness.updates.press("p|1|/timeline", None))
    assert len(harness.api.sent("answerCallbackQuery")) == 1


async def test_an_edited_command_edits_the_earlier_reply(harness: Harness) -> None:
    update = harness.updates.message("/quote kellogg")
    await harness.send(update)
    reply_id = 5001
    original = harness.updates.message_dict("/quote kellogg",
                                            message_id=update.effective_message.message_id)
    await harness.send(harness.updates.edited(original, "/quote stent"))
    [edit] = harness.api.sent("editMessageText")
    assert edit["message_id"] == reply_id
    assert visible(edit).startswith("Quotes from Angela Stent")
    assert len(harness.api.sent()) == 1


async def test_an_edit_that_changes_nothing_is_not_an_error(harness: Harness) -> None:
    update = harness.updates.message("/quote kellogg")
    await harness.send(update)
    original = harness.updates.message_dict("/quote kellogg",
                                            message_id=update.effective_message.message_id)
    await harness.send(harness.updates.edited(original, "/quote  kellogg"))
    assert len(harness.api.sent("editMessageText")) == 1


async def test_errors_are_reported_briefly_and_to_the_error_chat(harness: Harness) -> None:
    async def boom(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        raise RuntimeError("kaboom <secret> & details")

    harness.app.add_handler(CommandHandler("boom", boom), group=-1)
    await harness.send(harness.updates.message("/boom"))
    by_chat = {params["chat_id"]: params for params in harness.api.sent()}
    user_reply, report = by_chat[PRIVATE["id"]], by_chat[-100777]
    sorry = [p for p in harness.api.sent() if visible(p).startswith("Sorry, something went")]
    assert len(sorry) == 1
    assert "Traceback" not in visible(user_reply)
    assert "RuntimeError" in visible(report)
    assert "kaboom <secret> & details" in visible(report)


async def test_a_lone_surrogate_in_a_command_is_answered(harness: Harness) -> None:
    """Regression (deep fuzzing): a lone surrogate reached callback_data and crashed."""
    await harness.send(harness.updates.message("/demands \ud800"))
    sent = last_message(harness)
    assert visible(sent).startswith("Russia’s demands · 1/3")
    [(_, data)] = [button for button in buttons(sent) if button[0] == "▶"]
    assert data.startswith("p|1|#")
