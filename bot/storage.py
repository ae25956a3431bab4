"""A crash-safe TinyDB storage: an atomic snapshot plus an append-only, fsynced journal.

TinyDB's stock `JSONStorage` rewrites its file in place, so a kill mid-write leaves it half
written, and every write costs as much as the whole base. Here:

- `commit(data, ops)` appends one line, the exact changes of one write, to `<db>.journal` and
  fsyncs it: a write costs what it changes, however large the base.
- `write(data)` (TinyDB's own path, and compaction) writes the whole snapshot to a temporary
  file, fsyncs it and `os.replace()`s it, then empties the journal. The snapshot on disk is
  always a complete old or new version, and replaying a journal line twice does no harm.
- `read()` loads the snapshot and replays the journal. A torn last line (a write cut short by
  a crash, never acknowledged) is ignored and cut off before the next append; damage anywhere
  else is reported and the files are left untouched.

The data last read or written is kept in memory, so a write never re-reads the files.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

COMPACT_MIN_BYTES = 4 * 1024 * 1024
"""The journal is folded into the snapshot once it is this large and larger than the snapshot."""

Tables = dict[str, dict[str, dict[str, Any]]]
Op = tuple[str, str, dict[str, Any] | None]
"""One change: (table, document key, new document, or None to remove it)."""


class DatabaseError(Exception):
    """The database file cannot be used; it has been left untouched."""


def apply_ops(data: Tables, ops: list[Op]) -> None:
    """Apply journal operations to `data`."""
    for table, key, document in ops:
        rows = data.setdefault(table, {})
        if document is None:
            rows.pop(key, None)
        else:
            rows[key] = document


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class AtomicJSONStorage(Storage):
    """JSON storage whose every write is atomic and durable once the call returns."""

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self._cache: Tables | None = None
        self._journal_valid = 0
        self._snapshot_bytes = 0

    def _load_snapshot(self) -> Tables | None:
        try:
            self._snapshot_bytes = self.path.stat().st_size
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as error:
            raise DatabaseError(
                f"the database {self.path} is not valid UTF-8 JSON ({error}); it was left"
                " untouched: restore it from a backup or move it away to start afresh"
            ) from None
        except OSError as error:
            raise DatabaseError(f"cannot read the database {self.path}: {error}") from None
        if not raw.strip():
            return None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise DatabaseError(
                f"the database {self.path} is not valid JSON ({error}); it was left untouched:"
                " restore it from a backup or move it away to start afresh"
            ) from None
        if not isinstance(data, dict):
            raise DatabaseError(f"the database {self.path} does not hold TinyDB tables")
        return data

    def _replay_journal(self, data: Tables) -> bool:
        try:
            raw = self.journal_path.read_bytes()
        except FileNotFoundError:
            self._journal_valid = 0
            return False
        lines = raw.split(b"\n")
        valid = 0
        for number, line in enumerate(lines[:-1], 1):
            try:
                apply_ops(data, [(str(t), str(k), d) for t, k, d in json.loads(line)])
            except (ValueError, TypeError) as error:
                raise DatabaseError(
                    f"the journal {self.journal_path} is damaged at line {number} ({error});"
                    " it was left untouched"
                ) from None
            valid += len(line) + 1
        self._journal_valid = valid
        return valid > 0

    def load_fresh(self) -> Tables | None:
        """The whole database from the files, without keeping it in memory."""
        snapshot = self._load_snapshot()
        data = snapshot if snapshot is not None else {}
        if not self._replay_journal(data) and snapshot is None:
            return None
        return data

    def read(self) -> Tables | None:
        """The whole database, or None when nothing has been stored yet; kept in memory."""
        if self._cache is None:
            self._cache = self.load_fresh()
        return self._cache

    def write(self, data: Tables) -> None:
        """Replace the snapshot with `data` durably, then empty the journal."""
        self._cache = None
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _fsync_directory(self.path.parent)
        if self.journal_path.exists():
            with self.journal_path.open("r+b") as journal:
                journal.truncate(0)
                os.fsync(journal.fileno())
        self._journal_valid = 0
        self._snapshot_bytes = len(payload)
        self._cache = data

    def commit(self, data: Tables | None, ops: list[Op]) -> None:
        """Make `ops` (already applied to `data`) durable by appending them to the journal.

        With `data` None the database is not held in memory ("cold"): only the journal grows,
        and a compaction reads the files. The first write of a new database writes its snapshot
        instead.
        """
        if data is not None and not self.path.exists():
            self.write(data)
            return
        line = json.dumps(ops, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new_journal = not self.journal_path.exists()
        with self.journal_path.open("ab") as journal:
            if journal.tell() != self._journal_valid:
                journal.truncate(self._journal_valid)
            journal.write(line + b"\n")
            journal.flush()
            os.fsync(journal.fileno())
        if new_journal:
            _fsync_directory(self.path.parent)
        self._journal_valid += len(line) + 1
        self._cache = data
        if self._journal_valid > max(COMPACT_MIN_BYTES, self._snapshot_bytes):
            whole = data if data is not None else self.load_fresh()
            self.write(whole or {})
            self._cache = data

    def close(self) -> None:
        """Forget the cached data; the next read comes from the files."""
        self._cache = None
