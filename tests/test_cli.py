"""The `factbot` command as a user runs it: ask, chat, check, load, export, picture; clear
errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from bot import chart
from bot.cli import main
from tests.conftest import FACTS_DIR, SEEDS_DIR


def factbot(*args: str, cwd: Path, stdin: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `factbot` entry point the way a user would."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, input=stdin, capture_output=True,
        text=True, timeout=60, env={**os.environ, **(env or {})},
    )


def test_ask_prints_plain_text_and_creates_the_database(tmp_path: Path) -> None:
    result = factbot("ask", "/quote kellogg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "“We need to create something completely new”" in result.stdout
    assert "<b>" not in result.stdout
    assert (tmp_path / "data" / "factbot.json").exists()


def test_ask_searches_text_that_is_not_a_command(tmp_path: Path) -> None:
    result = factbot("ask", "ceasefire", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Results for “ceasefire”")


def test_ask_nonsense_says_nothing_found(tmp_path: Path) -> None:
    result = factbot("ask", "/search zzzzqqq", cwd=tmp_path)
    assert result.returncode == 0
    assert "Nothing found for “zzzzqqq”" in result.stdout


def test_chat_answers_each_line_of_piped_input(tmp_path: Path) -> None:
    result = factbot("chat", cwd=tmp_path, stdin="/who stent\n\n/quote kelog\n")
    assert result.returncode == 0
    assert result.stdout.index("Angela Stent") < result.stdout.index("Quotes from Keith Kellogg")


def test_ask_and_chat_speak_the_language_asked_for(tmp_path: Path) -> None:
    asked = factbot("ask", "--lang", "uk", "/quote", "kellogg", cwd=tmp_path)
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.startswith("Цитати: Keith Kellogg\n")
    assert "“We need to create something completely new”" in asked.stdout
    chat = factbot("chat", "--lang", "ru", cwd=tmp_path, stdin="/search zzzzqqq\n/who stent\n")
    assert chat.returncode == 0, chat.stderr
    assert "По запросу «zzzzqqq» ничего не найдено" in chat.stdout
    assert "Факты и цитаты — на английском, дословно по источнику." in chat.stdout
    refused = factbot("ask", "--lang", "de", "/help", cwd=tmp_path)
    assert refused.returncode == 2
    assert "invalid choice: 'de'" in refused.stderr


def test_check_passes_on_the_repo(tmp_path: Path) -> None:
    result = factbot("check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("OK: 1 source(s), 60 items")


def test_check_lists_each_problem_and_fails(tmp_path: Path) -> None:
    shutil.copytree(FACTS_DIR, tmp_path / "facts")
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    quotes = json.loads((tmp_path / "facts" / "quotes.json").read_text(encoding="utf-8"))
    quotes[0]["evidence"] = ["Not in the article."]
    quotes[1]["date"] = "someday"
    (tmp_path / "facts" / "quotes.json").write_text(json.dumps(quotes), encoding="utf-8")
    env = {"FACTBOT_FACTS_DIR": str(tmp_path / "facts"),
           "FACTBOT_SEEDS_DIR": str(tmp_path / "seeds")}
    result = factbot("check", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert "2 problem(s)" in result.stderr
    assert "item 'kellogg-something-new': field 'evidence.0'" in result.stderr
    assert "item 'witkoff-cogent-substantive': field 'date'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_glossary_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    shutil.copytree(FACTS_DIR, tmp_path / "facts")
    (tmp_path / "facts" / "glossary.json").write_text(
        '[{"id": "x", "means": ["truce"], "phrases": ["one two three four five"]}]',
        encoding="utf-8")
    result = factbot("ask", "truce", cwd=tmp_path,
                     env={"FACTBOT_FACTS_DIR": str(tmp_path / "facts")})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("factbot: ")
    assert "“one two three four five” must have 1 to 4 words" in result.stderr


def test_load_is_idempotent(tmp_path: Path) -> None:
    factbot("load", cwd=tmp_path)
    result = factbot("load", cwd=tmp_path)
    assert result.returncode == 0
    assert "0 added, 0 updated, 60 unchanged, 0 removed" in result.stdout


def test_export_writes_the_whole_base_as_json(tmp_path: Path) -> None:
    result = factbot("export", "-o", "base.json", cwd=tmp_path)
    assert result.returncode == 0
    data = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert len(data["quotes"]) == 5
    assert data["sources"][0]["id"] == "reuters-2025-03-13"


def test_a_corrupt_database_gives_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "factbot.json").write_text("{oops", encoding="utf-8")
    result = factbot("ask", "/demands", cwd=tmp_path)
    assert result.returncode == 1
    assert "is not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "data" / "factbot.json").read_text(encoding="utf-8") == "{oops"


@pytest.mark.parametrize("setting", ["FACTBOT_WEBHOOK_PORT=notaport", "FACTBOT_ADMIN_IDS=abc",
                                     "FACTBOT_ADMIN_IDS=1,²"])
def test_a_bad_setting_is_named(tmp_path: Path, setting: str) -> None:
    name, value = setting.split("=")
    result = factbot("ask", "/help", cwd=tmp_path, env={name: value})
    assert result.returncode == 2
    assert name in result.stderr
    assert "Traceback" not in result.stderr


def test_settings_come_from_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("FACTBOT_DB_PATH=elsewhere/db.json\n", encoding="utf-8")
    assert factbot("ask", "/about", cwd=tmp_path).returncode == 0
    assert (tmp_path / "elsewhere" / "db.json").exists()


def test_admin_adds_a_source_from_a_file_then_its_candidates(tmp_path: Path) -> None:
    from tests.test_admin import FOLLOW_UP

    (tmp_path / "article.txt").write_bytes(FOLLOW_UP)
    env = {"FACTBOT_ADMIN_IDS": "7"}
    added = factbot("admin", "--as", "7", "/addsource Kremlin aide replies | Reuters |"
                    " 2025-03-14", "--file", "article.txt", cwd=tmp_path, env=env)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added source kremlin-aide-replies")
    refused = factbot("admin", "--as", "7",
                      "/addquote +Yuri Ushakov | a rest for the Ukrainian army", cwd=tmp_path,
                      env=env)
    assert refused.returncode == 1
    assert "Closest: “Kremlin aide Yuri Ushakov said" in refused.stdout
    accepted = factbot("admin", "--as", "7", "/accept kremlin-aide-replies 1", cwd=tmp_path,
                       env=env)
    assert accepted.stdout.splitlines()[2] == (
        "1: added quote yuri-ushakov-nothing-but-a-temporary.")
    checked = factbot("check", cwd=tmp_path, env=env)
    assert checked.returncode == 0, checked.stderr
    assert "62 items checked against 2 source text(s)" in checked.stdout


def test_picture_timeline_writes_the_chart_and_prints_its_caption(tmp_path: Path) -> None:
    result = factbot("picture", "timeline", "2022", "-o", "timeline.png", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "timeline.png") as image:
        assert (image.format, image.size) == ("PNG", chart.size(4))
    assert result.stdout.splitlines()[:3] == [
        f"Wrote timeline.png ({chart.size(4)[0]}×{chart.size(4)[1]} pixels). Caption:",
        "Timeline: 2022", "4 events. Oldest first."]


def test_picture_quote_writes_a_square_card_in_the_language_asked_for(tmp_path: Path) -> None:
    result = factbot("picture", "quote", "kellogg-something-new", "--lang", "uk", "-o",
                     "card.png", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "card.png") as image:
        assert image.size == (1080, 1080)
    assert "6 бер. 2025" in result.stdout


def test_picture_of_what_is_not_there_says_so(tmp_path: Path) -> None:
    unknown = factbot("picture", "quote", "kellog-something-new", cwd=tmp_path)
    assert unknown.returncode == 1
    assert "No item with the id “kellog-something-new”" in unknown.stderr
    assert "→ /source kellogg-something-new" in unknown.stderr
    event = factbot("picture", "quote", "invasion", cwd=tmp_path)
    assert event.returncode == 1
    assert event.stderr == "factbot: invasion is not a quote: `factbot ask /quotes` lists them\n"
    empty = factbot("picture", "timeline", "1990", cwd=tmp_path)
    assert empty.returncode == 1
    assert empty.stderr.startswith("Nothing on the timeline in 1990")
    assert not list(tmp_path.glob("*.png"))


def test_picture_without_the_extra_says_how_to_install_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "PIL", None)
    assert main(["picture", "quote", "kellogg-something-new"]) == 1
    assert capsys.readouterr().err == (
        "factbot: pictures need the optional extra: pip install 'factbot[pictures]'\n")
    assert not (tmp_path / "card.png").exists()
