"""Telegram's rules for outgoing Bot API calls, checked the way Telegram checks them.

`check_call(method, params)` returns the problems with one call: HTML that Telegram cannot
parse (unknown tags or attributes, unbalanced tags, unescaped `<`, `>` or `&`, unknown
entities), text over 4,096 characters after entity parsing, callback_data over 64 bytes, more
than 50 inline results or duplicate or over-long result ids, bad command menus, over-long bot
descriptions and language codes that are not two-letter ISO 639-1 codes; captions over 1,024
characters after entity parsing. `check_photo(data)` checks an uploaded photo. Used by the
offline request layer and by the end-to-end Bot API double alike.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_LIMIT = 64
INLINE_RESULTS_LIMIT = 50
RESULT_ID_LIMIT = 64
ALERT_LIMIT = 200
COMMANDS_LIMIT = 100
COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
COMMAND_DESCRIPTION_LIMIT = 256
DESCRIPTION_LIMITS = {"setMyDescription": ("description", 512),
                      "setMyShortDescription": ("short_description", 120)}
LANGUAGE_CODE = re.compile(r"[a-z]{2}")

ALLOWED_TAGS: dict[str, set[str]] = {
    "b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(),
    "s": set(), "strike": set(), "del": set(), "span": {"class"}, "tg-spoiler": set(),
    "a": {"href"}, "code": {"class"}, "pre": set(), "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}
ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def utf16_length(text: str) -> int:
    """Length as Telegram counts it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class _TelegramHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"can't parse entities: unsupported start tag \"{tag}\"")
            return
        for name, value in attrs:
            if name not in ALLOWED_TAGS[tag]:
                self.problems.append(f"can't parse entities: unsupported attribute {name} in {tag}")
            if tag == "span" and name == "class" and value != "tg-spoiler":
                self.problems.append("can't parse entities: span without tg-spoiler class")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"can't parse entities: unsupported self-closing tag \"{tag}\"")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"can't parse entities: unexpected end tag \"{tag}\"")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for char in "<>&":
            if char in data:
                self.problems.append(f"can't parse entities: unescaped {char!r} in text")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in ENTITIES:
            self.problems.append(f"can't parse entities: unsupported entity &{name};")
        self.text.append(ENTITIES.get(name, "?"))

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self.text.append(chr(code))
        except (ValueError, OverflowError):
            self.problems.append(f"can't parse entities: bad character reference &#{name};")

    def handle_comment(self, data: str) -> None:
        self.problems.append("can't parse entities: comments are not supported")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("can't parse entities: declarations are not supported")

    def handle_pi(self, data: str) -> None:
        self.problems.append("can't parse entities: processing instructions are not supported")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("can't parse entities: unknown declaration")


def parse_html(text: str) -> tuple[str, list[str]]:
    """The text Telegram would show for `text` in HTML parse mode, and the parse problems."""
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.stack:
        parser.problems.append(f"can't parse entities: unclosed tag \"{parser.stack[-1]}\"")
    return "".join(parser.text), parser.problems


def check_text(text: Any, parse_mode: Any, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Problems with a message text (or caption) as Telegram would find them."""
    if not isinstance(text, str):
        return ["message text is missing"]
    if not _is_utf8(text):
        return ["strings must be encoded in UTF-8"]
    shown, problems = parse_html(text) if parse_mode == "HTML" else (text, [])
    if not shown.strip():
        problems.append("message text is empty")
    if utf16_length(shown) > limit:
        problems.append(f"message is too long: {utf16_length(shown)} > {limit}")
    return problems


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


KEYBOARD_BUTTONS = 100
"""Most buttons an inline keyboard may have (not in the Bot API docs; Telegram refuses more
with "reply markup is too long", as collected by tginfo/Telegram-Limits)."""
ROW_BUTTONS = 8
"""Most buttons in one row of an inline keyboard (same source)."""


def check_keyboard(markup: Any) -> list[str]:
    """Problems with an inline keyboard's buttons."""
    if not markup:
        return []
    problems = []
    rows = markup.get("inline_keyboard", [])
    if sum(len(row) for row in rows) > KEYBOARD_BUTTONS:
        problems.append("reply markup is too long")
    for row in rows:
        if len(row) > ROW_BUTTONS:
            problems.append(f"reply markup is too long: {len(row)} buttons in a row")
        for button in row:
            data = button.get("callback_data")
            if data is not None and not (
                _is_utf8(data) and 1 <= len(data.encode("utf-8")) <= CALLBACK_LIMIT
            ):
                problems.append(f"BUTTON_DATA_INVALID: {data!r}")
            if not button.get("text") or not _is_utf8(button["text"]):
                problems.append("button text is empty or not UTF-8")
    return problems


PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_SIDES = 10000
PHOTO_RATIO = 20
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def photo_size(data: bytes) -> tuple[int, int] | None:
    """A PNG's width and height, from its header; None if `data` is not a PNG."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def check_photo(data: bytes) -> list[str]:
    """Problems with an uploaded photo as sendPhoto documents them: at most 10 MB, width and
    height together at most 10,000, their ratio at most 20 (checked for PNG, what factbot
    sends)."""
    size = photo_size(data)
    if size is None:
        return ["PHOTO_INVALID_DIMENSIONS: not a PNG image"]
    problems = []
    if len(data) > PHOTO_BYTES:
        problems.append(f"photo too large: {len(data)} bytes")
    width, height = size
    if not width or not height or width + height > PHOTO_SIDES or (
            max(width, height) / min(width, height) > PHOTO_RATIO):
        problems.append(f"PHOTO_INVALID_DIMENSIONS: {width}×{height}")
    return problems


def check_call(method: str, params: Mapping[str, Any]) -> list[str]:
    """Every problem Telegram would find with the call `method(params)`."""
    problems: list[str] = []
    if method in {"sendMessage", "editMessageText"}:
        problems += check_text(params.get("text"), params.get("parse_mode"))
    if method in {"sendDocument", "sendPhoto"} and params.get("caption") is not None:
        problems += check_text(params["caption"], params.get("parse_mode"), CAPTION_LIMIT)
    if method in {"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendDocument",
                  "sendPhoto"}:
        problems += check_keyboard(params.get("reply_markup"))
    if method == "answerCallbackQuery":
        text = params.get("text") or ""
        if len(text) > ALERT_LIMIT:
            problems.append(f"callback answer too long: {len(text)} > {ALERT_LIMIT}")
    if method in {"setMyCommands", "deleteMyCommands", *DESCRIPTION_LIMITS}:
        code = params.get("language_code")
        if code and not LANGUAGE_CODE.fullmatch(code):
            problems.append(f"LANGUAGE_CODE_INVALID: {code!r}")
    if method == "setMyCommands":
        commands = params.get("commands") or []
        if len(commands) > COMMANDS_LIMIT:
            problems.append(f"BOT_COMMANDS_TOO_MUCH: {len(commands)} commands")
        for command in commands:
            if not COMMAND_NAME.fullmatch(command.get("command", "")):
                problems.append(f"BOT_COMMAND_INVALID: {command.get('command')!r}")
            if not 1 <= len(command.get("description", "")) <= COMMAND_DESCRIPTION_LIMIT:
                problems.append(f"BOT_COMMAND_DESCRIPTION_INVALID: {command!r}")
    if method in DESCRIPTION_LIMITS:
        field, limit = DESCRIPTION_LIMITS[method]
        if len(params.get(field) or "") > limit:
            problems.append(f"{field} too long: {len(params[field])} > {limit}")
    if method == "answerInlineQuery":
        results = params.get("results") or []
        if len(results) > INLINE_RESULTS_LIMIT:
            problems.append(f"RESULTS_TOO_MUCH: {len(results)} results")
        ids = [result.get("id", "") for result in results]
        if len(set(ids)) != len(ids):
            problems.append("RESULT_ID_DUPLICATE")
        for result_id in ids:
            if not 1 <= len(result_id.encode("utf-8")) <= RESULT_ID_LIMIT:
                problems.append(f"RESULT_ID_INVALID: {result_id!r}")
        for result in results:
            content = result.get("input_message_content") or {}
            problems += check_text(content.get("message_text"), content.get("parse_mode"))
            problems += check_keyboard(result.get("reply_markup"))
    return problems
