"""Keeping the register in the local database: every write is one transaction, checked first.

Bad input (a person's mistake) raises :class:`~tic_desktop.errors.InputError` naming the center
and the field, with Chinese and English messages, and changes nothing. ``today`` defaults to the
machine's date; tests pass it. Here: entering a center and recording its reports, evaluations and
revocation. The checks are in :mod:`.entry_checks`, reading a center back in :mod:`.center_rows`,
corrections in :mod:`.corrections`; their functions are importable from here too.
"""

from __future__ import annotations

from datetime import date

from tic_desktop.catalogue import Text, t
from tic_desktop.register.center_rows import (
    centers_with_lead_uscc as centers_with_lead_uscc,
)
from tic_desktop.register.center_rows import get_center as get_center
from tic_desktop.register.center_rows import list_centers as list_centers
from tic_desktop.register.center_rows import load_center, now_utc
from tic_desktop.register.corrections import edit_center as edit_center
from tic_desktop.register.corrections import remove_annual_report as remove_annual_report
from tic_desktop.register.corrections import remove_evaluation as remove_evaluation
from tic_desktop.register.corrections import take_back as take_back
from tic_desktop.register.corrections import withdraw_revocation as withdraw_revocation
from tic_desktop.register.domain import (
    CLAUSE_TEXT,
    KIND_IN_A_SENTENCE,
    Center,
    EvaluationKind,
    EvaluationResult,
    Revocation,
    RevocationClause,
    Status,
)
from tic_desktop.register.entry_checks import (
    center_fields,
    checked_day,
    checked_text,
    checked_year,
    refuse,
)
from tic_desktop.register.rules import DEFAULT_POLICY, RegisterPolicy, assess
from tic_desktop.storage.database import Database
from tic_desktop.storage.register_tables import (
    RegisterAnnualReport,
    RegisterCenter,
    RegisterEvaluation,
    RegisterRevocation,
)

# Clauses whose facts are all in the register: revoking on one of them needs its trigger to apply.
CHECKED_CLAUSES = frozenset(
    {
        RevocationClause.NO_REPORTS,
        RevocationClause.SKIPPED_EVALUATION,
        RevocationClause.DISQUALIFIED,
    }
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
        raise refuse(center.id, field, _ended(center.revocation))


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
    center_id = checked_text("", "center_id", center_id, 40)
    fields = center_fields(
        center_id, name, lead_unit, lead_uscc, field, approved_on, preparation_years, today
    )
    with db.session() as session:
        if session.get(RegisterCenter, center_id) is not None:
            raise refuse(center_id, "center_id", t("this id is already in the register"))
        session.add(RegisterCenter(center_id=center_id, **fields, recorded_at=now_utc()))
        session.flush()
        return load_center(session, center_id)


def record_annual_report(
    db: Database, center_id: str, year: int, received_on: date, *, today: date | None = None
) -> Center:
    """Record that the annual report for ``year`` (第十七条: covering that year) was received."""
    today = today or date.today()
    with db.session() as session:
        center = load_center(session, center_id)
        year = checked_year(center_id, "year", year, center.approved_on.year, today.year - 1)
        received_on = checked_day(center_id, "received_on", received_on, today)
        if received_on.year <= year:
            raise refuse(
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
            raise refuse(
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
                center_id=center_id, year=year, received_on=received_on, recorded_at=now_utc()
            )
        )
        session.flush()
        return load_center(session, center_id)


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
        raise refuse(
            center_id, "kind", t("unknown evaluation kind {kind}", kind=repr(kind))
        ) from None
    if result is None or result == "":
        raise refuse(center_id, "result", t("choose the result"))
    try:
        result = EvaluationResult(result)
    except ValueError:
        raise refuse(
            center_id,
            "result",
            t("unknown evaluation result {result}", result=repr(result)),
        ) from None
    with db.session() as session:
        center = load_center(session, center_id)
        year = checked_year(center_id, "year", year, center.approved_on.year, today.year)
        _not_revoked_by(center, date(year, 1, 1), "year")
        if any(e.kind is kind and e.year == year for e in center.evaluations):
            raise refuse(
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
                raise refuse(
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
                raise refuse(
                    center_id,
                    "kind",
                    t(
                        "the comprehensive evaluation of {year} is already recorded",
                        year=graded[0].year,
                    ),
                )
        elif admission is None or year <= admission.year:
            raise refuse(
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
                recorded_at=now_utc(),
            )
        )
        session.flush()
        return load_center(session, center_id)


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
        raise refuse(center_id, "clause", t("choose the clause"))
    try:
        clause = RevocationClause(clause)
    except ValueError:
        raise refuse(
            center_id, "clause", t("unknown clause {clause}", clause=repr(clause))
        ) from None
    if clause is RevocationClause.NOT_ADMITTED:
        raise refuse(
            center_id,
            "clause",
            t(
                "Art. 20 names no revocation: a center that fails the comprehensive evaluation is "
                "simply not admitted"
            ),
        )
    note = checked_text(center_id, "note", note, 2000)
    with db.session() as session:
        center = load_center(session, center_id)
        revoked_on = checked_day(center_id, "revoked_on", revoked_on, today)
        if revoked_on < center.approved_on:
            raise refuse(center_id, "revoked_on", t("before the approval date"))
        if center.revocation is not None:
            raise refuse(center_id, "center_id", _ended(center.revocation, already=True))
        if clause is RevocationClause.DISQUALIFIED and not center.legacy:
            raise refuse(
                center_id,
                "clause",
                t("Art. 22 applies only to centers approved in 2024 or earlier"),
            )
        if assess(center, revoked_on, policy).status is Status.NOT_ADMITTED:
            raise refuse(
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
                raise refuse(
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
                recorded_at=now_utc(),
            )
        )
        session.flush()
        return load_center(session, center_id)
