"""What the core answers with, free of any Telegram type: an `Answer` (title, note, free lines,
entries with their citations, suggestions) and the small formatting every answer shares — a
user's text echoed back, and dates as people read them, in the current language.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

from babel.dates import get_month_names

from bot.i18n import Language, _, current

Status = Literal["ok", "empty", "not_found", "ambiguous", "usage", "help", "refused"]
MAX_ECHO = 60
"""How much of a user's query an answer repeats back."""


@dataclass(frozen=True)
class Citation:
    """Where an entry comes from: the item's id and its source, compactly."""

    item_id: str
    source: str


@dataclass(frozen=True)
class Entry:
    """One item of an answer, ready to lay out."""

    item_id: str
    kind: str
    text: str
    citation: Citation
    heading: str | None = None
    details: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    group: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """A follow-up the user may want: a label and the command it runs."""

    label: str
    command: str


@dataclass(frozen=True)
class Answer:
    """What the bot says: a title, a note, free lines, entries and suggestions."""

    title: str
    status: Status = "ok"
    note: str | None = None
    body: tuple[str, ...] = ()
    entries: tuple[Entry, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    lang: Language = "en"
    closest: bool = False
    """The entries only come closest: not every word of the question is in them."""
    chart: str | None = None
    """For a timeline, its filter (maybe empty): the answer can be drawn as a chart
    (bot.pictures)."""


_SURROGATE = re.compile("[\ud800-\udfff]")


def echo(text: str) -> str:
    """A user's text, shortened (and any lone surrogate replaced) to repeat it back."""
    text = _SURROGATE.sub("\ufffd", " ".join(text.split()))
    return text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1] + "…"


def format_date(value: str) -> str:
    """`2025-03-06` as `6 Mar 2025`, `2025-03` as `Mar 2025`, `2022` as is (month names in the
    current language: `6 мар. 2025`)."""
    return _format_date(value, current())


@functools.lru_cache(maxsize=1024)
def _format_date(value: str, lang: Language) -> str:
    """babel's `d MMM y` for a day and `LLL y` for a month, from its month names (babel's
    formatter takes 20 microseconds a date, and a timeline shows 50 dates)."""
    parts = value.split("-")
    if len(parts) == 3:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        return f"{day.day} {_month_names(lang, 'format')[day.month]} {day.year}"
    if len(parts) == 2:
        month = dt.date(int(parts[0]), int(parts[1]), 1)
        return f"{_month_names(lang, 'stand-alone')[month.month]} {month.year}"
    return value


@functools.cache
def _month_names(lang: Language, context: Literal["format", "stand-alone"]) -> dict[int, str]:
    """Abbreviated month names in `lang`, as a date (`format`) or on their own
    (`stand-alone`: "март", not "мар.")."""
    return dict(get_month_names("abbreviated", context=context, locale=lang))


def when(date: str | None, end: str | None = None, phrase: str | None = None) -> str | None:
    """A date or range for people to read, keeping the source's own relative phrase."""
    if date and end:
        shown = f"{format_date(date)} – {format_date(end)}"
    elif date:
        shown = format_date(date)
    elif end:
        shown = _("before {date}", date=format_date(end))
    else:
        shown = ""
    if phrase and shown:
        return f"{shown} (“{phrase}”)"
    return phrase or shown or None
