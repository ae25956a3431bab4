"""Pydantic models of the fact base: sources and the six kinds of curated item.

Every model forbids unknown fields and is frozen. Text fields are bounded so that any single
item, with its evidence, renders well inside Telegram's 4,096-character message limit, and
they refuse characters that cannot be stored or shown (NUL and other control characters, lone
surrogates).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from bot.text import normalize

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_ID_LENGTH = 48
MAX_EVIDENCE_TOTAL = 1800
ITEM_BUDGET = 2900
"""Most UTF-16 code units (as Telegram counts) all of an item's text may take together, so that
the item with its evidence, headings and citation always fits in one 4,096-character message."""
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_UNSTORABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters (but newline) and lone surrogates."""


STORED = "stored"
"""The validation context of an item read back at start-up from a database whose file holds
no character that cannot be stored or shown (its storage looks for their JSON escapes): each
text field is not searched for them again, the costliest check of start-up at 100,000 items.
Everything else is checked as ever, and `factbot check` checks everything."""


def _stored(info: ValidationInfo) -> bool:
    return info.context == STORED


def _clean_text(value: str, info: ValidationInfo) -> str:
    """Refuse blank text and characters that cannot be stored or shown."""
    if _stored(info):
        return value
    if not value.strip():
        raise ValueError("must not be empty")
    found = _UNSTORABLE.search(value)
    if found is not None:
        char = found.group()
        kind = "a lone surrogate" if unicodedata.category(char) == "Cs" else "control character"
        raise ValueError(f"must not contain {kind} U+{ord(char):04X}")
    return value


def _utf16_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def _check_partial_date(value: str) -> str:
    """Accept `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real calendar date."""
    match = _PARTIAL_DATE.match(value)
    if match is None:
        raise ValueError("must be a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"is not a real date ({error})") from None
    return value


Slug = Annotated[str, Field(min_length=1, max_length=MAX_ID_LENGTH, pattern=SLUG_PATTERN)]
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
Name = Annotated[str, Field(min_length=1, max_length=120), AfterValidator(_clean_text)]
ShortText = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_clean_text)]
Phrase = Annotated[str, Field(min_length=1, max_length=80), AfterValidator(_clean_text)]
Text = Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_clean_text)]
Evidence = Annotated[str, Field(min_length=1, max_length=1200), AfterValidator(_clean_text)]

Origin = Literal["curated", "admin"]


def slug(text: str, taken: set[str], fallback: str) -> str:
    """A stable, readable, unused id made from `text`."""
    words = re.findall(r"[a-z0-9]+", normalize(text).encode("ascii", "ignore").decode())
    base = ""
    for word in words:
        if len(base) + len(word) + 1 > MAX_ID_LENGTH - 4:
            break
        base = f"{base}-{word}" if base else word
    base = base or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """A source article the facts cite."""

    id: Slug
    title: ShortText
    outlet: Name
    original_outlet: Name | None = None
    published: PartialDate | None = None
    file: Name | None = None
    url: ShortText | None = None
    note: ShortText | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    """The SHA-256 of the article's text (UTF-8), which evidence is checked against."""
    origin: Origin = "curated"

    @property
    def label(self) -> str:
        """Short attribution: original outlet, and the outlet it reached us through."""
        if self.original_outlet and self.original_outlet != self.outlet:
            return f"{self.original_outlet} via {self.outlet}"
        return self.outlet


_FIELDS_GIVEN: dict[frozenset[str], set[str]] = {}
"""One set of given field names for all items given the same fields (see `Item.model_post_init`)."""


class Item(_Model):
    """Fields every fact-base item has: a stable id, its source and verbatim evidence."""

    KIND: ClassVar[str] = "item"
    LABEL: ClassVar[str] = "item"

    id: Slug
    source: Slug
    evidence: tuple[Evidence, ...] = Field(default=(), max_length=6)
    origin: Origin = "curated"
    added_by: int | None = None
    added_at: PartialDate | None = None
    deleted: bool = False

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of the fields given with every item given the same ones.

        pydantic keeps one such set per instance (700 bytes for a quote, more than all its
        text): 70 MB for a base of 100,000 items, which are all stored with the same fields.
        Items are frozen, and pydantic copies the set before changing it (`model_copy`), so a
        shared one is never changed.
        """
        given = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__",
                           _FIELDS_GIVEN.setdefault(frozenset(given), given))

    @model_validator(mode="after")
    def _curated_items_cite_evidence(self) -> Item:
        if self.origin == "curated" and not self.evidence:
            raise ValueError("evidence: a curated item needs at least one verbatim sentence")
        if sum(map(len, self.evidence)) > MAX_EVIDENCE_TOTAL:
            raise ValueError(f"evidence: at most {MAX_EVIDENCE_TOTAL:,} characters in all")
        texts = self._texts()
        if 2 * sum(map(len, texts)) <= ITEM_BUDGET:
            return self  # a character is at most two UTF-16 code units
        size = sum(map(_utf16_length, texts))
        if size > ITEM_BUDGET:
            raise ValueError(
                f"the item's text is too long: {size:,} characters in all, at most"
                f" {ITEM_BUDGET:,} (shorten the text, context or evidence)"
            )
        return self

    def _texts(self) -> list[str]:
        """Every text field's value (tuples of texts included)."""
        texts: list[str] = []
        for value in self.__dict__.values():
            if value.__class__ is str:
                texts.append(value)
            elif value.__class__ is tuple:
                texts.extend(value)
        return texts

    @property
    def verified(self) -> bool:
        """Whether the item rests on evidence (only an admin item can lack it: "unverified")."""
        return bool(self.evidence)

    @property
    def headline(self) -> str:
        """One line that names the item in lists and suggestions."""
        raise NotImplementedError


class Person(Item):
    """A person, or an organisation that acts or speaks in the story."""

    KIND: ClassVar[str] = "person"
    LABEL: ClassVar[str] = "person"

    name: Name
    entity: Literal["person", "organisation"] = "person"
    role: ShortText
    aliases: tuple[Phrase, ...] = Field(default=(), max_length=30)

    @property
    def headline(self) -> str:
        return self.name


class Demand(Item):
    """A demand or condition of Russia's, tagged with when and where it was raised."""

    KIND: ClassVar[str] = "demand"
    LABEL: ClassVar[str] = "demand"

    text: Text
    period: Slug
    raised: ShortText | None = None
    date: PartialDate | None = None

    @property
    def headline(self) -> str:
        return self.text


class Quote(Item):
    """A direct quotation, with its speaker and the context it was said in."""

    KIND: ClassVar[str] = "quote"
    LABEL: ClassVar[str] = "quote"

    speaker: Slug
    text: Text
    role: ShortText | None = None
    context: ShortText | None = None
    date: PartialDate | None = None
    date_phrase: Phrase | None = None

    @property
    def headline(self) -> str:
        return f"“{self.text}”"


class Statement(Item):
    """A position a named person or organisation holds or stated, without a direct quote."""

    KIND: ClassVar[str] = "statement"
    LABEL: ClassVar[str] = "statement"

    speaker: Slug
    text: Text
    date: PartialDate | None = None
    date_phrase: Phrase | None = None

    @property
    def headline(self) -> str:
        return self.text


class Event(Item):
    """Something that happened, dated as precisely as the sources allow."""

    KIND: ClassVar[str] = "event"
    LABEL: ClassVar[str] = "event"

    text: Text
    date: PartialDate | None = None
    end: PartialDate | None = None
    date_phrase: Phrase | None = None
    date_note: ShortText | None = None

    @model_validator(mode="after")
    def _dated(self) -> Event:
        if self.date is None and self.end is None:
            raise ValueError("date: an event needs a date or an end date")
        if self.date is not None and self.end is not None and self.end < self.date:
            raise ValueError("end: must not be before date")
        return self

    @property
    def sort_key(self) -> tuple[str, int, str]:
        """Chronological key: the start date; an open-ended "recently" just before its end."""
        if self.date is None:
            return (self.end or "", 0, "")
        return (self.date, 1, self.end or "")

    @property
    def headline(self) -> str:
        return self.text


class Fact(Item):
    """Another key claim of a source: a concern, what was never finalized, who did not comment."""

    KIND: ClassVar[str] = "fact"
    LABEL: ClassVar[str] = "fact"

    text: Text
    topic: Phrase

    @property
    def headline(self) -> str:
        return self.text


ITEM_MODELS: dict[str, type[Item]] = {
    model.KIND: model for model in (Person, Demand, Quote, Statement, Event, Fact)
}
"""Every item kind by name, in the order answers list them."""
