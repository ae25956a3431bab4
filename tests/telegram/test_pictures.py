"""🖼 buttons through the offline Bot API: a timeline's chart and a quote's card come as photos
with HTML captions, uploaded once and then sent by Telegram's file_id."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.factbase import FactBase
from bot.models import Event
from bot.telegram.app import build_application
from tests.support.offline import TOKEN, OfflineBotAPI
from tests.support.telegram_rules import CAPTION_LIMIT, parse_html, photo_size, utf16_length
from tests.support.updates import GROUP, PRIVATE, Updates
from tests.telegram.conftest import Harness, make_settings, running
from tests.telegram.test_handlers import as_message, buttons, last_message

RUSSIAN = {"id": 3003, "is_bot": False, "first_name": "Иван", "language_code": "ru"}


async def press(harness: Harness, data: str, user: dict[str, Any] | None = None) -> None:
    sent = last_message(harness)
    message = as_message(sent, 5001)
    update = (harness.updates.press(data, message) if user is None
              else harness.updates.press(data, message, user))
    await harness.send(update)


def photos(harness: Harness) -> list[dict[str, Any]]:
    return harness.api.sent("sendPhoto")


def shown_caption(params: dict[str, Any]) -> str:
    return parse_html(params["caption"])[0]


async def test_the_timeline_picture_button_sends_the_chart_once_uploaded_then_by_id(
        harness: Harness) -> None:
    await harness.send(harness.updates.message("/timeline"))
    assert ("🖼 Picture", "c|0|") in buttons(last_message(harness))
    await press(harness, "c|0|")
    first = photos(harness)[-1]
    assert first["chat_id"] == PRIVATE["id"]
    assert first["parse_mode"] == "HTML"
    assert first["photo"] == "sent/photo"
    assert photo_size(harness.api.files["sent/photo"]) == (1000, 696)
    caption = shown_caption(first)
    assert caption.startswith("Timeline\n11 events. Oldest first.")
    assert "since-1945 · past-two-decades" in caption
    assert "<code>report-published</code>" in first["caption"]
    assert utf16_length(caption) <= CAPTION_LIMIT
    await press(harness, "c|0|")
    again = photos(harness)[-1]
    assert again["photo"] == "AgAC-photo-1"
    assert again["caption"] == first["caption"]
    assert len(harness.api.photos) == 1


async def test_a_year_timeline_picture_is_that_year(harness: Harness) -> None:
    await harness.send(harness.updates.message("/timeline 2022"))
    assert ("🖼 Picture", "c|0|2022") in buttons(last_message(harness))
    await press(harness, "c|0|2022")
    assert shown_caption(photos(harness)[-1]).startswith("Timeline: 2022\n4 events.")


async def test_each_quote_gets_a_card_button(harness: Harness) -> None:
    await harness.send(harness.updates.message("/quotes"))
    cards = [(label, data) for label, data in buttons(last_message(harness))
             if label.startswith("🖼")]
    assert cards[0] == ("🖼 Card 1", "k|0|kellogg-something-new")
    assert len(cards) == 5
    await harness.send(harness.updates.message("/quote stent"))
    assert ("🖼 Card", "k|0|stent-no-concessions") in buttons(last_message(harness))
    await press(harness, "k|0|stent-no-concessions")
    card = photos(harness)[-1]
    assert photo_size(harness.api.files["sent/photo"]) == (1080, 1080)
    caption = shown_caption(card)
    assert caption.startswith("Angela Stent\n“There is no indication that the Russians")
    assert caption.endswith("↳ stent-no-concessions")


async def test_other_answers_have_no_picture_buttons(harness: Harness) -> None:
    for text in ("/demands", "/who stent", "/search ceasefire", "/source invasion"):
        await harness.send(harness.updates.message(text))
        assert not any(label.startswith("🖼") for label, _data in buttons(last_message(harness)))


async def test_pictures_speak_the_pressers_language(harness: Harness) -> None:
    await harness.send(harness.updates.message("/timeline", user=RUSSIAN,
                                               chat=dict(PRIVATE, id=RUSSIAN["id"])))
    picture_button = next(label for label, _data in buttons(last_message(harness))
                          if label.startswith("🖼"))
    assert picture_button == "🖼 Картинка"
    await press(harness, "c|0|", RUSSIAN)
    assert shown_caption(photos(harness)[-1]).startswith("Хронология\n11 событий.")


async def test_a_picture_in_a_group_replies_to_the_message(harness: Harness) -> None:
    await harness.send(harness.updates.message("/timeline", GROUP))
    sent = last_message(harness)
    message = {**as_message(sent, 5001), "chat": GROUP}
    await harness.send(harness.updates.press("k|0|kellogg-something-new", message))
    photo = photos(harness)[-1]
    assert photo["chat_id"] == GROUP["id"]
    assert photo["reply_parameters"]["message_id"] == 5001


async def test_a_new_event_redraws_the_chart_and_uploads_it_again(
        harness: Harness, factbase: FactBase) -> None:
    await harness.send(harness.updates.message("/timeline"))
    await press(harness, "c|0|")
    await factbase.save(Event(id="new-event", source="reuters-2025-03-13", origin="admin",
                              date="2025-03-12", text="Something happened."),
                        actor=42, action="add")
    await press(harness, "c|0|")
    assert [params["photo"] for params in photos(harness)] == ["sent/photo", "sent/photo"]
    assert "new-event" in shown_caption(photos(harness)[-1])
    await press(harness, "c|0|")
    assert photos(harness)[-1]["photo"] == "AgAC-photo-2"


async def test_a_file_id_telegram_has_forgotten_is_uploaded_again(harness: Harness) -> None:
    await harness.send(harness.updates.message("/quote kellogg"))
    await press(harness, "k|0|kellogg-something-new")
    harness.api.photos.clear()
    await press(harness, "k|0|kellogg-something-new")
    assert [params["photo"] for params in photos(harness)] == [
        "sent/photo", "AgAC-photo-1", "sent/photo"]
    assert [problems for _method, problems in harness.api.violations] == [
        ["wrong file identifier: 'AgAC-photo-1'"]]
    harness.api.violations.clear()


async def test_a_card_for_a_quote_deleted_since_says_so(harness: Harness) -> None:
    await press_on_fresh_message(harness, "k|0|no-such-quote")
    assert photos(harness) == []
    assert parse_html(last_message(harness)["text"])[0].startswith(
        "No item with the id “no-such-quote”")


async def press_on_fresh_message(harness: Harness, data: str) -> None:
    await harness.send(harness.updates.message("/help"))
    await press(harness, data)


@pytest.fixture
async def without_pictures(factbase: FactBase,
                           monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Harness]:
    """The bot on a machine where the `pictures` extra is not installed."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    api = OfflineBotAPI()
    app = build_application(make_settings(), factbase, token=TOKEN, request=api)
    async with running(app):
        yield Harness(app, api, Updates(app.bot))
    assert api.violations == []


async def test_without_the_extra_there_are_no_picture_buttons_and_old_ones_say_why(
        without_pictures: Harness) -> None:
    harness = without_pictures
    await harness.send(harness.updates.message("/timeline"))
    assert not any(label.startswith("🖼") for label, _data in buttons(last_message(harness)))
    await press(harness, "c|0|")
    answered = harness.api.sent("answerCallbackQuery")[-1]
    assert answered["text"] == ("Pictures need the optional extra:"
                                " pip install 'factbot[pictures]'")
    assert photos(harness) == []
