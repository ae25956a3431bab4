"""Loaded by a `factbot` process under test: the disk shim of tests/support/disk.py."""

import os
import sys
from pathlib import Path

if os.environ.get("FACTBOT_TEST_DISK"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from tests.support.disk import install

    install(Path(os.environ["FACTBOT_TEST_DISK"]))
