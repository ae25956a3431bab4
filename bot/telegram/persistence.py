"""python-telegram-bot persistence written through the fact base's own store.

Why not `PicklePersistence`: it rewrites its file in place, so a crash mid-write loses
everything it held, and pickles tie the file to the classes' import paths. Here every document
goes through the store's journal (`FactStore.save_state`): one file holds the facts and the
bot's state, a write is durable once it returns, and a crash loses at most the changes made
since the last run (every `update_interval` seconds, and at shutdown).

The state is JSON documents by name, and only those that changed are written:

- `callback:<key>`: a long button payload (`CallbackCodec`), with its age for eviction order
  (a payload UTF-8 cannot hold, with a lone surrogate, is not kept: its button expires);
- `stats:<hour>`: one hour of lookup statistics (`LookupStats`), a week of them at most;
- `chat:<id>`: the replies remembered in a chat (`ChatData`): 64 at most, in the 5,000 most
  recently active chats;
- `user:<id>`: a user's dialogues, one per chat (`UserData`);
- `conversation:<name>:<chat>:<user>`: the state of a persistent `ConversationHandler`.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.factbase import FactBase
from bot.telegram.callbacks import CallbackCodec
from bot.telegram.state import BotData, ChatData, Dialogue, UserData

UPDATE_INTERVAL_SECONDS = 10.0
CALLBACK, STATS, CHAT, USER, CONVERSATION = "callback:", "stats:", "chat:", "user:", \
    "conversation:"

Document = dict[str, Any]
ConversationKey = tuple[int | str, ...]


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_safe(value: Any) -> Any:
    """`value` with lone surrogates (which UTF-8 cannot hold) replaced in every string."""
    if isinstance(value, str):
        return value if _encodable(value) else value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {_json_safe(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    return value


def _chat_document(data: ChatData) -> Document:
    return {"replies": [[asked, replied] for asked, replied in data.replies.items()],
            "active_at": data.active_at}


def _chat_data(document: Document) -> ChatData:
    return ChatData(OrderedDict((int(asked), int(replied))
                                for asked, replied in document.get("replies", [])),
                    float(document.get("active_at", 0.0)))


def _user_document(data: UserData) -> Document:
    return {"dialogues": {str(chat): dataclasses.asdict(dialogue)
                          for chat, dialogue in data.dialogues.items()}}


def _user_data(document: Document) -> UserData:
    return UserData({int(chat): Dialogue(**fields)
                     for chat, fields in document.get("dialogues", {}).items()})


class StorePersistence(BasePersistence[UserData, ChatData, BotData]):
    """Bot, chat and user data and conversation states, kept in the fact base's store."""

    def __init__(self, base: FactBase, update_interval: float = UPDATE_INTERVAL_SECONDS) -> None:
        super().__init__(PersistenceInput(callback_data=False), update_interval)
        self._base = base
        self._stored: dict[str, Document] | None = None
        self._pending: dict[str, Document | None] = {}

    async def _documents(self) -> dict[str, Document]:
        if self._stored is None:
            self._stored = await self._base.state()
        return self._stored

    def _named(self, prefix: str) -> dict[str, Document]:
        assert self._stored is not None
        return {name: document for name, document in self._stored.items()
                if name.startswith(prefix)}

    def _stage(self, name: str, document: Document | None) -> None:
        """Write `document` (None: remove it) at the next commit, unless it is unchanged."""
        assert self._stored is not None
        document = _json_safe(document)
        if self._stored.get(name) != document:
            self._pending[name] = document
        else:
            self._pending.pop(name, None)

    async def commit(self) -> None:
        """Write every changed document in one durable write; if it fails, they stay pending."""
        if not self._pending or self._stored is None:
            return
        pending, self._pending = self._pending, {}
        try:
            await self._base.save_state(pending)
        except BaseException:
            self._pending = {**pending, **self._pending}
            raise
        for name, document in pending.items():
            if document is None:
                self._stored.pop(name, None)
            else:
                self._stored[name] = document

    # Loading ------------------------------------------------------------------------------

    async def get_bot_data(self) -> BotData:
        await self._documents()
        remembered = sorted(self._named(CALLBACK).items(), key=lambda pair: pair[1]["age"])
        data = BotData(codec=CallbackCodec(remembered={
            name.removeprefix(CALLBACK): document["payload"] for name, document in remembered}))
        data.stats.restore({int(name.removeprefix(STATS)): document
                            for name, document in self._named(STATS).items()})
        return data

    async def get_chat_data(self) -> dict[int, ChatData]:
        await self._documents()
        return {int(name.removeprefix(CHAT)): _chat_data(document)
                for name, document in self._named(CHAT).items()}

    async def get_user_data(self) -> dict[int, UserData]:
        await self._documents()
        return {int(name.removeprefix(USER)): _user_data(document)
                for name, document in self._named(USER).items()}

    async def get_conversations(self, name: str) -> dict[ConversationKey, object]:
        await self._documents()
        prefix = f"{CONVERSATION}{name}:"
        return {tuple(int(part) for part in key.removeprefix(prefix).split(":")):
                document["state"] for key, document in self._named(prefix).items()}

    async def get_callback_data(self) -> None:
        """Not used: buttons carry their own data (`CallbackCodec`)."""

    # Saving -------------------------------------------------------------------------------

    async def update_bot_data(self, data: BotData) -> None:
        await self._documents()
        stored = self._named(CALLBACK)
        payloads = {key: payload for key, payload in data.codec.remembered().items()
                    if _encodable(payload)}
        age = max((document["age"] for document in stored.values()), default=0)
        for key, payload in payloads.items():
            if f"{CALLBACK}{key}" not in stored:
                age += 1
                self._stage(f"{CALLBACK}{key}", {"payload": payload, "age": age})
        for name in stored:
            if name.removeprefix(CALLBACK) not in payloads:
                self._stage(name, None)
        hours = {f"{STATS}{hour}": counts for hour, counts in data.stats.hours().items()}
        for name, counts in hours.items():
            self._stage(name, counts)
        for name in self._named(STATS):
            if name not in hours:
                self._stage(name, None)

    async def update_chat_data(self, chat_id: int, data: ChatData) -> None:
        await self._documents()
        self._stage(f"{CHAT}{chat_id}", _chat_document(data) if data.replies else None)

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        await self._documents()
        self._stage(f"{USER}{user_id}", _user_document(data) if data.dialogues else None)

    async def update_conversation(self, name: str, key: ConversationKey,
                                  new_state: object | None) -> None:
        await self._documents()
        document = None if new_state is None else {"state": new_state}
        self._stage(f"{CONVERSATION}{name}:{':'.join(str(part) for part in key)}", document)

    async def update_callback_data(self, data: Any) -> None:
        """Not used: buttons carry their own data (`CallbackCodec`)."""

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._documents()
        self._stage(f"{CHAT}{chat_id}", None)

    async def drop_user_data(self, user_id: int) -> None:
        await self._documents()
        self._stage(f"{USER}{user_id}", None)

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        """Nothing to do: this process is the only writer."""

    async def refresh_chat_data(self, chat_id: int, chat_data: ChatData) -> None:
        """Nothing to do: this process is the only writer."""

    async def refresh_bot_data(self, bot_data: BotData) -> None:
        """Nothing to do: this process is the only writer."""

    async def flush(self) -> None:
        """Write what is still pending (python-telegram-bot calls this at shutdown)."""
        await self.commit()
