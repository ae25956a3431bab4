"""A bot that cannot start says why in one line, with its own exit code, and quickly: a wrong
API address, a refused token, a webhook port already taken, a bad setting, a bad `.env`."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from pathlib import Path

import pytest

from bot import exits
from tests.e2e.double import TOKEN, BotAPIDouble

pytestmark = pytest.mark.slow
"""Real processes, timeouts or many writes: left out of the inner loop (`-m "not slow"`)."""


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "TELEGRAM_"))}
    return {**clean, "TELEGRAM_BOT_TOKEN": TOKEN, "FACTBOT_DB_PATH": str(tmp_path / "db.json"),
            **values}


async def run(tmp_path: Path, **values: str) -> tuple[int, str, float]:
    """`factbot run` until it exits: (exit code, standard error, seconds it took)."""
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=_env(tmp_path, **values),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    assert out == b""
    return process.returncode, err.decode(), time.monotonic() - started


async def test_a_wrong_api_address_is_one_line_in_under_3_s(tmp_path: Path) -> None:
    code, err, seconds = await run(tmp_path, FACTBOT_API_BASE_URL="http://127.0.0.1:9/bot",
                                   TELEGRAM_BOT_TOKEN=TOKEN + "\n")
    assert code == exits.API_UNREACHABLE
    assert err.startswith("factbot: cannot reach the Bot API at http://127.0.0.1:9/bot: ")
    assert err.count("\n") == 1, err
    assert seconds < 3.0
    assert TOKEN not in err


async def test_a_refused_token_is_one_line(tmp_path: Path) -> None:
    api = BotAPIDouble(token=TOKEN.replace("E2E", "XYZ"))
    await api.start()
    try:
        code, err, _ = await run(tmp_path, FACTBOT_API_BASE_URL=api.base_url)
    finally:
        await api.stop()
    assert code == exits.TOKEN_REFUSED
    assert err == (f"factbot: the Bot API at {api.base_url} refused the token (or is not a Bot"
                   " API): check TELEGRAM_BOT_TOKEN and FACTBOT_API_BASE_URL\n")


async def test_a_webhook_port_in_use_is_one_line(tmp_path: Path,
                                                 double: BotAPIDouble) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, err, _ = await run(tmp_path, FACTBOT_API_BASE_URL=double.base_url,
                                 FACTBOT_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
                                 FACTBOT_WEBHOOK_PORT=str(port))
    assert code == exits.PORT_UNAVAILABLE
    assert err == (f"factbot: cannot listen for the webhook on 127.0.0.1:{port}:"
                   " Address already in use\n")
    assert not (tmp_path / "db.json.sock").exists()


async def test_a_listen_address_not_on_this_machine_is_one_line(tmp_path: Path,
                                                                double: BotAPIDouble) -> None:
    code, err, _ = await run(tmp_path, FACTBOT_API_BASE_URL=double.base_url,
                             FACTBOT_WEBHOOK_URL="https://bot.example.com/hook",
                             FACTBOT_WEBHOOK_LISTEN="192.0.2.1", FACTBOT_WEBHOOK_PORT="8443")
    assert code == exits.PORT_UNAVAILABLE
    assert err == ("factbot: cannot listen for the webhook on 192.0.2.1:8443: Cannot assign"
                   " requested address\n")


@pytest.mark.parametrize(("name", "value", "problem"), [
    ("FACTBOT_LOG_LEVEL", "LOUD", "must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
    ("FACTBOT_WEBHOOK_URL", "bot.example.com/hook", "must be an http(s) address"),
    ("FACTBOT_WEBHOOK_SECRET", "not allowed!", "must be 1 to 256 of the characters"),
    ("FACTBOT_WEBHOOK_LISTEN", "999.1.1.1", "must be an IP address"),
    ("FACTBOT_WEBHOOK_PORT", "70000", "less than or equal to 65535"),
    ("FACTBOT_API_BASE_URL", "api.telegram.org", "must be an http(s) address"),
])
async def test_a_bad_setting_is_one_line_before_anything_starts(
    tmp_path: Path, name: str, value: str, problem: str
) -> None:
    code, err, _ = await run(tmp_path, **{name: value})
    assert code == exits.USAGE
    assert err.startswith(f"factbot: settings: field '{name}': ")
    assert problem in err
    assert err.count("\n") == 1, err
    assert not (tmp_path / "db.json").exists()


async def test_a_dotenv_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"FACTBOT_ADMIN_IDS=1\nFACTBOT_LOG_LEVEL=\xff\xfeINFO\n")
    code, err, _ = await run(tmp_path)
    assert code == exits.USAGE
    assert err.startswith("factbot: the settings file .env is not UTF-8 text")
    assert err.count("\n") == 1
