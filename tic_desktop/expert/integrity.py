"""Is the expert's saved work what the app saved? Checked when a package is opened and before
signing.

Every edit the app makes is one transaction with an entry in the hash-chained audit log. Two
things are checked: the chain itself (:func:`audit_chain_break`), and that the score, reason,
opinion, recommendation, judgement and certification rows are exactly what replaying the log
gives. A row edited outside the app (e.g. with an SQLite tool) or a broken chain stops signing
with what changed and when the last good entry was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tic_desktop.catalogue import Joined, Said, t, tc
from tic_desktop.errors import TicError
from tic_desktop.storage.audit import audit_chain_break
from tic_desktop.storage.database import Database
from tic_desktop.storage.models import (
    AuditEvent,
    CoiCertification,
    FormalJudgement,
    OpinionEntry,
    ScoreEntry,
)


class WorkTampered(TicError):
    """The saved work differs from its audit log, or the log's chain is broken."""


# (application, criterion or check) as the log names them; None where an entry lacks one
_Key = tuple[str | None, str | None]


@dataclass
class _Expected:
    scores: dict[_Key, tuple[str, str | None]]  # (score, note)
    opinions: dict[str | None, tuple[str, bool | None]]
    judgements: dict[_Key, tuple[bool | None, str]]
    declared: list[Any] | None
    last_at: datetime | None


def _when(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if at else "（无）"


def _replay(session: Session, package_sha256: str, expert_id: str) -> _Expected:
    expected = _Expected({}, {}, {}, None, None)
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.actor == expert_id).order_by(AuditEvent.id)
    )
    for event in events:
        payload = event.payload if isinstance(event.payload, dict) else {}
        if payload.get("package") != package_sha256:
            continue
        expected.last_at = event.at
        app: str | None = payload.get("application")
        if event.kind == "score":
            key: _Key = (app, payload.get("criterion"))
            if payload.get("score") is None:
                expected.scores.pop(key, None)
            else:
                note = payload.get("note")
                if note is None and key in expected.scores:
                    note = expected.scores[key][1]
                expected.scores[key] = (payload["score"], note)
        elif event.kind == "score_note":
            key = (app, payload.get("criterion"))
            if key in expected.scores:
                expected.scores[key] = (expected.scores[key][0], payload.get("note"))
        elif event.kind == "opinion":
            opinion, recommend = expected.opinions.get(app, ("", None))
            if payload.get("opinion") is not None:
                opinion = payload["opinion"]
            if payload.get("recommend") is not None:
                recommend = payload["recommend"]
            expected.opinions[app] = (opinion, recommend)
        elif event.kind == "formal_judgement":
            expected.judgements[(app, payload.get("check"))] = (
                payload.get("agrees"),
                payload.get("reason", ""),
            )
        elif event.kind == "coi_certified":
            expected.declared = payload.get("declared")
    return expected


def work_problem(
    db: Database, package_sha256: str, round_id: str, expert_id: str
) -> WorkTampered | None:
    """Why the saved work for this package cannot be trusted, or None when it checks out."""
    with db.session() as session:
        broken = audit_chain_break(session)
        if broken is not None:
            when = _when(broken.last_good_at)
            return WorkTampered(
                t(
                    "The audit log of this computer's database was altered from entry {entry} on "
                    "(last intact entry: {when}). The scores may have been changed outside the "
                    "app; signing is stopped. Please contact the bureau.",
                    entry=broken.event_id,
                    when=when,
                )
            )
        expected = _replay(session, package_sha256, expert_id)
        scope = {"package_sha256": package_sha256, "round_id": round_id, "expert_id": expert_id}
        changes: list[Said] = []
        rows = session.scalars(select(ScoreEntry).filter_by(**scope)).all()
        seen = set()
        for row in rows:
            key = (row.application_id, row.criterion_id)
            seen.add(key)
            logged = expected.scores.get(key)
            stored = (format(row.score, "f"), row.note)
            if (
                logged is None
                or Decimal(logged[0]) != row.score
                or (logged[1] or "") != (row.note or "")
            ):
                shown = "（无记录）" if logged is None else logged[0]
                changes.append(
                    t(
                        "{application} {criterion}: {stored} in the database, {logged} in the log",
                        application=row.application_id,
                        criterion=row.criterion_id,
                        stored=stored[0],
                        logged=shown,
                    )
                )
        for app_id, criterion_id in expected.scores.keys() - seen:
            changes.append(
                t(
                    "{application} {criterion}: the score was deleted from the database",
                    application=app_id,
                    criterion=criterion_id,
                )
            )
        for opinion in session.scalars(select(OpinionEntry).filter_by(**scope)):
            logged_opinion = expected.opinions.get(opinion.application_id, ("", None))
            if (opinion.opinion, opinion.recommend) != logged_opinion:
                changes.append(
                    t(
                        "{application}: the opinion or recommendation differs from the log",
                        application=opinion.application_id,
                    )
                )
        for judgement in session.scalars(select(FormalJudgement).filter_by(**scope)):
            if expected.judgements.get((judgement.application_id, judgement.check_id)) != (
                judgement.agrees,
                judgement.reason,
            ):
                changes.append(
                    t(
                        "{application}: a formal-review judgement differs from the log",
                        application=judgement.application_id,
                    )
                )
        certification = session.scalar(select(CoiCertification).filter_by(**scope))
        if certification is not None and certification.declared != expected.declared:
            changes.append(t("the conflict-of-interest declaration differs from the log"))
    if not changes:
        return None
    when = _when(expected.last_at)
    listed = Joined(tuple(changes[:5]), tc("list separator", "; "))
    return WorkTampered(
        t(
            "The saved scores differ from the audit log and may have been changed outside the "
            "app; signing is stopped: {changes}. Last log entry: {when}. Please contact the "
            "bureau.",
            changes=listed,
            when=when,
        )
    )
