"""The bot's own words in Russian and Ukrainian: complete catalogs, placeholders kept, plurals
agreeing with their numbers, and the facts left in English, verbatim."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.answers import item_answer
from bot.commands import answer
from bot.factbase import FactBase
from bot.i18n import LOCALES, TRANSLATED, Language, catalog_path, language_for
from bot.layout import PLAIN, render_all

BOT = Path(__file__).resolve().parent.parent / "bot"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
RU_NOTE = "Факты и цитаты — на английском, дословно по источнику."
UK_NOTE = "Факти й цитати — англійською, дослівно за джерелом."


def marked_in_code() -> set[str | tuple[str, str]]:
    """Every literal message the code marks with `_`, `N_` or `ngettext`, nested ones too."""
    found: set[str | tuple[str, str]] = set()
    for path in BOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [arg.value for arg in node.args
                     if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if node.func.id in ("_", "N_") and texts:
                found.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) >= 2:
                found.add((texts[0], texts[1]))
    return found


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=locale)


def key(message_id: str | tuple[str, ...]) -> str | tuple[str, str]:
    return message_id if isinstance(message_id, str) else (message_id[0], message_id[1])


def test_the_template_holds_exactly_the_messages_the_code_marks() -> None:
    template = {key(message.id) for message in read(LOCALES / "factbot.pot") if message.id}
    marked = marked_in_code()
    assert marked - template == set(), "run pybabel extract (see bot/locales/README.md)"
    assert template - marked == set(), "the template has messages the code no longer uses"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(lang: Language) -> None:
    template = [message for message in read(LOCALES / "factbot.pot") if message.id]
    catalog = read(catalog_path(lang), lang)
    assert catalog.num_plurals == 3
    problems = []
    for wanted in template:
        message = catalog.get(wanted.id)
        if message is None or "fuzzy" in message.flags:
            problems.append(f"missing or fuzzy: {wanted.id!r}")
            continue
        if isinstance(wanted.id, str):
            forms = [(wanted.id, message.string)]
        else:
            strings = tuple(message.string)
            assert len(strings) == catalog.num_plurals, wanted.id
            forms = [(wanted.id[1], form) for form in strings]
        for source, translated in forms:
            if not translated:
                problems.append(f"untranslated: {source!r}")
            elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translated)):
                problems.append(f"placeholders differ: {source!r} -> {translated!r}")
    assert problems == []


@pytest.mark.parametrize(("code", "lang"), [
    ("ru", "ru"), ("ru-RU", "ru"), ("uk", "uk"), ("uk-UA", "uk"), ("be", "ru"), ("kk", "ru"),
    ("en", "en"), ("en-GB", "en"), ("de", "en"), ("", "en"), (None, "en"), ("ukr", "en"),
])
def test_language_codes_choose_the_language(code: str | None, lang: str) -> None:
    assert language_for(code) == lang


def test_russian_answers_speak_russian_and_keep_the_facts_in_english(factbase: FactBase) -> None:
    english = answer(factbase, "/quote kellogg")
    russian = answer(factbase, "/quote kellogg", "ru")
    assert russian.title == "Цитаты: Keith Kellogg"
    assert russian.note == RU_NOTE
    assert [entry.text for entry in russian.entries] == [entry.text for entry in english.entries]
    assert "6 мар. 2025 (“last week”)" in russian.entries[0].details
    assert russian.entries[0].citation.source == "Reuters via Defence Talks, 13 мар. 2025"
    assert english.note is None


def test_ukrainian_answers_speak_ukrainian(factbase: FactBase) -> None:
    demands = answer(factbase, "/demands", "uk")
    assert demands.title == "Вимоги Росії"
    assert demands.note == f"11 вимог. За часом висунення.\n{UK_NOTE}"
    assert demands.entries[0].group == "Поточний список (2025)"
    missing = answer(factbase, "/search zzzzqqq", "uk")
    assert missing.title == "За запитом «zzzzqqq» нічого не знайдено"
    assert missing.note == "У джерелах нічого немає про “zzzzqqq”. Спробуйте інші слова або /help."


@pytest.mark.parametrize(("lang", "text", "counts"), [
    ("ru", "/who kellogg", "1 цитата, 1 заявление в пересказе"),
    ("uk", "/who kellogg", "1 цитата, 1 заява в переказі"),
    ("ru", "/about", "11 требований, 5 цитат, 7 заявлений в пересказе, 11 событий"),
    ("uk", "/about", "11 вимог, 5 цитат, 7 заяв у переказі, 11 подій, 13 інших фактів"),
])
def test_counts_take_the_plural_form_their_number_needs(factbase: FactBase, lang: Language,
                                                         text: str, counts: str) -> None:
    shown = render_all(answer(factbase, text, lang), PLAIN)
    assert counts in shown


def test_usage_help_and_unknown_commands_are_translated(factbase: FactBase) -> None:
    usage = answer(factbase, "/search", "ru")
    assert usage.title == "Для /search нужно указать слова для поиска"
    assert usage.body == ("Формат: /search <слова>", "Пример: /search ceasefire")
    assert "/quote [хто] — що сказала людина, дослівно" in answer(factbase, "/help", "uk").body
    unknown = answer(factbase, "/quotr", "ru")
    assert unknown.title == "Не знаю команды /quotr"
    assert unknown.note == "Возможно, вы имели в виду:"
    assert not any(RU_NOTE in (a.note or "") for a in (usage, unknown))


def test_an_inline_item_is_titled_in_the_language(factbase: FactBase) -> None:
    item = factbase.items["kellogg-something-new"]
    assert item_answer(factbase, item, "uk").title == "Цитата"
    assert item_answer(factbase, item).title == "Quote"


def test_dates_are_written_as_babel_writes_them_in_every_language() -> None:
    import datetime as dt

    from babel.dates import format_date as babel_format_date

    from bot.results import _format_date

    for lang in ("en", "ru", "uk"):
        for month in range(1, 13):
            first = dt.date(2024, month, 1)
            assert _format_date(f"2024-{month:02d}", lang) == babel_format_date(
                first, "LLL y", locale=lang)
            for day in range(1, 30):
                date = dt.date(2024, month, day)
                assert _format_date(date.isoformat(), lang) == babel_format_date(
                    date, "d MMM y", locale=lang)
        assert _format_date("0205-03-06", lang) == babel_format_date(
            dt.date(205, 3, 6), "d MMM y", locale=lang)
