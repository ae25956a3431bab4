"""The python-telegram-bot `Application`: built once, with every handler, and run.

`build_application` wires the fact base, handlers, inline mode, rate limiter, error handler and
start-up (command menus and descriptions, in each language; pictures warmed up in the
background, or one warning line when their extra is missing); `run_bot` runs it with long
polling, or a webhook when `FACTBOT_WEBHOOK_URL` is set. The token never reaches a log.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import json
import logging
import os
import re
import socket
import sys
import threading
import traceback
from typing import Any, cast
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeAllGroupChats, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
)
from telegram.request import BaseRequest

from bot import exits
from bot.commands import TIPLINE_COMMANDS, menu
from bot.config import Settings
from bot.control import ControlServer
from bot.factbase import FactBase
from bot.i18n import MENU_LANGUAGES, N_, Language, load_all, translate
from bot.maintenance import perform
from bot.pictures import Studio, missing
from bot.roles import Admin
from bot.status import STATUS_INTERVAL_SECONDS, status_path
from bot.storage import WriteRefusedError
from bot.telegram import courier, editing, handlers
from bot.telegram.delivery import BotAPIRequest, ChatOrderedProcessor, RetryingRateLimiter
from bot.telegram.health import Health, HealthServer
from bot.telegram.inline import on_inline_query
from bot.telegram.persistence import StorePersistence
from bot.telegram.replies import language_of
from bot.telegram.state import (
    DIALOGUE_TIMEOUT,
    BotData,
    ChatData,
    FactbotApplication,
    FactbotContext,
    Services,
    UserData,
)
from bot.tipline import Tipline

logger = logging.getLogger(__name__)

TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
QUIET_AT_START = ("telegram", "bot.telegram.delivery")
WARM_UP_DELAY_SECONDS = 2.0
"""How long after start-up the drawing of pictures is warmed up: its imports hold the GIL for
a while, and in webhook mode the server starts listening only after post_init."""
"""Loggers whose retries and tracebacks during start-up show only at DEBUG: a bot that cannot
start says why in one line."""
DESCRIPTION = N_(
    "I answer questions about the news from a curated fact base, and cite the article behind "
    "every answer. Try /demands, /quote kellogg, /timeline, or just ask."
)
SHORT_DESCRIPTION = N_(
    "Source-cited answers about Russia’s demands for ending the war in Ukraine.")
GROUP_HIDDEN = frozenset({"start", "about", *TIPLINE_COMMANDS})
"""Commands left out of the group menu: a welcome, the sources' list and what acts for one
reader belong in private."""
BOOTSTRAP_FAILURE = "Network Retry Loop (Bootstrap Initialize Application)"
SORRY = N_("Sorry, something went wrong while answering that. Please try again in a moment.")

BotApplication = FactbotApplication


class TokenFilter(logging.Filter):
    """Replaces the bot token wherever it would appear in a log record."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self._token in message:
            record.msg = message.replace(self._token, "<token>")
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = "".join(traceback.format_exception(*record.exc_info))
            if self._token in text:
                record.exc_text = text.replace(self._token, "<token>")
                record.exc_info = None
        return True


def _not_start_up_failure(record: logging.LogRecord) -> bool:
    """False for python-telegram-bot's traceback when start-up fails: `run_bot` says it in one
    line."""
    return not record.getMessage().startswith(BOOTSTRAP_FAILURE)


class JSONFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                     timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, token: str, log_format: str = "text") -> None:
    """Log to standard error (as text, or JSON lines), never showing the token; httpx's request
    lines and the job scheduler's only on warnings."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONFormatter() if log_format == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(TokenFilter(token))
    handler.addFilter(_not_start_up_failure)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def command_menu(lang: Language = "en", *, group: bool = False) -> list[BotCommand]:
    """The commands everyone sees in the menu, described in `lang`; in groups, the lookups
    and /help only."""
    hidden = GROUP_HIDDEN if group else frozenset({"start"})
    return [BotCommand(name, description) for name, description in menu(lang, hidden=hidden)]


async def post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Write the status file, serve /health if asked to, set the command menus and
    descriptions in each language (a failure here is logged, not fatal), start warming up the
    picture drawing, and open the control channel."""
    for name in QUIET_AT_START:
        logging.getLogger(name).setLevel(logging.NOTSET)  # started: their warnings count again
    services = cast(BotApplication, application).services
    settings = services.settings
    bot = application.bot
    threading.Thread(target=services.factbase.warm, name="warm the search", daemon=True).start()
    editors = services.admin.editors()
    try:
        for code, lang in MENU_LANGUAGES:
            await bot.set_my_commands(command_menu(lang), language_code=code)
            await bot.set_my_commands(command_menu(lang, group=True),
                                      scope=BotCommandScopeAllGroupChats(), language_code=code)
            await bot.set_my_description(translate(DESCRIPTION, lang), language_code=code)
            await bot.set_my_short_description(translate(SHORT_DESCRIPTION, lang),
                                               language_code=code)
        for user_id in sorted(settings.owner_ids | set(editors)):
            await editing.set_admin_menus(bot, user_id)
    except TelegramError as error:
        logger.warning("could not set the command menu or descriptions: %s", error)
    services.health.save(status_path(services.factbase.store.path))
    if settings.health_port is not None:
        services.health_server = HealthServer(services.health, settings.webhook_listen,
                                              settings.health_port)
        try:
            await services.health_server.start()
        except OSError as error:
            services.health_server = None
            logger.warning("cannot serve /health on port %s: %s", settings.health_port, error)
    if services.pictures is not None:
        asyncio.get_running_loop().call_later(WARM_UP_DELAY_SECONDS, services.pictures.warm_up)
    else:
        logger.warning("no 🖼 buttons: %s", missing())
    control = services.control
    if control is not None:
        try:
            await control.start()
        except OSError as error:
            logger.warning("cannot open the control channel beside the database (%s):"
                           " `factbot admin` and `factbot load` are refused while the bot runs",
                           error)


async def post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Close the control channel and the health endpoint; the status says the bot stopped;
    stop drawing pictures."""
    services = cast(BotApplication, application).services
    if services.control is not None:
        await services.control.stop()
    if services.health_server is not None:
        await services.health_server.stop()
    services.health.save(status_path(services.factbase.store.path), stopped=True)
    if services.pictures is not None:
        services.pictures.close()


async def on_error(update: object, context: FactbotContext) -> None:
    """Log the traceback, tell the user briefly, and report to the error chat if one is set.

    A network error is only a warning: while fetching updates, polling retries by itself; while
    answering, the request may have reached Telegram, so neither it nor an apology is sent again.
    A write the storage refused (disk full, read-only) is one line to the user and the log.
    """
    if isinstance(context.error, NetworkError):
        if update is None:
            logger.warning("network problem while fetching updates, retrying: %s",
                           context.error)
        else:
            logger.warning("a request for update %s failed and is not repeated, since Telegram"
                           " may have carried it out: %s", _update_id(update), context.error)
        return
    sorry: str | None = None
    if isinstance(context.error, WriteRefusedError):
        logger.warning("a write was refused: %s", context.error)
        sorry = str(context.error)
        sorry = sorry[:1].upper() + sorry[1:] + "."
    else:
        logger.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update):
        sorry = sorry or translate(SORRY, language_of(update))
        with contextlib.suppress(TelegramError):
            if update.callback_query is not None:
                await update.callback_query.answer(sorry)
            elif update.effective_message is not None:
                await update.effective_message.reply_text(html.escape(sorry, quote=False),
                                                          do_quote=False)
    settings = context.services.settings
    if settings.error_chat_id is not None:
        kind = type(context.error).__name__
        detail = html.escape(str(context.error)[:500], quote=False)
        try:
            await context.bot.send_message(
                settings.error_chat_id, f"<b>factbot error</b>: {kind}\n<code>{detail}</code>"
            )
        except TelegramError:
            logger.warning("could not report the error to chat %s", settings.error_chat_id)


def _update_id(update: object) -> int | None:
    return update.update_id if isinstance(update, Update) else None


def _file_url(base_url: str) -> str:
    return base_url[: -len("/bot")] + "/file/bot" if base_url.endswith("/bot") else base_url


def build_application(
    settings: Settings,
    base: FactBase,
    *,
    token: str,
    request: BaseRequest | None = None,
    rate_limit: bool = True,
    concurrent_updates: int = 64,
    dialogue_timeout: dt.timedelta = DIALOGUE_TIMEOUT,
) -> BotApplication:
    """The application with every handler registered, its data kept in `base`'s store;
    `request` replaces the network layer."""
    tipline = Tipline(base, channel=settings.channel_id, digest_delay=settings.digest_seconds)
    services = Services(settings, base, Admin(base, settings.owner_ids, settings.facts_dir,
                                              settings.seeds_dir, tipline=tipline),
                        dialogue_timeout,
                        health=Health(mode="webhook" if settings.webhook_url else "polling"),
                        pictures=Studio(base) if missing() is None else None)
    context_types = ContextTypes(context=FactbotContext, bot_data=BotData, chat_data=ChatData,
                                 user_data=UserData)
    builder = (
        Application.builder()
        .application_class(FactbotApplication, {"services": services})
        .context_types(context_types)
        .persistence(StorePersistence(base))
        .token(token)
        .base_url(settings.api_base_url)
        .base_file_url(_file_url(settings.api_base_url))
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .concurrent_updates(ChatOrderedProcessor(concurrent_updates))
        .request(request or BotAPIRequest(256, services.health.contact))
        .get_updates_request(request or BotAPIRequest(1, services.health.contact))
    )
    if rate_limit:
        builder = builder.rate_limiter(cast(Any, RetryingRateLimiter(max_retries=3)))
    application = cast(BotApplication, builder.build())
    load_all()
    editing.register(application)
    handlers.register(application)
    application.add_handler(InlineQueryHandler(on_inline_query))
    application.add_error_handler(on_error)
    if application.job_queue is not None:
        application.job_queue.run_repeating(_write_status, STATUS_INTERVAL_SECONDS)
    courier.schedule(application)
    return application


async def _write_status(context: FactbotContext) -> None:
    context.services.health.save(status_path(context.factbase.store.path))


def read_token(settings: Settings) -> str | None:
    """The configured token if it looks like one; None otherwise."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    return token if TOKEN_PATTERN.fullmatch(token) else None


def token_problem(settings: Settings) -> str:
    """One line saying what is wrong with the configured token and what to set."""
    missing = not settings.telegram_bot_token
    problem = "is not set" if missing else "does not look like a bot token"
    return (f"TELEGRAM_BOT_TOKEN {problem}: create a bot with @BotFather and put its token"
            " (like 123456789:AAE...) in the environment or in .env")


PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy")
CONNECT_CHECK_SECONDS = 2.0


def api_unreachable(settings: Settings) -> str | None:
    """One line if the Bot API's address certainly cannot be reached (no such host, connection
    refused, no answer within 2 s), checked before anything else starts so that a wrong address
    is reported at once; None if it answers, or if a proxy stands between (then the HTTP layer
    finds out)."""
    if any(os.environ.get(name) or os.environ.get(name.upper()) for name in PROXY_VARIABLES):
        return None
    parts = urlsplit(settings.api_base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((parts.hostname or "", port), CONNECT_CHECK_SECONDS).close()
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        return f"cannot reach the Bot API at {settings.api_base_url}: {reason}"
    return None


def _start_up_failure(settings: Settings, error: Exception) -> tuple[int, str]:
    """The exit code and the one line for a bot that could not start."""
    where = settings.api_base_url
    if isinstance(error, InvalidToken):
        return exits.TOKEN_REFUSED, (f"the Bot API at {where} refused the token (or is not a Bot"
                                     " API): check TELEGRAM_BOT_TOKEN and FACTBOT_API_BASE_URL")
    if isinstance(error, NetworkError):
        return exits.API_UNREACHABLE, f"cannot reach the Bot API at {where}: {error.message}"
    if isinstance(error, TelegramError):
        return exits.API_UNREACHABLE, f"the Bot API at {where} answered with an error: {error}"
    address = f"{settings.webhook_listen}:{settings.webhook_port}"
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return exits.PORT_UNAVAILABLE, f"cannot listen for the webhook on {address}: {reason}"


def run_bot(settings: Settings, base: FactBase, token: str) -> int:
    """Run until SIGINT or SIGTERM: long polling, or a webhook when one is configured.

    A bot that cannot start (token refused, Bot API unreachable, webhook port taken) exits with
    one line and its own exit code; python-telegram-bot's own log of it shows only at DEBUG.
    """
    configure_logging(settings.log_level, token, settings.log_format)
    application = build_application(settings, base, token=token)
    admin_ops = application.services.admin
    application.services.control = ControlServer(
        settings.db_path, lambda request: perform(admin_ops, request))
    if settings.log_level != "DEBUG":
        for name in QUIET_AT_START:
            logging.getLogger(name).setLevel(logging.CRITICAL)  # post_init restores them
    try:
        if settings.webhook_url:
            secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES,
                                    timeout=settings.poll_timeout)
    except (TelegramError, OSError) as error:
        logger.debug("the bot could not start", exc_info=error)
        code, line = _start_up_failure(settings, error)
        print(f"factbot: {line}", file=sys.stderr)
        return code
    return exits.OK
