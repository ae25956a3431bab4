"""The application's typed state: its services, what python-telegram-bot persists, and the
context every handler gets.

- `Services` are the objects the application is built with (settings, fact base, admin
  operations, how long a dialogue waits for an answer, the answer and reply caches, the control
  channel,
  the health report, what draws pictures and the `file_id`s of those uploaded). They live
  on `FactbotApplication` and are never persisted.
- `BotData`, `ChatData` and `UserData` are what python-telegram-bot persists across restarts
  (`bot.telegram.persistence`): long button payloads and lookup statistics; the reply each
  message got, so an edit can update it; an editor's dialogues, one per chat.
- Handlers take a `FactbotContext`, whose properties reach all of these with their types.
"""


from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, cast

from cachetools import LRUCache
from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.config import Settings
from bot.control import ControlServer
from bot.factbase import FactBase
from bot.i18n import Language
from bot.pictures import Studio
from bot.results import Answer
from bot.roles import Admin
from bot.stats import LookupStats
from bot.telegram.callbacks import CallbackCodec
from bot.telegram.health import Health, HealthServer
from bot.telegram.render import Reply

MAX_REMEMBERED_REPLIES = 64
"""Replies remembered per chat, so that editing one of its latest commands edits the reply."""
MAX_CHATS_REMEMBERED = 5000
"""Chats whose replies are remembered; beyond it the least recently active are forgotten."""
MAX_CACHED_ANSWERS = 512
MAX_FILE_IDS = 1024
DIALOGUE_TIMEOUT = dt.timedelta(minutes=15)


@dataclass
class Services:
    """The application's working parts; not persisted."""

    settings: Settings
    factbase: FactBase
    admin: Admin
    dialogue_timeout: dt.timedelta = DIALOGUE_TIMEOUT
    answers: LRUCache[tuple[Language, str], tuple[int, Answer]] = field(
        default_factory=lambda: LRUCache(MAX_CACHED_ANSWERS))
    replies: LRUCache[tuple[int, str, int], tuple[Answer, Reply]] = field(
        default_factory=lambda: LRUCache(MAX_CACHED_ANSWERS))
    """The latest answers as rendered, by answer (identity), command and page."""
    control: ControlServer | None = None
    health: Health = field(default_factory=Health)
    health_server: HealthServer | None = None
    pictures: Studio | None = None
    """None when the `pictures` extra is not installed."""
    file_ids: LRUCache[str, str] = field(default_factory=lambda: LRUCache(MAX_FILE_IDS))
    """Telegram's `file_id` of each picture uploaded, by the picture's key."""


@dataclass
class BotData:
    """Shared by every chat and kept across restarts."""

    codec: CallbackCodec = field(default_factory=CallbackCodec)
    stats: LookupStats = field(default_factory=LookupStats)


@dataclass
class ChatData:
    """Kept per chat across restarts: which reply of the bot's answers which message."""

    replies: OrderedDict[int, int] = field(default_factory=OrderedDict)
    active_at: float = field(default_factory=time.time)

    def remember(self, asked: int, replied: int) -> None:
        """Note that message `replied` answers message `asked`; the oldest are forgotten."""
        self.active_at = time.time()
        self.replies[asked] = replied
        while len(self.replies) > MAX_REMEMBERED_REPLIES:
            self.replies.popitem(last=False)


@dataclass
class Dialogue:
    """An editor's guided add command: which one, the values given so far, when last asked."""

    command: str
    sender: int
    values: list[str] = field(default_factory=list)
    asked_at: float = field(default_factory=time.time)


@dataclass
class UserData:
    """Kept per user across restarts: their dialogues, by chat, so two chats never mix."""

    dialogues: dict[int, Dialogue] = field(default_factory=dict)


class FactbotContext(CallbackContext[ExtBot[None], UserData, ChatData, BotData]):
    """The context every handler gets: typed data and the application's services."""

    @property
    def services(self) -> Services:
        """The application's working parts."""
        return cast(FactbotApplication, self.application).services

    @property
    def factbase(self) -> FactBase:
        """The fact base the application was built with."""
        return self.services.factbase

    @property
    def admin(self) -> Admin:
        """The admin operations over that fact base."""
        return self.services.admin

    @property
    def stats(self) -> LookupStats:
        """Lookup statistics."""
        return self.bot_data.stats

    @property
    def codec(self) -> CallbackCodec:
        """The callback-data codec shared by every chat."""
        return self.bot_data.codec


class FactbotApplication(
    Application[ExtBot[None], FactbotContext, UserData, ChatData, BotData,
                JobQueue[FactbotContext]]
):
    """python-telegram-bot's `Application`, holding the services handlers reach."""

    def __init__(self, *, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services

    async def initialize(self) -> None:
        """Load the persisted data; the admin's /stats then reads the restored statistics."""
        await super().initialize()
        self.services.admin.stats = self.bot_data.stats

    async def process_update(self, update: object) -> None:
        """Handle one update (hearing from Telegram, as far as the health report goes)."""
        self.services.health.contact()
        await super().process_update(update)

    def forget_idle_chats(self) -> None:
        """Beyond `MAX_CHATS_REMEMBERED` chats, forget the least recently active tenth."""
        if len(self.chat_data) <= MAX_CHATS_REMEMBERED:
            return
        by_age = sorted(self.chat_data.items(), key=lambda pair: pair[1].active_at)
        for chat_id, _ in by_age[: len(by_age) - MAX_CHATS_REMEMBERED * 9 // 10]:
            self.drop_chat_data(chat_id)

    async def update_persistence(self) -> None:
        """Hand the changed data to the persistence, then have it written in one go."""
        self.forget_idle_chats()
        await super().update_persistence()
        if self.persistence is not None:
            await self.persistence.flush()
