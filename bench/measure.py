"""Each measurement, on one synthetic base, for factbot and the baselines that apply."""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.baselines import LIMIT, LinearFuzz, TinyDBScan, tinydb_json_file
from bench.synthetic import SOURCE, Base, typo
from bot.answers import item_answer, lookup
from bot.commands import answer
from bot.factbase import FactBase
from bot.models import Fact, Item
from bot.store import FactStore
from bot.telegram.callbacks import CallbackCodec
from bot.telegram.inline import PAGE
from bot.telegram.render import render_html, render_reply


@dataclass
class Row:
    """One line of results: a metric at a size, for factbot and the baselines."""

    metric: str
    size: int
    unit: str
    factbot: float
    baselines: dict[str, float] = field(default_factory=dict)
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"metric": self.metric, "size": self.size, "unit": self.unit,
                               "factbot": round(self.factbot, 4)}
        for name, value in self.baselines.items():
            row[name] = round(value, 4)
            if self.factbot > 0:
                row[f"{name}_ratio"] = round(value / self.factbot, 1)
        if self.note:
            row["note"] = self.note
        return row


def percentile(samples: list[float], share: float) -> float:
    """The `share` (0-1) percentile of `samples`, nearest rank."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _timed_until(calls: list[Callable[[], object]], budget_seconds: float) -> list[float]:
    """Time calls in turn until all ran or the budget is spent (at least three)."""
    samples: list[float] = []
    deadline = time.perf_counter() + budget_seconds
    for call in calls:
        samples.append(_timed(call))
        if len(samples) >= 3 and time.perf_counter() > deadline:
            break
    return samples


@dataclass
class Queries:
    """The lookups made of a base, the same for factbot and the baselines."""

    quote: list[str]
    search: list[str]
    timeline: list[str]
    inline: list[str]


def make_queries(base: Base, count: int, seed: int = 7) -> Queries:
    """`count` lookups of each kind: names with a typo, 2-4 words with one misspelt, years."""
    rng = random.Random(seed)
    texts = [text.rstrip(".").split() for text in base.texts if len(text.split()) >= 6]
    searches = []
    for _ in range(count):
        words = rng.choice(texts)
        size = rng.randint(2, 4)
        start = rng.randint(0, len(words) - size)
        chosen = words[start : start + size]
        position = max(range(size), key=lambda index: len(chosen[index]))
        chosen[position] = typo(chosen[position], rng)
        searches.append(" ".join(chosen))
    return Queries(
        quote=[typo(rng.choice(base.surnames), rng) for _ in range(count)],
        search=searches,
        timeline=[rng.choice(base.years) for _ in range(count)],
        inline=[rng.choice([*base.surnames, *searches]) for _ in range(count)],
    )


def open_base(base: Base, directory: Path) -> FactBase:
    """factbot's fact base for `base`, written to disk and opened as at start-up."""
    store = FactStore(directory / "factbot.json")
    store.save_source(SOURCE, actor=None)
    store.import_items(base.items, actor=None)
    store.close()
    return FactBase(FactStore(directory / "factbot.json"))


def _factbot_reply(factbase: FactBase, codec: CallbackCodec, text: str) -> None:
    render_reply(answer(factbase, text), text, codec)


def _factbot_inline(factbase: FactBase, text: str) -> None:
    """What the inline handler does for a first page: a page of items (and one more, to know
    whether there is a next page), each rendered."""
    for item in lookup(factbase, text, limit=PAGE + 1)[:PAGE]:
        render_html(item_answer(factbase, item))


def _quotes_of(factbase: FactBase, name: str) -> list[Item]:
    """The quotes of the people a name means: what baseline (a)'s `quote` finds."""
    people = factbase.index.resolve_people(name).people
    return [quote for person in people for quote in factbase.quotes(person.id)]


def lookups(base: Base, factbase: FactBase, queries: Queries, budget: float) -> list[Row]:
    """Lookup latency, p50 and p99: finding the items, for factbot and both baselines (the
    ratios compare the same work); then factbot's whole reply, answer and Telegram HTML.
    Each is called once before it is timed (views built once per version of the base)."""
    codec = CallbackCodec()
    scan, linear = TinyDBScan(base.items), LinearFuzz(base.items)
    kinds: dict[str, tuple[list[str], Callable[[str], object], Callable[[str], object],
                           Callable[[str], object], Callable[[str], object]]] = {
        "/quote <name with a typo>": (
            queries.quote, functools.partial(_quotes_of, factbase),
            lambda q: _factbot_reply(factbase, codec, f"/quote {q}"), scan.quote, linear.quote),
        "/search <2-4 words, one misspelt>": (
            queries.search, lambda q: factbase.index.search(q, limit=LIMIT),
            lambda q: _factbot_reply(factbase, codec, f"/search {q}"), scan.search, linear.search),
        "/timeline <year>": (
            queries.timeline, factbase.events_in,
            lambda q: _factbot_reply(factbase, codec, f"/timeline {q}"),
            scan.timeline, linear.timeline),
        "inline query": (queries.inline, lambda q: lookup(factbase, q, limit=LIMIT),
                         lambda q: _factbot_inline(factbase, q), scan.search, linear.search),
    }
    size = len(base.items)
    rows = []
    for name, (texts, found, replied, naive_a, naive_b) in kinds.items():
        for warm_up in (found, replied, naive_a, naive_b):
            warm_up(texts[-1])
        mine = [_timed(functools.partial(found, text)) for text in texts]
        whole = [_timed(functools.partial(replied, text)) for text in texts]
        a = _timed_until([functools.partial(naive_a, text) for text in texts], budget)
        b = _timed_until([functools.partial(naive_b, text) for text in texts], budget)
        for share, label in ((0.5, "p50"), (0.99, "p99")):
            rows.append(Row(f"lookup {label}: {name}", size, "ms", percentile(mine, share),
                            {"tinydb_scan": percentile(a, share),
                             "linear_rapidfuzz": percentile(b, share)},
                            note=f"samples: factbot {len(mine)}, tinydb {len(a)},"
                                 f" linear {len(b)}"))
        for share, label in ((0.5, "p50"), (0.99, "p99")):
            rows.append(Row(f"reply {label}: {name}", size, "ms", percentile(whole, share),
                            note="answer and Telegram HTML, uncached"))
    return rows


async def _writes(factbase: FactBase, count: int, prefix: str,
                  until: asyncio.Event | None = None) -> list[float]:
    samples = []
    for number in itertools.count():
        if (until is None and number >= count) or (until is not None and until.is_set()):
            break
        fact = Fact(id=f"{prefix}-{number}", source=SOURCE.id, origin="admin",
                    text=f"Benchmark write number {number} about the ceasefire", topic="bench")
        started = time.perf_counter()
        await factbase.save(fact, actor=1, action="add")
        samples.append((time.perf_counter() - started) * 1000)
    return samples


LOOKUP_PACE_SECONDS = 0.002
"""Lookups during writes come every 2 ms: a bot far busier than Telegram's 30 messages/s."""


async def _lookups_during_writes(factbase: FactBase, queries: list[str],
                                 writes: int) -> tuple[list[float], int]:
    codec = CallbackCodec()
    stop = asyncio.Event()
    writer = asyncio.create_task(_writes(factbase, writes, "during", until=stop))
    samples: list[float] = []
    while len(samples) < max(writes * 10, len(queries)):
        text = queries[len(samples) % len(queries)]
        started = time.perf_counter()
        _factbot_reply(factbase, codec, f"/search {text}")
        samples.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(LOOKUP_PACE_SECONDS)
    stop.set()
    return samples, len(await writer)


def writes(base: Base, factbase: FactBase, directory: Path, count: int,
           queries: Queries) -> list[Row]:
    """Durable admin writes (fsync included), and lookups while writes go on."""
    size = len(base.items)
    ours = asyncio.run(_writes(factbase, count, "bench"))
    naive_db = tinydb_json_file(base.items, directory / "tinydb.json")
    table = naive_db.table("items")
    naive = _timed_until([functools.partial(table.insert, {"id": f"naive-{n}", "kind": "fact",
                                                           "text": "x"}) for n in range(count)],
                         5.0)
    naive_db.close()
    during, done = asyncio.run(_lookups_during_writes(factbase, queries.search, count))
    quiet = [_timed(functools.partial(_factbot_reply, factbase, CallbackCodec(),
                                      f"/search {text}"))
             for text in queries.search]
    return [
        Row("admin write p50 (durable)", size, "ms", percentile(ours, 0.5),
            {"tinydb_scan": percentile(naive, 0.5)}, "tinydb: stock JSONStorage, no fsync"),
        Row("admin write p99 (durable)", size, "ms", percentile(ours, 0.99),
            {"tinydb_scan": percentile(naive, 0.99)}, "tinydb: stock JSONStorage, no fsync"),
        Row("lookup p99 during writes: /search", size, "ms", percentile(during, 0.99),
            {"same_without_writes": percentile(quiet, 0.99)},
            f"{len(during)} lookups while {done} writes ran"),
    ]


STARTUP = """
import sys, time
started = time.perf_counter()
from pathlib import Path
from bot.factbase import FactBase
from bot.store import FactStore
base = FactBase(FactStore(Path(sys.argv[1]), read_only=True))  # the parent holds it
ready = time.perf_counter() - started
from bot.commands import answer
for text in sys.argv[2:]:
    answer(base, text)
with open("/proc/self/status", encoding="ascii") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(ready, peak / 1024)
"""
# Peak RSS is the process's own high-water mark (VmHWM). ru_maxrss would not do: on Linux it
# survives exec, so a child reports its parent's peak when that was higher.


STARTS = 3
"""Fresh processes started per size: start-up on a shared machine varies by a few tenths of
a second, so the median is reported with the range."""


def _start(directory: Path, texts: list[str]) -> tuple[float, float, float]:
    """One fresh process: wall time to answering `texts`, in-process time to ready, peak RSS."""
    started = time.perf_counter()
    output = subprocess.run(
        [sys.executable, "-c", STARTUP, str(directory / "factbot.json"), *texts],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent,
    ).stdout.split()
    return time.perf_counter() - started, float(output[0]), float(output[1])


def startup(directory: Path, size: int, queries: Queries) -> list[Row]:
    """Start-up to ready (database loaded, index built) and peak RSS, in fresh processes."""
    texts = [f"/search {text}" for text in queries.search[:20]] + [
        f"/quote {name}" for name in queries.quote[:20]]
    starts = sorted(_start(directory, texts) for _ in range(STARTS))
    wall, ready, _ = starts[len(starts) // 2]
    return [
        Row("start-up to ready (process start included)", size, "s", wall,
            note=f"median of {STARTS} fresh processes ({starts[0][0]:.2f}-{starts[-1][0]:.2f} s);"
                 f" in-process load and index: {ready:.2f} s; wall time includes 40 lookups"),
        Row("peak RSS", size, "MB", max(rss for _, _, rss in starts),
            note=f"highest of {STARTS} fresh processes"),
    ]


def throughput(factbase: FactBase, queries: Queries, count: int) -> Row:
    """Updates per second through the full Application (offline request layer), one core."""
    from bot.config import Settings
    from bot.telegram.app import build_application
    from tests.support.offline import TOKEN, OfflineBotAPI
    from tests.support.updates import GROUP, PRIVATE, Updates

    async def run() -> float:
        api = OfflineBotAPI(check=False)
        app = build_application(Settings(_env_file=None), factbase, token=TOKEN, request=api,
                                rate_limit=False)
        async with app:
            make = Updates(app.bot)
            updates = []
            for number in range(count):
                kind = number % 20
                if kind < 14:
                    text = [f"/quote {queries.quote[number % len(queries.quote)]}",
                            f"/search {queries.search[number % len(queries.search)]}",
                            f"/timeline {queries.timeline[number % len(queries.timeline)]}",
                            "/demands"][kind % 4]
                    updates.append(make.message(text, PRIVATE if kind % 2 else GROUP))
                elif kind < 17:
                    message = {"message_id": 1, "date": 0, "chat": PRIVATE, "text": "x"}
                    updates.append(make.press("p|1|/timeline", message))
                else:
                    updates.append(make.inline(queries.inline[number % len(queries.inline)]))
            started = time.perf_counter()
            for update in updates:
                await app.process_update(update)
            elapsed = time.perf_counter() - started
        return count / elapsed

    return Row("update throughput (commands, buttons, inline)", len(factbase.items),
               "updates/s", asyncio.run(run()),
               note="70% commands (each text once, but /demands), 15% page turns of /timeline,"
                    " 15% inline queries")


def run_size(base: Base, count: int, writes_count: int, budget: float) -> list[Row]:
    """Every measurement at one size."""
    queries = make_queries(base, count)
    updates = max(200, count * 5)
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        factbase = open_base(base, directory)
        rows = lookups(base, factbase, queries, budget)
        rows += startup(directory, len(base.items), queries)
        rows.append(throughput(factbase, make_queries(base, updates, seed=11), updates))
        rows += writes(base, factbase, directory, writes_count, queries)
        factbase.close()
    return rows


def to_json(rows: list[Row]) -> str:
    """The rows as one JSON object."""
    return json.dumps({"rows": [row.as_dict() for row in rows]}, indent=1)
