"""The append-only, sha256 hash-chained audit log of score and opinion changes.

Each event's ``hash`` is ``sha256(prev_hash + canonical JSON of {at, actor, kind, payload})``
in hex, and ``prev_hash`` is the previous event's hash (64 zeros for the first). Editing or
removing an event in the middle breaks the chain; removing events from the end does not, which
is why the head hash goes into the expert's signed return.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tic_desktop.storage.models import AuditEvent
from tic_desktop.storage.types import canonical_json

GENESIS_HASH = "0" * 64


def event_hash(prev_hash: str, at: datetime, actor: str, kind: str, payload: Any) -> str:
    """The hash of one event, given the hash of the event before it."""
    body = canonical_json(
        {
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "kind": kind,
            "payload": payload,
        }
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def audit_head_hash(session: Session) -> str:
    """The hash of the latest event (``GENESIS_HASH`` if the log is empty)."""
    latest = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return latest if latest is not None else GENESIS_HASH


def append_audit_event(
    session: Session,
    actor: str,
    kind: str,
    payload: dict[str, Any],
    *,
    at: datetime | None = None,
) -> AuditEvent:
    """Append an event to the log inside the caller's transaction and return it.

    Call it in the same ``Database.session()`` as the change it records, so that the change
    and its audit entry are committed together or not at all. ``payload`` must be JSON-able;
    scores go in as ``Decimal`` or decimal strings, never floats (``TypeError``).
    """
    at = at if at is not None else datetime.now(UTC)
    if at.tzinfo is None:
        raise TypeError("audit event time must be timezone-aware")
    # Normalise now so the hash is computed over exactly what is stored and read back
    # (Decimal → string, tuples → lists, UTC).
    at = at.astimezone(UTC)
    payload = _round_trip(payload)
    prev_hash = audit_head_hash(session)
    event = AuditEvent(
        at=at,
        actor=actor,
        kind=kind,
        payload=payload,
        prev_hash=prev_hash,
        hash=event_hash(prev_hash, at, actor, kind, payload),
    )
    session.add(event)
    # Flush now so the next append in the same transaction sees this event as the head.
    session.flush()
    return event


@dataclass(frozen=True)
class ChainBreak:
    """Where the log stops being trustworthy: the first bad event and the last good one's time."""

    event_id: int
    last_good_at: datetime | None


def audit_chain_break(session: Session) -> ChainBreak | None:
    """The first event whose hash is wrong or does not link to the one before it, or None."""
    prev_hash = GENESIS_HASH
    last_good: datetime | None = None
    event_id = 0
    try:
        for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
            event_id = event.id
            if event.prev_hash != prev_hash:
                return ChainBreak(event.id, last_good)
            expected = event_hash(prev_hash, event.at, event.actor, event.kind, event.payload)
            if event.hash != expected:
                return ChainBreak(event.id, last_good)
            prev_hash, last_good = event.hash, event.at
    except (ValueError, TypeError):
        # A row whose time or payload no longer parses was edited outside the app.
        return ChainBreak(event_id + 1, last_good)
    return None


def verify_audit_chain(session: Session) -> bool:
    """Whether every event's hash is right and links to the event before it."""
    return audit_chain_break(session) is None


def _round_trip(payload: dict[str, Any]) -> Any:
    return json.loads(canonical_json(payload))
