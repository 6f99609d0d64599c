"""The register's rules, with expected values worked out by hand from the regulation.

第八条（组建程序）（四）筹建期一般为2年; 第十七条 年度报告; 第十九条 撤销;
第二十条 综合绩效评价与每两年的年度绩效评价; 第二十二条 2024年（含）以前批复的中心。
Default policy: the report for year N is due 31 March N+1; reports tracked from 2025; the measures
in force from 2026-01-01; the comprehensive evaluation within 6 months of the end of preparation;
biennial evaluations by 31 December.
"""

from __future__ import annotations

from datetime import date

from register_builders import make_center

from tic_desktop.register import (
    AnnualReport,
    Evaluation,
    EvaluationKind,
    EvaluationResult,
    Revocation,
    RevocationClause,
    Status,
    assess,
)
from tic_desktop.register.domain import add_years
from tic_desktop.register.rules import Consequence, DueKind, RegisterPolicy

COMPREHENSIVE, BIENNIAL = EvaluationKind.COMPREHENSIVE, EvaluationKind.BIENNIAL
EXCELLENT, PASS, FAIL, ABSENT = (
    EvaluationResult.EXCELLENT,
    EvaluationResult.PASS,
    EvaluationResult.FAIL,
    EvaluationResult.ABSENT,
)


def reports(**received: date) -> tuple[AnnualReport, ...]:
    return tuple(AnnualReport(int(year.removeprefix("y")), day) for year, day in received.items())


ON_TIME = tuple(AnnualReport(year, date(year + 1, 3, 1)) for year in range(2025, 2030))


def test_preparation_period_is_two_years_to_the_corresponding_day() -> None:
    # 民法典第二百零二条: the period ends on the corresponding day of the final month.
    assert make_center(date(2025, 3, 10)).preparation_end == date(2027, 3, 10)
    assert make_center(date(2023, 12, 31)).preparation_end == date(2025, 12, 31)


def test_preparation_from_a_leap_day_ends_on_the_last_day_of_february() -> None:
    assert make_center(date(2024, 2, 29)).preparation_end == date(2026, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_preparation_is_over_the_day_after_its_last_day() -> None:
    center = make_center(date(2025, 3, 10))
    assert not assess(center, date(2027, 3, 10)).preparation_over
    assert assess(center, date(2027, 3, 11)).preparation_over


def test_status_follows_the_records() -> None:
    approved = date(2024, 5, 20)
    assert make_center(approved).status is Status.PREPARING
    failed = make_center(approved, evaluations=(Evaluation(COMPREHENSIVE, 2026, FAIL),))
    assert failed.status is Status.TO_BE_DISQUALIFIED  # 第二十二条: approved 2024
    newer = make_center(date(2025, 1, 1), evaluations=(Evaluation(COMPREHENSIVE, 2027, FAIL),))
    assert newer.status is Status.NOT_ADMITTED  # 第二十条
    assert (
        make_center(approved, evaluations=(Evaluation(COMPREHENSIVE, 2026, PASS),)).status
        is Status.IN_SYSTEM
    )
    revoked = make_center(
        approved, revocation=Revocation(date(2026, 6, 1), RevocationClause.VOLUNTARY, "申请")
    )
    assert revoked.status is Status.REVOKED
    cancelled = make_center(
        approved,
        evaluations=failed.evaluations,
        revocation=Revocation(date(2026, 6, 1), RevocationClause.DISQUALIFIED, "文号"),
    )
    assert cancelled.status is Status.DISQUALIFIED


def test_annual_report_is_due_by_31_march_of_the_next_year() -> None:
    center = make_center(date(2025, 3, 10))
    on_deadline = assess(center, date(2026, 3, 31))
    first = on_deadline.next_due
    assert (first.kind, first.year, first.due_by, first.overdue) == (
        DueKind.ANNUAL_REPORT,
        2025,
        date(2026, 3, 31),
        False,
    )
    assert assess(center, date(2026, 4, 1)).next_due.overdue


def test_one_missing_year_warns_but_does_not_trigger() -> None:
    assessment = assess(make_center(date(2025, 3, 10)), date(2026, 11, 25))
    assert assessment.triggers == ()
    overdue = assessment.overdue
    assert [(item.year, item.due_by) for item in overdue] == [(2025, date(2026, 3, 31))]
    assert "2027-03-31" in overdue[0].note.zh and "第十九条（一）" in overdue[0].note.zh


def test_two_consecutive_missing_years_trigger_art_19_1_the_day_after_the_second_deadline() -> None:
    center = make_center(date(2025, 3, 10))
    assert assess(center, date(2027, 3, 31)).triggers == ()
    (trigger,) = assess(center, date(2027, 4, 1)).triggers
    assert trigger.clause.zh == "第十九条（一）" and trigger.clause.en == "Art. 19(1)"
    assert trigger.consequence is Consequence.REVOKE
    assert trigger.grounds is RevocationClause.NO_REPORTS
    assert "2025、2026" in trigger.message.zh
    assert [fact.en for fact in trigger.facts] == [
        "Annual report 2025 (due 2026-03-31): not received by 2027-03-31",
        "Annual report 2026 (due 2027-03-31): not received by 2027-03-31",
    ]


def test_a_late_report_received_by_the_next_deadline_breaks_the_run() -> None:
    center = make_center(date(2025, 3, 10), reports=reports(y2025=date(2027, 3, 31)))
    assert assess(center, date(2027, 4, 1)).triggers == ()
    # 2026 and 2027 then both missing at the 2027 report's deadline (2028-03-31).
    (trigger,) = assess(center, date(2028, 4, 1)).triggers
    assert "2026、2027" in trigger.message.zh


def test_a_report_received_after_the_second_deadline_does_not_undo_the_trigger() -> None:
    center = make_center(date(2025, 3, 10), reports=reports(y2025=date(2027, 4, 1)))
    (trigger,) = assess(center, date(2027, 6, 1)).triggers
    assert (
        trigger.facts[0].zh
        == "2025 年度报告（应于 2026-03-31 前报送）：截至 2027-03-31 未报送，2027-04-01 补报"
    )


def test_reports_on_time_never_trigger() -> None:
    center = make_center(
        date(2025, 3, 10), reports=reports(y2025=date(2026, 3, 31), y2026=date(2027, 1, 5))
    )
    assessment = assess(center, date(2029, 1, 1))
    assert assessment.triggers == ()
    due_reports = [
        (item.year, item.due_by) for item in assessment.due if item.kind is DueKind.ANNUAL_REPORT
    ]
    assert due_reports == [
        (2027, date(2028, 3, 31)),
        (2028, date(2029, 3, 31)),
        (2029, date(2030, 3, 31)),
    ]


def test_records_after_today_are_ignored() -> None:
    center = make_center(date(2025, 3, 10), reports=reports(y2025=date(2026, 5, 1)))
    assert assess(center, date(2026, 4, 15)).next_due.overdue
    assert assess(center, date(2026, 5, 1)).overdue == ()


def test_reports_before_the_register_starts_are_not_expected() -> None:
    # Approved 2020: the register tracks reports from 2025 (due 2026-03-31) only.
    center = make_center(date(2020, 6, 1), evaluations=(Evaluation(COMPREHENSIVE, 2026, PASS),))
    assessment = assess(center, date(2026, 11, 25))
    assert [item.year for item in assessment.due if item.kind is DueKind.ANNUAL_REPORT] == [
        2025,
        2026,
    ]
    assert assessment.triggers == ()


def test_end_of_preparation_evaluation_is_due_within_six_months() -> None:
    center = make_center(date(2025, 3, 10))
    item = next(
        i for i in assess(center, date(2026, 11, 25)).due if i.kind is DueKind.COMPREHENSIVE
    )
    assert (item.due_from, item.due_by, item.clause.zh) == (
        date(2027, 3, 11),
        date(2027, 9, 10),
        "第二十条",
    )
    assert not next(
        i for i in assess(center, date(2027, 9, 10)).due if i.kind is DueKind.COMPREHENSIVE
    ).overdue
    assert next(
        i for i in assess(center, date(2027, 9, 11)).due if i.kind is DueKind.COMPREHENSIVE
    ).overdue


def test_legacy_center_is_evaluated_from_when_the_measures_take_effect() -> None:
    # 第二十二条: approved 2020, preparation ended 2022-06-01, long before the measures.
    item = next(
        i
        for i in assess(make_center(date(2020, 6, 1)), date(2026, 3, 1)).due
        if i.kind is DueKind.COMPREHENSIVE
    )
    assert (item.due_from, item.due_by, item.clause.zh) == (
        date(2026, 1, 1),
        date(2026, 6, 30),
        "第二十二条",
    )
    # Approved 2024-06-15: preparation ends 2026-06-15, after the measures took effect.
    item = next(
        i
        for i in assess(make_center(date(2024, 6, 15)), date(2026, 3, 1)).due
        if i.kind is DueKind.COMPREHENSIVE
    )
    assert (item.due_from, item.due_by) == (date(2026, 6, 16), date(2026, 12, 15))


def test_failed_comprehensive_evaluation_cancels_a_legacy_centers_qualification() -> None:
    center = make_center(date(2024, 12, 31), evaluations=(Evaluation(COMPREHENSIVE, 2026, FAIL),))
    (trigger,) = assess(center, date(2026, 12, 31)).triggers
    assert (trigger.clause.zh, trigger.consequence, trigger.grounds) == (
        "第二十二条",
        Consequence.DISQUALIFY,
        RevocationClause.DISQUALIFIED,
    )


def test_failed_legacy_center_owes_nothing_the_bureau_is_told_to_record_its_cancellation() -> None:
    # The reviewer's case: approved 2024-03-01, preparation over 2026-03-01, evaluated 2026: 不合格.
    # No report on record at all, so without the evaluation 2025 would be overdue with the 19(1)
    # warning.
    center = make_center(date(2024, 3, 1), evaluations=(Evaluation(COMPREHENSIVE, 2026, FAIL),))
    assessment = assess(center, date(2026, 11, 25))
    assert assessment.status is Status.TO_BE_DISQUALIFIED
    assert assessment.due == () and assessment.overdue == ()
    assert [t.clause.zh for t in assessment.triggers] == ["第二十二条"]
    assert "登记取消资格决定" in assessment.action.zh and "Art. 22" in assessment.action.en
    assert assessment.needs_attention and not assessment.closed
    # Once the bureau records the decision: qualification cancelled, nothing left to do.
    cancelled = make_center(
        date(2024, 3, 1),
        evaluations=center.evaluations,
        revocation=Revocation(
            date(2026, 12, 1), RevocationClause.DISQUALIFIED, "聊科字〔2026〕9号"
        ),
    )
    after = assess(cancelled, date(2026, 12, 2))
    assert (after.status, after.triggers, after.due, after.action) == (
        Status.DISQUALIFIED,
        (),
        (),
        None,
    )
    assert after.closed and not after.needs_attention


def test_new_center_that_failed_is_not_admitted_owes_nothing_and_needs_no_revocation() -> None:
    center = make_center(date(2025, 3, 10), evaluations=(Evaluation(COMPREHENSIVE, 2027, FAIL),))
    assessment = assess(center, date(2028, 6, 1))  # reports for 2025–2027 all missing
    assert assessment.status is Status.NOT_ADMITTED and assessment.closed
    assert assessment.due == () and assessment.action is None and not assessment.needs_attention
    (trigger,) = assessment.triggers
    assert (trigger.clause.en, trigger.grounds) == ("Art. 20", None)
    assert any("无需登记撤销决定" in note.zh for note in assessment.notes)


def test_a_report_received_after_its_deadline_is_marked_late() -> None:
    center = make_center(
        date(2025, 3, 10), reports=reports(y2025=date(2026, 4, 10), y2026=date(2027, 3, 31))
    )
    (late,) = assess(center, date(2027, 6, 1)).late_reports  # 2026 on its deadline day is on time
    assert (late.year, late.received_on, late.due_by) == (
        2025,
        date(2026, 4, 10),
        date(2026, 3, 31),
    )
    assert late.text.zh == "2025 年度报告逾期报送：应于 2026-03-31 前报送，2026-04-10 收到"
    assert assess(center, date(2026, 4, 9)).late_reports == ()  # not yet received as of then


def test_failed_comprehensive_evaluation_of_a_new_center_means_not_admitted() -> None:
    center = make_center(
        date(2025, 1, 1), evaluations=(Evaluation(COMPREHENSIVE, 2027, FAIL),), reports=ON_TIME
    )
    assessment = assess(center, date(2027, 6, 1))
    (trigger,) = assessment.triggers
    assert (trigger.clause.zh, trigger.consequence, trigger.grounds) == (
        "第二十条",
        Consequence.NOT_ADMITTED,
        None,
    )  # 第二十条 names no revocation
    assert assessment.due == ()


def test_absence_from_an_evaluation_triggers_art_19_2_and_the_evaluation_stays_due() -> None:
    center = make_center(date(2024, 3, 1), evaluations=(Evaluation(COMPREHENSIVE, 2026, ABSENT),))
    assessment = assess(center, date(2026, 11, 25))
    (trigger,) = assessment.triggers
    assert (trigger.clause.en, trigger.grounds) == (
        "Art. 19(2)",
        RevocationClause.SKIPPED_EVALUATION,
    )
    assert any(item.kind is DueKind.COMPREHENSIVE for item in assessment.due)


def test_biennial_evaluation_every_two_years_after_admission() -> None:
    center = make_center(date(2025, 3, 10), evaluations=(Evaluation(COMPREHENSIVE, 2027, PASS),))
    item = next(i for i in assess(center, date(2028, 1, 1)).due if i.kind is DueKind.BIENNIAL)
    assert (item.year, item.due_by, item.overdue) == (2029, date(2029, 12, 31), False)
    assert next(
        i for i in assess(center, date(2030, 1, 1)).due if i.kind is DueKind.BIENNIAL
    ).overdue
    later = make_center(
        date(2025, 3, 10),
        evaluations=(Evaluation(COMPREHENSIVE, 2027, PASS), Evaluation(BIENNIAL, 2029, PASS)),
    )
    assert (
        next(i for i in assess(later, date(2030, 1, 1)).due if i.kind is DueKind.BIENNIAL).year
        == 2031
    )


def test_failed_biennial_evaluation_informs_but_is_no_ground_for_revocation() -> None:
    center = make_center(
        date(2025, 3, 10),
        evaluations=(Evaluation(COMPREHENSIVE, 2027, PASS), Evaluation(BIENNIAL, 2029, FAIL)),
        reports=ON_TIME,
    )
    (trigger,) = assess(center, date(2029, 12, 31)).triggers
    assert (trigger.clause.zh, trigger.consequence, trigger.grounds) == (
        "第二十条",
        Consequence.ADJUST,
        None,
    )


def test_excellent_legacy_center_is_noted_for_support() -> None:
    center = make_center(
        date(2023, 5, 1), evaluations=(Evaluation(COMPREHENSIVE, 2026, EXCELLENT),)
    )
    (note,) = assess(center, date(2026, 11, 25)).notes
    assert "第二十二条" in note.zh


def test_revoked_center_owes_nothing() -> None:
    center = make_center(
        date(2025, 3, 10),
        revocation=Revocation(date(2027, 5, 1), RevocationClause.NO_REPORTS, "文号"),
    )
    after = assess(center, date(2027, 6, 1))
    assert (after.status, after.triggers, after.due) == (Status.REVOKED, (), ())
    before = assess(center, date(2027, 4, 30))  # the revocation is not yet in force
    assert before.status is Status.PREPARING and before.triggers


def test_policy_changes_the_report_deadline() -> None:
    policy = RegisterPolicy(report_deadline=(6, 30))
    center = make_center(date(2025, 3, 10))
    assert assess(center, date(2026, 6, 30), policy).overdue == ()
    assert assess(center, date(2027, 6, 30), policy).triggers == ()
    assert assess(center, date(2027, 7, 1), policy).triggers
