"""Start-up (menus, descriptions), the token kept out of logs, and `factbot run` without one."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.commands import TIPLINE_COMMANDS
from bot.status import describe, read_status, status_path
from bot.telegram.app import (
    DESCRIPTION,
    SHORT_DESCRIPTION,
    JSONFormatter,
    TokenFilter,
    post_init,
)
from tests.support.offline import TOKEN
from tests.telegram.conftest import Harness


async def test_start_up_sets_menus_and_descriptions(harness: Harness) -> None:
    await post_init(harness.app)
    menus = [params for params in harness.api.sent("setMyCommands")
             if "language_code" not in params]
    assert len(menus) == 3
    everyone, groups, owner = menus
    names = [command["command"] for command in everyone["commands"]]
    assert names[:3] == ["demands", "quote", "quotes"]
    assert "start" not in names
    assert "scope" not in everyone
    assert groups["scope"] == {"type": "all_group_chats"}
    in_groups = [command["command"] for command in groups["commands"]]
    assert in_groups == [name for name in names if name != "about"
                         and name not in TIPLINE_COMMANDS]
    assert {"ask", "follow", "forgetme"} <= set(names)
    assert owner["scope"] == {"type": "chat", "chat_id": 42}
    assert "addquote" in [command["command"] for command in owner["commands"]]
    assert harness.api.sent("setMyDescription")[0]["description"] == DESCRIPTION
    assert harness.api.sent("setMyShortDescription")[0]["short_description"] == SHORT_DESCRIPTION


def test_the_token_never_reaches_a_log() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(TokenFilter(TOKEN))
    log = logging.getLogger("token-test")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning('HTTP Request: POST https://api.telegram.org/bot%s/getMe "200 OK"', TOKEN)
        try:
            raise RuntimeError(f"failed calling https://api.telegram.org/bot{TOKEN}/getUpdates")
        except RuntimeError:
            log.exception("request failed")
    finally:
        log.removeHandler(handler)
    output = stream.getvalue()
    assert TOKEN not in output
    assert output.count("<token>") == 2


def test_json_logs_are_one_object_a_line_without_the_token() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(TokenFilter(TOKEN))
    handler.setFormatter(JSONFormatter())
    log = logging.getLogger("json-test")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("polling %s", "again")
        try:
            raise RuntimeError(f"failed calling https://api.telegram.org/bot{TOKEN}/getMe")
        except RuntimeError:
            log.exception("request failed")
    finally:
        log.removeHandler(handler)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert (first["level"], first["logger"], first["message"]) == ("WARNING", "json-test",
                                                                     "polling again")
    assert "exception" not in first
    assert second["message"] == "request failed"
    assert "RuntimeError" in second["exception"]
    assert TOKEN not in stream.getvalue()


async def test_the_status_file_says_the_bot_is_up(harness: Harness) -> None:
    await harness.send(harness.updates.message("/quote kellogg"))
    path = status_path(harness.app.services.factbase.store.path)
    harness.app.services.health.save(path)
    healthy, line = describe(read_status(path), time.time())
    assert healthy, line
    assert line.startswith(f"factbot is up (polling, process {os.getpid()})")
    assert line.endswith("last contact with Telegram 0 s ago")


def run_factbot(tmp_path: Path, token: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "TELEGRAM_BOT_TOKEN"}
    if token is not None:
        env["TELEGRAM_BOT_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("token", "problem"), [(None, "is not set"), ("", "is not set"),
                                                ("not-a-token", "does not look like a bot token")])
def test_run_without_a_usable_token_says_what_to_set(tmp_path: Path, token: str | None,
                                                     problem: str) -> None:
    result = run_factbot(tmp_path, token)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert f"TELEGRAM_BOT_TOKEN {problem}" in result.stderr
    assert "@BotFather" in result.stderr
    assert "Traceback" not in result.stderr
