"""Adding items: the add commands' forms, checked with the same models as the curated facts,
each item with its source and evidence (bot.sourcing); and the refusal lines every write
command shares. `add` is what /addquote and the others, their guided dialogues, /addanswer and
/accept end in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from bot.calls import Call, Misused
from bot.models import ITEM_MODELS, Item, Person, slug
from bot.names import same_person
from bot.results import Answer, Suggestion, echo
from bot.roles import Admin
from bot.sourcing import EDITORS_SOURCE, NEW_ROLE, split_options

QUIET = "--quiet"
"""An add command's flag that keeps the new item out of the channel digest."""


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


ANSWER_FORMS: dict[str, AddForm] = {
    "reply": AddForm("answer", (
        Field("question", "Which question? (its id, as /inbox shows it)"),
        Field("answer", "Your answer, in words: every reader who asked gets it."),
    ), "/reply q1 Not yet: the talks have not set a date"),
    "addanswer": AddForm("fact", (
        Field("question", "Which question? (its id, as /inbox shows it)"),
        Field("fact", "The fact that answers it: it is added to the fact base, then every"
                      " reader who asked gets it."),
    ), "/addanswer q1 The talks resume on Monday"),
}
"""The answers to a reader's question that a guided dialogue can take, the question given."""
DIALOGUE_FORMS: dict[str, AddForm] = {**ADD_FORMS, **ANSWER_FORMS}
"""Every form a guided dialogue can fill."""

def refused(line: str, usage: str | None = None) -> Answer:
    return Answer(title=line, status="usage", body=(f"Usage: {usage}",) if usage else ())


def today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def first_problem(error: ValidationError, names: dict[str, str]) -> str:
    problem = error.errors()[0]
    location = [str(part) for part in problem["loc"]]
    field = names.get(location[0], location[0]) if location else ""
    message = problem["msg"].removeprefix("Value error, ")
    if message.startswith(("date:", "end:", "evidence:")) or not field:
        return message
    return f"{field}: {message}"


async def add_from(admin: Admin, actor: int, call: Call) -> Answer:
    """`/addquote speaker | quote | context` and the like: the fields `|`-separated, or as a
    guided dialogue collected them; /addsource may come with the article's file."""
    file = await call.file() if call.file is not None else None
    if isinstance(file, Answer):
        return file
    if call.values is not None:
        return await add(admin, actor, call.key, list(call.values), file)
    args = call.args
    words = args.split()
    quiet = QUIET in words
    if quiet:
        args = " ".join(word for word in words if word != QUIET)
    return await add(admin, actor, call.key, [part.strip() for part in args.split("|")]
                          if args.strip() else [], file, quiet=quiet)


async def add(admin: Admin, actor: int, command: str, values: list[str],
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
        return refused(f"Too many fields: /{command} takes at most {len(form.fields)},"
                        " separated by |.", usage)
    given = dict(zip((f.name for f in form.fields), values, strict=False))
    for spec in form.fields:
        if spec.required and not given.get(spec.name, "").strip():
            return refused(f"{spec.name}: missing; {spec.prompt[0].lower()}"
                            f"{spec.prompt[1:]}", usage)
    fields = {name: value for name, value in given.items() if value.strip()}
    if form.kind == "source":
        source = await admin.sourcing.add_source(
            actor, slug(fields["title"], set(admin.base.sources), "source"), fields, file)
        return source if isinstance(source, Answer) else admin.sourcing.added(source)
    again = (f"/addanswer {answers} " if answers is not None else
             f"/{command} {QUIET} " if quiet else f"/{command} ") + " | ".join(values)
    new_person: Person | None = None
    if form.kind in ("quote", "statement"):
        speaker = _speaker(admin, fields, values, command)
        if isinstance(speaker, Answer):
            return speaker
        fields["speaker"] = speaker.id
        if speaker.id not in admin.base.items:
            new_person = speaker
    item = _build(admin, form.kind, fields, actor)
    if isinstance(item, str):
        return refused(item, usage)
    attached = await admin.sourcing.attach(actor, item, options, again)
    if isinstance(attached, Answer):
        return attached
    if new_person is not None:
        person = await admin.sourcing.attach(
            actor, new_person, replace(options, source=attached.source, evidence=[],
                                       unverified=attached.source not in admin.base.texts),
            again)
        await store_new(admin, actor, person if isinstance(person, Item) else new_person,
                              quiet=True)
    return await store_new(admin, actor, attached, quiet=quiet, answers=answers)


def _speaker(admin: Admin, fields: dict[str, str], values: list[str],
             command: str) -> Person | Answer:
    """The person a speaker's name surely means (their name or an alias, or a full name
    whose given name and surname agree); else the choice, a new person first."""
    name = fields["speaker"]
    rest = " | ".join(values[1:])
    if name.startswith("="):
        person = admin.base.person(name[1:].strip())
        if person is None or person.deleted:
            return refused(f"speaker: no person with the id “{echo(name[1:])}”.")
        return person
    if not name.startswith("+"):
        sure = [person for person in admin.base.people() if same_person(name, person)]
        if len(sure) == 1:
            return sure[0]
        match = admin.base.index.resolve_people(name)
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
        return Person(id=slug(new_name, set(admin.base.items), "person"),
                      source=EDITORS_SOURCE.id, origin="admin", name=new_name,
                      role=NEW_ROLE, added_at=today())
    except ValidationError as error:
        return refused(first_problem(error, {"name": "speaker"}))


def _build(admin: Admin, kind: str, fields: dict[str, str], actor: int) -> Item | str:
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
    data.update(id=slug(headline, set(admin.base.items), kind), source=EDITORS_SOURCE.id,
                origin="admin", added_by=actor, added_at=today())
    try:
        return ITEM_MODELS[kind].model_validate(data)
    except ValidationError as error:
        reverse = {model: form for form, model in names.items()}
        return first_problem(error, reverse)


async def store_new(admin: Admin, actor: int, item: Item, *, quiet: bool = False,
                     answers: str | None = None) -> Answer:
    if item.source == EDITORS_SOURCE.id and EDITORS_SOURCE.id not in admin.base.sources:
        await admin.base.save_source(EDITORS_SOURCE, actor=actor)
    await admin.base.save(item, actor=actor, action="add")
    told = await admin.tipline.changed(item, added=True, quiet=quiet)
    body = [echo(item.headline),
            f"Change it with /edit {item.id} <field> <value>; /undo takes it back."]
    suggestions = [Suggestion("Show it", f"/source {item.id}")]
    if told:
        body.append(f"{told} following readers will hear of it.")
    if admin.tipline.channel is not None:
        if quiet:
            body.append("Kept out of the channel.")
        else:
            body.append("It goes to the channel in the next digest.")
            suggestions.append(Suggestion("🔕 Not in the channel", f"/quiet {item.id}"))
    if answers is not None:
        outcome = await admin.tipline.inbox.answer(answers, item=item, by=actor)
        body.append(outcome.answer.title + ".")
    return Answer(title=f"Added {item.LABEL} {item.id}", body=tuple(body),
                  suggestions=tuple(suggestions))


async def extract(admin: Admin, actor: int, call: Call) -> Answer:
    """/extract <source id>: the quotes and dated events a source holds, to add."""
    if not call.args:
        raise Misused("Give the id of a source (/about lists them).")
    return admin.sourcing.proposal(call.args.split()[0])


async def accept(admin: Admin, actor: int, call: Call) -> Answer:
    """/accept <source id> <numbers|all>: add extracted candidates with their evidence."""
    return await admin.sourcing.accept(actor, call.args)
