"""The local SQLite database: schema, migrations on open, transactions, audit log.

Typical start-up::

    db = open_database()          # raises DatabaseError with a message for people
    with db.session() as session:  # one transaction
        ...
"""

from tic_desktop.storage.database import Database, default_database_path, open_database

__all__ = ["Database", "default_database_path", "open_database"]
