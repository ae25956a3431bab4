"""A crash-safe TinyDB storage: each write goes to a temporary file, is fsynced, then replaces.

TinyDB's stock `JSONStorage` rewrites its file in place, so a kill mid-write leaves it half
written. Here the file on disk is always either the previous complete version or the new one.
The last data read or written is kept in memory, so a write does not first re-read the file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage


class DatabaseError(Exception):
    """The database file cannot be used; it has been left untouched."""


class AtomicJSONStorage(Storage):
    """JSON storage whose writes are atomic and durable (temp file, fsync, `os.replace`)."""

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._cache: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole database, or None when the file does not exist yet or is empty."""
        if self._cache is not None:
            return self._cache
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise DatabaseError(f"cannot read the database {self.path}: {error}") from None
        if not raw.strip():
            return None
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise DatabaseError(
                f"the database {self.path} is not valid JSON ({error}); it was left untouched:"
                " restore it from a backup or move it away to start afresh"
            ) from None
        if not isinstance(data, dict):
            raise DatabaseError(f"the database {self.path} does not hold TinyDB tables")
        self._cache = data
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with `data`, durably; on failure the old file stays as it was."""
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
        self._sync_directory()
        self._cache = data

    def _sync_directory(self) -> None:
        """Make the rename itself durable."""
        descriptor = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def close(self) -> None:
        """Forget the cached data."""
        self._cache = None
