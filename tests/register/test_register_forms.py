"""The register's forms and detail after the new-user review: failed comprehensive evaluations, late
reports, the grounds offered for revocation, errors named by the field's label, required marks, the
layout when an error appears, no preselected grade, and a warning for a shared lead-unit code."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox
from register_builders import USCC_A, USCC_B

from tic_desktop.gui.register_centers_model import REVOKED_BG, CentersModel
from tic_desktop.gui.register_window import RegisterWindow
from tic_desktop.register import store

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 25)


@pytest.fixture
def window(qtbot, db):
    shown = RegisterWindow(db, "en", today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _cell(window, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return window.model.index(row, column).data(role)


def _click_save(qtbot, form) -> None:
    qtbot.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def _save(qtbot, window, form) -> None:
    with qtbot.waitSignal(window.changed):
        _click_save(qtbot, form)


def _refused(qtbot, form) -> str:
    with qtbot.waitSignal(form.refused) as refused:
        _click_save(qtbot, form)
    return refused.args[0]


def _fill_center(qtbot, form, uscc: str = USCC_A, field: str = "高端装备") -> None:
    qtbot.keyClicks(form.center_id, "LC-TIC-2025-01")
    form.name.insert("聊城市高端轴承技术创新中心")
    form.lead_unit.insert("聊城某轴承股份有限公司")
    qtbot.keyClicks(form.lead_uscc, uscc)
    form.field.insert(field)
    form.approved_on.setDate(QDate(2025, 3, 10))


def test_legacy_center_failing_the_comprehensive_evaluation_is_to_lose_its_qualification(
    qtbot, window, db
) -> None:
    # The reviewer's case: approved 2024-03-01, evaluated 2026: 不合格. No report on record.
    store.add_center(
        db, "LC-A", "甲中心", "甲公司", USCC_A, "新材料", date(2024, 3, 1), today=TODAY
    )
    window.refresh()
    form = window.record_evaluation()
    form.kind.setCurrentIndex(form.kind.findData("comprehensive"))
    form.year.setValue(2026)
    form.result.setCurrentIndex(form.result.findData("fail"))
    _save(qtbot, window, form)

    assert _cell(window, 0, CentersModel.STATUS) == "Failed: to lose qualification"
    assert (
        _cell(window, 0, CentersModel.NEXT_DUE)
        == "Bureau: record the cancellation of qualification"
    )
    detail = window.detail.toPlainText()
    assert "What the bureau should do" in detail and "Record the bureau's decision" in detail
    assert "Annual report 2025" not in detail and "Art. 19(1)" not in detail  # nothing more is due
    assert not window.evaluation_action.isEnabled() and window.revoke_action.isEnabled()

    form = window.revoke()
    assert form.clause.currentData() == "22"
    form.note.insertPlainText("聊科字〔2026〕9号")
    with qtbot.waitSignal(form.confirmation_requested) as asked:  # asked first (issue #14)
        _click_save(qtbot, form)
    with qtbot.waitSignal(window.changed):
        asked.args[0].button(QMessageBox.StandardButton.Save).click()
    assert _cell(window, 0, CentersModel.STATUS) == "Qualification cancelled"
    assert _cell(window, 0, CentersModel.NEXT_DUE) == "—"
    assert _cell(window, 0, CentersModel.NAME, Qt.ItemDataRole.BackgroundRole).color() == REVOKED_BG
    assert "Qualification cancelled" in window.detail.toPlainText()
    assert not window.revoke_action.isEnabled() and not window.report_action.isEnabled()


def test_new_center_failing_is_not_admitted_and_cannot_be_revoked(window, db) -> None:
    store.add_center(
        db, "LC-B", "乙中心", "乙公司", USCC_B, "生物医药", date(2025, 1, 1), today=date(2027, 6, 1)
    )
    store.record_evaluation(db, "LC-B", "comprehensive", 2027, "fail", today=date(2027, 6, 1))
    window._today = lambda: date(2027, 6, 1)
    window.refresh()
    assert _cell(window, 0, CentersModel.STATUS) == "Failed: not admitted"
    assert _cell(window, 0, CentersModel.NEXT_DUE) == "—"
    assert "Art. 20 names no revocation" in window.detail.toPlainText()
    assert not window.revoke_action.isEnabled() and not window.evaluation_action.isEnabled()


def test_a_late_report_is_marked_in_the_table_and_the_detail(qtbot, window, db) -> None:
    store.add_center(
        db, "LC-A", "甲中心", "甲公司", USCC_A, "新材料", date(2025, 3, 10), today=TODAY
    )
    window.refresh()
    assert _cell(window, 0, CentersModel.LATE) == "—"
    form = window.record_report()
    form.year.setValue(2025)
    form.received_on.setDate(QDate(2026, 4, 10))  # due 2026-03-31
    _save(qtbot, window, form)
    assert _cell(window, 0, CentersModel.LATE) == "2025"
    assert "due 2026-03-31, received 2026-04-10" in _cell(
        window, 0, CentersModel.LATE, Qt.ItemDataRole.ToolTipRole
    )
    assert "received late" in window.detail.toPlainText()


def test_revocation_form_offers_only_the_grounds_of_the_regulation(window, db) -> None:
    store.add_center(
        db, "LC-A", "甲中心", "甲公司", USCC_A, "新材料", date(2024, 3, 1), today=TODAY
    )
    store.add_center(
        db, "LC-B", "乙中心", "乙公司", USCC_B, "生物医药", date(2025, 3, 1), today=TODAY
    )
    window.refresh()
    window.table.selectRow(window.model.row_of("LC-A"))
    form = window.revoke()
    offered = [form.clause.itemData(i) for i in range(form.clause.count())]
    assert offered == [None, "19.1", "19.2", "19.3", "19.4", "19.5", "19.6", "22"]  # no 第二十条
    assert form.clause.currentIndex() == 0  # nothing applies: no clause is proposed
    assert (
        form.clause.itemText(5)
        == "Art. 19(5) the lead unit cannot keep the center running (stopped production, "
        "bankruptcy, restructuring, acquisition or the like)"
    )
    form.reject()
    window.table.selectRow(window.model.row_of("LC-B"))
    form = window.revoke()
    assert "22" not in [
        form.clause.itemData(i) for i in range(form.clause.count())
    ]  # approved 2025
    form.reject()


def test_store_refuses_article_20_as_a_revocation_clause(db) -> None:
    from tic_desktop.errors import InputError

    store.add_center(
        db, "LC-B", "乙中心", "乙公司", USCC_B, "生物医药", date(2025, 1, 1), today=date(2027, 6, 1)
    )
    store.record_evaluation(db, "LC-B", "comprehensive", 2027, "fail", today=date(2027, 6, 1))
    with pytest.raises(InputError, match="Art. 20 names no revocation"):
        store.revoke(db, "LC-B", date(2027, 6, 1), "20", "文号", today=date(2027, 6, 1))
    with pytest.raises(InputError, match="not admitted"):
        store.revoke(db, "LC-B", date(2027, 6, 1), "19.6", "文号", today=date(2027, 6, 1))
    with pytest.raises(InputError) as refused:
        store.revoke(db, "LC-B", date(2027, 6, 1), None, "文号", today=date(2027, 6, 1))
    assert refused.value.field == "clause"


def test_errors_name_the_fields_label_next_to_the_field(qtbot, window) -> None:
    form = window.add_center()
    _fill_center(qtbot, form, field="")
    text = _refused(qtbot, form)
    assert text == "Field: must not be empty"
    _, widget, under = form.fields["field"]
    assert (
        under.isVisible() and under.text() == "must not be empty" and form.focusWidget() is widget
    )
    form.field.insert("高端装备")
    form.lead_uscc.setText(USCC_A[:-1] + "0")
    text = _refused(qtbot, form)
    assert (
        text.startswith("Lead unit's USCC: unified social credit code") and "lead_uscc" not in text
    )
    assert not form.fields["field"][2].isVisible()  # the earlier error is gone
    form.reject()


def test_errors_in_chinese_use_the_chinese_label(qtbot, db, zh) -> None:
    window = RegisterWindow(db, "zh", today=lambda: TODAY)
    qtbot.addWidget(window)
    form = window.add_center()
    _fill_center(qtbot, form, field="")
    assert _refused(qtbot, form) == "技术领域：不能为空"
    form.field.insert("高端装备")
    form.approved_on.setDate(QDate(2027, 1, 1))
    text = _refused(qtbot, form)
    assert text.startswith("批复建设日期：2027-01-01 晚于今天") and "字段" not in text
    form.reject()


def test_required_fields_are_marked_and_mnemonics_still_reach_them(qtbot, window) -> None:
    form = window.add_center()
    qtbot.waitExposed(form)
    labels = {key: form.form.labelForField(widget) for key, (_, widget, _) in form.fields.items()}
    for key in ("center_id", "name", "lead_unit", "lead_uscc", "field"):
        assert labels[key].text().startswith("* "), key
        assert labels[key].buddy() is form.fields[key][1]
    assert not labels["preparation_years"].text().startswith("*")
    assert form.required_note.isVisible() and form.required_note.text() == "* Required"
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    assert form.focusWidget() is form.center_id  # the first field, not the Save button
    qtbot.keyClick(form, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert form.focusWidget() is form.field
    qtbot.keyClick(form, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert form.focusWidget() is form.lead_uscc
    form.reject()


def test_an_error_does_not_squeeze_the_hint(qtbot, window) -> None:
    form = window.add_center()
    qtbot.waitExposed(form)
    _fill_center(qtbot, form, uscc="123")
    _refused(qtbot, form)
    labels = [form.hint, form.required_note, form.error, form.fields["lead_uscc"][2]]
    for label in labels:  # each as tall as its wrapped text needs
        assert label.isVisible() and label.height() >= label.heightForWidth(label.width()), (
            label.text()
        )
    assert form.fields["lead_uscc"][2].width() >= form.lead_uscc.width() - 1
    boxes = [label.geometry() for label in labels[:3]] + [form.buttons.geometry()]
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert upper.bottom() < lower.top()
    form.reject()


def test_evaluation_starts_with_no_grade_and_requires_one(qtbot, window, db) -> None:
    store.add_center(
        db, "LC-A", "甲中心", "甲公司", USCC_A, "新材料", date(2024, 3, 1), today=TODAY
    )
    window.refresh()
    form = window.record_evaluation()
    assert form.result.currentData() is None and form.result.currentText() == "— Choose —"
    form.year.setValue(2026)
    assert _refused(qtbot, form) == "Result: choose the result"
    assert store.get_center(db, "LC-A").evaluations == ()
    form.result.setCurrentIndex(form.result.findData("pass"))
    _save(qtbot, window, form)
    assert _cell(window, 0, CentersModel.STATUS) == "In the system"


def test_a_shared_lead_unit_code_warns_and_asks(qtbot, window, db) -> None:
    store.add_center(
        db,
        "LC-X",
        "某中心",
        "聊城某轴承股份有限公司",
        USCC_A,
        "新材料",
        date(2025, 1, 1),
        today=TODAY,
    )
    window.refresh()
    form = window.add_center()
    _fill_center(qtbot, form, uscc=USCC_A.lower())
    with qtbot.waitSignal(form.confirmation_requested) as asked:
        _click_save(qtbot, form)
    box = asked.args[0]
    assert "某中心（LC-X" in box.text() and "does not forbid" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert len(store.list_centers(db)) == 1 and form.isVisible()

    with qtbot.waitSignal(form.confirmation_requested) as asked:
        _click_save(qtbot, form)
    with qtbot.waitSignal(window.changed):
        qtbot.mouseClick(
            asked.args[0].button(QMessageBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    assert len(store.list_centers(db)) == 2
    window.table.selectRow(window.model.row_of("LC-TIC-2025-01"))
    assert "also hosts: 某中心（LC-X）" in window.detail.toPlainText()


def test_a_code_of_its_own_is_saved_without_asking(qtbot, window, db) -> None:
    store.add_center(
        db, "LC-X", "某中心", "某公司", USCC_B, "新材料", date(2025, 1, 1), today=TODAY
    )
    window.refresh()
    form = window.add_center()
    _fill_center(qtbot, form)
    asked = []
    form.confirmation_requested.connect(asked.append)
    _save(qtbot, window, form)
    assert asked == [] and isinstance(form.hint, QLabel)
