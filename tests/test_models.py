"""The models refuse bad data with a message naming the field, and bound every item's size."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.layout import MESSAGE_LIMIT, PLAIN, Page, render_page, visible_length
from bot.models import MAX_EVIDENCE_TOTAL, Event, Fact, Quote
from bot.results import Answer, Citation, Entry

BASE = {"id": "a-fact", "source": "reuters-2025-03-13", "evidence": ["Some sentence."]}


@pytest.mark.parametrize("date", ["2022", "2021-12", "2025-03-11", "2024-02-29"])
def test_partial_iso_dates_are_accepted(date: str) -> None:
    assert Event(**BASE, text="x", date=date).date == date


@pytest.mark.parametrize("date", ["22", "2021-13", "2025-02-30", "2025/03/11", "March 2025", ""])
def test_bad_dates_are_refused_with_the_expected_form(date: str) -> None:
    with pytest.raises(ValidationError, match="date"):
        Event(**BASE, text="x", date=date)


def test_an_event_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="end: must not be before date"):
        Event(**BASE, text="x", date="2025-03", end="2024")


@pytest.mark.parametrize("text", ["", "   ", "a\x00b", "bell\x07", "lone \ud800 surrogate"])
def test_unstorable_text_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="text"):
        Fact(**BASE, text=text, topic="t")


def test_markup_characters_are_ordinary_text() -> None:
    fact = Fact(**BASE, text="<b>bold</b> & *stars* _under_ `tick` [link]", topic="t")
    assert fact.text == "<b>bold</b> & *stars* _under_ `tick` [link]"


@pytest.mark.parametrize("item_id", ["Has-Caps", "trailing-", "two--dashes", "x" * 49, "sp ace"])
def test_ids_are_stable_slugs(item_id: str) -> None:
    with pytest.raises(ValidationError, match="id"):
        Fact(**{**BASE, "id": item_id}, text="x", topic="t")


def test_curated_items_need_evidence() -> None:
    with pytest.raises(ValidationError, match="evidence"):
        Fact(**{**BASE, "evidence": []}, text="x", topic="t")
    admin = Fact(**{**BASE, "evidence": [], "origin": "admin"}, text="x", topic="t")
    assert admin.origin == "admin"


def test_an_item_too_long_in_all_is_refused_with_its_size() -> None:
    with pytest.raises(ValidationError, match=r"too long: 3,(.*) at most 2,900"):
        Quote(**{**BASE, "evidence": ["e" * 1200]}, speaker="x", text="𝕎" * 900)


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="speeker"):
        Quote(**BASE, speaker="x", text="y", speeker="typo")


def test_the_largest_possible_item_fits_in_one_telegram_message() -> None:
    quote = Quote(
        **{**BASE, "evidence": ["e" * 900, "f" * (MAX_EVIDENCE_TOTAL - 1200)]},
        speaker="x", text="𝕎" * 600, role="r" * 100, context="c" * 50,
    )
    entry = Entry(
        item_id=quote.id, kind="quote", text=quote.text, heading="h" * 120,
        details=(quote.role or "", quote.context or ""),
        evidence=quote.evidence, citation=Citation(quote.id, "s" * 120),
    )
    answer = Answer(title="t" * 80, body=("b" * 650,), entries=(entry,))
    text = render_page(answer, Page(0, 1, 1, 1), PLAIN, suggestions_as_text=True)
    assert visible_length(text) <= MESSAGE_LIMIT


def test_items_given_the_same_fields_share_them_and_a_changed_copy_does_not_leak() -> None:
    fields = {"source": "s", "origin": "admin", "topic": "t"}
    first = Fact.model_validate({"id": "a", "text": "One.", **fields})
    second = Fact.model_validate({"id": "b", "text": "Two.", **fields})
    assert first.model_fields_set is second.model_fields_set
    changed = first.model_copy(update={"deleted": True})
    assert "deleted" in changed.model_fields_set
    assert "deleted" not in first.model_fields_set
    assert "deleted" not in second.model_fields_set
