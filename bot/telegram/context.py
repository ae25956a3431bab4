"""What every handler shares: the objects the application holds, and sending a reply.

Handlers reach the fact base, the admin operations, the lookup statistics and the callback
codec only through these accessors. Each answer is in the language of the user it is for.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, cast

from telegram import Chat, ForceReply, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.admin import Admin
from bot.answers import Answer, answer
from bot.factbase import FactBase
from bot.i18n import Language, language_for
from bot.stats import LookupStats
from bot.telegram.callbacks import CallbackCodec
from bot.telegram.render import Reply, render_reply

FACTBASE = "factbase"
ADMIN = "admin"
STATS = "stats"
CODEC = "callbacks"
REPLIES = "replies"
ANSWERS = "answers"
MAX_REMEMBERED_REPLIES = 256
MAX_CACHED_ANSWERS = 512


def factbase_of(context: ContextTypes.DEFAULT_TYPE) -> FactBase:
    """The fact base the application was built with."""
    return cast(FactBase, context.bot_data[FACTBASE])


def admin_of(context: ContextTypes.DEFAULT_TYPE) -> Admin:
    """The admin operations over that fact base."""
    return cast(Admin, context.bot_data[ADMIN])


def stats_of(context: ContextTypes.DEFAULT_TYPE) -> LookupStats:
    """Lookup statistics."""
    return cast(LookupStats, context.bot_data[STATS])


def codec_of(context: ContextTypes.DEFAULT_TYPE) -> CallbackCodec:
    """The callback-data codec shared by every chat."""
    return cast(CallbackCodec, context.bot_data[CODEC])


def language_of(update: Update) -> Language:
    """The language to answer `update` in: its sender's Telegram language (English for a
    channel post, which has no sender)."""
    user = update.effective_user
    return language_for(user.language_code if user is not None else None)


def normalise(text: str) -> str:
    """A command's text with its whitespace folded, as buttons carry it."""
    return " ".join(text.split())


def render(context: ContextTypes.DEFAULT_TYPE, result: Answer, command: str,
           page: int = 0) -> Reply:
    """`result` as a message, its buttons able to re-run `command`."""
    return render_reply(result, normalise(command), codec_of(context), page)


def answer_for(context: ContextTypes.DEFAULT_TYPE, text: str, lang: Language) -> Answer:
    """The core's answer to `text` in `lang`; the latest few are kept until the fact base
    changes, so turning pages and popular commands cost nothing."""
    base = factbase_of(context)
    cache: OrderedDict[tuple[Language, str], tuple[int, Answer]] = context.bot_data[ANSWERS]
    key = (lang, normalise(text))
    hit = cache.get(key)
    if hit is not None and hit[0] == base.version:
        cache.move_to_end(key)
        return hit[1]
    result = answer(base, key[1], lang)
    cache[key] = (base.version, result)
    while len(cache) > MAX_CACHED_ANSWERS:
        cache.popitem(last=False)
    return result


def reply_for(context: ContextTypes.DEFAULT_TYPE, text: str, lang: Language,
              page: int = 0) -> Reply:
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


async def edit(context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_id: int,
               reply: Reply) -> None:
    """Replace a message of the bot's with `reply`; an unchanged message is fine."""
    try:
        await context.bot.edit_message_text(
            reply.text, chat_id=chat_id, message_id=message_id, reply_markup=reply.keyboard
        )
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise


def remember(context: ContextTypes.DEFAULT_TYPE, asked: int, replied: int) -> None:
    """Note which reply answers which message, so an edit can update it."""
    chat_data = cast(dict[str, Any], context.chat_data)
    replies: OrderedDict[int, int] = chat_data.setdefault(REPLIES, OrderedDict())
    replies[asked] = replied
    while len(replies) > MAX_REMEMBERED_REPLIES:
        replies.popitem(last=False)


def earlier_reply(context: ContextTypes.DEFAULT_TYPE, asked: int) -> int | None:
    """The bot's reply to message `asked`, if it is remembered."""
    chat_data = cast(dict[str, Any], context.chat_data)
    replies: OrderedDict[int, int] = chat_data.get(REPLIES, OrderedDict())
    return replies.get(asked)
