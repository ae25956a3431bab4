"""Maintenance while the bot runs: `factbot admin` and `factbot load` go through the running bot,
which applies them live; read-only commands read what it confirmed; nothing is ever lost."""

from __future__ import annotations

import asyncio
import json
import sys

import pytest

from tests.e2e import shapes
from tests.e2e.conftest import BotProcess
from tests.e2e.double import BotAPIDouble

pytestmark = pytest.mark.slow
"""Real processes, timeouts or many writes: left out of the inner loop (`-m "not slow"`)."""

USER_CHAT = shapes.USER.id


async def factbot(bot: BotProcess, *args: str, **env: str) -> tuple[int, str, str]:
    """Run a `factbot` command with the bot's settings: (exit code, stdout, stderr)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=bot.workdir, env={**bot.env, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def journal_ids(bot: BotProcess) -> set[str]:
    """The item ids the journal and snapshot on disk hold, read as a restart would."""
    from bot.store import FactStore

    store = FactStore(bot.db_path, read_only=True)
    try:
        return {item.id for item in store.items()}
    finally:
        store.close()


async def test_cli_writes_go_through_the_running_bot_and_survive_a_restart(
    double: BotAPIDouble, bot: BotProcess
) -> None:
    confirmed: list[str] = []
    texts: list[str] = []
    for number in range(3):
        code, out, err = await factbot(bot, "admin", "--as", "4242",
                                       f"/addfact Maintenance fact number {number} arrives"
                                       " | unverified")
        assert (code, err) == (0, ""), err
        assert out.startswith("Added fact maintenance-fact-number"), out
        confirmed.append(out.split()[2])
        texts.append(f"Maintenance fact number {number} arrives")
    # the bot's own write, made between the CLI's, must not cut theirs off
    admin_chat = shapes.private_chat(shapes.ADMIN)
    double.inject(shapes.message("/addfact Written from Telegram meanwhile | unverified",
                                 admin_chat, shapes.ADMIN))
    await double.wait_for(lambda: len(double.texts_to(shapes.ADMIN.id)) == 1)
    confirmed.append(double.texts_to(shapes.ADMIN.id)[0].split("\n")[0].split()[2])
    texts.append("Written from Telegram meanwhile")
    code, out, err = await factbot(bot, "load")
    assert (code, err) == (0, "")
    assert out.startswith(f"Loaded into {bot.db_path}: 0 added, 0 updated, 61 unchanged")
    # the bot answers with the CLI's facts at once, without a restart
    double.inject(shapes.message(f"/source {confirmed[0]}"))
    await double.wait_for(lambda: len(double.texts_to(USER_CHAT)) == 1)
    assert "Maintenance fact number 0 arrives" in double.texts_to(USER_CHAT)[0]
    # read-only commands work meanwhile and see every confirmed write
    code, out, err = await factbot(bot, "ask", f"/source {confirmed[2]}")
    assert (code, err) == (0, "")
    assert "Maintenance fact number 2 arrives" in out
    code, out, _ = await factbot(bot, "export")
    assert code == 0
    exported = {fact["id"] for fact in json.loads(out)["facts"]}
    assert set(confirmed) <= exported
    assert set(confirmed) <= journal_ids(bot)
    assert b"\0" not in bot.db_path.with_name("factbot.json.journal").read_bytes()
    assert await bot.stop() == 0
    polled = len(double.calls_to("getUpdates"))
    await bot.start()
    await double.wait_for(lambda: len(double.calls_to("getUpdates")) > polled)
    for number, (item_id, text) in enumerate(zip(confirmed, texts, strict=True), 2):
        double.inject(shapes.message(f"/source {item_id}"))
        await double.wait_for(lambda n=number: len(double.texts_to(USER_CHAT)) == n)
        assert text in double.texts_to(USER_CHAT)[-1]


async def test_a_refused_cli_command_reports_the_bots_reply_and_status(
    double: BotAPIDouble, bot: BotProcess
) -> None:
    before = bot.db_path.read_bytes()
    code, out, err = await factbot(bot, "admin", "--as", "999", "/addfact Not an editor")
    assert (code, out.strip(), err) == (1, "Only the bot's editors can use /addfact.", "")
    code, out, err = await factbot(bot, "admin", "--as", "4242", "/nosuch")
    assert code == 2
    assert err.startswith("factbot: /nosuch is not an admin command")
    assert out == ""
    assert bot.db_path.read_bytes() == before


async def test_a_second_bot_is_refused_with_one_line(double: BotAPIDouble,
                                                     bot: BotProcess) -> None:
    assert bot.process is not None
    before = bot.db_path.read_bytes()
    code, _out, err = await factbot(bot, "run")
    assert code == 3
    assert err == (f"factbot: the database {bot.db_path} is in use by process"
                   f" {bot.process.pid} (factbot run); nothing was written\n")
    assert bot.db_path.read_bytes() == before
