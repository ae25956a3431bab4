"""Thin handlers: parse the update, ask the core for an answer, render it, send it.

Commands work in private chats, groups (as `/cmd@botname`, replied to in the same topic) and
channels (as a reply post). Plain text is searched in private chats only, so the bot stays out
of ordinary group chatter. An edited command edits the bot's earlier reply in place. Every
reply is in the language of the user it answers (a button: of the user who pressed it).
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.calls import parse
from bot.commands import READER_COMMANDS, TIPLINE_COMMANDS, is_admin_command
from bot.i18n import N_, translate
from bot.telegram.editing import run_admin
from bot.telegram.photos import send_card, send_chart, unavailable
from bot.telegram.readers import (
    TIP,
    is_tipline_command,
    on_reader_button,
    on_reader_command,
    on_tip_start,
)
from bot.telegram.replies import (
    answer_for,
    earlier_reply,
    edit,
    language_of,
    normalise,
    remember,
    render,
    reply_for,
    send,
)
from bot.telegram.state import FactbotApplication, FactbotContext

EXPIRED = N_("This button has expired. Send the command again.")
MISSED = frozenset({"not_found", "empty"})


async def on_message(update: Update, context: FactbotContext) -> None:
    """Answer a command, or plain text in a private chat, with a new reply."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = normalise(message.text)
    result = answer_for(context, text, language_of(update))
    call = parse(text)
    command, args = (call.key, call.args.strip()) if call is not None else ("search", text)
    context.stats.record(command, args, found=result.status not in MISSED)
    sent = await send(message, render(context, result, text))
    remember(context, message.message_id, sent.message_id)


async def on_edited(update: Update, context: FactbotContext) -> None:
    """Edit the earlier reply to a message the user has edited (or reply, if there was none)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    earlier = earlier_reply(context, message.message_id)
    if earlier is None:
        await on_message(update, context)
        return
    await edit(context, message.chat_id, earlier,
               reply_for(context, message.text, language_of(update)))


async def on_callback(update: Update, context: FactbotContext) -> None:
    """Handle a button: turn a page, run a suggestion, show an entry's evidence, or send a
    timeline's chart or a quote's card.

    A suggestion that is an admin or reader command runs as the person who pressed the button.
    """
    query = update.callback_query
    if query is None:
        return
    lang = language_of(update)
    pressed = context.codec.decode(query.data)
    message = query.message if isinstance(query.message, Message) else None
    if pressed is None or (message is None and pressed.action != "noop"):
        await query.answer(translate(EXPIRED, lang))
        return
    if pressed.action == "run" and message is not None and is_tipline_command(pressed.payload):
        await on_reader_button(context, query, message, pressed.payload, lang)
        return
    missing = unavailable(context) if pressed.action in {"chart", "card"} else None
    await query.answer(missing[:1].upper() + missing[1:] if missing else None)
    if pressed.action == "noop" or message is None or missing:
        return
    if pressed.action == "chart":
        await send_chart(context, message, pressed.payload, lang)
        return
    if pressed.action == "card":
        await send_card(context, message, pressed.payload, lang)
        return
    if pressed.action == "page":
        reply = reply_for(context, pressed.payload, lang, pressed.page)
        await edit(context, message.chat_id, message.message_id, reply)
        return
    command = pressed.payload if pressed.action == "run" else f"/source {pressed.payload}"
    if is_admin_command(command):
        await run_admin(context, message, query.from_user.id, command)
        return
    await send(message, reply_for(context, command, lang))


def register(application: FactbotApplication) -> None:
    """Every user-facing handler."""
    new_posts = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
    edited_posts = filters.UpdateType.EDITED_MESSAGE | filters.UpdateType.EDITED_CHANNEL_POST
    application.add_handler(CommandHandler(
        "start", on_tip_start,
        filters=filters.ChatType.PRIVATE & filters.Regex(f"^/start(@\\w+)? {TIP}")))
    application.add_handler(CommandHandler(list(TIPLINE_COMMANDS), on_reader_command,
                                           filters=new_posts))
    application.add_handler(CommandHandler(list(READER_COMMANDS), on_message, filters=new_posts))
    application.add_handler(CommandHandler(list(READER_COMMANDS), on_edited, filters=edited_posts))
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
