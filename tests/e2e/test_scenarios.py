"""Scenarios against the real `factbot run` process over HTTP: polling, buttons, inline,
webhook, faults and shutdown."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

import pytest
from aiohttp import ClientSession

from bot.store import FactStore
from bot.telegram.delivery import FIRST_BACKOFF_SECONDS
from tests.e2e import shapes
from tests.e2e.conftest import MARKUP_TEXT, BotProcess, free_port
from tests.e2e.double import BOT_USERNAME, BotAPIDouble
from tests.support.telegram_rules import parse_html

pytestmark = pytest.mark.slow
"""Real processes, timeouts or many writes: left out of the inner loop (`-m "not slow"`)."""

USER_CHAT = shapes.USER.id


async def test_private_commands_are_answered(double: BotAPIDouble, bot: BotProcess) -> None:
    for text in ("/start", "/quote kelog", "/demands istanbul", "/search zzzzqqq"):
        double.inject(shapes.message(text))
    await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 4)
    start, quote, demands, nothing = double.texts_to(USER_CHAT)
    assert start.startswith("Hi! I answer questions about the news")
    assert "“We need to create something completely new”" in quote
    assert "Istanbul talks (2022)" in demands
    assert nothing.startswith("Nothing found for “zzzzqqq”")
    assert double.calls_to("setMyCommands")
    assert double.calls_to("setMyDescription")


async def test_group_commands_need_the_bot_name(double: BotAPIDouble, bot: BotProcess) -> None:
    group = shapes.group_chat()
    double.inject(shapes.message("/quote@other_bot kellogg", group))
    double.inject(shapes.message("just chatting about kellogg", group))
    double.inject(shapes.message(f"/quote@{BOT_USERNAME} stent", group))
    await double.wait_for(lambda: len(double.texts_to(group.id)) == 1)
    [answer] = double.calls_to("sendMessage")
    assert answer.params["reply_parameters"]["message_id"] > 0
    assert parse_html(answer.params["text"])[0].startswith("Quotes from Angela Stent")


async def test_a_button_press_turns_the_page(double: BotAPIDouble, bot: BotProcess) -> None:
    double.inject(shapes.message("/timeline"))
    await double.wait_for(lambda: len(double.calls_to("sendMessage")) == 1)
    sent = double.calls_to("sendMessage")[0]
    message = {"message_id": 9001, "date": 0, "chat": {"id": USER_CHAT, "type": "private"},
               "text": "Timeline", "reply_markup": sent.params["reply_markup"]}
    double.inject(shapes.press("p|1|/timeline", message))
    await double.wait_for(lambda: bool(double.calls_to("editMessageText")))
    [edit] = double.calls_to("editMessageText")
    assert parse_html(edit.params["text"])[0].startswith("Timeline · 2/3")
    assert len(double.calls_to("answerCallbackQuery")) == 1


async def test_an_inline_query_is_answered(double: BotAPIDouble, bot: BotProcess) -> None:
    double.inject(shapes.inline("witkoff"))
    await double.wait_for(lambda: bool(double.calls_to("answerInlineQuery")))
    results = double.calls_to("answerInlineQuery")[0].params["results"]
    assert results[0]["id"] == "steve-witkoff"
    assert any("cogent and substantive" in r["input_message_content"]["message_text"]
               for r in results)


async def test_an_admin_adds_a_quote_and_another_user_finds_it(double: BotAPIDouble,
                                                               bot: BotProcess) -> None:
    admin_chat = shapes.private_chat(shapes.ADMIN)
    double.inject(shapes.message("/addquote Witkoff | Talks are <going> well & fast | unverified",
                                 admin_chat, shapes.ADMIN))
    await double.wait_for(lambda: len(double.texts_to(shapes.ADMIN.id)) == 1)
    assert double.texts_to(shapes.ADMIN.id)[0].startswith("Added quote steve-witkoff-talks")
    double.inject(shapes.message("/quote witkoff"))
    await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 1)
    assert "“Talks are <going> well & fast”" in double.texts_to(USER_CHAT)[0]
    double.inject(shapes.message("/addfact Not allowed"))
    await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 2)
    assert double.texts_to(USER_CHAT)[1] == "Only the bot's editors can use /addfact."


async def test_markup_in_a_fact_reaches_the_user_as_text(double: BotAPIDouble,
                                                         bot: BotProcess) -> None:
    double.inject(shapes.message("/source markup-check"))
    await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 1)
    assert MARKUP_TEXT in double.texts_to(USER_CHAT)[0]


async def test_429_and_5xx_lose_no_answer(double: BotAPIDouble, bot: BotProcess) -> None:
    double.fail_next("sendMessage", 429, retry_after=1)
    double.fail_next("sendMessage", 502, times=2)
    double.fail_next("sendMessage", 503)
    double.fail_next("getUpdates", 502, times=2)
    double.fail_next("getUpdates", 500, drop=True)
    for name in ("kellogg", "stent", "schake"):
        double.inject(shapes.message(f"/quote {name}"))
    await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 3, timeout=40)
    titles = [text.split("\n")[0] for text in double.texts_to(USER_CHAT)]
    assert titles == ["Quotes from Keith Kellogg", "Quotes from Angela Stent",
                      "Quotes from Kori Schake"]
    failed = [call for call in double.calls if call.status in (429, 500, 502)]
    assert len(failed) == 6


async def test_a_reply_delivered_without_an_answer_is_not_sent_twice(
    double: BotAPIDouble, bot: BotProcess
) -> None:
    double.lose_next_response("sendMessage")
    double.inject(shapes.message("/quote kellogg"))
    double.inject(shapes.message("/quote stent"))
    await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 2)
    await asyncio.sleep(2 * FIRST_BACKOFF_SECONDS)
    titles = [text.split("\n")[0] for text in double.texts_to(USER_CHAT)]
    assert titles == ["Quotes from Keith Kellogg", "Quotes from Angela Stent"]
    assert "is not repeated" in bot.log()


async def test_webhook_mode_refuses_requests_without_the_secret(double: BotAPIDouble,
                                                                tmp_path: Path) -> None:
    port = free_port()
    process = BotProcess(double, tmp_path, FACTBOT_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
                         FACTBOT_WEBHOOK_LISTEN="127.0.0.1", FACTBOT_WEBHOOK_PORT=str(port),
                         FACTBOT_WEBHOOK_SECRET="s3cret-Token_1")
    await process.start()
    try:
        assert double.webhook == {"url": f"http://127.0.0.1:{port}/hook",
                                  "secret_token": "s3cret-Token_1"}
        status = await double.post_to_webhook(shapes.message("/quote kellogg"), None)
        assert status == 403
        status = await double.post_to_webhook(shapes.message("/quote kellogg"), "wrong")
        assert status == 403
        status = await double.post_to_webhook(shapes.message("/who stent"), "s3cret-Token_1")
        assert status == 200
        await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 1)
        assert double.texts_to(USER_CHAT)[0].startswith("Angela Stent")
    finally:
        assert await process.stop() == 0
    assert double.refused() == []


async def test_sigterm_under_load_exits_cleanly_and_keeps_the_database(
    double: BotAPIDouble, tmp_path: Path
) -> None:
    process = BotProcess(double, tmp_path)
    await process.start()
    for number in range(200):
        double.inject(shapes.message("/search ceasefire", shapes.private_chat(
            shapes.User(id=10000 + number % 20, first_name="U", is_bot=False))))
    await double.wait_for(lambda: len(double.calls_to("sendMessage")) >= 5)
    assert await process.stop(signal.SIGTERM) == 0
    assert "Traceback" not in process.log()
    store = FactStore(process.db_path)
    assert any(item.id == "kellogg-something-new" for item in store.items())


async def test_a_dialogue_survives_a_restart_of_the_process(double: BotAPIDouble,
                                                            tmp_path: Path) -> None:
    admin_chat = shapes.private_chat(shapes.ADMIN)
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = BotProcess(double, tmp_path / "first", FACTBOT_ADMIN_IDS=str(shapes.ADMIN.id))
    await first.start()
    double.inject(shapes.message("/addfact", admin_chat, shapes.ADMIN))
    await double.wait_for(lambda: len(double.texts_to(shapes.ADMIN.id)) == 1)
    assert await first.stop() == 0
    second = BotProcess(double, tmp_path / "second", FACTBOT_ADMIN_IDS=str(shapes.ADMIN.id),
                        FACTBOT_DB_PATH=str(first.db_path))
    await second.start()
    try:
        double.inject(shapes.message("Said after a restart | unverified", admin_chat, shapes.ADMIN))
        await double.wait_for(lambda: len(double.texts_to(shapes.ADMIN.id)) == 2)
    finally:
        assert await second.stop() == 0
    assert double.texts_to(shapes.ADMIN.id)[1].startswith("Added fact")
    assert "Traceback" not in first.log() + second.log()


async def _factbot_status(process: BotProcess) -> tuple[int, str]:
    status = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "status", cwd=process.workdir, env=process.env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, _ = await asyncio.wait_for(status.communicate(), 60)
    assert status.returncode is not None
    return status.returncode, out.decode()


async def test_status_and_json_logs_while_polling(double: BotAPIDouble, tmp_path: Path) -> None:
    process = BotProcess(double, tmp_path, FACTBOT_LOG_FORMAT="json")
    await process.start()
    try:
        double.inject(shapes.message("/who stent"))
        await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 1)
        code, out = await _factbot_status(process)
        assert code == 0, out
        assert out.startswith("factbot is up (polling, process ")
        assert "last contact with Telegram" in out
    finally:
        assert await process.stop() == 0
    code, out = await _factbot_status(process)
    assert code == 1
    assert out.startswith("factbot is not running: it stopped at ")
    records = [json.loads(line) for line in process.log().splitlines()]
    assert records
    assert {"time", "level", "logger", "message"} <= set(records[0])


async def test_the_health_endpoint_in_webhook_mode(double: BotAPIDouble, tmp_path: Path) -> None:
    port, health_port = free_port(), free_port()
    process = BotProcess(double, tmp_path, FACTBOT_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
                         FACTBOT_WEBHOOK_PORT=str(port), FACTBOT_HEALTH_PORT=str(health_port))
    await process.start()
    try:
        assert await double.post_to_webhook(shapes.message("/who stent"), None) == 200
        await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 1)
        async with ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{health_port}/health") as response:
                assert response.status == 200
                report = await response.json()
            async with session.get(f"http://127.0.0.1:{health_port}/other") as response:
                assert response.status == 404
    finally:
        assert await process.stop() == 0
    assert report["healthy"] is True
    assert report["mode"] == "webhook"
    assert report["last_contact"] is not None
    assert report["summary"].startswith("factbot is up (webhook")
