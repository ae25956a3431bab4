"""Admins in Telegram: the authorization matrix, guided dialogues, files, buttons, restart."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.factbase import FactBase
from bot.telegram.app import build_application, post_init
from bot.telegram.editing import FORWARDED, NOTHING_TO_CANCEL, UNVERIFIABLE
from tests.conftest import FACTS_DIR, SEEDS_DIR, on_disk
from tests.support.offline import TOKEN, OfflineBotAPI
from tests.support.telegram_rules import parse_html
from tests.support.updates import (
    ANONYMOUS_ADMIN,
    CHANNEL,
    GROUP,
    Updates,
    person,
    private_with,
)
from tests.telegram.conftest import Harness, make_settings, running

OWNER, EDITOR, REVOKED, ORDINARY = person(42, "Olga"), person(77, "Ed"), person(88, "Rita"), \
    person(1001, "Ann")

WRITES = {
    "addquote": "/addquote Kellogg | root causes",
    "adddemand": "/adddemand A matrix demand | unverified",
    "addevent": "/addevent 2025-03-20 | A matrix event | evidence=3",
    "addfact": "/addfact A matrix fact | unverified",
    "addperson": "/addperson Matrix Person | Tester",
    "addsource": "/addsource Matrix | Outlet | 2025-03-20",
    "edit": "/edit no-comment topic matrix",
    "delete": "/delete no-comment",
    "restore": "/restore invasion",
    "undo": "/undo",
    "grant": "/grant 555",
    "revoke": "/revoke 77",
    "import": "/import",
    "reload": "/reload",
}
OWNERS_ONLY = {"grant", "revoke"}
IMPORT_FILE = "uploads/import.json"


@pytest.fixture
async def admin_harness(tmp_path: Path) -> AsyncIterator[Harness]:
    base = FactBase.open(tmp_path / "db.json", FACTS_DIR, SEEDS_DIR)
    base.store.set_editor(77, actor=42, granted=True)
    base.store.set_editor(88, actor=42, granted=True)
    base.store.set_editor(88, actor=42, granted=False)
    deleted = base.items["invasion"].model_copy(update={"deleted": True})
    base.store.save(deleted, actor=77, action="delete")
    edited = base.items["two-sources"].model_copy(update={"topic": "owner's edit"})
    base.store.save(edited, actor=42, action="edit")
    base = FactBase(base.store)
    api = OfflineBotAPI()
    api.files[IMPORT_FILE] = json.dumps({"facts": [{
        "id": "imported-fact", "source": "reuters-2025-03-13", "origin": "admin",
        "text": "Imported by the matrix", "topic": "t"}]}).encode()
    app = build_application(make_settings(FACTBOT_ADMIN_IDS="42"), base, token=TOKEN, request=api)
    async with running(app):
        yield Harness(app, api, Updates(app.bot))
    assert api.violations == []


def identities() -> list[tuple[str, dict[str, Any], dict[str, Any], bool]]:
    """(name, chat, message options, may write) for every identity in every chat type."""
    cases = []
    for chat_name, chat_of in (("private", private_with), ("group", lambda _user: GROUP)):
        for name, user, allowed in (("owner", OWNER, True), ("editor", EDITOR, True),
                                    ("revoked", REVOKED, False), ("ordinary", ORDINARY, False)):
            cases.append((f"{chat_name}-{name}", chat_of(user), {"user": user}, allowed))
        cases.append((f"{chat_name}-forwarded-by-owner", chat_of(OWNER),
                      {"user": OWNER, "forwarded_from": ORDINARY}, False))
    cases.append(("group-anonymous-admin", GROUP,
                  {"user": ANONYMOUS_ADMIN, "sender_chat": GROUP}, False))
    cases.append(("channel-post", CHANNEL, {"user": None}, False))
    return cases


@pytest.mark.parametrize("command", list(WRITES))
@pytest.mark.parametrize(("who", "chat", "options", "allowed"), identities(),
                         ids=[case[0] for case in identities()])
async def test_authorization_matrix(admin_harness: Harness, command: str, who: str,
                                    chat: dict[str, Any], options: dict[str, Any],
                                    allowed: bool) -> None:
    store = admin_harness.app.services.factbase.store
    before = on_disk(store.path)
    extra = {"document": IMPORT_FILE} if command == "import" else {}
    await admin_harness.send(admin_harness.updates.message(WRITES[command], chat, **options,
                                                           **extra))
    reply = parse_html(admin_harness.api.sent()[-1]["text"])[0]
    refused = reply.startswith(("Only the bot's", UNVERIFIABLE, FORWARDED))
    may = allowed and not (command in OWNERS_ONLY and who.endswith("editor"))
    assert refused is not may, reply
    if not may:
        assert on_disk(store.path) == before, "a refused command wrote to the database"
    else:
        assert on_disk(store.path) != before, f"{command} as {who} changed nothing: {reply}"


async def test_a_guided_dialogue_asks_each_field(admin_harness: Harness) -> None:
    chat = private_with(EDITOR)
    for text in ("/addquote", "Kellogg", "cogent and substantive"):
        await admin_harness.send(admin_harness.updates.message(text, chat, user=EDITOR))
    await admin_harness.send(admin_harness.updates.message("/skip", chat, user=EDITOR))
    texts = admin_harness.api.texts()
    assert texts[0].startswith("New quote — step 1 of 3: speaker")
    assert texts[1].startswith("New quote — step 2 of 3: quote")
    assert texts[2].startswith("New quote — step 3 of 3: context")
    assert texts[3].startswith("Added quote keith-kellogg-cogent-and-substantive")


async def test_skip_on_a_required_field_and_cancel(admin_harness: Harness) -> None:
    chat = private_with(EDITOR)
    for text in ("/addfact", "/skip", "/cancel", "plain text after"):
        await admin_harness.send(admin_harness.updates.message(text, chat, user=EDITOR))
    texts = admin_harness.api.texts()
    assert texts[1].startswith("text is needed")
    assert texts[2] == "Cancelled: nothing was added."
    assert texts[3].startswith(("Nothing found", "Results for"))


@pytest.mark.parametrize("chat", [private_with(EDITOR), GROUP], ids=["private", "group"])
async def test_cancel_without_a_dialogue_says_so(admin_harness: Harness,
                                                 chat: dict[str, Any]) -> None:
    await admin_harness.send(admin_harness.updates.message("/cancel", chat, user=EDITOR))
    assert admin_harness.api.texts() == [NOTHING_TO_CANCEL]


async def test_one_dialogue_at_a_time_in_a_chat(admin_harness: Harness) -> None:
    chat = private_with(EDITOR)
    for text in ("/addfact", "/addperson", "The one fact | unverified"):
        await admin_harness.send(admin_harness.updates.message(text, chat, user=EDITOR))
    texts = admin_harness.api.texts()
    assert texts[1].startswith("You are already adding a fact here")
    assert texts[2].startswith("Added fact")


async def test_a_dialogue_that_times_out_says_so_and_keeps_nothing(tmp_path: Path) -> None:
    base = FactBase.open(tmp_path / "db.json", FACTS_DIR, SEEDS_DIR)
    api = OfflineBotAPI()
    app = build_application(make_settings(FACTBOT_ADMIN_IDS="42"), base, token=TOKEN,
                            request=api, dialogue_timeout=dt.timedelta(seconds=0.3))
    chat = private_with(OWNER)
    async with running(app):
        updates = Updates(app.bot)
        for text in ("/addquote", "Kellogg"):
            await app.process_update(updates.message(text, chat, user=OWNER))
        items_before = len(base.items)
        for _ in range(50):
            await asyncio.sleep(0.1)
            if len(api.texts()) == 3:
                break
        assert api.texts()[-1] == ("The /addquote dialogue timed out: nothing was added.\n\n"
                                   "Send /addquote to start again.")
        await app.process_update(updates.message("Words never added", chat, user=OWNER))
        assert api.texts()[-1].startswith(("Nothing found", "Results for"))
    assert len(base.items) == items_before
    kept = base.store.state()
    base.close()
    assert not any(name.startswith(("user:", "conversation:")) for name in kept), kept


async def test_a_dialogue_in_a_group_asks_with_force_reply(admin_harness: Harness) -> None:
    await admin_harness.send(admin_harness.updates.message("/addfact", GROUP, user=EDITOR))
    assert admin_harness.api.sent()[-1]["reply_markup"] == {"force_reply": True,
                                                            "selective": True}


async def test_an_ordinary_user_cannot_start_a_dialogue(admin_harness: Harness) -> None:
    chat = private_with(ORDINARY)
    await admin_harness.send(admin_harness.updates.message("/addfact", chat, user=ORDINARY))
    await admin_harness.send(admin_harness.updates.message("sneaky", chat, user=ORDINARY))
    texts = admin_harness.api.texts()
    assert texts[0] == "Only the bot's editors can use /addfact."
    assert not any(text.startswith("Added") for text in texts)


async def test_export_sends_the_base_as_a_json_document(admin_harness: Harness) -> None:
    await admin_harness.send(admin_harness.updates.message("/export", private_with(OWNER),
                                                           user=OWNER))
    [document] = admin_harness.api.sent("sendDocument")
    data = json.loads(admin_harness.api.files[document["document"]])
    assert len(data["quotes"]) == 5


async def test_grant_in_reply_to_a_message_and_the_menus(admin_harness: Harness) -> None:
    target = admin_harness.updates.message_dict("hello", GROUP, user=ORDINARY)
    await admin_harness.send(admin_harness.updates.message("/grant", GROUP, user=OWNER,
                                                           reply_to=target))
    assert parse_html(admin_harness.api.sent()[-1]["text"])[0].startswith("1001 is now an editor")
    scoped = admin_harness.api.sent("setMyCommands")[-1]
    assert scoped["scope"] == {"type": "chat", "chat_id": 1001}
    assert "addquote" in [command["command"] for command in scoped["commands"]]
    await post_init(admin_harness.app)
    scopes = [call.get("scope", {}).get("chat_id") for call in
              admin_harness.api.sent("setMyCommands")]
    assert {42, 77, 1001} <= set(scopes)


async def test_grant_in_reply_to_a_forwarded_message_is_refused(admin_harness: Harness) -> None:
    target = admin_harness.updates.message_dict("fwd", GROUP, user=ORDINARY,
                                                forwarded_from=EDITOR)
    await admin_harness.send(admin_harness.updates.message("/grant", GROUP, user=OWNER,
                                                           reply_to=target))
    assert "was forwarded" in parse_html(admin_harness.api.sent()[-1]["text"])[0]


async def test_an_unsure_speaker_is_chosen_with_a_button(admin_harness: Harness) -> None:
    chat = private_with(EDITOR)
    await admin_harness.send(admin_harness.updates.message("/addquote kelog | root causes",
                                                           chat, user=EDITOR))
    ask = admin_harness.api.sent()[-1]
    buttons = [b for row in ask["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons[1]["text"] == "Keith Kellogg"
    message = {"message_id": 5001, "date": 0, "chat": chat, "text": "Who?",
               "reply_markup": ask["reply_markup"]}
    await admin_harness.send(admin_harness.updates.press(buttons[1]["callback_data"], message,
                                                         user=ORDINARY))
    assert parse_html(admin_harness.api.sent()[-1]["text"])[0].startswith("Only the bot's")
    await admin_harness.send(admin_harness.updates.press(buttons[1]["callback_data"], message,
                                                         user=EDITOR))
    assert parse_html(admin_harness.api.sent()[-1]["text"])[0].startswith(
        "Added quote keith-kellogg-root-causes")


async def test_html_in_admin_input_is_stored_as_given_and_shown_escaped(
    admin_harness: Harness,
) -> None:
    await admin_harness.send(admin_harness.updates.message(
        "/addfact Tags <b>stay</b> & *text* | unverified", private_with(EDITOR), user=EDITOR))
    await admin_harness.send(admin_harness.updates.message("/search tags stay"))
    sent = admin_harness.api.sent()[-1]
    assert "Tags &lt;b&gt;stay&lt;/b&gt; &amp; *text*" in sent["text"]


async def test_a_quote_added_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    for step in ("add", "find"):
        base = FactBase.open(path, FACTS_DIR, SEEDS_DIR)
        api = OfflineBotAPI()
        app = build_application(make_settings(FACTBOT_ADMIN_IDS="42"), base, token=TOKEN,
                                request=api)
        async with app:
            updates = Updates(app.bot)
            if step == "add":
                await app.process_update(updates.message(
                    "/addquote Stent | Restart-proof words | unverified", private_with(OWNER),
                    user=OWNER))
            else:
                await app.process_update(updates.message("/quote stent"))
        base.close()
    assert "“Restart-proof words”" in api.texts()[-1]
