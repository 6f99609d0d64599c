"""Issue #12 item 9: the local database (an expert's scores and opinions) is created private, file
0600 in a folder 0700, and an existing database is tightened when it is opened."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from tic_desktop.storage import default_database_path, open_database

pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="outside the project's control: file modes are POSIX"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _write_something(database) -> None:
    with database.session() as session:
        session.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
        session.execute(text("INSERT INTO probe VALUES (1)"))


def test_a_new_database_is_0600_in_a_new_folder_0700(tmp_path):
    old_umask = os.umask(0o022)  # the usual umask: without care, 0644 in 0755
    try:
        path = tmp_path / "data" / "tic-desktop" / "tic.sqlite3"
        database = open_database(path)
        try:
            _write_something(database)
            assert mode(path) == 0o600
            assert mode(path.parent) == 0o700
            wal = path.with_name(path.name + "-wal")
            assert wal.exists() and mode(wal) == 0o600  # SQLite gives it the database's mode
            assert mode(path.with_name(path.name + "-shm")) == 0o600
        finally:
            database.close()
    finally:
        os.umask(old_umask)


def test_an_existing_database_and_its_wal_are_tightened_on_open(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "tic.sqlite3"
    database = open_database(path)
    _write_something(database)
    database.close()
    raw = sqlite3.connect(path)  # a write-ahead log left behind, as after a crash
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("CREATE TABLE leftover (x INTEGER)")
    wal = path.with_name(path.name + "-wal")
    os.chmod(path, 0o644)
    if wal.exists():
        os.chmod(wal, 0o666)
    database = open_database(path)
    try:
        assert mode(path) == 0o600
        if wal.exists():
            assert mode(wal) == 0o600
    finally:
        database.close()
        raw.close()


def test_the_apps_own_data_folder_is_tightened_but_a_chosen_folder_is_left_alone(
    tmp_path, user_data_home
):
    own = default_database_path()
    own.parent.mkdir(parents=True)
    os.chmod(own.parent, 0o755)  # made by an earlier version
    open_database().close()
    assert mode(own.parent) == 0o700 and mode(own) == 0o600

    chosen = tmp_path / "Documents"
    chosen.mkdir()
    os.chmod(chosen, 0o755)
    open_database(chosen / "review.sqlite3").close()
    assert mode(chosen) == 0o755  # someone else's folder: only the file is made private
    assert mode(chosen / "review.sqlite3") == 0o600
