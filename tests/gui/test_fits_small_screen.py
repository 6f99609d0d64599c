"""Every bureau window fits a 1024×600 screen: its buttons lie inside the screen, its lists show
rows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QRect
from screen_checks import NETBOOK, assert_fits, use_screen

from tic_desktop.gui.about import AboutDialog
from tic_desktop.gui.build_dialog import BuildPackagesDialog
from tic_desktop.gui.help_window import UserGuideWindow
from tic_desktop.gui.register_dialogs import (
    CenterForm,
    CorrectionForm,
    EvaluationForm,
    ReportForm,
    RevocationForm,
)
from tic_desktop.gui.register_window import RegisterWindow
from tic_desktop.gui.round_wizard import RoundEditorDialog, RoundWizard
from tic_desktop.gui.welcome import WelcomeDialog
from tic_desktop.paths import demo_round_file
from tic_desktop.register import store
from tic_desktop.review import evaluate_round
from tic_desktop.storage import open_database

pytestmark = pytest.mark.gui

TODAY = date(2027, 4, 15)
LAPTOP = QRect(0, 0, 1366, 768 - 30)


@pytest.fixture(params=[NETBOOK, LAPTOP], ids=["1024x600", "1366x768"])
def screen(request, monkeypatch):
    return use_screen(monkeypatch, request.param)


def _show(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_round_wizard_fits_on_every_page(qtbot, screen):
    wizard = _show(qtbot, RoundWizard("zh"))
    assert_fits(wizard, screen)
    # Every page, not only the ones an empty draft lets us reach: start on each in turn.
    for page_id in wizard.pageIds():
        wizard.setStartId(page_id)
        wizard.restart()
        assert wizard.currentId() == page_id
        assert_fits(wizard, screen)


def test_the_round_editor_shows_save_and_member_rows_on_every_tab(qtbot, preferences, screen):
    editor = _show(
        qtbot, RoundEditorDialog(evaluate_round(demo_round_file()).round, preferences, "zh")
    )
    editor.panels.select_panel("P2")  # the panel with the longest problem list
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        assert_fits(editor, screen)
    editor.tabs.setCurrentIndex(0)
    assert_fits(editor, screen, min_rows=2)
    members = editor.panels.members  # the members table shows at least three experts
    assert members.viewport().height() >= 3 * members.sizeHintForRow(0)
    from tic_desktop.gui.panel_builder import PanelBuilder

    assert isinstance(editor.panels, PanelBuilder)
    assert editor.buttons.isVisible()


def test_the_panel_builder_does_not_jump_when_its_problem_list_changes(qtbot, preferences, screen):
    editor = _show(
        qtbot, RoundEditorDialog(evaluate_round(demo_round_file()).round, preferences, "zh")
    )
    builder = editor.panels
    builder.select_panel("P2")
    qtbot.wait(0)
    top = builder.splitter.mapTo(builder, builder.splitter.rect().topLeft()).y()
    problems = builder.blockers.text()
    builder.select_panel("P3")
    builder.set_member("E15", False)  # the P3 chair leaves: another problem, a longer list
    assert builder.blockers.text() != problems
    qtbot.wait(0)
    assert builder.splitter.mapTo(builder, builder.splitter.rect().topLeft()).y() == top
    # An application in two panels is still shown as a problem of both (kept from its author).
    builder.select_panel("P1")
    builder.set_application("LC-2026-005", True)
    qtbot.wait(0)
    assert "LC-2026-005" in builder.blockers.text()
    assert builder.splitter.mapTo(builder, builder.splitter.rect().topLeft()).y() == top


def test_the_build_dialog_fits(qtbot, preferences, screen):
    dialog = _show(qtbot, BuildPackagesDialog(evaluate_round(demo_round_file()), preferences, "zh"))
    assert_fits(dialog, screen, min_rows=3)


@pytest.fixture
def register_db(tmp_path):
    db = open_database(tmp_path / "register.sqlite3")
    store.add_center(
        db,
        "LC-TIC-2025-01",
        "聊城市高端轴承技术创新中心",
        "山东聊城某轴承股份有限公司",
        "91371500MA3C1234XL",
        "高端装备",
        date(2025, 3, 10),
        today=TODAY,
    )
    yield db
    db.close()


def test_the_register_window_and_its_forms_fit(qtbot, preferences, register_db, screen):
    window = _show(qtbot, RegisterWindow(register_db, "zh", preferences, today=lambda: TODAY))
    assert_fits(window, screen)
    center = store.get_center(register_db, "LC-TIC-2025-01")
    for form in (
        CenterForm("zh", TODAY, window),
        ReportForm(center, "zh", TODAY, 2026, window),
        EvaluationForm(center, "zh", TODAY, window),
        RevocationForm(center, "zh", TODAY, None, window),
        CenterForm("zh", TODAY, window, center=center),  # correcting it, with the reason
        CorrectionForm(center, "zh", window),
    ):
        _show(qtbot, form)
        assert_fits(form, screen)
        form.reject()
    window.close()


def test_about_welcome_and_the_user_guide_fit(qtbot, preferences, screen):
    assert_fits(_show(qtbot, AboutDialog("zh", None)), screen)
    assert_fits(_show(qtbot, WelcomeDialog(preferences, "zh")), screen)
    guide = _show(qtbot, UserGuideWindow("zh", preferences))
    assert_fits(guide, screen, has_buttons=False)  # its tabs, search box and text: no buttons
    assert guide.search_edit.isVisible() and guide.browser.height() > 300
