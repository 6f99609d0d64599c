"""The first window, driven as a user would: open the demo round, read verdicts and panels."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tic_desktop.gui.eligibility_conflict_models import FAIL_BG, PASS_BG, REVIEW_BG, ResultRole
from tic_desktop.paths import demo_round_file

pytestmark = pytest.mark.gui


def _row_of(view, text, column=0):
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, column).data() == text:
            return row
    raise AssertionError(f"{text} not shown in {view.objectName()}")


def _click_row(qtbot, view, row, column=0):
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def _open_demo(qtbot, window):
    with qtbot.waitSignal(window.ui.applicationsView.model().modelReset, timeout=5000):
        window.ui.openDemoAction.trigger()


def test_demo_round_shows_every_application_with_its_verdict(desktop, qtbot):
    window = desktop.window
    _open_demo(qtbot, window)
    view = window.ui.applicationsView
    model = view.model()
    assert model.rowCount() == 12
    assert "2026年度聊城市技术创新中心组建评审" in window.ui.roundTitleLabel.text()
    assert "共 12 项申报" in window.ui.summaryLabel.text()

    verdicts = {model.index(r, 0).data(): model.index(r, 2).data() for r in range(model.rowCount())}
    assert verdicts["LC-2026-001"] == "符合条件"
    assert verdicts["LC-2026-004"] == "需专家研判"
    assert verdicts["LC-2026-007"] == "不符合条件"
    # Violations are highlighted: the verdict cell's background says the state at a glance.
    row = _row_of(view, "LC-2026-007")
    assert model.index(row, 2).data(Qt.ItemDataRole.BackgroundRole).color() == FAIL_BG
    assert (
        model.index(_row_of(view, "LC-2026-004"), 2).data(Qt.ItemDataRole.BackgroundRole).color()
        == REVIEW_BG
    )
    assert (
        model.index(_row_of(view, "LC-2026-001"), 2).data(Qt.ItemDataRole.BackgroundRole).color()
        == PASS_BG
    )


def test_clicking_an_application_and_a_check_shows_clause_figures_and_message(desktop, qtbot):
    window = desktop.window
    _open_demo(qtbot, window)
    view = window.ui.applicationsView
    _click_row(qtbot, view, _row_of(view, "LC-2026-007"))
    assert "LC-2026-007" in window.ui.applicationTitleLabel.text()

    checks = window.ui.checksView.model()
    assert checks.rowCount() == 18
    titles = [checks.index(r, 0).data() for r in range(checks.rowCount())]
    row = titles.index("研发费用总额")
    # The first problem is preselected, and its row is highlighted.
    assert window.ui.checksView.selectionModel().selectedRows()[0].row() == row
    assert checks.index(row, 1).data() == "不通过"
    assert checks.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color() == FAIL_BG

    _click_row(qtbot, window.ui.checksView, row)
    detail = window.ui.checkDetail.toPlainText()
    assert "rd.expense_total" in detail
    assert "第八条（二）" in detail
    assert "9,999,999.99" in detail and "10,000,000" in detail
    assert "少于" in detail
    assert "近三年研发费用总额不少于1000万元" in detail  # the regulation's own words


def test_keyboard_moves_through_applications(desktop, qtbot):
    window = desktop.window
    _open_demo(qtbot, window)
    view = window.ui.applicationsView
    view.setFocus()
    first = window.ui.applicationTitleLabel.text()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.ui.applicationTitleLabel.text() != first
    assert "LC-2026-002" in window.ui.applicationTitleLabel.text()


def test_panel_tab_highlights_cap_and_chair_violations(desktop, qtbot):
    window = desktop.window
    _open_demo(qtbot, window)
    window.ui.tabs.setCurrentWidget(window.ui.panelsTab)
    view = window.ui.panelsView
    model = view.model()
    assert model.rowCount() == 12
    rows = {
        (model.index(r, 0).data(), model.index(r, 1).data()): r for r in range(model.rowCount())
    }

    cap = rows[("P2", "LC-2026-011")]
    assert model.index(cap, 6).data() == "不通过"
    assert model.index(cap, 6).data(ResultRole) == "fail"
    assert model.index(cap, 6).data(Qt.ItemDataRole.BackgroundRole).color() == FAIL_BG
    chair = rows[("P3", "LC-2026-008")]
    assert model.index(chair, 7).data() == "不通过"
    clean = rows[("P1", "LC-2026-001")]
    assert [model.index(clean, c).data() for c in (6, 7, 8)] == ["通过"] * 3
    assert model.index(clean, 6).data(Qt.ItemDataRole.BackgroundRole) is None

    _click_row(qtbot, view, cap)
    detail = window.ui.panelDetail.toPlainText()
    for expert in ("E10", "E11", "E12"):
        assert expert in detail
    assert "超过 1/3" in detail


def test_file_open_with_a_bad_round_names_the_file_and_field_and_keeps_the_view(
    desktop, qtbot, tmp_path, monkeypatch
):
    window = desktop.window
    _open_demo(qtbot, window)
    broken_dir = tmp_path / "round"
    shutil.copytree(demo_round_file().parent, broken_dir)
    round_data = json.loads((broken_dir / "round.json").read_text(encoding="utf-8"))
    round_data["panels"][0]["members"][0] = "E99"
    (broken_dir / "round.json").write_text(
        json.dumps(round_data, ensure_ascii=False), encoding="utf-8"
    )
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (str(broken_dir / "round.json"), "")),
    )

    with qtbot.waitSignal(window.error_shown, timeout=5000) as shown:
        window.ui.openRoundAction.trigger()
    message = shown.args[0]
    assert "round.json" in message and "panels[0].members[0]" in message and "E99" in message
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert any("E99" in box.text() for box in boxes)
    boxes[0].accept()
    # Nothing half-loaded: the demo round is still what is shown.
    assert window.ui.applicationsView.model().rowCount() == 12
    assert "2026-TIC-01" in window.ui.roundTitleLabel.text()


def test_english_can_be_chosen_and_chinese_restored(desktop, qtbot):
    window = desktop.window
    _open_demo(qtbot, window)
    window.ui.englishAction.trigger()
    assert window.ui.tabs.tabText(0) == "Formal review"
    assert window.ui.applicationsView.model().headerData(2, Qt.Orientation.Horizontal) == "Verdict"
    assert "12 applications" in window.ui.summaryLabel.text()
    window.ui.chineseAction.trigger()
    assert window.ui.tabs.tabText(0) == "形式审查"
    assert window.ui.fileMenu.title() == "文件(&F)"


def test_larger_text_setting_grows_the_font_and_is_remembered(desktop, qtbot, preferences):
    before = QApplication.font().pointSize()
    desktop.window.ui.largerTextAction.trigger()
    desktop.window.ui.largerTextAction.trigger()
    assert QApplication.font().pointSize() == before + 2
    from tic_desktop.gui.settings import FONT_SIZE

    assert preferences.get(FONT_SIZE) == before + 2
    desktop.window.ui.smallerTextAction.trigger()
    desktop.window.ui.smallerTextAction.trigger()
    assert QApplication.font().pointSize() == before


def test_item_models_follow_the_qt_model_contract(desktop, qtbot, qtmodeltester):
    window = desktop.window
    _open_demo(qtbot, window)
    window.ui.applicationsView.selectRow(6)
    qtmodeltester.check(window.applications)
    qtmodeltester.check(window.checks)
    qtmodeltester.check(window.panels)


def test_chinese_renders_with_a_font_that_has_the_glyphs(desktop):
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(desktop.window.ui.roundTitleLabel.font())
    assert all(metrics.inFont(ch) for ch in "聊城市技术创新中心评审")


def test_opened_round_verdicts_are_stored_in_the_local_database(qapp, qtbot, preferences, tmp_path):
    from tic_desktop.gui.app import DesktopApp
    from tic_desktop.review import store_review
    from tic_desktop.storage import open_database
    from tic_desktop.storage.repository import load_panel_results, load_round_verdicts

    with open_database(tmp_path / "tic.sqlite3") as db:
        app = DesktopApp(qapp, preferences, on_reviewed=lambda review: store_review(db, review))
        qtbot.addWidget(app.window)
        try:
            _open_demo(qtbot, app.window)
            verdicts = load_round_verdicts(db, "2026-TIC-01")
            assert len(verdicts) == 12
            assert verdicts["LC-2026-007"][0] == "ineligible"
            assert [c["id"] for c in verdicts["LC-2026-007"][1]][3] == "rd.expense_total"
            assert len(load_panel_results(db, "2026-TIC-01")) == 12
        finally:
            app.translations.remove()
            app.bridge.close()
