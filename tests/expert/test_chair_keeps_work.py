"""Issue #11: the chair keeps her work across a restart, the opinion box belongs to one application,
her own signed scores appear without importing her own copy, and a member without a return is
未提交, not 回避."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tic_desktop.expert.chair import ChairDesk
from tic_desktop.expert.desk import ExpertDesk
from tic_desktop.gui.chair_panel import ChairPanel
from tic_desktop.packages.opening import open_package
from tic_desktop.storage import open_database

pytestmark = pytest.mark.gui


def commit_as_input_method(widget, text: str) -> None:
    """Chinese arrives through the input method, as a committed string (QTest.keyClicks only
    types Latin-1 keys)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _column(panel: ChairPanel, member: str) -> int:
    members = [m.id for m in panel.chair.desk.manifest.members]
    return members.index(member)


def _row(panel: ChairPanel, application: str) -> int:
    return next(r for r, p in enumerate(panel.pictures) if p.application_id == application)


def test_the_chairs_desk_survives_a_restart_and_the_opinion_stays_with_its_application(
    qtbot, built_p1, unlocked, member_export, tmp_path
):
    copies = member_export("E02", "0.8", {}) + member_export("E03", "0.7", {})
    package = open_package(built_p1["package"].file)
    db_path = tmp_path / "chair.sqlite3"
    try:
        with open_database(db_path) as db:
            panel = ChairPanel(ChairDesk(ExpertDesk(db, package, unlocked("E01"))))
            qtbot.addWidget(panel)
            panel.show()
            qtbot.waitExposed(panel)
            with qtbot.waitSignal(panel.imported):
                panel.import_copies(copies)
            first, third = "LC-2026-001", "LC-2026-003"
            panel.table.selectRow(_row(panel, first))
            panel.consensus.setFocus()
            commit_as_input_method(panel.consensus, "基础扎实，建议通过")
            with qtbot.waitSignal(panel.saved, timeout=5_000):
                pass
            with qtbot.waitSignal(panel.saved):
                QTest.mouseClick(panel.recommend, Qt.MouseButton.LeftButton)
            # another application: its own (empty) box and no recommendation chosen
            panel.table.selectRow(_row(panel, third))
            assert panel.consensus.toPlainText() == ""
            assert not panel.recommend.isChecked() and not panel.not_recommend.isChecked()
            assert third in panel.opinion_label.text()
            # a member who sent nothing is 未提交; one the round recuses is 回避
            assert panel.table.item(_row(panel, third), _column(panel, "E06")).text() == "未提交"
            assert panel.table.item(_row(panel, first), _column(panel, "E04")).text() == "回避"
            panel.table.selectRow(_row(panel, first))
            assert panel.consensus.toPlainText() == "基础扎实，建议通过"
            panel.close()
        # restart: a new desk on the same database
        with open_database(db_path) as db:
            again = ChairPanel(ChairDesk(ExpertDesk(db, package, unlocked("E01"))))
            qtbot.addWidget(again)
            assert sorted(again.chair.sheets) == ["E02", "E03"]
            row = _row(again, "LC-2026-001")
            assert again.table.item(row, _column(again, "E02")).text() != "未提交"
            again.table.selectRow(row)
            assert again.consensus.toPlainText() == "基础扎实，建议通过"
            assert again.recommend.isChecked()
            # the members' reasons and judgements are shown to the chair
            assert "E02" in again.detail.toPlainText()
    finally:
        package.close()


def test_the_chairs_own_signed_scores_appear_without_importing_her_copy(
    qtbot, built_p1, unlocked, tmp_path
):
    package = open_package(built_p1["package"].file)
    try:
        with open_database(tmp_path / "chair.sqlite3") as db:
            desk = ExpertDesk(db, package, unlocked("E01"))
            desk.certify({})
            step = desk.manifest.rubric.step
            for entry in desk.scorable():
                for criterion in desk.manifest.rubric.criteria:
                    value = (criterion.max * Decimal("0.75") / step).to_integral_value() * step
                    desk.set_score(entry.id, criterion.id, value)
                desk.set_opinion(entry.id, "组长本人意见", True)
                for check in desk.open_checks(entry.id):
                    desk.judge(entry.id, check.id, True)
            desk.sign_and_export(tmp_path / "usb")
            panel = ChairPanel(ChairDesk(desk))
            qtbot.addWidget(panel)
            assert list(panel.chair.sheets) == ["E01"]
            scored = next(e.id for e in desk.scorable())
            cell = panel.table.item(_row(panel, scored), _column(panel, "E01")).text()
            assert Decimal(cell) == desk.form(scored).total
    finally:
        package.close()
