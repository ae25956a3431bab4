"""A crash-safe TinyDB storage: an atomic snapshot plus an append-only, fsynced journal.

TinyDB's stock `JSONStorage` rewrites its file in place, so a kill mid-write leaves it half
written, and every write costs as much as the whole base. Here:

- `commit(data, ops)` appends one line, the exact changes of one write, to `<db>.journal` and
  fsyncs it: a write costs what it changes, however large the base. It is confirmed exactly
  when that line is durable; a write the disk refuses (full, read-only, no permission) raises
  `WriteRefusedError` with one line and leaves the journal as it was.
- `write(data)` (TinyDB's own path, and compaction) writes the whole snapshot to a temporary
  file, fsyncs it and `os.replace()`s it, then empties the journal. The snapshot on disk is
  always a complete old or new version, and replaying a journal line twice does no harm. A
  compaction that fails is logged and tried again later; the write it followed stays saved.
- `read()` loads the snapshot and replays the journal. A torn last line (a write cut short by
  a crash, never acknowledged) is ignored and cut off before the next append; damage anywhere
  else, or a shape TinyDB never writes, is reported and the files are left untouched. A reader
  in another process retries if the snapshot was replaced while it read, so it sees one state.

The data last read or written is kept in memory, so a write never re-reads the files.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

logger = logging.getLogger(__name__)

COMPACT_MIN_BYTES = 4 * 1024 * 1024
"""The journal is folded into the snapshot once it is this large and larger than the snapshot."""
COMPACT_RETRY_SECONDS = 60.0
"""How long to wait after a failed compaction before the next write tries again."""

UNSHOWABLE = re.compile(r"\\[btfr]|\\u(?:00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]"
                        r"|[dD][89a-fA-F][0-9a-fA-F]{2})|[\x7f-\x9f]")
"""How a JSON file writes a character no text may hold: a control character but newline, or
a lone surrogate, escaped; DEL or a C1 control as itself."""
_SUSPECT = re.compile(r"[\\\x7f-\x9f]")
"""Where one may start: a backslash, DEL or a C1 control (one character class is ten times
faster to look for in a large file than `UNSHOWABLE` is)."""


def unshowable(raw: str) -> bool:
    """Whether a JSON text writes a character no text may hold."""
    return any(UNSHOWABLE.match(raw, found.start()) for found in _SUSPECT.finditer(raw))


Tables = dict[str, dict[str, dict[str, Any]]]
Op = tuple[str, str, dict[str, Any] | None]
"""One change: (table, document key, new document, or None to remove it)."""


class DatabaseError(Exception):
    """The database file cannot be used; it has been left untouched."""


class WriteRefusedError(DatabaseError):
    """The storage refused a write (disk full, read-only, no permission); nothing was written."""


def write_refused(error: OSError) -> WriteRefusedError:
    """The one line that says why the storage holding the database refused a write."""
    reason = {
        errno.ENOSPC: "the disk holding the database is full",
        errno.EDQUOT: "the disk quota for the database is used up",
        errno.EROFS: "the database is on read-only storage",
        errno.EACCES: "there is no permission to write the database",
        errno.EPERM: "there is no permission to write the database",
    }.get(error.errno or 0, f"the database cannot be written ({error.strerror or error})")
    return WriteRefusedError(f"{reason}; nothing was written")


def _damaged(path: Path, what: str) -> DatabaseError:
    return DatabaseError(f"the database {path} is damaged: {what}; it was left untouched:"
                         " restore it from a backup or move it away to start afresh")


_SHAPES: dict[type, str] = {dict: "an object", list: "a list", str: "a string",
                            int: "a number", float: "a number", bool: "a boolean"}


def _shape(value: object) -> str:
    return _SHAPES.get(type(value), "null")


def check_tables(data: object, path: Path) -> Tables:
    """`data` if it has the shape TinyDB writes (tables of numbered documents), else damage."""
    if not isinstance(data, dict):
        raise _damaged(path, f"it holds {_shape(data)} where an object of tables belongs")
    for name, rows in data.items():
        if not isinstance(rows, dict):
            raise _damaged(path, f"table '{name}' is {_shape(rows)}, not an object of documents")
        for key, row in rows.items():
            if not key.isdigit():
                raise _damaged(path, f"table '{name}' has a document keyed '{key[:40]}',"
                                     " not a number")
            if not isinstance(row, dict):
                raise _damaged(path, f"document {key} of table '{name}' is {_shape(row)},"
                                     " not an object")
    return data


def _check_ops(line: object) -> list[Op]:
    if not isinstance(line, list):
        raise ValueError(f"it holds {_shape(line)}, not a list of changes")
    for op in line:
        if not (isinstance(op, list) and len(op) == 3 and isinstance(op[0], str)
                and isinstance(op[1], str) and op[1].isdigit()
                and (op[2] is None or isinstance(op[2], dict))):
            raise ValueError("a change is not [table, document number, document or null]")
    return [(table, key, document) for table, key, document in line]


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


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_mtime_ns


class AtomicJSONStorage(Storage):
    """JSON storage whose every write is atomic and durable once the call returns."""

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self._cache: Tables | None = None
        self._journal_valid = 0
        self._snapshot_bytes = 0
        self._compact_after = 0.0
        self.plain_text = True
        """Whether the files last read hold no escaped control character or lone surrogate
        (nor a raw DEL or C1 control), so their texts need not be searched for one."""

    def _load_snapshot(self) -> Tables | None:
        try:
            self._snapshot_bytes = self.path.stat().st_size
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as error:
            raise _damaged(self.path, f"it is not valid UTF-8 JSON ({error})") from None
        except OSError as error:
            raise DatabaseError(f"cannot read the database {self.path}: {error.strerror}"
                                ) from None
        if not raw.strip():
            return None
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, RecursionError, ValueError) as error:
            raise _damaged(self.path, f"it is not valid JSON ({error})") from None
        self.plain_text = self.plain_text and not unshowable(raw)
        return check_tables(data, self.path)

    def _replay_journal(self, data: Tables) -> int:
        """Apply the journal's complete lines to `data`; how many there were."""
        try:
            raw = self.journal_path.read_bytes()
        except FileNotFoundError:
            self._journal_valid = 0
            return 0
        except OSError as error:
            raise DatabaseError(f"cannot read the journal {self.journal_path}:"
                                f" {error.strerror}") from None
        lines = raw.split(b"\n")
        self.plain_text = self.plain_text and not unshowable(
            raw.decode("utf-8", errors="replace"))
        valid = 0
        for number, line in enumerate(lines[:-1], 1):
            try:
                apply_ops(data, _check_ops(json.loads(line)))
            except (ValueError, TypeError, RecursionError) as error:
                raise DatabaseError(
                    f"the journal {self.journal_path} is damaged at line {number} ({error});"
                    " it was left untouched"
                ) from None
            valid += len(line) + 1
        self._journal_valid = valid
        return len(lines) - 1

    def _load_once(self) -> Tables | None:
        snapshot = self._load_snapshot()
        data = snapshot if snapshot is not None else {}
        changes = self._replay_journal(data)
        if snapshot is None and changes and self.path.exists():
            raise DatabaseError(
                f"the database {self.path} is empty but its journal {self.journal_path} holds"
                f" {changes} change(s) made after it: the snapshot was lost or cut short; both"
                " were left untouched: restore the database from a backup, or move both away"
                " to start afresh")
        return data if snapshot is not None or changes else None

    def load_fresh(self) -> Tables | None:
        """The whole database from the files, without keeping it in memory.

        If another process replaced the snapshot meanwhile (a compaction), it is read again,
        so the result is always one state the writer confirmed.
        """
        for _ in range(50):
            before = _identity(self.path)
            data = self._load_once()
            if _identity(self.path) == before:
                return data
        raise DatabaseError(f"the database {self.path} kept changing while it was read")

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

    def _append(self, line: bytes) -> None:
        """Append one line to the journal durably, or leave the journal as it was."""
        new_journal = not self.journal_path.exists()
        descriptor = os.open(self.journal_path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            if os.fstat(descriptor).st_size != self._journal_valid:
                os.ftruncate(descriptor, self._journal_valid)
            try:
                view = memoryview(line)
                offset = self._journal_valid
                while view:
                    written = os.pwrite(descriptor, view, offset)
                    view, offset = view[written:], offset + written
                os.fsync(descriptor)
                if new_journal:
                    _fsync_directory(self.path.parent)
            except OSError:
                # if even this fails, the torn line is ignored on reading and cut before the
                # next append
                with contextlib.suppress(OSError):
                    os.ftruncate(descriptor, self._journal_valid)
                raise
        finally:
            os.close(descriptor)

    def commit(self, data: Tables | None, ops: list[Op]) -> None:
        """Make `ops` (already applied to `data`) durable by appending them to the journal.

        With `data` None the database is not held in memory ("cold"): only the journal grows,
        and a compaction reads the files. The first write of a new database writes its snapshot
        instead. Raises `WriteRefusedError` if the storage refuses; then nothing was written.
        """
        try:
            if not self.path.exists():
                self.write(data if data is not None else self.load_fresh() or {})
                if data is not None:
                    return
            line = json.dumps(ops, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._append(line + b"\n")
        except OSError as error:
            self._cache = None
            raise write_refused(error) from None
        self._journal_valid += len(line) + 1
        self._cache = data
        self._compact(data)

    def _compact(self, data: Tables | None) -> None:
        """Fold the journal into the snapshot once it has grown; a failure only postpones it."""
        if (self._journal_valid <= max(COMPACT_MIN_BYTES, self._snapshot_bytes)
                or time.monotonic() < self._compact_after):
            return
        try:
            whole = data if data is not None else self.load_fresh()
            self.write(whole or {})
        except (OSError, DatabaseError) as error:
            self._compact_after = time.monotonic() + COMPACT_RETRY_SECONDS
            reason = error.strerror if isinstance(error, OSError) else str(error)
            logger.warning("could not fold the journal %s into the snapshot (%s); every write"
                           " is saved in the journal; trying again in %d s", self.journal_path,
                           reason, COMPACT_RETRY_SECONDS)
        self._cache = data

    def close(self) -> None:
        """Forget the cached data; the next read comes from the files."""
        self._cache = None
