"""The fact base on disk: TinyDB with a table per kind, plus sources and an audit log.

Every write goes through `AtomicJSONStorage`, so it is durable once the call returns, and is
one journal line holding exactly what it changed. The file stays in TinyDB's format; bulk reads
take the documents straight from the storage, since TinyDB's `Table` copies every document it
yields. Items are validated by their pydantic model when they are read back, so a hand-edited
database that no longer fits the models fails loudly at start-up instead of showing broken
answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import ValidationError
from tinydb import TinyDB

from bot.curated import CuratedBase, describe_validation_error
from bot.lock import acquire, lock_path, release
from bot.memory import long_lived
from bot.models import ITEM_MODELS, STORED, Item, Source
from bot.storage import (
    AtomicJSONStorage,
    DatabaseError,
    Op,
    Tables,
    WriteRefusedError,
    write_refused,
)

ITEM_TABLES: dict[str, str] = {
    "person": "people",
    "demand": "demands",
    "quote": "quotes",
    "statement": "statements",
    "event": "events",
    "fact": "facts",
}
"""The TinyDB table that holds each kind of item."""

SOURCES_TABLE = "sources"
TEXTS_TABLE = "texts"
"""Each source's article text, `{"id": source id, "text": ...}` (its SHA-256 is the source's)."""
AUDIT_TABLE = "audit"
EDITORS_TABLE = "editors"
STATE_TABLE = "state"
"""What a front end keeps across restarts (the Telegram bot's dialogues, buttons, statistics):
numbered documents like every table's, each `{"id": name, "state": {...}}`; never exported."""
QUESTIONS_TABLE = "questions"
FOLLOWS_TABLE = "follows"
OUTBOX_TABLE = "outbox"
READER_TABLES = (QUESTIONS_TABLE, FOLLOWS_TABLE, OUTBOX_TABLE)
"""What readers leave with the bot (questions to the editors, follows) and the messages queued
for them: documents with an `id`, written through the same journal; never exported."""
PRIVATE_TABLES = frozenset({STATE_TABLE, *READER_TABLES})
"""Tables that `export` leaves out: the bot's own state and what is stored about readers."""
FACTBOT_TABLES = frozenset({*ITEM_TABLES.values(), SOURCES_TABLE, TEXTS_TABLE, AUDIT_TABLE,
                            EDITORS_TABLE, STATE_TABLE, *READER_TABLES})
"""The tables factbot itself writes; a database with none of them is not factbot's."""

_M = TypeVar("_M", Source, Item)


@dataclass(frozen=True)
class LoadReport:
    """What loading the curated files changed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept_admin: int = 0
    conflicts: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the console."""
        line = (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged,"
            f" {self.removed} removed; {self.kept_admin} admin items kept"
        )
        if self.conflicts:
            line += f"; curated ids skipped, taken by admin items: {', '.join(self.conflicts)}"
        return line


def _text_document(source_id: str, text: str) -> dict[str, Any]:
    return {"id": source_id, "text": text}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class _Changes:
    """One write in progress: edits the in-memory tables and notes each change for the journal.

    Documents are found by item id through `keys`, the store's id index, kept current here.
    """

    def __init__(self, data: Tables, keys: dict[str, dict[str, str]],
                 last: dict[str, int]) -> None:
        self.data = data
        self.ops: list[Op] = []
        self._keys = keys
        self._last = last

    def rows(self, table: str) -> dict[str, dict[str, Any]]:
        return self.data.setdefault(table, {})

    def key_of(self, table: str, item_id: str) -> str | None:
        if table not in self._keys:
            self._keys[table] = {row["id"]: key for key, row in self.rows(table).items()
                                 if "id" in row}
        return self._keys[table].get(item_id)

    def put(self, table: str, key: str, document: dict[str, Any]) -> None:
        self.rows(table)[key] = document
        self.ops.append((table, key, document))
        if table in self._keys and "id" in document:
            self._keys[table][document["id"]] = key

    def remove(self, table: str, key: str) -> None:
        document = self.rows(table).pop(key, None)
        self.ops.append((table, key, None))
        if document is not None and table in self._keys and "id" in document:
            self._keys[table].pop(document["id"], None)

    def insert(self, table: str, document: dict[str, Any]) -> str:
        rows = self.rows(table)
        number = max(self._last.get(table, 0), int(next(reversed(rows), "0"))) + 1
        while str(number) in rows:
            number += 1
        self._last[table] = number
        self.put(table, str(number), document)
        return str(number)


@dataclass
class _Upserted:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[str] = field(default_factory=list)

    def add(self, part: _Upserted) -> None:
        self.added += part.added
        self.updated += part.updated
        self.unchanged += part.unchanged
        self.removed += part.removed
        self.skipped.extend(part.skipped)


def _upsert_by_id(
    changes: _Changes, table: str, documents: Mapping[str, dict[str, Any]], *,
    replaceable: str | None,
) -> _Upserted:
    """Write `documents` (by item id) into `table`.

    Existing documents with the same id are replaced when their origin is `replaceable` (or
    always, when it is None); documents of that origin that are not in `documents` are removed.
    Ids held by a document of another origin are skipped.
    """
    done = _Upserted()
    rows = changes.rows(table)
    if replaceable is not None:
        for stale, row in list(rows.items()):
            if row.get("origin", "curated") == replaceable and row.get("id") not in documents:
                changes.remove(table, stale)
                done.removed += 1
    for item_id, document in documents.items():
        key = changes.key_of(table, item_id)
        current = rows.get(key) if key is not None else None
        if key is None:
            changes.insert(table, document)
            done.added += 1
        elif replaceable is not None and current is not None and (
                current.get("origin") != replaceable):
            done.skipped.append(item_id)
        elif current == document:
            done.unchanged += 1
        else:
            changes.put(table, key, document)
            done.updated += 1
    return done


def _put_named(changes: _Changes, keys: dict[str, dict[str, str]], table: str,
               rows: Mapping[str, dict[str, Any] | None]) -> None:
    """Put each row under its id in `table`, or remove the document with that id (None)."""
    for name, row in rows.items():
        key = changes.key_of(table, name)
        if row is not None:
            if key is None:
                changes.insert(table, row)
            else:
                changes.put(table, key, row)
        elif key is not None:
            changes.remove(table, key)
            keys.get(table, {}).pop(name, None)


class FactStore:
    """Sources and items on disk, with an audit log of every change."""

    def __init__(self, path: Path, *, read_only: bool = False, command: str = "factbot",
                 wait: float = 0.0) -> None:
        """Open the database at `path`. A writer holds its lock (see `bot.lock`) until `close`,
        waiting up to `wait` seconds for another holder; `read_only` takes no lock and never
        writes. A file that is not a factbot database is refused, with nothing written."""
        self.path = path
        self.read_only = read_only
        made_lock = False
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(f"cannot use {path.parent} as the folder of the database"
                                    f" {path}: {error.strerror}") from None
            made_lock = not lock_path(path).exists()
            acquire(path, command, wait=wait)
        try:
            self._db = TinyDB(path, storage=AtomicJSONStorage)
            self._storage = cast(AtomicJSONStorage, self._db.storage)
            self._keys: dict[str, dict[str, str]] = {}
            self._last: dict[str, int] = {}
            self._cold = False
            self._taken_records: dict[str, dict[str, dict[str, Any]]] = {}
            with long_lived():
                data = self._storage.read() or {}
            self._check_ours(data)
        except BaseException:
            if not read_only:
                self.stop_writing()
                if made_lock:
                    lock_path(path).unlink(missing_ok=True)
            raise
        self._editors = {int(row["user_id"]): (key, row)
                         for key, row in data.get(EDITORS_TABLE, {}).items()}

    def _check_ours(self, data: Tables) -> None:
        """Refuse a TinyDB file that some other program wrote."""
        if data and ("_default" in data or not FACTBOT_TABLES & set(data)):
            tables = ", ".join(f"'{name}'" for name in sorted(data)[:5])
            raise DatabaseError(
                f"{self.path} is not a factbot database (its tables are {tables}); it was left"
                " untouched: set FACTBOT_DB_PATH to another file")

    def stop_writing(self) -> None:
        """Give up the right to write (and the lock); reads still work, writes are refused."""
        if not self.read_only:
            self.read_only = True
            release(self.path)

    def release(self) -> None:
        """Stop holding the raw tables in memory ("cold"), keeping only what writes need: each
        item's document key and each table's last key. Bulk operations read the files again."""
        self._index_keys(self._storage.read() or {})
        self._go_cold()

    def _index_keys(self, data: Tables) -> None:
        self._keys = {table: {row["id"]: key for key, row in data.get(table, {}).items()
                              if "id" in row}
                      for table in (*ITEM_TABLES.values(), SOURCES_TABLE, TEXTS_TABLE,
                                    STATE_TABLE, *READER_TABLES)}
        self._last = {table: max((int(key) for key in rows), default=0)
                      for table, rows in data.items()}

    def _go_cold(self) -> None:
        self._storage.close()
        self._db.clear_cache()
        self._cold = True

    def take_items(self) -> Iterator[Item]:
        """Every item, once, for start-up: each raw document is freed as its model is made
        (they share their strings), and the store is cold afterwards."""
        self._warm()
        data = self._storage.read() or {}
        self._index_keys(data)
        self._taken_records = {table: dict(data.get(table) or {}) for table in READER_TABLES}
        context = STORED if self._storage.plain_text else None
        try:
            for kind, table in ITEM_TABLES.items():
                rows = data.get(table) or {}
                model = ITEM_MODELS[kind]
                for key in list(rows):
                    yield self._validated(model, rows.pop(key), table, context=context)
        finally:
            self._go_cold()

    def _warm(self) -> None:
        """Hold the raw tables in memory again, for a bulk operation."""
        if self._cold:
            self._cold = False
            self._keys.clear()

    def _data(self) -> Tables:
        """The raw tables: held in memory, or read from the files without keeping them."""
        return (self._storage.load_fresh() if self._cold else self._storage.read()) or {}

    def close(self) -> None:
        """Release the database and its lock."""
        self._db.close()
        self.stop_writing()

    @property
    def journal_path(self) -> Path:
        """The journal of changes made since the snapshot was last written."""
        return self._storage.journal_path

    def is_empty(self) -> bool:
        """True until anything has been stored."""
        data = self._data()
        return not data or not any(data.values())

    def _write(self, change: Callable[[_Changes], None]) -> None:
        """Apply `change` and make it durable as one journal line (nothing, if it changed nothing).

        If anything fails, the files keep their previous content and the next read comes
        from them, so nothing is ever half-written. A read-only store refuses every write.
        """
        if self.read_only:
            raise WriteRefusedError(f"the database {self.path} is held by another process;"
                               " nothing was written")
        self._taken_records.clear()
        data: Tables = {} if self._cold else self._storage.read() or {}
        changes = _Changes(data, self._keys, self._last)
        try:
            change(changes)
            if changes.ops:
                self._storage.commit(None if self._cold else data, changes.ops)
        except BaseException:
            self._storage.close()
            self._keys.clear()
            self._last.clear()
            self._cold = False
            raise
        finally:
            self._db.clear_cache()

    def load_curated(self, base: CuratedBase) -> LoadReport:
        """Upsert the curated sources and items by id; admin items are never touched."""
        self._warm()
        total = _Upserted()
        kept = [0]

        def report() -> LoadReport:
            return LoadReport(total.added, total.updated, total.unchanged, total.removed,
                              kept[0], tuple(total.skipped))

        def change(changes: _Changes) -> None:
            sources = {source.id: source.model_dump(mode="json") for source in base.sources}
            _upsert_by_id(changes, SOURCES_TABLE, sources, replaceable=None)
            _upsert_by_id(changes, TEXTS_TABLE, {
                source_id: _text_document(source_id, text)
                for source_id, text in base.texts.items()}, replaceable=None)
            for kind, table_name in ITEM_TABLES.items():
                wanted = {item.id: item.model_dump(mode="json")
                          for item in base.items if kind == item.KIND}
                total.add(_upsert_by_id(changes, table_name, wanted, replaceable="curated"))
            kept[0] = sum(1 for name in ITEM_TABLES.values()
                          for row in changes.rows(name).values() if row.get("origin") == "admin")
            if total.added or total.updated or total.removed:
                changes.insert(AUDIT_TABLE, {"at": _now(), "actor": None, "action": "load",
                                             "summary": report().summary()})

        self._write(change)
        return report()

    def save(
        self, item: Item, *, actor: int | None, action: str, undoes: str | None = None,
        before: Item | None = None,
    ) -> Item | None:
        """Store `item` (new, or replacing the one with its id) with an audit entry, atomically.

        Returns the version it replaced, if any. A cold store does not hold that version: the
        caller gives it as `before`, or it is read from the files.
        """
        table = ITEM_TABLES[item.KIND]
        document = item.model_dump(mode="json")
        replaced: list[dict[str, Any]] = []

        def change(changes: _Changes) -> None:
            key = changes.key_of(table, item.id)
            if key is None:
                changes.insert(table, document)
            else:
                held = changes.rows(table).get(key)
                if held is None:
                    held = (before.model_dump(mode="json") if before is not None
                            else self._data().get(table, {}).get(key))
                if held is not None:
                    replaced.append(held)
                changes.put(table, key, document)
            entry = {"at": _now(), "actor": actor, "action": action, "item_id": item.id,
                     "kind": item.KIND, "before": replaced[0] if replaced else None,
                     "after": document}
            if undoes is not None:
                entry["undoes"] = undoes
            changes.insert(AUDIT_TABLE, entry)

        self._write(change)
        return ITEM_MODELS[item.KIND].model_validate(replaced[0]) if replaced else None

    def save_source(self, source: Source, *, actor: int | None, text: str | None = None) -> None:
        """Store a new or changed source (and its article's text), with an audit entry,
        atomically."""
        document = source.model_dump(mode="json")

        def change(changes: _Changes) -> None:
            _upsert_by_id(changes, SOURCES_TABLE, {source.id: document}, replaceable=None)
            if text is not None:
                _upsert_by_id(changes, TEXTS_TABLE, {source.id: _text_document(source.id, text)},
                              replaceable=None)
            changes.insert(AUDIT_TABLE, {"at": _now(), "actor": actor, "action": "add",
                                         "item_id": source.id, "kind": "source",
                                         "before": None, "after": document})

        self._write(change)

    def import_items(self, items: list[Item], *, actor: int | None) -> tuple[int, int, int]:
        """Upsert many items by id in one atomic write; returns (added, updated, unchanged).

        An import that changes nothing writes nothing, not even an audit entry."""
        self._warm()
        total = _Upserted()

        def change(changes: _Changes) -> None:
            for kind, table_name in ITEM_TABLES.items():
                wanted = {item.id: item.model_dump(mode="json")
                          for item in items if kind == item.KIND}
                if wanted:
                    total.add(_upsert_by_id(changes, table_name, wanted, replaceable=None))
            if not (total.added or total.updated):
                return
            changes.insert(AUDIT_TABLE, {
                "at": _now(), "actor": actor, "action": "import",
                "summary": f"{total.added} added, {total.updated} updated,"
                           f" {total.unchanged} unchanged",
            })

        self._write(change)
        return total.added, total.updated, total.unchanged

    def editors(self) -> dict[int, dict[str, Any]]:
        """The editors owners have granted, by user id."""
        return {user_id: dict(row) for user_id, (_, row) in self._editors.items()}

    def set_editor(self, user_id: int, *, actor: int, granted: bool) -> None:
        """Grant or revoke editing rights, with an audit entry, atomically."""
        granted_row = {"user_id": user_id, "granted_by": actor, "at": _now()}
        new_key: list[str] = []

        def change(changes: _Changes) -> None:
            held = self._editors.get(user_id)
            if held is not None:
                changes.remove(EDITORS_TABLE, held[0])
            if granted:
                new_key.append(changes.insert(EDITORS_TABLE, granted_row))
            changes.insert(AUDIT_TABLE, {"at": _now(), "actor": actor, "user_id": user_id,
                                         "action": "grant" if granted else "revoke"})

        self._write(change)
        if new_key:
            self._editors[user_id] = (new_key[0], granted_row)
        else:
            self._editors.pop(user_id, None)

    def _rows(self, table: str) -> list[dict[str, Any]]:
        """A table's documents in stored order, straight from the storage (no copies). A cold
        store is warmed: this is a bulk read, and the whole base is read once, not per table."""
        self._warm()
        return list(((self._storage.read() or {}).get(table) or {}).values())

    def sources(self) -> list[Source]:
        """Every source article."""
        return [self._validated(Source, row, SOURCES_TABLE) for row in self._rows(SOURCES_TABLE)]

    def texts(self) -> dict[str, str]:
        """Every source's article text, by source id."""
        return {row["id"]: row["text"] for row in self._rows(TEXTS_TABLE)
                if isinstance(row.get("id"), str) and isinstance(row.get("text"), str)}

    def items(self) -> Iterator[Item]:
        """Every item of every kind, soft-deleted ones included."""
        for kind, table_name in ITEM_TABLES.items():
            model = ITEM_MODELS[kind]
            for row in self._rows(table_name):
                yield self._validated(model, row, table_name)

    def audit_log(self) -> list[dict[str, Any]]:
        """Every recorded change, oldest first, each with its `key`."""
        rows = self._data().get(AUDIT_TABLE, {})
        return [{**row, "key": key} for key, row in sorted(rows.items(), key=lambda p: int(p[0]))]

    def export(self) -> dict[str, list[dict[str, Any]]]:
        """The whole base as plain JSON-ready data, table by table."""
        return {name: list(rows.values()) for name, rows in self._data().items()
                if name not in PRIVATE_TABLES}

    def state(self) -> dict[str, dict[str, Any]]:
        """Every state document, by name."""
        return {row["id"]: row["state"] for row in self._data().get(STATE_TABLE, {}).values()
                if "id" in row and isinstance(row.get("state"), dict)}

    def save_state(self, documents: Mapping[str, dict[str, Any] | None]) -> None:
        """Store state documents by name (None removes one), in one durable write."""
        self._write(lambda changes: _put_named(changes, self._keys, STATE_TABLE, {
            name: None if document is None else {"id": name, "state": document}
            for name, document in documents.items()}))

    def records(self, table: str) -> dict[str, dict[str, Any]]:
        """The documents of one of `READER_TABLES`, by id: as `take_items` last found them
        (once, so start-up reads the files once), else from the files."""
        rows = self._taken_records.pop(table, None)
        if rows is None:
            rows = self._data().get(table, {})
        return {row["id"]: dict(row) for row in rows.values() if "id" in row}

    def save_records(self, tables: Mapping[str, Mapping[str, dict[str, Any] | None]]) -> None:
        """Store reader records by table and id (None removes one), in one durable write."""

        def change(changes: _Changes) -> None:
            for table, documents in tables.items():
                _put_named(changes, self._keys, table, {
                    record_id: None if document is None else {**document, "id": record_id}
                    for record_id, document in documents.items()})

        self._write(change)

    def fold_journal(self) -> None:
        """Rewrite the snapshot with everything and empty the journal, so that no earlier
        version of any document is left in the files (what `/forgetme` deleted)."""
        if self.read_only:
            raise WriteRefusedError(f"the database {self.path} is held by another process;"
                                    " nothing was written")
        try:
            self._storage.write((self._storage.load_fresh() if self._cold
                                 else self._storage.read()) or {})
        except OSError as error:
            raise write_refused(error) from None
        finally:
            if self._cold:
                self._storage.close()
            self._db.clear_cache()

    def _validated(self, model: type[_M], row: Mapping[str, Any], table: str, *,
                   context: str | None = None) -> _M:
        try:
            return model.model_validate(row, context=context)
        except ValidationError as error:
            where = f"{self.path}: table '{table}': item '{row.get('id')}'"
            lines = describe_validation_error(where, error)
            raise DatabaseError("\n".join(lines)) from None

