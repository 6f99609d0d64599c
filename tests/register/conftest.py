"""Register tests: a fresh migrated database per test; builders importable as
``register_builders``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tic_desktop.storage import open_database

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "register.sqlite3")
    yield database
    database.close()
