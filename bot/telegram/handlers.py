"""Thin handlers: parse the update, ask the core for an answer, render it, send it.

Commands work in private chats, groups (as `/cmd@botname`, replied to in the same topic) and
channels (as a reply post). Plain text is searched in private chats only, so the bot stays out
of ordinary group chatter. An edited command edits the bot's earlier reply in place.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any, cast

from telegram import Chat, Message, Update
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.answers import COMMANDS, answer
from bot.factbase import FactBase
from bot.telegram.callbacks import CallbackCodec
from bot.telegram.render import Reply, render_reply

logger = logging.getLogger(__name__)

FACTBASE = "factbase"
CODEC = "callbacks"
REPLIES = "replies"
MAX_REMEMBERED_REPLIES = 256
EXPIRED = "This button has expired. Send the command again."


def factbase_of(context: ContextTypes.DEFAULT_TYPE) -> FactBase:
    """The fact base the application was built with."""
    return cast(FactBase, context.bot_data[FACTBASE])


def codec_of(context: ContextTypes.DEFAULT_TYPE) -> CallbackCodec:
    """The callback-data codec shared by every chat."""
    return cast(CallbackCodec, context.bot_data[CODEC])


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _reply_for(context: ContextTypes.DEFAULT_TYPE, text: str, page: int = 0) -> Reply:
    command = _normalise(text)
    return render_reply(answer(factbase_of(context), command), command, codec_of(context), page)


def _remember(context: ContextTypes.DEFAULT_TYPE, asked: int, replied: int) -> None:
    chat_data = cast(dict[str, Any], context.chat_data)
    replies: OrderedDict[int, int] = chat_data.setdefault(REPLIES, OrderedDict())
    replies[asked] = replied
    while len(replies) > MAX_REMEMBERED_REPLIES:
        replies.popitem(last=False)


async def _send(message: Message, reply: Reply) -> Message:
    return await message.reply_text(
        reply.text, reply_markup=reply.keyboard, do_quote=message.chat.type != Chat.PRIVATE
    )


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a command, or plain text in a private chat, with a new reply."""
    message = update.effective_message
    if message is None or not message.text:
        return
    sent = await _send(message, _reply_for(context, message.text))
    _remember(context, message.message_id, sent.message_id)


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Edit the earlier reply to a message the user has edited (or reply, if there was none)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    chat_data = cast(dict[str, Any], context.chat_data)
    earlier = chat_data.get(REPLIES, {}).get(message.message_id)
    reply = _reply_for(context, message.text)
    if earlier is None:
        sent = await _send(message, reply)
        _remember(context, message.message_id, sent.message_id)
        return
    await _edit(context, message.chat_id, earlier, reply)


async def _edit(context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_id: int,
                reply: Reply) -> None:
    try:
        await context.bot.edit_message_text(
            reply.text, chat_id=chat_id, message_id=message_id, reply_markup=reply.keyboard
        )
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handle a button: turn a page, run a suggestion, or show an entry's evidence."""
    query = update.callback_query
    if query is None:
        return
    pressed = codec_of(context).decode(query.data)
    message = query.message if isinstance(query.message, Message) else None
    if pressed is None or (message is None and pressed.action != "noop"):
        await query.answer(EXPIRED)
        return
    await query.answer()
    if pressed.action == "noop" or message is None:
        return
    if pressed.action == "page":
        reply = _reply_for(context, pressed.payload, pressed.page)
        await _edit(context, message.chat_id, message.message_id, reply)
        return
    command = pressed.payload if pressed.action == "run" else f"/source {pressed.payload}"
    await _send(message, _reply_for(context, command))


def register(application: Application[Any, Any, Any, Any, Any, Any], base: FactBase) -> None:
    """Give the application its fact base and every user-facing handler."""
    application.bot_data[FACTBASE] = base
    application.bot_data[CODEC] = CallbackCodec()
    new_posts = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
    edited_posts = filters.UpdateType.EDITED_MESSAGE | filters.UpdateType.EDITED_CHANNEL_POST
    application.add_handler(CommandHandler(list(COMMANDS), on_message, filters=new_posts))
    application.add_handler(CommandHandler(list(COMMANDS), on_edited, filters=edited_posts))
    private_text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(private_text & filters.UpdateType.MESSAGE, on_message))
    application.add_handler(
        MessageHandler(private_text & filters.UpdateType.EDITED_MESSAGE, on_edited)
    )
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND & filters.UpdateType.MESSAGE,
                       on_message)
    )
    application.add_handler(CallbackQueryHandler(on_callback))
