"""Exact column types: decimals and times read back exactly as written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from tic_desktop.storage import Database, open_database
from tic_desktop.storage.models import ScoreEntry

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    # Module scope: hypothesis runs many examples per test and refuses function-scoped fixtures.
    database = open_database(tmp_path_factory.mktemp("types") / "tic.sqlite3")
    yield database
    database.close()


def _store_and_read(db: Database, score: object) -> Decimal:
    with db.session() as session:
        session.execute(delete(ScoreEntry))
        session.add(
            ScoreEntry(
                round_id="R",
                expert_id="E01",
                application_id="A",
                criterion_id="team",
                score=score,
                updated_at=NOW,
            )
        )
    with db.session() as session:
        return session.scalars(select(ScoreEntry.score)).one()


def test_decimal_keeps_trailing_zero(shared_db: Database) -> None:
    read = _store_and_read(shared_db, Decimal("0.10"))
    assert str(read) == "0.10"
    with shared_db.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT score, typeof(score) FROM score_entry").one()
    assert tuple(stored) == ("0.10", "text")


@settings(deadline=None, max_examples=60)
@given(
    st.decimals(
        places=2,
        allow_nan=False,
        allow_infinity=False,
        min_value=Decimal("-1e12"),
        max_value=Decimal("1e12"),
    )
)
def test_decimal_round_trips_exactly(shared_db: Database, value: Decimal) -> None:
    read = _store_and_read(shared_db, value)
    assert read == value
    assert str(read) == format(value, "f")
    assert read.as_tuple().exponent == value.as_tuple().exponent


@pytest.mark.parametrize("bad", [17.5, "17.5", True, Decimal("NaN")])
def test_decimal_column_refuses_non_decimals(shared_db: Database, bad: object) -> None:
    with pytest.raises(Exception, match="DecimalText"):
        _store_and_read(shared_db, bad)


def test_times_are_stored_in_utc_and_read_back_equal(shared_db: Database) -> None:
    local = NOW.astimezone(timezone(timedelta(hours=8)))
    with shared_db.session() as session:
        session.execute(delete(ScoreEntry))
        session.add(
            ScoreEntry(
                round_id="R",
                expert_id="E01",
                application_id="A",
                criterion_id="team",
                score=Decimal("1"),
                updated_at=local,
            )
        )
    with shared_db.session() as session:
        assert session.scalars(select(ScoreEntry.updated_at)).one() == NOW
    with shared_db.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT updated_at FROM score_entry").scalar()
    assert stored == "2026-05-10T12:00:00.000000+00:00"


def test_naive_time_is_refused(shared_db: Database) -> None:
    with pytest.raises(Exception, match="timezone-aware"):
        with shared_db.session() as session:
            session.add(
                ScoreEntry(
                    round_id="R",
                    expert_id="E02",
                    application_id="A",
                    criterion_id="team",
                    score=Decimal("1"),
                    updated_at=datetime(2026, 5, 10, 12, 0),
                )
            )
