"""Pictures of the fact base: the timeline as a chart, and quotes as square cards.

`timeline_picture` and `quote_picture` draw at once (the console). `Studio` draws in one
worker thread, so other chats are answered meanwhile; it keeps the latest pictures until what
they show changes (a new event re-draws the timeline once; a new quote leaves it alone) and
draws a picture asked for twice at the same time only once. Each picture comes with its
caption, which lists the ids `/source` takes and stays within Telegram's 1,024 characters.

The drawing itself (bot.chart, bot.card) needs the optional `pictures` extra (matplotlib and
Pillow); `missing()` says in one line how to install it when it is not there.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import logging
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from cachetools import LRUCache

from bot.answers import entry_for
from bot.commands import answer
from bot.drawing import CardSpec, ChartSpec, Drawing, Legend, Mark, ordinal
from bot.factbase import FactBase
from bot.i18n import N_, Language, _, ngettext, speaking
from bot.layout import Markup, visible_length
from bot.models import Event, Quote
from bot.results import format_date, when

logger = logging.getLogger(__name__)

MISSING = "pictures need the optional extra: pip install 'factbot[pictures]'"
CAPTION_LIMIT = 1024
"""Telegram's limit on a caption after entity parsing, in UTF-16 code units."""
MAX_CHART_EVENTS = 25
"""Most events one chart draws: more rows would be unreadable once Telegram scales it."""
CACHED_PICTURES = 64
_YEAR = re.compile(r"^\d{4}$")

LEGEND = {"day": N_("a day"), "period": N_("a period"),
          "approximate": N_("month or year only"), "before": N_("only “before” is known"),
          "report": N_("the report’s date")}
"""The chart's key: what each way of drawing a date means."""

Style = Literal["plain", "bold", "italic", "code"]
Line = tuple[tuple[Style, str], ...]


@dataclass(frozen=True)
class Picture:
    """A drawn picture with its caption (lines of styled text, already within the limit)."""

    drawing: Drawing
    caption: tuple[Line, ...]

    @property
    def key(self) -> str:
        """A digest of the image: the same picture has the same key."""
        return hashlib.blake2b(self.drawing.png, digest_size=16).hexdigest()


def missing() -> str | None:
    """One line saying how to install what pictures need, or None when it is installed."""
    for module in ("matplotlib", "PIL"):
        if importlib.util.find_spec(module) is None:
            return MISSING
    return None


def caption_text(picture: Picture, markup: Markup) -> str:
    """The picture's caption in `markup`."""
    styles: dict[Style, Callable[[str], str]] = {
        "plain": lambda text: text, "bold": markup.bold, "italic": markup.italic,
        "code": markup.code}
    return "\n".join("".join(styles[style](markup.escape(text)) for style, text in line)
                     for line in picture.caption)


def _length(lines: list[Line]) -> int:
    return sum(visible_length(text) for line in lines for _style, text in line) + len(lines) - 1


def _fitted(lines: list[Line], optional: tuple[int, ...] = (),
            cuttable: tuple[int, ...] = ()) -> tuple[Line, ...]:
    """`lines` within `CAPTION_LIMIT`: the `optional` ones dropped, last first, while it is
    over; then the last segment of each `cuttable` line shortened, in turn, while it still is."""
    kept: list[Line | None] = [line if any(text for _style, text in line) else None
                               for line in lines]

    def over() -> int:
        return _length([line for line in kept if line is not None]) - CAPTION_LIMIT

    for index in sorted(optional, reverse=True):
        if over() <= 0:
            break
        kept[index] = None
    for index in cuttable:
        excess = over()
        line = kept[index]
        if excess <= 0 or line is None:
            break
        *head, (style, text) = line
        kept[index] = (*head, (style, text[: max(1, len(text) - excess - 1)] + "…"))
    return tuple(line for line in kept if line is not None)


def _id_line(ids: list[str]) -> Line:
    """Ids separated by dots, as many as fit, then how many more there are."""
    segments: list[tuple[Style, str]] = []
    used = 0
    for number, item_id in enumerate(ids):
        if used + len(item_id) + 3 > CAPTION_LIMIT // 2:
            segments.append(("plain", f" … +{len(ids) - number}"))
            break
        if segments:
            segments.append(("plain", " · "))
        segments.append(("code", item_id))
        used += len(item_id) + 3
    return tuple(segments)


Plan = Callable[[], Picture]


def _mark(event: Event) -> Mark:
    detail = when(event.date, event.end, event.date_phrase) or ""
    if event.date is None:
        day = ordinal(event.end or "")
        return Mark(event.id, event.text, detail, day, day, "before")
    if event.end is not None:
        return Mark(event.id, event.text, detail, ordinal(event.date),
                    ordinal(event.end, last=True), "period")
    precise = event.date.count("-") == 2
    return Mark(event.id, event.text, detail, ordinal(event.date),
                ordinal(event.date, last=True), "day" if precise else "approximate")


def _timeline_plan(base: FactBase, args: str, lang: Language) -> Plan | None:
    """What drawing the chart of `/timeline args` takes, read from the base now; None when
    that timeline has no events."""
    topic = " ".join(args.split())
    shown = answer(base, f"/timeline {topic}".strip(), lang)
    events = [item for entry in shown.entries
              if isinstance(item := base.items.get(entry.item_id), Event)]
    if not events:
        return None
    if not topic:
        events = base.events()
    drawn = events[:MAX_CHART_EVENTS]
    with speaking(lang):
        sources = [base.sources[key] for key in dict.fromkeys(event.source for event in drawn)
                   if key in base.sources]
        cited = "; ".join(
            f"{source.label}, {format_date(source.published)} — “{source.title}”"
            if source.published else f"{source.label} — “{source.title}”" for source in sources)
        published = [source.published for source in sources if source.published]
        report = max(published) if published else None
        spec = ChartSpec(
            title=shown.title, marks=tuple(_mark(event) for event in drawn),
            legend=Legend(**{kind: _(text) for kind, text in LEGEND.items()},
                          source=_("Source: {sources}", sources=cited) if cited else ""),
            lang=lang,
            report=(ordinal(report), format_date(report)) if report else None,
            window=(ordinal(topic), ordinal(topic, last=True)) if _YEAR.match(topic) else None)
        counted = ngettext("{n} event", "{n} events", len(events))
        summary = (_("{counted}; the first {shown} are shown: {hint}", counted=counted,
                     shown=len(drawn), hint=_("narrow it, e.g. /timeline 2022"))
                   if len(drawn) < len(events) else f"{counted}. {_('Oldest first.')}")
        caption = _fitted(
            [(("bold", shown.title),), (("plain", summary),),
             (("plain", _("The evidence of each: /source <id>")),),
             _id_line([event.id for event in drawn])], optional=(2,), cuttable=(1, 0))

    def draw() -> Picture:
        from bot import chart

        return Picture(chart.draw(spec), caption)

    return draw


def _quote_plan(base: FactBase, quote_id: str, lang: Language) -> Plan | None:
    """What drawing the card of quote `quote_id` takes; None when there is no such quote."""
    quote = base.items.get(quote_id.strip().lower())
    if not isinstance(quote, Quote) or quote.deleted:
        return None
    with speaking(lang):
        entry = entry_for(base, quote)
        person = base.person(quote.speaker)
        role = quote.role or (person.role if person else "")
        said = when(quote.date, None, quote.date_phrase) or ""
        spec = CardSpec(text=quote.text, speaker=entry.heading or quote.speaker, role=role,
                        when=said, source=entry.citation.source, item_id=quote.id)
        dated = " · ".join(part for part in (said, spec.source) if part)
        caption = _fitted(
            [(("bold", spec.speaker),), (("plain", entry.text),), (("italic", role),),
             (("italic", dated),), (("plain", "↳ "), ("code", quote.id))],
            optional=(2, 3), cuttable=(0, 1))

    def draw() -> Picture:
        from bot import card

        return Picture(card.draw(spec), caption)

    return draw


def timeline_picture(base: FactBase, args: str = "", lang: Language = "en") -> Picture | None:
    """The chart of `/timeline args`, drawn now; None when that timeline has no events."""
    plan = _timeline_plan(base, args, lang)
    return plan() if plan else None


def quote_picture(base: FactBase, quote_id: str, lang: Language = "en") -> Picture | None:
    """The card of quote `quote_id`, drawn now; None when there is no such quote."""
    plan = _quote_plan(base, quote_id, lang)
    return plan() if plan else None


def warm_up() -> None:
    """Load the drawing libraries and fonts and draw once, so the first real picture is quick."""
    from bot import card, chart

    chart.draw(ChartSpec("·", (Mark("a", "·", "·", 738000, 738000, "day"),),
                         Legend("·", "·", "·", "·", "·", "·"), "en"))
    card.draw(CardSpec("·", "·", "·", "·", "·", "a"))


Key = tuple[str, Language, str]


def _log_failure(done: Future[None]) -> None:
    if not done.cancelled() and done.exception() is not None:
        logger.warning("could not warm up the drawing of pictures: %s", done.exception())


class Studio:
    """Draws pictures of one fact base in a worker thread and remembers the latest."""

    def __init__(self, base: FactBase, capacity: int = CACHED_PICTURES) -> None:
        self._base = base
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-pictures")
        self._done: LRUCache[Key, tuple[tuple[int, ...], Picture]] = LRUCache(capacity)
        self._drawing: dict[Key, tuple[tuple[int, ...], asyncio.Future[Picture]]] = {}
        self.drawn = 0
        """How many pictures were drawn (not taken from memory)."""

    def warm_up(self) -> None:
        """Start `warm_up()` in the worker thread, without waiting for it: pictures asked for
        meanwhile are drawn after it. A failure is logged (the first picture will say more)."""
        self._worker.submit(warm_up).add_done_callback(_log_failure)

    async def timeline(self, args: str, lang: Language) -> Picture | None:
        """The chart of `/timeline args`; None when that timeline has no events."""
        topic = " ".join(args.split())
        return await self._picture(("timeline", lang, topic), self._base.versions("event"),
                                   lambda: _timeline_plan(self._base, topic, lang))

    async def quote(self, quote_id: str, lang: Language) -> Picture | None:
        """The card of quote `quote_id`; None when there is no such quote."""
        return await self._picture(("quote", lang, quote_id),
                                   self._base.versions("quote", "person"),
                                   lambda: _quote_plan(self._base, quote_id, lang))

    async def _picture(self, key: Key, version: tuple[int, ...],
                       plan: Callable[[], Plan | None]) -> Picture | None:
        done = self._done.get(key)
        if done is not None and done[0] == version:
            return done[1]
        drawing = self._drawing.get(key)
        if drawing is None or drawing[0] != version:
            draw = plan()
            if draw is None:
                return None
            drawing = (version, asyncio.wrap_future(self._worker.submit(draw)))
            self._drawing[key] = drawing
            drawing[1].add_done_callback(lambda _future: self._finish(key, version))
            self.drawn += 1
        return await asyncio.shield(drawing[1])

    def _finish(self, key: Key, version: tuple[int, ...]) -> None:
        drawing = self._drawing.get(key)
        if drawing is None or drawing[0] != version:
            return
        del self._drawing[key]
        if drawing[1].cancelled() or drawing[1].exception() is not None:
            return
        self._done[key] = (version, drawing[1].result())

    def close(self) -> None:
        """Stop the worker thread; pictures being drawn are abandoned."""
        self._worker.shutdown(wait=False, cancel_futures=True)
