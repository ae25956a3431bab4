"""The fact base as the rest of the bot sees it: the store on disk and the live search index.

Reads come from memory; every write goes to the store first (durably) and then to the index,
so a lookup never sees an item that is not safely on disk.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from bot.curated import CuratedBase, load_curated
from bot.index import SearchIndex
from bot.models import ITEM_MODELS, Demand, Event, Item, Person, Quote, Source, Statement
from bot.store import FactStore, LoadReport


class FactBase:
    """Every source and item, with lookups by kind, by speaker and by search."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self.index = SearchIndex()
        self.sources: dict[str, Source] = {}
        self.items: dict[str, Item] = {}
        self._by_kind: dict[str, dict[str, Item]] = {}
        self._by_speaker: dict[str, dict[str, Quote | Statement]] = {}
        self._timeline: list[Event] | None = None
        self._refresh()

    @classmethod
    def open(cls, db_path: Path, facts_dir: Path, seeds_dir: Path) -> FactBase:
        """Open the database, filling it from the curated files the first time."""
        store = FactStore(db_path)
        if store.is_empty():
            store.load_curated(load_curated(facts_dir, seeds_dir))
        return cls(store)

    def _refresh(self) -> None:
        self.sources = {source.id: source for source in self.store.sources()}
        self.items = {}
        self._by_kind = {kind: {} for kind in ITEM_MODELS}
        self._by_speaker = defaultdict(dict)
        for item in self.store.items():
            self._remember(item)
        self.index = SearchIndex()
        self.index.build(self.items.values())

    def _remember(self, item: Item) -> None:
        """Keep `item` (a new one, or a new version) in the in-memory views."""
        previous = self.items.get(item.id)
        if isinstance(previous, Quote | Statement):
            self._by_speaker[previous.speaker].pop(previous.id, None)
        self.items[item.id] = item
        self._by_kind[item.KIND][item.id] = item
        if isinstance(item, Quote | Statement) and not item.deleted:
            self._by_speaker[item.speaker][item.id] = item
        if isinstance(item, Event) or isinstance(previous, Event):
            self._timeline = None

    def load(self, base: CuratedBase) -> LoadReport:
        """Refresh the curated items from `base`; admin items are kept as they are."""
        report = self.store.load_curated(base)
        self._refresh()
        return report

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    def live(self, kind: str) -> list[Item]:
        """Every item of `kind` that is not deleted, in stored order."""
        return [item for item in self._by_kind[kind].values() if not item.deleted]

    def people(self) -> list[Person]:
        """Every live person and organisation."""
        return [item for item in self.live("person") if isinstance(item, Person)]

    def person(self, person_id: str) -> Person | None:
        """A person by id, deleted or not."""
        item = self.items.get(person_id)
        return item if isinstance(item, Person) else None

    def demands(self) -> list[Demand]:
        """Every live demand, in curated order."""
        return [item for item in self.live("demand") if isinstance(item, Demand)]

    def quotes(self, speaker: str | None = None) -> list[Quote]:
        """Every live quote, or those of one speaker."""
        pool = self.live("quote") if speaker is None else self._by_speaker[speaker].values()
        return [item for item in pool if isinstance(item, Quote)]

    def statements(self, speaker: str | None = None) -> list[Statement]:
        """Every live statement, or those of one speaker."""
        pool = self.live("statement") if speaker is None else self._by_speaker[speaker].values()
        return [item for item in pool if isinstance(item, Statement)]

    def events(self) -> list[Event]:
        """Every live event, oldest first."""
        if self._timeline is None:
            events = [item for item in self.live("event") if isinstance(item, Event)]
            self._timeline = sorted(events, key=lambda event: event.sort_key)
        return self._timeline

    def source_of(self, item: Item) -> Source | None:
        """The source an item cites."""
        return self.sources.get(item.source)
