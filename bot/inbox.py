"""Questions readers send to the editors, and the editors' answers.

A question is stored as the reader typed it, with who asked it (their user id, language and
when): the editors see the text and how many readers asked, never who. Questions are merged by
the search's own normalisation (`bot.text.tokenize`: case, accents, word forms and stopwords
folded), so "What did Zelensky say about elections?" and "what has zelensky said about the
election" are one question asked twice. A reader has at most `MAX_OPEN_PER_READER` open
questions, and asking one of them again changes nothing.

Answering a question (with an item of the fact base, or in the editor's words) queues one
private message for every reader who asked it (`bot.outbox`) and deletes the question in the
same durable write; dismissing deletes it and tells nobody.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from bot.factbase import FactBase
from bot.i18n import Language, _, ngettext, speaking
from bot.models import Item
from bot.outbox import ANSWER, Outbox
from bot.records import Changes, Record, Records
from bot.results import Answer, Suggestion, echo
from bot.store import QUESTIONS_TABLE
from bot.text import normalize, tokenize, words

MAX_OPEN_PER_READER = 3
MAX_QUESTION_CHARS = 1000
SAME_QUESTION = 0.75
"""Share of their meaningful words two questions must have in common to be merged."""
INBOX_SHOWN = 5
PICKER_SIZE = 6


def question_terms(text: str) -> list[str]:
    """The words a question is compared by: its search terms, or (a question of stopwords
    only) its normalised words."""
    return sorted(set(tokenize(text)) or set(words(text)) or {normalize(text).strip()})


def similarity(one: list[str], other: list[str]) -> float:
    """How alike two questions' terms are (Jaccard: shared over all)."""
    first, second = set(one), set(other)
    return len(first & second) / len(first | second) if first | second else 0.0


def _ago(seconds: float) -> str:
    if seconds < 3600:
        return f"{max(1, int(seconds // 60))} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    return f"{int(seconds // 86400)} d ago"


@dataclass(frozen=True)
class Outcome:
    """What an editor's action did: the answer to show them."""

    answer: Answer
    told: int = 0


class Inbox:
    """Open questions, by id (`q1`, `q2`, ...)."""

    def __init__(self, records: Records, outbox: Outbox) -> None:
        self._records = records
        self._outbox = outbox

    @property
    def _rows(self) -> dict[str, Record]:
        return self._records.rows(QUESTIONS_TABLE)

    def open_questions(self) -> list[Record]:
        """Every open question, newest first (by when it was last asked)."""
        return sorted(self._rows.values(), key=lambda row: (-row["last_at"], row["id"]))

    def asked_by(self, user: int) -> list[Record]:
        """The open questions `user` asked."""
        return [row for row in self._rows.values() if str(user) in row["askers"]]

    def _closest(self, terms: list[str]) -> Record | None:
        scored = [(similarity(terms, row["terms"]), row) for row in self._rows.values()]
        best = max(scored, key=lambda pair: pair[0], default=None)
        return best[1] if best is not None and best[0] >= SAME_QUESTION else None

    async def ask(self, user: int, text: str, lang: Language, now: float | None = None) -> Answer:
        """Send `text` to the editors from `user`; the reply, in `lang`."""
        moment = time.time() if now is None else now
        text = text.strip()
        with speaking(lang):
            if not text:
                return Answer(title=_("/ask needs a question"), status="usage",
                              body=(_("Example: /ask Has Russia answered the ceasefire"
                                      " proposal?"),))
            if len(text) > MAX_QUESTION_CHARS:
                return Answer(title=_("That question is too long: at most {n} characters.",
                                      n=MAX_QUESTION_CHARS), status="usage")
            async with self._records.lock:
                terms = question_terms(text)
                same = self._closest(terms)
                if same is not None and str(user) in same["askers"]:
                    return Answer(title=_("You have already asked this"),
                                  body=(_("I will write to you here when the editors"
                                          " answer."),))
                mine = len(self.asked_by(user))
                if mine >= MAX_OPEN_PER_READER:
                    return Answer(
                        title=ngettext("You already have {n} question waiting for the editors",
                                       "You already have {n} questions waiting for the editors",
                                       mine),
                        status="refused",
                        body=(_("Ask again once they have answered one."),))
                asker = {"lang": lang, "at": moment}
                if same is None:
                    record: Record = {"text": text, "terms": terms, "asked_at": moment,
                                      "last_at": moment, "askers": {str(user): asker}}
                    question_id = self._records.new_id(QUESTIONS_TABLE, "q")
                else:
                    question_id = same["id"]
                    record = {**same, "last_at": moment,
                              "askers": {**same["askers"], str(user): asker}}
                await self._records.write({QUESTIONS_TABLE: {question_id: record}})
            return Answer(title=_("Sent to the editors"),
                          body=(_("I will write to you here when they answer."),))

    def stage_forget(self, changes: Changes, user: int) -> int:
        """Remove `user` from every question in a change being written (a question nobody
        else asked goes); returns how many questions they had asked."""
        staged = changes.setdefault(QUESTIONS_TABLE, {})
        asked = self.asked_by(user)
        for row in asked:
            askers = {key: value for key, value in row["askers"].items() if key != str(user)}
            staged[row["id"]] = {**row, "askers": askers} if askers else None
        return len(asked)

    # The editors' side (in English, like every admin command) -------------------------------

    def listing(self, now: float | None = None) -> Answer:
        """The newest open questions, each with its buttons."""
        moment = time.time() if now is None else now
        questions = self.open_questions()
        if not questions:
            return Answer(title="No open questions from readers", status="empty")
        shown = questions[:INBOX_SHOWN]
        lines: list[str] = []
        suggestions: list[Suggestion] = []
        for row in shown:
            count = len(row["askers"])
            readers = "1 reader" if count == 1 else f"{count} readers"
            lines.append(f"{row['id']} · {readers} · {_ago(moment - row['last_at'])}\n"
                         f"“{echo(row['text'])}”")
            suggestions += [Suggestion(f"🔎 {row['id']}", f"/pick {row['id']}"),
                            Suggestion(f"➕ {row['id']}", f"/addanswer {row['id']}"),
                            Suggestion(f"✍️ {row['id']}", f"/reply {row['id']}"),
                            Suggestion(f"✖ {row['id']}", f"/dismiss {row['id']}")]
        more = len(questions) - len(shown)
        note = ("Newest first. 🔎 answer with an item, ➕ by adding a fact, ✍️ in words,"
                " ✖ dismiss (nobody is told).")
        if more:
            note += f" {more} older not shown: answer or dismiss these first."
        return Answer(title=f"Questions from readers: {len(questions)} open", note=note,
                      body=tuple(lines), suggestions=tuple(suggestions))

    def find(self, question_id: str) -> Record | Answer:
        """The open question `question_id`, or the line saying there is none."""
        row = self._rows.get(question_id.strip().lower())
        if row is None:
            return Answer(title=f"No open question “{echo(question_id)}”", status="not_found",
                          body=("/inbox lists the open questions.",))
        return row

    def picker(self, base: FactBase, question_id: str) -> Answer:
        """Items that may answer a question, each a button that answers it with that item."""
        row = self.find(question_id)
        if isinstance(row, Answer):
            return row
        found = base.index.search(row["text"], limit=PICKER_SIZE)
        hits = (found.hits or found.near)[:PICKER_SIZE]
        lines = [f"{number}. {echo(hit.item.headline)} — {hit.item.id}"
                 for number, hit in enumerate(hits, 1)]
        return Answer(
            title=f"Answer {row['id']} with an item",
            note=f"“{echo(row['text'])}”",
            body=(*lines, f"Or any item: /answer {row['id']} <item id>"),
            suggestions=tuple(Suggestion(f"✅ {number}. {hit.item.id}",
                                         f"/answer {row['id']} {hit.item.id}")
                              for number, hit in enumerate(hits, 1)),
        )

    async def answer(self, question_id: str, *, item: Item | None = None, words: str = "",
                     by: int, now: float | None = None) -> Outcome:
        """Answer a question with an item, or in words: each asker is sent the answer once."""
        moment = time.time() if now is None else now
        async with self._records.lock:
            row = self.find(question_id)
            if isinstance(row, Answer):
                return Outcome(row)
            about = {"item": item.id} if item is not None else {"words": words.strip()}
            changes: Changes = {QUESTIONS_TABLE: {row["id"]: None}}
            told = self._outbox.stage(changes, (
                {"chat": int(user), "kind": ANSWER, "lang": asker["lang"], "due": moment,
                 "question": row["text"], "by": by, "at": moment, **about}
                for user, asker in row["askers"].items()))
            await self._records.write(changes)
        how = f"with {item.id}" if item is not None else "in words"
        readers = "1 reader" if told == 1 else f"{told} readers"
        return Outcome(Answer(title=f"Answered {row['id']} {how}",
                              body=(f"“{echo(row['text'])}”",
                                    f"{readers} will get the answer in a private message.")),
                       told)

    async def dismiss(self, question_id: str) -> Answer:
        """Close a question without telling anyone."""
        async with self._records.lock:
            row = self.find(question_id)
            if isinstance(row, Answer):
                return row
            await self._records.write({QUESTIONS_TABLE: {row["id"]: None}})
        return Answer(title=f"Dismissed {row['id']}", body=("Nobody is told.",))
