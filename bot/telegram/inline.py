"""Inline mode: `@botname kellogg` in any chat offers matching items, each sent with its citation.

Results are paged 20 at a time (Telegram allows 50) with `next_offset`, so each answer is quick
to build; each result's id is its item id (unique, at
most 48 bytes). An empty query offers the demands and the quotes. Titles and notes are in the
language of the user typing.
"""

from __future__ import annotations

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode

from bot.answers import item_answer, lookup
from bot.factbase import FactBase
from bot.i18n import N_, Language, translate
from bot.models import Item
from bot.telegram.render import render_html
from bot.telegram.replies import language_of
from bot.telegram.state import FactbotContext

PAGE = 20
"""Results per answer: the client asks for the next ones (next_offset) as the user scrolls."""
CACHE_SECONDS = 30
"""How long Telegram may keep the results, for the user who asked only (`is_personal`): they
are in that user's language."""
MAX_TITLE = 80
MAX_DESCRIPTION = 160
NOTHING_FOUND = N_("Nothing found — ask me in private")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _result(base: FactBase, item: Item, lang: Language) -> InlineQueryResultArticle:
    single = item_answer(base, item, lang)
    entry = single.entries[0]
    title = entry.heading or entry.group or single.title
    return InlineQueryResultArticle(
        id=item.id,
        title=_short(title, MAX_TITLE),
        description=_short(entry.text, MAX_DESCRIPTION),
        input_message_content=InputTextMessageContent(
            render_html(single), parse_mode=ParseMode.HTML
        ),
    )


async def on_inline_query(update: Update, context: FactbotContext) -> None:
    """Offer a page of items for the typed text, with the offset of the next page."""
    query = update.inline_query
    if query is None:
        return
    offset = int(query.offset) if query.offset.isascii() and query.offset.isdigit() else 0
    base = context.factbase
    lang = language_of(update)
    items = lookup(base, query.query, limit=offset + PAGE + 1)
    chosen = items[offset : offset + PAGE]
    next_offset = str(offset + PAGE) if offset + PAGE < len(items) else None
    button = None
    if not items:
        button = InlineQueryResultsButton(text=translate(NOTHING_FOUND, lang),
                                          start_parameter="help")
    await query.answer(
        [_result(base, item, lang) for item in chosen],
        cache_time=CACHE_SECONDS,
        is_personal=True,
        next_offset=next_offset,
        button=button,
    )
