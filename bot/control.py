"""The control channel: a Unix socket beside the database, through which the running bot takes
maintenance commands (`factbot admin`, `factbot load`) from other processes and applies them
live, so that only the bot ever writes while it runs.

A request is one JSON line (`Request`) followed by the bytes of its file, if any; the reply is
one JSON line (`Outcome`): what to print and the exit code. The socket is only for its owner
(mode 0600), like the database beside it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

MAX_HEADER_BYTES = 64 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024
SHORT_PATH = 100
"""A Unix socket's path holds at most 108 bytes: longer ones are reached through /proc."""


@dataclass(frozen=True)
class Request:
    """A maintenance command: `admin` (as `actor`, with `text` and perhaps a file) or `load`."""

    command: str
    actor: int | None = None
    text: str = ""
    file: bytes | None = None


@dataclass(frozen=True)
class Outcome:
    """What a maintenance command prints on standard output and error, and its exit code."""

    code: int
    out: str = ""
    err: str = ""


Handler = Callable[[Request], Awaitable[Outcome]]


def socket_path(db_path: Path) -> Path:
    """The control socket beside the database `db_path`."""
    return db_path.with_name(db_path.name + ".sock")


@contextlib.contextmanager
def _address(db_path: Path) -> Iterator[str]:
    path = socket_path(db_path)
    if len(os.fsencode(path)) < SHORT_PATH:
        yield str(path)
        return
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        yield f"/proc/self/fd/{folder}/{path.name}"
    finally:
        os.close(folder)


def send(db_path: Path, request: Request) -> Outcome | None:
    """Have the bot serving `db_path` run `request`; None if no bot listens there."""
    header = {"command": request.command, "actor": request.actor, "text": request.text,
              "file": None if request.file is None else len(request.file)}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as channel:
        try:
            with _address(db_path) as address:
                channel.connect(address)
        except (FileNotFoundError, ConnectionRefusedError, NotADirectoryError):
            return None
        channel.sendall(json.dumps(header).encode() + b"\n" + (request.file or b""))
        channel.shutdown(socket.SHUT_WR)
        with channel.makefile("rb") as replies:
            line = replies.readline()
    if not line:
        return Outcome(1, err="the running bot closed the control channel without a reply")
    reply = json.loads(line)
    return Outcome(int(reply["code"]), str(reply["out"]), str(reply["err"]))


class ControlServer:
    """The bot's end of the channel: runs each request with `handler`, one at a time."""

    def __init__(self, db_path: Path, handler: Handler) -> None:
        self.db_path = db_path
        self._handler = handler
        self._server: asyncio.AbstractServer | None = None
        self._busy = asyncio.Lock()

    async def start(self) -> None:
        """Listen beside the database (the caller holds its lock, so an old socket is stale)."""
        path = socket_path(self.db_path)
        path.unlink(missing_ok=True)
        with _address(self.db_path) as address:
            self._server = await asyncio.start_unix_server(
                self._serve, path=address, limit=MAX_HEADER_BYTES)
        path.chmod(0o600)

    async def stop(self) -> None:
        """Stop listening and remove the socket."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
            socket_path(self.db_path).unlink(missing_ok=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            outcome = await self._answer(reader)
            writer.write(json.dumps(asdict(outcome)).encode() + b"\n")
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError) as error:
            logger.warning("a maintenance command's connection broke: %s", error)
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _answer(self, reader: asyncio.StreamReader) -> Outcome:
        try:
            header = json.loads(await reader.readline())
            size = header["file"]
            if size is not None and not 0 <= int(size) <= MAX_FILE_BYTES:
                return Outcome(1, err="the file is too large")
            request = Request(
                command=str(header["command"]),
                actor=None if header["actor"] is None else int(header["actor"]),
                text=str(header["text"]),
                file=None if size is None else await reader.readexactly(int(size)),
            )
        except (ValueError, KeyError, TypeError, asyncio.LimitOverrunError):
            return Outcome(1, err="not a factbot maintenance request")
        async with self._busy:
            logger.info("maintenance command from another process: %s %s", request.command,
                        request.text.split(" ", 1)[0])
            return await self._handler(request)
