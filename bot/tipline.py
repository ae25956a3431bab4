"""The loop between readers and editors: questions, follows, the channel digest, forgetting.

`Tipline` holds what readers leave with the bot (`bot.inbox`, `bot.follows`) and the durable
queue of what the bot owes them (`bot.outbox`). Readers reach it through the commands
`bot.commands.TIPLINE_COMMANDS` declares, one method each, which act for the verified user who
sends them; the
admin side (`bot.answering`, `bot.forms`) answers questions and reports every added or changed item
(`changed`), which queues news for its followers and, with a channel set, a card for the
channel. Free of Telegram: the front end sends what the outbox holds (`bot.notices` says what).
"""

from __future__ import annotations

import logging
import time

from bot.factbase import FactBase
from bot.follows import Follows
from bot.i18n import Language, _, speaking
from bot.inbox import Inbox
from bot.models import Item
from bot.outbox import DIGEST, Outbox
from bot.records import Changes, Records
from bot.results import Answer

logger = logging.getLogger(__name__)

DIGEST_DELAY_SECONDS = 180.0
"""How long a channel card waits for more items to post with it."""


class Tipline:
    """Questions, follows and the outgoing queue over one fact base."""

    def __init__(self, base: FactBase, *, channel: int | None = None,
                 digest_delay: float = DIGEST_DELAY_SECONDS) -> None:
        self.base = base
        self.channel = channel
        self.digest_delay = digest_delay
        self.records = Records(base)
        self.outbox = Outbox(self.records)
        self.inbox = Inbox(self.records, self.outbox)
        self.follows = Follows(self.records, self.outbox)

    async def ask(self, user: int, args: str, lang: Language) -> Answer:
        """/ask <question>: send a question to the editors."""
        return await self.inbox.ask(user, args, lang)

    async def follow(self, user: int, args: str, lang: Language) -> Answer:
        """/follow <person | topic | words>: news about it, as items are added or changed."""
        return await self.follows.follow(self.base, user, args, lang)

    async def following(self, user: int, args: str, lang: Language) -> Answer:
        """/following: what `user` follows."""
        return self.follows.listing(user, lang)

    async def unfollow(self, user: int, args: str, lang: Language) -> Answer:
        """/unfollow [what | all]: stop following."""
        return await self.follows.unfollow(self.base, user, args, lang)

    async def forgetme(self, user: int, args: str, lang: Language) -> Answer:
        """/forgetme: delete everything kept about `user`."""
        return await self.forget(user, lang)

    async def _remove(self, user: int) -> tuple[int, int, int]:
        """Delete every question, follow and queued message of `user` in one write."""
        async with self.records.lock:
            changes: Changes = {}
            questions = self.inbox.stage_forget(changes, user)
            follows = self.follows.stage_forget(changes, user)
            queued = len(self.outbox.pending(user))
            self.outbox.stage_forget(changes, user)
            await self.records.write(changes)
        return questions, follows, queued

    async def forget(self, user: int, lang: Language) -> Answer:
        """/forgetme: delete everything kept about `user`, earlier versions in the files too."""
        questions, follows, queued = await self._remove(user)
        await self.base.fold_journal()
        with speaking(lang):
            return Answer(
                title=_("I have deleted everything I kept about you"),
                body=(_("Questions to the editors: {questions}; follows: {follows}; messages"
                        " waiting to be sent: {queued}.", questions=questions, follows=follows,
                        queued=queued),
                      _("Questions you asked together with other readers stay for them,"
                        " without you.")))

    async def drop(self, user: int) -> None:
        """A reader who blocked the bot (or whose account is gone): forget them."""
        questions, follows, queued = await self._remove(user)
        logger.info("a reader blocked the bot or left Telegram: dropped %d follows, %d"
                    " questions, %d queued messages", follows, questions, queued)

    async def changed(self, item: Item, *, added: bool, quiet: bool = False,
                      now: float | None = None) -> int:
        """An editor added or changed `item`: queue news for its followers and, for a new item
        that is not `quiet`, a card for the channel. Returns how many readers will be told."""
        moment = time.time() if now is None else now
        async with self.records.lock:
            changes: Changes = {}
            told = self.follows.stage_notices(changes, self.base, item, added=added,
                                              now=moment)
            if self.channel is not None and added and not quiet and not item.deleted:
                self.outbox.stage(changes, ({"chat": self.channel, "kind": DIGEST, "lang": "en",
                                             "due": moment + self.digest_delay,
                                             "item": item.id},))
            await self.records.write(changes)
        return told
