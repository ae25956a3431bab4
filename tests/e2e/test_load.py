"""Load: 100 chats sending 10 commands each, as fast as the double can deliver them.

Every command must be answered, each chat's answers in the order asked, with nothing logged at
ERROR. Latency and throughput are printed; throughput is bounded by Telegram's own limit of
about 30 messages a second, which the bot's rate limiter keeps to.
"""

from __future__ import annotations

import statistics
import time

import pytest

from tests.e2e import shapes
from tests.e2e.conftest import BotProcess
from tests.e2e.double import BotAPIDouble

pytestmark = pytest.mark.slow
"""Real processes, timeouts or many writes: left out of the inner loop (`-m "not slow"`)."""

CHATS = 100
COMMANDS = ["/quote kellogg", "/demands", "/who stent", "/timeline 2022",
            "/search ceasefire", "/quote envoy", "/about", "/demands istanbul", "/quote stent",
            "/timeline"]
TITLES = [
    "Quotes from Keith Kellogg", "Russia’s demands · 1/3", "Angela Stent", "Timeline: 2022",
    "Results for “ceasefire” · 1/2", "Quotes from Keith Kellogg and Steve Witkoff",
    "About this fact base", "Russia’s demands: “istanbul”", "Quotes from Angela Stent",
    "Timeline · 1/3",
]


async def test_100_chats_10_commands_each(double: BotAPIDouble, bot: BotProcess,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    users = [shapes.User(id=20000 + n, first_name=f"U{n}", is_bot=False) for n in range(CHATS)]
    started = time.monotonic()
    asked: dict[int, list[float]] = {user.id: [] for user in users}
    for command in COMMANDS:
        for user in users:
            double.inject(shapes.message(command, shapes.private_chat(user), user))
            asked[user.id].append(time.monotonic())
    total = CHATS * len(COMMANDS)
    await double.wait_for(lambda: len(double.calls_to("sendMessage")) >= total, timeout=180)
    elapsed = time.monotonic() - started
    latencies = []
    for user in users:
        answers = [call for call in double.calls_to("sendMessage")
                   if int(call.params["chat_id"]) == user.id]
        titles = [double_text.split("\n")[0] for double_text in double.texts_to(user.id)]
        assert titles == TITLES, f"chat {user.id} got answers out of order: {titles}"
        latencies += [call.at - sent for call, sent in zip(answers, asked[user.id], strict=True)]
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    with capsys.disabled():
        print(f"\nload: {total} commands from {CHATS} chats answered in {elapsed:.1f} s;"
              f" throughput {total / elapsed:.1f} answers/s; latency p50 {p50:.2f} s,"
              f" p99 {p99:.2f} s (Telegram's 30 messages/s limit applies)")
