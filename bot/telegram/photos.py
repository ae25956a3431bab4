"""Sends pictures: a timeline's chart or a quote's card, as a photo with an HTML caption.

The core draws (bot.pictures, in its worker thread); this module uploads each picture once and
afterwards sends Telegram's `file_id` for it, so a picture many people ask for is uploaded only
once. A `file_id` Telegram no longer knows is forgotten and the picture uploaded again.
"""

from __future__ import annotations

from telegram import Chat, Message
from telegram.error import BadRequest

from bot.i18n import Language
from bot.pictures import MISSING, Picture, caption_text
from bot.telegram.render import HTML
from bot.telegram.replies import reply_for, send
from bot.telegram.state import FactbotContext


async def _send(context: FactbotContext, message: Message, picture: Picture) -> None:
    caption = caption_text(picture, HTML)
    quote = message.chat.type != Chat.PRIVATE
    known = context.services.file_ids
    file_id = known.get(picture.key)
    if file_id is not None:
        try:
            await message.reply_photo(file_id, caption=caption, do_quote=quote)
            return
        except BadRequest:
            del known[picture.key]
    sent = await message.reply_photo(picture.drawing.png, caption=caption, do_quote=quote,
                                     filename="factbot.png")
    if sent.photo:
        known[picture.key] = sent.photo[-1].file_id


def unavailable(context: FactbotContext) -> str | None:
    """Why pictures cannot be sent (one line), or None when they can."""
    return MISSING if context.services.pictures is None else None


async def send_chart(context: FactbotContext, message: Message, topic: str,
                     lang: Language) -> None:
    """The chart of `/timeline topic`; the text answer when that timeline is empty now."""
    studio = context.services.pictures
    picture = await studio.timeline(topic, lang) if studio is not None else None
    if picture is None:
        await send(message, reply_for(context, f"/timeline {topic}".strip(), lang))
        return
    await _send(context, message, picture)


async def send_card(context: FactbotContext, message: Message, quote_id: str,
                    lang: Language) -> None:
    """The card of quote `quote_id`; its `/source` answer when it is gone now."""
    studio = context.services.pictures
    picture = await studio.quote(quote_id, lang) if studio is not None else None
    if picture is None:
        await send(message, reply_for(context, f"/source {quote_id}", lang))
        return
    await _send(context, message, picture)
