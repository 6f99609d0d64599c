"""The round wizard's applications page shows the Excel import report (issue #14): a workbook
with cells to confirm is imported and the report is put in front of the clerk, not dropped."""

from __future__ import annotations

from decimal import Decimal

from excel_test_books import B, hand_filled_book, save
from PySide6.QtWidgets import QMessageBox

from tic_desktop.bureau.round_draft import RoundDraft
from tic_desktop.gui.applications_page import ApplicationsPage


def test_the_import_report_is_shown_and_the_import_goes_through(qtbot, tmp_path):
    book = hand_filled_book(tmp_path)
    book["基本信息"][f"{B['equipment_value']}2"] = 530  # 530 万元 meant
    book["基本信息"][f"{B['share_conditions']}2"] = 0.7
    book["财务数据"]["C2"] = "3,800,000元"
    path = save(book, tmp_path)
    page = ApplicationsPage(RoundDraft(), "zh")
    qtbot.addWidget(page)

    with qtbot.waitSignal(page.report_shown) as shown:
        assert page.import_excel(path)

    report = shown.args[0]
    assert "3 处请核对" in report.splitlines()[0]
    assert f"第 2 行 {B['equipment_value']} 列" in report and "像是按万元填写" in report
    assert "若指 70%" in report and "去掉千位分隔符" in report
    assert page.draft.applications["LC-T-001"].application.equipment_value == Decimal("530")
    boxes = [w for w in page.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1
    assert "请核对" in boxes[0].windowTitle() and "像是按万元填写" in boxes[0].text()
    assert boxes[0].detailedText() == report
    boxes[0].close()


def test_a_plain_workbook_shows_no_report(qtbot, tmp_path):
    book = hand_filled_book(tmp_path)
    book["财务数据"]["C5"] = "3100000"  # the book's 0.1 would be asked about
    page = ApplicationsPage(RoundDraft(), "en")
    qtbot.addWidget(page)
    with qtbot.assertNotEmitted(page.report_shown):
        assert page.import_excel(save(book, tmp_path))
    assert not [w for w in page.findChildren(QMessageBox) if w.isVisible()]
