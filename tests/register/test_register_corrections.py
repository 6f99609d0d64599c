"""Register records are corrected, not overwritten: every correction keeps what the record was,
the reason and when; recording or taking back a revocation asks first (issue #14)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from register_builders import USCC_A, USCC_B

from tic_desktop.errors import InputError
from tic_desktop.gui.register_window import RegisterWindow
from tic_desktop.register import store
from tic_desktop.register.domain import Status
from tic_desktop.register.rules import assess
from tic_desktop.storage import open_database

TODAY = date(2026, 11, 25)


def _center(db):
    store.add_center(
        db, "LC-A", "甲中心", "甲公司", USCC_A, "新材料", date(2024, 3, 1), today=TODAY
    )
    store.record_annual_report(db, "LC-A", 2024, date(2025, 3, 10), today=TODAY)
    return store.record_annual_report(db, "LC-A", 2025, date(2026, 3, 12), today=TODAY)


def test_correcting_a_center_keeps_what_it_was_and_why(db, tmp_path):
    _center(db)
    center = store.edit_center(
        db,
        "LC-A",
        "甲技术创新中心",
        "甲股份有限公司",
        USCC_B,
        "新材料",
        date(2024, 3, 1),
        2,
        reason="批复文件中的名称",
        today=TODAY,
    )
    assert center.name == "甲技术创新中心" and center.lead_uscc == USCC_B
    [change] = center.history
    assert change.record == "center" and change.action == "corrected"
    assert change.before["name"] == "甲中心" and change.before["lead_uscc"] == USCC_A
    assert change.after["name"] == "甲技术创新中心" and change.reason == "批复文件中的名称"
    # Kept in the database, not only in the returned value: a new connection reads it back.
    db.close()
    again = open_database(tmp_path / "register.sqlite3")
    try:
        assert store.get_center(again, "LC-A").history[0].before["lead_unit"] == "甲公司"
    finally:
        again.close()


def test_a_correction_needs_a_reason_and_a_change_and_keeps_the_records_consistent(db):
    _center(db)
    fields = ("甲中心", "甲公司", USCC_A, "新材料")
    with pytest.raises(InputError) as refused:
        store.edit_center(db, "LC-A", *fields, date(2024, 3, 1), 2, reason=" ", today=TODAY)
    assert refused.value.field == "reason"
    with pytest.raises(InputError) as refused:
        store.edit_center(db, "LC-A", *fields, date(2024, 3, 1), 2, reason="核对", today=TODAY)
    assert "没有任何改动" in refused.value.problem_zh
    with pytest.raises(InputError) as refused:  # the 2024 report would predate the approval
        store.edit_center(db, "LC-A", *fields, date(2025, 1, 2), 2, reason="核对", today=TODAY)
    assert refused.value.field == "approved_on"
    assert store.get_center(db, "LC-A").history == ()


def test_taking_back_records_keeps_them_in_the_history(db):
    _center(db)
    center = store.remove_annual_report(db, "LC-A", 2025, reason="录入了错误的年份")
    assert [r.year for r in center.reports] == [2024]
    store.record_annual_report(db, "LC-A", 2025, date(2026, 3, 20), today=TODAY)
    store.revoke(db, "LC-A", date(2026, 11, 1), "19.4", "聊科字〔2026〕1号", today=TODAY)
    center = store.withdraw_revocation(db, "LC-A", reason="误录：应为乙中心")
    assert center.revocation is None
    assert assess(center, TODAY).status is not Status.REVOKED
    assert [(c.record, c.action) for c in center.history] == [
        ("annual_report", "removed"),
        ("revocation", "removed"),
    ]
    assert center.history[0].before == {"year": "2025", "received_on": "2026-03-12"}
    assert center.history[1].before["note"] == "聊科字〔2026〕1号"


@pytest.fixture
def window(qtbot, db):
    _center(db)
    shown = RegisterWindow(db, "zh", today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.table.selectRow(0)
    return shown


def _click_save(qtbot, form):
    qtbot.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


@pytest.mark.gui
def test_the_window_corrects_a_center_and_shows_the_history(qtbot, window, db):
    with qtbot.waitSignal(window.form_opened) as opened:
        window.edit_action.trigger()
    form = opened.args[0]
    assert form.center_id.isReadOnly() and form.name.text() == "甲中心"
    form.name.selectAll()
    form.name.insert("甲技术创新中心")  # as an input method commits Chinese
    _click_save(qtbot, form)  # no reason yet: refused at the field
    assert form.isVisible() and "不能为空" in form.error.text()
    form.reason.insert("批复文件中的名称")
    with qtbot.waitSignal(window.changed):
        _click_save(qtbot, form)
    assert store.get_center(db, "LC-A").name == "甲技术创新中心"
    detail = window.detail.toPlainText()
    assert "甲中心" in detail and "批复文件中的名称" in detail  # what it was, and why


@pytest.mark.gui
def test_the_window_asks_before_taking_back_a_record_and_cancel_keeps_it(qtbot, window, db):
    with qtbot.waitSignal(window.form_opened) as opened:
        window.take_back_action.trigger()
    form = opened.args[0]
    choices = [form.record.itemData(i) for i in range(form.record.count())]
    form.record.setCurrentIndex(choices.index(("annual_report", 2025)))
    form.reason.insert("录入了错误的年份")
    with qtbot.waitSignal(form.confirmation_requested) as asked:
        _click_save(qtbot, form)
    box = asked.args[0]
    assert "2025" in box.text() and "甲中心" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert [r.year for r in store.get_center(db, "LC-A").reports] == [2024, 2025]
    with qtbot.waitSignal(form.confirmation_requested) as asked:
        _click_save(qtbot, form)
    with qtbot.waitSignal(window.changed):
        asked.args[0].button(QMessageBox.StandardButton.Save).click()
    assert [r.year for r in store.get_center(db, "LC-A").reports] == [2024]
    assert "录入了错误的年份" in window.detail.toPlainText()
