"""The bot's own words in English, Russian and Ukrainian (gettext catalogs read with babel).

The catalogs are `bot/locales/<lang>/LC_MESSAGES/factbot.po`, read once per process. Code that
builds an answer marks its words with `_` (and `ngettext` for counts); `speaking(lang)` chooses
the language for everything built inside it, so the answer functions need no extra argument.
Strings kept in module-level tables are marked with `N_` and translated where they are shown.
Facts and their evidence are never translated: they stay in English, verbatim.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
from pathlib import Path
from typing import Literal

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

Language = Literal["en", "ru", "uk"]
LANGUAGES: tuple[Language, ...] = ("en", "ru", "uk")
"""English first: the language of the facts, and of anyone whose language is not offered."""
TRANSLATED: tuple[Language, ...] = ("ru", "uk")
DOMAIN = "factbot"
LOCALES = Path(__file__).resolve().parent / "locales"
_READ_AS_RUSSIAN = ("be", "kk")
"""Belarusian and Kazakh readers mostly read Russian too, and have no catalog of their own."""


def language_for(code: str | None) -> Language:
    """The language to answer in for a Telegram `language_code` such as `ru`, `uk-UA`, `en`."""
    prefix = (code or "").strip().lower().replace("_", "-").split("-", 1)[0]
    if prefix == "uk":
        return "uk"
    if prefix == "ru" or prefix in _READ_AS_RUSSIAN:
        return "ru"
    return "en"


MENU_LANGUAGES: tuple[tuple[str | None, Language], ...] = (
    (None, "en"), ("ru", "ru"), ("uk", "uk"), *((code, "ru") for code in _READ_AS_RUSSIAN))
"""The Telegram language codes that command menus and descriptions are set for (None: anyone
else), each with the language it is given: the same choice as `language_for`."""


def catalog_path(lang: Language) -> Path:
    """Where the catalog of `lang` lives."""
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: Language) -> NullTranslations:
    """The compiled catalog of `lang` (English needs none: its words are the msgids)."""
    if lang == "en":
        return NullTranslations()
    with catalog_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def load_all() -> None:
    """Read every catalog now (at start-up), so the first answer in each language is quick."""
    for lang in TRANSLATED:
        translations(lang)


_current: contextvars.ContextVar[Language] = contextvars.ContextVar("language", default="en")


def current() -> Language:
    """The language words are being translated into."""
    return _current.get()


class _Speaking:
    """The block `speaking` opens: its language set on entry, the one before restored on exit
    (a class rather than a generator: every answer, and each inline result, opens one)."""

    __slots__ = ("_lang", "_token")

    def __init__(self, lang: Language) -> None:
        self._lang = lang

    def __enter__(self) -> None:
        self._token = _current.set(self._lang)

    def __exit__(self, *exception: object) -> None:
        _current.reset(self._token)


def speaking(lang: Language) -> contextlib.AbstractContextManager[None]:
    """Translate the words built inside this block into `lang`."""
    return _Speaking(lang)


def _(message: str, /, **values: object) -> str:
    """`message` in the current language, its `{placeholders}` filled from `values`."""
    text = translations(_current.get()).gettext(message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, number: int, /, **values: object) -> str:
    """The form of `singular`/`plural` for `number` in the current language; `{n}` is the
    number, other placeholders come from `values`."""
    text = translations(_current.get()).ngettext(singular, plural, number)
    return text.format(n=number, **values)


def translate(message: str, lang: Language) -> str:
    """`message` (marked with `N_`) in `lang`, whatever language is current."""
    return translations(lang).gettext(message)


def N_(message: str, /) -> str:  # noqa: N802 (gettext's own name for the marker)
    """Mark `message` for the catalogs without translating it: `_` translates it when shown."""
    return message
