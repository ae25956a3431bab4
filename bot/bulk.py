"""Bulk operations: /export the whole base as JSON, /import a JSON file all or nothing, and
/reload the curated files (keeping what editors added).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bot.calls import Call
from bot.curated import CurationError, load_curated
from bot.forms import first_problem, refused
from bot.models import ITEM_MODELS, Item, Person, Quote, Statement
from bot.results import Answer
from bot.roles import Admin
from bot.safejson import JSONRefused, load_bounded
from bot.store import ITEM_TABLES

MAX_IMPORT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)


class _Known:
    """What an import is checked against: the items, people and sources when it began."""

    items: dict[str, Item]
    people: set[str]
    sources: set[str]


def _read_import(data: bytes, known: _Known, actor: int) -> list[Item] | str:
    """The items of an /import file, or the one line that says why nothing is imported."""
    try:
        tables = load_bounded(data)
    except JSONRefused as error:
        return f"Nothing imported: {error}."
    if not isinstance(tables, dict):
        return "The file must hold an object of tables, as /export writes it."
    items, problems = _validate_import(tables, known, actor)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"Nothing imported: {problems[0]}{more}."
    return items


def _validate_import(tables: dict[str, Any], known: _Known,
                     actor: int) -> tuple[list[Item], list[str]]:
    items: list[Item] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for kind, table in ITEM_TABLES.items():
        rows = tables.get(table, [])
        if not isinstance(rows, list):
            problems.append(f"table '{table}' must be a list")
            continue
        for number, row in enumerate(rows, 1):
            where = f"{table} #{number}"
            try:
                item = ITEM_MODELS[kind].model_validate(row)
            except ValidationError as error:
                problems.append(f"{where}: {first_problem(error, {})}")
                continue
            existing = known.items.get(item.id)
            if item.id in seen or (existing is not None and kind != existing.KIND):
                problems.append(f"{where}: id '{item.id}' is used twice")
            seen[item.id] = kind
            if existing != item:
                item = item.model_copy(update={"origin": "admin", "added_by": actor})
            items.append(item)
    people = {i.id for i in items if isinstance(i, Person)} | known.people
    for item in items:
        if isinstance(item, Quote | Statement) and item.speaker not in people:
            problems.append(f"{item.id}: speaker '{item.speaker}' is not a known person")
        if item.source not in known.sources:
            problems.append(f"{item.id}: source '{item.source}' is not a known source")
    return items, problems


async def export(admin: Admin, actor: int, call: Call) -> bytes:
    """/export: the whole base as a JSON file."""
    return await export_json(admin)


async def export_json(admin: Admin) -> bytes:
    """The whole base as a JSON document."""
    return json.dumps(await admin.base.export(), ensure_ascii=False, indent=1).encode()


async def import_file(admin: Admin, actor: int, call: Call) -> Answer:
    """/import with a JSON file, as /export writes it."""
    data = await call.file() if call.file is not None else None
    if data is None:
        return Answer(title="Send /import with a JSON file attached, or in reply to one.",
                      status="usage")
    if isinstance(data, Answer):
        return data
    return await import_json(admin, actor, data)


async def import_json(admin: Admin, actor: int, data: bytes) -> Answer:
    """Validate a JSON document fully, then apply it all at once, or not at all.

    Parsing and validating run in a worker thread, on a snapshot of what is known, so other
    chats are answered meanwhile; the document's size, nesting, numbers and number of
    objects are bounded before it is parsed (`bot.safejson`).
    """
    if len(data) > MAX_IMPORT_BYTES:
        return refused(f"The file is too large: at most {MAX_IMPORT_BYTES // 2**20} MB.")
    known = _Known(dict(admin.base.items), {p.id for p in admin.base.people()},
                   set(admin.base.sources))
    checked = await asyncio.to_thread(_read_import, data, known, actor)
    if isinstance(checked, str):
        return refused(checked)
    before = {item.id: admin.base.items.get(item.id) for item in checked}
    added, updated, unchanged = await admin.base.import_items(checked, actor=actor)
    for item in checked:
        if before[item.id] != item:
            await admin.tipline.changed(item, added=before[item.id] is None)
    return Answer(title="Imported",
                  body=(f"{added} added, {updated} updated, {unchanged} unchanged.",))


async def reload(admin: Admin, actor: int, call: Call) -> Answer:
    """/reload: re-read the curated files, keeping admin items."""
    try:
        curated = load_curated(admin.facts_dir, admin.seeds_dir)
    except CurationError as error:
        return refused(f"Not reloaded: the curated files have {len(error.problems)}"
                        f" problem(s); the first: {error.problems[0]}")
    report = await admin.base.reload(curated)
    return Answer(title="Reloaded the curated facts", body=(report.summary() + ".",))
