"""The bot's words follow each user's Telegram language: answers, buttons, errors, inline mode,
and the command menus and descriptions set at start-up."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

from bot.i18n import MENU_LANGUAGES, language_for
from bot.telegram.app import post_init
from tests.support.telegram_rules import parse_html
from tests.support.updates import GROUP, private_with
from tests.telegram.conftest import Harness
from tests.telegram.test_handlers import buttons, last_message, visible

RUSSIAN = {"id": 3003, "is_bot": False, "first_name": "Иван", "language_code": "ru"}
UKRAINIAN = {"id": 4004, "is_bot": False, "first_name": "Оксана", "language_code": "uk"}
GERMAN = {"id": 5005, "is_bot": False, "first_name": "Jonas", "language_code": "de"}
RU_NOTE = "Факты и цитаты — на английском, дословно по источнику."
UK_NOTE = "Факти й цитати — англійською, дослівно за джерелом."


def said_by(user: dict[str, Any], harness: Harness, text: str) -> Update:
    return harness.updates.message(text, private_with(user), user=user)


def bot_message(params: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    """The bot's sent message in `user`'s private chat, as a callback query carries it."""
    return {"message_id": 5001, "date": 0, "chat": private_with(user), "text": visible(params),
            "from": {"id": 1, "is_bot": True, "first_name": "factbot"},
            "reply_markup": params.get("reply_markup")}


async def test_a_russian_user_gets_russian_titles_and_buttons(harness: Harness) -> None:
    await harness.send(said_by(RUSSIAN, harness, "/start"))
    start = last_message(harness)
    assert visible(start).startswith("Привет! Я отвечаю на вопросы о новостях")
    assert [label for label, _ in buttons(start)] == [
        "Требования России", "Хронология", "Цитаты", "Справка"]
    await harness.send(said_by(RUSSIAN, harness, "/quote envoy"))
    envoy = visible(last_message(harness))
    assert envoy.startswith("Цитаты: Keith Kellogg и Steve Witkoff\n")
    assert RU_NOTE in envoy
    assert "“We need to create something completely new”" in envoy


async def test_a_ukrainian_user_gets_ukrainian_words_and_the_same_facts(harness: Harness) -> None:
    await harness.send(said_by(UKRAINIAN, harness, "/demands"))
    demands = visible(last_message(harness))
    assert demands.startswith("Вимоги Росії · 1/")
    assert f"11 вимог. За часом висунення.\n{UK_NOTE}" in demands
    assert "Поточний список (2025)" in demands
    assert "The U.S. and NATO must address what Russia terms the “root causes”" in demands
    await harness.send(said_by(UKRAINIAN, harness, "/who kellogg"))
    assert "1 цитата, 1 заява в переказі" in visible(last_message(harness))


async def test_any_other_language_gets_english(harness: Harness) -> None:
    await harness.send(said_by(RUSSIAN, harness, "/quote kellogg"))
    await harness.send(said_by(GERMAN, harness, "/quote kellogg"))
    german = visible(last_message(harness))
    assert german.startswith("Quotes from Keith Kellogg\n")
    assert "Факты" not in german
    await harness.send(harness.updates.message("/help@factbot_test_bot", GROUP, user=UKRAINIAN))
    assert "/quote [хто] — що сказала людина, дослівно" in visible(last_message(harness))


async def test_buttons_answer_in_the_language_of_who_presses_them(harness: Harness) -> None:
    await harness.send(said_by(RUSSIAN, harness, "/timeline"))
    first = last_message(harness)
    assert visible(first).startswith("Хронология · 1/3")
    await harness.send(harness.updates.press("p|1|/timeline", bot_message(first, RUSSIAN),
                                             user=RUSSIAN))
    [turned] = harness.api.sent("editMessageText")
    assert visible(turned).startswith("Хронология · 2/3")
    await harness.send(harness.updates.press("e|0|stent-no-concessions",
                                             bot_message(first, UKRAINIAN), user=UKRAINIAN))
    assert visible(last_message(harness)).startswith("Джерело: цитата stent-no-concessions")
    await harness.send(harness.updates.press("p|0|#deadbeefdeadbeef",
                                             bot_message(first, UKRAINIAN), user=UKRAINIAN))
    assert harness.api.sent("answerCallbackQuery")[-1]["text"] == (
        "Ця кнопка застаріла. Надішліть команду ще раз.")


async def test_an_error_is_apologised_for_in_the_users_language(harness: Harness) -> None:
    async def broken(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        raise RuntimeError("boom")

    harness.app.add_handler(CommandHandler("broken", broken), group=-1)
    await harness.send(said_by(RUSSIAN, harness, "/broken"))
    sorry = [params["text"] for params in harness.api.sent() if params["chat_id"] == 3003]
    assert sorry[0] == "Извините, при ответе что-то пошло не так. Попробуйте ещё раз чуть позже."


async def test_inline_results_speak_the_language_of_who_types(harness: Harness) -> None:
    await harness.send(harness.updates.inline("kellogg", user=UKRAINIAN))
    answered = harness.api.sent("answerInlineQuery")[-1]
    assert answered["is_personal"] is True
    quote = next(result for result in answered["results"]
                 if result["id"] == "kellogg-something-new")
    shown = parse_html(quote["input_message_content"]["message_text"])[0]
    assert shown.startswith(f"Цитата\n\n{UK_NOTE}\n\n")
    assert "“We need to create something completely new”" in shown
    await harness.send(harness.updates.inline("zzzzqqq", user=RUSSIAN))
    assert harness.api.sent("answerInlineQuery")[-1]["button"]["text"] == (
        "Ничего не найдено — спросите в личном чате")


def test_menus_are_set_for_the_same_languages_answers_use() -> None:
    assert [(code, language_for(code)) for code, _ in MENU_LANGUAGES] == list(MENU_LANGUAGES)


async def test_start_up_sets_menus_and_descriptions_in_each_language(harness: Harness) -> None:
    await post_init(harness.app)

    def menu(code: str | None, scope: int | None = None) -> dict[str, str]:
        [call] = [params for params in harness.api.sent("setMyCommands")
                  if params.get("language_code") == code
                  and params.get("scope", {}).get("chat_id") == scope
                  and (scope is not None or "scope" not in params)]
        return {command["command"]: command["description"] for command in call["commands"]}

    assert menu(None)["quote"] == "what someone said, word for word"
    assert menu("ru")["quote"] == "что сказал человек, дословно"
    assert menu("uk")["timeline"] == "події в хронологічному порядку"
    assert menu("be") == menu("kk") == menu("ru")
    owner_ru = menu("ru", 42)
    assert owner_ru["quote"] == "что сказал человек, дословно"
    assert owner_ru["addquote"] == menu(None, 42)["addquote"]
    assert list(owner_ru)[: len(menu("ru"))] == list(menu("ru"))
    descriptions = {params.get("language_code"): params["description"]
                    for params in harness.api.sent("setMyDescription")}
    assert descriptions[None].startswith("I answer questions about the news")
    assert descriptions["ru"].startswith("Я отвечаю на вопросы о новостях")
    assert descriptions["uk"].startswith("Я відповідаю на запитання про новини")
    short = {params.get("language_code"): params["short_description"]
             for params in harness.api.sent("setMyShortDescription")}
    assert short["uk"] == "Відповіді з посиланнями на джерела: вимоги Росії щодо завершення" \
                          " війни в Україні."
    assert set(short) == set(descriptions) == {code for code, _ in MENU_LANGUAGES}


async def test_granting_and_revoking_set_the_admin_menu_in_each_language(
        harness: Harness) -> None:
    owner = {"id": 42, "is_bot": False, "first_name": "Olga", "language_code": "ru"}
    await harness.send(said_by(owner, harness, "/grant 1001"))
    assert visible(last_message(harness)).startswith("1001 is now an editor")
    granted = {params.get("language_code"): params["commands"]
               for params in harness.api.sent("setMyCommands")
               if params.get("scope") == {"type": "chat", "chat_id": 1001}}
    assert set(granted) == {code for code, _ in MENU_LANGUAGES}
    assert {"command": "who", "description": "про людину чи організацію"} in granted["uk"]
    assert "addquote" in [command["command"] for command in granted["uk"]]
    await harness.send(said_by(owner, harness, "/revoke 1001"))
    revoked = [params.get("language_code") for params in harness.api.sent("deleteMyCommands")
               if params.get("scope") == {"type": "chat", "chat_id": 1001}]
    assert sorted(revoked, key=str) == sorted((code for code, _ in MENU_LANGUAGES), key=str)
