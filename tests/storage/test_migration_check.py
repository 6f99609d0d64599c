"""A start with the schema up to date does not import Alembic (issue #15: start-up time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from tic_desktop.storage import open_database
from tic_desktop.storage.database import alembic_config, head_revision

ROOT = Path(__file__).resolve().parents[2]


def test_the_head_read_from_the_files_is_alembics_head():
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_an_up_to_date_database_opens_without_alembic(tmp_path):
    path = tmp_path / "tic.sqlite3"
    with open_database(path) as db:  # created and migrated (Alembic runs)
        assert db.current_revision() == head_revision()
    probe = (
        "import sys\n"
        "from tic_desktop.storage import open_database\n"
        f"db = open_database({str(path)!r})\n"
        "db.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"


def test_an_old_database_is_still_migrated(tmp_path):
    from alembic import command

    path = tmp_path / "old.sqlite3"
    command.upgrade(alembic_config(f"sqlite:///{path}"), "0001")
    with open_database(path) as db:
        assert db.current_revision() == head_revision()
