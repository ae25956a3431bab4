"""Admin commands in tests, sent the way every edge sends them: through the registry."""

from __future__ import annotations

from bot.calls import Call, given
from bot.commands import run_admin_command
from bot.results import Answer
from bot.roles import Admin


async def run(admin: Admin, actor: int, command: str, args: str,
              file: bytes | None = None) -> Answer:
    """`/command args` sent by `actor` (with `file`), as every edge runs it."""
    result = await run_admin_command(admin, Call(command, args, actor, file=given(file)))
    assert isinstance(result, Answer)
    return result
