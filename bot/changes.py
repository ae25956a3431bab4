"""Changing what is there: /edit, /delete, /restore, /undo, /history, and /synonym (what a
reader's word means to search). Every change is audited and can be undone.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from bot.answers import near_ids
from bot.calls import Call, Misused
from bot.forms import first_problem, refused
from bot.glossary import Glossary, GlossaryEntry, meaningless
from bot.models import ITEM_MODELS, Item, slug
from bot.results import Answer, Suggestion, echo
from bot.roles import Admin
from bot.store import ITEM_TABLES

NOT_EDITABLE = frozenset({"id", "origin", "added_by", "added_at", "deleted", "evidence"})
MAX_HISTORY_LINE = 300


def find(admin: Admin, item_id: str) -> Item | Answer:
    item = admin.base.items.get(item_id.lower())
    if item is not None:
        return item
    near = near_ids(admin.base, item_id, include_deleted=True)
    return Answer(title=f"No item with the id “{echo(item_id)}”", status="not_found",
                  note="Did you mean:" if near else None,
                  suggestions=tuple(Suggestion(key, f"/source {key}") for key in near))


async def edit(admin: Admin, actor: int, call: Call) -> Answer:
    """/edit <id> <field> <value>: change one field of an item."""
    parts = call.args.strip().split(maxsplit=2)
    if len(parts) < 3:
        raise Misused("Give the item's id, the field and the new value.")
    item_id, field, value = parts
    item = find(admin, item_id)
    if isinstance(item, Answer):
        return item
    editable = [name for name in type(item).model_fields if name not in NOT_EDITABLE]
    if field not in editable:
        raise Misused(f"field: a {item.LABEL} has no field “{echo(field)}” you can edit;"
                      f" try one of: {', '.join(editable)}.")
    new_value: Any = None if value.strip() == "-" else value
    if field == "aliases" and new_value is not None:
        new_value = [alias.strip() for alias in value.split(",") if alias.strip()]
    if field == "speaker" and admin.base.person(value) is None:
        raise Misused(f"speaker: no person with the id “{echo(value)}”.")
    if field == "source" and value not in admin.base.sources:
        raise Misused(f"source: no source with the id “{echo(value)}”.")
    try:
        edited = type(item).model_validate(
            {**item.model_dump(), field: new_value, "origin": "admin"})
    except ValidationError as error:
        raise Misused(first_problem(error, {})) from None
    rechecked = admin.sourcing.recheck(edited, field)
    if isinstance(rechecked, Answer):
        return rechecked
    await admin.base.save(rechecked, actor=actor, action="edit")
    await admin.tipline.changed(rechecked, added=False)
    before = getattr(item, field)
    return Answer(title=f"Edited {item.id}",
                  body=(f"{field}: “{echo(str(before))}” → “{echo(str(new_value))}”",
                        "/undo takes it back."))


async def _set_deleted(admin: Admin, actor: int, args: str, deleted: bool) -> Answer:
    command = "delete" if deleted else "restore"
    if not args:
        raise Misused("Give the id of the item.")
    item = find(admin, args.split()[0])
    if isinstance(item, Answer):
        return item
    if item.deleted == deleted:
        return Answer(title=f"{item.id} is already {'deleted' if deleted else 'live'}.",
                      status="usage")
    changed = item.model_copy(update={"deleted": deleted})
    await admin.base.save(changed, actor=actor, action=command)
    if not deleted:
        await admin.tipline.changed(changed, added=False)
    if deleted:
        return Answer(title=f"Deleted {item.id}",
                      body=(f"/restore {item.id} brings it back.",))
    return Answer(title=f"Restored {item.id}")


async def delete(admin: Admin, actor: int, call: Call) -> Answer:
    """/delete <id>: hide an item, restorably."""
    return await _set_deleted(admin, actor, call.args.strip(), True)


async def restore(admin: Admin, actor: int, call: Call) -> Answer:
    """/restore <id>: bring a deleted item back."""
    return await _set_deleted(admin, actor, call.args.strip(), False)


async def undo(admin: Admin, actor: int, call: Call) -> Answer:
    """/undo: take back the actor's own last change."""
    log = await admin.base.audit_log()
    undone = {entry["undoes"] for entry in log if "undoes" in entry}
    mine = [entry for entry in log if entry.get("actor") == actor
            and entry.get("kind") in ITEM_TABLES and entry["key"] not in undone
            and entry["action"] in {"add", "edit", "delete", "restore"}]
    if not mine:
        return Answer(title="You have no change to undo.", status="empty")
    last = mine[-1]
    model = ITEM_MODELS[last["kind"]]
    if last["before"] is None:
        reverted = model.model_validate({**last["after"], "deleted": True})
    else:
        reverted = model.model_validate(last["before"])
    await admin.base.save(reverted, actor=actor, action="undo", undoes=last["key"])
    return Answer(title=f"Undid your {last['action']} of {last['item_id']}")


async def history(admin: Admin, actor: int, call: Call) -> Answer:
    """/history [id]: the latest changes, of one item or of all."""
    args = call.args.strip()
    item_id = args.split()[0].lower() if args else None
    log = [entry for entry in await admin.base.audit_log()
           if item_id is None or entry.get("item_id") == item_id]
    if not log:
        return Answer(title="No changes recorded"
                      + (f" for “{echo(item_id)}”" if item_id else ""), status="empty")
    lines = [_describe(entry) for entry in reversed(log[-10:])]
    title = f"History of {item_id}" if item_id else "Latest changes"
    return Answer(title=title, note="Newest first.", body=tuple(lines))


def _describe(entry: dict[str, Any]) -> str:
    when = str(entry.get("at", ""))[:16].replace("T", " ")
    who = f"user {entry['actor']}" if entry.get("actor") is not None else "curator"
    what = f"{entry['action']} {entry.get('item_id') or entry.get('user_id') or ''}".strip()
    before, after = entry.get("before") or {}, entry.get("after") or {}
    changes = [f"{key}: “{echo(str(before.get(key)))}” → “{echo(str(after.get(key)))}”"
               for key in after if before and before.get(key) != after.get(key)]
    summary = entry.get("summary")
    detail = "; ".join(changes) or (summary if isinstance(summary, str) else "")
    line = f"{when} · {who} · {what}" + (f" · {detail}" if detail else "")
    return line if len(line) <= MAX_HISTORY_LINE else line[: MAX_HISTORY_LINE - 1] + "…"


async def synonym(admin: Admin, actor: int, call: Call) -> Answer:
    """/synonym <what readers type> | <words of the fact base>: teach search a meaning."""
    typed, _, meaning = (part.strip() for part in call.args.partition("|"))
    if not typed or not meaning:
        raise Misused("Give what readers type and the fact base's words, split by |.")
    entry_id = slug(typed, set(admin.base.glossary.entries), "synonym")
    try:
        entry = GlossaryEntry(id=entry_id, means=(meaning,), phrases=(typed,))
    except ValidationError as error:
        raise Misused(f"Not added: {error.errors()[0]['msg'].removeprefix('Value error, ')}"
                      ".") from None
    if meaningless(Glossary([entry]), admin.base.index.knows):
        raise Misused(f"Not added: no item holds “{echo(meaning)}”; name words the fact"
                      " base uses, e.g. /synonym truce | ceasefire.")
    known = admin.base.glossary.meaning_of(typed)
    if known is not None:
        return refused(f"Not added: “{echo(typed)}” already means"
                        f" “{', '.join(known.means)}” (glossary entry {known.id}).")
    await admin.base.add_glossary_entry(entry)
    return Answer(title=f"Readers' “{echo(typed)}” now finds “{echo(meaning)}”",
                  body=(f"Glossary entry {entry.id}; try it: /search {echo(typed)}",))
