"""Fixtures for the storage tests: every database lives under the test's tmp folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest

from tic_desktop.storage import Database, open_database


@pytest.fixture(autouse=True)
def user_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user data folder into tmp so no test can touch a real reviewer's database."""
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    if not sys.platform.startswith("linux"):
        # platformdirs ignores XDG_DATA_HOME on Windows and macOS.
        monkeypatch.setattr(platformdirs, "user_data_path", lambda appname, **_: home / appname)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "tic.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()
