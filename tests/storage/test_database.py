"""Opening the local database: pragmas, migrations, refusals, environment errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from tic_desktop.errors import DatabaseError
from tic_desktop.paths import migrations_dir
from tic_desktop.storage import Database, default_database_path, open_database
from tic_desktop.storage.audit import append_audit_event
from tic_desktop.storage.database import alembic_config, environment_error
from tic_desktop.storage.models import AuditEvent, Base, LoadedRound

REPO_ROOT = Path(__file__).resolve().parents[2]
TABLES = {"loaded_round", "stored_verdict", "panel_result", "score_entry", "audit_event"}


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def _head() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def _all_revisions_oldest_first() -> list[str]:
    return [rev.revision for rev in reversed(list(_script().walk_revisions()))]


def test_connection_pragmas(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migrations_create_tables_at_head(db: Database) -> None:
    assert TABLES <= set(inspect(db.engine).get_table_names())
    with db.engine.connect() as connection:
        stamped = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    assert stamped == [(_head(),)]
    assert db.current_revision() == _head()


def test_models_match_migrations(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_reopening_is_idempotent(db_path: Path) -> None:
    with open_database(db_path) as first:
        with first.session() as session:
            session.add(_round("R1"))
    with open_database(db_path) as second:
        assert second.current_revision() == _head()
        with second.session() as session:
            assert session.get(LoadedRound, "R1") is not None
        assert second.integrity_ok()


def test_default_path_is_in_user_data_folder(user_data_home: Path) -> None:
    assert default_database_path() == user_data_home / "tic-desktop" / "tic.sqlite3"
    with open_database() as db:
        assert db.path == default_database_path()
        assert db.path.is_file()


def test_database_from_newer_version_is_refused(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    raw.close()
    with pytest.raises(DatabaseError) as caught:
        open_database(db_path)
    assert "更新版本" in caught.value.message_zh
    assert "newer version" in caught.value.message_en
    assert "ffff_future" in caught.value.message_en
    assert str(db_path) in caught.value.message_en
    with sqlite3.connect(db_path) as raw:  # left exactly as it was
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("ffff_future",)
        ]
    raw.close()


def test_garbage_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.sqlite3"
    garbage = b"this is a spreadsheet, not a database\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert str(path) in caught.value.message_zh
    assert str(path) in caught.value.message_en
    assert path.read_bytes() == garbage


def test_other_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE contacts (name TEXT)")
    raw.close()
    with pytest.raises(DatabaseError, match="another program"):
        open_database(path)


def test_session_commits_or_rolls_back(db: Database) -> None:
    with pytest.raises(RuntimeError):
        with db.session() as session:
            session.add(_round("R1"))
            session.flush()
            raise RuntimeError("a bug")
    with db.session() as session:
        assert session.get(LoadedRound, "R1") is None
        session.add(_round("R2"))
    with db.session() as session:
        assert session.get(LoadedRound, "R2") is not None


def test_constraint_violation_is_a_bug_not_a_database_error(db: Database) -> None:
    with db.session() as session:
        session.add(_round("R1"))
    with pytest.raises(IntegrityError):
        with db.session() as session:
            session.add(_round("R1"))


def test_disk_full_becomes_database_error(db: Database) -> None:
    with pytest.raises(DatabaseError, match="disk is full"):
        with db.session() as session:
            pages = session.execute(text("PRAGMA page_count")).scalar()
            session.execute(text(f"PRAGMA max_page_count = {pages}"))
            for number in range(50):
                session.add(_round(f"R{number}", title="很长的标题" * 2000))
                session.flush()


def test_locked_database_becomes_database_error(db_path: Path) -> None:
    open_database(db_path).close()
    other_copy = sqlite3.connect(db_path, isolation_level=None)
    other_copy.execute("BEGIN IMMEDIATE")
    try:
        with open_database(db_path, busy_timeout_s=0.05) as db:
            pytest.fail(f"opened {db.path} although another connection holds the write lock")
    except DatabaseError as error:
        assert "locked" in error.message_en
    finally:
        other_copy.execute("ROLLBACK")
        other_copy.close()


def test_readonly_error_is_recognised(tmp_path: Path) -> None:
    # Tests may run as root, for whom chmod cannot make a file read-only; check the mapping.
    error = OperationalError(
        "INSERT", {}, sqlite3.OperationalError("attempt to write a readonly database")
    )
    translated = environment_error(error, tmp_path / "x.sqlite3")
    assert translated is not None
    assert "只读" in translated.message_zh
    assert (
        environment_error(
            OperationalError("SELECT", {}, sqlite3.OperationalError("no such column: x")),
            tmp_path / "x.sqlite3",
        )
        is None
    )


def test_audit_log_refuses_update_and_delete(db: Database) -> None:
    with db.session() as session:
        append_audit_event(session, "E01", "score", {"value": "18"})
    for statement in ("UPDATE audit_event SET actor = 'x'", "DELETE FROM audit_event"):
        with pytest.raises(IntegrityError, match="append-only"):
            with db.session() as session:
                session.execute(text(statement))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1


def test_integrity_ok_on_fresh_database(db: Database) -> None:
    assert db.integrity_ok()


@pytest.mark.parametrize("revision", _all_revisions_oldest_first())
def test_database_made_at_each_revision_opens_and_upgrades(tmp_path: Path, revision: str) -> None:
    path = tmp_path / f"at-{revision}.sqlite3"
    # Built through env.py's own-engine path, as the Alembic command line would.
    command.upgrade(alembic_config(f"sqlite:///{path}"), revision)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [(revision,)]
    raw.close()
    with open_database(path) as db:
        assert db.current_revision() == _head()
        assert TABLES <= set(inspect(db.engine).get_table_names())
        assert db.integrity_ok()


def test_alembic_command_line_upgrades_a_fresh_file(tmp_path: Path) -> None:
    path = tmp_path / "cli.sqlite3"
    ini = migrations_dir() / "alembic.ini"
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(ini), "-x", f"db={path}", "upgrade", "head"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(path) as raw:  # committed by the command itself, not by opening
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [(_head(),)]
    raw.close()
    with open_database(path) as db:
        assert db.current_revision() == _head()


def _round(round_id: str, title: str = "2026 年度技术创新中心建设") -> LoadedRound:
    return LoadedRound(
        round_id=round_id,
        title=title,
        kind="establishment",
        source_path="/data/round.json",
        file_sha256="a" * 64,
        loaded_at=datetime.now(UTC),
    )


def test_migrations_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    config = alembic_config(f"sqlite:///{tmp_path / 'down-up.sqlite3'}")
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    with open_database(tmp_path / "down-up.sqlite3") as db:
        assert db.current_revision() == _head()
