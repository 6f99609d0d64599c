"""The register in the local database: round trips, and bad input that changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from register_builders import USCC_A, USCC_B
from sqlalchemy import func, select

from tic_desktop.errors import InputError, TicError
from tic_desktop.register import EvaluationKind, EvaluationResult, RevocationClause, Status, assess
from tic_desktop.register.store import (
    add_center,
    get_center,
    list_centers,
    record_annual_report,
    record_evaluation,
    revoke,
)
from tic_desktop.storage.register_tables import (
    RegisterAnnualReport,
    RegisterCenter,
    RegisterEvaluation,
    RegisterRevocation,
)

TODAY = date(2027, 6, 1)


def _add(db, center_id="LC-TIC-001", approved_on=date(2025, 3, 10), **changes):
    fields = dict(
        name="聊城市高端轴承技术创新中心",
        lead_unit="聊城某轴承股份有限公司",
        lead_uscc=USCC_A,
        field="高端装备",
        approved_on=approved_on,
    )
    fields.update(changes)
    return add_center(db, center_id, today=TODAY, **fields)


def _counts(db) -> tuple[int, ...]:
    with db.session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (
                RegisterCenter,
                RegisterAnnualReport,
                RegisterEvaluation,
                RegisterRevocation,
            )
        )


def test_center_round_trip(db) -> None:
    added = _add(db, lead_uscc=f" {USCC_A.lower()} ")
    record_annual_report(db, "LC-TIC-001", 2025, date(2026, 3, 20), today=TODAY)
    record_evaluation(db, "LC-TIC-001", "comprehensive", 2027, "pass", today=TODAY)
    center = get_center(db, "LC-TIC-001")
    assert added.lead_uscc == USCC_A == center.lead_uscc
    assert center.approved_on == date(2025, 3, 10) and center.preparation_end == date(2027, 3, 10)
    assert [(r.year, r.received_on) for r in center.reports] == [(2025, date(2026, 3, 20))]
    assert [(e.kind, e.year, e.result) for e in center.evaluations] == [
        (EvaluationKind.COMPREHENSIVE, 2027, EvaluationResult.PASS)
    ]
    assert center.status is Status.IN_SYSTEM
    with db.engine.connect() as connection:  # dates are readable ISO text in the file
        assert (
            connection.exec_driver_sql("SELECT approved_on FROM register_center").scalar()
            == "2025-03-10"
        )


def test_list_is_ordered_by_approval(db) -> None:
    _add(db, "B", approved_on=date(2025, 6, 1))
    _add(db, "A", approved_on=date(2025, 6, 1), lead_uscc=USCC_B)
    _add(db, "C", approved_on=date(2024, 1, 2))
    assert [c.id for c in list_centers(db)] == ["C", "A", "B"]


def test_revocation_round_trip_and_trigger_check(db) -> None:
    _add(db)
    with pytest.raises(InputError) as refused:  # 2025 and 2026 both missing only from 2027-04-01
        revoke(
            db,
            "LC-TIC-001",
            date(2027, 3, 31),
            RevocationClause.NO_REPORTS,
            "聊科字〔2027〕1号",
            today=TODAY,
        )
    assert "第十九条（一）" in refused.value.message_zh and "Art. 19(1)" in refused.value.message_en
    center = revoke(db, "LC-TIC-001", date(2027, 4, 1), "19.1", "聊科字〔2027〕1号", today=TODAY)
    assert center.status is Status.REVOKED
    assert (
        center.revocation.clause is RevocationClause.NO_REPORTS
        and center.revocation.note == "聊科字〔2027〕1号"
    )
    assert assess(center, TODAY).due == ()


def test_clauses_outside_the_register_need_only_a_reason(db) -> None:
    _add(db)
    center = revoke(
        db,
        "LC-TIC-001",
        date(2026, 5, 6),
        RevocationClause.VOLUNTARY,
        "依托单位书面申请",
        today=TODAY,
    )
    assert center.status is Status.REVOKED


BAD_CENTERS = [
    (dict(center_id=" "), "center_id", "不能为空"),
    (dict(name=""), "name", "不能为空"),
    (dict(lead_uscc="91371500MA3C1234X0"), "lead_uscc", "校验位不正确"),
    (dict(lead_uscc="123"), "lead_uscc", "应为 18 位"),
    (dict(field="  "), "field", "不能为空"),
    (dict(approved_on=date(2027, 6, 2)), "approved_on", "晚于今天"),
    (dict(approved_on="2025-03-10"), "approved_on", "应为日期"),
    (dict(preparation_years=0), "preparation_years", "筹建期"),
    (dict(preparation_years=6), "preparation_years", "筹建期"),
]


@pytest.mark.parametrize(("changes", "field", "words"), BAD_CENTERS)
def test_bad_center_is_refused_and_nothing_is_stored(db, changes, field, words) -> None:
    with pytest.raises(InputError) as refused:
        _add(db, **changes)
    assert refused.value.field == field and words in refused.value.message_zh
    assert refused.value.message_en.startswith("Invalid input")
    assert _counts(db) == (0, 0, 0, 0)


def test_duplicate_center_id_is_refused(db) -> None:
    _add(db)
    with pytest.raises(InputError, match="already in the register"):
        _add(db, lead_uscc=USCC_B)
    assert _counts(db) == (1, 0, 0, 0)


BAD_REPORTS = [
    ("NOPE", 2025, date(2026, 3, 1), "center_id"),
    ("LC-TIC-001", 2024, date(2026, 3, 1), "year"),  # before approval
    ("LC-TIC-001", 2027, date(2027, 5, 1), "year"),  # the year is not over
    ("LC-TIC-001", 2025, date(2025, 12, 31), "received_on"),  # before the year it covers ends
    ("LC-TIC-001", 2026, date(2027, 6, 2), "received_on"),  # in the future
    ("LC-TIC-001", 2025, date(2026, 4, 2), "year"),  # already recorded
]


@pytest.mark.parametrize(("center_id", "year", "received_on", "field"), BAD_REPORTS)
def test_bad_report_is_refused_and_nothing_changes(db, center_id, year, received_on, field) -> None:
    _add(db)
    record_annual_report(db, "LC-TIC-001", 2025, date(2026, 3, 20), today=TODAY)
    with pytest.raises(InputError) as refused:
        record_annual_report(db, center_id, year, received_on, today=TODAY)
    assert refused.value.field == field
    assert _counts(db) == (1, 1, 0, 0)
    assert get_center(db, "LC-TIC-001").reports[0].received_on == date(2026, 3, 20)


BAD_EVALUATIONS = [
    ("comprehensive", 2026, "pass", "year"),  # before the preparation period ends (2027)
    ("biennial", 2027, "pass", "kind"),  # not admitted
    ("annual", 2027, "pass", "kind"),
    ("comprehensive", 2027, "good", "result"),
    ("comprehensive", 2028, "pass", "year"),  # future year
]


@pytest.mark.parametrize(("kind", "year", "result", "field"), BAD_EVALUATIONS)
def test_bad_evaluation_is_refused_and_nothing_changes(db, kind, year, result, field) -> None:
    _add(db)
    with pytest.raises(InputError) as refused:
        record_evaluation(db, "LC-TIC-001", kind, year, result, today=TODAY)
    assert refused.value.field == field
    assert _counts(db) == (1, 0, 0, 0)


def test_second_graded_comprehensive_evaluation_is_refused(db) -> None:
    _add(db, approved_on=date(2024, 3, 1))
    record_evaluation(db, "LC-TIC-001", "comprehensive", 2026, "absent", today=TODAY)
    record_evaluation(db, "LC-TIC-001", "comprehensive", 2027, "pass", today=TODAY)
    with pytest.raises(InputError):
        record_evaluation(db, "LC-TIC-001", "comprehensive", 2027, "fail", today=TODAY)
    assert _counts(db) == (1, 0, 2, 0)


def test_nothing_after_a_revocation(db) -> None:
    _add(db)
    revoke(db, "LC-TIC-001", date(2026, 5, 6), RevocationClause.VOLUNTARY, "书面申请", today=TODAY)
    with pytest.raises(InputError, match="revoked"):
        record_annual_report(db, "LC-TIC-001", 2026, date(2027, 1, 10), today=TODAY)
    with pytest.raises(InputError, match="already revoked"):
        revoke(db, "LC-TIC-001", date(2026, 6, 6), RevocationClause.VOLUNTARY, "再次", today=TODAY)
    record_annual_report(
        db, "LC-TIC-001", 2025, date(2026, 3, 1), today=TODAY
    )  # received before it
    assert _counts(db) == (1, 1, 0, 1)


@pytest.mark.parametrize(
    ("revoked_on", "clause", "note", "field"),
    [
        (date(2026, 5, 6), "19.9", "理由", "clause"),
        (date(2026, 5, 6), "19.6", "  ", "note"),
        (date(2025, 3, 9), "19.6", "理由", "revoked_on"),
        (date(2027, 6, 2), "19.6", "理由", "revoked_on"),
        (date(2027, 5, 1), "22", "理由", "clause"),  # no failed evaluation on record
    ],
)
def test_bad_revocation_is_refused_and_nothing_changes(db, revoked_on, clause, note, field) -> None:
    _add(db)
    with pytest.raises(TicError) as refused:
        revoke(db, "LC-TIC-001", revoked_on, clause, note, today=TODAY)
    assert refused.value.field == field
    assert _counts(db) == (1, 0, 0, 0)


def test_evaluation_without_a_result_is_refused(db) -> None:
    _add(db, approved_on=date(2024, 3, 1))
    for empty in (None, ""):
        with pytest.raises(InputError) as refused:
            record_evaluation(db, "LC-TIC-001", "comprehensive", 2026, empty, today=TODAY)
        assert refused.value.field == "result" and refused.value.problem_zh == "请选择评价结果"
    assert _counts(db) == (1, 0, 0, 0)


def test_a_shared_lead_unit_code_is_allowed_and_can_be_looked_up(db) -> None:
    from tic_desktop.register.store import centers_with_lead_uscc

    _add(db, "A")
    _add(
        db, "B", lead_uscc=USCC_A.lower()
    )  # the regulation does not forbid it: stored, not refused
    assert [c.id for c in centers_with_lead_uscc(db, f" {USCC_A.lower()} ")] == ["A", "B"]
    assert [c.id for c in centers_with_lead_uscc(db, USCC_A, exclude="A")] == ["B"]
    assert centers_with_lead_uscc(db, USCC_B) == [] and centers_with_lead_uscc(db, "") == []


def test_article_22_only_for_centers_approved_in_2024_or_earlier(db) -> None:
    _add(db, approved_on=date(2024, 3, 1))
    record_evaluation(db, "LC-TIC-001", "comprehensive", 2026, "fail", today=TODAY)
    assert assess(get_center(db, "LC-TIC-001"), TODAY).status is Status.TO_BE_DISQUALIFIED
    center = revoke(db, "LC-TIC-001", date(2026, 12, 1), "22", "聊科字〔2026〕9号", today=TODAY)
    assert center.status is Status.DISQUALIFIED
    with pytest.raises(
        InputError, match="qualification was cancelled on 2026-12-01"
    ):  # nothing more
        record_evaluation(db, "LC-TIC-001", "biennial", 2027, "pass", today=TODAY)
    _add(db, "NEW", approved_on=date(2025, 1, 1), lead_uscc=USCC_B)
    with pytest.raises(InputError, match="2024 or earlier"):
        revoke(db, "NEW", date(2027, 1, 1), "22", "文号", today=TODAY)
