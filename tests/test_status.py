"""The status file: written whole, read back, and told as one line with an exit code."""

from __future__ import annotations

from pathlib import Path

from bot.status import STALE_AFTER_SECONDS, Status, describe, read_status, status_path, write_status

NOW = 1_770_000_000.0


def test_a_status_written_is_read_back(tmp_path: Path) -> None:
    path = status_path(tmp_path / "factbot.json")
    assert path.name == "factbot.json.status"
    assert read_status(path) is None
    status = Status(pid=12, mode="polling", up_since=NOW - 60, written_at=NOW,
                    last_contact=NOW - 3)
    write_status(path, status)
    assert read_status(path) == status
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_up_stopped_silent_and_absent_are_told_apart() -> None:
    up = Status(pid=12, mode="webhook", up_since=NOW - 60, written_at=NOW - 5,
                last_contact=NOW - 3)
    assert describe(up, NOW) == (True, "factbot is up (webhook, process 12) since 2026-02-02"
                                       " 02:39:00 UTC; last contact with Telegram 3 s ago")
    healthy, line = describe(Status(12, "polling", NOW - 60, NOW - 5), NOW)
    assert healthy
    assert line.endswith("no contact with Telegram yet")
    healthy, line = describe(Status(12, "polling", NOW - 60, NOW - 1, stopped_at=NOW - 1), NOW)
    assert not healthy
    assert "stopped at" in line
    healthy, line = describe(Status(12, "polling", NOW - 600, NOW - STALE_AFTER_SECONDS - 1),
                             NOW)
    assert not healthy
    assert line.startswith("factbot is not responding: process 12")
    assert describe(None, NOW) == (False, "factbot is not running: it has written no status")


def test_a_damaged_status_file_reads_as_none(tmp_path: Path) -> None:
    path = tmp_path / "db.json.status"
    path.write_text("{not json", encoding="utf-8")
    assert read_status(path) is None
