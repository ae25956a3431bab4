"""A real `Application` on the offline Bot API; every recorded call must pass Telegram's rules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from bot.config import Settings
from bot.factbase import FactBase
from bot.telegram.app import BotApplication, build_application
from tests.support.offline import TOKEN, OfflineBotAPI
from tests.support.updates import Updates


@dataclass
class Harness:
    """The application under test, its offline Bot API and an update factory."""

    app: BotApplication
    api: OfflineBotAPI
    updates: Updates

    async def send(self, update: Any) -> OfflineBotAPI:
        """Process one update and return the API with what it recorded."""
        await self.app.process_update(update)
        return self.api


def make_settings(**values: Any) -> Settings:
    """Settings that ignore any .env file in the working directory."""
    return Settings(_env_file=None, **values)


@asynccontextmanager
async def running(app: BotApplication) -> AsyncIterator[None]:
    """The application initialised and started, as `factbot run` has it: its job queue runs
    (dialogue timeouts), its persistence is written at shutdown."""
    async with app:
        await app.start()
        try:
            yield
        finally:
            await app.stop()


@pytest.fixture
async def harness(factbase: FactBase) -> AsyncIterator[Harness]:
    api = OfflineBotAPI()
    settings = make_settings(FACTBOT_ADMIN_IDS="42", FACTBOT_ERROR_CHAT_ID="-100777")
    app = build_application(settings, factbase, token=TOKEN, request=api)
    async with running(app):
        yield Harness(app, api, Updates(app.bot))
    assert api.violations == [], "an outgoing call broke Telegram's rules"
