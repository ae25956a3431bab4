"""Update JSON for the double, built from python-telegram-bot's own objects (`to_dict()`)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from telegram import CallbackQuery, Chat, InlineQuery, Message, MessageEntity, Update, User

_message_ids = itertools.count(1)
USER = User(id=5001, first_name="Ann", is_bot=False, username="ann")
ADMIN = User(id=4242, first_name="Ada", is_bot=False, username="ada")


def private_chat(user: User = USER) -> Chat:
    """The private chat with `user`."""
    return Chat(id=user.id, type=Chat.PRIVATE, first_name=user.first_name)


def group_chat(chat_id: int = -3003) -> Chat:
    """A basic group."""
    return Chat(id=chat_id, type=Chat.GROUP, title="Readers")


def _strip(update: Update) -> dict[str, Any]:
    data = update.to_dict()
    data.pop("update_id", None)
    return data


def message(text: str, chat: Chat | None = None, user: User = USER) -> dict[str, Any]:
    """A new message, with a bot_command entity when it starts with one."""
    entities = []
    if text.startswith("/") and text.split():
        length = len(text.split()[0].encode("utf-16-le")) // 2
        entities.append(MessageEntity(MessageEntity.BOT_COMMAND, 0, length))
    built = Message(
        message_id=next(_message_ids), date=dt.datetime.now(dt.UTC),
        chat=chat or private_chat(user), from_user=user, text=text, entities=entities,
    )
    return _strip(Update(update_id=0, message=built))


def press(data: str, bot_message: dict[str, Any], user: User = USER) -> dict[str, Any]:
    """A button press on a message the bot sent (as the double returned it)."""
    shown = Message.de_json(bot_message, None)
    assert shown is not None
    query = CallbackQuery(id=f"cb{next(_message_ids)}", from_user=user, chat_instance="ci",
                          data=data, message=shown)
    return _strip(Update(update_id=0, callback_query=query))


def inline(query: str, user: User = USER) -> dict[str, Any]:
    """An inline query."""
    built = InlineQuery(id=f"iq{next(_message_ids)}", from_user=user, query=query, offset="")
    return _strip(Update(update_id=0, inline_query=built))
