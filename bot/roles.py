"""Who may change the fact base, and the state every write command works on.

`Admin` holds the fact base, the owners (from settings), the lookup statistics, the sources
and evidence (bot.sourcing) and the tipline; granted editors are kept in the store. The write
commands are functions over it, one module per job: bot.forms (adding, from a form or a
source), bot.changes (edit, delete, restore, undo, history, synonyms), bot.bulk (export,
import, reload) and bot.answering (readers' questions); the registry (bot.commands) checks the
sender's role before any of them runs. This module also runs the commands about people and
usage: /admins, /grant, /revoke and /stats.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from bot.calls import Call, Misused
from bot.factbase import FactBase
from bot.models import Item, Person
from bot.results import Answer
from bot.sourcing import Sourcing
from bot.stats import LookupStats
from bot.tipline import Tipline

Role = Literal["owner", "editor"]


class Admin:
    """The write side of the fact base, for owners (from settings) and granted editors."""

    def __init__(self, base: FactBase, owners: frozenset[int], facts_dir: Path,
                 seeds_dir: Path, stats: LookupStats | None = None,
                 tipline: Tipline | None = None) -> None:
        self.base = base
        self.tipline = tipline or Tipline(base)
        self.owners = owners
        self.facts_dir = facts_dir
        self.seeds_dir = seeds_dir
        self.stats = stats or LookupStats()
        self.sourcing = Sourcing(base, on_added=self._told)

    def role(self, user_id: int) -> Role | None:
        """What `user_id` may do: everything (owner), edit facts (editor), or nothing."""
        if user_id in self.owners:
            return "owner"
        if user_id in self.base.store.editors():
            return "editor"
        return None

    def editors(self) -> list[int]:
        """Granted editors' user ids."""
        return sorted(self.base.store.editors())

    async def _told(self, item: Item) -> None:
        """An item added from a source's candidates: its followers hear of it, like any (a new
        person, like one added with a quote, stays out of the channel)."""
        await self.tipline.changed(item, added=True, quiet=isinstance(item, Person))


async def lookups(admin: Admin, actor: int, call: Call) -> Answer:
    """/stats: what users look up, and what they miss."""
    return admin.stats.report()


async def admins(admin: Admin, actor: int, call: Call) -> Answer:
    """/admins: owners and editors."""
    owners = ", ".join(str(owner) for owner in sorted(admin.owners)) or "none"
    editors = ", ".join(str(editor) for editor in admin.editors()) or "none yet"
    return Answer(title="Who can change the fact base",
                  body=(f"Owners (FACTBOT_ADMIN_IDS): {owners}", f"Editors: {editors}"))


def _user_id(args: str) -> int:
    text = args.split()[0] if args else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 20:
        raise Misused("Give a Telegram user id (digits), or use the command in reply to"
                      " the person's message.")
    return int(text)


async def grant(admin: Admin, actor: int, call: Call) -> Answer:
    """/grant <user id>: make someone an editor."""
    user = _user_id(call.args)
    if user in admin.owners:
        return Answer(title=f"{user} is an owner already.", status="usage")
    await admin.base.set_editor(user, actor=actor, granted=True)
    return Answer(title=f"{user} is now an editor",
                  body=("They can add and change facts; /revoke takes it back.",))


async def revoke(admin: Admin, actor: int, call: Call) -> Answer:
    """/revoke <user id>: take editing rights away."""
    user = _user_id(call.args)
    if user not in admin.base.store.editors():
        return Answer(title=f"{user} is not an editor.", status="usage")
    await admin.base.set_editor(user, actor=actor, granted=False)
    return Answer(title=f"{user} is no longer an editor")
