"""Shared fixtures: the repo's curated base, and a fact base on a fresh database file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.curated import CuratedBase, load_curated
from bot.factbase import FactBase

ROOT = Path(__file__).resolve().parent.parent
FACTS_DIR = ROOT / "facts"
SEEDS_DIR = ROOT / "seeds"


def on_disk(path: Path) -> bytes:
    """Everything the database keeps on disk: its snapshot, then its journal."""
    journal = path.with_name(path.name + ".journal")
    return b"".join(part.read_bytes() for part in (path, journal) if part.exists())


@pytest.fixture(scope="session")
def curated() -> CuratedBase:
    """The repo's curated facts, validated."""
    return load_curated(FACTS_DIR, SEEDS_DIR)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path that does not exist yet."""
    return tmp_path / "data" / "factbot.json"


@pytest.fixture
def factbase(db_path: Path) -> Iterator[FactBase]:
    """A fact base created from the curated files on a fresh database."""
    base = FactBase.open(db_path, FACTS_DIR, SEEDS_DIR)
    yield base
    base.close()
