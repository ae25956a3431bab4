"""Damaged or foreign database files: one line naming the file and what is wrong, exit code 1,
no traceback, and every file left exactly as it was, with nothing written beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import exits
from tests.conftest import ROOT

GOOD_ROW = {"id": "a", "source": "s", "text": "t", "topic": "x"}


def _factbot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("FACTBOT_", "TELEGRAM_"))}
    env = {**clean, "PYTHONPATH": str(ROOT), "FACTBOT_ADMIN_IDS": "7"}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


SHAPES = [
    ("a table that is a list", {"factbot.json": b'{"facts": []}'},
     "is damaged: table 'facts' is a list, not an object of documents"),
    ("a row that is a string", {"factbot.json": b'{"facts": {"1": "oops"}}'},
     "is damaged: document 1 of table 'facts' is a string, not an object"),
    ("a key that is not a number", {"factbot.json": b'{"facts": {"x": {}}}'},
     "is damaged: table 'facts' has a document keyed 'x', not a number"),
    ("a list at the top", {"factbot.json": b"[1, 2]"},
     "is damaged: it holds a list where an object of tables belongs"),
    ("deep nesting", {"factbot.json": b"[" * 100000 + b"]" * 100000}, "is damaged: it is not"
     " valid JSON"),
    ("a journal line that is not a list",
     {"factbot.json": json.dumps({"facts": {"1": GOOD_ROW}}).encode(),
      "factbot.json.journal": b'{"not": "a list"}\n'},
     "factbot.json.journal is damaged at line 1 (it holds an object, not a list of changes)"),
    ("a journal change of the wrong shape",
     {"factbot.json": json.dumps({"facts": {"1": GOOD_ROW}}).encode(),
      "factbot.json.journal": b'[["facts", "1", "a string"]]\n'},
     "factbot.json.journal is damaged at line 1 (a change is not [table, document number,"
     " document or null])"),
    ("an empty snapshot beside a journal",
     {"factbot.json": b"", "factbot.json.journal": b'[["facts", "1", {"id": "a"}]]\n'},
     "factbot.json is empty but its journal"),
    ("another program's TinyDB file", {"factbot.json": b'{"_default": {"1": {"name": "x"}}}'},
     "factbot.json is not a factbot database (its tables are '_default')"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("files", "problem"), [(f, p) for _, f, p in SHAPES],
                         ids=[name for name, _, _ in SHAPES])
def test_a_damaged_or_foreign_database_is_one_line_and_left_untouched(
    tmp_path: Path, files: dict[str, bytes], problem: str
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name, content in files.items():
        (data / name).write_bytes(content)
    for command in (("ask", "/demands"), ("admin", "--as", "7", "/addfact Not written")):
        result = _factbot(tmp_path, *command)
        assert result.returncode == exits.PROBLEM
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("factbot: ")
        assert f"data/{problem}" in result.stderr or f"data/factbot.json {problem}" in (
            result.stderr)
        assert "left untouched" in result.stderr
        assert _files(data) == files


def test_a_database_path_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder", encoding="utf-8")
    result = _factbot(tmp_path, "ask", "/demands")
    assert result.returncode == exits.PROBLEM
    assert result.stderr == ("factbot: cannot use data as the folder of the database"
                             " data/factbot.json: File exists\n")
    assert (tmp_path / "data").read_text(encoding="utf-8") == "not a folder"
