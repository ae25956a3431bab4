"""Notifying followers within Telegram's flood limits: `python -m bench.notify [N]`.

N readers follow Keith Kellogg; an editor adds a Kellogg quote; the real Application (with its
rate limiter, on the offline request layer) delivers one message to each. Measured: how long
until the last one is sent, the sustained rate, and the most messages sent in any one second
(Telegram's limit: about 30 a second overall).
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import Row
from bot.calls import Call
from bot.commands import run_admin_command
from bot.config import Settings
from bot.factbase import FactBase
from bot.store import FOLLOWS_TABLE
from bot.telegram.app import build_application

ROOT = Path(__file__).resolve().parent.parent
FIRST_READER = 10_000


def most_in_a_second(times: list[float]) -> int:
    """The most of `times` (sorted) inside any window of one second."""
    most, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


async def _deliver(base: FactBase, followers: int) -> tuple[float, list[float]]:
    from tests.support.offline import TOKEN, OfflineBotAPI

    api = OfflineBotAPI(check=False)
    app = build_application(Settings(_env_file=None, FACTBOT_ADMIN_IDS="42"), base,
                            token=TOKEN, request=api)
    tipline = app.services.admin.tipline
    await tipline.records.write({FOLLOWS_TABLE: {
        f"{user}:person:keith-kellogg": {"user": user, "lang": "en", "kind": "person",
                                         "target": "keith-kellogg", "label": "Keith Kellogg",
                                         "at": 0.0}
        for user in range(FIRST_READER, FIRST_READER + followers)}})
    async with app:
        await app.start()
        try:
            started = time.monotonic()
            await run_admin_command(app.services.admin, Call(
                "addquote", "Kellogg | We keep talking | unverified", actor=42))
            while len(sent := [call.at for call in api.calls
                               if call.method == "sendMessage"]) < followers:
                await asyncio.sleep(0.05)
            return time.monotonic() - started, sorted(sent)
        finally:
            await app.stop()


def notify_rows(followers: int = 1000) -> list[Row]:
    """The notification rows for `followers` readers following one person."""
    with tempfile.TemporaryDirectory() as name:
        facts, seeds = Path(name) / "facts", Path(name) / "seeds"
        shutil.copytree(ROOT / "facts", facts)
        shutil.copytree(ROOT / "seeds", seeds)
        base = FactBase.open(Path(name) / "factbot.json", facts, seeds)
        try:
            total, sent = asyncio.run(_deliver(base, followers))
        finally:
            base.close()
    rate = (len(sent) - 1) / (sent[-1] - sent[0]) if len(sent) > 1 else float(len(sent))
    note = f"{followers:,} followers of one person, one new quote; rate limiter on"
    return [Row("notify followers: until the last is sent", followers, "s", total, note=note),
            Row("notify followers: sustained rate", followers, "messages/s", rate, note=note),
            Row("notify followers: most sent in any 1 s", followers, "messages",
                most_in_a_second(sent), note="Telegram's limit: about 30 a second")]


if __name__ == "__main__":
    from bench.__main__ import table

    print(table(notify_rows(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)))
