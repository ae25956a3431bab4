"""The store: filled on first use, idempotent reloads, admin items kept, crash-safe writes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.curated import CuratedBase
from bot.factbase import FactBase
from bot.models import Fact, Quote
from bot.storage import DatabaseError
from bot.store import FactStore
from tests.conftest import FACTS_DIR, ROOT, SEEDS_DIR, on_disk


def _admin_fact(number: int) -> Fact:
    return Fact(id=f"admin-{number}", source="reuters-2025-03-13", origin="admin",
                added_by=42, text=f"Added by an admin, number {number}.", topic="test")


def test_first_use_creates_and_fills_the_database(db_path: Path, curated: CuratedBase) -> None:
    assert not db_path.exists()
    base = FactBase.open(db_path, FACTS_DIR, SEEDS_DIR)
    assert db_path.exists()
    assert len(base.items) == len(curated.items)
    assert base.sources["reuters-2025-03-13"].original_outlet == "Reuters"


def test_loading_again_changes_nothing(factbase: FactBase, curated: CuratedBase) -> None:
    before = on_disk(factbase.store.path)
    report = factbase.load(curated)
    assert (report.added, report.updated, report.removed) == (0, 0, 0)
    assert report.unchanged == len(curated.items)
    assert on_disk(factbase.store.path) == before


def test_reload_keeps_admin_items_and_refreshes_curated_ones(
    factbase: FactBase, curated: CuratedBase
) -> None:
    factbase.store.save(_admin_fact(1), actor=42, action="add")
    first = curated.items[0]
    changed = first.model_copy(update={"role": "A changed role"})
    dropped = curated.items[-1]
    edited = CuratedBase(curated.sources, curated.texts, [changed, *curated.items[1:-1]])
    report = factbase.load(edited)
    assert (report.updated, report.removed, report.kept_admin) == (1, 1, 1)
    assert factbase.items["admin-1"].text == "Added by an admin, number 1."
    assert factbase.items[first.id] == changed
    assert dropped.id not in factbase.items


def test_a_curated_id_never_overwrites_an_admin_item(
    factbase: FactBase, curated: CuratedBase
) -> None:
    taken = Fact(id="no-comment", source="reuters-2025-03-13", origin="admin", text="Mine.",
                 topic="t")
    factbase.store.save(taken, actor=1, action="add")
    report = factbase.load(curated)
    assert report.conflicts == ("no-comment",)
    assert factbase.items["no-comment"].origin == "admin"


def test_save_is_audited_with_before_and_after(factbase: FactBase) -> None:
    factbase.store.save(_admin_fact(7), actor=42, action="add")
    replaced = factbase.store.save(
        _admin_fact(7).model_copy(update={"text": "Corrected."}), actor=43, action="edit"
    )
    assert replaced is not None
    assert replaced.text == "Added by an admin, number 7."
    last = factbase.store.audit_log()[-1]
    assert (last["actor"], last["action"], last["item_id"]) == (43, "edit", "admin-7")
    assert last["before"]["text"] == "Added by an admin, number 7."
    assert last["after"]["text"] == "Corrected."


def test_data_survives_reopening(db_path: Path) -> None:
    base = FactBase.open(db_path, FACTS_DIR, SEEDS_DIR)
    base.store.save(_admin_fact(3), actor=42, action="add")
    base.close()
    again = FactBase.open(db_path, FACTS_DIR, SEEDS_DIR)
    assert again.items["admin-3"].added_by == 42


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2, 3]", b"\xff\xfe garbage"])
def test_a_corrupt_database_is_reported_and_left_untouched(db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with pytest.raises(DatabaseError, match=str(db_path)):
        FactBase.open(db_path, FACTS_DIR, SEEDS_DIR)
    assert db_path.read_bytes() == content


def test_a_database_that_no_longer_fits_the_models_names_the_item(factbase: FactBase) -> None:
    path = factbase.store.path
    assert not factbase.store.journal_path.exists()
    text = path.read_text(encoding="utf-8").replace('"date":"2025-03-06"', '"date":"6 March"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatabaseError, match=r"item 'kellogg-something-new': field 'date'"):
        FactBase.open(path, FACTS_DIR, SEEDS_DIR)


def test_a_control_character_written_into_the_file_by_hand_is_found_at_start_up(
        factbase: FactBase) -> None:
    """Start-up searches each text for characters that cannot be shown only when the file
    holds one (escaped); a clean file's texts are not searched again."""
    path = factbase.store.path
    text = path.read_text(encoding="utf-8").replace(
        "Russia is reported", "Russia\\u0007 is reported", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatabaseError, match=r"item 'report-published'.*control character"):
        FactBase.open(path, FACTS_DIR, SEEDS_DIR)


def test_a_failed_write_leaves_the_file_and_the_store_as_they_were(factbase: FactBase) -> None:
    before = on_disk(factbase.store.path)
    broken = Quote.model_construct(id="x", text=object())  # not serialisable
    with pytest.raises(Exception):  # noqa: B017, PT011 - any failure will do
        factbase.store.save(broken, actor=1, action="add")
    assert on_disk(factbase.store.path) == before
    assert "x" not in {item.id for item in factbase.store.items()}


WRITER = """
import sys
from pathlib import Path
import bot.storage
from bot.models import Fact
from bot.store import FactStore
bot.storage.COMPACT_MIN_BYTES = 20000  # compact often, so kills land in compactions too
store = FactStore(Path(sys.argv[1]))
store.release()  # write as the running bot does, without the raw tables in memory
start = int(sys.argv[2])
for number in range(start, start + 100000):
    store.save(Fact(id=f"w-{number}", source="s", origin="admin", text="x" * 300, topic="t"),
               actor=1, action="add")
    print(number, flush=True)
"""


def test_a_write_appends_to_the_journal_not_the_snapshot(factbase: FactBase) -> None:
    snapshot = factbase.store.path.read_bytes()
    factbase.store.save(_admin_fact(1), actor=42, action="add")
    assert factbase.store.path.read_bytes() == snapshot
    assert factbase.store.journal_path.read_bytes().count(b"\n") == 1


def test_a_torn_journal_line_is_ignored_and_cut_before_the_next_write(db_path: Path) -> None:
    store = FactStore(db_path)
    store.save(_admin_fact(1), actor=1, action="add")
    store.save(_admin_fact(2), actor=1, action="add")
    store.close()
    journal = db_path.with_name(db_path.name + ".journal")
    whole = journal.read_bytes()
    journal.write_bytes(whole[: len(whole) - 40])
    store = FactStore(db_path)
    assert [item.id for item in store.items()] == ["admin-1"]
    store.save(_admin_fact(3), actor=1, action="add")
    store.close()
    assert [item.id for item in FactStore(db_path).items()] == ["admin-1", "admin-3"]


def test_a_damaged_journal_is_reported_and_left_untouched(db_path: Path) -> None:
    store = FactStore(db_path)
    for number in range(3):
        store.save(_admin_fact(number), actor=1, action="add")
    store.close()
    journal = db_path.with_name(db_path.name + ".journal")
    lines = journal.read_bytes().split(b"\n")
    lines[1] = b"{garbage"
    journal.write_bytes(b"\n".join(lines))
    before = on_disk(db_path)
    with pytest.raises(DatabaseError, match="damaged at line 2"):
        FactStore(db_path)
    assert on_disk(db_path) == before


def test_the_journal_is_folded_into_the_snapshot_when_it_grows(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.storage.COMPACT_MIN_BYTES", 2000)
    store = FactStore(db_path)
    for number in range(40):
        store.save(_admin_fact(number), actor=1, action="add")
    snapshot, journal = db_path.read_bytes(), store.journal_path.read_bytes()
    assert b"admin-20" in snapshot, "the journal was never folded into the snapshot"
    assert len(journal) <= max(2000, len(snapshot))
    store.close()
    assert len(list(FactStore(db_path).items())) == 40


@pytest.mark.slow
def test_writes_acknowledged_before_sigkill_are_never_lost(tmp_path: Path) -> None:
    path = tmp_path / "crash.json"
    rng = random.Random(20250313)
    acknowledged = -1
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(40):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(acknowledged + 1)],
            stdout=subprocess.PIPE, text=True, env=env,
        )
        assert writer.stdout is not None
        first = writer.stdout.readline()
        assert first, "the writer did not start"
        time.sleep(rng.uniform(0.0, 0.08))
        writer.send_signal(signal.SIGKILL)
        rest = writer.stdout.read()
        writer.wait()
        printed = [int(line) for line in (first + rest).split()]
        acknowledged = max(acknowledged, *printed)
        store = FactStore(path)
        ids = {item.id for item in store.items()}
        store.close()
        missing = [n for n in range(acknowledged + 1) if f"w-{n}" not in ids]
        assert not missing, f"acknowledged writes lost: {missing[:5]}"
    assert acknowledged > 40


def test_a_cold_store_writes_the_same_as_a_warm_one(factbase: FactBase) -> None:
    """After start-up the store drops its raw tables; writes, audit and editors still work."""
    store = factbase.store
    store.save(_admin_fact(1), actor=42, action="add")
    edited = _admin_fact(1).model_copy(update={"text": "Edited cold."})
    replaced = store.save(edited, actor=42, action="edit", before=_admin_fact(1))
    assert replaced is not None
    assert replaced.text == "Added by an admin, number 1."
    store.set_editor(7, actor=42, granted=True)
    store.set_editor(7, actor=42, granted=False)
    store.set_editor(8, actor=42, granted=True)
    assert set(store.editors()) == {8}
    assert store.audit_log()[-4]["before"]["text"] == "Added by an admin, number 1."
    reopened = FactStore(store.path)
    items = {item.id: item for item in reopened.items()}
    assert items["admin-1"].text == "Edited cold."
    assert len(items) == 61
    assert set(reopened.editors()) == {8}


def test_state_documents_are_kept_apart_from_the_facts(db_path: Path) -> None:
    base = FactBase.open(db_path, FACTS_DIR, SEEDS_DIR)
    items = len(base.items)
    base.store.save_state({"chat:1": {"replies": [[1, 2]]}, "user:7": {"dialogues": {}}})
    base.store.save_state({"chat:1": {"replies": [[3, 4]]}, "user:7": None, "stats:9": {}})
    base.close()
    store = FactStore(db_path)
    assert store.state() == {"chat:1": {"replies": [[3, 4]]}, "stats:9": {}}
    assert "state" not in store.export()
    assert len(list(store.items())) == items
    store.close()
