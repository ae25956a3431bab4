"""How updates are processed and replies delivered under load and faults.

- `ChatOrderedProcessor` answers different chats concurrently while each chat's updates are
  handled strictly in arrival order. An update takes one of the concurrency slots only once it
  holds its chat's lock, so a flood queued in one chat never keeps another chat waiting.
- Every request is sent at most once when it may have reached Telegram. Only what certainly did
  not is repeated: a connection that could not be opened (retried by the HTTP transport,
  `BotAPIRequest`), a 429 with `retry_after` (python-telegram-bot's `AIORateLimiter`) and a 5xx
  answer (`RetryingRateLimiter`). A timeout or a connection lost after the request was written
  is never retried: Telegram may already have delivered the message, and a retry would send it
  twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import httpx
from telegram import Update
from telegram.error import NetworkError
from telegram.ext import AIORateLimiter, BaseUpdateProcessor
from telegram.request import BaseRequest, HTTPXRequest, RequestData

logger = logging.getLogger(__name__)

CONNECT_RETRIES = 2
"""Attempts to open a connection after the first fails (at once, then 0.5 s later), so that a
passing fault is ridden out and a wrong API address is still reported quickly."""
SERVER_ERROR_RETRIES = 4
FIRST_BACKOFF_SECONDS = 0.5
UNLIMITED = 2**31


class ServerError(NetworkError):
    """The Bot API answered with a 5xx status: the request was not carried out."""


def _order_key(update: object) -> int:
    """The chat whose order an update must keep: its chat, else its sender (inline queries)."""
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return 0


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Processes updates concurrently across chats and in order within each chat.

    python-telegram-bot takes its own slot before `do_process_update` is called, so that count
    is left unlimited: the limit that matters is taken here, after the chat's lock.
    """

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(UNLIMITED)
        self._semaphore_after_lock = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run `coroutine` once every earlier update of the same chat has been handled."""
        key = _order_key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._semaphore_after_lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


class BotAPIRequest(HTTPXRequest):
    """python-telegram-bot's HTTP layer, with connection retries in the transport (a request
    that never left cannot have been delivered) and 5xx answers raised as `ServerError`;
    `on_answer` is called whenever the Bot API answers."""

    def __init__(self, connection_pool_size: int,
                 on_answer: Callable[[], None] | None = None) -> None:
        transport = httpx.AsyncHTTPTransport(
            retries=CONNECT_RETRIES, limits=httpx.Limits(max_connections=connection_pool_size))
        super().__init__(connection_pool_size=connection_pool_size,
                         httpx_kwargs={"transport": transport})
        self._on_answer = on_answer

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        code, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout)
        if self._on_answer is not None:
            self._on_answer()
        if code >= 500:
            raise ServerError(f"the Bot API answered HTTP {code}")
        return code, payload


Result = bool | dict[str, Any] | list[dict[str, Any]]


class RetryingRateLimiter(AIORateLimiter):
    """`AIORateLimiter` (flood limits, 429s) that also retries 5xx answers, with backoff."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        delay = FIRST_BACKOFF_SECONDS
        failures = 0
        while True:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except ServerError as error:
                failures += 1
                if endpoint == "getUpdates" or failures > SERVER_ERROR_RETRIES:
                    raise
                logger.warning("%s failed (%s); retrying in %.1f s", endpoint, error, delay)
                await asyncio.sleep(delay)
                delay *= 2
