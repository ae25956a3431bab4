"""Admin and tipline commands in tests, sent the way every edge sends them: through the
registry."""

from __future__ import annotations

from bot.calls import Call, given
from bot.commands import run_admin_command, run_tipline_command
from bot.i18n import Language
from bot.results import Answer
from bot.roles import Admin
from bot.tipline import Tipline


async def run(admin: Admin, actor: int, command: str, args: str,
              file: bytes | None = None) -> Answer:
    """`/command args` sent by `actor` (with `file`), as every edge runs it."""
    result = await run_admin_command(admin, Call(command, args, actor, file=given(file)))
    assert isinstance(result, Answer)
    return result


async def tip_run(tipline: Tipline, user: int, command: str, args: str, lang: Language) -> Answer:
    """`/command args`, a tipline command, sent by the reader `user`."""
    return await run_tipline_command(tipline, user, Call(command, args), lang)
