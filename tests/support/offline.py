"""An offline Bot API: a `telegram.request.BaseRequest` that records every call and answers it.

It answers the way Telegram does — messages get ids, edits return the edited message — and it
refuses, with Telegram's own error shape, any call that breaks Telegram's rules
(`telegram_rules.check_call`, and `check_photo` for an uploaded photo); every refusal is also
kept in `violations`. A photo uploaded with sendPhoto gets a `file_id`, which later sends may
use instead of the file (`photos` keeps what each id stands for); an unknown id is refused.
`slow_chats` makes Telegram slow to take messages for some chats; `blocked` chats refuse
messages as a user who blocked the bot does.
"""

from __future__ import annotations

import asyncio
import html
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from tests.support.telegram_rules import check_call, check_photo, parse_html, photo_size

BOT_ID = 777000111
BOT_USERNAME = "factbot_test_bot"
TOKEN = f"{BOT_ID}:TEST-token-0123456789abcdefghijklmnopqrstu"

BOT_USER = {
    "id": BOT_ID, "is_bot": True, "first_name": "factbot", "username": BOT_USERNAME,
    "can_join_groups": True, "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


@dataclass
class Call:
    """One recorded Bot API call."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


def _chat(chat_id: Any) -> dict[str, Any]:
    if isinstance(chat_id, str) or int(chat_id) < -1000000000000:
        return {"id": chat_id if not isinstance(chat_id, str) else -1001, "type": "supergroup",
                "title": "A supergroup"}
    if int(chat_id) < 0:
        return {"id": int(chat_id), "type": "group", "title": "A group"}
    return {"id": int(chat_id), "type": "private", "first_name": "User"}


class OfflineBotAPI(BaseRequest):
    """Records calls in `calls`; answers like Telegram; refuses what Telegram refuses."""

    def __init__(self, *, check: bool = True) -> None:
        self.check = check
        self.calls: list[Call] = []
        self.violations: list[tuple[str, list[str]]] = []
        self.files: dict[str, bytes] = {}
        self.photos: dict[str, bytes] = {}
        self.slow_chats: dict[int, float] = {}
        self.blocked: set[int] = set()
        """Chats whose user blocked the bot: sending there is refused with Telegram's 403."""
        self._next_message_id = 5000

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    @property
    def read_timeout(self) -> float | None:
        return None

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """The parameters of every recorded call to `method`."""
        return [call.params for call in self.calls if call.method == method]

    def texts(self, method: str = "sendMessage") -> list[str]:
        """The visible text of every message sent (or edited) by `method`."""
        return [parse_html(params["text"])[0] for params in self.sent(method)]

    def clear(self) -> None:
        """Forget the calls recorded so far."""
        self.calls.clear()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            path = url.split("/file/bot", 1)[1].split("/", 1)[1]
            return (200, self.files[path]) if path in self.files else (404, b"")
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        if "chat_id" in params:
            await asyncio.sleep(self.slow_chats.get(int(params["chat_id"]), 0))
        if request_data is not None and request_data.contains_files:
            for name, part in (request_data.multipart_data or {}).items():
                self.files[f"sent/{name}"] = part[1]
                params[name] = f"sent/{name}"
        self.calls.append(Call(api_method, params))
        if api_method == "sendMessage" and int(params.get("chat_id", 0)) in self.blocked:
            return 403, self._error(403, "Forbidden: bot was blocked by the user")
        problems = check_call(api_method, params) if self.check else []
        if api_method == "sendPhoto":
            problems += self._photo_problems(str(params.get("photo")))
        if problems:
            self.violations.append((api_method, problems))
            return 400, self._error(400, f"Bad Request: {problems[0]}")
        return 200, json.dumps({"ok": True, "result": self._result(api_method, params)}).encode()

    def _photo_problems(self, photo: str) -> list[str]:
        if photo.startswith("sent/"):
            return check_photo(self.files[photo]) if self.check else []
        return [] if photo in self.photos else [f"wrong file identifier: {photo!r}"]

    @staticmethod
    def _error(code: int, description: str) -> bytes:
        return json.dumps({"ok": False, "error_code": code, "description": description}).encode()

    def _message(self, params: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        if message_id is None:
            self._next_message_id += 1
            message_id = self._next_message_id
        text = params.get("text", "")
        shown = parse_html(text)[0] if self.check and params.get("parse_mode") == "HTML" else text
        message: dict[str, Any] = {
            "message_id": message_id, "date": int(time.time()), "chat": _chat(params["chat_id"]),
            "from": BOT_USER, "text": html.unescape(shown),
        }
        if params.get("message_thread_id") is not None:
            message["message_thread_id"] = params["message_thread_id"]
        if "inline_keyboard" in (params.get("reply_markup") or {}):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return []
        if method == "sendMessage":
            return self._message(params)
        if method == "sendDocument":
            message = self._message({**params, "text": ""})
            message["document"] = {"file_id": params["document"], "file_unique_id": "u-doc",
                                   "file_name": "factbot.json"}
            return message
        if method == "sendPhoto":
            return self._photo_message(params)
        if method == "getFile":
            path = str(params["file_id"])
            return {"file_id": path, "file_unique_id": f"u-{path}",
                    "file_size": len(self.files.get(path, b"")), "file_path": path}
        if method in {"editMessageText", "editMessageReplyMarkup"}:
            if "inline_message_id" in params:
                return True
            return self._message(params, int(params["message_id"]))
        return True

    def _photo_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """The message a sendPhoto makes: an upload gets a new file_id, an id is sent again."""
        photo = str(params["photo"])
        if photo.startswith("sent/"):
            data = self.files[photo]
            file_id = f"AgAC-photo-{len(self.photos) + 1}"
            self.photos[file_id] = data
        else:
            file_id, data = photo, self.photos[photo]
        width, height = photo_size(data) or (0, 0)
        message = self._message({**params, "text": ""})
        del message["text"]
        caption = params.get("caption") or ""
        shown = parse_html(caption)[0] if params.get("parse_mode") == "HTML" else caption
        message["caption"] = html.unescape(shown)
        message["photo"] = [{"file_id": file_id, "file_unique_id": f"u-{file_id}",
                             "width": width, "height": height, "file_size": len(data)}]
        return message

