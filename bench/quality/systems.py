"""The systems under test: factbot through `answer()`, and four standard search libraries
indexing the same items (each item's every field as one text, see `documents.py`).

Each system takes what a user typed and replies with item ids, best first, and whether it
answered at all. The baselines search a command's arguments (`/timeline invasion` searches
"invasion"; a bare `/demands` searches "demands"), and answer whenever they find anything.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import bm25s
import Stemmer
import tantivy
from bm25s.stopwords import STOPWORDS_EN
from rapidfuzz import fuzz, process, utils

from bench.quality.documents import item_text
from bot.commands import answer
from bot.factbase import FactBase

ROOT = Path(__file__).resolve().parents[2]
DEPTH = 50
"""How many ranked ids a reply keeps (factbot lists at most 50 entries too)."""
FUZZ_CUTOFF = 60
"""rapidfuzz: the least token_set_ratio score (0-100) that counts as a hit (chosen on the
tuned split: 70 answers no unanswerable question but finds a fifth fewer)."""
LONG_WORD = 8
"""tantivy: words this long or longer match at edit distance 2, shorter ones at 1."""

Document = tuple[str, str]
"""An item's id and its searchable text."""


@dataclass(frozen=True)
class Reply:
    """What a system returned for one question."""

    ids: tuple[str, ...]
    answered: bool


class System(Protocol):
    """Anything that can be asked a question."""

    name: str

    def ask(self, text: str) -> Reply:
        """The ranked item ids for what a user typed."""
        ...


_COMMAND = re.compile(r"^/(\w+)(?:@\w+)?(.*)$", re.DOTALL)
_WORD = re.compile(r"\w+")


def search_text(text: str) -> str:
    """What a baseline searches: a command's arguments, or the command word when it has none;
    any other text as it is."""
    match = _COMMAND.match(text.strip())
    if match is None:
        return text
    return match.group(2).strip() or match.group(1)


def query_words(text: str) -> list[str]:
    """The lowercased words of `search_text(text)` but English stopwords (all of them when
    nothing else is left)."""
    words = _WORD.findall(search_text(text).lower())
    return [word for word in words if word not in STOPWORDS_EN] or words


def _hits(ids: Sequence[str]) -> Reply:
    return Reply(tuple(ids[:DEPTH]), bool(ids))


class Factbot:
    """The bot itself: its answer's entries, in order."""

    name = "factbot"

    def __init__(self, base: FactBase, documents: Sequence[Document]) -> None:
        self.base = base

    def ask(self, text: str) -> Reply:
        reply = answer(self.base, text)
        ids = tuple(entry.item_id for entry in reply.entries)[:DEPTH]
        return Reply(ids, reply.status not in ("not_found", "usage") and bool(ids))


class BM25:
    """`bm25s` as its README sets it up: English stopwords and the Snowball stemmer."""

    name = "bm25s"

    def __init__(self, base: FactBase, documents: Sequence[Document]) -> None:
        self.ids = [item_id for item_id, _ in documents]
        self.stem = Stemmer.Stemmer("english").stemWords
        self.retriever = bm25s.BM25()
        self.retriever.index(self._tokens([text for _, text in documents], ids=True),
                             show_progress=False)

    def _tokens(self, texts: list[str], *, ids: bool) -> object:
        return bm25s.tokenize(texts, stopwords="en", stemmer=self.stem, return_ids=ids,
                              show_progress=False)

    def ask(self, text: str) -> Reply:
        found, scores = self.retriever.retrieve(
            self._tokens([search_text(text)], ids=False), k=min(DEPTH, len(self.ids)),
            show_progress=False)
        return _hits([self.ids[index] for index, score in zip(found[0], scores[0], strict=True)
                      if score > 0])


class Tantivy:
    """tantivy, in memory: English stemming; each query word (stemmed) as an exact term,
    scored by BM25, or a fuzzy term (edit distance 1, 2 for long words); all words OR-ed."""

    name = "tantivy"

    def __init__(self, base: FactBase, documents: Sequence[Document]) -> None:
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("body", tokenizer_name="en_stem")
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema)
        writer = self.index.writer(heap_size=15_000_000, num_threads=1)
        for item_id, text in documents:
            writer.add_document(tantivy.Document(id=item_id, body=text))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.stem = Stemmer.Stemmer("english").stemWord

    def _word(self, word: str) -> tantivy.Query:
        stem = self.stem(word)
        distance = 2 if len(word) >= LONG_WORD else 1
        return tantivy.Query.boolean_query([
            (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "body", stem)),
            (tantivy.Occur.Should,
             tantivy.Query.fuzzy_term_query(self.schema, "body", stem, distance=distance)),
        ])

    def ask(self, text: str) -> Reply:
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, self._word(word)) for word in query_words(text)])
        hits = self.searcher.search(query, limit=DEPTH).hits
        return _hits([str(self.searcher.doc(address)["id"][0]) for _, address in hits])


class FTS5:
    """SQLite FTS5 in memory: the porter tokenizer, query words OR-ed, ranked by bm25()."""

    name = "fts5"

    def __init__(self, base: FactBase, documents: Sequence[Document]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE items USING"
                        " fts5(id UNINDEXED, body, tokenize='porter unicode61')")
        self.db.executemany("INSERT INTO items VALUES (?, ?)", documents)

    def ask(self, text: str) -> Reply:
        words = query_words(text)
        if not words:
            return _hits([])
        match = " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
        rows = self.db.execute("SELECT id FROM items WHERE items MATCH ?"
                               " ORDER BY bm25(items) LIMIT ?", (match, DEPTH))
        return _hits([row[0] for row in rows])


class LinearFuzz:
    """rapidfuzz over every item's text: token_set_ratio (as in `bench/baselines.py`), hits
    from `FUZZ_CUTOFF` up, best first."""

    name = "rapidfuzz"

    def __init__(self, base: FactBase, documents: Sequence[Document]) -> None:
        self.ids = [item_id for item_id, _ in documents]
        self.texts = [text for _, text in documents]

    def ask(self, text: str) -> Reply:
        found = process.extract(search_text(text), self.texts, scorer=fuzz.token_set_ratio,
                                processor=utils.default_process, score_cutoff=FUZZ_CUTOFF,
                                limit=DEPTH)
        return _hits([self.ids[index] for _, _, index in found])


SYSTEMS: dict[str, Callable[[FactBase, Sequence[Document]], System]] = {
    system.name: system for system in (Factbot, BM25, Tantivy, FTS5, LinearFuzz)
}
"""Every system by name, factbot first."""


@contextmanager
def open_systems(names: Sequence[str] = tuple(SYSTEMS)) -> Iterator[tuple[FactBase, list[System]]]:
    """The repo's curated fact base on a fresh database in a temporary folder, and the named
    systems built on its items."""
    with tempfile.TemporaryDirectory() as directory:
        base = FactBase.open(Path(directory) / "factbot.json", ROOT / "facts", ROOT / "seeds")
        try:
            names_by_id = {person.id: person.name for person in base.people()}
            documents = [(item.id, item_text(item, names_by_id))
                         for item in base.items.values() if not item.deleted]
            yield base, [SYSTEMS[name](base, documents) for name in names]
        finally:
            base.close()
