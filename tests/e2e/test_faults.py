"""Faults met by the real `factbot run` process: a disk that fills up while it serves."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import slug
from tests.e2e import shapes
from tests.e2e.conftest import BotProcess
from tests.e2e.double import BotAPIDouble
from tests.support.disk import Disk

pytestmark = pytest.mark.slow
"""Real processes, timeouts or many writes: left out of the inner loop (`-m "not slow"`)."""

LONG = "words that take room on the disk " * 25


@pytest.mark.parametrize("shim", [False, True], ids=["tmpfs", "shim"])
async def test_a_full_disk_is_one_line_to_the_admin_and_reads_go_on(
    double: BotAPIDouble, tmp_path: Path, shim: bool
) -> None:
    disk = Disk(tmp_path / "disk", 1024 * 1024, shim=shim)
    process = BotProcess(double, tmp_path, FACTBOT_ADMIN_IDS="4242",
                         FACTBOT_DB_PATH=str(disk.path / "factbot.json"), **disk.env)
    admin_chat = shapes.private_chat(shapes.ADMIN)
    try:
        await process.start()
        disk.fill()
        for number in range(20):  # the journal's last page may still have room for a few
            double.inject(shapes.message(f"/addfact Number {number} {LONG} | unverified",
                                         admin_chat, shapes.ADMIN))
            await double.wait_for(lambda n=number: len(double.texts_to(shapes.ADMIN.id)) > n)
            if not double.texts_to(shapes.ADMIN.id)[-1].startswith("Added"):
                break
        assert double.texts_to(shapes.ADMIN.id)[-1] == (
            "The disk holding the database is full; nothing was written.")
        double.inject(shapes.message("/quote kellogg"))
        await double.wait_for(lambda: len(double.texts_to(shapes.USER.id)) == 1)
        assert double.texts_to(shapes.USER.id)[0].startswith("Quotes from Keith Kellogg")
        refused = slug(f"Number {number} {LONG}", set(), "fact")
        double.inject(shapes.message(f"/source {refused}"))
        await double.wait_for(lambda: len(double.texts_to(shapes.USER.id)) == 2)
        assert double.texts_to(shapes.USER.id)[1].startswith("No item with the id")
        disk.free()
        double.inject(shapes.message("/addfact Saved once space came back | unverified", admin_chat,
                                     shapes.ADMIN))
        await double.wait_for(lambda: len(double.texts_to(shapes.ADMIN.id)) == number + 2)
        assert double.texts_to(shapes.ADMIN.id)[-1].startswith(
            "Added fact saved-once-space-came-back")
        double.inject(shapes.message(f"/source {slug(f'Number 0 {LONG}', set(), 'fact')}"))
        await double.wait_for(lambda: len(double.texts_to(shapes.USER.id)) == 3)
        assert number == 0 or "Number 0 words" in double.texts_to(shapes.USER.id)[2]
    finally:
        code = await process.stop()
        disk.close()
    log = process.log()
    assert code == 0, log
    assert "Traceback" not in log, log
    assert " ERROR " not in log, log
    assert "a write was refused: the disk holding the database is full" in log
