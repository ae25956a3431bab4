"""The editor's side of sources, free of Telegram: adding an article with its text, the evidence
every added item carries, and a new article's candidates turned into items.

- `add_source` stores a source with its article's text (from a `.txt`, `.md` or `.html` file)
  and its SHA-256; it becomes the source the editor's next items cite by default.
- `attach` gives an item built from an add form its source and its evidence: a quote is
  found in the source's text, its sentence attached, or refused with the closest passage (a
  person gets the sentence naming them, if there is one); a paraphrase gets the source's
  closest sentences to choose from (one button each, running the command again with
  `| evidence=N`). `| source=ID` names another source; `| unverified` adds an item without
  evidence, which answers then label.
- `candidates` and `accept` are `/extract` and `/accept`: what `bot.extract` proposes, each
  added in one step with its evidence, and never twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from bot.documents import DocumentError, digest, read_document
from bot.evidence import closest, closest_passage, evidence_at, locate, sentences
from bot.extract import Candidate, extract, mark_present
from bot.factbase import FactBase
from bot.models import Event, Item, Person, Quote, Source, slug
from bot.names import same_person
from bot.results import Answer, Suggestion, echo, format_date

EDITORS_SOURCE = Source(
    id="editors", title="Added by the bot's editors", outlet="factbot editors", origin="admin",
    note="Items added by the bot's editors without a source text: unverified.",
)
"""The source that unverified items cite when no other source is named."""
NEW_ROLE = "Not yet described: /edit its role"
UNVERIFIED = "unverified"
MAX_CHOICES = 5
"""Sentences offered as evidence for a paraphrase."""
MAX_ADD_BUTTONS = 7
"""Candidates offered with an "Add" button (the rest by number, or all at once)."""
_OPTION = re.compile(r"^(source|evidence)\s*=\s*(.+)$", re.I)


@dataclass
class Options:
    """What an add command says about its evidence, besides its form's fields."""

    source: str | None = None
    evidence: list[int] = field(default_factory=list)
    unverified: bool = False
    problem: str | None = None


def split_options(values: list[str]) -> tuple[list[str], Options]:
    """A form's values without the trailing `source=ID`, `evidence=N[,M]` and `unverified`
    (also when a dialogue's last answer ends with them: `The talks resume | unverified`)."""
    options = Options()
    kept = list(values)
    if kept and "|" in kept[-1]:
        *head, last = kept
        parts = [part.strip() for part in last.split("|")]
        tail: list[str] = []
        while len(parts) > 1 and (parts[-1].lower() == UNVERIFIED or _OPTION.match(parts[-1])):
            tail.insert(0, parts.pop())
        kept = [*head, " | ".join(parts), *tail]
    while kept:
        last = kept[-1].strip()
        found = _OPTION.match(last)
        if last.lower() == UNVERIFIED:
            options.unverified = True
        elif found is not None and found.group(1).lower() == "source":
            options.source = found.group(2).strip().lower()
        elif found is not None:
            numbers = [part.strip() for part in found.group(2).split(",")]
            if not all(part.isascii() and part.isdigit() and len(part) < 6 for part in numbers):
                options.problem = "evidence: give sentence numbers, such as evidence=3 or 3,4."
            else:
                options.evidence = [int(part) for part in numbers]
        else:
            break
        kept.pop()
    return kept, options


def _refused(line: str) -> Answer:
    return Answer(title=line, status="usage")


def _today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


class Sourcing:
    """Sources, evidence and extraction for the admin commands of one fact base."""

    def __init__(self, base: FactBase,
                 on_added: Callable[[Item], Awaitable[None]] | None = None) -> None:
        """`on_added` is told of each item added from a source's candidates."""
        self.base = base
        self._on_added = on_added

    # Sources --------------------------------------------------------------------------------

    async def add_source(self, actor: int, source_id: str, fields: dict[str, str],
                         document: bytes | None) -> Source | Answer:
        """Store a new source from its form's fields and, if given, its article's file."""
        text = None
        if document is not None:
            try:
                text = read_document(document)
            except DocumentError as error:
                return _refused(f"The article cannot be read: {error}.")
        outlet = fields["outlet"]
        url = fields.get("url") or (outlet if re.match(r"^https?://", outlet) else None)
        if re.match(r"^https?://", outlet):
            outlet = re.sub(r"^https?://(www\.)?", "", outlet).split("/")[0]
        data: dict[str, Any] = {
            "id": source_id, "title": fields["title"], "origin": "admin", "outlet": outlet,
            "url": url, "published": fields.get("published"),
            "sha256": digest(text) if text is not None else None,
        }
        try:
            source = Source.model_validate(data)
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem["loc"])
            return _refused(f"{where}: {problem['msg'].removeprefix('Value error, ')}")
        await self.base.save_source(source, actor=actor, text=text)
        return source

    def added(self, source: Source) -> Answer:
        """What an editor is told once a source is stored."""
        text = self.base.texts.get(source.id)
        published = f", {format_date(source.published)}" if source.published else ""
        if text is None:
            return Answer(title=f"Added source {source.id}", body=(
                f"“{echo(source.title)}” — {source.label}{published}.",
                "No article text was attached, so items citing it can only be added as"
                " unverified. Send the article as a file with /addsource to check evidence."))
        return Answer(
            title=f"Added source {source.id}",
            body=(f"“{echo(source.title)}” — {source.label}{published}.",
                  f"Its text: {len(text):,} characters in {len(sentences(text))} sentences,"
                  f" SHA-256 {digest(text)[:16]}.",
                  "Your next items cite it, with their evidence found in its text."),
            suggestions=(Suggestion("Extract quotes and events", f"/extract {source.id}"),))

    async def default_source(self, actor: int) -> Source | None:
        """The source an editor's items cite unless they name another: the latest one they
        added, else the newest source with a text."""
        log = await self.base.audit_log()
        mine = [entry["item_id"] for entry in log if entry.get("kind") == "source"
                and entry.get("actor") == actor and entry.get("item_id") in self.base.sources]
        if mine:
            return self.base.sources[mine[-1]]
        with_text = [source for source in self.base.sources.values()
                     if source.id in self.base.texts]
        if not with_text:
            return None
        return max(with_text, key=lambda source: source.published or "")

    # Evidence -------------------------------------------------------------------------------

    async def attach(self, actor: int, item: Item, options: Options,
                     again: str) -> Item | Answer:
        """`item` citing its source with its evidence, or what the editor must say or choose.

        `again` is the command that made it, for the buttons that choose its evidence."""
        if options.problem:
            return _refused(options.problem)
        source = (self.base.sources.get(options.source) if options.source
                  else await self.default_source(actor))
        if options.source and source is None:
            return _refused(f"source: no source with the id “{echo(options.source)}”.")
        if options.unverified:
            return self._rebuilt(item, (source or EDITORS_SOURCE).id, ())
        text = self.base.texts.get(source.id) if source is not None else None
        if source is None or text is None:
            return Answer(
                title="No article text to check this against", status="usage",
                body=("Add the article with /addsource and its file (.txt, .md or .html),"
                      " or add this as unverified: answers will say so.",),
                suggestions=(Suggestion("Add it as unverified", f"{again} | {UNVERIFIED}"),))
        if options.evidence:
            chosen = evidence_at(text, options.evidence)
            if chosen is None:
                return _refused(f"evidence: “{source.title}” has sentences 1 to"
                                f" {len(sentences(text))}; choose from those.")
            return self._rebuilt(item, source.id, chosen)
        if isinstance(item, Person):
            found = locate(text, item.name)
            return self._rebuilt(item, source.id, (found.evidence,) if found else ())
        if isinstance(item, Quote):
            return self._located(item, source, text)
        return self._choices(item, source, text, again)

    def recheck(self, item: Item, field: str) -> Item | Answer:
        """An edited item that still rests on its source's text: a quote's new words are found
        there (its evidence follows them), and evidence stays verbatim in a new source."""
        source = self.base.sources.get(item.source)
        text = self.base.texts.get(item.source)
        if source is None or text is None:
            return item
        if isinstance(item, Quote) and field == "text":
            return self._located(item, source, text)
        missing = [sentence for sentence in item.evidence if sentence not in text]
        if field == "source" and missing:
            return _refused(f"source: its evidence is not in “{echo(source.title)}”: add the"
                            f" item again with | source={source.id} instead.")
        return item

    def _rebuilt(self, item: Item, source_id: str, evidence: tuple[str, ...],
                 **changes: object) -> Item | Answer:
        try:
            return type(item).model_validate({**item.model_dump(), "source": source_id,
                                              "evidence": evidence, **changes})
        except ValidationError as error:
            problem = error.errors()[0]
            return _refused(problem["msg"].removeprefix("Value error, "))

    def _located(self, item: Quote, source: Source, text: str) -> Item | Answer:
        found = locate(text, item.text)
        if found is None:
            near = closest_passage(text, item.text)
            return Answer(
                title=f"Not in the article: this quote is not in “{echo(source.title)}”",
                status="refused",
                body=(f"Closest: “{near}”",) if near else (),
                note="Nothing was added. Quote the article word for word, or name another"
                     " source with | source=ID.")
        return self._rebuilt(item, source.id, (found.evidence,), text=found.quote)

    def _choices(self, item: Item, source: Source, text: str, again: str) -> Answer:
        spans = sentences(text)
        numbers = {span: number for number, span in enumerate(spans, 1)}
        best = closest(text, item.headline, limit=MAX_CHOICES)
        lines = tuple(f"{numbers[span]}. {_short(span.of(text), 200)}" for span in best)
        return Answer(
            title=f"Which sentence of “{echo(source.title)}” is the evidence?", status="ambiguous",
            note="Choose the sentence it rests on; nothing is added until you do.",
            body=lines,
            suggestions=(*(Suggestion(f"{numbers[span]}. {_short(span.of(text), 40)}",
                                      f"{again} | source={source.id} | evidence={numbers[span]}")
                           for span in best),
                         Suggestion("None of these: add as unverified", f"{again} | {UNVERIFIED}")))

    # Extraction -----------------------------------------------------------------------------

    def candidates(self, source_id: str) -> list[Candidate] | Answer:
        """Every candidate of a source's text, marked when already in the base."""
        source = self.base.sources.get(source_id.strip().lower())
        if source is None:
            return _refused(f"No source with the id “{echo(source_id)}”: /about lists them.")
        text = self.base.texts.get(source.id)
        if text is None:
            return _refused(f"Source {source.id} has no text to extract from.")
        found = extract(text, source.published, self.base.people())
        return mark_present(found, self.base.quotes(), self.base.events())

    def proposal(self, source_id: str) -> Answer:
        """/extract: what the source holds, numbered, each with an "Add" button."""
        found = self.candidates(source_id)
        if isinstance(found, Answer):
            return found
        source_id = source_id.strip().lower()
        new = [c for c in found if c.present is None]
        lines = [self._describe(c) for c in new]
        present = [str(c.number) for c in found if c.present is not None]
        if present:
            lines.append(f"Already in the base: {', '.join(present)}.")
        if not new:
            return Answer(title=f"Nothing new in {source_id}", status="empty", body=tuple(lines))
        adds = [Suggestion(f"Add {c.number}: {_short(c.text, 30)}",
                           f"/accept {source_id} {c.number}") for c in new[:MAX_ADD_BUTTONS]]
        return Answer(
            title=f"{len(new)} candidate(s) from {source_id}",
            note=f"/accept {source_id} <numbers> adds some; /accept {source_id} all adds them"
                 " all, each with its evidence.",
            body=tuple(lines),
            suggestions=(*adds, Suggestion(f"Add all {len(new)}", f"/accept {source_id} all")))

    def _describe(self, candidate: Candidate) -> str:
        if candidate.kind == "quote":
            speaker = candidate.speaker
            who = ("speaker unknown" if speaker is None else speaker.person.name
                   if speaker.person is not None else f"{speaker.name} (new person)")
            how = f" [{speaker.how}]" if speaker is not None and speaker.how else ""
            return f"{candidate.number}. Quote · {who}{how}: “{_short(candidate.text, 120)}”"
        when = " – ".join(format_date(part) for part in (candidate.date, candidate.end) if part)
        phrase = f" (“{candidate.date_phrase}”)" if candidate.date_phrase else ""
        return f"{candidate.number}. Event · {when}{phrase}: {_short(candidate.text, 120)}"

    async def accept(self, actor: int, args: str) -> Answer:
        """/accept: add candidates by number (or all), each with its evidence, in order."""
        parts = args.replace(",", " ").split()
        if len(parts) < 2:
            return _refused("Give the source's id and the candidates' numbers (or all):"
                            " /accept <source id> <numbers|all>.")
        found = self.candidates(parts[0])
        if isinstance(found, Answer):
            return found
        source_id = parts[0].lower()
        if parts[1].lower() == "all":
            chosen = [c for c in found if c.present is None]
        else:
            by_number = {str(c.number): c for c in found}
            missing = [part for part in parts[1:] if part not in by_number]
            if missing:
                return _refused(f"No candidate {', '.join(missing[:3])} in {source_id}:"
                                f" /extract {source_id} lists them.")
            chosen = [by_number[part] for part in dict.fromkeys(parts[1:])]
        lines: list[str] = []
        for candidate in chosen:
            lines.append(await self._accept_one(actor, source_id, candidate))
        return Answer(title=f"Accepted from {source_id}", body=tuple(lines) or (
            "Nothing new to add.",))

    async def _accept_one(self, actor: int, source_id: str, candidate: Candidate) -> str:
        if candidate.present is not None:
            return f"{candidate.number}: already in the base as {candidate.present}."
        if candidate.kind == "event":
            item = self._candidate_item(Event, candidate.text, source_id, candidate, actor,
                                        date=candidate.date, end=candidate.end,
                                        date_phrase=candidate.date_phrase,
                                        date_note=candidate.date_note)
        else:
            speaker = candidate.speaker
            if speaker is None:
                return (f"{candidate.number}: who said it is not clear; add it with /addquote"
                        f" <speaker> | {_short(candidate.text, 40)} | source={source_id}.")
            person = speaker.person or next(
                (known for known in self.base.people() if same_person(speaker.name, known)),
                None) or await self._new_person(actor, source_id, speaker.name, speaker.role)
            if isinstance(person, str):
                return f"{candidate.number}: {person}"
            item = self._candidate_item(Quote, f"{person.id} {candidate.text}", source_id,
                                        candidate, actor, speaker=person.id,
                                        text=candidate.text, role=speaker.role,
                                        date=candidate.date, date_phrase=candidate.date_phrase)
        if isinstance(item, str):
            return f"{candidate.number}: not added: {item}"
        await self._save(actor, item)
        return f"{candidate.number}: added {item.KIND} {item.id}."

    async def _save(self, actor: int, item: Item) -> None:
        await self.base.save(item, actor=actor, action="add")
        if self._on_added is not None:
            await self._on_added(item)

    def _candidate_item(self, model: type[Item], headline: str, source_id: str,
                        candidate: Candidate, actor: int, **data: object) -> Item | str:
        if model is Event:
            data["text"] = candidate.text
        try:
            return model.model_validate({
                **{key: value for key, value in data.items() if value is not None},
                "id": slug(headline, set(self.base.items), model.KIND), "source": source_id,
                "evidence": (candidate.evidence,), "origin": "admin", "added_by": actor,
                "added_at": _today()})
        except ValidationError as error:
            return str(error.errors()[0]["msg"]).removeprefix("Value error, ")

    async def _new_person(self, actor: int, source_id: str, name: str,
                          role: str | None) -> Person | str:
        """A person the article names, added with the sentence that names them (and their
        surname as an alias, so that it alone finds them)."""
        text = self.base.texts.get(source_id, "")
        found = locate(text, name)
        try:
            person = Person(id=slug(name, set(self.base.items), "person"), source=source_id,
                            origin="admin", name=name, role=(role or NEW_ROLE)[:300],
                            aliases=(name.split()[-1],) if " " in name else (),
                            entity="person" if " " in name else "organisation",
                            evidence=(found.evidence,) if found else (), added_by=actor,
                            added_at=_today())
        except ValidationError as error:
            return str(error.errors()[0]["msg"]).removeprefix("Value error, ")
        await self._save(actor, person)
        return person
