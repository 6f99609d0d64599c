"""Reading a center and every record kept about it from the register's tables; the time a new
record is stamped with.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tic_desktop.catalogue import t
from tic_desktop.register.domain import (
    AnnualReport,
    Center,
    Evaluation,
    EvaluationKind,
    EvaluationResult,
    RecordChange,
    Revocation,
    RevocationClause,
)
from tic_desktop.register.entry_checks import refuse
from tic_desktop.rules.uscc import normalise_uscc
from tic_desktop.storage.database import Database
from tic_desktop.storage.register_history_tables import RegisterChange
from tic_desktop.storage.register_tables import (
    RegisterAnnualReport,
    RegisterCenter,
    RegisterEvaluation,
    RegisterRevocation,
)


def now_utc() -> datetime:
    """When a record is written (its ``recorded_at``)."""
    return datetime.now(UTC)


def load_center(session: Session, center_id: str) -> Center:
    """The center with its records, or :class:`InputError` when the register has no such id."""
    row = session.get(RegisterCenter, center_id)
    if row is None:
        raise refuse(center_id, "center_id", t("no such center in the register"))
    reports = session.scalars(
        select(RegisterAnnualReport)
        .where(RegisterAnnualReport.center_id == center_id)
        .order_by(RegisterAnnualReport.year)
    )
    evaluations = session.scalars(
        select(RegisterEvaluation)
        .where(RegisterEvaluation.center_id == center_id)
        .order_by(RegisterEvaluation.year, RegisterEvaluation.kind)
    )
    revocation = session.get(RegisterRevocation, center_id)
    changes = session.scalars(
        select(RegisterChange)
        .where(RegisterChange.center_id == center_id)
        .order_by(RegisterChange.id)
    )
    return Center(
        id=row.center_id,
        name=row.name,
        lead_unit=row.lead_unit,
        lead_uscc=row.lead_uscc,
        field=row.field,
        approved_on=row.approved_on,
        preparation_years=row.preparation_years,
        reports=tuple(AnnualReport(r.year, r.received_on) for r in reports),
        evaluations=tuple(
            Evaluation(EvaluationKind(e.kind), e.year, EvaluationResult(e.result))
            for e in evaluations
        ),
        revocation=None
        if revocation is None
        else Revocation(
            revocation.revoked_on, RevocationClause(revocation.clause), revocation.note
        ),
        history=tuple(
            RecordChange(
                c.record,
                c.action,
                json.loads(c.before),
                json.loads(c.after),
                c.reason,
                c.recorded_at,
            )
            for c in changes
        ),
    )


def get_center(db: Database, center_id: str) -> Center:
    with db.session() as session:
        return load_center(session, center_id)


def centers_with_lead_uscc(
    db: Database, lead_uscc: str, *, exclude: str | None = None
) -> list[Center]:
    """Other centers whose lead unit has this credit code (normalised): the regulation does not
    forbid one unit hosting several centers, so this is for a warning, not a refusal."""
    code = normalise_uscc(lead_uscc if isinstance(lead_uscc, str) else None)
    if not code:
        return []
    with db.session() as session:
        ids = session.scalars(
            select(RegisterCenter.center_id)
            .where(RegisterCenter.lead_uscc == code)
            .order_by(RegisterCenter.approved_on, RegisterCenter.center_id)
        ).all()
        return [load_center(session, center_id) for center_id in ids if center_id != exclude]


def list_centers(db: Database) -> list[Center]:
    """Every center in the register, by approval date then id."""
    with db.session() as session:
        ids = session.scalars(
            select(RegisterCenter.center_id).order_by(
                RegisterCenter.approved_on, RegisterCenter.center_id
            )
        ).all()
        return [load_center(session, center_id) for center_id in ids]
