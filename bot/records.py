"""What readers leave with the bot, in memory and on disk: one place that writes it.

The reader tables (`bot.store.READER_TABLES`: questions, follows, the outgoing queue) are read
once at start-up and kept in memory. A change is computed under `lock`, written durably through
the store's journal as one write (`FactBase.save_records`), and only then applied in memory, so
what the bot acts on is always on disk; a write the disk refuses changes nothing.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.factbase import FactBase
from bot.store import READER_TABLES

Record = dict[str, Any]
Changes = dict[str, dict[str, Record | None]]
"""Records to write, by table and id; None removes one."""


class Records:
    """The reader tables, by table and id."""

    def __init__(self, base: FactBase) -> None:
        self._base = base
        self._tables: dict[str, dict[str, Record]] = {
            table: base.records(table) for table in READER_TABLES}
        self._last: dict[str, int] = {}
        self.lock = asyncio.Lock()
        """Held while a change is computed and written, so changes never interleave."""

    def rows(self, table: str) -> dict[str, Record]:
        """The records of `table`, by id (read them; change them only through `write`)."""
        return self._tables[table]

    def new_id(self, table: str, prefix: str) -> str:
        """An id not used in `table` since start-up: `prefix` and a number."""
        taken = [int(key[len(prefix):]) for key in self._tables[table]
                 if key.startswith(prefix) and key[len(prefix):].isdigit()]
        number = max(self._last.get(table, 0), max(taken, default=0)) + 1
        self._last[table] = number
        return f"{prefix}{number}"

    async def write(self, changes: Changes) -> None:
        """Write `changes` durably in one go, then apply them in memory."""
        changes = {table: rows for table, rows in changes.items() if rows}
        if not changes:
            return
        await self._base.save_records(changes)
        for table, rows in changes.items():
            held = self._tables[table]
            for record_id, record in rows.items():
                if record is None:
                    held.pop(record_id, None)
                else:
                    held[record_id] = {**record, "id": record_id}
