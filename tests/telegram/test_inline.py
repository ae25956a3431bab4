"""Inline mode: results for names and words, the empty query, paging, nothing found."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.factbase import FactBase
from bot.models import Fact
from bot.telegram.app import build_application
from tests.conftest import FACTS_DIR, SEEDS_DIR
from tests.support.offline import TOKEN, OfflineBotAPI
from tests.support.telegram_rules import parse_html
from tests.support.updates import Updates
from tests.telegram.conftest import Harness, make_settings


def answered(harness: Harness) -> dict[str, Any]:
    return harness.api.sent("answerInlineQuery")[-1]


async def test_a_name_offers_the_person_and_what_they_said(harness: Harness) -> None:
    await harness.send(harness.updates.inline("kellogg"))
    result = answered(harness)
    ids = [item["id"] for item in result["results"]]
    assert ids[:3] == ["keith-kellogg", "kellogg-something-new", "kellogg-istanbul-not-viable"]
    quote = result["results"][1]
    assert quote["title"] == "Keith Kellogg"
    message = quote["input_message_content"]
    assert message["parse_mode"] == "HTML"
    shown = parse_html(message["message_text"])[0]
    assert shown.startswith("Quote")
    assert "“We need to create something completely new”" in shown
    assert "Reuters via Defence Talks, 13 Mar 2025" in shown
    assert result["cache_time"] == 30


async def test_the_empty_query_offers_demands_and_quotes(harness: Harness) -> None:
    await harness.send(harness.updates.inline(""))
    ids = [item["id"] for item in answered(harness)["results"]]
    assert ids[0] == "current-list"
    assert "kellogg-something-new" in ids
    assert "next_offset" not in answered(harness)


async def test_nothing_found_offers_a_way_to_the_bot(harness: Harness) -> None:
    await harness.send(harness.updates.inline("zzzzqqq"))
    result = answered(harness)
    assert result["results"] == []
    assert result["button"]["start_parameter"] == "help"


@pytest.fixture
async def big_harness(tmp_path: Path) -> AsyncIterator[Harness]:
    base = FactBase.open(tmp_path / "db.json", FACTS_DIR, SEEDS_DIR)
    for number in range(130):
        base.store.save(Fact(id=f"extra-{number}", source="reuters-2025-03-13", origin="admin",
                             text=f"Ceasefire monitoring note {number}.", topic="monitoring"),
                        actor=42, action="add")
    base = FactBase(base.store)
    api = OfflineBotAPI()
    app = build_application(make_settings(), base, token=TOKEN, request=api)
    async with app:
        yield Harness(app, api, Updates(app.bot))
    assert api.violations == []


async def test_results_page_twenty_at_a_time(big_harness: Harness) -> None:
    seen: list[str] = []
    offset = ""
    for _ in range(10):
        await big_harness.send(big_harness.updates.inline("monitoring", offset))
        result = answered(big_harness)
        assert len(result["results"]) == 20 or not result.get("next_offset")
        seen += [item["id"] for item in result["results"]]
        offset = result.get("next_offset", "")
        if not offset:
            break
    assert len(seen) == 130
    assert len(set(seen)) == 130


async def test_a_forged_offset_starts_from_the_top(harness: Harness) -> None:
    await harness.send(harness.updates.inline("kellogg", "-5abc"))
    assert answered(harness)["results"][0]["id"] == "keith-kellogg"


async def test_a_non_ascii_digit_offset_starts_from_the_top(harness: Harness) -> None:
    """Regression (deep fuzzing): "²" passed str.isdigit() and crashed int()."""
    await harness.send(harness.updates.inline("kellogg", "²"))
    assert answered(harness)["results"][0]["id"] == "keith-kellogg"
