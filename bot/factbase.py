"""The fact base as the rest of the bot sees it: the store on disk and the live search index.

Reads come from memory; every write goes to the store first (durably) and then to the index,
so a lookup never sees an item that is not safely on disk.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import ValidationError

from bot import lexicon
from bot.curated import CuratedBase, load_curated
from bot.glossary import Glossary, GlossaryEntry
from bot.index import SearchIndex
from bot.lock import DatabaseBusyError
from bot.memory import long_lived
from bot.models import ITEM_MODELS, Demand, Event, Item, Person, Quote, Source, Statement
from bot.storage import DatabaseError, WriteRefusedError
from bot.store import FactStore, LoadReport
from bot.text import commonness

_T = TypeVar("_T")
_I = TypeVar("_I", bound=Item)
APPLY_SLICE = 200
"""Items an import shows at a time before other chats' lookups get their turn."""
logger = logging.getLogger(__name__)
GLOSSARY_STATE = "glossary"
"""The state document holding the glossary entries editors added from Telegram."""


class FactBase:
    """Every source and item, with lookups by kind, by speaker and by search."""

    def __init__(self, store: FactStore, glossary: Glossary | None = None) -> None:
        self.store = store
        self.glossary = glossary or Glossary()
        self.index = SearchIndex(self.glossary)
        self.sources: dict[str, Source] = {}
        self.texts: dict[str, str] = {}
        """Each source's article text, by source id (sources without one have none)."""
        self.items: dict[str, Item] = {}
        self._by_kind: dict[str, dict[str, Item]] = {}
        self._by_speaker: dict[str, dict[str, Quote | Statement]] = {}
        self._memo: dict[tuple[tuple[str, ...], str], tuple[tuple[int, ...], Any]] = {}
        self._kind_versions: dict[str, int] = defaultdict(int)
        self.version = 0
        self._write_lock = asyncio.Lock()
        for row in self._added_glossary().values():
            try:
                self.glossary.add(GlossaryEntry.model_validate(row))
            except ValidationError as error:
                logger.warning("An editor's glossary entry is damaged and is left out: %s",
                               error.errors()[0]["msg"])
        self._refresh()

    @classmethod
    def open(cls, db_path: Path, facts_dir: Path, seeds_dir: Path, *, write: bool = True,
             command: str = "factbot", wait: float = 0.0) -> FactBase:
        """Open the database, filling it from the curated files the first time.

        A writer holds the database's lock until `close` (waiting up to `wait` seconds for it).
        With `write` False the base is only read: it is filled if new and free, and its lock is
        given up at once, so a reader never stands in a writer's way; while another process
        holds it, it is read as that process last confirmed it.
        """
        if write:
            store = FactStore(db_path, command=command, wait=wait)
        else:
            try:
                store = FactStore(db_path, command=command)
            except (DatabaseBusyError, WriteRefusedError):
                store = FactStore(db_path, read_only=True)
        try:
            if store.is_empty():
                if store.read_only:
                    raise DatabaseError(f"the database {db_path} does not exist yet and cannot"
                                        " be created now: another process holds it, or its"
                                        " storage refuses writes")
                store.load_curated(load_curated(facts_dir, seeds_dir))
            if not write:
                store.stop_writing()
            return cls(store, Glossary.load(facts_dir))
        except BaseException:
            store.close()
            raise

    def _refresh(self) -> None:
        with long_lived():
            self.version += 1
            self._memo.clear()
            self.sources = {source.id: source for source in self.store.sources()}
            self.texts = self.store.texts()
            self.items = {}
            self._by_kind = {kind: {} for kind in ITEM_MODELS}
            self._by_speaker = defaultdict(dict)
            for item in self.store.take_items():
                self._remember(item)
            self.index = SearchIndex(self.glossary)
            self.index.build(self.items.values())

    def memo(self, kinds: str | tuple[str, ...], name: str, compute: Callable[[], _T]) -> _T:
        """`compute()`, a view of the items of one kind (or a few), remembered until one of
        them changes (a new quote does not make the timeline be sorted again)."""
        depends = (kinds,) if isinstance(kinds, str) else kinds
        version = self.versions(*depends)
        cached = self._memo.get((depends, name))
        if cached is not None and cached[0] == version:
            return cast(_T, cached[1])
        value = compute()
        self._memo[(depends, name)] = (version, value)
        return value

    def versions(self, *kinds: str) -> tuple[int, ...]:
        """A counter per kind in `kinds`, moved on by every change to an item of that kind:
        what a view of those kinds must be rebuilt after."""
        return tuple(self._kind_versions[kind] for kind in kinds)

    def _remember(self, item: Item) -> None:
        """Keep `item` (a new one, or a new version) in the in-memory views."""
        self.version += 1
        self._kind_versions[item.KIND] += 1
        previous = self.items.get(item.id)
        if isinstance(previous, Quote | Statement):
            self._by_speaker[previous.speaker].pop(previous.id, None)
        self.items[item.id] = item
        self._by_kind[item.KIND][item.id] = item
        if isinstance(item, Quote | Statement) and not item.deleted:
            self._by_speaker[item.speaker][item.id] = item

    def load(self, base: CuratedBase) -> LoadReport:
        """Refresh the curated items from `base`; admin items are kept as they are."""
        report = self.store.load_curated(base)
        self._refresh()
        return report

    def apply(self, item: Item) -> None:
        """Show a stored change to lookups at once: views and index, item by item."""
        previous = self.items.get(item.id)
        said = list(self._by_speaker[item.id].values()) if isinstance(previous, Person) else []
        for quote_or_statement in said:
            self.index.remove(quote_or_statement.id)
        self._remember(item)
        self.index.add(item)
        for quote_or_statement in said:
            self.index.add(quote_or_statement)

    async def save(self, item: Item, *, actor: int | None, action: str,
                   undoes: str | None = None) -> Item | None:
        """Store one change durably, then show it; returns the version it replaced.

        Writes are one at a time; the file write runs in a worker thread so that a large base
        does not stall lookups in other chats while it is written.
        """
        async with self._write_lock:
            replaced = await asyncio.to_thread(
                self.store.save, item, actor=actor, action=action, undoes=undoes,
                before=self.items.get(item.id),
            )
            self.apply(item)
        return replaced

    async def save_source(self, source: Source, *, actor: int | None,
                          text: str | None = None) -> None:
        """Store a source (and its article's text) durably, then show it (answers kept until
        the fact base changes are made again: their citations name the source)."""
        async with self._write_lock:
            await asyncio.to_thread(self.store.save_source, source, actor=actor, text=text)
            self.sources[source.id] = source
            if text is not None:
                self.texts[source.id] = text
            self.version += 1
            self._kind_versions["source"] += 1

    async def import_items(self, items: list[Item], *, actor: int | None) -> tuple[int, int, int]:
        """Upsert many items in one durable write, then show them; (added, updated, unchanged).

        They are shown a slice at a time, letting other chats' lookups in between.
        """
        async with self._write_lock:
            counts = await asyncio.to_thread(self.store.import_items, items, actor=actor)
            added, updated, _ = counts
            if not (added or updated):
                return counts
            await asyncio.to_thread(self.store.release)
            for start in range(0, len(items), APPLY_SLICE):
                for item in items[start:start + APPLY_SLICE]:
                    if self.items.get(item.id) != item:
                        self.apply(item)
                await asyncio.sleep(0)
        return counts

    async def reload(self, base: CuratedBase) -> LoadReport:
        """`load`, with the write in a worker thread."""
        async with self._write_lock:
            report = await asyncio.to_thread(self.store.load_curated, base)
            self._refresh()
        return report

    def warm(self) -> None:
        """Load what the first Russian or Ukrainian question, or the first word the base does
        not hold, would otherwise wait for (word forms, word frequencies in English, Russian
        and Ukrainian, the English lexicon); for a worker thread at start-up (the Russian and
        Ukrainian frequencies took the first question with an everyday word such as "против"
        0.6 s)."""
        self.glossary.warm()
        commonness("warm")
        commonness("мир")
        lexicon.warm()

    async def add_glossary_entry(self, entry: GlossaryEntry) -> None:
        """Store an editor's glossary entry durably (with the others editors added), then use
        it in every lookup at once."""
        async with self._write_lock:
            added = {**self._added_glossary(), entry.id: entry.model_dump(mode="json")}
            await asyncio.to_thread(self.store.save_state,
                                    {GLOSSARY_STATE: {"entries": list(added.values())}})
            self.glossary.add(entry)
            self.index.forget_spelling()
            self.version += 1

    def _added_glossary(self) -> dict[str, dict[str, Any]]:
        """The glossary entries editors added, as stored."""
        stored = self.store.state().get(GLOSSARY_STATE, {}).get("entries", [])
        return {row["id"]: row for row in stored if isinstance(row, dict) and "id" in row}

    async def set_editor(self, user_id: int, *, actor: int, granted: bool) -> None:
        """Grant or revoke editing rights durably."""
        async with self._write_lock:
            await asyncio.to_thread(self.store.set_editor, user_id, actor=actor, granted=granted)

    async def export(self) -> dict[str, list[dict[str, Any]]]:
        """The whole base as JSON-ready data, read between writes, off the event loop."""
        async with self._write_lock:
            return await asyncio.to_thread(self.store.export)

    async def state(self) -> dict[str, dict[str, Any]]:
        """What a front end stored to survive a restart (`FactStore.state`), off the loop."""
        async with self._write_lock:
            return await asyncio.to_thread(self.store.state)

    async def save_state(self, documents: dict[str, dict[str, Any] | None]) -> None:
        """Store a front end's state documents durably, between writes, off the event loop."""
        async with self._write_lock:
            await asyncio.to_thread(self.store.save_state, documents)

    def records(self, table: str) -> dict[str, dict[str, Any]]:
        """What is stored about readers in one table (`FactStore.records`), read at start-up."""
        return self.store.records(table)

    async def save_records(self, tables: dict[str, dict[str, dict[str, Any] | None]]) -> None:
        """Store reader records durably (`FactStore.save_records`), between writes, off the
        event loop."""
        async with self._write_lock:
            await asyncio.to_thread(self.store.save_records, tables)

    async def fold_journal(self) -> None:
        """Leave no earlier version of any document in the files (`FactStore.fold_journal`)."""
        async with self._write_lock:
            await asyncio.to_thread(self.store.fold_journal)

    async def audit_log(self) -> list[dict[str, Any]]:
        """Every recorded change, oldest first, read between writes, off the event loop."""
        async with self._write_lock:
            return await asyncio.to_thread(self.store.audit_log)

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    def live(self, kind: str) -> list[Item]:
        """Every item of `kind` that is not deleted, in stored order."""
        return self.memo(kind, "live", lambda: [
            item for item in self._by_kind[kind].values() if not item.deleted])

    def people(self) -> list[Person]:
        """Every live person and organisation."""
        return cast(list[Person], self.live("person"))

    def person(self, person_id: str) -> Person | None:
        """A person by id, deleted or not."""
        item = self.items.get(person_id)
        return item if isinstance(item, Person) else None

    def demands(self) -> list[Demand]:
        """Every live demand, in curated order."""
        return cast(list[Demand], self.live("demand"))

    def _by_publication(self, items: list[_I]) -> list[_I]:
        """`items` in the order their sources were published (each source's in its own order);
        items of an undated source last."""
        return sorted(items, key=lambda item: getattr(self.sources.get(item.source), "published",
                                                      None) or "9999")

    def quotes(self, speaker: str | None = None) -> list[Quote]:
        """Every live quote, or those of one speaker, in the order their sources appeared."""
        if speaker is None:
            return self.memo("quote", "quotes", lambda: self._by_publication(
                cast(list[Quote], self.live("quote"))))
        return self.memo("quote", f"quotes of {speaker}", lambda: self._by_publication(
            [item for item in self._by_speaker[speaker].values() if isinstance(item, Quote)]))

    def statements(self, speaker: str | None = None) -> list[Statement]:
        """Every live statement, or those of one speaker, in the order their sources appeared."""
        if speaker is None:
            return self.memo("statement", "statements", lambda: self._by_publication(
                cast(list[Statement], self.live("statement"))))
        return self.memo("statement", f"statements of {speaker}", lambda: self._by_publication(
            [item for item in self._by_speaker[speaker].values() if isinstance(item, Statement)]))

    def events(self) -> list[Event]:
        """Every live event, oldest first."""
        return self.memo("event", "timeline", lambda: sorted(
            cast(list[Event], self.live("event")), key=lambda event: event.sort_key))

    def events_in(self, year: str) -> list[Event]:
        """Live events that start, end or run in `year`, oldest first."""
        events = self.events()
        keys = self.memo("event", "timeline keys", lambda: [event.sort_key[0] for event in events])
        ranges = self.memo("event", "timeline ranges",
                           lambda: [event for event in events if event.date and event.end])
        start = bisect.bisect_left(keys, year)
        stop = bisect.bisect_left(keys, f"{int(year) + 1:04d}")
        starting = events[start:stop]
        spanning = [event for event in ranges
                    if (event.date or "")[:4] < year <= (event.end or "")[:4]]
        if not spanning:
            return starting
        return sorted([*starting, *spanning], key=lambda event: event.sort_key)

    def source_of(self, item: Item) -> Source | None:
        """The source an item cites."""
        return self.sources.get(item.source)
