"""Sends what the outbox holds (`bot.outbox`): answers to askers, news to followers, channel
cards. A job runs every second and, when nothing else is sending, drains what is due.

- Within Telegram's limits: `RATE` notices a second, evenly spaced, through the application's
  rate limiter (`AIORateLimiter`: 30 messages a second overall, 20 a minute per group or
  channel), which also waits out any 429.
- At most once: a batch is marked as taken on disk before it is sent and removed once sent; a
  send that may have reached Telegram (a timeout, a lost connection) is not repeated. Only what
  certainly did not (a 429 or 5xx the rate limiter gave up on) goes back in the queue.
- A reader who blocked the bot, or whose account is gone, is dropped: their follows, questions
  and queued messages are deleted (`Tipline.drop`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Literal, cast

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.layout import paginate, render_page
from bot.notices import notice
from bot.outbox import DIGEST
from bot.records import Record
from bot.telegram.delivery import ServerError
from bot.telegram.render import HTML, render_reply
from bot.telegram.state import FactbotApplication, FactbotContext

logger = logging.getLogger(__name__)

BATCH = 25
"""Notices taken from the outbox at once."""
RATE = 25.0
"""Notices sent a second at most, evenly spaced: under Telegram's overall limit of about 30
messages a second, leaving room for the replies to readers sent meanwhile."""
INTERVAL_SECONDS = 1.0
RETRY_SECONDS = 30.0
GONE = ("bot was blocked", "user is deactivated", "chat not found", "bot was kicked")

Outcome = Literal["sent", "gone", "retry", "done"]


def _batches(entries: list[Record]) -> list[list[Record]]:
    """One message per entry, except channel cards: one per channel, holding all its items."""
    cards: dict[int, list[Record]] = {}
    single: list[list[Record]] = []
    for entry in entries:
        if entry["kind"] == DIGEST:
            cards.setdefault(entry["chat"], []).append(entry)
        else:
            single.append([entry])
    return [*single, *cards.values()]


def _gone(group: list[Record], reason: str) -> Outcome:
    """A chat the bot cannot write to any more: a reader is dropped; a channel is the editors'
    to fix (FACTBOT_CHANNEL_ID, or the bot's admin rights there)."""
    if group[0]["kind"] == DIGEST:
        logger.warning("cannot post to the channel %s (%s): check FACTBOT_CHANNEL_ID and that"
                       " the bot is an admin there", group[0]["chat"], reason)
    else:
        logger.info("a reader blocked the bot or left Telegram: %s", reason)
    return "gone"


class Courier:
    """Drains the outbox, one drain at a time."""

    def __init__(self) -> None:
        self._draining = False
        self._recovered = False
        self._next = 0.0
        self.sent = 0

    async def tick(self, context: FactbotContext) -> None:
        """The job: start a drain unless one is running."""
        if not self._draining:
            self._draining = True
            application = cast(FactbotApplication, context.application)
            application.create_task(self._drain(application), name="factbot outbox")

    async def _drain(self, application: FactbotApplication) -> None:
        try:
            outbox = application.services.admin.tipline.outbox
            if not self._recovered:
                await _recover(application)
                self._recovered = True
            while batch := await outbox.take(time.time(), BATCH):
                groups = _batches(batch)
                outcomes = await asyncio.gather(*(self._send(application, group, self._slot())
                                                  for group in groups))
                retry = [entry["id"] for group, outcome in zip(groups, outcomes, strict=True)
                         if outcome == "retry" for entry in group]
                await outbox.finish(entry["id"] for entry in batch if entry["id"] not in retry)
                if retry:
                    await outbox.retry(retry, time.time() + RETRY_SECONDS)
                for group, outcome in zip(groups, outcomes, strict=True):
                    if outcome == "gone" and group[0]["kind"] != DIGEST:
                        await application.services.admin.tipline.drop(group[0]["chat"])
        finally:
            self._draining = False

    def _slot(self) -> float:
        """When the next notice may be sent: `RATE` a second, evenly spaced."""
        self._next = max(self._next, time.monotonic())
        slot, self._next = self._next, self._next + 1.0 / RATE
        return slot

    async def _send(self, application: FactbotApplication, group: list[Record],
                    slot: float) -> Outcome:
        await asyncio.sleep(max(0.0, slot - time.monotonic()))
        chat = group[0]["chat"]
        result = notice(application.services.factbase, group)
        if result is None:
            return "done"
        try:
            if group[0]["kind"] == DIGEST:
                for page in paginate(result):
                    await application.bot.send_message(chat, render_page(result, page, HTML))
            else:
                reply = render_reply(result, "", application.bot_data.codec)
                await application.bot.send_message(chat, reply.text,
                                                   reply_markup=reply.keyboard)
        except Forbidden as error:
            return _gone(group, error.message)
        except BadRequest as error:
            if any(reason in error.message.lower() for reason in GONE):
                return _gone(group, error.message)
            logger.warning("a %s notice for chat %s was refused: %s", group[0]["kind"], chat,
                           error.message)
            return "done"
        except (RetryAfter, ServerError) as error:
            logger.warning("a notice for chat %s did not get through (%s); trying again later",
                           chat, error)
            return "retry"
        except (TimedOut, NetworkError) as error:
            logger.warning("a notice for chat %s may not have arrived (%s); not sent again, since"
                           " Telegram may have delivered it", chat, error)
            return "done"
        self.sent += 1
        return "sent"


async def _recover(application: FactbotApplication) -> None:
    """Before the first drain: drop what a previous run took but never finished (it may have
    been delivered)."""
    dropped = await application.services.admin.tipline.outbox.recover()
    if dropped:
        logger.warning("%d queued notices were being sent when the bot last stopped; they may"
                       " have arrived, so they are not sent again", dropped)


def schedule(application: FactbotApplication) -> None:
    """Drain the outbox every second while the application runs."""
    if application.job_queue is not None:
        application.job_queue.run_repeating(Courier().tick, INTERVAL_SECONDS,
                                            first=INTERVAL_SECONDS)
