"""Honest write results on a disk that fills up or turns read-only: a confirmed write is durable,
a refused one leaves nothing on disk or in memory and says so in one line, reads go on, and
writes work again once the disk does, without a restart."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.commands import answer
from bot.factbase import FactBase
from bot.forms import add
from bot.models import Fact
from bot.roles import Admin
from bot.storage import WriteRefusedError
from bot.store import FactStore
from tests.conftest import FACTS_DIR, ROOT, SEEDS_DIR, on_disk
from tests.support.disk import Disk

pytestmark = pytest.mark.slow
"""Real processes, timeouts or many writes: left out of the inner loop (`-m "not slow"`)."""

LONG = "words that take room on the disk " * 25
FULL = "the disk holding the database is full; nothing was written"
READ_ONLY = "the database is on read-only storage; nothing was written"


@pytest.fixture(params=["tmpfs", "shim"])
def disk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Disk]:
    """A 1 MB disk: a real tmpfs when the tests run as root (else the shim), and the shim."""
    made = Disk(tmp_path / "disk", 1024 * 1024, shim=request.param == "shim")
    yield made
    made.close()


def _fact(number: int) -> Fact:
    return Fact(id=f"written-{number}", source="reuters-2025-03-13", origin="admin",
                added_by=7, text=f"Written as number {number}. " + "x" * 400, topic="test")


def _ids(path: Path) -> set[str]:
    store = FactStore(path, read_only=True)
    try:
        return {item.id for item in store.items()}
    finally:
        store.close()


async def test_a_full_disk_refuses_a_write_in_one_line_and_writes_work_again(
    disk: Disk,
) -> None:
    path = disk.path / "factbot.json"
    base = FactBase.open(path, FACTS_DIR, SEEDS_DIR)
    admin = Admin(base, frozenset({7}), FACTS_DIR, SEEDS_DIR)
    disk.fill()
    confirmed = []
    for number in range(50):  # the last page of the journal may still have room for a few
        before, items_before = on_disk(path), dict(base.items)
        try:
            result = await add(admin, 7, "addfact", [f"Number {number} {LONG}", "unverified"])
        except WriteRefusedError as error:
            refusal = str(error)
            break
        confirmed.append(result.title.removeprefix("Added fact "))
    else:
        pytest.fail("the full disk refused nothing")
    assert refusal == FULL
    assert on_disk(path) == before
    assert base.items == items_before
    assert answer(base, "/quote kellogg").title == "Quotes from Keith Kellogg"
    disk.free()
    result = await add(admin, 7, "addfact", ["Saved once space came back", "unverified"])
    assert result.title == "Added fact saved-once-space-came-back"
    base.close()
    ids = _ids(path)
    assert {*confirmed, "saved-once-space-came-back"} <= ids
    assert f"number-{number}" not in " ".join(ids)


def test_a_compaction_that_fails_never_fails_the_write(
    disk: Disk, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("bot.storage.COMPACT_MIN_BYTES", 1000)
    monkeypatch.setattr("bot.storage.COMPACT_RETRY_SECONDS", 0.0)
    path = disk.path / "factbot.json"
    FactBase.open(path, FACTS_DIR, SEEDS_DIR).close()
    snapshot = path.read_bytes()
    disk.fill(leave=len(snapshot) * 3 // 2)
    store = FactStore(path)
    store.release()  # as the running bot writes
    caplog.set_level(logging.WARNING, logger="bot.storage")
    confirmed = []
    for number in range(200):
        store.save(_fact(number), actor=7, action="add")  # never raises: each is journaled
        confirmed.append(f"written-{number}")
        if caplog.records:
            break
    assert "could not fold the journal" in caplog.records[0].getMessage()
    assert path.read_bytes() == snapshot
    assert set(confirmed) <= _ids(path)
    assert [name for name in os.listdir(disk.path) if name.startswith(".factbot")] == []
    disk.free()
    store.save(_fact(1000), actor=7, action="add")
    assert b"written-1000" in path.read_bytes(), "the compaction was not tried again"
    assert store.journal_path.read_bytes() == b""
    store.close()
    assert {*confirmed, "written-1000"} <= _ids(path)


def _factbot(disk: Disk, *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "TELEGRAM_"))}
    env = {**clean, "PYTHONPATH": str(ROOT), "FACTBOT_ADMIN_IDS": "7",
           "FACTBOT_DB_PATH": str(disk.path / "factbot.json")}
    for name, value in disk.env.items():
        env[name] = value if name != "PYTHONPATH" else f"{value}{os.pathsep}{ROOT}"
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=disk.path.parent, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_cli_says_the_disk_is_full_or_read_only_in_one_line(disk: Disk) -> None:
    assert _factbot(disk, "load").returncode == 0
    path = disk.path / "factbot.json"
    before = on_disk(path)
    disk.fill()
    for number in range(10):  # the last page of the journal may still have room for a few
        before = on_disk(path)
        result = _factbot(disk, "admin", "--as", "7",
                          f"/addfact Number {number} {LONG} | unverified")
        if result.returncode != 0:
            break
    assert (result.returncode, result.stdout, result.stderr) == (4, "", f"factbot: {FULL}\n")
    assert on_disk(path) == before
    before = on_disk(path)
    disk.free()
    disk.read_only(True)
    try:
        result = _factbot(disk, "admin", "--as", "7",
                          "/addfact Refused by read-only storage | unverified")
        assert (result.returncode, result.stdout) == (4, "")
        assert result.stderr == f"factbot: {READ_ONLY}\n"
        reading = _factbot(disk, "ask", "/quote kellogg")
        assert (reading.returncode, reading.stderr) == (0, "")
        assert "Quotes from Keith Kellogg" in reading.stdout
    finally:
        disk.read_only(False)
    assert on_disk(path) == before
    result = _factbot(disk, "admin", "--as", "7",
                      "/addfact Saved once the disk was back | unverified")
    assert (result.returncode, result.stderr) == (0, "")
    assert "saved-once-the-disk-was-back" in _ids(path)
