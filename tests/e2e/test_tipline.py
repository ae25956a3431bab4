"""The tipline against the real `factbot run` process: a follower gets exactly one message per
new item, also for an item added by `factbot admin` while the bot was stopped (queued on disk,
sent after the restart); answers reach the askers; the channel gets one batched card."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import User

from tests.e2e import shapes
from tests.e2e.conftest import BotProcess
from tests.e2e.double import TOKEN, BotAPIDouble
from tests.e2e.test_maintenance import factbot

pytestmark = pytest.mark.slow
"""Real processes, timeouts or many writes: left out of the inner loop (`-m "not slow"`)."""

BEN = User(id=5002, first_name="Ben", is_bot=False)
CHANNEL = -1006006006006
NEWS = "🔔 New about “Keith Kellogg”"


@pytest.fixture
async def bot(double: BotAPIDouble, tmp_path: Path) -> AsyncIterator[BotProcess]:
    """The bot with a channel for its digest; it must exit cleanly with a clean log."""
    process = BotProcess(double, tmp_path, FACTBOT_ADMIN_IDS="4242",
                         FACTBOT_CHANNEL_ID=str(CHANNEL), FACTBOT_DIGEST_SECONDS="1")
    await process.start()
    yield process
    assert await process.stop() == 0
    log = process.log()
    assert "Traceback" not in log, log
    assert " ERROR " not in log, log
    assert TOKEN not in log
    assert double.refused() == [], f"Telegram would have refused: {double.refused()}"


def count(double: BotAPIDouble, chat: int, text: str) -> int:
    return sum(text in shown for shown in double.texts_to(chat))


async def test_followers_get_one_message_per_item_across_a_restart(
    double: BotAPIDouble, bot: BotProcess,
) -> None:
    ann, ben = shapes.USER.id, BEN.id
    double.inject(shapes.message("/follow kellogg"))
    double.inject(shapes.message("/follow kellogg", user=BEN))
    await double.wait_for(lambda: bool(double.texts_to(ann)) and bool(double.texts_to(ben)))
    admin_chat = shapes.private_chat(shapes.ADMIN)
    double.inject(shapes.message("/addquote Kellogg | The talks go on | unverified",
                                 admin_chat, shapes.ADMIN))
    await double.wait_for(lambda: count(double, ann, NEWS) == 1 and count(double, ben, NEWS) == 1)
    assert await bot.stop() == 0
    code, out, err = await factbot(bot, "admin", "--as", "4242",
                                   "/addquote Kellogg | Written while the bot slept | unverified")
    assert (code, err) == (0, ""), err
    assert "2 following readers will hear of it." in out
    polled = len(double.calls_to("getUpdates"))
    await bot.start()
    await double.wait_for(lambda: len(double.calls_to("getUpdates")) > polled)
    slept = "Written while the bot slept"
    await double.wait_for(lambda: count(double, ann, slept) == 1 and count(double, ben, slept) == 1)
    double.inject(shapes.message("/following"))
    await double.wait_for(lambda: count(double, ann, "You follow 1 thing") == 1)
    assert count(double, ann, NEWS) == 2
    assert count(double, ben, NEWS) == 2


async def test_questions_answers_and_the_channel_digest(double: BotAPIDouble,
                                                        bot: BotProcess) -> None:
    ann = shapes.USER.id
    admin_chat = shapes.private_chat(shapes.ADMIN)
    double.inject(shapes.message("/ask Will the talks move to Riyadh?"))
    double.inject(shapes.message("/ask will the talks move to riyadh", user=BEN))
    await double.wait_for(lambda: bool(double.texts_to(ann)) and bool(double.texts_to(BEN.id)))
    double.inject(shapes.message("/inbox", admin_chat, shapes.ADMIN))
    await double.wait_for(lambda: len(double.texts_to(shapes.ADMIN.id)) == 1)
    assert "q1 · 2 readers" in double.texts_to(shapes.ADMIN.id)[0]
    double.inject(shapes.message("/reply q1 Not decided yet: both capitals are <possible>.",
                                 admin_chat, shapes.ADMIN))
    answered = "The editors answered your question"
    await double.wait_for(lambda: count(double, ann, answered) == 1
                          and count(double, BEN.id, answered) == 1)
    assert "Not decided yet: both capitals are <possible>." in double.texts_to(ann)[-1]
    for text in ("/addfact Delegations meet in Riyadh | unverified",
                 "/addfact Talks resume on Monday | unverified"):
        double.inject(shapes.message(text, admin_chat, shapes.ADMIN))
    await double.wait_for(lambda: bool(double.texts_to(CHANNEL)))
    [card] = double.texts_to(CHANNEL)
    assert card.startswith("New in the fact base: 2 items")
