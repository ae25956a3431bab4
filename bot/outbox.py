"""The durable queue of messages the bot owes: answers to askers, news to followers, channel
cards.

An entry is plain data (the chat, what kind of notice, its language, what it is about, when it
is due) and is on disk before anything is sent, so a restart loses none. Sending is at most
once, like every reply of the bot: a batch is marked as taken on disk before it is sent and
removed once sent; entries still taken at start-up may have reached Telegram and are dropped
(`recover`), never sent twice. Channel cards for items added within a few minutes of each other
are taken together, as one batch (`take`).
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.records import Changes, Record, Records
from bot.store import OUTBOX_TABLE

DIGEST = "digest"
ANSWER = "answer"
FOLLOW = "follow"


def _order(entry: Record) -> tuple[float, int]:
    return float(entry["due"]), int(str(entry["id"])[1:])


class Outbox:
    """Queued notices, oldest first."""

    def __init__(self, records: Records) -> None:
        self._records = records

    @property
    def _rows(self) -> dict[str, Record]:
        return self._records.rows(OUTBOX_TABLE)

    def stage(self, changes: Changes, entries: Iterable[Record]) -> int:
        """Add `entries` (each with `chat`, `kind`, `lang`, `due` and what it is about) to a
        change being written; returns how many."""
        staged = changes.setdefault(OUTBOX_TABLE, {})
        count = 0
        for entry in entries:
            staged[self._records.new_id(OUTBOX_TABLE, "o")] = {**entry, "taken": False}
            count += 1
        return count

    def stage_forget(self, changes: Changes, chat: int) -> None:
        """Remove, in a change being written, everything queued for `chat`."""
        staged = changes.setdefault(OUTBOX_TABLE, {})
        for entry_id, entry in self._rows.items():
            if entry["chat"] == chat:
                staged[entry_id] = None

    def pending(self, chat: int | None = None) -> list[Record]:
        """The entries not yet sent (for one chat, or all), oldest first."""
        return sorted((entry for entry in self._rows.values()
                       if chat is None or entry["chat"] == chat), key=_order)

    async def recover(self) -> int:
        """At start-up: drop the entries taken by a run that ended before it finished them
        (they may have been delivered); returns how many."""
        async with self._records.lock:
            taken = {entry_id: None for entry_id, entry in self._rows.items() if entry["taken"]}
            await self._records.write({OUTBOX_TABLE: dict(taken)})
        return len(taken)

    async def take(self, now: float, limit: int) -> list[Record]:
        """Up to `limit` entries due by `now`, oldest first, marked as taken on disk. A channel
        card that is due brings every card queued for that channel with it."""
        async with self._records.lock:
            free = [entry for entry in self.pending() if not entry["taken"]]
            chosen: dict[str, Record] = {}
            for entry in free:
                if len(chosen) >= limit:
                    break
                if entry["due"] > now or entry["id"] in chosen:
                    continue
                chosen[entry["id"]] = entry
                if entry["kind"] == DIGEST:
                    for other in free:
                        if other["kind"] == DIGEST and other["chat"] == entry["chat"]:
                            chosen[other["id"]] = other
            await self._records.write({OUTBOX_TABLE: {
                entry_id: {**entry, "taken": True} for entry_id, entry in chosen.items()}})
            return [self._rows[entry_id] for entry_id in chosen]

    async def finish(self, ids: Iterable[str]) -> None:
        """Forget entries that were sent (or will never be)."""
        async with self._records.lock:
            await self._records.write({OUTBOX_TABLE: dict.fromkeys(
                (entry_id for entry_id in ids if entry_id in self._rows), None)})

    async def retry(self, ids: Iterable[str], due: float) -> None:
        """Put entries that certainly did not reach Telegram back in the queue, due at `due`."""
        async with self._records.lock:
            await self._records.write({OUTBOX_TABLE: {
                entry_id: {**self._rows[entry_id], "taken": False, "due": due}
                for entry_id in ids if entry_id in self._rows}})

    async def withdraw(self, item_id: str) -> bool:
        """Keep an item out of the channel: drop its card if it is still queued."""
        async with self._records.lock:
            cards = {entry_id: None for entry_id, entry in self._rows.items()
                     if entry["kind"] == DIGEST and entry.get("item") == item_id
                     and not entry["taken"]}
            await self._records.write({OUTBOX_TABLE: dict(cards)})
        return bool(cards)
