"""The expert's session in the core: certification gate, autosave with audit, signing rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tic_desktop.errors import InputError, TicError
from tic_desktop.events import Event
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.packages.opening import open_package
from tic_desktop.returns.receiving import receive_returns
from tic_desktop.signing.pdf_verification import verify_pdf
from tic_desktop.storage import open_database
from tic_desktop.storage.audit import verify_audit_chain


@pytest.fixture
def desk(built_p1, unlocked, tmp_path):
    package = open_package(built_p1["package"].file, {built_p1["workspace"].fingerprint})
    credential = unlocked("E02")
    db = open_database(tmp_path / "expert.sqlite3")
    yield ExpertDesk(db, package, credential)
    package.close()
    db.close()


def _complete(desk: ExpertDesk, app_id: str, share: str = "0.8") -> None:
    for criterion in desk.manifest.rubric.criteria:
        value = (
            criterion.max * Decimal(share) / desk.manifest.rubric.step
        ).to_integral_value() * desk.manifest.rubric.step
        desk.set_score(app_id, criterion.id, value)
    desk.set_opinion(app_id, "研发基础扎实，建设目标明确。", True)


def test_nothing_before_certification(desk):
    with pytest.raises(TicError, match="回避声明"):
        desk.set_score("LC-2026-001", "foundation", Decimal(10))
    assert desk.problems()[0][1] == "尚未完成回避声明"


def test_declared_conflict_locks_the_application(desk):
    desk.certify({"LC-2026-004": "近三年与申报单位有合作项目"})
    assert desk.locked("LC-2026-004")
    assert [a.id for a in desk.scorable()] == ["LC-2026-001", "LC-2026-002", "LC-2026-003"]
    with pytest.raises(TicError, match="回避"):
        desk.set_score("LC-2026-004", "foundation", Decimal(10))
    with pytest.raises(TicError, match="回避"):
        desk.read_application_data("LC-2026-004")
    assert b"LC-2026-001" in desk.read_application_data("LC-2026-001")


def test_a_declared_conflict_needs_a_reason(desk):
    with pytest.raises(InputError, match="回避理由"):
        desk.certify({"LC-2026-004": "  "})
    assert not desk.certified


def test_scores_are_checked_saved_and_audited(desk):
    desk.certify({})
    saved = []
    desk.bus.subscribe(Event.SAVED, saved.append)
    with pytest.raises(InputError, match="0–20"):
        desk.set_score("LC-2026-001", "foundation", Decimal("20.5"))
    with pytest.raises(InputError, match="整数倍"):
        desk.set_score("LC-2026-001", "foundation", Decimal("12.3"))
    desk.set_score("LC-2026-001", "foundation", Decimal("15.5"))
    assert saved == ["score:LC-2026-001:foundation"]
    assert desk.form("LC-2026-001").scores == {"foundation": Decimal("15.5")}
    desk.set_score("LC-2026-001", "foundation", None)
    assert desk.form("LC-2026-001").scores == {}
    with desk.db.session() as session:
        assert verify_audit_chain(session)


def test_extreme_scores_need_a_reason_before_signing(desk, tmp_path):
    desk.certify({"LC-2026-004": "合作关系"})
    for app_id in ("LC-2026-001", "LC-2026-002", "LC-2026-003"):
        _complete(desk, app_id)
    desk.set_score("LC-2026-002", "foundation", Decimal("19.5"))  # > 90 % of 20
    problems = desk.problems()
    assert len(problems) == 1 and problems[0][0] == "LC-2026-002" and "理由" in problems[0][1]
    with pytest.raises(TicError, match="还不能签名"):
        desk.sign_and_export(tmp_path / "usb")
    assert not (tmp_path / "usb").exists() or not any((tmp_path / "usb").iterdir())
    desk.set_note("LC-2026-002", "foundation", "依托单位为行业龙头，基础条件突出")
    assert desk.problems() == []


def test_signed_export_verifies_at_the_bureau_and_revisions_rise(desk, built_p1, tmp_path):
    desk.certify({"LC-2026-004": "合作关系"})
    for app_id in ("LC-2026-001", "LC-2026-002", "LC-2026-003"):
        _complete(desk, app_id)
    made, pdfs = desk.sign_and_export(tmp_path / "usb")
    assert made.revision == 1 and len(pdfs) == 3
    with pytest.raises(TicError, match="没有任何修改"):
        desk.sign_and_export(tmp_path / "usb-unchanged")  # no new revision for the same scores
    desk.set_score("LC-2026-001", "team", Decimal("12.5"))
    again, _ = desk.sign_and_export(tmp_path / "usb2")
    assert again.revision == 2
    received = receive_returns(
        [made.file, again.file], built_p1["workspace"], built_p1["keys"], built_p1["review"].round
    )
    assert [r.status for r in received] == ["superseded", "accepted"]
    assert (
        received[1].document["audit_head"]
        and received[1].sheet.coi.declared[0].application == "LC-2026-004"
    )
    reports = verify_pdf(pdfs[0].read_bytes(), built_p1["workspace"].ca_pem)
    assert [r.valid for r in reports] == [True]


def test_open_formal_review_items_need_the_experts_judgement(desk, built_p1, tmp_path):
    desk.certify({})
    for app_id in ("LC-2026-001", "LC-2026-002", "LC-2026-003", "LC-2026-004"):
        _complete(desk, app_id)
    # LC-2026-004 is a software-industry application:
    # floor area and equipment are left to the experts.
    open_ids = {p[1] for p in desk.problems() if p[0] == "LC-2026-004"}
    assert open_ids == {
        "形式审查项“科研用房面积”尚未给出研判意见",
        "形式审查项“仪器设备原值”尚未给出研判意见",
    }
    with pytest.raises(InputError):
        desk.judge("LC-2026-004", "lead_unit.kind", True)
    desk.judge("LC-2026-004", "premises.rd_space", True)
    desk.judge("LC-2026-004", "premises.equipment_value", False)
    assert [p[1] for p in desk.problems()] == [
        "不同意形式审查项“仪器设备原值”的系统结论时须说明理由"
    ]
    desk.judge(
        "LC-2026-004",
        "premises.equipment_value",
        False,
        "软件企业仪器设备以服务器为主，原值偏低属合理",
    )
    assert desk.problems() == []
    made, _ = desk.sign_and_export(tmp_path / "usb")
    received = receive_returns(
        [made.file], built_p1["workspace"], built_p1["keys"], built_p1["review"].round
    )[0]
    assert received.status == "accepted"
    # the judgements travel inside the signed return, in the application's entry (formats.md)
    entry = next(s for s in received.document["scores"] if s["application"] == "LC-2026-004")
    assert entry["judgements"]["premises.rd_space"] == {"agrees": True, "reason": ""}
    assert entry["judgements"]["premises.equipment_value"] == {
        "agrees": False,
        "reason": "软件企业仪器设备以服务器为主，原值偏低属合理",
    }
    assert (
        received.sheet.entry("LC-2026-004").judgements["premises.equipment_value"].agrees is False
    )
