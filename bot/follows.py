"""Readers following a thread of the story: a person, a topic (a kind of item) or words.

`/follow kellogg` follows Keith Kellogg: his quotes and statements, and any item that names
him. `/follow demands` (or quotes, timeline, facts, people) follows every item of that kind;
anything else follows its words, matched the way the search matches them (`bot.text.tokenize`:
an item follows when it holds every meaningful word). When an editor adds or changes an item,
each reader it matches gets one private message about it, however many of their follows it
matches (`stage_notices`, into the durable outbox). A follow keeps the reader's user id, their
language, what they follow and since when; nothing else.
"""

from __future__ import annotations

import time

from bot.answers import person_key
from bot.factbase import FactBase
from bot.i18n import Language, _, ngettext, speaking
from bot.index import searchable_text
from bot.models import Item, Person, Quote, Statement
from bot.outbox import FOLLOW, Outbox
from bot.records import Changes, Record, Records
from bot.results import Answer, Suggestion, echo
from bot.store import FOLLOWS_TABLE
from bot.text import normalize, tokenize

MAX_FOLLOWS_PER_READER = 10
TOPICS = {"demands": "demand", "demand": "demand", "quotes": "quote", "quote": "quote",
          "timeline": "event", "events": "event", "facts": "fact", "people": "person"}
"""The topics a reader can follow by name: each follows every item of one kind."""
TOPIC_LABELS = {"demand": "demands", "quote": "quotes", "event": "timeline", "fact": "facts",
                "person": "people"}


def _topic(text: str) -> str | None:
    return TOPICS.get(" ".join(normalize(text).split()).lstrip("/"))


class Follows:
    """Every reader's follows, by id (`<user>:<kind>:<target>`)."""

    def __init__(self, records: Records, outbox: Outbox) -> None:
        self._records = records
        self._outbox = outbox

    @property
    def _rows(self) -> dict[str, Record]:
        return self._records.rows(FOLLOWS_TABLE)

    def of(self, user: int) -> list[Record]:
        """What `user` follows, oldest first."""
        return sorted((row for row in self._rows.values() if row["user"] == user),
                      key=lambda row: (row["at"], row["id"]))

    def _target(self, base: FactBase, text: str) -> tuple[str, str, str] | Answer:
        """(kind, target, label) for what `text` asks to follow, or the answer that asks back."""
        topic = _topic(text)
        if topic is not None:
            return "topic", topic, TOPIC_LABELS[topic]
        match = base.index.resolve_people(text, suggest=False)
        if len(match.people) == 1:
            person = match.people[0]
            return "person", person.id, person.name
        if match.people:
            return Answer(
                title=_("“{query}” matches {n} people: whom do you want to follow?",
                        query=echo(text), n=len(match.people)),
                status="ambiguous",
                suggestions=tuple(Suggestion(person.name, f"/follow {person_key(person).lower()}")
                                  for person in match.people[:6]))
        terms = sorted(set(tokenize(text)))
        if not terms:
            return self._usage()
        return "words", " ".join(terms), echo(" ".join(text.split()))

    @staticmethod
    def _usage() -> Answer:
        return Answer(title=_("/follow needs a person, a topic or some words"), status="usage",
                      body=(_("Examples: /follow kellogg, /follow demands, /follow ceasefire"),),
                      suggestions=(Suggestion("Keith Kellogg", "/follow kellogg"),
                                   Suggestion(_("Russia’s demands"), "/follow demands")))

    async def follow(self, base: FactBase, user: int, text: str, lang: Language,
                     now: float | None = None) -> Answer:
        """Start following what `text` names; the reply in `lang`."""
        with speaking(lang):
            if not text.strip():
                return self._usage()
            target = self._target(base, text)
            if isinstance(target, Answer):
                return target
            kind, value, label = target
            follow_id = f"{user}:{kind}:{value}"
            async with self._records.lock:
                if follow_id in self._rows:
                    return Answer(title=_("You already follow “{label}”", label=label),
                                  body=(_("/following lists what you follow."),))
                if len(self.of(user)) >= MAX_FOLLOWS_PER_READER:
                    return Answer(title=_("You follow {n} things already, the most I keep",
                                          n=MAX_FOLLOWS_PER_READER), status="refused",
                                  body=(_("/unfollow one of them first."),))
                await self._records.write({FOLLOWS_TABLE: {follow_id: {
                    "user": user, "lang": lang, "kind": kind, "target": value, "label": label,
                    "at": time.time() if now is None else now}}})
            return Answer(
                title=_("Following “{label}”", label=label),
                body=(_("I will send you each new or changed item about it here."),
                      _("/following lists what you follow; /unfollow stops.")),
                suggestions=(Suggestion(_("Stop following"), f"/unfollow {label}"),))

    def listing(self, user: int, lang: Language) -> Answer:
        """What `user` follows, each with a button that stops it."""
        with speaking(lang):
            mine = self.of(user)
            if not mine:
                return Answer(title=_("You follow nothing yet"), status="empty",
                              body=(_("Examples: /follow kellogg, /follow demands,"
                                      " /follow ceasefire"),))
            return Answer(
                title=ngettext("You follow {n} thing", "You follow {n} things", len(mine)),
                body=tuple(f"🔔 {row['label']}" for row in mine),
                suggestions=tuple(Suggestion(_("Stop: {label}", label=row["label"]),
                                             f"/unfollow {row['label']}") for row in mine))

    async def unfollow(self, base: FactBase, user: int, text: str, lang: Language) -> Answer:
        """Stop following what `text` names (`all`: everything); the reply in `lang`."""
        with speaking(lang):
            mine = self.of(user)
            wanted = " ".join(normalize(text).split())
            if not wanted and len(mine) != 1:
                return self.listing(user, lang) if mine else Answer(
                    title=_("You follow nothing yet"), status="empty")
            if not wanted or wanted == "all":
                chosen = mine
            else:
                target = self._target(base, text)
                keys = {f"{user}:{target[0]}:{target[1]}"} if isinstance(target, tuple) else set()
                chosen = [row for row in mine if row["id"] in keys
                          or " ".join(normalize(row["label"]).split()) == wanted]
            if not chosen:
                return Answer(title=_("You do not follow “{query}”", query=echo(text)),
                              status="not_found", body=(_("/following lists what you follow."),))
            async with self._records.lock:
                await self._records.write({FOLLOWS_TABLE: dict.fromkeys(
                    (row["id"] for row in chosen), None)})
            labels = ", ".join(f"“{row['label']}”" for row in chosen)
            return Answer(title=_("Stopped following {labels}", labels=labels))

    def stage_forget(self, changes: Changes, user: int) -> int:
        """Remove every follow of `user` in a change being written; returns how many."""
        mine = self.of(user)
        changes.setdefault(FOLLOWS_TABLE, {}).update(dict.fromkeys(
            (row["id"] for row in mine), None))
        return len(mine)

    def followers(self, base: FactBase, item: Item) -> dict[int, Record]:
        """The readers `item` concerns, each with the first of their follows it matches."""
        if not self._rows:
            return {}
        people = {person.id: person for person in base.people()}
        terms = set(tokenize(searchable_text(item, people)))
        speaker = item.speaker if isinstance(item, Quote | Statement) else None
        found: dict[int, Record] = {}
        for row in sorted(self._rows.values(), key=lambda row: row["at"]):
            if row["user"] in found:
                continue
            if row["kind"] == "topic":
                hit = row["target"] == item.KIND
            elif row["kind"] == "person":
                person = people.get(row["target"])
                hit = row["target"] in (item.id, speaker) or (
                    person is not None and _names_in(person, terms))
            else:
                hit = set(row["target"].split()) <= terms
            if hit:
                found[row["user"]] = row
        return found

    def stage_notices(self, changes: Changes, base: FactBase, item: Item, *, added: bool,
                      now: float) -> int:
        """Queue one message about `item` for every reader it concerns; returns how many."""
        if item.deleted:
            return 0
        return self._outbox.stage(changes, (
            {"chat": user, "kind": FOLLOW, "lang": row["lang"], "due": now, "item": item.id,
             "label": row["label"], "added": added}
            for user, row in self.followers(base, item).items()))


def _names_in(person: Person, terms: set[str]) -> bool:
    """Whether `terms` hold one of the person's names (their name or an alias) whole."""
    return any((wanted := set(tokenize(name))) and wanted <= terms
               for name in (person.name, *person.aliases))
