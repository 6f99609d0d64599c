"""Alembic environment for the TIC Review Desktop local database.

Two ways in:

* the app (``tic_desktop.storage.database.open_database``) passes its open connection in
  ``config.attributes["connection"]``, already inside the transaction that also checked the
  database's version, so the whole upgrade commits or rolls back as one;
* developers run the Alembic command line from the checkout, e.g.
  ``alembic -c db/alembic.ini -x db=/tmp/dev.sqlite3 upgrade head``; then an engine is made
  here with the same connection settings as the app's.
"""

from __future__ import annotations

from logging.config import fileConfig
from pathlib import Path

from alembic import context
from sqlalchemy.engine import make_url

from tic_desktop.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _database_path() -> Path:
    given = context.get_x_argument(as_dictionary=True).get("db")
    if given:
        return Path(given)
    url = config.get_main_option("sqlalchemy.url")
    if url:
        database = make_url(url).database
        if database:
            return Path(database)
    raise SystemExit(
        "No database given: run e.g. `alembic -c db/alembic.ini -x db=PATH upgrade head` "
        "(never point it at a reviewer's real database without a backup)."
    )


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        # SQLite does roll back DDL once BEGIN is really sent, which make_engine ensures; so
        # the whole upgrade is one transaction instead of Alembic's default of one per step.
        transactional_ddl=True,
        compare_type=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    """Write the SQL to stdout (``alembic upgrade head --sql``) instead of running it."""
    _configure(url=f"sqlite:///{_database_path()}", literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the app's connection or on a new one to ``-x db=PATH``."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return

    # Imported here so that offline mode works without the app's engine settings.
    from tic_desktop.storage.database import make_engine

    engine = make_engine(_database_path())
    try:
        with engine.connect() as connection:
            # As in the app: batch rebuilds must not trip or cascade foreign keys, and SQLite
            # only honours this pragma outside a transaction.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            _configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if config.config_file_name is not None and "connection" not in config.attributes:
    # Command-line use only: the app keeps its own logging setup.
    fileConfig(config.config_file_name, disable_existing_loggers=False)

if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
