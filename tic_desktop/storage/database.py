"""Opening the local database: pragmas, migrations, version refusal, transactions.

After qutebrowser's ``misc/sql.py``: a database written by a newer version of the app is
refused rather than damaged; problems of the machine (disk full, read-only folder, another copy
of the app holding the lock, a damaged file) become :class:`DatabaseError` with a message for
people; anything else is a bug and propagates unchanged.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from tic_desktop.catalogue import t
from tic_desktop.errors import DatabaseError
from tic_desktop.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

APP_NAME = "tic-desktop"
DATABASE_FILE_NAME = "tic.sqlite3"


def default_database_path() -> Path:
    """The database in the user's data folder, e.g. ``~/.local/share/tic-desktop/tic.sqlite3``."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DATABASE_FILE_NAME


def make_engine(path: Path, *, busy_timeout_s: float = 10.0) -> Engine:
    """A SQLAlchemy engine for ``path`` with the app's connection settings.

    Used by :func:`open_database` and by ``db/env.py`` when the Alembic command line runs.
    """
    url = URL.create("sqlite+pysqlite", database=str(path))
    engine = create_engine(url, connect_args={"timeout": busy_timeout_s})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Take BEGIN away from the sqlite3 module (it skips it before DDL and SELECT), so that a
    # migration that fails half-way rolls back completely; _on_begin emits it instead.
    dbapi_connection.isolation_level = None
    # These must run outside a transaction, hence on connect. WAL + FULL: a reviewer's
    # laptop may lose power mid-form and every committed score must survive it.
    dbapi_connection.execute("PRAGMA journal_mode=WAL")
    dbapi_connection.execute("PRAGMA synchronous=FULL")
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _on_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front. With a plain (deferred) BEGIN, a transaction
    # that reads and then writes (the audit chain, upserts) fails at once with SQLITE_BUSY when
    # another connection wrote in between; busy_timeout cannot retry that case.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """An open, migrated local database. Create it with :func:`open_database`."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        # expire_on_commit=False: objects read in a transaction stay readable after it, which
        # the GUI needs when it shows what was just saved.
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises.

        Disk full, read-only, locked or damaged database → :class:`DatabaseError`; other
        exceptions (bugs, constraint violations) propagate unchanged.
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            translated = environment_error(exc, self.path)
            if translated is None:
                raise
            raise translated from exc

    def integrity_ok(self) -> bool:
        """Whether SQLite's ``PRAGMA integrity_check`` finds the file intact."""
        try:
            with self.engine.connect() as connection:
                rows = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        except DBAPIError as exc:
            if _error_name(exc) in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
                return False
            raise
        return [tuple(row) for row in rows] == [("ok",)]

    def current_revision(self) -> str | None:
        """The Alembic revision the file is at (``None`` for an empty file)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def close(self) -> None:
        """Close all connections (the WAL is checkpointed when the last one closes)."""
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_database(path: Path | None = None, *, busy_timeout_s: float = 10.0) -> Database:
    """Open (creating if needed) the local database and bring its schema up to date.

    ``path`` defaults to :func:`default_database_path`; missing folders are created.
    ``busy_timeout_s`` is how long to wait for another copy of the app to release the lock.
    Raises :class:`DatabaseError` if the file is not a SQLite database, was written by a newer
    version of the app, belongs to another program, or the machine prevents using it.
    """
    own_folder = path is None  # the app's own data folder: nobody else's files live there
    path = Path(path) if path is not None else default_database_path()
    try:
        _private_database_file(path, own_folder)
    except OSError as exc:
        raise DatabaseError(
            t(
                "Cannot create the database folder {folder} ({reason})",
                folder=str(path.parent),
                reason=exc.strerror,
            )
        ) from exc
    engine = make_engine(path, busy_timeout_s=busy_timeout_s)
    try:
        _migrate(engine, path)
    except DBAPIError as exc:
        engine.dispose()
        translated = environment_error(exc, path)
        if translated is None:
            raise
        raise translated from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(path, engine)


PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def _private_database_file(path: Path, own_folder: bool) -> None:
    """The database readable by its owner only: the file 0600 (created empty if new; SQLite gives
    its -wal and -shm files the database's mode), in a folder 0700 when this call creates it or it
    is the app's own data folder (a folder someone chose for the file is left as it is).

    The file holds an expert's scores and opinions; the folder's mode also hides which files exist.
    An existing database (and its companions) is tightened on every open.
    """
    missing_folder = not path.parent.exists()
    path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    if os.name != "posix":
        return
    if missing_folder or own_folder:
        os.chmod(path.parent, PRIVATE_FOLDER_MODE)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        pass
    for file in (path, *(path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS)):
        try:
            if stat.S_IMODE(os.stat(file).st_mode) != PRIVATE_FILE_MODE:
                os.chmod(file, PRIVATE_FILE_MODE)
        except FileNotFoundError:
            continue
        except PermissionError:  # another user's file: SQLite reports what it cannot do with it
            continue


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration pointing at the migrations folder (``db/``)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("path_separator", "os")
    if url is not None:
        # Config values go through configparser interpolation, where "%" is special.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:\"([^\"]*)\"|'([^']*)'|None)", re.MULTILINE
)


def head_revision() -> str | None:
    """The newest migration's id, read from ``db/versions/*.py`` without importing Alembic.

    None when the files do not show exactly one head (then Alembic itself decides).
    """
    revisions, parents = set(), set()
    for script in migrations_dir().joinpath("versions").glob("*.py"):
        found = {
            name: first or second
            for name, first, second in _REVISION_LINE.findall(script.read_text(encoding="utf-8"))
        }
        if found.get("revision"):
            revisions.add(found["revision"])
        if found.get("down_revision"):
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stamped_revisions(path: Path) -> set[str] | None:
    """The revisions recorded in the file (read-only, with sqlite3); None if it cannot tell."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        return {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _migrate(engine: Engine, path: Path) -> None:
    # Most starts find the schema up to date: check that with sqlite3 and the migration files'
    # names, and import Alembic (≈ 0.3–0.5 s) only when there is something to do or to refuse.
    head = head_revision()
    if head is not None and _stamped_revisions(path) == {head}:
        with engine.connect() as connection, connection.begin():
            pass  # the write lock, as a migration takes it: another copy of the app is refused now
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(engine.url.render_as_string(hide_password=False))
    script = ScriptDirectory.from_config(config)
    known = {revision.revision for revision in script.walk_revisions()}
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        # the pysqlite driver (_on_connect sets it up the same way); a just-opened connection
        # is never detached, so it has one
        assert isinstance(raw, sqlite3.Connection)
        # Batch migrations rebuild tables by copy-and-rename, which foreign keys would block or
        # cascade through; SQLite only honours this pragma outside a transaction. Foreign keys
        # are checked once the migration is done, before it commits.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                _refuse_foreign_or_newer(connection, known, path)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _refuse_foreign_or_newer(connection: Connection, known: set[str], path: Path) -> None:
    from alembic.runtime.migration import MigrationContext

    current = set(MigrationContext.configure(connection).get_current_heads())
    unknown = sorted(current - known)
    if unknown:
        revision = ", ".join(unknown)
        raise DatabaseError(
            t(
                "The database was created by a newer version of TIC Review Desktop "
                "(revision {revision}); upgrade the app to open {path}",
                revision=revision,
                path=str(path),
            )
        )
    if not current and inspect(connection).get_table_names():
        # Tables but no version stamp: some other program's database. Migrating it would mix
        # our tables into it, so refuse.
        raise DatabaseError(
            t(
                "{path} is a SQLite database of another program, not TIC Review Desktop's",
                path=str(path),
            )
        )


def _error_name(exc: DBAPIError) -> str:
    return getattr(exc.orig, "sqlite_errorname", "") or ""


def environment_error(exc: DBAPIError, path: Path) -> DatabaseError | None:
    """The :class:`DatabaseError` for a SQLite error caused by the machine, else ``None``.

    Distinguishes what a person can fix (free disk space, close the other copy of the app,
    restore a backup) from programming errors, which must not be dressed up as either.
    """
    if isinstance(exc.orig, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
        return None  # our own mistakes, whatever their wording
    name = _error_name(exc)
    text = str(exc.orig).lower()
    shown = str(path)
    if name == "SQLITE_FULL" or "disk is full" in text:
        return DatabaseError(
            t(
                "The disk is full; cannot save to the database {path}. Free some space and retry.",
                path=shown,
            )
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return DatabaseError(
            t(
                "The database {path} is read-only; check write permission on the file and folder.",
                path=shown,
            )
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return DatabaseError(
            t(
                "The database {path} is locked, perhaps by another running copy of the app. "
                "Close it and retry.",
                path=shown,
            )
        )
    damaged = "not a database" in text or "malformed" in text
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or damaged:
        return DatabaseError(t("{path} is not a SQLite database or is damaged", path=shown))
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR")) or "unable to open" in text:
        return DatabaseError(
            t(
                "Cannot read or write the database file {path} ({error})",
                path=shown,
                error=str(exc.orig),
            )
        )
    return None
