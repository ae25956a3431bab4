"""Lays an `Answer` out as text, page by page, for any markup: plain for the console, HTML at
the Telegram edge. One layout serves both, so the console shows what a Telegram user reads.

Pages are cut at entry boundaries so that each page, as the user sees it (after Telegram has
parsed the markup away), stays within Telegram's 4,096-character message limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cachetools import LRUCache

from bot.i18n import ngettext, speaking
from bot.results import Answer, Entry

MESSAGE_LIMIT = 4096
"""Telegram's limit on a message's text after entity parsing, in UTF-16 code units."""
PAGE_SIZE = 5
"""At most this many entries on one page."""
SEPARATOR = "\n\n"
BODY_BUDGET = 3000
"""Most characters an answer's free lines take; titles and notes are short by construction."""


class Markup(Protocol):
    """How emphasis is written; every method takes text that is already escaped."""

    def escape(self, text: str) -> str:
        """Make user or fact text safe to embed."""

    def bold(self, text: str) -> str:
        """Strong emphasis, for titles and headings."""

    def italic(self, text: str) -> str:
        """Light emphasis, for notes and details."""

    def code(self, text: str) -> str:
        """An id the user may copy."""

    def quote(self, text: str) -> str:
        """A verbatim quotation of evidence."""


class PlainMarkup:
    """No markup at all: exactly the text a Telegram user sees once entities are parsed."""

    def escape(self, text: str) -> str:
        return text

    def bold(self, text: str) -> str:
        return text

    def italic(self, text: str) -> str:
        return text

    def code(self, text: str) -> str:
        return text

    def quote(self, text: str) -> str:
        return text


PLAIN = PlainMarkup()


def visible_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Page:
    """A slice of an answer's entries: `start` to `stop`, page `number` of `total`."""

    start: int
    stop: int
    number: int
    total: int


def entry_text(entry: Entry, number: int, markup: Markup) -> str:
    """One numbered entry with its details, any evidence, and its citation."""
    esc = markup.escape
    lines = []
    if entry.heading:
        lines.append(markup.bold(f"{number}. {esc(entry.heading)}"))
        lines.append(esc(entry.text))
    else:
        lines.append(f"{markup.bold(f'{number}.')} {esc(entry.text)}")
    lines.extend(markup.italic(esc(detail)) for detail in entry.details)
    lines.extend(markup.quote(esc(sentence)) for sentence in entry.evidence)
    lines.append(f"↳ {esc(entry.citation.source)} · {markup.code(esc(entry.citation.item_id))}")
    return "\n".join(lines)


def _head(answer: Answer, page: Page, markup: Markup) -> list[str]:
    title = answer.title if page.total == 1 else f"{answer.title} · {page.number}/{page.total}"
    parts = [markup.bold(markup.escape(title))]
    if answer.note:
        parts.append(markup.italic(markup.escape(answer.note)))
    if answer.body and page.number == 1:
        with speaking(answer.lang):
            parts.append("\n".join(markup.escape(line) for line in _fitting(answer.body)))
    return parts


def _fitting(lines: tuple[str, ...]) -> list[str]:
    """As many of `lines` as fit in `BODY_BUDGET` characters, the rest summed up in one line."""
    kept: list[str] = []
    used = 0
    for number, line in enumerate(lines):
        used += visible_length(line) + 1
        if used > BODY_BUDGET:
            left = len(lines) - number
            kept.append(ngettext("… and {n} more line.", "… and {n} more lines.", left))
            break
        kept.append(line)
    return kept


def _suggestion_lines(answer: Answer, markup: Markup) -> str:
    return "\n".join(
        f"→ {markup.escape(suggestion.command)}"
        + ("" if suggestion.label in suggestion.command
           else f" ({markup.escape(suggestion.label)})")
        for suggestion in answer.suggestions
    )


def render_page(
    answer: Answer, page: Page, markup: Markup, *, suggestions_as_text: bool = False
) -> str:
    """The text of one page of `answer`."""
    parts = _head(answer, page, markup)
    group: str | None = None
    for position in range(page.start, page.stop):
        entry = answer.entries[position]
        if entry.group and entry.group != group:
            parts.append(markup.bold(markup.escape(entry.group)))
        group = entry.group
        parts.append(entry_text(entry, position + 1, markup))
    if suggestions_as_text and answer.suggestions and page.number == page.total:
        parts.append(_suggestion_lines(answer, markup))
    return SEPARATOR.join(parts)


PAGINATED = 256
"""Answers whose pages are remembered: the latest, which page turns ask about again."""
_pages: LRUCache[tuple[int, int, int], tuple[Answer, tuple[Page, ...]]] = LRUCache(PAGINATED)


def paginate(
    answer: Answer, limit: int = MESSAGE_LIMIT, page_size: int = PAGE_SIZE
) -> tuple[Page, ...]:
    """Cut the entries into pages that each fit in `limit` as the user sees them (remembered
    for the latest answers, by identity: hashing an answer of 50 entries costs more than
    cutting a short one)."""
    if len(answer.entries) <= 1:
        return (Page(0, len(answer.entries), 1, 1),)
    key = (id(answer), limit, page_size)
    cached = _pages.get(key)
    if cached is not None and cached[0] is answer:
        return cached[1]
    pages = _cut(answer, limit, page_size)
    _pages[key] = (answer, pages)
    return pages


def _cut(answer: Answer, limit: int, page_size: int) -> tuple[Page, ...]:
    entries = answer.entries
    head = visible_length(render_page(answer, Page(0, 0, 1, 999), PLAIN,
                                      suggestions_as_text=True))
    sizes = [visible_length(entry_text(entry, number, PLAIN)) + len(SEPARATOR)
             for number, entry in enumerate(entries, 1)]
    headings = [visible_length(entry.group) + len(SEPARATOR) if entry.group else 0
                for entry in entries]
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(entries):
        used = head + sizes[start] + headings[start]
        stop = start + 1
        while stop < len(entries) and stop - start < page_size:
            new_group = entries[stop].group != entries[stop - 1].group
            used += sizes[stop] + (headings[stop] if new_group else 0)
            if used > limit:
                break
            stop += 1
        bounds.append((start, stop))
        start = stop
    return tuple(Page(start, stop, number, len(bounds))
                 for number, (start, stop) in enumerate(bounds, 1))


def render_all(answer: Answer, markup: Markup) -> str:
    """Every entry of `answer` on one page, suggestions last: the console's view."""
    return render_page(
        answer, Page(0, len(answer.entries), 1, 1), markup, suggestions_as_text=True
    )
