"""Loading pauses the garbage collector and leaves the loaded objects out of its scans."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bot.memory import long_lived


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_objects_made_in_the_block_are_frozen_and_the_collector_runs_again() -> None:
    gc.enable()
    gc.unfreeze()
    with long_lived():
        assert not gc.isenabled()
        kept = [{"id": number} for number in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with long_lived():
        pass
    assert not gc.isenabled()


def test_an_error_in_the_block_still_restores_the_collector() -> None:
    gc.enable()
    with pytest.raises(ValueError, match="load failed"), long_lived():
        raise ValueError("load failed")
    assert gc.isenabled()
