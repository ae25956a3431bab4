"""The curated fact base: verbatim evidence, coverage of the article, and the checker."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from bot.curated import CuratedBase, CurationError, load_curated
from bot.models import Demand, Event, Person, Quote
from tests.conftest import FACTS_DIR, SEEDS_DIR

SEED_FILE = SEEDS_DIR / "reuters-2025-03-13-russia-demands.txt"
SEED_SHA256 = "d6a8d5afebf6b4cc929806d6fe1af1693a8c4bf11f10980ccfa7c56abbbf5698"


def test_seed_is_byte_identical_to_the_article_received() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_40fbd3503ce32b79.txt"
    digest = hashlib.sha256(SEED_FILE.read_bytes()).hexdigest()
    if shared.exists():
        assert SEED_FILE.read_bytes() == shared.read_bytes()
    assert digest == SEED_SHA256


def test_every_evidence_sentence_is_verbatim_in_its_seed(curated: CuratedBase) -> None:
    for item in curated.items:
        text = curated.texts[item.source]
        assert item.evidence, item.id
        for sentence in item.evidence:
            assert sentence in text, (item.id, sentence)


def test_every_quotation_in_the_article_is_a_quote(curated: CuratedBase) -> None:
    text = curated.texts["reuters-2025-03-13"]
    quoted = {part.split("”")[0].rstrip(",.") for part in text.split("“")[1:]}
    held = {item.text.rstrip(",.") for item in curated.items if isinstance(item, Quote)}
    assert quoted == held


def test_quotes_keep_the_exact_words(curated: CuratedBase) -> None:
    text = curated.texts["reuters-2025-03-13"]
    for item in curated.items:
        if isinstance(item, Quote):
            assert item.text in text


def test_demands_cover_all_three_rounds(curated: CuratedBase) -> None:
    periods = {item.period for item in curated.items if isinstance(item, Demand)}
    assert {"current", "biden", "istanbul"} <= periods
    demands = " ".join(item.text for item in curated.items if isinstance(item, Demand))
    for needle in ("NATO membership", "foreign troops", "Crimea", "root causes",
                   "intermediate-range missile", "nuclear weapons", "veto", "Central Asia"):
        assert needle in demands


def test_timeline_dates_follow_about_md(curated: CuratedBase) -> None:
    events = {item.id: item for item in curated.items if isinstance(item, Event)}
    assert events["kellogg-at-cfr"].date == "2025-03-06"
    assert events["saudi-meeting"].date == "2025-03-11"
    assert (events["biden-talks"].date, events["biden-talks"].end) == ("2021-12-17", "2022-02-24")
    assert events["invasion"].date == "2022-02-24"
    assert events["past-three-weeks"].date_phrase == "over the past three weeks"
    assert "derived" in (events["past-three-weeks"].date_note or "")


def test_people_carry_the_aliases_users_type(curated: CuratedBase) -> None:
    people = {item.id: item for item in curated.items if isinstance(item, Person)}
    assert {"Zelensky", "Zelenskyy"} <= set(people["volodymyr-zelenskiy"].aliases)
    assert "envoy" in people["keith-kellogg"].aliases
    assert "envoy" in people["steve-witkoff"].aliases


@pytest.fixture
def broken_copy(tmp_path: Path) -> tuple[Path, Path]:
    facts = tmp_path / "facts"
    seeds = tmp_path / "seeds"
    shutil.copytree(FACTS_DIR, facts)
    shutil.copytree(SEEDS_DIR, seeds)
    return facts, seeds


def _edit(path: Path, index: int, **changes: object) -> None:
    items = json.loads(path.read_text(encoding="utf-8"))
    items[index].update(changes)
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")


def test_checker_names_file_item_and_field(broken_copy: tuple[Path, Path]) -> None:
    facts, seeds = broken_copy
    _edit(facts / "timeline.json", 0, date="2025-02-30")
    _edit(facts / "quotes.json", 0, evidence=["Kellogg said something he never said."])
    _edit(facts / "quotes.json", 1, speaker="nobody-known")
    _edit(facts / "facts.json", 1, id="specifics-unclear")
    with pytest.raises(CurationError) as caught:
        load_curated(facts, seeds)
    problems = "\n".join(caught.value.problems)
    assert "timeline.json: item 'since-1945': field 'date': is not a real date" in problems
    assert "quotes.json: item 'kellogg-something-new': field 'evidence.0': not verbatim" in problems
    assert "quotes.json: item 'witkoff-cogent-substantive': field 'speaker'" in problems
    assert "facts.json: item 'specifics-unclear': field 'id': already used" in problems
    assert len(caught.value.problems) == 4


def test_checker_reports_unreadable_json(broken_copy: tuple[Path, Path]) -> None:
    facts, seeds = broken_copy
    (facts / "demands.json").write_text("[{", encoding="utf-8")
    with pytest.raises(CurationError, match=r"demands\.json: cannot be read as JSON"):
        load_curated(facts, seeds)
