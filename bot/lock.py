"""One writer per database: an OS lock (`fcntl.flock`) on `<db>.lock`, held while a process writes.

The kernel releases the lock when its holder exits, however it exits, so a crash never leaves
the database locked. The holder writes its process id and command into the file, so a process
that is refused can say who holds the database. Within one process the lock is shared: opening
the same database twice does not lock a process out of its own file.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from bot.storage import DatabaseError, write_refused

_HELD: dict[Path, tuple[int, int]] = {}
"""The locks this process holds: database path -> (descriptor, how many holders)."""


class DatabaseBusyError(DatabaseError):
    """Another process holds the database for writing."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        self.path = path
        self.holder = holder
        who = (f"process {holder.pid} ({holder.command})" if holder is not None
               else "another process")
        super().__init__(f"the database {path} is in use by {who}; nothing was written")


@dataclass(frozen=True)
class Holder:
    """The process holding a database: its id and the command it runs."""

    pid: int
    command: str


def lock_path(path: Path) -> Path:
    """The lock file beside the database `path`."""
    return path.with_name(path.name + ".lock")


def holder_of(path: Path) -> Holder | None:
    """Who holds the database at `path`, as its lock file says; None if nobody says."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["command"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _key(path: Path) -> Path:
    return path.parent.resolve() / path.name


def acquire(path: Path, command: str, *, wait: float = 0.0) -> None:
    """Hold the database at `path` for writing, waiting up to `wait` seconds for another holder.

    Raises `DatabaseBusyError` naming the holder if it is still held; `WriteRefusedError` if
    the lock file cannot be made (read-only storage, no permission). Each call is matched by
    one `release`.
    """
    key = _key(path)
    if key in _HELD:
        descriptor, count = _HELD[key]
        _HELD[key] = (descriptor, count + 1)
        return
    try:
        descriptor = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise write_refused(error) from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(descriptor)
                raise DatabaseBusyError(path, holder_of(path)) from None
            time.sleep(0.05)
    record = json.dumps({"pid": os.getpid(), "command": command}).encode()
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, record + b"\n", 0)
    except OSError:
        pass  # who holds it is only for messages; the lock itself is what counts
    _HELD[key] = (descriptor, 1)


def release(path: Path) -> None:
    """Give up one hold on the database; the lock goes when the last holder releases it."""
    key = _key(path)
    if key not in _HELD:
        return
    descriptor, count = _HELD.pop(key)
    if count > 1:
        _HELD[key] = (descriptor, count - 1)
        return
    os.close(descriptor)

