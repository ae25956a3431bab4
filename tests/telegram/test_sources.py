"""A new article in Telegram: sent as a document (the offline Bot API serves it by getFile),
its candidates extracted and added by button, evidence for a paraphrase chosen by button."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.factbase import FactBase
from bot.telegram.app import build_application
from tests.conftest import FACTS_DIR, SEEDS_DIR
from tests.support.offline import TOKEN, OfflineBotAPI, parse_html
from tests.support.updates import Updates, person, private_with
from tests.telegram.conftest import Harness, make_settings, running
from tests.test_admin import FOLLOW_UP

EDITOR = person(77, "Ed")
ARTICLE = "uploads/kremlin-aide.txt"
PAGE = "uploads/kremlin-aide.html"


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    base = FactBase.open(tmp_path / "db.json", FACTS_DIR, SEEDS_DIR)
    base.store.set_editor(77, actor=42, granted=True)
    api = OfflineBotAPI()
    api.files[ARTICLE] = FOLLOW_UP
    api.files[PAGE] = (b"<html><body><nav>Home | World</nav><article><h1>Aide replies</h1>"
                       b"<p>" + FOLLOW_UP.replace(b"\n", b"</p><p>") + b"</p></article>"
                       b"<footer>Subscribe to our newsletter</footer></body></html>")
    app = build_application(make_settings(FACTBOT_ADMIN_IDS="42"), base, token=TOKEN, request=api)
    async with running(app):
        yield Harness(app, api, Updates(app.bot))
    assert api.violations == []


def _reply(harness: Harness) -> tuple[str, list[dict[str, Any]], dict[str, Any]]:
    """The bot's last message: its text as seen, its buttons, and the message itself."""
    sent = harness.api.sent()[-1]
    buttons = [button for row in sent.get("reply_markup", {}).get("inline_keyboard", [])
               for button in row]
    message = {"message_id": 9000 + len(harness.api.sent()), "date": 0,
               "chat": {"id": sent["chat_id"], "type": "private"}, "text": "…",
               "reply_markup": sent.get("reply_markup")}
    return parse_html(sent["text"])[0], buttons, message


async def _press(harness: Harness, label: str) -> str:
    _text, buttons, message = _reply(harness)
    [button] = [b for b in buttons if b["text"].startswith(label)]
    await harness.send(harness.updates.press(button["callback_data"], message, user=EDITOR))
    return _reply(harness)[0]


async def test_an_article_sent_as_a_document_is_extracted_and_added_by_buttons(
        harness: Harness) -> None:
    chat = private_with(EDITOR)
    await harness.send(harness.updates.message(
        "/addsource Kremlin aide replies | Reuters | 2025-03-14", chat, user=EDITOR,
        document=ARTICLE))
    added, _buttons, _message = _reply(harness)
    assert added.startswith("Added source kremlin-aide-replies")
    assert harness.api.sent("getFile") == [{"file_id": ARTICLE}]
    proposal = await _press(harness, "Extract quotes and events")
    assert proposal.startswith("4 candidate(s) from kremlin-aide-replies")
    assert "Quote · Yuri Ushakov (new person)" in proposal
    accepted = await _press(harness, "Add all 4")
    assert accepted.startswith("Accepted from kremlin-aide-replies")
    await harness.send(harness.updates.message("/quote ushakov", chat, user=EDITOR))
    answer, _buttons, _message = _reply(harness)
    assert "“nothing but a temporary breather for the Ukrainian military.”" in answer
    assert "↳ Reuters, 14 Mar 2025 · yuri-ushakov-nothing-but-a-temporary" in answer


async def test_addsource_in_reply_to_an_html_page_keeps_the_article_text(
        harness: Harness) -> None:
    chat = private_with(EDITOR)
    page = harness.updates.message_dict("", chat, user=EDITOR, document=PAGE)
    await harness.send(harness.updates.message(
        "/addsource Aide replies | Example News | 2025-03-14", chat, user=EDITOR,
        reply_to=page))
    assert _reply(harness)[0].startswith("Added source aide-replies")
    text = harness.app.services.factbase.texts["aide-replies"]
    assert "Kremlin aide Yuri Ushakov said on Thursday" in text
    assert "Subscribe to our newsletter" not in text


async def test_the_evidence_of_a_paraphrase_is_chosen_with_a_button(harness: Harness) -> None:
    chat = private_with(EDITOR)
    await harness.send(harness.updates.message(
        "/addfact Kellogg does not see the Istanbul agreement as a starting point", chat,
        user=EDITOR))
    asked, buttons, _message = _reply(harness)
    assert asked.startswith("Which sentence of “Russia hands US list")
    assert buttons[0]["text"].startswith("24. Retired General Keith Kellogg")
    assert buttons[-1]["text"] == "None of these: add as unverified"
    added = await _press(harness, "24. ")
    assert added.startswith("Added fact kellogg-does-not-see-the-istanbul-agreement")
    await harness.send(harness.updates.message(
        "/source kellogg-does-not-see-the-istanbul-agreement", chat, user=EDITOR))
    assert "addressed an audience at the Council on Foreign Relations last week" in (
        _reply(harness)[0])


async def test_a_source_corrected_is_shown_corrected_at_once(harness: Harness) -> None:
    """The bot keeps recent answers until the fact base changes: a source's new title is a
    change, so the next /source shows it, not the remembered answer."""
    chat = private_with(EDITOR)
    await harness.send(harness.updates.message("/source reuters-2025-03-13", chat))
    assert "Russia hands US list" in harness.api.sent()[-1]["text"]
    base = harness.app.services.factbase
    source = base.sources["reuters-2025-03-13"]
    await base.save_source(source.model_copy(update={"title": "Corrected title"}), actor=77)
    await harness.send(harness.updates.message("/source reuters-2025-03-13", chat))
    assert "Corrected title" in harness.api.sent()[-1]["text"]
