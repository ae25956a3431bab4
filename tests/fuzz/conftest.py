"""A bot under fuzzing: the real Application on the offline Bot API, over a database on disk.

Profiles: `fast` (200 examples a property, run by .ci/run) and `deep` (10,000, or
FACTBOT_FUZZ_EXAMPLES), chosen with FACTBOT_FUZZ_PROFILE=deep.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from telegram import Update

from bot.factbase import FactBase
from bot.store import FactStore
from bot.telegram.app import BotApplication, build_application
from bot.telegram.state import FactbotContext
from tests.conftest import FACTS_DIR, SEEDS_DIR
from tests.support.offline import TOKEN, OfflineBotAPI
from tests.support.updates import Updates
from tests.telegram.conftest import make_settings

OWNER_ID = 42
EDITOR_ID = 77

settings.register_profile("fast", max_examples=200, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=int(os.environ.get("FACTBOT_FUZZ_EXAMPLES", 10_000)),
                          deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("FACTBOT_FUZZ_PROFILE", "fast"))


class FuzzBot:
    """Runs updates through the application one at a time and checks the invariants."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "fuzz.json"
        self.loop = asyncio.new_event_loop()
        base = FactBase.open(self.path, FACTS_DIR, SEEDS_DIR)
        base.store.set_editor(EDITOR_ID, actor=OWNER_ID, granted=True)
        self.base = FactBase(base.store)
        self.api = OfflineBotAPI()
        self.app: BotApplication = build_application(
            make_settings(FACTBOT_ADMIN_IDS=str(OWNER_ID)), self.base, token=TOKEN,
            request=self.api, rate_limit=False)
        self.errors: list[BaseException] = []
        self.app.add_error_handler(self._record)
        self.loop.run_until_complete(self.app.initialize())
        self.loop.run_until_complete(self.app.start())
        self.updates = Updates(self.app.bot)

    async def _record(self, update: object, context: FactbotContext) -> None:
        if context.error is not None:
            self.errors.append(context.error)

    def process(self, update: Update) -> None:
        """Handle one update, starting from a clean record of calls."""
        self.api.clear()
        self.api.violations.clear()
        self.errors.clear()
        self.loop.run_until_complete(self.app.process_update(update))

    def check(self) -> None:
        """No error reached the error handler, every call passed Telegram's rules, and the
        database files still load (snapshot and journal); `close` validates every item too."""
        assert self.errors == [], repr(self.errors)
        assert self.api.violations == [], self.api.violations
        FactStore(self.path).close()

    def close(self) -> None:
        self.loop.run_until_complete(self.app.stop())
        self.loop.run_until_complete(self.app.shutdown())
        self.loop.close()
        assert len(list(FactStore(self.path).items())) >= len(self.base.items)

    def last_text(self) -> str:
        """The visible text of the bot's last message."""
        from tests.support.telegram_rules import parse_html

        return parse_html(self.api.sent()[-1]["text"])[0]

    def calls(self, method: str) -> list[dict[str, Any]]:
        return self.api.sent(method)


@pytest.fixture(scope="module")
def fuzz_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzBot]:
    bot = FuzzBot(tmp_path_factory.mktemp("fuzz"))
    yield bot
    bot.close()
