"""Admin commands in Telegram: a verified sender, guided dialogues, and files for bulk changes.

Only the sender's own user id counts. A message sent on behalf of a chat (an anonymous group
admin, a channel post) cannot be verified, and forwarded content grants nothing: both are
refused with one line. Every check and write is the core's (`bot.commands.run_admin_command`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
import warnings

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InputFile,
    Message,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.bulk import MAX_IMPORT_BYTES
from bot.calls import Call, parse
from bot.commands import (
    ADMIN_COMMANDS,
    FILE_COMMANDS,
    FORM_COMMANDS,
    menu,
    refusal,
    run_admin_command,
)
from bot.documents import MAX_DOCUMENT_BYTES
from bot.forms import ANSWER_FORMS, DIALOGUE_FORMS
from bot.i18n import MENU_LANGUAGES, Language
from bot.results import Answer, echo
from bot.telegram.replies import remember, render, send
from bot.telegram.state import Dialogue, FactbotApplication, FactbotContext

ANONYMOUS_ADMIN_ID = 1087968824
"""GroupAnonymousBot: the sender Telegram shows for an anonymous group admin."""
UNVERIFIABLE = ("I can't tell who sent this: it was sent on behalf of a chat. Write to me in"
                " private to change the fact base.")
FORWARDED = "Forwarded messages can't change the fact base: send the command yourself."
NOTHING_TO_CANCEL = "Nothing to cancel: no dialogue is running here."
FILE_LIMITS = {
    "import": (MAX_IMPORT_BYTES, "The file is too large to import."),
    "addsource": (MAX_DOCUMENT_BYTES, f"The article file is too large: at most"
                                      f" {MAX_DOCUMENT_BYTES // 2**20} MB."),
}
"""The largest file each command fetches from Telegram, and what it says of a larger one."""
ASKING = 0
DIALOGUES = "dialogues"


def verified_sender(message: Message) -> int | str:
    """The sender's own user id, or the one line that says why it cannot be trusted."""
    user = message.from_user
    if message.sender_chat is not None or user is None or user.id == ANONYMOUS_ADMIN_ID:
        return UNVERIFIABLE
    if message.forward_origin is not None:
        return FORWARDED
    return user.id


async def _say(message: Message, context: FactbotContext, result: Answer,
               command: str, *, force_reply: bool = False) -> Message:
    sent = await send(message, render(context, result, command), force_reply=force_reply)
    remember(context, message.message_id, sent.message_id)
    return sent


def _refusal(line: str) -> Answer:
    return Answer(title=line, status="refused")


def _reply_target(message: Message) -> str | Answer:
    """The user id of the person whose message this one replies to."""
    target = message.reply_to_message
    if target is None:
        return ""
    if target.forward_origin is not None:
        return _refusal("That message was forwarded: reply to one the person wrote themselves,"
                        " or give their user id.")
    if target.from_user is None or target.sender_chat is not None or target.from_user.is_bot:
        return _refusal("That message was not sent by a person I can identify: give their"
                        " user id.")
    return str(target.from_user.id)


async def run_admin(context: FactbotContext, message: Message, sender: int,
                    text: str) -> None:
    """Run the admin command `text` as `sender` and reply to `message` with the result."""
    call = parse(text) or Call("")
    target = _reply_target(message)
    result = await run_admin_command(context.admin, Call(
        call.name, call.args, sender, reply_to=target, file=lambda: _file(message, call.key)))
    if isinstance(result, bytes):
        name = f"factbot-{dt.datetime.now(dt.UTC):%Y%m%d-%H%M}.json"
        await message.reply_document(InputFile(result, filename=name),
                                     caption="The whole fact base. Send it back with /import.",
                                     do_quote=False)
        return
    await _say(message, context, result, text)
    if call.key in ("grant", "revoke") and result.status == "ok":
        user = call.args.strip() or str(target)
        await _update_menu(context, int(user.split()[0]), granted=call.key == "grant")


async def _file(message: Message, command: str) -> bytes | Answer | None:
    """The file sent with a command, or with the message it replies to (the Bot API serves it
    by getFile); None if there is none, and a refusal if it is too large to fetch."""
    document = message.document or (message.reply_to_message.document
                                     if message.reply_to_message else None)
    if document is None:
        return None
    limit, too_large = FILE_LIMITS.get(command, FILE_LIMITS["import"])
    if (document.file_size or 0) > limit:
        return Answer(title=too_large, status="usage")
    file = await document.get_file()
    return bytes(await file.download_as_bytearray())


def admin_menu(lang: Language = "en") -> list[BotCommand]:
    """The fuller command menu shown in owners' and editors' private chats: the user commands
    described in `lang`, the admin commands in English."""
    return [BotCommand(name, description) for name, description in menu(lang, admin=True)]


async def set_admin_menus(bot: Bot, user_id: int) -> None:
    """The admin menu in `user_id`'s private chat, for each language menus are set in (a
    chat's own menu outranks the translated menus for everyone)."""
    for code, lang in MENU_LANGUAGES:
        await bot.set_my_commands(admin_menu(lang), scope=BotCommandScopeChat(user_id),
                                  language_code=code)


async def _update_menu(context: FactbotContext, user_id: int, granted: bool) -> None:
    with contextlib.suppress(TelegramError):
        if granted:
            await set_admin_menus(context.bot, user_id)
        else:
            for code, _lang in MENU_LANGUAGES:
                await context.bot.delete_my_commands(scope=BotCommandScopeChat(user_id),
                                                     language_code=code)


async def on_admin_command(update: Update, context: FactbotContext) -> None:
    """A one-line admin command (or /import with a file) from a verified sender."""
    message = update.effective_message
    text = (message.text or message.caption) if message else None
    if message is None or not text:
        return
    sender = verified_sender(message)
    if isinstance(sender, str):
        await _say(message, context, _refusal(sender), text)
        return
    await run_admin(context, message, sender, text)


# Guided dialogues ---------------------------------------------------------------------------


def _dialogue(context: FactbotContext, message: Message) -> Dialogue | None:
    """The dialogue the sender has running in this chat."""
    return None if context.user_data is None else context.user_data.dialogues.get(
        message.chat_id)


def _end(context: FactbotContext, message: Message) -> int:
    """Forget the sender's dialogue in this chat (nothing half-written is kept)."""
    if context.user_data is not None:
        context.user_data.dialogues.pop(message.chat_id, None)
    if message.from_user is not None:
        context.application.mark_data_for_update_persistence(user_ids=[message.from_user.id])
    return ConversationHandler.END


async def _ask(message: Message, context: FactbotContext, dialogue: Dialogue) -> int:
    form = DIALOGUE_FORMS[dialogue.command]
    step = len(dialogue.values)
    field = form.fields[step]
    title = f"New {form.kind} — step {step + 1} of {len(form.fields)}: {field.name}"
    if dialogue.command in ANSWER_FORMS:
        question = context.admin.tipline.inbox.find(dialogue.values[0])
        if isinstance(question, Answer):
            await _say(message, context, question, f"/{dialogue.command}")
            return _end(context, message)
        title = f"Answering {question['id']}: “{echo(question['text'])}”"
    await _say(message, context, Answer(title=title, body=(field.prompt, "/cancel to stop.")),
               f"/{dialogue.command}", force_reply=True)
    dialogue.asked_at = time.time()
    return ASKING


def _timed_out(dialogue: Dialogue) -> Answer:
    return Answer(title=f"The /{dialogue.command} dialogue timed out: nothing was added.",
                  body=(f"Send /{dialogue.command} to start again.",))


async def start_dialogue(update: Update, context: FactbotContext) -> int:
    """An add command without arguments: ask for its fields one at a time."""
    message = update.effective_message
    if message is None or not message.text or context.user_data is None:
        return ConversationHandler.END
    call = parse(message.text) or Call("")
    sender = verified_sender(message)
    if isinstance(sender, str):
        await _say(message, context, _refusal(sender), message.text)
        return ConversationHandler.END
    refused = refusal(context.admin, sender, call.key)
    if refused is not None:
        await _say(message, context, refused, message.text)
        return ConversationHandler.END
    question = call.args.split()[:1] if call.key in ANSWER_FORMS else []
    dialogue = Dialogue(command=call.key, sender=sender, values=question)
    context.user_data.dialogues[message.chat_id] = dialogue
    return await _ask(message, context, dialogue)


async def start_from_button(update: Update, context: FactbotContext) -> int:
    """An inbox button (✍️ or ➕ under a question): the answer dialogue for the person who
    pressed it, the question already given."""
    query = update.callback_query
    if query is None:
        return ConversationHandler.END
    await query.answer()
    message = query.message
    pressed = context.codec.decode(query.data)
    if not isinstance(message, Message) or pressed is None or context.user_data is None:
        return ConversationHandler.END  # a press with no data (Telegram sends none for it)
    call = parse(pressed.payload) or Call("")
    refused = refusal(context.admin, query.from_user.id, call.key)
    if refused is not None:
        await _say(message, context, refused, pressed.payload)
        return ConversationHandler.END
    dialogue = Dialogue(command=call.key, sender=query.from_user.id,
                        values=call.args.split()[:1])
    context.user_data.dialogues[message.chat_id] = dialogue
    return await _ask(message, context, dialogue)


def _expired(context: FactbotContext, dialogue: Dialogue) -> bool:
    """Whether the answer comes too late (a dialogue restored after a restart has no timer)."""
    return time.time() - dialogue.asked_at > context.services.dialogue_timeout.total_seconds()


async def _next(message: Message, context: FactbotContext, value: str) -> int:
    dialogue = _dialogue(context, message)
    if dialogue is None:
        return ConversationHandler.END
    if _expired(context, dialogue):
        await _say(message, context, _timed_out(dialogue), f"/{dialogue.command}")
        return _end(context, message)
    dialogue.values.append(value)
    if len(dialogue.values) < len(DIALOGUE_FORMS[dialogue.command].fields):
        return await _ask(message, context, dialogue)
    answering = dialogue.command in ANSWER_FORMS
    result = await run_admin_command(context.admin, Call(
        dialogue.command, args=" ".join(dialogue.values) if answering else "",
        actor=dialogue.sender, values=None if answering else tuple(dialogue.values)))
    if isinstance(result, Answer):
        await _say(message, context, result, f"/{dialogue.command}")
    return _end(context, message)


async def dialogue_answer(update: Update, context: FactbotContext) -> int:
    """The value for the field just asked for."""
    message = update.effective_message
    if message is None or not message.text:
        return ConversationHandler.END
    return await _next(message, context, message.text)


async def dialogue_skip(update: Update, context: FactbotContext) -> int:
    """/skip: leave an optional field out."""
    message = update.effective_message
    dialogue = _dialogue(context, message) if message is not None else None
    if message is None or dialogue is None:
        return ConversationHandler.END
    field = DIALOGUE_FORMS[dialogue.command].fields[len(dialogue.values)]
    if field.required and not _expired(context, dialogue):
        await _say(message, context, Answer(title=f"{field.name} is needed: {field.prompt}",
                                            status="usage"), "/skip", force_reply=True)
        return ASKING
    return await _next(message, context, "")


async def dialogue_cancel(update: Update, context: FactbotContext) -> int:
    """/cancel: leave the dialogue; nothing is written."""
    message = update.effective_message
    if message is None:
        return ConversationHandler.END
    await _say(message, context, Answer(title="Cancelled: nothing was added."), "/cancel")
    return _end(context, message)


async def dialogue_busy(update: Update, context: FactbotContext) -> int:
    """Another add command while a dialogue runs in this chat: one at a time."""
    message = update.effective_message
    dialogue = _dialogue(context, message) if message is not None else None
    if message is not None and dialogue is not None:
        kind = DIALOGUE_FORMS[dialogue.command].kind
        await _say(message, context, Answer(
            title=f"You are already adding a {kind} here: answer the question above, or"
                  " /cancel it first.", status="usage"), message.text or "", force_reply=True)
    return ASKING


async def dialogue_timeout(update: object, context: FactbotContext) -> None:
    """No answer for too long: say the dialogue ended; nothing half-written is kept."""
    message = update.effective_message if isinstance(update, Update) else None
    dialogue = _dialogue(context, message) if message is not None else None
    if message is None or dialogue is None:
        return
    _end(context, message)
    await send(message, render(context, _timed_out(dialogue), f"/{dialogue.command}"))


async def nothing_to_cancel(update: Update, context: FactbotContext) -> None:
    """/cancel with no dialogue running."""
    message = update.effective_message
    if message is not None:
        await _say(message, context, Answer(title=NOTHING_TO_CANCEL), "/cancel")


def register(application: FactbotApplication) -> None:
    """Every admin handler: the dialogues first, then the one-line commands."""
    messages = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
    answer_alone = filters.Regex(rf"^/({'|'.join(ANSWER_FORMS)})(@\w+)?\s+q\d+\s*$")
    with warnings.catch_warnings():
        # the button is only an entry point: later steps are messages, tracked per chat and user
        warnings.filterwarnings("ignore", ".*CallbackQueryHandler.*", PTBUserWarning)
        conversation = ConversationHandler(
            entry_points=[
                CommandHandler(list(FORM_COMMANDS), start_dialogue, filters=messages,
                               has_args=False),
                CommandHandler(list(ANSWER_FORMS), start_dialogue,
                               filters=messages & answer_alone),
                CallbackQueryHandler(
                    start_from_button,
                    pattern=rf"^r\|0\|/({'|'.join(ANSWER_FORMS)}) q\d+$"),
            ],
            states={
                ASKING: [MessageHandler(filters.TEXT & ~filters.COMMAND, dialogue_answer),
                         CommandHandler("skip", dialogue_skip)],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, dialogue_timeout)],
            },
            fallbacks=[CommandHandler("cancel", dialogue_cancel),
                       CommandHandler(list(FORM_COMMANDS), dialogue_busy, has_args=False)],
            conversation_timeout=application.services.dialogue_timeout,
            name=DIALOGUES,
            persistent=True,
        )
    application.add_handler(conversation)
    application.add_handler(CommandHandler("cancel", nothing_to_cancel, filters=messages))
    application.add_handler(CommandHandler(list(ADMIN_COMMANDS), on_admin_command,
                                           filters=messages))
    application.add_handler(MessageHandler(
        filters.Document.ALL & filters.CaptionRegex(rf"^/({'|'.join(FILE_COMMANDS)})(@\w+)?\b"),
        on_admin_command))
