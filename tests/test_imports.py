"""Imports that cannot hurt: hostile files are one line and bounded in time and memory, an
import that changes nothing writes nothing, and other chats are answered during a large one."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from bot import exits
from bot.bulk import import_json
from bot.commands import answer
from bot.factbase import FactBase
from bot.roles import Admin
from bot.safejson import JSONRefused, load_bounded
from tests.conftest import ROOT, on_disk

LARGE_IMPORT = int(os.environ.get("FACTBOT_LARGE_IMPORT", "20000"))
"""Facts in the 'large import' test: a few seconds in CI. FACTBOT_LARGE_IMPORT=100000 runs it
at 100,000 (about 15 s; p99 wait 171 ms, worst 673 ms when measured)."""


def _factbot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "TELEGRAM_"))}
    env = {**clean, "PYTHONPATH": str(ROOT), "FACTBOT_ADMIN_IDS": "7"}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


HOSTILE = {
    "nested 100,000 levels deep": (b'{"facts": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                                   "it is nested 100001 levels deep; at most 32"),
    "a 5,000-digit number": (b'{"facts": [{"id": "x", "n": ' + b"7" * 5000 + b"}]}",
                             "a number has 5000 characters; at most 40"),
    "18 MB of empty objects": (b"[" + b"{}," * 6_000_000 + b"{}]",
                               "it holds about 6,000,002 objects and lists; at most 1,000,000"),
    "NaN": (b'{"facts": [{"id": NaN}]}', "NaN is not a JSON value"),
    "not UTF-8": (b'{"facts": "\xff"}', "it is not UTF-8 text (invalid start byte at byte 11)"),
    "not JSON": (b'{"facts": [}',
                 "it is not valid JSON: Expecting value: line 1 column 12 (char 11)"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_import_is_one_line_and_writes_nothing(tmp_path: Path, name: str) -> None:
    content, problem = HOSTILE[name]
    assert _factbot(tmp_path, "load").returncode == 0
    before = on_disk(tmp_path / "data" / "factbot.json")
    (tmp_path / "hostile.json").write_bytes(content)
    started = time.monotonic()
    result = _factbot(tmp_path, "admin", "--as", "7", "--file", "hostile.json", "/import")
    assert time.monotonic() - started < 10
    assert (result.returncode, result.stderr) == (exits.PROBLEM, "")
    assert result.stdout == f"Nothing imported: {problem}.\n"
    assert on_disk(tmp_path / "data" / "factbot.json") == before


def test_the_bounds_are_checked_before_the_document_is_built() -> None:
    content, _ = HOSTILE["18 MB of empty objects"]
    tracemalloc.start()
    try:
        started = time.monotonic()
        with pytest.raises(JSONRefused):
            load_bounded(content)
        seconds = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seconds < 2
    assert peak < 2 * len(content) + 1_000_000, f"peak {peak / 2**20:.0f} MB"


@pytest.mark.parametrize("name", ["missing.json", "."])
def test_an_import_file_that_cannot_be_read_is_one_line(tmp_path: Path, name: str) -> None:
    result = _factbot(tmp_path, "admin", "--as", "7", "--file", name, "/import")
    assert result.returncode == exits.USAGE
    assert result.stdout == ""
    reason = "No such file or directory" if name == "missing.json" else "Is a directory"
    assert result.stderr == f"factbot: cannot read the file {name}: {reason}\n"


def test_an_import_that_changes_nothing_writes_nothing(tmp_path: Path) -> None:
    exported = _factbot(tmp_path, "admin", "--as", "7", "/export")
    (tmp_path / "same.json").write_text(exported.stdout, encoding="utf-8")
    before = on_disk(tmp_path / "data" / "factbot.json")
    result = _factbot(tmp_path, "admin", "--as", "7", "--file", "same.json", "/import")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "Imported\n\n0 added, 0 updated, 60 unchanged.\n"
    assert on_disk(tmp_path / "data" / "factbot.json") == before


def _many_facts(count: int) -> bytes:
    facts = [{"id": f"imported-{number}", "source": "reuters-2025-03-13", "topic": "bulk",
              "origin": "admin",
              "text": f"Imported fact number {number} about talks in city {number % 97}."}
             for number in range(count)]
    return json.dumps({"facts": facts}).encode()


async def test_other_chats_are_answered_during_a_large_import(factbase: FactBase) -> None:
    admin = Admin(factbase, frozenset({7}), ROOT / "facts", ROOT / "seeds")
    data = _many_facts(LARGE_IMPORT)
    importing = asyncio.create_task(import_json(admin, 7, data))
    waits: list[float] = []
    while not importing.done():
        asked = time.perf_counter()
        await asyncio.sleep(0.01)
        assert answer(factbase, "/quote kellogg").title == "Quotes from Keith Kellogg"
        waits.append(time.perf_counter() - asked - 0.01)
    result = await importing
    assert result.body == (f"{LARGE_IMPORT} added, 0 updated, 0 unchanged.",)
    assert factbase.items[f"imported-{LARGE_IMPORT - 1}"].text.startswith("Imported fact")
    waits.sort()
    p99 = waits[int(len(waits) * 0.99)]
    print(f"\n{LARGE_IMPORT} facts imported: {len(waits)} lookups meanwhile, p99 wait"
          f" {p99 * 1000:.0f} ms, worst {waits[-1] * 1000:.0f} ms")
    assert len(waits) >= 20
    assert p99 < 0.5  # the target is 1 s at 100,000 facts; this size is five times smaller
