"""Ask the editors and follow the story, through the real Application on the offline Bot API:
questions from a private chat and from a group reach /inbox, similar ones merge, answers and
news reach every reader once (after a restart too), a reader who blocked the bot is dropped,
the channel gets one batched card, and /forgetme leaves nothing about the reader."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot.factbase import FactBase
from bot.telegram.app import BotApplication, build_application
from tests.conftest import on_disk
from tests.support.offline import BOT_USERNAME, TOKEN, OfflineBotAPI
from tests.support.telegram_rules import parse_html
from tests.support.updates import GROUP, OTHER_USER, PRIVATE, USER, Updates, person, private_with
from tests.telegram.conftest import make_settings, running

OWNER = person(42, "Olga")
OWNER_CHAT = private_with(OWNER)
BEN = OTHER_USER
BEN_CHAT = private_with(BEN)
CHANNEL = -1005005005005


class Bot:
    """The application, its offline API and updates, with helpers to wait for messages."""

    def __init__(self, app: BotApplication, api: OfflineBotAPI) -> None:
        self.app, self.api, self.updates = app, api, Updates(app.bot)

    async def send(self, update: Any) -> None:
        await self.app.process_update(update)

    def to(self, chat: int) -> list[dict[str, Any]]:
        return [params for params in self.api.sent() if int(params["chat_id"]) == chat]

    def texts(self, chat: int) -> list[str]:
        return [parse_html(params["text"])[0] for params in self.to(chat)]

    async def wait(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, "timed out"
            await asyncio.sleep(0.05)

    def button(self, params: dict[str, Any], label: str) -> str:
        markup = params.get("reply_markup") or {"inline_keyboard": []}
        for row in markup["inline_keyboard"]:
            for button in row:
                if label in button["text"]:
                    return str(button["callback_data"])
        raise AssertionError(f"no button {label!r} in {markup}")

    async def press(self, params: dict[str, Any], label: str,
                    user: dict[str, Any] = USER) -> None:
        chat = {"id": int(params["chat_id"]), "type": "private" if int(params["chat_id"]) > 0
                else "group", "title": "x", "first_name": "x"}
        message = {"message_id": 1, "date": 0, "chat": chat, "text": "x",
                   "reply_markup": params.get("reply_markup")}
        await self.send(self.updates.press(self.button(params, label), message, user))


def build(factbase: FactBase, api: OfflineBotAPI, **settings: str) -> BotApplication:
    return build_application(make_settings(FACTBOT_ADMIN_IDS="42", **settings), factbase,
                             token=TOKEN, request=api)


@pytest.fixture
async def bot(factbase: FactBase) -> AsyncIterator[Bot]:
    api = OfflineBotAPI()
    app = build(factbase, api, FACTBOT_CHANNEL_ID=str(CHANNEL), FACTBOT_DIGEST_SECONDS="0.5")
    async with running(app):
        yield Bot(app, api)
    assert api.violations == [], "an outgoing call broke Telegram's rules"


async def test_private_and_group_questions_reach_the_inbox_merged_with_a_count(bot: Bot) -> None:
    await bot.send(bot.updates.message("who pays for the reconstruction of kharkiv"))
    nothing = bot.to(PRIVATE["id"])[-1]
    assert bot.texts(PRIVATE["id"])[-1].startswith("Nothing found")
    await bot.press(nothing, "✉️ Ask the editors")
    assert bot.texts(PRIVATE["id"])[-1].startswith("Sent to the editors")

    await bot.send(bot.updates.message(f"/search@{BOT_USERNAME} reconstruction of Kharkiv: who"
                                       " pays?", GROUP, user=BEN))
    in_group = bot.to(GROUP["id"])[-1]
    await bot.press(in_group, "✉️ Ask the editors", user=BEN)
    [link] = [params["url"] for params in bot.api.sent("answerCallbackQuery")
              if "url" in params]
    assert link.startswith(f"https://t.me/{BOT_USERNAME}?start=tip-")
    assert bot.to(BEN_CHAT["id"]) == [], "nothing is sent before the member confirms"
    start = "/start " + link.split("start=", 1)[1]
    await bot.send(bot.updates.message(start, BEN_CHAT, user=BEN))
    confirm = bot.to(BEN_CHAT["id"])[-1]
    assert bot.texts(BEN_CHAT["id"])[-1].startswith("Send this question to the editors?")
    await bot.press(confirm, "✉️ Send it", user=BEN)
    assert bot.texts(BEN_CHAT["id"])[-1].startswith("Sent to the editors")

    await bot.send(bot.updates.message("/inbox", OWNER_CHAT, user=OWNER))
    inbox = bot.texts(OWNER_CHAT["id"])[-1]
    assert "Questions from readers: 1 open" in inbox
    assert "q1 · 2 readers" in inbox
    assert "Ann" not in inbox
    assert str(BEN["id"]) not in inbox


@pytest.mark.slow
async def test_an_answer_by_item_reaches_every_asker_once(bot: Bot) -> None:
    await bot.send(bot.updates.message("/ask What did Kellogg say about Istanbul?"))
    await bot.send(bot.updates.message("/ask what did kellogg say about istanbul", BEN_CHAT,
                                       user=BEN))
    await bot.send(bot.updates.message("/inbox", OWNER_CHAT, user=OWNER))
    await bot.press(bot.to(OWNER_CHAT["id"])[-1], "🔎 q1", user=OWNER)
    picker = bot.to(OWNER_CHAT["id"])[-1]
    assert bot.texts(OWNER_CHAT["id"])[-1].startswith("Answer q1 with an item")
    await bot.press(picker, ". kellogg-something-new", user=OWNER)
    assert bot.texts(OWNER_CHAT["id"])[-1].startswith("Answered q1 with kellogg-something-new")
    for chat in (PRIVATE["id"], BEN_CHAT["id"]):
        await bot.wait(lambda chat=chat: any(text.startswith("The editors answered")
                                             for text in bot.texts(chat)))
    await asyncio.sleep(1.5)
    for chat in (PRIVATE["id"], BEN_CHAT["id"]):
        answers = [text for text in bot.texts(chat) if text.startswith("The editors answered")]
        assert len(answers) == 1
        assert "“We need to create something completely new”" in answers[0]
        assert "Reuters via Defence Talks, 13 Mar 2025" in answers[0]


async def test_an_answer_by_adding_an_item_reaches_the_asker(bot: Bot) -> None:
    await bot.send(bot.updates.message("/ask Is Kellogg going to Moscow?"))
    await bot.send(bot.updates.message(
        "/addanswer q1 Kellogg has no plans to visit Moscow | unverified", OWNER_CHAT,
        user=OWNER))
    assert "Answered q1 with" in bot.texts(OWNER_CHAT["id"])[-1]
    await bot.wait(lambda: any("Kellogg has no plans to visit Moscow" in text
                               for text in bot.texts(PRIVATE["id"])))


@pytest.mark.slow
async def test_followers_get_exactly_one_message_each_and_after_a_restart_too(
    factbase: FactBase,
) -> None:
    api = OfflineBotAPI()
    app = build(factbase, api)
    async with running(app):
        bot = Bot(app, api)
        await bot.send(bot.updates.message("/follow kellogg"))
        assert bot.texts(PRIVATE["id"])[-1].startswith("Following “Keith Kellogg”")
        await bot.send(bot.updates.message("/follow ceasefire"))
        await bot.send(bot.updates.message("/follow kellogg", BEN_CHAT, user=BEN))
        await bot.send(bot.updates.message("/addquote Kellogg | A ceasefire comes first |"
                                           " unverified", OWNER_CHAT, user=OWNER))
        news = "🔔 New about “Keith Kellogg”"
        for chat in (PRIVATE["id"], BEN_CHAT["id"]):
            await bot.wait(lambda chat=chat: any(t.startswith(news) for t in bot.texts(chat)))
        await asyncio.sleep(1.5)
        assert [t.startswith(news) for t in bot.texts(PRIVATE["id"])].count(True) == 1
        assert [t.startswith(news) for t in bot.texts(BEN_CHAT["id"])].count(True) == 1
    again = OfflineBotAPI()
    restarted = build(factbase, again)
    async with running(restarted):
        bot = Bot(restarted, again)
        await bot.send(bot.updates.message("/following", BEN_CHAT, user=BEN))
        assert "🔔 Keith Kellogg" in bot.texts(BEN_CHAT["id"])[-1]
        await bot.send(bot.updates.message("/addquote Kellogg | Talks go on | unverified",
                                           OWNER_CHAT, user=OWNER))
        for chat in (PRIVATE["id"], BEN_CHAT["id"]):
            await bot.wait(lambda chat=chat: any("“Talks go on”" in t for t in bot.texts(chat)))
        await asyncio.sleep(1.5)
        assert ["“Talks go on”" in t for t in bot.texts(PRIVATE["id"])].count(True) == 1
        await bot.send(bot.updates.message("/unfollow all", BEN_CHAT, user=BEN))
        assert bot.texts(BEN_CHAT["id"])[-1].startswith("Stopped following")


async def test_a_reader_who_blocked_the_bot_is_dropped(bot: Bot) -> None:
    await bot.send(bot.updates.message("/follow kellogg", BEN_CHAT, user=BEN))
    await bot.send(bot.updates.message("/follow kellogg"))
    bot.api.blocked.add(BEN["id"])
    await bot.send(bot.updates.message("/addquote Kellogg | We keep talking | unverified",
                                       OWNER_CHAT, user=OWNER))
    tipline = bot.app.services.admin.tipline
    await bot.wait(lambda: tipline.follows.of(BEN["id"]) == [])
    assert [row["label"] for row in tipline.follows.of(USER["id"])] == ["Keith Kellogg"]
    await bot.wait(lambda: any("We keep talking" in t for t in bot.texts(PRIVATE["id"])))


@pytest.mark.slow
async def test_the_channel_gets_one_batched_card_and_quiet_items_stay_out(bot: Bot) -> None:
    for text in ("/addfact Delegations meet in Riyadh | unverified",
                 "/addfact --quiet An internal note | unverified",
                 "/addfact Talks resume on Monday | unverified"):
        await bot.send(bot.updates.message(text, OWNER_CHAT, user=OWNER))
    await bot.wait(lambda: bool(bot.to(CHANNEL)))
    await asyncio.sleep(1.0)
    [card] = bot.texts(CHANNEL)
    assert card.startswith("New in the fact base: 2 items")
    assert "Delegations meet in Riyadh" in card
    assert "Talks resume on Monday" in card
    assert "An internal note" not in card


async def test_forgetme_removes_everything_about_the_reader(bot: Bot, factbase: FactBase) -> None:
    await bot.send(bot.updates.message("/ask Is a summit planned?"))
    await bot.send(bot.updates.message("/follow kellogg"))
    await bot.send(bot.updates.message("/quote kellogg"))
    await bot.send(bot.updates.message("/forgetme"))
    assert bot.texts(PRIVATE["id"])[-1].startswith("I have deleted everything I kept about you")
    stored = on_disk(factbase.store.path).decode()
    user = USER["id"]
    for trace in (f'"{user}"', f'"user":{user}', f'"chat":{user}', f"chat:{user}",
                  f"user:{user}", f"{user}:person"):
        assert trace not in stored


async def test_inbox_buttons_open_the_answer_dialogues_with_the_question_given(bot: Bot) -> None:
    await bot.send(bot.updates.message("/ask Has the Kremlin replied yet?"))
    await bot.send(bot.updates.message("/ask Will Kellogg go to Moscow?", BEN_CHAT, user=BEN))
    await bot.send(bot.updates.message("/ask Is a summit planned?", BEN_CHAT, user=BEN))
    await bot.send(bot.updates.message("/inbox", OWNER_CHAT, user=OWNER))
    inbox = bot.to(OWNER_CHAT["id"])[-1]
    await bot.press(inbox, "✍️ q1", user=OWNER)
    assert bot.texts(OWNER_CHAT["id"])[-1].startswith(
        "Answering q1: “Has the Kremlin replied yet?”")
    await bot.send(bot.updates.message("Not yet: the sources say nothing.", OWNER_CHAT,
                                       user=OWNER))
    assert bot.texts(OWNER_CHAT["id"])[-1].startswith("Answered q1 in words")
    await bot.wait(lambda: any("Not yet: the sources say nothing." in text
                               for text in bot.texts(PRIVATE["id"])))
    await bot.press(inbox, "➕ q2", user=OWNER)
    assert bot.texts(OWNER_CHAT["id"])[-1].startswith("Answering q2: “Will Kellogg go")
    await bot.send(bot.updates.message("Kellogg has no plans to visit Moscow | unverified",
                                       OWNER_CHAT, user=OWNER))
    assert "Answered q2 with" in bot.texts(OWNER_CHAT["id"])[-1]
    await bot.wait(lambda: any("Kellogg has no plans to visit Moscow" in text
                               for text in bot.texts(BEN_CHAT["id"])))
    await bot.press(inbox, "✍️ q3", user=BEN)
    assert bot.texts(OWNER_CHAT["id"])[-1] == "Only the bot's editors can use /reply."
