"""Whether the bot is up, for operators: a status file beside the database.

The running bot rewrites `<database>.status` every few seconds (and marks it stopped when it
exits cleanly); `factbot status` reads it, and the health endpoint serves the same facts: the
process, since when it runs, and when it last heard from Telegram.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

STATUS_INTERVAL_SECONDS = 10.0
"""How often the running bot rewrites its status file."""
STALE_AFTER_SECONDS = 3 * STATUS_INTERVAL_SECONDS
"""A status file older than this belongs to a bot that stopped without saying so."""


@dataclass(frozen=True)
class Status:
    """What the running bot says about itself; times are Unix seconds."""

    pid: int
    mode: str
    up_since: float
    written_at: float
    last_contact: float | None = None
    stopped_at: float | None = None


def status_path(db_path: Path) -> Path:
    """Where the bot using the database at `db_path` writes its status."""
    return db_path.with_name(db_path.name + ".status")


def write_status(path: Path, status: Status) -> None:
    """Replace the status file atomically, so a reader never sees half of it."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(asdict(status), stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_status(path: Path) -> Status | None:
    """The status last written, or None when there is none (or it cannot be read)."""
    try:
        return Status(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _when(moment: float) -> str:
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _ago(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds} s ago" if seconds < 120 else f"{seconds // 60} min ago"


def describe(status: Status | None, now: float) -> tuple[bool, str]:
    """Whether the bot is up, and one line saying so (with its last contact with Telegram)."""
    if status is None:
        return False, "factbot is not running: it has written no status"
    if status.stopped_at is not None:
        return False, f"factbot is not running: it stopped at {_when(status.stopped_at)}"
    if now - status.written_at > STALE_AFTER_SECONDS:
        return False, (f"factbot is not responding: process {status.pid} last wrote its status"
                       f" {_ago(now - status.written_at)}")
    contact = ("no contact with Telegram yet" if status.last_contact is None
               else f"last contact with Telegram {_ago(now - status.last_contact)}")
    return True, (f"factbot is up ({status.mode}, process {status.pid}) since"
                  f" {_when(status.up_since)}; {contact}")
