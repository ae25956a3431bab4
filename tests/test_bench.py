"""The benchmark runs end to end on a small base and reports what the issue asks for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_benchmark_reports_every_metric_with_baselines_and_ratios() -> None:
    done = subprocess.run([sys.executable, "-m", "bench", "--quick", "--sizes", "100", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    rows = json.loads(done.stdout)["rows"]
    metrics = {row["metric"] for row in rows}
    for expected in ("lookup p99: /search <2-4 words, one misspelt>", "lookup p50: inline query",
                     "reply p99: /quote <name with a typo>", "start-up to ready",
                     "peak RSS", "update throughput", "admin write p50 (durable)",
                     "lookup p99 during writes: /search", "picture: first timeline chart",
                     "picture: first quote card", "picture p99: timeline chart",
                     "notify followers: most sent in any 1 s"):
        assert any(metric.startswith(expected) for metric in metrics), expected
    assert all(row["unit"] and row["factbot"] > 0 for row in rows)
    assert {row["size"] for row in rows if not row["metric"].startswith("picture")} == {100}
    burst = next(row for row in rows if row["metric"].startswith("notify followers: most"))
    assert burst["factbot"] <= 30, "followers are notified within Telegram's flood limit"
