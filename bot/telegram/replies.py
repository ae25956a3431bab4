"""Answering in Telegram: the core's answer to a user's text (kept while the fact base is
unchanged), rendered, sent as a reply or put in place of an earlier one, and remembered so that
an edited command edits its reply. Each answer is in the language of the user it is for
(`language_of`).
"""


from __future__ import annotations

from typing import Any

from telegram import Chat, ForceReply, Message, Update
from telegram.error import BadRequest

from bot.commands import answer
from bot.i18n import Language, language_for
from bot.results import Answer
from bot.telegram.callbacks import refers_to_kept
from bot.telegram.render import Reply, render_reply
from bot.telegram.state import FactbotContext


def normalise(text: str) -> str:
    """A command's text with its whitespace folded, as buttons carry it."""
    return " ".join(text.split())


def render(context: FactbotContext, result: Answer, command: str, page: int = 0) -> Reply:
    """`result` as a message, its buttons able to re-run `command` (and to draw it, when
    pictures can be drawn). The latest answers are kept as rendered, for those shown again (a
    cached answer asked for again, a page turned back), unless a button carries a payload the
    codec keeps only for a while."""
    key = (id(result), normalise(command), page)
    kept = context.services.replies.get(key)
    if kept is not None and kept[0] is result:
        return kept[1]
    reply = render_reply(result, key[1], context.codec, page,
                         pictures=context.services.pictures is not None)
    buttons = reply.keyboard.inline_keyboard if reply.keyboard is not None else ()
    if not any(refers_to_kept(button.callback_data) for row in buttons for button in row
               if isinstance(button.callback_data, str)):
        context.services.replies[key] = (result, reply)
    return reply


def language_of(update: Update) -> Language:
    """The language to answer `update` in: its sender's Telegram language (English for a
    channel post, which has no sender)."""
    user = update.effective_user
    return language_for(user.language_code if user is not None else None)


def answer_for(context: FactbotContext, text: str, lang: Language) -> Answer:
    """The core's answer to `text` in `lang`; the latest few are kept until the fact base
    changes, so turning pages and popular commands cost nothing."""
    base = context.factbase
    cache = context.services.answers
    key = (lang, normalise(text))
    hit = cache.get(key)
    if hit is not None and hit[0] == base.version:
        return hit[1]
    result = answer(base, key[1], lang)
    cache[key] = (base.version, result)
    return result


def reply_for(context: FactbotContext, text: str, lang: Language, page: int = 0) -> Reply:
    """The answer to a user's `text` in `lang`, rendered."""
    return render(context, answer_for(context, text, lang), text, page)


async def send(message: Message, reply: Reply, *, force_reply: bool = False) -> Message:
    """Reply to `message`: quoting it in groups and channels, in its forum topic."""
    markup: Any = reply.keyboard
    if force_reply and markup is None and message.chat.type != Chat.PRIVATE:
        markup = ForceReply(selective=True)
    return await message.reply_text(
        reply.text, reply_markup=markup, do_quote=message.chat.type != Chat.PRIVATE
    )


async def edit(context: FactbotContext, chat_id: int, message_id: int, reply: Reply) -> None:
    """Replace a message of the bot's with `reply`; an unchanged message is fine."""
    try:
        await context.bot.edit_message_text(
            reply.text, chat_id=chat_id, message_id=message_id, reply_markup=reply.keyboard
        )
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


def remember(context: FactbotContext, asked: int, replied: int) -> None:
    """Note which reply answers which message, so an edit can update it."""
    if context.chat_data is not None:
        context.chat_data.remember(asked, replied)


def earlier_reply(context: FactbotContext, asked: int) -> int | None:
    """The bot's reply to message `asked`, if it is remembered."""
    return None if context.chat_data is None else context.chat_data.replies.get(asked)
