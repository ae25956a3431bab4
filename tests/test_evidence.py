"""Evidence in a source's text: sentences, quotations found however they are typed, the closest
passage for a quotation that is not there, article files read as text, and `factbot check`
failing when a source's text is tampered with."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.documents import DocumentError, digest, read_document
from bot.evidence import closest, closest_passage, evidence_at, locate, sentences
from bot.store import TEXTS_TABLE
from tests.conftest import FACTS_DIR, SEEDS_DIR, on_disk
from tests.test_cli import factbot

SEED = (SEEDS_DIR / "reuters-2025-03-13-russia-demands.txt").read_text(encoding="utf-8")


def test_sentences_keep_abbreviations_and_quotations_whole() -> None:
    found = [span.of(SEED) for span in sentences(SEED)]
    assert ("U.S. President Donald Trump is awaiting a response from Putin regarding a proposed"
            " 30-day ceasefire, which Ukrainian President Volodymyr Zelenskiy indicated he would"
            " accept as an initial step toward peace discussions.") in found
    stent = next(sentence for sentence in found if sentence.startswith("Angela Stent"))
    assert stent.endswith("not genuinely interested in achieving peace or a substantial"
                          " ceasefire.”")
    assert "“We need to create something completely new,” he remarked." in found


def test_a_quotation_is_found_with_straight_quotes_and_loose_spaces() -> None:
    found = locate(SEED, '"Their demands remain  unchanged, and it seems they are not\n'
                         'genuinely interested"')
    assert found is not None
    assert found.quote == ("Their demands remain unchanged, and it seems they are not genuinely"
                           " interested")
    assert found.evidence.startswith("Angela Stent, a senior fellow")
    assert found.evidence in SEED


def test_a_pronoun_quotation_brings_the_sentence_that_names_the_speaker() -> None:
    found = locate(SEED, "We need to create something completely new,")
    assert found is not None
    assert found.evidence.startswith("Retired General Keith Kellogg")
    assert found.evidence.endswith("he remarked.")


def test_a_made_up_quotation_is_not_found_and_the_closest_passage_is_offered() -> None:
    assert locate(SEED, "We must create something totally new") is None
    assert closest_passage(SEED, "We must create something totally new") == (
        "“We need to create something completely new,” he remarked.")


def test_a_paraphrase_gets_its_closest_sentences_and_evidence_by_number() -> None:
    best = closest(SEED, "Kellogg says the Istanbul agreement is no starting point")[0]
    assert best.of(SEED).startswith("Retired General Keith Kellogg")
    number = sentences(SEED).index(best) + 1
    assert evidence_at(SEED, [number]) == (best.of(SEED),)
    assert evidence_at(SEED, [0]) is None
    assert evidence_at(SEED, [999]) is None


def test_an_html_article_is_reduced_to_its_text() -> None:
    page = ("<!DOCTYPE html><html><head><title>Talks</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            "<article><h1>Kremlin aide answers the ceasefire proposal</h1>"
            "<p>Kremlin aide Yuri Ushakov said on Thursday that the 30-day ceasefire was"
            " “nothing but a temporary breather for the Ukrainian military.”</p>"
            "<p>He spoke to reporters in Moscow after a call with U.S. officials, adding that"
            " Russia wanted a long-term settlement of the conflict.</p></article>"
            "<footer>© 2025 Example News. Subscribe to our newsletter.</footer>"
            "</body></html>").encode()
    text = read_document(page)
    assert "Yuri Ushakov said on Thursday" in text
    assert "<p>" not in text
    assert "Subscribe to our newsletter" not in text
    assert locate(text, "nothing but a temporary breather for the Ukrainian military") is not None


def test_plain_text_is_kept_as_it_is_and_other_files_are_refused() -> None:
    assert read_document(SEED.encode("utf-8")) == SEED
    assert read_document(b"\xef\xbb\xbfLine one.\r\nLine two.\r\n") == "Line one.\nLine two."
    with pytest.raises(DocumentError, match="not UTF-8"):
        read_document(b"\xff\xfe\x00bad")
    with pytest.raises(DocumentError, match="no text"):
        read_document(b"   \n")


def _copies(tmp_path: Path) -> dict[str, str]:
    shutil.copytree(FACTS_DIR, tmp_path / "facts")
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    return {"FACTBOT_FACTS_DIR": str(tmp_path / "facts"),
            "FACTBOT_SEEDS_DIR": str(tmp_path / "seeds")}


def test_check_fails_on_a_tampered_seed_text(tmp_path: Path) -> None:
    env = _copies(tmp_path)
    seed = tmp_path / "seeds" / "reuters-2025-03-13-russia-demands.txt"
    seed.write_text(SEED.replace("two sources familiar", "three sources familiar"),
                    encoding="utf-8")
    result = factbot("check", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "source 'reuters-2025-03-13': its text has changed since it was added" in result.stderr
    assert "item 'report-published': field 'evidence.0': not verbatim" in result.stderr


def test_check_verifies_the_stored_base_and_fails_on_a_tampered_stored_text(
        tmp_path: Path) -> None:
    env = _copies(tmp_path)
    assert factbot("load", cwd=tmp_path, env=env).returncode == 0
    fine = factbot("check", cwd=tmp_path, env=env)
    assert fine.returncode == 0, fine.stderr
    assert "data/factbot.json: 60 items checked against 1 source text(s)" in fine.stdout
    database = tmp_path / "data" / "factbot.json"
    tables = json.loads(on_disk(database).split(b"\n")[0])
    for row in tables[TEXTS_TABLE].values():
        row["text"] = row["text"].replace("he remarked", "he said")
    database.write_text(json.dumps(tables), encoding="utf-8")
    database.with_name(database.name + ".journal").unlink(missing_ok=True)
    result = factbot("check", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "its text has changed since it was added" in result.stderr
    assert "quote 'kellogg-something-new': field 'evidence.0': not verbatim" in result.stderr
    assert digest(SEED) in (SEEDS_DIR / "sources.json").read_text(encoding="utf-8")
