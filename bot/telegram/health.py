"""Is the bot up? What it tells operators while it runs.

`Health` notes when the bot last heard from Telegram (any Bot API answer, any update). The
running bot writes it to the status file beside the database (`bot.status`) every few seconds,
for `factbot status`; with `FACTBOT_HEALTH_PORT` set it also answers `GET /health` over HTTP
(200 and the status as JSON while up), for a load balancer or an orchestrator in webhook mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bot.status import Status, describe, write_status

logger = logging.getLogger(__name__)


@dataclass
class Health:
    """Since when the bot runs, in which mode, and when Telegram was last heard from."""

    mode: str = "polling"
    up_since: float = field(default_factory=time.time)
    last_contact: float | None = None

    def contact(self) -> None:
        """Telegram answered a request or sent an update just now."""
        self.last_contact = time.time()

    def status(self, *, stopped: bool = False) -> Status:
        """The status to report now."""
        now = time.time()
        return Status(pid=os.getpid(), mode=self.mode, up_since=self.up_since, written_at=now,
                      last_contact=self.last_contact, stopped_at=now if stopped else None)

    def save(self, path: Path, *, stopped: bool = False) -> None:
        """Write the status file; a failure is logged, never fatal."""
        try:
            write_status(path, self.status(stopped=stopped))
        except OSError as error:
            logger.warning("cannot write the status file %s: %s", path, error)


class HealthServer:
    """A tiny HTTP server answering `GET /health` with the bot's status."""

    def __init__(self, health: Health, host: str, port: int) -> None:
        self._health = health
        self._host = host
        self._port = port
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        """Listen on the configured address."""
        self._server = await asyncio.start_server(self._serve, self._host, self._port)

    async def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                                 TimeoutError):
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            method, _, rest = head.split(b"\r\n", 1)[0].decode("latin-1").partition(" ")
            path = rest.split(" ", 1)[0].split("?", 1)[0]
            status = self._health.status()
            healthy, line = describe(status, status.written_at)
            if method == "GET" and path == "/health":
                code, reason = (200, "OK") if healthy else (503, "Service Unavailable")
                body = json.dumps({"healthy": healthy, "summary": line, **asdict(status)})
            else:
                code, reason, body = 404, "Not Found", json.dumps({"error": "not found"})
            payload = body.encode("utf-8")
            writer.write(f"HTTP/1.1 {code} {reason}\r\nContent-Type: application/json\r\n"
                         f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n"
                         .encode("ascii") + payload)
            await writer.drain()
        writer.close()
