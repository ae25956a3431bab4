"""`python -m bench [--quick] [--json] [--sizes 100,1000]`: factbot against naive baselines.

Generates synthetic fact bases and measures, in one run and on the same data: lookup latency
(factbot, TinyDB scan, linear rapidfuzz), update throughput through the Application, start-up,
durable writes and lookups during writes, and peak memory. Ratios are baseline / factbot.
Then, at the curated base's size, how long pictures take to draw (bench.pictures), and how fast
followers are notified within Telegram's flood limits (bench.notify).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

from bench.measure import Row, run_size, to_json
from bench.notify import notify_rows
from bench.pictures import picture_rows
from bench.synthetic import generate

FULL_SIZES = (100, 1_000, 10_000, 100_000)
QUICK_SIZES = (100, 1_000, 10_000)


def machine() -> str:
    """The machine, for the record."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()},"
            f" {platform.system()} {platform.release()}")


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    lines = ["| metric | size | unit | factbot | TinyDB scan (×) | linear rapidfuzz (×) | note |",
             "| --- | ---: | --- | ---: | ---: | ---: | --- |"]
    for row in rows:
        cells = []
        for name in ("tinydb_scan", "linear_rapidfuzz"):
            value = row.baselines.get(name)
            ratio = f" ({value / row.factbot:,.0f}×)" if value and row.factbot else ""
            cells.append("" if value is None else f"{value:,.2f}{ratio}")
        note = row.note
        if "same_without_writes" in row.baselines:
            note = f"{note}; without writes {row.baselines['same_without_writes']:.2f} ms"
        lines.append(f"| {row.metric} | {row.size:,} | {row.unit} | {row.factbot:,.2f} |"
                     f" {cells[0]} | {cells[1]} | {note} |")
    return "\n".join(lines)


def main() -> int:
    """Run the benchmark and print a Markdown table, or JSON with --json."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a run of under a minute")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--sizes", help="comma-separated base sizes, e.g. 100,1000")
    args = parser.parse_args()
    sizes = tuple(int(size) for size in args.sizes.split(",")) if args.sizes else (
        QUICK_SIZES if args.quick else FULL_SIZES)
    count, writes, budget = (30, 10, 1.0) if args.quick else (200, 40, 8.0)
    started = time.perf_counter()
    rows: list[Row] = []
    for size in sizes:
        print(f"size {size:,}...", file=sys.stderr, flush=True)
        rows += run_size(generate(size), count, writes, budget)
    print("pictures...", file=sys.stderr, flush=True)
    rows += picture_rows()
    print("notifying followers...", file=sys.stderr, flush=True)
    rows += notify_rows(100 if args.quick else 1000)
    print(f"done in {time.perf_counter() - started:.0f} s on {machine()}", file=sys.stderr)
    print(to_json(rows) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
