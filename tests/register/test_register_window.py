"""The register window driven as a person would: add a center, record reports, see a trigger come
and go."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from register_builders import USCC_A, USCC_B

from tic_desktop.gui.eligibility_conflict_models import FAIL_BG, REVIEW_BG
from tic_desktop.gui.register_centers_model import CentersModel
from tic_desktop.gui.register_window import RegisterWindow
from tic_desktop.register import store

pytestmark = pytest.mark.gui


class Clock:
    """The window's idea of today, moved by the test."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock():
    return Clock(date(2026, 11, 25))


@pytest.fixture
def window(qtbot, db, clock):
    shown = RegisterWindow(db, "en", today=clock)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _cell(window, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return window.model.index(row, column).data(role)


def _save(qtbot, window, form) -> None:
    with qtbot.waitSignal(window.changed):
        qtbot.mouseClick(
            form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )


def test_add_center_then_reports_then_a_trigger_appears(qtbot, window, clock) -> None:
    with qtbot.waitSignal(window.form_opened) as opened:
        window.add_action.trigger()
    form = opened.args[0]
    qtbot.keyClicks(form.center_id, "LC-TIC-2025-01")
    # QTest types Latin-1 only; Chinese arrives as an input method would commit it.
    form.name.insert("聊城市高端轴承技术创新中心")
    form.lead_unit.insert("聊城某轴承股份有限公司")
    qtbot.keyClicks(form.lead_uscc, USCC_A)
    form.field.insert("高端装备")
    form.approved_on.setDate(QDate(2025, 3, 10))
    _save(qtbot, window, form)
    qtbot.waitUntil(lambda: not form.isVisible())

    assert window.model.rowCount() == 1
    assert _cell(window, 0, CentersModel.STATUS) == "Preparing"
    assert _cell(window, 0, CentersModel.NEXT_DUE) == "Overdue: Report 2025 2026-03-31"
    assert _cell(window, 0, CentersModel.TRIGGERS) == "0"
    assert _cell(window, 0, CentersModel.NAME, Qt.ItemDataRole.BackgroundRole).color() == REVIEW_BG
    assert "Art. 19(1) applies" in window.detail.toPlainText()

    # The 2025 report arrives late, by the next deadline: no longer overdue.
    with qtbot.waitSignal(window.form_opened) as opened:
        window.report_action.trigger()
    form = opened.args[0]
    assert form.year.value() == 2025  # the first missing year is proposed
    form.received_on.setDate(QDate(2026, 11, 20))
    _save(qtbot, window, form)
    assert "2025 (2026-11-20)" in window.detail.toPlainText().replace("（", " (").replace("）", ")")
    assert _cell(window, 0, CentersModel.NEXT_DUE) == "Report 2026 2027-03-31"

    # A year and a half later nothing more has come: 2026 and 2027 are both missing.
    clock.day = date(2028, 4, 1)
    window.refresh()
    assert _cell(window, 0, CentersModel.TRIGGERS) == "1"
    assert _cell(window, 0, CentersModel.NAME, Qt.ItemDataRole.BackgroundRole).color() == FAIL_BG
    detail = window.detail.toPlainText()
    assert (
        "Art. 19(1)" in detail
        and "No annual report for two consecutive years (2026 and 2027)" in detail
    )
    assert "to be revoked" in detail


def test_refused_input_is_explained_in_the_form(qtbot, window, db) -> None:
    form = window.add_center()
    qtbot.keyClicks(form.center_id, "LC-1")
    form.name.insert("中心")
    form.lead_unit.insert("单位")
    qtbot.keyClicks(form.lead_uscc, USCC_A[:-1] + "0")
    form.field.insert("新材料")
    with qtbot.waitSignal(form.refused) as refused:
        qtbot.mouseClick(
            form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert "check character" in refused.args[0]
    assert form.isVisible() and form.error.isVisible()
    assert store.list_centers(db) == [] and window.model.rowCount() == 0
    form.lead_uscc.setText(USCC_A)
    _save(qtbot, window, form)
    assert window.model.rowCount() == 1


def test_evaluation_and_revocation_forms(qtbot, window, db, clock) -> None:
    store.add_center(
        db, "LC-A", "甲中心", "甲公司", USCC_A, "新材料", date(2024, 3, 1), today=clock.day
    )
    store.add_center(
        db, "LC-B", "乙中心", "乙公司", USCC_B, "生物医药", date(2024, 5, 1), today=clock.day
    )
    window.refresh()
    window.table.selectRow(0)
    form = window.record_evaluation()
    form.kind.setCurrentIndex(form.kind.findData("comprehensive"))
    form.year.setValue(2026)
    form.result.setCurrentIndex(form.result.findData("fail"))
    _save(qtbot, window, form)
    assert "Art. 22" in window.detail.toPlainText()
    assert "qualification to be cancelled" in window.detail.toPlainText()

    form = window.revoke()
    assert form.clause.currentData() == "22"  # proposed from the trigger that applies
    form.note.insertPlainText("聊科字〔2026〕9号")
    # Recording a revocation asks first, naming the center and what follows (issue #14).
    with qtbot.waitSignal(form.confirmation_requested) as asked:
        qtbot.mouseClick(
            form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    box = asked.args[0]
    assert "甲中心" in box.text()
    with qtbot.waitSignal(window.changed):
        qtbot.mouseClick(box.button(box.StandardButton.Save), Qt.MouseButton.LeftButton)
    row = window.model.row_of("LC-A")
    assert _cell(window, row, CentersModel.STATUS) == "Qualification cancelled"  # 第二十二条
    assert not window.report_action.isEnabled() and not window.revoke_action.isEnabled()
    window.table.selectRow(window.model.row_of("LC-B"))
    assert window.report_action.isEnabled()


def test_keyboard_opens_the_forms(qtbot, window, db, clock) -> None:
    store.add_center(
        db, "LC-A", "甲中心", "甲公司", USCC_A, "新材料", date(2025, 3, 1), today=clock.day
    )
    window.refresh()
    window.table.setFocus()
    with qtbot.waitSignal(window.form_opened) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert opened.args[0].windowTitle().startswith("Record an annual report")
    opened.args[0].reject()
    with qtbot.waitSignal(window.form_opened) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    opened.args[0].reject()


def test_centers_model_follows_the_qt_model_contract(qtmodeltester, window, db, clock) -> None:
    store.add_center(
        db, "LC-A", "甲中心", "甲公司", USCC_A, "新材料", date(2025, 3, 1), today=clock.day
    )
    window.refresh()
    qtmodeltester.check(window.model)
