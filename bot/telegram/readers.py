"""The tipline commands in Telegram (/ask, /follow, /following, /unfollow, /forgetme) and
their buttons: thin, every decision is the core's (`bot.tipline`).

They act for the verified user who sends them (or presses the button) and answer in a private
chat, where the bot can reach that reader later. In a group or channel the bot cannot write to
a member first, so it answers with a deep link (`t.me/<bot>?start=tip-<key>`): the member opens
a private chat with the bot, and a question is sent only once they confirm it there.
"""

from __future__ import annotations

from telegram import (
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)

from bot.calls import Call, parse
from bot.commands import TIPLINE_COMMANDS, run_tipline_command
from bot.i18n import N_, Language, speaking, translate
from bot.results import Answer, Suggestion, echo
from bot.telegram.editing import UNVERIFIABLE, verified_sender
from bot.telegram.render import Reply
from bot.telegram.replies import language_of, remember, render, send
from bot.telegram.state import FactbotContext

TIP = "tip-"
"""The deep-link payload's prefix: `/start tip-<key>`, the key of the command it carries."""
OPEN_PRIVATE = N_("Open a private chat with me")
IN_PRIVATE = N_("I answer this in a private chat, so that I can write to you later.")
CONFIRM = N_("Send this question to the editors?")
SEND = N_("✉️ Send it")
EXPIRED_LINK = N_("This link has expired: send the command again.")


def _split(command: str) -> tuple[str, str]:
    """A tipline command's name and arguments ("" for text that is not a command)."""
    call = parse(command)
    return (call.key, call.args.strip()) if call is not None else ("", "")


def _link(context: FactbotContext, command: str) -> str:
    """A deep link that opens the private chat with the bot and carries `command`."""
    return f"https://t.me/{context.bot.username}?start={TIP}{context.codec.keep(command)}"


def _private_link_reply(context: FactbotContext, command: str, lang: Language) -> Reply:
    text = translate(IN_PRIVATE, lang)
    button = InlineKeyboardButton(translate(OPEN_PRIVATE, lang), url=_link(context, command))
    return Reply(text=text, keyboard=InlineKeyboardMarkup([[button]]), page=0, pages=1)


async def _run(context: FactbotContext, message: Message, user: int, command: str,
               lang: Language) -> Message:
    """Run a reader command for `user` and answer in the private chat `message` is in;
    /forgetme also drops what python-telegram-bot keeps about the reader and their chat."""
    name, args = _split(command)
    if name == "forgetme":
        context.application.drop_user_data(user)
        context.application.drop_chat_data(message.chat_id)
        await context.application.update_persistence()
    result = await run_tipline_command(context.admin.tipline, user, Call(name, args), lang)
    return await send(message, render(context, result, command))


async def on_reader_command(update: Update, context: FactbotContext) -> None:
    """A reader command: run in a private chat; elsewhere, a link to one."""
    message = update.effective_message
    if message is None or not message.text:
        return
    lang = language_of(update)
    sender = verified_sender(message)
    command = " ".join(message.text.split())
    if isinstance(sender, str):
        await send(message, render(context, Answer(title=UNVERIFIABLE, status="refused"),
                                   command))
        return
    if message.chat.type != Chat.PRIVATE:
        name, args = _split(command)
        await send(message, _private_link_reply(context, f"/{name} {args}".strip(), lang))
        return
    sent = await _run(context, message, sender, command, lang)
    if _split(command)[0] != "forgetme":
        remember(context, message.message_id, sent.message_id)


async def on_tip_start(update: Update, context: FactbotContext) -> None:
    """`/start tip-<key>` in a private chat: the command a group's link carried. A question
    is only sent once its asker confirms it here."""
    message = update.effective_message
    if message is None or not message.text or message.from_user is None:
        return
    lang = language_of(update)
    key = message.text.split(maxsplit=1)[1].removeprefix(TIP) if " " in message.text else ""
    command = context.codec.recall(key)
    if command is None or _split(command)[0] not in TIPLINE_COMMANDS:
        await send(message, render(context, Answer(title=translate(EXPIRED_LINK, lang),
                                                   status="usage"), "/start"))
        return
    name, args = _split(command)
    if name != "ask":
        await _run(context, message, message.from_user.id, command, lang)
        return
    with speaking(lang):
        confirm = Answer(title=translate(CONFIRM, lang), note=f"“{echo(args)}”",
                         suggestions=(Suggestion(translate(SEND, lang), command),), lang=lang)
    await send(message, render(context, confirm, command))


def is_tipline_command(command: str) -> bool:
    """Whether a button's command is one of the tipline commands."""
    return _split(command)[0] in TIPLINE_COMMANDS


async def on_reader_button(context: FactbotContext, query: CallbackQuery, message: Message,
                           command: str, lang: Language) -> None:
    """A button that runs a reader command, for the person who pressed it: at once in a private
    chat; from a group, through the private chat the deep link opens."""
    if message.chat.type != Chat.PRIVATE:
        await query.answer(url=_link(context, command))
        return
    await query.answer()
    await _run(context, message, query.from_user.id, command, lang)
