"""Plain data for pictures: what a chart or a card shows, and what was drawn where.

No drawing library is imported here, so the rest of the bot can describe a picture without
the `pictures` extra; bot.chart and bot.card draw these specifications.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from bot.i18n import Language

Style = Literal["day", "period", "approximate", "before"]


@dataclass(frozen=True)
class Mark:
    """One event on the chart: its row's label, when it happened in words (`detail`) and in
    ordinal days, and how that is drawn."""

    item_id: str
    label: str
    detail: str
    start: int
    stop: int
    style: Style


@dataclass(frozen=True)
class Legend:
    """The chart's key, in the reader's language."""

    day: str
    period: str
    approximate: str
    before: str
    report: str
    source: str


@dataclass(frozen=True)
class ChartSpec:
    """A timeline chart: its title, events, the report's date, an optional window (a year)."""

    title: str
    marks: tuple[Mark, ...]
    legend: Legend
    lang: Language
    report: tuple[int, str] | None = None
    """The report's date (ordinal) and how it is written."""
    window: tuple[int, int] | None = None


@dataclass(frozen=True)
class CardSpec:
    """A quote card: the quotation and who said it, when, and where it was reported."""

    text: str
    speaker: str
    role: str
    when: str
    source: str
    item_id: str


@dataclass(frozen=True)
class Label:
    """A piece of text drawn on a picture, and its box in pixels (left, top, right, bottom,
    from the top-left corner)."""

    role: str
    text: str
    box: tuple[float, float, float, float]
    key: str = ""
    """The item the text stands for, if any."""


@dataclass(frozen=True)
class Drawing:
    """A rendered picture: PNG bytes, its size, and the layout of its text (for checks)."""

    png: bytes
    width: int
    height: int
    labels: tuple[Label, ...]
    areas: tuple[tuple[float, float, float, float], ...] = ()
    """Boxes no label may enter (the chart's plot), in the same coordinates."""
    marks: tuple[Label, ...] = ()
    """Where each event was drawn on a chart (its id as `key`)."""

    def texts(self, role: str) -> list[str]:
        """The text of every label with `role`, top to bottom."""
        return [label.text for label in self.labels if label.role == role]


def ordinal(value: str, *, last: bool = False) -> int:
    """A partial date (`2025`, `2025-03`, `2025-03-06`) as an ordinal day: its first day, or
    with `last` its last."""
    parts = [int(part) for part in value.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    if not last or len(parts) == 3:
        return dt.date(year, month, day).toordinal()
    if len(parts) == 1:
        return dt.date(year, 12, 31).toordinal()
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following.toordinal() - 1
