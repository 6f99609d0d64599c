"""Correcting the register: a center's own fields, or a record taken back (an annual report, an
evaluation, the revocation). What a correction changes stays in the history with its reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tic_desktop.catalogue import t
from tic_desktop.errors import InputError
from tic_desktop.register.center_rows import load_center, now_utc
from tic_desktop.register.domain import KIND_IN_A_SENTENCE, Center, EvaluationKind
from tic_desktop.register.entry_checks import center_fields, checked_text, refuse
from tic_desktop.storage.database import Database
from tic_desktop.storage.register_history_tables import RegisterChange
from tic_desktop.storage.register_tables import (
    RegisterAnnualReport,
    RegisterCenter,
    RegisterEvaluation,
    RegisterRevocation,
)


def _plain(values: Mapping[str, object]) -> dict[str, str]:
    """Fields as kept in the history (JSON): dates as ISO text, enums as their values."""
    return {k: v.isoformat() if isinstance(v, date) else str(v) for k, v in values.items()}


def _keep(
    session: Session,
    center_id: str,
    record: str,
    action: str,
    before: Mapping[str, object],
    after: Mapping[str, object],
    reason: str,
) -> None:
    session.add(
        RegisterChange(
            center_id=center_id,
            record=record,
            action=action,
            before=json.dumps(_plain(before), ensure_ascii=False, sort_keys=True),
            after=json.dumps(_plain(after), ensure_ascii=False, sort_keys=True),
            reason=reason,
            recorded_at=now_utc(),
        )
    )


def edit_center(
    db: Database,
    center_id: str,
    name: str,
    lead_unit: str,
    lead_uscc: str,
    field: str,
    approved_on: date,
    preparation_years: int = 2,
    *,
    reason: str,
    today: date | None = None,
) -> Center:
    """Correct a center's own fields (not its id); what they were is kept with ``reason``.

    Refused when the new approval date would come after a record that depends on it (an annual
    report, an evaluation or the revocation)."""
    today = today or date.today()
    reason = checked_text(center_id, "reason", reason, 2000)
    fields = center_fields(
        center_id, name, lead_unit, lead_uscc, field, approved_on, preparation_years, today
    )
    with db.session() as session:
        center = load_center(session, center_id)
        years = [r.year for r in center.reports] + [e.year for e in center.evaluations]
        if years and fields["approved_on"].year > min(years):
            raise refuse(
                center_id,
                "approved_on",
                t("after the records already kept for {year}", year=min(years)),
            )
        if center.revocation is not None and fields["approved_on"] > center.revocation.revoked_on:
            raise refuse(center_id, "approved_on", t("after the date of the revocation"))
        row = session.get(RegisterCenter, center_id)
        before = {key: getattr(row, key) for key in fields}
        if before == fields:
            raise refuse(center_id, "name", t("nothing was changed"))
        _keep(session, center_id, "center", "corrected", before, fields, reason)
        for key, value in fields.items():
            setattr(row, key, value)
        session.flush()
        return load_center(session, center_id)


def remove_annual_report(db: Database, center_id: str, year: int, *, reason: str) -> Center:
    """Take back an annual report recorded by mistake (record it again if its date was wrong)."""
    reason = checked_text(center_id, "reason", reason, 2000)
    with db.session() as session:
        row = session.scalars(
            select(RegisterAnnualReport).where(
                RegisterAnnualReport.center_id == center_id, RegisterAnnualReport.year == year
            )
        ).first()
        if row is None:
            load_center(session, center_id)  # names a missing center first
            raise refuse(center_id, "year", t("no {year} report is recorded", year=year))
        before = {"year": row.year, "received_on": row.received_on}
        _keep(session, center_id, "annual_report", "removed", before, {}, reason)
        session.delete(row)
        session.flush()
        return load_center(session, center_id)


def remove_evaluation(
    db: Database, center_id: str, kind: EvaluationKind | str, year: int, *, reason: str
) -> Center:
    """Take back an evaluation result recorded by mistake (record the right one again)."""
    reason = checked_text(center_id, "reason", reason, 2000)
    kind = EvaluationKind(kind)
    with db.session() as session:
        row = session.scalars(
            select(RegisterEvaluation).where(
                RegisterEvaluation.center_id == center_id,
                RegisterEvaluation.kind == kind.value,
                RegisterEvaluation.year == year,
            )
        ).first()
        if row is None:
            load_center(session, center_id)
            raise refuse(
                center_id,
                "year",
                t("no {kind} of {year} is recorded", kind=KIND_IN_A_SENTENCE[kind], year=year),
            )
        before = {"kind": row.kind, "year": row.year, "result": row.result}
        _keep(session, center_id, "evaluation", "removed", before, {}, reason)
        session.delete(row)
        session.flush()
        return load_center(session, center_id)


def take_back(
    db: Database, center_id: str, record: tuple[object, ...] | None, *, reason: str
) -> Center:
    """Take back what the correction form chose: ``("annual_report", year)``,
    ``("evaluation", kind, year)`` or ``("revocation",)``."""
    if record is None:
        raise InputError(center_id, "record", t("choose the record to take back"))
    if record[0] == "annual_report":
        return remove_annual_report(db, center_id, int(str(record[1])), reason=reason)
    if record[0] == "evaluation":
        return remove_evaluation(db, center_id, str(record[1]), int(str(record[2])), reason=reason)
    return withdraw_revocation(db, center_id, reason=reason)


def withdraw_revocation(db: Database, center_id: str, *, reason: str) -> Center:
    """Take back a revocation recorded by mistake; the record and the reason stay in the history."""
    reason = checked_text(center_id, "reason", reason, 2000)
    with db.session() as session:
        row = session.get(RegisterRevocation, center_id)
        if row is None:
            load_center(session, center_id)
            raise refuse(center_id, "center_id", t("no revocation is recorded"))
        before = {"revoked_on": row.revoked_on, "clause": row.clause, "note": row.note}
        _keep(session, center_id, "revocation", "removed", before, {}, reason)
        session.delete(row)
        session.flush()
        return load_center(session, center_id)
