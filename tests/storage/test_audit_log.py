"""The hash-chained audit log."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tic_desktop.storage import Database
from tic_desktop.storage.audit import (
    GENESIS_HASH,
    append_audit_event,
    audit_head_hash,
    verify_audit_chain,
)


def _fill(db: Database) -> None:
    with db.session() as session:
        append_audit_event(
            session,
            "E01",
            "score",
            {"application": "LC-2026-001", "criterion": "team", "score": Decimal("17.5")},
        )
        append_audit_event(
            session, "E01", "opinion", {"application": "LC-2026-001", "text": "研发基础扎实"}
        )
    with db.session() as session:
        append_audit_event(
            session,
            "E01",
            "score",
            {"application": "LC-2026-001", "criterion": "team", "score": "18"},
        )


def test_empty_log_verifies(db: Database) -> None:
    with db.session() as session:
        assert verify_audit_chain(session)
        assert audit_head_hash(session) == GENESIS_HASH


def test_chain_verifies_and_links(db: Database) -> None:
    _fill(db)
    with db.session() as session:
        assert verify_audit_chain(session)
        head = audit_head_hash(session)
        assert head != GENESIS_HASH and len(head) == 64


def test_hash_follows_the_documented_formula(db: Database) -> None:
    at = datetime(2026, 5, 10, 8, 30, tzinfo=UTC)
    with db.session() as session:
        event = append_audit_event(session, "E01", "score", {"b": "1", "a": "评分"}, at=at)
    body = json.dumps(
        {
            "at": "2026-05-10T08:30:00.000000+00:00",
            "actor": "E01",
            "kind": "score",
            "payload": {"a": "评分", "b": "1"},
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert event.prev_hash == GENESIS_HASH
    assert event.hash == hashlib.sha256((GENESIS_HASH + body).encode()).hexdigest()


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE audit_event SET payload = replace(payload, '17.5', '19.5') WHERE id = 1",
        "UPDATE audit_event SET actor = 'E02' WHERE id = 2",
        "UPDATE audit_event SET payload = 'not json' WHERE id = 2",
        "DELETE FROM audit_event WHERE id = 2",
    ],
)
def test_edit_outside_the_app_is_detected(db: Database, tamper: str) -> None:
    _fill(db)
    # Someone with a SQLite shell: drops the append-only triggers, then edits.
    with sqlite3.connect(db.path) as raw:
        raw.execute("DROP TRIGGER audit_event_no_update")
        raw.execute("DROP TRIGGER audit_event_no_delete")
        raw.execute(tamper)
    raw.close()
    with db.session() as session:
        assert not verify_audit_chain(session)


def test_float_payload_is_refused(db: Database) -> None:
    with pytest.raises(TypeError, match="decimal string"):
        with db.session() as session:
            append_audit_event(session, "E01", "score", {"score": 17.5})
