"""The returns inbox's rows in the local database (:mod:`tic_desktop.storage.inbox_tables`): read
back, written, and turned into the inbox's records. No Qt here.

A verified return's row keeps its signed token: its scores are read back from it, without
decrypting or verifying again. Rows are read as plain rows, not ORM objects (20,000 returns).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Row, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tic_desktop.returns.inbox_records import Choice, InboxEntry
from tic_desktop.returns.inbox_workers import payload
from tic_desktop.returns.receiving import ReceivedReturn
from tic_desktop.returns.scoring import parse_score_sheet
from tic_desktop.storage import Database
from tic_desktop.storage.inbox_tables import InboxChoice, InboxReturn

Rows = tuple[Sequence[Row[Any]], Sequence[InboxChoice]]
"""Rows of inbox_return and inbox_choice."""


def stored_rows(database: Database, round_id: str) -> Rows:
    """Every return stored for the round, in order of arrival, and every choice, in order made."""
    with database.session() as session:
        rows = session.execute(  # plain rows: no ORM objects for 20,000 returns
            select(*InboxReturn.__table__.columns)
            .where(InboxReturn.round_id == round_id)
            .order_by(InboxReturn.received_at, InboxReturn.id)
        ).all()
        choices = session.scalars(
            select(InboxChoice)
            .where(InboxChoice.round_id == round_id)
            .order_by(InboxChoice.chosen_at, InboxChoice.id)
        ).all()
    return rows, choices


def rows_since(database: Database, round_id: str, last_row: int, last_choice: int) -> Rows:
    """The returns and choices stored for the round after the rows numbered ``last_row`` and
    ``last_choice``, in the order stored."""
    with database.session() as session:
        rows = session.execute(  # plain rows: no ORM objects for 20,000 returns
            select(*InboxReturn.__table__.columns)
            .where(InboxReturn.round_id == round_id, InboxReturn.id > last_row)
            .order_by(InboxReturn.id)
        ).all()
        choices = session.scalars(
            select(InboxChoice)
            .where(InboxChoice.round_id == round_id, InboxChoice.id > last_choice)
            .order_by(InboxChoice.id)
        ).all()
    return rows, choices


def last_ids(database: Database, round_id: str) -> tuple[int, int]:
    """The highest row numbers of the round's returns and choices (0: none; a cheap query)."""
    with database.session() as session:
        last_row = session.scalar(
            select(func.max(InboxReturn.id)).where(InboxReturn.round_id == round_id)
        )
        last_choice = session.scalar(
            select(func.max(InboxChoice.id)).where(InboxChoice.round_id == round_id)
        )
    return last_row or 0, last_choice or 0


def entry_from_row(row: Row[Any], copy: Path) -> InboxEntry:
    """The entry a row of inbox_return keeps (``copy``: where its file's copy is kept)."""
    item = ReceivedReturn(Path(row.original_name), row.file_sha256)
    item.status, item.reason = row.status, row.reason
    item.detail, item.detail_en = row.detail, row.detail_en
    item.expert, item.revision, item.created_at = row.expert, row.revision, row.created_at
    item.package_sha256, item.package_built_at = row.package_sha256, row.package_built_at
    item.token_sha256 = row.token_sha256
    claimed = None
    if row.token is not None:
        document = payload(row.token)
        item.document = document
        item.sheet = parse_score_sheet(
            {k: document.get(k) for k in ("expert", "coi", "scores")}, row.original_name
        )
        item.signed_at = dt.datetime.fromisoformat(row.created_at)
        item.panel = row.panel
    else:
        claimed = row.panel
    return InboxEntry(item, row.original_name, row.received_at, copy, row.id, claimed)


def choice_from_row(row: InboxChoice) -> Choice:
    return Choice(
        row.panel_id, row.expert_id, row.file_sha256, row.chosen_by, row.os_user, row.chosen_at
    )


def row_values(
    entry: InboxEntry, round_id: str, round_sha256: str, fresh: bool = True
) -> dict[str, object]:
    """The fields of ``entry``'s row, checked against the round file ``round_sha256``; ``fresh``:
    with those a row is given once (for inserting it)."""
    item = entry.item
    row: dict[str, object] = {
        "round_sha256": round_sha256,
        "status": str(item.status),
        "reason": item.reason,
        "detail": item.detail,
        "detail_en": item.detail_en,
        "expert": item.expert,
        "panel": entry.panel,
        "revision": item.revision,
        "created_at": item.created_at,
        "package_sha256": item.package_sha256,
        "package_built_at": item.package_built_at,
        "token_sha256": item.token_sha256,
        "token": item.token if item.verified else None,
    }
    if fresh:
        row.update(
            round_id=round_id,
            file_sha256=entry.file_sha256,
            original_name=entry.original_name,
            received_at=entry.received_at,
        )
    return row


def write_rows(
    database: Database,
    round_id: str,
    inserts: list[dict[str, object]],
    rewrites: list[dict[str, object]],
    updates: list[dict[str, object]],
) -> dict[str, int]:
    """Insert the fresh rows ``inserts``, then write ``rewrites`` and ``updates`` (by ``id``), in
    one transaction. Returns the row number of each inserted file, by SHA-256."""
    ids: dict[str, int] = {}
    with database.session() as session:
        if inserts:
            # another inbox on the database may have stored the same file meanwhile
            statement = (
                sqlite_insert(InboxReturn)
                .on_conflict_do_nothing(index_elements=["round_id", "file_sha256"])
                .returning(InboxReturn.file_sha256, InboxReturn.id)
            )
            ids = dict(session.execute(statement, inserts).all())
            late = [str(row["file_sha256"]) for row in inserts if row["file_sha256"] not in ids]
            if late:
                ids.update(
                    session.execute(
                        select(InboxReturn.file_sha256, InboxReturn.id).where(
                            InboxReturn.round_id == round_id,
                            InboxReturn.file_sha256.in_(late),
                        )
                    ).all()
                )
        if rewrites:
            session.execute(update(InboxReturn), rewrites)
        if updates:
            session.execute(update(InboxReturn), updates)
    return ids


def store_choice(database: Database, round_id: str, choice: Choice) -> int:
    """Record ``choice`` (appended: earlier choices stay on record). Returns its row number."""
    with database.session() as session:
        stored = InboxChoice(
            round_id=round_id,
            panel_id=choice.panel,
            expert_id=choice.expert,
            file_sha256=choice.file_sha256,
            chosen_by=choice.chosen_by,
            os_user=choice.os_user,
            chosen_at=choice.chosen_at,
        )
        session.add(stored)
        session.flush()
        return stored.id


__all__ = [
    "Rows",
    "choice_from_row",
    "entry_from_row",
    "last_ids",
    "row_values",
    "rows_since",
    "stored_rows",
    "store_choice",
    "write_rows",
]
