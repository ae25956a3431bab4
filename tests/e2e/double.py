"""A Bot API double: an aiohttp server on 127.0.0.1 that speaks the Bot API's JSON.

The bot under test talks to it over real HTTP as it would to Telegram: long polling
(`getUpdates` honouring offset, limit, timeout and allowed_updates) or a webhook it posts
updates to. It refuses what Telegram refuses, with Telegram's status and error shape (HTML that
does not parse, text over 4,096 characters, callback_data over 64 bytes, bad inline results, an
edit that changes nothing), and it can inject 429s, 5xx answers, dropped connections, and a
request carried out whose answer is lost on the way back (`lose_response`).

Tests drive it through its Python control API: `inject` updates, read `calls`, `fail_next`.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientConnectorError, ClientSession, web

from tests.support.telegram_rules import check_call, parse_html

WEBHOOK_RETRY_SECONDS = 10.0
"""How long a webhook delivery is retried while the bot's server is not listening yet."""

JSON_PARAMS = {
    "reply_markup", "results", "commands", "scope", "allowed_updates", "reply_parameters",
    "link_preview_options", "entities", "button", "caption_entities",
}
BOT_ID = 777000222
BOT_USERNAME = "factbot_e2e_bot"
TOKEN = f"{BOT_ID}:E2E-token-0123456789abcdefghijklmnopqrstuv"
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "factbot", "username": BOT_USERNAME,
            "can_join_groups": True, "can_read_all_group_messages": False,
            "supports_inline_queries": True}


@dataclass
class Call:
    """One Bot API call the bot made, when, and how the double answered it."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    description: str = ""


@dataclass
class Fault:
    """A failure to inject into the next matching calls."""

    method: str
    status: int
    times: int
    retry_after: int | None = None
    drop: bool = False
    lose_response: bool = False


@dataclass
class _Message:
    chat: dict[str, Any]
    text: str
    markup: Any


@dataclass
class BotAPIDouble:
    """The double's state and its control API."""

    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    injected_at: dict[int, float] = field(default_factory=dict)
    webhook: dict[str, Any] | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    _faults: list[Fault] = field(default_factory=list)
    _messages: dict[tuple[int, int], _Message] = field(default_factory=dict)
    _chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    _next_update_id: int = 1
    _next_message_id: int = 9000
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None
    port: int = 0

    # Lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on 127.0.0.1 on a free port."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """The value for FACTBOT_API_BASE_URL."""
        return f"http://127.0.0.1:{self.port}/bot"

    # Control API ------------------------------------------------------------------------

    def inject(self, update: dict[str, Any]) -> int:
        """Queue an update (given without update_id); returns its update_id."""
        update_id = self._next_update_id
        self._next_update_id += 1
        update = {"update_id": update_id, **update}
        for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
            if key in update:
                chat = update[key]["chat"]
                self._chats[chat["id"]] = chat
        self.updates.append(update)
        self.injected_at[update_id] = time.monotonic()
        self._arrived.set()
        return update_id

    def fail_next(self, method: str, status: int, times: int = 1, *,
                  retry_after: int | None = None, drop: bool = False) -> None:
        """Make the next `times` calls of `method` fail with `status` (or drop the connection)."""
        self._faults.append(Fault(method, status, times, retry_after, drop))

    def lose_next_response(self, method: str, times: int = 1) -> None:
        """Carry out the next `times` calls of `method`, then drop the connection instead of
        answering: delivered, but the bot cannot know it."""
        self._faults.append(Fault(method, 200, times, lose_response=True))

    def calls_to(self, method: str, *, ok_only: bool = True) -> list[Call]:
        """The calls of `method`, by default only those the double accepted."""
        return [call for call in self.calls
                if call.method == method and (call.status == 200 or not ok_only)]

    def refused(self) -> list[Call]:
        """Calls refused for breaking Telegram's rules (not injected faults)."""
        return [call for call in self.calls if call.status == 400]

    def texts_to(self, chat_id: int) -> list[str]:
        """The visible text of every message sent to `chat_id`, in order."""
        return [parse_html(call.params["text"])[0] for call in self.calls_to("sendMessage")
                if int(call.params["chat_id"]) == chat_id]

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 20.0) -> None:
        """Wait until `condition()` holds; fail the test after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s; refused: {self.refused()}")
            await asyncio.sleep(0.02)

    async def post_to_webhook(self, update: dict[str, Any], secret: str | None) -> int:
        """POST one update to the bot's webhook as Telegram would; returns the HTTP status."""
        assert self.webhook is not None, "the bot has not set a webhook"
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        update_id = self.inject(update)
        self.updates.pop()
        deadline = time.monotonic() + WEBHOOK_RETRY_SECONDS
        while True:
            try:
                async with ClientSession() as session, session.post(
                    self.webhook["url"], json={"update_id": update_id, **update},
                    headers=headers,
                ) as response:
                    return response.status
            except ClientConnectorError:
                # Telegram retries too: the bot sets its webhook a moment before its server
                # listens, and a loaded machine widens that moment.
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)

    # HTTP -------------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            body = await request.json()
            return dict(body) if isinstance(body, dict) else {}
        params: dict[str, Any] = {}
        form = await request.post()
        for key, value in form.items():
            if hasattr(value, "file"):
                params[key] = value.file.read()
            elif key in JSON_PARAMS and isinstance(value, str):
                params[key] = json.loads(value)
            else:
                params[key] = value
        return params

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        params = await self._params(request)
        call = Call(method, params, time.monotonic())
        self.calls.append(call)
        fault = next((f for f in self._faults if f.method in (method, "*") and f.times), None)
        if fault is not None:
            fault.times -= 1
        if fault is not None and not fault.lose_response:
            call.status = fault.status
            if fault.drop:
                assert request.transport is not None
                request.transport.close()
                return web.Response(status=fault.status)
            if fault.status == 429:
                return self._error(429, f"Too Many Requests: retry after {fault.retry_after}",
                                   parameters={"retry_after": fault.retry_after})
            return self._error(fault.status, "Bad Gateway")
        problems = check_call(method, params)
        if problems:
            call.status, call.description = 400, f"Bad Request: {problems[0]}"
            return self._error(400, call.description)
        try:
            result = await self._result(method, params)
        except _RefusedError as refusal:
            call.status, call.description = refusal.status, refusal.description
            return self._error(refusal.status, refusal.description)
        if fault is not None:
            assert request.transport is not None
            request.transport.close()
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(status: int, description: str, **extra: Any) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": status, "description": description, **extra},
            status=status,
        )

    async def _download(self, request: web.Request) -> web.StreamResponse:
        data = self.files.get(request.match_info["path"])
        if data is None or request.match_info["token"] != self.token:
            return web.Response(status=404)
        return web.Response(body=data)

    # Methods ----------------------------------------------------------------------------

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise _RefusedError(
                409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        if offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        allowed = params.get("allowed_updates") or []
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            pending = [u for u in self.updates
                       if not allowed or any(kind in u for kind in allowed)]
            if pending or time.monotonic() >= deadline:
                return pending[:limit]
            self._arrived.clear()
            try:
                await asyncio.wait_for(self._arrived.wait(), deadline - time.monotonic())
            except TimeoutError:
                return []

    def _message(self, params: dict[str, Any], text: str) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        chat = self._chats.get(chat_id, {"id": chat_id, "type": "private", "first_name": "U"})
        self._next_message_id += 1
        message: dict[str, Any] = {"message_id": self._next_message_id, "date": int(time.time()),
                                   "chat": chat, "from": BOT_USER, "text": text}
        if "inline_keyboard" in (params.get("reply_markup") or {}):
            message["reply_markup"] = params["reply_markup"]
        self._messages[(chat_id, self._next_message_id)] = _Message(
            chat, text, params.get("reply_markup"))
        return message

    def _edit(self, params: dict[str, Any], text: str | None) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        known = self._messages.get(key)
        if known is None:
            raise _RefusedError(400, "Bad Request: message to edit not found")
        new_text = known.text if text is None else text
        markup = params.get("reply_markup")
        if new_text == known.text and markup == known.markup:
            raise _RefusedError(400, "Bad Request: message is not modified: specified new message"
                                " content and reply markup are exactly the same as a current"
                                " content and reply markup of the message")
        known.text, known.markup = new_text, markup
        return {"message_id": key[1], "date": int(time.time()), "chat": known.chat,
                "from": BOT_USER, "text": new_text, "edit_date": int(time.time())}

    async def _result(self, method: str, params: dict[str, Any]) -> Any:
        shown = parse_html(params.get("text", ""))[0] if "text" in params else ""
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return await self._get_updates(params)
        if method == "sendMessage":
            return self._message(params, shown)
        if method == "editMessageText":
            return self._edit(params, shown)
        if method == "editMessageReplyMarkup":
            return self._edit(params, None)
        if method == "setWebhook":
            self.webhook = {"url": params["url"], "secret_token": params.get("secret_token")}
            return True
        if method == "deleteWebhook":
            self.webhook = None
            return True
        if method == "getChatMember":
            return {"status": "member", "user": {"id": int(params["user_id"]), "is_bot": False,
                                                 "first_name": "Member"}}
        if method == "sendDocument":
            data = params.get("document", b"")
            path = f"documents/file_{len(self.files) + 1}.json"
            self.files[path] = data if isinstance(data, bytes) else str(data).encode()
            message = self._message(params, "")
            message["document"] = {"file_id": path, "file_unique_id": path,
                                   "file_name": "factbot.json", "file_size": len(self.files[path])}
            return message
        if method == "getFile":
            path = str(params["file_id"])
            if path not in self.files:
                raise _RefusedError(400, "Bad Request: invalid file_id")
            return {"file_id": path, "file_unique_id": path, "file_size": len(self.files[path]),
                    "file_path": path}
        if method in {"answerCallbackQuery", "answerInlineQuery", "setMyCommands",
                      "deleteMyCommands", "setMyDescription", "setMyShortDescription", "close",
                      "logOut"}:
            return True
        raise _RefusedError(404, "Not Found: method not found")


class _RefusedError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
