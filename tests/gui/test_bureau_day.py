"""The bureau's review day through the real windows on a 1024×600 screen (issue #14): a new round in
the wizard from the demo round's JSON applications, its panel, a build cancelled while credentials
are issued, then a full build; each window fits the screen on the way, and the round is offered
again on the next start."""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWizard
from screen_checks import NETBOOK, assert_fits, use_screen
from test_build_cancel import worker_processes

from tic_desktop.domain.loading import load_round
from tic_desktop.packages.build_job import ISSUING
from tic_desktop.packages.opening import open_package
from tic_desktop.paths import demo_round_file

pytestmark = pytest.mark.gui

DEMO = demo_round_file().parent
APPS = [DEMO / "apps" / f"LC-2026-00{i}.json" for i in (1, 2, 3, 4)]
MEMBERS = [f"E0{i}" for i in range(1, 8)]
PASSPHRASE = "市科技局评审口令 2027"
BUILD_TIMEOUT = 120_000


def type_chinese(widget, text: str) -> None:
    """What an input method does when the clerk picks the characters: commit the string."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_review_day_on_a_small_screen(desktop, qtbot, tmp_path, monkeypatch):
    screen = use_screen(monkeypatch, NETBOOK)
    window = desktop.window
    window._fit_to_screen()

    # --- a new round in the wizard -------------------------------------------------------------
    window.ui.newRoundAction.trigger()
    wizard = window.round_wizard
    qtbot.waitExposed(wizard)
    assert_fits(wizard, screen)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    basics = wizard.basics
    basics.round_id.setFocus()
    qtbot.keyClicks(basics.round_id, "2027-TIC-01")
    type_chinese(basics.round_title, "2027年度聊城市技术创新中心组建评审")
    qtbot.keyClicks(basics.folder, str(tmp_path / "rounds" / "2027-TIC-01"))
    assert basics.round_title.text() == "2027年度聊城市技术创新中心组建评审"
    click(qtbot, next_button)

    page = wizard.applications
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in APPS], "")
    )
    click(qtbot, next(b for b in page.findChildren(QPushButton) if "JSON" in b.text()))
    assert page.table.rowCount() == 4
    assert_fits(wizard, screen, min_rows=3)
    click(qtbot, next_button)

    pool = wizard.experts
    demo = load_round(demo_round_file())
    for expert_id in MEMBERS:
        expert = demo.experts[expert_id]
        pool.add_expert()
        row = pool.table.rowCount() - 1
        for column, value in enumerate(
            (expert.id, expert.name, expert.unit_name, expert.unit_uscc or "", expert.title or "")
        ):
            pool.table.item(row, column).setText(value)
    assert [e.id for e in wizard.draft.experts] == MEMBERS
    assert_fits(wizard, screen, min_rows=3)
    click(qtbot, next_button)
    assert_fits(wizard, screen)  # the rubric: the standard one totals 100
    click(qtbot, next_button)

    builder = wizard.panels
    assert builder.add_panel("P1")
    for expert_id in MEMBERS:
        builder.set_member(expert_id, True)
    builder.set_chair("E01")
    for path in APPS:
        builder.set_application(path.stem, True)
    assert builder.draft.blockers() == []
    assert_fits(wizard, screen, min_rows=2)
    assert "符合回避规则" in builder.blockers.text()
    with qtbot.waitSignal(desktop.bridge.round_opened) as opened:
        click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    review = opened.args[0]
    round_file = tmp_path / "rounds" / "2027-TIC-01" / "round.json"
    assert review.round.id == "2027-TIC-01" and round_file.is_file()
    assert window.last_round() == round_file and window.recent_rounds()[0] == round_file
    assert window.recent_menu.actions()[0].data() == str(round_file)

    # --- the packages: a new workspace, a cancel while issuing credentials, then the build --------
    dialog = window.build_packages()
    qtbot.waitExposed(dialog)
    assert_fits(dialog, screen, min_rows=1)
    workspace = tmp_path / "new" / "bureau-workspace"  # a folder that does not exist yet
    with qtbot.waitSignal(dialog.workspace_ready, timeout=BUILD_TIMEOUT):
        dialog.create_workspace(workspace, PASSPHRASE)
    assert (workspace / "bureau.json").is_file()
    assert dialog.passphrase_edit.text() == PASSPHRASE  # not asked a third time
    out = tmp_path / "packages"
    dialog.out_edit.setText(str(out))

    cancelled_at = {}

    def cancel_while_issuing(done, total, stage):
        if stage == ISSUING and done and not cancelled_at:
            cancelled_at["workers"] = worker_processes()
            cancelled_at["at"] = time.monotonic()
            click(qtbot, dialog.cancel_button)

    dialog.progress_reported.connect(cancel_while_issuing)
    with qtbot.waitSignal(dialog.cancelled, timeout=BUILD_TIMEOUT):
        click(qtbot, dialog.build_button)
    assert time.monotonic() - cancelled_at["at"] < 2.0
    assert cancelled_at["workers"] and worker_processes() == []
    assert not out.exists() and not (workspace / "credentials").exists()
    assert dialog.stage_label.text()
    dialog.progress_reported.disconnect(cancel_while_issuing)

    with qtbot.waitSignal(dialog.built, timeout=BUILD_TIMEOUT) as built:
        click(qtbot, dialog.build_button)
    [package] = built.args[0]
    assert package.file == out / "P1.ticpkg"
    assert dialog.results.topLevelItemCount() == 1 and dialog.print_button.isEnabled()
    assert sorted(p.name for p in (out / "passphrase-sheets").iterdir()) == [
        f"{m}.pdf" for m in MEMBERS
    ]
    assert_fits(dialog, screen)
    from tic_desktop.bureau.workspace import BureauWorkspace

    opened_package = open_package(package.file, {BureauWorkspace(workspace).fingerprint})
    try:
        assert opened_package.manifest.panel_id == "P1"
    finally:
        opened_package.close()
    assert worker_processes() == []
    dialog.reject()

    # --- the other windows of the day fit too ----------------------------------------------------
    editor = window.edit_round()
    qtbot.waitExposed(editor)
    assert_fits(editor, screen, min_rows=2)
    members = editor.panels.members
    assert members.viewport().height() >= 3 * members.sizeHintForRow(0)
    assert editor.panels.issued == {"P1": [editor.panels.issued["P1"][0]]}  # the build is known
    editor.reject()
    register = window.open_register()
    qtbot.waitExposed(register)
    assert_fits(register, screen)
    register.close()
    guide = window.show_guide()
    qtbot.waitExposed(guide)
    assert_fits(guide, screen, has_buttons=False)
    guide.close()
    assert os.path.samefile(window.round_folder(), round_file.parent)
