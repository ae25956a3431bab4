"""Pictures at the curated base's size, in a fresh process as the bot starts (issue 17).

The bot warms the drawing up in the background at start-up (imports, fonts, one tiny chart
and card); these rows time that warm-up, the first chart and the first card drawn after it,
then more of each, uncached, and for comparison a first chart in a process that skipped the
warm-up. Each picture's time includes reading the base for it. Target: under 300 ms each.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.measure import Row, percentile
from bot.factbase import FactBase

ROOT = Path(__file__).resolve().parent.parent
DRAWS = 10

FRESH = """
import json, sys, time
from pathlib import Path
from bot.factbase import FactBase
from bot.store import FactStore
from bot import pictures
base = FactBase(FactStore(Path(sys.argv[1]), read_only=True))
quote = "schake-consistent-since-1945"  # the longest quote
def timed(draw):
    started = time.perf_counter()
    assert draw() is not None
    return (time.perf_counter() - started) * 1000
warm = timed(lambda: pictures.warm_up() or True) if sys.argv[3] == "warm" else 0
first_chart = timed(lambda: pictures.timeline_picture(base))
first_card = timed(lambda: pictures.quote_picture(base, quote))
charts = [timed(lambda: pictures.timeline_picture(base, "", "ru")) for _ in range(int(sys.argv[2]))]
cards = [timed(lambda: pictures.quote_picture(base, quote, "uk")) for _ in range(int(sys.argv[2]))]
print(json.dumps({"warm": warm, "first_chart": first_chart, "first_card": first_card,
                  "charts": charts, "cards": cards}))
"""


def picture_rows(draws: int = DRAWS) -> list[Row]:
    """Warm-up, first chart and card after it, and p50/p99 of more of each, in ms."""
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "factbot.json"
        base = FactBase.open(path, ROOT / "facts", ROOT / "seeds")
        size = len(base.items)
        base.close()
        times, cold = (json.loads(subprocess.run(
            [sys.executable, "-c", FRESH, str(path), str(count), start], cwd=ROOT,
            capture_output=True, text=True, check=True).stdout)
            for count, start in ((draws, "warm"), (1, "cold")))
    note = "curated base, a fresh process; target < 300 ms"
    return [
        Row("picture warm-up at start-up (in the background)", size, "ms", times["warm"],
            note="imports, fonts, a tiny chart and card"),
        Row("picture: first timeline chart after start-up", size, "ms", times["first_chart"],
            note=note),
        Row("picture: first quote card after start-up", size, "ms", times["first_card"],
            note=note + "; the longest quote"),
        Row("picture: first timeline chart with no warm-up", size, "ms", cold["first_chart"],
            note="a press before the warm-up is done: imports and fonts included"),
        Row("picture p50: timeline chart (uncached)", size, "ms",
            percentile(times["charts"], 0.5), note=f"{draws} draws, in Russian"),
        Row("picture p99: timeline chart (uncached)", size, "ms",
            percentile(times["charts"], 0.99), note=f"{draws} draws, in Russian"),
        Row("picture p50: quote card (uncached)", size, "ms", percentile(times["cards"], 0.5),
            note=f"{draws} draws, in Ukrainian"),
        Row("picture p99: quote card (uncached)", size, "ms", percentile(times["cards"], 0.99),
            note=f"{draws} draws, in Ukrainian"),
    ]
