"""What the bot remembers across a restart, and what it keeps apart: dialogues per chat."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.factbase import FactBase
from bot.store import FactStore
from bot.telegram import state
from bot.telegram.app import build_application
from tests.conftest import FACTS_DIR, SEEDS_DIR
from tests.support.offline import TOKEN, OfflineBotAPI
from tests.support.updates import GROUP, PRIVATE, Updates, person, private_with
from tests.telegram.conftest import Harness, make_settings, running
from tests.telegram.test_handlers import as_message, buttons, visible

OWNER, EDITOR = person(42, "Olga"), person(77, "Ed")
LONG_SEARCH = "/search russia russia russia russia russia russia russia russia"


@asynccontextmanager
async def bot_on(path: Path, **options: Any) -> AsyncIterator[Harness]:
    """The bot on the database at `path`, from start-up to a clean shutdown."""
    base = FactBase.open(path, FACTS_DIR, SEEDS_DIR)
    if not base.store.editors():
        base.store.set_editor(EDITOR["id"], actor=OWNER["id"], granted=True)
    api = OfflineBotAPI()
    app = build_application(make_settings(FACTBOT_ADMIN_IDS=str(OWNER["id"])), base,
                            token=TOKEN, request=api, **options)
    try:
        async with running(app):
            yield Harness(app, api, Updates(app.bot))
    finally:
        base.close()
    assert api.violations == []


async def test_a_dialogue_continues_after_a_restart(db_path: Path) -> None:
    chat = private_with(EDITOR)
    async with bot_on(db_path) as bot:
        await bot.send(bot.updates.message("/addfact", chat, user=EDITOR))
        assert bot.api.texts()[-1].startswith("New fact — step 1 of 1: text")
    async with bot_on(db_path) as bot:
        await bot.send(bot.updates.message("The fact after restart | unverified", chat,
                                           user=EDITOR))
        assert bot.api.texts()[-1].startswith("Added fact")
        await bot.send(bot.updates.message("/search fact after restart"))
        assert "The fact after restart" in bot.api.texts()[-1]


async def test_a_dialogue_older_than_the_timeout_ends_after_a_restart(db_path: Path) -> None:
    chat = private_with(EDITOR)
    async with bot_on(db_path) as bot:
        await bot.send(bot.updates.message("/addfact", chat, user=EDITOR))
    async with bot_on(db_path, dialogue_timeout=dt.timedelta(0)) as bot:
        await bot.send(bot.updates.message("Too late", chat, user=EDITOR))
        assert bot.api.texts()[-1].startswith("The /addfact dialogue timed out")
        await bot.send(bot.updates.message("Too late", chat, user=EDITOR))
        assert bot.api.texts()[-1].startswith(("Nothing found", "Results for"))


async def test_a_long_payload_button_works_after_a_restart(db_path: Path) -> None:
    async with bot_on(db_path) as bot:
        await bot.send(bot.updates.message(LONG_SEARCH))
        first = bot.api.sent()[-1]
        [next_page] = [data for text, data in buttons(first) if text == "▶"]
        assert next_page.startswith("p|1|#"), "the payload should be too long to travel"
    async with bot_on(db_path) as bot:
        await bot.send(bot.updates.press(next_page, as_message(first, 5001)))
        assert bot.api.sent("answerCallbackQuery")[0].get("text") is None
        [edit] = bot.api.sent("editMessageText")
        assert visible(edit).startswith("Results for “russia russia")
        assert "· 2/" in visible(edit).split("\n")[0]


async def test_stats_are_kept_across_a_restart(db_path: Path) -> None:
    async with bot_on(db_path) as bot:
        for text in ("/quote kellogg", "/quote kellogg", "/search zzzqqq"):
            await bot.send(bot.updates.message(text))
    async with bot_on(db_path) as bot:
        await bot.send(bot.updates.message("/stats", private_with(OWNER), user=OWNER))
        report = bot.api.texts()[-1]
    assert "/quote: 2 / 2" in report
    assert "/search zzzqqq — 1" in report


async def test_an_edit_after_a_restart_edits_the_earlier_reply(db_path: Path) -> None:
    async with bot_on(db_path) as bot:
        await bot.send(bot.updates.message("/quote kellogg", message_id=700))
        [reply] = bot.api.sent()
    async with bot_on(db_path) as bot:
        original = bot.updates.message_dict("/quote kellogg", PRIVATE, message_id=700)
        await bot.send(bot.updates.edited(original, "/quote stent"))
        [edit] = bot.api.sent("editMessageText")
        assert bot.api.sent() == [], "a new reply instead of the edit"
    assert (edit["chat_id"], edit["message_id"]) == (reply["chat_id"], 5001)
    assert visible(edit).startswith("Quotes from Angela Stent")


async def test_two_dialogues_of_one_editor_in_two_chats_stay_apart(db_path: Path) -> None:
    private = private_with(EDITOR)
    async with bot_on(db_path) as bot:
        for text, chat in (("/addfact", private), ("/addperson", GROUP),
                           ("A private chat fact | unverified", private), ("Group Person", GROUP),
                           ("Group tester", GROUP), ("/skip", GROUP)):
            await bot.send(bot.updates.message(text, chat, user=EDITOR))
        by_chat = {chat["id"]: [t for p, t in zip(bot.api.sent(), bot.api.texts(), strict=True)
                                if p["chat_id"] == chat["id"]] for chat in (private, GROUP)}
        base = bot.app.services.factbase
        assert by_chat[private["id"]][-1].startswith("Added fact")
        assert by_chat[GROUP["id"]][-1].startswith("Added person group-person")
        assert base.items["group-person"].name == "Group Person"  # type: ignore[attr-defined]
        facts = [item for item in base.items.values() if item.KIND == "fact"
                 and getattr(item, "text", "") == "A private chat fact"]
        assert len(facts) == 1


async def test_only_the_most_recently_active_chats_are_remembered(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state, "MAX_CHATS_REMEMBERED", 10)
    async with bot_on(db_path) as bot:
        for number in range(12):
            chat = private_with(person(9000 + number))
            await bot.send(bot.updates.message("/quote kellogg", chat, user=person(9000 + number)))
        await bot.app.update_persistence()
        kept = sorted(bot.app.chat_data)
    assert kept == [9000 + number for number in range(3, 12)]
    store = FactStore(db_path)
    assert sorted(name for name in store.state() if name.startswith("chat:")) == sorted(
        f"chat:{chat_id}" for chat_id in kept)
    store.close()
