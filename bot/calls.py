"""A command as sent, and the one parser that reads it.

`parse("/quote@factbot kellogg")` gives `Call(name="quote", args="kellogg")`: the Telegram
handlers, the console, `factbot admin` and the control channel all read commands with it. A
`Call` also carries who sent it (a verified user id) and what came with it: the field values a
guided dialogue collected, the user id of the message it replies to, a file to import.

A command function that cannot use its arguments raises `Misused` (one line saying what is
wrong) or `MissingArguments` (what it needs): the registry (bot.commands) turns them into an
answer that shows the command's usage as declared there, so no function repeats it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.results import Answer

_COMMAND_TEXT = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)
MAX_NAME = 32
"""Telegram's longest command name."""

FileSource = Callable[[], Awaitable[bytes | Answer | None]]
"""Fetches the file a command came with: its bytes, None if none came, or the answer saying
why it cannot be had."""


@dataclass(frozen=True)
class Call:
    """One command as sent: its name as typed (without `/` or `@bot`), its arguments, and, for
    an admin command, the verified sender and what came with the message."""

    name: str
    args: str = ""
    actor: int | None = None
    values: tuple[str, ...] | None = None
    """An add form's fields as a guided dialogue collected them (`args` is then unused)."""
    reply_to: str | Answer | None = None
    """The user id of the person whose message this replies to, or why it cannot be known."""
    file: FileSource | None = None

    @property
    def key(self) -> str:
        """The name to look the command up by."""
        return self.name.lower()


def parse(text: str) -> Call | None:
    """`/name@bot args` as a `Call`; None for text that is not a command."""
    text = text.strip()
    if not text.startswith("/"):
        return None
    match = _COMMAND_TEXT.match(text)
    if match is None:
        return Call(text[1 : MAX_NAME + 1])
    return Call(match.group(1), match.group(2) or "")


class Misused(Exception):  # noqa: N818 (a refusal, not an error of the bot's)
    """A command's arguments are wrong: `line` says how; the answer adds the usage."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


class MissingArguments(Exception):  # noqa: N818 (a refusal, not an error of the bot's)
    """A reader command needs arguments it did not get: `what` names them."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def given(data: bytes | None) -> FileSource | None:
    """A file already at hand (`factbot admin --file`) as a command's file source."""
    if data is None:
        return None

    async def read() -> bytes | Answer | None:
        return data

    return read
