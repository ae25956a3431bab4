"""What users look up: counts per command, the most asked queries, and the queries that found
nothing, over the last day and week. Counts and query texts only, never who asked; kept in
hourly buckets, each capped, so its size stays bounded however busy the bot is. `hours()` and
`restore()` let a front end keep them across restarts.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from bot.results import Answer, echo

HOUR = 3600
WEEK_HOURS = 7 * 24
MAX_KEYS_PER_BUCKET = 300
MAX_QUERY = 60
PARTS = ("commands", "queries", "misses")

HourCounts = dict[str, dict[str, int]]
"""One hour's counts, JSON-ready: each of `PARTS` mapped to {key: count}."""


@dataclass
class _Bucket:
    commands: Counter[str] = field(default_factory=Counter)
    queries: Counter[str] = field(default_factory=Counter)
    misses: Counter[str] = field(default_factory=Counter)


def _capped_add(counter: Counter[str], key: str) -> None:
    counter[key] += 1
    if len(counter) > MAX_KEYS_PER_BUCKET:
        for rare, _ in counter.most_common()[MAX_KEYS_PER_BUCKET // 2 :]:
            del counter[rare]


class LookupStats:
    """Hourly counts of lookups for the last week."""

    def __init__(self) -> None:
        self._buckets: dict[int, _Bucket] = {}

    def hours(self) -> dict[int, HourCounts]:
        """The counts kept, by hour since the epoch."""
        return {hour: {part: dict(getattr(bucket, part)) for part in PARTS}
                for hour, bucket in self._buckets.items()}

    def restore(self, hours: dict[int, HourCounts], now: float | None = None) -> None:
        """Take back counts from `hours()`, dropping those older than a week."""
        current = int((time.time() if now is None else now) // HOUR)
        self._buckets = {
            hour: _Bucket(*(Counter(counts.get(part, {})) for part in PARTS))
            for hour, counts in hours.items() if hour > current - WEEK_HOURS
        }

    def record(self, command: str, query: str, found: bool, now: float | None = None) -> None:
        """Count one lookup of `command` for `query`; `found` says whether it found anything."""
        hour = int((time.time() if now is None else now) // HOUR)
        bucket = self._buckets.setdefault(hour, _Bucket())
        for old in [h for h in self._buckets if h <= hour - WEEK_HOURS]:
            del self._buckets[old]
        _capped_add(bucket.commands, command)
        text = echo(query.lower())[:MAX_QUERY]
        if text:
            _capped_add(bucket.queries, f"/{command} {text}")
            if not found:
                _capped_add(bucket.misses, f"/{command} {text}")

    def _total(self, hours: int, now: float, part: str) -> Counter[str]:
        hour = int(now // HOUR)
        total: Counter[str] = Counter()
        for bucket_hour, bucket in self._buckets.items():
            if bucket_hour > hour - hours:
                total.update(getattr(bucket, part))
        return total

    def report(self, now: float | None = None) -> Answer:
        """Lookups per command (day, week), top queries and misses of the week."""
        moment = time.time() if now is None else now
        day, week = self._total(24, moment, "commands"), self._total(WEEK_HOURS, moment,
                                                                     "commands")
        if not week:
            return Answer(title="No lookups yet this week", status="empty")
        lines = ["Lookups (last day / last week):"]
        lines += [f"/{command}: {day[command]} / {count}" for command, count in
                  week.most_common()]
        top = self._total(WEEK_HOURS, moment, "queries").most_common(10)
        misses = self._total(WEEK_HOURS, moment, "misses").most_common(10)
        lines.append("Most asked this week:")
        lines += [f"{query} — {count}" for query, count in top] or ["none"]
        lines.append("Found nothing (what the base lacks):")
        lines += [f"{query} — {count}" for query, count in misses] or ["none"]
        return Answer(title="What users look up", body=tuple(lines))
