"""Properties that hold for every hostile update: no exception reaches the error handler,
every outgoing call passes Telegram's rules, admin input is stored exactly or refused with
nothing written, and the database always loads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from bot.commands import COMMANDS
from bot.forms import ADD_FORMS
from bot.results import echo
from bot.store import FactStore
from tests.fuzz.conftest import EDITOR_ID, OWNER_ID, FuzzBot
from tests.fuzz.strategies import forged_callback, hostile, suffix
from tests.support.updates import CHANNEL, FORUM, GROUP, PRIVATE, USER, person, private_with

pytestmark = pytest.mark.slow
"""Hundreds of examples a property: CI runs them; the inner loop (`-m "not slow"`) does not."""

CHATS = [PRIVATE, GROUP, FORUM, CHANNEL]
USERS = [USER, person(OWNER_ID, "Owner"), person(EDITOR_ID, "Editor")]
ALL_COMMANDS = [*COMMANDS, "skip", "cancel", "nosuchcommand"]
language = st.sampled_from([None, "ru", "uk-UA", "be", "en", "de", "ru_RU\x00"])
"""The sender's Telegram language_code: each of the bot's languages, and some it lacks."""


def stored_facts(path: Path) -> object:
    """What the fact base holds on disk (items, sources, editors, the audit log), read as
    another process reads it. The bot's own state (dialogues, statistics, its outbox) is saved
    on its own schedule and is left out: a refused write must change nothing here."""
    store = FactStore(path, read_only=True)
    try:
        return store.export(), store.audit_log(), store.editors()
    finally:
        store.close()


def speaking(user: dict[str, Any], code: str | None) -> dict[str, Any]:
    """`user` with `code` as their Telegram language."""
    return {**user, "language_code": code} if code is not None else user


def _message(bot: FuzzBot, text: str, chat: dict[str, Any], user: dict[str, Any]) -> Any:
    thread = 7 if chat is FORUM else None
    return bot.updates.message(text, chat, user=user, thread_id=thread)


@given(command=st.sampled_from(ALL_COMMANDS), at=suffix, args=hostile,
       chat=st.sampled_from(CHATS), user=st.sampled_from(USERS), code=language)
def test_every_command_with_hostile_arguments(fuzz_bot: FuzzBot, command: str, at: str,
                                              args: str, chat: dict[str, Any],
                                              user: dict[str, Any], code: str | None) -> None:
    fuzz_bot.process(_message(fuzz_bot, f"/{command}{at} {args}", chat, speaking(user, code)))
    fuzz_bot.check()


@given(text=hostile, chat=st.sampled_from(CHATS), edited=st.booleans())
def test_plain_text_and_edits(fuzz_bot: FuzzBot, text: str, chat: dict[str, Any],
                              edited: bool) -> None:
    message = fuzz_bot.updates.message_dict("/quote kellogg", chat)
    update = (fuzz_bot.updates.edited(message, text) if edited
              else fuzz_bot.updates.message(text, chat))
    fuzz_bot.process(update)
    fuzz_bot.check()


@given(data=forged_callback, user=st.sampled_from(USERS), chat=st.sampled_from(CHATS))
def test_forged_buttons_are_answered_and_change_nothing_for_strangers(
    fuzz_bot: FuzzBot, data: str, user: dict[str, Any], chat: dict[str, Any]
) -> None:
    before = stored_facts(fuzz_bot.path)
    stranger = fuzz_bot.app.services.admin.role(user["id"]) is None
    message = {"message_id": 5, "date": 0, "chat": chat, "text": "an old answer"}
    fuzz_bot.process(fuzz_bot.updates.press(data, message, user=user))
    fuzz_bot.check()
    assert len(fuzz_bot.calls("answerCallbackQuery")) == 1
    if stranger:
        assert stored_facts(fuzz_bot.path) == before


@given(query=hostile, offset=st.one_of(st.just(""), st.text(max_size=8),
                                       st.integers(-10, 500).map(str)), code=language)
def test_inline_queries(fuzz_bot: FuzzBot, query: str, offset: str, code: str | None) -> None:
    fuzz_bot.process(fuzz_bot.updates.inline(query, offset, user=speaking(USER, code)))
    fuzz_bot.check()
    [answered] = fuzz_bot.calls("answerInlineQuery")
    assert len(answered["results"]) <= 50


field_value = st.one_of(hostile, st.sampled_from(["2025-03-18", "2025", "2025-13-01",
                                                  "Kellogg", "=keith-kellogg", "+New Person",
                                                  "a, b, <c>", "x" * 1001]))


@given(command=st.sampled_from(list(ADD_FORMS)), fields=st.lists(field_value, max_size=4),
       user=st.sampled_from(USERS))
def test_admin_input_is_stored_exactly_or_refused_with_nothing_written(
    fuzz_bot: FuzzBot, command: str, fields: list[str], user: dict[str, Any]
) -> None:
    before = stored_facts(fuzz_bot.path)
    may_write = fuzz_bot.app.services.admin.role(user["id"]) is not None
    text = f"/{command} " + " | ".join(fields)
    fuzz_bot.process(fuzz_bot.updates.message(text, private_with(user), user=user))
    fuzz_bot.check()
    reply = fuzz_bot.last_text()
    event("stored" if reply.startswith("Added ") else "refused")
    if not reply.startswith("Added "):
        if not reply.startswith("Who is"):
            assert reply.split("\n")[0], "a refusal names what was wrong"
        assert stored_facts(fuzz_bot.path) == before, f"refused ({reply!r}) but wrote"
        return
    assert may_write, "a stranger's input was stored"
    kind, item_id = reply.split("\n")[0].split()[1:3]
    given_fields = [field.strip() for field in text.split(" ", 1)[1].split("|")]
    if kind == "source":
        assert fuzz_bot.base.sources[item_id].title == given_fields[0]
        return
    item = fuzz_bot.base.items[item_id]
    main = {"quote": item.__dict__.get("text"), "demand": item.__dict__.get("text"),
            "event": item.__dict__.get("text"), "fact": item.__dict__.get("text"),
            "person": item.__dict__.get("name")}[kind]
    expected = {"quote": 1, "event": 1}.get(kind, 0)
    assert main == given_fields[expected], "stored differently from what was given"
    assert echo(item.headline) in reply


nonblank = st.one_of(st.lists(
    st.sampled_from(["<", ">", "&", "*", "_", "`", "[", "<b>", "</b>", "&amp;", "\u200f",
                     "\u200b", "🇺🇦", "e\u0301", "𝕎", "word", "Kellogg", " "]),
    min_size=1, max_size=20).map("".join).filter(str.strip),
    st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="|"),
            min_size=1, max_size=80).filter(str.strip))
date = st.sampled_from(["2025", "2025-03", "2025-03-18", "1999-12-31"])


@given(command=st.sampled_from(["addfact", "adddemand", "addevent", "addquote", "addperson"]),
       first=nonblank, second=nonblank, third=st.one_of(st.just(""), nonblank), when=date)
def test_well_formed_hostile_admin_input_is_stored_exactly(
    fuzz_bot: FuzzBot, command: str, first: str, second: str, third: str, when: str
) -> None:
    owner = person(OWNER_ID, "Owner")
    fields = {"addfact": [first], "adddemand": [first, third],
              "addevent": [when, first], "addquote": [f"+{second}", first, third],
              "addperson": [first, second, third]}[command]
    before = stored_facts(fuzz_bot.path)
    fuzz_bot.process(fuzz_bot.updates.message(f"/{command} " + " | ".join([*fields, "unverified"]),
                                              private_with(owner), user=owner))
    fuzz_bot.check()
    reply = fuzz_bot.last_text()
    event("stored" if reply.startswith("Added ") else "refused")
    if not reply.startswith("Added "):
        assert stored_facts(fuzz_bot.path) == before
        return
    item = fuzz_bot.base.items[reply.split("\n")[0].split()[2]]
    stored = item.__dict__.get("name") if command == "addperson" else item.__dict__["text"]
    assert stored == first.strip()
