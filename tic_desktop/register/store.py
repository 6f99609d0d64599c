"""Keeping the register in the local database: every write is one transaction, checked first.

Bad input (a person's mistake) raises :class:`~tic_desktop.errors.InputError` naming the center
and the field, with Chinese and English messages, and changes nothing. ``today`` defaults to the
machine's date; tests pass it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from tic_desktop.catalogue import Said, Text, t
from tic_desktop.errors import InputError
from tic_desktop.register.domain import (
    CLAUSE_TEXT,
    KIND_IN_A_SENTENCE,
    AnnualReport,
    Center,
    Evaluation,
    EvaluationKind,
    EvaluationResult,
    RecordChange,
    Revocation,
    RevocationClause,
    Status,
)
from tic_desktop.register.rules import DEFAULT_POLICY, RegisterPolicy, assess
from tic_desktop.rules.uscc import normalise_uscc, uscc_problem
from tic_desktop.storage.database import Database
from tic_desktop.storage.register_history_tables import RegisterChange
from tic_desktop.storage.register_tables import (
    RegisterAnnualReport,
    RegisterCenter,
    RegisterEvaluation,
    RegisterRevocation,
)

MAX_PREPARATION_YEARS = 5
EARLIEST_APPROVAL_YEAR = 2000
# Clauses whose facts are all in the register: revoking on one of them needs its trigger to apply.
CHECKED_CLAUSES = frozenset(
    {
        RevocationClause.NO_REPORTS,
        RevocationClause.SKIPPED_EVALUATION,
        RevocationClause.DISQUALIFIED,
    }
)

_USCC_PROBLEMS = {
    "length": t("must have 18 characters"),
    "characters": t("has characters outside GB 32100 (no I, O, Z, S, V)"),
    "division": t("characters 3–8 must be the division code"),
    "check_character": t("check character does not match"),
}


def _now() -> datetime:
    return datetime.now(UTC)


def _refuse(center_id: str, field: str, problem: Said) -> InputError:
    return InputError(center_id or "—", field, problem)


def _text(center_id: str, field: str, value: object, max_length: int = 200) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _refuse(center_id, field, t("must not be empty"))
    value = value.strip()
    if len(value) > max_length:
        raise _refuse(
            center_id,
            field,
            t("must be at most {max_length} characters", max_length=max_length),
        )
    return value


def _day(center_id: str, field: str, value: object, today: date) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise _refuse(center_id, field, t("must be a date"))
    if value > today:
        raise _refuse(
            center_id,
            field,
            t("{day} is after today ({today})", day=value.isoformat(), today=today.isoformat()),
        )
    return value


def _year(center_id: str, field: str, value: object, first: int, last: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not first <= value <= last:
        raise _refuse(
            center_id,
            field,
            t("must be a year from {first} to {last}", first=first, last=last),
        )
    return value


def _center(session: Session, center_id: str) -> Center:
    row = session.get(RegisterCenter, center_id)
    if row is None:
        raise _refuse(center_id, "center_id", t("no such center in the register"))
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


def _ended(revocation: Revocation, already: bool = False) -> Text:
    """How a center's revocation record reads: 撤销 (第十九条) or 取消资格 (第二十二条)."""
    day = revocation.revoked_on.isoformat()
    if revocation.clause is RevocationClause.DISQUALIFIED:
        if already:
            return t("the center's qualification was already cancelled on {day}", day=day)
        return t("the center's qualification was cancelled on {day}", day=day)
    if already:
        return t("the center was already revoked on {day}", day=day)
    return t("the center was revoked on {day}", day=day)


def _not_revoked_by(center: Center, day: date, field: str) -> None:
    if center.revocation is not None and center.revocation.revoked_on < day:
        raise _refuse(center.id, field, _ended(center.revocation))


def add_center(
    db: Database,
    center_id: str,
    name: str,
    lead_unit: str,
    lead_uscc: str,
    field: str,
    approved_on: date,
    preparation_years: int = 2,
    *,
    today: date | None = None,
) -> Center:
    """Enter an approved center (第八条（组建程序）（四）:
    approved on the day the list is published)."""
    today = today or date.today()
    center_id = _text("", "center_id", center_id, 40)
    fields = _center_fields(
        center_id, name, lead_unit, lead_uscc, field, approved_on, preparation_years, today
    )
    with db.session() as session:
        if session.get(RegisterCenter, center_id) is not None:
            raise _refuse(center_id, "center_id", t("this id is already in the register"))
        session.add(RegisterCenter(center_id=center_id, **fields, recorded_at=_now()))
        session.flush()
        return _center(session, center_id)


class _CenterFields(TypedDict):
    """A center's own fields as :func:`_center_fields` checks them
    (the columns they are kept in)."""

    name: str
    lead_unit: str
    lead_uscc: str
    field: str
    approved_on: date
    preparation_years: int


def _center_fields(
    center_id: str,
    name: str,
    lead_unit: str,
    lead_uscc: str,
    field: str,
    approved_on: date,
    preparation_years: int,
    today: date,
) -> _CenterFields:
    """A center's own fields, checked and normalised (as stored), or :class:`InputError`."""
    name = _text(center_id, "name", name)
    lead_unit = _text(center_id, "lead_unit", lead_unit)
    code = normalise_uscc(lead_uscc if isinstance(lead_uscc, str) else None) or ""
    problem = uscc_problem(code)
    if problem is not None:
        raise _refuse(
            center_id,
            "lead_uscc",
            t(
                "unified social credit code {code} {problem}",
                code=code or t("(empty)"),
                problem=_USCC_PROBLEMS[problem],
            ),
        )
    field = _text(center_id, "field", field)
    approved_on = _day(center_id, "approved_on", approved_on, today)
    if approved_on.year < EARLIEST_APPROVAL_YEAR:
        raise _refuse(
            center_id,
            "approved_on",
            t("before {year}", year=EARLIEST_APPROVAL_YEAR),
        )
    if (
        isinstance(preparation_years, bool)
        or not isinstance(preparation_years, int)
        or not 1 <= preparation_years <= MAX_PREPARATION_YEARS
    ):
        raise _refuse(
            center_id,
            "preparation_years",
            t(
                "the preparation period must be 1 to {most} years (generally 2)",
                most=MAX_PREPARATION_YEARS,
            ),
        )
    return _CenterFields(
        name=name,
        lead_unit=lead_unit,
        lead_uscc=code,
        field=field,
        approved_on=approved_on,
        preparation_years=preparation_years,
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
            recorded_at=_now(),
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
    reason = _text(center_id, "reason", reason, 2000)
    fields = _center_fields(
        center_id, name, lead_unit, lead_uscc, field, approved_on, preparation_years, today
    )
    with db.session() as session:
        center = _center(session, center_id)
        years = [r.year for r in center.reports] + [e.year for e in center.evaluations]
        if years and fields["approved_on"].year > min(years):
            raise _refuse(
                center_id,
                "approved_on",
                t("after the records already kept for {year}", year=min(years)),
            )
        if center.revocation is not None and fields["approved_on"] > center.revocation.revoked_on:
            raise _refuse(center_id, "approved_on", t("after the date of the revocation"))
        row = session.get(RegisterCenter, center_id)
        before = {key: getattr(row, key) for key in fields}
        if before == fields:
            raise _refuse(center_id, "name", t("nothing was changed"))
        _keep(session, center_id, "center", "corrected", before, fields, reason)
        for key, value in fields.items():
            setattr(row, key, value)
        session.flush()
        return _center(session, center_id)


def remove_annual_report(db: Database, center_id: str, year: int, *, reason: str) -> Center:
    """Take back an annual report recorded by mistake (record it again if its date was wrong)."""
    reason = _text(center_id, "reason", reason, 2000)
    with db.session() as session:
        row = session.scalars(
            select(RegisterAnnualReport).where(
                RegisterAnnualReport.center_id == center_id, RegisterAnnualReport.year == year
            )
        ).first()
        if row is None:
            _center(session, center_id)  # names a missing center first
            raise _refuse(center_id, "year", t("no {year} report is recorded", year=year))
        before = {"year": row.year, "received_on": row.received_on}
        _keep(session, center_id, "annual_report", "removed", before, {}, reason)
        session.delete(row)
        session.flush()
        return _center(session, center_id)


def remove_evaluation(
    db: Database, center_id: str, kind: EvaluationKind | str, year: int, *, reason: str
) -> Center:
    """Take back an evaluation result recorded by mistake (record the right one again)."""
    reason = _text(center_id, "reason", reason, 2000)
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
            _center(session, center_id)
            raise _refuse(
                center_id,
                "year",
                t("no {kind} of {year} is recorded", kind=KIND_IN_A_SENTENCE[kind], year=year),
            )
        before = {"kind": row.kind, "year": row.year, "result": row.result}
        _keep(session, center_id, "evaluation", "removed", before, {}, reason)
        session.delete(row)
        session.flush()
        return _center(session, center_id)


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
    reason = _text(center_id, "reason", reason, 2000)
    with db.session() as session:
        row = session.get(RegisterRevocation, center_id)
        if row is None:
            _center(session, center_id)
            raise _refuse(center_id, "center_id", t("no revocation is recorded"))
        before = {"revoked_on": row.revoked_on, "clause": row.clause, "note": row.note}
        _keep(session, center_id, "revocation", "removed", before, {}, reason)
        session.delete(row)
        session.flush()
        return _center(session, center_id)


def record_annual_report(
    db: Database, center_id: str, year: int, received_on: date, *, today: date | None = None
) -> Center:
    """Record that the annual report for ``year`` (第十七条: covering that year) was received."""
    today = today or date.today()
    with db.session() as session:
        center = _center(session, center_id)
        year = _year(center_id, "year", year, center.approved_on.year, today.year - 1)
        received_on = _day(center_id, "received_on", received_on, today)
        if received_on.year <= year:
            raise _refuse(
                center_id,
                "received_on",
                t(
                    "the {year} report covers that year and can only be received after it ends",
                    year=year,
                ),
            )
        _not_revoked_by(center, received_on, "received_on")
        existing = center.report_for(year)
        if existing is not None:
            raise _refuse(
                center_id,
                "year",
                t(
                    "the {year} report was already recorded as received on {day}",
                    year=year,
                    day=existing.received_on.isoformat(),
                ),
            )
        session.add(
            RegisterAnnualReport(
                center_id=center_id, year=year, received_on=received_on, recorded_at=_now()
            )
        )
        session.flush()
        return _center(session, center_id)


def record_evaluation(
    db: Database,
    center_id: str,
    kind: EvaluationKind | str,
    year: int,
    result: EvaluationResult | str,
    *,
    today: date | None = None,
) -> Center:
    """Record an evaluation result (第二十条、第二十二条; 无故不参加 → 第十九条（二）)."""
    today = today or date.today()
    try:
        kind = EvaluationKind(kind)
    except ValueError:
        raise _refuse(
            center_id, "kind", t("unknown evaluation kind {kind}", kind=repr(kind))
        ) from None
    if result is None or result == "":
        raise _refuse(center_id, "result", t("choose the result"))
    try:
        result = EvaluationResult(result)
    except ValueError:
        raise _refuse(
            center_id,
            "result",
            t("unknown evaluation result {result}", result=repr(result)),
        ) from None
    with db.session() as session:
        center = _center(session, center_id)
        year = _year(center_id, "year", year, center.approved_on.year, today.year)
        _not_revoked_by(center, date(year, 1, 1), "year")
        if any(e.kind is kind and e.year == year for e in center.evaluations):
            raise _refuse(
                center_id,
                "year",
                t(
                    "the {kind} of {year} is already recorded",
                    kind=KIND_IN_A_SENTENCE[kind],
                    year=year,
                ),
            )
        admission = center.admission()
        if kind is EvaluationKind.COMPREHENSIVE:
            if year < center.preparation_end.year:
                raise _refuse(
                    center_id,
                    "year",
                    t(
                        "the preparation period ends on {day}; "
                        "the comprehensive evaluation cannot be in an earlier year",
                        day=center.preparation_end.isoformat(),
                    ),
                )
            graded = [
                e for e in center.evaluations_of(kind) if e.result is not EvaluationResult.ABSENT
            ]
            if graded:
                raise _refuse(
                    center_id,
                    "kind",
                    t(
                        "the comprehensive evaluation of {year} is already recorded",
                        year=graded[0].year,
                    ),
                )
        elif admission is None or year <= admission.year:
            raise _refuse(
                center_id,
                "kind",
                t(
                    "biennial evaluations apply only after the center passed its comprehensive "
                    "evaluation (Art. 20)"
                ),
            )
        session.add(
            RegisterEvaluation(
                center_id=center_id,
                kind=kind.value,
                year=year,
                result=result.value,
                recorded_at=_now(),
            )
        )
        session.flush()
        return _center(session, center_id)


def revoke(
    db: Database,
    center_id: str,
    revoked_on: date,
    clause: RevocationClause | str,
    note: str,
    *,
    today: date | None = None,
    policy: RegisterPolicy = DEFAULT_POLICY,
) -> Center:
    """Record the bureau's revocation.
    A clause the register can check must apply on ``revoked_on``."""
    today = today or date.today()
    if clause is None or clause == "":
        raise _refuse(center_id, "clause", t("choose the clause"))
    try:
        clause = RevocationClause(clause)
    except ValueError:
        raise _refuse(
            center_id, "clause", t("unknown clause {clause}", clause=repr(clause))
        ) from None
    if clause is RevocationClause.NOT_ADMITTED:
        raise _refuse(
            center_id,
            "clause",
            t(
                "Art. 20 names no revocation: a center that fails the comprehensive evaluation is "
                "simply not admitted"
            ),
        )
    note = _text(center_id, "note", note, 2000)
    with db.session() as session:
        center = _center(session, center_id)
        revoked_on = _day(center_id, "revoked_on", revoked_on, today)
        if revoked_on < center.approved_on:
            raise _refuse(center_id, "revoked_on", t("before the approval date"))
        if center.revocation is not None:
            raise _refuse(center_id, "center_id", _ended(center.revocation, already=True))
        if clause is RevocationClause.DISQUALIFIED and not center.legacy:
            raise _refuse(
                center_id,
                "clause",
                t("Art. 22 applies only to centers approved in 2024 or earlier"),
            )
        if assess(center, revoked_on, policy).status is Status.NOT_ADMITTED:
            raise _refuse(
                center_id,
                "clause",
                t(
                    "the center failed the comprehensive evaluation and is not admitted "
                    "(Art. 20): there is nothing to revoke"
                ),
            )
        if clause in CHECKED_CLAUSES:
            applying = {trigger.grounds for trigger in assess(center, revoked_on, policy).triggers}
            if clause not in applying:
                raise _refuse(
                    center_id,
                    "clause",
                    t(
                        "as of {day} the register's records do not show “{clause}”",
                        day=revoked_on.isoformat(),
                        clause=CLAUSE_TEXT[clause].text,
                    ),
                )
        session.add(
            RegisterRevocation(
                center_id=center_id,
                revoked_on=revoked_on,
                clause=clause.value,
                note=note,
                recorded_at=_now(),
            )
        )
        session.flush()
        return _center(session, center_id)


def get_center(db: Database, center_id: str) -> Center:
    with db.session() as session:
        return _center(session, center_id)


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
        return [_center(session, center_id) for center_id in ids if center_id != exclude]


def list_centers(db: Database) -> list[Center]:
    """Every center in the register, by approval date then id."""
    with db.session() as session:
        ids = session.scalars(
            select(RegisterCenter.center_id).order_by(
                RegisterCenter.approved_on, RegisterCenter.center_id
            )
        ).all()
        return [_center(session, center_id) for center_id in ids]
