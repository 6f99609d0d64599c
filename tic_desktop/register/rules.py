"""What the regulation says about a center today: revocation triggers and what is due next.

Pure functions of the records and ``today``; records dated after ``today`` are ignored, so the
same register can be assessed as of any day. Where the regulation names no date (the annual
report deadline, how long after the preparation period the evaluation may take), the value
comes from :class:`RegisterPolicy`; docs/register.md explains each choice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from tic_desktop.catalogue import t, tc
from tic_desktop.register.domain import (
    CLOSED_STATUSES,
    KIND_TEXT,
    RESULT_TEXT,
    Bilingual,
    Center,
    Evaluation,
    EvaluationKind,
    EvaluationResult,
    RevocationClause,
    Status,
    add_months,
)

BIENNIAL_INTERVAL_YEARS = 2  # 第二十条：每两年开展年度绩效评价


@dataclass(frozen=True)
class RegisterPolicy:
    """The bureau's choices where the regulation is silent
    (defaults documented in docs/register.md)."""

    report_deadline: tuple[int, int] = (3, 31)
    """(month, day) in year N+1 by which the annual report for year N must be received."""
    reports_from_year: int = 2025
    """The first report year the register tracks
    (the report due in 2026, when the measures take effect)."""
    effective_on: date = date(2026, 1, 1)
    """When the measures take effect (第二十三条 leaves the day blank: 自2026年xx月xx日起施行)."""
    comprehensive_window_months: int = 6
    """Months after the preparation period ends
    by which the comprehensive evaluation should be held."""
    biennial_deadline: tuple[int, int] = (12, 31)
    """(month, day) in the evaluation year by which a biennial evaluation should be held."""

    def report_due(self, year: int) -> date:
        """The last day to submit the annual report for ``year``."""
        month, day = self.report_deadline
        return date(year + 1, month, min(day, _month_days(year + 1, month)))

    def biennial_due(self, year: int) -> date:
        month, day = self.biennial_deadline
        return date(year, month, min(day, _month_days(year, month)))


DEFAULT_POLICY = RegisterPolicy()


def _month_days(year: int, month: int) -> int:
    return (add_months(date(year, month, 1), 1) - timedelta(days=1)).day


class Consequence(StrEnum):
    REVOKE = "revoke"  # 予以撤销 (第十九条)
    DISQUALIFY = "disqualify"  # 取消技术创新中心资格 (第二十二条)
    NOT_ADMITTED = "not_admitted"  # 不纳入技术创新中心体系管理 (第二十条)
    ADJUST = "adjust"  # 作为动态调整的重要依据 (第二十条)


CONSEQUENCE_TEXT = {
    Consequence.REVOKE: Bilingual(tc("consequence", "to be revoked")),
    Consequence.DISQUALIFY: Bilingual(tc("consequence", "qualification to be cancelled")),
    Consequence.NOT_ADMITTED: Bilingual(tc("consequence", "not admitted into the system")),
    Consequence.ADJUST: Bilingual(tc("consequence", "an important basis for dynamic adjustment")),
}


@dataclass(frozen=True)
class Trigger:
    """A clause of the regulation that applies to the center, with the facts behind it."""

    clause: Bilingual  # 第十九条（一） / Art. 19(1)
    consequence: Consequence
    message: Bilingual
    facts: tuple[Bilingual, ...]
    grounds: RevocationClause | None = None
    """The revocation clause this trigger supports;
    None when it only informs the bureau's judgement."""


class DueKind(StrEnum):
    ANNUAL_REPORT = "annual_report"
    COMPREHENSIVE = "comprehensive"
    BIENNIAL = "biennial"


@dataclass(frozen=True)
class DueItem:
    """Something the center or the bureau must do by a date."""

    kind: DueKind
    year: int
    due_by: date
    overdue: bool
    clause: Bilingual
    text: Bilingual
    note: Bilingual | None = None
    due_from: date | None = None


@dataclass(frozen=True)
class LateReport:
    """An annual report received after its deadline (逾期报送)."""

    year: int
    received_on: date
    due_by: date

    @property
    def text(self) -> Bilingual:
        return Bilingual(
            t(
                "Annual report {year} received late: due {due}, received {received}",
                year=self.year,
                due=_d(self.due_by),
                received=_d(self.received_on),
            )
        )


@dataclass(frozen=True)
class Assessment:
    """A center as the regulation sees it on ``today``."""

    center_id: str
    today: date
    status: Status
    preparation_end: date
    triggers: tuple[Trigger, ...]
    due: tuple[DueItem, ...]  # earliest deadline first
    notes: tuple[Bilingual, ...] = ()
    action: Bilingual | None = None
    """What the bureau should do now (record the cancellation of qualification under 第二十二条)."""
    late_reports: tuple[LateReport, ...] = ()

    @property
    def closed(self) -> bool:
        """Revoked, qualification cancelled or not admitted: nothing more is due."""
        return self.status in CLOSED_STATUSES

    @property
    def preparation_over(self) -> bool:
        return self.today > self.preparation_end

    @property
    def overdue(self) -> tuple[DueItem, ...]:
        return tuple(item for item in self.due if item.overdue)

    @property
    def next_due(self) -> DueItem | None:
        return self.due[0] if self.due else None

    @property
    def needs_attention(self) -> bool:
        return not self.closed and bool(self.triggers or self.overdue or self.action)


ART_17 = Bilingual(tc("clause", "Art. 17"))
ART_19_1 = Bilingual(tc("clause", "Art. 19(1)"))
ART_19_2 = Bilingual(tc("clause", "Art. 19(2)"))
ART_20 = Bilingual(tc("clause", "Art. 20"))
ART_22 = Bilingual(tc("clause", "Art. 22"))


def _d(day: date) -> str:
    return day.isoformat()


def _as_of(center: Center, today: date) -> Center:
    """The records as they stood on ``today`` (later entries ignored)."""
    return replace(
        center,
        reports=tuple(r for r in center.reports if r.received_on <= today),
        evaluations=tuple(e for e in center.evaluations if e.year <= today.year),
        revocation=center.revocation
        if center.revocation and center.revocation.revoked_on <= today
        else None,
    )


def first_report_year(center: Center, policy: RegisterPolicy = DEFAULT_POLICY) -> int:
    """The first year whose annual report the register expects: the approval year,
    or the policy's start."""
    return max(center.approved_on.year, policy.reports_from_year)


def received_by(center: Center, year: int, day: date) -> bool:
    report = center.report_for(year)
    return report is not None and report.received_on <= day


def late_reports(center: Center, policy: RegisterPolicy = DEFAULT_POLICY) -> tuple[LateReport, ...]:
    """The reports (for the years the register tracks) received after their deadline,
    oldest first."""
    first = first_report_year(center, policy)
    return tuple(
        LateReport(r.year, r.received_on, policy.report_due(r.year))
        for r in sorted(center.reports, key=lambda r: r.year)
        if r.year >= first and r.received_on > policy.report_due(r.year)
    )


def _report_fact(center: Center, year: int, policy: RegisterPolicy, checked_on: date) -> Bilingual:
    due = _d(policy.report_due(year))
    report = center.report_for(year)
    if report is None:
        return Bilingual(
            t(
                "Annual report {year} (due {due}): not received by {checked}",
                year=year,
                due=due,
                checked=_d(checked_on),
            )
        )
    return Bilingual(
        t(
            "Annual report {year} (due {due}): not received by {checked}; "
            "received late on {received}",
            year=year,
            due=due,
            checked=_d(checked_on),
            received=_d(report.received_on),
        )
    )


def missing_reports_trigger(
    center: Center, today: date, policy: RegisterPolicy = DEFAULT_POLICY
) -> Trigger | None:
    """第十九条（一）连续2年未报送年度报告.

    Applies from the day after the deadline for year N+1 when, at the end of that deadline day,
    neither the report for N nor the one for N+1 had been received. A report for N received late
    but by the N+1 deadline breaks the run. ``center`` must already be as of ``today``.
    """
    year = first_report_year(center, policy)
    while policy.report_due(year + 1) < today:
        checked_on = policy.report_due(year + 1)
        if not received_by(center, year, checked_on) and not received_by(
            center, year + 1, checked_on
        ):
            return Trigger(
                ART_19_1,
                Consequence.REVOKE,
                Bilingual(
                    t(
                        "No annual report for two consecutive years ({first} and {second})",
                        first=year,
                        second=year + 1,
                    )
                ),
                (
                    _report_fact(center, year, policy, checked_on),
                    _report_fact(center, year + 1, policy, checked_on),
                ),
                RevocationClause.NO_REPORTS,
            )
        year += 1
    return None


def _evaluation_fact(evaluation: Evaluation) -> Bilingual:
    return Bilingual(
        t(
            "{kind} {year}: {result}",
            kind=KIND_TEXT[evaluation.kind].text,
            year=evaluation.year,
            result=RESULT_TEXT[evaluation.result].text,
        )
    )


def _evaluation_triggers(center: Center) -> list[Trigger]:
    triggers = []
    for evaluation in sorted(center.evaluations, key=lambda e: (e.year, e.kind)):
        if evaluation.result is EvaluationResult.ABSENT:
            triggers.append(
                Trigger(
                    ART_19_2,
                    Consequence.REVOKE,
                    Bilingual(
                        t("Did not take part in a performance evaluation without good reason")
                    ),
                    (_evaluation_fact(evaluation),),
                    RevocationClause.SKIPPED_EVALUATION,
                )
            )
    comprehensive = center.evaluations_of(EvaluationKind.COMPREHENSIVE)
    failed = [e for e in comprehensive if e.result is EvaluationResult.FAIL]
    if failed and center.admission() is None:
        if center.legacy:
            triggers.append(
                Trigger(
                    ART_22,
                    Consequence.DISQUALIFY,
                    Bilingual(
                        t(
                            "Approved in 2024 or earlier and failed the comprehensive "
                            "evaluation: qualification cancelled"
                        )
                    ),
                    (
                        Bilingual(t("Approved on {day}", day=_d(center.approved_on))),
                        _evaluation_fact(failed[-1]),
                    ),
                    RevocationClause.DISQUALIFIED,
                )
            )
        else:
            triggers.append(
                Trigger(
                    ART_20,
                    Consequence.NOT_ADMITTED,
                    Bilingual(
                        t("Failed the end-of-preparation evaluation: not admitted into the system")
                    ),
                    (_evaluation_fact(failed[-1]),),
                )
            )  # 第二十条 names no revocation: no grounds
    biennial = [
        e
        for e in center.evaluations_of(EvaluationKind.BIENNIAL)
        if e.result is not EvaluationResult.ABSENT
    ]
    if biennial and biennial[-1].result is EvaluationResult.FAIL:
        triggers.append(
            Trigger(
                ART_20,
                Consequence.ADJUST,
                Bilingual(
                    t("Failed the biennial evaluation: an important basis for dynamic adjustment")
                ),
                (_evaluation_fact(biennial[-1]),),
            )
        )
    return triggers


def _report_items(
    center: Center, today: date, policy: RegisterPolicy, triggered: bool
) -> list[DueItem]:
    items = []
    for year in range(first_report_year(center, policy), today.year + 1):
        if center.report_for(year) is not None:
            continue
        due = policy.report_due(year)
        overdue = today > due
        note = None
        if overdue and not triggered:
            next_due = policy.report_due(year + 1)
            note = Bilingual(
                t(
                    "If neither the {year} nor the {next_year} report is received by {due}, "
                    "Art. 19(1) applies (two consecutive years without a report: revocation)",
                    year=year,
                    next_year=year + 1,
                    due=_d(next_due),
                )
            )
        items.append(
            DueItem(
                DueKind.ANNUAL_REPORT,
                year,
                due,
                overdue,
                ART_17,
                Bilingual(t("Annual report {year}, due by {due}", year=year, due=_d(due))),
                note,
                due_from=date(year + 1, 1, 1),
            )
        )
    return items


def _comprehensive_item(center: Center, today: date, policy: RegisterPolicy) -> DueItem | None:
    graded = [
        e
        for e in center.evaluations_of(EvaluationKind.COMPREHENSIVE)
        if e.result is not EvaluationResult.ABSENT
    ]
    if graded:
        return None
    # A legacy center whose preparation ended before the measures took effect is evaluated under
    # them (第二十二条) from the day they take effect.
    last_quiet_day = center.preparation_end
    if center.legacy:
        last_quiet_day = max(last_quiet_day, policy.effective_on - timedelta(days=1))
    due_from = last_quiet_day + timedelta(days=1)
    due_by = add_months(last_quiet_day, policy.comprehensive_window_months)
    clause = ART_22 if center.legacy else ART_20
    return DueItem(
        DueKind.COMPREHENSIVE,
        due_from.year,
        due_by,
        today > due_by,
        clause,
        Bilingual(
            t(
                "End-of-preparation comprehensive evaluation: from {start}, by {due}",
                start=_d(due_from),
                due=_d(due_by),
            )
        ),
        due_from=due_from,
    )


def _biennial_item(center: Center, today: date, policy: RegisterPolicy) -> DueItem | None:
    admission = center.admission()
    if admission is None:
        return None
    held = [admission.year] + [e.year for e in center.evaluations_of(EvaluationKind.BIENNIAL)]
    year = max(held) + BIENNIAL_INTERVAL_YEARS
    due_by = policy.biennial_due(year)
    return DueItem(
        DueKind.BIENNIAL,
        year,
        due_by,
        today > due_by,
        ART_20,
        Bilingual(t("Biennial performance evaluation {year}, by {due}", year=year, due=_d(due_by))),
        due_from=date(year, 1, 1),
    )


ART_20_NOT_ADMITTED_ACTION = Bilingual(
    t(
        "Art. 20: only centers rated Pass or better are admitted into the system. "
        "This center is not admitted; no further annual reports or evaluations are due. "
        "Art. 20 names no revocation: nothing to record."
    )
)
ART_22_ACTION = Bilingual(
    t(
        "Art. 22: a center that fails the comprehensive evaluation loses its qualification. "
        "Record the bureau's decision "
        "(Revoke / cancel qualification, Art. 22, with the document number). "
        "No further annual reports or evaluations are due."
    )
)


def assess(center: Center, today: date, policy: RegisterPolicy = DEFAULT_POLICY) -> Assessment:
    """The triggers of 第十九条、第二十条、第二十二条 that apply on ``today``
    and what is due next."""
    center = _as_of(center, today)
    status = center.status
    late = late_reports(center, policy)
    if status in (Status.REVOKED, Status.DISQUALIFIED):
        # A revoked center owes nothing more; its revocation record says why.
        return Assessment(
            center.id, today, status, center.preparation_end, (), (), late_reports=late
        )
    if status in (Status.NOT_ADMITTED, Status.TO_BE_DISQUALIFIED):
        # The comprehensive evaluation failed: 第二十条 / 第二十二条 decide the center's fate,
        # nothing more is due, and no other clause adds anything.
        decisive = tuple(
            trigger
            for trigger in _evaluation_triggers(center)
            if trigger.consequence in (Consequence.NOT_ADMITTED, Consequence.DISQUALIFY)
        )
        action = ART_22_ACTION if status is Status.TO_BE_DISQUALIFIED else None
        failed_notes = (ART_20_NOT_ADMITTED_ACTION,) if status is Status.NOT_ADMITTED else ()
        return Assessment(
            center.id,
            today,
            status,
            center.preparation_end,
            decisive,
            (),
            failed_notes,
            action,
            late,
        )
    triggers: list[Trigger] = []
    reports = missing_reports_trigger(center, today, policy)
    if reports is not None:
        triggers.append(reports)
    triggers += _evaluation_triggers(center)
    due = _report_items(center, today, policy, triggered=reports is not None)
    for item in (_comprehensive_item(center, today, policy), _biennial_item(center, today, policy)):
        if item is not None:
            due.append(item)
    due.sort(key=lambda item: (item.due_by, list(DueKind).index(item.kind), item.year))
    notes: list[Bilingual] = []
    admission = center.admission()
    if center.legacy and admission is not None and admission.result is EvaluationResult.EXCELLENT:
        notes.append(
            Bilingual(
                t(
                    "Excellent in the comprehensive evaluation: "
                    "support under the relevant measures (Art. 22)"
                )
            )
        )
    return Assessment(
        center.id,
        today,
        status,
        center.preparation_end,
        tuple(triggers),
        tuple(due),
        tuple(notes),
        late_reports=late,
    )
