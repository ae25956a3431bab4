"""Admin operations on the fact base, free of Telegram: who may write, and every write command.

Each command's function takes the verified sender and the `Call` (bot.calls) the registry
(bot.commands) hands it, after checking the sender's role there; it validates the input with the
same pydantic models as the curated facts, writes durably with an audit entry, and returns an
`Answer`. A refused input gets one line naming the field and what is expected, and nothing is
written.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from bot.answers import near_ids
from bot.calls import Call, Misused
from bot.curated import CurationError, load_curated
from bot.factbase import FactBase
from bot.glossary import Glossary, GlossaryEntry, meaningless
from bot.models import ITEM_MODELS, Item, Person, Quote, Statement, slug
from bot.names import same_person
from bot.results import Answer, Suggestion, echo
from bot.safejson import JSONRefused, load_bounded
from bot.sourcing import EDITORS_SOURCE, NEW_ROLE, Sourcing, split_options
from bot.stats import LookupStats
from bot.store import ITEM_TABLES
from bot.tipline import Tipline

Role = Literal["owner", "editor"]
QUIET = "--quiet"
"""An add command's flag that keeps the new item out of the channel digest."""
NOT_EDITABLE = frozenset({"id", "origin", "added_by", "added_at", "deleted", "evidence"})
MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_HISTORY_LINE = 300


@dataclass(frozen=True)
class Field:
    """One field of an add form: its name, what to ask for, and whether it may be left out."""

    name: str
    prompt: str
    required: bool = True


@dataclass(frozen=True)
class AddForm:
    """An add command: the kind it adds and its `|`-separated fields."""

    kind: str
    fields: tuple[Field, ...]
    example: str

    @property
    def usage(self) -> str:
        parts = [f.name if f.required else f"[{f.name}]" for f in self.fields]
        return " | ".join(parts)


ADD_FORMS: dict[str, AddForm] = {
    "addquote": AddForm("quote", (
        Field("speaker", "Who said it? (a name; =id for a known person, +Name for a new one)"),
        Field("quote", "What exactly did they say?"),
        Field("context", "Where, when or about what? (/skip to leave out)", required=False),
    ), "/addquote Kellogg | We need to create something completely new | At the CFR"),
    "addstatement": AddForm("statement", (
        Field("speaker", "Whose position is it? (a name; =id for a known person, +Name for a"
                         " new one)"),
        Field("statement", "What did they state, in your words?"),
    ), "/addstatement Kellogg | The Istanbul agreement is no starting point"),
    "adddemand": AddForm("demand", (
        Field("demand", "What is the demand?"),
        Field("raised", "When or where was it raised? (/skip to leave out)", required=False),
    ), "/adddemand Lifting of sanctions | Raised in Riyadh talks"),
    "addevent": AddForm("event", (
        Field("date", "When? (YYYY, YYYY-MM or YYYY-MM-DD)"),
        Field("what", "What happened?"),
    ), "/addevent 2025-03-18 | Trump and Putin speak by phone"),
    "addfact": AddForm("fact", (Field("text", "What is the fact?"),),
                       "/addfact The talks resume next week"),
    "addperson": AddForm("person", (
        Field("name", "What is their name?"),
        Field("role", "What is their role?"),
        Field("aliases", "Other names, comma-separated (/skip to leave out)", required=False),
    ), "/addperson Marco Rubio | U.S. Secretary of State | Rubio, Secretary Rubio"),
    "addsource": AddForm("source", (
        Field("title", "What is the article's title?"),
        Field("outlet", "Which outlet published it?"),
        Field("published", "Its publication date, YYYY-MM-DD"),
        Field("url", "Its address (/skip to leave out)", required=False),
    ), "/addsource Talks resume | Reuters | 2025-03-20 | https://example.com/talks"
       " (with the article's file: .txt, .md or .html)"),
}
"""Every add command, by name."""

FORM_FIELDS: dict[str, dict[str, str]] = {
    "quote": {"quote": "text"},
    "statement": {"statement": "text"},
    "demand": {"demand": "text"},
    "event": {"what": "text"},
}
"""Where a form field's name differs from the model's, the model's name."""


def _refused(line: str, usage: str | None = None) -> Answer:
    return Answer(title=line, status="usage", body=(f"Usage: {usage}",) if usage else ())


def _today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def _first_problem(error: ValidationError, names: dict[str, str]) -> str:
    problem = error.errors()[0]
    location = [str(part) for part in problem["loc"]]
    field = names.get(location[0], location[0]) if location else ""
    message = problem["msg"].removeprefix("Value error, ")
    if message.startswith(("date:", "end:", "evidence:")) or not field:
        return message
    return f"{field}: {message}"


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
                problems.append(f"{where}: {_first_problem(error, {})}")
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


class Admin:
    """The write side of the fact base, for owners (from settings) and granted editors."""

    def __init__(self, base: FactBase, owners: frozenset[int], facts_dir: Path,
                 seeds_dir: Path, stats: LookupStats | None = None,
                 tipline: Tipline | None = None) -> None:
        self.base = base
        self.tipline = tipline or Tipline(base)
        self.owners = owners
        self.facts_dir = facts_dir
        self.seeds_dir = seeds_dir
        self.stats = stats or LookupStats()
        self.sourcing = Sourcing(base, on_added=self._told)

    def role(self, user_id: int) -> Role | None:
        """What `user_id` may do: everything (owner), edit facts (editor), or nothing."""
        if user_id in self.owners:
            return "owner"
        if user_id in self.base.store.editors():
            return "editor"
        return None

    def editors(self) -> list[int]:
        """Granted editors' user ids."""
        return sorted(self.base.store.editors())

    # Adding ---------------------------------------------------------------------------------

    async def add_from(self, actor: int, call: Call) -> Answer:
        """`/addquote speaker | quote | context` and the like: the fields `|`-separated, or as a
        guided dialogue collected them; /addsource may come with the article's file."""
        file = await call.file() if call.file is not None else None
        if isinstance(file, Answer):
            return file
        if call.values is not None:
            return await self.add(actor, call.key, list(call.values), file)
        args = call.args
        words = args.split()
        quiet = QUIET in words
        if quiet:
            args = " ".join(word for word in words if word != QUIET)
        return await self.add(actor, call.key, [part.strip() for part in args.split("|")]
                              if args.strip() else [], file, quiet=quiet)

    async def add(self, actor: int, command: str, values: list[str],
                  file: bytes | None = None, *, quiet: bool = False,
                  answers: str | None = None) -> Answer:
        """Add an item from its form's field values, with its source and evidence (see
        `bot.sourcing`); refuse with one line if any is wrong. A `quiet` item stays out of the
        channel digest; one that `answers` an open question is sent to every reader who asked
        it."""
        form = ADD_FORMS[command]
        usage = f"/{command} {form.usage}"
        values, options = split_options(values)
        if len(values) > len(form.fields):
            return _refused(f"Too many fields: /{command} takes at most {len(form.fields)},"
                            " separated by |.", usage)
        given = dict(zip((f.name for f in form.fields), values, strict=False))
        for spec in form.fields:
            if spec.required and not given.get(spec.name, "").strip():
                return _refused(f"{spec.name}: missing; {spec.prompt[0].lower()}"
                                f"{spec.prompt[1:]}", usage)
        fields = {name: value for name, value in given.items() if value.strip()}
        if form.kind == "source":
            source = await self.sourcing.add_source(
                actor, slug(fields["title"], set(self.base.sources), "source"), fields, file)
            return source if isinstance(source, Answer) else self.sourcing.added(source)
        again = (f"/addanswer {answers} " if answers is not None else
                 f"/{command} {QUIET} " if quiet else f"/{command} ") + " | ".join(values)
        new_person: Person | None = None
        if form.kind in ("quote", "statement"):
            speaker = self._speaker(fields, values, command)
            if isinstance(speaker, Answer):
                return speaker
            fields["speaker"] = speaker.id
            if speaker.id not in self.base.items:
                new_person = speaker
        item = self._build(form.kind, fields, actor)
        if isinstance(item, str):
            return _refused(item, usage)
        attached = await self.sourcing.attach(actor, item, options, again)
        if isinstance(attached, Answer):
            return attached
        if new_person is not None:
            person = await self.sourcing.attach(
                actor, new_person, replace(options, source=attached.source, evidence=[],
                                           unverified=attached.source not in self.base.texts),
                again)
            await self._store_new(actor, person if isinstance(person, Item) else new_person,
                                  quiet=True)
        return await self._store_new(actor, attached, quiet=quiet, answers=answers)

    def _speaker(self, fields: dict[str, str], values: list[str],
                 command: str) -> Person | Answer:
        """The person a speaker's name surely means (their name or an alias, or a full name
        whose given name and surname agree); else the choice, a new person first."""
        name = fields["speaker"]
        rest = " | ".join(values[1:])
        if name.startswith("="):
            person = self.base.person(name[1:].strip())
            if person is None or person.deleted:
                return _refused(f"speaker: no person with the id “{echo(name[1:])}”.")
            return person
        if not name.startswith("+"):
            sure = [person for person in self.base.people() if same_person(name, person)]
            if len(sure) == 1:
                return sure[0]
            match = self.base.index.resolve_people(name)
            candidates = sure or match.people or match.suggestions
            if candidates:
                return Answer(
                    title=f"Who is “{echo(name)}”?", status="ambiguous",
                    note="Add them as a new person, or choose who it is:",
                    suggestions=(
                        Suggestion(f"New person: {echo(name)}", f"/{command} +{name} | {rest}"),
                        *(Suggestion(person.name, f"/{command} ={person.id} | {rest}")
                          for person in candidates[:4]),
                    ),
                )
        new_name = name.lstrip("+").strip()
        try:
            return Person(id=slug(new_name, set(self.base.items), "person"),
                          source=EDITORS_SOURCE.id, origin="admin", name=new_name,
                          role=NEW_ROLE, added_at=_today())
        except ValidationError as error:
            return _refused(_first_problem(error, {"name": "speaker"}))

    def _build(self, kind: str, fields: dict[str, str], actor: int) -> Item | str:
        names = FORM_FIELDS.get(kind, {})
        data: dict[str, Any] = {names.get(key, key): value for key, value in fields.items()}
        if kind == "person" and "aliases" in data:
            data["aliases"] = [alias.strip() for alias in data["aliases"].split(",")
                               if alias.strip()]
        if kind == "demand":
            data["period"] = "added"
        if kind == "fact":
            data["topic"] = "added"
        headline = {"quote": f"{data.get('speaker', '')} {data.get('text', '')}",
                    "person": data.get("name", "")}.get(kind, str(data.get("text", "")))
        data.update(id=slug(headline, set(self.base.items), kind), source=EDITORS_SOURCE.id,
                    origin="admin", added_by=actor, added_at=_today())
        try:
            return ITEM_MODELS[kind].model_validate(data)
        except ValidationError as error:
            reverse = {model: form for form, model in names.items()}
            return _first_problem(error, reverse)

    async def _store_new(self, actor: int, item: Item, *, quiet: bool = False,
                         answers: str | None = None) -> Answer:
        if item.source == EDITORS_SOURCE.id and EDITORS_SOURCE.id not in self.base.sources:
            await self.base.save_source(EDITORS_SOURCE, actor=actor)
        await self.base.save(item, actor=actor, action="add")
        told = await self.tipline.changed(item, added=True, quiet=quiet)
        body = [echo(item.headline),
                f"Change it with /edit {item.id} <field> <value>; /undo takes it back."]
        suggestions = [Suggestion("Show it", f"/source {item.id}")]
        if told:
            body.append(f"{told} following readers will hear of it.")
        if self.tipline.channel is not None:
            if quiet:
                body.append("Kept out of the channel.")
            else:
                body.append("It goes to the channel in the next digest.")
                suggestions.append(Suggestion("🔕 Not in the channel", f"/quiet {item.id}"))
        if answers is not None:
            outcome = await self.tipline.inbox.answer(answers, item=item, by=actor)
            body.append(outcome.answer.title + ".")
        return Answer(title=f"Added {item.LABEL} {item.id}", body=tuple(body),
                      suggestions=tuple(suggestions))

    async def _told(self, item: Item) -> None:
        """An item added from a source's candidates: its followers hear of it, like any (a new
        person, like one added with a quote, stays out of the channel)."""
        await self.tipline.changed(item, added=True, quiet=isinstance(item, Person))

    # Managing -------------------------------------------------------------------------------

    def _find(self, item_id: str) -> Item | Answer:
        item = self.base.items.get(item_id.lower())
        if item is not None:
            return item
        near = near_ids(self.base, item_id, include_deleted=True)
        return Answer(title=f"No item with the id “{echo(item_id)}”", status="not_found",
                      note="Did you mean:" if near else None,
                      suggestions=tuple(Suggestion(key, f"/source {key}") for key in near))

    async def edit(self, actor: int, call: Call) -> Answer:
        """/edit <id> <field> <value>: change one field of an item."""
        parts = call.args.strip().split(maxsplit=2)
        if len(parts) < 3:
            raise Misused("Give the item's id, the field and the new value.")
        item_id, field, value = parts
        item = self._find(item_id)
        if isinstance(item, Answer):
            return item
        editable = [name for name in type(item).model_fields if name not in NOT_EDITABLE]
        if field not in editable:
            raise Misused(f"field: a {item.LABEL} has no field “{echo(field)}” you can edit;"
                          f" try one of: {', '.join(editable)}.")
        new_value: Any = None if value.strip() == "-" else value
        if field == "aliases" and new_value is not None:
            new_value = [alias.strip() for alias in value.split(",") if alias.strip()]
        if field == "speaker" and self.base.person(value) is None:
            raise Misused(f"speaker: no person with the id “{echo(value)}”.")
        if field == "source" and value not in self.base.sources:
            raise Misused(f"source: no source with the id “{echo(value)}”.")
        try:
            edited = type(item).model_validate(
                {**item.model_dump(), field: new_value, "origin": "admin"})
        except ValidationError as error:
            raise Misused(_first_problem(error, {})) from None
        rechecked = self.sourcing.recheck(edited, field)
        if isinstance(rechecked, Answer):
            return rechecked
        await self.base.save(rechecked, actor=actor, action="edit")
        await self.tipline.changed(rechecked, added=False)
        before = getattr(item, field)
        return Answer(title=f"Edited {item.id}",
                      body=(f"{field}: “{echo(str(before))}” → “{echo(str(new_value))}”",
                            "/undo takes it back."))

    async def _set_deleted(self, actor: int, args: str, deleted: bool) -> Answer:
        command = "delete" if deleted else "restore"
        if not args:
            raise Misused("Give the id of the item.")
        item = self._find(args.split()[0])
        if isinstance(item, Answer):
            return item
        if item.deleted == deleted:
            return Answer(title=f"{item.id} is already {'deleted' if deleted else 'live'}.",
                          status="usage")
        changed = item.model_copy(update={"deleted": deleted})
        await self.base.save(changed, actor=actor, action=command)
        if not deleted:
            await self.tipline.changed(changed, added=False)
        if deleted:
            return Answer(title=f"Deleted {item.id}",
                          body=(f"/restore {item.id} brings it back.",))
        return Answer(title=f"Restored {item.id}")

    async def delete(self, actor: int, call: Call) -> Answer:
        """/delete <id>: hide an item, restorably."""
        return await self._set_deleted(actor, call.args.strip(), True)

    async def restore(self, actor: int, call: Call) -> Answer:
        """/restore <id>: bring a deleted item back."""
        return await self._set_deleted(actor, call.args.strip(), False)

    async def undo(self, actor: int, call: Call) -> Answer:
        """/undo: take back the actor's own last change."""
        log = await self.base.audit_log()
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
        await self.base.save(reverted, actor=actor, action="undo", undoes=last["key"])
        return Answer(title=f"Undid your {last['action']} of {last['item_id']}")

    async def history(self, actor: int, call: Call) -> Answer:
        """/history [id]: the latest changes, of one item or of all."""
        args = call.args.strip()
        item_id = args.split()[0].lower() if args else None
        log = [entry for entry in await self.base.audit_log()
               if item_id is None or entry.get("item_id") == item_id]
        if not log:
            return Answer(title="No changes recorded"
                          + (f" for “{echo(item_id)}”" if item_id else ""), status="empty")
        lines = [self._describe(entry) for entry in reversed(log[-10:])]
        title = f"History of {item_id}" if item_id else "Latest changes"
        return Answer(title=title, note="Newest first.", body=tuple(lines))

    @staticmethod
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

    # Bulk -----------------------------------------------------------------------------------

    async def export(self, actor: int, call: Call) -> bytes:
        """/export: the whole base as a JSON file."""
        return await self.export_json()

    async def export_json(self) -> bytes:
        """The whole base as a JSON document."""
        return json.dumps(await self.base.export(), ensure_ascii=False, indent=1).encode()

    async def import_file(self, actor: int, call: Call) -> Answer:
        """/import with a JSON file, as /export writes it."""
        data = await call.file() if call.file is not None else None
        if data is None:
            return Answer(title="Send /import with a JSON file attached, or in reply to one.",
                          status="usage")
        if isinstance(data, Answer):
            return data
        return await self.import_json(actor, data)

    async def import_json(self, actor: int, data: bytes) -> Answer:
        """Validate a JSON document fully, then apply it all at once, or not at all.

        Parsing and validating run in a worker thread, on a snapshot of what is known, so other
        chats are answered meanwhile; the document's size, nesting, numbers and number of
        objects are bounded before it is parsed (`bot.safejson`).
        """
        if len(data) > MAX_IMPORT_BYTES:
            return _refused(f"The file is too large: at most {MAX_IMPORT_BYTES // 2**20} MB.")
        known = _Known(dict(self.base.items), {p.id for p in self.base.people()},
                       set(self.base.sources))
        checked = await asyncio.to_thread(_read_import, data, known, actor)
        if isinstance(checked, str):
            return _refused(checked)
        before = {item.id: self.base.items.get(item.id) for item in checked}
        added, updated, unchanged = await self.base.import_items(checked, actor=actor)
        for item in checked:
            if before[item.id] != item:
                await self.tipline.changed(item, added=before[item.id] is None)
        return Answer(title="Imported",
                      body=(f"{added} added, {updated} updated, {unchanged} unchanged.",))

    async def reload(self, actor: int, call: Call) -> Answer:
        """/reload: re-read the curated files, keeping admin items."""
        try:
            curated = load_curated(self.facts_dir, self.seeds_dir)
        except CurationError as error:
            return _refused(f"Not reloaded: the curated files have {len(error.problems)}"
                            f" problem(s); the first: {error.problems[0]}")
        report = await self.base.reload(curated)
        return Answer(title="Reloaded the curated facts", body=(report.summary() + ".",))

    async def synonym(self, actor: int, call: Call) -> Answer:
        """/synonym <what readers type> | <words of the fact base>: teach search a meaning."""
        typed, _, meaning = (part.strip() for part in call.args.partition("|"))
        if not typed or not meaning:
            raise Misused("Give what readers type and the fact base's words, split by |.")
        entry_id = slug(typed, set(self.base.glossary.entries), "synonym")
        try:
            entry = GlossaryEntry(id=entry_id, means=(meaning,), phrases=(typed,))
        except ValidationError as error:
            raise Misused(f"Not added: {error.errors()[0]['msg'].removeprefix('Value error, ')}"
                          ".") from None
        if meaningless(Glossary([entry]), self.base.index.knows):
            raise Misused(f"Not added: no item holds “{echo(meaning)}”; name words the fact"
                          " base uses, e.g. /synonym truce | ceasefire.")
        known = self.base.glossary.meaning_of(typed)
        if known is not None:
            return _refused(f"Not added: “{echo(typed)}” already means"
                            f" “{', '.join(known.means)}” (glossary entry {known.id}).")
        await self.base.add_glossary_entry(entry)
        return Answer(title=f"Readers' “{echo(typed)}” now finds “{echo(meaning)}”",
                      body=(f"Glossary entry {entry.id}; try it: /search {echo(typed)}",))

    # Sources --------------------------------------------------------------------------------

    async def extract(self, actor: int, call: Call) -> Answer:
        """/extract <source id>: the quotes and dated events a source holds, to add."""
        if not call.args:
            raise Misused("Give the id of a source (/about lists them).")
        return self.sourcing.proposal(call.args.split()[0])

    async def accept(self, actor: int, call: Call) -> Answer:
        """/accept <source id> <numbers|all>: add extracted candidates with their evidence."""
        return await self.sourcing.accept(actor, call.args)

    # Readers' questions ---------------------------------------------------------------------

    async def inbox(self, actor: int, call: Call) -> Answer:
        """/inbox: readers' open questions."""
        return self.tipline.inbox.listing()

    async def pick(self, actor: int, call: Call) -> Answer:
        """/pick <question>: choose the item that answers a question."""
        if not call.args:
            raise Misused("Give the question's id, as /inbox shows it.")
        return self.tipline.inbox.picker(self.base, call.args.split()[0])

    async def answer(self, actor: int, call: Call) -> Answer:
        """/answer <question> <item id>: answer a question with an item."""
        parts = call.args.split()
        if len(parts) != 2:
            raise Misused("Give the question's id and the item's id.")
        item = self._find(parts[1])
        if isinstance(item, Answer):
            return item
        if item.deleted:
            return _refused(f"{item.id} is deleted: /restore it first, or choose another item.")
        return (await self.tipline.inbox.answer(parts[0], item=item, by=actor)).answer

    async def reply(self, actor: int, call: Call) -> Answer:
        """/reply <question> [words]: answer a question in words."""
        question, _, words = call.args.partition(" ")
        if not question or not words.strip():
            raise Misused("Give the question's id and your answer.")
        return (await self.tipline.inbox.answer(question, words=words, by=actor)).answer

    async def add_answer(self, actor: int, call: Call) -> Answer:
        """/addanswer <question> [fact]: answer a question by adding a fact."""
        question, _, fact = call.args.partition(" ")
        if not question or not fact.strip():
            raise Misused("Give the question's id and the fact that answers it.")
        found = self.tipline.inbox.find(question)
        if isinstance(found, Answer):
            return found
        return await self.add(actor, "addfact", [fact.strip()], answers=found["id"])

    async def dismiss(self, actor: int, call: Call) -> Answer:
        """/dismiss <question>: close a question, telling nobody."""
        if not call.args:
            raise Misused("Give the question's id.")
        return await self.tipline.inbox.dismiss(call.args.split()[0])

    async def quiet(self, actor: int, call: Call) -> Answer:
        """/quiet <id>: keep a new item out of the channel digest."""
        if not call.args:
            raise Misused("Give the id of the item.")
        item_id = call.args.split()[0].lower()
        if await self.tipline.outbox.withdraw(item_id):
            return Answer(title=f"{item_id} stays out of the channel")
        return Answer(title=f"No card for “{echo(item_id)}” is waiting for the channel",
                      status="not_found", body=("It was posted already, or never queued.",))

    # People and usage -----------------------------------------------------------------------

    async def lookups(self, actor: int, call: Call) -> Answer:
        """/stats: what users look up, and what they miss."""
        return self.stats.report()

    async def admins(self, actor: int, call: Call) -> Answer:
        """/admins: owners and editors."""
        owners = ", ".join(str(owner) for owner in sorted(self.owners)) or "none"
        editors = ", ".join(str(editor) for editor in self.editors()) or "none yet"
        return Answer(title="Who can change the fact base",
                      body=(f"Owners (FACTBOT_ADMIN_IDS): {owners}", f"Editors: {editors}"))

    @staticmethod
    def _user_id(args: str) -> int:
        text = args.split()[0] if args else ""
        if not (text.isascii() and text.isdigit()) or len(text) > 20:
            raise Misused("Give a Telegram user id (digits), or use the command in reply to"
                          " the person's message.")
        return int(text)

    async def grant(self, actor: int, call: Call) -> Answer:
        """/grant <user id>: make someone an editor."""
        user = self._user_id(call.args)
        if user in self.owners:
            return Answer(title=f"{user} is an owner already.", status="usage")
        await self.base.set_editor(user, actor=actor, granted=True)
        return Answer(title=f"{user} is now an editor",
                      body=("They can add and change facts; /revoke takes it back.",))

    async def revoke(self, actor: int, call: Call) -> Answer:
        """/revoke <user id>: take editing rights away."""
        user = self._user_id(call.args)
        if user not in self.base.store.editors():
            return Answer(title=f"{user} is not an editor.", status="usage")
        await self.base.set_editor(user, actor=actor, granted=False)
        return Answer(title=f"{user} is no longer an editor")

