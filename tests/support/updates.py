"""Builds real python-telegram-bot `Update` objects, from the Bot API's own JSON shapes."""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Bot, Update

PRIVATE = {"id": 1001, "type": "private", "first_name": "Ann", "username": "ann"}
GROUP = {"id": -2002, "type": "group", "title": "Readers"}
FORUM = {"id": -1003003003003, "type": "supergroup", "title": "Newsroom", "is_forum": True}
CHANNEL = {"id": -1004004004004, "type": "channel", "title": "Daily facts"}
USER = {"id": 1001, "is_bot": False, "first_name": "Ann", "username": "ann"}
OTHER_USER = {"id": 2002, "is_bot": False, "first_name": "Ben"}
ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                   "username": "GroupAnonymousBot"}


def person(user_id: int, name: str = "Someone") -> dict[str, Any]:
    """A Telegram user."""
    return {"id": user_id, "is_bot": False, "first_name": name}


def private_with(user: dict[str, Any]) -> dict[str, Any]:
    """The private chat with `user`."""
    return {"id": user["id"], "type": "private", "first_name": user["first_name"]}


class Updates:
    """Numbered updates for one bot: messages, edits, channel posts, button presses, inline."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(100)

    def _update(self, **content: Any) -> Update:
        update = Update.de_json({"update_id": next(self._update_ids), **content}, self._bot)
        assert update is not None
        return update

    def message_dict(
        self,
        text: str,
        chat: dict[str, Any] = PRIVATE,
        *,
        user: dict[str, Any] | None = USER,
        thread_id: int | None = None,
        message_id: int | None = None,
        sender_chat: dict[str, Any] | None = None,
        forwarded_from: dict[str, Any] | None = None,
        document: str | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A message as the Bot API sends it, with its bot_command entity when it has one.

        With `document` (a file id) the text becomes the document's caption.
        """
        message: dict[str, Any] = {
            "message_id": message_id if message_id is not None else next(self._message_ids),
            "date": int(time.time()), "chat": chat,
        }
        text_key, entities_key = ("caption", "caption_entities") if document else (
            "text", "entities")
        message[text_key] = text
        if document:
            message["document"] = {"file_id": document, "file_unique_id": f"u-{document}",
                                   "file_name": "import.json"}
        if chat["type"] == "channel":
            message["sender_chat"] = chat
        elif user is not None:
            message["from"] = user
        if sender_chat is not None:
            message["sender_chat"] = sender_chat
        if forwarded_from is not None:
            message["forward_origin"] = {"type": "user", "date": int(time.time()),
                                         "sender_user": forwarded_from}
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0] if text.split() else text
            length = len(command.encode("utf-16-le", "surrogatepass")) // 2
            message[entities_key] = [{"type": "bot_command", "offset": 0, "length": length}]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        return message

    def message(self, text: str, chat: dict[str, Any] = PRIVATE, **options: Any) -> Update:
        """A new message (a channel post in a channel)."""
        body = self.message_dict(text, chat, **options)
        key = "channel_post" if chat["type"] == "channel" else "message"
        return self._update(**{key: body})

    def edited(self, message: dict[str, Any], text: str) -> Update:
        """The same message, edited to `text`."""
        body = self.message_dict(text, message["chat"], user=message.get("from"),
                                 message_id=message["message_id"])
        body["edit_date"] = int(time.time())
        key = "edited_channel_post" if message["chat"]["type"] == "channel" else "edited_message"
        return self._update(**{key: body})

    def press(self, data: str, message: dict[str, Any] | None,
              user: dict[str, Any] = USER) -> Update:
        """A press of a button whose callback_data is `data` on the bot's `message`."""
        query: dict[str, Any] = {"id": f"cb{next(self._message_ids)}", "from": user,
                                 "chat_instance": "ci-1", "data": data}
        if message is not None:
            query["message"] = message
        else:
            query["inline_message_id"] = "inline-1"
        return self._update(callback_query=query)

    def inline(self, query: str, offset: str = "", user: dict[str, Any] = USER) -> Update:
        """An inline query typed after the bot's username."""
        return self._update(inline_query={"id": f"iq{next(self._message_ids)}", "from": user,
                                          "query": query, "offset": offset})
