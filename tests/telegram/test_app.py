"""Start-up (menus, descriptions), the token kept out of logs, and `factbot run` without one."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.telegram.app import DESCRIPTION, SHORT_DESCRIPTION, TokenFilter, post_init
from tests.support.offline import TOKEN
from tests.telegram.conftest import Harness


async def test_start_up_sets_menus_and_descriptions(harness: Harness) -> None:
    await post_init(harness.app)
    menus = [params for params in harness.api.sent("setMyCommands")
             if "language_code" not in params]
    assert len(menus) == 2
    everyone, owner = menus
    names = [command["command"] for command in everyone["commands"]]
    assert names[:3] == ["demands", "quote", "quotes"]
    assert "start" not in names
    assert "scope" not in everyone
    assert owner["scope"] == {"type": "chat", "chat_id": 42}
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
