"""The maintenance commands (`factbot admin`, `factbot load`) as what they print and their exit
code: run in the CLI's own process, or by the running bot for a CLI that forwards them."""

from __future__ import annotations

from dataclasses import replace

from bot import exits
from bot.calls import Call, given, parse
from bot.commands import ADMIN_COMMANDS, COMMANDS, run_admin_command
from bot.control import Outcome, Request
from bot.curated import CurationError, load_curated
from bot.layout import PLAIN, render_all
from bot.lock import DatabaseBusyError
from bot.roles import Admin
from bot.storage import DatabaseError, WriteRefusedError

FAILED = frozenset({"refused", "usage", "not_found", "ambiguous"})


def failure(error: DatabaseError) -> Outcome:
    """One line for a database that cannot be used, with the exit code for its kind."""
    code = (exits.WRITE_REFUSED if isinstance(error, WriteRefusedError)
            else exits.BUSY if isinstance(error, DatabaseBusyError) else exits.PROBLEM)
    return Outcome(code, err=f"factbot: {error}\n")


def curation_failure(error: CurationError) -> Outcome:
    """Every problem of the curated files, one per line."""
    lines = [f"factbot: the curated files have {len(error.problems)} problem(s):",
             *(f"  {problem}" for problem in error.problems)]
    return Outcome(exits.PROBLEM, err="\n".join(lines) + "\n")


async def _admin(admin: Admin, request: Request) -> Outcome:
    actor = request.actor if request.actor is not None else 0
    call = parse(request.text) or Call(request.text.strip())
    if call.key not in ADMIN_COMMANDS:
        return Outcome(exits.USAGE, err=f"factbot: /{call.key} is not an admin command; they"
                       " are: " + ", ".join(f"/{name}" for name in ADMIN_COMMANDS) + "\n")
    if COMMANDS[call.key].file == "required" and request.file is None:
        return Outcome(exits.USAGE, err=f"factbot: /{call.key} needs --file FILE (a JSON file"
                       " as /export writes it)\n")
    result = await run_admin_command(admin, replace(call, actor=actor, file=given(request.file)))
    if isinstance(result, bytes):
        return Outcome(exits.OK, out=result.decode("utf-8") + "\n")
    code = exits.PROBLEM if result.status in FAILED else exits.OK
    return Outcome(code, out=render_all(result, PLAIN) + "\n")


async def _load(admin: Admin) -> Outcome:
    try:
        curated = load_curated(admin.facts_dir, admin.seeds_dir)
    except CurationError as error:
        return curation_failure(error)
    report = await admin.base.reload(curated)
    return Outcome(exits.OK, out=f"Loaded into {admin.base.store.path}: {report.summary()}\n")


async def perform(admin: Admin, request: Request) -> Outcome:
    """Run one maintenance request against `admin`'s fact base; every fault is one line."""
    try:
        if request.command == "load":
            return await _load(admin)
        if request.command == "admin":
            return await _admin(admin, request)
        return Outcome(exits.USAGE, err=f"factbot: unknown request {request.command!r}\n")
    except DatabaseError as error:
        return failure(error)
