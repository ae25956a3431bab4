"""What a queued notice says, built when it is sent: an answer to a reader's question, news
for a follower, or a card for the channel. Plain `Answer`s like every other, in the language
of the reader they are for; an item that was deleted since it was queued is not announced.
"""

from __future__ import annotations

import datetime as dt

from bot.answers import entry_for, localised
from bot.factbase import FactBase
from bot.i18n import Language, _, language_for, ngettext, speaking
from bot.outbox import ANSWER, DIGEST, FOLLOW
from bot.records import Record
from bot.results import Answer, Entry, Suggestion, echo, format_date


def _live_entry(base: FactBase, item_id: str | None) -> Entry | None:
    item = base.items.get(item_id or "")
    return None if item is None or item.deleted else entry_for(base, item)


def _answer(base: FactBase, entry: Record) -> Answer | None:
    asked = _("You asked: “{question}”", question=echo(entry["question"]))
    title = _("The editors answered your question")
    if "item" in entry:
        shown = _live_entry(base, entry["item"])
        if shown is None:
            return None
        return Answer(title=title, note=asked, entries=(shown,),
                      suggestions=(Suggestion(_("Evidence"), f"/source {shown.item_id}"),))
    day = dt.datetime.fromtimestamp(float(entry["at"]), dt.UTC).date().isoformat()
    return Answer(title=title, note=asked,
                  body=(entry["words"], _("— the editors, {date}", date=format_date(day))))


def _follow(base: FactBase, entry: Record) -> Answer | None:
    shown = _live_entry(base, entry["item"])
    if shown is None:
        return None
    label = entry["label"]
    title = (_("🔔 New about “{label}”", label=label) if entry["added"]
             else _("🔔 Updated, about “{label}”", label=label))
    return Answer(title=title, entries=(shown,),
                  suggestions=(Suggestion(_("Stop following"), f"/unfollow {label}"),))


def _digest(base: FactBase, entries: list[Record]) -> Answer | None:
    shown = tuple(filter(None, (_live_entry(base, entry["item"]) for entry in entries)))
    if not shown:
        return None
    return Answer(title=ngettext("New in the fact base: {n} item",
                                 "New in the fact base: {n} items", len(shown)), entries=shown)


def notice(base: FactBase, entries: list[Record]) -> Answer | None:
    """The message for one queued notice (a channel card: for a batch of them), or None when
    there is nothing left to say."""
    first = entries[0]
    lang: Language = language_for(first.get("lang"))
    with speaking(lang):
        if first["kind"] == DIGEST:
            built = _digest(base, entries)
        elif first["kind"] == ANSWER:
            built = _answer(base, first)
        elif first["kind"] == FOLLOW:
            built = _follow(base, first)
        else:
            built = None
        return None if built is None else localised(built, lang)
