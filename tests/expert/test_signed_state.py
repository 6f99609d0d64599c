"""Issue #11 in the core: the saved work is checked against its audit log before signing, the
signed state is visible, signing the same scores twice says so, and files a full USB stick could
not take are written again without a new revision."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from tic_desktop.errors import TicError
from tic_desktop.expert.desk import ExpertDesk, SignState
from tic_desktop.expert.integrity import WorkTampered
from tic_desktop.packages.opening import open_package
from tic_desktop.returns.receiving import receive_returns
from tic_desktop.storage import open_database

SCORABLE = ("LC-2026-001", "LC-2026-002", "LC-2026-003", "LC-2026-004")


@pytest.fixture
def desk(built_p1, unlocked, tmp_path):
    package = open_package(built_p1["package"].file, {built_p1["workspace"].fingerprint})
    db = open_database(tmp_path / "expert.sqlite3")
    desk = ExpertDesk(db, package, unlocked("E02"))
    yield desk
    package.close()
    db.close()


def complete(desk: ExpertDesk) -> None:
    desk.certify({})
    for app_id in SCORABLE:
        for criterion in desk.manifest.rubric.criteria:
            value = (criterion.max * Decimal("0.8") / desk.manifest.rubric.step).to_integral_value()
            desk.set_score(app_id, criterion.id, value * desk.manifest.rubric.step)
        desk.set_opinion(app_id, "研发基础扎实，建设目标明确。", True)
        for check in desk.open_checks(app_id):
            desk.judge(app_id, check.id, True)


def hand_edit(db_path, sql: str, *params) -> None:
    """What someone with an SQLite tool does to the file, outside the app."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute(sql, params)
        connection.commit()
    finally:
        connection.close()


def test_a_hand_edited_score_stops_signing_with_what_changed(desk, tmp_path):
    complete(desk)
    assert desk.check_integrity() is None
    hand_edit(
        desk.db.path,
        "UPDATE score_entry SET score = '20' WHERE application_id = 'LC-2026-001' "
        "AND criterion_id = 'foundation'",
    )
    problem = desk.check_integrity()
    assert isinstance(problem, WorkTampered)
    assert "LC-2026-001 foundation" in problem.message_zh and "20" in problem.message_zh
    assert "最后一条审计记录" in problem.message_zh
    with pytest.raises(WorkTampered):
        desk.sign_and_export(tmp_path / "usb")
    assert not (tmp_path / "usb").exists()


def test_a_broken_audit_chain_stops_signing_and_names_the_last_good_entry(desk, tmp_path):
    complete(desk)
    connection = sqlite3.connect(desk.db.path)
    connection.execute("DROP TRIGGER audit_event_no_update")  # a determined hand-editor
    connection.execute('UPDATE audit_event SET payload = \'{"score":"20"}\' WHERE id = 3')
    connection.commit()
    connection.close()
    problem = desk.check_integrity()
    assert isinstance(problem, WorkTampered) and "第 3 条" in problem.message_zh
    assert "最后一条完好的记录" in problem.message_zh
    with pytest.raises(WorkTampered):
        desk.sign_and_export(tmp_path / "usb")


def test_the_desk_checks_the_database_when_the_package_is_opened(desk, built_p1, unlocked):
    complete(desk)
    hand_edit(
        desk.db.path,
        "UPDATE opinion_entry SET opinion = '改过的意见' WHERE application_id = 'LC-2026-002'",
    )
    reopened = ExpertDesk(desk.db, desk.package, unlocked("E02"))
    assert reopened.integrity is not None and "LC-2026-002" in reopened.integrity.message_zh


def test_sign_state_nothing_changed_and_re_signing(desk, built_p1, tmp_path):
    complete(desk)
    assert desk.sign_state("LC-2026-001") == SignState.NOT_SIGNED
    first = desk.sign_and_export(tmp_path / "usb")
    assert first.complete and first.made.revision == 1
    assert {desk.sign_state(a) for a in SCORABLE} == {SignState.SIGNED}
    with pytest.raises(TicError, match="没有任何修改"):
        desk.sign_and_export(tmp_path / "usb")
    desk.set_score("LC-2026-003", "team", Decimal("11.5"))
    assert desk.sign_state("LC-2026-003") == SignState.CHANGED
    assert desk.sign_state("LC-2026-001") == SignState.SIGNED
    assert desk.changed_since_signing() == ["LC-2026-003"]
    second = desk.sign_and_export(tmp_path / "usb")
    assert second.made.revision == 2 and desk.changed_since_signing() == []
    # what is stored and signed is what is on screen: the bureau reads 11.5
    [item] = receive_returns(
        [second.made.file], built_p1["workspace"], built_p1["keys"], built_p1["review"].round
    )
    assert item.status == "accepted"
    assert item.sheet.entry("LC-2026-003").criteria["team"] == Decimal("11.5")


def test_files_a_full_stick_refused_are_named_and_written_again_without_a_new_revision(
    desk, built_p1, tmp_path
):
    complete(desk)
    usb = tmp_path / "usb"
    usb.mkdir()
    # a folder where one opinion PDF must go makes its write fail like a full stick would
    blocker = usb / "专家评审意见表-LC-2026-002-E02.pdf"
    blocker.mkdir()
    result = desk.sign_and_export(usb)
    assert not result.complete
    assert [p.name for p, _, _ in result.files.failed] == [blocker.name]
    assert blocker.name in result.missing_text()
    assert result.made.file.is_file() and (usb / f"{result.made.file.stem}.chaircopy").is_file()
    blocker.rmdir()
    again = desk.write_signed_files_again(usb)
    assert again.complete and again.made.revision == 1
    assert blocker.is_file()
    assert again.made.file.read_bytes() == result.made.file.read_bytes()  # byte for byte
    [item] = receive_returns(
        [again.made.file], built_p1["workspace"], built_p1["keys"], built_p1["review"].round
    )
    assert (item.status, item.revision) == ("accepted", 1)


def test_reasons_and_judgements_are_signed_and_printed(desk, built_p1, tmp_path):
    import subprocess

    complete(desk)
    desk.set_score("LC-2026-001", "foundation", Decimal("19.5"))
    desk.set_note("LC-2026-001", "foundation", "研发投入连续三年增长")
    checks = desk.open_checks("LC-2026-004")
    desk.judge("LC-2026-004", checks[0].id, False, "现场考察发现面积不足")
    result = desk.sign_and_export(tmp_path / "usb")
    [item] = receive_returns(
        [result.made.file], built_p1["workspace"], built_p1["keys"], built_p1["review"].round
    )
    assert item.sheet.entry("LC-2026-001").reasons["foundation"] == "研发投入连续三年增长"
    judgement = item.sheet.entry("LC-2026-004").judgements[checks[0].id]
    assert (judgement.agrees, judgement.reason) == (False, "现场考察发现面积不足")
    text = {
        p.name: subprocess.run(
            ["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True, check=True
        ).stdout
        for p in result.pdfs
    }
    first = "".join(text["专家评审意见表-LC-2026-001-E02.pdf"].split())
    assert "研发投入连续三年增长" in first
    fourth = "".join(text["专家评审意见表-LC-2026-004-E02.pdf"].split())
    assert "不同意系统结论" in fourth and "现场考察发现面积不足" in fourth
    info = subprocess.run(
        ["pdfinfo", str(result.pdfs[0])], capture_output=True, text=True, check=True
    ).stdout
    assert "E02" in next(line for line in info.splitlines() if line.startswith("Author:"))
    assert "2000" not in next(
        line for line in info.splitlines() if line.startswith("CreationDate:")
    )
