"""Renders an `Answer` as a Telegram message: HTML text and its inline keyboard.

The only place that knows Telegram's markup. Every dynamic string is escaped; pages are cut by
the shared layout so no message exceeds 4,096 characters; each entry gets an evidence button,
long answers get ◀ ▶ buttons, and suggestions become buttons that run their command. When
pictures can be drawn, a timeline gets a "🖼 Picture" button and each quote a "🖼 Card".
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import N_, translate
from bot.layout import Page, paginate, render_page
from bot.results import Answer
from bot.telegram.callbacks import CallbackCodec

MAX_BUTTON_LABEL = 40
PICTURE = N_("🖼 Picture")
CARD = N_("🖼 Card")


class HtmlMarkup:
    """Telegram's HTML parse mode."""

    def escape(self, text: str) -> str:
        return html.escape(text, quote=False)

    def bold(self, text: str) -> str:
        return f"<b>{text}</b>"

    def italic(self, text: str) -> str:
        return f"<i>{text}</i>"

    def code(self, text: str) -> str:
        return f"<code>{text}</code>"

    def quote(self, text: str) -> str:
        return f"<blockquote>{text}</blockquote>"


HTML = HtmlMarkup()


@dataclass(frozen=True)
class Reply:
    """A message ready to send or to edit in place."""

    text: str
    keyboard: InlineKeyboardMarkup | None
    page: int
    pages: int


def _label(text: str) -> str:
    return text if len(text) <= MAX_BUTTON_LABEL else text[: MAX_BUTTON_LABEL - 1] + "…"


def _pictures(answer: Answer, page: Page, codec: CallbackCodec) -> list[InlineKeyboardButton]:
    """A timeline's chart button, or a card button for each quote on the page."""
    if answer.chart is not None:
        return [InlineKeyboardButton(translate(PICTURE, answer.lang),
                                     callback_data=codec.encode("chart", answer.chart))]
    quotes = [position for position in range(page.start, page.stop)
              if answer.entries[position].kind == "quote"]
    label = translate(CARD, answer.lang)
    return [InlineKeyboardButton(label if len(quotes) == 1 else f"{label} {position + 1}",
                                 callback_data=codec.encode("card",
                                                            answer.entries[position].item_id))
            for position in quotes]


def _keyboard(
    answer: Answer, page: Page, command: str, codec: CallbackCodec, pictures: bool
) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    evidence = [
        InlineKeyboardButton(
            f"📄 {position + 1}",
            callback_data=codec.encode("evidence", answer.entries[position].item_id),
        )
        for position in range(page.start, page.stop)
        if not answer.entries[position].evidence
    ]
    if evidence:
        rows.append(evidence)
    drawn = _pictures(answer, page, codec) if pictures else []
    rows.extend(drawn[start : start + 3] for start in range(0, len(drawn), 3))
    if page.total > 1:
        index = page.number - 1
        navigation = []
        if index > 0:
            navigation.append(InlineKeyboardButton(
                "◀", callback_data=codec.encode("page", command, index - 1)))
        navigation.append(InlineKeyboardButton(
            f"{page.number}/{page.total}", callback_data=codec.encode("noop")))
        if page.number < page.total:
            navigation.append(InlineKeyboardButton(
                "▶", callback_data=codec.encode("page", command, index + 1)))
        rows.append(navigation)
    if page.number == page.total:
        suggestions = [
            InlineKeyboardButton(_label(suggestion.label),
                                 callback_data=codec.encode("run", suggestion.command))
            for suggestion in answer.suggestions
        ]
        rows.extend(suggestions[start : start + 2] for start in range(0, len(suggestions), 2))
    return InlineKeyboardMarkup(rows) if rows else None


def render_reply(answer: Answer, command: str, codec: CallbackCodec, page: int = 0, *,
                 pictures: bool = False) -> Reply:
    """Page `page` (from 0; clamped) of `answer`, which `command` produced, as a message; with
    `pictures`, with buttons for its chart or cards."""
    pages = paginate(answer)
    chosen = pages[max(0, min(page, len(pages) - 1))]
    return Reply(
        text=render_page(answer, chosen, HTML),
        keyboard=_keyboard(answer, chosen, command, codec, pictures),
        page=chosen.number - 1,
        pages=len(pages),
    )


def render_html(answer: Answer) -> str:
    """The whole of a one-page answer as HTML, with no buttons: an inline result's message."""
    return render_page(answer, paginate(answer)[0], HTML)
