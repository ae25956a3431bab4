"""The naive designs factbot is measured against, on the same data.

(a) `TinyDBScan`: what a straightforward TinyDB bot does — `table.search()` with a rapidfuzz
    test over every document (in memory, so only the scan is measured, not disk reads), and
    `insert()` on TinyDB's stock JSONStorage for writes.
(b) `LinearFuzz`: what python-telegram-bot's rules-bot does — one
    `rapidfuzz.process.extract` with `token_set_ratio` over every entry's text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage, MemoryStorage

from bot.models import Event, Item, Person, Quote

LIMIT = 50


def _document(item: Item) -> dict[str, Any]:
    document: dict[str, Any] = {"id": item.id, "kind": item.KIND,
                                "text": getattr(item, "text", "")}
    if isinstance(item, Person):
        document.update(text=" ".join((item.name, *item.aliases)), name=item.name)
    if isinstance(item, Quote):
        document["speaker"] = item.speaker
    if isinstance(item, Event):
        document["date"] = item.date or item.end or ""
    return document


class TinyDBScan:
    """Baseline (a)."""

    def __init__(self, items: list[Item]) -> None:
        self.db = TinyDB(storage=MemoryStorage)
        self.table = self.db.table("items")
        self.table.insert_multiple(_document(item) for item in items)

    def quote(self, name: str) -> list[Any]:
        entry = Query()
        people = self.table.search((entry.kind == "person")
                                   & entry.text.test(lambda text: fuzz.WRatio(name, text) >= 80))
        ids = [person["id"] for person in people]
        return self.table.search((entry.kind == "quote") & entry.speaker.one_of(ids))

    def search(self, words: str) -> list[Any]:
        entry = Query()
        found = self.table.search(
            entry.text.test(lambda text: fuzz.token_set_ratio(words, text) >= 70))
        return sorted(found, key=lambda doc: -fuzz.token_set_ratio(words, doc["text"]))[:LIMIT]

    def timeline(self, year: str) -> list[Any]:
        entry = Query()
        found = self.table.search((entry.kind == "event")
                                  & entry.date.test(lambda date: date.startswith(year)))
        return sorted(found, key=lambda doc: doc["date"])


class LinearFuzz:
    """Baseline (b)."""

    def __init__(self, items: list[Item]) -> None:
        self.documents = [_document(item) for item in items]
        self.texts = [document["text"] for document in self.documents]

    def quote(self, name: str) -> list[Any]:
        best = process.extract(name, self.texts, scorer=fuzz.token_set_ratio, limit=LIMIT)
        ids = {self.documents[index]["id"] for _, score, index in best if score >= 80}
        return [doc for doc in self.documents if doc.get("speaker") in ids]

    def search(self, words: str) -> list[Any]:
        return process.extract(words, self.texts, scorer=fuzz.token_set_ratio, limit=LIMIT)

    def timeline(self, year: str) -> list[Any]:
        return sorted((doc for doc in self.documents
                       if doc["kind"] == "event" and doc["date"].startswith(year)),
                      key=lambda doc: doc["date"])


def tinydb_json_file(items: list[Item], path: Path) -> TinyDB:
    """Baseline (a)'s on-disk database, for its writes."""
    db = TinyDB(path, storage=JSONStorage)
    db.table("items").insert_multiple(_document(item) for item in items)
    return db
