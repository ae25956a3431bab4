"""Delivery under load: each chat in order, and a flood in one chat never delays another."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.factbase import FactBase
from bot.telegram.app import build_application
from tests.support.offline import TOKEN, OfflineBotAPI
from tests.support.telegram_rules import parse_html
from tests.support.updates import Updates, person, private_with
from tests.telegram.conftest import make_settings, running

FLOODER, BYSTANDER = person(3001, "Flo"), person(3002, "Bea")
FLOOD = 15
SLOW_SECONDS = 0.2


@pytest.mark.slow
async def test_a_flood_in_one_chat_does_not_delay_another(factbase: FactBase) -> None:
    api = OfflineBotAPI()
    api.slow_chats[FLOODER["id"]] = SLOW_SECONDS
    app = build_application(make_settings(), factbase, token=TOKEN, request=api,
                            concurrent_updates=4)
    updates = Updates(app.bot)
    async with running(app):
        for number in range(FLOOD):
            await app.update_queue.put(updates.message(f"/search zzq{number}",
                                                       private_with(FLOODER), user=FLOODER))
        await asyncio.sleep(0.05)
        asked = time.monotonic()
        await app.update_queue.put(updates.message("/quote kellogg", private_with(BYSTANDER),
                                                   user=BYSTANDER))
        while len(api.sent()) < FLOOD + 1:
            await asyncio.sleep(0.01)
    by_chat = {chat: [call for call in api.calls if call.method == "sendMessage"
                      and call.params["chat_id"] == chat] for chat in (FLOODER["id"],
                                                                       BYSTANDER["id"])}
    [answer] = by_chat[BYSTANDER["id"]]
    assert answer.at - asked < 3 * SLOW_SECONDS, "the bystander waited for the flood"
    assert by_chat[FLOODER["id"]][-1].at - asked > (FLOOD - 5) * SLOW_SECONDS
    asked_in_order = [f"Nothing found for “zzq{number}”" for number in range(FLOOD)]
    assert [parse_html(call.params["text"])[0].split("\n")[0]
            for call in by_chat[FLOODER["id"]]] == asked_in_order
