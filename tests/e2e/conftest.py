"""Runs the real `factbot run` process against the Bot API double, over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.conftest import FACTS_DIR, SEEDS_DIR
from tests.e2e.double import TOKEN, BotAPIDouble

MARKUP_TEXT = "Officials said 5 < 6 & <b>bold</b> claims stay text."
MARKUP_FACT = "markup-check"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def data_with_markup(root: Path) -> tuple[Path, Path]:
    """The curated base plus a source and fact full of HTML metacharacters."""
    facts, seeds = root / "facts", root / "seeds"
    shutil.copytree(FACTS_DIR, facts)
    shutil.copytree(SEEDS_DIR, seeds)
    (seeds / "markup.txt").write_text(MARKUP_TEXT, encoding="utf-8")
    sources = json.loads((seeds / "sources.json").read_text(encoding="utf-8"))
    sources.append({"id": "markup-test", "title": "A <test> & source", "outlet": "Test & Co",
                    "file": "markup.txt"})
    (seeds / "sources.json").write_text(json.dumps(sources), encoding="utf-8")
    extra = json.loads((facts / "facts.json").read_text(encoding="utf-8"))
    extra.append({"id": MARKUP_FACT, "source": "markup-test", "topic": "markup <check>",
                  "text": MARKUP_TEXT, "evidence": [MARKUP_TEXT]})
    (facts / "facts.json").write_text(json.dumps(extra), encoding="utf-8")
    return facts, seeds


class BotProcess:
    """`factbot run` as a subprocess, with its log."""

    def __init__(self, double: BotAPIDouble, workdir: Path, **env: str) -> None:
        facts, seeds = data_with_markup(workdir)
        self.db_path = workdir / "data" / "factbot.json"
        self.log_path = workdir / "factbot.log"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "TELEGRAM_"))},
            "TELEGRAM_BOT_TOKEN": TOKEN, "FACTBOT_API_BASE_URL": double.base_url,
            "FACTBOT_DB_PATH": str(self.db_path), "FACTBOT_FACTS_DIR": str(facts),
            "FACTBOT_SEEDS_DIR": str(seeds), "FACTBOT_LOG_LEVEL": "INFO",
            "FACTBOT_POLL_TIMEOUT": "1", **env,
        }
        self.workdir = workdir
        self.double = double
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start the bot and wait until it is polling (or has set its webhook)."""
        with self.log_path.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=self.workdir, env=self.env,
                stdout=log, stderr=log,
            )
        webhook = "FACTBOT_WEBHOOK_URL" in self.env
        await self.double.wait_for(
            lambda: bool(self.double.calls_to("setWebhook" if webhook else "getUpdates"))
            or self.exited, timeout=30)
        assert not self.exited, self.log()

    @property
    def exited(self) -> bool:
        return self.process is not None and self.process.returncode is not None

    async def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
        """Signal the bot and wait for it to exit; returns its exit code."""
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(sig)
        return await asyncio.wait_for(self.process.wait(), timeout)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
async def double() -> AsyncIterator[BotAPIDouble]:
    api = BotAPIDouble()
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def bot(double: BotAPIDouble, tmp_path: Path) -> AsyncIterator[BotProcess]:
    """The bot, polling the double; on the way out it must exit cleanly with a clean log."""
    process = BotProcess(double, tmp_path, FACTBOT_ADMIN_IDS="4242")
    await process.start()
    yield process
    code = await process.stop()
    log = process.log()
    assert code == 0, log
    assert "Traceback" not in log, log
    assert " ERROR " not in log, log
    assert TOKEN not in log
    assert double.refused() == [], f"Telegram would have refused: {double.refused()}"
