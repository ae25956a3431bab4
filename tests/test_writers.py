"""One writer per database, with real processes: writers wait for each other, a holder that is
not the bot is named in one line, readers keep working, and nothing confirmed is ever lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.store import FactStore
from tests.conftest import ROOT, on_disk

pytestmark = pytest.mark.slow
"""Real processes, timeouts or many writes: left out of the inner loop (`-m "not slow"`)."""

HOLDER = """
import sys, time
from pathlib import Path
from bot.store import FactStore
store = FactStore(Path(sys.argv[1]), command="a test holding the database")
print("holding", flush=True)
time.sleep(120)
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "TELEGRAM_"))}
    return {**clean, "PYTHONPATH": str(ROOT), "FACTBOT_ADMIN_IDS": "7",
            "FACTBOT_DB_PATH": str(tmp_path / "data" / "factbot.json"), **extra}


def factbot(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=tmp_path,
                            env=_env(tmp_path, **env), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def ids(db_path: Path) -> set[str]:
    store = FactStore(db_path, read_only=True)
    try:
        return {item.id for item in store.items()}
    finally:
        store.close()


def test_parallel_cli_writers_wait_for_each_other_and_lose_nothing(tmp_path: Path) -> None:
    assert finished(factbot(tmp_path, "load"))[0] == 0
    confirmed = []
    for round_ in range(4):
        writers = [factbot(tmp_path, "admin", "--as", "7",
                           f"/addfact Writer {writer} wrote fact {round_} here | unverified")
                   for writer in range(3)]
        for process in writers:
            code, out, err = finished(process)
            assert (code, err) == (0, ""), err
            confirmed.append(out.split()[2])
    db_path = tmp_path / "data" / "factbot.json"
    assert set(confirmed) <= ids(db_path)
    assert len(set(confirmed)) == 12
    assert b"\0" not in on_disk(db_path)


def test_a_holder_that_is_not_the_bot_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    assert finished(factbot(tmp_path, "load"))[0] == 0
    db_path = tmp_path / "data" / "factbot.json"
    before = on_disk(db_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], text=True,
                              stdout=subprocess.PIPE, env=_env(tmp_path))
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "holding\n"
        line = (f"factbot: the database {db_path} is in use by process {holder.pid}"
                " (a test holding the database); nothing was written\n")
        code, out, err = finished(factbot(tmp_path, "admin", "--as", "7",
                                          "/addfact Refused | unverified",
                                          FACTBOT_LOCK_WAIT="0.5"))
        assert (code, out, err) == (3, "", line)
        assert finished(factbot(tmp_path, "load", FACTBOT_LOCK_WAIT="0.5")) == (3, "", line)
        code, out, err = finished(factbot(tmp_path, "ask", "/quote kellogg"))
        assert (code, err) == (0, "")
        assert "“We need to create something completely new”" in out
        assert on_disk(db_path) == before
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    code, out, err = finished(factbot(tmp_path, "admin", "--as", "7",
                                      "/addfact After the kill | unverified"))
    assert (code, err) == (0, "")
    assert out.split()[2] in ids(db_path)
